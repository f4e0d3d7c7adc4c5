"""Cards: an organisation as `tip agency` shows it, and an interagency body as `tip
pitf`, `tip spog` and `tip body` show it, each as of a year or the newest record."""

from collections.abc import Iterable

from tipcli.data.model import Hotline, Organisation, Source
from tipcli.data.text import quoted
from tipcli.data.vocab import BODY_KINDS
from tipcli.errors import AmbiguousQueryError, NotFoundError
from tipcli.query import resolve
from tipcli.query.asof import (
    Names,
    Rosters,
    aliases_of,
    body_members,
    current_children,
    dated,
    events_of,
    hotline_as_of,
    in_view,
    name_as_of,
    newest_number,
    newest_source,
)
from tipcli.query.index import Index
from tipcli.query.lookups import Lookups
from tipcli.query.views import BodyView, Card, HotlineEntry, ProgramRole


def agency_card(lookups: Lookups, query: str, year: int | None) -> Card:
    """`tip agency`: the card of the one organisation a query names, as of `year`; a
    query that names a programme or law instead says which command shows it."""
    try:
        found = lookups.organisations.resolve(query)
    except AmbiguousQueryError:
        raise
    except NotFoundError:
        elsewhere = lookups.elsewhere(query, "organisation")
        if not elsewhere:
            raise
        raise NotFoundError(f"no organisation matches {quoted(query)}; {elsewhere}") from None
    index = lookups.around(found.id)
    org = index.organisations[found.id]
    if year is not None and not in_view(org.sources, index, year):
        raise NotFoundError(f"no document of {year} or earlier names {org.name}")
    return card(index, org, year)


def known_body(index: Index, body_id: str, year: int | None) -> BodyView:
    """`tip pitf` and `tip spog`: a body the directory knows by its id."""
    body = index.organisations.get(body_id)
    if body is None:
        raise NotFoundError(f"this data file has no organisation with the id '{body_id}'")
    return _described(index, body, year)


def named_body(index: Index, query: str, year: int | None) -> BodyView:
    """`tip body`: the interagency body a query names."""
    resolver = resolve.organisations(index)
    if not resolver.candidates(query, frozenset(BODY_KINDS)) and resolver.candidates(query):
        org = resolver.resolve(query)
        raise NotFoundError(
            f"{org.name} is not an interagency body; try tip agency {quoted(query)}"
        )
    return _described(index, resolver.resolve(query, frozenset(BODY_KINDS)), year)


def _described(index: Index, body: Organisation, year: int | None) -> BodyView:
    if not in_view(body.sources, index, year):
        raise NotFoundError(f"no document of {year} or earlier names {body.name}")
    return body_view(index, body, year)


def cited_sources(index: Index, groups: Iterable[Iterable[str]]) -> tuple[Source, ...]:
    ids = {source for group in groups for source in group}
    return tuple(sorted((index.sources[s] for s in ids), key=lambda s: s.date))


def hotline_entry(index: Index, hotline: Hotline, org_ids: set[str] | None = None) -> HotlineEntry:
    """A hotline as a listing shows it: its newest number, the parts of the organisations
    asked about (all, with none), and the newest document that gives it."""
    number = newest_number(index, hotline)
    operators = tuple(
        op for op in hotline.operators if org_ids is None or op.organisation in org_ids
    )
    stated = index.newest((*hotline.sources, *(s for n in hotline.numbers for s in n.sources)))
    return HotlineEntry(hotline, number, operators, stated)


def _programs(index: Index, org: Organisation, year: int | None) -> tuple[ProgramRole, ...]:
    """The programmes an organisation has a part in, by their names as of `year`."""
    programs = []
    for program in index.programs_of.get(org.id, []):
        roles = dated((op for op in program.operators if op.organisation == org.id), index, year)
        if roles:
            named = program._replace(name=name_as_of(index, program, year))
            programs.append(ProgramRole(named, tuple(roles)))
    return tuple(programs)


