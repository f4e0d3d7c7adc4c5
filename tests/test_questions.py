"""Questions a case manager, advocate, trainer, researcher or journalist would ask, written
from the five documents, with what must come first: tests/search_questions.json."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import REPO
from tipcli.data.load import load
from tipcli.query.index import Index
from tipcli.query.search.documents import documents
from tipcli.query.search.searcher import Searcher

QUESTIONS = json.loads((REPO / "tests" / "search_questions.json").read_text(encoding="utf-8"))
INDEX = Index.build(load().directory)
SEARCHER = Searcher.of(documents(INDEX), {t.id: t.label for t in INDEX.directory.topics})


def test_there_are_forty_questions_or_more() -> None:
    assert len(QUESTIONS) >= 40
    assert len({q["query"] for q in QUESTIONS}) == len(QUESTIONS)


@pytest.mark.parametrize("question", QUESTIONS, ids=[q["query"] for q in QUESTIONS])
def test_the_answer_comes_first(question: dict[str, Any]) -> None:
    hits = SEARCHER.search(question["query"]).hits
    assert hits, question["query"]
    first = [hits[0].document.kind, hits[0].document.id]
    assert first in question["first"], (question["why"], [h.document.id for h in hits[:5]])


def test_every_answer_is_in_the_directory() -> None:
    """So that a renamed id fails here rather than passing unnoticed."""
    ids = {
        "organisation": set(INDEX.organisations),
        "responsibility": {o.id for o in INDEX.directory.organisations if o.responsibilities},
        "program": set(INDEX.programs),
        "hotline": set(INDEX.hotlines),
        "law": set(INDEX.laws),
        "figure": {f.subjects[0] for f in INDEX.directory.figures},
    }
    missing = [
        (q["query"], kind, entity)
        for q in QUESTIONS
        for kind, entity in q["first"]
        if entity not in ids[kind]
    ]
    assert missing == []
