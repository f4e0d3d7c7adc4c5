"""What each command shows, assembled from the index as plain frozen data.

Renderers turn these into a terminal card, plain lines or JSON; nothing here formats.
"As of" a year means: only what documents of that year or earlier say, and where
several say the same kind of thing, the newest of them.
"""

from collections.abc import Iterable
from typing import NamedTuple, Protocol, Self, TypeVar

from tipcli.errors import UsageError
from tipcli.index import Index
from tipcli.model import (
    Event,
    Figure,
    Hotline,
    Law,
    Membership,
    Operator,
    Organisation,
    PhoneNumber,
    Program,
    Provision,
    Source,
)
from tipcli.text import quoted
from tipcli.vocab import MEMBERSHIP_ROLES, ORGANISATION_KINDS

_ROLE_ORDER = {role: position for position, role in enumerate(MEMBERSHIP_ROLES)}


def in_view(sources: Iterable[str], index: Index, year: int | None) -> tuple[str, ...]:
    """The sources a view of `year` may use (all of them when no year is given)."""
    return tuple(s for s in sources if year is None or index.source_year(s) <= year)


class _Cited(Protocol):
    """A record that cites its sources, as every dated statement in the model does."""

    @property
    def sources(self) -> tuple[str, ...]: ...

    def _replace(self, *, sources: tuple[str, ...] = ...) -> Self: ...


C = TypeVar("C", bound=_Cited)


def dated(items: Iterable[C], index: Index, year: int | None) -> list[C]:
    """The records some document of `year` or earlier gives, each citing only those."""
    kept = []
    for item in items:
        sources = in_view(item.sources, index, year)
        if sources:
            kept.append(item._replace(sources=sources))
    return kept


def _newest_records(items: Iterable[C], index: Index, year: int | None) -> list[C]:
    """Of records of one kind, those the newest document in range gives."""
    records = dated(items, index, year)
    if not records:
        return []
    newest = max((s for r in records for s in r.sources), key=index.source_date)
    return [r for r in records if newest in r.sources]


def newest_number(index: Index, hotline: Hotline) -> PhoneNumber:
    """A hotline's number in the form the newest document printed it."""
    return max(hotline.numbers, key=lambda n: index.newest(n.sources).date)


def source_date(source: Source) -> str:
    """A source's date as every output shows it, saying when it was inferred."""
    return f"{source.date} (inferred)" if source.date_inferred else source.date


class ProgramRole(NamedTuple):
    program: Program
    operators: tuple[Operator, ...]  # this organisation's parts in it


class HotlineEntry(NamedTuple):
    hotline: Hotline
    number: PhoneNumber  # the newest published form
    operators: tuple[Operator, ...]


class Card(NamedTuple):
    org: Organisation
    ancestors: tuple[Organisation, ...]
    children: tuple[Organisation, ...]
    programs: tuple[ProgramRole, ...]
    hotlines: tuple[HotlineEntry, ...]
    seats: tuple[Membership, ...]  # bodies this organisation sits on
    members: tuple[Membership, ...]  # who sits on it, if it is a body
    figures: tuple[Figure, ...]
    events: tuple[Event, ...]
    sources: tuple[Source, ...]  # every document the card cites, oldest first


def _cited(index: Index, groups: Iterable[Iterable[str]]) -> tuple[Source, ...]:
    ids = {source for group in groups for source in group}
    return tuple(sorted((index.sources[s] for s in ids), key=lambda s: s.date))


def hotline_entry(index: Index, hotline: Hotline, org_ids: set[str] | None = None) -> HotlineEntry:
    number = newest_number(index, hotline)
    operators = tuple(
        op for op in hotline.operators if org_ids is None or op.organisation in org_ids
    )
    return HotlineEntry(hotline, number, operators)


def card(index: Index, org: Organisation, year: int | None = None) -> Card:
    """An organisation's card; with `year`, only what documents of that year or earlier
    say, under the names used then, each statement citing only those documents."""

    def then(entity: Organisation) -> Organisation:
        return entity._replace(name=name_as_of(index, entity, year))

    family = [org, *index.descendants(org)]  # in order: the hotlines keep it
    family_ids = {o.id for o in family}
    name = name_as_of(index, org, year)
    shown = org._replace(
        name=name,
        sources=in_view(org.sources, index, year),
        # The name shown is not repeated among the other names.
        aliases=tuple(a for a in dated(org.aliases, index, year) if a.name != name),
        responsibilities=tuple(dated(org.responsibilities, index, year)),
        leaders=tuple(dated(org.leaders, index, year)),
    )
    programs = []
    for program in index.programs_of.get(org.id, []):
        roles = dated((op for op in program.operators if op.organisation == org.id), index, year)
        if roles:
            named = program._replace(name=name_as_of(index, program, year))
            programs.append(ProgramRole(named, tuple(roles)))
    hotlines: dict[str, HotlineEntry] = {}
    for member in family:
        for hotline in index.hotlines_of.get(member.id, []):
            known = hotline_as_of(index, hotline, year)
            if known is not None and family_ids & {op.organisation for op in known.operators}:
                hotlines.setdefault(hotline.id, hotline_entry(index, known, family_ids))
    seats = tuple(dated(index.memberships_of.get(org.id, []), index, year))
    members = tuple(body_members(index, org.id, year))
    figures = tuple(dated(index.figures_about.get(org.id, []), index, year))
    events = tuple(
        sorted(dated(index.events_about.get(org.id, []), index, year), key=lambda e: e.date[:4])
    )
    children = tuple(
        then(child)
        for child in index.children.get(org.id, [])
        if in_view(child.sources, index, year)
    )
    sources = _cited(
        index,
        [
            shown.sources,
            *(a.sources for a in shown.aliases),
            *(r.sources for r in shown.responsibilities),
            *(leader.sources for leader in shown.leaders),
            *(op.sources for pr in programs for op in pr.operators),
            *(n.sources for h in hotlines.values() for n in h.hotline.numbers),
            *(op.sources for h in hotlines.values() for op in h.operators),
            *(m.sources for m in (*seats, *members)),
            *(f.sources for f in figures),
            *(e.sources for e in events),
        ],
    )
    return Card(
        org=shown,
        ancestors=tuple(then(a) for a in index.ancestors(org)),
        children=children,
        programs=tuple(programs),
        hotlines=tuple(hotlines.values()),
        seats=seats,
        members=members,
        figures=figures,
        events=events,
        sources=sources,
    )


