"""Text for a manual page in roff, the language `man` reads: each function takes plain
text and gives roff lines in which no character of that text can act as markup.

What needs care: a backslash starts an escape; a line that starts with `.` or `'` is
a request; `-` is a hyphen that a terminal may show as U+2010, where a command needs
ASCII's hyphen-minus (`\\-`); quotes, `^` and `~` may be shown as typographic ones;
and anything beyond ASCII is safest as a named code point.
"""

from collections.abc import Iterable

_ESCAPES = {
    "\\": r"\e",
    "-": r"\-",
    "'": r"\(aq",
    "`": r"\(ga",
    '"': r"\(dq",
    "^": r"\(ha",
    "~": r"\(ti",
}


def escape(text: str) -> str:
    """`text` with every character roff could read as markup escaped, for the middle
    of a line; see `line` for a line's start."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) > 126:
            out.append(f"\\[u{ord(char):04X}]")
        elif ord(char) < 32:
            out.append(" ")  # a control character has no glyph
        else:
            out.append(char)
    return "".join(out)


def line(roff: str) -> str:
    """A line of roff text that is not read as a request: `\\&` (a character of no
    width) goes before a leading `.` or `'`."""
    return "\\&" + roff if roff.startswith((".", "'")) else roff


def bold(text: str) -> str:
    return rf"\fB{escape(text)}\fR"


def italic(text: str) -> str:
    return rf"\fI{escape(text)}\fR"


def title(name: str, section: int, footer: str, manual: str) -> list[str]:
    """The page's first line: NAME(SECTION) in the corners, `footer` at the bottom
    left, and `manual` at the top. The date is left out, so that a build of the same
    source makes the same page."""
    fields = [name.upper(), str(section), "", footer, manual]
    return [".TH " + " ".join(_argument(field) for field in fields)]


def heading(text: str) -> list[str]:
    return [".SH " + _argument(text.upper())]


def subheading(text: str) -> list[str]:
    return [".SS " + _argument(text)]


def paragraph(text: str) -> list[str]:
    """A paragraph, filled and adjusted by `man` to the reader's width."""
    return [".PP", line(escape(" ".join(text.split())))]


def preformatted(lines: Iterable[str], indent: int = 4) -> list[str]:
    """Lines shown as they are, indented: commands to copy, a table."""
    return [f".RS {indent}", ".nf", *(line(escape(text)) for text in lines), ".fi", ".RE"]


def item(tag: str, text: str) -> list[str]:
    """A tagged paragraph: `tag` (roff already, such as an option in bold) on a line of
    its own, then `text` indented under it."""
    words = " ".join(text.split())
    return [".TP", line(tag), *([line(escape(words))] if words else [])]


def raw(text: str) -> list[str]:
    """A line of roff made by the functions above."""
    return [line(text)]


def _argument(text: str) -> str:
    """A macro's argument, quoted so that spaces stay inside it (a quote in it is
    escaped, as every quote is)."""
    return f'"{escape(text)}"'
