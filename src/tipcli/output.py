"""Where output goes and how it looks: the only place that decides terminal or pipe."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from typing import TYPE_CHECKING

from tipcli.entry import PipeClosed
from tipcli.text import printable

if TYPE_CHECKING:
    from rich.console import RenderableType


class Format(StrEnum):
    TABLE = "table"
    PLAIN = "plain"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    TSV = "tsv"


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def choose(asked: list[Format]) -> Format:
    """The one format asked for; else a table on a terminal and plain text in a pipe."""
    if len(asked) > 1:
        from tipcli.errors import UsageError

        flags = " and ".join(f"--{fmt.value}" for fmt in asked)
        raise UsageError(f"choose one output format, not {flags}")
    if asked:
        return asked[0]
    return Format.TABLE if stdout_is_terminal() else Format.PLAIN


def color_allowed(no_color: bool = False) -> bool:
    # https://no-color.org: any non-empty NO_COLOR turns colour off; so does TERM=dumb.
    return not (no_color or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb")


def write(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise PipeClosed from None


def write_line(text: str) -> None:
    """One line of outside text on stdout, with control characters made visible."""
    write(printable(text) + "\n")


def show(renderable: RenderableType, *, no_color: bool = False) -> None:
    """Print a Rich renderable to stdout (a terminal)."""
    from rich.console import Console

    console = Console(no_color=not color_allowed(no_color), highlight=False, soft_wrap=False)
    try:
        console.print(renderable)
        sys.stdout.flush()
    except BrokenPipeError:
        raise PipeClosed from None


def error(message: str) -> None:
    """One line on stderr, prefixed with the program's name."""
    sys.stderr.write(f"tip: {printable(message)}\n")


def note(message: str) -> None:
    """A status line for people (stderr), so that stdout stays data."""
    sys.stderr.write(f"{printable(message)}\n")
