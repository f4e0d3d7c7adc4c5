"""From what a user types to one organisation, or a clear refusal."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from tests.conftest import invoke
from tipcli.data.load import load
from tipcli.errors import AmbiguousQueryError, NotFoundError, UsageError
from tipcli.query.index import Index
from tipcli.query.resolve import organisations

RESOLVER = organisations(Index.build(load().directory))


@pytest.mark.parametrize(
    ("query", "org_id"),
    [
        ("DHS", "dhs"),
        ("dhs", "dhs"),
        ("homeland security", "dhs"),
        ("Department of Homeland Security", "dhs"),
        ("g/tip", "dos-gtip"),
        ("GTIP", "dos-gtip"),
        ("G / TIP", "dos-gtip"),
        ("TIP Office", "dos-gtip"),
        ("ED", "ed"),
        ("DoEd", "ed"),
        ("Treasury", "treasury"),
        ("ICE", "dhs-ice"),
        ("Bureau of Immigration and Customs Enforcement", "dhs-ice"),
        ("justice", "doj"),
        ("State Department", "dos"),
        ("state", "dos"),
        ("U.S. Attorneys' Offices", "doj-usao"),
        ("us attorneys offices", "doj-usao"),
        ("victims of crime", "doj-ovc"),
        ("Office of Victims of Crime", "doj-ovc"),
        ("research & data", "spog-research-data"),
        ("wage and hour", "dol-whd"),
        ("hhs-otip", "hhs-otip"),
        ("food and nutrition", "usda-fns"),
        ("Director of Central Intelligence", "dci"),
    ],
)
def test_resolves(query: str, org_id: str) -> None:
    assert RESOLVER.resolve(query).id == org_id


def test_several_matches_are_listed_not_guessed() -> None:
    with pytest.raises(AmbiguousQueryError) as caught:
        RESOLVER.resolve("human smuggling")
    assert set(caught.value.ids) == {"hstc", "dhs-hstu"}
    assert caught.value.message == (
        "'human smuggling' matches 2 organisations: Human Smuggling and Trafficking Unit; "
        "HSTC, Human Smuggling and Trafficking Center. Give an acronym or more of the name."
    )


def test_long_lists_are_cut_with_a_count() -> None:
    with pytest.raises(AmbiguousQueryError) as caught:
        RESOLVER.resolve("office")
    assert "matches 14 organisations" in caught.value.message
    assert "; and 6 more." in caught.value.message


@pytest.mark.parametrize(
    ("query", "suggested"),
    [
        ("DHZ", "did you mean DHS, Department of Homeland Security?"),
        ("homeland securty", "did you mean DHS, Department of Homeland Security?"),
        ("Tresury", "did you mean Department of the Treasury?"),
    ],
)
def test_no_match_suggests_the_closest(query: str, suggested: str) -> None:
    with pytest.raises(NotFoundError) as caught:
        RESOLVER.resolve(query)
    assert caught.value.message == f"no organisation matches '{query}'; {suggested}"


def test_no_match_and_nothing_close() -> None:
    with pytest.raises(NotFoundError) as caught:
        RESOLVER.resolve("xyzzy")
    assert caught.value.message == "no organisation matches 'xyzzy'"


@pytest.mark.parametrize("query", ["", "   ", "/-."])
def test_empty_query_is_a_usage_error(query: str) -> None:
    with pytest.raises(UsageError):
        RESOLVER.resolve(query)


@pytest.mark.parametrize(
    ("query", "code", "stderr"),
    [
        ("human smuggling", 1, "tip: 'human smuggling' matches 2 organisations: "),
        ("DHZ", 1, "tip: no organisation matches 'DHZ'; did you mean DHS"),
        ("", 2, "tip: the query has no letters or digits"),
    ],
)
def test_cli_refusals_print_nothing_on_stdout(
    runner: CliRunner, query: str, code: int, stderr: str
) -> None:
    result = invoke(runner, "agency", query)
    assert (result.exit_code, result.stdout) == (code, "")
    assert result.stderr.startswith(stderr)
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("query", "suggested"),
    [
        ("DOE", "ED, Department of Education"),  # the Department of Energy is not in the record
        ("DoE", "ED, Department of Education"),
        ("USC", ""),
    ],
)
def test_an_acronym_is_matched_whole_never_by_its_start(query: str, suggested: str) -> None:
    """DOE is the start of DoEd, Education's other acronym, but never answers as it."""
    with pytest.raises(NotFoundError) as caught:
        RESOLVER.resolve(query)
    assert caught.value.message.startswith(f"no organisation matches '{query}'")
    assert suggested in caught.value.message
