"""The records that recur inside the JSON of many views: a source, an organisation
named by reference, an operator, a membership, a figure, an event, an alias."""

from collections.abc import Iterable
from pathlib import PurePath

from tipcli.data.model import Alias, Event, Figure, Membership, Operator, Organisation, Source
from tipcli.data.text import printable
from tipcli.query.asof import Names
from tipcli.query.views import HotlineEntry

Record = dict[str, object]

# What a card says of a name no document prints: one in standard use (ORR, FNS).
UNCITED_NAME = "(in standard use; no document prints it)"


def source_record(source: Source) -> Record:
    return {
        "id": source.id,
        "former_ids": list(source.former_ids),
        "title": source.title,
        "publisher": source.publisher,
        "kind": source.kind,
        "date": source.date,
        "date_inferred": source.date_inferred,
        "date_basis": source.date_basis,
        "file": source.file,
        "url": source.url,
        "added_from": source.origin,
    }


def org_ref(org: Organisation) -> Record:
    return {"id": org.id, "acronym": org.acronym, "name": org.name, "kind": org.kind}


def operator_record(names: Names, op: Operator) -> Record:
    return {
        "organisation": op.organisation,
        "name": names.full(op.organisation),
        "role": op.role,
        "sources": list(op.sources),
    }


def membership_record(names: Names, m: Membership) -> Record:
    return {
        "as_of": names.newest(m.sources).date,
        "body": m.body,
        "body_name": names.full(m.body),
        "member": m.member,
        "member_name": names.full(m.member),
        "role": m.role,
        "title": m.title,
        "person": m.person,
        "note": m.note,
        "sources": list(m.sources),
    }


def figure_record(figure: Figure) -> Record:
    return {"text": figure.text, "period": figure.period, "sources": list(figure.sources)}


def event_record(event: Event) -> Record:
    return {
        "date": event.date,
        "kind": event.kind,
        "text": event.text,
        "subjects": list(event.subjects),
        "sources": list(event.sources),
    }


def cited_source(source: Source) -> Record:
    return {
        "id": source.id,
        "title": source.title,
        "publisher": source.publisher,
        "date": source.date,
        "date_inferred": source.date_inferred,
    }


def alias_records(aliases: Iterable[Alias]) -> list[Record]:
    return [{"name": a.name, "type": a.type, "sources": list(a.sources)} for a in aliases]


def hotline_sources(names: Names, entry: HotlineEntry) -> list[str]:
    """Every document a hotline's record cites, oldest first."""
    hotline = entry.hotline
    ids = [
        *hotline.sources,
        *(s for n in hotline.numbers for s in n.sources),
        *(s for op in hotline.operators for s in op.sources),
    ]
    return names.by_date(ids)


def source_title(source: Source, *, whole_path: bool = True) -> str:
    """A source's title as people read it, saying which added file gives it, if any:
    by its path (a file's name may hold any character; they are shown escaped), or by
    its name alone in what is handed to others, where a home folder's path is nobody
    else's business."""
    if not source.origin:
        return source.title
    origin = source.origin if whole_path else PurePath(source.origin).name
    return f"{source.title} (added by {printable(origin)})"


def age_note(cited: Iterable[Source], data_as_of: Source) -> str:
    """How recent a card is: the newest document in view, and the card's own newest
    source where that is older, so that a record last stated in 2007 does not pass
    for current."""
    line = f"Record as of {data_as_of.date_label}, the date of {data_as_of.id}"
    newest = max(cited, key=lambda s: s.date, default=None)
    if newest is not None and newest.id != data_as_of.id:
        line += f"; this card's newest source is {newest.id} ({newest.date_label})"
    return line + "."


def seat(names: Names, m: Membership) -> str:
    """What a membership says after whose it is: the role, the office and person that
    sit, as of when, and any note."""
    line = f" — {m.role}"
    if m.title:
        line += f", {m.title}"
    if m.person:
        line += f" ({m.person})"
    if m.title or m.person:
        # An office-holder is named as of a time, never as if current.
        line += f", as of {names.newest(m.sources).year}"
    if m.note:
        line += f". {m.note}"
    return line
