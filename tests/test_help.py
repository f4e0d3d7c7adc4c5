"""Help as a user meets it: `tip help`, the list of commands in `tip --help`, and the
examples it gives."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from typer.core import TyperGroup
from typer.testing import CliRunner

from tests.conftest import invoke
from tests.test_imports import loaded
from tipcli.cli.app import full_app
from tipcli.cli.apps import EXAMPLES

app = full_app()
TIP = Path(sys.executable).with_name("tip")


def command_paths() -> list[tuple[str, ...]]:
    """Every command and group, as the words that name it, from Click's own tree."""
    found: list[tuple[str, ...]] = []

    def walk(command: object, prefix: tuple[str, ...]) -> None:
        for name, child in getattr(command, "commands", {}).items():
            found.append((*prefix, name))
            walk(child, (*prefix, name))

    walk(typer.main.get_command(app), ())
    return found


@pytest.mark.parametrize("path", [(), *command_paths()], ids=" ".join)
def test_help_is_the_same_as_dash_dash_help(runner: CliRunner, path: tuple[str, ...]) -> None:
    asked = invoke(runner, "help", *path)
    assert asked.exit_code == 0
    assert asked.stdout == invoke(runner, *path, "--help").stdout
    assert asked.stdout.startswith(f"Usage: {' '.join(('tip', *path))} ")


@pytest.mark.parametrize(
    ("words", "message"),
    [
        (["nosuch"], "tip: No such command 'nosuch'. (see 'tip --help')\n"),
        (["serch"], "tip: No such command 'serch'. Did you mean 'search'? (see 'tip --help')\n"),
        (
            ["data", "fmtt"],
            "tip: No such command 'fmtt'. Did you mean 'fmt'? (see 'tip data --help')\n",
        ),
        (
            ["search", "victims"],
            "tip: No such command 'victims': 'tip search' has no commands. "
            "(see 'tip search --help')\n",
        ),
    ],
)  # fmt: skip
def test_help_for_no_command_is_a_usage_error(
    runner: CliRunner, words: list[str], message: str
) -> None:
    result = runner.invoke(app, ["help", *words])
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


def test_help_in_a_real_run_declares_only_the_command_asked_about(tmp_path: Path) -> None:
    """`tip help search` is as quick as `tip search --help`: the other commands are
    neither imported nor built."""
    modules = loaded("help", "search", cache=tmp_path)
    assert "tipcli.cli.commands.find" in modules
    assert not modules & {"tipcli.cli.commands.history", "tipcli.cli.commands.data"}
    done = subprocess.run([str(TIP), "help", "search"], capture_output=True, text=True, check=False)
    assert done.stdout.startswith("Usage: tip search [OPTIONS] [TEXT...]\n")


def first_sentence(text: str) -> str:
    """The first sentence of a help text's first paragraph: to the first word that
    ends with a full stop, as Click reads it."""
    words = text.split("\n\n")[0].split()
    end = next((i for i, word in enumerate(words) if word.endswith(".")), len(words) - 1)
    return " ".join(words[: end + 1])


def listed(help_text: str) -> dict[str, str]:
    """The command list of a --help: each name and its text, joined where it wraps."""
    section = help_text.split("\nCommands:\n", 1)[1].split("\n\n", 1)[0]
    rows: dict[str, str] = {}
    name = ""
    for line in section.splitlines():
        match = re.match(r"  (\S+)\s+(.*)", line)
        if match:
            name = match.group(1)
            rows[name] = match.group(2)
        else:
            rows[name] += " " + line.strip()
    return rows


@pytest.mark.parametrize("path", [(), ("data",), ("cache",)], ids=["tip", "data", "cache"])
def test_each_command_is_listed_with_its_whole_summary(
    runner: CliRunner, path: tuple[str, ...]
) -> None:
    """A command's line is the short help it declares, else its help's first sentence,
    whole: never cut with "...", and on one line at 80 columns."""
    text = invoke(runner, *path, "--help").stdout
    group = typer.main.get_command(app)
    for word in path:
        assert isinstance(group, TyperGroup)
        group = group.commands[word]
    assert isinstance(group, TyperGroup)
    expected = {
        name: command.short_help or first_sentence(command.help or "")
        for name, command in group.commands.items()
    }
    assert listed(text) == expected
    rows = text.split("\nCommands:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert len(rows) == len(expected)  # one line each
    assert not [row for row in rows if row.endswith("...")]


def test_the_export_summary_is_whole() -> None:
    """The line Click used to cut: "Write the whole directory as JSON, ... TOML or..."."""
    text = subprocess.run(
        [str(TIP), "--help"], capture_output=True, text=True, env={**os.environ, "COLUMNS": "80"},
        check=True,
    ).stdout  # fmt: skip
    assert "  export      Write the whole directory as data or as a document.\n" in text
    assert max(len(line) for line in text.splitlines()) <= 80


def test_help_shows_examples_and_where_to_read_more(runner: CliRunner) -> None:
    text = invoke(runner, "--help").stdout
    examples = text.split("\n  Examples:\n\n", 1)[1]
    for command, what in EXAMPLES:
        assert re.search(rf"^    {re.escape(command)} +# {re.escape(what)}$", examples, re.M)
    assert "tip help COMMAND" in examples and "man tip" in examples
    assert "--install-completion" not in text


@pytest.mark.parametrize(("command", "what"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_every_example_in_the_help_runs(tmp_path: Path, command: str, what: str) -> None:
    """Each example, pasted into bash with the installed tip: it succeeds, and prints
    or writes something."""
    if "jq" in command and shutil.which("jq") is None:
        pytest.skip("jq is not installed")
    env = {**os.environ, "PATH": f"{TIP.parent}:{os.environ['PATH']}"}
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    written = [path.read_text(encoding="utf-8") for path in tmp_path.iterdir()]
    assert (done.stdout or "".join(written)).strip()


def test_help_completes_command_names() -> None:
    def complete(words: str) -> list[str]:
        env = {**os.environ, "_TIP_COMPLETE": "complete_bash", "COMP_WORDS": words}
        env["COMP_CWORD"] = str(len(words.split()) - (0 if words.endswith(" ") else 1))
        done = subprocess.run([str(TIP)], capture_output=True, text=True, env=env, check=True)
        return done.stdout.split()

    assert complete("tip help se") == ["search"]
    assert complete("tip help data ") == ["fmt", "new"]
    assert complete("tip help nosuch ") == []
