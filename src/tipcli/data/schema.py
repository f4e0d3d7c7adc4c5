"""The shape of a data file, declared once.

Validation walks a parsed file against these specs, and the canonical writer emits keys
in the order given here. (The loader builds the model from the model's own annotations,
so that a cached file needs no schema.) A test checks that each spec names exactly the
fields of its model type.
"""

from collections.abc import Mapping
from typing import NamedTuple

from tipcli.data import model, vocab

TEXT = "text"
BOOL = "bool"
INT = "int"
TEXTS = "texts"
TABLES = "tables"

# What a reference must name.
REF_SOURCE = "source"
REF_TOPIC = "topic"
REF_ORGANISATION = "organisation"
REF_BODY = "body"
REF_LAW = "law"
REF_ENTITY = "entity"  # an organisation, programme, hotline or law

CHECK_ID = "id"
CHECK_DATE = "date"
CHECK_E164 = "e164"


class FieldSpec(NamedTuple):
    name: str
    type: str
    required: bool = False
    ref: str = ""
    vocab: Mapping[str, str] | None = None
    check: str = ""
    table: "TableSpec | None" = None


class TableSpec(NamedTuple):
    name: str
    cls: type
    fields: tuple[FieldSpec, ...]
    # The field that names an entry in problem locations; entries without one are
    # named by their position.
    key: str = ""

    def field(self, name: str) -> FieldSpec | None:
        for spec in self.fields:
            if spec.name == name:
                return spec
        return None


def _sources() -> FieldSpec:
    return FieldSpec("sources", TEXTS, required=True, ref=REF_SOURCE)


def _id() -> FieldSpec:
    return FieldSpec("id", TEXT, required=True, check=CHECK_ID)


ALIAS = TableSpec(
    "alias",
    model.Alias,
    (
        FieldSpec("name", TEXT, required=True),
        FieldSpec("type", TEXT, required=True, vocab=vocab.ALIAS_TYPES),
        # Required of every type but "common" (see rules.check_alias_sources).
        FieldSpec("sources", TEXTS, ref=REF_SOURCE),
    ),
)

SOURCE = TableSpec(
    "sources",
    model.Source,
    (
        _id(),
        FieldSpec("former_ids", TEXTS, check=CHECK_ID),
        FieldSpec("title", TEXT, required=True),
        FieldSpec("publisher", TEXT, required=True),
        FieldSpec("kind", TEXT, required=True),
        FieldSpec("date", TEXT, required=True, check=CHECK_DATE),
        FieldSpec("date_inferred", BOOL),
        FieldSpec("date_basis", TEXT),
        FieldSpec("file", TEXT),
        FieldSpec("url", TEXT),
    ),
    key="id",
)

TOPIC = TableSpec(
    "topics",
    model.Topic,
    (_id(), FieldSpec("label", TEXT, required=True), FieldSpec("description", TEXT, required=True)),
    key="id",
)

RESPONSIBILITY = TableSpec(
    "responsibility",
    model.Responsibility,
    (
        FieldSpec("text", TEXT, required=True),
        FieldSpec("topics", TEXTS, required=True, ref=REF_TOPIC),
        FieldSpec("pillars", TEXTS, required=True, vocab=vocab.PILLARS),
        _sources(),
    ),
)

LEADER = TableSpec(
    "leader",
    model.Leader,
    (FieldSpec("title", TEXT, required=True), FieldSpec("person", TEXT, required=True), _sources()),
)

ORGANISATION = TableSpec(
    "organisations",
    model.Organisation,
    (
        _id(),
        FieldSpec("acronym", TEXT),
        FieldSpec("name", TEXT, required=True),
        FieldSpec("name_sources", TEXTS, ref=REF_SOURCE),
        FieldSpec("kind", TEXT, required=True, vocab=vocab.ORGANISATION_KINDS),
        FieldSpec("parent", TEXT, ref=REF_ORGANISATION),
        FieldSpec("summary", TEXT, required=True),
        FieldSpec("note", TEXT),
        _sources(),
        FieldSpec("rosters", TEXTS, ref=REF_SOURCE),
        FieldSpec("aliases", TABLES, table=ALIAS),
        FieldSpec("leaders", TABLES, table=LEADER),
        FieldSpec("responsibilities", TABLES, table=RESPONSIBILITY),
    ),
    key="id",
)

OPERATOR = TableSpec(
    "operator",
    model.Operator,
    (
        FieldSpec("organisation", TEXT, required=True, ref=REF_ORGANISATION),
        FieldSpec("role", TEXT, required=True, vocab=vocab.OPERATOR_ROLES),
        _sources(),
    ),
)

PROGRAM = TableSpec(
    "programs",
    model.Program,
    (
        _id(),
        FieldSpec("acronym", TEXT),
        FieldSpec("name", TEXT, required=True),
        FieldSpec("name_sources", TEXTS, ref=REF_SOURCE),
        FieldSpec("kind", TEXT, required=True, vocab=vocab.PROGRAM_KINDS),
        FieldSpec("summary", TEXT, required=True),
        FieldSpec("note", TEXT),
        FieldSpec("topics", TEXTS, ref=REF_TOPIC),
        FieldSpec("pillars", TEXTS, vocab=vocab.PILLARS),
        FieldSpec("laws", TEXTS, ref=REF_LAW),
        _sources(),
        FieldSpec("aliases", TABLES, table=ALIAS),
        FieldSpec("operators", TABLES, table=OPERATOR),
    ),
    key="id",
)

