"""A large directory's search index in a database: the same hits as the index held
whole, and the cache's trust model for its file."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import SMALL, TIP, forge, generated, invoke, private_env, run_on, tamper
from tests.test_search_best import made_up_queries
from tipcli.data import database, load
from tipcli.data.files import bundled_path
from tipcli.query.index import Index
from tipcli.query.search import stored
from tipcli.query.search.documents import documents
from tipcli.query.search.indexes import Whole
from tipcli.query.search.indexing import built
from tipcli.query.search.searcher import Filters, Results, Searcher


def both_ways(path: Path) -> tuple[Searcher, Searcher]:
    """A searcher over a file's index kept in a database, and one over it held whole."""
    directory = load.directory_from_text(path.read_text(encoding="utf-8"), str(path))
    made = built(documents(Index.build(directory)), {t.id: t.label for t in directory.topics})
    key: dict[str, object] = {"path": str(path), "files": []}
    stored.write(key, made)
    kept = stored.open_index(key)
    assert kept is not None
    return Searcher(kept), Searcher(Whole(made.whole()))


def seen(results: Results) -> object:
    """All a user can see of results: each hit's document, match, score and highlights,
    the total and the corrections."""
    hits = [(h.document, h.tier, h.score, h.spans) for h in results.hits]
    return hits, results.total, results.corrected


@pytest.mark.parametrize("which", ["bundled", "small", "generated-300"])
def test_the_database_gives_every_search_the_index_held_whole_gives(
    which: str, tmp_path: Path
) -> None:
    paths = {"bundled": bundled_path(), "small": SMALL}
    path = paths.get(which) or generated(300, tmp_path)
    from_database, whole = both_ways(path)
    topics = sorted(whole.labels)
    for query in [*made_up_queries(whole, 120), "victim servcies", "the"]:
        for filters, limit in [
            (Filters(), 1),
            (Filters(), 20),
            (Filters(), None),
            (Filters(topic=topics[0]), 10),
            (Filters(organisations=frozenset({"org-3", "dhs"})), 10),
        ]:
            assert seen(from_database.search(query, filters, limit)) == seen(
                whole.search(query, filters, limit)
            ), (query, filters, limit)
    for topic in topics:
        tagged = Filters(topic=topic)
        assert seen(from_database.tagged(tagged, 30)) == seen(whole.tagged(tagged, 30))
    assert from_database.labels == whole.labels


