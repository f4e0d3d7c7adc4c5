"""The directory as frozen dataclasses: no I/O, no rendering.

Every statement carries `sources`, the ids of the documents that support it, so that a
reader can always see where a fact came from and as of when.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    publisher: str
    # "YYYY-MM-DD" where the document states its date, else "YYYY".
    date: str
    kind: str
    file: str
    date_inferred: bool = False
    date_basis: str = ""

    @property
    def year(self) -> int:
        return int(self.date[:4])


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    label: str
    description: str


@dataclass(frozen=True, slots=True)
class Alias:
    """Another name or acronym a document uses for the same thing."""

    name: str
    sources: tuple[str, ...]
    type: str = "name"


@dataclass(frozen=True, slots=True)
class Responsibility:
    text: str
    topics: tuple[str, ...]
    pillars: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Leader:
    title: str
    person: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Organisation:
    id: str
    name: str
    kind: str
    summary: str
    sources: tuple[str, ...]
    acronym: str = ""
    # The documents that use `name`, where fewer than all of `sources` do.
    name_sources: tuple[str, ...] = ()
    parent: str = ""
    # How we read the documents where that took judgement.
    note: str = ""
    aliases: tuple[Alias, ...] = ()
    responsibilities: tuple[Responsibility, ...] = ()
    leaders: tuple[Leader, ...] = ()


@dataclass(frozen=True, slots=True)
class Operator:
    """An organisation's part in a programme or hotline."""

    organisation: str
    role: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Program:
    id: str
    name: str
    kind: str
    summary: str
    sources: tuple[str, ...]
    acronym: str = ""
    name_sources: tuple[str, ...] = ()
    operators: tuple[Operator, ...] = ()
    topics: tuple[str, ...] = ()
    pillars: tuple[str, ...] = ()
    laws: tuple[str, ...] = ()
    note: str = ""
    aliases: tuple[Alias, ...] = ()


@dataclass(frozen=True, slots=True)
class PhoneNumber:
    # Exactly as the document printed it, vanity letters and all.
    number: str
    # The dialable form, +<country><number>.
    dialable: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Hotline:
    id: str
    name: str
    purpose: str
    audience: str
    sources: tuple[str, ...]
    numbers: tuple[PhoneNumber, ...]
    operators: tuple[Operator, ...]
    hours: str = ""
    name_sources: tuple[str, ...] = ()
    note: str = ""
    topics: tuple[str, ...] = ()
    aliases: tuple[Alias, ...] = ()


@dataclass(frozen=True, slots=True)
class Membership:
    """A dated record that an organisation sat on a body in some role."""

    body: str
    member: str
    role: str
    sources: tuple[str, ...]
    # The office-holder who sits for the member, as the document names them.
    title: str = ""
    person: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Provision:
    """Something a law brought about: for an organisation or programme, or a rule."""

    relation: str
    text: str
    sources: tuple[str, ...]
    entity: str = ""


@dataclass(frozen=True, slots=True)
class Law:
    id: str
    name: str
    kind: str
    summary: str
    sources: tuple[str, ...]
    acronym: str = ""
    citation: str = ""
    date: str = ""
    provisions: tuple[Provision, ...] = ()
    aliases: tuple[Alias, ...] = ()


@dataclass(frozen=True, slots=True)
class Event:
    # "YYYY", "YYYY-MM" or "YYYY-MM-DD", as precise as the document is.
    date: str
    kind: str
    text: str
    subjects: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Figure:
    """A number the record gives, in a sentence of our own, with the period it covers."""

    text: str
    period: str
    subjects: tuple[str, ...]
    sources: tuple[str, ...]
    topics: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AmbiguousTerm:
    """A name or acronym that several organisations share, declared on purpose."""

    term: str
    organisations: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class Directory:
    sources: tuple[Source, ...]
    topics: tuple[Topic, ...]
    organisations: tuple[Organisation, ...]
    format: int = 1
    programs: tuple[Program, ...] = ()
    hotlines: tuple[Hotline, ...] = ()
    memberships: tuple[Membership, ...] = ()
    laws: tuple[Law, ...] = ()
    events: tuple[Event, ...] = ()
    figures: tuple[Figure, ...] = ()
    ambiguous_terms: tuple[AmbiguousTerm, ...] = ()
