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

from jinja2 import TemplateError, TemplateSyntaxError, nodes
from lxml import etree

from offerdesk.errors import OfferDeskError
from offerdesk.letters.docx_file import DOCUMENT_PART, TemplateFileError, WordPackage, read_package
from offerdesk.letters.environment import ExpressionFailed, LimitReached, TemplateLimit, make_environment
from offerdesk.letters.external_links import external_links
from offerdesk.letters.fields import FIELDS, ITEM_FIELDS, all_paths
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
_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)


# What every letter leaves out by itself (an outside picture, an attached template): named, but no reason to refuse.
LEFT_OUT = "external"


@dataclass(frozen=True)
class Problem:
    kind: str  # file, syntax, limit, expression, unknown_field, adoptable, not_rendered, table_loop, external
    message: str  # one sentence for a recruiter: what is wrong and where


@dataclass(frozen=True)
class CheckReport:
    path: Path
    fields: tuple[str, ...]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        """Usable as it is: nothing but what every letter leaves out anyway."""
        return all(problem.kind == LEFT_OUT for problem in self.problems)


def check_template(path: Path) -> CheckReport:
    """Check a .docx template; every outcome, even a broken file or a defect of ours, is a report, never a raise."""
    try:
        return _check_package(path, read_package(path))
    except TemplateFileError as error:
        message = _cut_short(path) or str(error)
    except OSError as error:  # no permission, locked by another program, a lost network drive
        message = f"{path} cannot be read ({error.strerror or error}); close it in other programs and try again."
    except (etree.LxmlError, zipfile.BadZipFile, zlib.error, EOFError, UnicodeError) as error:
        log.info("unreadable template %s: %s", path.name, error)
        message = f"{path} is damaged: the text inside it cannot be read; open it in Word and save it again."
    except Exception:
        log.exception("template check failed for %s", path.name)
        message = f"{path} could not be checked because of an error in OfferDesk; the details are in the log."
    return CheckReport(path, (), (Problem("file", message),))


def _cut_short(path: Path) -> str:
    """A file that starts like a .docx but is no longer a zip was cut short (an unfinished download or copy)."""
    try:
        with path.open("rb") as handle:
            whole = handle.read(4) != b"PK\x03\x04" or zipfile.is_zipfile(path)
    except OSError:
        return ""
    return "" if whole else f"{path} is damaged (cut short, as by an unfinished download or copy); get a fresh copy."


def format_report(report: CheckReport) -> str:
    """The report as command-line text: the file, the fields it uses, then its problems."""
    lines = [f"Template: {report.path}", "Fields used:" if report.fields else "Fields used: none"]
    lines += [f"  {field}" for field in report.fields]
    for heading, wanted in (("Problems:", False), ("Left out of every letter:", True)):
        listed = [f"  - {problem.message}" for problem in report.problems if (problem.kind == LEFT_OUT) == wanted]
        lines += [heading, *listed] if listed else []
    return "\n".join(lines if not report.ok else [*lines, "No problems found."])


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
        walker.where, walker.lines = where, lines
        try:
            walker.visit(env.parse(part.source), {})
        except TemplateSyntaxError as error:
            problems.append(_syntax_problem(where, lines, error, part.source))
        except RecursionError:  # Jinja's parser gives up at about a hundred nested brackets
            deep = f"The {where} has tags nested too deeply (brackets or blocks inside each other); simplify them."
            problems.append(Problem("syntax", deep))
        except TemplateLimit as error:  # {% include %} and the like, refused by the environment itself
            place = _place(where, _paragraph_at(lines, error.lineno or 1))
            problems.append(Problem("limit", f"The template {path.name} {error.problem} in {place}."))
    problems += walker.unknown_field_problems()
    unknown = [problem for problem in problems if problem.kind == "unknown_field"]
    if (unknown or not walker.first_use) and (adoptable := _adoption_problem(path, package)):
        problems.append(adoptable)
    elif not walker.first_use and not any(problem.kind in ("syntax", "limit") for problem in problems):
        message = f"{path} uses no OfferDesk fields, so every letter made from it would be identical; add fields "
        problems.append(Problem("file", message + "such as {{ candidate.full_name }}, or check it is the right file."))
    if not any(problem.kind in ("syntax", "limit") for problem in problems):
        problems += _trial_render_problems(path, package)
    problems += _not_rendered_problems(package)
    for name in [DOCUMENT_PART, *header_footer_parts(package)]:
        problems += _table_loop_problems(_part_label(name), package.data[name])
    problems += [Problem(LEFT_OUT, link.sentence(path.name)) for link in external_links(package)]
    return CheckReport(path, tuple(sorted(walker.first_use)), tuple(problems))


