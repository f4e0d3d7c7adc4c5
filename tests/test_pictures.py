"""The matrix and the graph: grids for people and scripts, DOT and Mermaid for drawing."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import REPO, invoke, private_env

# The installed program beside this interpreter, as in the other subprocess tests.
TIP = Path(sys.executable).with_name("tip")


def test_matrix_by_body_shows_roles_in_the_newest_record(runner: CliRunner) -> None:
    rows = {r["id"]: r for r in json.loads(invoke(runner, "matrix", "--json").stdout)}
    assert rows["dos"]["pitf"] == ["chair"] and rows["dos"]["spog"] == ["chair"]
    assert rows["treasury"]["pitf"] == ["member"]
    assert "dci" not in rows
    in_2005 = {
        r["id"]: r for r in json.loads(invoke(runner, "matrix", "--as-of", "2005", "--json").stdout)
    }
    assert in_2005["dci"]["pitf"] == ["member"] and "treasury" not in in_2005


@pytest.mark.parametrize("by", ["topic", "3p"])
def test_matrix_counts_match_the_responsibilities(runner: CliRunner, by: str) -> None:
    rows = list(csv.DictReader(io.StringIO(invoke(runner, "matrix", "--by", by, "--csv").stdout)))
    card = json.loads(invoke(runner, "agency", "DOD", "--json").stdout)
    dod = next(r for r in rows if r["id"] == "dod")
    key = "topics" if by == "topic" else "pillars"
    for column in (c for c in dod if c not in ("id", "name")):
        expected = sum(column in duty[key] for duty in card["responsibilities"])
        assert int(dod[column]) == expected, column


def test_matrix_grid_fits_80_columns() -> None:
    if shutil.which("script") is None:
        pytest.skip("util-linux 'script' is not installed")
    for by in ("body", "topic", "3p"):
        done = subprocess.run(
            ["script", "-qec", f"{TIP} matrix --by {by}", "/dev/null"],
            capture_output=True, text=True, check=False,
            env=private_env(PATH="/usr/bin:/bin", TERM="xterm", COLUMNS="80", NO_COLOR="1"),
        )  # fmt: skip
        text = re.sub(r"\x1b\[[0-9;]*m", "", done.stdout).replace("\r", "")
        widths = [sum(2 if unicodedata.east_asian_width(c) == "W" else 1 for c in line)
                  for line in text.splitlines()]  # fmt: skip
        assert len(widths) > 10 and max(widths) <= 80, (by, text[:200])


def test_graph_edges_of_every_kind(runner: CliRunner) -> None:
    dot = invoke(runner, "graph").stdout
    assert dot.startswith("digraph tip {\n") and dot.endswith("}\n")
    labels = set(re.findall(r'\[label="([^"]+)"(?:, style=dashed)?\];$', dot, re.M))
    assert {"part", "member", "chair", "runs", "partner", "produces"} <= labels


def _render_dot(text: str) -> str:
    if shutil.which("dot") is None:
        pytest.skip("Graphviz is not installed")
    done = subprocess.run(
        ["dot", "-Tsvg"], input=text, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("query", [[], ["PITF"], ["HSTC"], ["DOJ"]])
def test_dot_renders_with_graphviz(runner: CliRunner, query: list[str]) -> None:
    svg = _render_dot(invoke(runner, "graph", *query).stdout)
    assert svg.lstrip().startswith("<?xml") and "</svg>" in svg


def test_mermaid_structure(runner: CliRunner) -> None:
    text = invoke(runner, "graph", "--format", "mermaid", "PITF").stdout.splitlines()
    assert text[0] == "flowchart LR"
    node = re.compile(r"^  (\w+)(\[\"|\{\{\"|\(\[\"|>\")[^\"]*(\"\]|\"\}\}|\"\]\)|\"\])$")
    edge = re.compile(r"^  (\w+) (-->|-\.->)\|([^|]*)\| (\w+)$")
    defined = {m.group(1) for line in text[1:] if (m := node.match(line))}
    edges = [m for line in text[1:] if (m := edge.match(line))]
    assert len(defined) + len(edges) == len(text) - 1
    assert {"pitf", "spog", "dos", "spog_aian"} <= defined
    assert all(m.group(1) in defined and m.group(4) in defined for m in edges)


def test_labels_are_escaped(runner: CliRunner, tmp_path: Path) -> None:
    data = (REPO / "data" / "agencies.toml").read_text(encoding="utf-8")
    hostile = data.replace('name = "Human Smuggling and Trafficking Center"',
                           'name = "The \\"Center\\" \\\\ of | things"')  # fmt: skip
    path = tmp_path / "hostile.toml"
    path.write_text(hostile, encoding="utf-8")
    dot = invoke(runner, "graph", "HSTC", "--data", str(path)).stdout
    assert 'label="The \\"Center\\" \\\\ of | things (HSTC)"' in dot
    _render_dot(dot)
    mermaid = invoke(runner, "graph", "HSTC", "-f", "mermaid", "--data", str(path)).stdout
    assert 'hstc{{"The #quot;Center#quot; \\ of | things (HSTC)"}}' in mermaid


def test_committed_graph_is_the_tools_own(runner: CliRunner) -> None:
    """docs/pitf-graph.svg was drawn from `tip graph PITF`: every node is in it."""
    svg = html.unescape((REPO / "docs" / "pitf-graph.svg").read_text(encoding="utf-8"))
    dot = invoke(runner, "graph", "PITF").stdout
    for label in re.findall(r'^  "[^"]+" \[label="([^"]+)", shape=', dot, re.M):
        assert label in svg, label


@pytest.mark.parametrize("query", [[], ["PITF"], ["HSTC"]])
def test_graph_is_the_same_on_every_run(query: list[str]) -> None:
    """Nothing in the output depends on Python's per-process hash seed."""
    outputs = {
        subprocess.run(
            [str(TIP), "graph", *query],
            capture_output=True,
            text=True,
            check=True,
            env=private_env(PATH="/usr/bin:/bin", PYTHONHASHSEED=str(seed)),
        ).stdout
        for seed in range(1, 9)
    }
    assert len(outputs) == 1
