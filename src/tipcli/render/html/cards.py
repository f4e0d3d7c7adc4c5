"""Cards as HTML: each says what the same card says on a terminal, in the same order
and words, with each entity a link to its own card and each source id a link to the
list of documents."""

import re
from collections.abc import Callable, Iterable
from html import escape

from tipcli.data.model import Alias, Figure, Membership, Operator, Organisation, Source, full_name
from tipcli.query.asof import Names
from tipcli.query.views import BodyView, Card, HotlineEntry, LawCard, ProgramCard, ProgramRole
from tipcli.render.pieces import UNCITED_NAME, age_note, hotline_sources, seat, source_title

# Words a reviewer (or a mail filter) reads as a page reaching out to the network: the
# page has no such call, and data that says them ("Agricultural Workers") is written
# with its first letter as a character reference, so the file never holds the word.
_NETWORK_WORDS = re.compile(r"fetch|xmlhttprequest|worker|import\s*\(", re.IGNORECASE)


def defused(value: str, escape_char: Callable[[str], str]) -> str:
    """`value` with the first letter of each network word written by `escape_char`."""
    return _NETWORK_WORDS.sub(lambda m: escape_char(m[0][0]) + m[0][1:], value)


def text(value: str) -> str:
    """Data as HTML text or attribute value."""
    return defused(escape(value, quote=True), lambda char: f"&#{ord(char)};")


def link(entity_id: str, label: str) -> str:
    return f'<a href="#{text(entity_id)}">{text(label)}</a>'


def cite(sources: Iterable[str]) -> str:
    ids = list(sources)
    if not ids:
        return ""
    links = ", ".join(f'<a href="#source--{text(s)}">{text(s)}</a>' for s in ids)
    return f' <span class="cite">[{links}]</span>'


def section(title: str, items: Iterable[str], level: int) -> str:
    """A titled list, or nothing where there is nothing to list."""
    listed = "".join(f"<li>{item}</li>\n" for item in items)
    if not listed:
        return ""
    return f"<h{level}>{text(title)}</h{level}>\n<ul>\n{listed}</ul>\n"


def title(entity_id: str, acronym: str, name: str, level: int) -> str:
    """A card's heading: the acronym, then the name exactly as `tip list` prints it."""
    short = f'<span class="acronym">{text(acronym)}</span> ' if acronym and acronym != name else ""
    named = f'{short}<span class="name">{text(name)}</span>'
    return f'<h{level} id="title--{text(entity_id)}">{named}</h{level}>\n'


def paragraph(value: str, css: str = "") -> str:
    if not value:
        return ""
    attribute = f' class="{css}"' if css else ""
    return f"<p{attribute}>{text(value)}</p>\n"


def also_called(aliases: Iterable[Alias]) -> str:
    called = [
        f"{text(a.name)}{cite(a.sources)}" if a.sources else f"{text(a.name)} {UNCITED_NAME}"
        for a in aliases
    ]
    return f'<p class="dim">Also called: {"; ".join(called)}</p>\n' if called else ""


def sources_list(sources: Iterable[Source], level: int) -> str:
    return section(
        "Sources",
        (
            f'<a href="#source--{text(s.id)}">{text(s.id)}</a> {text(s.date_label)} '
            f"{text(source_title(s, whole_path=False))}"
            for s in sources
        ),
        level,
    )


def age(cited: Iterable[Source], data_as_of: Source) -> str:
    return paragraph(age_note(cited, data_as_of), "age")


def number(entry: HotlineEntry) -> str:
    """The number to call as a link that dials it, and the date of the newest document
    that gives it."""
    shown = entry.number
    return (
        f'<a class="tel" href="tel:{text(shown.dialable)}">{text(shown.number)}</a> '
        f'<span class="dim">({text(shown.dialable)}) as of {text(entry.stated.date_label)}</span>'
    )


def membership(names: Names, m: Membership, who: str) -> str:
    return f"<strong>{link(who, names.short(who))}</strong>{text(seat(names, m))}{cite(m.sources)}"


def figures(items: Iterable[Figure], level: int) -> str:
    return section(
        "Figures",
        (
            f'{text(f.text)} <span class="dim">({text(f.period)})</span>{cite(f.sources)}'
            for f in items
        ),
        level,
    )


def timeline(events: Iterable[tuple[str, str, tuple[str, ...]]], level: int) -> str:
    return section(
        "Timeline",
        (f"{text(date)} {text(what)}{cite(sources)}" for date, what, sources in events),
        level,
    )


