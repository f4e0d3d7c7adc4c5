"""The README's promises about the project itself."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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


def _sessions() -> list[tuple[str, str]]:
    """(command, expected output) for each `$ tip ...` example in the README that shows output."""
    lines = (REPO / "README.md").read_text(encoding="utf-8").splitlines()
    sessions = []
    for i, line in enumerate(lines):
        if not line.startswith("    $ tip"):
            continue
        expected = []
        for following in lines[i + 1 :]:
            if not following.startswith("    ") or following.startswith("    $ "):
                break
            expected.append(following[4:])
        command = line[6:].split("  # ")[0]
        if expected and "..." not in "".join(expected):
            sessions.append((command, "\n".join(expected) + "\n"))
    return sessions


SESSIONS = _sessions()


def _shown_files() -> dict[str, str]:
    """The files the README shows with `$ cat NAME`: each example runs in a folder that
    holds them, as the reader's would. A blank line inside a shown file is part of it."""
    lines = (REPO / "README.md").read_text(encoding="utf-8").splitlines()
    shown: dict[str, str] = {}
    for i, line in enumerate(lines):
        if not line.startswith("    $ cat "):
            continue
        body: list[str] = []
        for j in range(i + 1, len(lines)):
            following = lines[j]
            if following == "" and j + 1 < len(lines) and lines[j + 1].startswith("    "):
                if lines[j + 1].startswith("    $ "):
                    break
                body.append("")
                continue
            if not following.startswith("    ") or following.startswith("    $ "):
                break
            body.append(following[4:])
        shown[line[len("    $ cat ") :].strip()] = "\n".join(body) + "\n"
    return shown


SHOWN_FILES = _shown_files()


def test_the_readme_shows_the_added_file_it_uses() -> None:
    assert "format = 1" in SHOWN_FILES["springfield.toml"]


def test_readme_has_sessions() -> None:
    assert len(SESSIONS) >= 10


@pytest.mark.parametrize(("command", "expected"), SESSIONS, ids=[c for c, _ in SESSIONS])
def test_readme_session_output_is_real(command: str, expected: str, tmp_path: Path) -> None:
    """Each example in the README prints what the README says, through a real shell, in
    a folder of its own: an example that writes a file writes it there."""
    if "jq" in command and shutil.which("jq") is None:
        pytest.skip("jq is not installed")
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "COLUMNS": "80"}
    env.pop("TIP_DATA", None)
    for name, text in SHOWN_FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    # What a terminal shows: errors (stderr) and data (stdout) alike.
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=tmp_path,
        check=False,
    )  # fmt: skip
    assert done.stdout == expected
