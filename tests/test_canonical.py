"""The canonical TOML form: the bundled file is in it, it round-trips, and fmt writes safely."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import REPO, WriteToml, find, invoke
from tipcli.data import canonical, files, load, userfile
from tipcli.errors import WriteError


def test_bundled_file_is_byte_for_byte_canonical() -> None:
    text = files.bundled_path().read_text(encoding="utf-8")
    assert canonical.dumps(load.directory_from_text(text, "bundled")) == text


def test_model_round_trips_through_the_writer() -> None:
    directory = load.load().directory
    again = load.directory_from_text(canonical.dumps(directory), "again")
    assert again == directory


def test_fmt_check_passes_on_bundled(runner: CliRunner) -> None:
    result = invoke(runner, "data", "fmt", "--check", str(REPO / "data" / "agencies.toml"))
    assert result.exit_code == 0
    assert result.stderr.endswith("is in canonical form\n")


def test_fmt_check_fails_on_reordered_keys_and_leaves_file(
    runner: CliRunner, raw: dict[str, Any], write_toml: WriteToml
) -> None:
    """Same data, keys in another order: not canonical; --check exits 1 and writes nothing."""
    dhs = find(raw["organisations"], id="dhs")
    raw["organisations"][raw["organisations"].index(dhs)] = dict(reversed(list(dhs.items())))
    path = write_toml(raw)
    before = path.read_bytes()
    result = invoke(runner, "data", "fmt", "--check", str(path))
    assert result.exit_code == 1
    assert result.stderr == (f"tip: {path} is not in canonical form; run: tip data fmt {path}\n")
    assert path.read_bytes() == before


def test_a_byte_order_mark_is_not_canonical(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "marked.toml"
    path.write_bytes(b"\xef\xbb\xbf" + files.bundled_path().read_bytes())
    assert invoke(runner, "data", "fmt", "--check", str(path)).exit_code == 1
    assert invoke(runner, "data", "fmt", str(path)).exit_code == 0
    assert path.read_bytes() == files.bundled_path().read_bytes()


def test_fmt_rewrites_into_canonical_form_keeping_permissions(
    runner: CliRunner, raw: dict[str, Any], write_toml: WriteToml
) -> None:
    dhs = find(raw["organisations"], id="dhs")
    raw["organisations"][raw["organisations"].index(dhs)] = dict(reversed(list(dhs.items())))
    path = write_toml(raw)
    path.chmod(0o640)
    result = invoke(runner, "data", "fmt", str(path))
    assert result.exit_code == 0
    assert result.stderr == f"reformatted {path}\n"
    assert path.read_text() == files.bundled_path().read_text()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_fmt_refuses_an_invalid_file_and_leaves_it_untouched(
    runner: CliRunner, raw: dict[str, Any], write_toml: WriteToml
) -> None:
    find(raw["organisations"], id="dhs")["kind"] = "ministry"
    path = write_toml(raw)
    before = path.read_bytes()
    result = invoke(runner, "data", "fmt", str(path))
    assert result.exit_code == 3
    assert "organisations[dhs].kind" in result.stderr
    assert path.read_bytes() == before


def test_failed_write_leaves_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the final rename fails, the original stays as it was and the temp file is removed."""
    path = tmp_path / "data.toml"
    path.write_text("old\n")

    def fail(self: Path, target: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", fail)
    with pytest.raises(WriteError, match="No space left on device"):
        userfile.write(str(path), b"new\n", force=False, streams=False)
    assert path.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["data.toml"]


def test_unwritable_folder_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", refuse)
    with pytest.raises(WriteError) as caught:
        userfile.write(str(tmp_path / "x.toml"), b"x", force=False, streams=False)
    assert caught.value.message == f"cannot write to {tmp_path}: Permission denied"
    assert caught.value.exit_code == 4
