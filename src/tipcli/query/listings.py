"""Listings: hotlines, organisations, source documents, topics and the timeline."""

from collections import Counter
from collections.abc import Iterable

from tipcli.data.model import Directory, Event, Hotline, full_name
from tipcli.data.text import normalize, quoted
from tipcli.errors import NotFoundError
from tipcli.query import resolve, scopes
from tipcli.query.asof import Names, dated, hotline_as_of, organisations_as_of
from tipcli.query.cards import hotline_entry
from tipcli.query.index import Index
from tipcli.query.resolve import require_words
from tipcli.query.search.words import query_stems, stems_of
from tipcli.query.views import HotlineList, OrganisationList, SourceList, Timeline, TopicList


def hotlines(index: Index, query: str | None, year: int | None) -> HotlineList:
    """`tip hotline`: every hotline, or those a query names: a hotline by its id, name or
    other name; an organisation (its hotlines and its components'); or else the hotlines
    whose name, purpose or audience has every word of the query. Each as documents of
    `year` or earlier describe it."""
    matching, whose = _matching_hotlines(index, query)
    then = [hotline_as_of(index, h, year) for h in matching]
    entries = tuple(hotline_entry(index, h) for h in then if h is not None)
    if not entries:
        what = f"a hotline of {whose}" if whose else "such a hotline"
        raise NotFoundError(f"no document of {year} or earlier describes {what}")
    return HotlineList(entries, Names(index, year))


def _matching_hotlines(index: Index, query: str | None) -> tuple[list[Hotline], str]:
    """The hotlines a query names, and the name of the organisation it named, if any."""
    everything = list(index.directory.hotlines)
    if query is None:
        return everything, ""
    require_words(query, "give an organisation, a hotline or a word, or leave it out")
    folded = normalize(query)
    named = [h for h in everything if folded in _hotline_terms(h)]
    if named:
        return named, ""
    found = resolve.organisations(index).candidates(query, named=True)
    if len(found) == 1:
        family = index.family(found[0])
        chosen = [h for h in everything if family & {op.organisation for op in h.operators}]
        if not chosen:
            raise NotFoundError(f"{full_name(found[0])} has no hotline in the record")
        return chosen, full_name(found[0])
    wanted = set(query_stems(query))
    chosen = [h for h in everything if wanted and wanted <= set(stems_of(_hotline_text(h)))]
    if not chosen:
        raise NotFoundError(f"no hotline matches {quoted(query)}")
    return chosen, ""


def _hotline_terms(hotline: Hotline) -> set[str]:
    """What names a hotline whole: its id, its name and its other names, folded."""
    return {normalize(hotline.id), normalize(hotline.name)} | {
        normalize(a.name) for a in hotline.aliases
    }


def _hotline_text(hotline: Hotline) -> str:
    names = " ".join(a.name for a in hotline.aliases)
    return f"{hotline.name} {names} {hotline.purpose} {hotline.audience}"


def organisations(
    index: Index,
    *,
    kind: str | None = None,
    parent: str | None = None,
    body: str | None = None,
    year: int | None = None,
) -> OrganisationList:
    """`tip list`: the organisations documents of `year` or earlier name, by the names
    used then, in the directory's order, kept to a kind, a parent's components, or the
    members of a body."""
    orgs = organisations_as_of(index, year)
    if kind is not None:
        wanted = scopes.kind(kind)
        orgs = [o for o in orgs if o.kind == wanted]
    if parent is not None:
        below = scopes.components(index, parent)
        orgs = [o for o in orgs if o.id in below]
    if body is not None:
        seated = scopes.seated(index, body, year)
        orgs = [o for o in orgs if o.id in seated]
    if not orgs:
        raise NotFoundError("no organisation fits those filters")
    return OrganisationList(tuple(orgs))


def sources(directory: Directory, wanted: str | None = None) -> SourceList:
    """`tip sources`: the documents the directory cites, or the one with the id `wanted`
    (an id it has now, or one it had before)."""
    if wanted is None:
        return SourceList(directory.sources)
    for source in directory.sources:
        if wanted == source.id or wanted in source.former_ids:
            return SourceList((source,))
    known = ", ".join(source.id for source in directory.sources)
    raise NotFoundError(f"no source has the id {quoted(wanted)} (sources: {known})")


def topics(index: Index) -> TopicList:
    """`tip topics`: the topics, and how many statements are tagged with each."""
    counts: Counter[str] = Counter()
    directory = index.directory
    tagged: Iterable[tuple[str, ...]] = [
        *(r.topics for o in directory.organisations for r in o.responsibilities),
        *(p.topics for p in directory.programs),
        *(h.topics for h in directory.hotlines),
        *(f.topics for f in directory.figures),
    ]
    for found in tagged:
        counts.update(found)
    uses = {topic.id: counts[topic.id] for topic in directory.topics}
    return TopicList(directory.topics, uses)


def timeline(index: Index, query: str | None, year: int | None) -> Timeline:
    """`tip timeline`: the dated events of the record, oldest first (same-date events in
    file order): those about the organisation a query names (or its components), or
    else those whose text has the query's words; as documents of `year` or earlier
    report them, citing only those."""
    about: set[str] | None = None
    words: list[str] | None = None
    if query is not None:
        require_words(query, "give an organisation or a word")
        found = scopes.subject(index, query)
        if found.organisations is not None:
            about = found.organisations
        else:
            words = found.words

    def wanted(event: Event) -> bool:
        if about is not None and not about & set(event.subjects):
            return False
        return words is None or all(word in normalize(event.text) for word in words)

    chosen = dated((e for e in index.directory.events if wanted(e)), index, year)
    if not chosen:
        if query is not None:
            raise NotFoundError(f"no event matches {quoted(query)}")
        raise NotFoundError(f"no document of {year} or earlier reports an event")
    return Timeline(tuple(sorted(chosen, key=lambda e: e.date[:4])), Names(index, year))
