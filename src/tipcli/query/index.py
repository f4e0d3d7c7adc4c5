"""Lookups over a directory: by id, by parent, by operator, by body. Pure; built once."""

from collections import defaultdict
from collections.abc import Iterator
from typing import NamedTuple

from tipcli.data.load import load
from tipcli.data.model import (
    Directory,
    Event,
    Figure,
    Hotline,
    Law,
    Membership,
    Organisation,
    Program,
    Source,
    Topic,
    full_name,
    newest,
)


class Index(NamedTuple):
    directory: Directory
    organisations: dict[str, Organisation]
    programs: dict[str, Program]
    hotlines: dict[str, Hotline]
    laws: dict[str, Law]
    sources: dict[str, Source]
    topics: dict[str, Topic]
    children: dict[str, list[Organisation]]
    memberships_of: dict[str, list[Membership]]
    members_of: dict[str, list[Membership]]
    programs_of: dict[str, list[Program]]
    hotlines_of: dict[str, list[Hotline]]
    events_about: dict[str, list[Event]]
    figures_about: dict[str, list[Figure]]

    @classmethod
    def build(cls, directory: Directory) -> "Index":
        children: defaultdict[str, list[Organisation]] = defaultdict(list)
        for org in directory.organisations:
            if org.parent:
                children[org.parent].append(org)
        memberships_of: defaultdict[str, list[Membership]] = defaultdict(list)
        members_of: defaultdict[str, list[Membership]] = defaultdict(list)
        for membership in directory.memberships:
            memberships_of[membership.member].append(membership)
            members_of[membership.body].append(membership)
        programs_of: defaultdict[str, list[Program]] = defaultdict(list)
        for program in directory.programs:
            for org_id in dict.fromkeys(op.organisation for op in program.operators):
                programs_of[org_id].append(program)
        hotlines_of: defaultdict[str, list[Hotline]] = defaultdict(list)
        for hotline in directory.hotlines:
            for org_id in dict.fromkeys(op.organisation for op in hotline.operators):
                hotlines_of[org_id].append(hotline)
        events_about: defaultdict[str, list[Event]] = defaultdict(list)
        for event in directory.events:
            for subject in event.subjects:
                events_about[subject].append(event)
        figures_about: defaultdict[str, list[Figure]] = defaultdict(list)
        for figure in directory.figures:
            for subject in figure.subjects:
                figures_about[subject].append(figure)
        return cls(
            directory=directory,
            organisations={o.id: o for o in directory.organisations},
            programs={p.id: p for p in directory.programs},
            hotlines={h.id: h for h in directory.hotlines},
            laws={law.id: law for law in directory.laws},
            sources={s.id: s for s in directory.sources},
            topics={t.id: t for t in directory.topics},
            children=dict(children),
            memberships_of=dict(memberships_of),
            members_of=dict(members_of),
            programs_of=dict(programs_of),
            hotlines_of=dict(hotlines_of),
            events_about=dict(events_about),
            figures_about=dict(figures_about),
        )

    def ancestors(self, org: Organisation) -> list[Organisation]:
        """The parent chain, nearest first (validation guarantees it ends)."""
        chain = []
        current = self.organisations.get(org.parent)
        while current is not None:
            chain.append(current)
            current = self.organisations.get(current.parent)
        return chain

    def descendants(self, org: Organisation) -> Iterator[Organisation]:
        """Every component below `org`, depth first, in file order (with a stack of its
        own, as a chain of components can be deeper than Python's)."""
        stack = list(reversed(self.children.get(org.id, [])))
        while stack:
            child = stack.pop()
            yield child
            stack.extend(reversed(self.children.get(child.id, [])))

    def family(self, org: Organisation) -> set[str]:
        """The ids of an organisation and every component below it."""
        return {org.id, *(o.id for o in self.descendants(org))}

    def display_name(self, entity_id: str) -> str:
        """The name people know an entity by: acronym and name where there is an acronym."""
        entity = (
            self.organisations.get(entity_id)
            or self.programs.get(entity_id)
            or self.hotlines.get(entity_id)
            or self.laws.get(entity_id)
        )
        return full_name(entity) if entity is not None else entity_id

    def source_date(self, source_id: str) -> str:
        """A source's date as text; YYYY and YYYY-MM-DD sort correctly as strings."""
        return self.sources[source_id].date

    def source_year(self, source_id: str) -> int:
        return self.sources[source_id].year

    def newest(self, source_ids: tuple[str, ...]) -> Source:
        """The latest-dated of some sources."""
        return newest(self.sources[s] for s in source_ids)


def open_index(data: str | None) -> Index:
    """The index of the directory a command uses: `data` (a path), else the default."""
    return Index.build(load(data).directory)
