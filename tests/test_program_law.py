"""`tip program` and `tip law`: cards of programmes and laws, and the hint a lookup of
one kind gives when the query names another."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tests.conftest import invoke
from tipcli.cli.app import full_app

app = full_app()


@pytest.mark.usefixtures("small_directory")
def test_program_card_as_plain_records(runner: CliRunner) -> None:
    out = invoke(runner, "program", "B", "visa").stdout.splitlines()
    assert out[:3] == ["id\tb-visa", "name\tB visa", "kind\tbenefit"]
    assert "operator\tdoa-boi\tBureau of Inquiry (BOI)\tadjudicates\treport-2005,page-2018" in out
    assert "law\tepa\tExample Protection Act of 2000\tPublic Law 106-999" in out
    assert out[-1] == "data_as_of\t2018 (inferred)\tpage-2018"


@pytest.mark.usefixtures("small_directory")
def test_program_as_of_a_year_cites_only_what_was_written_by_then(runner: CliRunner) -> None:
    card = json.loads(invoke(runner, "program", "b-visa", "--as-of", "2005", "--json").stdout)
    assert [s["id"] for s in card["sources"]] == ["report-2005"]
    assert [op["sources"] for op in card["operators"]] == [["report-2005"]]
    assert card["data_as_of"]["id"] == "report-2005"
    result = runner.invoke(app, ["program", "Ribbon", "Campaign", "--as-of", "2005"])
    assert result.exit_code == 1
    assert result.stderr == "tip: no document of 2005 or earlier names Ribbon Campaign\n"


@pytest.mark.usefixtures("small_directory")
def test_law_card_says_what_it_brought_about(runner: CliRunner) -> None:
    card = json.loads(invoke(runner, "law", "EPA", "--json").stdout)
    assert (card["citation"], card["date"]) == ("Public Law 106-999", "2000-10-28")
    (provision,) = card["provisions"]
    assert (provision["relation"], provision["entity"], provision["entity_name"]) == (
        "created",
        "itf",
        "Interagency Task Force (ITF)",
    )
    assert [p["id"] for p in card["programs"]] == ["b-visa"]
    assert [e["date"] for e in card["events"]] == ["2000-10-28"]


def test_the_bundled_t_visa_and_tvpa(runner: CliRunner) -> None:
    t_visa = json.loads(invoke(runner, "program", "T visa", "--json").stdout)
    assert t_visa["id"] == "t-visa"
    assert "tvpa-2000" in [law["id"] for law in t_visa["laws"]]
    tvpa = json.loads(invoke(runner, "law", "TVPA", "--json").stdout)
    assert tvpa["id"] == "tvpa-2000" and tvpa["citation"] == "P.L. 106-386"
    assert "t-visa" in [p["id"] for p in tvpa["programs"]]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["agency", "T", "visa"], "tip: no organisation matches 'T visa'; it is a programme: "
         "tip program 'T visa'\n"),
        (["agency", "TVPA"], "tip: no organisation matches 'TVPA'; it is a law: tip law 'TVPA'\n"),
        (["program", "DHS"], "tip: no programme matches 'DHS'; it is an organisation: "
         "tip agency 'DHS'\n"),
        (["law", "Blue", "Campaign"], "tip: no law matches 'Blue Campaign'; it is a programme: "
         "tip program 'Blue Campaign'\n"),
    ],
)  # fmt: skip
def test_a_query_of_another_kind_says_which_command_shows_it(
    runner: CliRunner, args: list[str], message: str
) -> None:
    result = runner.invoke(app, args)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", message)
