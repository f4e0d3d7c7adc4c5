"""The as-of rules: what the record says as of a year, and which record is the newest.

"As of" a year means: only what documents of that year or earlier say, and where
several say the same kind of thing, the newest of them. No year means the newest
record. Every view with `--as-of` takes its records through these functions.
"""

from collections.abc import Iterable
from typing import Protocol, Self, TypeVar

from tipcli.data.model import (
    Alias,
    Event,
    Hotline,
    Membership,
    Organisation,
    PhoneNumber,
    Program,
    Source,
    full_name,
    newest,
)
from tipcli.data.vocab import MEMBERSHIP_ROLES
from tipcli.query.index import Index

_ROLE_ORDER = {role: position for position, role in enumerate(MEMBERSHIP_ROLES)}
# Roles that tell of a past act, not a standing seat: no later roster undoes them.
LASTING_ROLES = frozenset({"founder"})


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


def aliases_of(aliases: Iterable[Alias], index: Index, year: int | None) -> tuple[Alias, ...]:
    """The other names documents of `year` or earlier give, and the acronyms in standard
    use that no document prints, which hold at any time."""
    common = [a for a in aliases if not a.sources]
    return (*dated((a for a in aliases if a.sources), index, year), *common)


def newest_records(items: Iterable[C], index: Index, year: int | None) -> list[C]:
    """Of records of one kind, those the newest document in range gives."""
    records = dated(items, index, year)
    if not records:
        return []
    newest = max((s for r in records for s in r.sources), key=index.source_date)
    return [r for r in records if newest in r.sources]


def events_of(index: Index, entity_id: str, year: int | None) -> tuple[Event, ...]:
    """The dated events about an entity that documents of `year` or earlier report,
    oldest first (same-year events in the record's order)."""
    found = dated(index.events_about.get(entity_id, []), index, year)
    return tuple(sorted(found, key=lambda e: e.date[:4]))


def newest_number(index: Index, hotline: Hotline) -> PhoneNumber:
    """A hotline's number in the form the newest document printed it."""
    return max(hotline.numbers, key=lambda n: index.newest(n.sources).date)


def body_members(index: Index, body_id: str, year: int | None) -> list[Membership]:
    """Who sits on a body as of `year`, one record a member and role: the newest.

    A document that lists a body's whole membership (one of the body's `rosters`)
    replaces what older documents said of who sits on it, so the 2018 page's PITF has
    no 2005 Director of Central Intelligence; a founding stays true. Where no roster
    covers them, older records of others stand: a newer word on one funder of the task
    forces leaves the others in place.
    """
    records = dated(index.members_of.get(body_id, []), index, year)
    body = index.organisations.get(body_id)
    rosters = in_view(body.rosters, index, year) if body is not None else ()
    if rosters:
        latest = max(rosters, key=index.source_date)
        since = index.source_date(latest)
        records = [
            r
            for r in records
            if r.role in LASTING_ROLES
            or latest in r.sources
            or index.newest(r.sources).date > since
        ]
    newest: dict[tuple[str, str], Membership] = {}
    for record in records:
        key = (record.member, record.role)
        kept = newest.get(key)
        if kept is None or index.newest(record.sources).date > index.newest(kept.sources).date:
            newest[key] = record
    # By role; within a role, in the order the record gives them.
    return sorted(newest.values(), key=lambda m: _ROLE_ORDER[m.role])


class Rosters:
    """Who sits on each body as of a year, worked out once a body however many cards
    ask: a directory of cards would otherwise work out a body of N members N times."""

    __slots__ = ("_index", "_seats", "_who", "_year")

    def __init__(self, index: Index, year: int | None) -> None:
        self._index = index
        self._year = year
        self._who: dict[str, list[Membership]] = {}
        self._seats: dict[str, dict[str, list[Membership]]] = {}  # body -> member -> seats

    def members(self, body_id: str) -> list[Membership]:
        """Who sits on a body, as `body_members` gives it."""
        found = self._who.get(body_id)
        if found is None:
            found = self._who[body_id] = body_members(self._index, body_id, self._year)
            seats = self._seats[body_id] = {}
            for m in found:
                seats.setdefault(m.member, []).append(m)
        return found

    def seats(self, member_id: str) -> list[Membership]:
        """An organisation's seat on each body it has sat on, as that body's own view
        gives it, body by body."""
        bodies = dict.fromkeys(m.body for m in self._index.memberships_of.get(member_id, []))
        found = []
        for body in bodies:
            self.members(body)
            found += self._seats[body].get(member_id, [])
        return found


def newest_source(index: Index, year: int | None) -> Source:
    """The newest document of `year` or earlier (of all, with no year): how recent an
    answer can be."""
    sources = [s for s in index.directory.sources if year is None or s.year <= year]
    return newest(sources or index.directory.sources)


def name_as_of(index: Index, entity: Organisation | Hotline | Program, year: int | None) -> str:
    """What an entity was called as of `year` (with no year, now): of its name and its
    other full names (aliases of type "name"), the one the newest document in range
    uses. A tie goes to the name."""
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
        aliases=aliases_of(hotline.aliases, index, year),
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


def current_children(index: Index, org_id: str, year: int | None) -> list[Organisation]:
    """The components of an organisation as of `year`, by the names of the time; of a
    body's committees, those the newest document that lists its committees gives, so
    that a committee of 2010 alone is not shown among those of 2018."""
    children = index.children.get(org_id, [])
    committees = newest_records((c for c in children if c.kind == "committee"), index, year)
    current = {c.id for c in committees}
    return [
        child._replace(
            name=name_as_of(index, child, year), sources=in_view(child.sources, index, year)
        )
        for child in children
        if in_view(child.sources, index, year)
        and (child.kind != "committee" or child.id in current)
    ]


class Names:
    """How to name what a view mentions, and the dates of the documents it cites: all a
    renderer needs of the directory."""

    __slots__ = ("_index", "_year")

    def __init__(self, index: Index, year: int | None) -> None:
        self._index = index
        self._year = year  # names are those of this year's documents (None: the newest)

    def full(self, entity_id: str) -> str:
        """An entity's name of the time with its acronym: "Department of Homeland Security
        (DHS)"."""
        index = self._index
        entity = (
            index.organisations.get(entity_id)
            or index.programs.get(entity_id)
            or index.hotlines.get(entity_id)
        )
        if entity is None:
            return index.display_name(entity_id)
        return full_name(entity._replace(name=name_as_of(index, entity, self._year)))

    def short(self, entity_id: str) -> str:
        """An organisation's acronym where it has one, else its full name: for lists that
        name many bodies."""
        org = self._index.organisations.get(entity_id)
        if org is not None and org.acronym:
            return org.acronym
        return self.full(entity_id)

    def topic(self, topic_id: str) -> str:
        return self._index.topics[topic_id].label

    def source(self, source_id: str) -> Source:
        return self._index.sources[source_id]

    def newest(self, source_ids: Iterable[str]) -> Source:
        """The newest of some documents: how current a statement citing them is."""
        return self._index.newest(tuple(source_ids))

    def data_as_of(self) -> Source:
        """The newest document in view: how recent an answer can be."""
        return newest_source(self._index, self._year)

    def by_date(self, source_ids: Iterable[str]) -> list[str]:
        """Distinct source ids, oldest document first (same dates keep their order)."""
        return sorted(dict.fromkeys(source_ids), key=self._index.source_date)
