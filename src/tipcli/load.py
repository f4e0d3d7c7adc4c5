"""Find, read and parse a data file, validate it, and build the model.

Where the data comes from, first match wins: an explicit path (`--data`), the
`TIP_DATA` environment variable, then the directory bundled with the package.
"""

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, get_args, get_origin

from tipcli.errors import DataFileError, InvalidDataError, Problem
from tipcli.model import Directory

if TYPE_CHECKING:
    from tipcli.schema import TableSpec

ENV_VAR = "TIP_DATA"


class DataFile(NamedTuple):
    path: Path
    # How to name the file to a user: the path as given, or "the bundled directory".
    label: str
    bundled: bool


def bundled_path() -> Path:
    """The directory that ships with `tip`.

    An installed wheel carries it inside the package; an editable install or a source
    checkout reads the repository's own `data/agencies.toml`.
    """
    here = Path(__file__).resolve().parent
    packaged = here / "data" / "agencies.toml"
    if packaged.is_file():
        return packaged
    return here.parent.parent / "data" / "agencies.toml"


def locate(explicit: str | None, environ: dict[str, str] | None = None) -> DataFile:
    env = os.environ if environ is None else environ
    chosen = explicit if explicit else env.get(ENV_VAR) or None
    if chosen is None:
        return DataFile(bundled_path(), "the bundled directory", bundled=True)
    return DataFile(Path(chosen), chosen, bundled=False)


def read_text(data: DataFile) -> str:
    """The file's text, or a DataFileError that says in one line what is wrong."""
    return decode(read_bytes(data), data)


def read_bytes(data: DataFile) -> bytes:
    where = data.label
    try:
        return data.path.read_bytes()
    except FileNotFoundError:
        raise DataFileError(f"data file not found: {where}") from None
    except IsADirectoryError:
        raise DataFileError(f"data file is a folder, not a file: {where}") from None
    except PermissionError:
        raise DataFileError(f"cannot read data file (permission denied): {where}") from None
    except OSError as err:
        raise DataFileError(f"cannot read data file {where}: {err.strerror}") from None


def decode(raw: bytes, data: DataFile) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise DataFileError(
            f"data file is not UTF-8 text: {data.label} (byte 0x{raw[err.start]:02x} at "
            f"offset {err.start})"
        ) from None


class SyntaxProblemError(DataFileError):
    """The file is not well-formed TOML (or JSON); carries the LINE:COL problem."""

    def __init__(self, path: str, problem: Problem) -> None:
        super().__init__(problem.render(path))
        self.problem = problem


def parse_toml(text: str, label: str) -> dict[str, Any]:
    import tomli  # only when the cache does not have the file

    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as err:
        where = f"{err.lineno}:{err.colno}"
        raise SyntaxProblemError(label, Problem(where, f"malformed TOML: {err.msg}")) from None


def parse_json(text: str, label: str) -> dict[str, Any]:
    """A directory exported as JSON (`tip export --format json`) reads back the same."""
    import json

    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        where = f"{err.lineno}:{err.colno}"
        raise SyntaxProblemError(label, Problem(where, f"malformed JSON: {err.msg}")) from None
    if not isinstance(value, dict):
        raise SyntaxProblemError(label, Problem("1:1", "malformed JSON: expected an object"))
    return value


def build(spec: "TableSpec", data: dict[str, Any]) -> Any:
    """Build the named tuple a spec describes from a table that has passed validation."""
    return _built(_plan_of(spec), data)


# How to build one type: for each of its fields in order, its name, whether it holds
# text values or nested tables (and their plan), and its default. Building by position
# from a plan is about twice as fast as by keyword, which a first run on a large file
# notices.
_Plan = tuple[type, tuple[tuple[str, bool, "_Plan | None", Any], ...]]
_PLANS: dict[int, _Plan] = {}


def _plan_of(spec: "TableSpec") -> _Plan:
    plan = _PLANS.get(id(spec))
    if plan is None:
        from tipcli import schema  # a cache hit builds the model without the schema

        fields = {field.name: field for field in spec.fields}
        defaults: dict[str, Any] = spec.cls._field_defaults  # type: ignore[attr-defined]
        names: tuple[str, ...] = spec.cls._fields  # type: ignore[attr-defined]
        steps = []
        for name in names:
            field = fields[name]
            table = field.table if field.type == schema.TABLES else None
            nested = _plan_of(table) if table is not None else None
            steps.append((name, field.type == schema.TEXTS, nested, defaults.get(name)))
        plan = _PLANS[id(spec)] = (spec.cls, tuple(steps))
    return plan


