"""The cache's SQLite files: written whole under a temporary name and renamed into place,
and opened read-only only when they are this user's and hold exactly the tables `tip`
writes. What the tables hold is for the caller to check, row by row as it reads them.
"""

import atexit
import contextlib
import gc
import marshal
import os
import signal
import sqlite3
import stat
from collections.abc import Callable, Sequence
from pathlib import Path

from tipcli.data import cache, verdict
from tipcli.data.cache import Damaged

SUFFIX = ".db"


def file_for(key: dict[str, object], kind: str) -> Path:
    """The database of a kind ("data", "search") made under a cache key."""
    plain = cache.file_for(key, kind)
    return plain.with_name(plain.name.removesuffix(cache.SUFFIX) + SUFFIX)


def create(target: Path, fill: Callable[[sqlite3.Connection], None]) -> None:
    """Make a database at `target` with what `fill` puts in it, all or nothing; silently
    does nothing if the cache folder cannot be used."""
    verdict.settle()
    if not verdict.sound():
        return  # nothing is cached of a file found invalid
    folder = cache.usable_folder(create=True)
    if folder is None:
        return
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        os.close(os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        connection = sqlite3.connect(temporary, isolation_level=None)
        try:
            # Written once, read many times, and rebuilt from the data file if lost: no
            # journal and no syncing, which would only slow the first run down.
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA synchronous = OFF")
            connection.execute("BEGIN")
            fill(connection)
            connection.execute("COMMIT")
        finally:
            connection.close()
        temporary.replace(target)
    except BaseException as err:  # a signal too: no half-written file is left behind
        with contextlib.suppress(OSError):
            temporary.unlink()
        if isinstance(err, OSError | sqlite3.Error):
            return
        raise
    cache.evict(folder)


# Set to anything but 0 or the empty value: a run writes its cache before it exits.
WAIT_ENV = "TIP_CACHE_WAIT"

# What is to be written when the run is over.
_PENDING: list[Callable[[], None]] = []


def behind(write: Callable[[], None]) -> None:
    """Write a cache file once the run is over, in a process of its own that outlives
    it, so that a first run on a large directory answers without waiting for the
    databases it makes (the next run reads them). Written here and now instead where
    no process can be forked, or with TIP_CACHE_WAIT set."""
    if os.environ.get(WAIT_ENV, "") not in ("", "0") or not hasattr(os, "fork"):
        write()
        return
    if not _PENDING:
        # Forked at the exit, when the run no longer touches what the writer reads: a
        # fork earlier would make the run copy every page of it that it then touched.
        atexit.register(_write_pending)
    _PENDING.append(write)


def due() -> list[Callable[[], None]]:
    """The writes left for after the run, taken from the queue: none if the file they
    are made from was found invalid, or the run was cut short before its check ended."""
    writes = list(_PENDING)
    _PENDING.clear()
    return writes if verdict.sound() else []


def _write_pending() -> None:
    writes = due()
    if not writes:
        return
    try:
        child = os.fork()
    except OSError:
        return  # the next run makes them
    if child:
        return
    # The writer. In a session of its own, so that a Ctrl-C or hang-up meant for the
    # run does not cut it short; reading and writing nothing of the run's standard
    # streams, so that a pipe from the run ends when the run does. It ends without
    # running anything the run does at its exit (flushing output, say).
    try:
        gc.disable()
        os.setsid()
        for signum in (signal.SIGINT, signal.SIGHUP, signal.SIGPIPE):
            signal.signal(signum, signal.SIG_IGN)
        # Stopped, it removes what it had half written on the way out.
        signal.signal(signal.SIGTERM, _stop)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
        nowhere = os.open(os.devnull, os.O_RDWR)
        for stream in (0, 1, 2):
            os.dup2(nowhere, stream)
        for write in writes:
            write()
    finally:
        os._exit(0)


def open_read_only(path: Path, schema: Sequence[str]) -> sqlite3.Connection | None:
    """A database of this user's in the cache folder whose tables and indexes are exactly
    `schema`, open read-only with nothing in it allowed to run; else None."""
    if cache.usable_folder(create=False) is None or not _own_file(path):
        return None
    try:
        connection = sqlite3.connect(
            f"file:{path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False
        )
    except sqlite3.Error:
        return None
    try:
        # Nothing in a database may run code of its own, and nothing here writes.
        connection.execute("PRAGMA trusted_schema = OFF")
        connection.execute("PRAGMA query_only = ON")
        found = connection.execute(
            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid"
        ).fetchall()
        if [sql for (sql,) in found] == list(schema):
            return connection
    except sqlite3.Error:
        pass
    connection.close()
    return None


def _stop(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def meta(connection: sqlite3.Connection, names: set[str]) -> dict[str, object]:
    """The values of a database's `meta` table, which must hold exactly `names`, each in
    `marshal` format. Raises Damaged."""
    try:
        rows = dict(connection.execute("SELECT name, value FROM meta").fetchall())
        if set(rows) != names:
            raise Damaged("a database with other metadata")
        return {name: marshal.loads(value) for name, value in rows.items()}
    except (sqlite3.Error, ValueError, EOFError, TypeError) as err:
        raise Damaged(str(err)) from None


def discard(path: Path) -> None:
    """Remove a database, if it is there."""
    if cache.usable_folder(create=False) is not None:
        with contextlib.suppress(OSError):
            path.unlink()


def _own_file(path: Path) -> bool:
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and info.st_uid == os.geteuid()
