"""Keyword search over what the directory says: an inverted index, ranking, highlights.

A hit's tier decides first: a thing asked for by its name (the programme, law,
organisation or hotline itself) beats the query as a phrase, which beats every word of
it, which beats some of it. Within a tier, rarer words and words found in a name or
acronym weigh more. A word that no document has is taken for the nearest one that some
document has, and the results say so.
"""

import math
from collections import Counter, defaultdict
from typing import Any, NamedTuple

from tipcli.query.search.groups import Ranked, best_first, in_order, split
from tipcli.query.search.indexes import Index, Whole, check_shown
from tipcli.query.search.words import as_typed, query_stems, rules, stem, stems_of, tokenize
from tipcli.query.views import ALL_WORDS, NAMED, PHRASE, SOME_WORDS, TAGGED, Document, Hit

# The layout of the store; an index of another layout (or built with another stemmer)
# is rebuilt rather than read.
FORMAT = 3
# The documents that are a thing itself rather than a statement about one.
_OWN_KINDS = frozenset({"organisation", "program", "law", "hotline"})


class Filters(NamedTuple):
    organisations: frozenset[str] | None = None  # keep documents about these
    topic: str | None = None


# What a search index's store holds besides its count, and each part's type; every list
# has one entry a document.
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


# How many documents `_best` ranks at a time.
_STEP = 64


