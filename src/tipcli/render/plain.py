"""Plain output: one record a line, tab-separated, what a pipe gets by default.

Where a command prints records of several kinds (an agency card), the first field
names the kind of record, so that `awk -F'\\t' '$1 == "hotline"'` picks out one kind.
Lists inside a field (topics, sources) are comma-separated.
"""

from collections.abc import Iterable, Sequence
from typing import assert_never

from tipcli.data.model import (
    Event,
    Figure,
    Membership,
    Operator,
    Organisation,
    Source,
    Topic,
    full_name,
)
from tipcli.data.text import printable
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
from tipcli.render.delimited import delimited, tsv
from tipcli.render.pieces import hotline_sources


def text(view: View | Listing) -> str:
    """The plain text of any view."""
    match view:
        case Card():
            return card_plain(view)
        case BodyView():
            return body_plain(view)
        case ProgramCard():
            return program_plain(view)
        case LawCard():
            return law_plain(view)
        case Tree():
            return tree_plain(view.roots)
        case HotlineList():
            return hotlines_plain(view.names, view.entries)
        case OrganisationList():
            return organisations_plain(view.organisations)
        case SourceList():
            return sources_plain(view.sources)
        case TopicList():
            return topics_plain(view.topics, view.uses)
        case Timeline():
            return timeline_plain(view.events)
        case SearchResults():
            return hits_plain(view.hits)
        case Matrix():
            return matrix_plain(view)
        case _:
            assert_never(view)


def _ids(values: Iterable[str]) -> str:
    return ",".join(values)


def sources_plain(sources: Iterable[Source]) -> str:
    return tsv((s.id, s.date_label, s.publisher, s.title) for s in sources)


def card_plain(card: Card) -> str:
    names = card.names
    org = card.org
    rows = _head(org.id, org.name, org.acronym, org.kind)
    rows.extend(("parent", a.id, a.name) for a in card.ancestors[:1])
    rows.extend(("ancestor", a.id, a.name) for a in card.ancestors)
    rows.append(("summary", org.summary))
    if org.note:
        rows.append(("note", org.note))
    rows.extend(("alias", a.name, a.type, _ids(a.sources)) for a in org.aliases)
    rows.extend(
        ("leader", x.title, x.person, _ids(x.sources), names.newest(x.sources).date)
        for x in org.leaders
    )
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
            _ids(names.by_date(s for op in pr.operators for s in op.sources)),
        )
        for pr in card.programs
    )
    rows.extend(
        ("hotline", h.hotline.id, h.hotline.name, h.number.number, h.number.dialable)
        for h in card.hotlines
    )
    rows.extend(
        ("body", m.body, names.full(m.body), m.role, m.title, _ids(m.sources), _as_of(names, m))
        for m in card.seats
    )
    rows.extend(
        (
            "member",
            m.member,
            names.full(m.member),
            m.role,
            m.title,
            _ids(m.sources),
            _as_of(names, m),
        )
        for m in card.members
    )
    rows.extend(("component", c.id, c.acronym, c.name, c.kind) for c in card.children)
    return tsv([*rows, *_tail(card.figures, card.events, card.sources, card.data_as_of)])


def program_plain(card: ProgramCard) -> str:
    names, program = card.names, card.program
    rows = _head(program.id, program.name, program.acronym, program.kind)
    rows.append(("summary", program.summary))
    if program.note:
        rows.append(("note", program.note))
    rows.append(("topics", _ids(program.topics), _ids(program.pillars)))
    rows.extend(("alias", a.name, a.type, _ids(a.sources)) for a in program.aliases)
    rows.extend(
        ("operator", op.organisation, names.full(op.organisation), op.role, _ids(op.sources))
        for op in card.operators
    )
    rows.extend(("law", law.id, law.name, law.citation) for law in card.laws)
    return tsv([*rows, *_tail(card.figures, card.events, card.sources, card.data_as_of)])


def law_plain(card: LawCard) -> str:
    names, law = card.names, card.law
    rows = _head(law.id, law.name, law.acronym, law.kind)
    if law.citation:
        rows.append(("citation", law.citation))
    if law.date:
        rows.append(("date", law.date))
    rows.append(("summary", law.summary))
    rows.extend(("alias", a.name, a.type, _ids(a.sources)) for a in law.aliases)
    rows.extend(
        (
            "provision",
            p.relation,
            p.entity,
            names.full(p.entity) if p.entity else "",
            p.text,
            _ids(p.sources),
        )
        for p in law.provisions
    )
    rows.extend(("program", p.id, p.name, p.kind) for p in card.programs)
    return tsv([*rows, *_tail((), card.events, card.sources, card.data_as_of)])


