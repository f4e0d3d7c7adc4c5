"""Views as records: the JSON-ready dicts and lists behind `--json`, `--jsonl`, `--csv`,
`--tsv` and `--fields`. Never imports Rich: this is the path scripts take.

`card` gives the one record of a card-like view; `rows` the records of a listing, one
a row. Both choose by the view's type, and mypy checks that every view has its case.
"""

import functools
from collections.abc import Callable, Iterable
from typing import NamedTuple, assert_never

from tipcli.data.model import Event, Organisation, Topic
from tipcli.errors import UsageError
from tipcli.query.asof import Names
from tipcli.query.views import (
    BodyView,
    Card,
    Hit,
    HotlineEntry,
    HotlineList,
    LawCard,
    Listing,
    Matrix,
    OrganisationList,
    ProgramCard,
    SearchResults,
    SourceList,
    Timeline,
    TopicList,
    Tree,
    TreeNode,
    View,
)
from tipcli.render.pieces import (
    Record,
    alias_records,
    cited_source,
    event_record,
    figure_record,
    hotline_sources,
    membership_record,
    operator_record,
    org_ref,
    source_record,
)


def card(view: View) -> object:
    """The JSON value of a view printed as one record."""
    match view:
        case Card():
            return card_record(view)
        case BodyView():
            return body_record(view)
        case ProgramCard():
            return program_record(view)
        case LawCard():
            return law_record(view)
        case Tree():
            return tree_record(view.roots)
        case _:
            assert_never(view)


def rows(view: Listing) -> list[Record]:
    """The records of a listing, one a row."""
    match view:
        case HotlineList():
            return [hotline_record(view.names, e) for e in view.entries]
        case OrganisationList():
            return organisations_record(view.organisations)
        case SourceList():
            return [source_record(s) for s in view.sources]
        case TopicList():
            return topics_record(view.topics, view.uses)
        case Timeline():
            return timeline_records(view.names, view.events)
        case SearchResults():
            return hits_record(view.hits)
        case Matrix():
            return matrix_records(view)
        case _:
            assert_never(view)


def program_record(card: ProgramCard) -> Record:
    names, program = card.names, card.program
    return {
        "id": program.id,
        "acronym": program.acronym,
        "name": program.name,
        "kind": program.kind,
        "summary": program.summary,
        "note": program.note,
        "topics": list(program.topics),
        "pillars": list(program.pillars),
        "aliases": alias_records(program.aliases),
        "operators": [operator_record(names, op) for op in card.operators],
        "laws": [{"id": law.id, "name": law.name, "citation": law.citation} for law in card.laws],
        "figures": [figure_record(f) for f in card.figures],
        "events": [event_record(e) for e in card.events],
        "sources": [cited_source(s) for s in card.sources],
        "data_as_of": cited_source(card.data_as_of),
    }


def law_record(card: LawCard) -> Record:
    names, law = card.names, card.law
    return {
        "id": law.id,
        "acronym": law.acronym,
        "name": law.name,
        "kind": law.kind,
        "citation": law.citation,
        "date": law.date,
        "summary": law.summary,
        "aliases": alias_records(law.aliases),
        "provisions": [
            {
                "relation": p.relation,
                "text": p.text,
                "entity": p.entity or None,
                "entity_name": names.full(p.entity) if p.entity else None,
                "sources": list(p.sources),
            }
            for p in law.provisions
        ],
        "programs": [{"id": p.id, "name": p.name, "kind": p.kind} for p in card.programs],
        "events": [event_record(e) for e in card.events],
        "sources": [cited_source(s) for s in card.sources],
        "data_as_of": cited_source(card.data_as_of),
    }


def to_json(value: object, *, pretty: bool) -> str:
    """A value as JSON: indented, or on one line; either ending with a line end."""
    if not pretty:
        return compact_json(value) + "\n"
    # json is imported where it is used, so that plain and terminal output skip it.
    import json

    try:
        return json.dumps(value, ensure_ascii=False, indent=2) + "\n"
    except RecursionError:
        raise _too_deep() from None


def compact_json(value: object) -> str:
    """A value as JSON on one line, without a line end."""
    try:
        return _compact_encoder()(value)
    except RecursionError:
        raise _too_deep() from None


@functools.cache
def _compact_encoder() -> Callable[[object], str]:
    # One encoder for every value: a batch of queries encodes thousands.
    import json

    return json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _too_deep() -> UsageError:
    # A tree of thousands of levels: JSON's encoder is recursive.
    return UsageError("too deeply nested to write as JSON; use --plain")


def jsonl(records: list[Record]) -> str:
    import json

    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


class Encoded(NamedTuple):
    """An answer already written as compact JSON, in UTF-8 (`card_text` wrote it)."""

    data: bytes


def answer_line(query: str, answer: object) -> str:
    """A query read from standard input and its answer, as one line of JSON."""
    before, after = around_answer(query)
    return before + compact_json(answer) + after


def around_answer(query: str) -> tuple[str, str]:
    """What goes before and after an answer on its query's line: an answer written
    before (`Encoded`) is put between them as it is."""
    return f'{{"query":{compact_json(query)},"answer":', "}\n"


def card_text(view: Card) -> str:
    """An organisation's card as JSON on one line, without its end, as an answer."""
    return compact_json(card_record(view))


def failure_line(query: str, message: str, exit_code: int) -> str:
    """A query read from standard input that has no answer: why, and the exit code the
    same query would end with on its own."""
    return to_json({"query": query, "error": message, "exit_code": exit_code}, pretty=False)


