"""The plugin's shape: no import circles, small modules, layers that import downwards.

Reads the source with `ast` (every import, also those inside functions, which are
circles all the same), so a circle fails here before it bites at import time.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "plugins"
PACKAGES = ("reflective", "reflective_md")
MAX_LINES = 400


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


MODULES = _modules()


def _package_of(name: str, path: Path) -> str:
    return name if path.name == "__init__.py" else name.rpartition(".")[0]


def _imports(name: str, path: Path) -> set[str]:
    """The plugin's own modules that `name` imports (a submodule where one is named)."""
    package = _package_of(name, path)
    edges = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                if node.module:
                    base += node.module.split(".")
                origin = ".".join(base)
            else:
                origin = node.module or ""
            targets = []
            for alias in node.names:
                sub = f"{origin}.{alias.name}"
                targets.append(sub if sub in MODULES else origin)
        else:
            continue
        for target in targets:
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target and target != name:
                edges.add(target)
    return edges


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components of more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                component.append(item)
                if item == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_graph_sees_the_plugin():
    assert "reflective.core.model" in MODULES
    assert "reflective.core.problems" in GRAPH["reflective.core.model"]
    # a lazy import inside a function counts too
    assert "reflective.capabilities" in GRAPH["reflective"]


def test_the_cycle_finder_finds_a_circle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycles():
    assert _cycles(GRAPH) == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_over_400_lines(name):
    lines = MODULES[name].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{MODULES[name]} has {lines} lines; split it (at most {MAX_LINES})"


# The folder reader reads metadata as Pelican does (its date parsing, its path
# metadata, its addresses), with Pelican's own functions, imported lazily; nothing else
# in the core.
READS_LIKE_PELICAN = {
    "reflective.core.content",
    "reflective.core.sourcecache",
    "reflective.core.addresses",  # a post's address, by Pelican's own Article class
}


def test_the_core_knows_nothing_of_pelican_nor_of_the_layers_above():
    for name, path in MODULES.items():
        if not name.startswith("reflective.core"):
            continue
        above = [m for m in GRAPH[name] if not m.startswith("reflective.core")]
        assert above == [], f"{name} imports {above}"
        if name in READS_LIKE_PELICAN:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and not node.level:
                assert not (node.module or "").startswith("pelican"), f"{name} imports pelican"
            if isinstance(node, ast.Import):
                assert not any(a.name.startswith("pelican") for a in node.names), name


def test_capabilities_do_not_reach_into_each_other():
    from reflective import capabilities

    for name in capabilities.NAMES:
        prefix = f"reflective.{name}"
        others = [f"reflective.{other}" for other in capabilities.NAMES if other != name]
        for module, targets in GRAPH.items():
            if module == prefix or module.startswith(prefix + "."):
                bad = [t for t in targets if any(t.startswith(o) for o in others)]
                assert bad == [], f"{module} imports another capability: {bad}"


def test_every_module_says_what_it_owns():
    for path in MODULES.values():
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        assert doc, f"{path} has no docstring saying what it owns"
