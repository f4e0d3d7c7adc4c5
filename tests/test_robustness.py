"""Bad and odd input never produces a traceback, a half line, or raw control characters."""

from __future__ import annotations

import string
import unicodedata
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tipcli.cli.app import full_app
from tipcli.data import canonical, files, load
from tipcli.data.model import (
    Alias,
    Directory,
    Hotline,
    Membership,
    Operator,
    Organisation,
    PhoneNumber,
    Responsibility,
    Source,
    Topic,
)
from tipcli.data.text import printable
from tipcli.errors import DataFileError
from tipcli.query import index
from tipcli.query.index import Index

INDEX = Index.build(load.load().directory)

ODD_QUERIES = [
    "",
    "   ",
    "a" * 10_000,
    "\x1b]0;pwned\x07DHS",
    "\x1b[31mICE\x1b[0m",
    "DHS\u202e",
    "Département d'État",
    "🚨",
    "DHS\tICE",
    "--",
    "'",
    '"; rm -rf /',
    "\u0000",
    "\ufb01 ligature",
    "\uff24\uff28\uff33",
]
COMMANDS = [
    ["agency"],
    ["search"],
    ["hotline"],
    ["body"],
    ["list", "--parent"],
    ["search", "x", "--topic"],
]


def _has_control(text: str) -> bool:
    return any(unicodedata.category(c) in ("Cc", "Cf") for c in text.replace("\n", ""))


def _check(result: Any) -> None:
    """What every run must look like, whatever it was given."""
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1, 2)
    if result.exit_code != 0:
        assert result.stdout == ""
        assert result.stderr.startswith("tip: ") and result.stderr.count("\n") == 1
        assert len(result.stderr) < 2000
    assert not _has_control(result.stderr)
    assert "Traceback" not in result.stderr


@pytest.fixture(autouse=True)
def _cached_index(monkeypatch: pytest.MonkeyPatch) -> None:
    # These tests are about queries; loading is tested elsewhere, so load once.
    monkeypatch.setattr(index, "open_index", lambda data: INDEX)


@pytest.mark.parametrize("query", ODD_QUERIES, ids=range(len(ODD_QUERIES)))
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c))
def test_odd_queries(runner: CliRunner, command: list[str], query: str) -> None:
    _check(runner.invoke(full_app(), [*command, query]))


def test_long_queries_are_cut_in_messages(runner: CliRunner) -> None:
    result = runner.invoke(full_app(), ["agency", "a" * 10_000])
    assert result.exit_code == 1
    assert result.stderr == f"tip: no organisation matches '{'a' * 60}… (10000 characters)'\n"


def test_full_width_letters_find_the_agency(runner: CliRunner) -> None:
    """Compatibility folding (NFKC): full-width DHS is DHS."""
    full_width = "\uff24\uff28\uff33"
    result = runner.invoke(full_app(), ["agency", full_width, "--plain"])
    assert result.stdout.startswith("id\tdhs\n")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(max_size=300))
def test_any_query_gives_0_1_or_2(runner: CliRunner, query: str) -> None:
    for command in (["agency"], ["search"], ["hotline"]):
        _check(runner.invoke(full_app(), [*command, query]))


# Random edits of the bundled file are loaded or refused, never crash. ---------------

TEXT = files.bundled_path().read_text(encoding="utf-8")
LINES = TEXT.splitlines(keepends=True)


@st.composite
def edited(draw: st.DrawFn) -> str:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 3))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        edit = draw(st.sampled_from(["delete", "duplicate", "swap", "char", "truncate"]))
        if edit == "delete":
            del lines[i]
        elif edit == "duplicate":
            lines.insert(i, lines[i])
        elif edit == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif edit == "char" and lines[i]:
            k = draw(st.integers(0, len(lines[i]) - 1))
            lines[i] = lines[i][:k] + draw(st.characters()) + lines[i][k + 1 :]
        elif edit == "truncate":
            lines = lines[:i]
    return "".join(lines)


@settings(max_examples=80, deadline=None)
@given(text=edited())
def test_edited_files_load_or_are_refused_in_one_line(text: str) -> None:
    try:
        directory = load.directory_from_text(text, "edited.toml")
    except DataFileError as err:
        assert err.exit_code == 3
        # What reaches the terminal: every message goes through printable() on its way
        # out, which escapes whatever the file held (here, possibly a control character).
        shown = printable(err.message)
        assert "\n" not in shown
        assert not _has_control(shown)
    else:
        assert isinstance(directory, Directory)


# load(dump(x)) == x for generated directories. -------------------------------------

_WORD = st.text(alphabet=string.ascii_letters + string.digits + "éü'-&", min_size=1, max_size=8)
_LINE = st.lists(_WORD, min_size=1, max_size=6).map(" ".join)
_SOURCES = ("s-2001", "s-2002")


@st.composite
def directories(draw: st.DrawFn) -> Directory:
    cite = st.lists(st.sampled_from(_SOURCES), min_size=1, max_size=2, unique=True).map(tuple)
    sources = tuple(
        Source(
            id=sid,
            title=draw(_LINE),
            publisher=draw(_LINE),
            kind="web page",
            date=sid[2:],
            file=f"{sid}.txt",
            date_inferred=draw(st.booleans()),
        )
        for sid in _SOURCES
    )
    topics = (Topic(id="topic-a", label=draw(_LINE), description=draw(_LINE)),)
    count = draw(st.integers(1, 5))
    orgs = []
    for n in range(count):
        org_id = f"org-{n}"
        orgs.append(
            Organisation(
                id=org_id,
                # The id keeps names distinct, which the directory requires.
                name=f"{draw(_LINE)} {org_id}",
                kind=draw(st.sampled_from(["department", "office", "interagency-body"])),
                summary=draw(_LINE),
                sources=draw(cite),
                acronym=draw(st.sampled_from(["", f"O{n}X"])),
                parent=f"org-{n - 1}" if n and draw(st.booleans()) else "",
                aliases=tuple(
                    Alias(name=f"alias {org_id} {k}", sources=draw(cite), type="variant")
                    for k in range(draw(st.integers(0, 2)))
                ),
                responsibilities=tuple(
                    Responsibility(
                        text=draw(_LINE),
                        topics=("topic-a",),
                        pillars=("protection",),
                        sources=draw(cite),
                    )
                    for _ in range(draw(st.integers(0, 3)))
                ),
            )
        )
    hotlines = (
        Hotline(
            id="line-1", name=draw(_LINE), purpose=draw(_LINE), audience=draw(_LINE),
            sources=draw(cite),
            numbers=(PhoneNumber("1-800-FLOWERS", "+18003569377", draw(cite)),),
            operators=(Operator("org-0", "runs", draw(cite)),),
        ),
    )  # fmt: skip
    bodies = [o.id for o in orgs if o.kind == "interagency-body"]
    memberships = tuple(
        Membership(body=bodies[0], member=o.id, role="member", sources=draw(cite))
        for o in orgs
        if bodies and o.id != bodies[0]
    )
    return Directory(
        sources=sources, topics=topics, organisations=tuple(orgs), hotlines=hotlines,
        memberships=memberships,
    )  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(directory=directories())
def test_load_of_dump_is_identity(directory: Directory) -> None:
    text = canonical.dumps(directory)
    again = load.directory_from_text(text, "generated.toml")
    assert again == directory
    assert canonical.dumps(again) == text
