"""Keyword search over what the directory says: an inverted index, ranking, highlights.

A hit's tier decides first: a thing asked for by its name (the programme, law,
organisation or hotline itself) beats the query as a phrase, which beats every word of
it, which beats some of it. Within a tier, rarer words and words found in a name or
acronym weigh more. A word that no document has is taken for the nearest one that some
document has, and the results say so.
"""

import functools
import heapq
import math
import operator
from typing import NamedTuple

from tipcli.query.search.bits import Bits
from tipcli.query.search.groups import Ranked, best_first, in_order, split
from tipcli.query.search.indexes import FORMAT, Index, Whole
from tipcli.query.search.words import as_typed, query_stems, rules, stem, tokenize
from tipcli.query.views import ALL_WORDS, NAMED, PHRASE, SOME_WORDS, TAGGED, Document, Hit

# The documents that are a thing itself rather than a statement about one.
_OWN_KINDS = frozenset({"organisation", "program", "law", "hotline"})


class Filters(NamedTuple):
    organisations: frozenset[str] | None = None  # keep documents about these
    topic: str | None = None


class Searcher:
    """Answers queries from an index (`indexes.Index`): a query reads the postings of its
    own words, the stems and names of the few candidates it must rank to find its best
    hits, and turns just the hits it returns back into Documents."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.count = index.count

    def idf(self, word: str) -> float:
        # Computed for a query's own words only: a large directory has tens of
        # thousands of stems, and a query has a few.
        return math.log((self.count + 1) / (self.index.df(word) + 1)) + 1

    @classmethod
    def of(cls, docs: list[Document], labels: dict[str, str]) -> "Searcher":
        """A searcher over documents indexed now, held whole."""
        from tipcli.query.search.indexing import built

        return cls(Whole(built(docs, labels).whole()))

    @property
    def labels(self) -> dict[str, str]:
        """Topic ids to labels, so that a search can be shown without the directory."""
        return self.index.labels

    def portable(self) -> dict[str, object]:
        """The index as a page's script reads it to answer queries as `search` does:
        each stem's weight is computed here, so both sides rank with the same numbers
        whatever their logarithms round to."""
        if not isinstance(self.index, Whole):
            raise TypeError("a page is made from an index held whole")
        store = self.index.store
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
            kept = [n for n in found.candidates if self._kept(n, filters)]
            best, total = self._ranked(kept, found), len(kept)
        hits = []
        for number, tier, _, score in best[:limit]:
            doc = self.document(number)
            present = frozenset(
                w for w in found.words if number in found.in_text[w] or number in found.in_names[w]
            )
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

        What the postings say of a candidate (which words are in its text and which in
        its names, whether it is a thing itself, how long its shortest names with the
        words are) bounds its rank: its tier, cover and score can be no better. The
        candidates are taken a group of equal bounds at a time, best first, and in each
        group in the order of the sort's tie-break (a hotline first, then the
        directory's), until the next one's bound could not put it among the best. Where
        a bound is the rank itself, nothing of the document is read.
        """
        hotlines = self.index.hotlines()
        # The best so far as (tier, cover, score, hotline, -number), the worst first.
        kept: list[tuple[int, float, float, bool, int]] = []
        # Only a candidate with every word in its text or every word in its names can
        # hold the phrase or be named: those first, and the rest (often most) only if
        # they could still be among the best.
        first = found.every_word_in_text | found.every_word_in_names
        everywhere = (True,) * len(found.words)
        ceiling = (ALL_WORDS, 0.0, _score(found, everywhere, everywhere, False, 0.0), True, 0)
        for numbers in (first, None):
            if numbers is None:
                if len(kept) == limit and ceiling < kept[0]:
                    break
                numbers = found.candidates - first
            for bound, (exact, group) in sorted(self._bounds(found, numbers).items(), reverse=True):
                for number in in_order(group, hotlines, limit if exact else None):
                    called = number in hotlines
                    if len(kept) == limit and (*bound, called, -number) < kept[0]:
                        # Neither this one nor any after it (whose bounds are no better)
                        # can do better than the worst kept.
                        return _best_of(kept, hotlines)
                    tier, cover, score = bound if exact else self._rank(number, found)
                    if len(kept) < limit:
                        heapq.heappush(kept, (tier, cover, score, called, -number))
                    else:
                        heapq.heappushpop(kept, (tier, cover, score, called, -number))
        return _best_of(kept, hotlines)

    def _bounds(
        self, found: "_Postings", numbers: Bits
    ) -> dict[tuple[int, float, float], tuple[bool, Bits]]:
        """Candidates in groups by the best tier, cover and score each could have,
        with whether every one of the group has just that."""
        words, wanted = found.words, found.wanted
        single = len(wanted) == 1
        bounds: dict[tuple[int, float, float], tuple[bool, Bits]] = {}

        def add(texts: tuple[bool, ...], names: tuple[bool, ...], tier: int, cover: float,
                exact: bool, group: Bits) -> None:  # fmt: skip
            # A phrase in the text can only be there if every word is.
            bound = (tier, cover, _score(found, texts, names, all(texts), cover))
            was_exact, members = bounds.get(bound, (True, Bits()))
            bounds[bound] = (was_exact and exact, members | group)

        by = [found.in_text[w] for w in words] + [found.in_names[w] for w in words]
        for pattern, group in split(numbers, by).items():
            texts, names = pattern[: len(words)], pattern[len(words) :]
            if all(names):
                own = group & self.index.of_kinds(_OWN_KINDS)
                # Not a thing itself: a statement about one, named in its names.
                add(texts, names, PHRASE, 0.0, single, group - own)
                for length, alike in _by_shortest_name(self.index, words, own).items():
                    # A name with the whole query is no shorter than the query, nor
                    # than its shortest name with any one of the words.
                    tier = NAMED if length == 1 or not single else PHRASE
                    add(texts, names, tier, len(wanted) / max(length, len(wanted)), single, alike)
            elif all(texts):
                add(texts, names, PHRASE, 0.0, single, group)
            else:
                present = all(t or n for t, n in zip(texts, names, strict=True))
                add(texts, names, ALL_WORDS if present else SOME_WORDS, 0.0, True, group)
        return bounds

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
        return _Postings(
            wanted=wanted,
            words=words,
            weights={w: self.idf(w) for w in words},
            in_text=in_text,
            in_names=in_names,
            candidates=functools.reduce(operator.or_, [*in_text.values(), *in_names.values()]),
            every_word_in_text=functools.reduce(operator.and_, in_text.values()),
            every_word_in_names=functools.reduce(operator.and_, in_names.values()),
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
        texts = tuple(number in found.in_text[word] for word in found.words)
        in_names = tuple(number in found.in_names[word] for word in found.words)
        if own and any(_names_it(name, wanted) for name in named):
            tier = NAMED
        elif phrase_in_text or named:
            tier = PHRASE
        elif all(t or n for t, n in zip(texts, in_names, strict=True)):
            tier = ALL_WORDS
        else:
            tier = SOME_WORDS
        # The more of a thing's name the query is, the more it names that thing: its
        # very name ("T visa") most.
        cover = max(len(wanted) / len(name) for name in named) if own and named else 0.0
        return tier, cover, _score(found, texts, in_names, phrase_in_text, cover)


def _score(
    found: "_Postings",
    texts: tuple[bool, ...],
    names: tuple[bool, ...],
    phrase_in_text: bool,
    cover: float,
) -> float:
    """A candidate's score, from which of the query's words are in its text and which in
    its names, whether its text holds the query as a phrase, and its cover.

    What the statement itself says counts most; a match in the name of what it is about
    counts too, but less, so that a name does not outrank its own content. Summed a word
    at a time, in the query's order, so that the same facts give the same number.
    """
    text_score = name_score = 0.0
    for word, in_text, in_names in zip(found.words, texts, names, strict=True):
        weight = found.weights[word]
        text_score += weight if in_text else 0
        name_score += weight if in_names else 0
    score = text_score + 0.5 * name_score
    if phrase_in_text and len(found.wanted) > 1:
        score *= 1.5
    if cover:
        score *= 1 + cover
    return score


def _by_shortest_name(index: Index, words: list[str], numbers: Bits) -> dict[int, Bits]:
    """Documents with every word in their names, by the longest of their shortest names
    with each word."""
    if not numbers:
        return {}
    listed = list(numbers)
    lengths = [index.shortest(word, listed) for word in words]
    grouped: dict[int, list[int]] = {}
    for number in listed:
        grouped.setdefault(max(found[number] for found in lengths), []).append(number)
    return {length: Bits.of(alike) for length, alike in grouped.items()}


def _best_of(kept: list[tuple[int, float, float, bool, int]], hotlines: Bits) -> list[Ranked]:
    return best_first([(-number, tier, cover, score) for tier, cover, score, _, number in kept],
                      hotlines)  # fmt: skip


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
    in_text: dict[str, Bits]  # the documents with each word in their text
    in_names: dict[str, Bits]  # and in their names
    candidates: Bits
    every_word_in_text: Bits
    every_word_in_names: Bits


def _spans(text: str, present: frozenset[str]) -> tuple[tuple[int, int], ...]:
    return tuple((t.start, t.end) for t in tokenize(text) if t.stem in present)


def _contains(haystack: list[str], needle: list[str]) -> bool:
    if not needle:
        return False
    width = len(needle)
    return any(haystack[i : i + width] == needle for i in range(len(haystack) - width + 1))
