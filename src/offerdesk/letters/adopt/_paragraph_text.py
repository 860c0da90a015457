"""A paragraph's text as the reader sees it, joined over its runs, and edits of that text mapped back to the runs.

Word splits what the author typed into several runs (at spell-check marks, formatting or revision boundaries), so
"[Candidate Name]" may sit in two or three w:t elements. Finding works on the joined text; replacing puts the new
text into the first w:t the placeholder touches (so that run's formatting stays) and takes the placeholder's
characters out of the others, keeping whatever else they hold.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_P = f"{{{W}}}p"
_T = f"{{{W}}}t"
_FALLBACK = f"{{{MC}}}Fallback"


@dataclass
class Segment:
    element: etree._Element  # a w:t
    start: int  # where its text begins in the paragraph's joined text

    @property
    def end(self) -> int:
        return self.start + len(self.element.text or "")


@dataclass
class ParagraphText:
    paragraph: etree._Element
    text: str
    segments: list[Segment]

    def replace(self, start: int, end: int, new: str) -> None:
        """Put `new` in place of text[start:end]; call for the last span first when replacing several."""
        first = True
        for segment in self.segments:
            if segment.end <= start or segment.start >= end:
                continue
            old = segment.element.text or ""
            local_start = max(start, segment.start) - segment.start
            local_end = min(end, segment.end) - segment.start
            middle = new if first else ""
            first = False
            segment.element.text = old[:local_start] + middle + old[local_end:]
            segment.element.set(XML_SPACE, "preserve")


def _owner(element: etree._Element) -> etree._Element | None:
    for ancestor in element.iterancestors():
        if ancestor.tag == _P:
            return ancestor
    return None


def in_fallback(element: etree._Element) -> bool:
    return any(ancestor.tag == _FALLBACK for ancestor in element.iterancestors())


def paragraphs(root: etree._Element, skip_runs: set[etree._Element], with_fallback: bool) -> Iterator[ParagraphText]:
    """Every paragraph under root (body, table cells, text boxes, notes), each with only its own text: a text box
    anchored in a paragraph is a paragraph of its own. `with_fallback` False leaves out the copies Word keeps for
    older readers (mc:Fallback), which would report each text-box placeholder twice."""
    for paragraph in root.iter(_P):
        if not with_fallback and in_fallback(paragraph):
            continue
        segments: list[Segment] = []
        offset = 0
        for text in paragraph.iter(_T):
            if _owner(text) is not paragraph:
                continue
            run = text.getparent()
            if run is not None and run in skip_runs:
                continue
            segments.append(Segment(text, offset))
            offset += len(text.text or "")
        if segments:
            yield ParagraphText(paragraph, "".join(s.element.text or "" for s in segments), segments)
