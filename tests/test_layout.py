"""The package tree is the pipeline: read → outline → rules → report.

Packages sit in layers; a module may import from its own package and from layers below it,
never from one above, and no two modules import each other, even through others (lazy
imports inside functions included: a cycle there is a cycle all the same).
"""

from __future__ import annotations

import ast
from pathlib import Path

import reportlint

PACKAGE = Path(reportlint.__file__).parent
# Bottom to top. Top-level modules (api, cli, runner, server, config, cache, …) sit above all.
LAYERS = ["base", "lexicon", "inputs", "numbers", "outline", "rules", "formats"]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """The reportlint modules ``path`` imports, absolute or relative, at any depth of the file."""
    me = _module_name(path).split(".")
    package = me if path.name == "__init__.py" else me[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("reportlint"))
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            if not module.startswith("reportlint"):
                continue
            found.add(module)
            found.update(f"{module}.{a.name}" for a in node.names if _is_module(f"{module}.{a.name}"))
    return found


def _is_module(name: str) -> bool:
    path = PACKAGE.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: {m for m in _imports(path) if m in modules and m != name} for name, path in modules.items()}


def _layer(module: str) -> int:
    parts = module.split(".")
    if len(parts) >= 2 and parts[1] in LAYERS:
        return LAYERS.index(parts[1])
    return len(LAYERS)  # a top-level module (or the package itself)


def test_no_package_imports_a_layer_above_it():
    upward = [
        f"{module} imports {target}"
        for module, targets in _graph().items()
        for target in targets
        if target != "reportlint" and _layer(target) > _layer(module)
    ]
    assert upward == []


def test_no_import_cycle_anywhere():
    graph = _graph()
    cycles, state = [], {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if nxt == "reportlint":
                continue  # the package's lazy re-exports and __version__
            if state.get(nxt) == "open":
                cycles.append(" → ".join(stack[stack.index(nxt) :] + [node, nxt]))
            elif nxt not in state:
                visit(nxt, stack + [node])
        state[node] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [])
    assert cycles == []


def test_the_checker_sees_an_upward_import(tmp_path):
    """The check itself must be able to fail: an inputs module importing the rules is caught."""
    assert _layer("reportlint.inputs.reader") < _layer("reportlint.rules.engine") < _layer("reportlint.api")
    assert "reportlint.rules.engine" in _graph()["reportlint.api"]