PHONE_NUMBER = TableSpec(
    "number",
    model.PhoneNumber,
    (
        FieldSpec("number", TEXT, required=True),
        FieldSpec("dialable", TEXT, required=True, check=CHECK_E164),
        _sources(),
    ),
)

HOTLINE = TableSpec(
    "hotlines",
    model.Hotline,
    (
        _id(),
        FieldSpec("name", TEXT, required=True),
        FieldSpec("name_sources", TEXTS, ref=REF_SOURCE),
        FieldSpec("purpose", TEXT, required=True),
        FieldSpec("audience", TEXT, required=True),
        FieldSpec("hours", TEXT),
        FieldSpec("note", TEXT),
        FieldSpec("topics", TEXTS, ref=REF_TOPIC),
        _sources(),
        FieldSpec("aliases", TABLES, table=ALIAS),
        FieldSpec("numbers", TABLES, required=True, table=PHONE_NUMBER),
        FieldSpec("operators", TABLES, required=True, table=OPERATOR),
    ),
    key="id",
)

MEMBERSHIP = TableSpec(
    "memberships",
    model.Membership,
    (
        FieldSpec("body", TEXT, required=True, ref=REF_BODY),
        FieldSpec("member", TEXT, required=True, ref=REF_ORGANISATION),
        FieldSpec("role", TEXT, required=True, vocab=vocab.MEMBERSHIP_ROLES),
        FieldSpec("title", TEXT),
        FieldSpec("person", TEXT),
        FieldSpec("note", TEXT),
        _sources(),
    ),
)

PROVISION = TableSpec(
    "provision",
    model.Provision,
    (
        FieldSpec("entity", TEXT, ref=REF_ENTITY),
        FieldSpec("relation", TEXT, required=True, vocab=vocab.PROVISION_RELATIONS),
        FieldSpec("text", TEXT, required=True),
        _sources(),
    ),
)

LAW = TableSpec(
    "laws",
    model.Law,
    (
        _id(),
        FieldSpec("acronym", TEXT),
        FieldSpec("name", TEXT, required=True),
        FieldSpec("kind", TEXT, required=True, vocab=vocab.LAW_KINDS),
        FieldSpec("citation", TEXT),
        FieldSpec("date", TEXT, check=CHECK_DATE),
        FieldSpec("summary", TEXT, required=True),
        _sources(),
        FieldSpec("aliases", TABLES, table=ALIAS),
        FieldSpec("provisions", TABLES, table=PROVISION),
    ),
    key="id",
)

EVENT = TableSpec(
    "events",
    model.Event,
    (
        FieldSpec("date", TEXT, required=True, check=CHECK_DATE),
        FieldSpec("kind", TEXT, required=True, vocab=vocab.EVENT_KINDS),
        FieldSpec("text", TEXT, required=True),
        FieldSpec("subjects", TEXTS, required=True, ref=REF_ENTITY),
        _sources(),
    ),
)

FIGURE = TableSpec(
    "figures",
    model.Figure,
    (
        FieldSpec("text", TEXT, required=True),
        FieldSpec("period", TEXT, required=True),
        FieldSpec("subjects", TEXTS, required=True, ref=REF_ENTITY),
        FieldSpec("topics", TEXTS, ref=REF_TOPIC),
        _sources(),
    ),
)

AMBIGUOUS_TERM = TableSpec(
    "ambiguous_terms",
    model.AmbiguousTerm,
    (
        FieldSpec("term", TEXT, required=True),
        FieldSpec("organisations", TEXTS, required=True, ref=REF_ORGANISATION),
        FieldSpec("note", TEXT),
    ),
    key="term",
)

DIRECTORY = TableSpec(
    "directory",
    model.Directory,
    (
        FieldSpec("format", INT, required=True),
        FieldSpec("sources", TABLES, required=True, table=SOURCE),
        FieldSpec("topics", TABLES, required=True, table=TOPIC),
        FieldSpec("organisations", TABLES, required=True, table=ORGANISATION),
        FieldSpec("programs", TABLES, table=PROGRAM),
        FieldSpec("hotlines", TABLES, table=HOTLINE),
        FieldSpec("laws", TABLES, table=LAW),
        FieldSpec("memberships", TABLES, table=MEMBERSHIP),
        FieldSpec("events", TABLES, table=EVENT),
        FieldSpec("figures", TABLES, table=FIGURE),
        FieldSpec("ambiguous_terms", TABLES, table=AMBIGUOUS_TERM),
    ),
)

# Model fields a data file never holds: set when a directory is read (which added file
# gives a source), and never written back.
DERIVED = {"sources": frozenset({"origin"})}

# The one format version this release reads and writes.
FORMAT_VERSION = 1
