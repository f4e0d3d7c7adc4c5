"""The directory a run uses: from the cache when it holds the file, else read, parsed,
validated, built and cached."""

import os
import stat
from typing import TYPE_CHECKING, NamedTuple

from tipcli.data import build, cache, files, verdict
from tipcli.data.model import Directory
from tipcli.errors import InvalidDataError, Problem, SyntaxProblemError

if TYPE_CHECKING:
    from tipcli.data.store import Store

CacheKey = dict[str, object]


class Loaded(NamedTuple):
    directory: Directory
    # The cache key of its file (None when caching is off), so that what is derived
    # from the file (a search index) can be cached beside it.
    key: CacheKey | None


def directory_from_text(
    text: str, label: str, *, json: bool = False, beside: bool = False
) -> Directory:
    """Parse, validate and build, without the cache (`tip validate` and `tip data fmt`
    report on the file itself); `beside` as for `parse.checked`."""
    from tipcli.data.parse import checked

    return build.directory(checked(text, label, json=json, beside=beside))


class Read(NamedTuple):
    """A file's bytes, read once."""

    file: files.DataFile
    content: bytes


def _key(data: files.DataFile, content: bytes, added: list[Read]) -> CacheKey | None:
    """What the cache keeps the directory under: its file's key, with each added file's
    when there are any, so that a change to any of them is noticed. None for no cache
    (turned off, or a pipe or device, which is read once and never the same file twice)."""
    if not cache.enabled() or not all(f.is_regular for f in (data, *(a.file for a in added))):
        return None
    try:
        key = cache.key(data.path, content)
        parts = [cache.key(a.file.path, a.content) for a in added]
    except OSError:
        return None
    if not parts:
        return key
    # A cache file of its own for the directory with these files added over it.
    joined = "+".join([str(key["path"]), *(str(part["path"]) for part in parts)])
    # The names too: a source shows the name its added file was given by.
    return {**key, "path": joined, "added": parts, "names": [a.file.label for a in added]}


def _added(data: files.DataFile) -> list[Read]:
    from tipcli.data import added

    found = [files.DataFile(path, label) for path, label in added.paths(data.path)]
    return [Read(f, files.read_bytes(f)) for f in found]


def cache_key(explicit: str | None = None) -> CacheKey | None:
    """The cache key of the data file a command would use, without parsing it; None
    when caching is off. Reading errors are the same as load()'s."""
    data = files.locate(explicit)
    added = _added(data)
    return database_key(data, added) or _key(data, files.read_bytes(data), added)


def load(explicit: str | None = None, *, behind: bool = False, beside: bool = False) -> Loaded:
    """The directory a command should use, with the added files over it, from the cache
    when it is current. With `behind`, a large directory's database, if it must be
    made, is written after the run rather than during it (`database.behind`): for a
    command that answers from the directory in memory and needs the database only
    for later runs. With `beside`, a large file that must be read may still be being
    checked when its directory is returned (`verdict`): the caller builds what it can
    from the directory as it is, and settles the check before relying on more."""
    data = files.locate(explicit)
    added = _added(data)
    found = _stored(data, added, behind, beside)
    if found is not None:
        return found
    content = files.read_bytes(data)
    source_key = _key(data, content, added)
    if source_key is not None:
        cached = build.from_rows(cache.read(source_key))
        if cached is not None:
            return Loaded(cached, source_key)
    directory = _built(data, content, added)
    if source_key is not None:
        cache.write(source_key, build.to_rows(directory))
    return Loaded(directory, source_key)


def database_key(data: files.DataFile, added: list[Read]) -> CacheKey | None:
    """What a large directory's database is kept under, read without reading the data
    file; None for a directory small enough to cache whole, for caching turned off, and
    for a file that is not a regular one this user can read (whose errors are then the
    ones reading it gives)."""
    if not cache.enabled():
        return None
    try:
        info = data.path.stat()
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode) or not os.access(data.path, os.R_OK):
        return None
    size = info.st_size + sum(len(a.content) for a in added)
    if not cache.is_large(size) or size > files.MAX_BYTES:
        return None
    if not all(a.file.is_regular for a in added):
        return None
    try:
        key = cache.identity([data.path, *(a.file.path for a in added)])
    except OSError:
        return None
    return {**key, "names": [a.file.label for a in added]}


