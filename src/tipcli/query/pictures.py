"""Pictures of the directory as a whole: the hierarchy, a grid of organisations by
bodies, topics or pillars, and a graph of who belongs to and runs what. Kept apart
so that a lookup loads none of this."""

from tipcli.data.model import Hotline, Organisation, Program, full_name
from tipcli.data.vocab import BODY_KINDS, INTERAGENCY_KINDS, PILLARS
from tipcli.errors import NotFoundError
from tipcli.query import resolve
from tipcli.query.asof import (
    body_members,
    current_children,
    dated,
    in_view,
    name_as_of,
    organisations_as_of,
)
from tipcli.query.index import Index
from tipcli.query.views import Edge, Graph, Matrix, Node, Tree, TreeNode

_OWNING_ROLES = frozenset({"runs", "funds", "produces", "adjudicates", "authorizes", "hosts"})


def tree(index: Index, query: str | None, year: int | None = None) -> Tree:
    """`tip tree`: the hierarchy from the top (or from the organisation a query names)
    down, with the programmes each node runs, funds or produces; as of `year`, what
    documents of that year or earlier name, by the names used then. Built with stacks
    of its own: a chain of components can be deeper than Python's."""
    root = _root(index, query, year)
    tops = (
        [root]
        if root is not None
        else [org for org in organisations_as_of(index, year) if not org.parent]
    )
    order: list[Organisation] = []  # every node, each before its components
    below: dict[str, list[Organisation]] = {}
    stack = list(reversed(tops))
    while stack:
        org = stack.pop()
        order.append(org)
        below[org.id] = current_children(index, org.id, year)
        stack.extend(reversed(below[org.id]))
    built: dict[str, TreeNode] = {}
    for org in reversed(order):  # components first
        children = tuple(built[child.id] for child in below[org.id])
        built[org.id] = TreeNode(org, _owned(index, org, year), children)
    return Tree(tuple(built[org.id] for org in tops))


def _owned(index: Index, org: Organisation, year: int | None) -> tuple[Program, ...]:
    """The programmes an organisation runs, funds or produces, by their names of `year`."""
    return tuple(
        p._replace(name=name_as_of(index, p, year))
        for p in index.programs_of.get(org.id, [])
        if dated(
            (op for op in p.operators if op.organisation == org.id and op.role in _OWNING_ROLES),
            index,
            year,
        )
    )


def _root(index: Index, query: str | None, year: int | None) -> Organisation | None:
    """The organisation a picture starts from, by its name as of `year`; or None for the
    whole directory."""
    if query is None:
        return None
    root = resolve.organisations(index).resolve(query)
    if year is not None and not in_view(root.sources, index, year):
        raise NotFoundError(f"no document of {year} or earlier names {root.name}")
    return root._replace(name=name_as_of(index, root, year))


def matrix(index: Index, by: str, year: int | None) -> Matrix:
    """`tip matrix`: who sits on which body in which role (as of `year`), or how many of
    each organisation's responsibilities serve each topic or pillar."""
    found = _matrix(index, by, year)
    if not found.rows:
        raise NotFoundError(f"no document of {year} or earlier gives such a record")
    return found


def _matrix(index: Index, by: str, year: int | None) -> Matrix:
    orgs = organisations_as_of(index, year)
    if by == "body":
        # Task forces and centres after the PITF and SPOG: the vocabulary's order.
        rank = {kind: n for n, kind in enumerate(INTERAGENCY_KINDS)}
        bodies = sorted(
            (o for o in orgs if o.kind in BODY_KINDS and body_members(index, o.id, year)),
            key=lambda o: rank[o.kind],
        )
        roles: dict[str, dict[str, list[str]]] = {}
        for body in bodies:
            for m in body_members(index, body.id, year):
                roles.setdefault(m.member, {}).setdefault(body.id, []).append(m.role)
        rows = tuple(
            (org, tuple([*dict.fromkeys(roles[org.id].get(b.id, []))] for b in bodies))
            for org in orgs
            if org.id in roles
        )
        headers = tuple(b.acronym or b.name for b in bodies)
        return Matrix(by, tuple(b.id for b in bodies), headers, rows)
    if by == "topic":
        columns = tuple(t.id for t in index.directory.topics)
        headers = tuple(t.label for t in index.directory.topics)
    else:
        columns = tuple(PILLARS)
        headers = columns
    counted = []
    for org in orgs:
        duties = [
            r
            for r in index.organisations[org.id].responsibilities
            if in_view(r.sources, index, year)
        ]
        tags = [r.topics if by == "topic" else r.pillars for r in duties]
        cells = tuple(sum(column in t for t in tags) for column in columns)
        if any(cells):
            counted.append((org, cells))
    return Matrix(by, columns, headers, tuple(counted))


def graph(index: Index, query: str | None, year: int | None = None) -> Graph:
    """`tip graph`: the directory as nodes and edges; from the organisation a query
    names, its components, the bodies they sit on (or its members, for a body) and
    what they run; as of `year`, or the newest record."""
    root = _root(index, query, year)
    shown = _current(index, year)
    if root is None:
        family = scope = set(shown)
    else:
        family = index.family(root) & set(shown)
        scope = set(family)
        for org_id in family:
            scope.update(m.body for m in index.memberships_of.get(org_id, []) if m.body in shown)
        if root.kind in BODY_KINDS:
            scope.update(m.member for m in body_members(index, root.id, year))
    edges = [
        Edge(org.parent, org.id, "parent-of", "part")
        for org in shown.values()
        if org.parent and org.id in scope and org.parent in scope
    ]
    # Bodies in the directory's order, not the set's: the output must be the same on
    # every run, whatever the hash seed.
    bodies = [o for o in shown.values() if o.id in scope and o.kind in BODY_KINDS]
    for body in bodies:
        for m in body_members(index, body.id, year):
            if m.member in scope:
                relation = "chairs" if m.role == "chair" else "member-of"
                edges.append(Edge(m.member, body.id, relation, m.role))
    runs, reached = _operations(index, family, year)
    nodes = [
        Node(o.id, full_name(o), "body" if o.kind in BODY_KINDS else "organisation")
        for o in shown.values()
        if o.id in scope
    ]
    nodes += [Node(p.id, p.name, "program") for p in index.directory.programs if p.id in reached]
    nodes += [Node(h.id, h.name, "hotline") for h in index.directory.hotlines if h.id in reached]
    return Graph(tuple(nodes), tuple(edges + runs))


def _current(index: Index, year: int | None) -> dict[str, Organisation]:
    """The organisations of the tree as of `year`, by id, in the directory's order."""
    found: dict[str, Organisation] = {}
    stack = [org for org in reversed(organisations_as_of(index, year)) if not org.parent]
    while stack:
        org = stack.pop()
        found[org.id] = org
        stack.extend(reversed(current_children(index, org.id, year)))
    return {o.id: found[o.id] for o in index.directory.organisations if o.id in found}


def _operations(index: Index, family: set[str], year: int | None) -> tuple[list[Edge], set[str]]:
    """Who in `family` runs or partners in which programme or hotline: only what the
    organisation asked about (and its components) runs, as the programmes of every
    member of a body would bury the body."""
    edges: list[Edge] = []
    reached: set[str] = set()
    things: list[Program | Hotline] = [*index.directory.programs, *index.directory.hotlines]
    for thing in things:
        operators = dated(thing.operators, index, year)
        for org_id, role in dict.fromkeys((op.organisation, op.role) for op in operators):
            if org_id in family:
                relation = "partners-with" if role == "partner" else "runs"
                edges.append(Edge(org_id, thing.id, relation, role))
                reached.add(thing.id)
    return edges, reached
