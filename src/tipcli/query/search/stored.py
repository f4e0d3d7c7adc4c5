"""A large directory's search index, kept in an SQLite database beside its data's: a
query reads the postings of its own words and the rows of the few documents it ranks,
not the whole index.

`word` holds, a stem a row, how many documents have it, the numbers of those with it
in their text and of those with it in their names, and for each of the latter the
length of its shortest name with the word, as packed arrays under one CRC-32. `doc`
holds, a document a row, its stems, names, topics, organisations and shown fields in
`marshal` format under a CRC-32. `meta` holds the key it was made under, its layout,
the count, the topic labels, every spelling, and each document's kind as one byte.

The cache's trust rules hold (`data.database`), and each row is checked before it is
used: its checksum first, then its numbers (each a document there is) or its types
and text (as a search shows it, without a control character).
"""

import marshal
import sqlite3
import sys
import zlib
from array import array
from collections.abc import Iterable
from typing import Any

from tipcli.data import database
from tipcli.data.build import clean_text
from tipcli.data.cache import Damaged
from tipcli.query.search.bits import Bits
from tipcli.query.search.indexes import FORMAT, HOTLINES, DocFields, shortest_names
from tipcli.query.search.indexing import Built

SCHEMA = (
    "CREATE TABLE meta (name TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID",
    # Not WITHOUT ROWID: rows this large would make each insert move them about.
    "CREATE TABLE word (word TEXT PRIMARY KEY, df INTEGER NOT NULL, crc INTEGER NOT NULL,"
    " in_text BLOB NOT NULL, in_names BLOB NOT NULL, shortest BLOB NOT NULL)",
    "CREATE TABLE doc (number INTEGER PRIMARY KEY, crc INTEGER NOT NULL, row BLOB NOT NULL)",
)
# Numbers are packed as this machine's unsigned ints; a database packed otherwise is
# made anew.
_PACKED = "I"
# The second layout of the tables: a common word's documents kept as a bitmap.
_LAYOUT = (FORMAT, 2, array(_PACKED).itemsize, sys.byteorder)
_META = {"key", "layout", "count", "labels", "spellings", "kinds", "kind_names"}

# A document's row: stems, names, topics, organisations, and its shown fields.
DocRow = tuple[str, str, str, str, DocFields]
# A word's row: how many documents have it; those with it in their text, and in their
# names; and the latter's numbers each followed by the length of its shortest name
# with the word.
WordRow = tuple[int, Bits, Bits, "array[int]"]


def write(key: dict[str, object], built: Built) -> None:
    """Keep an index; silently does nothing if the cache folder cannot be used."""
    database.create(database.file_for(key, "search"), lambda c: _fill(c, key, built))


def _fill(connection: sqlite3.Connection, key: dict[str, object], built: Built) -> None:
    for statement in SCHEMA:
        connection.execute(statement)
    # Documents about one thing share its names: their lengths are worked out once.
    lengths = {names: shortest_names(names) for names in set(built.names)}
    words = []
    # More numbers than this, and a bitmap of every document takes less room.
    dense = len(built.docs) // 32
    # In the order of the key, which writes each page of its index once.
    for word, df in sorted(built.df.items()):
        named = built.in_names.get(word, [])
        in_text = _packed(built.in_text.get(word, []), dense)
        in_names = _packed(named, dense)
        pairs = [x for n in named for x in (n, lengths[built.names[n]][word])]
        shortest = array(_PACKED, pairs).tobytes()
        crc = zlib.crc32(shortest, zlib.crc32(in_names, zlib.crc32(in_text)))
        words.append((word, df, crc, in_text, in_names, shortest))
    connection.executemany("INSERT INTO word VALUES (?, ?, ?, ?, ?, ?)", words)
    rows = zip(built.stems, built.names, built.topics, built.organisations, built.docs, strict=True)
    blobs = (marshal.dumps(row, 4) for row in rows)
    connection.executemany(
        "INSERT INTO doc VALUES (?, ?, ?)",
        ((number, zlib.crc32(blob), blob) for number, blob in enumerate(blobs)),
    )
    kind_names = tuple(sorted({doc[0] for doc in built.docs}))
    code = {kind: number for number, kind in enumerate(kind_names)}
    meta: dict[str, Any] = {
        "key": key,
        "layout": _LAYOUT,
        "count": len(built.docs),
        "labels": built.labels,
        "spellings": built.spellings,
        "kinds": bytes(code[doc[0]] for doc in built.docs),
        "kind_names": kind_names,
    }
    connection.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        ((name, marshal.dumps(value, 4)) for name, value in meta.items()),
    )


