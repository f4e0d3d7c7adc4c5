"""The lookup commands through CliRunner: what a script reads, and what a person is told."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import invoke
from tipcli.cli.app import full_app

app = full_app()


def _records(stdout: str, kind: str) -> list[list[str]]:
    return [line.split("\t")[1:] for line in stdout.splitlines() if line.split("\t")[0] == kind]


def test_agency_card_plain_records(runner: CliRunner) -> None:
    out = invoke(runner, "agency", "ICE").stdout
    assert out.splitlines()[:4] == [
        "id\tdhs-ice",
        "name\tBureau of Immigration and Customs Enforcement",
        "acronym\tICE",
        "kind\tbureau",
    ]
    assert _records(out, "parent") == [["dhs", "Department of Homeland Security"]]
    # The newest document that names it (2007) calls it the Bureau; the 2005 report also
    # uses the name it has now.
    assert ["U.S. Immigration and Customs Enforcement", "name", "tipr-2005"] in (
        _records(out, "alias")
    )
    assert ["ice-tip-line", "ICE 24-hour hotline", "1-866-DHS-2-ICE", "+18663472423"] in (
        _records(out, "hotline")
    )
    assert ["dhs-ice-phao", "", "Parole and Humanitarian Assistance Office", "office"] in (
        _records(out, "component")
    )
    assert [s[0] for s in _records(out, "source")] == ["tipr-2005", "factsheet-2007"]


def test_agency_card_shows_components_hotlines(runner: CliRunner) -> None:
    """A department's card lists the hotlines its components run."""
    out = invoke(runner, "agency", "DHS").stdout
    assert [h[0] for h in _records(out, "hotline")] == ["ice-tip-line", "vawa-helpline"]
    bodies = {(b[0], b[2]) for b in _records(out, "body")}
    assert {("pitf", "member"), ("spog", "member"), ("hstc", "founder")} <= bodies


def test_agency_json_shape(runner: CliRunner) -> None:
    card = json.loads(invoke(runner, "agency", "g/tip", "--json").stdout)
    assert set(card) == {
        "id", "acronym", "name", "kind", "parent", "ancestors", "summary", "note", "aliases",
        "leaders", "responsibilities", "programs", "hotlines", "bodies", "members",
        "components", "figures", "events", "sources", "data_as_of",
    }  # fmt: skip
    assert card["id"] == "dos-gtip"
    assert [a["id"] for a in card["ancestors"]] == ["dos-j", "dos"]
    assert {c["name"] for c in card["components"]} == {
        "Reports and Political Affairs", "International Programs", "Public Engagement",
    }  # fmt: skip
    assert card["leaders"][0]["person"] == "Luis CdeBaca"
    report = {
        "id": "tip-report",
        "name": "Trafficking in Persons Report",
        "kind": "report",
        "roles": ["produces"],
        "sources": ["tipr-2005", "factsheet-2007"],
    }
    assert report in card["programs"]
    assert all(r["sources"] for r in card["responsibilities"])
    assert [s["id"] for s in card["sources"]] == ["tipr-2005", "factsheet-2007", "about-2012"]


def test_body_card_lists_its_members(runner: CliRunner) -> None:
    out = invoke(runner, "agency", "HSTC").stdout
    # The federal page lists the Center's members; the founders of 2005 stand beside them.
    assert {m[0] for m in _records(out, "member")} == {"dos", "doj", "dhs", "odni"}


def _body(runner: CliRunner, *args: str) -> dict[str, Any]:
    result = invoke(runner, *args, "--json")
    assert result.exit_code == 0, result.stderr
    value: dict[str, Any] = json.loads(result.stdout)
    return value


def test_pitf_newest_is_the_later_page(runner: CliRunner) -> None:
    view = _body(runner, "pitf")
    assert view["as_of"] == 2019  # the year of the newest document
    assert view["data_as_of"]["id"] == "pitf-2019"
    assert [(c["member"], c["sources"]) for c in view["chair"]] == [("dos", ["pitf-2019"])]
    members = {m["member"] for m in view["members"] if m["role"] == "member"}
    assert "dci" not in members and {"treasury", "eeoc", "nsc", "dpc"} <= members
    assert len(members) == 17
    assert view["established"][0]["date"] == "2002-02"
    assert view["legal_basis"][0]["law"] == "tvpa-2000"


