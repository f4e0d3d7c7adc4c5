"""Words as search sees them: tokens, stopwords and a light stemmer."""

import re
from typing import NamedTuple

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