# How a word's documents are packed: a bitmap, or an array of their numbers.
_BITMAP, _ARRAY = b"B", b"A"


def _packed(numbers: list[int], dense: int) -> bytes:
    if len(numbers) > dense:
        return _BITMAP + bytes(Bits.of(numbers))
    return _ARRAY + array(_PACKED, numbers).tobytes()


def _unpacked(blob: bytes, count: int) -> Bits:
    """A word's documents as packed; raises Damaged for a number of no document."""
    kind, body = blob[:1], blob[1:]
    if kind == _BITMAP:
        found = Bits.packed(body)
        if found.value.bit_length() <= count:
            return found
    elif kind == _ARRAY and len(body) % array(_PACKED).itemsize == 0:
        numbers = array(_PACKED, body)
        if not numbers or max(numbers) < count:
            return Bits.of(numbers)
    raise Damaged("a search index word with a document there is not")


def discard(key: dict[str, object]) -> None:
    database.discard(database.file_for(key, "search"))


def open_index(key: dict[str, object]) -> "Stored | None":
    """The current index made under `key`, open read-only, or None."""
    connection = database.open_read_only(database.file_for(key, "search"), SCHEMA)
    if connection is None:
        return None
    try:
        meta = database.meta(connection, _META)
        if meta["key"] == key and meta["layout"] == _LAYOUT:
            return Stored(connection, meta)
    except (Damaged, ValueError):
        pass
    connection.close()
    return None


