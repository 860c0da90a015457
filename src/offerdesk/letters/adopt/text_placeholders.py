"""Placeholders typed as text: «guillemets», [brackets], {curly}, #hash#, <<angle>> and unknown {{ jinja }} names."""

from __future__ import annotations

from collections.abc import Mapping

from lxml import etree

from offerdesk.letters.adopt.model import Found


def find(root: etree._Element, part: str) -> list[Found]:
    """Every text placeholder in the part, in document order, including those split over several runs."""
    return []


def rewrite(root: etree._Element, texts: Mapping[str, str]) -> bool:
    """Replace each text placeholder whose id is in `texts` by that text, in the placeholder's first run (so its
    formatting stays); True when anything changed."""
    return False
