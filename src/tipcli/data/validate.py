"""Every rule a data file must keep, each problem reported with its place.

The walk is driven by `schema`: it checks types, required and unknown keys, text
hygiene, vocabularies, id and date formats, and references. The rules across entities
(`rules`) follow. Nothing here reads files or prints.
"""

import datetime as dt
import re
import unicodedata
from typing import Any

from tipcli.data import schema, vocab
from tipcli.data.phone import is_e164
from tipcli.data.rules import (
    ENTITY_TABLES,
    cross_entity_problems,
    entries,
    entry_name,
    former_source_ids,
    is_body,
    parse_date,
)
from tipcli.data.schema import FieldSpec, TableSpec
from tipcli.errors import Problem, Problems

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ID_MAX = 64


def validate(raw: dict[str, Any]) -> list[Problem]:
    """The problems of a parsed data file, in file order (the first Problems.LISTED of
    them); [] means valid."""
    return check(raw).listed


def check(raw: dict[str, Any]) -> Problems:
    """The problems of a parsed data file, found in one walk and the rules across
    entities: the first of them listed, all counted."""
    problems = Problems()
    _Checker(raw, problems).walk_table(schema.DIRECTORY, raw, "")
    cross_entity_problems(raw, problems)
    return problems


def _type_name(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return "a date or time (put it in quotes)"
    return type(value).__name__


def _join(where: str, name: str) -> str:
    return f"{where}.{name}" if where else name


def _is_clean_text(value: object) -> bool:
    """The common case of check_text, in three C-level calls: a good single line."""
    return (
        isinstance(value, str)
        and value != ""
        and value == value.strip()
        and "  " not in value
        and value.isprintable()
    )


# What each format check asks for, as a problem names it: "'X' is not ...".
_CHECK_WANTS = {
    schema.CHECK_ID: "a valid id (lowercase letters, digits and single hyphens, "
    f"at most {_ID_MAX} characters)",
    schema.CHECK_DATE: "a valid date (YYYY, YYYY-MM or YYYY-MM-DD)",
    schema.CHECK_E164: "an E.164 number (+ then 8 to 15 digits)",
}


def _passes(check: str, text: str) -> bool:
    if check == schema.CHECK_ID:
        return _ID.fullmatch(text) is not None and len(text) <= _ID_MAX
    if check == schema.CHECK_DATE:
        return parse_date(text) is not None
    if check == schema.CHECK_E164:
        return is_e164(text)
    return True


def _place(where: str, field: FieldSpec, position: int) -> str:
    """Where an item of an array of text is: `organisations[dhs].sources[2]`."""
    return f"{_join(where, field.name)}[{position}]"


class _Checker:
    def __init__(self, raw: dict[str, Any], problems: Problems) -> None:
        self.raw = raw
        self.problem = problems.add
        self.known = self._collect_ids()
        self._field_maps: dict[int, dict[str, FieldSpec]] = {}

    def _collect_ids(self) -> dict[str, set[str]]:
        def ids(table: str) -> set[str]:
            return {
                item["id"]
                for _, item in entries(self.raw, table)
                if isinstance(item.get("id"), str)
            }

        bodies = {
            item["id"]
            for _, item in entries(self.raw, "organisations")
            if isinstance(item.get("id"), str) and is_body(item)
        }
        entity: set[str] = set().union(*(ids(table) for table in ENTITY_TABLES))
        return {
            schema.REF_SOURCE: ids("sources") | former_source_ids(self.raw).keys(),
            schema.REF_TOPIC: ids("topics"),
            schema.REF_ORGANISATION: ids("organisations"),
            schema.REF_BODY: bodies,
            schema.REF_LAW: ids("laws"),
            schema.REF_ENTITY: entity,
        }

    # The schema walk -------------------------------------------------------------

    def walk_table(self, spec: TableSpec, data: object, where: str) -> None:
        if not isinstance(data, dict):
            self.problem(where or "(top)", f"expected a table, found {_type_name(data)}")
            return
        fields = self._fields_of(spec)
        for key in data:
            if key not in fields:
                known = ", ".join(field.name for field in spec.fields)
                self.problem(_join(where, key), f"unknown key '{key}' (known keys: {known})")
        for field in spec.fields:
            if field.name not in data:
                if field.required:
                    self.problem(_join(where, field.name), "is required but missing")
                continue
            self.walk_value(field, data[field.name], where)

    def _fields_of(self, spec: TableSpec) -> dict[str, FieldSpec]:
        """A spec's fields by name, built once per spec rather than searched per key."""
        found = self._field_maps.get(id(spec))
        if found is None:
            found = self._field_maps[id(spec)] = {field.name: field for field in spec.fields}
        return found

    # A large directory has hundreds of thousands of values, nearly all of them good:
    # each check first asks the cheap question that a good value answers, and the
    # place of a value (`organisations[dhs].aliases[2].name`) is spelled out only for
    # a problem.

    def walk_value(self, field: FieldSpec, value: object, where: str) -> None:
        if field.type == schema.TEXT:
            if _is_clean_text(value) or self.check_text(value, _join(where, field.name)):
                self.check_scalar(field, str(value), where, field.name)
        elif field.type == schema.BOOL:
            if not isinstance(value, bool):
                place = _join(where, field.name)
                self.problem(place, f"expected true or false, found {_type_name(value)}")
        elif field.type == schema.INT:
            if isinstance(value, bool) or not isinstance(value, int):
                place = _join(where, field.name)
                self.problem(place, f"expected an integer, found {_type_name(value)}")
        elif field.type == schema.TEXTS:
            self.walk_texts(field, value, where)
        elif field.type == schema.TABLES:
            self.walk_tables(field, value, _join(where, field.name))

    def walk_texts(self, field: FieldSpec, value: object, where: str) -> None:
        if not isinstance(value, list):
            place = _join(where, field.name)
            self.problem(place, f"expected an array of text, found {_type_name(value)}")
            return
        if not value:
            place = _join(where, field.name)
            self.problem(place, "is an empty array; give at least one value or remove the key")
            return
        seen: set[str] = set()
        for position, item in enumerate(value, start=1):
            if not (_is_clean_text(item) or self.check_text(item, _place(where, field, position))):
                continue
            text = str(item)
            if text in seen:
                self.problem(_place(where, field, position), f"'{text}' is listed twice")
            seen.add(text)
            self.check_scalar(field, text, where, field.name, position)

    def walk_tables(self, field: FieldSpec, value: object, place: str) -> None:
        assert field.table is not None
        if not isinstance(value, list):
            self.problem(place, f"expected an array of tables, found {_type_name(value)}")
            return
        if not value and field.required:
            self.problem(place, "is empty; at least one entry is required")
        for position, item in enumerate(value, start=1):
            name = entry_name(field.table, item, position) if isinstance(item, dict) else position
            self.walk_table(field.table, item, f"{place}[{name}]")

    def check_text(self, value: object, place: str) -> bool:
        """Text must be a non-empty single line with no stray or invisible characters."""
        if not isinstance(value, str):
            self.problem(place, f"expected text, found {_type_name(value)}")
            return False
        if not value:
            self.problem(place, "is empty; remove the key instead")
            return False
        if value != value.strip():
            self.problem(place, "has leading or trailing whitespace")
        if "  " in value:
            self.problem(place, "has a run of more than one space")
        # isprintable() is false for every Cc and Cf character, in C; only then is the
        # text walked in Python to find which one.
        if not value.isprintable():
            for char in value:
                # Cc: control characters (newline, tab, ESC, bell); Cf: format characters,
                # among them the bidirectional overrides that can disguise text.
                if unicodedata.category(char) in ("Cc", "Cf"):
                    self.problem(place, f"contains the control character U+{ord(char):04X}")
                    break
        return True

    def check_scalar(
        self, field: FieldSpec, text: str, where: str, name: str, position: int = 0
    ) -> None:
        """The field's vocabulary, format and reference rules; `position` is the place
        of an item in an array of text (1-based), 0 for a single value."""
        if (
            (field.vocab is None or text in field.vocab)
            and (not field.check or _passes(field.check, text))
            and (not field.ref or text in self.known[field.ref])
        ):
            return
        place = f"{_join(where, name)}[{position}]" if position else _join(where, name)
        if field.vocab is not None and text not in field.vocab:
            allowed = ", ".join(field.vocab)
            self.problem(place, f"'{text}' is not an allowed value (allowed: {allowed})")
        if field.check and not _passes(field.check, text):
            self.problem(place, f"'{text}' is not {_CHECK_WANTS[field.check]}")
        if field.ref:
            self.check_reference(field.ref, text, place)

    def check_reference(self, ref: str, text: str, place: str) -> None:
        if text in self.known[ref]:
            return
        if ref == schema.REF_BODY and text in self.known[schema.REF_ORGANISATION]:
            kinds = ", ".join(sorted(vocab.BODY_KINDS))
            self.problem(place, f"'{text}' is not a body (a body is of kind {kinds})")
            return
        what = {
            schema.REF_SOURCE: "source",
            schema.REF_TOPIC: "topic",
            schema.REF_ORGANISATION: "organisation",
            schema.REF_BODY: "body",
            schema.REF_LAW: "law",
            schema.REF_ENTITY: "organisation, programme, hotline or law",
        }[ref]
        self.problem(place, f"'{text}' is not a known {what}")
