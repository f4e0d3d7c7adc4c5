"""A large file checked in a process of its own while `tip` builds from it: the same
answers and the same errors as a file checked first, nothing cached of a file found
invalid, and no check left running after the run."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import SMALL, TIP, invoke, private_env
from tipcli.data import database, verdict
from tipcli.errors import InvalidDataError, Problems

# Ways to break the small directory, each one rule that only the check knows of.
BREAKS = {
    "unknown key": ('id = "doa"\n', 'id = "doa"\nbogus = 1\n'),
    # Department of Alpha under its own office's office: a walk up or down never ends.
    "parent cycle": ('id = "doa"\n', 'id = "doa"\nparent = "doa-boi-vho"\n'),
    "wrong type": ('name = "Department of Alpha"', "name = 55"),
}
QUESTIONS = {
    "search": ("search", "victim"),
    "filtered search": ("search", "victim", "--agency", "DOA"),
    "search with no hits": ("search", "zzqxv"),
    "lookup": ("agency", "DOA", "--json"),
}


@pytest.fixture
def forking(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check runs beside the run, however many cores this machine has, and the
    caches a run leaves to be written after it are, as by `tip` itself, left (to
    `after_the_run`): written at once, they would wait for the check first."""
    monkeypatch.setattr(verdict, "_room_beside", lambda size: True)
    monkeypatch.delenv("TIP_CACHE_WAIT")
    monkeypatch.setattr(database, "_PENDING", [])


class RunNeverEnded(BaseException):
    """Not an Exception, which `tip` would take for the fault of a file found invalid."""


@pytest.fixture(autouse=True)
def within_a_minute() -> Iterator[None]:
    """A run that would never end (a walk round a cycle of parents, unchecked) fails."""

    def stop(signum: int, frame: object) -> None:
        raise RunNeverEnded("the run did not end within a minute")

    before = signal.signal(signal.SIGALRM, stop)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, before)


def after_the_run() -> None:
    """What the run's exit writes, written here (where `tip` forks a process for it)."""
    for write in database.due():
        write()


def broken(folder: Path, name: str) -> Path:
    old, new = BREAKS[name]
    text = SMALL.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = folder / f"{name.replace(' ', '-')}.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def cached() -> list[str]:
    folder = Path(os.environ["XDG_CACHE_HOME"]) / "tipcli"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def checked_first(monkeypatch: pytest.MonkeyPatch, runner: CliRunner, *args: str) -> Any:
    """`tip ARGS` with the check made before anything else, as where no child can run."""
    with monkeypatch.context() as patch:
        patch.setattr(verdict, "_room_beside", lambda size: False)
        result = invoke(runner, *args)
    after_the_run()
    return result


@pytest.mark.usefixtures("every_file_large", "forking")
@pytest.mark.parametrize("question", QUESTIONS)
@pytest.mark.parametrize("fault", BREAKS)
def test_a_file_checked_beside_the_run_fails_as_one_checked_first(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fault: str, question: str
) -> None:
    """Whatever the run had built meanwhile, and whatever it would have answered: the
    invalid file's one error line and exit code 3, and no cache file of it."""
    args = ("--data", str(broken(tmp_path, fault)), *QUESTIONS[question])
    beside = invoke(runner, *args)
    after_the_run()
    assert (beside.exit_code, beside.stdout) == (3, "")
    assert beside.stderr.startswith(f"tip: invalid data file: {tmp_path}")
    assert cached() == []
    first = checked_first(monkeypatch, runner, *args)
    assert (first.exit_code, first.stdout, first.stderr) == (3, "", beside.stderr)


@pytest.mark.usefixtures("every_file_large", "forking")
def test_an_added_file_checked_beside_the_run_is_named_as_when_checked_first(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    added = tmp_path / "added.toml"
    added.write_text('format = 1\n[[organisations]]\nid = "doa"\nname = "Twice"\n')
    args = ("--data", str(SMALL), "--add", str(added), "search", "victim")
    beside = invoke(runner, *args)
    assert beside.exit_code == 3
    assert "added.toml" in beside.stderr
    first = checked_first(monkeypatch, runner, *args)
    assert (first.exit_code, first.stderr) == (3, beside.stderr)


@pytest.mark.usefixtures("every_file_large", "forking")
@pytest.mark.parametrize("question", QUESTIONS)
def test_a_valid_file_checked_beside_the_run_answers_as_one_checked_first(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, question: str
) -> None:
    args = ("--data", str(SMALL), *QUESTIONS[question])
    beside = invoke(runner, *args)
    after_the_run()
    assert beside.exit_code == (1 if question == "search with no hits" else 0)
    kept = cached()
    assert any(name.endswith(".data.db") for name in kept)
    for name in kept:
        (Path(os.environ["XDG_CACHE_HOME"]) / "tipcli" / name).unlink()
    first = checked_first(monkeypatch, runner, *args)
    assert (first.exit_code, first.stdout, first.stderr) == (
        beside.exit_code,
        beside.stdout,
        beside.stderr,
    )
    assert cached() == kept


@pytest.mark.usefixtures("every_file_large")
@pytest.mark.parametrize("lacking", ["a second core", "memory to spare", "a fork that works"])
def test_without_room_beside_the_run_the_file_is_checked_at_once(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lacking: str
) -> None:
    def no_fork() -> int:
        if lacking == "a fork that works":
            raise OSError("no more processes")
        raise AssertionError(f"forked without {lacking}")

    cores = {0} if lacking == "a second core" else {0, 1}
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: cores)
    memory = 10_000 if lacking == "memory to spare" else 1 << 40
    monkeypatch.setattr(verdict, "_available_memory", lambda: memory)
    monkeypatch.setattr(os, "fork", no_fork)
    result = invoke(runner, "--data", str(broken(tmp_path, "unknown key")), "search", "victim")
    assert result.exit_code == 3
    assert "unknown key 'bogus'" in result.stderr
    assert "Victim Help Office" in invoke(runner, "--data", str(SMALL), "search", "victim").stdout


