"""The code's layout: layers that import only downwards, no import cycles, Rich and Typer
each in its own layer, and modules and functions small enough to read in one sitting.

Imports are read from the source with `ast`, those inside functions included, so a lazy
import cannot hide a layer break or a cycle.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

from tests.conftest import REPO

SOURCE = REPO / "src"

# Bottom to top; a module may import its own layer or a lower one.
LAYERS = {
    "tipcli": 0,  # the package itself: its version
    "tipcli.errors": 0,
    "tipcli.data": 1,
    "tipcli.query": 2,
    "tipcli.render": 3,
    "tipcli.cli": 4,
    "tipcli.main": 5,
    "tipcli.__main__": 5,
}
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SOURCE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(module: str) -> int:
    """The layer of the longest prefix of `module` that names one."""
    parts = module.split(".")
    for end in range(len(parts), 0, -1):
        prefix = ".".join(parts[:end])
        if prefix in LAYERS:
            return LAYERS[prefix]
    raise LookupError(f"{module} is in no layer")


def imports(module: str, source: str, known: set[str]) -> set[str]:
    """Every module `source` imports, at any depth of the code. `from a import b` counts as
    `a.b` where that is a module, else as `a`."""
    found: set[str] = set()
    package = module if module in known and _is_package(module) else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.add(candidate if candidate in known else base)
    return found


def _is_package(module: str) -> bool:
    return (SOURCE / Path(*module.split(".")) / "__init__.py").is_file()


def tree() -> dict[str, set[str]]:
    """Each tipcli module, to the tipcli modules it imports."""
    paths = sorted((SOURCE / "tipcli").rglob("*.py"))
    known = {module_name(p) for p in paths}
    graph = {}
    for path in paths:
        name = module_name(path)
        graph[name] = {
            m for m in imports(name, path.read_text(encoding="utf-8"), known) if m in known
        }
    return graph


def layer_breaks(graph: dict[str, set[str]]) -> list[str]:
    return [
        f"{module} (layer {layer_of(module)}) imports {target} (layer {layer_of(target)})"
        for module, targets in sorted(graph.items())
        for target in sorted(targets)
        if layer_of(target) > layer_of(module)
    ]


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import cycles, one path each (a module importing its own package's __init__
    counts, as Python runs that first)."""
    found: list[list[str]] = []
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            found.append([*path[path.index(module) :], module])
            return
        if module in done:
            return
        for target in sorted(graph.get(module, ())):
            visit(target, [*path, module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])
    return found


GRAPH = tree()


def test_every_module_is_in_a_layer() -> None:
    for module in GRAPH:
        layer_of(module)


def test_layers_import_only_their_own_or_lower_ones() -> None:
    assert layer_breaks(GRAPH) == []


def test_there_is_no_import_cycle() -> None:
    assert cycles(GRAPH) == []


def test_the_checks_catch_a_break_and_a_cycle() -> None:
    """The two checks above on a made-up tree that has one of each."""
    made_up = {
        "tipcli.data.load": {"tipcli.query.index"},
        "tipcli.query.index": {"tipcli.query.cards"},
        "tipcli.query.cards": {"tipcli.query.index"},
    }
    assert layer_breaks(made_up) == [
        "tipcli.data.load (layer 1) imports tipcli.query.index (layer 2)"
    ]
    assert cycles(made_up) == [["tipcli.query.index", "tipcli.query.cards", "tipcli.query.index"]]


def test_imports_inside_functions_are_read() -> None:
    source = "def f():\n    from tipcli.query import views\n"
    assert imports("tipcli.data.x", source, {"tipcli.query.views"}) == {"tipcli.query.views"}


def _third_party(module: str) -> Iterable[str]:
    path = SOURCE / Path(*module.split("."))
    file = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            yield node.module.split(".")[0]


@pytest.mark.parametrize(
    ("library", "home"), [("rich", "tipcli.render.terminal"), ("typer", "tipcli.cli")]
)
def test_rich_and_typer_each_stay_in_their_own_package(library: str, home: str) -> None:
    users = {m for m in GRAPH if library in set(_third_party(m))}
    assert users, f"nothing imports {library}: the check would prove nothing"
    assert {m for m in users if not (m == home or m.startswith(home + "."))} == set()


def test_errors_imports_only_the_standard_library() -> None:
    assert set(_third_party("tipcli.errors")) <= set(sys.stdlib_module_names)


def test_no_module_is_too_long_to_read_in_one_sitting() -> None:
    lengths = {
        module_name(p): len(p.read_text(encoding="utf-8").splitlines())
        for p in (SOURCE / "tipcli").rglob("*.py")
    }
    assert {m: n for m, n in lengths.items() if n > MAX_MODULE_LINES} == {}


def test_no_function_is_longer_than_a_screen() -> None:
    long = {}
    for path in (SOURCE / "tipcli").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long[f"{module_name(path)}.{node.name}"] = length
    assert long == {}
