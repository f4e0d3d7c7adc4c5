"""Listings on a terminal: tables for the sources, organisations, topics, the timeline
and chosen fields, a tree for the hierarchy and a grid for the matrix. Imported only
for those, so that a card does not load Rich's tables."""

from collections.abc import Iterable

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from tipcli.data.model import Event, Organisation, Source, Topic, full_name
from tipcli.query.views import Matrix, TreeNode
from tipcli.render.delimited import flatten
from tipcli.render.pieces import source_title
from tipcli.render.terminal.layout import DIM, Hanging


def sources(sources: Iterable[Source]) -> RenderableType:
    """The documents as a table, then how each one's date is known."""
    listed = list(sources)
    table = Table(title="Source documents", title_justify="left", expand=False)
    table.add_column("id", style="bold cyan", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("publisher")
    table.add_column("title")
    for source in listed:
        table.add_row(
            Text(source.id),
            Text(source.date_label),
            Text(source.publisher),
            Text(source_title(source)),
        )
    width = max(len(s.id) for s in listed)
    bases = [
        Hanging(
            Text(f"  {s.id.ljust(width)}  ", style="cyan"),
            Text(s.date_basis or "The document states its date."),
        )
        for s in listed
    ]
    return Group(table, Text("How each date is known", style="bold"), *bases)


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


def records(rows: list[dict[str, object]], fields: list[str]) -> Table:
    """Any listing's chosen fields as a table (`--fields` on a terminal)."""
    table = Table(box=box.SIMPLE_HEAD, expand=False)
    for field in fields:
        table.add_column(field, overflow="fold")
    for row in rows:
        table.add_row(*(Text(flatten(row[field])) for field in fields))
    return table


def timeline(events: Iterable[Event]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=False)
    table.add_column("date", style="cyan", no_wrap=True)
    table.add_column("what happened")
    table.add_column("sources", style=DIM)
    for event in events:
        table.add_row(Text(event.date), Text(event.text), Text(", ".join(event.sources)))
    return table


def tree(nodes: Iterable[TreeNode]) -> RenderableType:
    """A Rich tree from the top, or rooted at the one organisation asked for; built with
    a stack of its own, as a chain of components can be deeper than Python's."""
    items = list(nodes)
    if len(items) == 1:
        # A subtree: its own organisation is the root.
        (only,) = items
        top = Tree(Text(full_name(only.org), style="bold"), guide_style=DIM)
        stack = [(top, only, True)]
    else:
        top = Tree(Text("U.S. federal anti-trafficking directory", style="bold"), guide_style=DIM)
        stack = [(top, node, False) for node in reversed(items)]
    while stack:
        parent, node, is_root = stack.pop()
        branch = parent
        if not is_root:
            label = Text(full_name(node.org), style="bold" if not node.org.parent else "")
            label.append(f"  {node.org.kind}", style=DIM)
            branch = parent.add(label)
        for program in node.programs:
            branch.add(Text(f"{program.name}  {program.kind}", style="cyan"))
        stack.extend((branch, child, False) for child in reversed(node.children))
    return top


_ROLE_MARKS = {
    "chair": "C", "member": "M", "founder": "F", "lead": "L",
    "funder": "$", "partner": "P", "participant": "p", "support": "S",
}  # fmt: skip


def matrix(view: Matrix) -> RenderableType:
    """Who sits where (role marks, with a legend), or how many responsibilities serve
    each pillar; by topic, each organisation's topics named in full."""
    if view.by == "topic":
        return _topics_by_organisation(view)
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 1))
    table.add_column("", style="bold")
    for header in view.headers:
        table.add_column(header, justify="center" if view.by == "body" else "right")
    for org, cells in view.rows:
        shown = []
        for cell in cells:
            if isinstance(cell, list):
                shown.append(Text("".join(_ROLE_MARKS[r] for r in cell)))
            else:
                shown.append(Text(str(cell) if cell else "·", style="" if cell else DIM))
        table.add_row(Text(org.acronym or org.name), *shown)
    if view.by != "body":
        return table
    legend = "  ".join(f"{mark} {role}" for role, mark in _ROLE_MARKS.items())
    return Group(table, Text(legend, style=DIM))


def _topics_by_organisation(view: Matrix) -> RenderableType:
    """Twenty-eight topic columns cannot be read at 80 columns: each organisation's
    topics are listed by name, with how many of its responsibilities serve each."""
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 1))
    table.add_column("organisation", style="bold", ratio=1)
    table.add_column("topics (responsibilities)", ratio=2)
    for org, cells in view.rows:
        counts = [(label, n) for label, n in zip(view.headers, cells, strict=True) if n]
        table.add_row(
            Text(org.acronym or org.name), Text(" · ".join(f"{t} {n}" for t, n in counts))
        )
    return table
