"""Hostile letter templates: each is refused with one sentence, by the export and by the pre-flight check alike.

The sandbox already keeps a template from running code; these are the templates that try instead to exhaust the
machine (huge ranges, endless recursion, texts built from filters, XML entity bombs) or to reach other files. For
each, the export names the template and the problem, writes nothing, and the check reports the same problem.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from offerdesk.errors import OfferDeskError
from offerdesk.letters.check import check_template
from offerdesk.letters.render import PreparedTemplate
from offerdesk.services.setup.bootstrap import Services
from tests.letter_helpers import make_template, sample_values

ROOT = Path(__file__).parents[3]
GREETING = "Dear {{ candidate.full_name }},"
TOO_LONG = r"builds a (text|list|letter) longer than [\d,]+ (characters|items)"

BIG_TEXTS = {
    "center": '{{ "x" | center(10**8) }}',
    "format": '{{ "%*s" | format(10**8, "") }}',
    "format width": '{{ "%0100000000d" | format(1) }}',
    "percent": '{{ "%*s" % (10**8, "") }}',
    "str format": '{{ "{:>100000000}".format("x") }}',
    "ljust": '{{ "x".ljust(10**8) }}',
    "doubling": '{% set ns = namespace(a="x" * 1000) %}{% for i in range(20) %}{% set ns.a = ns.a ~ ns.a %}'
    "{% endfor %}{{ ns.a }}",
    "macro doubling": "{% macro d(s, n) %}{% if n %}{{ d(s ~ s, n - 1) }}{% else %}{{ s }}{% endif %}{% endmacro %}"
    '{{ d("x" * 1000, 20) }}',
    "set doubling": "{% macro d(s, n) %}{% if n %}{% set t %}{{ s }}{{ s }}{% endset %}{{ d(t, n - 1) }}"
    '{% else %}{{ s }}{% endif %}{% endmacro %}{{ d("x" * 1000, 20) }}',
    "repeat output": '{% set a = "x" * 999999 %}{% for i in range(1000) %}{{ a }}{% endfor %}',
    "join": '{{ range(100000) | join("x" * 10000) }}',
    "indent": '{{ ("x\\n" * 400000) | indent(1000) }}',
    "wordwrap": '{{ ("x " * 400000) | wordwrap(1, wrapstring="y" * 1000) }}',
    "replace": '{{ ("x" * 100000) | replace("x", "y" * 100000) }}',
    "batch": '{{ range(1) | batch(10**8, "x") | list }}',
    "list extend": "{% set l = [1] %}{% for i in range(40) %}{{ l.extend(l) }}{% endfor %}",
    "print list": '{% set a = "x" * 999999 %}{{ [a] * 999999 }}',
    "list filter": '{% set a = "x" * 999999 %}{{ ([a] * 999999) | upper }}',
    "list joined": '{% set a = "x" * 999999 %}{{ "" ~ ([a] * 999999) }}',
    "lipsum": "{{ lipsum(10**6) }}",
}
OTHER_FILES = {
    "include": '{% include "x" %}',
    "import": '{% import "x" as y %}',
    "from import": '{% from "x" import y %}',
    "extends": '{% extends "x" %}',
}
BILLION_LAUGHS = (
    '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
    + "]>"
)
XXE = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def _template(tmp_path: Path, text: str) -> Path:
    return make_template(tmp_path / "hostile.docx", GREETING, text)


def _with_doctype(tmp_path: Path, doctype: str, entity: str) -> Path:
    """A template whose document.xml declares entities and uses one in the letter's text."""
    plain = make_template(tmp_path / "plain.docx", GREETING, "MARKER")
    target = tmp_path / "hostile.docx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                head, rest = data.decode("utf-8").split("?>", 1)
                data = (head + "?>" + doctype + rest.replace("MARKER", f"&{entity};")).encode("utf-8")
            out.writestr(info, data)
    return target


def _assert_refused(template: Path, tmp_path: Path, pattern: str) -> None:
    report = check_template(template)
    assert any(re.search(pattern, problem.message) for problem in report.problems), report.problems
    target = tmp_path / "out" / "letter.docx"
    target.parent.mkdir(exist_ok=True)
    with pytest.raises(OfferDeskError, match=pattern) as refused:
        PreparedTemplate(template).render_to(sample_values(), target)
    assert template.name in str(refused.value)
    assert "\n" not in str(refused.value)
    assert list(target.parent.iterdir()) == []  # not even a temporary file is left


