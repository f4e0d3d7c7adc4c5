"""Any listing as a table of cells: CSV (RFC 4180) and TSV with a header row, and the
cells themselves."""

from collections.abc import Iterable, Sequence

from tipcli.data.text import printable

Record = dict[str, object]


def tsv(rows: Iterable[Sequence[str]]) -> str:
    """One record a line; tabs inside a field become spaces, control characters escapes."""
    lines = ["\t".join(printable(cell.replace("\t", " ")) for cell in row) for row in rows]
    return "".join(line + "\n" for line in lines)


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
