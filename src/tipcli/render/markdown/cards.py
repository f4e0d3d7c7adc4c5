"""An organisation's card and an interagency body's in Markdown: the facts of the card on
a terminal, each statement with its sources, headed at any level so that the whole
directory can be one document of them (see `handbook`)."""

from collections.abc import Iterable

from tipcli.data.model import Event, Figure, Membership, Organisation, Responsibility, full_name
from tipcli.query.asof import Names
from tipcli.query.views import BodyView, Card, HotlineEntry, ProgramRole
from tipcli.render.markdown.text import also_called, cite, heading, md, section
from tipcli.render.pieces import seat


def number(entry: HotlineEntry) -> str:
    """The number as published, a `tel:` link to its dialable form, and the date of the
    newest document that gives the hotline."""
    shown = entry.number
    return (
        f"[{md(shown.number)}](tel:{shown.dialable}) ({shown.dialable}), "
        f"as of {entry.stated.date_label}"
    )


def membership(names: Names, m: Membership, who: str) -> str:
    """A seat on a body: who, in what role, the office that sits, as of when."""
    return f"**{md(names.full(who))}**{md(seat(names, m))} {cite(m.sources)}"


def figures(level: int, shown: Iterable[Figure]) -> list[str]:
    return section(
        level, "Figures", (f"{md(f.text)} ({md(f.period)}) {cite(f.sources)}" for f in shown)
    )


def timeline(level: int, events: Iterable[Event]) -> list[str]:
    return section(level, "Timeline", (f"{e.date}: {md(e.text)} {cite(e.sources)}" for e in events))


def summary(summary: str, note: str) -> list[str]:
    """What a thing is, and how the documents were read where that took judgement."""
    return [md(summary), *([f"*Note:* {md(note)}"] if note else [])]


def _duty(names: Names, duty: Responsibility) -> str:
    topics = ", ".join(md(names.topic(t)) for t in duty.topics)
    return (
        f"{md(duty.text)} *Topics: {topics}; pillars: {', '.join(duty.pillars)}.* "
        f"{cite(duty.sources)}"
    )


def _program(names: Names, role: ProgramRole) -> str:
    roles = ", ".join(dict.fromkeys(op.role for op in role.operators))
    sources = names.by_date(s for op in role.operators for s in op.sources)
    return f"**{md(role.program.name)}** ({role.program.kind}) — {roles} {cite(sources)}"


def _where(kind: str, ancestors: Iterable[Organisation]) -> str:
    """The kind of an organisation and the chain above it: "bureau in Department of
    Homeland Security (DHS)"."""
    above = [md(full_name(a)) for a in ancestors]
    return f"*{kind.replace('-', ' ')}{' in ' if above else ''}{', in '.join(above)}*"


def organisation(card: Card, level: int = 1) -> list[str]:
    """An organisation, as `tip agency` shows it; the documents cited are the caller's
    to list."""
    names, org = card.names, card.org
    sub = level + 1
    blocks = [heading(level, md(full_name(org))), _where(org.kind, card.ancestors)]
    blocks += summary(org.summary, org.note)
    blocks += also_called(org.aliases)
    blocks += section(
        sub,
        "Leaders",
        (
            f"{md(x.title)}: {md(x.person)}, as of {names.newest(x.sources).year} {cite(x.sources)}"
            for x in org.leaders
        ),
    )
    blocks += section(sub, "Responsibilities", (_duty(names, d) for d in org.responsibilities))
    blocks += section(
        sub, "Programmes, reports and benefits", (_program(names, p) for p in card.programs)
    )
    blocks += section(
        sub,
        "Hotlines",
        (f"**{md(h.hotline.name)}**: {number(h)} {cite(h.number.sources)}" for h in card.hotlines),
    )
    blocks += section(sub, "Sits on", (membership(names, m, m.body) for m in card.seats))
    blocks += section(sub, "Members", (membership(names, m, m.member) for m in card.members))
    blocks += section(
        sub,
        "Components",
        (f"{md(full_name(c))} — {c.kind.replace('-', ' ')}" for c in card.children),
    )
    blocks += figures(sub, card.figures)
    blocks += timeline(sub, card.events)
    return blocks


def body(view: BodyView, level: int = 1) -> list[str]:
    """An interagency body, as `tip pitf`, `tip spog` and `tip body` show it."""
    names, org = view.names, view.body
    sub = level + 1
    when = f"as of {view.year}" if view.year is not None else "newest record"
    if view.parent is not None:
        when = f"of {md(names.full(view.parent.id))} · {when}"
    blocks = [heading(level, md(full_name(org))), f"*{org.kind.replace('-', ' ')} · {when}*"]
    blocks += summary(org.summary, org.note)
    blocks += section(
        sub,
        "Established",
        (f"{e.date}: {md(e.text)} {cite(e.sources)}" for e in view.established),
    )
    blocks += section(
        sub,
        "Legal basis",
        (
            f"**{md(law.name)}** ({p.relation}): {md(p.text)} {cite(p.sources)}"
            for law, p in view.legal_basis
        ),
    )
    chairs = [m for m in view.members if m.role == "chair"]
    others = [m for m in view.members if m.role != "chair"]
    blocks += section(sub, "Chair", (membership(names, m, m.member) for m in chairs))
    blocks += section(
        sub,
        f"Members and partners ({len(others)})",
        (membership(names, m, m.member) for m in others),
    )
    blocks += section(
        sub,
        "Standing committees",
        (f"{md(c.name)} {cite(c.sources)}" for c in view.committees),
    )
    blocks += section(
        sub,
        "Working groups",
        (f"{md(g.name)} {cite(g.sources)}" for g in view.working_groups),
    )
    blocks += figures(sub, view.figures)
    return blocks
