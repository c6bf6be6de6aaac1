"""The package's modules: each name a module binds at its top level is bound once.

A pattern defined twice under one name (as `_PAID_TO` once was in kg/extract/statistics.py) silently
replaces the first for every function that reads it, and no other check notices.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

KG = Path(__file__).resolve().parent.parent / "kg"


@pytest.mark.parametrize("path", sorted(KG.rglob("*.py")), ids=lambda p: str(p.relative_to(KG)))
def test_no_top_level_name_is_bound_twice(path):
    seen: dict[str, int] = {}
    twice = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        )
        for t in targets:
            if isinstance(t, ast.Name):
                if t.id in seen:
                    twice.append((t.id, seen[t.id], node.lineno))
                seen[t.id] = node.lineno
    assert twice == []
