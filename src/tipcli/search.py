"""Keyword search over what the directory says: tokens, stems, ranking, highlights.

A hit's tier decides first: the query as a phrase beats every word of it, which beats
some of it. Within a tier, rarer words and words found in a name or acronym weigh more.
"""

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any, NamedTuple

from tipcli.index import Index
from tipcli.model import Organisation

_WORD = re.compile(r"[^\W_]+", re.UNICODE)

# Words that carry no meaning on their own. Short words that do ("T visa", "U visa",
# "DOJ", "ED") are deliberately not here.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "s",
        "that",
        "the",
        "their",
        "them",
        "they",
        "this",
        "to",
        "was",
        "were",
        "which",
        "who",
        "with",
    ]
)

PHRASE, ALL_WORDS, SOME_WORDS = 3, 2, 1
TIER_NAMES = {PHRASE: "phrase", ALL_WORDS: "all words", SOME_WORDS: "some words"}


_IRREGULAR = {"children": "child", "women": "woman", "men": "man", "people": "person"}


def stem(word: str) -> str:
    """A light stemmer, enough that the forms people type meet the forms the data uses.

    service/services, visa/visas, fund/funds/funded/funding, prosecute/prosecutes/
    prosecution/prosecuting and child/children each end up as one stem.
    """
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 4 and word.endswith(("sses", "xes", "ches", "shes")):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith("ed") and not word.endswith("eed"):
        word = word[:-2]
    elif len(word) > 5 and word.endswith("ion"):
        word = word[:-3]
    if len(word) > 4 and word.endswith("e") and not word.endswith("ee"):
        word = word[:-1]
    return word


class Token(NamedTuple):
    stem: str
    start: int
    end: int


# Stemming is pure and the vocabulary small, so each word is stemmed once a run.
_STEMMED: dict[str, str] = {}
# Each word as written, to its stem, or to "" for a stopword: indexing a large
# directory looks up hundreds of thousands of words, mostly the same few thousand.
_AS_WRITTEN: dict[str, str] = {}


def _stem(word: str) -> str:
    found = _STEMMED.get(word)
    if found is None:
        found = _STEMMED[word] = stem(word)
    return found


def _stem_as_written(word: str) -> str:
    folded = word.casefold()
    found = _AS_WRITTEN[word] = "" if folded in STOPWORDS else _stem(folded)
    return found


def tokenize(text: str) -> list[Token]:
    """Stems with their places in `text`, for highlighting."""
    return [
        Token(_stem(match.group().casefold()), match.start(), match.end())
        for match in _WORD.finditer(text)
        if match.group().casefold() not in STOPWORDS
    ]


def stems_of(text: str) -> list[str]:
    """The stems of `text` in order: what indexing needs, without places."""
    known = _AS_WRITTEN.get
    stems = [known(word) or _stem_as_written(word) for word in _WORD.findall(text)]
    return [found for found in stems if found]


def query_stems(query: str) -> list[str]:
    stems = [token.stem for token in tokenize(query)]
    if stems:
        return stems
    # A query of stopwords only ("the") still means something to the person asking.
    return [stem(match.group().casefold()) for match in _WORD.finditer(query)]


class Document(NamedTuple):
    """One searchable statement, with what it is about and where it comes from."""

    kind: str  # responsibility, organisation, program, hotline, law, figure
    id: str  # the entity the statement belongs to
    title: str  # how to name that entity to a reader
    text: str
    organisations: tuple[str, ...]  # organisations it concerns, for --agency and --body
    topics: tuple[str, ...]
    sources: tuple[str, ...]
    names: tuple[tuple[str, ...], ...]  # the stems of each of the entity's names and acronyms


class Hit(NamedTuple):
    document: Document
    tier: int
    score: float
    spans: tuple[tuple[int, int], ...]  # characters of `text` that matched

    @property
    def match(self) -> str:
        return TIER_NAMES[self.tier]


