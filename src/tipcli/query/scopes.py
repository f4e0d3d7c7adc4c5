"""What a filter or a query names, as a set of organisation ids: one rule each.

`--agency ORG` means an organisation and its components; `--parent ORG` its components
alone; `--body BODY` the organisations seated on a body; a query that names one
organisation means its family, and otherwise is words to match.
"""

from typing import NamedTuple

from tipcli.data.model import Organisation
from tipcli.data.text import normalize, quoted
from tipcli.data.vocab import BODY_KINDS, ORGANISATION_KINDS
from tipcli.errors import NotFoundError, UsageError
from tipcli.query import resolve
from tipcli.query.asof import body_members
from tipcli.query.index import Index


def family(index: Index, query: str) -> set[str]:
    """`--agency`: the organisation a query names, and every component below it."""
    return index.family(_option(index, "--agency", query))


def components(index: Index, query: str) -> set[str]:
    """`--parent`: every component below the organisation a query names, at any depth."""
    return {org.id for org in index.descendants(_option(index, "--parent", query))}


def seated(index: Index, query: str, year: int | None) -> set[str]:
    """`--body`: the organisations that sit on the body a query names, in any role, as of
    `year`."""
    body = _option(index, "--body", query, frozenset(BODY_KINDS))
    return {m.member for m in body_members(index, body.id, year)}


def _option(
    index: Index, option: str, query: str, kinds: frozenset[str] | None = None
) -> Organisation:
    """The organisation an option's value names. One that names none, or several, is a
    usage error like any other bad option value: exit 2, as an unknown topic is."""
    resolver = resolve.organisations(index)
    try:
        return resolver.resolve(query, kinds)
    except NotFoundError as err:
        other = resolver.candidates(query) if kinds is not None else []
        if len(other) == 1:
            raise UsageError(f"{option}: {other[0].name} is not an interagency body") from None
        raise UsageError(f"{option}: {err.message}") from None


def _nearest(value: str, allowed: list[str]) -> str:
    """'; did you mean X?' for a value close to an allowed one, else nothing."""
    import difflib  # only on the error path

    close = difflib.get_close_matches(value, allowed, n=1, cutoff=0.75)
    return f"; did you mean {close[0]}?" if close else ""


def with_components(index: Index, ids: set[str]) -> set[str]:
    """Organisations and every component below each of them."""
    return {found for org_id in ids for found in index.family(index.organisations[org_id])}


def kind(name: str) -> str:
    """`--kind`: an organisation kind of the vocabulary, in any case, spaces for hyphens."""
    wanted = "-".join(name.casefold().split())
    if wanted not in ORGANISATION_KINDS:
        allowed = list(ORGANISATION_KINDS)
        raise UsageError(
            f"unknown kind {quoted(name)}{_nearest(wanted, allowed)} (kinds: {', '.join(allowed)})"
        )
    return wanted


def topic(labels: dict[str, str], name: str) -> str:
    """`--topic`: a topic by its id or label, in any case."""
    wanted = normalize(name)
    for topic_id, label in labels.items():
        if wanted in (normalize(topic_id), normalize(label)):
            return topic_id
    known = list(labels)
    suggestion = _nearest(wanted, [normalize(label) for label in labels.values()])
    raise UsageError(f"unknown topic {quoted(name)}{suggestion} (topics: {', '.join(known)})")


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
