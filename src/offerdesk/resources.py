"""Shipped data files (default content, bundled letter templates), found the same way from a checkout or a wheel.

In a wheel, `resources/` and `templates/` live inside the package; in a source checkout they sit at the top of
the repository, two levels above this file.
"""

from __future__ import annotations

from functools import cache
from importlib import resources as importlib_resources
from pathlib import Path

_PACKAGE = "offerdesk"


@cache
def _shipped_dir(name: str) -> Path:
    packaged = Path(str(importlib_resources.files(_PACKAGE) / name))
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"OfferDesk is missing its {name}/ folder (looked in {packaged} and {checkout}).")


def resource_path(*parts: str) -> Path:
    """A file under `resources/`, e.g. resource_path("content", "objections.json")."""
    return _shipped_dir("resources").joinpath(*parts)


def templates_dir() -> Path:
    """The folder of bundled letter templates."""
    return _shipped_dir("templates")
