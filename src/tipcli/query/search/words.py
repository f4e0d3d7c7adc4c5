"""Words as search sees them: tokens, stopwords and a light stemmer."""

import functools
import re
import sys
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
# Forms that name a thing of their own, which stemming would fold into another word:
# forced labour is not the task forces.
_OWN_TERMS = frozenset({"forced"})


def stem(word: str) -> str:
    """A light stemmer, enough that the forms people type meet the forms the data uses.

    service/services, visa/visas, fund/funds/funded/funding, prosecute/prosecutes/
    prosecution/prosecuting, certify/certified/certification and child/children each
    end up as one stem; forced and forces do not.
    """
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word in _OWN_TERMS:
        return word
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 4 and word.endswith(("sses", "xes", "ches", "shes")):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 8 and word.endswith("ication"):
        word = word[:-7] + "y"  # certification -> certify
    elif len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith("ed") and not word.endswith("eed"):
        word = word[:-2]
    elif len(word) > 5 and word.endswith("ion"):
        word = word[:-3]
    if len(word) > 4 and word.endswith("e") and not word.endswith("ee"):
        word = word[:-1]
    if len(word) > 3 and word.endswith("y"):
        word = word[:-1] + "i"  # certify, certifies, certified: certifi
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


def stems_of(text: str, spellings: set[str] | None = None) -> list[str]:
    """The stems of `text` in order: what indexing needs, without places. The words as
    written are added to `spellings`, if given."""
    known = _AS_WRITTEN.get
    words = _WORD.findall(text)
    if spellings is not None:
        spellings.update(words)
    stems = [known(word) or _stem_as_written(word) for word in words]
    return [found for found in stems if found]


def query_stems(query: str) -> list[str]:
    """The stems a query asks for: none when every word of it is a stopword, which no
    document is indexed by ("the")."""
    return [token.stem for token in tokenize(query)]


def as_typed(query: str) -> dict[str, str]:
    """Each stem of a query, to the word as typed that gave it: what a correction names.
    Punctuation is not part of a word ("visas," is "visas")."""
    return {_stem(word.casefold()): word for word in _WORD.findall(query)}


@functools.cache
def rules() -> dict[str, object]:
    """These rules as data, for the page's script to read words, fold and stem them as
    search does, whatever Unicode version its browser knows: the stopwords, the
    irregular and own forms, the ranges of characters a word is made of (Python's
    letters and digits), and each character's case folding where it changes it."""
    folded = {}
    ranges: list[list[int]] = []
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if char.casefold() != char:
            folded[char] = char.casefold()
        if char.isalnum():
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return {
        "stopwords": sorted(STOPWORDS),
        "irregular": _IRREGULAR,
        "own_terms": sorted(_OWN_TERMS),
        "word_ranges": ranges,
        "folded": folded,
    }
