"""The apps import one way only: the layer contract (pyproject.toml, run by lint-imports in CI)
names every app, and the graph of imports between apps has no cycle.

Test modules and migrations are left out: tests may import anything, and migrations import
no app code.
"""

import tomllib
from collections import defaultdict
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[2]


def _contract() -> dict:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    (layers,) = [c for c in config["contracts"] if c["type"] == "layers"]
    return layers


def _app_of(module: str) -> str | None:
    parts = module.split(".")
    if len(parts) < 2 or "tests" in parts or "migrations" in parts:
        return None
    return parts[1]


@pytest.fixture(scope="module")
def app_graph() -> dict[str, set[str]]:
    graph = grimp.build_graph("walletdesk")
    edges: dict[str, set[str]] = defaultdict(set)
    for module in graph.modules:
        importer = _app_of(module)
        if importer is None:
            continue
        for imported in graph.find_modules_directly_imported_by(module):
            target = _app_of(imported)
            if target is not None and target != importer:
                edges[importer].add(target)
    return edges


def _apps() -> set[str]:
    package = ROOT / "walletdesk"
    return {p.parent.name for p in package.glob("*/__init__.py") if p.parent.name != "tests"}


def _cycle(edges: dict[str, set[str]]) -> list[str]:
    """One cycle of the graph as a path of apps, or [] when there is none."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    path: list[str] = []

    def visit(app: str) -> list[str]:
        state[app] = 1
        path.append(app)
        for target in sorted(edges.get(app, ())):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        path.pop()
        state[app] = 2
        return []

    for app in sorted(edges):
        if app not in state and (found := visit(app)):
            return found
    return []


def test_every_app_has_a_place_in_the_layer_contract() -> None:
    listed = {
        name.strip()
        for layer in _contract()["layers"]
        for name in layer.replace(":", "|").split("|")
    }

    assert _apps() == listed


def test_the_app_import_graph_has_no_cycle(app_graph) -> None:
    assert _cycle(app_graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    # The guard above must be able to fail: a graph with a loop is reported as one.
    edges = {"tickets": {"notifications"}, "notifications": {"tickets"}, "chain": set()}

    assert _cycle(edges) == ["notifications", "tickets", "notifications"]


def test_chain_imports_no_other_app_and_core_only_chain(app_graph) -> None:
    assert app_graph.get("chain", set()) == set()
    assert app_graph.get("core", set()) <= {"chain"}


def test_the_readme_map_lists_every_app() -> None:
    readme = (ROOT / "README.md").read_text()

    assert {app for app in _apps() if f"walletdesk/{app}/" not in readme} == set()
