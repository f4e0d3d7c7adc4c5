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
    # Each source an added file gives, by id, and that file.
    sources: dict[str, str]


def _statement_fields(spec: schema.TableSpec) -> set[str]:
    """Fields of an entry that hold statements of their own, each with its sources:
    what an added file may add to an entry of the directory."""
    return {f.name for f in spec.fields if f.type == schema.TABLES}


def merge(
    base: dict[str, Any], base_label: str, added: list[tuple[dict[str, Any], str]]
) -> tuple[Merged, Problems]:
    """The directory with each added file merged over it, in order; and what an added
    file may not do, each problem naming the file (and the other file, where it changes
    what that one says)."""
    merger = _Merger(base, base_label)
    fields = {field.name: field for field in schema.DIRECTORY.fields}
    for table, label in added:
        for name, entries in table.items():
            field = fields.get(name)
            if field is None:
                known = ", ".join(fields)
                merger.problems.add(name, f"unknown key '{name}' (known keys: {known})", label)
            elif field.table is None:
                if type(entries) is not int or entries != schema.FORMAT_VERSION:
                    reads = f"this release reads format {schema.FORMAT_VERSION}"
                    message = f"format {entries!r} is not supported ({reads})"
                    merger.problems.add(name, message, label)
            elif not isinstance(entries, list):
                merger.problems.add(name, f"expected an array of tables ([[{name}]])", label)
            else:
                for position, entry in enumerate(entries, start=1):
                    if isinstance(entry, dict):
                        merger.entry(name, field.table, entry, label)
                    else:
                        merger.problems.add(f"{name}[{position}]", "expected a table", label)
    merger.check_citations()
    return Merged(merger.merged, merger.origins, merger.sources), merger.problems


class _Merger:
    def __init__(self, base: dict[str, Any], base_label: str) -> None:
        # The directory's own tables are never changed (a cache may share them): lists
        # are copied, and an entry is copied before statements are added to it.
        self.merged = {k: list(v) if isinstance(v, list) else v for k, v in base.items()}
        self.origins: dict[str, str] = {}
        self.problems = Problems()
        # Each keyed entry, by table and key: where it is in the merged list, and the
        # file that made it.
        self.known: dict[str, dict[str, tuple[int, str]]] = {}
        self.copies: set[int] = set()
        self.sources: dict[str, str] = {}
        # What each added file says, to check that it cites a source of its own.
        self.said: list[tuple[str, Any, str]] = []  # (place, entry or statement, file)
        for field in schema.DIRECTORY.fields:
            entries = self.merged.get(field.name)
            if field.table is None or not field.table.key or not isinstance(entries, list):
                continue
            self.known[field.name] = {
                str(entry.get(field.table.key)): (position, base_label)
                for position, entry in enumerate(entries)
                if isinstance(entry, dict)
            }

    def entry(self, table: str, spec: schema.TableSpec, entry: dict[str, Any], label: str) -> None:
        """One entry of an added file: a new one appended, or statements added to the
        entry of the same id that the directory or an earlier file gave."""
        into = self.merged.setdefault(table, [])
        if not isinstance(into, list):
            return
        key = str(entry.get(spec.key)) if spec.key else ""
        existing = self.known.get(table, {}).get(key) if spec.key else None
        if existing is None:
            into.append(entry)
            name = entry_name(spec, entry, len(into))
            # Named both ways: problems name an entry by its id or by its position.
            self.origins[f"{table}[{name}]"] = label
            self.origins[f"{table}[{len(into)}]"] = label
            if spec.key:
                self.known.setdefault(table, {})[key] = (len(into) - 1, label)
            if table == "sources":
                self.sources[key] = label
            else:
                self.said.append((f"{table}[{name}]", entry, label))
            return
        self._extend(table, spec, entry, label, key, existing)

    def _extend(
        self,
        table: str,
        spec: schema.TableSpec,
        entry: dict[str, Any],
        label: str,
        key: str,
        existing: tuple[int, str],
    ) -> None:
        position, original_label = existing
        place = f"{table}[{key}]"
        statements = _statement_fields(spec)
        for name, value in entry.items():
            if name == spec.key:
                continue
            if name not in statements:
                known = {f.name for f in spec.fields}
                message = (
                    f"cannot change what {original_label} says of {place}; add a "
                    "statement with a source of its own instead"
                    if name in known
                    else f"unknown key '{name}'"
                )
                self.problems.add(f"{place}.{name}", message, label)
                continue
            if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
                self.problems.add(f"{place}.{name}", "expected an array of tables", label)
                continue
            target = self._own(table, position)
            listed = target.setdefault(name, [])
            for item in value:
                listed.append(item)
                where = f"{place}.{name}[{len(listed)}]"
                self.origins[where] = label
                self.said.append((where, item, label))

    def _own(self, table: str, position: int) -> dict[str, Any]:
        """The merged entry at `position`, copied the first time a file adds to it."""
        into = self.merged[table]
        current: dict[str, Any] = into[position]
        if id(current) in self.copies:
            return current
        copied = {k: list(v) if isinstance(v, list) else v for k, v in current.items()}
        into[position] = copied
        self.copies.add(id(copied))
        return copied

    def check_citations(self) -> None:
        """What an added file says cites a source an added file gives, beside any of the
        directory's: else a statement would pass for the record itself, dated as one of
        its documents."""
        for place, said, label in self.said:
            for where, cited in _citations(said, place):
                if not self.sources.keys() & set(cited):
                    self.problems.add(
                        where,
                        "cites no source of an added file; what you add cites a source of "
                        "yours (with its date), so that it never passes for the record",
                        label,
                    )


def _citations(value: Any, place: str) -> list[tuple[str, list[str]]]:
    """The `sources` lists in an entry and the statements inside it, with their places."""
    found: list[tuple[str, list[str]]] = []
    if not isinstance(value, dict):
        return found
    sources = value.get("sources")
    if isinstance(sources, list):
        found.append((f"{place}.sources", [str(s) for s in sources]))
    for name, inner in value.items():
        if isinstance(inner, list):
            for position, item in enumerate(inner, start=1):
                found += _citations(item, f"{place}.{name}[{position}]")
    return found


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
