"""The whole directory in one file: JSON, JSON Lines, CSV, TOML, Markdown or HTML.

JSON and TOML carry the data file's own structure, so either loads back with `--data`;
TOML is the canonical form byte for byte. CSV flattens one table into rows; JSON Lines
puts one entry of any table on each line. Markdown (`markdown`) is for reading: every
entry's card, as `--markdown` prints it; HTML (`html`) is one page that opens offline,
with a search box.
"""

import csv
import io
import json
from collections.abc import Callable, Iterable

from tipcli.data import canonical, schema
from tipcli.data.model import Directory
from tipcli.query.asof import newest_number
from tipcli.query.handbook import handbook
from tipcli.query.index import Index
from tipcli.render.markdown.handbook import handbook_markdown

FORMATS = ("json", "jsonl", "csv", "toml", "markdown", "html")
CSV_TABLES = ("organisations", "responsibilities", "programs", "hotlines", "memberships")


def as_json(directory: Directory) -> str:
    table = canonical.to_table(schema.DIRECTORY, directory)
    return json.dumps(table, ensure_ascii=False, indent=2) + "\n"


def as_jsonl(directory: Directory) -> str:
    """One entry a line, each naming its table first: {"table": "hotlines", ...}."""
    table = canonical.to_table(schema.DIRECTORY, directory)
    lines = []
    for field in schema.DIRECTORY.fields:
        if field.type != schema.TABLES:
            continue
        for entry in table.get(field.name, []):
            lines.append(json.dumps({"table": field.name, **entry}, ensure_ascii=False))
    return "".join(line + "\n" for line in lines)


def as_toml(directory: Directory) -> str:
    return canonical.dumps(directory)


def _join(values: Iterable[str]) -> str:
    # Semicolons, because names and statements contain commas.
    return "; ".join(values)


def _organisation_rows(index: Index) -> tuple[list[str], list[list[str]]]:
    header = [
        "id",
        "acronym",
        "name",
        "kind",
        "parent",
        "summary",
        "note",
        "aliases",
        "topics",
        "responsibilities",
        "sources",
    ]
    rows = []
    for org in index.directory.organisations:
        topics = dict.fromkeys(t for r in org.responsibilities for t in r.topics)
        rows.append(
            [
                org.id,
                org.acronym,
                org.name,
                org.kind,
                org.parent,
                org.summary,
                org.note,
                _join(a.name for a in org.aliases),
                _join(topics),
                str(len(org.responsibilities)),
                _join(org.sources),
            ]
        )
    return header, rows


def _responsibility_rows(index: Index) -> tuple[list[str], list[list[str]]]:
    header = ["organisation", "organisation_name", "text", "topics", "pillars", "sources"]
    rows = [
        [org.id, org.name, r.text, _join(r.topics), _join(r.pillars), _join(r.sources)]
        for org in index.directory.organisations
        for r in org.responsibilities
    ]
    return header, rows


def _program_rows(index: Index) -> tuple[list[str], list[list[str]]]:
    header = ["id", "acronym", "name", "kind", "operators", "summary", "topics", "laws", "sources"]
    rows = [
        [
            p.id,
            p.acronym,
            p.name,
            p.kind,
            _join(f"{op.organisation} ({op.role})" for op in p.operators),
            p.summary,
            _join(p.topics),
            _join(p.laws),
            _join(p.sources),
        ]
        for p in index.directory.programs
    ]
    return header, rows


def _hotline_rows(index: Index) -> tuple[list[str], list[list[str]]]:
    header = [
        "id",
        "name",
        "number",
        "dialable",
        "numbers_published",
        "operators",
        "purpose",
        "audience",
        "hours",
        "topics",
        "sources",
    ]
    rows = []
    for h in index.directory.hotlines:
        newest = newest_number(index, h)
        rows.append(
            [
                h.id,
                h.name,
                newest.number,
                newest.dialable,
                _join(f"{n.number} ({', '.join(n.sources)})" for n in h.numbers),
                _join(f"{op.organisation} ({op.role})" for op in h.operators),
                h.purpose,
                h.audience,
                h.hours,
                _join(h.topics),
                _join(h.sources),
            ]
        )
    return header, rows


def _membership_rows(index: Index) -> tuple[list[str], list[list[str]]]:
    header = [
        "body",
        "member",
        "member_name",
        "role",
        "title",
        "person",
        "note",
        "sources",
        "years",
    ]
    rows = [
        [
            m.body,
            m.member,
            index.organisations[m.member].name,
            m.role,
            m.title,
            m.person,
            m.note,
            _join(m.sources),
            _join(sorted({str(index.source_year(s)) for s in m.sources})),
        ]
        for m in index.directory.memberships
    ]
    return header, rows


_CSV_ROWS: dict[str, Callable[[Index], tuple[list[str], list[list[str]]]]] = {
    "organisations": _organisation_rows,
    "responsibilities": _responsibility_rows,
    "programs": _program_rows,
    "hotlines": _hotline_rows,
    "memberships": _membership_rows,
}
assert set(_CSV_ROWS) == set(CSV_TABLES)


def as_csv(index: Index, table: str) -> str:
    header, rows = _CSV_ROWS[table](index)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def render(index: Index, fmt: str, table: str) -> str:
    renderers: dict[str, Callable[[], str]] = {
        "json": lambda: as_json(index.directory),
        "jsonl": lambda: as_jsonl(index.directory),
        "csv": lambda: as_csv(index, table),
        "toml": lambda: as_toml(index.directory),
        "markdown": lambda: handbook_markdown(handbook(index)),
        "html": lambda: _as_html(index),
    }
    assert set(renderers) == set(FORMATS)
    return renderers[fmt]()


def _as_html(index: Index) -> str:
    # Imported here: the page's modules are needed by this one format alone.
    from tipcli.query.page import directory_page
    from tipcli.render.html import page

    return page(directory_page(index))
