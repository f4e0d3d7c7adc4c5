"""The model built from checked tables, and turned to and from the plain nested tuples
the cache stores."""

from typing import Any, NamedTuple, get_args, get_origin

from tipcli.data.model import Directory


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


def directory(data: dict[str, Any]) -> Directory:
    """Build the directory from tables that have passed validation."""
    built: Directory = _built(_shape_of(Directory), data)
    return built


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


def to_rows(directory: Directory) -> tuple[object, ...]:
    """The directory as plain nested tuples, led by the model's fingerprint."""
    shape = _shape_of(Directory)
    return (_fingerprint(shape), _rows(directory, shape))


def from_rows(value: object) -> Directory | None:
    """The reverse of to_rows; None for rows made for another model or damaged."""
    shape = _shape_of(Directory)
    if not (isinstance(value, tuple) and len(value) == 2 and value[0] == _fingerprint(shape)):
        return None
    try:
        directory: Directory = _model(value[1], shape)
    except (ValueError, TypeError):
        return None
    return directory
