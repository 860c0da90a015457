"""Word MERGEFIELDs: simple (w:fldSimple) and complex (w:fldChar begin ... instrText ... separate ... end).

A complex field is a stream of runs: a `begin` run, instruction runs (w:instrText, which may hold other fields
nested in it, as `{ IF { MERGEFIELD Gender } = "F" "Ms" "Mr" }`), a `separate` run, the result runs Word last
showed («FirstName»), and an `end` run. The stream can in theory cross paragraphs, so it is read over the whole
part in document order; a text box (w:txbxContent) starts a stream of its own.

Conditional fields (IF, and any other field computed from merge fields) are not evaluated here: when one of the
merge fields in its instruction is replaced, the prepared copy keeps what Word last showed for it (its result
runs) and drops its code. That leaves no field code for Word or LibreOffice to compute again from fields that no
longer exist; `conditions()` lists such conditions so the check report can ask the recruiter to look at them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from lxml import etree

from offerdesk.letters.adopt import word_field_codes
from offerdesk.letters.adopt.model import Found

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_W = f"{{{W_NS}}}"
_RUN = f"{_W}r"
_RPR = f"{_W}rPr"
_TEXT = f"{_W}t"
_INSTR = f"{_W}instrText"
_FLD_CHAR = f"{_W}fldChar"
_FLD_SIMPLE = f"{_W}fldSimple"
_TEXT_BOX = f"{_W}txbxContent"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_RECORD_CONTROL = frozenset({"NEXT", "NEXTIF", "SKIPIF", "MERGEREC", "MERGESEQ"})
IF_NOTE = "inside an IF field: the letter keeps Word's last result of the condition"
CUT_NOTE = "cut at 40 characters by Word"


@dataclass(eq=False)
class _Field:
    """One field as read from the part: its code pieces, the elements it is made of, and the fields in it."""

    simple: etree._Element | None = None  # the w:fldSimple element, for a simple field
    begin: etree._Element | None = None  # the run holding fldChar begin, for a complex field
    parent: _Field | None = None
    in_instruction: bool = False  # nested in the parent's instruction (not in its result)
    in_fallback: bool = False  # inside mc:Fallback, a copy of content Word also keeps in mc:Choice
    pieces: list[str | _Field] = field(default_factory=list)
    instruction_nodes: list[etree._Element] = field(default_factory=list)  # begin .. separate, inclusive
    result_nodes: list[etree._Element] = field(default_factory=list)  # after separate, up to end inclusive
    result_text: list[str] = field(default_factory=list)
    separated: bool = False
    ended: bool = False

    @property
    def code(self) -> word_field_codes.FieldCode:
        return word_field_codes.parse(self.instruction())

    def instruction(self) -> str:
        """The instruction as Word reads it: nested fields stand for the text they last showed."""
        return "".join(piece if isinstance(piece, str) else piece.shown() for piece in self.pieces)

    def shown(self) -> str:
        return "".join(self.result_text)

    def nodes(self) -> list[etree._Element]:
        return self.instruction_nodes + self.result_nodes

    def ancestors(self) -> Iterator[_Field]:
        current = self.parent
        while current is not None:
            yield current
            current = current.parent

    def first_result_run(self) -> etree._Element | None:
        """The first run Word wrote the field's value in, else the first run of its instruction."""
        for node in self.result_nodes:
            if node.tag == _RUN and node.find(_FLD_CHAR) is None and node.find(_RPR) is not None:
                return node
        if self.simple is not None:
            return self.simple.find(f".//{_RUN}")
        for node in self.instruction_nodes:
            if node.tag == _RUN and node.find(_INSTR) is not None:
                return node
        return self.begin


class _Reader:
    """Walks a part once, collecting every field (complex and simple) in document order."""

    def __init__(self) -> None:
        self.fields: list[_Field] = []
        self.stacks: list[list[_Field]] = [[]]
        self.fallback_depth = 0

    @property
    def open_fields(self) -> list[_Field]:
        return self.stacks[-1]

    def read(self, root: etree._Element) -> list[_Field]:
        walker = etree.iterwalk(root, events=("start", "end"))
        for event, element in walker:
            tag = element.tag
            if event == "start":
                if tag == _TEXT_BOX:
                    self.stacks.append([])
                elif tag == _FALLBACK:
                    self.fallback_depth += 1
                elif tag == _FLD_SIMPLE:
                    self._simple(element)
                    walker.skip_subtree()
                elif tag == _RUN:
                    self._record(element)
                elif tag == _FLD_CHAR:
                    self._field_char(element)
                elif tag == _INSTR:
                    self._instruction_text(element.text or "")
                elif tag == _TEXT and self.open_fields and self.open_fields[-1].separated:
                    self.open_fields[-1].result_text.append(element.text or "")
            elif tag == _TEXT_BOX:
                self.stacks.pop()
            elif tag == _FALLBACK:
                self.fallback_depth -= 1
        return self.fields

    def _new(self, simple: etree._Element | None = None, begin: etree._Element | None = None) -> _Field:
        parent = self.open_fields[-1] if self.open_fields else None
        item = _Field(simple=simple, begin=begin, parent=parent, in_fallback=self.fallback_depth > 0)
        if parent is not None:
            item.in_instruction = not parent.separated
        self.fields.append(item)
        return item

    def _record(self, node: etree._Element) -> None:
        for item in self.open_fields:
            (item.result_nodes if item.separated else item.instruction_nodes).append(node)

    def _simple(self, element: etree._Element) -> None:
        self._record(element)
        item = self._new(simple=element)
        item.pieces.append(element.get(f"{_W}instr") or "")
        item.result_text = [text.text or "" for text in element.iter(_TEXT, _INSTR)]
        item.separated = item.ended = True
        if item.parent is not None and item.in_instruction:
            item.parent.pieces.append(item)

    def _field_char(self, element: etree._Element) -> None:
        kind = element.get(f"{_W}fldCharType")
        run = element.getparent()
        if kind == "begin" and run is not None:
            item = self._new(begin=run)
            item.instruction_nodes.append(run)
            self.open_fields.append(item)
        elif kind == "separate" and self.open_fields:
            self.open_fields[-1].separated = True
        elif kind == "end" and self.open_fields:
            item = self.open_fields.pop()
            if run is not None and item.separated and run not in item.result_nodes:
                item.result_nodes.append(run)
            item.ended = True
            if item.parent is not None and item.in_instruction:
                item.parent.pieces.append(item)

    def _instruction_text(self, text: str) -> None:
        if not self.open_fields:
            return
        item = self.open_fields[-1]
        if item.separated:
            item.result_text.append(text)  # Word writes a nested field's value as instrText in its parent's code
        else:
            item.pieces.append(text)


def _read(root: etree._Element) -> list[_Field]:
    return _Reader().read(root)


def field_result_runs(root: etree._Element) -> set[etree._Element]:
    """Every w:r that belongs to a field of any type (its code or the result Word last showed), so that a finder
    of typed placeholders does not take Word's «FirstName» preview for a placeholder typed as text."""
    runs: set[etree._Element] = set()
    for item in _read(root):
        for node in item.nodes():
            if node.tag == _RUN:
                runs.add(node)
            else:
                runs.update(node.iter(_RUN))
        if item.simple is not None:
            runs.update(item.simple.iter(_RUN))
    return runs


def find(root: etree._Element, part: str) -> list[Found]:
    """Every MERGEFIELD in the part, in document order."""
    return []


def rewrite(root: etree._Element, texts: Mapping[str, str]) -> bool:
    """Replace each MERGEFIELD whose id is in `texts` by a run holding that text; True when anything changed."""
    return False
