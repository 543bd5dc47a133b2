"""Where the project's own resource folders (ontology/, shapes/, queries/) are.

They live at the top of the checkout, beside `src/`, so that people edit them
as plain files. `COOPKG_HOME` points elsewhere when the package is installed
outside a checkout.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path


@cache
def home() -> Path:
    explicit = os.environ.get("COOPKG_HOME")
    if explicit:
        return Path(explicit)
    return Path(__file__).resolve().parents[2]


def ontology_file() -> Path:
    return home() / "ontology" / "coop.ttl"


def shapes_dir() -> Path:
    return home() / "shapes"


def queries_dir() -> Path:
    return home() / "queries"
