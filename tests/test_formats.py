"""Every listing command takes the same formats and --fields from one definition.

These read the small test directory: their point is the formats, not the record."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from tests.conftest import invoke
from tipcli.cli.app import full_app

app = full_app()
pytestmark = pytest.mark.usefixtures("small_directory")

LISTINGS = [
    ["search", "victims"],
    ["hotline"],
    ["list"],
    ["topics"],
    ["sources"],
]


@pytest.mark.parametrize("command", LISTINGS, ids=lambda c: c[0])
def test_all_formats_agree(runner: CliRunner, command: list[str]) -> None:
    """JSON, JSON Lines, CSV and TSV carry the same records and fields."""
    as_json = json.loads(invoke(runner, *command, "--json").stdout)
    as_jsonl = [
        json.loads(line) for line in invoke(runner, *command, "--jsonl").stdout.splitlines()
    ]
    as_csv = list(csv.DictReader(io.StringIO(invoke(runner, *command, "--csv").stdout)))
    tsv_lines = invoke(runner, *command, "--tsv").stdout.splitlines()
    header = tsv_lines[0].split("\t")
    assert as_jsonl == as_json
    assert header == list(as_json[0]) == list(as_csv[0])
    assert len(as_csv) == len(tsv_lines) - 1 == len(as_json)
    assert [row["id"] for row in as_csv] == [str(record["id"]) for record in as_json]


@pytest.mark.parametrize("command", LISTINGS, ids=lambda c: c[0])
def test_fields_pick_and_order(runner: CliRunner, command: list[str]) -> None:
    records = json.loads(invoke(runner, *command, "--json").stdout)
    last, first = list(records[0])[-1], "id"
    picked = json.loads(invoke(runner, *command, "--json", "--fields", f"{last},{first}").stdout)
    assert [list(r) for r in picked] == [[last, first]] * len(records)
    plain = invoke(runner, *command, "--fields", f"{first},{last}").stdout.splitlines()
    assert [line.split("\t")[0] for line in plain] == [str(r["id"]) for r in records]
    tsv = invoke(runner, *command, "--tsv", "--fields", first).stdout.splitlines()
    assert tsv[0] == "id" and len(tsv) == len(records) + 1


@pytest.mark.parametrize("command", LISTINGS, ids=lambda c: c[0])
def test_unknown_field_lists_the_available_ones(runner: CliRunner, command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--csv", "--fields", "id,colour"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("tip: unknown field 'colour' (fields: ")
    assert ", id, " in result.stderr or "(fields: id, " in result.stderr


def test_one_format_at_a_time(runner: CliRunner) -> None:
    result = runner.invoke(app, ["hotline", "--json", "--tsv"])
    assert result.exit_code == 2
    assert result.stderr == "tip: choose one output format, not --json and --tsv\n"


def test_lists_and_objects_flatten_into_cells(runner: CliRunner) -> None:
    out = invoke(runner, "hotline", "--tsv", "--fields", "id,operators,numbers").stdout
    assert out.splitlines()[1] == "boi-tip-line\tdoa-boi (runs)\t866-555-TIPS; 1-866-555-TIPS"


def test_csv_quotes_commas(runner: CliRunner) -> None:
    out = invoke(runner, "sources", "--csv", "--fields", "id,publisher").stdout
    assert out.splitlines()[1] == 'report-2005,"Department of Alpha, Office of Records"'


@pytest.mark.parametrize("command", [["agency", "DOA"], ["body", "ITF"], ["tree"]])
def test_cards_take_json_and_plain_only(runner: CliRunner, command: list[str]) -> None:
    assert runner.invoke(app, [*command, "--csv"]).exit_code == 2
    assert invoke(runner, *command, "--plain").exit_code == 0
