"""A recruiter never reads a stored code: every panel is walked over the demo data and each text it shows (labels,
combo items, table cells, rich text, chart axes) is checked for `sign_on`, `COMP_LOW`, `once` and their kind."""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import Enum

import pytest
from pytestqt.qtbot import QtBot

from offerdesk.domain import calls, candidate_filter, candidates, offers
from offerdesk.domain.cadence import KIND_LABELS
from offerdesk.domain.calls import DECLINE_REASONS, ObjectionCode
from offerdesk.domain.metrics import OUTCOMES
from offerdesk.ui.main_window import MainWindow
from tests.gui.panel_loads import open_editor
from tests.gui.screen_text import widget_texts

SNAKE = re.compile(r"(?<![\w@.])[a-z]+(?:_[a-z]+)+(?![\w@])")
CAPS = re.compile(r"(?<![\w@.])[A-Z]+(?:_[A-Z]+)+(?![\w@])")
_ENUMS: tuple[type[Enum], ...] = (
    *(v for m in (offers, calls, candidates, candidate_filter) for v in vars(m).values()
      if isinstance(v, type) and issubclass(v, Enum) and v.__module__ == m.__name__),
)  # fmt: skip
CODES = frozenset(
    {str(member.value) for kind in _ENUMS for member in kind} | set(DECLINE_REASONS) | set(OUTCOMES) | set(KIND_LABELS)
)
SINGLE_WORD_CAPS = frozenset(code.value for code in ObjectionCode if "_" not in code.value)


def codes_in(text: str) -> list[str]:
    """The codes a text shows: a snake_case or CAPS_CODE word, a one-word objection code, or a bare code."""
    found = SNAKE.findall(text) + CAPS.findall(text)
    found += [word for word in re.findall(r"\b[A-Z]{4,}\b", text) if word in SINGLE_WORD_CAPS]
    if text.strip() in CODES:
        found.append(text.strip())
    return list(dict.fromkeys(found))


def raw_codes(places: Iterable[tuple[str, str]], panel: str) -> list[str]:
    shown = [(where, text, codes_in(text)) for where, text in places]
    return [f"{panel} {where}: {found} in “{text[:120]}”".replace("\n", " ") for where, text, found in shown if found]


def test_the_check_catches_what_it_is_for() -> None:
    assert codes_in("sign_on") == ["sign_on"]
    assert codes_in("v2 · 10/18/26 · COMP_LOW") == ["COMP_LOW"]
    assert codes_in("Their employer made a counteroffer (COUNTEROFFER)") == ["COUNTEROFFER"]
    assert codes_in("once") == ["once"]
    assert codes_in("Sign-on bonus · One-off · Pay too low · grace.lee@example.com") == []


def _select(window: MainWindow, candidate_id: int) -> None:
    assert window.candidate_list.select_id(candidate_id)


def test_the_main_panels_show_words_not_codes(window: MainWindow, qtbot: QtBot) -> None:
    problems: list[str] = []
    ids = [row.id for row in window.services.candidates.search("")]
    for candidate_id in ids:
        _select(window, candidate_id)
        problems += raw_codes(widget_texts(window.candidate_list), "candidate list")
        problems += raw_codes(widget_texts(window.call_prep), "call prep")
        problems += raw_codes(widget_texts(window.offer_summary), "offer summary")
    window.left_tabs.setCurrentWidget(window.follow_ups)
    window.follow_ups.reload()
    problems += raw_codes(widget_texts(window.follow_ups), "follow-ups")
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_the_offer_editor_shows_words_not_codes(window: MainWindow, qtbot: QtBot) -> None:
    problems: list[str] = []
    seen: set[tuple[str, str]] = set()
    for row in window.services.offers.list():
        if (row.offer_type.value, row.status.value) in seen:
            continue
        seen.add((row.offer_type.value, row.status.value))
        _select(window, row.candidate_id)
        editor = open_editor(qtbot, window, row.id)
        problems += raw_codes(widget_texts(editor), f"offer editor ({row.offer_type}, {row.status})")
        editor.close()
    assert len(seen) > 5
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_the_call_runner_shows_words_not_codes(window: MainWindow, qtbot: QtBot) -> None:
    problems: list[str] = []
    for name in ("Aisha", "Grace", "Lukas", "Hannah"):
        _select(window, window.services.candidates.search(name)[0].id)
        window.start_call()
        runner = window.call_runner
        assert runner is not None
        for _ in runner.steps:
            for _style in range(runner.style_choice.count() if runner.current_step().get("key") == "the_ask" else 1):
                problems += raw_codes(widget_texts(runner), f"call runner ({name})")
                runner.cycle_style(1)
            runner.next_step()
        for query in ("pay", "other offer", "partner", "COMP"):
            runner.search.setText(query)
            runner.pick_objection()
            problems += raw_codes(widget_texts(runner), f"call runner objections ({name})")
        runner.choose_outcome(calls.CallOutcome.NEED_TIME)
        problems += raw_codes(widget_texts(runner), f"call runner outcome ({name})")
        window.end_call_view()
    assert not problems, "\n".join(dict.fromkeys(problems))


@pytest.mark.parametrize("by", [None, "offer_type", "ask_style", "objection", "script", "period"])
def test_the_dashboard_shows_words_not_codes(window: MainWindow, qtbot: QtBot, by: str | None) -> None:
    window.toggle_dashboard()
    dashboard = window.dashboard
    assert dashboard is not None
    qtbot.waitUntil(lambda: dashboard.report is not None, timeout=10000)
    if by is not None:
        dashboard.breakdown.setCurrentIndex(dashboard.breakdown.findData(by))
        qtbot.waitUntil(lambda: dashboard.report is not None and dashboard.report.query.by == by, timeout=10000)
    places = list(widget_texts(dashboard))
    places += [(chart.objectName(), text) for chart in dashboard.charts for text in chart.labels]
    for chart in dashboard.charts:
        places += [(f"{chart.objectName()} axis", text) for text in chart.tick_labels()]
        places += [(f"{chart.objectName()} tooltip", chart.value_text(i)) for i in range(len(chart.labels))]
    problems = raw_codes(places, f"dashboard by {by}")
    for chart in dashboard.charts[1:]:
        if chart.labels:
            chart.pointClicked.emit(0)
            assert dashboard.drill_down is not None
            problems += raw_codes(widget_texts(dashboard.drill_down), f"drill-down of {chart.objectName()}")
    if dashboard.breakdown_model.rows():
        dashboard.open_group(0)
        assert dashboard.drill_down is not None
        problems += raw_codes(widget_texts(dashboard.drill_down), f"drill-down of the breakdown by {by}")
    assert not problems, "\n".join(dict.fromkeys(problems))
