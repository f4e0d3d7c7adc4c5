"""The pieces a Markdown card is made of: escaped text, headings, bulleted sections,
citations, the list of the documents cited, and how recent the record is.

A card is a list of blocks (a heading, a paragraph, a list), joined by blank lines. Data
text always goes through `md`, so that a name or a statement prints as written and never
formats: no stray emphasis, link, heading, list or table cell.
"""

import re
from collections.abc import Iterable, Sequence

from tipcli.data.model import Alias, Source
from tipcli.render.pieces import UNCITED_NAME, source_title

# Characters that format wherever they stand (`&` only where it would start an entity).
_INLINE = re.compile(r"[\\`*_\[\]<>|#~]|&(?=#|[A-Za-z][A-Za-z0-9]*;)")
# What starts a list item, a block quote or a heading underline at the start of a line.
_LINE_START = re.compile(r"^(?:[-+=]|(\d{1,9})([.)]))")


def md(text: str) -> str:
    """Text safe inside Markdown, anywhere in a line: what would format is escaped."""
    escaped = _INLINE.sub(lambda m: "\\" + m.group(0), text)
    return _LINE_START.sub(_escape_start, escaped)


def _escape_start(match: re.Match[str]) -> str:
    digits, mark = match.group(1), match.group(2)
    return f"{digits}\\{mark}" if digits else "\\" + match.group(0)


def heading(level: int, title: str) -> str:
    return f"{'#' * level} {title}"


def cite(sources: Iterable[str]) -> str:
    """A statement's sources, as the cards on a terminal cite them: `[tipr-2005]`.
    Source ids are lowercase letters, digits and hyphens: nothing to escape."""
    return "[" + ", ".join(sources) + "]"


def section(level: int, title: str, items: Iterable[str]) -> list[str]:
    """A heading and a bulleted list under it, or nothing when there are no items."""
    bullets = [f"- {item}" for item in items]
    return [heading(level, title), "\n".join(bullets)] if bullets else []


def also_called(aliases: Iterable[Alias]) -> list[str]:
    """The other names of a thing, each with its sources, or nothing."""
    called = [
        f"{md(a.name)} {cite(a.sources)}" if a.sources else f"{md(a.name)} {UNCITED_NAME}"
        for a in aliases
    ]
    return ["Also called: " + "; ".join(called)] if called else []


def source_line(source: Source) -> str:
    """A document cited: its id as citations give it, title, publisher and date."""
    title = md(source_title(source, whole_path=False))
    return f"{cite([source.id])} *{title}*, {md(source.publisher)}, {source.date_label}"


def sources_section(level: int, sources: Iterable[Source]) -> list[str]:
    return section(level, "Sources", (source_line(s) for s in sources))


def as_of(cited: Sequence[Source], data_as_of: Source, what: str = "card") -> str:
    """How recent the record is: the newest document in view, and the newest source of
    what is shown where that is older, so that a record last stated in 2007 does not
    pass for current. The cards on a terminal end with the same sentence; here it also
    names the newest document when the list above does not, as a reader on paper has
    no `tip sources` to ask."""
    line = f"Record as of {data_as_of.date_label}, the date of {data_as_of.id}"
    if data_as_of not in cited:
        # Named, as it is not in the list above.
        line += f" (*{md(data_as_of.title)}*)"
    newest = max(cited, key=lambda s: s.date, default=None)
    if newest is not None and newest.id != data_as_of.id:
        line += f"; this {what}'s newest source is {newest.id} ({newest.date_label})"
    return line + "."


def document(blocks: Iterable[str]) -> str:
    """Blocks joined by blank lines, ending with a newline."""
    return "\n\n".join(b for b in blocks if b) + "\n"
