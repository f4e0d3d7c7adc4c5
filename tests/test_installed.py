"""The real `tip` in a subprocess: pipes, a pseudo-terminal, and a wheel run elsewhere."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO

TIP = Path(sys.executable).with_name("tip")
SGR = re.compile(r"\x1b\[([0-9;]*)m")
# Select Graphic Rendition parameters that set a colour (foreground or background).
COLOUR = re.compile(r"\x1b\[[0-9;]*(?<![0-9])(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])[;m]")


# An OSC 8 hyperlink's opening or closing sequence.
OSC8 = re.compile(r"\x1b\]8;[^\x1b]*\x1b\\")


def visible(screen: str) -> str:
    """The text a person reads: styling codes and carriage returns removed."""
    return SGR.sub("", screen).replace("\r", "")


def run(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(TIP), *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=60, check=False
    )


def terminal(command: str, **extra_env: str) -> str:
    """What `command` prints on a pseudo-terminal, via util-linux's `script`."""
    if shutil.which("script") is None:
        pytest.skip("util-linux 'script' is not installed")
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM", "COLUMNS")}
    env.update({"TERM": "xterm-256color", "COLUMNS": "100", **extra_env})
    done = subprocess.run(
        ["script", "-qec", command, "/dev/null"],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    return done.stdout


def test_piped_output_is_plain_tab_separated_text() -> None:
    result = run("sources")
    assert result.returncode == 0
    assert result.stdout.splitlines()[0].startswith("tipr-2005\t2005-06-03\t")
    assert "\x1b" not in result.stdout


def test_json_parses_in_a_pipe() -> None:
    result = run("sources", "--json")
    assert [record["id"] for record in json.loads(result.stdout)] == [
        "tipr-2005", "factsheet-2007", "about-2012", "federal-2015", "pitf-2019",
    ]  # fmt: skip


def test_terminal_gets_a_table() -> None:
    screen = visible(terminal(f"{TIP} sources"))
    assert screen.startswith("Source documents")
    assert "┃ id             ┃ date               ┃" in screen
    assert "│ about-2012     │ 2012-01 (inferred) │" in screen


def test_no_color_on_a_terminal_means_no_colour_codes() -> None:
    coloured = terminal(f"{TIP} sources")
    assert COLOUR.search(coloured)
    for switch in ({"NO_COLOR": "1"}, {"TERM": "dumb"}):
        screen = terminal(f"{TIP} sources", **switch)
        assert not COLOUR.search(screen), switch
        assert "about-2012" in visible(screen)
    for command in (f"{TIP} sources --no-color", f"{TIP} --no-color sources"):
        screen = terminal(command)
        assert not COLOUR.search(screen), command
        assert "about-2012" in visible(screen)


def test_error_goes_to_stderr_with_exit_code() -> None:
    result = run("sources", "--data", "/nonexistent/file.toml")
    assert (result.returncode, result.stdout) == (3, "")
    assert result.stderr == "tip: data file not found: /nonexistent/file.toml\n"


def test_python_dash_m_runs_the_same_program() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tipcli", "--version"], capture_output=True, text=True, check=False
    )
    assert done.stdout.startswith("tip ")


def test_wheel_carries_the_data_and_runs_from_any_folder(tmp_path: Path) -> None:
    """A non-editable install reads the copy of data/agencies.toml inside the package."""
    wheels = tmp_path / "wheels"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(REPO)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert build.returncode == 0, build.stderr
    (wheel,) = wheels.glob("tipcli-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert (
            archive.read("tipcli/data/agencies.toml") == (REPO / "data/agencies.toml").read_bytes()
        )

    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
         str(wheel)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    env.pop("TIP_DATA", None)
    probe = subprocess.run(
        [sys.executable, "-c", "import tipcli.data.files as f; print(f.bundled_path())"],
        capture_output=True, text=True, env=env, cwd=elsewhere, check=True,
    )  # fmt: skip
    assert probe.stdout.strip() == str(target / "tipcli" / "data" / "agencies.toml")
    listed = subprocess.run(
        [sys.executable, "-m", "tipcli", "sources", "--plain"],
        capture_output=True, text=True, env=env, cwd=elsewhere, check=False,
    )  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.count("\n") == 5


