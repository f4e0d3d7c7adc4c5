"""Making a search index of documents: the slow part of a search, done once per data file
and then kept, whole in a cache file (`indexes.Whole`) or, for a large directory, in a
database (`stored`)."""

from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from tipcli.query.search.indexes import FORMAT, DocFields
from tipcli.query.search.words import stems_of
from tipcli.query.views import Document


class Built(NamedTuple):
    """An index as made: per word, the numbers of the documents with it in their text and
    in their names, in order; per document, its text's stems (space-separated), its
    names' stems (names separated by tabs), topics, organisations and shown fields."""

    labels: dict[str, str]
    spellings: str  # every word as written, casefolded, to correct a query against
    df: "Frequencies"
    in_text: dict[str, list[int]]
    in_names: dict[str, list[int]]
    stems: list[str]
    names: list[str]
    topics: list[str]
    organisations: list[str]
    docs: list[DocFields]

    def whole(self, *, kept: bool = True) -> dict[str, Any]:
        """The index as one store (`indexes.Whole`). To be kept in a cache file, its
        postings as flat strings, which load fast and are decoded at a query only where
        it looks; for this run alone (not `kept`), as they are."""
        in_text: dict[str, Any] = self.in_text
        in_names: dict[str, Any] = self.in_names
        if kept:
            in_text = {w: " ".join(map(str, found)) for w, found in in_text.items()}
            in_names = {w: " ".join(map(str, found)) for w, found in in_names.items()}
        return {
            "format": FORMAT,
            "count": len(self.docs),
            "labels": self.labels,
            "spellings": self.spellings,
            # For this run alone, a word's count is taken when it is asked for.
            "df": dict(self.df) if kept else self.df,
            "in_text": in_text,
            "in_names": in_names,
            "stems": self.stems,
            "names": self.names,
            "topics": self.topics,
            "organisations": self.organisations,
            "docs": self.docs,
        }


class Frequencies(Mapping[str, int]):
    """How many documents have each word, in their text or in their names: counted from
    the postings when a word is first asked for. A first search asks for its own words
    alone, and counting every word while indexing cost a fifth of the indexing."""

    def __init__(self, in_text: dict[str, list[int]], in_names: dict[str, list[int]]) -> None:
        self._in_text = in_text
        self._in_names = in_names
        self._counted: dict[str, int] = {}

    def __getitem__(self, word: str) -> int:
        found = self._counted.get(word)
        if found is None:
            text, names = self._in_text.get(word, ()), self._in_names.get(word, ())
            if not (text or names):
                raise KeyError(word)
            both = len(set(text).intersection(names)) if text and names else 0
            found = self._counted[word] = len(text) + len(names) - both
        return found

    def __iter__(self) -> Iterator[str]:
        return iter({**self._in_text, **self._in_names})

    def __len__(self) -> int:
        return len(self._in_text.keys() | self._in_names.keys())


def built(docs: list[Document], labels: dict[str, str]) -> Built:
    """Index documents."""
    in_text_lists: defaultdict[str, list[int]] = defaultdict(list)
    in_names_lists: defaultdict[str, list[int]] = defaultdict(list)
    stems: list[str] = []
    names: list[str] = []
    # An organisation's responsibilities share its names: join them once.
    names_seen: dict[tuple[tuple[str, ...], ...], tuple[str, set[str]]] = {}
    spellings: set[str] = set()
    for number, doc in enumerate(docs):
        seq = stems_of(doc.text, spellings)
        stems.append(" ".join(seq))
        if doc.names not in names_seen:
            names_seen[doc.names] = (
                "\t".join(" ".join(name) for name in doc.names),
                {w for name in doc.names for w in name},
            )
        joined, name_words = names_seen[doc.names]
        names.append(joined)
        text_words = set(seq)
        for word in text_words:
            in_text_lists[word].append(number)
        for word in name_words:
            in_names_lists[word].append(number)
    in_text, in_names = dict(in_text_lists), dict(in_names_lists)
    return Built(
        labels,
        " ".join(sorted({w.casefold() for w in spellings})),
        Frequencies(in_text, in_names),
        in_text,
        in_names,
        stems,
        names,
        [" ".join(doc.topics) for doc in docs],
        [" ".join(doc.organisations) for doc in docs],
        [(doc.kind, doc.id, doc.title, doc.text, doc.sources) for doc in docs],
    )
