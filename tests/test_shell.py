"""The installed tip inside real bash pipelines, with jq, grep, cut and sort."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BIN = str(Path(sys.executable).parent)


def sh(pipeline: str) -> str:
    if shutil.which("jq") is None:
        pytest.skip("jq is not installed")
    env = {**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}"}
    env.pop("TIP_DATA", None)
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", pipeline],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_dialable_numbers_with_jq_and_sort() -> None:
    out = sh("tip hotline --json | jq -r '.[].dialable' | sort")
    assert out.split() == ["+18025274888", "+18663472423", "+18883737888", "+18884287581"]


def test_departments_by_acronym_with_cut_and_grep() -> None:
    out = sh(
        "tip list --kind department --tsv --fields acronym,name"
        " | cut -f1 | grep -v '^acronym$' | grep . | sort"
    )
    assert out.split() == ["DHS", "DOD", "DOI", "DOJ", "DOL", "DOS", "DOT", "ED", "HHS", "USDA"]


def test_count_statements_by_kind_with_sort_and_uniq() -> None:
    out = sh("tip search 'victim services' -n 1000 --fields kind | sort | uniq -c | sort -rn")
    counts = {line.split()[1]: int(line.split()[0]) for line in out.splitlines()}
    assert counts["responsibility"] > counts.get("hotline", 0)
    assert set(counts) <= {"responsibility", "organisation", "program", "hotline", "law", "figure"}


def test_export_jsonl_select_with_jq() -> None:
    out = sh("tip export --format jsonl | jq -r 'select(.table == \"hotlines\") | .id'")
    assert out.split() == ["nhth", "ice-tip-line", "crt-complaint-line", "vawa-helpline"]


def test_who_sat_on_the_pitf_in_2005_and_not_later() -> None:
    then = sh("tip pitf --as-of 2005 --json | jq -r '.members[].member' | sort")
    now = sh("tip pitf --json | jq -r '.members[].member' | sort")
    left = sorted(set(then.split()) - set(now.split()))
    assert left == ["dci"]


def test_grep_a_card_for_one_kind_of_record() -> None:
    out = sh("tip agency HHS | grep '^program' | cut -f3")
    assert "Rescue & Restore Victims of Human Trafficking" in out.splitlines()


COUNT_PITF = 'print(sum(1 for r in csv.DictReader(sys.stdin) if r["body"] == "pitf"))'


def test_csv_through_a_csv_reader() -> None:
    out = sh(
        f"tip export --format csv --table memberships | python3 -c 'import csv, sys; {COUNT_PITF}'"
    )
    assert int(out) > 20
