"""The template text of a .docx, prepared exactly as docxtpl prepares it, so checks and renders agree with it.

docxtpl renders the document body and the headers and footers the document refers to; it first serialises each
with lxml and "patches" the XML (joins tags Word split across runs, turns {%p %}/{%tr %} into structure).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from docxtpl import DocxTemplate
from lxml import etree

from offerdesk.letters.docx_file import DOCUMENT_PART, WordPackage
from offerdesk.letters.package_limits import MAX_TAGS, MAX_TEMPLATE_BYTES, SAFE_PARSER, TemplateFileError

_RELS = "word/_rels/document.xml.rels"
_HEADER_FOOTER = re.compile(
    r'<Relationship\b[^>]*?Type="[^"]*/relationships/(?:header|footer)"[^>]*?/?>|'
    r'<Relationship\b[^>]*?Target="[^"]*"[^>]*?Type="[^"]*/relationships/(?:header|footer)"[^>]*?/?>'
)
_TARGET = re.compile(r'Target="([^"]+)"')
_BODY = re.compile(r"(<w:body\b.*</w:body>)", re.DOTALL)
_PARAGRAPH_START = re.compile(r"<w:p([ >])")
_TAG = re.compile(r"\{[{%#]")

# docxtpl's XML clean-up is plain text processing; an unloaded instance is enough to call it.
_DOCXTPL = DocxTemplate(None)


@dataclass(frozen=True)
class TemplatePart:
    """One part's Jinja source, and how to put a rendered body back into the part."""

    name: str
    source: str  # patched XML with a newline before each <w:p>, as docxtpl feeds Jinja
    prefix: str  # text of the part before the templated XML
    suffix: str


def header_footer_parts(package: WordPackage) -> list[str]:
    rels = package.data.get(_RELS, b"").decode("utf-8", errors="replace")
    names = []
    for relationship in _HEADER_FOOTER.findall(rels):
        target = _TARGET.search(relationship)
        if target:
            path = target.group(1).lstrip("/")
            name = path if path.startswith("word/") else str(PurePosixPath("word") / path)
            if name in package.data and name.endswith(".xml"):  # a "header" in an image is never parsed
                names.append(name)
    return names


def _serialised(xml: bytes) -> str:
    return str(etree.tostring(etree.fromstring(xml, SAFE_PARSER), encoding="unicode"))


def prepare_source(xml: str) -> str:
    return _PARAGRAPH_START.sub(r"\n<w:p\1", str(_DOCXTPL.patch_xml(xml)))


def finish_render(xml: str) -> str:
    """Undo the preparation on rendered XML, as docxtpl does (escaped braces, tabs and line breaks in values)."""
    xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
    xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
    return str(_DOCXTPL.resolve_listing(xml))


def template_parts(package: WordPackage) -> list[TemplatePart]:
    """Body first, then headers and footers, each as Jinja source."""
    _small_enough(package)
    document = _serialised(package.data[DOCUMENT_PART])
    match = _BODY.search(document)
    if match is None:
        return []
    body_root = etree.fromstring(package.data[DOCUMENT_PART], SAFE_PARSER)
    body = body_root.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}body")
    body_xml = etree.tostring(body, encoding="unicode") if body is not None else match.group(1)
    parts = [
        TemplatePart(
            DOCUMENT_PART,
            prepare_source(body_xml),
            document[: match.start()],
            document[match.end() :],
        )
    ]
    for name in header_footer_parts(package):
        parts.append(TemplatePart(name, prepare_source(_serialised(package.data[name])), "", ""))
    _few_enough_tags(package, parts)
    return parts


def _small_enough(package: WordPackage) -> None:
    """Refuse more template text than any letter has, before the clean-up and Jinja spend time and memory on it."""
    size = sum(len(package.data[name]) for name in [DOCUMENT_PART, *header_footer_parts(package)])
    if size > MAX_TEMPLATE_BYTES:
        raise TemplateFileError(
            f"{package.path.name} has {size / 2**20:.1f} MB of text and layout in its body, headers and footers, "
            f"more than the {MAX_TEMPLATE_BYTES / 2**20:.0f} MB any letter needs; it is not a letter template "
            "OfferDesk can use."
        )


def _few_enough_tags(package: WordPackage, parts: list[TemplatePart]) -> None:
    tags = sum(len(_TAG.findall(part.source)) for part in parts)
    if tags > MAX_TAGS:
        raise TemplateFileError(
            f"{package.path.name} has {tags:,} template tags, more than the {MAX_TAGS:,} any letter needs; "
            "it is not a letter template OfferDesk can use."
        )
