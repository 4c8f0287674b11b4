"""The layering rules: Qt only in fulfillment_app/ui, enforced by import-linter; ruff clean."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "fulfillment_app"
BIN = Path(sys.executable).parent


def contract_counts(report: str) -> tuple[int, int]:
    """(kept, broken) from lint-imports' summary line, e.g. "Contracts: 5 kept, 10 broken."."""
    found = re.search(r"Contracts: (\d+) kept, (\d+) broken\.", report)
    assert found, f"no summary line in the lint-imports report:\n{report}"
    return int(found.group(1)), int(found.group(2))


@pytest.mark.parametrize(
    ("line", "counts"),
    [
        ("Contracts: 6 kept, 0 broken.", (6, 0)),
        ("Contracts: 0 kept, 10 broken.", (0, 10)),
        ("Contracts: 10 kept, 1 broken.", (10, 1)),
    ],
)
def test_contract_counts_are_read_whole(line: str, counts: tuple[int, int]) -> None:
    assert contract_counts(f"...\n{line}\n") == counts


def test_import_linter_contracts_hold() -> None:
    result = subprocess.run(
        [str(BIN / "lint-imports"), "--config", str(ROOT / "pyproject.toml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    report = result.stdout + result.stderr
    stated = len(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    )
    assert contract_counts(report) == (stated, 0), report
    assert result.returncode == 0, report


def test_contract_covers_every_core_module() -> None:
    """A new top-level module or package must be named in the no-Qt contract."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    contract = config["tool"]["importlinter"]["contracts"][0]
    listed = set(contract["source_modules"])
    exempt = {
        "fulfillment_app.ui",
        "fulfillment_app.cli",
        "fulfillment_app.__main__",
        "fulfillment_app.__init__",
    }
    present = {
        f"fulfillment_app.{p.stem if p.is_file() else p.name}"
        for p in PACKAGE.iterdir()
        if (p.suffix == ".py") or (p.is_dir() and (p / "__init__.py").exists())
    }
    missing = present - listed - exempt
    assert not missing, f"add to the import-linter contract: {sorted(missing)}"


def test_no_qt_import_outside_ui_even_lazily() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path.is_relative_to(PACKAGE / "ui"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n.split(".")[0] in ("PySide6", "shiboken6") for n in names):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders


def test_the_core_runs_without_qt_installed() -> None:
    """Import every core module in a process where PySide6 cannot be imported."""
    code = """
import importlib, pkgutil, sys
sys.modules["PySide6"] = None  # any import of it now raises ImportError
sys.modules["shiboken6"] = None
import fulfillment_app
for m in pkgutil.walk_packages(fulfillment_app.__path__, "fulfillment_app."):
    if m.name.startswith("fulfillment_app.ui") or m.name.endswith("__main__"):
        continue
    if ".migrations" in m.name:
        continue
    importlib.import_module(m.name)
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr


def test_ruff_is_clean() -> None:
    result = subprocess.run(
        [
            str(BIN / "ruff"),
            "check",
            "--output-format",
            "concise",
            "fulfillment_app",
            "tests",
            "benchmarks",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean() -> None:
    result = subprocess.run(
        [str(BIN / "mypy"), "--config-file", str(ROOT / "pyproject.toml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