def _mistyped(name: str) -> bool:
    """`offer.bse` is a mistyped OfferDesk field (the check names the right one), `job_title` a letter's own name."""
    return "." in name and bool(difflib.get_close_matches(name, KNOWN, n=1, cutoff=0.85))


def _adoption_problem(path: Path, package: WordPackage) -> Problem | None:
    """A letter with placeholders of its own («FirstName», [Start Date], {{ job_title }}) is adopted, not added;
    None when it has none (or only names that look like a mistyped OfferDesk field, which the check names)."""
    from offerdesk.letters.adopt import find_placeholders
    from offerdesk.letters.adopt.model import PlaceholderKind

    try:
        found = find_placeholders(package)
    except (etree.LxmlError, ValueError) as error:  # a part the finder cannot read only loses the advice
        log.info("placeholders of %s not read: %s", path.name, error)
        return None
    own = [p for p in found if p.kind != PlaceholderKind.JINJA or not _mistyped(p.key)]
    if not own:
        return None
    names = ", ".join(placeholder.written for placeholder in own[:3]) + (", …" if len(own) > 3 else "")
    count = f"{len(own)} placeholder{'s' if len(own) != 1 else ''}"
    return Problem(
        "adoptable",
        f"{path.name} has {count} of its own ({names}): adopt it with Letters → Letter Templates → Adopt… "
        f"or `offerdesk templates adopt {path.name}`, which maps each to an OfferDesk field.",
    )


# -- what the export would refuse: a trial letter with example values --------------------------------------------
def example_values() -> dict[str, object]:
    """Every known field with its catalogue example (one element in each list), nested as a letter's values."""
    values: dict[str, object] = {}

    def put(path: str, value: object) -> None:
        *groups, last = path.split(".")
        target = values
        for group in groups:
            target = target.setdefault(group, {})  # type: ignore[assignment]
        target[last] = value

    for field in FIELDS:
        example: object = field.example
        if field.name in ITEM_FIELDS:
            example = [{item.name: item.example for item in ITEM_FIELDS[field.name]}]
        elif field.example in ("True", "False"):
            example = field.example == "True"
        elif field.example.startswith("['"):
            example = [field.example[2:-2]]
        put(field.name, example)
    return values


# What a template's own expressions raise on example values (a field the catalogue has no example for, a filter
# given the wrong kind of value); the field checks above report those by name, so the trial only looks for limits.
TRIAL_ERRORS = (OfferDeskError, TemplateError, TypeError, ValueError, ArithmeticError, LookupError, AttributeError)


def _trial_render_problems(path: Path, package: WordPackage) -> list[Problem]:
    """Fill the template once with example values: a limit it reaches is what the export would refuse."""
    from offerdesk.letters.render import PreparedTemplate

    try:
        PreparedTemplate(path, package=package).render_parts(example_values())
    except (TemplateLimit, LimitReached) as error:
        return [Problem("limit", str(error))]
    except ExpressionFailed as error:  # `{{ 1/0 }}` and the like: the export would stop the same way
        return [Problem("expression", str(error))]
    except TRIAL_ERRORS as error:  # a missing field and the like: reported above, by name and place
        log.info("trial letter of %s stopped: %s", path.name, error)
    return []


# -- where: the text of a paragraph, never a line number -----------------------------------------------------------
def _part_label(name: str) -> str:
    base = name.rsplit("/", 1)[-1]
    return "header" if base.startswith("header") else "footer" if base.startswith("footer") else "body"


def _plain_text(xml: str) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"</w:p>|<w:tab/>|<w:br/>", " ", xml)))
    return " ".join(text.split())


def _quote(text: str, focus: str = "", last: bool = False, limit: int = 60) -> str:
    """The text in quotes, trimmed to about `limit` characters, around the tag that holds `focus` if it is far in."""
    hits = [*re.finditer(r"\{[{%][^}]*?" + re.escape(focus), text)] or [*re.finditer(re.escape(focus), text)]
    if focus and hits and len(text) > limit and (hit := hits[-1 if last else 0]).end() > limit - 1:
        start = max(min(hit.start() - 12, len(text) - limit + 1), 0)
        word = re.compile(r"[ }](?=[^ }%])").search(text, start, hit.start() + 1)  # begin at a word or tag
        text = "…" + text[word.end() if word else start :]
    return f"“{text if len(text) <= limit else text[: limit - 1].rstrip() + '…'}”"


