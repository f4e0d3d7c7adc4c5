"""Terminal output with Rich. Imported only when stdout is a terminal.

Data is always wrapped in `Text` objects, never interpolated into markup, so a name
like `[bold]X[/]` prints as written. Layouts are built to read at 80 columns.

Cards (an organisation, a body, the hotlines, search hits) are built from Text alone,
with a small renderable for lines that wrap under their own start: Rich's tables and
panels would lay them out the same way at several times the cost, and a card is what
people look up all day. Tables are for the listings, and load only there.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.text import Text

from tipcli.index import Index
from tipcli.model import (
    Event,
    Figure,
    Membership,
    Operator,
    Organisation,
    Responsibility,
    Source,
    Topic,
)
from tipcli.views import BodyView, Card, HotlineEntry, ProgramRole, source_date

if TYPE_CHECKING:
    from rich.table import Table

    from tipcli.pictures import Matrix, TreeNode
    from tipcli.search import Hit

HEADING = "bold"
DIM = "dim"
MATCH = "bold yellow"


def sources_table(sources: Iterable[Source]) -> Table:
    from rich.table import Table

    table = Table(title="Source documents", title_justify="left", expand=False)
    table.add_column("id", style="bold cyan", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("publisher")
    table.add_column("title")
    for source in sources:
        table.add_row(
            Text(source.id), Text(source_date(source)), Text(source.publisher), Text(source.title)
        )
    return table


def _cite(sources: Iterable[str]) -> Text:
    return Text("[" + ", ".join(sources) + "]", style=DIM)


def _heading(title: str) -> Text:
    return Text("\n" + title, style=HEADING)


def _bullet(*parts: Text | str) -> Text:
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


def _section(title: str, lines: Iterable[Text]) -> list[RenderableType]:
    """A heading and its bulleted lines, or nothing when there are no lines."""
    items: list[RenderableType] = [Hanging("  • ", line) for line in lines]
    return [_heading(title), *items] if items else []


def _title(org: Organisation) -> RenderableType:
    """A card's first line: the acronym (or id), and the name wrapping under itself."""
    short = Text(org.acronym or org.id, style="bold cyan")
    if org.name == short.plain:
        return short
    return Hanging(short + Text("  "), Text(org.name, style="bold"))


def _short(index: Index, entity_id: str) -> str:
    """An acronym where there is one, else the name: for lists that name many bodies."""
    org = index.organisations.get(entity_id)
    if org is not None and org.acronym:
        return org.acronym
    return index.display_name(entity_id)


def _sources_block(sources: Iterable[Source]) -> list[RenderableType]:
    """Id, date and title in three columns, the title wrapping within its own."""
    cited = list(sources)
    id_width = max((len(s.id) for s in cited), default=0)
    date_width = max((len(source_date(s)) for s in cited), default=0)
    rows: list[RenderableType] = []
    for source in cited:
        lead = Text("  ")
        lead.append(source.id.ljust(id_width), style="cyan")
        lead.append("  " + source_date(source).ljust(date_width) + "  ")
        rows.append(Hanging(lead, Text(source.title)))
    return [_heading("Sources"), *rows]


def _name(org: Organisation) -> str:
    return f"{org.name} ({org.acronym})" if org.acronym else org.name


def _number(entry: HotlineEntry) -> Text:
    number = Text(entry.number.number, style=f"bold link tel:{entry.number.dialable}")
    number.append(f"  ({entry.number.dialable})", style=DIM)
    return number


def _operators(index: Index, operators: Iterable[Operator]) -> Text:
    roles: dict[str, list[str]] = {}
    for op in operators:
        roles.setdefault(op.organisation, []).append(op.role)
    parts = [
        f"{index.display_name(org)} ({', '.join(dict.fromkeys(r))})" for org, r in roles.items()
    ]
    return Text("; ".join(parts))


def _membership_line(index: Index, m: Membership, who: str) -> Text:
    line = _bullet(Text(_short(index, who), style="bold"), f" — {m.role}")
    if m.title:
        line.append(f", {m.title}")
    if m.person:
        line.append(f" ({m.person})")
    if m.note:
        line.append(f". {m.note}")
    line.append(" ")
    line.append_text(_cite(m.sources))
    return line


def _figures(figures: Iterable[Figure]) -> list[RenderableType]:
    return _section(
        "Figures",
        (
            _bullet(f"{f.text} ", Text(f"({f.period}) ", style=DIM), _cite(f.sources))
            for f in figures
        ),
    )


def _duty(index: Index, duty: Responsibility) -> Text:
    line = Text(duty.text + "\n")
    topics = ", ".join(index.topics[t].label for t in duty.topics)
    line.append(f"{topics} · {', '.join(duty.pillars)} ", style=DIM)
    line.append_text(_cite(duty.sources))
    return line


def _program(index: Index, role: ProgramRole) -> Text:
    roles = ", ".join(dict.fromkeys(op.role for op in role.operators))
    sources = sorted({s for op in role.operators for s in op.sources}, key=index.source_date)
    return _bullet(Text(role.program.name, style="bold"), f" — {roles} ", _cite(sources))


