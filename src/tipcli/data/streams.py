"""Writing every byte to an open descriptor: standard output, a device, a FIFO."""

import os

from tipcli.errors import PipeClosed, WriteError


def write_all(descriptor: int, data: bytes, name: str) -> None:
    """All of `data`, or an error: a reader that went away is PipeClosed (the run ends
    as `yes | head` does), any other fault a WriteError naming `name`.

    One os.write can take part of the bytes and say so; a loop over them is what makes
    a full disk an error rather than a short file.
    """
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
    except OSError as err:
        raise fault(err, name) from None


def fault(err: OSError, name: str) -> PipeClosed | WriteError:
    """What a failed write to `name` is to the user: a reader that went away is
    PipeClosed, any other fault (a full disk, a closed descriptor) a WriteError."""
    if isinstance(err, BrokenPipeError):
        return PipeClosed()
    return WriteError(f"cannot write {name}: {err.strerror or err}")