def _paragraph_at(lines: list[str], lineno: int) -> str:
    """Text of the paragraph on a Jinja line, or of the nearest non-empty paragraph around it."""
    nearest = sorted(range(len(lines)), key=lambda index: (abs(index - lineno + 1), index))
    return next((text for index in nearest if (text := _plain_text(lines[index]))), "")


def _place(where: str, text: str, focus: str = "", last: bool = False) -> str:
    near = " near the" if focus and focus not in text else ""  # e.g. a tag in a cell setting, not in the text
    return f"the {where}{near} paragraph {_quote(text, focus, last)}" if text else f"the {where}"


def place_of_line(part_name: str, source: str, lineno: int) -> str:
    """Where a Jinja line of a part is, in a recruiter's words: the part and the text of its paragraph."""
    return _place(_part_label(part_name), _paragraph_at(_NEWLINE.split(source), lineno))


# -- syntax ----------------------------------------------------------------------------------------------------------
_TOKEN_WORDS = {
    "end of print statement": "}}",
    "end of statement block": "%}",
    "end of template": "the end of the text",
}
_BLOCKS = ("if", "for", "macro", "call", "filter", "with", "block", "autoescape")
_PLAIN = (  # Jinja's message → what a recruiter reads; the number picks the group to find in the paragraph
    (
        r"unknown tag '(\w+)'.*closed is '(\w+)'",
        "“{{% {0} %}}” comes while “{{% {1} %}}” is still open; close it first",
        1,
    ),
    (r"Unexpected end of template.*closed is '(\w+)'", "“{{% {0} %}}” is never closed; add “{{% end{0} %}}”", 1),
    (r"unknown tag '(end(\w+))'", "“{{% {0} %}}” has no “{{% {1} … %}}” before it; remove it or add the opening", 1),
    (r"unknown tag '(else|elif)'", "“{{% {0} %}}” is not inside an “{{% if … %}}”", 1),
    (r"unknown tag '(tr|tc|p|r)'", "write “{{%{0} …” with no space between “{{%” and “{0}”", 1),
    (r"unknown tag '(\w+)'", "“{{% {0} %}}” is not a tag OfferDesk knows", 1),
    (r"unexpected char '([\"'])'", "a quotation mark inside a tag is never closed", 1),
    (r"unexpected char '(.)'", "the character “{0}” cannot be used inside a tag", 1),
    (r"expected token 'end of print statement', got '([^']+)'", "a “{{{{ … }}}}” holds more than one name", 1),
    (r"expected token 'name'|expected name or number", "a name is missing after a “|” or “.”", 0),
    (r"tag name expected", "a “{{% %}}” tag is empty", 0),
    (r"Missing end of raw", "“{{% raw %}}” is never closed with “{{% endraw %}}”", 0),
    (r"expected token '([^']+)', got '([^']+)'", "“{0}” was expected, not “{1}”", 2),
    (r"Expected an expression", "a tag is empty or misses the field or condition it should hold", 0),
    (r"unexpected '}'|unexpected 'end of template'", "a tag is not closed: “{{{{” needs “}}}}”, “{{%” needs “%}}”", 0),
    (r"Missing end of comment", "a comment “{{#” is never closed with “#}}”", 0),
)


def _plain_syntax(message: str) -> tuple[str, str]:
    """Jinja's message as a recruiter would say it, and the text in the paragraph it is about."""
    for pattern, sentence, focus in _PLAIN:
        if found := re.search(pattern, message, re.DOTALL):
            words = [_TOKEN_WORDS.get(group, group) for group in found.groups()]
            return sentence.format(*words), words[focus - 1] if focus else ""
    return f"the template language reports: {message.rstrip('.')}", ""


