"""The pieces cards are laid out with: headings, bullets, citations, and a hanging
indent.

Data is always wrapped in `Text` objects, never interpolated into markup, so a name
like `[bold]X[/]` prints as written. Layouts are built to read at 80 columns. Rich's
tables and panels would lay cards out the same way at several times the cost.
"""

from collections.abc import Iterable

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.segment import Segment
from rich.text import Text

from tipcli.data.model import Alias, Organisation, Source
from tipcli.render.pieces import UNCITED_NAME, age_note, source_title

HEADING = "bold"
DIM = "dim"
MATCH = "bold yellow"


def cite(sources: Iterable[str]) -> Text:
    return Text("[" + ", ".join(sources) + "]", style=DIM)


def heading(title: str) -> Text:
    return Text("\n" + title, style=HEADING)


def bullet(*parts: Text | str) -> Text:
    line = Text()
    for part in parts:
        line.append_text(part if isinstance(part, Text) else Text(part))
    return line


class Hanging:
    """Text after a lead (a bullet, a label, the columns of a source) that wraps with
    every further line indented to where the text began, and no line ending in the
    space it was broken at (with no lead, a plain paragraph):

          • Lets victims who may be witnesses stay in the country for a time while
            their traffickers are investigated or prosecuted.
    """

    def __init__(self, lead: Text | str, text: Text) -> None:
        self.lead = Text(lead) if isinstance(lead, str) else lead
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        indent = self.lead.cell_len
        width = options.max_width - indent
        lead, pad = self.lead, Text(" " * indent)
        if width < 10:
            # Too narrow to hang: indenting would cut words, so the text takes the
            # whole width on the lines after the lead.
            alone = self.lead.copy()
            alone.rstrip()
            yield from alone.render(console)
            yield Segment.line()
            width, lead, pad = options.max_width, Text(), Text()
        if "\n" not in self.text.plain and self.text.cell_len <= width:
            # Most lines fit: Rich's word wrapping is the costly part of a card.
            yield from lead.render(console)
            yield from self.text.render(console)
            yield Segment.line()
            return
        for number, line in enumerate(self.text.wrap(console, width)):
            line.rstrip()  # the space a line was broken at
            yield from (lead if number == 0 else pad).render(console)
            yield from line.render(console)
            yield Segment.line()


def section(title: str, lines: Iterable[Text]) -> list[RenderableType]:
    """A heading and its bulleted lines, or nothing when there are no lines."""
    items: list[RenderableType] = [Hanging("  • ", line) for line in lines]
    return [heading(title), *items] if items else []


def title(org: Organisation) -> RenderableType:
    """A card's first line: the acronym, and the name wrapping under itself (the name
    alone where there is no acronym)."""
    if not org.acronym or org.acronym == org.name:
        return Text(org.name, style="bold cyan")
    short = Text(org.acronym, style="bold cyan")
    return Hanging(short + Text("  "), Text(org.name, style="bold"))


def sources_block(sources: Iterable[Source]) -> list[RenderableType]:
    """Id, date and title in three columns, the title wrapping within its own."""
    cited = list(sources)
    id_width = max((len(s.id) for s in cited), default=0)
    date_width = max((len(s.date_label) for s in cited), default=0)
    rows: list[RenderableType] = []
    for source in cited:
        lead = Text("  ")
        lead.append(source.id.ljust(id_width), style="cyan")
        lead.append("  " + source.date_label.ljust(date_width) + "  ")
        rows.append(Hanging(lead, Text(source_title(source))))
    return [heading("Sources"), *rows]


def age(cited: Iterable[Source], data_as_of: Source) -> list[RenderableType]:
    return [Hanging("", Text("\n" + age_note(cited, data_as_of), style=DIM))]


def also_called(aliases: Iterable[Alias]) -> list[RenderableType]:
    """The other names of a thing, each with its sources, or nothing."""
    called = [
        f"{a.name} [{', '.join(a.sources)}]" if a.sources else f"{a.name} {UNCITED_NAME}"
        for a in aliases
    ]
    if not called:
        return []
    return [Hanging("", Text("Also called: " + "; ".join(called), style=DIM))]
