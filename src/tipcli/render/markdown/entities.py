"""Programme, law and hotline cards in Markdown: what a thing is, who runs it or what it
brought about, the numbers to call, each statement with its sources."""

from collections.abc import Iterable

from tipcli.data.model import Operator, full_name
from tipcli.query.asof import Names
from tipcli.query.views import HotlineEntry, LawCard, ProgramCard
from tipcli.render.markdown.cards import figures, number, summary, timeline
from tipcli.render.markdown.text import also_called, cite, heading, md, section


def program(card: ProgramCard, level: int = 1) -> list[str]:
    """A programme, campaign, report or benefit, as `tip program` shows it."""
    names, shown = card.names, card.program
    sub = level + 1
    where = shown.kind.replace("-", " ")
    if shown.topics:
        where += " · " + ", ".join(md(names.topic(t)) for t in shown.topics)
    blocks = [heading(level, md(full_name(shown))), f"*{where}*"]
    blocks += summary(shown.summary, shown.note)
    blocks += also_called(shown.aliases)
    blocks += section(
        sub,
        "Who takes part",
        (
            f"**{md(names.full(op.organisation))}** — {op.role} {cite(op.sources)}"
            for op in card.operators
        ),
    )
    blocks += section(
        sub,
        "Rests on",
        (
            f"**{md(law.name)}**" + (f" ({md(law.citation)})" if law.citation else "")
            for law in card.laws
        ),
    )
    blocks += figures(sub, card.figures)
    blocks += timeline(sub, card.events)
    return blocks


def law(card: LawCard, level: int = 1) -> list[str]:
    """A law, directive or treaty, as `tip law` shows it."""
    names, shown = card.names, card.law
    sub = level + 1
    facts = [shown.kind.replace("-", " "), md(shown.citation), shown.date]
    blocks = [heading(level, md(full_name(shown))), f"*{' · '.join(f for f in facts if f)}*"]
    blocks += summary(shown.summary, "")
    blocks += also_called(shown.aliases)
    blocks += section(
        sub,
        "What it brought about",
        (
            f"**{md(names.full(p.entity)) if p.entity else 'A rule'}** ({p.relation}): "
            f"{md(p.text)} {cite(p.sources)}"
            for p in shown.provisions
        ),
    )
    blocks += section(
        sub,
        "Programmes that rest on it",
        (f"**{md(p.name)}** — {p.kind}" for p in card.programs),
    )
    blocks += timeline(sub, card.events)
    return blocks


def _operators(names: Names, operators: Iterable[Operator]) -> str:
    """Who runs or funds a hotline: each organisation once, with its roles and sources."""
    roles: dict[str, list[Operator]] = {}
    for op in operators:
        roles.setdefault(op.organisation, []).append(op)
    return "; ".join(
        f"{md(names.full(org))} ({', '.join(dict.fromkeys(op.role for op in ops))}) "
        f"{cite(names.by_date(s for op in ops for s in op.sources))}"
        for org, ops in roles.items()
    )


def hotline(names: Names, entry: HotlineEntry, level: int) -> list[str]:
    """One hotline, as `tip hotline` shows it on a terminal."""
    shown = entry.hotline
    rows = [
        f"Run by: {_operators(names, shown.operators)}",
        f"For: {md(shown.audience)}",
        f"What: {md(shown.purpose)}",
    ]
    if shown.hours:
        rows.append(f"Hours: {md(shown.hours)}")
    if shown.note:
        rows.append(f"Note: {md(shown.note)}")
    if len(shown.numbers) > 1:
        printed = "; ".join(f"{md(n.number)} {cite(n.sources)}" for n in shown.numbers)
        rows.append(f"Printed as: {printed}")
    # As of a year, the name of the time is its name, not one of its earlier ones.
    former = [a for a in shown.aliases if a.type == "name" and a.name != shown.name]
    if former:
        rows.append(
            "Earlier names: " + "; ".join(f"{md(a.name)} {cite(a.sources)}" for a in former)
        )
    cited = names.by_date([*shown.sources, *(s for n in shown.numbers for s in n.sources)])
    rows.append(f"Sources: {cite(cited)}")
    return [heading(level, md(shown.name)), number(entry), "\n".join(f"- {r}" for r in rows)]
