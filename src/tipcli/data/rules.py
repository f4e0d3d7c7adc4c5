"""The rules across entities: unique ids, parent chains, phone numbers, shared names,
event dates against the documents that report them, repeated memberships and the
sources of names. Each problem is reported with its place; nothing here reads files."""

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from tipcli.data import schema, vocab
from tipcli.data.phone import e164_of
from tipcli.data.schema import TableSpec
from tipcli.data.text import normalize
from tipcli.errors import Problems

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")

# Collections whose ids share one namespace, so that `subjects` and `entity` can name
# any of them without saying which kind it is.
ENTITY_TABLES = ("organisations", "programs", "hotlines", "laws")


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


def entries(raw: dict[str, Any], table: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """The entries of a top-level array of tables that are tables, with 1-based positions."""
    items = raw.get(table)
    if isinstance(items, list):
        for position, item in enumerate(items, start=1):
            if isinstance(item, dict):
                yield position, item


def entry_name(spec: TableSpec, item: dict[str, Any], position: int) -> str:
    key = item.get(spec.key) if spec.key else None
    if isinstance(key, str) and key and "]" not in key:
        return key
    return str(position)


def is_body(org: dict[str, Any]) -> bool:
    """Whether an organisation's kind is a body's (a kind of any other type is not)."""
    kind = org.get("kind")
    return isinstance(kind, str) and kind in vocab.BODY_KINDS


def former_source_ids(raw: dict[str, Any]) -> dict[str, str]:
    """Each former id of a source, to the source's id now."""
    renamed: dict[str, str] = {}
    for _, source in entries(raw, "sources"):
        current, former = source.get("id"), source.get("former_ids")
        if isinstance(current, str) and isinstance(former, list):
            renamed.update((old, current) for old in former if isinstance(old, str))
    return renamed


def cross_entity_problems(raw: dict[str, Any], problems: Problems) -> None:
    """Add every problem of the rules across entities, in a fixed order of rules."""
    _Rules(raw, problems).run()


class _Rules:
    def __init__(self, raw: dict[str, Any], problems: Problems) -> None:
        self.raw = raw
        self.problem = problems.add

    def run(self) -> None:
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
        self.check_rosters()
        self.check_alias_sources()

    def check_unique_ids(self) -> None:
        for tables in (("sources",), ("topics",), ENTITY_TABLES):
            first_seen: dict[str, str] = {}
            for table in tables:
                for position, item in entries(self.raw, table):
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
        self.check_former_ids()

    def check_former_ids(self) -> None:
        """A former id names one source, and no source has it now."""
        current = {
            i for _, item in entries(self.raw, "sources") if isinstance(i := item.get("id"), str)
        }
        seen: set[str] = set()
        for position, source in entries(self.raw, "sources"):
            former = source.get("former_ids")
            if not isinstance(former, list):
                continue
            for number, old in enumerate(former, start=1):
                if not isinstance(old, str):
                    continue
                place = f"sources[{position}].former_ids[{number}]"
                if old in current:
                    self.problem(place, f"'{old}' is the id of a source now")
                elif old in seen:
                    self.problem(place, f"'{old}' is a former id of another source too")
                seen.add(old)

    def check_parents(self) -> None:
        """No organisation is its own ancestor. Each is walked up once (time linear in
        the file, whatever the depth): a walk stops at what an earlier one cleared."""
        parents = {
            item["id"]: item["parent"]
            for _, item in entries(self.raw, "organisations")
            if isinstance(item.get("id"), str) and isinstance(item.get("parent"), str)
        }
        cleared: set[str] = set()
        for start in parents:
            path: dict[str, None] = {}  # the walk so far, in order
            current: str | None = start
            while current is not None and current not in cleared and current not in path:
                path[current] = None
                current = parents.get(current)
            if current is not None and current in path:
                chain = list(path)
                cycle = chain[chain.index(current) :]
                route = " -> ".join([*cycle, current])
                self.problem(f"organisations[{current}].parent", f"parents form a cycle: {route}")
            cleared.update(path)

    def check_phone_numbers(self) -> None:
        for _, hotline in entries(self.raw, "hotlines"):
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
        for _, org in entries(self.raw, "organisations"):
            org_id = org.get("id")
            if not isinstance(org_id, str):
                continue
            own = [org.get("name"), org.get("acronym")]
            own_terms = set()  # each folded once: a large directory has 100,000 names
            for term in own:
                if isinstance(term, str):
                    folded = normalize(term)
                    own_terms.add(folded)
                    if term:
                        owners.setdefault(folded, {})[org_id] = term
            aliases = org.get("aliases")
            if not isinstance(aliases, list):
                continue
            for position, alias in enumerate(aliases, start=1):
                term = alias.get("name") if isinstance(alias, dict) else None
                if not isinstance(term, str) or not term:
                    continue
                folded = normalize(term)
                if folded in own_terms:
                    self.problem(
                        f"organisations[{org_id}].aliases[{position}].name",
                        f"'{term}' repeats the organisation's own name or acronym",
                    )
                owners.setdefault(folded, {})[org_id] = term

        declared: dict[str, tuple[str, set[str]]] = {}
        for position, entry in entries(self.raw, "ambiguous_terms"):
            term, orgs = entry.get("term"), entry.get("organisations")
            if isinstance(term, str) and isinstance(orgs, list):
                name = entry_name(schema.AMBIGUOUS_TERM, entry, position)
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
        for _, source in entries(self.raw, "sources"):
            date, source_id = source.get("date"), source.get("id")
            if isinstance(date, str) and isinstance(source_id, str):
                parsed = parse_date(date)
                if parsed is not None:
                    source_dates[source_id] = parsed
                    former = source.get("former_ids")
                    if isinstance(former, list):  # else a problem of its own
                        source_dates.update((old, parsed) for old in former if isinstance(old, str))
        for position, event in entries(self.raw, "events"):
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
        for position, entry in entries(self.raw, "memberships"):
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
        """The documents that use an entity's name are among those cited for it (under
        the id a source has now, whichever id each list gives)."""
        renamed = former_source_ids(self.raw)
        for table in ("organisations", "programs", "hotlines"):
            for position, item in entries(self.raw, table):
                named, cited = item.get("name_sources"), item.get("sources")
                if not (isinstance(named, list) and isinstance(cited, list)):
                    continue
                name = item["id"] if isinstance(item.get("id"), str) else position
                now = {renamed.get(c, c) for c in cited if isinstance(c, str)}
                for source_id in named:
                    if isinstance(source_id, str) and renamed.get(source_id, source_id) not in now:
                        self.problem(
                            f"{table}[{name}].name_sources",
                            f"'{source_id}' is not among the entry's sources",
                        )

    def check_alias_sources(self) -> None:
        """Every alias cites a document, but one in standard use that none prints."""
        for table in ENTITY_TABLES:
            for position, item in entries(self.raw, table):
                aliases = item.get("aliases")
                if not isinstance(aliases, list):
                    continue
                name = item["id"] if isinstance(item.get("id"), str) else position
                for number, alias in enumerate(aliases, start=1):
                    if not isinstance(alias, dict):
                        continue
                    place = f"{table}[{name}].aliases[{number}]"
                    common = alias.get("type") == "common"
                    if common and "sources" in alias:
                        self.problem(
                            f"{place}.sources",
                            "an alias in common use that no document prints cites none",
                        )
                    elif not common and "sources" not in alias:
                        self.problem(f"{place}.sources", "is required but missing")

    def check_rosters(self) -> None:
        """A roster is a body's, and lists some of its members."""
        renamed = former_source_ids(self.raw)
        cited: dict[object, set[str]] = {}
        for _, entry in entries(self.raw, "memberships"):
            body, sources = entry.get("body"), entry.get("sources")
            if isinstance(body, str) and isinstance(sources, list):
                now = {renamed.get(s, s) for s in sources if isinstance(s, str)}
                cited.setdefault(body, set()).update(now)
        for position, org in entries(self.raw, "organisations"):
            rosters = org.get("rosters")
            if not isinstance(rosters, list):
                continue
            name = org["id"] if isinstance(org.get("id"), str) else position
            if not is_body(org):
                self.problem(f"organisations[{name}].rosters", "only a body has a roster")
                continue
            listed = cited.get(org.get("id"), set())
            for number, source_id in enumerate(rosters, start=1):
                if isinstance(source_id, str) and renamed.get(source_id, source_id) not in listed:
                    self.problem(
                        f"organisations[{name}].rosters[{number}]",
                        f"no membership of the body cites '{source_id}'",
                    )


def _later(event: tuple[int, int, int], document: tuple[int, int, int]) -> bool:
    """Whether an event certainly falls after a document, comparing only known parts."""
    for event_part, document_part in zip(event, document, strict=True):
        if not event_part or not document_part:
            return False
        if event_part != document_part:
            return event_part > document_part
    return False