def test_pitf_as_of_2005_is_the_2005_report(runner: CliRunner) -> None:
    view = _body(runner, "pitf", "--as-of", "2005")
    assert view["as_of"] == 2005
    assert [(c["member"], c["title"]) for c in view["chair"]] == [("dos", "Secretary of State")]
    members = {m["member"]: m["title"] for m in view["members"]}
    assert members == {
        "doj": "Attorney General",
        "dol": "Secretary of Labor",
        "hhs": "Secretary of Health and Human Services",
        "dhs": "Secretary of Homeland Security",
        "dci": "Director of Central Intelligence",
        "omb": "Director of the Office of Management and Budget",
        "usaid": "Administrator of the U.S. Agency for International Development",
    }
    cited = {s for m in view["members"] + view["chair"] for s in m["sources"]}
    assert cited == {"tipr-2005"}
    assert [s["id"] for s in view["sources"]] == ["tipr-2005"]


def test_spog_committees_change_with_the_year(runner: CliRunner) -> None:
    def committees(*args: str) -> list[str]:
        return [c["name"] for c in _body(runner, "spog", *args)["committees"]]

    assert committees() == [
        "Research and Data Committee", "Grantmaking Committee",
        "Public Awareness and Outreach Committee", "Victims Services Committee",
        "Procurement and Supply Chains Committee",
    ]  # fmt: skip
    assert committees("--as-of", "2012") == [
        "Public Affairs Committee", "Research and Data Committee", "Grantmaking Committee",
    ]  # fmt: skip
    assert committees("--as-of", "2007") == []
    assert [g["id"] for g in _body(runner, "spog")["working_groups"]] == ["spog-aian"]
    assert _body(runner, "spog", "--as-of", "2017")["working_groups"] == []


def test_spog_chair_then_and_later(runner: CliRunner) -> None:
    # The 2007 fact sheet has the group chaired by the director of the State Department's
    # trafficking office, and says the department chairs it.
    chairs_2007 = [c["member"] for c in _body(runner, "spog", "--as-of", "2007")["chair"]]
    assert chairs_2007 == ["dos-gtip", "dos"]
    assert [c["member"] for c in _body(runner, "spog")["chair"]] == ["dos"]


def test_body_command_any_body(runner: CliRunner) -> None:
    view = _body(runner, "body", "human smuggling and trafficking center")
    assert {m["member"] for m in view["members"] if m["role"] == "member"} == {
        "dos", "doj", "dhs", "odni",
    }  # fmt: skip
    founders = _body(runner, "body", "HSTC", "--as-of", "2005")["members"]
    assert {m["member"] for m in founders} == {"dos", "dhs", "doj"}


@pytest.mark.parametrize(
    ("args", "code", "stderr"),
    [
        (["pitf", "--as-of", "2001"], 1, "tip: no document of 2001 or earlier names "),
        (["body", "ICE"], 1, "tip: Bureau of Immigration and Customs Enforcement is not an"),
        (["pitf", "--as-of", "1800"], 2, ""),
        (["list", "--kind", "ministry"], 2, "tip: unknown kind 'ministry' (kinds: department,"),
        (["hotline", "zebra"], 1, "tip: no hotline matches 'zebra'\n"),
    ],
)
def test_refusals(runner: CliRunner, args: list[str], code: int, stderr: str) -> None:
    result = runner.invoke(app, args)
    assert (result.exit_code, result.stdout) == (code, "")
    assert result.stderr.startswith(stderr)