def _names(*texts: str) -> tuple[tuple[str, ...], ...]:
    # "G/TIP" is one word to a reader, so the slash goes before tokenizing.
    return tuple(tuple(stems_of(text.replace("/", ""))) for text in texts if text)


def _org_names(org: Organisation) -> tuple[tuple[str, ...], ...]:
    return _names(org.name, org.acronym, *(alias.name for alias in org.aliases))


def documents(index: Index) -> list[Document]:
    """Every statement worth finding, in a stable order."""
    docs: list[Document] = []
    directory = index.directory
    for org in directory.organisations:
        names = _org_names(org)
        title = index.display_name(org.id)
        docs.append(
            Document("organisation", org.id, title, org.summary, (org.id,), (), org.sources, names)
        )
        for duty in org.responsibilities:
            docs.append(
                Document(
                    "responsibility",
                    org.id,
                    title,
                    duty.text,
                    (org.id,),
                    duty.topics,
                    duty.sources,
                    names,
                )
            )
    for program in directory.programs:
        operators = tuple(dict.fromkeys(op.organisation for op in program.operators))
        names = _names(program.name, program.acronym, *(a.name for a in program.aliases))
        docs.append(
            Document(
                "program",
                program.id,
                index.display_name(program.id),
                program.summary,
                operators,
                program.topics,
                program.sources,
                names,
            )
        )
    for hotline in directory.hotlines:
        operators = tuple(dict.fromkeys(op.organisation for op in hotline.operators))
        names = _names(hotline.name, *(a.name for a in hotline.aliases))
        text = f"{hotline.purpose} For: {hotline.audience}"
        docs.append(
            Document(
                "hotline",
                hotline.id,
                hotline.name,
                text,
                operators,
                hotline.topics,
                hotline.sources,
                names,
            )
        )
    for law in directory.laws:
        names = _names(law.name, law.acronym, *(a.name for a in law.aliases))
        docs.append(
            Document(
                "law", law.id, index.display_name(law.id), law.summary, (), (), law.sources, names
            )
        )
    for figure in directory.figures:
        orgs = tuple(s for s in figure.subjects if s in index.organisations)
        title = ", ".join(index.display_name(s) for s in figure.subjects)
        docs.append(
            Document(
                "figure",
                figure.subjects[0],
                title,
                f"{figure.text} ({figure.period})",
                orgs,
                figure.topics,
                figure.sources,
                (),
            )
        )
    return docs


class Filters(NamedTuple):
    organisations: frozenset[str] | None = None  # keep documents about these
    topic: str | None = None


