"""What a filter or a query names, as a set of organisation ids: one rule each.

`--agency ORG` means an organisation and its components; `--parent ORG` its components
alone; `--body BODY` the organisations seated on a body; a query that names one
organisation means its family, and otherwise is words to match.
"""

from typing import NamedTuple

from tipcli.data.text import normalize, quoted
from tipcli.data.vocab import BODY_KINDS, ORGANISATION_KINDS
from tipcli.errors import UsageError
from tipcli.query import resolve
from tipcli.query.asof import body_members
from tipcli.query.index import Index


def family(index: Index, query: str) -> set[str]:
    """`--agency`: the organisation a query names, and every component below it."""
    return index.family(resolve.organisations(index).resolve(query))


def components(index: Index, query: str) -> set[str]:
    """`--parent`: every component below the organisation a query names, at any depth."""
    return {org.id for org in index.descendants(resolve.organisations(index).resolve(query))}


def seated(index: Index, query: str, year: int | None) -> set[str]:
    """`--body`: the organisations that sit on the body a query names, in any role, as of
    `year`."""
    body = resolve.organisations(index).resolve(query, frozenset(BODY_KINDS))
    return {m.member for m in body_members(index, body.id, year)}


def with_components(index: Index, ids: set[str]) -> set[str]:
    """Organisations and every component below each of them."""
    return {found for org_id in ids for found in index.family(index.organisations[org_id])}


def kind(name: str) -> str:
    """`--kind`: an organisation kind of the vocabulary."""
    if name not in ORGANISATION_KINDS:
        allowed = ", ".join(ORGANISATION_KINDS)
        raise UsageError(f"unknown kind {quoted(name)} (kinds: {allowed})")
    return name


class Subject(NamedTuple):
    """What a free query is about: one organisation's family, if it names exactly one,
    and in any case its words, folded."""

    organisations: set[str] | None
    words: list[str]


def subject(index: Index, query: str) -> Subject:
    """A query that names exactly one organisation means it and its components;
    otherwise it is the words to look for."""
    found = resolve.organisations(index).candidates(query)
    family = index.family(found[0]) if len(found) == 1 else None
    return Subject(family, normalize(query).split())
