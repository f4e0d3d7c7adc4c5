"""A large file's check, made in a process of its own beside the work that follows it.

At 50,000 organisations parsing the file takes about 4 s and checking it 2.5 s, while
building the directory and a search's index over it takes about 3 s more and needs only
the parsed tables. Where there are two cores or more, a caller that can wait for the
check (`beside`) has it made in a child process forked once the file is parsed, while
this one builds. Its verdict is awaited (`settle`) before anything relies on what the
check promises, and before anything leaves the run: an answer or a note on the
terminal (`cli.output`), an error (`cli.exits`), a cache file. A file found invalid
ends the run with the same error as a file checked first.

The cost is memory: the child copies the pages of the parsed tables it reads (519 MB
for the 61 MB file of 50,000 organisations). Where there is one core, no fork, or not
that much memory to spare, the check is made at once, as it always was.
"""

import contextlib
import marshal
import os
import signal
from collections.abc import Callable
from typing import NoReturn

from tipcli.data.streams import write_all
from tipcli.errors import Problem, Problems

Check = Callable[[], Problems]
# Raises the error that a file's problems make it, if it has any.
Conclude = Callable[[Problems], None]


class _Pending:
    # A plain class: this module is imported by every run (to settle any check before
    # the output), and a NamedTuple's class costs a third of a millisecond to make.
    __slots__ = ("again", "child", "conclude", "status", "verdict")

    def __init__(self, child: int, verdict: int, conclude: Conclude, again: Check) -> None:
        self.child = child
        self.verdict = verdict  # the end of the pipe the child writes its verdict into
        self.conclude = conclude
        self.again = again  # the check made here, for a child that gave no verdict
        self.status: int | None = None  # the child's wait status, once it is reaped

    def end(self, *, stop: bool) -> int:
        """Close the pipe and reap the child, killed first with `stop`; each once, so
        that ending it again, after an interrupt in between, closes no other file and
        kills no other process that has since been given the same number."""
        if self.verdict >= 0:
            descriptor, self.verdict = self.verdict, -1
            os.close(descriptor)
        if self.status is None:
            if stop:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(self.child, signal.SIGKILL)
            self.status = os.waitpid(self.child, 0)[1]
        return self.status


_PENDING: list[_Pending] = []
# The children whose check failed (or was never concluded: an interrupt while waiting).
_FAILED: list[int] = []


def beside(find: Check, conclude: Conclude, again: Check, size: int) -> None:
    """Check a file of `size` bytes (`find`) in a child process, to be concluded by
    `settle`; at once where no child can run beside this one. `again` makes the same
    check from the file itself, for a child stopped before it gave a verdict: by then
    this process may have changed the tables `find` reads (the citations of a renamed
    source)."""
    if not _room_beside(size):
        conclude(find())
        return
    reading, writing = os.pipe()
    try:
        child = os.fork()
    except OSError:
        os.close(reading)
        os.close(writing)
        conclude(find())
        return
    if child == 0:
        _check_in_child(find, reading, writing)
    os.close(writing)
    if not _PENDING and not _FAILED:
        import atexit  # only for a large file

        atexit.register(_abandon)
    _PENDING.append(_Pending(child, reading, conclude, again))


# How much memory a check beside the run may copy, at most, for each byte of its file's
# text: the tables parsed from it took 8.6 times the file, rounded up with room to spare.
_COPIED_PER_BYTE = 16


def _room_beside(size: int) -> bool:
    """Whether a child can check a file beside this process: a fork, a second core and
    the memory it would copy, as far as the system says (`/proc/meminfo` on Linux)."""
    if not hasattr(os, "fork"):
        return False
    if hasattr(os, "sched_getaffinity"):
        # The cores this process may run on (`taskset`, a container's limit).
        if len(os.sched_getaffinity(0)) < 2:
            return False
    elif (os.cpu_count() or 1) < 2:
        return False
    available = _available_memory()
    return available is None or available >= size * _COPIED_PER_BYTE


def _available_memory() -> int | None:
    """The bytes the system can give without swapping, or None where it does not say."""
    try:
        from pathlib import Path  # only for a large file

        with Path("/proc/meminfo").open("rb") as info:
            for line in info:
                if line.startswith(b"MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def _check_in_child(find: Check, reading: int, writing: int) -> NoReturn:
    """The child: checks, writes its verdict, and ends without running anything the run
    does at its exit, nor holding its standard streams (a pipe from the run ends when
    the run does, whatever becomes of the child)."""
    status = 1
    try:
        os.close(reading)
        nowhere = os.open(os.devnull, os.O_RDWR)
        for stream in (0, 1, 2):
            os.dup2(nowhere, stream)
        found = find()
        payload = marshal.dumps((found.total, [tuple(p) for p in found.listed]))
        write_all(writing, [payload], "the check's verdict")
        status = 0
    finally:
        os._exit(status)


def settle() -> None:
    """Wait for the checks running beside this process, and raise the error of a file
    found invalid; nothing when there are none."""
    while _PENDING:
        pending = _PENDING.pop(0)
        try:
            found = _verdict(pending)
            pending.conclude(found if found is not None else pending.again())
        except BaseException:
            # Found invalid, or the wait cut short (Ctrl-C): nothing is known good.
            _FAILED.append(pending.child)
            with contextlib.suppress(OSError):
                pending.end(stop=True)
            raise


def sound() -> bool:
    """Whether every check made beside this process has ended and found nothing wrong:
    false too for a run cut short before one ended."""
    return not _PENDING and not _FAILED


def _verdict(pending: _Pending) -> Problems | None:
    """What the child found; None for a child that ended without saying."""
    chunks = []
    while chunk := os.read(pending.verdict, 1 << 16):
        chunks.append(chunk)
    if os.waitstatus_to_exitcode(pending.end(stop=False)) != 0:
        return None
    try:
        total, listed = marshal.loads(b"".join(chunks))
        problems = Problems()
        problems.listed = [Problem(*fields) for fields in listed]
        problems.total = total
    except (EOFError, ValueError, TypeError):
        return None
    return problems


def _abandon() -> None:
    """At the exit of a run cut short: stop the checks no one will wait for."""
    while _PENDING:
        pending = _PENDING.pop()
        _FAILED.append(pending.child)
        with contextlib.suppress(OSError):
            pending.end(stop=True)
