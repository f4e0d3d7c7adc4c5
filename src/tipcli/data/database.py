"""The cache's SQLite files: written whole under a temporary name and renamed into place,
and opened read-only only when they are this user's and hold exactly the tables `tip`
writes. What the tables hold is for the caller to check, row by row as it reads them.
"""

import contextlib
import marshal
import os
import sqlite3
import stat
from collections.abc import Callable, Sequence
from pathlib import Path

from tipcli.data import cache
from tipcli.data.cache import Damaged

SUFFIX = ".db"


def file_for(key: dict[str, object], kind: str) -> Path:
    """The database of a kind ("data", "search") made under a cache key."""
    plain = cache.file_for(key, kind)
    return plain.with_name(plain.name.removesuffix(cache.SUFFIX) + SUFFIX)


def create(target: Path, fill: Callable[[sqlite3.Connection], None]) -> None:
    """Make a database at `target` with what `fill` puts in it, all or nothing; silently
    does nothing if the cache folder cannot be used."""
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
    except (OSError, sqlite3.Error):
        with contextlib.suppress(OSError):
            temporary.unlink()
        return
    cache.evict(folder)


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
