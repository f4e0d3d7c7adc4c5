"""The Typer apps the commands are declared on, and the options given before a command."""

import os
from typing import TYPE_CHECKING, Annotated

import typer

from tipcli import __version__
from tipcli.cli import output, shells
from tipcli.cli.exits import EXIT_CODES_HELP
from tipcli.cli.groups import Group, Root
from tipcli.cli.options import DataOption, NoColorOption
from tipcli.errors import TipError, UsageError

if TYPE_CHECKING:
    from tipcli.data.added import Selection

# A few things to try, each with what it shows: `tip --help` lists them, the man page
# has them under EXAMPLES, and a test runs every one.
EXAMPLES = (
    ("tip agency DHS", "an agency and its sources"),
    ('tip search "victim services"', "who does this kind of work"),
    ("tip hotline --json | jq -r '.[].dialable'", "every hotline's number"),
    ("tip export --format html -o tip.html", "one offline page to hand over"),
)
_EXAMPLES_WIDTH = max(len(command) for command, _ in EXAMPLES)

app = typer.Typer(
    cls=Root,
    name="tip",
    help="An offline directory of the U.S. federal government's work against human "
    "trafficking: agencies, offices, programmes, hotlines and interagency bodies, each "
    "fact cited to a public document and dated.\n\n" + EXIT_CODES_HELP,
    # The man page's NAME line.
    short_help="offline directory of the U.S. federal government's work against human trafficking",
    epilog="Examples:\n\n\b\n"
    + "\n".join(f"  {command:<{_EXAMPLES_WIDTH}}  # {what}" for command, what in EXAMPLES)
    + "\n\nEach command's help: tip help COMMAND. Everything in one page: man tip.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    # Completion scripts are printed (`tip completion`), never installed: Typer's
    # --install-completion would edit the user's shell start-up files.
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
data_app = typer.Typer(
    cls=Group,
    help="Work on data files: put them in canonical form.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(data_app, name="data")
cache_app = typer.Typer(
    cls=Group,
    help="The cache of parsed data files, which makes later runs faster.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(cache_app, name="cache")


def print_version() -> None:
    """The version, then how recent the directory the tool reads is: the date of its
    newest document (a TipError if the directory cannot be read)."""
    from tipcli.data.files import locate
    from tipcli.data.load import load
    from tipcli.data.model import newest

    output.write(f"tip {__version__}\n")
    from tipcli.data import added

    label = locate(None).label
    count = len(added.paths(locate(None).path))
    if count:
        label += f" with {count} added file{'s' if count != 1 else ''}"
    latest = newest(load(None).directory.sources)
    output.write(f"data: {label}, as of {latest.date_label}: {latest.id} is its newest document\n")


# Each option below acts at once, and only in a real run: while a shell completes
# `tip --version <Tab>`, Click parses the line too, and must print nothing of its own.


def _version_option(ctx: typer.Context, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        print_version()
        raise typer.Exit()


def _added_files(ctx: typer.Context, value: list[str] | None) -> list[str] | None:
    """--add, read before --version (both are eager): it says what the directory is."""
    from tipcli.data import added

    _choose(ctx, added.Selection(tuple(value or ()), added.selected().off))
    return value


def _no_added_files(ctx: typer.Context, value: bool) -> bool:
    from tipcli.data import added

    _choose(ctx, added.Selection(added.selected().extra, value))
    return value


def _choose(ctx: typer.Context, chosen: "Selection") -> None:
    from tipcli.data import added

    try:
        added.select(chosen.extra, chosen.off)
    except TipError:
        if not ctx.resilient_parsing:  # completing: never an error into the line
            raise


def _show_completion(ctx: typer.Context, value: str | None) -> None:
    # An empty value: `--show-completion` alone (see Root._shell_defaulted).
    if value is not None and not ctx.resilient_parsing:
        output.write(shells.script(shells.shell_named(value, os.environ)))
        raise typer.Exit()


def _install_completion(ctx: typer.Context, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        raise UsageError(
            "tip does not install completion; print the script with "
            "'tip completion SHELL' and load it as 'man tip' shows"
        )


@app.callback()
def root(
    ctx: typer.Context,
    data: DataOption = None,
    add: Annotated[
        list[str] | None,
        typer.Option(
            "--add",
            metavar="FILE",
            callback=_added_files,
            is_eager=True,
            help="Merge this file over the directory too, for this run (repeatable); the "
            "*.toml files in $XDG_DATA_HOME/tip/ are merged over the bundled one.",
            show_default=False,
        ),
    ] = None,
    no_add: Annotated[
        bool,
        typer.Option(
            "--no-add",
            callback=_no_added_files,
            is_eager=True,
            help="The directory alone, without added files (TIP_NO_ADD=1 leaves out the folder's).",
        ),
    ] = False,
    no_color: NoColorOption = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version_option, is_eager=True, help="Print the version."
        ),
    ] = False,
    show_completion: Annotated[
        str | None,
        typer.Option(
            "--show-completion",
            metavar="[SHELL]",
            callback=_show_completion,
            is_eager=True,
            autocompletion=shells.complete_shells,
            help=f"Print the completion script for SHELL ({shells.SHELL_LIST}; default: the "
            "shell of $SHELL), as 'tip completion' does.",
            show_default=False,
        ),
    ] = None,
    install_completion: Annotated[
        bool, typer.Option("--install-completion", callback=_install_completion, hidden=True)
    ] = False,
) -> None:
    from tipcli.data import added

    for reason in added.refusals():
        output.error(reason)
    ctx.obj = {"data": data, "no_color": no_color}
