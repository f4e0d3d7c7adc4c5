"""Finding and reading a data file, and the one-line errors for files that can't be used."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import WriteToml, find, invoke
from tipcli.data import files


def _rename_first_source(raw: dict[str, Any], title: str) -> None:
    find(raw["sources"], id="tipr-2005")["title"] = title


def test_data_option_beats_environment_beats_bundled(
    runner: CliRunner, raw: dict[str, Any], write_toml: WriteToml, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--data after or before the command wins over TIP_DATA, which wins over the bundled file."""
    bundled = invoke(runner, "sources").stdout
    assert "United States Government Efforts" in bundled

    _rename_first_source(raw, "From the environment")
    env_file = write_toml(raw)
    monkeypatch.setenv("TIP_DATA", str(env_file))
    assert "From the environment" in invoke(runner, "sources").stdout

    _rename_first_source(raw, "From the option")
    option_file = env_file.with_name("option.toml")
    option_file.write_text(env_file.read_text().replace("From the environment", "From the option"))
    assert "From the option" in invoke(runner, "sources", "--data", str(option_file)).stdout
    assert "From the option" in invoke(runner, "--data", str(option_file), "sources").stdout


def test_bundled_path_is_the_repository_file_in_a_checkout() -> None:
    """An editable install or a checkout reads data/agencies.toml at the repository root."""
    assert files.bundled_path() == Path(__file__).resolve().parent.parent / "data" / "agencies.toml"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.toml", "data file not found: {path}"),
        (lambda d: d, "data file is a folder, not a file: {path}"),
        (
            lambda d: _write(d / "latin1.toml", "name = 'Caf\xe9'\n".encode("latin-1")),
            "data file is not UTF-8 text: {path} (byte 0xe9 at offset 11)",
        ),
        (
            lambda d: _write(d / "broken.toml", b"format = 1\nname = \n"),
            "{path}:2:8: malformed TOML: Invalid value",
        ),
        (
            lambda d: _write(d / "empty.toml", b""),
            "invalid data file: {path}:format: is required but missing (and 3 more; "
            "run: tip validate {path})",
        ),
    ],
    ids=["missing", "folder", "not-utf8", "malformed", "wrong-shape"],
)
def test_unusable_file_gets_one_line_and_exit_3(
    runner: CliRunner, tmp_path: Path, make: Any, message: str
) -> None:
    path = make(tmp_path)
    result = invoke(runner, "sources", "--data", str(path))
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr == "tip: " + message.format(path=path) + "\n"


def _write(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


def test_unreadable_file(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Permission errors get their own message (tests may run as root, so it is simulated)."""
    path = tmp_path / "secret.toml"
    path.write_text("format = 1\n")

    real_open = Path.open

    def refuse(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    result = invoke(runner, "sources", "--data", str(path))
    assert result.exit_code == 3
    assert result.stderr == f"tip: cannot read data file (permission denied): {path}\n"


def test_environment_variable_errors_name_the_file(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TIP_DATA", str(tmp_path / "gone.toml"))
    result = invoke(runner, "sources")
    assert result.exit_code == 3
    assert result.stderr == f"tip: data file not found: {tmp_path / 'gone.toml'}\n"


def test_control_characters_in_a_path_are_not_sent_raw(runner: CliRunner, tmp_path: Path) -> None:
    """A hostile file name cannot put escape sequences on the terminal via an error."""
    path = tmp_path / "evil\x1b]0;pwned\x07.toml"
    result = invoke(runner, "sources", "--data", str(path))
    assert result.exit_code == 3
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "evil\\x1b]0;pwned\\x07.toml" in result.stderr