def test_the_memory_the_system_can_spare_is_read_where_it_says() -> None:
    available = verdict._available_memory()
    if Path("/proc/meminfo").exists():
        assert available is not None and available > 0
    else:
        assert available is None


def endless() -> Problems:
    """A check that would outlast any test."""
    time.sleep(600)
    return Problems()


def one_problem(conclude_as: str) -> tuple[verdict.Conclude, Problems]:
    problems = Problems()
    problems.add("organisations[x].name", f"found by {conclude_as}")

    def conclude(found: Problems) -> None:
        if found.total:
            raise InvalidDataError("f.toml", found.listed, found.total)

    return conclude, problems


@pytest.mark.usefixtures("forking")
def test_every_problem_the_child_finds_comes_back_whole() -> None:
    found = Problems()
    for n in range(Problems.LISTED + 50):
        found.add(f"organisations[o{n}].name", f"café {'x' * 500} №{n}", "added.toml")
    conclude, _ = one_problem("the child")
    verdict.beside(lambda: found, conclude, lambda: Problems(), 1)
    with pytest.raises(InvalidDataError) as raised:
        verdict.settle()
    assert raised.value.problems == found.listed
    assert raised.value.total == Problems.LISTED + 50
    assert not verdict.sound()


@pytest.mark.usefixtures("forking")
def test_a_check_stopped_before_its_verdict_is_made_again_here() -> None:
    conclude, problems = one_problem("this process")

    def killed() -> Problems:
        os.kill(os.getpid(), signal.SIGKILL)
        raise AssertionError("not reached")

    verdict.beside(killed, conclude, lambda: problems, 1)
    with pytest.raises(InvalidDataError) as raised:
        verdict.settle()
    assert raised.value.problems == problems.listed


@pytest.mark.usefixtures("forking")
def test_a_run_cut_short_stops_its_check_and_trusts_nothing() -> None:
    conclude, _ = one_problem("nobody")

    verdict.beside(endless, conclude, Problems, 1)
    child = verdict._PENDING[0].child
    assert not verdict.sound()
    written: list[str] = []
    database.behind(lambda: written.append("a cache"))
    assert database.due() == []  # nothing is known good yet
    started = time.monotonic()
    verdict._abandon()
    assert time.monotonic() - started < 5
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)  # reaped: no such child any more
    assert not verdict.sound()
    assert written == []


@pytest.mark.usefixtures("forking")
def test_a_wait_for_the_verdict_cut_short_stops_the_check_and_trusts_nothing() -> None:
    conclude, _ = one_problem("nobody")

    class CtrlC(BaseException):
        pass

    def interrupt(signum: int, frame: object) -> None:
        raise CtrlC

    verdict.beside(endless, conclude, Problems, 1)
    child = verdict._PENDING[0].child
    signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, 0.2)
    with pytest.raises(CtrlC):
        verdict.settle()
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)
    assert not verdict.sound()


def test_the_installed_tool_writes_nothing_of_a_large_file_found_invalid(
    large: Path, tmp_path: Path
) -> None:
    """Its caches are written after the run when it is not told to wait: still none
    of a file its check finds invalid, though the run had built them in memory."""
    text = large.read_text(encoding="utf-8")
    path = tmp_path / "cycle.toml"
    path.write_text(text.replace('id = "org-5"\n', 'id = "org-5"\nparent = "org-5"\n', 1))
    env = {k: v for k, v in private_env().items() if k != "TIP_CACHE_WAIT"}
    ran = subprocess.run(
        [str(TIP), "--data", str(path), "search", "victim", "--agency", "org-5"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert (ran.returncode, ran.stdout) == (3, "")
    assert ran.stderr.startswith(f"tip: invalid data file: {path}:organisations[org-5].parent")
    time.sleep(1)
    assert cached() == []