@pytest.mark.usefixtures("every_file_large")
def test_a_search_of_a_large_directory_reads_its_index_from_a_database(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = generated(60, tmp_path)
    asked = [
        ["search", "victim services", "--json"],
        ["search", "office 7", "--limit", "3"],
        ["search", "shelter", "--topic", "victim-services", "--json"],
        ["search", "victim", "--agency", "O7", "--json"],
    ]
    first = [invoke(runner, *a, "--data", str(path)).stdout for a in asked]
    key = load.cache_key(str(path))
    assert key is not None and load.in_database(key)
    index = database.file_for(key, "search")
    assert index.is_file() and index.stat().st_mode & 0o777 == 0o600
    written = index.stat().st_mtime_ns
    assert [invoke(runner, *a, "--data", str(path)).stdout for a in asked] == first
    assert index.stat().st_mtime_ns == written  # read, not made again
    assert not list(index.parent.glob("*.search.cache"))
    monkeypatch.setenv("TIP_NO_CACHE", "1")
    assert [invoke(runner, *a, "--data", str(path)).stdout for a in asked] == first


def _index(path: Path) -> Path:
    key = load.cache_key(str(path))
    assert key is not None
    return database.file_for(key, "search")


@pytest.mark.parametrize(
    "change",
    [
        # A word's postings changed without their checksum: found only when read.
        "UPDATE word SET in_text = substr(in_text, 5) WHERE word = 'victim'",
        "UPDATE word SET crc = crc + 1 WHERE word = 'servic'",
        # A document's row changed without its checksum.
        "UPDATE doc SET crc = crc + 1",
        # A document the postings name is gone.
        "DELETE FROM doc WHERE number % 2 = 0",
        # Metadata of another layout, and something that would run.
        "UPDATE meta SET value = X'00' WHERE name = 'layout'",
        "CREATE VIEW shown AS SELECT * FROM doc",
    ],
)
def test_a_search_index_not_as_written_is_never_used(large: Path, change: str) -> None:
    honest = run_on(large, "search", "victim services", "--json")
    assert honest.returncode == 0, honest.stderr
    tamper(_index(large), change)
    again = run_on(large, "search", "victim services", "--json")
    assert again.returncode == 0, again.stderr
    assert again.stdout == honest.stdout
    # Made anew: a later run reads a good index again.
    assert run_on(large, "search", "victim services", "--json").stdout == honest.stdout


def test_a_document_that_says_what_validation_refuses_is_never_shown(large: Path) -> None:
    """A document rewritten with a matching checksum to hold a terminal escape is
    refused as the index held whole refuses it."""
    honest = run_on(large, "search", "office 7", "--json").stdout
    forge(_index(large), "doc", "row", b"Office 7", b"Office \x1b")
    again = run_on(large, "search", "office 7", "--json")
    assert again.stdout == honest and "\x1b" not in again.stdout


def test_many_searches_go_on_from_an_index_made_anew(large: Path) -> None:
    """`tip search -` whose index is found damaged part way answers every line as each
    would be answered alone."""
    alone = [
        json.loads(run_on(large, "search", q, "--json").stdout) for q in ("victim", "office 7")
    ]
    tamper(_index(large), "UPDATE word SET crc = crc + 1 WHERE word = 'offic'")
    batch = subprocess.run(
        [str(TIP), "search", "-", "--jsonl", "--data", str(large)],
        input="victim\noffice 7\n",
        capture_output=True,
        text=True,
        env=private_env(),
        check=False,
    )
    assert batch.returncode == 0, batch.stderr
    answers = [json.loads(line)["answer"]["hits"] for line in batch.stdout.splitlines()]
    assert answers == alone


def test_a_search_index_in_a_folder_others_can_write_is_never_used(large: Path) -> None:
    honest = run_on(large, "search", "office 7", "--json").stdout
    index = _index(large)
    tamper(index, "UPDATE doc SET crc = 0")
    index.parent.chmod(0o777)
    try:
        assert run_on(large, "search", "office 7", "--json").stdout == honest
    finally:
        index.parent.chmod(0o700)
    assert os.access(index.parent, os.W_OK)


def test_a_first_search_answers_before_its_databases_are_written(large: Path) -> None:
    """Without TIP_CACHE_WAIT the first run on a large directory answers from memory and
    ends, its pipes with it; a process of its own then writes both databases, which
    the next run reads."""
    folder = Path(os.environ["XDG_CACHE_HOME"], "tipcli")
    shutil.rmtree(folder, ignore_errors=True)
    args = [str(TIP), "search", "victim services", "--json", "--data", str(large)]
    first = subprocess.run(
        args, capture_output=True, text=True, env=private_env(TIP_CACHE_WAIT=""), check=False
    )
    assert first.returncode == 0, first.stderr
    key = load.cache_key(str(large))
    assert key is not None
    made = [database.file_for(key, "data"), database.file_for(key, "search")]
    waited = 0.0
    while not all(path.exists() for path in made) and waited < 120:
        time.sleep(0.2)
        waited += 0.2
    assert all(path.exists() for path in made)
    written = [path.stat().st_mtime_ns for path in made]
    again = run_on(large, "search", "victim services", "--json")
    assert again.stdout == first.stdout
    assert [path.stat().st_mtime_ns for path in made] == written
    assert not list(folder.glob(".*.tmp"))


@pytest.mark.parametrize("which", ["bundled", "generated-300"])
def test_each_word_counts_the_documents_with_it_in_their_text_or_names(
    which: str, tmp_path: Path
) -> None:
    """What weighs a word in a search: counted when asked for in a first search, all at
    once for a cache, and the same either way as counting the documents one by one."""
    path = bundled_path() if which == "bundled" else generated(300, tmp_path)
    directory = load.directory_from_text(path.read_text(encoding="utf-8"), str(path))
    made = built(documents(Index.build(directory)), {})
    having: dict[str, int] = {}
    for stems, names in zip(made.stems, made.names, strict=True):
        for word in set(stems.split()) | set(names.split()):
            having[word] = having.get(word, 0) + 1
    asked = sorted(having)[::7]
    assert {word: made.df[word] for word in asked} == {word: having[word] for word in asked}
    assert made.whole()["df"] == having
    assert "zzqx" not in made.df and made.df.get("zzqx", 0) == 0
    assert len(made.df) == len(having)
