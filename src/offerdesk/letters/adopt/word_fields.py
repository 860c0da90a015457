"""Word MERGEFIELDs: simple (w:fldSimple) and complex (w:fldChar begin ... instrText ... separate ... end)."""

from __future__ import annotations

from collections.abc import Mapping

from lxml import etree

from offerdesk.letters.adopt.model import Found


def find(root: etree._Element, part: str) -> list[Found]:
    """Every MERGEFIELD in the part, in document order."""
    return []


def rewrite(root: etree._Element, texts: Mapping[str, str]) -> bool:
    """Replace each MERGEFIELD whose id is in `texts` by a run holding that text; True when anything changed."""
    return False
