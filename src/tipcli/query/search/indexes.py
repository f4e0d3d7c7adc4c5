"""Where a search index is read from: held whole in memory, or (for a large directory)
a database; a searcher reads either through the same few questions."""

from collections.abc import Iterable
from typing import Any, Protocol

from tipcli.data.build import clean_text
from tipcli.query.search.bits import Bits

# The layout of an index; one of another layout (or made with another stemmer) is made
# anew rather than read.
FORMAT = 3

# The kind of a document that is a number to call.
HOTLINES = frozenset({"hotline"})

# A document's own fields, as a search shows them: kind, id, title, text, sources.
DocFields = tuple[str, str, str, str, tuple[str, ...]]


class Index(Protocol):
    """What a searcher reads of an index: per word, its documents; per document, its
    stems, names, kind, topics, organisations and fields. Held whole (`Whole`) or kept
    in a large directory's database."""

    count: int
    labels: dict[str, str]

    def df(self, word: str) -> int: ...
    def known(self, word: str) -> bool: ...
    def in_text(self, word: str) -> Bits: ...
    def in_names(self, word: str) -> Bits: ...
    def spellings(self) -> str: ...
    def stems(self, number: int) -> str: ...
    def names(self, number: int) -> str: ...
    def kind(self, number: int) -> str: ...
    def topics(self, number: int) -> str: ...
    def organisations(self, number: int) -> str: ...
    def doc(self, number: int) -> DocFields: ...
    def hotlines(self) -> Bits: ...
    def of_kinds(self, kinds: frozenset[str]) -> Bits: ...
    def shortest(self, word: str, numbers: Iterable[int]) -> dict[int, int]:
        """Of documents with a word in their names, how many words the shortest of their
        names with it has."""
        ...


def shortest_names(names: str) -> dict[str, int]:
    """Each word of some names (as an index keeps them: names separated by tabs, words
    by spaces), with how many words the shortest name that has it has."""
    shortest: dict[str, int] = {}
    for name in names.split("\t"):
        words = name.split()
        for word in words:
            shortest[word] = min(shortest.get(word, len(words)), len(words))
    return shortest


# What an index held whole holds besides its format and count, and each part's type;
# every list has one entry a document.
_STORE_PARTS: dict[str, type] = {
    "labels": dict,
    "spellings": str,
    "df": dict,
    "in_text": dict,
    "in_names": dict,
    "stems": list,
    "names": list,
    "topics": list,
    "organisations": list,
    "docs": list,
}


class Whole:
    """An index held whole: as built, or as read from a cache file."""

    def __init__(self, store: dict[str, Any]) -> None:
        self.store = store
        self.count: int = store["count"]
        self.labels: dict[str, str] = store["labels"]
        self._kinds: dict[frozenset[str], Bits] = {}

    def df(self, word: str) -> int:
        seen: int = self.store["df"].get(word, 0)
        return seen

    def known(self, word: str) -> bool:
        return word in self.store["df"]

    def in_text(self, word: str) -> Bits:
        return _numbers(self.store["in_text"].get(word, ""))

    def in_names(self, word: str) -> Bits:
        return _numbers(self.store["in_names"].get(word, ""))

    def spellings(self) -> str:
        spellings: str = self.store["spellings"]
        return spellings

    def _text(self, part: str, number: int) -> str:
        """A document's entry in one of the index's lists of text."""
        text: str = self.store[part][number]
        return text

    def stems(self, number: int) -> str:
        return self._text("stems", number)

    def names(self, number: int) -> str:
        return self._text("names", number)

    def kind(self, number: int) -> str:
        kind: str = self.store["docs"][number][0]
        return kind

    def topics(self, number: int) -> str:
        return self._text("topics", number)

    def organisations(self, number: int) -> str:
        return self._text("organisations", number)

    def doc(self, number: int) -> DocFields:
        doc: DocFields = self.store["docs"][number]
        return doc

    def shortest(self, word: str, numbers: Iterable[int]) -> dict[int, int]:
        return {n: shortest_names(self.names(n))[word] for n in numbers}

    @classmethod
    def checked(cls, store: object) -> "Whole":
        """An index read from a cache file; raises ValueError if the store lacks a part
        or a part has the wrong type or length (a file written by something else)."""
        if not isinstance(store, dict):
            raise ValueError("search index that is not a table")
        count = store.get("count")
        if not isinstance(count, int) or store.get("format") != FORMAT:
            raise ValueError("search index of another layout")
        for part, kind in _STORE_PARTS.items():
            value = store.get(part)
            if not isinstance(value, kind) or (isinstance(value, list) and len(value) != count):
                raise ValueError(f"search index with a damaged {part!r}")
        check_shown(store)
        return cls(store)

    def hotlines(self) -> Bits:
        return self.of_kinds(HOTLINES)

    def of_kinds(self, kinds: frozenset[str]) -> Bits:
        if kinds not in self._kinds:
            docs = self.store["docs"]
            self._kinds[kinds] = Bits.of(n for n in range(self.count) if docs[n][0] in kinds)
        return self._kinds[kinds]


def _numbers(postings: str | list[int]) -> Bits:
    """Document numbers as kept in a cache file (a string, quick to read back), or as
    an index made for this run alone has them."""
    if isinstance(postings, list):
        return Bits.of(postings)
    return Bits.of(map(int, postings.split()))


def check_shown(store: dict[str, Any]) -> None:
    """What a search shows (titles, statements, sources, topic labels) is text without
    control or format characters, as validation demands of a data file: a cached index
    can never show what a data file could not say. Raises ValueError."""
    shown: list[str] = [*store["labels"], *store["labels"].values()]
    for doc in store["docs"]:
        if type(doc) is not tuple or len(doc) != 5 or type(doc[4]) is not tuple:
            raise ValueError("search index with a damaged document")
        shown.extend(doc[:4])
        shown.extend(doc[4])
    try:
        joined = "".join(shown)
    except TypeError:
        raise ValueError("search index with a value that is not text") from None
    if not clean_text(joined):
        raise ValueError("search index with a control character")
