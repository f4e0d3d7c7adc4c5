"""Faults a user's system can throw at `tip`: a full disk, a closed or broken standard
output, and more; each ends with one line on stderr and a documented exit code."""

from __future__ import annotations

import copy
import os
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.conftest import SMALL
from tipcli.cli.app import full_app

TIP = Path(sys.executable).with_name("tip")


def _run(args: list[str], **popen: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [str(TIP), *args], stderr=subprocess.PIPE, timeout=60, check=False, **popen
    )


@pytest.mark.parametrize("unbuffered", ["", "1"])
@pytest.mark.parametrize("args", [["list"], ["export"], ["agency", "DHS", "--json"]])
def test_a_full_disk_is_one_line_and_exit_4(args: list[str], unbuffered: str) -> None:
    """With or without PYTHONUNBUFFERED, nothing is reported as written that was not."""
    env = {**os.environ, "PYTHONUNBUFFERED": unbuffered}
    with Path("/dev/full").open("wb") as full:
        done = _run(args, stdout=full, env=env)
    assert done.returncode == 4
    assert done.stderr == b"tip: cannot write the output: No space left on device\n"


def test_a_closed_standard_output_is_one_line() -> None:
    done = subprocess.run(
        f"{TIP} list >&-", shell=True, stderr=subprocess.PIPE, timeout=60, check=False
    )
    assert done.returncode == 4
    assert done.stderr == b"tip: cannot write the output: standard output is closed\n"


@pytest.mark.parametrize("args", [["--help"], ["agency", "--help"], ["list"], ["pitf"]])
def test_a_reader_gone_before_tip_writes_is_141(args: list[str]) -> None:
    """Help and usage are printed by Click itself; they end as data does."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        done = _run(args, stdout=writer)
    finally:
        os.close(writer)
    assert (done.returncode, done.stderr) == (141, b"")


# Every value a TOML or JSON file can hold, at any depth, of any size.
_SCALARS = (
    st.text(max_size=30)
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=True)
    | st.booleans()
    | st.datetimes().map(lambda d: d.isoformat())
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)
_SMALL = tomllib.loads(SMALL.read_text(encoding="utf-8"))


def _places(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path to every value in a parsed file."""
    found = [path] if path else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _places(value, (*path, key))
    elif isinstance(node, list):
        for position, value in enumerate(node):
            found += _places(value, (*path, position))
    return found


