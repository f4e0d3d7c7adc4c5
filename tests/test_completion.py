"""Shell completion: the scripts `tip completion` prints, loaded into real bash, zsh and
fish, and completion requests that must never end in a traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tipcli.cli.app import full_app

app = full_app()
TIP = Path(sys.executable).with_name("tip")
BIN = str(TIP.parent)


def need(program: str) -> None:
    """Skip a test whose program is missing, except in CI, which installs it."""
    if shutil.which(program) is None:
        if os.environ.get("CI"):
            pytest.fail(f"{program} is not installed: .ci/run installs it")
        pytest.skip(f"{program} is not installed")


def shell_env(home: Path) -> dict[str, str]:
    """The installed tip first on PATH; a home and config folder of the test's own, so
    that no shell writes its history or settings into the user's."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COMP_", "_TIP", "_TYPER"))}
    env.update(
        {"PATH": f"{BIN}:{os.environ['PATH']}", "HOME": str(home), "XDG_CONFIG_HOME": str(home)}
    )
    return env


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_prints_the_script_of_the_shell_named(runner: CliRunner, shell: str) -> None:
    printed = runner.invoke(app, ["completion", shell])
    assert printed.exit_code == 0
    assert f"_TIP_COMPLETE=complete_{shell}" in printed.stdout
    assert printed.stdout == runner.invoke(app, ["--show-completion", shell]).stdout


def test_the_zsh_script_can_be_autoloaded(runner: CliRunner) -> None:
    """compinit reads `#compdef tip` on the first line of a file _tip on $fpath."""
    assert runner.invoke(app, ["completion", "zsh"]).stdout.startswith("#compdef tip\n")


@pytest.mark.parametrize("args", [["completion"], ["--show-completion"]])
def test_no_shell_named_means_the_shell_of_dollar_shell(runner: CliRunner, args: list[str]) -> None:
    for path, shell in [("/usr/bin/fish", "fish"), ("/bin/zsh", "zsh"), ("bash", "bash")]:
        result = runner.invoke(app, args, env={"SHELL": path})
        assert result.exit_code == 0
        assert f"_TIP_COMPLETE=complete_{shell}" in result.stdout


CHOOSE = "bash, zsh or fish"
UNSET = f"cannot tell which shell to complete for ($SHELL is not set); name {CHOOSE}"


@pytest.mark.parametrize(
    ("args", "shell", "message"),
    [
        (["completion", "tcsh"], None, f"no completion for the shell 'tcsh'; choose {CHOOSE}"),
        (
            ["--show-completion", "tcsh"],
            None,
            f"no completion for the shell 'tcsh'; choose {CHOOSE}",
        ),
        (
            ["completion"],
            "/bin/tcsh",
            f"cannot tell which shell to complete for ($SHELL is '/bin/tcsh'); name {CHOOSE}",
        ),
        (["completion"], "", UNSET),
        (["--show-completion"], "", UNSET),
        (
            ["--install-completion"],
            None,
            "tip does not install completion; print the script with 'tip completion SHELL' "
            "and load it as 'man tip' shows",
        ),
    ],
)
def test_a_shell_tip_cannot_complete_for_is_a_usage_error(
    runner: CliRunner, args: list[str], shell: str | None, message: str
) -> None:
    result = runner.invoke(app, args, env={"SHELL": shell} if shell is not None else {})
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"tip: {message}\n")


def test_show_completion_in_a_real_run_prints_the_shell_asked_for() -> None:
    """`tip --show-completion zsh` once printed bash's script whatever was asked."""
    env = {**os.environ, "SHELL": "/bin/bash"}
    for args, shell in [(["zsh"], "zsh"), (["fish"], "fish"), ([], "bash")]:
        done = subprocess.run(
            [str(TIP), "--show-completion", *args], capture_output=True, text=True, env=env,
            check=False,
        )  # fmt: skip
        assert (done.returncode, done.stderr) == (0, "")
        assert f"_TIP_COMPLETE=complete_{shell}" in done.stdout


BASH_COMPLETE = r"""
eval "$(tip completion bash)"
offer() {
    COMP_LINE=$1
    COMP_POINT=${#COMP_LINE}
    read -ra COMP_WORDS <<< "$COMP_LINE"
    if [[ $COMP_LINE == *" " ]]; then COMP_WORDS+=(""); fi
    COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
    COMPREPLY=()
    _tip_completion tip "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
    echo "$1 => ${COMPREPLY[*]}"
}
offer "tip agency DH"
offer "tip sea"
offer "tip search --top"
offer "tip completion "
"""

OFFERED = [
    "tip agency DH => DHS",
    "tip sea => search",
    "tip search --top => --topic",
]


