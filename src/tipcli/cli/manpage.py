"""The manual page, tip.1, made from the command line's own definitions.

Each command's help, arguments, options and example come from the Click commands that
Typer builds, as `--help` shows them; the exit codes from cli/exits.py and the examples
from cli/apps.py. What no command defines, the environment and the files, is written
here, and a test checks it against the code. The wheel's build step runs this module
(see hatch_build.py), so that `man tip` works once tip is installed;
`python -m tipcli.cli.manpage > tip.1` writes the page from a checkout. No run of `tip`
imports it.
"""

import re
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

import typer.main
from typer.core import TyperGroup

from tipcli import __version__
from tipcli.cli.app import full_app
from tipcli.cli.apps import EXAMPLES
from tipcli.cli.exits import EXIT_CODES, EXIT_CODES_HELP
from tipcli.render import roff

if TYPE_CHECKING:
    from typer import _click

# Each environment variable tip reads, and what it does.
ENVIRONMENT = (
    (
        "TIP_DATA",
        "The data file to read where --data is not given. Unset or empty: the "
        "directory bundled with tip.",
    ),
    (
        "TIP_NO_CACHE",
        "Any value but 0 or the empty one: read the data file itself at every run, "
        "neither reading nor writing the cache.",
    ),
    (
        "TIP_CACHE_WAIT",
        "Any value but 0 or the empty one: a first run on a large directory (and its "
        "first 'tip agency -') writes its databases before it exits, rather than in a "
        "process of their own after it.",
    ),
    (
        "TIP_NO_ADD",
        "Any value but 0 or the empty one: the directory alone, without the added files "
        "of $XDG_DATA_HOME/tip/, as --no-add.",
    ),
    ("NO_COLOR", "Any value but the empty one: no colour on a terminal, as --no-color."),
    ("TERM", "dumb: no colour on a terminal either."),
    (
        "XDG_CACHE_HOME",
        "The cache is $XDG_CACHE_HOME/tipcli. Unset, or not an absolute path: ~/.cache/tipcli.",
    ),
    (
        "XDG_DATA_HOME",
        "Added files are read from $XDG_DATA_HOME/tip/. Unset, or not an absolute path: "
        "~/.local/share/tip/.",
    ),
    (
        "SHELL",
        "Which shell 'tip completion' and --show-completion print a script for, where "
        "none is named: the last part of the path.",
    ),
)

FILES = (
    (
        "tipcli/data/agencies.toml",
        "The bundled directory, in the folder where the tipcli package is installed: "
        "what tip reads unless --data or TIP_DATA names another file ('tip --version' "
        "says how recent it is).",
    ),
    (
        "$XDG_CACHE_HOME/tipcli/",
        "Data files already parsed and checked, one cache file each, which make later "
        "runs faster ('tip cache path' prints the folder, 'tip cache clear' empties it). "
        "tip uses the folder only if it is yours and no one else may write it.",
    ),
    (
        "$XDG_DATA_HOME/tip/*.toml",
        "Your own entries: each file is merged over the directory on every run, in the "
        "order of their names (--no-add leaves them out; --add FILE adds one more).",
    ),
)


def page() -> str:
    """The whole page, in roff."""
    root = typer.main.get_command(full_app())
    ctx = root.make_context("tip", [], resilient_parsing=True)
    lines = [
        r'.\" Made by "python -m tipcli.cli.manpage" from the definitions of the commands:',
        r".\" change those, not this page.",
        *roff.title("tip", 1, f"tip {__version__}", "User Commands"),
        # Neither hyphenated nor stretched to the margin: much of the text is commands,
        # options and names, which a hyphen or a wide space would change.
        ".nh",
        ".ad l",
        *roff.heading("Name"),
        *roff.raw(f"tip \\- {roff.escape(root.short_help or '')}"),
        *roff.heading("Synopsis"),
        *_synopsis(ctx),
        *roff.heading("Description"),
        *_description(_root_help(root.help or "")),
        *roff.paragraph(
            "Each command is described below, as its --help shows it: 'tip help COMMAND' "
            "or 'tip COMMAND --help'."
        ),
        *roff.heading("Options"),
        *_parameters(root, ctx),
        *roff.heading("Commands"),
        *_commands(root, ctx),
        *roff.heading("Exit status"),
        *(
            line
            for code, meaning in EXIT_CODES
            for line in roff.item(roff.bold(str(code)), meaning)
        ),
        *roff.heading("Environment"),
        *(line for name, text in ENVIRONMENT for line in roff.item(roff.bold(name), text)),
        *roff.heading("Files"),
        *(line for path, text in FILES for line in roff.item(roff.italic(path), text)),
        *roff.heading("Examples"),
        *_examples(),
    ]
    return "\n".join(lines) + "\n"


