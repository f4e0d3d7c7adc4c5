"""Programme and law cards on a terminal: what a thing is, who runs it or what it
brought about, its figures and dated events, and the documents cited."""

from rich.console import Group, RenderableType
from rich.text import Text

from tipcli.query.asof import Names
from tipcli.query.views import LawCard, ProgramCard
from tipcli.render.terminal.layout import (
    DIM,
    Hanging,
    age,
    also_called,
    bullet,
    cite,
    section,
    sources_block,
)


def program(card: ProgramCard) -> RenderableType:
    names, shown = card.names, card.program
    parts: list[RenderableType] = [_title(shown.acronym, shown.name)]
    where = shown.kind.replace("-", " ")
    if shown.topics:
        where += " · " + ", ".join(names.topic(t) for t in shown.topics)
    parts.append(Hanging("", Text(where, style="italic")))
    parts += [Text(""), Hanging("", Text(shown.summary))]
    if shown.note:
        parts.append(Hanging("", Text("Note: " + shown.note, style=DIM)))
    parts += also_called(shown.aliases)
    parts += section(
        "Who takes part",
        (
            bullet(
                Text(names.full(op.organisation), style="bold"), f" — {op.role} ", cite(op.sources)
            )
            for op in card.operators
        ),
    )
    parts += section(
        "Rests on",
        (bullet(Text(law.name, style="bold"), f"  {law.citation}".rstrip()) for law in card.laws),
    )
    parts += _figures_and_events(card)
    parts.extend(sources_block(card.sources))
    parts.extend(age(card.sources, card.data_as_of))
    return Group(*parts)


def law(card: LawCard) -> RenderableType:
    names, shown = card.names, card.law
    parts: list[RenderableType] = [_title(shown.acronym, shown.name)]
    facts = [shown.kind.replace("-", " "), shown.citation, shown.date]
    parts.append(Hanging("", Text(" · ".join(f for f in facts if f), style="italic")))
    parts += [Text(""), Hanging("", Text(shown.summary))]
    parts += also_called(shown.aliases)
    parts += section(
        "What it brought about",
        (
            bullet(
                Text(_entity(names, p.entity), style="bold"),
                f" ({p.relation}): {p.text} ",
                cite(p.sources),
            )
            for p in shown.provisions
        ),
    )
    parts += section(
        "Programmes that rest on it", (bullet(p.name, f"  {p.kind}") for p in card.programs)
    )
    parts += section(
        "Timeline", (bullet(f"{e.date}  {e.text} ", cite(e.sources)) for e in card.events)
    )
    parts.extend(sources_block(card.sources))
    parts.extend(age(card.sources, card.data_as_of))
    return Group(*parts)


def _title(acronym: str, name: str) -> RenderableType:
    if not acronym:
        return Text(name, style="bold cyan")
    return Hanging(Text(acronym, style="bold cyan") + Text("  "), Text(name, style="bold"))


def _entity(names: Names, entity_id: str) -> str:
    return names.full(entity_id) if entity_id else "A rule"


def _figures_and_events(card: ProgramCard) -> list[RenderableType]:
    figures = section(
        "Figures",
        (
            bullet(f"{f.text} ", Text(f"({f.period}) ", style=DIM), cite(f.sources))
            for f in card.figures
        ),
    )
    events = section(
        "Timeline", (bullet(f"{e.date}  {e.text} ", cite(e.sources)) for e in card.events)
    )
    return figures + events
