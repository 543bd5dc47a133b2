"""No module-level function or class in src/ that nothing calls.

Flask routes and other decorated functions are reached through their decorator
and are left out. A name used only in tests counts as dead: tests exercise the
product, they are not its callers.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "coopkg"


def test_every_top_level_definition_is_used_somewhere_in_the_package() -> None:
    texts = {p: p.read_text(encoding="utf-8") for p in sorted(SRC.rglob("*.py"))}
    words = Counter(re.findall(r"\w+", "\n".join(texts.values())))
    unused = []
    for path, text in texts.items():
        for node in ast.parse(text).body:
            if not isinstance(node, (ast.FunctionDef, ast.ClassDef)) or node.decorator_list:
                continue
            if words[node.name] <= 1:  # only its own definition
                unused.append(f"{path.relative_to(SRC)}: {node.name}")
    assert unused == []
