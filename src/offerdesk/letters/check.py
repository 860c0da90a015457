"""Pre-flight check of a letter template, so a recruiter learns what is wrong before the first export fails.

Every finding is one sentence that names the place by the text of the paragraph (Jinja line numbers mean nothing
in Word), and nothing a user's file can contain makes the check raise: a bad file is itself a finding.
"""

from __future__ import annotations

import difflib
import html
import itertools
import logging
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from jinja2 import TemplateSyntaxError, nodes
from lxml import etree

from offerdesk.letters.docx_file import DOCUMENT_PART, TemplateFileError, WordPackage, read_package
from offerdesk.letters.environment import make_environment
from offerdesk.letters.fields import ITEM_FIELDS, all_paths
from offerdesk.letters.parts import header_footer_parts, template_parts

log = logging.getLogger(__name__)

KNOWN = tuple(sorted(all_paths()))
# "offer", "offer.equity", "offer.components": groups a template may use as a whole (`{% if offer.equity %}`).
GROUPS = frozenset(path[:i] for path in KNOWN for i, char in enumerate(path) if char in ".[")
_LOCAL = ""  # scope value of a name the template defines itself (set, loop variable over an unknown list, macro)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_NEWLINE = re.compile(r"\r\n|\r|\n")  # how Jinja counts lines
_TAG_START = re.compile(r"\{[{%]")
_BLOCK_TAG = re.compile(r"\{%-?(tr |tc |p |r )?\s*(for|if|endfor|endif)\b")
_NOT_RENDERED = {"word/footnotes.xml": "footnote", "word/endnotes.xml": "endnote", "word/comments.xml": "comment"}
_PROPERTY_NAMES = {"creator": "Author", "description": "Comments", "lastModifiedBy": "Last modified by"}
_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)


@dataclass(frozen=True)
class Problem:
    kind: str  # file, syntax, unknown_field, not_rendered, table_loop
    message: str  # one sentence for a recruiter: what is wrong and where


@dataclass(frozen=True)
class CheckReport:
    path: Path
    fields: tuple[str, ...]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def check_template(path: Path) -> CheckReport:
    """Check a .docx template; every outcome, even a broken file or a defect of ours, is a report, never a raise."""
    try:
        return _check_package(path, read_package(path))
    except TemplateFileError as error:
        message = str(error)
    except (etree.LxmlError, zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, UnicodeError) as error:
        log.info("unreadable template %s: %s", path, error)
        message = f"{path} is damaged: the text inside it cannot be read; open it in Word and save it again."
    except Exception:
        log.exception("template check failed for %s", path)
        message = f"{path} could not be checked because of an error in OfferDesk; the details are in the log."
    return CheckReport(path, (), (Problem("file", message),))


def format_report(report: CheckReport) -> str:
    """The report as command-line text: the file, the fields it uses, then its problems."""
    lines = [f"Template: {report.path}", "Fields used:" if report.fields else "Fields used: none"]
    lines += [f"  {field}" for field in report.fields]
    lines += ["Problems:", *(f"  - {problem.message}" for problem in report.problems)] if report.problems else []
    return "\n".join(lines if report.problems else [*lines, "No problems found."])


def _check_package(path: Path, package: WordPackage) -> CheckReport:
    parts = template_parts(package)
    if not parts:
        message = f"{path} has no document body; open it in Word and save it again as a .docx document."
        return CheckReport(path, (), (Problem("file", message),))
    env = make_environment()
    walker = _FieldWalker(set(env.globals) | {"loop"})
    problems: list[Problem] = []
    for part in parts:
        where, lines = _part_label(part.name), _NEWLINE.split(part.source)
        try:
            tree = env.parse(part.source)
        except TemplateSyntaxError as error:
            problems.append(_syntax_problem(where, lines, error, part.source))
            continue
        walker.where, walker.lines = where, lines
        walker.visit(tree, {})
    problems += walker.unknown_field_problems()
    problems += _not_rendered_problems(package)
    for name in [DOCUMENT_PART, *header_footer_parts(package)]:
        problems += _table_loop_problems(_part_label(name), package.data[name])
    return CheckReport(path, tuple(sorted(walker.first_use)), tuple(problems))


# -- where: the text of a paragraph, never a line number -----------------------------------------------------------
def _part_label(name: str) -> str:
    base = name.rsplit("/", 1)[-1]
    return "header" if base.startswith("header") else "footer" if base.startswith("footer") else "body"


def _plain_text(xml: str) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"</w:p>|<w:tab/>|<w:br/>", " ", xml)))
    return " ".join(text.split())


