"""The directory's prose is its own: no run of words is lifted from a source document.

Names are facts and are carried over as they are (an agency's name, a report's title),
so before comparing, every name the directory itself holds is taken out of the prose;
numbers are facts too, and a run of words never spans one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import SEEDS

RUN = 6  # words in a row that count as copying

# Proper names of things the directory mentions without holding as entries, and terms
# whose words are defined by law or convention, which rewording would change.
OTHER_NAMES = [
    "Convention on the Rights of the Child",
    "Generalized System of Preferences",
    "African Growth and Opportunity Act",
    "Caribbean Basin Trade Partnership Act",
    "American Indian and Alaska Native communities",  # the communities' official name
    "worst forms of child labor",  # ILO Convention 182, and a report's title
    "commercial sexual exploitation of children",  # CSEC, a defined category
    "severe forms of trafficking",  # defined in the TVPA
]

PROSE_KEYS = {"summary", "text", "purpose", "audience", "note", "description", "date_basis"}
NAME_KEYS = {"name", "title", "acronym", "term"}


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9$]+", text.lower())


def _walk(node: Any, keys: set[str], where: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in keys and isinstance(value, str):
                yield f"{where}.{key}", value
            else:
                yield from _walk(value, keys, f"{where}.{key}")
    elif isinstance(node, list):
        for position, item in enumerate(node, start=1):
            yield from _walk(item, keys, f"{where}[{position}]")


def test_no_run_of_words_is_copied_from_a_document(raw: dict[str, Any]) -> None:
    documents = sorted(SEEDS.glob("0*.txt")) if SEEDS.is_dir() else []
    if not documents:
        pytest.skip(f"source documents not found at {SEEDS} (set TIP_SEEDS)")
    words = _words(" ".join(path.read_text(encoding="utf-8") for path in documents))
    runs = {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}

    names = {value for _, value in _walk(raw, NAME_KEYS)} | set(OTHER_NAMES)
    long_names = sorted((n for n in names if len(n.split()) >= 3), key=len, reverse=True)
    copied = []
    for where, text in _walk(raw, PROSE_KEYS):
        for name in long_names:
            text = re.sub(re.escape(name), " ", text, flags=re.IGNORECASE)
        prose = _words(text)
        for i in range(len(prose) - RUN + 1):
            run = tuple(prose[i : i + RUN])
            if run in runs and not any(_is_number(word) for word in run):
                copied.append(f"{where}: {' '.join(run)}")
                break
    assert copied == []


def _is_number(word: str) -> bool:
    return any(char.isdigit() for char in word)
