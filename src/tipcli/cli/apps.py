"""The Typer apps the commands are declared on, and the options given before a command."""

from typing import Annotated

import typer

from tipcli import __version__
from tipcli.cli import output
from tipcli.cli.exits import EXIT_CODES_HELP, OneLineErrors
from tipcli.cli.options import DataOption, NoColorOption

app = typer.Typer(
    cls=OneLineErrors,
    name="tip",
    help="An offline directory of the U.S. federal government's work against human "
    "trafficking: agencies, offices, programmes, hotlines and interagency bodies, each "
    "fact cited to a public document and dated.\n\n" + EXIT_CODES_HELP,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
data_app = typer.Typer(
    help="Work on data files: put them in canonical form.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(data_app, name="data")
cache_app = typer.Typer(
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
    label = locate(None).label
    latest = newest(load(None).directory.sources)
    output.write(f"data: {label}, as of {latest.date_label}: {latest.id} is its newest document\n")


def _version_option(value: bool) -> None:
    if value:
        print_version()
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data: DataOption = None,
    no_color: NoColorOption = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version_option, is_eager=True, help="Print the version."
        ),
    ] = False,
) -> None:
    ctx.obj = {"data": data, "no_color": no_color}