def _quote(text: str, focus: str = "", last: bool = False, limit: int = 60) -> str:
    """The text in quotes, trimmed to about `limit` characters around `focus` when that is far into it."""
    at = (text.rfind(focus) if last else text.find(focus)) if focus else -1
    if len(text) > limit and at + len(focus) > limit - 1:
        start = min(max(at - limit // 3, 0), len(text) - limit + 1)
        text = "…" + text[start + 1 :]
    return f"“{text if len(text) <= limit else text[: limit - 1].rstrip() + '…'}”"


def _paragraph_at(lines: list[str], lineno: int) -> str:
    """Text of the paragraph on a Jinja line, or of the nearest non-empty paragraph around it."""
    index = min(max(lineno - 1, 0), len(lines) - 1)
    for distance in range(len(lines)):
        for candidate in (index - distance, index + distance):
            if 0 <= candidate < len(lines) and (text := _plain_text(lines[candidate])):
                return text
    return ""


def _place(where: str, text: str, focus: str = "", last: bool = False) -> str:
    return f"the {where} paragraph {_quote(text, focus, last)}" if text else f"the {where}"


# -- syntax ----------------------------------------------------------------------------------------------------------
_TOKEN_WORDS = {"end of print statement": "“}}”", "end of statement block": "“%}”", "end of template": "the end"}
_BLOCK_ENDS = {"if": "endif", "for": "endfor", "macro": "endmacro", "call": "endcall", "filter": "endfilter",
               "with": "endwith", "block": "endblock", "autoescape": "endautoescape"}  # fmt: skip


def _plain_syntax(message: str) -> tuple[str, str]:
    """Jinja's message as a recruiter would say it, and the text in the paragraph it is about."""
    opened = re.search(r"innermost block that needs to be closed is '(\w+)'", message)
    unknown = re.match(r"Encountered unknown tag '(\w+)'", message)
    tag = unknown.group(1) if unknown else ""
    if opened and unknown:
        return f"“{{% {tag} %}}” comes while a “{{% {opened[1]} %}}” is still open; close that one first", tag
    if opened:
        return f"“{{% {opened[1]} %}}” is never closed; add “{{% {_BLOCK_ENDS.get(opened[1], '')} %}}”", opened[1]
    if tag.startswith("end") or tag in ("else", "elif"):
        return f"“{{% {tag} %}}” has no matching opening tag before it", tag
    if tag in ("tr", "tc", "p", "r"):
        return f"write “{{%{tag} …” with no space between “{{%” and “{tag}”", tag
    if tag:
        return f"“{tag}” is not a tag the letter language knows", tag
    if found := re.match(r"unexpected char '(.)'", message):
        if found[1] in "\"'":
            return "a quotation mark inside a tag is never closed", found[1]
        return f"the character “{found[1]}” cannot be used inside a tag", found[1]
    if found := re.match(r"expected token '([^']+)', got '([^']+)'", message):
        if found[1] == "end of print statement":
            return f"a “{{{{ … }}}}” holds more than one name (it goes on with “{found[2]}”)", found[2]
        return f"{_TOKEN_WORDS.get(found[1], f'“{found[1]}”')} was expected, not “{found[2]}”", found[2]
    if message.startswith("Expected an expression"):
        return "a tag is empty or misses the field or condition it should hold", ""
    if message.startswith("unexpected '}'") or message == "unexpected 'end of template'":
        return "a tag is not closed properly: every “{{” needs “}}” and every “{%” needs “%}”", ""
    if message.startswith("Missing end of comment"):
        return "a comment “{#” is never closed with “#}”", "{#"
    return f"the letter language reports: {message.rstrip('.')}", ""


def _unclosed_block_line(source: str, block: str) -> int | None:
    """Line where the innermost unclosed `block` opens (Jinja reports such errors at the end of the document)."""
    stack: list[tuple[str, int]] = []
    try:
        tokens = list(make_environment().lexer.tokenize(source))
    except TemplateSyntaxError:
        return None
    for before, token in itertools.pairwise(tokens):
        if before.type == "block_begin" and token.type == "name":
            if token.value in _BLOCK_ENDS:
                stack.append((token.value, token.lineno))
            elif token.value.startswith("end") and any(name == token.value[3:] for name, _ in stack):
                while stack.pop()[0] != token.value[3:]:
                    pass
    return next((line for name, line in reversed(stack) if name == block), None)


def _syntax_problem(where: str, lines: list[str], error: TemplateSyntaxError, source: str) -> Problem:
    message = " ".join((error.message or str(error)).split())
    lineno = error.lineno or 1
    if unclosed := re.match(r"Unexpected end of template.*closed is '(\w+)'", message):
        lineno = _unclosed_block_line(source, unclosed[1]) or lineno
    sentence, focus = _plain_syntax(message)
    place = _place(where, _paragraph_at(lines, lineno), focus, last=not unclosed)
    return Problem("syntax", f"Broken tag in {place}: {sentence}.")


# -- fields ----------------------------------------------------------------------------------------------------------
class _FieldWalker:
    """Collects the dotted fields a template reads; a loop variable over a known list stands for its elements."""

    def __init__(self, builtins: set[str]) -> None:
        self.builtins = builtins
        self.first_use: dict[str, tuple[str, str, str]] = {}  # field → (place, name as written, what it stands for)
        self.where, self.lines = "body", [""]

    def visit(self, node: nodes.Node, scope: dict[str, str]) -> None:
        if isinstance(node, nodes.For):
            self._for(node, scope)
        elif isinstance(node, nodes.Assign | nodes.AssignBlock):
            for child in node.iter_child_nodes(exclude=("target",)):
                self.visit(child, scope)
            scope.update(dict.fromkeys(_names(node.target), _LOCAL))  # visible after the {% set %}, as in Jinja
        elif isinstance(node, nodes.Macro | nodes.CallBlock | nodes.With):
            if isinstance(node, nodes.Macro):
                scope[node.name] = _LOCAL
            bound = node.targets if isinstance(node, nodes.With) else node.args
            inner = scope | dict.fromkeys([n for t in bound for n in _names(t)] + ["caller", "varargs", "kwargs"], "")
            for child in node.iter_child_nodes(exclude=("args", "targets", "body")):
                self.visit(child, scope)
            for child in node.body:
                self.visit(child, inner)
        elif isinstance(node, nodes.Call) and isinstance(node.node, nodes.Getattr):  # a method: `x.upper()`
            for child in [node.node.node, *node.iter_child_nodes(exclude=("node",))]:
                self.visit(child, scope)
        elif isinstance(node, nodes.Name | nodes.Getattr | nodes.Getitem):
            self._reference(node, scope)
        else:
            for child in node.iter_child_nodes():
                self.visit(child, scope)

    def _for(self, node: nodes.For, scope: dict[str, str]) -> None:
        self.visit(node.iter, scope)
        source = node.iter
        while isinstance(source, nodes.Filter) and source.node is not None:  # offer.components|sort(...)
            source = source.node
        base, suffix = _unwind(source)
        listed = self._resolve(base, suffix, scope)
        inner = scope | dict.fromkeys(["loop", *_names(node.target)], _LOCAL)
        if listed in ITEM_FIELDS and isinstance(node.target, nodes.Name):
            inner[node.target.name] = f"{listed}[]"
        for child in [*node.body, *([node.test] if node.test else [])]:
            self.visit(child, inner)
        for child in node.else_:
            self.visit(child, scope)

    def _resolve(self, base: nodes.Node, suffix: str, scope: dict[str, str]) -> str | None:
        if not isinstance(base, nodes.Name) or base.name in self.builtins:
            return None
        root = scope.get(base.name, base.name)
        return (root + suffix).removesuffix("[]") if root != _LOCAL else None

    def _reference(self, node: nodes.Node, scope: dict[str, str]) -> None:
        base, suffix = _unwind(node)
        if not isinstance(base, nodes.Name):
            for child in base.iter_child_nodes() if base is node else [base]:
                self.visit(child, scope)
        elif (path := self._resolve(base, suffix, scope)) and path not in self.first_use:
            written = base.name + suffix
            place = _place(self.where, _paragraph_at(self.lines, node.lineno), written.split("[")[0])
            self.first_use[path] = (place, written, scope.get(base.name, base.name))

    def unknown_field_problems(self) -> Iterator[Problem]:
        for path, (place, written, root) in self.first_use.items():
            if path not in KNOWN and path not in GROUPS:
                name = written.removesuffix("[]")
                yield Problem("unknown_field", f"Unknown field {name} in {place}; {_suggestion(path, written, root)}")


def _names(target: nodes.Node) -> list[str]:
    """Names a target binds: `item`, or `key, value`."""
    return [target.name] if isinstance(target, nodes.Name) else [name.name for name in target.find_all(nodes.Name)]


def _unwind(node: nodes.Node) -> tuple[nodes.Node, str]:
    """The base of an attribute chain and the rest as text: `offer.components[0].label` → (offer, …[].label)."""
    suffix = ""
    while True:
        if isinstance(node, nodes.Getattr):
            suffix, node = f".{node.attr}{suffix}", node.node
        elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
            key = node.arg.value
            if not isinstance(key, str | int) or isinstance(key, bool):
                return node, suffix
            suffix, node = (f".{key}" if isinstance(key, str) else "[]") + suffix, node.node
        else:
            return node, suffix


def _suggestion(path: str, written: str, root: str) -> str:
    """Did-you-mean, in the template's own words (`item.label` rather than `offer.components[].label`)."""
    pool = [known for known in KNOWN if "[]" not in known or "[]" in path]
    close = difflib.get_close_matches(path, pool, n=3)
    close += [known for known in pool if known.endswith(f".{path}") and known not in close][: 3 - len(close)]
    name = written.split(".")[0].split("[")[0]
    close = [name + known[len(root) :] if name != root and known.startswith(root) else known for known in close]
    if not close:
        return "OfferDesk has no field by that name, so no letter can be made from this template."
    return f"did you mean {' or '.join(close)}?"


# -- tags in places OfferDesk does not fill in -------------------------------------------------------------------------
def _not_rendered_problems(package: WordPackage) -> Iterator[Problem]:
    for name in sorted(package.data):
        if name in _NOT_RENDERED:
            for paragraph in _xml(package.data[name]).iter(f"{_W}p"):
                text = " ".join("".join(paragraph.itertext()).split())
                if _TAG_START.search(text):
                    yield Problem(
                        "not_rendered",
                        f"The {_NOT_RENDERED[name]} {_quote(text, '{', last=False)} contains a tag that OfferDesk "
                        "does not fill in (it fills in only the body, headers and footers); move it into the letter.",
                    )
        elif name.startswith("docProps/") and name.endswith(".xml"):
            for element in _xml(package.data[name]).iter():
                if isinstance(element.tag, str) and element.text and _TAG_START.search(element.text):
                    yield Problem(
                        "not_rendered",
                        f"The document property “{_property_name(element)}” contains {_quote(element.text.strip())}, "
                        "which OfferDesk does not fill in; remove the tag in Word under File › Info › Properties.",
                    )


def _xml(data: bytes) -> etree._Element:
    root = etree.fromstring(data, _SAFE_PARSER)
    if root is None:
        raise ValueError("an XML part of the document is empty")
    return root


def _property_name(element: etree._Element) -> str:
    parent = element.getparent()
    if parent is not None and parent.get("name"):  # custom property: <property name="…"><vt:lpwstr>
        return str(parent.get("name"))
    local = str(etree.QName(element).localname)
    return _PROPERTY_NAMES.get(local, local[:1].upper() + local[1:])


# -- loops and conditions that cut through a table -------------------------------------------------------------------
def _nearest(element: etree._Element, tag: str) -> etree._Element | None:
    parent = element.getparent()
    while parent is not None and parent.tag != tag:
        parent = parent.getparent()
    return parent


def _table_loop_problems(where: str, data: bytes) -> Iterator[Problem]:
    """{% for %}/{% if %} opening in one cell and closing elsewhere; docxtpl needs {%tr %} rows (unpatched XML)."""
    opened: list[tuple[str, str, etree._Element | None, str]] = []  # keyword, prefix, cell, paragraph text
    for paragraph in _xml(data).iter(f"{_W}p"):
        text = "".join(t.text or "" for t in paragraph.iter(f"{_W}t") if _nearest(t, f"{_W}p") is paragraph)
        cell = _nearest(paragraph, f"{_W}tc")
        for match in _BLOCK_TAG.finditer(text):
            prefix, word = (match[1] or "").strip(), match[2]
            if not word.startswith("end"):
                opened.append((word, prefix, cell, text))
            elif found := [index for index, tag in enumerate(opened) if tag[0] == word[3:]]:
                keyword, start_prefix, start_cell, start_text = opened[found[-1]]
                del opened[found[-1] :]
                if start_cell is cell or (start_prefix == prefix and prefix in ("tr", "tc")):
                    continue
                what = "loop" if keyword == "for" else "condition"
                start = "paragraph" if start_cell is None else "table cell"
                ends = "inside a table" if start_cell is None else "in another cell" if cell is not None else "after it"
                cell_text = start_text if start_cell is None else " ".join("".join(start_cell.itertext()).split())
                yield Problem(
                    "table_loop",
                    f"In the {where}, the {what} that starts in the {start} {_quote(cell_text, '{%')} ends {ends}, "
                    f"which breaks the table; put {{%tr {keyword} … %}} and {{%tr end{keyword} %}} in rows of their "
                    "own.",
                )
