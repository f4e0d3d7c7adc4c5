"""A large directory's database: the same answers as the directory held whole, and the
cache's trust model for the database file."""

from __future__ import annotations

import json
import os
import sqlite3
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import SMALL, generated, invoke, run_on, tamper
from tipcli.data import load, store
from tipcli.data.files import bundled_path
from tipcli.errors import TipError
from tipcli.query.cards import agency_card
from tipcli.query.index import Index
from tipcli.query.lookups import Lookups, of_index, of_store
from tipcli.render import plain, records


def both_ways(path: Path) -> tuple[Lookups, Lookups]:
    """The lookups of a file from its database, and from the file read whole."""
    found = load.stored(str(path))
    assert isinstance(found, load.Stored)
    text = path.read_text(encoding="utf-8")
    whole = of_index(Index.build(load.directory_from_text(text, str(path))))
    return of_store(found.store), whole


def answer(lookups: Lookups, query: str, year: int | None) -> object:
    try:
        card = agency_card(lookups, query, year)
    except TipError as err:
        return ("error", type(err).__name__, err.message)
    return records.card(card), plain.text(card)


def queries(lookups: Lookups) -> list[str]:
    """Every organisation by id and acronym, and queries that name none or several."""
    orgs = lookups.around("").directory.organisations
    made_up = ["zzqx", "department", "homeland security", "office 7", "alias office 12", "dhs"]
    return [*(o.id for o in orgs), *(o.acronym for o in orgs if o.acronym), *made_up]


@pytest.mark.usefixtures("every_file_large")
@pytest.mark.parametrize("which", ["bundled", "small", "generated-60", "generated-400"])
def test_the_database_gives_every_card_the_directory_gives(which: str, tmp_path: Path) -> None:
    """Every organisation's card, now and as of 2007, and every error, are the same
    from the database as from the file read whole: JSON and plain text alike."""
    paths = {"bundled": bundled_path(), "small": SMALL}
    path = paths.get(which) or generated(int(which.split("-")[1]), tmp_path)
    stored, whole = both_ways(path)
    asked = queries(whole)
    assert len(asked) > len(whole.around("").directory.organisations)
    for query in asked:
        for year in (None, 2007):
            assert answer(stored, query, year) == answer(whole, query, year), (query, year)


@pytest.mark.usefixtures("every_file_large")
def test_a_card_reads_only_the_rows_around_its_organisation(tmp_path: Path) -> None:
    """The index behind one card holds the organisation's family and the bodies it
    sits on, not the directory: about as many rows (its department has some 50
    components at any size) for a directory five times larger."""
    sizes = []
    for size in (400, 2000):
        stored, whole = both_ways(generated(size, tmp_path))
        around = stored.around("org-7").directory
        assert len(whole.around("").directory.organisations) == size + size // 100
        sizes.append(len(around.organisations))
    assert max(sizes) < 100
    assert len(around.sources) == len(whole.around("").directory.sources)


@pytest.mark.usefixtures("every_file_large")
def test_commands_that_need_everything_read_the_whole_database(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = generated(60, tmp_path)
    asked = [["pitf", "--json"], ["list", "--json"], ["hotline", "--json"], ["agency", "O7"]]
    from_database = [invoke(runner, *a, "--data", str(path)).stdout for a in asked]
    assert list(Path(os.environ["XDG_CACHE_HOME"], "tipcli").glob("*.db"))
    monkeypatch.setenv("TIP_NO_CACHE", "1")
    assert [invoke(runner, *a, "--data", str(path)).stdout for a in asked] == from_database


def _database(path: Path) -> Path:
    key = load.cache_key(str(path))
    assert key is not None and "files" in key
    return store.file_for(key)


def test_the_installed_tool_keeps_a_large_directory_in_a_database(large: Path) -> None:
    first = run_on(large, "agency", "O7", "--json")
    assert first.returncode == 0, first.stderr
    database = _database(large)
    assert database.is_file() and database.stat().st_mode & 0o777 == 0o600
    assert not list(database.parent.glob("*.data.cache"))
    again = run_on(large, "agency", "O7", "--json")
    assert again.stdout == first.stdout
    assert json.loads(again.stdout)["id"] == "org-7"


@pytest.mark.parametrize(
    "change",
    [
        # A row's bytes changed without its checksum.
        "UPDATE entity SET row = CAST(replace(CAST(row AS TEXT), 'Office 7', 'Office 9') AS BLOB)"
        " WHERE id = 'org-7'",
        # A row's checksum alone changed.
        "UPDATE entity SET crc = crc + 1 WHERE id = 'org-7'",
        # Something that would run: a view, a trigger.
        "CREATE VIEW shown AS SELECT * FROM entity",
        "CREATE TRIGGER t AFTER INSERT ON meta BEGIN SELECT 1; END",
    ],
)
def test_a_database_not_as_written_is_never_used(large: Path, change: str) -> None:
    honest = run_on(large, "agency", "O7", "--json")
    database = _database(large)
    tamper(database, change)
    again = run_on(large, "agency", "O7", "--json")
    assert again.returncode == 0, again.stderr
    assert again.stdout == honest.stdout


def test_a_row_that_says_what_validation_refuses_is_never_shown(large: Path) -> None:
    """A row rewritten with a matching checksum to hold a control character (a
    terminal escape) is refused as the whole-file cache refuses it."""
    honest = run_on(large, "agency", "O7", "--json").stdout
    database = _database(large)
    connection = sqlite3.connect(database, isolation_level=None)
    (row,) = connection.execute("SELECT row FROM entity WHERE id = 'org-7'").fetchone()
    changed = row.replace(b"Office 7", b"Office \x1b")
    assert changed != row and len(changed) == len(row)
    connection.execute(
        "UPDATE entity SET row = ?, crc = ? WHERE id = 'org-7'", (changed, zlib.crc32(changed))
    )
    connection.close()
    again = run_on(large, "agency", "O7", "--json")
    assert again.stdout == honest and "\x1b" not in again.stdout


def test_a_database_of_a_file_since_changed_is_not_used(large: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.toml"
    copy.write_bytes(large.read_bytes())
    assert run_on(copy, "agency", "O7").returncode == 0
    copy.write_text(copy.read_text().replace('Office 7"', 'Bureau 7"', 1))
    assert "Bureau 7" in run_on(copy, "agency", "O7").stdout


def test_a_database_in_a_folder_others_can_write_is_never_used(large: Path) -> None:
    honest = run_on(large, "agency", "O7", "--json").stdout
    database = _database(large)
    tamper(database, "UPDATE meta SET value = X'00' WHERE name = 'rest'")
    database.parent.chmod(0o777)
    try:
        shared = run_on(large, "agency", "O7", "--json")
        assert shared.stdout == honest
    finally:
        database.parent.chmod(0o700)


def test_a_database_that_is_a_link_is_never_followed(large: Path, tmp_path: Path) -> None:
    honest = run_on(large, "agency", "O7", "--json").stdout
    database = _database(large)
    elsewhere = tmp_path / "elsewhere.db"
    database.rename(elsewhere)
    database.symlink_to(elsewhere)
    tamper(elsewhere, "UPDATE entity SET crc = 0")
    assert run_on(large, "agency", "O7", "--json").stdout == honest
