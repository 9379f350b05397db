"""The layout's rules, checked: every module is under the import contracts, no import circle."""

from __future__ import annotations

import pkgutil
import tomllib

import grimp

import briefer

from .conftest import ROOT


def _contracts() -> list[dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return list(config["tool"]["importlinter"]["contracts"])


def test_every_module_is_bound_by_every_import_contract() -> None:
    """A new module must be added to the contracts, or it could import any library."""
    modules = {f"briefer.{m.name}" for m in pkgutil.iter_modules(briefer.__path__)}
    for contract in _contracts():
        owners = set(
            str(contract["name"]).split(" is imported in ")[1][: -len(" only")].split(" and ")
        )
        assert set(contract["source_modules"]) | owners == modules, contract["name"]  # type: ignore[arg-type]


def _circles(graph: grimp.ImportGraph) -> list[set[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    modules = sorted(m for m in graph.modules if m.startswith("briefer"))
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []

    def visit(m: str) -> None:
        index[m] = low[m] = len(index)
        stack.append(m)
        on_stack.add(m)
        for n in sorted(graph.find_modules_directly_imported_by(m)):
            if not n.startswith("briefer"):
                continue
            if n not in index:
                visit(n)
                low[m] = min(low[m], low[n])
            elif n in on_stack:
                low[m] = min(low[m], index[n])
        if low[m] == index[m]:
            part = set()
            while True:
                n = stack.pop()
                on_stack.discard(n)
                part.add(n)
                if n == m:
                    break
            if len(part) > 1:
                found.append(part)

    for m in modules:
        if m not in index:
            visit(m)
    return found


def test_no_import_circle() -> None:
    graph = grimp.build_graph("briefer")
    # a package imports its own modules through its __init__: that is no circle
    circles = [c for c in _circles(graph) if len({m.split(".")[1] for m in c}) > 1]
    assert circles == []
