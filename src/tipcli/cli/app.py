"""The `tip` program: which commands a run declares (see `app_for`), and running them."""

import copy
import importlib
import os
import sys
from collections.abc import Iterable
from typing import TextIO

import typer
from typer.models import CommandInfo

from tipcli.cli import output
from tipcli.cli.apps import app, print_version
from tipcli.data.streams import fault
from tipcli.errors import TipError


def run() -> None:
    """The `tip` program. `tipcli.main.main` calls this once it has taken charge of
    Ctrl-C and closed pipes."""
    if sys.stdout is not None:
        sys.stdout = _PipeAware(sys.stdout)
    if sys.argv[1:] == ["--version"]:
        # Scripts ask this often; it needs none of the commands Typer would build.
        try:
            print_version()
        except TipError as err:
            output.error(err.message)
            sys.exit(err.exit_code)
        return
    app_for(sys.argv[1:])()


class _PipeAware:
    """Standard output whose reader going away is PipeClosed, and whose other faults
    (a full disk) are a WriteError, never an OSError: Click prints help, usage and
    completions itself, and would show a traceback, or exit 1 where `tip` ends as
    `yes | head` does, with 141."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError as err:
            raise fault(err, "the output") from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as err:
            raise fault(err, "the output") from None

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


# Root options that take a value, so that `tip --data X agency DHS` finds "agency".
_ROOT_VALUE_OPTIONS = {"--data", "--add"}
_ROOT_FLAGS = {"--no-color", "--no-add"}

# Each command, in the order `tip --help` lists them, and the module of
# tipcli.cli.commands that declares it.
COMMAND_MODULES = {
    "agency": "card",
    "search": "find",
    "topics": "find",
    "hotline": "listings",
    "pitf": "bodies",
    "spog": "bodies",
    "body": "bodies",
    "program": "programs",
    "law": "programs",
    "list": "listings",
    "sources": "listings",
    "timeline": "history",
    "tree": "history",
    "matrix": "history",
    "graph": "history",
    "export": "data",
    "validate": "data",
    "completion": "usage",
    "help": "usage",
    "data": "data",
    "cache": "data",
}


def _declare(modules: Iterable[str]) -> None:
    """Import the modules that declare commands; each registers its own on `app`."""
    for module in modules:
        importlib.import_module(f"tipcli.cli.commands.{module}")


def _command_name(info: CommandInfo) -> str:
    assert info.callback is not None
    return info.name or info.callback.__name__.replace("_", "-")


def full_app() -> typer.Typer:
    """The app with every command, in the documented order whatever was declared first."""
    _declare(dict.fromkeys(COMMAND_MODULES.values()))
    order = list(COMMAND_MODULES)
    app.registered_commands.sort(key=lambda info: order.index(_command_name(info)))
    return app


def app_for(argv: list[str]) -> typer.Typer:
    """The app with only the command this run asks for, where that is clear.

    Typer builds the Click objects of every registered command at every start, though
    a run uses one, and declaring them all costs imports too: for `tip agency DHS` only
    the lookup commands are declared and only `agency` is built. Help, completion of
    the command name and anything unrecognised get the whole app.
    """
    if "_TIP_COMPLETE" in os.environ:
        # Completing: the words typed before the one being completed say which command
        # it is (bash passes them in COMP_WORDS, zsh and fish in _TYPER_COMPLETE_ARGS).
        typed = _typed_before_cursor(os.environ)
        name = _subcommand(typed) if typed is not None else None
    else:
        name = _subcommand(argv)
    return app_named(name)


def app_named(name: str | None) -> typer.Typer:
    """The app with only the command `name`, where there is one; else the whole app."""
    if name not in COMMAND_MODULES:
        return full_app()
    _declare([COMMAND_MODULES[name]])
    narrow = copy.copy(app)
    narrow.registered_commands = [i for i in app.registered_commands if _command_name(i) == name]
    narrow.registered_groups = [info for info in app.registered_groups if info.name == name]
    return narrow


def _typed_before_cursor(env: os._Environ[str] | dict[str, str]) -> list[str] | None:
    """The finished words of a command line being completed, after `tip`."""
    if "COMP_WORDS" in env:
        words = env["COMP_WORDS"].split()
        try:
            cursor = int(env.get("COMP_CWORD", ""))
        except ValueError:
            return None
        return words[1:cursor]
    if "_TYPER_COMPLETE_ARGS" in env:
        args = env["_TYPER_COMPLETE_ARGS"]
        words = args.split()
        # A trailing space means the last word is finished; otherwise it is being typed.
        return words[1:] if args.endswith(" ") else words[1:-1]
    return None


def _subcommand(argv: list[str]) -> str | None:
    """The command named on a command line, or None when a root option comes first
    that might not be followed by one (--help, --version)."""
    skip_value = False
    for arg in argv:
        if skip_value:
            skip_value = False
        elif arg in _ROOT_VALUE_OPTIONS:
            skip_value = True
        elif arg in _ROOT_FLAGS or arg.startswith(("--data=", "--add=")):
            continue
        elif arg == "--show-completion" or arg.startswith("--show-completion="):
            return "completion"  # prints what `tip completion` does, and needs no other
        elif arg.startswith("-"):
            return None
        else:
            return arg
    return None