def test_bash_completes_with_the_printed_script(tmp_path: Path) -> None:
    need("bash")
    done = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", BASH_COMPLETE],
        capture_output=True, text=True, env=shell_env(tmp_path), timeout=30, check=False,
    )  # fmt: skip
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines() == [*OFFERED, "tip completion  => bash zsh fish"]


def test_fish_completes_with_the_printed_script(tmp_path: Path) -> None:
    need("fish")
    asks = "; ".join(f'complete -C "{line.split(" => ")[0]}"' for line in OFFERED)
    done = subprocess.run(
        ["fish", "--no-config", "-c", f"source (tip completion fish | psub); {asks}"],
        capture_output=True, text=True, env=shell_env(tmp_path), timeout=30, check=False,
    )  # fmt: skip
    assert (done.returncode, done.stderr) == (0, "")
    # fish gives each candidate with its description after a tab.
    assert [line.split("\t")[0] for line in done.stdout.splitlines()] == [
        line.split(" => ")[1] for line in OFFERED
    ]
    assert done.stdout.splitlines()[1] == "search\tFind statements by keyword, best first."


def test_the_menu_gives_each_command_its_whole_summary(tmp_path: Path) -> None:
    """Typer cut a command's summary at 45 characters in zsh's and fish's menus."""
    need("fish")
    done = subprocess.run(
        ["fish", "--no-config", "-c", "source (tip completion fish | psub); complete -C 'tip ag'"],
        capture_output=True, text=True, env=shell_env(tmp_path), timeout=30, check=False,
    )  # fmt: skip
    assert done.stdout == "agency\tShow what an agency or office does, with its sources.\n"


class Zsh:
    """An interactive zsh in a detached tmux session: it types a line, presses Tab, and
    reads the screen, as a person would."""

    PROMPT = "zsh-test> "

    def __init__(self, home: Path, setup: str) -> None:
        self.socket = str(home / "tmux.sock")
        self.env = shell_env(home)
        self.tmux("new-session", "-d", "-x", "200", "-y", "50", "zsh", "-f")
        self.keys(f"PS1='{self.PROMPT}'; {setup}; print ready", "Enter")
        self.wait_for("ready")

    def tmux(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-S", self.socket, "-f", "/dev/null", *args],
            capture_output=True, text=True, env=self.env, timeout=30, check=True,
        ).stdout  # fmt: skip

    def keys(self, text: str, *special: str) -> None:
        self.tmux("send-keys", "-l", text)
        if special:
            self.tmux("send-keys", *special)

    def wait_for(self, line: str, seconds: float = 10) -> list[str]:
        deadline = time.monotonic() + seconds
        while True:
            screen = [row.rstrip() for row in self.tmux("capture-pane", "-p").splitlines()]
            if line in screen or time.monotonic() > deadline:
                return screen
            time.sleep(0.05)

    def complete(self, typed: str, expected: str) -> list[str]:
        """The screen once `typed` and a Tab have given the line `expected`, or after
        ten seconds; the line is then emptied."""
        self.keys(typed, "Tab")
        screen = self.wait_for(self.PROMPT + expected)
        self.tmux("send-keys", "C-u")
        return screen

    def close(self) -> None:
        self.tmux("kill-server")


@pytest.mark.parametrize(
    "setup",
    [
        # As the README says: a file _tip in a folder on $fpath, then compinit. The first
        # Tab loads the file, and must complete already.
        "mkdir -p ~/zfunc && tip completion zsh > ~/zfunc/_tip; fpath=(~/zfunc $fpath); "
        "autoload -Uz compinit && compinit -D -u",
        'autoload -Uz compinit && compinit -D -u; eval "$(tip completion zsh)"',
    ],
    ids=["fpath", "eval"],
)
def test_zsh_completes_with_the_printed_script(tmp_path: Path, setup: str) -> None:
    need("zsh")
    need("tmux")
    zsh = Zsh(tmp_path, setup)
    try:
        for line in OFFERED:
            typed, offered = line.split(" => ")
            expected = f"{typed.rsplit(' ', 1)[0]} {offered}"
            screen = zsh.complete(typed, expected)
            assert zsh.PROMPT + expected in screen, "\n".join(screen)
    finally:
        zsh.close()