# What a search index's store holds besides its count, and each part's type; every list
# has one entry a document.
_STORE_PARTS: dict[str, type] = {
    "labels": dict,
    "df": dict,
    "in_text": dict,
    "in_names": dict,
    "stems": list,
    "names": list,
    "topics": list,
    "organisations": list,
    "docs": list,
}


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
        if not isinstance(count, int):
            raise ValueError("search index without a document count")
        for part, kind in _STORE_PARTS.items():
            value = store.get(part)
            if not isinstance(value, kind) or (isinstance(value, list) and len(value) != count):
                raise ValueError(f"search index with a damaged {part!r}")
        self.store = store
        self.count = count

    def idf(self, word: str) -> float:
        # Computed for a query's own words only: a large directory has tens of
        # thousands of stems, and a query has a few.
        seen: int = self.store["df"].get(word, 0)
        return math.log((self.count + 1) / (seen + 1)) + 1

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
        for number, doc in enumerate(docs):
            seq = stems_of(doc.text)
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
                "count": len(docs),
                "labels": labels,
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
        labels: dict[str, str] = self.store["labels"]
        return labels

    def document(self, number: int) -> Document:
        kind, entity_id, title, text, sources = self.store["docs"][number]
        names = self.store["names"][number]
        return Document(
            kind,
            entity_id,
            title,
            text,
            tuple(self.store["organisations"][number].split()),
            tuple(self.store["topics"][number].split()),
            tuple(sources),
            tuple(tuple(name.split()) for name in names.split("\t")) if names else (),
        )

    def search(
        self, query: str, filters: Filters = Filters(), limit: int | None = None
    ) -> list[Hit]:
        """Hits, best first; with `limit`, only the best `limit`."""
        wanted = query_stems(query)
        if not wanted:
            return []
        words = list(dict.fromkeys(wanted))
        # Which documents have each word, in their text and in their names: a query
        # decodes only its own words' postings.
        text_has = {w: set(map(int, self.store["in_text"].get(w, "").split())) for w in words}
        names_have = {w: set(map(int, self.store["in_names"].get(w, "").split())) for w in words}
        candidates = set().union(*text_has.values(), *names_have.values())
        every_word_in_text = set.intersection(*text_has.values())
        every_word_in_names = set.intersection(*names_have.values())
        topics, organisations = self.store["topics"], self.store["organisations"]
        idf = {w: self.idf(w) for w in words}
        # What the statement itself says counts most; a match in the name of what it is
        # about counts too, but less, so that a name does not outrank its own content.
        # Summed a word at a time over its postings, in the query's order.
        text_score: dict[int, float] = {}
        name_score: dict[int, float] = {}
        words_present: dict[int, int] = {}
        for word in words:
            weight = idf[word]
            for number in text_has[word]:
                text_score[number] = text_score.get(number, 0) + weight
            for number in names_have[word]:
                name_score[number] = name_score.get(number, 0) + weight
            for number in text_has[word] | names_have[word]:
                words_present[number] = words_present.get(number, 0) + 1
        stems, names_of = self.store["stems"], self.store["names"]
        single = len(wanted) == 1
        scored = []
        for number in sorted(candidates):
            if filters.topic is not None and filters.topic not in topics[number].split():
                continue
            if filters.organisations is not None and not (
                filters.organisations & set(organisations[number].split())
            ):
                continue
            # A phrase can only be there if every word is: only then are stems read.
            phrase_in_text = number in every_word_in_text and (
                single or _contains(stems[number].split(), wanted)
            )
            names: list[list[str]] = []
            if number in every_word_in_names:
                names = [name.split() for name in names_of[number].split("\t")]
            if phrase_in_text or any(_contains(name, wanted) for name in names):
                tier = PHRASE
            elif words_present[number] == len(words):
                tier = ALL_WORDS
            else:
                tier = SOME_WORDS
            score = text_score.get(number, 0) + 0.5 * name_score.get(number, 0)
            if phrase_in_text and not single:
                score *= 1.5
            # Asking for a thing by its name ("T visa", "Blue Campaign") puts it first.
            if any(name == wanted for name in names):
                score *= 2
            scored.append((number, tier, score))
        # Stable: equal hits keep the directory's order.
        scored.sort(key=lambda hit: (-hit[1], -hit[2]))
        hits = []
        for number, tier, score in scored[:limit]:
            doc = self.document(number)
            present = frozenset(
                w for w in words if number in text_has[w] or number in names_have[w]
            )
            hits.append(Hit(doc, tier, score, _spans(doc.text, present)))
        return hits


def _spans(text: str, present: frozenset[str]) -> tuple[tuple[int, int], ...]:
    return tuple((t.start, t.end) for t in tokenize(text) if t.stem in present)


def _contains(haystack: list[str], needle: list[str]) -> bool:
    if not needle:
        return False
    width = len(needle)
    return any(haystack[i : i + width] == needle for i in range(len(haystack) - width + 1))


def topic_uses(index: Index) -> dict[str, int]:
    """How many statements are tagged with each topic."""
    counts: Counter[str] = Counter()
    directory = index.directory
    tagged: Iterable[tuple[str, ...]] = [
        *(r.topics for o in directory.organisations for r in o.responsibilities),
        *(p.topics for p in directory.programs),
        *(h.topics for h in directory.hotlines),
        *(f.topics for f in directory.figures),
    ]
    for topics in tagged:
        counts.update(topics)
    return {topic.id: counts[topic.id] for topic in directory.topics}
