"""The one place that turns errors into exit codes: every error a user can cause ends as
one 'tip:' line on stderr and its documented code, in tests as in real use."""

import sys
from typing import Any

from typer.core import TyperGroup

from tipcli.cli import output
from tipcli.data import verdict
from tipcli.errors import ExitCode, TipError

# Each exit code and what it means, for `tip --help` and the man page's EXIT STATUS.
EXIT_CODES = (
    (ExitCode.OK, "success"),
    (ExitCode.NOT_FOUND, "nothing found, or a check failed"),
    (ExitCode.USAGE, "usage error"),
    (ExitCode.BAD_DATA, "the data file is missing, unreadable, malformed or invalid"),
    (ExitCode.CANNOT_WRITE, "an output could not be written, or a write was refused"),
    (ExitCode.INTERRUPTED, "interrupted (Ctrl-C); 129 and 143 for SIGHUP and SIGTERM"),
    (ExitCode.PIPE_CLOSED, "the reader of the output stopped early (as head does)"),
)
# "\b" keeps Click from re-wrapping the paragraph that follows it.
EXIT_CODES_HELP = "Exit codes:\n\n\b\n" + "\n".join(
    f"  {code:<4} {meaning}" for code, meaning in EXIT_CODES
)


class OneLineErrors(TyperGroup):
    """Runs the command line and maps what it raises to an exit: Click's usage errors
    and tip's own errors alike become one line on stderr."""

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
            try:
                code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            except Exception:
                # Whatever went wrong, on a file that its check (still running beside the
                # run) finds invalid, is that file's problems.
                verdict.settle()
                raise
            verdict.settle()
        except TipError as err:
            output.error(err.message)
            sys.exit(err.exit_code)
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
