"""Links from a template to things outside it, which no letter made by OfferDesk ever carries.

A relationship with TargetMode="External" makes the program that opens or converts a letter fetch its target:
a picture "linked" rather than embedded is a tracking pixel or a request into the recruiter's network, an
attached template or a sub-document on a share leaks the Windows login to whoever runs the share. These are left
out of every letter (the relationship, and the reference to it in the part that uses it), and the pre-flight check
names each one. Hyperlinks are the one exception: a link in a letter is text the candidate may click, and nothing
fetches it when the letter is opened or converted, so hyperlinks stay.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree

from offerdesk.letters.package_limits import SAFE_PARSER

if TYPE_CHECKING:
    from offerdesk.letters.docx_file import WordPackage

_RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Word fields that fetch or run something outside the document when Word opens the letter or updates its fields:
# a picture or text from an address, a link to another file, a command through DDE.
FETCHING_FIELDS = frozenset({"INCLUDEPICTURE", "INCLUDETEXT", "LINK", "DDE", "DDEAUTO", "IMPORT"})
_VML_OFFICE = "urn:schemas-microsoft-com:office:office"  # o:relid on old-style (VML) pictures
# Elements whose only purpose is the outside thing: without it they would be an element missing its target.
_WHOLLY_EXTERNAL = frozenset(
    {"attachedTemplate", "subDoc", "dataSource", "headerSource", "src", "sourceFileName", "altChunk", "OLEObject"}
)


@dataclass(frozen=True)
class ExternalLink:
    """One relationship to a target outside the package."""

    rels: str  # the relationships part it is declared in, e.g. word/_rels/document.xml.rels
    part: str  # the part that uses it, e.g. word/document.xml ("" for the package itself)
    id: str
    kind: str  # the last word of its type: image, attachedTemplate, oleObject, subDocument, frame …
    target: str

    def sentence(self, template: str) -> str:
        where = self.part or "the package"
        target = self.target if len(self.target) <= 100 else self.target[:99] + "…"
        return (
            f"{template} links {where} to an outside {_kind_words(self.kind)} at “{target}”; OfferDesk leaves it "
            "out of every letter, so no letter fetches anything when it is opened or converted."
        )


def _kind_words(kind: str) -> str:
    words = {
        "image": "picture",
        "attachedTemplate": "template",
        "oleObject": "object",
        "subDocument": "document",
        "frame": "frame",
        "mailMergeSource": "mail-merge data source",
        "mailMergeHeaderSource": "mail-merge header source",
        "package": "embedded package",
        "aFChunk": "chunk of text",
    }
    return words.get(kind, f"{kind} item")


def _used_by(rels: str) -> str:
    """The part a relationships part belongs to: word/_rels/document.xml.rels → word/document.xml."""
    folder, _, file = rels.rpartition("_rels/")
    return folder + file.removesuffix(".rels")


def external_links(package: WordPackage) -> list[ExternalLink]:
    """Every external relationship of the package except hyperlinks, in the order of its parts."""
    found: list[ExternalLink] = []
    for name, data in package.data.items():
        if not name.endswith(".rels"):
            continue
        for element in etree.fromstring(data, SAFE_PARSER).iter(_RELATIONSHIP):
            kind = str(element.get("Type", "")).rsplit("/", 1)[-1]
            if str(element.get("TargetMode", "")).lower() == "external" and kind != "hyperlink":
                found.append(ExternalLink(name, _used_by(name), str(element.get("Id", "")),
                                          kind, str(element.get("Target", ""))))  # fmt: skip
    return found


def _serialised(root: etree._Element) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _without_references(data: bytes, ids: set[str]) -> bytes:
    """The part with every attribute naming one of the relationship `ids` removed, and the elements that exist only
    for such a relationship (an attached template, a sub-document) removed whole."""
    root = etree.fromstring(data, SAFE_PARSER)
    doomed = []
    for element in root.iter():
        for attribute, value in list(element.attrib.items()):
            namespace = etree.QName(attribute).namespace or ""
            if value in ids and ("relationships" in namespace or namespace == _VML_OFFICE):
                del element.attrib[attribute]
                if etree.QName(element).localname in _WHOLLY_EXTERNAL:
                    doomed.append(element)
    for element in doomed:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
    return _serialised(root)


def without_external_links(package: WordPackage) -> WordPackage:
    """The package with every external relationship but hyperlinks left out, with the references to them."""
    links = external_links(package)
    if not links:
        return package
    data = dict(package.data)
    for rels in sorted({link.rels for link in links}):
        ids = {link.id for link in links if link.rels == rels}
        root = etree.fromstring(data[rels], SAFE_PARSER)
        for element in list(root.iter(_RELATIONSHIP)):
            if element.get("Id") in ids and str(element.get("TargetMode", "")).lower() == "external":
                root.remove(element)
        data[rels] = _serialised(root)
        part = _used_by(rels)
        if part.endswith(".xml") and part in data:
            data[part] = _without_references(data[part], ids)
    return dataclasses.replace(package, data=data)


def fetching_field(root: etree._Element) -> str:
    """The instruction of the first field in a part that fetches something from outside (`INCLUDEPICTURE "http:…"`),
    or "". Fields are read as Word reads them: a simple field's instruction, or the instruction text between a
    field's begin and separate (or end) marks; nested fields each have their own."""
    collecting: list[list[str] | None] = []  # one per open field; None once its instruction is complete
    for element in root.iter(f"{_W}fldSimple", f"{_W}fldChar", f"{_W}instrText"):
        instruction = None
        if element.tag == f"{_W}fldSimple":
            instruction = str(element.get(f"{_W}instr", ""))
        elif element.tag == f"{_W}instrText":
            if collecting and (current := collecting[-1]) is not None:
                current.append(element.text or "")
        elif (mark := element.get(f"{_W}fldCharType")) == "begin":
            collecting.append([])
        elif mark in ("separate", "end") and collecting:
            finished = collecting.pop() if mark == "end" else collecting[-1]
            if mark == "separate":
                collecting[-1] = None
            instruction = "".join(finished) if finished is not None else None
        words = (instruction or "").split()
        if words and words[0].upper() in FETCHING_FIELDS:
            return " ".join(words)[:100]
    return ""
