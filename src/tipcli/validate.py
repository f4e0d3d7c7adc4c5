"""Every rule a data file must keep, each problem reported with its place.

The walk is driven by `schema`: it checks types, required and unknown keys, text
hygiene, vocabularies, id and date formats, and references. The cross-entity rules
(duplicate ids, parent cycles, phone numbers, shared names, dates against the
documents that report them) follow. Nothing here reads files or prints.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from tipcli import schema, vocab
from tipcli.errors import Problem
from tipcli.names import normalize
from tipcli.phone import e164_of, is_e164
from tipcli.schema import FieldSpec, TableSpec

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_ID_MAX = 64

# Collections whose ids share one namespace, so that `subjects` and `entity` can name
# any of them without saying which kind it is.
_ENTITY_TABLES = ("organisations", "programs", "hotlines", "laws")


def validate(raw: dict[str, Any]) -> list[Problem]:
    """Return every problem in a parsed data file, in file order; [] means valid."""
    checker = _Checker(raw)
    checker.walk_table(schema.DIRECTORY, raw, "")
    checker.cross_entity_rules()
    return checker.problems


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


def parse_date(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a YYYY, YYYY-MM or YYYY-MM-DD date, 0 for a missing part."""
    match = _DATE.fullmatch(text)
    if match is None:
        return None
    year, month, day = (int(part) if part else 0 for part in match.groups())
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return year, month, day


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


