"""The answers `query` gives: one frozen type per kind of answer, holding what its
renderers need, names included, so that no renderer consults the directory.

`render` picks the renderer of a view by its type; `View` and `Listing` name the
views each kind of output takes.
"""

from typing import NamedTuple

from tipcli.data.model import (
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
    Topic,
)
from tipcli.query.asof import Names

# Cards -------------------------------------------------------------------------------


class ProgramRole(NamedTuple):
    program: Program
    operators: tuple[Operator, ...]  # this organisation's parts in it


class HotlineEntry(NamedTuple):
    hotline: Hotline
    number: PhoneNumber  # the newest published form
    operators: tuple[Operator, ...]
    stated: Source  # the newest document that gives the hotline: how current it is


class Card(NamedTuple):
    """An organisation, as `tip agency` shows it."""

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
    names: Names
    data_as_of: Source  # the newest document in view: how recent the answer can be


class BodyView(NamedTuple):
    """An interagency body, as `tip pitf`, `tip spog` and `tip body` show it."""

    body: Organisation  # by its name as of `year`
    year: int | None  # the year asked for; None for the newest record
    parent: Organisation | None  # the body a committee or working group belongs to
    members: tuple[Membership, ...]
    committees: tuple[Organisation, ...]
    working_groups: tuple[Organisation, ...]
    established: tuple[Event, ...]
    legal_basis: tuple[tuple[Law, Provision], ...]
    figures: tuple[Figure, ...]
    sources: tuple[Source, ...]
    names: Names
    data_as_of: Source  # the newest document in view: how recent the answer can be


class ProgramCard(NamedTuple):
    """A programme, campaign, report or benefit, as `tip program` shows it."""

    program: Program  # by its name as of `year`, citing what is in view
    operators: tuple[Operator, ...]  # who runs, funds, produces or takes part in it
    laws: tuple[Law, ...]  # the laws it rests on
    figures: tuple[Figure, ...]
    events: tuple[Event, ...]
    sources: tuple[Source, ...]
    names: Names
    data_as_of: Source


class LawCard(NamedTuple):
    """A law, directive or treaty, as `tip law` shows it."""

    law: Law  # its provisions in view
    programs: tuple[Program, ...]  # what rests on it
    events: tuple[Event, ...]
    sources: tuple[Source, ...]
    names: Names
    data_as_of: Source


# Listings ----------------------------------------------------------------------------


class HotlineList(NamedTuple):
    entries: tuple[HotlineEntry, ...]
    names: Names


class OrganisationList(NamedTuple):
    organisations: tuple[Organisation, ...]


class SourceList(NamedTuple):
    sources: tuple[Source, ...]


class TopicList(NamedTuple):
    topics: tuple[Topic, ...]
    uses: dict[str, int]  # topic id -> how many statements are tagged with it


class Timeline(NamedTuple):
    events: tuple[Event, ...]  # oldest first
    names: Names


class Document(NamedTuple):
    """One searchable statement, with what it is about and where it comes from."""

    kind: str  # responsibility, organisation, program, hotline, law, figure
    id: str  # the entity the statement belongs to
    title: str  # how to name that entity to a reader
    text: str
    organisations: tuple[str, ...]  # organisations it concerns, for --agency and --body
    topics: tuple[str, ...]
    sources: tuple[str, ...]
    names: tuple[tuple[str, ...], ...]  # the stems of each of the entity's names and acronyms


# How a hit matched, strongest first: the thing itself asked for by its name, the whole
# phrase, every word, some of the words; or, for a topic asked for without words, its
# being tagged with it.
NAMED, PHRASE, ALL_WORDS, SOME_WORDS, TAGGED = 4, 3, 2, 1, 0
TIER_NAMES = {
    NAMED: "name",
    PHRASE: "phrase",
    ALL_WORDS: "all words",
    SOME_WORDS: "some words",
    TAGGED: "topic",
}


class Hit(NamedTuple):
    document: Document
    tier: int
    score: float
    spans: tuple[tuple[int, int], ...]  # characters of `text` that matched

    @property
    def match(self) -> str:
        return TIER_NAMES[self.tier]


class SearchResults(NamedTuple):
    hits: tuple[Hit, ...]  # best first
    labels: dict[str, str]  # topic id -> label
    total: int  # how many hits there were before the limit cut them
    corrected: tuple[tuple[str, str], ...] = ()  # (word as typed, word searched for)


class Matrix(NamedTuple):
    """Organisations by bodies, topics or pillars: one row an organisation."""

    by: str  # "body", "topic" or "3p"
    columns: tuple[str, ...]  # column ids
    headers: tuple[str, ...]  # what to call each column
    rows: tuple[tuple[Organisation, tuple[object, ...]], ...]  # a cell per column


# The whole directory ------------------------------------------------------------------


class Handbook(NamedTuple):
    """The whole directory as the cards of its entries, one document to read: what
    `tip export --format markdown` prints. Not a `View`: no other format takes it."""

    organisations: tuple[Card, ...]
    bodies: tuple[BodyView, ...]  # the organisations that have members, as bodies
    programs: tuple[ProgramCard, ...]
    laws: tuple[LawCard, ...]
    hotlines: HotlineList
    memberships: tuple[Membership, ...]  # every dated record, of every year
    events: tuple[Event, ...]  # oldest first
    figures: tuple[Figure, ...]
    sources: tuple[Source, ...]
    names: Names
    data_as_of: Source


# Pictures ----------------------------------------------------------------------------


class TreeNode(NamedTuple):
    org: Organisation
    programs: tuple[Program, ...]  # what it runs, funds or produces
    children: "tuple[TreeNode, ...]"


class Tree(NamedTuple):
    roots: tuple[TreeNode, ...]


class Node(NamedTuple):
    id: str
    label: str
    type: str  # organisation, body, program or hotline


class Edge(NamedTuple):
    source: str
    target: str
    relation: str  # parent-of, member-of, chairs, runs or partners-with
    label: str


class Graph(NamedTuple):
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


# The whole directory as one page ----------------------------------------------------


class BodyYears(NamedTuple):
    """An interagency body whose documents give its whole membership, as each year's
    documents show it: the newest record first, then each earlier year, newest first."""

    body: Organisation
    views: tuple[BodyView, ...]


class Page(NamedTuple):
    """Everything `tip` answers about a directory, for one offline page: every card as
    its command shows it, the bodies of each year, the tree, and the search index."""

    handbook: "Handbook"
    bodies: tuple[BodyYears, ...]
    tree: Tree
    search: dict[str, object]  # the index a page's script searches, see Searcher.portable


# What each kind of output takes -------------------------------------------------------

# A view printed as one record (`--json`, `--plain`, or a card on a terminal).
View = Card | BodyView | ProgramCard | LawCard | Tree
# A view printed as rows, in any listing format (JSON, JSON Lines, CSV, TSV, plain).
Listing = (
    HotlineList | OrganisationList | SourceList | TopicList | Timeline | SearchResults | Matrix
)