class Searcher:
    """An inverted index kept as flat strings and tuples, so that it loads fast from the
    cache and a query decodes only what it touches.

    The store holds, per document, its text stems (space-separated), its names' stems
    (names separated by tabs), and the document's own fields as a tuple; and per stem,
    the numbers of the documents that have it. A query reads the postings of its own
    words, splits the stem strings of those candidates only, and turns just the hits it
    returns back into Documents.
    """

    def __init__(self, store: dict[str, Any]) -> None:
        """Raises ValueError if the store lacks a part or a part has the wrong type or
        length (a cache file written by something else)."""
        count = store.get("count")
        if not isinstance(count, int) or store.get("format") != FORMAT:
            raise ValueError("search index of another layout")
        for part, kind in _STORE_PARTS.items():
            value = store.get(part)
            if not isinstance(value, kind) or (isinstance(value, list) and len(value) != count):
                raise ValueError(f"search index with a damaged {part!r}")
        check_shown(store)
        self.store = store
        self.index: Index = Whole(store)
        self.count = count

    def idf(self, word: str) -> float:
        # Computed for a query's own words only: a large directory has tens of
        # thousands of stems, and a query has a few.
        return math.log((self.count + 1) / (self.index.df(word) + 1)) + 1

    @classmethod
    def of(cls, docs: list[Document], labels: dict[str, str]) -> "Searcher":
        """Index documents: the slow part, done once per data file and then cached."""
        in_text: defaultdict[str, list[int]] = defaultdict(list)
        in_names: defaultdict[str, list[int]] = defaultdict(list)
        frequency: Counter[str] = Counter()
        stems: list[str] = []
        names: list[str] = []
        # An organisation's responsibilities share its names: join and count them once.
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
                in_text[word].append(number)
            for word in name_words:
                in_names[word].append(number)
            frequency.update(text_words | name_words)
        return cls(
            {
                "format": FORMAT,
                "count": len(docs),
                "labels": labels,
                # Every word as written, to correct a query's spelling against.
                "spellings": " ".join(sorted({w.casefold() for w in spellings})),
                "df": dict(frequency),
                "in_text": {w: " ".join(map(str, found)) for w, found in in_text.items()},
                "in_names": {w: " ".join(map(str, found)) for w, found in in_names.items()},
                "stems": stems,
                "names": names,
                "topics": [" ".join(doc.topics) for doc in docs],
                "organisations": [" ".join(doc.organisations) for doc in docs],
                "docs": [(doc.kind, doc.id, doc.title, doc.text, doc.sources) for doc in docs],
            }
        )

    @property
    def labels(self) -> dict[str, str]:
        """Topic ids to labels, so that a search can be shown without the directory."""
        return self.index.labels

    def portable(self) -> dict[str, object]:
        """The index as a page's script reads it to answer queries as `search` does:
        each stem's weight is computed here, so both sides rank with the same numbers
        whatever their logarithms round to."""
        store = self.store
        return {
            "format": FORMAT,
            "words": rules(),
            "idf": {word: self.idf(word) for word in store["df"]},
            "spellings": store["spellings"],
            "in_text": store["in_text"],
            "in_names": store["in_names"],
            "stems": store["stems"],
            "names": store["names"],
            "topics": store["topics"],
            "labels": store["labels"],
            "docs": [
                [kind, i, title, text, list(sources)]
                for kind, i, title, text, sources in store["docs"]
            ],
        }

    def document(self, number: int) -> Document:
        kind, entity_id, title, text, sources = self.index.doc(number)
        names = self.index.names(number)
        return Document(
            kind,
            entity_id,
            title,
            text,
            tuple(self.index.organisations(number).split()),
            tuple(self.index.topics(number).split()),
            tuple(sources),
            tuple(tuple(name.split()) for name in names.split("\t")) if names else (),
        )

    def search(
        self, query: str, filters: Filters = Filters(), limit: int | None = None
    ) -> "Results":
        """Hits, best first; with `limit`, only the best `limit` (`total` counts all)."""
        wanted, corrected = self.spelled(query_stems(query), query)
        if not wanted:
            return Results([], 0, corrected)
        found = self._postings(wanted)
        if filters == Filters() and limit is not None:
            best, total = self._best(found, limit), len(found.candidates)
        else:
            kept = [n for n in sorted(found.candidates) if self._kept(n, filters)]
            best, total = self._ranked(kept, found), len(kept)
        hits = []
        for number, tier, _, score in best[:limit]:
            doc = self.document(number)
            present = frozenset(w for w in found.words if number in found.has[w])
            hits.append(Hit(doc, tier, score, _spans(doc.text, present)))
        return Results(hits, total, corrected)

    def _ranked(
        self, numbers: list[int], found: "_Postings"
    ) -> list[tuple[int, int, float, float]]:
        """Documents (in the directory's order) with their tier, cover and score, best
        first: by tier; then the thing whose name the query covers most (its very name
        first); then by score; of equal hits, a hotline to call before a statement that
        mentions it; the sort is stable, so then the directory's order."""
        scored = [(number, *self._rank(number, found)) for number in numbers]
        kind = self.index.kind
        scored.sort(key=lambda hit: (-hit[1], -hit[2], -hit[3], kind(hit[0]) != "hotline"))
        return scored

    def _best(self, found: "_Postings", limit: int) -> list[Ranked]:
        """The best `limit` hits, ranking as few candidates as it takes.

        Only a document with every word in its text or every word in its names can hold
        the phrase or be named. Those with every word in their names are ranked first.
        Those with every word in their text only are ranked in the order their names
        add to their score until, with the things the query names, `limit` of them
        hold the phrase: none left unranked could come before those. Short of that,
        all are ranked, and then the rest of the candidates, which can hold neither,
        rank alike when the same words are in their text and their names: they are
        taken a group at a time, best first, until there are `limit` of them.
        """
        hotlines = self.index.hotlines()
        ranked = self._ranked(sorted(found.every_word_in_names), found)
        # The things the query names come before every other hit.
        first = sum(1 for hit in ranked if hit[1] == NAMED)
        in_text_only = found.every_word_in_text - found.every_word_in_names
        by_names = split(in_text_only, [found.in_names[w] for w in found.words])
        # By what their names add: groups that add as much (words of equal weight) rank
        # alike, and are taken together.
        adding: dict[float, set[int]] = {}
        for pattern, group in by_names.items():
            there = [w for w, named in zip(found.words, pattern, strict=True) if named]
            adding.setdefault(sum(found.weights[w] for w in there), set()).update(group)
        for added in sorted(adding, reverse=True):
            for number in in_order(adding[added], hotlines, None):
                if first >= limit:
                    return best_first(ranked, hotlines)[:limit]
                hit = self._rank(number, found)
                ranked.append((number, *hit))
                first += hit[0] == PHRASE
        rest = found.candidates - found.every_word_in_text - found.every_word_in_names
        by_words = [found.in_text[w] for w in found.words] + [
            found.in_names[w] for w in found.words
        ]
        alike: dict[tuple[int, float, float], set[int]] = {}
        for group in split(rest, by_words).values():
            key = self._rank(next(iter(group)), found)
            alike.setdefault(key, set()).update(group)
        taken = 0
        for key in sorted(alike, key=lambda k: (-k[0], -k[1], -k[2])):
            for number in in_order(alike[key], hotlines, limit - taken):
                ranked.append((number, *key))
                taken += 1
            if taken >= limit:
                break
        return best_first(ranked, hotlines)[:limit]

    def tagged(self, filters: Filters, limit: int | None = None) -> "Results":
        """Every document a filter keeps (a topic, say), in the directory's order."""
        kept = [n for n in range(self.count) if self._kept(n, filters)]
        hits = [Hit(self.document(n), TAGGED, 0.0, ()) for n in kept[:limit]]
        return Results(hits, len(kept), ())

    def spelled(
        self, wanted: list[str], query: str
    ) -> tuple[list[str], tuple[tuple[str, str], ...]]:
        """The query's stems, each that no document has replaced by the nearest one some
        document has; and the words so replaced, as typed and as searched for."""
        known = self.index.known
        unknown = [w for w in dict.fromkeys(wanted) if not known(w)]
        if not unknown:
            return wanted, ()
        import difflib  # only for a word no document has

        typed = as_typed(query)
        spellings = self.index.spellings().split()
        replaced: dict[str, str] = {}
        corrected = []
        for word in unknown:
            written = typed.get(word, word).casefold()
            for near in difflib.get_close_matches(written, spellings, n=3, cutoff=0.8):
                if known(stem(near)):
                    replaced[word] = stem(near)
                    corrected.append((typed.get(word, word), near))
                    break
        return [replaced.get(w, w) for w in wanted], tuple(corrected)

    def _postings(self, wanted: list[str]) -> "_Postings":
        """Which documents have each word of a query, in their text and in their names:
        a query decodes only its own words' postings."""
        words = list(dict.fromkeys(wanted))
        in_text = {w: self.index.in_text(w) for w in words}
        in_names = {w: self.index.in_names(w) for w in words}
        has = {w: in_text[w] | in_names[w] for w in words}
        return _Postings(
            wanted=wanted,
            words=words,
            weights={w: self.idf(w) for w in words},
            in_text=in_text,
            in_names=in_names,
            has=has,
            candidates=set().union(*has.values()),
            every_word_in_text=set.intersection(*in_text.values()),
            every_word_in_names=set.intersection(*in_names.values()),
        )

    def _kept(self, number: int, filters: Filters) -> bool:
        if filters.topic is not None and filters.topic not in self.index.topics(number).split():
            return False
        return filters.organisations is None or bool(
            filters.organisations & set(self.index.organisations(number).split())
        )

    def _rank(self, number: int, found: "_Postings") -> tuple[int, float, float]:
        """A candidate's tier, how much of its name the query is, and its score."""
        wanted = found.wanted
        single = len(wanted) == 1
        # A phrase can only be there if every word is: only then are stems read.
        phrase_in_text = number in found.every_word_in_text and (
            single or _contains(self.index.stems(number).split(), wanted)
        )
        names: list[list[str]] = []
        if number in found.every_word_in_names:
            names = [name.split() for name in self.index.names(number).split("\t")]
        own = self.index.kind(number) in _OWN_KINDS
        named = [name for name in names if _contains(name, wanted)]
        # What the statement itself says counts most; a match in the name of what it is
        # about counts too, but less, so that a name does not outrank its own content.
        # Summed a word at a time, in the query's order.
        text_score = name_score = 0.0
        present = 0
        for word in found.words:
            weight = found.weights[word]
            in_text, in_names = number in found.in_text[word], number in found.in_names[word]
            text_score += weight if in_text else 0
            name_score += weight if in_names else 0
            present += in_text or in_names
        if own and any(_names_it(name, wanted) for name in named):
            tier = NAMED
        elif phrase_in_text or named:
            tier = PHRASE
        elif present == len(found.words):
            tier = ALL_WORDS
        else:
            tier = SOME_WORDS
        score = text_score + 0.5 * name_score
        if phrase_in_text and not single:
            score *= 1.5
        cover = 0.0
        if own and named:
            # The more of a thing's name the query is, the more it names that thing: its
            # very name ("T visa") most.
            cover = max(len(wanted) / len(name) for name in named)
            score *= 1 + cover
        return tier, cover, score


