"""The whole directory as one HTML file that opens offline from a file and can be mailed:
every card, the bodies year by year, the tree and the sources, readable without
JavaScript; and a search box whose script answers as `tip search` does, from the same
index, embedded. Styles and script are inline: a page opened from a file may not fetch."""

import json
from html import escape
from importlib import resources

from tipcli import __version__
from tipcli.data.model import Source, full_name
from tipcli.query.views import BodyYears, Page, Tree, TreeNode
from tipcli.render.html import cards
from tipcli.render.html.cards import defused, link, text
from tipcli.render.pieces import source_title

TITLE = "U.S. federal anti-trafficking directory"

# Ids: an entity's card has the entity's own id (`#dhs-ice`); every other element's id
# starts with a word of the page's own and two hyphens (`source--tipr-2005`,
# `year--pitf--2007`, `title--dhs-ice`, `tip--search`). Entity ids never hold two
# hyphens in a row, so no data file can make an id the page uses for something else.


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _inline_json(value: object) -> str:
    """JSON that can sit inside a script element: no `<` can close it or open a comment,
    and no network word appears (see `defused`). Keys sorted, so that the same directory
    always gives the same page."""
    dumped = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return defused(dumped.replace("<", "\\u003c"), lambda char: f"\\u{ord(char):04x}")


# The page's sections, in order: the key of each one's anchor, and its heading.
SECTIONS = {
    "hotlines": "Hotlines",
    "bodies": "Interagency bodies, year by year",
    "organisations": "Agencies, offices and bodies",
    "programs": "Programmes, reports and benefits",
    "laws": "Laws, directives and treaties",
    "tree": "Departments and their offices",
    "sources": "Sources",
}


def page(view: Page) -> str:
    book = view.handbook
    contents = {
        "hotlines": [cards.hotline(book.hotlines.names, e) for e in book.hotlines.entries],
        "bodies": [_body_years(b) for b in view.bodies],
        "organisations": [cards.card(c) for c in book.organisations],
        "programs": [cards.program(p) for p in book.programs],
        "laws": [cards.law(law) for law in book.laws],
        "tree": [_tree(view.tree)],
        "sources": [_sources(book.sources)],
    }
    assert list(contents) == list(SECTIONS)
    sections = "".join(_section(key, SECTIONS[key], parts) for key, parts in contents.items())
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="tip {escape(__version__)}">
<title>{TITLE}</title>
<style>
{_asset("page.css")}</style>
</head>
<body>
<a class="skip" href="#tip--main">Skip to the directory</a>
{_header(view)}<main id="tip--main">
{sections}</main>
<footer>
<p>Written by tip {escape(__version__)} with <code>tip export --format html</code>. {_age(view)}</p>
</footer>
<script type="application/json" id="tip--index">{_inline_json(view.search)}</script>
<script>
document.documentElement.classList.add("js");
{_asset("search.js")}</script>
</body>
</html>
"""


def _header(view: Page) -> str:
    """What the page is, how recent, the search box, and the contents."""
    contents = "".join(
        f'<li><a href="#section--{key}">{text(heading)}</a></li>\n'
        for key, heading in SECTIONS.items()
    )
    return f"""<header>
<h1>{TITLE}</h1>
<p class="lede">Which federal agency does what against human trafficking, which office runs which
programme, which hotline to call, and who sits on the interagency bodies. Every statement cites
the public document it comes from, by id; the <a href="#section--sources">sources</a> give each
document's title, publisher and date.</p>
<p class="age">{_age(view)}</p>
<form class="search" role="search" action="#">
<label for="tip--search">Search the directory</label>
<input type="search" id="tip--search" name="q" aria-controls="tip--hits"
 aria-describedby="tip--status" spellcheck="false"
 placeholder="victim services, T visa, hotline…">
<p id="tip--status" class="dim" role="status" aria-live="polite"></p>
<ol id="tip--hits" class="hits" aria-label="Search results"></ol>
<div id="tip--more"></div>
</form>
<noscript><p class="dim">The search box needs JavaScript. Every card is below, and the browser's own
find (Ctrl+F) reads all of them.</p></noscript>
<nav aria-label="Contents">
<h2 class="contents">Contents</h2>
<ul>
{contents}</ul>
</nav>
</header>
"""


def _age(view: Page) -> str:
    newest = view.handbook.data_as_of
    return text(
        f"Record as of {newest.date_label}, the date of {newest.id}, the newest of the "
        f"{len(view.handbook.sources)} documents it cites."
    )


def _section(key: str, heading: str, parts: list[str]) -> str:
    anchor = f"section--{key}"
    return (
        f'<section id="{anchor}" aria-labelledby="title--{anchor}">\n'
        f'<h2 id="title--{anchor}">{text(heading)}</h2>\n{"".join(parts)}</section>\n'
    )


def _body_years(body: BodyYears) -> str:
    """One body, with a link to each of its years, then a section a year."""
    org = body.body
    anchors = [
        f"year--{org.id}--{view.year if view.year is not None else 'newest'}" for view in body.views
    ]
    years = ", ".join(
        f'<a href="#{text(a)}">{"newest record" if v.year is None else v.year}</a>'
        for a, v in zip(anchors, body.views, strict=True)
    )
    parts = [cards.body(v, a) for a, v in zip(anchors, body.views, strict=True)]
    heading = f'<h3 id="title--years--{text(org.id)}">{text(full_name(org))}</h3>\n'
    card_link = f"Its card: {link(org.id, full_name(org))}."
    return (
        f'<div class="body-years" id="years--{text(org.id)}">\n{heading}'
        f'<p class="dim">As documents of each year show it: {years}. {card_link}</p>\n'
        f"{''.join(parts)}</div>\n"
    )


def _tree(tree: Tree) -> str:
    """Nested lists, built with a stack of its own: a chain of components can be deeper
    than Python's recursion."""
    out = ['<ul class="tree">\n']
    stack: list[TreeNode | None] = list(reversed(tree.roots))  # None closes a node's list
    while stack:
        node = stack.pop()
        if node is None:
            out.append("</ul></li>\n")
            continue
        kind = f'<span class="dim">{text(node.org.kind)}</span>'
        line = f"<li>{link(node.org.id, full_name(node.org))} {kind}"
        if node.programs:
            owned = ", ".join(link(p.id, p.name) for p in node.programs)
            line += f'<br><span class="owned">Programmes: {owned}</span>'
        if node.children:
            out.append(line + "\n<ul>\n")
            stack.append(None)
            stack.extend(reversed(node.children))
        else:
            out.append(line + "</li>\n")
    out.append("</ul>\n")
    return "".join(out)


def _sources(sources: tuple[Source, ...]) -> str:
    rows = "".join(
        f'<tr id="source--{text(s.id)}"><th scope="row">{text(s.id)}</th><td>{text(s.date_label)}'
        f"{'<br><span class=dim>' + text(s.date_basis) + '</span>' if s.date_basis else ''}</td>"
        f"<td>{text(s.publisher)}</td><td>{text(source_title(s, whole_path=False))}</td></tr>\n"
        for s in sources
    )
    return (
        "<table>\n<caption>The documents the directory cites, oldest first</caption>\n"
        '<thead><tr><th scope="col">Id</th><th scope="col">Date</th><th scope="col">Publisher</th>'
        f'<th scope="col">Title</th></tr></thead>\n<tbody>\n{rows}</tbody>\n</table>\n'
    )
