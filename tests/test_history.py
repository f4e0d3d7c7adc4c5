"""The timeline and the tree: the record's dates in order, and its hierarchy."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tests.conftest import invoke
from tipcli.cli.app import full_app
from tipcli.data.load import load

app = full_app()
DIRECTORY = load().directory


def _dates(stdout: str) -> list[str]:
    return [line.split("\t")[0] for line in stdout.splitlines()]


def test_timeline_is_in_order_of_year_and_cites_sources(runner: CliRunner) -> None:
    out = invoke(runner, "timeline").stdout
    years = [date[:4] for date in _dates(out)]
    assert years == sorted(years)
    assert len(years) == 32
    first = out.splitlines()[0].split("\t")
    assert first == [
        "1999-02", "treaty",
        "The United States ratified ILO Convention 182 on the worst forms of child labor.",
        "ilo-c182", "tipr-2005",
    ]  # fmt: skip


def test_timeline_of_an_organisation_includes_its_components(runner: CliRunner) -> None:
    out = invoke(runner, "timeline", "SPOG").stdout
    assert _dates(out) == ["2003-12", "2010", "2017-09", "2018-10"]
    dod = invoke(runner, "timeline", "DOD").stdout
    assert _dates(dod) == ["2005-10", "2006-10", "2006-11", "2007-02-16"]


def test_timeline_by_words(runner: CliRunner) -> None:
    out = invoke(runner, "timeline", "ratified").stdout
    assert _dates(out) == ["1999-02", "2002-12"]


def test_timeline_as_of_a_year(runner: CliRunner) -> None:
    """Only what documents of that year or earlier report."""
    as_of_2007 = _dates(invoke(runner, "timeline", "--as-of", "2007").stdout)
    assert as_of_2007[-1] == "2007-02-16" and "2010" not in as_of_2007
    result = runner.invoke(app, ["timeline", "--as-of", "2003"])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "tip: no document of 2003 or earlier reports an event\n"


def test_timeline_formats(runner: CliRunner) -> None:
    records = json.loads(invoke(runner, "timeline", "HSTC", "--json").stdout)
    assert [r["date"] for r in records] == ["2004-07", "2004"]
    assert records[0]["subject_names"][0] == "Human Smuggling and Trafficking Center (HSTC)"
    csv_out = invoke(runner, "timeline", "HSTC", "--csv", "--fields", "date,kind").stdout
    assert csv_out == "date,kind\n2004-07,established\n2004,law\n"


def test_tree_plain_is_indented_with_programmes_marked(runner: CliRunner) -> None:
    out = invoke(runner, "tree", "DHS").stdout.splitlines()
    assert out[0] == "Department of Homeland Security (DHS) [department]"
    assert "  * Blue Campaign [campaign]" in out
    assert "  Bureau of Immigration and Customs Enforcement (ICE) [bureau]" in out
    assert "    Parole and Humanitarian Assistance Office [office]" in out
    assert "    * T visa [benefit]" in out


def test_whole_tree_has_every_organisation_once(runner: CliRunner) -> None:
    def ids(nodes: list[dict[str, object]]) -> list[str]:
        found: list[str] = []
        for node in nodes:
            found.append(str(node["id"]))
            found.extend(ids(node["children"]))  # type: ignore[arg-type]
        return found

    every = ids(json.loads(invoke(runner, "tree", "--json").stdout))
    assert len(every) == len(set(every))
    # All of them but the SPOG committee that only the 2012 page lists: the 2018 list
    # of its committees replaced it.
    missing = {o.id for o in DIRECTORY.organisations} - set(every)
    assert missing == {"spog-public-affairs"}
    then = ids(json.loads(invoke(runner, "tree", "SPOG", "--as-of", "2012", "--json").stdout))
    assert "spog-public-affairs" in then and "spog-victim-services" not in then


@pytest.mark.parametrize(("args", "code"), [(["tree", "nowhere"], 1), (["timeline", "  "], 2)])
def test_refusals(runner: CliRunner, args: list[str], code: int) -> None:
    result = runner.invoke(app, args)
    assert (result.exit_code, result.stdout) == (code, "")
    assert result.stderr.startswith("tip: ")


@pytest.mark.parametrize(
    ("year", "name", "number"),
    [
        ("2005", "trafficking information and referral hotline", "888-3737-888"),
        ("2007", "National Human Trafficking Resource Center", "1-888-3737-888"),
        ("2015", "National Human Trafficking Hotline", "1-888-3737-888"),
    ],
)
def test_the_hhs_hotline_as_of_a_year_uses_the_name_of_the_time(
    runner: CliRunner, year: str, name: str, number: str
) -> None:
    (line,) = json.loads(invoke(runner, "hotline", "HHS", "--as-of", year, "--json").stdout)
    assert (line["name"], line["number"]) == (name, number)
    assert all(int(line["source_dates"][s][:4]) <= int(year) for s in line["source_dates"])


def test_hotlines_as_of_2005_are_those_the_2005_report_names(runner: CliRunner) -> None:
    assert _dates(invoke(runner, "hotline", "--as-of", "2005").stdout) == ["nhth"]
    result = runner.invoke(app, ["hotline", "ICE", "--as-of", "2005"])
    assert (result.exit_code, result.stdout) == (1, "")


@pytest.mark.parametrize(
    ("year", "org_id", "name"),
    [
        ("2005", "dhs-uscis", "Bureau of Citizenship and Immigration Services"),
        ("2007", "dhs-uscis", "Citizenship and Immigration Services"),
        ("2015", "dhs-uscis", "United States Citizenship and Immigration Services"),
        ("2007", "dhs-ice", "Bureau of Immigration and Customs Enforcement"),
        ("2007", "dos-j", "Under Secretary for Democracy and Global Affairs"),
        ("2012", "dos-j", "Under Secretary for Civilian Security, Democracy, and Human Rights"),
    ],
)
def test_list_as_of_uses_the_names_of_the_time(
    runner: CliRunner, year: str, org_id: str, name: str
) -> None:
    listed = json.loads(invoke(runner, "list", "--as-of", year, "--json").stdout)
    assert {o["id"]: o["name"] for o in listed}[org_id] == name


def test_list_as_of_leaves_out_what_later_documents_add(runner: CliRunner) -> None:
    in_2005 = {
        o["id"] for o in json.loads(invoke(runner, "list", "--as-of", "2005", "--json").stdout)
    }
    assert "dci" in in_2005 and "eeoc" not in in_2005 and "hhs-otip" not in in_2005
    on_pitf = invoke(runner, "list", "--body", "PITF", "--as-of", "2005", "--fields", "id").stdout
    assert set(on_pitf.split()) == {"dos", "doj", "dol", "hhs", "dhs", "dci", "omb", "usaid"}


def test_agency_as_of_a_year(runner: CliRunner) -> None:
    card = json.loads(invoke(runner, "agency", "ICE", "--as-of", "2007", "--json").stdout)
    assert card["name"] == "Bureau of Immigration and Customs Enforcement"
    assert "Bureau of Immigration and Customs Enforcement" not in [
        a["name"] for a in card["aliases"]
    ]
    cited = {s for r in card["responsibilities"] for s in r["sources"]}
    assert cited <= {"tipr-2005", "factsheet-2007"}
    assert [s["id"] for s in card["sources"]] == ["tipr-2005", "factsheet-2007"]


def test_agency_as_of_2005_shows_the_2005_hotline_and_programmes(runner: CliRunner) -> None:
    out = invoke(runner, "agency", "HHS", "--as-of", "2005").stdout
    hotlines = [line.split("\t")[2:4] for line in out.splitlines() if line.startswith("hotline\t")]
    assert hotlines == [["trafficking information and referral hotline", "888-3737-888"]]
    programs = [line.split("\t")[2] for line in out.splitlines() if line.startswith("program\t")]
    assert "Rescue and Restore Victims of Human Trafficking" in programs
    assert all("pitf-2019" not in line for line in out.splitlines())


def test_agency_not_yet_named_in_that_year(runner: CliRunner) -> None:
    result = runner.invoke(app, ["agency", "EEOC", "--as-of", "2005"])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "tip: no document of 2005 or earlier names Equal Employment Opportunity Commission\n"
    )
