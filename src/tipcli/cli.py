"""The command line: parse, call the domain, render, and map errors to exit codes.

Imports of the domain and renderers happen inside the commands, so that `tip --help`
and shell completion load only what they use, and the JSON and plain paths never load
Rich.
"""

import functools
import inspect
import os
import sys
from collections.abc import Callable, Iterable
from types import ModuleType
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, ParamSpec, TypeVar, cast

import typer
from typer.core import TyperGroup
from typer.models import CommandInfo

from tipcli import __version__, output
from tipcli.errors import ExitCode, TipError

if TYPE_CHECKING:
    from rich.console import RenderableType

    from tipcli.index import Index

# "\b" keeps Click from re-wrapping the paragraph that follows it.
EXIT_CODES_HELP = """Exit codes:

\b
  0    success
  1    nothing found, or a check failed
  2    usage error
  3    the data file is missing, unreadable, malformed or invalid
  4    an output file could not be written
  130  interrupted (Ctrl-C)
  141  the reader of the output stopped early (as head does)"""


class _OneLineErrors(TyperGroup):
    """Click's usage errors as one 'tip:' line on stderr, in tests as in real use."""

    def main(  # type: ignore[override]
        self,
        args: list[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        # Typer 0.28 vendors Click; its exceptions are not re-exported, and the version
        # bound in pyproject.toml keeps this import where it is.
        from typer._click.exceptions import ClickException, NoArgsIsHelpError

        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except (KeyboardInterrupt, typer.Abort):
            sys.exit(ExitCode.INTERRUPTED)
        except NoArgsIsHelpError as err:
            err.show()  # `tip` alone prints the help
            sys.exit(err.exit_code)
        except ClickException as err:
            message = " ".join(err.format_message().split())
            ctx = getattr(err, "ctx", None)
            if ctx is not None:
                message += f" (see '{ctx.command_path} --help')"
            output.error(message)
            sys.exit(err.exit_code)
        sys.exit(code if isinstance(code, int) else ExitCode.OK)


app = typer.Typer(
    cls=_OneLineErrors,
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

P = ParamSpec("P")
R = TypeVar("R")


def complete_organisations(incomplete: str) -> list[str]:
    """Acronyms and ids for `tip agency`, from the bundled or $TIP_DATA directory."""
    index = _quiet_index()
    if index is None:
        return []
    folded = incomplete.casefold()
    terms = [o.acronym or o.id for o in index.directory.organisations]
    return sorted({t for t in terms if t.casefold().startswith(folded)})


def complete_topics(incomplete: str) -> list[str]:
    index = _quiet_index()
    if index is None:
        return []
    return [t for t in index.topics if t.startswith(incomplete.casefold())]


def _quiet_index() -> "Index | None":
    # Completion must never print an error into the user's command line.
    try:
        from tipcli.index import Index
        from tipcli.load import load

        return Index.build(load(None))
    except TipError:
        return None


DataOption = Annotated[
    str | None,
    typer.Option(
        "--data",
        metavar="PATH",
        help="Read this data file instead of the bundled directory (default: $TIP_DATA).",
        show_default=False,
    ),
]
FieldsOption = Annotated[
    str | None,
    typer.Option(
        "--fields",
        metavar="A,B,C",
        help="Only these fields, in this order (any machine format; see --json for names).",
        show_default=False,
    ),
]
NoColorOption = Annotated[
    bool, typer.Option("--no-color", help="No colour on a terminal (as NO_COLOR=1 or TERM=dumb).")
]
BodyFilterOption = Annotated[
    str | None,
    typer.Option(
        "--body",
        metavar="BODY",
        help="Only organisations with a part in this body, in any role (newest record).",
        show_default=False,
    ),
]
AsOfOption = Annotated[
    int | None,
    typer.Option(
        "--as-of",
        metavar="YEAR",
        min=1900,
        max=2100,
        help="Show the record as documents of YEAR or earlier describe it (default: newest).",
        show_default=False,
    ),
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


def data_path(ctx: typer.Context, data: str | None) -> str | None:
    """The command's --data, else the one given before the command."""
    if data:
        return data
    # `tip --data X data fmt`: the root's context holds the option given before the command.
    given: str | None = (ctx.find_root().obj or {}).get("data")
    return given


def load_index(data: str | None) -> "Index":
    from tipcli.index import Index
    from tipcli.load import load

    return Index.build(load(data))


def _no_color(ctx: typer.Context, no_color: bool) -> bool:
    return no_color or bool((ctx.find_root().obj or {}).get("no_color"))


class Output(NamedTuple):
    """What a command was asked for: which data file, and which output form."""

    data: str | None
    formats: tuple[output.Format, ...]  # the format flags given (at most one is allowed)
    no_color: bool
    fields: tuple[str, ...] = ()

    def emit(
        self,
        *,
        as_json: Callable[[], object],
        as_plain: Callable[[], str],
        as_human: "Callable[[ModuleType], RenderableType]",
    ) -> None:
        """Print in the one form asked for; only that form's work is done.

        `as_human` receives the Rich renderer module, imported only on this path.
        """
        fmt = output.choose(list(self.formats))
        if fmt is output.Format.JSON:
            from tipcli.render.machine import to_json

            output.write(to_json(as_json(), pretty=output.stdout_is_terminal()))
        elif fmt is output.Format.PLAIN:
            output.write(as_plain())
        else:
            from tipcli.render import human

            output.show(as_human(human), no_color=self.no_color)

    def emit_listing(
        self,
        *,
        records: Callable[[], list[dict[str, object]]],
        as_plain: Callable[[], str],
        as_human: "Callable[[ModuleType], RenderableType]",
    ) -> None:
        """A listing in any format; --fields picks and orders the fields of each record."""
        from tipcli.render import machine

        fmt = output.choose(list(self.formats))
        if fmt is output.Format.TABLE and not self.fields:
            from tipcli.render import human

            output.show(as_human(human), no_color=self.no_color)
            return
        if fmt is output.Format.PLAIN and not self.fields:
            output.write(as_plain())
            return
        rows = records()
        available = list(rows[0]) if rows else []
        fields = list(self.fields) or available
        unknown = [f for f in fields if f not in available]
        if unknown:
            from tipcli.errors import UsageError

            raise UsageError(f"unknown field '{unknown[0]}' (fields: {', '.join(available)})")
        chosen = machine.pick(rows, fields) if self.fields else rows
        if fmt is output.Format.JSON:
            output.write(machine.to_json(chosen, pretty=output.stdout_is_terminal()))
        elif fmt is output.Format.JSONL:
            output.write(machine.jsonl(chosen))
        elif fmt is output.Format.TABLE:
            from tipcli.render import human

            output.show(human.records(chosen, fields), no_color=self.no_color)
        else:
            tabs = fmt is not output.Format.CSV
            header = fmt is not output.Format.PLAIN
            output.write(machine.delimited(chosen, fields, tabs=tabs, header=header))


FORMAT_FLAGS = {
    "json": (output.Format.JSON, "Print JSON (pretty on a terminal, one line in a pipe)."),
    "plain": (output.Format.PLAIN, "Print one tab-separated record a line, even on a terminal."),
}
LISTING_FLAGS = {
    "jsonl": (output.Format.JSONL, "Print JSON Lines: one object a line."),
    "csv": (output.Format.CSV, "Print CSV with a header row."),
    "tsv": (output.Format.TSV, "Print tab-separated values with a header row."),
}


# Built once, not once per command: each costs a typing.Annotated and a Typer option.
FLAG_OPTIONS = {
    name: Annotated[bool, typer.Option(f"--{name}", help=text)]
    for name, (_, text) in {**FORMAT_FLAGS, **LISTING_FLAGS}.items()
}


def _options(*, listing: bool) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Give a command the shared output options, declared once for every command.

    Every data command gets --data, --json, --plain and --no-color; listing commands
    also get --jsonl, --csv, --tsv and --fields. The command declares `ctx` and
    `out: Output`; `out` is replaced in the signature Typer reads by these options.
    """
    flags = {**FORMAT_FLAGS, **(LISTING_FLAGS if listing else {})}

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        signature = inspect.signature(command, eval_str=True)
        kept = [p for name, p in signature.parameters.items() if name != "out"]
        keyword = inspect.Parameter.KEYWORD_ONLY
        shared = [inspect.Parameter("data", keyword, default=None, annotation=DataOption)]
        shared += [
            inspect.Parameter(name, keyword, default=False, annotation=FLAG_OPTIONS[name])
            for name in flags
        ]
        if listing:
            shared.append(
                inspect.Parameter("fields", keyword, default=None, annotation=FieldsOption)
            )
        shared.append(
            inspect.Parameter("no_color", keyword, default=False, annotation=NoColorOption)
        )

        @functools.wraps(command)
        def run(*args: object, **kwargs: object) -> None:
            # Typer hands over Click's own Context, which typer.Context only names.
            ctx = cast(typer.Context, kwargs["ctx"])
            asked = tuple(fmt for name, (fmt, _) in flags.items() if kwargs.pop(name))
            data = cast(str | None, kwargs.pop("data"))
            no_color = cast(bool, kwargs.pop("no_color"))
            fields = cast(str | None, kwargs.pop("fields", None))
            out = Output(
                data=data_path(ctx, data),
                formats=asked,
                no_color=_no_color(ctx, no_color),
                fields=tuple(f.strip() for f in fields.split(",") if f.strip()) if fields else (),
            )
            command(*args, out=out, **kwargs)

        run.__signature__ = signature.replace(parameters=[*kept, *shared])  # type: ignore[attr-defined]
        return run

    return decorate


output_options = _options(listing=False)
listing_options = _options(listing=True)


def _print_version(value: bool) -> None:
    if value:
        output.write(f"tip {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data: DataOption = None,
    no_color: NoColorOption = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version."
        ),
    ] = False,
) -> None:
    ctx.obj = {"data": data, "no_color": no_color}


def run() -> None:
    """The `tip` program. `tipcli.entry.main` calls this once it has taken charge of
    Ctrl-C and closed pipes."""
    if sys.argv[1:] == ["--version"]:
        # Scripts ask this often; it needs none of the commands Typer would build.
        output.write(f"tip {__version__}\n")
        return
    app_for(sys.argv[1:])()


# Root options that take a value, so that `tip --data X agency DHS` finds "agency".
_ROOT_VALUE_OPTIONS = {"--data"}
_ROOT_FLAGS = {"--no-color"}

# Each command, in the order `tip --help` lists them, and the module of
# tipcli.commands that declares it.
COMMAND_MODULES = {
    "agency": "card",
    "search": "find",
    "topics": "find",
    "hotline": "listings",
    "pitf": "bodies",
    "spog": "bodies",
    "body": "bodies",
    "list": "listings",
    "sources": "listings",
    "timeline": "history",
    "tree": "history",
    "matrix": "history",
    "graph": "history",
    "export": "data",
    "validate": "data",
    "data": "data",
    "cache": "data",
}


def _declare(modules: Iterable[str]) -> None:
    """Import the modules that declare commands; each registers its own on `app`."""
    import importlib

    for module in modules:
        importlib.import_module(f"tipcli.commands.{module}")


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
    import os

    if "_TIP_COMPLETE" in os.environ:
        # Completing: the words typed before the one being completed say which command
        # it is (bash passes them in COMP_WORDS, zsh and fish in _TYPER_COMPLETE_ARGS).
        typed = _typed_before_cursor(os.environ)
        name = _subcommand(typed) if typed is not None else None
    else:
        name = _subcommand(argv)
    if name not in COMMAND_MODULES:
        return full_app()
    _declare([COMMAND_MODULES[name]])
    import copy

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
        elif arg in _ROOT_FLAGS or arg.startswith("--data="):
            continue
        elif arg.startswith("-"):
            return None
        else:
            return arg
    return None
