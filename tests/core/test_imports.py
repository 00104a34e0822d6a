"""The core's imports form no circle: a module never needs, even at call time, a module that needs it.

Walks every module of ``calculators`` with ``ast``, imports inside functions included. Importing
``calculators.a.b`` runs ``calculators.a`` first, so that counts as an import of both, unless the
importer sits inside ``calculators.a`` already.
"""

from __future__ import annotations

import ast
from pathlib import Path

import calculators

ROOT = Path(calculators.__file__).parent


def module_name(path: Path) -> str:
    parts = ["calculators", *path.relative_to(ROOT).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def core_modules() -> dict[str, Path]:
    return {module_name(path): path for path in ROOT.rglob("*.py")}


def _absolute(importer: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = importer.split(".") if is_package else importer.split(".")[:-1]
    base = base[:len(base) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def imported(importer: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The core modules that running ``importer`` may import, at once or at call time."""
    named: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            named.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            source = _absolute(importer, path.name == "__init__.py", node)
            named.add(source)
            named.update(f"{source}.{alias.name}" for alias in node.names)
    found = set()
    for name in named:
        parts = name.split(".")
        for end in range(1, len(parts) + 1):
            ancestor = ".".join(parts[:end])
            if ancestor in modules and not importer.startswith(ancestor + ".") and ancestor != importer:
                found.add(ancestor)
    return found


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components of more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = core_modules()
    return {name: imported(name, path, modules) for name, path in modules.items()}


def test_the_core_has_no_import_circle():
    assert circles(import_graph()) == []


def test_the_walk_sees_imports_inside_functions_and_relative_ones(tmp_path):
    module = tmp_path / "late.py"
    module.write_text("def later():\n    from . import api\n    from .valuation import compute\n", encoding="utf-8")
    modules = {"calculators.api": module, "calculators.valuation": module, "calculators.valuation.compute": module,
               "calculators.late": module}
    assert imported("calculators.late", module, modules) == {
        "calculators.api", "calculators.valuation", "calculators.valuation.compute"}
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": set()}) == []
