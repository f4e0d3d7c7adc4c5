"""Exit codes and every error `tip` raises. Standard library only: every layer imports it.

Each error a user can cause carries the exit code it ends with; `tipcli.cli.app` is the
one place that turns them into a line on stderr and that code.
"""

from enum import IntEnum
from typing import NamedTuple


class ExitCode(IntEnum):
    """The documented exit codes (also listed in `tip --help` and the README)."""

    OK = 0
    NOT_FOUND = 1  # nothing matched, or a check found the file not canonical
    USAGE = 2  # bad arguments or options (Click uses 2 as well)
    BAD_DATA = 3  # the data file is missing, unreadable, malformed or invalid
    CANNOT_WRITE = 4  # an output file could not be written
    INTERRUPTED = 130  # Ctrl-C: 128 + SIGINT, as shells report it
    PIPE_CLOSED = 141  # the reader of stdout stopped early: 128 + SIGPIPE, as `yes | head`


class PipeClosed(BaseException):
    """The reader of stdout went away: not a failure of ours or the user's."""


class TipError(Exception):
    """Base of every error a user can cause; the message is one line for stderr."""

    exit_code = ExitCode.NOT_FOUND

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFoundError(TipError):
    exit_code = ExitCode.NOT_FOUND


class AmbiguousQueryError(NotFoundError):
    """The query names several organisations (or programmes, or laws); the user must pick
    one.

    `quoted_query` is the query as the message shows it; `ids` are the candidates' ids,
    `labels` how the message names them, and `plural` what they are.
    """

    MAX_LISTED = 8

    def __init__(
        self, quoted_query: str, ids: list[str], labels: list[str], plural: str = "organisations"
    ) -> None:
        listed = "; ".join(labels[: self.MAX_LISTED])
        more = len(labels) - self.MAX_LISTED
        tail = f"; and {more} more" if more > 0 else ""
        super().__init__(
            f"{quoted_query} matches {len(labels)} {plural}: {listed}{tail}. "
            "Give an acronym or more of the name."
        )
        self.ids = ids


class CheckFailedError(TipError):
    """A check the user asked for did not pass (such as `tip data fmt --check`)."""

    exit_code = ExitCode.NOT_FOUND


class UsageError(TipError):
    exit_code = ExitCode.USAGE


class DataFileError(TipError):
    """The data file cannot be used: missing, unreadable, not UTF-8, malformed."""

    exit_code = ExitCode.BAD_DATA


class Problem(NamedTuple):
    """One thing wrong with a data file, with its place.

    `where` is `LINE:COL` for TOML syntax, else the entity and field, such as
    `organisations[dhs].responsibilities[2].topics`.
    """

    where: str
    message: str
    # The file the problem is in, where it is not the one being read: an added file.
    file: str = ""

    def render(self, path: str) -> str:
        return f"{self.file or path}:{self.where}: {self.message}"


class SyntaxProblemError(DataFileError):
    """The file is not well-formed TOML (or JSON); carries the LINE:COL problem."""

    def __init__(self, path: str, problem: Problem) -> None:
        super().__init__(problem.render(path))
        self.label = path
        self.problem = problem


class Problems:
    """The problems of a file, as found: the first LISTED of them kept, all counted, so
    that a file of a million mistakes does not take the machine's memory."""

    LISTED = 200

    def __init__(self) -> None:
        self.listed: list[Problem] = []
        self.total = 0

    def add(self, where: str, message: str, file: str = "") -> None:
        self.total += 1
        if len(self.listed) < self.LISTED:
            self.listed.append(Problem(where, message, file))


def command_line(*words: str) -> str:
    """A command to suggest, quoted as a shell reads it: a user's file named
    `x$(touch PWNED).toml` is suggested as a name, never as a command to run."""
    return " ".join(_shell_word(word) for word in words)


def _shell_word(word: str) -> str:
    if word.isprintable():
        import shlex  # only for the message of a failed run

        return shlex.quote(word)
    # A control character, or a byte of a name that is not UTF-8: $'...' spells each
    # byte, so that the command pasted names the same file (bash, zsh, ksh, POSIX 2024).
    import os

    spelled = "".join(
        chr(byte) if 0x20 <= byte < 0x7F and byte not in b"'\\" else f"\\x{byte:02x}"
        for byte in os.fsencode(word)
    )
    return f"$'{spelled}'"


class InvalidDataError(DataFileError):
    """The file parsed but breaks the schema or a rule; carries the problems found
    (the first Problems.LISTED of them) and how many there are."""

    def __init__(
        self, path: str, problems: list[Problem], total: int | None = None, rerun: str = ""
    ) -> None:
        first = problems[0].render(path)
        count = len(problems) if total is None else total
        more = count - 1
        # What lists them all: `rerun`, where checking `path` alone would not.
        rerun = rerun or command_line("tip", "validate", path)
        tail = f" (and {more} more; run: {rerun})" if more else ""
        super().__init__(f"invalid data file: {first}{tail}")
        self.path = path
        self.problems = problems
        self.total = count


class WriteError(TipError):
    exit_code = ExitCode.CANNOT_WRITE
