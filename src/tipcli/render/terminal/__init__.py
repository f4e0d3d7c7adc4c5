"""Terminal output with Rich: the only package that imports it, and only when stdout is
a terminal. `renderable` picks a view's layout by its type; `show` prints it."""

import sys
from typing import assert_never

from rich.console import Console, RenderableType

from tipcli.errors import PipeClosed, WriteError
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
from tipcli.render.terminal import cards, entities


def renderable(view: View | Listing) -> RenderableType:
    """What a terminal shows of any view."""
    match view:
        case Card():
            return cards.card(view)
        case BodyView():
            return cards.body(view)
        case ProgramCard():
            return entities.program(view)
        case LawCard():
            return entities.law(view)
        case HotlineList():
            return cards.hotlines(view)
        case SearchResults():
            return cards.hits(view)
        case Tree() | OrganisationList() | SourceList() | TopicList() | Timeline() | Matrix():
            return _table(view)
        case _:
            assert_never(view)


_Drawn = Tree | OrganisationList | SourceList | TopicList | Timeline | Matrix


def _table(view: _Drawn) -> RenderableType:
    # Rich's tables and trees load only for the listings that draw them.
    from tipcli.render.terminal import tables

    match view:
        case Tree():
            return tables.tree(view.roots)
        case OrganisationList():
            return tables.organisations(view.organisations)
        case SourceList():
            return tables.sources(view.sources)
        case TopicList():
            return tables.topics(view.topics, view.uses)
        case Timeline():
            return tables.timeline(view.events)
        case Matrix():
            return tables.matrix(view)
        case _:
            assert_never(view)


def fields_table(rows: list[dict[str, object]], fields: list[str]) -> RenderableType:
    """Any listing's chosen fields as a table (`--fields` on a terminal)."""
    from tipcli.render.terminal import tables

    return tables.records(rows, fields)


def show(shown: RenderableType, *, color: bool) -> None:
    """Print to stdout, a terminal."""
    console = Console(no_color=not color, highlight=False, soft_wrap=False)
    try:
        console.print(shown)
        sys.stdout.flush()
    except BrokenPipeError:
        raise PipeClosed from None
    except OSError as err:
        raise WriteError(f"cannot write the output: {err.strerror or err}") from None
