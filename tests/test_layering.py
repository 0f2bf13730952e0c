"""The package layout is a stack: each stage imports only the stages below it.

Every ``import`` in ``src/cachelint`` is read with :mod:`ast`, wherever it is:
at module level, inside a function (a lazy import), under ``if TYPE_CHECKING:``,
or as ``import_module("cachelint....")`` with a literal name. The tests fail on
any circle between modules and on any import from a package to one above it
in :data:`LAYERS`. A new sub-package must be given its place in :data:`LAYERS`.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

SOURCE = Path(__file__).resolve().parents[1] / "src" / "cachelint"

# The declared order, bottom first: a module may import from its own layer and
# any layer before it. BASE stands for the modules directly in ``cachelint/``
# (model, errors, codes, limits, pointer, layout, frozen, wording, docstrings);
# ``cachelint.record``, the plain value classes, is a layer of its own under all.
BASE = "<base>"
LAYERS = (
    "record",
    "spack",
    BASE,
    "page",
    "schema",
    "scope",
    "store",
    "catalog",
    "rules",
    "report",
    "fix",
    "config",
    "run",
    "baseline",
    "cli",
    "__main__",
)


class Import(NamedTuple):
    """One import statement: who imports what, and where."""

    importer: str
    imported: str
    line: int


def module_names(root: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every module below the package ``root``."""
    names = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names[".".join(parts)] = path
    return names


def imports_of(name: str, path: Path, known: dict[str, Path]) -> Iterator[Import]:
    """Every import of a module of the package in ``path``, nested ones included."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        for target in _targets(node, package, known):
            imported = _known_module(target, known)
            if imported is not None and imported != name:
                yield Import(name, imported, node.lineno)  # type: ignore[attr-defined]


def _targets(node: ast.AST, package: str, known: dict[str, Path]) -> Iterator[str]:
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
    elif isinstance(node, ast.ImportFrom):
        # ``from pkg import name``: the submodule ``pkg.name`` if there is one, else ``pkg``.
        base = _absolute(node.module or "", node.level, package)
        for alias in node.names:
            submodule = f"{base}.{alias.name}"
            yield submodule if submodule in known else base
    elif isinstance(node, ast.Call) and _called_name(node.func) == "import_module" and node.args:
        yield from _literal_prefix(node.args[0])


def _absolute(module: str, level: int, package: str) -> str:
    if level == 0:
        return module
    parts = package.split(".")
    anchor = ".".join(parts[: len(parts) - level + 1])
    return f"{anchor}.{module}" if module else anchor


def _called_name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _literal_prefix(arg: ast.expr) -> Iterator[str]:
    """The module a literal or f-string names, as far as its literal start tells."""
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        yield arg.value
    elif isinstance(arg, ast.JoinedStr) and arg.values:
        first = arg.values[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            yield first.value.rstrip(".")


def _known_module(target: str, known: dict[str, Path]) -> str | None:
    """``target`` if it is a module, else the nearest module it lies in (a name in it)."""
    while target and target not in known:
        target = target.rpartition(".")[0]
    return target or None


def import_graph(root: Path) -> list[Import]:
    """Every import between the modules of the package at ``root``."""
    known = module_names(root)
    return [found for name, path in known.items() for found in imports_of(name, path, known)]


def layer_of(module: str) -> str:
    """The sub-package a module belongs to, or BASE for the package's own modules."""
    if module == "cachelint.record":
        return "record"  # the records every layer is made of, the spack leaf's too
    parts = module.split(".")
    if len(parts) == 1:
        return BASE  # the package itself (``__version__``)
    if parts[1] == "__main__":
        return "__main__"
    return parts[1] if len(parts) > 2 or _is_package(module) else BASE


def _is_package(module: str) -> bool:
    return (SOURCE.parent / module.replace(".", "/") / "__init__.py").exists()


def circles(imports: Sequence[Import]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    graph: dict[str, set[str]] = {}
    for found in imports:
        graph.setdefault(found.importer, set()).add(found.imported)
        graph.setdefault(found.imported, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, successors = work[-1]
            for successor in successors:
                if successor not in index:
                    index[successor] = low[successor] = len(index)
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(sorted(graph[successor]))))
                    break
                if successor in on_stack:
                    low[node] = min(low[node], index[successor])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        components.append(sorted(component))
    return components


def back_imports(imports: Sequence[Import], layers: Sequence[str]) -> list[str]:
    """Each import from a layer to one above it, as ``importer:line -> imported``."""
    rank = {layer: position for position, layer in enumerate(layers)}
    return [
        f"{found.importer}:{found.line} imports {found.imported} "
        f"({layer_of(found.importer)} is below {layer_of(found.imported)})"
        for found in imports
        if rank[layer_of(found.imported)] > rank[layer_of(found.importer)]
    ]


def test_no_module_import_circles() -> None:
    found = circles(import_graph(SOURCE))
    assert not found, "import circles:\n" + "\n".join(" <-> ".join(c) for c in found)


def test_each_package_imports_only_the_packages_below_it() -> None:
    found = back_imports(import_graph(SOURCE), LAYERS)
    assert not found, f"imports against the order {LAYERS}:\n" + "\n".join(found)


def test_every_package_has_its_place_in_the_order() -> None:
    packages = {layer_of(name) for name in module_names(SOURCE)}
    assert packages == set(LAYERS)


def test_the_graph_sees_lazy_type_checking_and_relative_imports(tmp_path: Path) -> None:
    root = tmp_path / "demo"
    (root / "low").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    (root / "low" / "__init__.py").write_text("")
    (root / "low" / "a.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from demo.low.b import B\n"
        "def f():\n"
        "    from . import c\n"
        "    return import_module('demo.low.d')\n"
    )
    for name in ("b", "c", "d"):
        (root / "low" / f"{name}.py").write_text("import demo.low.a\n")
    found = {(i.importer, i.imported, i.line) for i in import_graph(root)}
    assert {("demo.low.a", f"demo.low.{name}") for name in "bcd"} <= {f[:2] for f in found}
    assert ("demo.low.a", "demo.low.b", 3) in found
    assert circles(import_graph(root)) == [["demo.low.a", "demo.low.b", "demo.low.c", "demo.low.d"]]


def test_a_back_import_is_named_with_its_line() -> None:
    imports = [
        Import("cachelint.page.parse", "cachelint.rules.base", 12),
        Import("cachelint.rules.base", "cachelint.page.parse", 3),
    ]
    assert back_imports(imports, LAYERS) == [
        "cachelint.page.parse:12 imports cachelint.rules.base (page is below rules)"
    ]