def card(index: Index, card: Card) -> RenderableType:
    org = card.org
    parts: list[RenderableType] = [_title(org)]
    where = Text(org.kind.replace("-", " "), style="italic")
    if card.ancestors:
        where.append(" in " + ", in ".join(_name(a) for a in card.ancestors))
    parts.append(Hanging("", where))
    parts.append(Text(""))
    parts.append(Hanging("", Text(org.summary)))
    if org.note:
        parts.append(Hanging("", Text("Note: " + org.note, style=DIM)))
    if org.aliases:
        names = "; ".join(f"{a.name} [{', '.join(a.sources)}]" for a in org.aliases)
        parts.append(Hanging("", Text("Also called: " + names, style=DIM)))
    parts += _section(
        "Leaders", (_bullet(f"{x.title}: {x.person} ", _cite(x.sources)) for x in org.leaders)
    )
    parts += _section("Responsibilities", (_duty(index, d) for d in org.responsibilities))
    parts += _section(
        "Programmes, reports and benefits", (_program(index, pr) for pr in card.programs)
    )
    parts += _section(
        "Hotlines",
        (_bullet(Text(h.hotline.name, style="bold"), "  ", _number(h)) for h in card.hotlines),
    )
    parts += _section("Sits on", (_membership_line(index, m, m.body) for m in card.seats))
    parts += _section(
        "Members (newest record)", (_membership_line(index, m, m.member) for m in card.members)
    )
    parts += _section(
        "Components", (_bullet(_name(c), Text(f"  {c.kind}", style=DIM)) for c in card.children)
    )
    parts.extend(_figures(card.figures))
    parts += _section(
        "Timeline", (_bullet(f"{e.date}  {e.text} ", _cite(e.sources)) for e in card.events)
    )
    parts.extend(_sources_block(card.sources))
    return Group(*parts)


def hotlines(index: Index, entries: Iterable[HotlineEntry]) -> RenderableType:
    blocks: list[RenderableType] = []
    for entry in entries:
        hotline = entry.hotline
        rows: list[tuple[str, Text]] = [
            ("Run by", _operators(index, hotline.operators)),
            ("For", Text(hotline.audience)),
            ("What", Text(hotline.purpose)),
        ]
        if hotline.hours:
            rows.append(("Hours", Text(hotline.hours)))
        if len(hotline.numbers) > 1:
            printed = "; ".join(f"{n.number} [{', '.join(n.sources)}]" for n in hotline.numbers)
            rows.append(("Printed as", Text(printed)))
        former = [a for a in hotline.aliases if a.type == "name"]
        if former:
            names = "; ".join(f"{a.name} [{', '.join(a.sources)}]" for a in former)
            rows.append(("Earlier names", Text(names)))
        cited = {s for n in hotline.numbers for s in n.sources} | set(hotline.sources)
        dates = sorted(cited, key=index.source_date)
        rows.append(("Sources", Text(", ".join(f"{s} ({index.sources[s].date})" for s in dates))))
        if blocks:
            blocks.append(Text(""))
        blocks.append(Text(hotline.name, style="bold cyan"))
        blocks.append(Hanging("  ", _number(entry)))
        width = max(len(label) for label, _ in rows)
        for label, value in rows:
            blocks.append(Hanging(Text(f"  {label.ljust(width)}  ", style=DIM), value))
    return Group(*blocks)


def body(index: Index, view: BodyView) -> RenderableType:
    org = view.body
    when = f"as of {view.year}" if view.year is not None else "newest record"
    parts: list[RenderableType] = [
        _title(org),
        Text(f"{org.kind.replace('-', ' ')} · {when}", style="italic"),
    ]
    parts.append(Text(""))
    parts.append(Hanging("", Text(org.summary)))
    parts += _section(
        "Established", (_bullet(f"{e.date}  {e.text} ", _cite(e.sources)) for e in view.established)
    )
    parts += _section(
        "Legal basis",
        (
            _bullet(Text(law.name, style="bold"), f" ({p.relation}): {p.text} ", _cite(p.sources))
            for law, p in view.legal_basis
        ),
    )
    chairs = [m for m in view.members if m.role == "chair"]
    parts += _section("Chair", (_membership_line(index, m, m.member) for m in chairs))
    others = [m for m in view.members if m.role != "chair"]
    parts += _section(
        f"Members and partners ({len(others)})",
        (_membership_line(index, m, m.member) for m in others),
    )
    parts += _section(
        "Standing committees", (_bullet(c.name, " ", _cite(c.sources)) for c in view.committees)
    )
    parts += _section(
        "Working groups", (_bullet(g.name, " ", _cite(g.sources)) for g in view.working_groups)
    )
    parts.extend(_figures(view.figures))
    parts.extend(_sources_block(view.sources))
    return Group(*parts)


def organisations(orgs: Iterable[Organisation]) -> Table:
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, expand=False)
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("acronym", no_wrap=True)
    table.add_column("name")
    table.add_column("kind", style=DIM)
    for org in orgs:
        table.add_row(Text(org.id), Text(org.acronym), Text(org.name), Text(org.kind))
    return table


