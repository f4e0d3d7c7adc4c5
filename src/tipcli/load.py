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
    return _built(_shape_of(spec.cls), data)


# What the loader knows of each model type, read once from its annotations: its fields
# in order, which of them hold text values (`tuple[str, ...]`) and which nested tables
# (`tuple[T, ...]` of another named tuple), and their defaults. It builds the model by
# position from parsed TOML (about twice as fast as by keyword), turns the model into
# the plain nested tuples the cache stores, and turns those back into the model with
# one tuple.__new__ an entry and no key lookups; and it does so without the schema.
class Shape(NamedTuple):
    cls: type
    # Each field: its name, whether it holds text values, the shape of its nested
    # tables (or None) and its default.
    fields: "tuple[tuple[str, bool, Shape | None, Any], ...]"
    nested: "tuple[tuple[int, Shape], ...]"  # the positions that hold nested tables


_SHAPES: dict[type, Shape] = {}


def _shape_of(cls: type) -> Shape:
    shape = _SHAPES.get(cls)
    if shape is None:
        names: tuple[str, ...] = cls._fields  # type: ignore[attr-defined]
        defaults: dict[str, Any] = cls._field_defaults  # type: ignore[attr-defined]
        fields = []
        for name in names:
            hint = cls.__annotations__[name]
            origin: object = get_origin(hint)
            item = get_args(hint)[0] if origin is tuple else None
            nested = None
            if isinstance(item, type) and issubclass(item, tuple) and hasattr(item, "_fields"):
                nested = _shape_of(item)
            fields.append((name, item is str, nested, defaults.get(name)))
        shape = _SHAPES[cls] = Shape(
            cls,
            tuple(fields),
            tuple((i, sub) for i, (_, _, sub, _) in enumerate(fields) if sub is not None),
        )
    return shape


def _built(shape: Shape, data: dict[str, Any]) -> Any:
    values = []
    for name, texts, nested, default in shape.fields:
        if name not in data:
            values.append(default)
        elif nested is not None:
            values.append(tuple([_built(nested, item) for item in data[name]]))
        elif texts:
            values.append(tuple(data[name]))
        else:
            values.append(data[name])
    return _new(shape.cls, values)


def _fingerprint(shape: Shape) -> tuple[object, ...]:
    """The type names and fields of a shape: a cache made for another model is stale."""
    fields: tuple[str, ...] = shape.cls._fields  # type: ignore[attr-defined]
    nested = tuple((i, _fingerprint(sub)) for i, sub in shape.nested)
    return (shape.cls.__name__, fields, nested)


def _rows(value: tuple[Any, ...], shape: Shape) -> tuple[Any, ...]:
    """A named tuple as plain nested tuples, which marshal can store."""
    row = list(value)
    for position, sub in shape.nested:
        row[position] = tuple(_rows(item, sub) for item in row[position])
    return tuple(row)


_new = tuple.__new__


def _model(row: tuple[Any, ...], shape: Shape) -> Any:
    """The reverse of _rows. Raises ValueError on a row of the wrong length."""
    if len(row) != len(shape.fields):
        raise ValueError("cached row of the wrong shape")
    if shape.nested:
        fields = list(row)
        for position, sub in shape.nested:
            fields[position] = tuple([_model(item, sub) for item in fields[position]])
        row = tuple(fields)
    return _new(shape.cls, row)


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
