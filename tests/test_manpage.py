"""The man page: made from the commands' own definitions, read by groff and man without a
warning, and installed by the wheel where `man tip` finds it."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from collections.abc import Mapping
from pathlib import Path

import pytest
import typer.main
from hypothesis import given
from hypothesis import strategies as st
from typer import _click
from typer.core import TyperGroup

from tests.conftest import REPO
from tests.test_imports import loaded
from tipcli.cli.app import full_app
from tipcli.cli.manpage import ENVIRONMENT, page
from tipcli.errors import ExitCode
from tipcli.render import roff

PAGE = page()
TIP = Path(sys.executable).with_name("tip")


def need(program: str) -> None:
    """Skip a test whose program is missing, except in CI, which installs it."""
    if shutil.which(program) is None:
        if os.environ.get("CI"):
            pytest.fail(f"{program} is not installed: .ci/run installs it")
        pytest.skip(f"{program} is not installed")


def sections(text: str, request: str) -> dict[str, str]:
    """The page cut at each `request` (.SH or .SS): heading to body."""
    parts = re.split(rf"^{re.escape(request)} (.*)$", text, flags=re.M)
    return {parts[i].strip('"'): parts[i + 1] for i in range(1, len(parts), 2)}


def test_the_page_describes_every_command_with_its_options_and_example() -> None:
    """Walks Click's own tree: each command has a section headed by its usage, with
    each argument and option --help lists, and the example from its help."""
    commands = sections(PAGE, ".SS")
    root = typer.main.get_command(full_app())
    seen = 0

    def walk(command: object, ctx: _click.Context, path: str) -> None:
        nonlocal seen
        assert isinstance(command, TyperGroup)
        for name, sub in command.commands.items():
            sub_ctx = sub.make_context(name, [], parent=ctx, resilient_parsing=True)
            heading = roff.escape(f"{path} {name} {' '.join(sub.collect_usage_pieces(sub_ctx))}")
            body = commands[heading]
            seen += 1
            if isinstance(sub, TyperGroup):
                walk(sub, sub_ctx, f"{path} {name}")
                continue
            for param in sub.get_params(sub_ctx):
                record = param.get_help_record(sub_ctx)
                if record is None:
                    continue
                names = [n for n in record[0].replace(",", " ").split() if n.startswith("-")]
                for option in names or [record[0]]:
                    assert roff.escape(option) in body, (heading, option)
            example = re.search(r"^Example: (.*)$", sub.help or "", re.M)
            assert example, heading
            assert roff.escape(example.group(1)) in body

    walk(root, root.make_context("tip", [], resilient_parsing=True), "tip")
    assert seen == len(commands) == 25  # 19 commands, the data and cache groups, 2 commands in each


def test_the_page_has_the_sections_a_man_page_has() -> None:
    assert list(sections(PAGE, ".SH")) == [
        "NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "COMMANDS", "EXIT STATUS",
        "ENVIRONMENT", "FILES", "EXAMPLES",
    ]  # fmt: skip
    name = sections(PAGE, ".SH")["NAME"].strip()
    assert name.startswith(r"tip \- offline directory of the U.S. federal government")


def test_every_exit_code_is_under_exit_status() -> None:
    status = sections(PAGE, ".SH")["EXIT STATUS"]
    assert re.findall(r"^\\fB(\d+)\\fR$", status, re.M) == [str(int(c)) for c in ExitCode]


def _is_environ(node: ast.expr) -> bool:
    return ast.unparse(node) in ("os.environ", "environ", "env")


def _key(node: ast.expr, constants: Mapping[str, object]) -> str:
    """A key looked up: a string literal, or a module constant that holds one."""
    value: object = node.value if isinstance(node, ast.Constant) else None
    if isinstance(node, ast.Name):
        value = constants.get(node.id)
    assert isinstance(value, str), ast.dump(node)
    return value


def _environment_read() -> set[str]:
    """Every environment variable the code reads: a key looked up in os.environ (or a
    mapping named environ or env) with get, [] or in."""
    read: set[str] = set()
    for path in (REPO / "src" / "tipcli").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {
            target.id: node.value.value
            for node in tree.body
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "get"
                and _is_environ(node.func.value)
            ):
                read.add(_key(node.args[0], constants))
            elif isinstance(node, ast.Subscript) and _is_environ(node.value):
                read.add(_key(node.slice, constants))
            elif (
                isinstance(node, ast.Compare)
                and isinstance(node.ops[0], ast.In)
                and _is_environ(node.comparators[0])
            ):
                read.add(_key(node.left, constants))
    return read


# Set by the completion scripts for the `tip` they run, not by a person.
COMPLETION_PROTOCOL = {"_TIP_COMPLETE", "COMP_WORDS", "COMP_CWORD", "_TYPER_COMPLETE_ARGS"}


def test_the_environment_section_names_what_the_code_reads() -> None:
    read = _environment_read()
    assert {"TIP_DATA", "XDG_CACHE_HOME"} <= read  # the scan finds both ways of naming
    assert read - COMPLETION_PROTOCOL == {name for name, _ in ENVIRONMENT}
    documented = sections(PAGE, ".SH")["ENVIRONMENT"]
    assert [roff.bold(name) for name, _ in ENVIRONMENT] == re.findall(
        r"^\\fB.*\\fR$", documented, re.M
    )


def test_no_line_of_the_page_is_a_stray_request() -> None:
    """Only the requests the generator writes start a line with a dot or a quote."""
    requests = {line.split()[0] for line in PAGE.splitlines() if line.startswith((".", "'"))}
    assert requests == {'.\\"', ".TH", ".SH", ".SS", ".PP", ".TP", ".RS", ".RE", ".nf", ".fi",
                        ".br", ".nh", ".ad"}  # fmt: skip
    assert PAGE.isascii() and "\n\n" not in PAGE


def test_escape_keeps_text_from_acting_as_markup() -> None:
    assert roff.escape(r"-n --limit C:\x 'a' `b` \"c\" ^~é") == (
        r"\-n \-\-limit C:\ex \(aqa\(aq \(gab\(ga \e\(dqc\e\(dq \(ha\(ti\[u00E9]"
    )
    assert roff.paragraph(".TH gone") == [".PP", r"\&.TH gone"]
    assert roff.item(roff.bold("--x"), ".x 'y'") == [".TP", r"\fB\-\-x\fR", r"\&.x \(aqy\(aq"]


@given(st.text())
def test_escaped_text_has_no_escape_but_its_own(text: str) -> None:
    escaped = roff.escape(text)
    leftover = re.sub(r"\\(e|-|\(aq|\(ga|\(dq|\(ha|\(ti|\[u[0-9A-F]{4,6}\])", "", escaped)
    assert "\\" not in leftover and "\n" not in escaped and escaped.isascii()


def test_groff_shows_escaped_text_as_it_was() -> None:
    need("groff")
    text = r""".TH 'not a title' \fB bold? -n --limit=5 ~/x ^a `b` "c" C:\path é"""
    source = "\n".join([*roff.title("t", 1, "f", "m"), *roff.paragraph(text)]) + "\n"
    shown = subprocess.run(
        ["groff", "-man", "-Tutf8", "-P-cbou", "-rLL=200n"], input=source,
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert text in shown


def test_groff_and_man_read_the_page_without_a_warning(tmp_path: Path) -> None:
    need("groff")
    need("man")
    (tmp_path / "tip.1").write_text(PAGE, encoding="ascii")
    checked = subprocess.run(
        ["groff", "-man", "-ww", "-z", "-Tutf8", str(tmp_path / "tip.1")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert (checked.returncode, checked.stderr) == (0, "")
    shown = subprocess.run(
        ["man", "--warnings", "-l", str(tmp_path / "tip.1")], capture_output=True, text=True,
        env={**os.environ, "MANWIDTH": "80", "MAN_KEEP_FORMATTING": ""}, check=False,
    )  # fmt: skip
    assert (shown.returncode, shown.stderr) == (0, "")
    assert "tip search [OPTIONS] [TEXT...]" in shown.stdout
    assert max(len(line) for line in shown.stdout.splitlines()) <= 80


def test_python_dash_m_prints_the_page() -> None:
    """What the wheel's build step runs, and how to see the page from a checkout."""
    done = subprocess.run(
        [sys.executable, "-m", "tipcli.cli.manpage"], capture_output=True, check=False
    )
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout.decode("ascii") == PAGE


