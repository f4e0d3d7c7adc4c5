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


def _key(data: files.DataFile, content: bytes) -> CacheKey | None:
    """What the cache keeps the file under; None for no cache (turned off, or a pipe
    or device, which is read once and never the same file twice)."""
    if not cache.enabled() or not data.is_regular:
        return None
    try:
        return cache.key(data.path, content)
    except OSError:
        return None


def cache_key(explicit: str | None = None) -> CacheKey | None:
    """The cache key of the data file a command would use, without parsing it; None
    when caching is off. Reading errors are the same as load()'s."""
    data = files.locate(explicit)
    return _key(data, files.read_bytes(data))


def load(explicit: str | None = None) -> Loaded:
    """The directory a command should use, from the cache when it is current."""
    data = files.locate(explicit)
    content = files.read_bytes(data)
    source_key = _key(data, content)
    if source_key is not None:
        cached = build.from_rows(cache.read(source_key))
        if cached is not None:
            return Loaded(cached, source_key)
    directory = directory_from_text(files.decode(content, data), data.label, json=data.is_json)
    if source_key is not None:
        cache.write(source_key, build.to_rows(directory))
    return Loaded(directory, source_key)


class Report(NamedTuple):
    """What `tip validate` finds in a file: every problem, or what a valid file holds."""

    label: str
    problems: list[Problem]
    well_formed: bool  # False: the one problem is a TOML or JSON syntax error
    directory: Directory | None  # the file's directory, when it has no problem
    total: int = 0  # how many problems there are; `problems` lists the first of them


def report(explicit: str | None) -> Report:
    """Check a data file from scratch, never from the cache."""
    data = files.locate(explicit)
    text = files.read_text(data)
    try:
        directory = directory_from_text(text, data.label, json=data.is_json)
    except SyntaxProblemError as err:
        return Report(data.label, [err.problem], False, None, 1)
    except InvalidDataError as err:
        return Report(data.label, err.problems, True, None, err.total)
    return Report(data.label, [], True, directory)
