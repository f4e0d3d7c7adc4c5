"""Cards kept ready for `tip agency -` on a large directory: every query gets the line
the card made for it gives, and the cache's trust model holds for their database."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import SMALL, TIP, app, forge, generated, private_env, tamper
from tipcli.data import load
from tipcli.data.files import bundled_path
from tipcli.data.text import normalize
from tipcli.query import cards, resolve
from tipcli.query.index import Index


def queries_for(path: Path) -> list[str]:
    """Every organisation by id, acronym, name and first alias (in the case a person
    types), and queries that name several, none, or a part of a name."""
    directory = load.load(str(path)).directory
    named = []
    for org in directory.organisations:
        named += [org.id.upper(), org.acronym, org.name.lower()]
        named += [alias.name for alias in org.aliases[:1]]
    made_up = ["zzqx", "department", "office 7", "homeland security", "", "   ", "-", "dhs"]
    return [*filter(None, named), *made_up]


def batch(runner: CliRunner, path: Path, queries: list[str], *extra: str) -> Any:
    given = "".join(f"{query}\n" for query in queries).encode()
    args = ["agency", "-", "--jsonl", "--data", str(path), *extra]
    return runner.invoke(app, args, input=given, catch_exceptions=False)


def kept_cards(path: Path) -> list[Path]:
    folder = Path(os.environ["XDG_CACHE_HOME"]) / "tipcli"
    return sorted(folder.glob(f"{path.name}-*.cards.db"))


class Counted:
    """Counts the cards made for a query, rather than read ready."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.made = 0
        made_by = cards.agency_card

        def counted(*args: Any) -> Any:
            self.made += 1
            return made_by(*args)

        monkeypatch.setattr(cards, "agency_card", counted)


