"""Shared fixtures: the bundled data as parsed TOML, and ways to run the CLI."""

from __future__ import annotations

import copy
import os
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from typer.testing import CliRunner

from tipcli.cli.app import full_app
from tipcli.data.files import bundled_path

app = full_app()

REPO = Path(__file__).resolve().parent.parent
SEEDS = Path(os.environ.get("TIP_SEEDS", REPO.parent / "shared" / "seeds"))


@pytest.fixture(autouse=True)
def _plain_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Each test starts with no data override and no colour, as a script would, and a
    cache directory of its own rather than the user's."""
    monkeypatch.delenv("TIP_DATA", raising=False)
    monkeypatch.delenv("TIP_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setenv("COLUMNS", "100")


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
