"""The cache's trust model: a private folder, files of the user's own, bounded sizes,
and rows that could never show what validation refuses; old files evicted."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import SMALL, invoke
from tipcli.data import build, cache, load

TIP = Path(sys.executable).with_name("tip")
as_root = pytest.mark.skipif(os.geteuid() != 0, reason="changing a file's owner needs root")


def _copy(tmp_path: Path) -> Path:
    path = tmp_path / "directory.toml"
    path.write_bytes(SMALL.read_bytes())
    return path


def _plant(source_key: dict[str, object], value: object, kind: str = "data") -> Path:
    """A cache file made by hand, whole and current: marker, checksum, key and value."""
    entry: Any = (source_key, value)
    payload = marshal.dumps(entry)
    target = cache.file_for(source_key, kind)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(cache.MARKER + zlib.crc32(payload).to_bytes(4, "big") + payload)
    return target


def _tampered_rows(path: Path, text: str) -> object:
    """The rows of the file's directory with the first hotline's newest number changed."""
    directory = load.load(str(path)).directory
    hotline = directory.hotlines[0]
    numbers = tuple(n._replace(number=text) for n in hotline.numbers)
    changed = directory._replace(hotlines=(hotline._replace(numbers=numbers),))
    return build.to_rows(changed)


@as_root
def test_a_cache_file_another_user_owns_is_never_read(runner: CliRunner, tmp_path: Path) -> None:
    path = _copy(tmp_path)
    honest = invoke(runner, "hotline", "--data", str(path)).stdout
    key = load.cache_key(str(path))
    assert key is not None
    planted = _plant(key, _tampered_rows(path, "1-900-555-0199"))
    os.chown(planted, 4242, 4242)  # a throwaway user: no account needs to exist
    assert invoke(runner, "hotline", "--data", str(path)).stdout == honest


def test_rows_with_a_control_character_are_never_shown(runner: CliRunner, tmp_path: Path) -> None:
    """Even a file of the user's own: a cache never shows what validation refuses."""
    path = _copy(tmp_path)
    honest = invoke(runner, "hotline", "--data", str(path)).stdout
    key = load.cache_key(str(path))
    assert key is not None
    _plant(key, _tampered_rows(path, "\x1b]52;c;cGF5bG9hZA==\x07 1-866-555-8477"))
    assert invoke(runner, "hotline", "--data", str(path)).stdout == honest


def test_a_search_index_with_a_control_character_is_rebuilt(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = _copy(tmp_path)
    honest = invoke(runner, "search", "victims", "--data", str(path)).stdout
    key = load.cache_key(str(path))
    assert key is not None
    store = cache.read(key, "search")
    assert isinstance(store, dict)
    kind, entity, title, text, sources = store["docs"][0]
    store["docs"][0] = (kind, entity, "\x1b]0;owned\x07" + title, text, sources)
    _plant(key, store, "search")
    assert invoke(runner, "search", "victims", "--data", str(path)).stdout == honest


@pytest.mark.parametrize("mode", [0o777, 0o775])
def test_a_folder_others_can_write_is_no_cache(tmp_path: Path, mode: int) -> None:
    folder = cache.directory()
    folder.mkdir(parents=True)
    folder.chmod(mode)
    path = _copy(tmp_path)
    load.load(str(path))
    assert list(folder.iterdir()) == []  # nothing written
    key = load.cache_key(str(path))
    assert key is not None
    folder.chmod(0o700)
    _plant(key, _tampered_rows(path, "1-900-555-0199"))
    folder.chmod(mode)
    assert load.load(str(path)).directory.hotlines[0].numbers[0].number != "1-900-555-0199"


def test_the_folder_is_made_private(tmp_path: Path) -> None:
    load.load(str(_copy(tmp_path)))
    assert cache.directory().stat().st_mode & 0o777 == 0o700


def test_clearing_a_folder_that_is_a_link_deletes_nothing(
    runner: CliRunner, tmp_path: Path
) -> None:
    victim = tmp_path / "project"
    victim.mkdir()
    (victim / "mine.json").write_text("{}")
    (victim / "mine.cache").write_text("x")
    folder = cache.directory()
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.symlink_to(victim)
    assert "removed 0 cached files" in invoke(runner, "cache", "clear").stderr
    assert sorted(p.name for p in victim.iterdir()) == ["mine.cache", "mine.json"]


def test_old_cache_files_are_evicted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "MAX_FILES", 3)
    for number in range(6):
        path = tmp_path / f"directory-{number}.toml"
        path.write_bytes(SMALL.read_bytes())
        load.load(str(path))
    assert len(list(cache.directory().glob(f"*{cache.SUFFIX}"))) == 3


def test_a_relative_cache_home_is_ignored(tmp_path: Path) -> None:
    """The XDG base directory specification says to ignore a relative path."""
    env = {**os.environ, "XDG_CACHE_HOME": "relative-cache", "HOME": str(tmp_path / "home")}
    work = tmp_path / "work"
    work.mkdir()
    subprocess.run([str(TIP), "agency", "DHS"], cwd=work, env=env, capture_output=True, check=True)
    assert list(work.iterdir()) == []
    assert (tmp_path / "home" / ".cache" / "tipcli").is_dir()