def _request(tmp_path: Path, **values: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COMP_", "_TIP", "_TYPER"))}
    return subprocess.run(
        [str(TIP)], capture_output=True, text=True, env={**env, **values}, cwd=tmp_path,
        timeout=60, check=False,
    )  # fmt: skip


def _bash(words: str, cword: str | None) -> dict[str, str]:
    asked = {"_TIP_COMPLETE": "complete_bash", "COMP_WORDS": words}
    return asked if cword is None else {**asked, "COMP_CWORD": cword}


def _args(shell: str, line: str) -> dict[str, str]:
    asked = {"_TIP_COMPLETE": f"complete_{shell}", "_TYPER_COMPLETE_ARGS": line}
    return {**asked, "_TYPER_COMPLETE_FISH_ACTION": "get-args"} if shell == "fish" else asked


ODD_REQUESTS = {
    "cword out of range": _bash("tip agency D", "99"),
    "cword at the start": _bash("tip agency D", "0"),
    "no words": _bash("", "0"),
    "an unclosed quote": _bash('tip agency "homel', "2"),
    "a lone backslash": _bash("tip agency \\", "2"),
    "unicode": _bash("tip agency ☃ é", "3"),
    "quoted command": _bash("tip 'agency' 'DH", "2"),
    "zsh, nothing typed": _args("zsh", ""),
    "zsh, quotes and unicode": _args("zsh", "tip agency \"D'é"),
    "zsh, an unclosed quote": _args("zsh", "tip search --topic 'vic"),
    "fish, unicode topic": _args("fish", "tip search --topic ü"),
    "fish, no action": {"_TIP_COMPLETE": "complete_fish", "_TYPER_COMPLETE_ARGS": "tip a"},
    "fish, an unknown action": {**_args("fish", "tip a"), "_TYPER_COMPLETE_FISH_ACTION": "x"},
    "help of nothing": _args("zsh", "tip help nosuch search "),
}


@pytest.mark.parametrize("asked", ODD_REQUESTS.values(), ids=ODD_REQUESTS.keys())
def test_an_odd_completion_request_is_answered_quietly(
    tmp_path: Path, asked: dict[str, str]
) -> None:
    done = _request(tmp_path, **asked)
    assert (done.returncode, done.stderr) == (0, "")


BAD_REQUESTS = {
    "cword not a number": (_bash("tip agency D", "x"), "a bash completion request needs"),
    "cword empty": (_bash("tip agency D", ""), "a bash completion request needs"),
    "cword negative": (_bash("tip agency D", "-1"), "a bash completion request needs"),
    "no cword": (_bash("tip agency D", None), "a bash completion request needs"),
    "no words": ({"_TIP_COMPLETE": "complete_bash", "COMP_CWORD": "1"}, "a bash completion"),
    "unknown shell": ({"_TIP_COMPLETE": "complete_tcsh"}, "not a completion request tip knows"),
    "unknown action": ({"_TIP_COMPLETE": "bogus"}, "not a completion request tip knows"),
}


@pytest.mark.parametrize(("asked", "message"), BAD_REQUESTS.values(), ids=BAD_REQUESTS.keys())
def test_a_malformed_completion_request_is_one_line(
    tmp_path: Path, asked: dict[str, str], message: str
) -> None:
    """No shell's script sends these; whoever does gets a line, never a traceback."""
    done = _request(tmp_path, **asked)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.startswith(f"tip: {message}") and done.stderr.count("\n") == 1


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
@pytest.mark.parametrize(
    "setting",
    ["TIP_DATA=missing.toml", "TIP_DATA=bad.toml", "XDG_CACHE_HOME={file}/cache",
     "XDG_CACHE_HOME=/dev/null", "XDG_CACHE_HOME={link}"],
)  # fmt: skip
def test_completion_with_a_broken_data_file_or_cache_prints_no_error(
    tmp_path: Path, shell: str, setting: str
) -> None:
    """The shell's command line gets nothing rather than an error: not a bad data file,
    nor a cache folder that cannot be made or is not the user's own."""
    (tmp_path / "bad.toml").write_text("[[organisations]\nid = \n")
    (tmp_path / "file").write_text("")
    (tmp_path / "link").symlink_to(tmp_path)
    name, value = setting.format(file=tmp_path / "file", link=tmp_path / "link").split("=", 1)
    asked = _bash("tip agency D", "2") if shell == "bash" else _args(shell, "tip agency D")
    done = _request(tmp_path, **asked, **{name: value})
    assert (done.returncode, done.stderr) == (0, "")
    offered = "DHS" in done.stdout
    assert offered == name.startswith("XDG")  # a broken cache only costs speed


@pytest.mark.parametrize(
    ("line", "offered"),
    [
        ("tip --version ", "agency"),
        ("tip --show-completion ", "bash zsh fish"),
        ("tip --install-completion ", "agency"),
    ],
)
def test_completing_after_an_option_that_acts_at_once_only_completes(
    tmp_path: Path, line: str, offered: str
) -> None:
    """Click parses the line being completed: --version must not print the version
    into it (nor fail on a missing data file), nor --show-completion a script."""
    done = _request(tmp_path, **_bash(line, "2"), TIP_DATA="missing.toml")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.split()[: len(offered.split())] == offered.split()