def _where(org: Organisation, ancestors: Iterable[Organisation]) -> str:
    where = f"<em>{text(org.kind.replace('-', ' '))}</em>"
    chain = [link(a.id, full_name(a)) for a in ancestors]
    if chain:
        where += " in " + ", in ".join(chain)
    return f'<p class="kind">{where}</p>\n'


def _program_role(names: Names, role: ProgramRole) -> str:
    roles = ", ".join(dict.fromkeys(op.role for op in role.operators))
    sources = names.by_date(s for op in role.operators for s in op.sources)
    named = link(role.program.id, role.program.name)
    return f"<strong>{named}</strong> — {text(roles)}{cite(sources)}"


def _duty(names: Names, duty_text: str, topics: Iterable[str], pillars: Iterable[str]) -> str:
    labels = ", ".join(names.topic(t) for t in topics)
    return (
        f'{text(duty_text)}<br><span class="dim">{text(labels)} · {text(", ".join(pillars))}</span>'
    )


def card(view: Card) -> str:
    """An organisation as `tip agency` shows it."""
    names, org = view.names, view.org
    parts = [
        title(org.id, org.acronym, org.name, 3),
        _where(org, view.ancestors),
        paragraph(org.summary),
        paragraph(f"Note: {org.note}" if org.note else "", "dim"),
        also_called(org.aliases),
        section(
            "Leaders",
            (
                f"{text(x.title)}: {text(x.person)}, as of {names.newest(x.sources).year}"
                f"{cite(x.sources)}"
                for x in org.leaders
            ),
            4,
        ),
        section(
            "Responsibilities",
            (
                _duty(names, d.text, d.topics, d.pillars) + cite(d.sources)
                for d in org.responsibilities
            ),
            4,
        ),
        section(
            "Programmes, reports and benefits",
            (_program_role(names, pr) for pr in view.programs),
            4,
        ),
        section(
            "Hotlines",
            (
                f"<strong>{link(h.hotline.id, h.hotline.name)}</strong> {number(h)}"
                for h in view.hotlines
            ),
            4,
        ),
        section("Sits on", (membership(names, m, m.body) for m in view.seats), 4),
        section("Members", (membership(names, m, m.member) for m in view.members), 4),
        section(
            "Components",
            (
                f'{link(c.id, full_name(c))} <span class="dim">{text(c.kind)}</span>'
                for c in view.children
            ),
            4,
        ),
        figures(view.figures, 4),
        timeline(((e.date, e.text, e.sources) for e in view.events), 4),
        sources_list(view.sources, 4),
        age(view.sources, view.data_as_of),
    ]
    return _article(org.id, parts)


def _article(entity_id: str, parts: Iterable[str]) -> str:
    """A card, which a link to `#ENTITY-ID` opens."""
    anchor = text(entity_id)
    body = "".join(parts)
    opening = f'<article class="card" id="{anchor}" aria-labelledby="title--{anchor}">'
    return f"{opening}\n{body}</article>\n"


def _operators(names: Names, operators: Iterable[Operator]) -> str:
    roles: dict[str, list[str]] = {}
    for op in operators:
        roles.setdefault(op.organisation, []).append(op.role)
    return "; ".join(
        f"{link(org, names.full(org))} ({text(', '.join(dict.fromkeys(r)))})"
        for org, r in roles.items()
    )


def hotline(names: Names, entry: HotlineEntry) -> str:
    """A hotline as `tip hotline` shows it."""
    line = entry.hotline
    rows = [
        ("Call", number(entry)),
        ("Run by", _operators(names, line.operators)),
        ("For", text(line.audience)),
        ("What", text(line.purpose)),
    ]
    if line.hours:
        rows.append(("Hours", text(line.hours)))
    if line.note:
        rows.append(("Note", text(line.note)))
    if len(line.numbers) > 1:
        rows.append(
            ("Printed as", "; ".join(f"{text(n.number)}{cite(n.sources)}" for n in line.numbers))
        )
    former = [a for a in line.aliases if a.type == "name"]
    if former:
        rows.append(
            ("Earlier names", "; ".join(f"{text(a.name)}{cite(a.sources)}" for a in former))
        )
    rows.append(("Sources", cite(hotline_sources(names, entry)).strip()))
    facts = "".join(f"<dt>{label}</dt><dd>{value}</dd>\n" for label, value in rows)
    parts = [title(line.id, "", line.name, 3), f"<dl>\n{facts}</dl>\n"]
    return _article(line.id, parts)


