"""The command line: parse, call the domain, render, and map errors to exit codes."""

from __future__ import annotations

import functools
import signal
import sys
from collections.abc import Callable
from typing import Annotated, ParamSpec, TypeVar

import typer

from tipcli import __version__, output
from tipcli.errors import ExitCode, TipError

# "\b" keeps Click from re-wrapping the paragraph that follows it.
EXIT_CODES_HELP = """Exit codes:

\b
  0    success
  1    nothing found, or a check failed
  2    usage error
  3    the data file is missing, unreadable, malformed or invalid
  4    an output file could not be written
  130  interrupted"""

app = typer.Typer(
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

P = ParamSpec("P")
R = TypeVar("R")

DataOption = Annotated[
    str | None,
    typer.Option(
        "--data",
        metavar="PATH",
        help="Read this data file instead of the bundled directory (default: $TIP_DATA).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]
PlainOption = Annotated[
    bool, typer.Option("--plain", help="Print one tab-separated record a line, even on a terminal.")
]


def reports_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn a TipError into one line on stderr and its exit code."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except TipError as err:
            output.error(err.message)
            raise typer.Exit(err.exit_code) from None

    return run


def _data_path(ctx: typer.Context, data: str | None) -> str | None:
    """The command's --data, else the one given before the command."""
    if data:
        return data
    # `tip --data X data fmt`: the root's context holds the option given before the command.
    given: str | None = (ctx.find_root().obj or {}).get("data")
    return given


def _print_version(value: bool) -> None:
    if value:
        output.write(f"tip {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data: DataOption = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version."
        ),
    ] = False,
) -> None:
    ctx.obj = {"data": data}


@app.command()
@reports_errors
def sources(
    ctx: typer.Context,
    data: DataOption = None,
    json: JsonOption = False,
    plain: PlainOption = False,
) -> None:
    """List the source documents and their dates.

    Every fact in the directory cites one of these documents by its id.

    Example: tip sources --json | jq -r '.[].id'
    """
    from tipcli.load import load
    from tipcli.render import machine

    directory = load(_data_path(ctx, data))
    fmt = output.choose(json=json, plain=plain)
    if fmt is output.Format.JSON:
        records = [machine.source_record(s) for s in directory.sources]
        output.write(machine.to_json(records, pretty=output.stdout_is_terminal()))
    elif fmt is output.Format.PLAIN:
        output.write(machine.sources_plain(directory.sources))
    else:
        from tipcli.render import human

        output.show(human.sources_table(directory.sources))


@app.command()
@reports_errors
def validate(
    ctx: typer.Context,
    path: Annotated[
        str | None,
        typer.Argument(
            metavar="PATH", help="The data file to check (default: --data, $TIP_DATA, or bundled)."
        ),
    ] = None,
    data: DataOption = None,
) -> None:
    """Check a data file and list every problem with its place.

    Problems print one a line as FILE:PLACE: MESSAGE, where PLACE is LINE:COLUMN for a
    TOML syntax error and the entity and field otherwise. Exits 3 if there are any.

    Example: tip validate my-directory.toml
    """
    from tipcli import load
    from tipcli.errors import DataFileError, InvalidDataError
    from tipcli.stats import counts

    located = load.locate(path or _data_path(ctx, data))
    text = load.read_text(located)
    try:
        directory = load.directory_from_text(text, located.label)
    except load.TomlSyntaxError as err:
        output.write_line(err.problem.render(located.label))
        raise DataFileError(f"{located.label} is not valid TOML") from None
    except InvalidDataError as err:
        for problem in err.problems:
            output.write_line(problem.render(located.label))
        count = len(err.problems)
        noun = "problem" if count == 1 else "problems"
        raise DataFileError(f"{count} {noun} in {located.label}") from None
    summary = ", ".join(f"{n} {what}" for what, n in counts(directory).items())
    output.write(f"{located.label}: valid ({summary})\n")


@data_app.command("fmt")
@reports_errors
def data_fmt(
    ctx: typer.Context,
    path: Annotated[
        str | None,
        typer.Argument(
            metavar="PATH", help="The data file to format (default: --data, $TIP_DATA, or bundled)."
        ),
    ] = None,
    check: Annotated[
        bool, typer.Option("--check", help="Only say whether the file is canonical; exit 1 if not.")
    ] = False,
    data: DataOption = None,
) -> None:
    """Rewrite a data file in canonical form.

    The canonical form is what the tool's own TOML writer produces: keys in schema
    order, one array item a line.

    The file is replaced in one step (a temporary file, then a rename) and only if it
    is valid, so it is never left half-written.

    Example: tip data fmt --check data/agencies.toml
    """
    from pathlib import Path

    from tipcli import canonical, load
    from tipcli.errors import CheckFailedError

    located = load.locate(path or _data_path(ctx, data))
    text = load.read_text(located)
    canonical_text = canonical.dumps(load.directory_from_text(text, located.label))
    if canonical_text == text:
        output.note(f"{located.label} is in canonical form")
        return
    if check:
        raise CheckFailedError(
            f"{located.label} is not in canonical form; run 'tip data fmt {located.label}'"
        )
    canonical.write_atomically(Path(located.path), canonical_text)
    output.note(f"reformatted {located.label}")


class _Interrupted(BaseException):
    """Raised from the SIGINT handler; BaseException so no framework layer swallows it."""


def _on_interrupt(signum: int, frame: object) -> None:
    raise _Interrupted


def main() -> None:
    signal.signal(signal.SIGINT, _on_interrupt)
    try:
        app()
    except _Interrupted:
        sys.exit(ExitCode.INTERRUPTED)
