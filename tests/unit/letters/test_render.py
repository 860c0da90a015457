"""Rendering letters: exact values, refusals that name the field, hostile templates stopped, atomic writes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from docxtpl import DocxTemplate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from offerdesk.letters.environment import TemplateRefused, checked_context, make_environment
from offerdesk.letters.render import PreparedTemplate
from tests.letter_helpers import letter_text, make_template, sample_values

GREETING = "Dear {{ candidate.full_name }}, your base is {{ offer.base }} from {{ offer.start_date }}."


@pytest.fixture
def greeting(tmp_path: Path) -> PreparedTemplate:
    return PreparedTemplate(make_template(tmp_path / "greeting.docx", GREETING, table_loop=True))


def test_values_land_exactly_where_the_tags_were(greeting: PreparedTemplate, tmp_path: Path) -> None:
    out = greeting.render_to(sample_values(), tmp_path / "letter.docx")
    text = letter_text(out)
    assert "Dear Aisha Rahman, your base is €90,000.00 from 1 February 2027." in text
    assert "Base salary\t€90,000.00" in text and "Bonus\t10%" in text


@pytest.mark.parametrize(
    "name",
    ["Tom & Jerry <Ltd>", 'O\'Neil "Junior"', "{{ candidate.first_name }} {% if %}", "Zoë 🎉 Åsa", "محمد علي",
     "Line one\nLine two", "Tab\tseparated"],
)  # fmt: skip
def test_special_values_come_out_as_entered(greeting: PreparedTemplate, tmp_path: Path, name: str) -> None:
    text = letter_text(greeting.render_to(sample_values(name), tmp_path / "letter.docx"))
    for line in name.split("\n"):
        assert line in text
    assert "your base is €90,000.00" in text  # nothing after the value vanished


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=_TEXT)
def test_any_value_round_trips_or_is_refused_by_name(greeting: PreparedTemplate, tmp_path: Path, name: str) -> None:
    try:
        out = greeting.render_to(sample_values(name), tmp_path / "letter.docx")
    except TemplateRefused as refusal:
        sentence = str(refusal)
        assert "candidate." in sentence and ("control character" in sentence or "not valid text" in sentence)
        return
    text = letter_text(out)
    for line in name.replace("\r\n", "\n").split("\n"):
        for piece in line.split("\t"):
            assert piece in text


@pytest.mark.parametrize("char", ["\x00", "\x0b", "\x1b", "\x7f", "\x0c"])
def test_control_characters_are_refused_naming_the_field(greeting: PreparedTemplate, tmp_path: Path, char: str) -> None:
    values = sample_values()
    values["offer"]["base"] = f"€90{char}000"  # type: ignore[index]
    with pytest.raises(TemplateRefused, match=r"offer\.base: contains a control character"):
        greeting.render_to(values, tmp_path / "letter.docx")
    assert not (tmp_path / "letter.docx").exists()


def test_a_missing_value_is_named_never_blank(tmp_path: Path) -> None:
    template = PreparedTemplate(make_template(tmp_path / "t.docx", "Sign-on: {{ offer.sign_on }}"))
    with pytest.raises(TemplateRefused, match=r"offer\.sign_on, which this offer does not have"):
        template.render_to(sample_values(), tmp_path / "letter.docx")


def test_output_text_matches_docxtpl(greeting: PreparedTemplate, tmp_path: Path) -> None:
    values = sample_values("Tom & Jerry <Ltd> 🎉")
    ours = letter_text(greeting.render_to(values, tmp_path / "ours.docx"))
    reference = DocxTemplate(greeting.path)
    reference.render(checked_context(values), jinja_env=make_environment())
    reference.save(tmp_path / "docxtpl.docx")
    assert ours == letter_text(tmp_path / "docxtpl.docx")


# -- hostile templates ------------------------------------------------------------------------------------------
def test_reaching_into_python_is_refused_and_runs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    attack = f"{{{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}}}"
    for text in (attack, "{{ ''.__class__.__mro__[1].__subclasses__() }}", "{{ offer.__class__ }}"):
        template = PreparedTemplate(make_template(tmp_path / "evil.docx", text))
        with pytest.raises(TemplateRefused, match=r"refused|not a field"):
            template.render_to(sample_values(), tmp_path / "letter.docx")
    assert not marker.exists()


@pytest.mark.parametrize("text", ["{{ 'x' * 10**8 }}", "{{ [1] * 100000000 }}", "{{ 2 ** 100000000 }}"])
def test_memory_bombs_are_refused_before_allocating(tmp_path: Path, text: str) -> None:
    template = PreparedTemplate(make_template(tmp_path / "bomb.docx", text))
    with pytest.raises(TemplateRefused):
        template.render_to(sample_values(), tmp_path / "letter.docx")


def test_runaway_loops_are_stopped_within_the_time_limit(tmp_path: Path) -> None:
    text = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    template = PreparedTemplate(make_template(tmp_path / "loop.docx", text))
    started = time.monotonic()
    with pytest.raises(TemplateRefused, match="did not finish within 1 seconds"):
        template.render_to(sample_values(), tmp_path / "letter.docx", seconds=1)
    assert time.monotonic() - started < 5
    assert not (tmp_path / "letter.docx").exists()


def test_an_interruption_that_is_lost_is_sent_again() -> None:
    """A finaliser running at the wrong moment swallows the first interruption; the watchdog repeats it."""
    from offerdesk.letters.environment import RenderTimeout, time_limit

    swallowed: list[str] = []

    def stubborn() -> None:
        while True:
            try:
                while True:
                    pass
            except RenderTimeout:
                if swallowed:
                    raise
                swallowed.append("first")

    with pytest.raises(RenderTimeout, match=r"did not finish within 0\.5 seconds"), time_limit(0.5):
        stubborn()
    assert swallowed == ["first"]


# -- writing ----------------------------------------------------------------------------------------------------
def test_a_process_killed_while_saving_leaves_the_previous_letter_intact(
    greeting: PreparedTemplate, tmp_path: Path
) -> None:
    target = tmp_path / "letter.docx"
    greeting.render_to(sample_values("First Version"), target)
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        sys.path.insert(0, {str(Path(__file__).parents[3])!r})
        from offerdesk.letters.render import PreparedTemplate
        from tests.letter_helpers import sample_values
        template = PreparedTemplate(Path({str(greeting.path)!r}))
        print("ready", flush=True)
        while True:
            template.render_to(sample_values("Second Version " + "x" * 5000), Path({str(target)!r}))
        """
    )
    for delay in (0.05, 0.11, 0.17, 0.23, 0.31):
        writer = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
        time.sleep(delay)
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait()
        text = letter_text(target)  # opens: a complete document, old or new
        assert "First Version" in text or "Second Version" in text
