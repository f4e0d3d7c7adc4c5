"""How `tip` and its groups of commands behave beyond what Typer gives: each command's
summary whole wherever commands are listed, `--show-completion` with or without a
shell, and completion requests checked before Click reads them."""

import os
import sys
from collections.abc import Mapping, MutableMapping
from typing import TYPE_CHECKING, Any

from typer.core import TyperGroup

from tipcli.cli.exits import OneLineErrors
from tipcli.errors import UsageError

if TYPE_CHECKING:
    from typer import _click
    from typer._click.shell_completion import CompletionItem

# What Typer's completion classes answer; `tip completion` prints scripts for the first
# three only (see tipcli.cli.shells), but a script from an older release may ask too.
_REQUEST_SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def summary(command: "_click.Command") -> str:
    """A command's line in a list of commands: its short help where it declares one,
    else the first sentence of its help, whole however long (Click would cut it short
    with "...")."""
    return command.get_short_help_str(limit=sys.maxsize)


class Group(TyperGroup):
    """A group whose command lists, in `--help` and in zsh's and fish's completion
    menus, give each command's summary whole."""

    def format_commands(self, ctx: "_click.Context", formatter: "_click.HelpFormatter") -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, summary(command)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def shell_complete(self, ctx: "_click.Context", incomplete: str) -> list["CompletionItem"]:
        from typer._click.shell_completion import CompletionItem

        items = super().shell_complete(ctx, incomplete)
        for index, item in enumerate(items):
            command = self.commands.get(item.value)
            if command is not None:
                items[index] = CompletionItem(item.value, type=item.type, help=summary(command))
        return items


class Root(OneLineErrors, Group):
    """The `tip` group itself."""

    def parse_args(self, ctx: "_click.Context", args: list[str]) -> list[str]:
        from tipcli.data import added

        # Each run starts with no added files chosen; --add and --no-add choose.
        added.select((), False)
        if ctx.resilient_parsing:  # completing: `--show-completion <Tab>` offers shells
            return super().parse_args(ctx, args)
        return super().parse_args(ctx, self._shell_defaulted(args))

    def _shell_defaulted(self, args: list[str]) -> list[str]:
        """`--show-completion` with no shell after it (at the end, or before another
        option) means the shell of $SHELL, which an empty value asks for. Only the
        options before the command are looked at."""
        takes_value = {
            name for param in self.params if not getattr(param, "is_flag", True)
            for name in getattr(param, "opts", ())
        }  # fmt: skip
        out = list(args)
        skip = False
        for index, arg in enumerate(out):
            if skip:
                skip = False
            elif arg == "--show-completion" and (
                index + 1 == len(out) or out[index + 1].startswith("-")
            ):
                out[index] = "--show-completion="
            elif arg in takes_value:
                skip = True
            elif arg == "--" or not arg.startswith("-"):
                break
        return out

    def _main_shell_completion(
        self,
        ctx_args: MutableMapping[str, Any],
        prog_name: str,
        complete_var: str | None = None,
    ) -> None:
        if os.environ.get("_TIP_COMPLETE"):
            check_completion_request(os.environ)
            # Typer registers its completion classes with its own --install-completion
            # option, which tip leaves out; the classes are registered here instead.
            from typer._completion_classes import completion_init

            completion_init()
        super()._main_shell_completion(ctx_args, prog_name, complete_var)


def check_completion_request(environ: Mapping[str, str]) -> None:
    """A UsageError if _TIP_COMPLETE asks for completion in a way no script of tip's
    does, which Click would answer with a traceback or a line of its own."""
    instruction = environ.get("_TIP_COMPLETE")
    if not instruction:
        return
    action, _, shell = instruction.partition("_")
    if action not in ("complete", "source") or shell not in _REQUEST_SHELLS:
        raise UsageError(f"not a completion request tip knows: _TIP_COMPLETE={instruction}")
    if action == "complete" and shell == "bash":
        position = environ.get("COMP_CWORD", "")
        if "COMP_WORDS" not in environ or not (position.isascii() and position.isdigit()):
            raise UsageError(
                "a bash completion request needs COMP_WORDS, and COMP_CWORD as a number"
            )
