"""The source documents: dates inferred from everything they mention, and ids that were
corrected with them and still resolve."""

from __future__ import annotations

import json
from typing import Any

from typer.testing import CliRunner

from tests.conftest import WriteToml, find, invoke
from tipcli.data.load import load


def test_inferred_dates_are_the_earliest_each_document_can_be(runner: CliRunner) -> None:
    """The About Us page names the Under Secretary for Civilian Security, Democracy, and
    Human Rights (a title from January 2012); the federal page names HHS's Office on
    Trafficking in Persons (2015); the PITF page links to a speech of November 2019."""
    records = {r["id"]: r for r in json.loads(invoke(runner, "sources", "--json").stdout)}
    assert {k: (r["date"], r["date_inferred"]) for k, r in records.items()} == {
        "tipr-2005": ("2005-06-03", False),
        "factsheet-2007": ("2007-12-20", False),
        "about-2012": ("2012-01", True),
        "federal-2015": ("2015", True),
        "pitf-2019": ("2019-11", True),
    }
    assert "January 2012" in records["about-2012"]["date_basis"]
    assert "Office on Trafficking in Persons" in records["federal-2015"]["date_basis"]
    assert "November 2019" in records["pitf-2019"]["date_basis"]


def test_an_old_source_id_finds_the_document(runner: CliRunner) -> None:
    for old, new in (
        ("about-2010", "about-2012"),
        ("federal-2013", "federal-2015"),
        ("pitf-2018", "pitf-2019"),
    ):
        result = invoke(runner, "sources", old, "--json")
        assert [r["id"] for r in json.loads(result.stdout)] == [new]


def test_an_unknown_source_id_lists_the_known_ones(runner: CliRunner) -> None:
    result = invoke(runner, "sources", "about-2011")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith("tip: no source has the id 'about-2011' (sources: tipr-2005")


def test_a_file_that_cites_an_old_id_cites_the_document_under_its_id_now(
    raw: dict[str, Any], write_toml: WriteToml
) -> None:
    """A directory written before the ids were corrected keeps working."""
    find(raw["organisations"], id="dhs")["responsibilities"][0]["sources"] = [
        "about-2010",
        "about-2012",
    ]
    find(raw["hotlines"], id="nhth")["name_sources"] = ["federal-2013", "pitf-2018"]
    directory = load(str(write_toml(raw))).directory
    dhs = next(o for o in directory.organisations if o.id == "dhs")
    assert dhs.responsibilities[0].sources == ("about-2012",)
    nhth = next(h for h in directory.hotlines if h.id == "nhth")
    assert nhth.name_sources == ("federal-2015", "pitf-2019")


def test_a_former_id_must_not_be_in_use(
    runner: CliRunner, raw: dict[str, Any], write_toml: WriteToml
) -> None:
    find(raw["sources"], id="pitf-2019")["former_ids"] = ["about-2010", "tipr-2005"]
    result = invoke(runner, "validate", str(path := write_toml(raw)))
    assert result.exit_code == 3
    assert result.stdout.splitlines() == [
        f"{path}:sources[5].former_ids[1]: 'about-2010' is a former id of another source too",
        f"{path}:sources[5].former_ids[2]: 'tipr-2005' is the id of a source now",
    ]
