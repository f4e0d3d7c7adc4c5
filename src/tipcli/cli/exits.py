"""The one place that turns errors into exit codes: every error a user can cause ends as
one 'tip:' line on stderr and its documented code, in tests as in real use."""

import sys
from typing import Any

from typer.core import TyperGroup

from tipcli.cli import output
from tipcli.errors import ExitCode, TipError

# "\b" keeps Click from re-wrapping the paragraph that follows it.
EXIT_CODES_HELP = """Exit codes:

\b
  0    success
  1    nothing found, or a check failed
  2    usage error
  3    the data file is missing, unreadable, malformed or invalid
  4    an output could not be written, or a write was refused
  130  interrupted (Ctrl-C); 129 and 143 for SIGHUP and SIGTERM
  141  the reader of the output stopped early (as head does)"""


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
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
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