def search_answer(view: SearchResults) -> Record:
    """A search's answer when it shares a line with its query: the hits shown, how many
    there are in all, and any word searched for in place of one typed."""
    return {
        "hits": hits_record(view.hits),
        "total": view.total,
        "corrected": [{"typed": typed, "searched": used} for typed, used in view.corrected],
    }


def hotline_record(names: Names, entry: HotlineEntry) -> Record:
    hotline = entry.hotline
    return {
        "id": hotline.id,
        "name": hotline.name,
        "number": entry.number.number,
        "dialable": entry.number.dialable,
        "numbers": [
            {"number": n.number, "dialable": n.dialable, "sources": list(n.sources)}
            for n in hotline.numbers
        ],
        "operators": [operator_record(names, op) for op in hotline.operators],
        "purpose": hotline.purpose,
        "audience": hotline.audience,
        "hours": hotline.hours,
        "topics": list(hotline.topics),
        "aliases": alias_records(hotline.aliases),
        "note": hotline.note,
        "sources": list(hotline.sources),
        "source_dates": {s: names.source(s).date for s in hotline_sources(names, entry)},
        "last_stated": entry.stated.date,
        "last_stated_in": entry.stated.id,
    }


def card_record(card: Card) -> Record:
    names = card.names
    org = card.org
    return {
        "id": org.id,
        "acronym": org.acronym,
        "name": org.name,
        "kind": org.kind,
        "parent": org.parent or None,
        "ancestors": [org_ref(a) for a in card.ancestors],
        "summary": org.summary,
        "note": org.note,
        "aliases": alias_records(org.aliases),
        "leaders": [
            {
                "title": x.title,
                "person": x.person,
                "as_of": names.newest(x.sources).date,
                "sources": list(x.sources),
            }
            for x in org.leaders
        ],
        "responsibilities": [
            {
                "text": r.text,
                "topics": list(r.topics),
                "pillars": list(r.pillars),
                "sources": list(r.sources),
            }
            for r in org.responsibilities
        ],
        "programs": [
            {
                "id": pr.program.id,
                "name": pr.program.name,
                "kind": pr.program.kind,
                "roles": [op.role for op in pr.operators],
                "sources": names.by_date(s for op in pr.operators for s in op.sources),
            }
            for pr in card.programs
        ],
        "hotlines": [hotline_record(names, h) for h in card.hotlines],
        "bodies": [membership_record(names, m) for m in card.seats],
        "members": [membership_record(names, m) for m in card.members],
        "components": [org_ref(c) for c in card.children],
        "figures": [figure_record(f) for f in card.figures],
        "events": [event_record(e) for e in card.events],
        "sources": [cited_source(s) for s in card.sources],
        "data_as_of": cited_source(card.data_as_of),
    }


def body_record(view: BodyView) -> Record:
    names = view.names
    body = view.body
    return {
        "id": body.id,
        "acronym": body.acronym,
        "name": body.name,
        "as_of": view.year if view.year is not None else view.data_as_of.year,
        "parent": org_ref(view.parent) if view.parent is not None else None,
        "summary": body.summary,
        "chair": [membership_record(names, m) for m in view.members if m.role == "chair"],
        "members": [membership_record(names, m) for m in view.members if m.role != "chair"],
        "committees": [org_ref(c) | {"sources": list(c.sources)} for c in view.committees],
        "working_groups": [org_ref(g) | {"sources": list(g.sources)} for g in view.working_groups],
        "established": [event_record(e) for e in view.established],
        "legal_basis": [
            {
                "law": law.id,
                "law_name": law.name,
                "relation": p.relation,
                "text": p.text,
                "sources": list(p.sources),
            }
            for law, p in view.legal_basis
        ],
        "figures": [figure_record(f) for f in view.figures],
        "sources": [cited_source(s) for s in view.sources],
        "data_as_of": cited_source(view.data_as_of),
    }


def organisations_record(orgs: Iterable[Organisation]) -> list[Record]:
    return [org_ref(o) | {"parent": o.parent or None} for o in orgs]


def topics_record(topics: Iterable[Topic], uses: dict[str, int]) -> list[Record]:
    return [
        {"id": t.id, "label": t.label, "description": t.description, "uses": uses[t.id]}
        for t in topics
    ]


def hits_record(hits: Iterable[Hit]) -> list[Record]:
    return [
        {
            "kind": h.document.kind,
            "id": h.document.id,
            "title": h.document.title,
            "text": h.document.text,
            "organisations": list(h.document.organisations),
            "topics": list(h.document.topics),
            "sources": list(h.document.sources),
            "match": h.match,
            "score": round(h.score, 3),
        }
        for h in hits
    ]


def timeline_records(names: Names, events: Iterable[Event]) -> list[Record]:
    return [
        {
            "date": e.date,
            "kind": e.kind,
            "text": e.text,
            "subjects": list(e.subjects),
            "subject_names": [names.full(s) for s in e.subjects],
            "sources": list(e.sources),
        }
        for e in events
    ]


def tree_record(nodes: Iterable[TreeNode]) -> list[Record]:
    """Nested records, built with a stack of their own (a chain of components can be
    deeper than Python's)."""
    top: list[Record] = []
    stack = [(node, top) for node in reversed(list(nodes))]
    while stack:
        node, siblings = stack.pop()
        children: list[Record] = []
        programs = [{"id": p.id, "name": p.name, "kind": p.kind} for p in node.programs]
        siblings.append(org_ref(node.org) | {"programs": programs, "children": children})
        stack.extend((child, children) for child in reversed(node.children))
    return top


def matrix_records(view: Matrix) -> list[Record]:
    """One flat record an organisation: id, name, then a field per column."""
    return [
        {"id": org.id, "name": org.name} | dict(zip(view.columns, cells, strict=True))
        for org, cells in view.rows
    ]