def test_hotline_lists_all_four(runner: CliRunner) -> None:
    lines = [line.split("\t") for line in invoke(runner, "hotline").stdout.splitlines()]
    assert [(f[0], f[2], f[3]) for f in lines] == [
        ("nhth", "1-888-3737-888", "+18883737888"),
        ("ice-tip-line", "1-866-DHS-2-ICE", "+18663472423"),
        ("crt-complaint-line", "1-888-428-7581", "+18884287581"),
        ("vawa-helpline", "802-527-4888", "+18025274888"),
    ]
    assert lines[1][7] == "24 hours a day"


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("HHS", ["nhth"]),
        ("DHS", ["ice-tip-line", "vawa-helpline"]),
        ("justice", ["crt-complaint-line"]),
        ("ICE", ["ice-tip-line"]),
        ("status", ["vawa-helpline"]),
        ("resource center", ["nhth"]),
    ],
)
def test_hotline_query(runner: CliRunner, query: str, ids: list[str]) -> None:
    out = invoke(runner, "hotline", query).stdout
    assert [line.split("\t")[0] for line in out.splitlines()] == ids


def test_hotline_json_keeps_every_published_form(runner: CliRunner) -> None:
    (nhth,) = json.loads(invoke(runner, "hotline", "HHS", "--json").stdout)
    assert nhth["number"] == "1-888-3737-888"
    assert [n["number"] for n in nhth["numbers"]] == ["888-3737-888", "1-888-3737-888"]
    assert {a["name"] for a in nhth["aliases"]} == {
        "National Human Trafficking Resource Center",
        "trafficking information and referral hotline",
    }
    assert nhth["source_dates"]["tipr-2005"] == "2005-06-03"


def test_list_filters(runner: CliRunner) -> None:
    departments = invoke(runner, "list", "--kind", "department").stdout.splitlines()
    assert len(departments) == 11
    under_doj = {
        line.split("\t")[0]
        for line in invoke(runner, "list", "--parent", "DOJ").stdout.splitlines()
    }
    assert {"doj-bja", "doj-fbi-cac", "doj-ceos", "icac"} <= under_doj and "doj" not in under_doj
    listed = json.loads(invoke(runner, "list", "--body", "PITF", "--json").stdout)
    on_pitf = {o["id"] for o in listed}
    # The 18 agencies the newest roster lists; an older record of another's part (the
    # State Department section that supported the chair in 2012) is not current.
    assert len(on_pitf) == 18 and "dos-gtip-pe" not in on_pitf and "dci" not in on_pitf


def test_every_command_has_a_summary_and_an_example(runner: CliRunner) -> None:
    import typer.main

    def paths(command: object, prefix: tuple[str, ...]) -> list[tuple[str, ...]]:
        children = getattr(command, "commands", None)
        if not children:
            return [prefix]
        return [p for name, child in children.items() for p in paths(child, (*prefix, name))]

    every = paths(typer.main.get_command(app), ())
    assert len(every) == 23
    for path in every:
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0
        assert "Example: " in result.stdout, path


def _keys(value: object) -> set[str]:
    """Every key at any depth of a JSON value."""
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


@pytest.mark.parametrize(
    "args",
    [
        ["agency", "HSTC"],
        ["agency", "DHS"],
        ["agency", "g/tip"],
        ["search", "victims"],
        ["hotline"],
        ["pitf"],
        ["spog", "--as-of", "2010"],
        ["list"],
        ["topics"],
        ["sources"],
        ["timeline"],
        ["tree"],
        ["program", "T visa"],
        ["law", "TVPA"],
        ["body", "grantmaking"],
    ],
)
def test_every_json_key_is_documented(runner: CliRunner, args: list[str]) -> None:
    from tests.conftest import REPO

    documented = (REPO / "docs" / "OUTPUT.md").read_text(encoding="utf-8")
    keys = _keys(json.loads(invoke(runner, *args, "--json").stdout))
    # source_dates maps source ids to dates; its keys are data, not schema.
    keys -= {"tipr-2005", "factsheet-2007", "about-2012", "federal-2015", "pitf-2019"}
    assert sorted(k for k in keys if f"`{k}`" not in documented) == []
