"""One error hierarchy: each class carries the exit code the CLI turns it into."""

from typing import NamedTuple

from tipcli import entry


class ExitCode:
    """The documented exit codes (also listed in `tip --help` and the README)."""

    OK = 0
    NOT_FOUND = 1  # nothing matched, or a check found the file not canonical
    USAGE = 2  # bad arguments or options (Click uses 2 as well)
    BAD_DATA = 3  # the data file is missing, unreadable, malformed or invalid
    CANNOT_WRITE = 4  # an output file could not be written
    INTERRUPTED = entry.INTERRUPTED  # Ctrl-C
    PIPE_CLOSED = entry.PIPE_CLOSED  # the reader of stdout stopped early (as `head` does)


class TipError(Exception):
    """Base of every error a user can cause; the message is one line for stderr."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFoundError(TipError):
    exit_code = ExitCode.NOT_FOUND


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

    def render(self, path: str) -> str:
        return f"{path}:{self.where}: {self.message}"


class InvalidDataError(DataFileError):
    """The file parsed but breaks the schema or a rule; carries every problem."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        first = problems[0].render(path)
        more = len(problems) - 1
        tail = f" (and {more} more; run 'tip validate {path}')" if more else ""
        super().__init__(f"invalid data file: {first}{tail}")
        self.path = path
        self.problems = problems


class WriteError(TipError):
    exit_code = ExitCode.CANNOT_WRITE