def _entries(raw: dict[str, Any], table: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """The entries of a top-level array of tables that are tables, with 1-based positions."""
    items = raw.get(table)
    if isinstance(items, list):
        for position, item in enumerate(items, start=1):
            if isinstance(item, dict):
                yield position, item


def _entry_name(spec: TableSpec, item: dict[str, Any], position: int) -> str:
    key = item.get(spec.key) if spec.key else None
    if isinstance(key, str) and key and "]" not in key:
        return key
    return str(position)


class _Checker:
    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw
        self.problems: list[Problem] = []
        self.known = self._collect_ids()
        self._field_maps: dict[int, dict[str, FieldSpec]] = {}

    def problem(self, where: str, message: str) -> None:
        self.problems.append(Problem(where, message))

    def _collect_ids(self) -> dict[str, set[str]]:
        def ids(table: str) -> set[str]:
            return {
                item["id"]
                for _, item in _entries(self.raw, table)
                if isinstance(item.get("id"), str)
            }

        bodies = {
            item["id"]
            for _, item in _entries(self.raw, "organisations")
            if isinstance(item.get("id"), str) and item.get("kind") in vocab.BODY_KINDS
        }
        entity: set[str] = set().union(*(ids(table) for table in _ENTITY_TABLES))
        return {
            schema.REF_SOURCE: ids("sources"),
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
            name = _entry_name(field.table, item, position) if isinstance(item, dict) else position
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

    # Rules across entities ------------------------------------------------------

    def cross_entity_rules(self) -> None:
        fmt = self.raw.get("format")
        if isinstance(fmt, int) and not isinstance(fmt, bool) and fmt != schema.FORMAT_VERSION:
            self.problem("format", f"format {fmt} is not supported (this release reads format 1)")
        self.check_unique_ids()
        self.check_parents()
        self.check_phone_numbers()
        self.check_names()
        self.check_dates_against_sources()
        self.check_duplicate_memberships()
        self.check_name_sources()

    def check_unique_ids(self) -> None:
        for tables in (("sources",), ("topics",), _ENTITY_TABLES):
            first_seen: dict[str, str] = {}
            for table in tables:
                for position, item in _entries(self.raw, table):
                    entity_id = item.get("id")
                    if not isinstance(entity_id, str):
                        continue
                    place = f"{table}[{position}].id"
                    if entity_id in first_seen:
                        self.problem(
                            place, f"id '{entity_id}' is already used at {first_seen[entity_id]}"
                        )
                    else:
                        first_seen[entity_id] = place

    def check_parents(self) -> None:
        parents = {
            item["id"]: item["parent"]
            for _, item in _entries(self.raw, "organisations")
            if isinstance(item.get("id"), str) and isinstance(item.get("parent"), str)
        }
        reported: set[str] = set()
        for start in parents:
            chain = [start]
            current = parents.get(start)
            while current is not None and current not in chain:
                chain.append(current)
                current = parents.get(current)
            if current is not None and start not in reported:
                cycle = chain[chain.index(current) :]
                reported.update(cycle)
                path = " -> ".join([*cycle, current])
                self.problem(f"organisations[{current}].parent", f"parents form a cycle: {path}")

    def check_phone_numbers(self) -> None:
        for _, hotline in _entries(self.raw, "hotlines"):
            numbers = hotline.get("numbers")
            if not isinstance(numbers, list):
                continue
            name = hotline.get("id", "?")
            for position, entry in enumerate(numbers, start=1):
                if not isinstance(entry, dict):
                    continue
                published, dialable = entry.get("number"), entry.get("dialable")
                if not (isinstance(published, str) and isinstance(dialable, str)):
                    continue
                place = f"hotlines[{name}].numbers[{position}]"
                expected = e164_of(published)
                if expected is None:
                    self.problem(
                        f"{place}.number",
                        f"'{published}' is not a North American number this tool can dial",
                    )
                elif expected != dialable:
                    self.problem(
                        f"{place}.dialable",
                        f"'{dialable}' does not match the published number '{published}' "
                        f"(on a keypad it is {expected})",
                    )

    def check_names(self) -> None:
        """A name or acronym names one organisation, unless it is declared ambiguous."""
        owners: dict[str, dict[str, str]] = {}
        for _, org in _entries(self.raw, "organisations"):
            org_id = org.get("id")
            if not isinstance(org_id, str):
                continue
            own = [org.get("name"), org.get("acronym")]
            for term in own:
                if isinstance(term, str) and term:
                    owners.setdefault(normalize(term), {})[org_id] = term
            aliases = org.get("aliases")
            if not isinstance(aliases, list):
                continue
            own_terms = {normalize(term) for term in own if isinstance(term, str)}
            for position, alias in enumerate(aliases, start=1):
                term = alias.get("name") if isinstance(alias, dict) else None
                if not isinstance(term, str) or not term:
                    continue
                if normalize(term) in own_terms:
                    self.problem(
                        f"organisations[{org_id}].aliases[{position}].name",
                        f"'{term}' repeats the organisation's own name or acronym",
                    )
                owners.setdefault(normalize(term), {})[org_id] = term

        declared: dict[str, tuple[str, set[str]]] = {}
        for position, entry in _entries(self.raw, "ambiguous_terms"):
            term, orgs = entry.get("term"), entry.get("organisations")
            if isinstance(term, str) and isinstance(orgs, list):
                name = _entry_name(schema.AMBIGUOUS_TERM, entry, position)
                declared[normalize(term)] = (name, {o for o in orgs if isinstance(o, str)})

        for term, by_org in owners.items():
            if len(by_org) < 2:
                continue
            shared = sorted(by_org)
            if term not in declared:
                spelled = next(iter(by_org.values()))
                self.problem(
                    f"organisations[{shared[1]}]",
                    f"'{spelled}' names {len(shared)} organisations ({', '.join(shared)}); "
                    "declare it in [[ambiguous_terms]] or tell them apart",
                )
            elif declared[term][1] != set(shared):
                self.problem(
                    f"ambiguous_terms[{declared[term][0]}].organisations",
                    f"the term names {', '.join(shared)}",
                )
        for term, (name, _) in declared.items():
            if len(owners.get(term, {})) < 2:
                self.problem(
                    f"ambiguous_terms[{name}]",
                    "names fewer than two organisations; remove the declaration",
                )

    def check_dates_against_sources(self) -> None:
        """A document cannot report an event that happened after it was written."""
        source_dates: dict[str, tuple[int, int, int]] = {}
        for _, source in _entries(self.raw, "sources"):
            date, source_id = source.get("date"), source.get("id")
            if isinstance(date, str) and isinstance(source_id, str):
                parsed = parse_date(date)
                if parsed is not None:
                    source_dates[source_id] = parsed
        for position, event in _entries(self.raw, "events"):
            date, sources = event.get("date"), event.get("sources")
            parsed = parse_date(date) if isinstance(date, str) else None
            if parsed is None or not isinstance(sources, list):
                continue
            for source_id in sources:
                reported = source_dates.get(source_id) if isinstance(source_id, str) else None
                if reported is not None and _later(parsed, reported):
                    self.problem(
                        f"events[{position}].date",
                        f"{date} is after the date of source '{source_id}', which reports it",
                    )

    def check_duplicate_memberships(self) -> None:
        seen: dict[tuple[object, ...], int] = {}
        for position, entry in _entries(self.raw, "memberships"):
            key = tuple(entry.get(name) for name in ("body", "member", "role", "title", "person"))
            if not all(isinstance(part, str | None) for part in key):
                continue
            if key in seen:
                self.problem(
                    f"memberships[{position}]",
                    f"repeats memberships[{seen[key]}]; list both sources on one record",
                )
            else:
                seen[key] = position

    def check_name_sources(self) -> None:
        """The documents that use an entity's name are among those cited for it."""
        for table in ("organisations", "programs", "hotlines"):
            for position, item in _entries(self.raw, table):
                named, cited = item.get("name_sources"), item.get("sources")
                if not (isinstance(named, list) and isinstance(cited, list)):
                    continue
                name = item["id"] if isinstance(item.get("id"), str) else position
                for source_id in named:
                    if isinstance(source_id, str) and source_id not in cited:
                        self.problem(
                            f"{table}[{name}].name_sources",
                            f"'{source_id}' is not among the entry's sources",
                        )


def _later(event: tuple[int, int, int], document: tuple[int, int, int]) -> bool:
    """Whether an event certainly falls after a document, comparing only known parts."""
    for event_part, document_part in zip(event, document, strict=True):
        if not event_part or not document_part:
            return False
        if event_part != document_part:
            return event_part > document_part
    return False
