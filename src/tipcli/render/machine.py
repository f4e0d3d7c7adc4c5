"""Plain and JSON output. Never imports Rich: this is the path scripts take."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from tipcli.model import Source
from tipcli.text import printable


def to_json(value: object, *, pretty: bool) -> str:
    if pretty:
        return json.dumps(value, ensure_ascii=False, indent=2) + "\n"
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def tsv(rows: Iterable[Sequence[str]]) -> str:
    """One record a line, fields separated by tabs; tabs and newlines inside become spaces."""
    lines = ["\t".join(printable(cell.replace("\t", " ")) for cell in row) for row in rows]
    return "".join(line + "\n" for line in lines)


def source_record(source: Source) -> dict[str, object]:
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


def source_date(source: Source) -> str:
    return f"{source.date} (inferred)" if source.date_inferred else source.date


def sources_plain(sources: Iterable[Source]) -> str:
    return tsv((s.id, source_date(s), s.publisher, s.title) for s in sources)