class Results(NamedTuple):
    hits: list[Hit]  # best first
    total: int  # before the limit
    corrected: tuple[tuple[str, str], ...]  # (word as typed, word searched for)


def _names_it(name: list[str], wanted: list[str]) -> bool:
    """A query names a thing when it is the thing's name or acronym, or, of two words or
    more, the start of its name ("Rescue and Restore") or all of it but one word ("human
    trafficking hotline")."""
    if name == wanted:
        return True
    return len(wanted) > 1 and (name[: len(wanted)] == wanted or len(name) <= len(wanted) + 1)


class _Postings(NamedTuple):
    """What a query found in the index, before any document is read."""

    wanted: list[str]  # the query's stems, in order, repeats kept
    words: list[str]  # each stem once
    weights: dict[str, float]  # each word's idf
    in_text: dict[str, set[int]]  # the documents with each word in their text
    in_names: dict[str, set[int]]  # and in their names
    has: dict[str, set[int]]  # the documents with each word, in text or names
    candidates: set[int]
    every_word_in_text: set[int]
    every_word_in_names: set[int]


def _spans(text: str, present: frozenset[str]) -> tuple[tuple[int, int], ...]:
    return tuple((t.start, t.end) for t in tokenize(text) if t.stem in present)


def _contains(haystack: list[str], needle: list[str]) -> bool:
    if not needle:
        return False
    width = len(needle)
    return any(haystack[i : i + width] == needle for i in range(len(haystack) - width + 1))
