"""The command line as a user meets it, in-process through CliRunner."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tests.conftest import invoke
from tipcli import __version__
from tipcli.cli.app import COMMAND_MODULES, full_app

app = full_app()


def test_version_says_how_recent_the_data_is(runner: CliRunner) -> None:
    result = invoke(runner, "--version")
    assert (result.exit_code, result.stdout) == (
        0,
        f"tip {__version__}\n"
        "data: the bundled directory, as of 2019-11 (inferred): pitf-2019 is its newest document\n",
    )


def test_version_with_a_data_file_that_cannot_be_read(runner: CliRunner) -> None:
    result = runner.invoke(full_app(), ["--version"], env={"TIP_DATA": "no-such.toml"})
    assert (result.exit_code, result.stdout) == (3, f"tip {__version__}\n")
    assert result.stderr == "tip: data file not found: no-such.toml\n"


def test_sources_plain_when_piped(runner: CliRunner) -> None:
    """CliRunner's stdout is not a terminal: one tab-separated record a line, oldest first."""
    result = invoke(runner, "sources")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split("\t")[:2] for line in lines] == [
        ["tipr-2005", "2005-06-03"],
        ["factsheet-2007", "2007-12-20"],
        ["about-2012", "2012-01 (inferred)"],
        ["federal-2015", "2015 (inferred)"],
        ["pitf-2019", "2019-11 (inferred)"],
    ]
    assert lines[1].split("\t")[3] == (
        "Overview of U.S. Government Agencies' Principal Roles to Combat "
        "Trafficking in Persons (TIP)"
    )


def test_sources_json(runner: CliRunner) -> None:
    result = invoke(runner, "sources", "--json")
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert records[2] == {
        "id": "about-2012",
        "former_ids": ["about-2010"],
        "title": "About Us: Office to Monitor and Combat Trafficking in Persons",
        "publisher": "U.S. Department of State, "
        "Office to Monitor and Combat Trafficking in Persons",
        "kind": "web page",
        "date": "2012-01",
        "date_inferred": True,
        "date_basis": "Undated. It cites the 2010 TIP Report, and it gives the title Under "
        "Secretary for Civilian Security, Democracy, and Human Rights, which replaced the Under "
        "Secretary for Democracy and Global Affairs in January 2012; so it is from January 2012 "
        "or later.",
        "file": "003_6b0c926ad3dc6571.txt",
        "url": "",
        "added_from": "",
    }
    # Compact when piped: one line.
    assert result.stdout.count("\n") == 1


def test_help_lists_exit_codes_and_commands(runner: CliRunner) -> None:
    result = invoke(runner, "--help")
    assert result.exit_code == 0
    for text in ("sources", "validate", "data", "Exit codes", "  3    the data file is missing"):
        assert text in result.stdout


@pytest.mark.parametrize("command", [["sources"], ["validate"], ["data", "fmt"]])
def test_every_command_has_a_summary_and_an_example(runner: CliRunner, command: list[str]) -> None:
    result = invoke(runner, *command, "--help")
    assert result.exit_code == 0
    assert "Example: tip " in result.stdout


def test_unknown_option_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["sources", "--jsn"])
    assert result.exit_code == 2
    assert "No such option" in result.stderr
    assert result.stdout == ""


def test_no_arguments_shows_help(runner: CliRunner) -> None:
    result = runner.invoke(app, [])
    assert "Usage" in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("argv", "commands"),
    [
        (["agency", "DHS"], ["agency"]),
        (["--data", "x.toml", "agency", "ICE"], ["agency"]),
        (["--data=x.toml", "--no-color", "list"], ["list"]),
        (["data", "fmt", "--check"], ["data"]),
        (["--version"], None),
        (["--help"], None),
        ([], None),
        (["agnecy", "DHS"], None),
    ],
)
def test_a_run_builds_only_the_command_it_names(
    argv: list[str], commands: list[str] | None
) -> None:
    """Typer builds every registered command at start-up; a run needs only its own."""
    from tipcli.cli.app import app_for

    chosen = app_for(argv)
    if commands is None:
        assert chosen is app
        return
    names = [
        info.name or info.callback.__name__.replace("_", "-")  # type: ignore[union-attr]
        for info in chosen.registered_commands
    ] + [info.name for info in chosen.registered_groups]
    assert names == commands
    assert len(app.registered_commands) == 19  # the full app is untouched


def test_help_lists_commands_in_the_documented_order_whatever_was_declared_first(
    runner: CliRunner,
) -> None:
    """A run declares only its command's module, so declaration order can vary."""
    app.registered_commands.reverse()
    listed = [
        line.split()[0]
        for line in runner.invoke(full_app(), ["--help"]).stdout.splitlines()
        if line.startswith("  ") and line.split() and line.split()[0] in COMMAND_MODULES
    ]
    assert listed == list(COMMAND_MODULES)
