"""The benchmark's synthetic directories are valid, so that timings measure real work."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import tomli_w
from typer.testing import CliRunner

from tests.conftest import REPO, invoke


def _generator() -> object:
    spec = importlib.util.spec_from_file_location("generate", REPO / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("size", [50, 500])
def test_generated_directory_validates(runner: CliRunner, tmp_path: Path, size: int) -> None:
    generate = _generator()
    path = tmp_path / f"synthetic-{size}.toml"
    path.write_text(tomli_w.dumps(generate.directory(size)), encoding="utf-8")  # type: ignore[attr-defined]
    result = invoke(runner, "validate", str(path))
    assert result.exit_code == 0, result.stdout
    assert f"{size + max(1, size // 100)} organisations" in result.stdout
    found = invoke(runner, "search", "victim services", "--data", str(path), "-n", "3")
    assert found.exit_code == 0 and found.stdout.count("\n") == 3