def _built(plan: _Plan, data: dict[str, Any]) -> Any:
    cls, steps = plan
    values = []
    for name, texts, nested, default in steps:
        if name not in data:
            values.append(default)
        elif nested is not None:
            values.append(tuple([_built(nested, item) for item in data[name]]))
        elif texts:
            values.append(tuple(data[name]))
        else:
            values.append(data[name])
    return _new(cls, values)


# How the cache stores a directory: each named tuple as a plain tuple of its fields in
# order, and a shape that says which positions of each type hold nested tables. Turning
# rows back into the model is then one tuple.__new__ per entry, with no key lookups.
Shape = tuple[type, int, tuple[tuple[int, "Shape"], ...]]


def _shape_of(cls: type) -> Shape:
    """The shape of a model type, from its annotations: a field typed `tuple[T, ...]`,
    where T is itself a named tuple, holds nested tables."""
    names: tuple[str, ...] = cls._fields  # type: ignore[attr-defined]
    nested = []
    for position, name in enumerate(names):
        hint = cls.__annotations__[name]
        origin: object = get_origin(hint)
        item = get_args(hint)[0] if origin is tuple else None
        if isinstance(item, type) and issubclass(item, tuple) and hasattr(item, "_fields"):
            nested.append((position, _shape_of(item)))
    return (cls, len(names), tuple(nested))


def _fingerprint(shape: Shape) -> tuple[object, ...]:
    """The type names and fields of a shape: a cache made for another model is stale."""
    cls, _, nested = shape
    fields: tuple[str, ...] = cls._fields  # type: ignore[attr-defined]
    return (cls.__name__, fields, tuple((i, _fingerprint(sub)) for i, sub in nested))


def _rows(value: tuple[Any, ...], shape: Shape) -> tuple[Any, ...]:
    """A named tuple as plain nested tuples, which marshal can store."""
    row = list(value)
    for position, sub in shape[2]:
        row[position] = tuple(_rows(item, sub) for item in row[position])
    return tuple(row)


_new = tuple.__new__


def _model(row: tuple[Any, ...], shape: Shape) -> Any:
    """The reverse of _rows. Raises ValueError on a row of the wrong length."""
    cls, width, nested = shape
    if len(row) != width:
        raise ValueError("cached row of the wrong shape")
    if nested:
        fields = list(row)
        for position, sub in nested:
            fields[position] = tuple([_model(item, sub) for item in fields[position]])
        row = tuple(fields)
    return _new(cls, row)


def _cached_directory(value: object, shape: Shape) -> Directory | None:
    if not (isinstance(value, tuple) and len(value) == 2 and value[0] == _fingerprint(shape)):
        return None
    try:
        directory: Directory = _model(value[1], shape)
    except (ValueError, TypeError):
        return None
    return directory


def checked(text: str, label: str, *, json: bool = False) -> dict[str, Any]:
    """Parse and validate: the raw tables of a file that keeps every rule."""
    from tipcli.validate import validate  # not needed when the cache has the file

    raw = parse_json(text, label) if json else parse_toml(text, label)
    problems = validate(raw)
    if problems:
        raise InvalidDataError(label, problems)
    return raw


def directory_from_text(text: str, label: str, *, json: bool = False) -> Directory:
    from tipcli import schema

    directory: Directory = build(schema.DIRECTORY, checked(text, label, json=json))
    return directory


def _cache_key(data: DataFile, content: bytes) -> dict[str, object] | None:
    from tipcli import cache

    if not cache.enabled():
        return None
    try:
        return cache.key(data.path, content)
    except OSError:
        return None


def cache_key(explicit: str | None = None) -> dict[str, object] | None:
    """The cache key of the data file a command would use, without parsing it; None
    when caching is off. Reading errors are the same as load()'s."""
    data = locate(explicit)
    return _cache_key(data, read_bytes(data))


def is_json(data: DataFile) -> bool:
    return data.path.suffix.lower() == ".json"


def load(explicit: str | None = None) -> Directory:
    """The directory a command should use, from the cache when it is current."""
    return load_keyed(explicit)[0]


def load_keyed(explicit: str | None = None) -> tuple[Directory, dict[str, object] | None]:
    """The directory, and the cache key of its file (None when caching is off), so that
    what is derived from the file (a search index) can be cached beside it."""
    from tipcli import cache

    data = locate(explicit)
    content = read_bytes(data)
    source_key = _cache_key(data, content)
    shape = _shape_of(Directory)
    if source_key is not None:
        cached = _cached_directory(cache.read(source_key), shape)
        if cached is not None:
            return cached, source_key
    from tipcli import schema

    raw = checked(decode(content, data), data.label, json=is_json(data))
    directory: Directory = build(schema.DIRECTORY, raw)
    if source_key is not None:
        cache.write(source_key, (_fingerprint(shape), _rows(directory, shape)))
    return directory, source_key
