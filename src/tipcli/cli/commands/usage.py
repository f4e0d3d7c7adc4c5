"""The commands about `tip` itself: `tip help`, the help of any command, and
`tip completion`, the script that teaches a shell to complete tip's words."""

import os
from typing import TYPE_CHECKING, Annotated

import typer
from typer.core import TyperGroup

from tipcli.cli import output, shells
from tipcli.cli.apps import app

if TYPE_CHECKING:
    from typer import _click


@app.command(short_help="Print the completion script for bash, zsh or fish.")
def completion(
    shell: Annotated[
        str | None,
        typer.Argument(
            metavar="[SHELL]",
            help=f"{shells.SHELL_LIST} (default: the shell of $SHELL).",
            autocompletion=shells.complete_shells,
            show_default=False,
        ),
    ] = None,
) -> None:
    """Print the script that completes tip's commands, options and names in SHELL.

    Completion offers commands and options, organisation acronyms for agency, --agency,
    --parent and --body, topics, programmes, laws and hotlines. The script goes to
    standard output; nothing is installed. Load it from your shell's start-up file:
    for bash, eval "$(tip completion bash)" in ~/.bashrc; for zsh, save it as _tip in
    a folder on $fpath before compinit runs; for fish, save it as
    ~/.config/fish/completions/tip.fish.

    Example: tip completion fish > ~/.config/fish/completions/tip.fish
    """
    output.write(shells.script(shells.shell_named(shell, os.environ)))


def _complete_command(ctx: typer.Context, incomplete: str) -> list[str]:
    """The commands that can follow the words given so far, for `tip help`."""
    from typer._click.exceptions import ClickException

    given = list(ctx.params.get("words") or ())
    try:
        group = _walk(given)[1]
    except ClickException:  # a word that names no command: nothing to offer
        return []
    if not isinstance(group, TyperGroup):
        return []
    return [name for name in group.list_commands(ctx) if name.startswith(incomplete)]


@app.command("help", short_help="Show the help of tip or of one of its commands.")
def help_(
    words: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[COMMAND]...",
            help="A command, such as search, or data fmt (none: tip itself).",
            autocompletion=_complete_command,
            show_default=False,
        ),
    ] = None,
) -> None:
    """Show the help of tip or of one of its commands, as --help does.

    'tip help search' is 'tip search --help', and 'tip help' is 'tip --help'. The whole
    manual, every command in one page, is 'man tip'.

    Example: tip help data fmt
    """
    ctx = _walk(words or [])[0]
    output.write(ctx.get_help() + "\n")


def _walk(words: list[str]) -> "tuple[_click.Context, _click.Command]":
    """The context and command that `tip WORDS` names, declaring only that command;
    a usage error for a word that names no command, with Click's suggestions."""
    import typer.main

    from tipcli.cli.app import app_named

    command = typer.main.get_command(app_named(words[0] if words else None))
    ctx = command.make_context("tip", [], resilient_parsing=True)
    for word in words:
        if not isinstance(command, TyperGroup):
            raise _no_subcommands(ctx, word)
        ctx.resilient_parsing = False  # so that an unknown word is an error
        _, found, _ = command.resolve_command(ctx, [word])
        assert found is not None
        command = found
        ctx = command.make_context(word, [], parent=ctx, resilient_parsing=True)
    return ctx, command


def _no_subcommands(ctx: "_click.Context", word: str) -> Exception:
    from typer._click.exceptions import UsageError

    return UsageError(f"No such command {word!r}: '{ctx.command_path}' has no commands.", ctx=ctx)
