"""The commands that work on data files and the cache: export, validate, data fmt,
cache clear and cache path."""

from enum import StrEnum
from typing import Annotated

import typer

from tipcli import output
from tipcli.cli import DataOption, app, cache_app, data_app, data_path, load_index, reports_errors


class ExportFormat(StrEnum):
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    TOML = "toml"
    MARKDOWN = "markdown"


class ExportTable(StrEnum):
    ORGANISATIONS = "organisations"
    RESPONSIBILITIES = "responsibilities"
    PROGRAMS = "programs"
    HOTLINES = "hotlines"
    MEMBERSHIPS = "memberships"


@app.command()
@reports_errors
def export(
    ctx: typer.Context,
    fmt: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="The file format.")
    ] = ExportFormat.JSON,
    table: Annotated[
        ExportTable | None,
        typer.Option(
            "--table",
            help="With --format csv: which table, one row each (default: organisations).",
            show_default=False,
        ),
    ] = None,
    to: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE (replaced in one step) instead of standard output.",
            show_default=False,
        ),
    ] = None,
    data: DataOption = None,
) -> None:
    """Write the whole directory as JSON, JSON Lines, CSV, TOML or Markdown.

    JSON and TOML keep the data file's structure and load back with --data; TOML is
    the canonical form, byte for byte. CSV gives one table, flattened: organisations,
    responsibilities, programs, hotlines or memberships. With --output the file is
    written to a temporary file beside it and renamed, so a failure leaves the old file
    as it was.

    Example: tip export --format csv --table hotlines --output hotlines.csv
    """
    from pathlib import Path

    from tipcli import canonical
    from tipcli.errors import UsageError
    from tipcli.render import export as exporter

    if table is not None and fmt is not ExportFormat.CSV:
        raise UsageError("--table goes with --format csv")
    index = load_index(data_path(ctx, data))
    chosen = (table or ExportTable.ORGANISATIONS).value
    text = exporter.render(index, fmt.value, chosen)
    if to is None:
        output.write(text)
        return
    canonical.write_atomically(Path(to), text)
    output.note(f"wrote {to} ({len(text.encode())} bytes, {fmt.value})")


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

    located = load.locate(path or data_path(ctx, data))
    text = load.read_text(located)
    try:
        directory = load.directory_from_text(text, located.label, json=load.is_json(located))
    except load.SyntaxProblemError as err:
        output.write_line(err.problem.render(located.label))
        raise DataFileError(f"{located.label} is not well-formed") from None
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
    order, one array item a line. The file is replaced in one step (a temporary file,
    then a rename) and only if it is valid, so it is never left half-written.

    Example: tip data fmt --check data/agencies.toml
    """
    from pathlib import Path

    from tipcli import canonical, load
    from tipcli.errors import CheckFailedError

    located = load.locate(path or data_path(ctx, data))
    if load.is_json(located):
        from tipcli.errors import UsageError

        raise UsageError(
            f"{located.label} is JSON; the canonical form is TOML "
            "(tip export --format toml --data FILE)"
        )
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


@cache_app.command("clear")
@reports_errors
def cache_clear() -> None:
    """Delete every cached data file; the next run of each rebuilds its own.

    Example: tip cache clear
    """
    from tipcli import cache

    removed = cache.clear()
    output.note(
        f"removed {removed} cached file{'s' if removed != 1 else ''} from {cache.directory()}"
    )


@cache_app.command("path")
@reports_errors
def cache_path() -> None:
    """Print the cache directory ($XDG_CACHE_HOME/tipcli; TIP_NO_CACHE=1 turns it off).

    Example: du -sh "$(tip cache path)"
    """
    from tipcli import cache

    output.write_line(str(cache.directory()))