def topics(items: Iterable[Topic], uses: dict[str, int]) -> Table:
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, expand=False)
    table.add_column("topic", style="cyan", no_wrap=True)
    table.add_column("uses", justify="right")
    table.add_column("what it covers")
    for topic in items:
        table.add_row(Text(topic.label), Text(str(uses[topic.id])), Text(topic.description))
    return table


def hits(labels: dict[str, str], found: Iterable[Hit]) -> RenderableType:
    listed = list(found)
    width = len(str(len(listed)))
    rows: list[RenderableType] = []
    for number, hit in enumerate(listed, start=1):
        doc = hit.document
        entry = Text(doc.title, style="bold")
        entry.append(f"  {doc.kind} · {hit.match}\n", style=DIM)
        start = len(entry)
        entry.append(doc.text + "\n")
        for first, last in hit.spans:
            entry.stylize(MATCH, start + first, start + last)
        if doc.topics:
            entry.append(", ".join(labels[t] for t in doc.topics) + " · ", style=DIM)
        entry.append_text(_cite(doc.sources))
        rows.append(Hanging(Text(f"{number:>{width}}. ", style=DIM), entry))
        rows.append(Text(""))
    return Group(*rows)


def records(rows: list[dict[str, object]], fields: list[str]) -> Table:
    """Any listing's chosen fields as a table (`--fields` on a terminal)."""
    from rich import box
    from rich.table import Table

    from tipcli.render.machine import flatten

    table = Table(box=box.SIMPLE_HEAD, expand=False)
    for field in fields:
        table.add_column(field, overflow="fold")
    for row in rows:
        table.add_row(*(Text(flatten(row[field])) for field in fields))
    return table


def timeline(index: Index, events: Iterable[Event]) -> Table:
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, expand=False)
    table.add_column("date", style="cyan", no_wrap=True)
    table.add_column("what happened")
    table.add_column("sources", style=DIM)
    for event in events:
        table.add_row(Text(event.date), Text(event.text), Text(", ".join(event.sources)))
    return table


def tree(nodes: Iterable[TreeNode]) -> RenderableType:
    from rich.tree import Tree

    top = Tree(Text("U.S. federal anti-trafficking directory", style="bold"), guide_style=DIM)

    def add(parent: Tree, node: TreeNode) -> None:
        label = Text(_name(node.org), style="bold" if not node.org.parent else "")
        label.append(f"  {node.org.kind}", style=DIM)
        branch = parent.add(label)
        for program in node.programs:
            branch.add(Text(f"{program.name}  {program.kind}", style="cyan"))
        for child in node.children:
            add(branch, child)

    items = list(nodes)
    if len(items) == 1:
        # A subtree: its own organisation is the root.
        (only,) = items
        top = Tree(Text(_name(only.org), style="bold"), guide_style=DIM)
        for program in only.programs:
            top.add(Text(f"{program.name}  {program.kind}", style="cyan"))
        for child in only.children:
            add(top, child)
        return top
    for node in items:
        add(top, node)
    return top


_ROLE_MARKS = {
    "chair": "C", "member": "M", "founder": "F", "lead": "L",
    "funder": "$", "partner": "P", "participant": "p", "support": "S",
}  # fmt: skip


def _codes(headers: tuple[str, ...]) -> list[str]:
    """Short unique column codes: the first letters of a header's first two words."""
    codes: list[str] = []
    for header in headers:
        words = header.replace("-", " ").split()
        code = (words[0][0] + (words[1][0] if len(words) > 1 else words[0][1])).lower()
        while code in codes:
            code = code[0] + chr(ord(code[1]) + 1)
        codes.append(code)
    return codes


def matrix(view: Matrix) -> RenderableType:
    """A compact grid: role marks for bodies, counts for topics and pillars."""
    from rich import box
    from rich.table import Table

    if view.by == "body":
        headers = list(view.headers)
        legend = "  ".join(f"{mark} {role}" for role, mark in _ROLE_MARKS.items())
    else:
        headers = _codes(view.headers)
        legend = "  ".join(
            f"{code} {name}" for code, name in zip(headers, view.headers, strict=True)
        )
    if view.by == "body":
        table = Table(box=box.SIMPLE_HEAD, padding=(0, 1))
    else:
        # No box and no padding: the counts sit two characters apart.
        table = Table(box=None, padding=(0, 0), pad_edge=False, show_edge=False)
    table.add_column("", style="bold", no_wrap=True)
    for header in headers:
        if view.by == "body":
            table.add_column(header, justify="center", no_wrap=True)
        else:
            # Two characters a column: 28 topics and the labels fit in 80 columns.
            table.add_column(header, justify="right", no_wrap=True, width=2)
    for org, cells in view.rows:
        shown = []
        for cell in cells:
            if isinstance(cell, list):
                shown.append(Text("".join(_ROLE_MARKS[r] for r in cell)))
            else:
                shown.append(Text(str(cell) if cell else "·", style="" if cell else DIM))
        # Short row labels leave the columns room at 80 characters.
        table.add_row(Text(org.acronym or org.id), *shown)
    return Group(table, Text(legend, style=DIM))
