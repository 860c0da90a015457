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

import copy
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from lxml import etree

from offerdesk.letters.adopt import word_field_codes
from offerdesk.letters.adopt.model import Found, PlaceholderKind, placeholder_id

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
_MAX_DEPTH = 32  # Word nests fields far less deep; deeper ones are read as part of the field around them
_RECORD_CONTROL = frozenset({"NEXT", "NEXTIF", "SKIPIF", "MERGEREC", "MERGESEQ"})
_MERGEFIELD = PlaceholderKind.MERGEFIELD
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
    end: etree._Element | None = None  # the run holding fldChar end
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
            if node.tag == _RUN and node.find(_TEXT) is not None:
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
        self.ignored_depth = 0  # fields nested deeper than _MAX_DEPTH, skipped with their separate and end

    @property
    def open_fields(self) -> list[_Field]:
        return self.stacks[-1]

    def read(self, root: etree._Element) -> list[_Field]:
        for event, element in etree.iterwalk(root, events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == _TEXT_BOX:
                    self.stacks.append([])
                elif tag == _FALLBACK:
                    self.fallback_depth += 1
                elif tag == _FLD_SIMPLE:
                    self._record(element)
                    self._simple_start(element)
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
            elif tag == _FLD_SIMPLE:
                self._simple_end(element)
        return self.fields

    def _new(self, simple: etree._Element | None = None, begin: etree._Element | None = None) -> _Field:
        parent = self.open_fields[-1] if self.open_fields else None
        item = _Field(simple=simple, begin=begin, parent=parent, in_fallback=self.fallback_depth > 0)
        if parent is not None:
            item.in_instruction = not parent.separated
        self.fields.append(item)
        self.open_fields.append(item)
        return item

    def _close(self, item: _Field) -> None:
        item.ended = True
        if item.parent is not None and item.in_instruction:
            item.parent.pieces.append(item)

    def _record(self, node: etree._Element) -> None:
        for item in self.open_fields:
            (item.result_nodes if item.separated else item.instruction_nodes).append(node)

    def _simple_start(self, element: etree._Element) -> None:
        item = self._new(simple=element)
        item.pieces.append(element.get(f"{_W}instr") or "")
        item.separated = True  # everything inside a w:fldSimple is its result

    def _simple_end(self, element: etree._Element) -> None:
        stack = self.open_fields
        if not any(item.simple is element for item in stack):
            return
        while stack:  # complex fields begun inside it and never ended close with it
            item = stack.pop()
            if item.simple is element:
                self._close(item)
                return

    def _field_char(self, element: etree._Element) -> None:
        kind = element.get(f"{_W}fldCharType")
        run = element.getparent()
        if self.ignored_depth or (kind == "begin" and len(self.open_fields) >= _MAX_DEPTH):
            self.ignored_depth += {"begin": 1, "end": -1}.get(kind or "", 0)
            return
        top = self.open_fields[-1] if self.open_fields else None
        if kind == "begin" and run is not None:
            self._new(begin=run).instruction_nodes.append(run)
        elif top is None or top.simple is not None:
            return  # a separate or end with no field begun (inside a w:fldSimple: not its own)
        elif kind == "separate":
            top.separated = True
        elif kind == "end":
            self.open_fields.pop()
            top.end = run
            self._close(top)

    def _instruction_text(self, text: str) -> None:
        if not self.open_fields or self.ignored_depth:
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


def _merge_name(item: _Field) -> str:
    """The MERGEFIELD's name as written, or "" when the field is no MERGEFIELD (or names nothing)."""
    code = item.code
    return word_field_codes.merge_field_name(code) if code.type == "MERGEFIELD" else ""


def _computing_fields(item: _Field) -> list[_Field]:
    """The fields whose instruction the field is part of (an IF comparing it), innermost first."""
    found: list[_Field] = []
    child = item
    for ancestor in item.ancestors():
        if child.in_instruction:
            found.append(ancestor)
        child = ancestor
    return found


def _fields_to_settle(item: _Field) -> list[_Field]:
    """The fields that lose their code and keep Word's last result when the merge field is replaced, innermost
    first: those computed from it (it is in their instruction), and IF fields it is part of the result of (Word
    would otherwise compute that result again from the IF's code and drop the replaced text)."""
    found: list[_Field] = []
    child = item
    for ancestor in item.ancestors():
        if child.in_instruction or ancestor.code.type == "IF":
            found.append(ancestor)
        child = ancestor
    return found


def _notes(item: _Field, code: word_field_codes.FieldCode, name: str) -> str:
    notes: list[str] = []
    computing = [ancestor.code.type for ancestor in _computing_fields(item) if ancestor.code.type]
    if "IF" in computing:
        notes.append(IF_NOTE)
    elif computing:
        notes.append(f"inside a {computing[0]} field: the letter keeps Word's last result of it")
    if len(name) == word_field_codes.WORD_NAME_LIMIT:
        notes.append(CUT_NOTE)
    notes += [f"Word writes it as {style} (\\* {style})" for style in code.formats]
    before, after = code.switch("\\b"), code.switch("\\f")
    if before:
        notes.append(f'Word writes "{before}" before it when it is not empty')
    if after:
        notes.append(f'Word writes "{after}" after it when it is not empty')
    return "; ".join(notes)


def _is_record_control(item: _Field) -> bool:
    return item.code.type in _RECORD_CONTROL


def find(root: etree._Element, part: str) -> list[Found]:
    """Every MERGEFIELD in the part, in document order (those inside NEXTIF/SKIPIF record control excluded, as
    they only choose which record Word merges next)."""
    found: list[Found] = []
    for item in _read(root):
        name = _merge_name(item)
        if not name or item.in_fallback or any(_is_record_control(f) for f in _computing_fields(item)):
            continue
        code = item.code
        picture = code.switch("\\@") or code.switch("\\#") or ""
        found.append(Found(_MERGEFIELD, name, f"«{name}»", part, picture, _notes(item, code, name)))
    return found


def _written(item: _Field) -> str:
    """A field's instruction as the recruiter would read it: nested merge fields as «Name»."""
    pieces: list[str] = []
    for piece in item.pieces:
        if isinstance(piece, str):
            pieces.append(piece)
        else:
            name = _merge_name(piece)
            pieces.append(f"«{name}»" if name else piece.shown() or f"{{ {piece.code.type} }}")
    return " ".join("".join(pieces).split())


def conditions(root: etree._Element) -> list[str]:
    """The IF fields of the part (and any other field computed from merge fields), as written, e.g.
    'IF «Gender» = "F" "Ms" "Mr"': the prepared copy keeps Word's last result of each, so the check report
    flags them for the recruiter to look at."""
    fields = _read(root)
    computing = {id(f) for item in fields if _merge_name(item) for f in _computing_fields(item)}
    return [
        _written(item)
        for item in fields
        if not item.in_fallback and not _is_record_control(item) and (item.code.type == "IF" or id(item) in computing)
    ]


def _attached(element: etree._Element, root: etree._Element) -> bool:
    return element is root or any(ancestor is root for ancestor in element.iterancestors())


def _remove(nodes: list[etree._Element]) -> None:
    for node in nodes:
        parent = node.getparent()
        if parent is not None:
            parent.remove(node)


def _drop(item: _Field) -> None:
    """Remove a field and everything in it (NEXT, MERGEREC: record control means nothing in one letter)."""
    _remove([item.simple] if item.simple is not None else item.nodes())


def _keep_result(item: _Field) -> None:
    """Remove a field's code and keep the result Word last showed, as ordinary runs."""
    if item.simple is not None:
        parent = item.simple.getparent()
        if parent is not None:
            at = parent.index(item.simple)
            for offset, child in enumerate(list(item.simple)):
                parent.insert(at + offset, child)
            parent.remove(item.simple)
        return
    _remove(item.instruction_nodes + ([item.end] if item.end is not None else []))


def _text_run(item: _Field, value: str) -> etree._Element:
    new = etree.Element(_RUN)
    source = item.first_result_run()
    props = source.find(_RPR) if source is not None else None
    if props is not None:
        new.append(copy.deepcopy(props))
    text = etree.SubElement(new, _TEXT)
    text.set(f"{{{XML_NS}}}space", "preserve")
    text.text = value
    return new


def _replace(item: _Field, value: str) -> None:
    """Put one run holding `value`, formatted as the field's value was, where the field begins; drop the field."""
    anchor = item.simple if item.simple is not None else item.begin
    parent = anchor.getparent() if anchor is not None else None
    if anchor is None or parent is None:
        return
    parent.insert(parent.index(anchor), _text_run(item, value))
    _drop(item)


def rewrite(root: etree._Element, texts: Mapping[str, str]) -> bool:
    """Replace each MERGEFIELD whose id is in `texts` by a run holding that text; True when anything changed.

    NEXT, NEXTIF, SKIPIF, MERGEREC and MERGESEQ fields are removed (they steer a mail merge over many records).
    A field computed from a replaced merge field (an IF) keeps Word's last result and loses its code. A field
    whose end is missing is left as it is, so nothing after it is lost."""
    fields = _read(root)
    changed = False

    def live(item: _Field) -> bool:
        anchor = item.simple if item.simple is not None else item.begin
        return item.ended and anchor is not None and _attached(anchor, root)

    for item in fields:
        if _is_record_control(item) and live(item):
            _drop(item)
            changed = True
    mapped = [item for item in fields if _merge_name(item) and placeholder_id(_MERGEFIELD, _merge_name(item)) in texts]
    for item in mapped:
        for outer in reversed(_fields_to_settle(item)):
            if live(outer):
                _keep_result(outer)
                changed = True
    for item in mapped:
        if live(item):
            _replace(item, texts[placeholder_id(_MERGEFIELD, _merge_name(item))])
            changed = True
    return changed
