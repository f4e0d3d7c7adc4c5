"""Lookups that do what a user means: words without quotes, hotlines by organisation,
name or id, every body `tip body` can name."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tests.conftest import invoke


@pytest.mark.parametrize(
    ("unquoted", "quoted"),
    [
        (["agency", "homeland", "security"], ["agency", "homeland security"]),
        (["search", "T", "visa", "--limit", "3"], ["search", "T visa", "--limit", "3"]),
        (["body", "task", "forces"], ["body", "task forces"]),
        (["hotline", "Homeland", "Security"], ["hotline", "Homeland Security"]),
        (["timeline", "Senior", "Policy", "Operating", "Group"], ["timeline", "SPOG"]),
    ],
)
def test_words_without_quotes_are_one_query(
    runner: CliRunner, unquoted: list[str], quoted: list[str]
) -> None:
    as_words = invoke(runner, *unquoted)
    assert as_words.exit_code == 0, as_words.stderr
    assert as_words.stdout == invoke(runner, *quoted).stdout


@pytest.mark.usefixtures("small_directory")
@pytest.mark.parametrize(
    ("query", "ids"),
    [
        (["boi-tip-line"], ["boi-tip-line"]),  # an id `tip hotline` prints
        (["Inquiry", "Tip", "Line"], ["boi-tip-line"]),  # a hotline's name
        (["Inquiry", "Reporting", "Line"], ["boi-tip-line"]),  # its earlier name
        (["DOA"], ["boi-tip-line"]),  # an organisation: its components' lines too
        (["shelter"], ["helping-line"]),  # words of its purpose
    ],
)
def test_hotline_takes_a_hotline_an_organisation_or_words(
    runner: CliRunner, query: list[str], ids: list[str]
) -> None:
    out = invoke(runner, "hotline", *query).stdout
    assert [line.split("\t")[0] for line in out.splitlines()] == ids


@pytest.mark.usefixtures("small_directory")
def test_an_organisation_without_a_hotline_says_so(runner: CliRunner) -> None:
    result = invoke(runner, "hotline", "DOB")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "tip: Department of Beta (DOB) has no hotline in the record\n"


def test_hotline_words_are_whole_words(runner: CliRunner) -> None:
    """ED is the Department of Education, which has no hotline; 'ed' inside a word of
    a hotline's description does not count."""
    result = invoke(runner, "hotline", "ED")
    assert result.exit_code == 1
    assert result.stderr == "tip: Department of Education (ED) has no hotline in the record\n"
    assert invoke(runner, "hotline", "DOL").stderr.endswith("has no hotline in the record\n")


@pytest.mark.usefixtures("small_directory")
def test_every_body_tip_body_lists_has_a_card(runner: CliRunner) -> None:
    """A committee has no members of its own, but a card: what it is and whose it is."""
    card = json.loads(invoke(runner, "body", "Outreach", "Committee", "--json").stdout)
    assert (card["id"], card["parent"]["id"], card["members"]) == ("itf-outreach", "itf", [])
    assert [s["id"] for s in card["sources"]] == ["page-2018"]
    result = invoke(runner, "body", "Outreach", "Committee", "--as-of", "2005")
    assert result.stderr == "tip: no document of 2005 or earlier names Outreach Committee\n"


@pytest.mark.parametrize(("acronym", "org_id"), [("ORR", "hhs-orr"), ("FNS", "usda-fns")])
def test_acronyms_in_standard_use_answer_and_say_no_document_prints_them(
    runner: CliRunner, acronym: str, org_id: str
) -> None:
    card = json.loads(invoke(runner, "agency", acronym, "--json").stdout)
    assert card["id"] == org_id
    assert {"name": acronym, "type": "common", "sources": []} in card["aliases"]
    from tests.test_render import on_terminal
    from tipcli.data.load import load
    from tipcli.query.cards import agency_card
    from tipcli.query.index import Index
    from tipcli.query.lookups import of_index

    shown = on_terminal(agency_card(of_index(Index.build(load().directory)), acronym, None))
    assert f"{acronym} (in standard use; no document prints it)" in shown