def program(view: ProgramCard) -> str:
    """A programme as `tip program` shows it."""
    names, shown = view.names, view.program
    where = shown.kind.replace("-", " ")
    if shown.topics:
        where += " · " + ", ".join(names.topic(t) for t in shown.topics)
    parts = [
        title(shown.id, shown.acronym, shown.name, 3),
        f'<p class="kind"><em>{text(where)}</em></p>\n',
        paragraph(shown.summary),
        paragraph(f"Note: {shown.note}" if shown.note else "", "dim"),
        also_called(shown.aliases),
        section(
            "Who takes part",
            (
                f"<strong>{link(op.organisation, names.full(op.organisation))}</strong> — "
                f"{text(op.role)}{cite(op.sources)}"
                for op in view.operators
            ),
            4,
        ),
        section(
            "Rests on",
            (
                f"<strong>{link(law.id, law.name)}</strong> {text(law.citation)}"
                for law in view.laws
            ),
            4,
        ),
        figures(view.figures, 4),
        timeline(((e.date, e.text, e.sources) for e in view.events), 4),
        sources_list(view.sources, 4),
        age(view.sources, view.data_as_of),
    ]
    return _article(shown.id, parts)


def law(view: LawCard) -> str:
    """A law as `tip law` shows it."""
    names, shown = view.names, view.law
    facts = [shown.kind.replace("-", " "), shown.citation, shown.date]
    parts = [
        title(shown.id, shown.acronym, shown.name, 3),
        f'<p class="kind"><em>{text(" · ".join(f for f in facts if f))}</em></p>\n',
        paragraph(shown.summary),
        also_called(shown.aliases),
        section(
            "What it brought about",
            (
                f"<strong>{_entity(names, p.entity)}</strong> "
                f"({text(p.relation)}): {text(p.text)}{cite(p.sources)}"
                for p in shown.provisions
            ),
            4,
        ),
        section(
            "Programmes that rest on it",
            (
                f'{link(p.id, p.name)} <span class="dim">{text(p.kind)}</span>'
                for p in view.programs
            ),
            4,
        ),
        timeline(((e.date, e.text, e.sources) for e in view.events), 4),
        sources_list(view.sources, 4),
        age(view.sources, view.data_as_of),
    ]
    return _article(shown.id, parts)


def _entity(names: Names, entity_id: str) -> str:
    return link(entity_id, names.full(entity_id)) if entity_id else "A rule"


def body(view: BodyView, anchor: str) -> str:
    """A body as `tip pitf`, `tip spog` or `tip body` shows it, as of its year; headed
    by that year, as one of several of the same body."""
    names, org = view.names, view.body
    when = f"As of {view.year}" if view.year is not None else "Newest record"
    parent = f" of {link(view.parent.id, names.full(view.parent.id))}" if view.parent else ""
    chairs = [m for m in view.members if m.role == "chair"]
    others = [m for m in view.members if m.role != "chair"]
    parts = [
        f'<h4 id="title--{text(anchor)}">{text(when)}: {text(full_name(org))}</h4>\n',
        f'<p class="kind"><em>{text(org.kind.replace("-", " "))}</em>{parent}</p>\n',
        paragraph(org.summary),
        section(
            "Established",
            (f"{text(e.date)} {text(e.text)}{cite(e.sources)}" for e in view.established),
            5,
        ),
        section(
            "Legal basis",
            (
                f"<strong>{link(law.id, law.name)}</strong> ({text(p.relation)}): "
                f"{text(p.text)}{cite(p.sources)}"
                for law, p in view.legal_basis
            ),
            5,
        ),
        section("Chair", (membership(names, m, m.member) for m in chairs), 5),
        section(
            f"Members and partners ({len(others)})",
            (membership(names, m, m.member) for m in others),
            5,
        ),
        section(
            "Standing committees",
            (f"{link(c.id, c.name)}{cite(c.sources)}" for c in view.committees),
            5,
        ),
        section(
            "Working groups",
            (f"{link(g.id, g.name)}{cite(g.sources)}" for g in view.working_groups),
            5,
        ),
        figures(view.figures, 5),
        sources_list(view.sources, 5),
        age(view.sources, view.data_as_of),
    ]
    labelled = f'id="{text(anchor)}" aria-labelledby="title--{text(anchor)}"'
    return f'<section class="year" {labelled}>\n{"".join(parts)}</section>\n'