class Stored:
    """An index in a database (`indexes.Index`): each word and document read once, when
    a query first needs it. Raises Damaged for anything that is not as written."""

    def __init__(self, connection: sqlite3.Connection, meta: dict[str, object]) -> None:
        """Raises ValueError for metadata that is not as written."""
        count, labels, spellings = meta["count"], meta["labels"], meta["spellings"]
        kinds, kind_names = meta["kinds"], meta["kind_names"]
        if not (
            type(count) is int
            and type(labels) is dict
            and all(type(k) is str and type(v) is str for k, v in labels.items())
            and type(spellings) is str
            and type(kind_names) is tuple
            and all(type(kind) is str for kind in kind_names)
            and type(kinds) is bytes
            and len(kinds) == count
            # Every byte the number of a kind: none left once those are taken out.
            and not kinds.translate(None, bytes(range(len(kind_names))))
            and clean_text("".join([*labels, *labels.values(), spellings, *kind_names]))
        ):
            raise ValueError("a search index with damaged metadata")
        self._connection = connection
        self.count: int = count
        self.labels: dict[str, str] = labels
        self._spellings: str = spellings
        self._kinds: bytes = kinds
        self._kind_names: tuple[str, ...] = kind_names
        self._words: dict[str, WordRow | None] = {}
        self._docs: dict[int, DocRow] = {}
        self._lengths: dict[str, dict[int, int]] = {}
        self._of_kinds: dict[frozenset[str], Bits] = {}

    def _word(self, word: str) -> WordRow | None:
        if word not in self._words:
            found = self._query(
                "SELECT df, crc, in_text, in_names, shortest FROM word WHERE word = ?", word
            )
            self._words[word] = _postings(found[0], self.count) if found else None
        return self._words[word]

    def _doc(self, number: int) -> DocRow:
        if number not in self._docs:
            found = self._query("SELECT crc, row FROM doc WHERE number = ?", number)
            if not found:
                raise Damaged("a search index without a document")
            self._docs[number] = _document(*found[0])
        return self._docs[number]

    def _query(self, sql: str, *args: object) -> list[Any]:
        try:
            return self._connection.execute(sql, args).fetchall()
        except sqlite3.Error as err:
            raise Damaged(str(err)) from None

    def df(self, word: str) -> int:
        found = self._word(word)
        return found[0] if found else 0

    def known(self, word: str) -> bool:
        return self._word(word) is not None

    def in_text(self, word: str) -> Bits:
        found = self._word(word)
        return found[1] if found else Bits()

    def in_names(self, word: str) -> Bits:
        found = self._word(word)
        return found[2] if found else Bits()

    def shortest(self, word: str, numbers: Iterable[int]) -> dict[int, int]:
        if word not in self._lengths:
            found = self._word(word)
            pairs = found[3] if found else array(_PACKED)
            self._lengths[word] = dict(zip(pairs[0::2], pairs[1::2], strict=True))
        lengths = self._lengths[word]
        return {number: lengths[number] for number in numbers}

    def spellings(self) -> str:
        return self._spellings

    def stems(self, number: int) -> str:
        return self._doc(number)[0]

    def names(self, number: int) -> str:
        return self._doc(number)[1]

    def topics(self, number: int) -> str:
        return self._doc(number)[2]

    def organisations(self, number: int) -> str:
        return self._doc(number)[3]

    def doc(self, number: int) -> DocFields:
        return self._doc(number)[4]

    def kind(self, number: int) -> str:
        try:
            return self._kind_names[self._kinds[number]]
        except IndexError:
            raise Damaged("a search index word with a document there is not") from None

    def hotlines(self) -> Bits:
        return self.of_kinds(HOTLINES)

    def of_kinds(self, kinds: frozenset[str]) -> Bits:
        if kinds not in self._of_kinds:
            # Each document's kind byte made "1" or "0", read as a binary number.
            digits = bytearray(b"0" * 256)
            for code, name in enumerate(self._kind_names):
                if name in kinds:
                    digits[code] = ord("1")
            ones = self._kinds.translate(digits)[::-1]
            self._of_kinds[kinds] = Bits(int(ones, 2) if ones else 0)
        return self._of_kinds[kinds]


def _postings(row: tuple[Any, ...], count: int) -> WordRow:
    """A word's row as read: its document frequency, its documents, and its names'
    lengths."""
    df, crc, *blobs = row
    if type(df) is not int or not all(type(blob) is bytes for blob in blobs):
        raise Damaged("a search index with a damaged word")
    if zlib.crc32(blobs[2], zlib.crc32(blobs[1], zlib.crc32(blobs[0]))) != crc:
        raise Damaged("a search index word whose checksum does not match")
    in_text, in_names = _unpacked(blobs[0], count), _unpacked(blobs[1], count)
    pairs = array(_PACKED)
    try:
        pairs.frombytes(blobs[2])
    except ValueError:
        raise Damaged("a search index word of the wrong length") from None
    if len(pairs) != 2 * len(in_names):
        raise Damaged("a search index word of the wrong length")
    return df, in_text, in_names, pairs


def _document(crc: object, blob: object) -> DocRow:
    """A document's row as read, checked as a cached index held whole is."""
    if type(blob) is not bytes or zlib.crc32(blob) != crc:
        raise Damaged("a search index document whose checksum does not match")
    try:
        row = marshal.loads(blob)
    except (ValueError, EOFError, TypeError):
        raise Damaged("a search index document that cannot be read") from None
    if not (type(row) is tuple and len(row) == 5 and type(row[4]) is tuple and len(row[4]) == 5):
        raise Damaged("a search index document of the wrong shape")
    fields = row[4]
    if type(fields[4]) is not tuple:
        raise Damaged("a search index document of the wrong shape")
    try:
        # Stems and names are only matched; what a search shows must be clean text.
        "".join(row[:4])
        shown = "".join([*fields[:4], *fields[4]])
    except TypeError:
        raise Damaged("a search index document with a value that is not text") from None
    if not clean_text(shown):
        raise Damaged("a search index document with a control character")
    checked: DocRow = row
    return checked
