"""The engine is plain Python and pydantic: no I/O libraries, no clock, never eval/exec."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ENGINE = Path(__file__).resolve().parents[2] / "flux_cli" / "engine"
MODULES = sorted(ENGINE.glob("*.py"))
FORBIDDEN_IMPORTS = {
    "yaml",
    "sqlalchemy",
    "typer",
    "click",
    "rich",
    "textual",
    "alembic",
    "psycopg",
    "platformdirs",
    "os",
    "pathlib",
    "time",
    "subprocess",
    "flux_cli.storage",
    "flux_cli.services",
    "flux_cli.cli",
    "flux_cli.tui",
    "flux_cli.paths",
}
FORBIDDEN_BUILTINS = {"eval", "exec", "compile", "open", "__import__", "input", "print"}
FORBIDDEN_METHODS = {"today", "now", "utcnow", "read_text", "system"}


def imported(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def called(tree: ast.AST) -> set[str]:
    """Bare builtins called by name, and methods called as `.name(...)` (prefixed `.`)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            target = node.func
            if isinstance(target, ast.Name):
                names.add(target.id)
            elif isinstance(target, ast.Attribute):
                names.add(f".{target.attr}")
    return names


@pytest.mark.parametrize("module", MODULES, ids=lambda path: path.name)
def test_engine_module_is_pure(module: Path) -> None:
    tree = ast.parse(module.read_text())
    bad_imports = {
        name
        for name in imported(tree)
        if any(name == bad or name.startswith(f"{bad}.") for bad in FORBIDDEN_IMPORTS)
    }
    assert bad_imports == set()
    calls = called(tree)
    assert calls & FORBIDDEN_BUILTINS == set()
    assert calls & {f".{method}" for method in FORBIDDEN_METHODS} == set()