def hotlines_plain(names: Names, entries: Iterable[HotlineEntry]) -> str:
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
            _ids(hotline_sources(names, e)),
            e.stated.date,
        )
        for e in entries
    )


def _head(entity_id: str, name: str, acronym: str, kind: str) -> list[Sequence[str]]:
    """A card's first records: what it is."""
    rows: list[Sequence[str]] = [("id", entity_id), ("name", name)]
    if acronym:
        rows.append(("acronym", acronym))
    rows.append(("kind", kind))
    return rows


def _tail(
    figures: Iterable[Figure],
    events: Iterable[Event],
    sources: Iterable[Source],
    data_as_of: Source,
) -> list[Sequence[str]]:
    """A card's last records: its figures, dated events and documents, and how recent
    the record in view is."""
    rows: list[Sequence[str]] = [("figure", f.text, f.period, _ids(f.sources)) for f in figures]
    rows.extend(("event", e.date, e.text, _ids(e.sources)) for e in events)
    rows.extend(("source", s.id, s.date_label, s.title) for s in sources)
    rows.append(_data_as_of(data_as_of))
    return rows


def _as_of(names: Names, membership: Membership) -> str:
    """The date of the newest document that gives a membership."""
    return names.newest(membership.sources).date


def _data_as_of(source: Source) -> tuple[str, ...]:
    """The last record of a card: how recent the record in view is."""
    return ("data_as_of", source.date_label, source.id)


def _distinct(operators: Iterable[Operator]) -> list[Operator]:
    return list({op.organisation: op for op in operators}.values())


def body_plain(view: BodyView) -> str:
    names = view.names
    body = view.body
    rows: list[Sequence[str]] = [
        ("body", body.id, body.acronym, body.name),
        ("as_of", str(view.year if view.year is not None else view.data_as_of.year)),
    ]
    if view.parent is not None:
        rows.append(("parent", view.parent.id, view.parent.name))
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
            names.full(m.member),
            m.title,
            m.person,
            _ids(m.sources),
            _as_of(names, m),
        )
        for m in view.members
    )
    rows.extend(("committee", c.id, c.name, _ids(c.sources)) for c in view.committees)
    rows.extend(("working_group", g.id, g.name, _ids(g.sources)) for g in view.working_groups)
    rows.extend(("figure", f.text, f.period, _ids(f.sources)) for f in view.figures)
    rows.extend(("source", s.id, s.date_label, s.title) for s in view.sources)
    rows.append(_data_as_of(view.data_as_of))
    return tsv(rows)


def organisations_plain(orgs: Iterable[Organisation]) -> str:
    return tsv((o.id, o.acronym, o.name, o.kind, o.parent) for o in orgs)


def topics_plain(topics: Iterable[Topic], uses: dict[str, int]) -> str:
    return tsv((t.id, t.label, str(uses[t.id]), t.description) for t in topics)


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


def timeline_plain(events: Iterable[Event]) -> str:
    return tsv((e.date, e.kind, e.text, _ids(e.subjects), _ids(e.sources)) for e in events)


def tree_plain(nodes: Iterable[TreeNode]) -> str:
    """Two spaces of indent a level; programmes are marked with '* '. (A stack of its
    own: a chain of components can be deeper than Python's.)"""
    lines: list[str] = []
    stack = [(node, 0) for node in reversed(list(nodes))]
    while stack:
        node, depth = stack.pop()
        org = node.org
        lines.append(printable(f"{'  ' * depth}{full_name(org)} [{org.kind}]"))
        for program in node.programs:
            lines.append(printable(f"{'  ' * (depth + 1)}* {program.name} [{program.kind}]"))
        stack.extend((child, depth + 1) for child in reversed(node.children))
    return "".join(line + "\n" for line in lines)


def matrix_plain(view: Matrix) -> str:
    # The records of JSON and CSV, loaded only for the matrix: a plain card needs none.
    from tipcli.render.records import matrix_records

    return delimited(matrix_records(view), ["id", "name", *view.columns], tabs=True, header=False)
