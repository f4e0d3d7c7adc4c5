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
    # The positions of the fields that hold one text, texts, a flag and a number.
    text_at: tuple[int, ...] = ()
    texts_at: tuple[int, ...] = ()
    bool_at: tuple[int, ...] = ()
    int_at: tuple[int, ...] = ()


_SHAPES: dict[type, Shape] = {}


def shape_of(cls: type) -> Shape:
    shape = _SHAPES.get(cls)
    if shape is None:
        names: tuple[str, ...] = cls._fields  # type: ignore[attr-defined]
        defaults: dict[str, Any] = cls._field_defaults  # type: ignore[attr-defined]
        fields = []
        kinds: list[str] = []
        for name in names:
            hint = cls.__annotations__[name]
            origin: object = get_origin(hint)
            item = get_args(hint)[0] if origin is tuple else None
            nested = None
            if isinstance(item, type) and issubclass(item, tuple) and hasattr(item, "_fields"):
                nested = shape_of(item)
            fields.append((name, item is str, nested, defaults.get(name)))
            kinds.append(_kind(hint, item, nested))
        shape = _SHAPES[cls] = Shape(
            cls,
            tuple(fields),
            tuple((i, sub) for i, (_, _, sub, _) in enumerate(fields) if sub is not None),
            *(tuple(i for i, k in enumerate(kinds) if k == want) for want in _KINDS),
        )
    return shape


_KINDS = ("text", "texts", "bool", "int")


def _kind(hint: object, item: object, nested: Shape | None) -> str:
    if nested is not None:
        return "tables"
    if item is str:
        return "texts"
    return "text" if hint is str else getattr(hint, "__name__", str(hint))


def directory(data: dict[str, Any]) -> Directory:
    """Build the directory from tables that have passed validation."""
    built: Directory = _built(shape_of(Directory), data)
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


def fingerprint() -> tuple[object, ...]:
    """The model's fingerprint, which a cache keeps to be used only with this model."""
    return _fingerprint(shape_of(Directory))


def rows_of(value: tuple[Any, ...], shape: Shape) -> tuple[Any, ...]:
    """A named tuple as plain nested tuples, which marshal can store."""
    row = list(value)
    for position, sub in shape.nested:
        row[position] = tuple(rows_of(item, sub) for item in row[position])
    return tuple(row)


_new = tuple.__new__


def _model(row: tuple[Any, ...], shape: Shape) -> Any:
    """The reverse of rows_of. Raises ValueError on a row of the wrong length."""
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
    shape = shape_of(Directory)
    return (_fingerprint(shape), rows_of(directory, shape))


def from_rows(value: object) -> Directory | None:
    """The reverse of to_rows; None for rows made for another model, damaged, or holding
    what validation would refuse (a value of the wrong type, a control character): a
    cache can never show what `tip validate` would not let a data file say."""
    shape = shape_of(Directory)
    if not (isinstance(value, tuple) and len(value) == 2 and value[0] == _fingerprint(shape)):
        return None
    if not _sound(value[1], shape):
        return None
    try:
        directory: Directory = _model(value[1], shape)
    except (ValueError, TypeError):
        return None
    return directory


def model_of(row: object, shape: Shape) -> Any:
    """One entity from its plain row, checked as from_rows checks a whole directory;
    None for a row that is damaged or holds what validation would refuse."""
    if not _sound(row, shape):
        return None
    try:
        return _model(row, shape)  # type: ignore[arg-type]
    except (ValueError, TypeError):
        return None


def _sound(rows: object, shape: Shape) -> bool:
    """Whether rows hold values of the model's types, and text without control or format
    characters (which validation refuses), at every depth. The text is joined and
    checked in one call: on every warm run this reads the whole directory."""
    strings: list[str] = []
    stack = [(rows, shape)]
    while stack:
        row, current = stack.pop()
        if type(row) is not tuple or len(row) != len(current.fields):
            return False
        strings.extend(row[i] for i in current.text_at)
        for i in current.texts_at:
            if type(row[i]) is not tuple:
                return False
            strings.extend(row[i])
        if not all(type(row[i]) is bool for i in current.bool_at):
            return False
        if not all(type(row[i]) is int for i in current.int_at):
            return False
        for i, nested in current.nested:
            if type(row[i]) is not tuple:
                return False
            stack.extend((item, nested) for item in row[i])
    try:
        joined = "".join(strings)  # a TypeError if any value is not text
    except TypeError:
        return False
    return clean_text(joined)


def clean_text(text: str) -> bool:
    """Whether text has no control or format character (Cc, Cf), as validation asks."""
    if text.isprintable():  # the common case, in C
        return True
    import unicodedata  # only for text with a character beyond that

    return not any(unicodedata.category(char) in ("Cc", "Cf") for char in text)
