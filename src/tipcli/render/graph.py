"""The directory as a graph for Graphviz (DOT) or Mermaid. Text in, text out."""

import re

from tipcli.data.text import printable
from tipcli.query.views import Graph

_DOT_SHAPES = {"organisation": "box", "body": "hexagon", "program": "note", "hotline": "cds"}
_MERMAID_SHAPES = {
    "organisation": ('["', '"]'),
    "body": ('{{"', '"}}'),
    "program": ('(["', '"])'),
    "hotline": ('>"', '"]'),
}


def _dot_text(text: str) -> str:
    return printable(text).replace("\\", "\\\\").replace('"', '\\"')


def dot(view: Graph) -> str:
    lines = [
        "digraph tip {",
        "  rankdir=LR;",
        '  node [fontname="Helvetica", fontsize=10];',
        '  edge [fontname="Helvetica", fontsize=8];',
    ]
    for node in view.nodes:
        shape = _DOT_SHAPES[node.type]
        lines.append(f'  "{_dot_text(node.id)}" [label="{_dot_text(node.label)}", shape={shape}];')
    for edge in view.edges:
        style = ", style=dashed" if edge.relation in ("member-of", "partners-with") else ""
        lines.append(
            f'  "{_dot_text(edge.source)}" -> "{_dot_text(edge.target)}" '
            f'[label="{_dot_text(edge.label)}"{style}];'
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def mermaid_id(entity_id: str) -> str:
    """Mermaid ids take letters, digits and underscores."""
    return re.sub(r"\W", "_", entity_id)


def _mermaid_text(text: str) -> str:
    # Quotes end a label; Mermaid spells them as an entity code.
    return printable(text).replace('"', "#quot;")


def mermaid(view: Graph) -> str:
    lines = ["flowchart LR"]
    for node in view.nodes:
        opening, closing = _MERMAID_SHAPES[node.type]
        lines.append(f"  {mermaid_id(node.id)}{opening}{_mermaid_text(node.label)}{closing}")
    for edge in view.edges:
        arrow = "-.->" if edge.relation in ("member-of", "partners-with") else "-->"
        label = _mermaid_text(edge.label).replace("|", "/")
        lines.append(f"  {mermaid_id(edge.source)} {arrow}|{label}| {mermaid_id(edge.target)}")
    return "\n".join(lines) + "\n"