PLACES = _places(_SMALL)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(place=st.sampled_from(PLACES), value=_VALUES)
def test_any_value_in_any_field_is_a_clean_answer(place: tuple[Any, ...], value: Any) -> None:
    """Arrays, tables, huge numbers, nesting and odd text in every field: valid, or
    refused with its problems in one line each, never a traceback."""
    import json as json_module

    data = copy.deepcopy(_SMALL)
    target = data
    for step in place[:-1]:
        target = target[step]
    target[place[-1]] = value
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "edited.json"
        path.write_text(json_module.dumps(data, default=str), encoding="utf-8")
        for args in (["validate", str(path)], ["--data", str(path), "agency", "DOA"]):
            result = CliRunner().invoke(full_app(), args)
            crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
            assert not crashed, (args, repr(result.exception))
            assert result.exit_code in (0, 1, 3), args
            if result.exit_code:
                assert result.stderr.startswith("tip: ") and result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("format = 1\nx = " + "[" * 500 + "]" * 500 + "\n", "1:1: TOML nested too deeply to read"),
        ("format = " + "9" * 5000 + "\n", "1:1: a number in the TOML has too many digits to read"),
    ],
    ids=["deep-nesting", "huge-number"],
)
def test_a_file_beyond_what_a_parser_reads_is_not_well_formed(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "odd.toml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(full_app(), ["validate", str(path)])
    assert (result.exit_code == 3 and result.exception is None) or isinstance(
        result.exception, SystemExit
    )
    assert result.stdout == f"{path}:{message}\n"
    assert result.stderr == f"tip: {path} is not well-formed\n"


def test_json_nested_too_deeply_is_not_well_formed(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"format": 1, "x": ' + "[" * 5000 + "]" * 5000 + "}", encoding="utf-8")
    result = CliRunner().invoke(full_app(), ["--data", str(path), "sources"])
    assert result.exit_code == 3
    assert result.stderr == f"tip: {path}:1:1: JSON nested too deeply to read\n"


def test_a_kind_that_is_an_array_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "k.toml"
    path.write_text(
        SMALL.read_text(encoding="utf-8").replace('kind = "department"', 'kind = ["department"]'),
        encoding="utf-8",
    )
    result = CliRunner().invoke(full_app(), ["validate", str(path)])
    assert result.exit_code == 3
    assert f"{path}:organisations[doa].kind: expected text, found an array" in result.stdout


def test_a_byte_order_mark_is_no_part_of_the_text(tmp_path: Path) -> None:
    """Some editors put one first; it is not the 'Invalid statement' it used to be."""
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + SMALL.read_bytes())
    result = CliRunner().invoke(full_app(), ["validate", str(path)])
    assert result.exit_code == 0 and "valid (" in result.stdout


def _deep_chain(tmp_path: Path, depth: int, *, loop: bool = False) -> Path:
    """The small directory with a chain of `depth` offices, each under the one before
    (with `loop`, the first under the last)."""
    data = copy.deepcopy(_SMALL)
    top = f"level-{depth - 1}" if loop else "doa"
    for level in range(depth):
        data["organisations"].append(
            {
                "id": f"level-{level}",
                "name": f"Office at level {level}",
                "kind": "office",
                "parent": f"level-{level - 1}" if level else top,
                "summary": "An office in a long chain.",
                "sources": ["report-2005"],
            }
        )
    path = tmp_path / "deep.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


def test_a_chain_deeper_than_python_is_no_crash(tmp_path: Path) -> None:
    """Validation, the tree, a card and a scoped search walk their own stacks."""
    path = _deep_chain(tmp_path, 3000)
    runner = CliRunner()
    for args in (
        ["validate", str(path)],
        ["--data", str(path), "tree", "--plain"],
        ["--data", str(path), "agency", "DOA", "--json"],
        ["--data", str(path), "agency", "level-2999", "--plain"],
        ["--data", str(path), "search", "chain", "--agency", "DOA", "--limit", "1"],
        ["--data", str(path), "list", "--parent", "DOA", "--tsv", "--fields", "id"],
    ):
        result = runner.invoke(full_app(), args)
        assert result.exit_code == 0, (args, repr(result.exception), result.stderr)
    tree = runner.invoke(full_app(), ["--data", str(path), "tree", "--plain"]).stdout
    assert " " * 6000 + "Office at level 2999 [office]" in tree.splitlines()


def test_a_long_cycle_is_found_in_one_pass(tmp_path: Path) -> None:
    path = _deep_chain(tmp_path, 3000, loop=True)
    result = CliRunner().invoke(full_app(), ["validate", str(path)])
    assert result.exit_code == 3
    assert result.stdout.count("parents form a cycle: level-0 -> level-2999 -> ") == 1


def test_standard_input_is_read_once_and_not_cached(tmp_path: Path) -> None:
    """A search reads its data file for the cache key and again to load it: from a pipe
    the second read found nothing. A pipe is read once a run, and never cached."""
    cache = tmp_path / "cache"
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    for args in (["search", "victims"], ["agency", "DOA", "--json"]):
        done = subprocess.run(
            [str(TIP), "--data", "/dev/stdin", *args],
            input=SMALL.read_bytes(), capture_output=True, env=env, timeout=60, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
    assert not (cache / "tipcli").exists() or not list((cache / "tipcli").iterdir())


def test_a_fifo_is_read_once(tmp_path: Path) -> None:
    fifo = tmp_path / "data.toml"
    os.mkfifo(fifo)
    reader = subprocess.Popen(
        [str(TIP), "--data", str(fifo), "search", "victims", "--limit", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    fifo.write_bytes(SMALL.read_bytes())
    out, err = reader.communicate(timeout=30)
    assert reader.returncode == 0, err
    assert out.startswith(b"organisation\t")


def test_a_data_file_past_the_size_limit_is_refused() -> None:
    done = _run(["--data", "/dev/zero", "agency", "DHS"], stdout=subprocess.PIPE)
    assert done.returncode == 3
    assert done.stderr == b"tip: data file is larger than 256 MB: /dev/zero\n"


def test_a_runaway_list_of_problems_is_cut_and_counted(tmp_path: Path) -> None:
    path = tmp_path / "empty.toml"
    path.write_text("format = 1\n" + "[[organisations]]\n" * 5000, encoding="utf-8")
    result = CliRunner().invoke(full_app(), ["validate", str(path)])
    assert result.exit_code == 3
    assert len(result.stdout.splitlines()) == 200
    assert result.stderr == f"tip: 25002 problems in {path} (the first 200 shown)\n"


@pytest.mark.parametrize(("signum", "code"), [("SIGTERM", 143), ("SIGHUP", 129), ("SIGINT", 130)])
def test_a_signal_ends_quietly_with_its_code(tmp_path: Path, signum: str, code: int) -> None:
    """tip waits on a FIFO no one writes; the signal ends it with 128 + its number."""
    import signal
    import time

    fifo = tmp_path / "never.toml"
    os.mkfifo(fifo)
    process = subprocess.Popen(
        [str(TIP), "--data", str(fifo), "sources"], stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    time.sleep(0.5)
    process.send_signal(getattr(signal, signum))
    _, err = process.communicate(timeout=30)
    assert (process.returncode, err) == (code, b"")


def test_a_write_cut_short_leaves_no_temporary_file(tmp_path: Path) -> None:
    """A signal while a file is being replaced (here raised by the data being written)
    removes the temporary file and leaves the old one as it was."""
    from tipcli.data import atomic
    from tipcli.main import Interrupted

    target = tmp_path / "kept.toml"
    target.write_text("old\n")

    def chunks() -> Iterator[bytes]:
        yield b"new, half"
        raise Interrupted(15)

    with pytest.raises(Interrupted):
        atomic.replace(target, chunks(), durable=True)
    assert [p.name for p in tmp_path.iterdir()] == ["kept.toml"]
    assert target.read_text() == "old\n"


@pytest.mark.parametrize(
    "args",
    [["--data", "", "agency", "DHS"], ["agency", "DHS", "--data", ""], ["validate", ""]],
)
def test_an_empty_data_path_is_a_usage_error(args: list[str]) -> None:
    """Most likely an unset shell variable: the bundled data would answer another question."""
    done = _run(args, stdout=subprocess.PIPE)
    assert (done.returncode, done.stdout) == (2, b"")
    assert done.stderr == b"tip: the data file path is empty\n"


def test_an_empty_tip_data_counts_as_unset() -> None:
    done = _run(
        ["agency", "DHS", "--plain"], stdout=subprocess.PIPE, env={**os.environ, "TIP_DATA": ""}
    )
    assert done.returncode == 0
    assert b"Department of Homeland Security" in done.stdout


def test_a_data_path_that_is_not_utf8_is_named_by_its_bytes(tmp_path: Path) -> None:
    """In messages the byte shows as \\xff, as `ls -b` shows it; a good file is cached
    under a name of safe characters."""
    good = os.fsencode(tmp_path) + b"/\xff.toml"
    Path(os.fsdecode(good)).write_bytes(SMALL.read_bytes())
    done = _run(["--data", os.fsdecode(good), "list"], stdout=subprocess.PIPE)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"doa\t")
    cached = [p.name for p in (Path(os.environ["XDG_CACHE_HOME"]) / "tipcli").iterdir()]
    assert any(name.startswith("_.toml-") for name in cached)
    bad = os.fsdecode(os.fsencode(tmp_path) + b"/\xfe.toml")
    Path(bad).write_bytes(b"format = \n")
    done = _run(["--data", bad, "list"], stdout=subprocess.PIPE)
    assert done.returncode == 3
    assert (
        done.stderr == f"tip: {tmp_path}/\\xfe.toml:1:10: malformed TOML: Invalid value\n".encode()
    )


def test_a_suggested_command_quotes_the_file_name(tmp_path: Path) -> None:
    """A file named to run a command when pasted is suggested as a name."""
    name = "x$(touch PWNED).toml"
    (tmp_path / name).write_text("[[organisations]]\nid = 'a'\n")
    done = _run(["--data", name, "list"], cwd=tmp_path)
    assert done.returncode == 3
    assert done.stderr.decode().endswith("run: tip validate 'x$(touch PWNED).toml')\n")


def test_a_suggested_command_spells_a_name_that_is_not_utf8_byte_by_byte(
    tmp_path: Path,
) -> None:
    """Pasted into bash, $'d\\xff.toml' names the very file."""
    name = os.fsdecode(b"d\xff.toml")
    (tmp_path / name).write_text("[[organisations]]\nid = 'a'\n")
    done = _run(["--data", name, "list"], cwd=tmp_path)
    suggested = done.stderr.decode().rsplit("run: ", 1)[1].removesuffix(")\n")
    assert suggested == "tip validate $'d\\xff.toml'"
    pasted = subprocess.run(
        ["bash", "-c", f"ls -1 {suggested.removeprefix('tip validate ')}"],
        cwd=tmp_path,
        capture_output=True,
        check=False,
    )
    assert pasted.stdout == b"d\xff.toml\n"


@pytest.mark.parametrize(
    "environ",
    [
        {"_TIP_COMPLETE": "complete_bash", "COMP_WORDS": "tip agency D", "COMP_CWORD": "2"},
        {},
    ],
    ids=["completion", "help"],
)
def test_a_full_disk_under_click_output_is_one_line(environ: dict[str, str]) -> None:
    """Help and completions are printed by Click; a full disk there is no traceback."""
    with Path("/dev/full").open("wb") as full:
        done = _run([] if environ else ["--help"], stdout=full, env={**os.environ, **environ})
    assert done.returncode == 4
    assert done.stderr == b"tip: cannot write the output: No space left on device\n"


@pytest.mark.parametrize(
    "tip_data",
    ["deep.toml", "not-utf8.toml", ".", "\udcff.toml", "/dev/zero", "missing.toml"],
)
def test_completion_is_silent_on_any_data_file(tmp_path: Path, tip_data: str) -> None:
    """Whatever TIP_DATA names, completion prints nothing into the command line."""
    (tmp_path / "deep.toml").write_text("a = " + "[" * 5000 + "\n")
    (tmp_path / "not-utf8.toml").write_bytes(b"\xff\xfe")
    environ = {
        **os.environ,
        "TIP_DATA": tip_data,
        "_TIP_COMPLETE": "complete_bash",
        "COMP_WORDS": "tip agency D",
        "COMP_CWORD": "2",
    }
    done = _run([], stdout=subprocess.PIPE, env=environ, cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (0, b"\n", b"")


def test_a_signal_python_would_ignore_is_raised_again_where_it_counts() -> None:
    """A signal landing in a callback of the import system is dropped by Python with an
    "Exception ignored" traceback; `tip` raises it again a moment later."""
    import signal
    import time
    from types import SimpleNamespace

    from tipcli.main import Interrupted, _unraisable

    before = signal.getsignal(signal.SIGALRM)
    try:
        with pytest.raises(Interrupted) as caught:
            _unraisable(SimpleNamespace(exc_value=Interrupted(signal.SIGTERM)))
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline:
                pass
        assert caught.value.signum == signal.SIGTERM
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)
