"""Shared fixtures: the bundled data as parsed TOML, and ways to run the CLI."""

from __future__ import annotations

import copy
import importlib.util
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import tomllib
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from typer.testing import CliRunner

from tipcli.cli.app import full_app
from tipcli.data import cache
from tipcli.data.files import bundled_path

app = full_app()

REPO = Path(__file__).resolve().parent.parent
# A small made-up directory, for tests of commands and formats whose point is not what
# the bundled record says, so that editing the record does not break them.
SMALL = REPO / "tests" / "fixtures" / "small.toml"
# The installed command, beside the interpreter that runs the tests.
TIP = Path(sys.executable).with_name("tip")
SEEDS = Path(os.environ.get("TIP_SEEDS", REPO.parent / "shared" / "seeds"))


# The real user's folders, as they were before any test ran; no test may write there.
_USER_FOLDERS = (
    Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tipcli",
    Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "tip",
)
_STARTED = time.time()
_PRIVATE = pytest.StashKey[Path]()


def pytest_configure(config: pytest.Config) -> None:
    """Private folders from the start, before any test module is imported: modules that
    load the directory when imported use them too. Each test then gets its own."""
    base = Path(tempfile.mkdtemp(prefix="tip-tests-"))
    config.stash[_PRIVATE] = base
    os.environ["XDG_CACHE_HOME"] = str(base / "cache")
    os.environ["XDG_DATA_HOME"] = str(base / "data")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """After the whole run, nothing in the user's cache or data folder is newer than the
    run's start, or the run fails: every test and every subprocess used private folders."""
    written = [
        str(path)
        for folder in _USER_FOLDERS
        if folder.is_dir()
        for path in folder.rglob("*")
        if path.stat().st_mtime >= _STARTED
    ]
    if written:
        sys.stderr.write(f"\ntests wrote into the user's own folders: {written}\n")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(config.stash[_PRIVATE], ignore_errors=True)


@pytest.fixture(autouse=True)
def _plain_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Each test starts with no data override and no colour, as a script would, and cache
    and data folders of its own rather than the user's; subprocesses inherit them."""
    monkeypatch.delenv("TIP_DATA", raising=False)
    monkeypatch.delenv("TIP_NO_CACHE", raising=False)
    monkeypatch.delenv("TIP_NO_ADD", raising=False)
    # A run's cache is all there when it ends (a test of writing it after says so).
    monkeypatch.setenv("TIP_CACHE_WAIT", "1")
    # What an earlier run in this process said of added files (--add, --no-add).
    from tipcli.data import added

    added.select((), False)
    # What an earlier run in this process found of a file checked beside it.
    from tipcli.data import verdict

    monkeypatch.setattr(verdict, "_PENDING", [])
    monkeypatch.setattr(verdict, "_FAILED", [])
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("data")))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setenv("COLUMNS", "100")


def private_env(**values: str) -> dict[str, str]:
    """A minimal environment for a subprocess that still keeps the test's private cache
    and data folders (a subprocess given no environment of its own inherits them)."""
    return {
        "XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"],
        "XDG_DATA_HOME": os.environ["XDG_DATA_HOME"],
        "TIP_CACHE_WAIT": "1",
        **values,
    }


@pytest.fixture
def small_directory(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Commands read tests/fixtures/small.toml instead of the bundled directory."""
    monkeypatch.setenv("TIP_DATA", str(SMALL))
    return SMALL


_BUNDLED: dict[str, Any] = tomllib.loads(bundled_path().read_text(encoding="utf-8"))


@pytest.fixture
def raw() -> dict[str, Any]:
    """A fresh deep copy of the bundled directory as parsed TOML, free to mutate."""
    return copy.deepcopy(_BUNDLED)


WriteToml = Callable[[dict[str, Any]], Path]


@pytest.fixture
def write_toml(tmp_path: Path) -> WriteToml:
    def write(data: dict[str, Any]) -> Path:
        path = tmp_path / "directory.toml"
        path.write_text(tomli_w.dumps(data), encoding="utf-8")
        return path

    return write


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str) -> Any:
    """Run `tip ARGS` in-process; stdout and stderr are kept apart."""
    return runner.invoke(app, list(args), catch_exceptions=False)


def find(items: list[dict[str, Any]], **match: str) -> dict[str, Any]:
    for item in items:
        if all(item.get(key) == value for key, value in match.items()):
            return item
    raise LookupError(match)


def generated(size: int, folder: Path) -> Path:
    """A directory of `size` organisations from the benchmark's own generator."""
    spec = importlib.util.spec_from_file_location("generate", REPO / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module: Any = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    path = folder / f"generated-{size}.toml"
    path.write_text(tomli_w.dumps(module.directory(size)), encoding="utf-8")
    return path


@pytest.fixture
def every_file_large(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any data file counts as large, so that small ones test the database path."""
    monkeypatch.setattr(cache, "LARGE_BYTES", 0)


def run_on(path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The installed `tip ARGS --data PATH`, in its private folders."""
    return subprocess.run(
        [str(TIP), *args, "--data", str(path)],
        capture_output=True,
        text=True,
        env=private_env(),
        check=False,
    )


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated directory above the size cached in a database (about 2.4 MB)."""
    path = generated(2000, tmp_path_factory.mktemp("large"))
    assert cache.is_large(path.stat().st_size)
    return path


def tamper(database: Path, sql: str) -> None:
    """Change a cache database behind `tip`'s back."""
    connection = sqlite3.connect(database, isolation_level=None)
    connection.execute(sql)
    connection.close()


def forge(database: Path, table: str, column: str, old: bytes, new: bytes) -> None:
    """Change every row of a cache database's table behind `tip`'s back, each with a
    checksum that matches: what only the checks of what a row says can find."""
    connection = sqlite3.connect(database, isolation_level=None)
    for rowid, blob in connection.execute(f"SELECT rowid, {column} FROM {table}").fetchall():
        changed = blob.replace(old, new)
        connection.execute(
            f"UPDATE {table} SET {column} = ?, crc = ? WHERE rowid = ?",
            (changed, zlib.crc32(changed), rowid),
        )
    connection.close()