@pytest.mark.usefixtures("every_file_large")
@pytest.mark.parametrize("which", ["bundled", "small", "generated-300"])
def test_every_query_gets_the_line_the_card_made_for_it_gives(
    which: str, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first batch makes each card and then keeps them all; the next reads those
    of queries that name one organisation exactly, and gives the same lines, byte for
    byte, as the first and as a run without any cache."""
    paths = {"bundled": bundled_path(), "small": SMALL}
    path = paths.get(which) or generated(300, tmp_path)
    queries = queries_for(path)
    first = batch(runner, path, queries)
    assert first.exit_code == 1 and len(first.stdout.splitlines()) == len(queries)
    assert len(kept_cards(path)) == 1
    counted = Counted(monkeypatch)
    again = batch(runner, path, queries)
    assert (again.stdout, again.stderr, again.exit_code) == (
        first.stdout,
        first.stderr,
        first.exit_code,
    )
    # Made afresh: the cards of queries that are not one organisation's exact id,
    # acronym, name or alias.
    by_term = resolve.organisations(Index.build(load.load(str(path)).directory)).by_term
    exact = [query for query in queries if len(by_term.get(normalize(query), [])) == 1]
    assert len(exact) > len(queries) // 2
    assert counted.made == len(queries) - len(exact)
    monkeypatch.setenv("TIP_NO_CACHE", "1")
    assert batch(runner, path, queries).stdout == first.stdout


@pytest.mark.usefixtures("every_file_large")
@pytest.mark.parametrize("charset", ["utf-8", "latin-1"])
def test_a_card_kept_ready_is_written_in_the_output_s_encoding(
    charset: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Kept in UTF-8, a card with a name beyond ASCII is written in whatever encoding
    the output has, as the card made for the query is."""
    queries = ["dos-j", "G/TIP", "state"]
    runner = CliRunner(charset=charset)
    batch(runner, bundled_path(), queries)
    kept = batch(runner, bundled_path(), queries)
    assert "María Otero" in kept.stdout
    monkeypatch.setenv("TIP_NO_CACHE", "1")
    assert kept.stdout_bytes == batch(runner, bundled_path(), queries).stdout_bytes


@pytest.mark.usefixtures("every_file_large")
def test_cards_as_of_a_year_are_made_for_each_query(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = generated(60, tmp_path)
    queries = ["O7", "org-12", "O30"]
    as_of = batch(runner, path, queries, "--as-of", "2007")
    assert not kept_cards(path)
    batch(runner, path, queries)
    assert kept_cards(path)
    counted = Counted(monkeypatch)
    assert batch(runner, path, queries, "--as-of", "2007").stdout == as_of.stdout
    assert counted.made == len(queries)


@pytest.mark.usefixtures("every_file_large")
def test_a_batch_stopped_before_its_last_line_keeps_no_cards(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C in the middle of a batch stops it: nothing is written behind it."""
    path = generated(60, tmp_path)
    made_by = cards.agency_card

    def stopped_at_the_second(lookups: Any, query: str, year: Any) -> Any:
        if query == "O2":
            raise KeyboardInterrupt
        return made_by(lookups, query, year)

    monkeypatch.setattr(cards, "agency_card", stopped_at_the_second)
    assert batch(runner, path, ["O1", "O2", "O3"]).exit_code == 130
    assert not kept_cards(path)
    monkeypatch.setattr(cards, "agency_card", made_by)
    assert batch(runner, path, ["O1", "zzqx"]).exit_code == 1
    assert kept_cards(path)


def test_a_directory_held_whole_keeps_no_cards(runner: CliRunner) -> None:
    assert batch(runner, SMALL, ["O7", "small-a"]).stdout
    assert not kept_cards(SMALL)


def _run(path: Path, queries: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(TIP), "agency", "-", "--jsonl", "--data", str(path)],
        input="".join(f"{query}\n" for query in queries),
        capture_output=True,
        text=True,
        env=private_env(**env),
        check=False,
    )


HONEST_QUERIES = ["O7", "org-12", "O1999", "office 7", "zzqx"]


@pytest.mark.parametrize(
    "change",
    [
        # A card's bytes changed without its checksum.
        "UPDATE card SET text = CAST(replace(CAST(text AS TEXT), 'Office', 'Bureau') AS BLOB)",
        # Its checksum alone changed.
        "UPDATE card SET crc = crc + 1",
        # Something that would run.
        "CREATE VIEW shown AS SELECT * FROM card",
        # Made for another file.
        "UPDATE meta SET value = X'4e' WHERE name = 'key'",
    ],
)
def test_cards_not_as_written_are_never_used(large: Path, change: str) -> None:
    honest = _run(large, HONEST_QUERIES)
    (kept,) = kept_cards(large)
    assert _run(large, HONEST_QUERIES).stdout == honest.stdout
    tamper(kept, change)
    again = _run(large, HONEST_QUERIES)
    assert (again.stdout, again.returncode) == (honest.stdout, honest.returncode)
    assert "Bureau" not in again.stdout


def test_a_card_with_a_control_character_is_never_shown(large: Path) -> None:
    """A card rewritten with a matching checksum to hold a terminal escape is refused,
    and the database with it dropped."""
    honest = _run(large, HONEST_QUERIES).stdout
    (kept,) = kept_cards(large)
    forge(kept, "card", "text", b"Office", b"\x1b[2J\x1b")
    again = _run(large, HONEST_QUERIES).stdout
    assert again == honest and "\x1b" not in again
    assert not kept_cards(large)


def test_the_first_batch_keeps_its_cards_after_it_ends(large: Path) -> None:
    """Without TIP_CACHE_WAIT the cards are written by a process of their own, after
    the answers: the run ends as soon as it has answered."""
    for kept in kept_cards(large):
        kept.unlink()
    answered = _run(large, ["O7"], TIP_CACHE_WAIT="0")
    assert answered.returncode == 0, answered.stderr
    deadline = time.monotonic() + 60
    while not kept_cards(large) and time.monotonic() < deadline:
        time.sleep(0.1)
    (kept,) = kept_cards(large)
    assert kept.stat().st_mode & 0o777 == 0o600
    assert _run(large, ["O7"]).stdout == answered.stdout
