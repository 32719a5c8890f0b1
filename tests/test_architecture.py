"""The shape of the package: no import cycles, no UI in the core, modules a reader can take in.

Imports are read from the source (every import, at the top or inside a function, except those
under `if TYPE_CHECKING:`), so a cycle hidden in a function body is found too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import merit_tui

PACKAGE = Path(merit_tui.__file__).resolve().parent  # the package under test, installed or checked out
# the user interface; everything else is the core, which never imports Textual or Rich
UI = ("merit_tui.app", "merit_tui.workbench", "merit_tui.commands", "merit_tui.palette", "merit_tui.screens", "merit_tui.dialogs", "merit_tui.widgets")
UI_LIBRARIES = ("textual", "rich")
MAX_LINES = 400


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py")}


def _type_checking(node: ast.If) -> bool:
    return isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"


def imports(name: str, path: Path) -> set[str]:
    """Every module this one imports (absolute names), skipping TYPE_CHECKING blocks."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                root = ".".join(base + ([node.module] if node.module else []))
            else:
                root = node.module or ""
            found.add(root)
            for alias in node.names:  # `from . import flows` imports a module
                found.add(f"{root}.{alias.name}")
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def graph() -> dict[str, set[str]]:
    mods = modules()
    edges: dict[str, set[str]] = {}
    for name, path in mods.items():
        targets = set()
        for imported in imports(name, path):
            # importing a.b.c runs a, a.b and a.b.c
            parts = imported.split(".")
            for i in range(1, len(parts) + 1):
                prefix = ".".join(parts[:i])
                if prefix in mods and prefix != name:
                    targets.add(prefix)
        # a module is part of its package: importing it runs the package's __init__ first
        parent = name.rpartition(".")[0]
        if parent in mods and parent != name:
            targets.add(parent)
        edges[name] = targets
    return edges


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def dfs(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if state.get(nxt) is None:
                found = dfs(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state:
            found = dfs(node)
            if found:
                return found
    return None


def is_ui(name: str) -> bool:
    return any(name == u or name.startswith(u + ".") for u in UI)


def test_no_import_cycles():
    edges = graph()
    # a package importing its own submodules is how packages work, not a cycle
    edges = {m: {t for t in ts if not t.startswith(m + ".")} for m, ts in edges.items()}
    cycle = find_cycle(edges)
    assert cycle is None, " → ".join(cycle)


def test_core_never_imports_the_ui():
    mods = modules()
    edges = graph()
    for name in mods:
        if is_ui(name) or name.startswith("merit_tui.cli") or name == "merit_tui.__main__":
            continue
        seen, todo = set(), [name]
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            assert not is_ui(current), f"{name} reaches the UI module {current}"
            external = {i.split(".")[0] for i in imports(current, mods[current])}
            assert not external & set(UI_LIBRARIES), f"{current} (reached from {name}) imports {external & set(UI_LIBRARIES)}"
            todo += [t for t in edges[current] if t in mods]


def test_the_cycle_finder_finds_cycles():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_modules_stay_short():
    long = {name: n for name, path in modules().items() if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"over {MAX_LINES} lines: {long}"


def test_screens_get_the_app_typed():
    """No `type: ignore` to reach the app's state: screens use `getters.app(Workbench)`."""
    offenders = [str(p) for p in PACKAGE.rglob("*.py") if "ignore[attr-defined]" in p.read_text(encoding="utf-8") and is_ui(module_name(p))]
    assert not offenders
