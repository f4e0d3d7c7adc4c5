"""Cards of programmes and laws: `tip program` and `tip law`, each as of a year or the
newest record; and what a query names when it is not what the command asked for."""

from typing import TypeVar

from tipcli.data.model import Law, Program
from tipcli.data.text import quoted
from tipcli.errors import NotFoundError
from tipcli.query import resolve
from tipcli.query.asof import (
    Names,
    aliases_of,
    dated,
    events_of,
    in_view,
    name_as_of,
    newest_source,
)
from tipcli.query.cards import cited_sources
from tipcli.query.index import Index
from tipcli.query.views import LawCard, ProgramCard


def program_card(index: Index, query: str, year: int | None) -> ProgramCard:
    """`tip program`: the programme, campaign, report or benefit a query names."""
    return program_view(index, _named(index, resolve.programs(index), query, year), year)


def program_view(index: Index, program: Program, year: int | None) -> ProgramCard:
    """A programme's card as of `year`: what documents of that year or earlier say."""
    shown = program._replace(
        name=name_as_of(index, program, year),
        sources=in_view(program.sources, index, year),
        aliases=aliases_of(program.aliases, index, year),
    )
    operators = tuple(dated(program.operators, index, year))
    laws = tuple(index.laws[law_id] for law_id in program.laws)
    figures = tuple(dated(index.figures_about.get(program.id, []), index, year))
    events = events_of(index, program.id, year)
    cited = [
        shown.sources,
        *(a.sources for a in shown.aliases),
        *(op.sources for op in operators),
        *(f.sources for f in figures),
        *(e.sources for e in events),
    ]
    return ProgramCard(
        program=shown,
        operators=operators,
        laws=laws,
        figures=figures,
        events=events,
        sources=cited_sources(index, cited),
        names=Names(index, year),
        data_as_of=newest_source(index, year),
    )


def law_card(index: Index, query: str, year: int | None) -> LawCard:
    """`tip law`: the law, directive or treaty a query names: what it created or changed,
    what rests on it, and its dated events."""
    return law_view(index, _named(index, resolve.laws(index), query, year), year)


def law_view(index: Index, law: Law, year: int | None) -> LawCard:
    """A law's card as of `year`: its provisions and events that documents of that year
    or earlier give."""
    shown = law._replace(
        sources=in_view(law.sources, index, year),
        aliases=aliases_of(law.aliases, index, year),
        provisions=tuple(dated(law.provisions, index, year)),
    )
    programs = tuple(p for p in index.directory.programs if law.id in p.laws)
    events = events_of(index, law.id, year)
    cited = [
        shown.sources,
        *(a.sources for a in shown.aliases),
        *(p.sources for p in shown.provisions),
        *(e.sources for e in events),
    ]
    return LawCard(
        law=shown,
        programs=programs,
        events=events,
        sources=cited_sources(index, cited),
        names=Names(index, year),
        data_as_of=newest_source(index, year),
    )


E = TypeVar("E", Program, Law)


def _named(index: Index, resolver: resolve.Resolver[E], query: str, year: int | None) -> E:
    """The one entity a query names, in view as of `year`; or an error that says which
    other command shows what it names instead."""
    try:
        found = resolver.resolve(query)
    except NotFoundError:
        elsewhere = resolve.elsewhere(index, query, resolver.noun)
        if elsewhere:
            message = f"no {resolver.noun} matches {quoted(query)}; {elsewhere}"
            raise NotFoundError(message) from None
        raise
    if year is not None and not in_view(found.sources, index, year):
        raise NotFoundError(f"no document of {year} or earlier names {found.name}")
    return found