def test_no_run_of_tip_loads_the_page_maker(tmp_path: Path) -> None:
    modules = loaded("--help", cache=tmp_path)
    assert "tipcli.cli.commands.usage" in modules
    assert not modules & {"tipcli.cli.manpage", "tipcli.render.roff"}


def test_the_build_needs_what_the_page_maker_imports() -> None:
    """The build step runs in an environment of its own: it needs the Typer that the
    tool runs with, and the source distribution must carry the hook."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    typer_pin = next(d for d in project["project"]["dependencies"] if d.startswith("typer"))
    assert typer_pin in project["build-system"]["requires"]
    assert {"src", "hatch_build.py"} <= set(
        project["tool"]["hatch"]["build"]["targets"]["sdist"]["include"]
    )


def test_the_installed_wheel_gives_man_tip(tmp_path: Path) -> None:
    """`pip install` of the wheel into a fresh venv: `man tip` finds the page beside the
    venv's bin folder on PATH, as after `pipx install`."""
    need("man")
    wheels = tmp_path / "wheels"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(REPO)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    (wheel,) = wheels.glob("tipcli-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith("/share/man/man1/tip.1")]
        assert re.fullmatch(r"tipcli-[^/]+\.data/data/share/man/man1/tip\.1", name)
        assert archive.read(name).decode("ascii") == PAGE

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    installed = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stderr
    env = {k: v for k, v in os.environ.items() if k not in ("MANPATH", "MANPAGER", "PAGER")}
    env.update({"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path), "MANWIDTH": "80"})
    where = subprocess.run(
        ["man", "-w", "tip"], capture_output=True, text=True, env=env, check=False
    )
    assert (where.returncode, where.stdout) == (0, f"{venv}/share/man/man1/tip.1\n")
    shown = subprocess.run(["man", "tip"], capture_output=True, text=True, env=env, check=False)
    assert shown.returncode == 0, shown.stderr
    assert "tip completion [OPTIONS] [SHELL]" in shown.stdout
