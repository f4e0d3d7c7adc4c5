"""Added files merged over a directory's tables: new entries appended, statements added
to the entries they name by id, and anything else an added file says of an entry it
did not make refused, naming both files. See `tipcli.data.added`."""

from typing import Any, NamedTuple

from tipcli.data import schema
from tipcli.data.rules import entry_name
from tipcli.errors import Problems


class Merged(NamedTuple):
    table: dict[str, Any]
    # Where each added part sits in the merged tables (a problem place's prefix, as
    # `organisations[doj-bja].responsibilities[4]`), and the file it came from.
    origins: dict[str, str]


# Fields of an entity that hold statements of their own, each with its sources: what an
# added file may add to an entity of the directory.
def _statement_fields(spec: schema.TableSpec) -> set[str]:
    return {f.name for f in spec.fields if f.type == schema.TABLES}


def merge(
    base: dict[str, Any], base_label: str, added: list[tuple[dict[str, Any], str]]
) -> tuple[Merged, Problems]:
    """The directory with each added file merged over it, in order; and what an added
    file may not do (change what is already said), each problem naming both files."""
    merger = _Merger(base, base_label)
    fields = {field.name: field for field in schema.DIRECTORY.fields}
    for table, label in added:
        for name, entries in table.items():
            field = fields.get(name)
            if field is None:
                known = ", ".join(fields)
                merger.problems.add(name, f"unknown key '{name}' (known keys: {known})", label)
            elif field.table is None:
                if entries != schema.FORMAT_VERSION:
                    reads = f"this release reads format {schema.FORMAT_VERSION}"
                    message = f"format {entries!r} is not supported ({reads})"
                    merger.problems.add(name, message, label)
            elif not isinstance(entries, list):
                merger.problems.add(name, "expected an array of tables ([[" + name + "]])", label)
            else:
                for position, entry in enumerate(entries, start=1):
                    if isinstance(entry, dict):
                        merger.entry(name, field.table, entry, label)
                    else:
                        merger.problems.add(f"{name}[{position}]", "expected a table", label)
    return Merged(merger.merged, merger.origins), merger.problems


class _Merger:
    def __init__(self, base: dict[str, Any], base_label: str) -> None:
        # The directory's own tables are never changed (a cache may share them): lists
        # are copied, and an entry is copied before statements are added to it.
        self.merged = {k: list(v) if isinstance(v, list) else v for k, v in base.items()}
        self.origins: dict[str, str] = {}
        self.problems = Problems()
        self.known: dict[str, dict[str, tuple[dict[str, Any], str]]] = {}
        self.copies: set[int] = set()
        for field in schema.DIRECTORY.fields:
            entries = base.get(field.name)
            if field.table is None or not field.table.key or not isinstance(entries, list):
                continue
            self.known[field.name] = {
                str(entry.get(field.table.key)): (entry, base_label)
                for entry in entries
                if isinstance(entry, dict)
            }

    def entry(self, table: str, spec: schema.TableSpec, entry: dict[str, Any], label: str) -> None:
        """One entry of an added file: a new one appended, or statements added to the
        entry of the same id that an earlier file gave."""
        into = self.merged.setdefault(table, [])
        if not isinstance(into, list):
            return
        key = str(entry.get(spec.key)) if spec.key else ""
        existing = self.known.get(table, {}).get(key) if spec.key else None
        if existing is None:
            into.append(entry)
            self.origins[f"{table}[{entry_name(spec, entry, len(into))}]"] = label
            if spec.key:
                self.known.setdefault(table, {})[key] = (entry, label)
            return
        original, original_label = existing
        place = f"{table}[{key}]"
        statements = _statement_fields(spec)
        for name, value in entry.items():
            if name == spec.key:
                continue
            if name not in statements:
                self.problems.add(
                    f"{place}.{name}",
                    f"cannot change what {original_label} says of {place}; add a "
                    "statement with a source of its own instead",
                    label,
                )
                continue
            if not isinstance(value, list):
                continue
            # The first statement copies the entry; the others add to that copy.
            original = target = self._own(table, key, into, original, original_label)
            listed = target.setdefault(name, [])
            for item in value:
                listed.append(item)
                self.origins[f"{place}.{name}[{len(listed)}]"] = label

    def _own(
        self, table: str, key: str, into: list[Any], original: dict[str, Any], label: str
    ) -> dict[str, Any]:
        if id(original) in self.copies:
            return original
        copied = {k: list(v) if isinstance(v, list) else v for k, v in original.items()}
        into[next(i for i, e in enumerate(into) if e is original)] = copied
        self.copies.add(id(copied))
        self.known[table][key] = (copied, label)
        return copied


def file_of(where: str, origins: dict[str, str]) -> str:
    """The added file a problem's place is in, or "" for the directory itself: the
    file of the longest origin that the place starts with."""
    found, length = "", 0
    for prefix, label in origins.items():
        if len(prefix) > length and (
            where == prefix or where.startswith((prefix + ".", prefix + "["))
        ):
            found, length = label, len(prefix)
    return found
