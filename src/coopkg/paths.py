"""Where the project's own resource folders (ontology/, shapes/, queries/) are.

They live at the top of the checkout, beside `src/`, so that people edit them
as plain files; the `home` setting (`COOPKG_HOME`, `--home`) points elsewhere
when the package is installed outside a checkout.
"""

from __future__ import annotations

from pathlib import Path

from .settings import home_from_environment


def home() -> Path:
    return home_from_environment()


def ontology_file() -> Path:
    return home() / "ontology" / "coop.ttl"


def shapes_dir() -> Path:
    return home() / "shapes"


def queries_dir() -> Path:
    return home() / "queries"