def test_agency_card_on_a_terminal_links_the_numbers() -> None:
    screen = terminal(f"{TIP} agency DHS")
    text = visible(screen)
    assert "Department of Homeland Security" in text
    assert "Responsibilities" in text and "Hotlines" in text
    assert "1-866-DHS-2-ICE" in text
    # An OSC 8 hyperlink, so that a click dials the number.
    assert "\x1b]8;" in screen and "tel:+18663472423" in screen


def test_a_hotlines_link_is_the_number_alone() -> None:
    """A click on the date beside a number must not dial it."""
    screen = terminal(f"{TIP} hotline")
    linked = re.findall(r"\x1b]8;[^;]*;tel:[^\x1b]*\x1b\\(.*?)\x1b]8;;\x1b\\", screen)
    assert [SGR.sub("", text) for text in linked][:2] == ["1-888-3737-888", "1-866-DHS-2-ICE"]


@pytest.mark.parametrize(
    "command", ["agency DHS", "agency G/TIP", "pitf", "hotline", "search 'T visa'"]
)
def test_card_lines_fit_80_columns_and_end_in_no_space(command: str) -> None:
    screen = terminal(f"{TIP} {command}", COLUMNS="80")
    lines = OSC8.sub("", visible(screen)).splitlines()
    assert "\x1b" not in "".join(lines)
    assert 70 <= max(len(line) for line in lines) <= 80
    assert [line for line in lines if line.endswith(" ")] == []


def test_markup_in_a_data_file_is_shown_literally(tmp_path: Path) -> None:
    """A data file is untrusted: Rich markup in it is printed, not obeyed."""
    data = (REPO / "data" / "agencies.toml").read_text(encoding="utf-8")
    hostile = data.replace(
        'name = "Department of Homeland Security"', 'name = "[bold red]Homeland[/] [link=x]S[/]"'
    )
    path = tmp_path / "hostile.toml"
    path.write_text(hostile, encoding="utf-8")
    text = visible(terminal(f"{TIP} agency DHS --data {path}"))
    assert "[bold red]Homeland[/] [link=x]S[/]" in text


def test_json_is_pretty_on_a_terminal_and_compact_in_a_pipe() -> None:
    on_terminal = visible(terminal(f"{TIP} hotline ICE --json"))
    assert on_terminal.startswith("[\n  {\n")
    piped = run("hotline", "ICE", "--json").stdout
    assert piped.count("\n") == 1
    assert json.loads(piped) == json.loads(on_terminal)


def test_usage_errors_are_one_line() -> None:
    for args, message in [
        (("sources", "--jsn"), "tip: No such option: --jsn (Possible options: --json"),
        (("agency",), "tip: Missing argument 'QUERY...'."),
        (("pitf", "--as-of", "year"), "tip: Invalid value for '--as-of': 'year' is not a valid"),
    ]:
        result = run(*args)
        assert (result.returncode, result.stdout) == (2, ""), args
        assert result.stderr.startswith(message), result.stderr
        assert result.stderr.count("\n") == 1


def test_completion_offers_acronyms_and_topics() -> None:
    def complete(words: str, index: int) -> list[str]:
        env = {
            **os.environ,
            "_TIP_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": str(index),
        }
        return subprocess.run(
            [str(TIP)], capture_output=True, text=True, env=env, check=False
        ).stdout.split()

    assert complete("tip agency DH", 2) == ["DHS"]
    assert complete("tip agency IC", 2) == ["ICAC", "ICE"]
    assert complete("tip search x --topic victim", 4) == [
        "victim-services",
        "victim-identification",
    ]
    assert "hotline" in complete("tip ho", 1)


@pytest.mark.parametrize(
    "args", [("export",), ("export", "-f", "markdown"), ("search", "victims"), ("agency", "DHS")]
)
def test_a_reader_that_stops_early_ends_tip_quietly(args: tuple[str, ...]) -> None:
    """Like `tip export | head -c 100`: no traceback, no 'Exception ignored', exit 141."""
    read_end, write_end = os.pipe()
    process = subprocess.Popen([str(TIP), *args], stdout=write_end, stderr=subprocess.PIPE)
    os.close(write_end)
    os.close(read_end)  # gone before tip writes a byte, as a finished `head` is
    _, err = process.communicate(timeout=60)
    assert (process.returncode, err) == (141, b"")


