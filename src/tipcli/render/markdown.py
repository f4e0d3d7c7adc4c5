"""The whole directory as Markdown, for reading."""

from tipcli.data.model import full_name
from tipcli.query.asof import newest_number
from tipcli.query.index import Index


def _md(text: str) -> str:
    """Text safe inside Markdown: characters that would format are escaped."""
    for char in "\\`*_[]<>|#":
        text = text.replace(char, "\\" + char)
    return text


def as_markdown(index: Index) -> str:
    directory = index.directory
    out: list[str] = ["# U.S. federal anti-trafficking directory", ""]
    out += ["## Sources", "", "| id | date | publisher | title |", "| --- | --- | --- | --- |"]
    for s in directory.sources:
        out.append(f"| {s.id} | {s.date_label} | {_md(s.publisher)} | {_md(s.title)} |")
    out += ["", "## Organisations", ""]
    for org in directory.organisations:
        out += [f"### {_md(full_name(org))}", ""]
        where = org.kind.replace("-", " ")
        if org.parent:
            where += f", part of {_md(index.display_name(org.parent))}"
        out += [f"*{where}*", "", _md(org.summary), ""]
        for duty in org.responsibilities:
            out.append(f"- {_md(duty.text)} [{', '.join(duty.sources)}]")
        if org.responsibilities:
            out.append("")
    out += ["## Hotlines", "", "| name | number | dialable | run by | sources |"]
    out.append("| --- | --- | --- | --- | --- |")
    for h in directory.hotlines:
        newest = newest_number(index, h)
        runners = ", ".join(
            dict.fromkeys(index.display_name(op.organisation) for op in h.operators)
        )
        out.append(
            f"| {_md(h.name)} | {_md(newest.number)} | {newest.dialable} | {_md(runners)} "
            f"| {', '.join(h.sources)} |"
        )
    out += ["", "## Memberships", "", "| body | member | role | title | sources |"]
    out.append("| --- | --- | --- | --- | --- |")
    for m in directory.memberships:
        out.append(
            f"| {_md(index.display_name(m.body))} | {_md(index.display_name(m.member))} "
            f"| {m.role} | {_md(m.title)} | {', '.join(m.sources)} |"
        )
    return "\n".join(out) + "\n"
