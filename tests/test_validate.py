"""Each validation rule, with a data file that breaks it, seen through `tip validate`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import WriteToml, find, invoke
from tipcli.data.validate import validate

Mutation = Callable[[dict[str, Any]], None]


def org(raw: dict[str, Any], org_id: str) -> dict[str, Any]:
    return find(raw["organisations"], id=org_id)


def hotline(raw: dict[str, Any], hotline_id: str) -> dict[str, Any]:
    return find(raw["hotlines"], id=hotline_id)


def _set(path: Callable[[dict[str, Any]], dict[str, Any]], key: str, value: object) -> Mutation:
    def mutate(raw: dict[str, Any]) -> None:
        path(raw)[key] = value

    return mutate


def _del(path: Callable[[dict[str, Any]], dict[str, Any]], key: str) -> Mutation:
    def mutate(raw: dict[str, Any]) -> None:
        del path(raw)[key]

    return mutate


def _duplicate_org(raw: dict[str, Any]) -> None:
    raw["organisations"].append(dict(org(raw, "dhs")))


def _program_reuses_org_id(raw: dict[str, Any]) -> None:
    find(raw["programs"], id="blue-campaign")["id"] = "dhs"


def _parent_cycle(raw: dict[str, Any]) -> None:
    org(raw, "dhs")["parent"] = "dhs-ice"


def _duplicate_membership(raw: dict[str, Any]) -> None:
    raw["memberships"].append(dict(raw["memberships"][0]))


def _shared_name(raw: dict[str, Any]) -> None:
    org(raw, "dhs-hstu")["name"] = "Human Smuggling and Trafficking Center"


def _needless_declaration(raw: dict[str, Any]) -> None:
    raw["ambiguous_terms"] = [{"term": "DHS", "organisations": ["dhs", "dos"]}]


def _alias_repeats_acronym(raw: dict[str, Any]) -> None:
    org(raw, "dhs")["aliases"] = [{"name": "D.H.S.", "type": "acronym", "sources": ["tipr-2005"]}]


def _event_after_source(raw: dict[str, Any]) -> None:
    find(raw["events"], date="2018-10")["date"] = "2019-12"


def _number(raw: dict[str, Any]) -> dict[str, Any]:
    entry: dict[str, Any] = hotline(raw, "ice-tip-line")["numbers"][0]
    return entry


CASES: list[tuple[str, Mutation, str]] = [
    (
        "duplicate id",
        _duplicate_org,
        "organisations[81].id: id 'dhs' is already used at organisations[",
    ),
    (
        "ids shared across kinds of entity",
        _program_reuses_org_id,
        "programs[",
    ),
    (
        "unknown parent",
        _set(lambda r: org(r, "dhs-ice"), "parent", "dhz"),
        "organisations[dhs-ice].parent: 'dhz' is not a known organisation",
    ),
    ("parent cycle", _parent_cycle, "parents form a cycle: "),
    (
        "unknown operator",
        _set(
            lambda r: find(r["programs"], id="blue-campaign")["operators"][0], "organisation", "x"
        ),
        "programs[blue-campaign].operators[1].organisation: 'x' is not a known organisation",
    ),
    (
        "unknown member",
        _set(lambda r: r["memberships"][0], "member", "nobody"),
        "memberships[1].member: 'nobody' is not a known organisation",
    ),
    (
        "membership of something that is not a body",
        _set(lambda r: r["memberships"][0], "body", "dhs"),
        "memberships[1].body: 'dhs' is not a body",
    ),
    (
        "unknown source",
        _set(lambda r: org(r, "dhs"), "sources", ["tipr-2005", "nyt-2020"]),
        "organisations[dhs].sources[2]: 'nyt-2020' is not a known source",
    ),
    (
        "statement without sources",
        _del(lambda r: org(r, "dhs")["responsibilities"][0], "sources"),
        "organisations[dhs].responsibilities[1].sources: is required but missing",
    ),
    (
        "empty list of sources",
        _set(lambda r: org(r, "dhs")["responsibilities"][0], "sources", []),
        "organisations[dhs].responsibilities[1].sources: is an empty array",
    ),
    (
        "impossible date",
        _set(lambda r: find(r["sources"], id="tipr-2005"), "date", "2005-02-30"),
        "sources[tipr-2005].date: '2005-02-30' is not a valid date",
    ),
    (
        "unquoted TOML date",
        _set(lambda r: find(r["sources"], id="tipr-2005"), "date", dt.date(2005, 6, 3)),
        "sources[tipr-2005].date: expected text, found a date or time (put it in quotes)",
    ),
    ("event dated after the document that reports it", _event_after_source, "is after the date"),
    ("shared name not declared", _shared_name, "names 2 organisations (dhs-hstu, hstc)"),
    ("declared ambiguity that is not", _needless_declaration, "names fewer than two"),
    ("alias repeating the acronym", _alias_repeats_acronym, "repeats the organisation's own"),
    (
        "malformed E.164",
        _set(_number, "dialable", "18663472423"),
        "hotlines[ice-tip-line].numbers[1].dialable: '18663472423' is not an E.164 number",
    ),
    (
        "E.164 that disagrees with the published number",
        _set(_number, "dialable", "+18663472424"),
        "does not match the published number '1-866-DHS-2-ICE' (on a keypad it is +18663472423)",
    ),
    (
        "published number that cannot be dialled",
        _set(_number, "number", "ext. 42"),
        "'ext. 42' is not a North American number",
    ),
    (
        "unknown topic",
        _set(lambda r: org(r, "dhs")["responsibilities"][0], "topics", ["banking"]),
        "organisations[dhs].responsibilities[1].topics[1]: 'banking' is not a known topic",
    ),
    (
        "unknown kind",
        _set(lambda r: org(r, "dhs"), "kind", "ministry"),
        "organisations[dhs].kind: 'ministry' is not an allowed value",
    ),
    (
        "unknown pillar",
        _set(lambda r: org(r, "dhs")["responsibilities"][0], "pillars", ["punishment"]),
        "'punishment' is not an allowed value (allowed: prevention, protection,",
    ),
    (
        "unknown role",
        _set(lambda r: r["memberships"][0], "role", "boss"),
        "memberships[1].role: 'boss' is not an allowed value",
    ),
    (
        "stray whitespace",
        _set(lambda r: org(r, "dhs"), "name", "Department of Homeland Security "),
        "organisations[dhs].name: has leading or trailing whitespace",
    ),
    (
        "run of spaces",
        _set(lambda r: org(r, "dhs"), "summary", "Two  spaces."),
        "organisations[dhs].summary: has a run of more than one space",
    ),
    (
        "control character",
        _set(lambda r: org(r, "dhs"), "summary", "Bell\x07 rings."),
        "organisations[dhs].summary: contains the control character U+0007",
    ),
    (
        "bidirectional override",
        _set(lambda r: org(r, "dhs"), "summary", "abc\u202edef"),
        "contains the control character U+202E",
    ),
    (
        "unknown key",
        _set(lambda r: org(r, "dhs"), "colour", "blue"),
        "organisations[dhs].colour: unknown key 'colour' (known keys: id, acronym,",
    ),
    ("unknown top-level key", _set(lambda r: r, "agencies", []), "agencies: unknown key"),
    (
        "wrong type",
        _set(lambda r: org(r, "dhs"), "name", 42),
        "organisations[dhs].name: expected text, found an integer",
    ),
    (
        "missing required key",
        _del(lambda r: org(r, "dhs"), "summary"),
        "organisations[dhs].summary: is required but missing",
    ),
    (
        "malformed id",
        _set(lambda r: find(r["programs"], id="blue-campaign"), "id", "Blue_Campaign"),
        "'Blue_Campaign' is not a valid id",
    ),
    ("unsupported format", _set(lambda r: r, "format", 2), "format: format 2 is not supported"),
    (
        "name source not among sources",
        _set(lambda r: org(r, "dhs-ice"), "name_sources", ["pitf-2019"]),
        "organisations[dhs-ice].name_sources: 'pitf-2019' is not among the entry's sources",
    ),
    ("repeated membership", _duplicate_membership, "repeats memberships[1]"),
    (
        "value listed twice",
        _set(lambda r: org(r, "dhs"), "sources", ["tipr-2005", "tipr-2005"]),
        "organisations[dhs].sources[2]: 'tipr-2005' is listed twice",
    ),
    (
        "empty text",
        _set(lambda r: org(r, "dhs"), "acronym", ""),
        "organisations[dhs].acronym: is empty; remove the key instead",
    ),
    (
        "hotline with no number",
        _set(lambda r: hotline(r, "vawa-helpline"), "numbers", []),
        "hotlines[vawa-helpline].numbers: is empty; at least one entry is required",
    ),
    (
        "former ids not a list",
        _set(lambda r: find(r["sources"], id="pitf-2019"), "former_ids", 5),
        "sources[pitf-2019].former_ids: expected an array of text, found an integer",
    ),
    (
        "former id not text",
        _set(lambda r: find(r["sources"], id="pitf-2019"), "former_ids", [["about-2010"]]),
        "sources[pitf-2019].former_ids[1]: expected text, found an array",
    ),
    (
        "table where a list of tables belongs",
        _set(lambda r: r, "programs", {"id": "x"}),
        "programs: expected an array of tables, found a table",
    ),
]


@pytest.mark.parametrize(("mutate", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_rule_reports_its_place(
    runner: CliRunner, raw: dict[str, Any], write_toml: WriteToml, mutate: Mutation, expected: str
) -> None:
    """A file that breaks one rule exits 3, and the problem names the entity and field."""
    mutate(raw)
    path = write_toml(raw)
    result = invoke(runner, "validate", str(path))
    assert result.exit_code == 3
    assert expected in result.stdout, result.stdout
    assert all(line.startswith(f"{path}:") for line in result.stdout.splitlines())
    assert "problem" in result.stderr and "Traceback" not in result.stderr


def test_bundled_directory_is_valid(runner: CliRunner) -> None:
    """The shipped data passes every rule, and validate says what it holds."""
    result = invoke(runner, "validate")
    assert result.exit_code == 0
    assert result.stdout.startswith("the bundled directory: valid (5 sources, ")


def test_every_problem_is_reported_not_just_the_first(raw: dict[str, Any]) -> None:
    """Validation collects all problems in one pass."""
    org(raw, "dhs")["kind"] = "ministry"
    org(raw, "dos")["parent"] = "nowhere"
    hotline(raw, "vawa-helpline")["numbers"][0]["dialable"] = "+1"
    places = [problem.where for problem in validate(raw)]
    assert places == [
        "organisations[dos].parent",
        "organisations[dhs].kind",
        "hotlines[vawa-helpline].numbers[1].dialable",
        "hotlines[vawa-helpline].numbers[1].dialable",
    ]


def test_declared_ambiguity_is_accepted(raw: dict[str, Any]) -> None:
    """A name two organisations share is fine once declared with exactly those two."""
    org(raw, "dhs-hstu")["aliases"] = [
        {"name": "HSTC", "type": "acronym", "sources": ["federal-2013"]}
    ]
    assert any("names 2 organisations" in p.message for p in validate(raw))
    raw["ambiguous_terms"] = [
        {"term": "HSTC", "organisations": ["hstc", "dhs-hstu"], "note": "Both are called so."}
    ]
    assert validate(raw) == []


def test_syntax_error_gives_line_and_column(runner: CliRunner, tmp_path: Any) -> None:
    """Malformed TOML is reported as FILE:LINE:COL, like a compiler."""
    path = tmp_path / "bad.toml"
    path.write_text('format = 1\n\n[[sources]\nid = "x"\n', encoding="utf-8")
    result = invoke(runner, "validate", str(path))
    assert result.exit_code == 3
    assert (
        result.stdout
        == f"{path}:3:10: malformed TOML: Expected ']]' at the end of an array declaration\n"
    )
