"""The README's promises about the project itself."""

from __future__ import annotations

from tests.conftest import REPO


def _readme_commands() -> list[str]:
    lines = (REPO / "README.md").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines[:12] if line.startswith("    ")]


def test_readme_opens_with_install_and_run_then_install_and_test() -> None:
    run, test = _readme_commands()
    assert "pip install ." in run and "tip " in run
    assert "pip install -e '.[test]'" in test and "pytest" in test


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    _, test = _readme_commands()
    assert test in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
