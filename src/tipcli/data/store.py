"""A large directory's cache: an SQLite database, so that a lookup reads only the rows
its answer needs instead of the whole directory.

One database a data file (and its added files), in the cache folder beside the other
cache files, written whole to a temporary name and renamed into place, and opened
read-only. Every entity is one row: its fields as the plain nested tuples of the
model (`build`), in `marshal` format, with the CRC-32 of those bytes; beside them,
which rows name which organisation (`link`) and the folded terms each entity is
known by (`term`), so that the rows around one organisation are found by index.

The cache's trust model holds here too. A database is used only if it is a regular
file of this user's in the private cache folder, if its tables are exactly the ones
written here (no view, no trigger: nothing in it runs), and if it was made from the
same data file (path, size, modification and change times, inode), by the same
version of `tip`, for the same model. Each row read is checked before it is used:
its checksum before a byte is unmarshalled, then its shape and its text, as the
whole-file cache is. A database that fails any of this is as if there were none.
"""

import marshal
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from tipcli.data import build, database
from tipcli.data.cache import Damaged
from tipcli.data.model import Directory
from tipcli.data.names import exact_terms

# The parts of a directory, by the position of their field in Directory.
PARTS: tuple[str, ...] = tuple(
    name for name in Directory._fields if name not in ("format", "ambiguous_terms")
)
SCHEMA = (
    "CREATE TABLE meta (name TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID",
    "CREATE TABLE entity (part INTEGER NOT NULL, position INTEGER NOT NULL,"
    " id TEXT NOT NULL, crc INTEGER NOT NULL, row BLOB NOT NULL,"
    " PRIMARY KEY (part, position)) WITHOUT ROWID",
    "CREATE INDEX entity_by_id ON entity (id, part)",
    "CREATE TABLE link (subject TEXT NOT NULL, part INTEGER NOT NULL, position INTEGER NOT NULL)",
    "CREATE INDEX link_by_subject ON link (subject, part)",
    "CREATE TABLE term (term TEXT NOT NULL, part INTEGER NOT NULL, position INTEGER NOT NULL)",
    "CREATE INDEX term_by_term ON term (term)",
)


def _shapes() -> list[build.Shape]:
    """The shape of each part's rows, by the part's number."""
    nested = dict(build.shape_of(Directory).nested)
    return [nested[Directory._fields.index(part)] for part in PARTS]


def file_for(key: dict[str, object]) -> Path:
    return database.file_for(key, "data")


def _linked(part: str, item: Any) -> Iterator[str]:
    """The organisations (and other entities) a row is about, besides itself."""
    if part == "organisations":
        if item.parent:
            yield item.parent
    elif part in ("programs", "hotlines"):
        yield from dict.fromkeys(op.organisation for op in item.operators)
    elif part == "memberships":
        yield item.body
        yield item.member
    elif part in ("events", "figures"):
        yield from dict.fromkeys(item.subjects)
    elif part == "laws":
        yield from dict.fromkeys(p.entity for p in item.provisions if p.entity)


def write(key: dict[str, object], directory: Directory) -> None:
    """Store a directory; silently does nothing if the cache folder cannot be used."""
    database.create(file_for(key), lambda connection: _fill(connection, key, directory))


def _fill(connection: sqlite3.Connection, key: dict[str, object], directory: Directory) -> None:
    for statement in SCHEMA:
        connection.execute(statement)
    entities, links, terms = [], [], []
    for number, (part, sub) in enumerate(zip(PARTS, _shapes(), strict=True)):
        for position, item in enumerate(getattr(directory, part)):
            blob = marshal.dumps(build.rows_of(item, sub), 2)
            entity_id = getattr(item, "id", "")
            entities.append((number, position, entity_id, zlib.crc32(blob), blob))
            links += [(subject, number, position) for subject in _linked(part, item)]
            if hasattr(item, "acronym"):
                terms += [(term, number, position) for term in exact_terms(item)]
    connection.executemany("INSERT INTO entity VALUES (?, ?, ?, ?, ?)", entities)
    connection.executemany("INSERT INTO link VALUES (?, ?, ?)", links)
    connection.executemany("INSERT INTO term VALUES (?, ?, ?)", terms)
    emptied: dict[str, Any] = dict.fromkeys(PARTS, ())
    plain: dict[str, Any] = {
        "key": key,
        "model": build.fingerprint(),
        "rest": build.to_rows(directory._replace(**emptied)),
    }
    meta = {name: marshal.dumps(value, 2) for name, value in plain.items()}
    connection.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())


