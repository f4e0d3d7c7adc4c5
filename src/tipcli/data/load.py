"""The directory a run uses: from the cache when it holds the file, else read, parsed,
validated, built and cached."""

from typing import NamedTuple

from tipcli.data import build, cache, files
from tipcli.data.model import Directory
from tipcli.errors import InvalidDataError, Problem, SyntaxProblemError

CacheKey = dict[str, object]


class Loaded(NamedTuple):
    directory: Directory
    # The cache key of its file (None when caching is off), so that what is derived
    # from the file (a search index) can be cached beside it.
    key: CacheKey | None


def directory_from_text(text: str, label: str, *, json: bool = False) -> Directory:
    """Parse, validate and build; for `tip validate` and `tip data fmt`, which report on
    the file itself and never use the cache."""
    from tipcli.data.parse import checked

    return build.directory(checked(text, label, json=json))


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
    return _key(data, files.read_bytes(data), _added(data))


def load(explicit: str | None = None) -> Loaded:
    """The directory a command should use, with the added files over it, from the cache
    when it is current."""
    data = files.locate(explicit)
    content = files.read_bytes(data)
    added = _added(data)
    source_key = _key(data, content, added)
    if source_key is not None:
        cached = build.from_rows(cache.read(source_key))
        if cached is not None:
            return Loaded(cached, source_key)
    directory = _built(data, content, added)
    if source_key is not None:
        cache.write(source_key, build.to_rows(directory))
    return Loaded(directory, source_key)


def _built(data: files.DataFile, content: bytes, added: list[Read]) -> Directory:
    text = files.decode(content, data)
    if not added:
        return directory_from_text(text, data.label, json=data.is_json)
    from tipcli.data.parse import checked_merged

    others = [(files.decode(a.content, a.file), a.file.label, a.file.is_json) for a in added]
    table, origins = checked_merged((text, data.label, data.is_json), others)
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
