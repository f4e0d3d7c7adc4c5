"""A file's text becomes checked tables: TOML or JSON parsing, then validation."""

from typing import TYPE_CHECKING, Any

from tipcli.data import schema, verdict
from tipcli.data.rules import former_source_ids
from tipcli.data.schema import FieldSpec, TableSpec
from tipcli.errors import InvalidDataError, Problem, Problems, SyntaxProblemError

if TYPE_CHECKING:
    from tipcli.data.merge import Merged


def parse_toml(text: str, label: str) -> dict[str, Any]:
    import tomli  # only when the cache does not have the file

    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as err:
        where = f"{err.lineno}:{err.colno}"
        raise SyntaxProblemError(label, Problem(where, f"malformed TOML: {err.msg}")) from None
    except (RecursionError, ValueError) as err:
        raise SyntaxProblemError(label, Problem("1:1", _beyond_reason(err, "TOML"))) from None


def parse_json(text: str, label: str) -> dict[str, Any]:
    import json

    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        where = f"{err.lineno}:{err.colno}"
        raise SyntaxProblemError(label, Problem(where, f"malformed JSON: {err.msg}")) from None
    except (RecursionError, ValueError) as err:
        raise SyntaxProblemError(label, Problem("1:1", _beyond_reason(err, "JSON"))) from None
    if not isinstance(value, dict):
        raise SyntaxProblemError(label, Problem("1:1", "malformed JSON: expected an object"))
    return value


def _beyond_reason(err: RecursionError | ValueError, language: str) -> str:
    """What a parser gave up on without a place: nesting too deep for its stack, or a
    number with more digits than Python converts (both only ever in a made-up file)."""
    if isinstance(err, RecursionError):
        return f"{language} nested too deeply to read"
    return f"a number in the {language} has too many digits to read"


def checked(text: str, label: str, *, json: bool = False, beside: bool = False) -> dict[str, Any]:
    """Parse and validate: the raw tables of a file that keeps every rule. With
    `beside`, the check may still be running when they are returned (`verdict`), and
    the caller settles it before relying on more than their types."""
    from tipcli.data.validate import check  # not needed when the cache has the file

    def parsed() -> dict[str, Any]:
        return parse_json(text, label) if json else parse_toml(text, label)

    def conclude(problems: Problems) -> None:
        if problems.total:
            raise InvalidDataError(label, problems.listed, problems.total)

    raw = parsed()
    _check(lambda: check(raw), conclude, lambda: check(parsed()), beside, len(text))
    _cite_current_sources(raw)
    return raw


def checked_merged(
    base: tuple[str, str, bool], added: list[tuple[str, str, bool]], *, beside: bool = False
) -> tuple[dict[str, Any], dict[str, str]]:
    """The raw tables of a directory (its text, label, and whether it is JSON) with
    files added over it (the same of each), merged and checked as one: every rule
    holds across files, and each problem names the file it is in. Also each added
    source's id, to the file that gives it. `beside` as for `checked`."""
    from tipcli.data import merge
    from tipcli.data.validate import check

    label = base[1]
    merged, refused = _merged(base, added)

    def conclude(found: Problems) -> None:
        problems = Problems()
        for problem in [*refused.listed, *found.listed]:
            where = problem.file or merge.file_of(problem.where, merged.origins)
            problems.add(problem.where, problem.message, where)
        problems.total = refused.total + found.total
        if problems.total:
            rerun = "tip validate, with the same --add options"
            raise InvalidDataError(label, problems.listed, problems.total, rerun)

    def again() -> Problems:
        return check(_merged(base, added)[0].table)

    size = len(base[0]) + sum(len(text) for text, _, _ in added)
    _check(lambda: check(merged.table), conclude, again, beside, size)
    _cite_current_sources(merged.table)
    return merged.table, merged.sources


def _merged(
    base: tuple[str, str, bool], added: list[tuple[str, str, bool]]
) -> "tuple[Merged, Problems]":
    """A directory's file parsed, with the files added over it, merged."""
    from tipcli.data import merge

    text, label, json = base
    raw = parse_json(text, label) if json else parse_toml(text, label)
    tables = [
        (parse_json(added_text, name) if is_json else parse_toml(added_text, name), name)
        for added_text, name, is_json in added
    ]
    return merge.merge(raw, label, tables)


def _check(
    find: verdict.Check, conclude: verdict.Conclude, again: verdict.Check, beside: bool, size: int
) -> None:
    """Check a file's tables (of `size` bytes of text) now, or with `beside` in a
    process of its own where there can be one."""
    if beside:
        verdict.beside(find, conclude, again, size)
    else:
        conclude(find())


def _cite_current_sources(raw: dict[str, Any]) -> None:
    renamed = former_source_ids(raw)
    if renamed:
        _cite_current_ids(schema.DIRECTORY, raw, renamed)


def _cite_current_ids(spec: TableSpec, table: dict[str, Any], renamed: dict[str, str]) -> None:
    """Replace every citation of a source's former id with its id now (in place). A
    list that cites none is left as it is: in a large directory most cite none, and
    making each anew took half a second at 50,000 organisations."""
    for field in _citing(spec):
        value = table.get(field.name)
        if value is None:
            continue
        if field.table is not None:
            for item in value:
                _cite_current_ids(field.table, item, renamed)
        elif not renamed.keys().isdisjoint(value):
            table[field.name] = list(dict.fromkeys(renamed.get(cited, cited) for cited in value))


# Each table spec's fields that cite sources or hold tables, by the spec's id.
_CITING: dict[int, list[FieldSpec]] = {}


def _citing(spec: TableSpec) -> list[FieldSpec]:
    found = _CITING.get(id(spec))
    if found is None:
        found = [f for f in spec.fields if f.ref == schema.REF_SOURCE or f.table is not None]
        _CITING[id(spec)] = found
    return found
