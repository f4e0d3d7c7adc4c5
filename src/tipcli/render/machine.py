"""Plain and JSON output. Never imports Rich: this is the path scripts take.

Plain output is one record a line, tab-separated. Where a command prints records of
several kinds (an agency card), the first field names the kind of record, so that
`awk -F'\\t' '$1 == "hotline"'` picks out one kind. Lists inside a field (topics,
sources) are comma-separated.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from tipcli.index import Index
from tipcli.model import Event, Figure, Membership, Operator, Organisation, Source, Topic
from tipcli.text import printable
from tipcli.views import BodyView, Card, HotlineEntry, source_date

if TYPE_CHECKING:
    from tipcli.pictures import Matrix, TreeNode
    from tipcli.search import Hit

Record = dict[str, object]


def to_json(value: object, *, pretty: bool) -> str:
    # json is imported where it is used, so that plain and terminal output skip it.
    import json

    if pretty:
        return json.dumps(value, ensure_ascii=False, indent=2) + "\n"
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def tsv(rows: Iterable[Sequence[str]]) -> str:
    """One record a line; tabs inside a field become spaces, control characters escapes."""
    lines = ["\t".join(printable(cell.replace("\t", " ")) for cell in row) for row in rows]
    return "".join(line + "\n" for line in lines)


def _ids(values: Iterable[str]) -> str:
    return ",".join(values)


def _by_date(index: Index, source_ids: Iterable[str]) -> list[str]:
    """Distinct source ids, oldest document first."""
    return sorted(set(source_ids), key=index.source_date)


# Sources -----------------------------------------------------------------------------


def source_record(source: Source) -> Record:
    return {
        "id": source.id,
        "title": source.title,
        "publisher": source.publisher,
        "kind": source.kind,
        "date": source.date,
        "date_inferred": source.date_inferred,
        "date_basis": source.date_basis,
        "file": source.file,
    }


def sources_plain(sources: Iterable[Source]) -> str:
    return tsv((s.id, source_date(s), s.publisher, s.title) for s in sources)


# Shared pieces -----------------------------------------------------------------------


def org_ref(org: Organisation) -> Record:
    return {"id": org.id, "acronym": org.acronym, "name": org.name, "kind": org.kind}


def operator_record(index: Index, op: Operator) -> Record:
    return {
        "organisation": op.organisation,
        "name": index.display_name(op.organisation),
        "role": op.role,
        "sources": list(op.sources),
    }


def membership_record(index: Index, m: Membership) -> Record:
    return {
        "body": m.body,
        "body_name": index.display_name(m.body),
        "member": m.member,
        "member_name": index.display_name(m.member),
        "role": m.role,
        "title": m.title,
        "person": m.person,
        "note": m.note,
        "sources": list(m.sources),
    }


def figure_record(figure: Figure) -> Record:
    return {"text": figure.text, "period": figure.period, "sources": list(figure.sources)}


def event_record(event: Event) -> Record:
    return {
        "date": event.date,
        "kind": event.kind,
        "text": event.text,
        "subjects": list(event.subjects),
        "sources": list(event.sources),
    }


def cited_source(source: Source) -> Record:
    return {
        "id": source.id,
        "title": source.title,
        "publisher": source.publisher,
        "date": source.date,
        "date_inferred": source.date_inferred,
    }


def hotline_record(index: Index, entry: HotlineEntry) -> Record:
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
        "operators": [operator_record(index, op) for op in hotline.operators],
        "purpose": hotline.purpose,
        "audience": hotline.audience,
        "hours": hotline.hours,
        "topics": list(hotline.topics),
        "aliases": [
            {"name": a.name, "type": a.type, "sources": list(a.sources)} for a in hotline.aliases
        ],
        "note": hotline.note,
        "sources": list(hotline.sources),
        "source_dates": {s: index.sources[s].date for s in _all_hotline_sources(index, entry)},
    }


def _all_hotline_sources(index: Index, entry: HotlineEntry) -> list[str]:
    hotline = entry.hotline
    ids = [
        *hotline.sources,
        *(s for n in hotline.numbers for s in n.sources),
        *(s for op in hotline.operators for s in op.sources),
    ]
    return _by_date(index, ids)


# The agency card ---------------------------------------------------------------------


def card_record(index: Index, card: Card) -> Record:
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
        "aliases": [
            {"name": a.name, "type": a.type, "sources": list(a.sources)} for a in org.aliases
        ],
        "leaders": [
            {"title": x.title, "person": x.person, "sources": list(x.sources)} for x in org.leaders
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
                "sources": _by_date(index, (s for op in pr.operators for s in op.sources)),
            }
            for pr in card.programs
        ],
        "hotlines": [hotline_record(index, h) for h in card.hotlines],
        "bodies": [membership_record(index, m) for m in card.seats],
        "members": [membership_record(index, m) for m in card.members],
        "components": [org_ref(c) for c in card.children],
        "figures": [figure_record(f) for f in card.figures],
        "events": [event_record(e) for e in card.events],
        "sources": [cited_source(s) for s in card.sources],
    }


def card_plain(index: Index, card: Card) -> str:
    org = card.org
    rows: list[Sequence[str]] = [("id", org.id), ("name", org.name)]
    if org.acronym:
        rows.append(("acronym", org.acronym))
    rows.append(("kind", org.kind))
    rows.extend(("parent", a.id, a.name) for a in card.ancestors[:1])
    rows.extend(("ancestor", a.id, a.name) for a in card.ancestors)
    rows.append(("summary", org.summary))
    if org.note:
        rows.append(("note", org.note))
    rows.extend(("alias", a.name, a.type, _ids(a.sources)) for a in org.aliases)
    rows.extend(("leader", x.title, x.person, _ids(x.sources)) for x in org.leaders)
    rows.extend(
        ("responsibility", r.text, _ids(r.topics), _ids(r.pillars), _ids(r.sources))
        for r in org.responsibilities
    )
    rows.extend(
        (
            "program",
            pr.program.id,
            pr.program.name,
            _ids(op.role for op in pr.operators),
            _ids(_by_date(index, (s for op in pr.operators for s in op.sources))),
        )
        for pr in card.programs
    )
    rows.extend(
        ("hotline", h.hotline.id, h.hotline.name, h.number.number, h.number.dialable)
        for h in card.hotlines
    )
    rows.extend(
        ("body", m.body, index.display_name(m.body), m.role, m.title, _ids(m.sources))
        for m in card.seats
    )
    rows.extend(
        ("member", m.member, index.display_name(m.member), m.role, m.title, _ids(m.sources))
        for m in card.members
    )
    rows.extend(("component", c.id, c.acronym, c.name, c.kind) for c in card.children)
    rows.extend(("figure", f.text, f.period, _ids(f.sources)) for f in card.figures)
    rows.extend(("event", e.date, e.text, _ids(e.sources)) for e in card.events)
    rows.extend(("source", s.id, source_date(s), s.title) for s in card.sources)
    return tsv(rows)


# Hotlines ----------------------------------------------------------------------------


def hotlines_plain(index: Index, entries: Iterable[HotlineEntry]) -> str:
    return tsv(
        (
            e.hotline.id,
            e.hotline.name,
            e.number.number,
            e.number.dialable,
            _ids(op.organisation for op in _distinct(e.hotline.operators)),
            e.hotline.purpose,
            e.hotline.audience,
            e.hotline.hours,
            _ids(_all_hotline_sources(index, e)),
        )
        for e in entries
    )


def _distinct(operators: Iterable[Operator]) -> list[Operator]:
    return list({op.organisation: op for op in operators}.values())


# Bodies ------------------------------------------------------------------------------


def body_record(index: Index, view: BodyView) -> Record:
    body = view.body
    return {
        "id": body.id,
        "acronym": body.acronym,
        "name": body.name,
        "as_of": view.year,
        "summary": body.summary,
        "chair": [membership_record(index, m) for m in view.members if m.role == "chair"],
        "members": [membership_record(index, m) for m in view.members if m.role != "chair"],
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
    }


def body_plain(index: Index, view: BodyView) -> str:
    body = view.body
    rows: list[Sequence[str]] = [
        ("body", body.id, body.acronym, body.name),
        ("as_of", str(view.year) if view.year is not None else "newest"),
    ]
    rows.extend(("established", e.date, e.text, _ids(e.sources)) for e in view.established)
    rows.extend(
        ("legal_basis", law.id, law.name, p.relation, _ids(p.sources))
        for law, p in view.legal_basis
    )
    rows.extend(
        (
            "membership",
            m.role,
            m.member,
            index.display_name(m.member),
            m.title,
            m.person,
            _ids(m.sources),
        )
        for m in view.members
    )
    rows.extend(("committee", c.id, c.name, _ids(c.sources)) for c in view.committees)
    rows.extend(("working_group", g.id, g.name, _ids(g.sources)) for g in view.working_groups)
    rows.extend(("figure", f.text, f.period, _ids(f.sources)) for f in view.figures)
    rows.extend(("source", s.id, source_date(s), s.title) for s in view.sources)
    return tsv(rows)


# Lists -------------------------------------------------------------------------------


def organisations_record(orgs: Iterable[Organisation]) -> list[Record]:
    return [org_ref(o) | {"parent": o.parent or None} for o in orgs]


def organisations_plain(orgs: Iterable[Organisation]) -> str:
    return tsv((o.id, o.acronym, o.name, o.kind, o.parent) for o in orgs)


def topics_record(topics: Iterable[Topic], uses: dict[str, int]) -> list[Record]:
    return [
        {"id": t.id, "label": t.label, "description": t.description, "uses": uses[t.id]}
        for t in topics
    ]


def topics_plain(topics: Iterable[Topic], uses: dict[str, int]) -> str:
    return tsv((t.id, t.label, str(uses[t.id]), t.description) for t in topics)


# Search ------------------------------------------------------------------------------


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


def hits_plain(hits: Iterable[Hit]) -> str:
    return tsv(
        (
            h.document.kind,
            h.document.id,
            h.document.title,
            h.document.text,
            _ids(h.document.topics),
            _ids(h.document.sources),
            h.match,
        )
        for h in hits
    )


# Any listing as JSON Lines, CSV or TSV --------------------------------------------------


def flatten(value: object) -> str:
    """One cell of a table: lists joined with '; ' (names contain commas), objects by id."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(flatten(item) for item in value)
    if isinstance(value, dict):
        if "organisation" in value and "role" in value:
            return f"{value['organisation']} ({value['role']})"
        for key in ("id", "number", "name"):
            if key in value:
                return flatten(value[key])
        import json

        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def pick(records: list[Record], fields: Sequence[str]) -> list[Record]:
    return [{field: record[field] for field in fields} for record in records]