def in_database(key: CacheKey) -> bool:
    """Whether what is cached under a key is kept in databases (a large directory's)."""
    return "files" in key


class Stored(NamedTuple):
    """A large directory's database, and its key (for what is cached beside it)."""

    store: "Store"
    key: CacheKey


def stored(explicit: str | None = None) -> "Stored | Loaded":
    """The database of a large directory, made now if there is none that is current; a
    small directory, or one whose database cannot be kept, loaded whole."""
    data = files.locate(explicit)
    added = _added(data)
    key = database_key(data, added)
    if key is not None:
        from tipcli.data.store import open_store

        found = open_store(key)
        if found is None:
            built = _written(data, added, key, beside=True)
            verdict.settle()  # before the directory is used, were no database kept
            found = open_store(key)
            if found is None:  # the cache cannot keep one
                return Loaded(built, key)
        return Stored(found, key)
    return load(explicit)


def rebuilt(explicit: str | None) -> Directory:
    """The directory read whole, its database (found damaged) made anew."""
    from tipcli.data.store import discard

    data = files.locate(explicit)
    added = _added(data)
    key = database_key(data, added)
    if key is not None:
        discard(key)
    return load(explicit).directory


def _written(
    data: files.DataFile, added: list[Read], key: CacheKey, *, behind: bool = False, beside: bool
) -> Directory:
    """The directory read, parsed and built now, and its database made (after the run,
    with `behind`; after the check, with `beside`)."""
    from tipcli.data import database
    from tipcli.data.store import write

    built = _built(data, files.read_bytes(data), added, beside=beside)
    if behind:
        database.behind(lambda: write(key, built))
    else:
        write(key, built)
    return built


def _stored(data: files.DataFile, added: list[Read], behind: bool, beside: bool) -> Loaded | None:
    """A large directory, whole, from its database (made now if there is none); None
    for a directory cached whole instead."""
    key = database_key(data, added)
    if key is None:
        return None
    from tipcli.data.store import open_store

    found = open_store(key)
    if found is not None:
        try:
            return Loaded(found.whole(), key)
        except cache.Damaged:
            pass
    built = _written(data, added, key, behind=behind, beside=beside)
    return Loaded(built, key)


def _built(
    data: files.DataFile, content: bytes, added: list[Read], *, beside: bool = False
) -> Directory:
    text = files.decode(content, data)
    if not added:
        return directory_from_text(text, data.label, json=data.is_json, beside=beside)
    from tipcli.data.parse import checked_merged

    others = [(files.decode(a.content, a.file), a.file.label, a.file.is_json) for a in added]
    table, origins = checked_merged((text, data.label, data.is_json), others, beside=beside)
    directory = build.directory(table)
    sources = tuple(s._replace(origin=origins.get(s.id, "")) for s in directory.sources)
    return directory._replace(sources=sources)


class Report(NamedTuple):
    """What `tip validate` finds in a file: every problem, or what a valid file holds."""

    label: str
    problems: list[Problem]
    well_formed: bool  # False: the one problem is a TOML or JSON syntax error
    directory: Directory | None  # the file's directory, when it has no problem
    total: int = 0  # how many problems there are; `problems` lists the first of them
    added: tuple[str, ...] = ()  # the files merged over it

    @property
    def checked(self) -> str:
        """What was checked, to name it to a user: the file and any added over it."""
        return f"{self.label} with {', '.join(self.added)}" if self.added else self.label


def report(explicit: str | None) -> Report:
    """Check a data file from scratch, never from the cache, with the added files over
    it; a file that is itself added is checked over the default directory."""
    data = files.locate(explicit)
    added = _added(data)
    bundled = files.DataFile(files.bundled_path(), "")
    if any(files.same_file(a.file.path, data.path) for a in [*added, *_added(bundled)]):
        # An added file (of the folder, or given with --add): over the directory.
        given = data
        data = files.locate(None)
        added = _added(data)
        if not any(files.same_file(a.file.path, given.path) for a in added):
            added.append(Read(given, files.read_bytes(given)))
    names = tuple(a.file.label for a in added)
    try:
        directory = _built(data, files.read_bytes(data), added)
    except SyntaxProblemError as err:
        return Report(err.label, [err.problem], False, None, 1)
    except InvalidDataError as err:
        return Report(data.label, err.problems, True, None, err.total, names)
    return Report(data.label, [], True, directory, 0, names)
