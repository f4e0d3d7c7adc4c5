"""Terminal output with Rich. Imported only when stdout is a terminal.

Data is always wrapped in `Text` objects, never interpolated into markup, so a name
like `[bold]X[/]` prints as written. Layouts are built to read at 80 columns.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
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
    from tipcli.pictures import Matrix, TreeNode
    from tipcli.search import Hit

HEADING = "bold"
DIM = "dim"
MATCH = "bold yellow"


def sources_table(sources: Iterable[Source]) -> Table:
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


def _items(lines: Iterable[Text]) -> Table:
    """A bulleted list whose wrapped lines hang under the text, not under the bullet."""
    grid = Table.grid(padding=(0, 1), pad_edge=False)
    grid.add_column(width=3, justify="right", no_wrap=True)
    grid.add_column(ratio=1)
    for line in lines:
        grid.add_row(Text("•"), line)
    return grid


def _section(title: str, lines: Iterable[Text]) -> list[RenderableType]:
    """A heading and its bulleted lines, or nothing when there are no lines."""
    items = list(lines)
    return [_heading(title), _items(items)] if items else []


def _short(index: Index, entity_id: str) -> str:
    """An acronym where there is one, else the name: for lists that name many bodies."""
    org = index.organisations.get(entity_id)
    if org is not None and org.acronym:
        return org.acronym
    return index.display_name(entity_id)


def _sources_block(sources: Iterable[Source]) -> list[RenderableType]:
    table = Table(box=None, show_header=False, padding=(0, 1), pad_edge=False)
    table.add_column(style="cyan", no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column()
    for source in sources:
        table.add_row(Text(source.id), Text(source_date(source)), Text(source.title))
    return [_heading("Sources"), table]


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
    parts: list[RenderableType] = [Text(org.name, style="bold")]
    where = Text(org.kind.replace("-", " "), style="italic")
    if card.ancestors:
        where.append(" in " + ", in ".join(_name(a) for a in card.ancestors))
    parts.append(where)
    parts.append(Text(""))
    parts.append(Text(org.summary))
    if org.note:
        parts.append(Text("Note: " + org.note, style=DIM))
    if org.aliases:
        names = "; ".join(f"{a.name} [{', '.join(a.sources)}]" for a in org.aliases)
        parts.append(Text("Also called: " + names, style=DIM))
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
    title = Text(org.acronym or org.id, style="bold cyan")
    return Panel(Group(*parts), title=title, title_align="left", box=box.ROUNDED, padding=(0, 1))


def hotlines(index: Index, entries: Iterable[HotlineEntry]) -> RenderableType:
    blocks: list[RenderableType] = []
    for entry in entries:
        hotline = entry.hotline
        body: list[RenderableType] = [_number(entry)]
        grid = Table(box=None, show_header=False, padding=(0, 1), pad_edge=False)
        grid.add_column(style=DIM, no_wrap=True)
        grid.add_column()
        grid.add_row("Run by", _operators(index, hotline.operators))
        grid.add_row("For", Text(hotline.audience))
        grid.add_row("What", Text(hotline.purpose))
        if hotline.hours:
            grid.add_row("Hours", Text(hotline.hours))
        if len(hotline.numbers) > 1:
            printed = "; ".join(f"{n.number} [{', '.join(n.sources)}]" for n in hotline.numbers)
            grid.add_row("Printed as", Text(printed))
        former = [a for a in hotline.aliases if a.type == "name"]
        if former:
            grid.add_row(
                "Earlier names",
                Text("; ".join(f"{a.name} [{', '.join(a.sources)}]" for a in former)),
            )
        cited = {s for n in hotline.numbers for s in n.sources} | set(hotline.sources)
        dates = sorted(cited, key=index.source_date)
        grid.add_row(
            "Sources",
            Text(", ".join(f"{s} ({index.sources[s].date})" for s in dates)),
        )
        body.append(grid)
        blocks.append(
            Panel(
                Group(*body),
                title=Text(hotline.name, style="bold cyan"),
                title_align="left",
                box=box.ROUNDED,
            )
        )
    return Group(*blocks)


def body(index: Index, view: BodyView) -> RenderableType:
    org = view.body
    when = f"as of {view.year}" if view.year is not None else "newest record"
    parts: list[RenderableType] = [
        Text(org.name, style="bold"),
        Text(f"{org.kind.replace('-', ' ')} · {when}", style="italic"),
    ]
    parts.append(Text(""))
    parts.append(Text(org.summary))
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
    title = Text(org.acronym or org.id, style="bold cyan")
    return Panel(Group(*parts), title=title, title_align="left", box=box.ROUNDED, padding=(0, 1))


def organisations(orgs: Iterable[Organisation]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=False)
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("acronym", no_wrap=True)
    table.add_column("name")
    table.add_column("kind", style=DIM)
    for org in orgs:
        table.add_row(Text(org.id), Text(org.acronym), Text(org.name), Text(org.kind))
    return table


def topics(items: Iterable[Topic], uses: dict[str, int]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=False)
    table.add_column("topic", style="cyan", no_wrap=True)
    table.add_column("uses", justify="right")
    table.add_column("what it covers")
    for topic in items:
        table.add_row(Text(topic.label), Text(str(uses[topic.id])), Text(topic.description))
    return table


def hits(labels: dict[str, str], found: Iterable[Hit]) -> RenderableType:
    grid = Table.grid(padding=(0, 1), pad_edge=False)
    grid.add_column(justify="right", no_wrap=True, style=DIM)
    grid.add_column(ratio=1)
    for number, hit in enumerate(found, start=1):
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
        grid.add_row(Text(f"{number}."), entry)
        grid.add_row("", "")
    return grid


def records(rows: list[dict[str, object]], fields: list[str]) -> Table:
    """Any listing's chosen fields as a table (`--fields` on a terminal)."""
    from tipcli.render.machine import flatten

    table = Table(box=box.SIMPLE_HEAD, expand=False)
    for field in fields:
        table.add_column(field, overflow="fold")
    for row in rows:
        table.add_row(*(Text(flatten(row[field])) for field in fields))
    return table


def timeline(index: Index, events: Iterable[Event]) -> Table:
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