def jsonl(records: list[Record]) -> str:
    import json

    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def delimited(records: list[Record], fields: Sequence[str], *, tabs: bool, header: bool) -> str:
    """CSV (quoted as RFC 4180) or TSV (tabs and newlines inside a cell become spaces)."""
    if tabs:
        rows = [[flatten(r[f]) for f in fields] for r in records]
        return tsv([list(fields), *rows] if header else rows)
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if header:
        writer.writerow(fields)
    writer.writerows([flatten(r[f]) for f in fields] for r in records)
    return buffer.getvalue()


# Timeline and tree -------------------------------------------------------------------


def timeline_records(index: Index, events: Iterable[Event]) -> list[Record]:
    return [
        {
            "date": e.date,
            "kind": e.kind,
            "text": e.text,
            "subjects": list(e.subjects),
            "subject_names": [index.display_name(s) for s in e.subjects],
            "sources": list(e.sources),
        }
        for e in events
    ]


def timeline_plain(events: Iterable[Event]) -> str:
    return tsv((e.date, e.kind, e.text, _ids(e.subjects), _ids(e.sources)) for e in events)


def tree_record(nodes: Iterable[TreeNode]) -> list[Record]:
    return [
        org_ref(node.org)
        | {
            "programs": [{"id": p.id, "name": p.name, "kind": p.kind} for p in node.programs],
            "children": tree_record(node.children),
        }
        for node in nodes
    ]


def tree_plain(nodes: Iterable[TreeNode]) -> str:
    """Two spaces of indent a level; programmes are marked with '* '."""
    lines: list[str] = []

    def walk(node: TreeNode, depth: int) -> None:
        org = node.org
        name = f"{org.name} ({org.acronym})" if org.acronym else org.name
        lines.append(printable(f"{'  ' * depth}{name} [{org.kind}]"))
        for program in node.programs:
            lines.append(printable(f"{'  ' * (depth + 1)}* {program.name} [{program.kind}]"))
        for child in node.children:
            walk(child, depth + 1)

    for node in nodes:
        walk(node, 0)
    return "".join(line + "\n" for line in lines)


def matrix_records(view: Matrix) -> list[Record]:
    """One flat record an organisation: id, name, then a field per column."""
    return [
        {"id": org.id, "name": org.name} | dict(zip(view.columns, cells, strict=True))
        for org, cells in view.rows
    ]


def matrix_plain(view: Matrix) -> str:
    return delimited(matrix_records(view), ["id", "name", *view.columns], tabs=True, header=False)