@pytest.mark.parametrize("text", BIG_TEXTS.values(), ids=BIG_TEXTS.keys())
def test_a_template_that_builds_a_huge_text_is_refused(tmp_path: Path, text: str) -> None:
    _assert_refused(_template(tmp_path, text), tmp_path, TOO_LONG + r".*; no letter was made\.$")


@pytest.mark.parametrize("text", ["{{ range(10**9) | list }}", "{% for i in range(10**9) %}{{ i }}{% endfor %}"])
def test_a_huge_range_is_refused(tmp_path: Path, text: str) -> None:
    _assert_refused(
        _template(tmp_path, text), tmp_path, r"counts to 1,000,000,000 \(a loop or list may count to 100,000\)"
    )


def test_a_macro_that_calls_itself_without_end_is_refused(tmp_path: Path) -> None:
    text = "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}"
    _assert_refused(_template(tmp_path, text), tmp_path, r"calls itself without end")


@pytest.mark.parametrize("text", OTHER_FILES.values(), ids=OTHER_FILES.keys())
def test_a_template_cannot_reach_other_files(tmp_path: Path, text: str) -> None:
    _assert_refused(_template(tmp_path, text), tmp_path, r"cannot include, import or extend other files")


def test_the_environment_itself_refuses_other_files() -> None:
    from offerdesk.letters.environment import TemplateRefused, make_environment

    for text in OTHER_FILES.values():
        with pytest.raises(
            TemplateRefused, match=r"^Templates cannot include, import or extend other files \(line 2\)"
        ):
            make_environment().from_string("Hello\n" + text)


@pytest.mark.parametrize("doctype, entity", [(BILLION_LAUGHS, "i"), (XXE, "xxe")], ids=["billion laughs", "xxe"])
def test_entity_declarations_in_the_document_are_refused(tmp_path: Path, doctype: str, entity: str) -> None:
    _assert_refused(_with_doctype(tmp_path, doctype, entity), tmp_path, r"declares XML entities")


def test_the_export_service_refuses_with_the_sentence_and_writes_nothing(services: Services, tmp_path: Path) -> None:
    template = _template(tmp_path, BIG_TEXTS["center"])
    offer_id = services.offers.list()[0].id
    folder = tmp_path / "letters"
    folder.mkdir()
    with pytest.raises(OfferDeskError, match=TOO_LONG):
        services.letters.export(offer_id, str(template), folder / "letter.docx")
    assert list(folder.iterdir()) == []
    assert services.letters.history(offer_id) == []


_MEASURE = """
import resource, sys
from pathlib import Path
sys.path[:0] = [{src!r}, {root!r}]
resource.setrlimit(resource.RLIMIT_AS, (3 * 2**30, 3 * 2**30))  # an old build runs out here, not on the machine
from offerdesk.errors import OfferDeskError
from offerdesk.letters.render import PreparedTemplate
from tests.letter_helpers import sample_values
PreparedTemplate(Path({benign!r})).render_to(sample_values(), Path({benign!r}).with_name("benign-out.docx"))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    PreparedTemplate(Path({hostile!r})).render_to(sample_values(), Path({hostile!r}).with_name("out.docx"))
    outcome = "rendered"
except OfferDeskError:
    outcome = "refused"
except BaseException as error:
    outcome = type(error).__name__
print(outcome, (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)
"""


@pytest.mark.parametrize("text", BIG_TEXTS.values(), ids=BIG_TEXTS.keys())
def test_a_hostile_template_is_refused_before_it_takes_300_mb(tmp_path: Path, text: str) -> None:
    benign = make_template(tmp_path / "benign.docx", GREETING)
    hostile = _template(tmp_path, text)
    script = _MEASURE.format(src=str(ROOT / "src"), root=str(ROOT), benign=str(benign), hostile=str(hostile))
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(script)], capture_output=True, text=True, timeout=60)
    outcome, grown_mb = result.stdout.split()
    assert outcome == "refused", result.stderr[-2000:]
    assert int(grown_mb) < 300


def test_a_runaway_loop_is_found_by_the_check_and_named_by_the_export(tmp_path: Path) -> None:
    template = _template(tmp_path, "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}")
    assert [problem.kind for problem in check_template(template).problems] == ["limit"]
    with pytest.raises(OfferDeskError, match=r"^The template hostile\.docx did not finish within 1 seconds"):
        PreparedTemplate(template).render_to(sample_values(), tmp_path / "letter.docx", seconds=1)
    assert not (tmp_path / "letter.docx").exists()
