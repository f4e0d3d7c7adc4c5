"""Markdown, for people who read on paper or in mail: a card with `--markdown`, and the
whole directory with `tip export --format markdown` (see `handbook`).

A card in Markdown says what the card on a terminal says, each statement with its
sources in brackets, and ends with the documents cited and how recent the record is.
`markdown` picks a view's renderer by its type.
"""

from collections.abc import Sequence
from typing import assert_never

from tipcli.data.model import Source
from tipcli.errors import UsageError
from tipcli.query.views import (
    BodyView,
    Card,
    HotlineList,
    LawCard,
    Listing,
    Matrix,
    OrganisationList,
    ProgramCard,
    SearchResults,
    SourceList,
    Timeline,
    TopicList,
    Tree,
    View,
)
from tipcli.render.markdown import cards, entities
from tipcli.render.markdown.text import as_of, document, heading, sources_section
from tipcli.render.pieces import hotline_sources


def markdown(view: View | Listing) -> str:
    """The Markdown of a card or of the hotlines."""
    match view:
        case Card():
            return _handout(cards.organisation(view), view.sources, view.data_as_of)
        case BodyView():
            return _handout(cards.body(view), view.sources, view.data_as_of)
        case ProgramCard():
            return _handout(entities.program(view), view.sources, view.data_as_of)
        case LawCard():
            return _handout(entities.law(view), view.sources, view.data_as_of)
        case HotlineList():
            return hotlines(view)
        case (
            Tree()
            | OrganisationList()
            | SourceList()
            | TopicList()
            | Timeline()
            | SearchResults()
            | Matrix()
        ):
            # No command offers --markdown for these.
            raise UsageError("this command prints no Markdown")
        case _:
            assert_never(view)


def _handout(
    blocks: list[str], sources: Sequence[Source], data_as_of: Source, what: str = "card"
) -> str:
    """A card's blocks, then the documents it cites and how recent the record is."""
    return document([*blocks, *sources_section(2, sources), as_of(sources, data_as_of, what)])


def hotlines(view: HotlineList) -> str:
    """The hotlines a listing holds, each as a section, and the documents they cite."""
    names = view.names
    blocks = [heading(1, "Hotlines")]
    for entry in view.entries:
        blocks += entities.hotline(names, entry, 2)
    cited = names.by_date(s for e in view.entries for s in hotline_sources(names, e))
    sources = [names.source(s) for s in cited]
    return _handout(blocks, sources, names.data_as_of(), "list")