def _unclosed_block_line(source: str, block: str) -> int | None:
    """Line where the innermost unclosed `block` opens (Jinja reports such errors at the end of the document)."""
    stack: list[tuple[str, int]] = []
    try:
        tokens = list(make_environment().lexer.tokenize(source))
    except TemplateSyntaxError:
        return None
    for before, token in itertools.pairwise(tokens):
        if before.type == "block_begin" and token.type == "name":
            if token.value in _BLOCKS:
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
    scored = sorted((-difflib.SequenceMatcher(None, path, known).ratio(), known) for known in pool)[:3]
    close = [known for score, known in scored if -score >= max(0.7, -scored[0][0] - 0.1)]
    close += [known for known in pool if known.endswith(f".{path}") and known not in close][: 3 - len(close)]
    name = written.split(".")[0].split("[")[0]
    if name != root:  # a loop variable standing for `root`, the elements of a list
        close = [name + known[len(root) :] if known.startswith(root) else known for known in close]
        close = [name if f"{known}[]" == root else known for known in close]
    if not close:
        return "OfferDesk has no field by that name, so no letter can be made from this template."
    return f"did you mean {' or '.join(close)}?"


# -- tags in places OfferDesk does not fill in -------------------------------------------------------------------------
def _not_rendered_problems(package: WordPackage) -> Iterator[Problem]:
    """docxtpl renders only the body, headers and footers: a tag anywhere else reaches the candidate as typed."""
    for name in sorted(package.data):
        if name in _NOT_RENDERED:
            for paragraph in _elements(package.data[name], f"{_W}p"):
                if _TAG_START.search(text := _text_of(paragraph)):
                    what = f"The {_NOT_RENDERED[name]} {_quote(text, '{')} contains a tag"
                    yield Problem("not_rendered", f"{what} that OfferDesk does not fill in; move it into the letter.")
        elif name.startswith("docProps/") and name.endswith(".xml"):
            for element in _elements(package.data[name]):
                if isinstance(element.tag, str) and _TAG_START.search(text := " ".join((element.text or "").split())):
                    what = f"The document property “{_property_name(element)}” contains {_quote(text)}"
                    fix = "remove it in Word under File › Info › Properties"
                    yield Problem("not_rendered", f"{what}, which OfferDesk does not fill in; {fix}.")


def _text_of(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _elements(data: bytes, tag: str | None = None) -> Iterator[etree._Element]:
    """Elements of an XML part; a part too damaged to read has none."""
    try:
        root = etree.fromstring(data, _SAFE_PARSER)
    except etree.XMLSyntaxError:
        return iter(())
    return iter(()) if root is None else root.iter(tag)


def _property_name(element: etree._Element) -> str:
    parent = element.getparent()
    if parent is not None and parent.get("name"):  # custom property: <property name="…"><vt:lpwstr>
        return str(parent.get("name"))
    local = str(etree.QName(element).localname)
    return _PROPERTY_NAMES.get(local, local[:1].upper() + local[1:])


# -- loops and conditions that cut through a table -------------------------------------------------------------------
_Opened = tuple[str, str, etree._Element | None, str]  # keyword, tr/tc/p/r prefix, cell (None outside tables), text


def _table_loop_problems(where: str, data: bytes) -> Iterator[Problem]:
    """A plain {% for %}/{% if %} from one cell to another cuts the row apart when rendered; rows need {%tr %}."""
    opened: list[_Opened] = []
    for paragraph in _elements(data, f"{_W}p"):  # the unpatched XML, where the tr/tc prefixes are still visible
        text = "".join(t.text or "" for t in paragraph.iter(f"{_W}t") if next(t.iterancestors(f"{_W}p")) is paragraph)
        cell = next(paragraph.iterancestors(f"{_W}tc"), None)
        for match in _BLOCK_TAG.finditer(text):
            prefix, word = (match[1] or "").strip(), match[2]
            if not word.startswith("end"):
                opened.append((word, prefix, cell, text))
            elif found := [index for index, tag in enumerate(opened) if tag[0] == word[3:]]:
                start = opened[found[-1]]
                del opened[found[-1] :]
                if start[2] is not cell and not (start[1] == prefix and prefix in ("tr", "tc")):
                    yield _table_loop_problem(where, start, cell)


def _table_loop_problem(where: str, start: _Opened, end_cell: etree._Element | None) -> Problem:
    keyword, _prefix, cell, text = start
    begins = (
        f"paragraph {_quote(text, '{%')}"
        if cell is None
        else f"table cell {_quote(' '.join(_text_of(paragraph) for paragraph in cell.iter(f'{_W}p')), '{%')}"
    )
    ends = "inside a table" if cell is None else "in another cell" if end_cell is not None else "outside the table"
    return Problem(
        "table_loop",
        f"In the {where}, the {'loop' if keyword == 'for' else 'condition'} that starts in the {begins} ends {ends}, "
        f"which breaks the table; put {{%tr {keyword} … %}} and {{%tr end{keyword} %}} in rows of their own.",
    )