def _family_hotlines(index: Index, org: Organisation, year: int | None) -> tuple[HotlineEntry, ...]:
    """The hotlines of an organisation and its components, in the family's order."""
    family = [org, *index.descendants(org)]
    family_ids = {o.id for o in family}
    hotlines: dict[str, HotlineEntry] = {}
    for member in family:
        for hotline in index.hotlines_of.get(member.id, []):
            known = hotline_as_of(index, hotline, year)
            if known is not None and family_ids & {op.organisation for op in known.operators}:
                hotlines.setdefault(hotline.id, hotline_entry(index, known, family_ids))
    return tuple(hotlines.values())


def _as_of(index: Index, org: Organisation, year: int | None) -> Organisation:
    """An organisation as documents of `year` or earlier describe it, by its name then."""
    name = name_as_of(index, org, year)
    return org._replace(
        name=name,
        sources=in_view(org.sources, index, year),
        # The name shown is not repeated among the other names.
        aliases=tuple(a for a in aliases_of(org.aliases, index, year) if a.name != name),
        responsibilities=tuple(dated(org.responsibilities, index, year)),
        leaders=tuple(dated(org.leaders, index, year)),
    )


def card(
    index: Index,
    org: Organisation,
    year: int | None = None,
    *,
    rosters: Rosters | None = None,
    above: int | None = None,
) -> Card:
    """An organisation's card; with `year`, only what documents of that year or earlier
    say, under the names used then, each statement citing only those documents.

    Many cards of one year can share `rosters`. `above` is how many levels of the parent
    chain to name (all, with None).
    """
    shown = _as_of(index, org, year)
    programs = _programs(index, org, year)
    hotlines = _family_hotlines(index, org, year)
    rosters = rosters or Rosters(index, year)
    # Its seat on each body as that body's own view gives it.
    seats = tuple(rosters.seats(org.id))
    members = tuple(rosters.members(org.id))
    figures = tuple(dated(index.figures_about.get(org.id, []), index, year))
    events = events_of(index, org.id, year)
    children = tuple(current_children(index, org.id, year))
    sources = cited_sources(
        index,
        [
            shown.sources,
            *(a.sources for a in shown.aliases),
            *(r.sources for r in shown.responsibilities),
            *(leader.sources for leader in shown.leaders),
            *(op.sources for pr in programs for op in pr.operators),
            *(n.sources for h in hotlines for n in h.hotline.numbers),
            *(op.sources for h in hotlines for op in h.operators),
            *(m.sources for m in (*seats, *members)),
            *(f.sources for f in figures),
            *(e.sources for e in events),
        ],
    )
    return Card(
        org=shown,
        ancestors=tuple(
            a._replace(name=name_as_of(index, a, year)) for a in index.ancestors(org)[:above]
        ),
        children=children,
        programs=tuple(programs),
        hotlines=hotlines,
        seats=seats,
        members=members,
        figures=figures,
        events=events,
        sources=sources,
        names=Names(index, year),
        data_as_of=newest_source(index, year),
    )


def body_view(index: Index, body: Organisation, year: int | None) -> BodyView:
    children = current_children(index, body.id, year)
    committees = tuple(c for c in children if c.kind == "committee")
    groups = tuple(c for c in children if c.kind == "working-group")
    # An event's first subject is what it is chiefly about: the SPOG's founding also
    # names the PITF that approved it, but belongs to the SPOG.
    established = tuple(
        dated(
            (
                e
                for e in index.events_about.get(body.id, [])
                if e.kind == "established" and e.subjects[0] == body.id
            ),
            index,
            year,
        )
    )
    legal_basis = tuple(
        (law, provision)
        for law in index.directory.laws
        for provision in dated((p for p in law.provisions if p.entity == body.id), index, year)
    )
    figures = tuple(dated(index.figures_about.get(body.id, []), index, year))
    members = tuple(body_members(index, body.id, year))
    sources = cited_sources(
        index,
        [
            in_view(body.sources, index, year),
            *(m.sources for m in members),
            *(c.sources for c in (*committees, *groups)),
            *(e.sources for e in established),
            *(p.sources for _, p in legal_basis),
            *(f.sources for f in figures),
        ],
    )
    parent = index.organisations.get(body.parent)
    return BodyView(
        body._replace(name=name_as_of(index, body, year)),
        year,
        parent if parent is not None and parent.kind in BODY_KINDS else None,
        members,
        committees,
        groups,
        established,
        legal_basis,
        figures,
        sources,
        Names(index, year),
        newest_source(index, year),
    )
