"""Writing every byte to an open descriptor: standard output, a device, a FIFO."""

import os
from collections.abc import Sequence

from tipcli.errors import PipeClosed, WriteError


def write_all(descriptor: int, pieces: Sequence[bytes], name: str) -> None:
    """All of `pieces`, in order, or an error: a reader that went away is PipeClosed (the
    run ends as `yes | head` does), any other fault a WriteError naming `name`.

    One write can take part of the bytes and say so; a loop over them is what makes a
    full disk an error rather than a short file. Many pieces are handed over together
    (writev), so that thousands of long lines are never first copied into one.
    """
    views = [memoryview(piece) for piece in pieces if piece]
    first = 0
    try:
        while first < len(views):
            if _WRITEV:
                written = os.writev(descriptor, views[first : first + _AT_ONCE])
            else:
                written = os.write(descriptor, views[first])
            # Past the pieces written whole, and into the one written in part.
            while written and written >= len(views[first]):
                written -= len(views[first])
                first += 1
            if written:
                views[first] = views[first][written:]
    except OSError as err:
        raise fault(err, name) from None


_WRITEV = hasattr(os, "writev")
# At most this many pieces a write: the least any system allows (IOV_MAX).
_AT_ONCE = 1024


def fault(err: OSError, name: str) -> PipeClosed | WriteError:
    """What a failed write to `name` is to the user: a reader that went away is
    PipeClosed, any other fault (a full disk, a closed descriptor) a WriteError."""
    if isinstance(err, BrokenPipeError):
        return PipeClosed()
    return WriteError(f"cannot write {name}: {err.strerror or err}")
