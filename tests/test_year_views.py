"""Year views that never mix: the newest view shows what the newest documents say, fact by
fact; a view of a year shows what documents of that year or earlier said; and every
answer says how old it is."""

from __future__ import annotations

import json
from typing import Any

from typer.testing import CliRunner

from tests.conftest import invoke
from tests.test_render import on_terminal
from tipcli.data.load import load
from tipcli.query.cards import known_body
from tipcli.query.index import Index

INDEX = Index.build(load().directory)


def _json(runner: CliRunner, *args: str) -> Any:
    result = invoke(runner, *args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_the_newest_spog_is_the_2019_page_alone(runner: CliRunner) -> None:
    """The 2012 page's records of the ambassador and his team's part are not current:
    the newer page lists the group's whole membership."""
    view = _json(runner, "spog")
    everyone = view["chair"] + view["members"]
    assert everyone and all("pitf-2019" in m["sources"] for m in everyone)
    assert not [m for m in everyone if m["person"]]


def test_an_older_record_nothing_contradicts_stands(runner: CliRunner) -> None:
    """The federal page names one funder of the task forces; the 2005 report's other
    funders stand beside it."""
    funders = {m["member"] for m in _json(runner, "body", "task-forces")["members"]
               if m["role"] == "funder"}  # fmt: skip
    assert {"doj-ojp", "doj-bja", "doj-ovc"} <= funders


def test_a_view_of_a_year_uses_the_names_of_the_time(runner: CliRunner) -> None:
    assert _json(runner, "spog", "--as-of", "2007")["name"] == "Senior Policy Operating Group"
    assert _json(runner, "spog", "--as-of", "2005")["name"] == (
        "Senior Policy Operating Group on Trafficking in Persons"
    )
    member_names = {m["member_name"] for m in _json(runner, "pitf", "--as-of", "2005")["members"]}
    assert "U.S. Agency for International Development (USAID)" in member_names


def test_an_office_holder_is_named_as_of_a_year() -> None:
    """The PITF of 2013 has the chair the 2012 page names: dated, never as if current."""
    shown = on_terminal(known_body(INDEX, "pitf", 2013))
    assert "chair, Secretary of State (Hillary Rodham Clinton), as of 2012" in shown
    assert "Clinton" not in on_terminal(known_body(INDEX, "pitf", None))


def test_a_body_says_which_year_it_shows(runner: CliRunner) -> None:
    view = _json(runner, "pitf")
    assert (view["as_of"], view["data_as_of"]["id"]) == (2019, "pitf-2019")
    assert _json(runner, "pitf", "--as-of", "2007")["data_as_of"]["id"] == "factsheet-2007"


def test_every_card_says_how_old_it_is(runner: CliRunner) -> None:
    for args in (["agency", "ICE"], ["pitf"], ["program", "T visa"], ["law", "TVPA"]):
        lines = invoke(runner, *args).stdout.splitlines()
        assert lines[-1] == "data_as_of\t2019-11 (inferred)\tpitf-2019", args


def test_a_hotline_shows_when_it_was_last_stated(runner: CliRunner) -> None:
    """The Civil Rights Division's line is last given by the 2007 fact sheet."""
    (line,) = _json(runner, "hotline", "civil rights division")
    assert (line["last_stated"], line["last_stated_in"]) == ("2007-12-20", "factsheet-2007")
    (national,) = _json(runner, "hotline", "nhth")
    assert national["last_stated_in"] == "pitf-2019"
