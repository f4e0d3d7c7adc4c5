"""Options that behave alike across commands: case, suggestions, exit codes, completion,
and what a terminal shows of the sources and the matrix."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import invoke
from tipcli.cli.app import full_app

app = full_app()
TIP = Path(sys.executable).with_name("tip")


def test_kind_takes_any_case_like_topic(runner: CliRunner) -> None:
    assert invoke(runner, "list", "--kind", "Department").stdout == (
        invoke(runner, "list", "--kind", "department").stdout
    )
    assert invoke(runner, "list", "--kind", "Interagency Body").exit_code == 0


@pytest.mark.parametrize(
    ("args", "suggestion"),
    [
        (["list", "--kind", "departmnt"], "did you mean department?"),
        (["search", "victims", "--topic", "legal asistance"], "did you mean legal assistance?"),
    ],
)
def test_kind_and_topic_suggest_the_nearest_value(
    runner: CliRunner, args: list[str], suggestion: str
) -> None:
    result = runner.invoke(app, args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert suggestion in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["search", "victims", "--agency", "Department of Nothing"],
        ["search", "victims", "--topic", "nothing"],
        ["search", "victims", "--body", "DHS"],
        ["list", "--parent", "Department of Nothing"],
        ["list", "--body", "nothing"],
    ],
)
def test_an_unknown_filter_value_is_a_usage_error(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("tip: ") and result.stderr.count("\n") == 1


def _complete(*words: str) -> list[str]:
    env = {
        **os.environ,
        "_TIP_COMPLETE": "complete_bash",
        "COMP_WORDS": " ".join(["tip", *words]),
        "COMP_CWORD": str(len(words)),
    }
    done = subprocess.run([str(TIP)], env=env, capture_output=True, text=True, check=True)
    return done.stdout.split()


@pytest.mark.parametrize(
    ("words", "offered"),
    [
        (["body", "SP"], "SPOG"),
        (["hotline", "nh"], "nhth"),
        (["program", "t-v"], "t-visa"),
        (["law", "TV"], "TVPA"),
        (["list", "--kind", "depa"], "department"),
        (["search", "x", "--body", "HS"], "HSTC"),
    ],
)
def test_completion_for_every_lookup(words: list[str], offered: str) -> None:
    assert offered in _complete(*words)


def test_sources_on_a_terminal_say_how_each_date_is_known() -> None:
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "100"}
    env.pop("NO_COLOR", None)
    done = subprocess.run(
        ["script", "-qec", f"{TIP} sources", "/dev/null"],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    assert "How each date is known" in done.stdout
    assert "January 2012" in done.stdout and "November 2019" in done.stdout


def test_matrix_by_topic_names_topics_in_full() -> None:
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "80"}
    done = subprocess.run(
        ["script", "-qec", f"{TIP} matrix --by topic", "/dev/null"],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    assert "victim services" in done.stdout and "topics (responsibilities)" in done.stdout


def test_an_organisation_without_an_acronym_is_shown_by_its_name(runner: CliRunner) -> None:
    """Its card on a terminal opens with its name, not its id."""
    from tests.test_render import on_terminal
    from tipcli.data.load import load
    from tipcli.query.cards import agency_card
    from tipcli.query.index import Index
    from tipcli.query.lookups import of_index

    index = Index.build(load().directory)
    no_acronym = next(o for o in index.directory.organisations if not o.acronym)
    first = on_terminal(agency_card(of_index(index), no_acronym.id, None)).splitlines()[0]
    assert first == no_acronym.name
