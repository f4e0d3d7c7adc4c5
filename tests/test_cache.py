"""The parsed-data cache: used when current, rebuilt when stale or damaged, never required."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import REPO, SMALL, invoke
from tipcli.data import cache, load, parse

TIP = Path(sys.executable).with_name("tip")


def _data_copy(tmp_path: Path) -> Path:
    """A copy of the small test directory, free to edit."""
    path = tmp_path / "directory.toml"
    path.write_text(SMALL.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def _cache_files() -> list[Path]:
    return sorted(cache.directory().glob(f"*{cache.SUFFIX}"))


def test_first_run_writes_and_second_run_reads(tmp_path: Path) -> None:
    path = _data_copy(tmp_path)
    first = load.load(str(path))
    (written,) = _cache_files()
    assert written.name.startswith("directory.toml-") and written.name.endswith(".data.cache")
    key = load.cache_key(str(path))
    assert key is not None and key["path"] == str(path.resolve())
    assert key["tool"] and key["crc32"]
    assert cache.read(key) is not None
    assert load.load(str(path)) == first


def test_a_cache_of_another_file_or_version_is_not_used(tmp_path: Path) -> None:
    path = _data_copy(tmp_path)
    load.load(str(path))
    key = load.cache_key(str(path))
    assert key is not None
    assert cache.read({**key, "tool": "0.0.0"}) is None
    assert cache.read({**key, "crc32": 0}) is None


def test_a_hit_skips_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _data_copy(tmp_path)
    load.load(str(path))

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed although the cache was current")

    monkeypatch.setattr(parse, "checked", no_parsing)
    assert load.load(str(path)).directory.organisations


def test_edited_file_is_read_afresh(runner: CliRunner, tmp_path: Path) -> None:
    """A stale cache is never used: the edit shows at once."""
    path = _data_copy(tmp_path)
    assert "Department of Alpha" in invoke(runner, "agency", "DOA", "--data", str(path)).stdout
    text = path.read_text().replace('name = "Department of Alpha"', 'name = "Alpha Department"')
    path.write_text(text)
    assert "Alpha Department" in invoke(runner, "agency", "DOA", "--data", str(path)).stdout


def test_same_size_same_mtime_different_content(tmp_path: Path) -> None:
    """The checksum catches an edit that keeps the size and the timestamp."""
    path = _data_copy(tmp_path)
    load.load(str(path))
    stat = path.stat()
    text = path.read_text().replace('acronym = "DOA"', 'acronym = "DOX"')
    path.write_text(text)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert any(o.acronym == "DOX" for o in load.load(str(path)).directory.organisations)


def _flip_one_byte(blob: bytes) -> bytes:
    middle = len(blob) // 2
    return blob[:middle] + bytes([blob[middle] ^ 0xFF]) + blob[middle + 1 :]


@pytest.mark.parametrize(
    "damage",
    [
        lambda blob: b"not a cache file at all",
        lambda blob: b"",
        _flip_one_byte,
        lambda blob: blob[: len(blob) // 2],
        lambda blob: blob.replace(cache.MARKER, b"tipcli cache 1\n", 1),
        lambda blob: blob[: len(cache.MARKER) + 4] + b"\x00" * (len(blob) - len(cache.MARKER) - 4),
    ],
    ids=["garbage", "empty", "one-byte-changed", "truncated", "older-format", "zeroed-body"],
)
def test_damaged_cache_is_ignored_and_rewritten(tmp_path: Path, damage: object) -> None:
    path = _data_copy(tmp_path)
    expected = load.load(str(path))
    (written,) = _cache_files()
    good = written.read_bytes()
    written.write_bytes(damage(good))  # type: ignore[operator]
    assert load.load(str(path)) == expected
    assert written.read_bytes() == good  # rewritten whole
    assert load.load(str(path)) == expected


@pytest.mark.parametrize(
    "value",
    [
        [1, 2, 3],
        ("fingerprint of another model", ()),
        "rows",
    ],
    ids=["a-list", "another-model", "a-string"],
)
def test_whole_cache_file_of_the_wrong_shape_is_ignored(tmp_path: Path, value: object) -> None:
    """A file with a good checksum and key but a value this version cannot use."""
    path = _data_copy(tmp_path)
    expected = load.load(str(path))
    key = load.cache_key(str(path))
    assert key is not None
    cache.write(key, value)
    assert load.load(str(path)) == expected


def test_cached_rows_of_the_wrong_length_are_ignored(tmp_path: Path) -> None:
    path = _data_copy(tmp_path)
    expected = load.load(str(path))
    key = load.cache_key(str(path))
    assert key is not None
    stored = cache.read(key)
    assert isinstance(stored, tuple)
    fingerprint, rows = stored
    cache.write(key, (fingerprint, rows[:-1]))
    assert load.load(str(path)) == expected


def test_damaged_search_index_is_rebuilt(runner: CliRunner, tmp_path: Path) -> None:
    path = _data_copy(tmp_path)
    first = invoke(runner, "search", "B visa", "--data", str(path), "--json").stdout
    (written,) = cache.directory().glob(f"*.search{cache.SUFFIX}")
    written.write_bytes(_flip_one_byte(written.read_bytes()))
    assert invoke(runner, "search", "B visa", "--data", str(path), "--json").stdout == first
    key = load.cache_key(str(path))
    assert key is not None
    cache.write(key, {"count": "not a number"}, "search")
    assert invoke(runner, "search", "B visa", "--data", str(path), "--json").stdout == first


def test_unwritable_cache_directory_is_no_error(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    result = invoke(runner, "agency", "ICE", "--plain")
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.startswith("id\tdhs-ice\n")


def test_tip_no_cache_neither_reads_nor_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TIP_NO_CACHE", "1")
    load.load(str(_data_copy(tmp_path)))
    assert _cache_files() == []


def test_invalid_files_are_not_cached(runner: CliRunner, tmp_path: Path) -> None:
    path = _data_copy(tmp_path)
    path.write_text(path.read_text().replace('kind = "department"', 'kind = "ministry"', 1))
    for _ in range(2):
        assert invoke(runner, "sources", "--data", str(path)).exit_code == 3
    assert _cache_files() == []


def test_cache_clear_and_path(runner: CliRunner, tmp_path: Path) -> None:
    load.load(str(_data_copy(tmp_path)))
    load.load()
    assert len(_cache_files()) == 2
    assert invoke(runner, "cache", "path").stdout == f"{cache.directory()}\n"
    result = invoke(runner, "cache", "clear")
    assert result.stderr == f"removed 2 cached files from {cache.directory()}\n"
    assert _cache_files() == []


def test_concurrent_first_runs_all_succeed(tmp_path: Path) -> None:
    """Eight processes race to build the same cache; each run and the cache are whole.
    (The bundled directory, larger than the small one, keeps them racing longer.)"""
    path = tmp_path / "directory.toml"
    path.write_bytes((REPO / "data" / "agencies.toml").read_bytes())
    env = {**os.environ}
    runs = [
        subprocess.Popen(
            [str(TIP), "agency", "DHS", "--json", "--data", str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        for _ in range(8)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert all(run.returncode == 0 for run in runs)
    assert {out for out, _ in outputs} == {outputs[0][0]} and json.loads(outputs[0][0])[
        "id"
    ] == "dhs"
    assert all(err == b"" for _, err in outputs)
    (written,) = _cache_files()
    assert load.load(str(path)).directory.organisations
    assert [p.name for p in cache.directory().iterdir() if p.name.endswith(".tmp")] == []
    assert written.exists()