class Store:
    """A directory's database, open read-only; each method reads only the rows it names,
    and raises Damaged for anything that is not as written."""

    def __init__(self, connection: sqlite3.Connection, rest: Directory) -> None:
        self._connection = connection
        self._rest = rest  # the directory without its parts: its format and such
        self._shapes = _shapes()

    def _query(self, sql: str, args: Iterable[object] = ()) -> list[Any]:
        try:
            return self._connection.execute(sql, tuple(args)).fetchall()
        except sqlite3.Error as err:
            raise Damaged(str(err)) from None

    def _models(self, found: Iterable[tuple[int, int, bytes]]) -> Iterator[tuple[int, Any]]:
        """(part, model) of each (part, crc, row) read."""
        for number, crc, blob in found:
            if type(blob) is not bytes or zlib.crc32(blob) != crc or not 0 <= number < len(PARTS):
                raise Damaged("a row whose checksum does not match")
            sub = self._shapes[number]
            try:
                row = marshal.loads(blob)
            except (ValueError, EOFError, TypeError):
                raise Damaged("a row that cannot be read") from None
            model = build.model_of(row, sub)
            if model is None:
                raise Damaged("a row of the wrong shape")
            yield number, model

    def whole(self) -> Directory:
        """Every row: the directory as the data file gives it."""
        found = self._query("SELECT part, crc, row FROM entity ORDER BY part, position")
        return self._assembled(found)

    def _assembled(self, found: Iterable[tuple[int, int, bytes]]) -> Directory:
        parts: dict[str, list[Any]] = {part: [] for part in PARTS}
        for number, model in self._models(found):
            parts[PARTS[number]].append(model)
        filled: dict[str, Any] = {part: tuple(items) for part, items in parts.items()}
        return self._rest._replace(**filled)

    def by_term(self, term: str, part: str) -> list[Any]:
        """The entities of a part known by a folded term, in file order."""
        keys = self._keys("SELECT part, position FROM term WHERE term = ? AND part = ?",
                          term, PARTS.index(part))  # fmt: skip
        return [model for _, model in self._models(self._fetch(keys))]

    def every(self, part: str) -> list[Any]:
        """Every entity of a part: for a query that names none of them exactly."""
        keys = self._keys("SELECT part, position FROM entity WHERE part = ?", PARTS.index(part))
        return [model for _, model in self._models(self._fetch(keys))]

    def around(self, organisation_id: str) -> Directory:
        """The directory as far as an organisation's card reaches: the organisation, its
        parent chain and every component below it; every row that names it, and the
        hotlines of its components; all the members of the bodies it sits on (or is);
        each entity those rows name; and every source and topic."""
        sources, topics = PARTS.index("sources"), PARTS.index("topics")
        memberships, hotlines = PARTS.index("memberships"), PARTS.index("hotlines")
        keys = self._keys("SELECT part, position FROM entity WHERE part IN (?, ?)", sources, topics)
        family = self._family(organisation_id)
        keys |= family
        links = "SELECT part, position FROM link WHERE subject = ?"
        keys |= self._keys(links, organisation_id)
        for subject in self._ids(family):
            keys |= self._keys(links + " AND part = ?", subject, hotlines)
        seated = self._fetch({k for k in keys if k[0] == memberships})
        for body in {m.body for _, m in self._models(seated)}:
            keys |= self._keys(links + " AND part = ?", body, memberships)
        rows = list(self._models(self._fetch(keys)))
        known = {getattr(model, "id", "") for _, model in rows}
        named: set[str] = set()
        for part, model in rows:
            named.update(_linked(PARTS[part], model))
            named.update(getattr(model, "laws", ()))
        for entity_id in sorted(named - known):
            keys |= self._keys("SELECT part, position FROM entity WHERE id = ?", entity_id)
        return self._assembled(self._fetch(keys))

    def _family(self, organisation_id: str) -> set[tuple[int, int]]:
        """The rows of an organisation, its parent chain and every component below it."""
        organisations = PARTS.index("organisations")
        by_id = "SELECT part, position FROM entity WHERE id = ? AND part = ?"
        keys = self._keys(by_id, organisation_id, organisations)
        # Up the chain, one parent at a time, until it ends (validation saw to that).
        chain = [model for _, model in self._models(self._fetch(keys))]
        seen = {organisation_id}
        while chain and chain[-1].parent and chain[-1].parent not in seen:
            seen.add(chain[-1].parent)
            found = self._keys(by_id, chain[-1].parent, organisations)
            keys |= found
            chain = [model for _, model in self._models(self._fetch(found))]
        # Down, level by level.
        below = [organisation_id]
        children = "SELECT part, position FROM link WHERE subject = ? AND part = ?"
        while below:
            level = set().union(*(self._keys(children, s, organisations) for s in below)) - keys
            keys |= level
            below = self._ids(level)
        return keys

    def _keys(self, sql: str, *args: object) -> set[tuple[int, int]]:
        return {(int(part), int(position)) for part, position in self._query(sql, args)}

    def _ids(self, keys: set[tuple[int, int]]) -> list[str]:
        return [getattr(model, "id", "") for _, model in self._models(self._fetch(keys))]

    def _fetch(self, keys: set[tuple[int, int]]) -> list[tuple[int, int, bytes]]:
        """The (part, crc, row) of some (part, position) keys, in file order."""
        by_part: dict[int, list[int]] = {}
        for part, position in keys:
            by_part.setdefault(part, []).append(position)
        found = []
        for part, positions in by_part.items():
            for start in range(0, len(positions), _AT_ONCE):
                chunk = positions[start : start + _AT_ONCE]
                marks = ", ".join("?" * len(chunk))
                found += self._query(
                    "SELECT part, position, crc, row FROM entity"
                    f" WHERE part = ? AND position IN ({marks})",
                    (part, *chunk),
                )
        found.sort(key=lambda row: (row[0], row[1]))
        return [(part, crc, row) for part, _, crc, row in found]


# How many rows one query asks for by position: SQLite allows 32,766 parameters.
_AT_ONCE = 500


def discard(key: dict[str, object]) -> None:
    """Remove the database made under `key`, if it is there."""
    database.discard(file_for(key))


def open_store(key: dict[str, object]) -> Store | None:
    """The current database made under `key`, open read-only, or None."""
    connection = database.open_read_only(file_for(key), SCHEMA)
    if connection is None:
        return None
    try:
        meta = database.meta(connection, {"key", "model", "rest"})
        rest = build.from_rows(meta["rest"])
        if meta["key"] == key and meta["model"] == build.fingerprint() and rest is not None:
            return Store(connection, rest)
    except Damaged:
        pass
    connection.close()
    return None
