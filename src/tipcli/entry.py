"""The `tip` program's entry point, kept tiny so that it is in charge from the start.

Ctrl-C can arrive while Typer and Rich are still being imported, and a reader such as
`head` can close the pipe at any write. Both are handled here, before anything heavy is
imported, so that neither ever shows a traceback.
"""

import gc
import os
import signal
import sys

# Exit codes for the two ways a run can be cut short (see errors.ExitCode).
INTERRUPTED = 130  # 128 + SIGINT, as shells report it
PIPE_CLOSED = 141  # 128 + SIGPIPE, as `yes | head` ends


class Interrupted(BaseException):
    """Ctrl-C. A BaseException, so that no `except Exception` on the way swallows it."""


class PipeClosed(BaseException):
    """The reader of stdout went away: not a failure of ours or the user's."""


def _interrupt(signum: int, frame: object) -> None:
    raise Interrupted


def main() -> None:
    # A run is short and builds many objects with no reference cycles (hundreds of
    # thousands for a large directory), so the cyclic collector would only spend time
    # finding nothing: loading a 5 MB cache took 77 ms with it and 46 ms without.
    # Reference counting still frees every object.
    gc.disable()
    signal.signal(signal.SIGINT, _interrupt)
    try:
        from tipcli.cli import run

        run()
    except Interrupted:
        sys.exit(INTERRUPTED)
    except (PipeClosed, BrokenPipeError):
        # Python would try to flush stdout again at exit and complain; point it at
        # /dev/null first, as the Python documentation advises for SIGPIPE.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(PIPE_CLOSED)
