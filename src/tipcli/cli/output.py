"""Where output goes and how it looks: the only place that decides terminal or pipe,
and that hands a view to the renderer of the format asked for."""

from __future__ import annotations

import contextlib
import os
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from tipcli.data import verdict
from tipcli.data.streams import fault, write_all
from tipcli.data.text import printable
from tipcli.errors import UsageError, WriteError

if TYPE_CHECKING:
    # Only named here: the renderers import the views they take, and `tip --help`,
    # `--version` and completion need none of them.
    from tipcli.query.views import Listing, View


class Format(StrEnum):
    TABLE = "table"
    PLAIN = "plain"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    TSV = "tsv"
    MARKDOWN = "markdown"


def stdout_is_terminal() -> bool:
    return sys.stdout is not None and sys.stdout.isatty()


def choose(asked: tuple[Format, ...]) -> Format:
    """The one format asked for; else a table on a terminal and plain text in a pipe."""
    if len(asked) > 1:
        flags = " and ".join(f"--{fmt.value}" for fmt in asked)
        raise UsageError(f"choose one output format, not {flags}")
    if asked:
        return asked[0]
    return Format.TABLE if stdout_is_terminal() else Format.PLAIN


def color_allowed(no_color: bool = False) -> bool:
    # https://no-color.org: any non-empty NO_COLOR turns colour off; so does TERM=dumb.
    return not (no_color or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb")


def write(text: str) -> None:
    """Write to stdout, all of it or a WriteError: a full disk, a closed or broken
    descriptor is never a traceback nor a silently short file.

    Where stdout is a real file, the bytes go to its descriptor in a loop, as an
    unbuffered text stream (PYTHONUNBUFFERED=1) can write part of them and say nothing.
    """
    write_encoded([encoded(text)])


def encoded(text: str) -> bytes:
    """Text as stdout takes it: in its encoding, anything that cannot be escaped."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    return text.encode(encoding, "backslashreplace")


def output_is_utf8() -> bool:
    """Whether stdout's encoding is UTF-8, so that UTF-8 can be written to it as it is."""
    import codecs

    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        return codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False


def write_encoded(pieces: list[bytes]) -> None:
    """Pieces of text (each `encoded`) to stdout in order, as `write` writes text."""
    verdict.settle()  # no answer of a file that its check, if still running, finds invalid
    stream = sys.stdout
    if stream is None:  # started with stdout closed (`tip list >&-`)
        raise WriteError("cannot write the output: standard output is closed")
    try:
        try:
            descriptor = stream.fileno()
        except (AttributeError, OSError, ValueError):
            # Not a file (a test's capture): its own write is whole.
            stream.write(b"".join(pieces).decode(stream.encoding or "utf-8"))
            stream.flush()
            return
        stream.flush()
    except OSError as err:
        raise fault(err, "the output") from None
    write_all(descriptor, pieces, "the output")


def write_line(text: str) -> None:
    """One line of outside text on stdout, with control characters made visible."""
    write(printable(text) + "\n")


def error(message: str) -> None:
    """One line on stderr, prefixed with the program's name."""
    _to_stderr(f"tip: {printable(message)}\n")


def note(message: str) -> None:
    """A status line for people (stderr), so that stdout stays data."""
    _to_stderr(f"{printable(message)}\n")


def _to_stderr(text: str) -> None:
    # With stderr closed or full there is no one left to tell; the exit code still says.
    verdict.settle()
    if sys.stderr is None:
        return
    with contextlib.suppress(OSError):
        sys.stderr.write(text)
        sys.stderr.flush()


class Output(NamedTuple):
    """What a command was asked for: which data file, and which output form."""

    data: str | None
    formats: tuple[Format, ...]  # the format flags given (at most one is allowed)
    no_color: bool
    fields: tuple[str, ...] = ()

    def emit(self, view: View) -> None:
        """Print a view in the one form asked for; only that form's work is done."""
        fmt = choose(self.formats)
        if fmt in (Format.JSON, Format.JSONL):
            from tipcli.render.records import card, to_json

            # JSON Lines is the one record on one line, wherever it goes.
            pretty = fmt is Format.JSON and stdout_is_terminal()
            write(to_json(card(view), pretty=pretty))
        elif fmt is Format.MARKDOWN:
            _markdown(view)
        else:
            self._draw(view, fmt)

    def _draw(self, view: View | Listing, fmt: Format) -> None:
        """Plain text, or the view's own layout on a terminal."""
        if fmt is Format.PLAIN:
            from tipcli.render.plain import text

            write(text(view))
        else:
            from tipcli.render import terminal

            terminal.show(terminal.renderable(view), color=color_allowed(self.no_color))

    def emit_listing(self, view: Listing) -> None:
        """A listing in any format; --fields picks and orders the fields of each record.
        What a person should be told beside the data follows on stderr."""
        self._emit_listing(view)
        from tipcli.render.notes import notes

        for line in notes(view):
            note(f"tip: {line}")

    def _emit_listing(self, view: Listing) -> None:
        fmt = choose(self.formats)
        if fmt is Format.MARKDOWN:
            if self.fields:
                raise UsageError("--fields does not go with --markdown")
            _markdown(view)
            return
        if fmt in (Format.TABLE, Format.PLAIN) and not self.fields:
            self._draw(view, fmt)
            return
        from tipcli.render import delimited, records

        rows = records.rows(view)
        available = list(rows[0]) if rows else []
        fields = list(self.fields) or available
        unknown = [f for f in fields if f not in available]
        if unknown:
            raise UsageError(f"unknown field '{unknown[0]}' (fields: {', '.join(available)})")
        chosen = delimited.pick(rows, fields) if self.fields else rows
        if fmt is Format.JSON:
            write(records.to_json(chosen, pretty=stdout_is_terminal()))
        elif fmt is Format.JSONL:
            write(records.jsonl(chosen))
        elif fmt is Format.TABLE:
            from tipcli.render import terminal

            terminal.show(terminal.fields_table(chosen, fields), color=color_allowed(self.no_color))
        else:
            tabs = fmt is not Format.CSV
            header = fmt is not Format.PLAIN
            write(delimited.delimited(chosen, fields, tabs=tabs, header=header))


def _markdown(view: View | Listing) -> None:
    """A card, or the hotlines, as Markdown to paste into a document or mail."""
    from tipcli.render.markdown import markdown

    write(markdown(view))
