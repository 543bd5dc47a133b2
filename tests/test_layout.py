"""The tests mirror src/: every module of the package has a test module named after it
(`coopkg/server/reconcile.py` → `tests/test_server_reconcile.py`).

A package's `__init__` is tested through the modules of its package; the broader test
files (the CLI, documentation, fuzzing, the W3C suite) come on top of these.
"""

from __future__ import annotations

from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "src" / "coopkg"


def expected_test(module: Path) -> Path:
    parts = module.relative_to(PACKAGE).with_suffix("").parts
    return ROOT / "tests" / f"test_{'_'.join(parts)}.py"


def test_the_test_of_a_module_is_named_after_its_path() -> None:
    module = PACKAGE / "server" / "reconcile.py"
    assert expected_test(module) == ROOT / "tests" / "test_server_reconcile.py"


def test_every_module_has_its_test_module() -> None:
    modules = [p for p in sorted(PACKAGE.rglob("*.py")) if p.name != "__init__.py"]
    missing = [str(m.relative_to(PACKAGE)) for m in modules if not expected_test(m).exists()]
    assert not missing, f"modules without tests/test_<path>.py: {missing}"