def _subcommands(
    command: "_click.Command", ctx: "_click.Context"
) -> Iterator[tuple["_click.Command", "_click.Context"]]:
    """Each command under `command`, in the order --help lists them, with its context."""
    if not isinstance(command, TyperGroup):
        return
    for name in command.list_commands(ctx):
        sub = command.get_command(ctx, name)
        if sub is not None and not sub.hidden:
            yield sub, sub.make_context(name, [], parent=ctx, resilient_parsing=True)


def _usage(command: "_click.Command", ctx: "_click.Context") -> str:
    return " ".join(command.collect_usage_pieces(ctx))


def _synopsis(ctx: "_click.Context") -> list[str]:
    """`tip`, then every command, each with its usage: name in bold, the rest plain."""
    lines: list[str] = []

    def add(command: "_click.Command", ctx: "_click.Context") -> None:
        lines.append(".br" if lines else ".PP")
        lines.extend(roff.raw(f"{roff.bold(ctx.command_path)} {roff.escape(_usage(command, ctx))}"))
        for sub, sub_ctx in _subcommands(command, ctx):
            add(sub, sub_ctx)

    add(ctx.command, ctx)
    return lines


def _root_help(text: str) -> str:
    """tip's help without the exit codes, which have a section of their own."""
    assert text.endswith(EXIT_CODES_HELP), "the exit codes end tip's help"
    return text.removesuffix(EXIT_CODES_HELP)


def _description(text: str) -> list[str]:
    """A command's help, paragraph by paragraph: "\\b" keeps a paragraph's lines as
    they are, as in --help, and "Example: COMMAND" shows the command apart, to copy."""
    lines = []
    for block in re.split(r"\n\s*\n", text.strip()):
        if block.startswith("\b"):
            lines += roff.preformatted(block.removeprefix("\b").strip("\n").splitlines())
        elif block.startswith("Example: "):
            lines += [".PP", "Example:", *roff.preformatted([block.removeprefix("Example: ")])]
        elif block.strip():
            lines += roff.paragraph(block)
    return lines


def _tag(declaration: str) -> str:
    """An argument or option as --help shows it (`-n, --limit <int range>`): option
    names in bold, what stands for a value in italics."""
    parts = re.split(r"(, | )", declaration)
    return "".join(
        roff.escape(part)
        if part in (", ", " ")
        else roff.bold(part)
        if part.startswith("-")
        else roff.italic(part)
        for part in parts
        if part
    )


def _parameters(command: "_click.Command", ctx: "_click.Context") -> list[str]:
    """The arguments, then the options, each with its help as --help gives it."""
    records = [
        (param.param_type_name, record)
        for param in command.get_params(ctx)
        if (record := param.get_help_record(ctx)) is not None
    ]
    records.sort(key=lambda kind_record: kind_record[0] != "argument")
    return [line for _, (name, text) in records for line in roff.item(_tag(name), text)]


def _commands(command: "_click.Command", ctx: "_click.Context") -> list[str]:
    """Each command under `command`: its usage as a heading, its help, then its
    arguments and options; a group's commands follow it."""
    lines = []
    for sub, sub_ctx in _subcommands(command, ctx):
        lines += roff.subheading(f"{sub_ctx.command_path} {_usage(sub, sub_ctx)}")
        lines += _description(sub.help or sub.short_help or "")
        if not isinstance(sub, TyperGroup):
            lines += _parameters(sub, sub_ctx)
        lines += _commands(sub, sub_ctx)
    return lines


def _examples() -> list[str]:
    lines = []
    for command, what in EXAMPLES:
        lines += roff.paragraph(what[0].upper() + what[1:] + ":")
        lines += roff.preformatted([command])
    return lines


if __name__ == "__main__":
    sys.stdout.write(page())