def body_members(index: Index, body_id: str, year: int | None) -> list[Membership]:
    """Who sits on a body as of `year`: for each role, the records of the newest document.

    The 2005 report and the later PITF page list different members; each stands for its
    own time, so a view takes, role by role, what the newest document in range says.
    """
    by_role: dict[str, list[Membership]] = {}
    for membership in index.members_of.get(body_id, []):
        by_role.setdefault(membership.role, []).append(membership)
    chosen: list[Membership] = []
    for role in sorted(by_role, key=lambda r: _ROLE_ORDER[r]):
        chosen.extend(_newest_records(by_role[role], index, year))
    return chosen


class BodyView(NamedTuple):
    body: Organisation
    year: int | None
    members: tuple[Membership, ...]
    committees: tuple[Organisation, ...]
    working_groups: tuple[Organisation, ...]
    established: tuple[Event, ...]
    legal_basis: tuple[tuple[Law, Provision], ...]
    figures: tuple[Figure, ...]
    sources: tuple[Source, ...]


def body_view(index: Index, body: Organisation, year: int | None) -> BodyView:
    children = index.children.get(body.id, [])
    committees = tuple(_newest_records((c for c in children if c.kind == "committee"), index, year))
    groups = tuple(dated((c for c in children if c.kind == "working-group"), index, year))
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
    sources = _cited(
        index,
        [
            *(m.sources for m in members),
            *(c.sources for c in (*committees, *groups)),
            *(e.sources for e in established),
            *(p.sources for _, p in legal_basis),
            *(f.sources for f in figures),
        ],
    )
    return BodyView(
        body, year, members, committees, groups, established, legal_basis, figures, sources
    )


def check_kind(kind: str) -> str:
    if kind not in ORGANISATION_KINDS:
        allowed = ", ".join(ORGANISATION_KINDS)
        raise UsageError(f"unknown kind {quoted(kind)} (kinds: {allowed})")
    return kind


def timeline(
    index: Index, *, about: set[str] | None, words: list[str] | None, year: int | None
) -> list[Event]:
    """The dated events of the record, oldest first (same-date events in file order).

    `about` keeps events whose subjects include one of those ids; `words` keeps events
    whose text has every word; `year` keeps what documents of that year or earlier
    report, citing only those.
    """
    from tipcli.names import normalize

    def wanted(event: Event) -> bool:
        if about is not None and not about & set(event.subjects):
            return False
        return words is None or all(word in normalize(event.text) for word in words)

    chosen = dated((e for e in index.directory.events if wanted(e)), index, year)
    return sorted(chosen, key=lambda e: e.date[:4])


def name_as_of(index: Index, entity: Organisation | Hotline | Program, year: int | None) -> str:
    """What an entity was called as of `year`: of its current name and its other full
    names (aliases of type "name"), the one used by the newest document in range.
    A tie goes to the current name."""
    if year is None:
        return entity.name
    candidates = [(entity.name, entity.name_sources or entity.sources)]
    candidates += [(a.name, a.sources) for a in entity.aliases if a.type == "name"]
    best, best_date = entity.name, ""
    for name, sources in candidates:
        dates = [index.source_date(s) for s in in_view(sources, index, year)]
        if dates and max(dates) > best_date:
            best, best_date = name, max(dates)
    return best


def hotline_as_of(index: Index, hotline: Hotline, year: int | None) -> Hotline | None:
    """A hotline as documents of `year` or earlier describe it, or None if none does."""
    if year is None:
        return hotline
    sources = in_view(hotline.sources, index, year)
    numbers = tuple(dated(hotline.numbers, index, year))
    if not sources or not numbers:
        return None
    return hotline._replace(
        name=name_as_of(index, hotline, year),
        sources=sources,
        numbers=numbers,
        operators=tuple(dated(hotline.operators, index, year)),
        aliases=tuple(dated(hotline.aliases, index, year)),
    )


def organisations_as_of(index: Index, year: int | None) -> list[Organisation]:
    """The organisations documents of `year` or earlier name, by the names used then."""
    if year is None:
        return list(index.directory.organisations)
    return [
        org._replace(name=name_as_of(index, org, year), sources=in_view(org.sources, index, year))
        for org in index.directory.organisations
        if in_view(org.sources, index, year)
    ]
