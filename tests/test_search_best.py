"""A search takes its best hits without ranking every candidate: the same hits, in the
same order, as ranking them all and cutting the list."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.conftest import generated
from tipcli.data.files import bundled_path
from tipcli.data.load import directory_from_text
from tipcli.query.index import Index
from tipcli.query.search.documents import documents
from tipcli.query.search.searcher import Searcher


def searcher_of(path: Path) -> Searcher:
    directory = directory_from_text(path.read_text(encoding="utf-8"), str(path))
    return Searcher.of(documents(Index.build(directory)), {})


def made_up_queries(searcher: Searcher, count: int) -> list[str]:
    """Queries of one to four words the directory uses, with a fixed seed, and some that
    name things or hold a phrase."""
    rng = random.Random(11)
    words = sorted(
        {
            w.strip(".,()").lower()
            for n in range(searcher.count)
            for w in searcher.document(n).text.split()
        }
    )
    fixed = ["victim services", "victim", "help line", "office 7", "t visa", "services victim"]
    return fixed + [" ".join(rng.sample(words, rng.randint(1, 4))) for _ in range(count)]


@pytest.mark.parametrize("which", ["bundled", "generated-300"])
def test_the_best_hits_are_the_first_of_all_hits_ranked(which: str, tmp_path: Path) -> None:
    path = bundled_path() if which == "bundled" else generated(300, tmp_path)
    searcher = searcher_of(path)
    for query in made_up_queries(searcher, 150):
        every = searcher.search(query)
        for limit in (1, 3, 20):
            best = searcher.search(query, limit=limit)
            assert best.total == every.total, query
            assert [
                (h.document.id, h.document.kind, h.document.text, h.match, h.score)
                for h in best.hits
            ] == [
                (h.document.id, h.document.kind, h.document.text, h.match, h.score)
                for h in every.hits[:limit]
            ], (query, limit)