def test_ctrl_c_at_any_moment_exits_130_quietly() -> None:
    """An interrupt at any moment from when tip's code takes charge (its imports, the
    load, the output) never shows a traceback. Python's own start-up comes before any
    of it and is outside what tip can handle (see the README), so each interrupt waits
    until tip's handlers are in place: SIGTERM is caught from then on."""
    import signal
    import time

    for delay in (0, 0.005, 0.02, 0.05, 0.1):
        process = subprocess.Popen(
            [str(TIP), "search", "victims", "--limit", "200"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        assert _wait_until_caught(process.pid, signal.SIGTERM)
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
        # 0 if it had already finished; -2 if the interrupt came as Python was ending,
        # which puts back the default action (a shell reports it as 130 too); else 130.
        assert process.returncode in (0, 130, -2), (delay, err[-300:])
        assert err == b"", (delay, err[-300:])


def _wait_until_caught(pid: int, signum: int) -> bool:
    """Wait until the process catches `signum` (its SigCgt mask says so): True, or False
    if it never did (it ended first, or 30 s passed)."""
    import time

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            return False
        caught = re.search(r"^SigCgt:\s*([0-9a-f]+)", status, re.MULTILINE)
        if caught is not None and int(caught.group(1), 16) & (1 << (signum - 1)):
            return True
        if "State:\tZ" in status:
            return False
        time.sleep(0.0002)
    return False


def test_tree_and_timeline_on_a_terminal() -> None:
    tree = visible(terminal(f"{TIP} tree DOJ", COLUMNS="80"))
    assert tree.splitlines()[0].strip() == "Department of Justice (DOJ)"
    assert "├── Civil Rights Division  division" in tree
    assert "Innocence Lost Initiative  initiative" in tree
    timeline = visible(terminal(f"{TIP} timeline HSTC", COLUMNS="80"))
    assert "2004-07" in timeline and "tipr-2005" in timeline
    assert max(len(line) for line in OSC8.sub("", timeline).splitlines()) <= 80


def test_readme_card_is_what_a_terminal_shows() -> None:
    """The README's terminal example is the real card at 80 columns, word for word."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    after = readme.split("`ICE`. On a terminal (80 columns):\n\n", 1)[1]
    block = after.split("\n\nA query that fits", 1)[0]
    shown = [line.removeprefix("    ") for line in block.splitlines()]
    screen = terminal(f"{TIP} agency ICE", COLUMNS="80")
    assert OSC8.sub("", visible(screen)).splitlines() == shown


def test_an_interrupt_python_wraps_in_another_error_still_exits_130() -> None:
    """Ctrl-C during an import can land in a class body's `__set_name__`, which Python
    3.11 turns into a RuntimeError with the interrupt as its cause (seen when SIGINT
    came while pathlib imported ipaddress): still 130, and no traceback."""
    program = """
import tipcli.cli.app
from tipcli.main import Interrupted, main

class Descriptor:
    def __set_name__(self, owner, name):
        raise Interrupted(2)

def run():
    class Importing:
        field = Descriptor()

tipcli.cli.app.run = run
main()
"""
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=60, check=False
    )
    assert (done.returncode, done.stderr) == (130, "")


def test_an_interrupt_after_the_run_leaves_its_exit_status_alone() -> None:
    """Once the run has ended, a Ctrl-C while Python shuts down (here, from an exit
    handler) changes nothing: the run's own status, and nothing on stderr."""
    program = """
import atexit, os, signal, time
import tipcli.cli.app
from tipcli.main import main

def late_interrupt():
    os.kill(os.getpid(), signal.SIGINT)
    time.sleep(0.05)

atexit.register(late_interrupt)
tipcli.cli.app.run = lambda: None
main()
"""
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=60, check=False
    )
    assert (done.returncode, done.stderr) == (0, "")
