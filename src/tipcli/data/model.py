"""The directory as immutable named tuples, and how to name an entity: no I/O, no
rendering.

Every statement carries `sources`, the ids of the documents that support it, so that a
reader can always see where a fact came from and as of when.

The types are `NamedTuple`s rather than frozen dataclasses: as immutable and as easy
to build by keyword, but about eight times cheaper to define at start-up and several
times cheaper to construct, which matters for a directory of thousands of entries.
"""

from collections.abc import Iterable
from typing import NamedTuple


class Source(NamedTuple):
    id: str
    title: str
    publisher: str
    # "YYYY-MM-DD" where the document states its date; where it is inferred, as precise
    # as the inference ("YYYY" or "YYYY-MM"), the earliest the document can be.
    date: str
    kind: str
    # The copy of the document kept beside the directory; none for a source a user adds,
    # which gives where to find it (`url`) or nothing.
    file: str = ""
    date_inferred: bool = False
    date_basis: str = ""
    # Ids the source had before; a reference to one of them means this source.
    former_ids: tuple[str, ...] = ()
    url: str = ""
    # The added file that gives the source, as the user would name it; "" for a
    # source of the directory itself. Set when files are merged, never written.
    origin: str = ""

    @property
    def year(self) -> int:
        return int(self.date[:4])

    @property
    def date_label(self) -> str:
        """The date as every output shows it, saying when it was inferred."""
        return f"{self.date} (inferred)" if self.date_inferred else self.date


class Topic(NamedTuple):
    id: str
    label: str
    description: str


class Alias(NamedTuple):
    """Another name or acronym a document uses for the same thing, or (type "common")
    an acronym in standard use that no document prints, which cites none."""

    name: str
    sources: tuple[str, ...] = ()
    type: str = "name"


class Responsibility(NamedTuple):
    text: str
    topics: tuple[str, ...]
    pillars: tuple[str, ...]
    sources: tuple[str, ...]


class Leader(NamedTuple):
    title: str
    person: str
    sources: tuple[str, ...]


class Organisation(NamedTuple):
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
    # For a body: the documents that list its whole membership as of their date, so
    # that the newest of them replaces what older ones said of who sits on it.
    rosters: tuple[str, ...] = ()


class Operator(NamedTuple):
    """An organisation's part in a programme or hotline."""

    organisation: str
    role: str
    sources: tuple[str, ...]


class Program(NamedTuple):
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


class PhoneNumber(NamedTuple):
    # Exactly as the document printed it, vanity letters and all.
    number: str
    # The dialable form, +<country><number>.
    dialable: str
    sources: tuple[str, ...]


class Hotline(NamedTuple):
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


class Membership(NamedTuple):
    """A dated record that an organisation sat on a body in some role."""

    body: str
    member: str
    role: str
    sources: tuple[str, ...]
    # The office-holder who sits for the member, as the document names them.
    title: str = ""
    person: str = ""
    note: str = ""


class Provision(NamedTuple):
    """Something a law brought about: for an organisation or programme, or a rule."""

    relation: str
    text: str
    sources: tuple[str, ...]
    entity: str = ""


class Law(NamedTuple):
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


class Event(NamedTuple):
    # "YYYY", "YYYY-MM" or "YYYY-MM-DD", as precise as the document is.
    date: str
    kind: str
    text: str
    subjects: tuple[str, ...]
    sources: tuple[str, ...]


class Figure(NamedTuple):
    """A number the record gives, in a sentence of our own, with the period it covers."""

    text: str
    period: str
    subjects: tuple[str, ...]
    sources: tuple[str, ...]
    topics: tuple[str, ...] = ()


class AmbiguousTerm(NamedTuple):
    """A name or acronym that several organisations share, declared on purpose."""

    term: str
    organisations: tuple[str, ...]
    note: str = ""


class Directory(NamedTuple):
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


def full_name(entity: Organisation | Program | Hotline | Law) -> str:
    """How people know an entity: its name, and its acronym in brackets where it has one."""
    acronym = "" if isinstance(entity, Hotline) else entity.acronym
    return f"{entity.name} ({acronym})" if acronym else entity.name


def newest(sources: Iterable[Source]) -> Source:
    """The latest-dated of some documents (by date text, which sorts YYYY, YYYY-MM and
    YYYY-MM-DD alike; ties keep the first)."""
    return max(sources, key=lambda source: source.date)
