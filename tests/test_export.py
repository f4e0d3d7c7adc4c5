"""Exporting the whole directory: every format, round trips, and safe output files.

These export the small test directory: their point is the formats, not the record."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import SMALL, invoke
from tipcli.data import load

pytestmark = pytest.mark.usefixtures("small_directory")


def test_toml_export_is_the_canonical_file_and_round_trips(
    runner: CliRunner, tmp_path: Path
) -> None:
    exported = invoke(runner, "export", "--format", "toml").stdout
    assert exported == SMALL.read_text(encoding="utf-8")
    path = tmp_path / "exported.toml"
    path.write_text(exported, encoding="utf-8")
    again = invoke(runner, "--data", str(path), "export", "--format", "toml").stdout
    assert again == exported


def test_json_export_loads_back_to_an_equal_directory(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "exported.json"
    path.write_text(invoke(runner, "export", "--format", "json").stdout, encoding="utf-8")
    assert load.load(str(path)).directory == load.load().directory
    # ...and works as a data file for every command.
    assert invoke(runner, "agency", "BOI", "--data", str(path)).stdout == (
        invoke(runner, "agency", "BOI").stdout
    )
    assert invoke(runner, "validate", str(path)).exit_code == 0


def test_jsonl_has_one_entry_a_line_naming_its_table(runner: CliRunner) -> None:
    lines = invoke(runner, "export", "--format", "jsonl").stdout.splitlines()
    records = [json.loads(line) for line in lines]
    tables = {r["table"] for r in records}
    assert tables == {
        "sources", "topics", "organisations", "programs", "hotlines", "laws", "memberships",
        "events", "figures",
    }  # fmt: skip
    assert sum(r["table"] == "organisations" for r in records) == 7
    assert sum(r["table"] == "memberships" for r in records) == 5


@pytest.mark.parametrize(
    ("table", "rows", "header"),
    [
        ("organisations", 7, "id,acronym,name,kind,parent,summary,note,aliases,topics,"),
        ("responsibilities", 5, "organisation,organisation_name,text,topics,pillars,sources"),
        ("programs", 2, "id,acronym,name,kind,operators,summary,topics,laws,sources"),
        ("hotlines", 2, "id,name,number,dialable,numbers_published,operators,purpose,"),
        ("memberships", 5, "body,member,member_name,role,title,person,note,sources,years"),
    ],
)
def test_csv_tables(runner: CliRunner, table: str, rows: int, header: str) -> None:
    text = invoke(runner, "export", "--format", "csv", "--table", table).stdout
    assert text.startswith(header)
    parsed = list(csv.DictReader(io.StringIO(text)))
    assert len(parsed) == rows


def test_csv_default_is_organisations_with_flattened_columns(runner: CliRunner) -> None:
    text = invoke(runner, "export", "--format", "csv").stdout
    boi = next(r for r in csv.DictReader(io.StringIO(text)) if r["id"] == "doa-boi")
    assert boi["aliases"] == "Office of Inquiry"
    assert boi["parent"] == "doa" and boi["responsibilities"] == "2"
    assert boi["sources"] == "report-2005; sheet-2007; page-2018"
    assert boi["topics"] == "investigation; public-awareness"


def test_markdown_is_a_readable_document(runner: CliRunner) -> None:
    text = invoke(runner, "export", "--format", "markdown").stdout
    assert text.startswith("# U.S. federal anti-trafficking directory\n")
    assert "\n### Bureau of Inquiry (BOI)\n\n*bureau in Department of Alpha (DOA)*\n" in text
    assert "\n### Inquiry Tip Line\n\n[1-866-555-TIPS](tel:+18665558477) (+18665558477)" in text
    assert "\n### B visa\n" in text and "\n### Example Protection Act of 2000 (EPA)\n" in text


def test_output_file_is_written_whole(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    result = invoke(runner, "export", "-f", "csv", "--table", "hotlines", "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr.startswith(f"wrote {target} (")
    assert target.read_text().count("\n") == 3
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_failed_output_leaves_the_old_file(runner: CliRunner, tmp_path: Path) -> None:
    """A folder where the file should go: exit 4, the folder untouched, no temp file left."""
    target = tmp_path / "taken"
    target.mkdir()
    (target / "keep.txt").write_text("mine")
    result = invoke(runner, "export", "-o", str(target))
    assert result.exit_code == 4
    assert result.stderr.startswith(f"tip: cannot write {target}: ")
    assert (target / "keep.txt").read_text() == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]


def test_missing_folder_is_exit_4(runner: CliRunner, tmp_path: Path) -> None:
    result = invoke(runner, "export", "-o", str(tmp_path / "no" / "such" / "x.json"))
    assert result.exit_code == 4
    assert (
        result.stderr
        == f"tip: cannot write to {tmp_path / 'no' / 'such'}: No such file or directory\n"
    )


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (["export", "--format", "xml"], "Invalid value for '--format'"),
        (["export", "--table", "hotlines"], "tip: --table goes with --format csv"),
    ],
)
def test_export_usage_errors(runner: CliRunner, args: list[str], stderr: str) -> None:
    from tipcli.cli.app import full_app

    result = runner.invoke(full_app(), args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert stderr in result.stderr


def test_fmt_refuses_json(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_text(invoke(runner, "export").stdout)
    result = invoke(runner, "data", "fmt", str(path))
    assert result.exit_code == 2
    assert "the canonical form is TOML" in result.stderr


def test_malformed_json_data_file_gives_line_and_column(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"format": 1,\n  "sources": [,]}\n')
    result = invoke(runner, "sources", "--data", str(path))
    assert result.exit_code == 3
    assert result.stderr == f"tip: {path}:2:15: malformed JSON: Expecting value\n"
