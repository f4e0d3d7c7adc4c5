"""Pictures of the directory as a whole: the hierarchy, a grid of organisations by
bodies, topics or pillars, and a graph of who belongs to and runs what. Kept apart
so that a lookup loads none of this."""

from tipcli.data.model import Hotline, Organisation, Program
from tipcli.data.vocab import BODY_KINDS, INTERAGENCY_KINDS, PILLARS
from tipcli.errors import NotFoundError
from tipcli.query import resolve
from tipcli.query.asof import body_members, in_view, organisations_as_of
from tipcli.query.index import Index
from tipcli.query.views import Edge, Graph, Matrix, Node, Tree, TreeNode

_OWNING_ROLES = frozenset({"runs", "funds", "produces", "adjudicates", "authorizes", "hosts"})


def tree(index: Index, query: str | None) -> Tree:
    """`tip tree`: the hierarchy from the top (or from the organisation a query names)
    down, with the programmes each node runs, funds or produces."""
    root = resolve.organisations(index).resolve(query) if query is not None else None

    def node(org: Organisation) -> TreeNode:
        programs = tuple(
            p
            for p in index.programs_of.get(org.id, [])
            if any(op.organisation == org.id and op.role in _OWNING_ROLES for op in p.operators)
        )
        children = tuple(node(child) for child in index.children.get(org.id, []))
        return TreeNode(org, programs, children)

    if root is not None:
        return Tree((node(root),))
    return Tree(tuple(node(org) for org in index.directory.organisations if not org.parent))


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


def graph(index: Index, query: str | None) -> Graph:
    """`tip graph`: the directory as nodes and edges; from the organisation a query
    names, its components, the bodies they sit on (or its members, for a body) and
    what they run. Memberships are the newest record's."""
    root = resolve.organisations(index).resolve(query) if query is not None else None
    if root is None:
        scope = {o.id for o in index.directory.organisations}
        family = scope
    else:
        family = index.family(root)
        scope = set(family)
        for org_id in family:
            scope.update(m.body for m in index.memberships_of.get(org_id, []))
        if root.kind in BODY_KINDS:
            scope.update(m.member for m in body_members(index, root.id, None))
    edges: list[Edge] = []
    for org in index.directory.organisations:
        if org.parent and org.id in scope and org.parent in scope:
            edges.append(Edge(org.parent, org.id, "parent-of", "part"))
    # Bodies in the directory's order, not the set's: the output must be the same on
    # every run, whatever the hash seed.
    bodies = [o for o in index.directory.organisations if o.id in scope and o.kind in BODY_KINDS]
    for body in bodies:
        for m in body_members(index, body.id, None):
            if m.member in scope:
                relation = "chairs" if m.role == "chair" else "member-of"
                edges.append(Edge(m.member, body.id, relation, m.role))
    things: list[Program | Hotline] = [*index.directory.programs, *index.directory.hotlines]
    reached: set[str] = set()
    for thing in things:
        # Only what the organisation asked about (and its components) runs: the
        # programmes of every member of a body would bury the body.
        for op in dict.fromkeys((op.organisation, op.role) for op in thing.operators):
            if op[0] in family:
                relation = "partners-with" if op[1] == "partner" else "runs"
                edges.append(Edge(op[0], thing.id, relation, op[1]))
                reached.add(thing.id)
    nodes = [
        Node(o.id, index.display_name(o.id), "body" if o.kind in BODY_KINDS else "organisation")
        for o in index.directory.organisations
        if o.id in scope
    ]
    nodes += [Node(p.id, p.name, "program") for p in index.directory.programs if p.id in reached]
    nodes += [Node(h.id, h.name, "hotline") for h in index.directory.hotlines if h.id in reached]
    return Graph(tuple(nodes), tuple(edges))
