"""The whole directory as one Markdown document, made of the same cards `--markdown`
prints, so that the export and a handout say the same thing.

One `#` title; a `##` section for each kind of entry; a `###` card for each entry,
its own sections under it; the documents cited once, at the end.
"""

from collections.abc import Iterable

from tipcli.data.model import Event, Figure, Membership
from tipcli.query.asof import Names
from tipcli.query.views import Handbook
from tipcli.render.markdown import cards, entities
from tipcli.render.markdown.text import as_of, cite, document, heading, md, section, sources_section

TITLE = "U.S. federal anti-trafficking directory"
CARD = 3  # the heading level of an entry's card


def handbook_markdown(view: Handbook) -> str:
    names = view.names
    blocks = [
        heading(1, TITLE),
        "Every statement cites the documents it rests on by the ids in brackets; the "
        "documents are listed under Sources, at the end.",
    ]
    blocks += _part("Organisations", (cards.organisation(c, CARD) for c in view.organisations))
    blocks += _part("Interagency bodies", (cards.body(b, CARD) for b in view.bodies))
    blocks += _part(
        "Programmes, campaigns, reports and benefits",
        (entities.program(p, CARD) for p in view.programs),
    )
    blocks += _part("Laws, directives and treaties", (entities.law(x, CARD) for x in view.laws))
    blocks += _part(
        "Hotlines",
        (entities.hotline(names, e, CARD) for e in view.hotlines.entries),
    )
    blocks += _part(
        "Memberships",
        _memberships(names, view.memberships),
        "Every dated record of who sat on each body, the older ones too; the bodies' "
        "cards give who sits on them now.",
    )
    blocks += section(2, "Timeline", (_event(names, e) for e in view.events))
    blocks += section(2, "Figures", (_figure(names, f) for f in view.figures))
    blocks += sources_section(2, view.sources)
    blocks.append(as_of(view.sources, view.data_as_of, "directory"))
    return document(blocks)


def _part(title: str, entries: Iterable[list[str]], intro: str = "") -> list[str]:
    """A `##` section of cards, or nothing when there are none."""
    blocks = [block for entry in entries for block in entry]
    return [heading(2, title), intro, *blocks] if blocks else []


def _memberships(names: Names, records: Iterable[Membership]) -> Iterable[list[str]]:
    """Every dated record of who sat on each body, of every year, body by body."""
    by_body: dict[str, list[Membership]] = {}
    for m in records:
        by_body.setdefault(m.body, []).append(m)
    for body, seats in by_body.items():
        lines = (cards.membership(names, m, m.member) for m in seats)
        yield section(CARD, md(names.full(body)), lines)


def _about(names: Names, subjects: Iterable[str]) -> str:
    return "; ".join(md(names.full(s)) for s in subjects)


def _event(names: Names, event: Event) -> str:
    return (
        f"{event.date} ({event.kind}): {md(event.text)} *About: {_about(names, event.subjects)}.* "
        f"{cite(event.sources)}"
    )


def _figure(names: Names, figure: Figure) -> str:
    return (
        f"{md(figure.text)} ({md(figure.period)}) *About: {_about(names, figure.subjects)}.* "
        f"{cite(figure.sources)}"
    )
