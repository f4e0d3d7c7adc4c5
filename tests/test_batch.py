"""Many queries in one run: `tip agency -` and `tip search -` with --jsonl."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import app, invoke
from tipcli.cli.batch import MAX_LINE_BYTES, arrivals

TIP = Path(sys.executable).with_name("tip")


def run(runner: CliRunner, given: bytes, *args: str) -> Any:
    return runner.invoke(app, list(args), input=given, catch_exceptions=False)


def lines_of(output: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.splitlines()]


def test_each_line_is_answered_in_order_as_the_same_query_alone(runner: CliRunner) -> None:
    """Each answer is what `tip agency QUERY --json` prints for that line alone."""
    result = run(runner, b"DHS\nice\nhomeland security\nDHS\n", "agency", "-", "--jsonl")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    answers = lines_of(result.stdout)
    assert [a["query"] for a in answers] == ["DHS", "ice", "homeland security", "DHS"]
    for answer in answers:
        alone = invoke(runner, "agency", answer["query"], "--json")
        assert answer["answer"] == json.loads(alone.stdout)
    assert answers[0]["answer"]["id"] == "dhs" and answers[1]["answer"]["id"] == "dhs-ice"


def test_a_query_without_an_answer_says_why_on_its_own_line(runner: CliRunner) -> None:
    """Errors keep their place: a line each, with the message and exit code the query
    alone would give; the run exits 1 and says how many failed."""
    given = b"DHS\nzzqx\n\n   \nDepartment\nICE"  # the last line has no line end
    result = run(runner, given, "agency", "-", "--jsonl")
    assert result.exit_code == 1
    answers = lines_of(result.stdout)
    assert [a["query"] for a in answers] == ["DHS", "zzqx", "", "   ", "Department", "ICE"]
    alone = invoke(runner, "agency", "zzqx")
    assert answers[1] == {
        "query": "zzqx",
        "error": alone.stderr.removeprefix("tip: ").strip(),
        "exit_code": alone.exit_code,
    }
    assert answers[2]["exit_code"] == 2 and "no letters or digits" in answers[2]["error"]
    assert "matches" in answers[4]["error"] and answers[4]["exit_code"] == 1
    assert answers[5]["answer"]["id"] == "dhs-ice"
    assert result.stderr == "tip: 4 of 6 queries had no answer; their lines say why\n"


def test_lines_that_are_not_queries_are_answered_as_errors(runner: CliRunner) -> None:
    """Carriage returns are dropped; a line that is not UTF-8 or too long to read is
    an error of its own, and the lines after it are still answered."""
    too_long = b"x" * (MAX_LINE_BYTES + 10)
    given = b"DHS\r\n\xff\xfeDHS\n" + too_long + b"\nICE\n"
    result = run(runner, given, "agency", "-", "--jsonl")
    answers = lines_of(result.stdout)
    assert answers[0]["answer"]["id"] == "dhs"
    assert answers[1]["error"] == "line 2 is not UTF-8 text"
    assert answers[2]["error"] == "line 3 is longer than 65,536 bytes"
    assert answers[3]["answer"]["id"] == "dhs-ice"
    assert result.exit_code == 1


def _reader(pieces: list[bytes]) -> Callable[[int], bytes]:
    """A read function that gives these pieces, one a call, then the end."""
    remaining = iter([*pieces, b""])
    return lambda _size: next(remaining)


def test_input_arriving_in_pieces_is_split_into_the_same_lines() -> None:
    """However the reads cut the input, the lines and their numbers are the same."""
    given = b"DHS\nICE\r\n\xff\n" + b"y" * (MAX_LINE_BYTES + 5) + b"\nlast"
    for size in (1, 2, 7, 4096, MAX_LINE_BYTES + 100):
        pieces = [given[i : i + size] for i in range(0, len(given), size)]
        got = [line for arrived in arrivals(_reader(pieces)) for line in arrived]
        assert [(line.number, line.text) for line in got] == [
            (1, "DHS"),
            (2, "ICE"),
            (3, "\ufffd"),
            (4, ""),
            (5, "last"),
        ], size
        assert got[3].problem == f"line 4 is longer than {MAX_LINE_BYTES:,} bytes"


def test_searches_read_from_standard_input(runner: CliRunner) -> None:
    """Each line is a search with the command's options; the answer holds the hits
    `tip search` prints, how many there are in all, and any corrected word."""
    given = b"victim services\nvisas\nstateies\nthe\n"
    result = run(runner, given, "search", "-", "--jsonl", "--limit", "3")
    assert result.exit_code == 1
    answers = lines_of(result.stdout)
    for answer in answers[:3]:
        alone = invoke(runner, "search", answer["query"], "--json", "--limit", "3")
        assert answer["answer"]["hits"] == json.loads(alone.stdout)
    assert len(answers[0]["answer"]["hits"]) == len(answers[1]["answer"]["hits"]) == 3
    shown_all = invoke(runner, "search", "visas", "--json", "--limit", "1000")
    assert answers[1]["answer"]["total"] == len(json.loads(shown_all.stdout))
    assert answers[2]["answer"]["corrected"] == [{"typed": "stateies", "searched": "strategies"}]
    assert answers[3]["error"] == "nothing matches 'the': its words are too common to look for"


def test_search_filters_apply_to_every_line(runner: CliRunner) -> None:
    result = run(runner, b"visa\ntraining\n", "search", "-", "--jsonl", "--agency", "DHS")
    for answer in lines_of(result.stdout):
        alone = invoke(runner, "search", answer["query"], "--agency", "DHS", "--json")
        assert answer["answer"]["hits"] == json.loads(alone.stdout)


@pytest.mark.parametrize("command", ["agency", "search"])
@pytest.mark.parametrize("flag", [[], ["--json"], ["--plain"]])
def test_queries_from_standard_input_need_jsonl(
    runner: CliRunner, command: str, flag: list[str]
) -> None:
    result = run(runner, b"DHS\n", command, "-", *flag)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "tip: reading queries from standard input ('-') needs --jsonl\n"


def test_a_data_file_that_cannot_be_read_stops_before_any_answer(runner: CliRunner) -> None:
    result = run(runner, b"DHS\n", "agency", "-", "--jsonl", "--data", "/nonexistent.toml")
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("tip: ")


def test_a_single_card_as_json_lines_is_one_line(runner: CliRunner) -> None:
    result = invoke(runner, "agency", "DHS", "--jsonl")
    assert result.stdout.count("\n") == 1
    assert json.loads(result.stdout) == json.loads(invoke(runner, "agency", "DHS", "--json").stdout)


def test_each_answer_is_written_as_soon_as_its_line_is_read() -> None:
    """A program that writes a query and waits for its answer gets it (a coprocess)."""
    with subprocess.Popen(
        [TIP, "agency", "-", "--jsonl"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdin is not None and process.stdout is not None
        for query, expected in (("DHS", "dhs"), ("ICE", "dhs-ice"), ("G/TIP", "dos-gtip")):
            process.stdin.write(query.encode() + b"\n")
            process.stdin.flush()
            answer = json.loads(process.stdout.readline())
            assert (answer["query"], answer["answer"]["id"]) == (query, expected)
        process.stdin.close()
        assert process.wait(timeout=30) == 0
