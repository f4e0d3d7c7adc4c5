"""Cards kept ready for many lookups of a large directory: every organisation's card as
of the newest record, rendered once and kept in a database beside the directory's, so
that `tip agency -` answers a query that names one organisation exactly by reading one
row instead of the rows around it.

The database is written after the first `tip agency -` on a large directory that
answers every line (behind the run, as the others are), from the directory read
whole, by the same card code a lookup runs. `term` holds each folded term (id,
acronym, name, alias) that names one organisation alone; `card` the rendered card of
each, under a CRC-32. A query that is no such term (a part of a name, a term shared by
several) is answered as it always is.

The cache's trust rules hold (`data.database`); a card is checked before it is used:
its checksum, its encoding, and its text (no control character).
"""

import marshal
import sqlite3
import zlib
from collections.abc import Callable, Iterator

from tipcli.data import database
from tipcli.data.build import clean_text
from tipcli.data.cache import Damaged
from tipcli.data.names import exact_terms
from tipcli.data.store import open_store
from tipcli.data.text import normalize
from tipcli.query.asof import Rosters
from tipcli.query.cards import card
from tipcli.query.index import Index
from tipcli.query.views import Card

SCHEMA = (
    "CREATE TABLE meta (name TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID",
    "CREATE TABLE term (term TEXT PRIMARY KEY, number INTEGER NOT NULL) WITHOUT ROWID",
    "CREATE TABLE card (number INTEGER PRIMARY KEY, crc INTEGER NOT NULL, text BLOB NOT NULL)",
)
_KIND = "cards"
_LAYOUT = 1
# A card as kept: rendered by the caller (the same renderer answers every other query).
Render = Callable[[Card], str]


class ReadyCards:
    """The cards of a directory, open read-only. A database found damaged is dropped, and
    every query from then on answered as if there were none."""

    def __init__(self, connection: sqlite3.Connection, key: dict[str, object]) -> None:
        self._connection: sqlite3.Connection | None = connection
        self._key = key
        self._ahead: dict[str, bytes | None] = {}  # by query, what `read_ahead` read

    def read_ahead(self, queries: list[str]) -> None:
        """Read the cards of many queries at once (in the order of their terms, which is
        the database's): `card_for` then answers them without a read each."""
        term_of = {query: normalize(query) for query in queries}
        terms = sorted(set(term_of.values()))
        found: dict[str, bytes] = {}
        for start in range(0, len(terms), _AT_ONCE):
            chunk = terms[start : start + _AT_ONCE]
            found.update(self._cards(f"IN ({', '.join('?' * len(chunk))})", chunk))
        self._ahead = {query: found.get(term) for query, term in term_of.items()}

    def card_for(self, query: str) -> bytes | None:
        """The rendered card (UTF-8) of the one organisation a query names exactly, or
        None."""
        if query in self._ahead and self._connection is not None:
            return self._ahead[query]
        term = normalize(query)
        return dict(self._cards("= ?", [term])).get(term)

    def _cards(self, condition: str, terms: list[str]) -> list[tuple[str, bytes]]:
        """(term, card) of the terms that meet a condition; none, from then on, once the
        database is found damaged."""
        if self._connection is None:
            return []
        sql = f"SELECT term, crc, text FROM term JOIN card USING (number) WHERE term {condition}"
        try:
            found = self._connection.execute(sql, terms).fetchall()
            return [(term, _checked(crc, blob)) for term, crc, blob in found]
        except (sqlite3.Error, Damaged):
            self._connection.close()
            self._connection = None
            database.discard(database.file_for(self._key, _KIND))
            return []


# How many terms one query asks for: SQLite allows 32,766 parameters.
_AT_ONCE = 500
# The bytes of printable ASCII: a card's JSON is almost always made of these alone.
_PRINTABLE_ASCII = bytes(range(0x20, 0x7F))


def _checked(crc: object, blob: object) -> bytes:
    """A card as read, if it is as written: its checksum, then its text (UTF-8, without
    a control character). Raises Damaged."""
    if type(blob) is not bytes or zlib.crc32(blob) != crc:
        raise Damaged("a card whose checksum does not match")
    if blob.isascii():  # checked a byte at a time, in C
        if blob.translate(None, _PRINTABLE_ASCII):
            raise Damaged("a card with a control character")
        return blob
    try:
        text = blob.decode("utf-8")
    except UnicodeDecodeError:
        raise Damaged("a card that is not UTF-8 text") from None
    if not clean_text(text):
        raise Damaged("a card with a control character")
    return blob


def kept(key: dict[str, object] | None) -> ReadyCards | None:
    """The cards kept for a large directory's key (None: not kept in databases), or None."""
    if key is None:
        return None
    connection = database.open_read_only(database.file_for(key, _KIND), SCHEMA)
    if connection is not None:
        try:
            meta = database.meta(connection, {"key", "layout"})
            if meta["key"] == key and meta["layout"] == _LAYOUT:
                return ReadyCards(connection, key)
        except Damaged:
            pass
        connection.close()
    return None


def keep_after(key: dict[str, object] | None, render: Render) -> None:
    """Write a large directory's cards once this run is over (behind it, as its other
    databases are): for a batch that has answered every line, not one stopped."""
    if key is not None:
        database.behind(lambda: write(key, render))


def write(key: dict[str, object], render: Render) -> None:
    """Render and keep every organisation's card, from the directory's own database (none
    there: nothing to do); silently does nothing if the cache folder cannot be used."""
    store = open_store(key)
    if store is None:
        return
    try:
        directory = store.whole()
    except Damaged:
        return
    database.create(
        database.file_for(key, _KIND), lambda c: _fill(c, key, Index.build(directory), render)
    )


def _fill(
    connection: sqlite3.Connection, key: dict[str, object], index: Index, render: Render
) -> None:
    # Pages of 8 KB hold three cards or so where 4 KB ones held one: a quarter smaller.
    connection.execute("PRAGMA page_size = 8192")
    for statement in SCHEMA:
        connection.execute(statement)
    named: dict[str, list[int]] = {}
    rosters = Rosters(index, None)

    def rows() -> Iterator[tuple[int, int, bytes]]:
        # One at a time into the table: 50,000 cards are some 150 MB.
        for number, org in enumerate(index.organisations.values()):
            blob = render(card(index, org, None, rosters=rosters)).encode("utf-8")
            for term in exact_terms(org):
                named.setdefault(term, []).append(number)
            yield number, zlib.crc32(blob), blob

    connection.executemany("INSERT INTO card VALUES (?, ?, ?)", rows())
    alone = sorted((term, numbers[0]) for term, numbers in named.items() if len(numbers) == 1)
    connection.executemany("INSERT INTO term VALUES (?, ?)", alone)
    meta = [("key", marshal.dumps(key, 2)), ("layout", marshal.dumps(_LAYOUT, 2))]
    connection.executemany("INSERT INTO meta VALUES (?, ?)", meta)
