"""Where a search index is read from: held whole in memory, or (for a large directory)
a database; a searcher reads either through the same few questions."""

from typing import Any, Protocol

from tipcli.data.build import clean_text


class Index(Protocol):
    """What a searcher reads of an index: per word, its documents; per document, its
    stems, names, kind, topics, organisations and fields. Held whole (`Whole`) or kept
    in a large directory's database."""

    count: int
    labels: dict[str, str]

    def df(self, word: str) -> int: ...
    def known(self, word: str) -> bool: ...
    def in_text(self, word: str) -> set[int]: ...
    def in_names(self, word: str) -> set[int]: ...
    def spellings(self) -> str: ...
    def stems(self, number: int) -> str: ...
    def names(self, number: int) -> str: ...
    def kind(self, number: int) -> str: ...
    def topics(self, number: int) -> str: ...
    def organisations(self, number: int) -> str: ...
    def doc(self, number: int) -> tuple[str, str, str, str, tuple[str, ...]]: ...
    def hotlines(self) -> set[int]: ...


class Whole:
    """An index held whole: as built, or as read from a cache file."""

    def __init__(self, store: dict[str, Any]) -> None:
        self._store = store
        self.count: int = store["count"]
        self.labels: dict[str, str] = store["labels"]
        self._hotlines: set[int] | None = None

    def df(self, word: str) -> int:
        seen: int = self._store["df"].get(word, 0)
        return seen

    def known(self, word: str) -> bool:
        return word in self._store["df"]

    def in_text(self, word: str) -> set[int]:
        return set(map(int, self._store["in_text"].get(word, "").split()))

    def in_names(self, word: str) -> set[int]:
        return set(map(int, self._store["in_names"].get(word, "").split()))

    def spellings(self) -> str:
        spellings: str = self._store["spellings"]
        return spellings

    def stems(self, number: int) -> str:
        stems: str = self._store["stems"][number]
        return stems

    def names(self, number: int) -> str:
        names: str = self._store["names"][number]
        return names

    def kind(self, number: int) -> str:
        kind: str = self._store["docs"][number][0]
        return kind

    def topics(self, number: int) -> str:
        topics: str = self._store["topics"][number]
        return topics

    def organisations(self, number: int) -> str:
        organisations: str = self._store["organisations"][number]
        return organisations

    def doc(self, number: int) -> tuple[str, str, str, str, tuple[str, ...]]:
        doc: tuple[str, str, str, str, tuple[str, ...]] = self._store["docs"][number]
        return doc

    def hotlines(self) -> set[int]:
        if self._hotlines is None:
            docs = self._store["docs"]
            self._hotlines = {n for n in range(self.count) if docs[n][0] == "hotline"}
        return self._hotlines


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
