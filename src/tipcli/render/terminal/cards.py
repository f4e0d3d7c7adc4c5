"""Cards on a terminal: an organisation, a body, the hotlines and search hits, built
from Text alone (see `layout`): a card is what people look up all day."""

from collections.abc import Iterable

from rich.console import Group, RenderableType
from rich.text import Text

from tipcli.data.model import Figure, Membership, Operator, Responsibility, full_name
from tipcli.query.asof import Names
from tipcli.query.views import (
    BodyView,
    Card,
    HotlineEntry,
    HotlineList,
    ProgramRole,
    SearchResults,
)
from tipcli.render.pieces import seat
from tipcli.render.terminal.layout import (
    DIM,
    MATCH,
    Hanging,
    age,
    also_called,
    bullet,
    cite,
    section,
    sources_block,
    title,
)


def _number(entry: HotlineEntry) -> Text:
    """The number to call, a link on terminals that take one, and the date of the newest
    document that gives it."""
    # Appended, not the Text's own style: that would stretch the link over the date.
    number = Text()
    number.append(entry.number.number, style=f"bold link tel:{entry.number.dialable}")
    number.append(f"  ({entry.number.dialable})", style=DIM)
    number.append(f"  as of {entry.stated.date_label}", style=DIM)
    return number


def _operators(names: Names, operators: Iterable[Operator]) -> Text:
    roles: dict[str, list[str]] = {}
    for op in operators:
        roles.setdefault(op.organisation, []).append(op.role)
    parts = [f"{names.full(org)} ({', '.join(dict.fromkeys(r))})" for org, r in roles.items()]
    return Text("; ".join(parts))


def _membership_line(names: Names, m: Membership, who: str) -> Text:
    return bullet(Text(names.short(who), style="bold"), seat(names, m) + " ", cite(m.sources))


def _figures(figures: Iterable[Figure]) -> list[RenderableType]:
    return section(
        "Figures",
        (bullet(f"{f.text} ", Text(f"({f.period}) ", style=DIM), cite(f.sources)) for f in figures),
    )


def _duty(names: Names, duty: Responsibility) -> Text:
    line = Text(duty.text + "\n")
    topics = ", ".join(names.topic(t) for t in duty.topics)
    line.append(f"{topics} · {', '.join(duty.pillars)} ", style=DIM)
    line.append_text(cite(duty.sources))
    return line


def _program(names: Names, role: ProgramRole) -> Text:
    roles = ", ".join(dict.fromkeys(op.role for op in role.operators))
    sources = names.by_date(s for op in role.operators for s in op.sources)
    return bullet(Text(role.program.name, style="bold"), f" — {roles} ", cite(sources))


def card(card: Card) -> RenderableType:
    names = card.names
    org = card.org
    parts: list[RenderableType] = [title(org)]
    where = Text(org.kind.replace("-", " "), style="italic")
    if card.ancestors:
        where.append(" in " + ", in ".join(full_name(a) for a in card.ancestors))
    parts.append(Hanging("", where))
    parts.append(Text(""))
    parts.append(Hanging("", Text(org.summary)))
    if org.note:
        parts.append(Hanging("", Text("Note: " + org.note, style=DIM)))
    parts += also_called(org.aliases)
    parts += section(
        "Leaders",
        (
            bullet(f"{x.title}: {x.person}, as of {names.newest(x.sources).year} ", cite(x.sources))
            for x in org.leaders
        ),
    )
    parts += section("Responsibilities", (_duty(names, d) for d in org.responsibilities))
    parts += section(
        "Programmes, reports and benefits", (_program(names, pr) for pr in card.programs)
    )
    parts += section(
        "Hotlines",
        (bullet(Text(h.hotline.name, style="bold"), "  ", _number(h)) for h in card.hotlines),
    )
    parts += section("Sits on", (_membership_line(names, m, m.body) for m in card.seats))
    parts += section("Members", (_membership_line(names, m, m.member) for m in card.members))
    parts += section(
        "Components", (bullet(full_name(c), Text(f"  {c.kind}", style=DIM)) for c in card.children)
    )
    parts.extend(_figures(card.figures))
    parts += section(
        "Timeline", (bullet(f"{e.date}  {e.text} ", cite(e.sources)) for e in card.events)
    )
    parts.extend(sources_block(card.sources))
    parts.extend(age(card.sources, card.data_as_of))
    return Group(*parts)


def hotlines(view: HotlineList) -> RenderableType:
    names = view.names
    blocks: list[RenderableType] = []
    for entry in view.entries:
        hotline = entry.hotline
        rows: list[tuple[str, Text]] = [
            ("Run by", _operators(names, hotline.operators)),
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
            earlier = "; ".join(f"{a.name} [{', '.join(a.sources)}]" for a in former)
            rows.append(("Earlier names", Text(earlier)))
        cited = {s for n in hotline.numbers for s in n.sources} | set(hotline.sources)
        dated = ", ".join(f"{s} ({names.source(s).date})" for s in names.by_date(sorted(cited)))
        rows.append(("Sources", Text(dated)))
        if blocks:
            blocks.append(Text(""))
        blocks.append(Text(hotline.name, style="bold cyan"))
        blocks.append(Hanging("  ", _number(entry)))
        width = max(len(label) for label, _ in rows)
        for label, value in rows:
            blocks.append(Hanging(Text(f"  {label.ljust(width)}  ", style=DIM), value))
    return Group(*blocks)


def body(view: BodyView) -> RenderableType:
    names = view.names
    org = view.body
    when = f"as of {view.year}" if view.year is not None else "newest record"
    if view.parent is not None:
        when = f"of {names.full(view.parent.id)} · {when}"
    parts: list[RenderableType] = [
        title(org),
        Text(f"{org.kind.replace('-', ' ')} · {when}", style="italic"),
    ]
    parts.append(Text(""))
    parts.append(Hanging("", Text(org.summary)))
    parts += section(
        "Established", (bullet(f"{e.date}  {e.text} ", cite(e.sources)) for e in view.established)
    )
    parts += section(
        "Legal basis",
        (
            bullet(Text(law.name, style="bold"), f" ({p.relation}): {p.text} ", cite(p.sources))
            for law, p in view.legal_basis
        ),
    )
    chairs = [m for m in view.members if m.role == "chair"]
    parts += section("Chair", (_membership_line(names, m, m.member) for m in chairs))
    others = [m for m in view.members if m.role != "chair"]
    parts += section(
        f"Members and partners ({len(others)})",
        (_membership_line(names, m, m.member) for m in others),
    )
    parts += section(
        "Standing committees", (bullet(c.name, " ", cite(c.sources)) for c in view.committees)
    )
    parts += section(
        "Working groups", (bullet(g.name, " ", cite(g.sources)) for g in view.working_groups)
    )
    parts.extend(_figures(view.figures))
    parts.extend(sources_block(view.sources))
    parts.extend(age(view.sources, view.data_as_of))
    return Group(*parts)


def hits(view: SearchResults) -> RenderableType:
    labels = view.labels
    listed = list(view.hits)
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
        entry.append_text(cite(doc.sources))
        rows.append(Hanging(Text(f"{number:>{width}}. ", style=DIM), entry))
        rows.append(Text(""))
    return Group(*rows)
