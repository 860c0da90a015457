"""The dashboard over the demo database: the report arrives through the worker, tiles, charts, drill-down, exports."""

from __future__ import annotations

import csv
import math
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QContextMenuEvent, QGuiApplication, QImage, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from offerdesk.domain.calls import AskStyle
from offerdesk.domain.labels import label, reason_label
from offerdesk.services.changes import Changes, Kind
from offerdesk.services.setup.bootstrap import Services
from offerdesk.services.stats import OVERALL, StatsQuery, StatsService
from offerdesk.ui import format as fmt
from offerdesk.ui.dialogs.drill_down import DrillDownDialog
from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.main_window import MainWindow
from offerdesk.ui.panels.dashboard import DashboardPanel, group_offer_ids, month_rows, write_report_csv
from offerdesk.ui.panels.dashboard_charts import TITLE_BAND, BarChart, ChartBox, nearest_index
from offerdesk.ui.typed_date_edit import TypedDateEdit
from tests.dashboard_data import build_offers


@pytest.fixture
def stats(services: Services) -> StatsService:
    return StatsService(services.database)


@pytest.fixture
def panel(qtbot: QtBot, stats: StatsService, prompter: RecordingPrompter) -> DashboardPanel:
    widget = DashboardPanel(stats, prompter)
    qtbot.addWidget(widget)
    widget.resize(1200, 900)
    widget.show()
    qtbot.waitExposed(widget)
    widget.refresh()
    qtbot.waitUntil(lambda: widget.report is not None, timeout=10000)
    return widget


def click_chart(qtbot: QtBot, chart: ChartBox, index: int) -> None:
    """A real mouse click in the middle of bar (or month) `index`."""
    point = chart.widget_point_of(index)
    assert chart.plot_rect().contains(point)  # on the data, not beside it
    qtbot.mouseClick(chart.canvas, Qt.MouseButton.LeftButton, pos=point)


def double_click(qtbot: QtBot, viewport: QWidget, at: QPoint) -> None:
    """A press first, as a real double-click has: the view emits doubleClicked only for the pressed index."""
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=at)
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=at)


def test_refresh_runs_in_the_worker_and_shows_the_report(panel: DashboardPanel, stats: StatsService) -> None:
    report = panel.report
    assert report is not None
    assert report.overall.group == OVERALL
    assert panel.busy.text() == ""
    expected = stats.report(StatsQuery()).overall.metrics["acceptance_rate"].display
    assert panel.tiles["acceptance_rate"].value_label.text() == expected
    assert "decline_reasons" not in panel.tiles
    assert set(panel.tiles) == set(report.definitions) - {"decline_reasons"}
    tile = panel.tiles["acceptance_rate"]
    sentence = report.definitions["acceptance_rate"].sentence
    assert tile.toolTip() == sentence
    assert tile.definition_label.text() == sentence
    assert tile.definition_label.isVisible()
    assert tile.sample_label.isVisible() == report.overall.metrics["acceptance_rate"].small_sample
    assert panel.open_tile.value_label.text() == str(report.open_offers)
    assert panel.rescinded_tile.value_label.text() == str(report.rescinded)
    assert panel.export_button.isEnabled()


def test_report_is_never_computed_in_the_gui_thread(
    qtbot: QtBot, stats: StatsService, prompter: RecordingPrompter, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    threads: list[bool] = []
    original = stats.report

    def spy(query: StatsQuery):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread() is threading.main_thread())
        return original(query)

    monkeypatch.setattr(stats, "report", spy)
    widget = DashboardPanel(stats, prompter)
    qtbot.addWidget(widget)
    widget.refresh()
    assert widget.busy.text() == "Calculating…"
    qtbot.waitUntil(lambda: widget.report is not None, timeout=10000)
    assert threads == [False]


def test_charts_have_data(panel: DashboardPanel) -> None:
    report = panel.report
    assert report is not None
    for chart in (panel.decline_chart, panel.ask_style_chart, panel.objection_chart):
        assert chart.drawn_bars(), chart.objectName()
    line = panel.over_time_chart
    assert line.drawn_points()
    months = [row.group for row in report.over_time]
    assert line.labels == months
    assert len(line.values) == len(months)
    for value, row in zip(line.values, report.over_time, strict=True):
        rate = row.metrics["acceptance_rate"].value
        assert (math.isnan(value) and rate is None) or value == pytest.approx(rate * 100)
    assert line.drawn_points() == [(m, v) for m, v in zip(months, line.values, strict=True) if not math.isnan(v)]
    assert panel.decline_chart.labels == [reason_label(reason) for reason, _count, _ids in report.decline_reasons]
    assert panel.decline_chart.values == [count for _reason, count, _ids in report.decline_reasons]
    assert panel.ask_style_chart.labels == [row.shown for row in report.by_ask_style]
    assert panel.objection_chart.labels == [row.shown for row in report.by_objection]
    assert "Summary and direct" in panel.ask_style_chart.labels and "Pay too low" in panel.objection_chart.labels
    named = [row.shown if row.metrics["acceptance_rate"].value is not None else f"{row.shown}\n(—)"
             for row in report.by_ask_style]  # fmt: skip
    assert panel.ask_style_chart.tick_labels() == named  # the axis names every group, and says which have no rate


def test_month_rows_fill_gaps_with_none() -> None:
    from offerdesk.services.stats import stats_row

    rows = [stats_row("2025-11", []), stats_row("2026-02", [])]
    filled = month_rows(rows)
    assert [label for label, _row in filled] == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert [row is None for _label, row in filled] == [False, True, True, False]
    assert nearest_index(1.1, 3) == 1
    assert nearest_index(5.0, 3) is None


def test_breakdown_model_is_valid_and_follows_the_combo(
    qtbot: QtBot, panel: DashboardPanel, qtmodeltester: ModelTester
) -> None:
    assert [row.group for row in panel.breakdown_model.rows()] == [OVERALL]
    panel.breakdown.setCurrentIndex(panel.breakdown.findData("role"))
    qtbot.waitUntil(lambda: panel.report is not None and panel.report.query.by == "role", timeout=10000)
    rows = panel.breakdown_model.rows()
    assert len(rows) >= 2
    assert [row.group for row in rows] == [row.group for row in panel.report.rows]
    model = panel.breakdown_model
    assert model.index(0, 2).data() == rows[0].metrics["acceptance_rate"].display
    qtmodeltester.check(model, force_py=True)


def test_period_filter_goes_into_the_query(qtbot: QtBot, panel: DashboardPanel) -> None:
    panel.all_time.setChecked(False)
    query = panel.query()
    assert query.since is not None and query.until is not None and query.since <= query.until
    panel.all_time.setChecked(True)
    assert panel.query().since is None


def test_tile_click_opens_the_drill_down_with_its_offers(qtbot: QtBot, panel: DashboardPanel) -> None:
    report = panel.report
    assert report is not None
    tile = panel.tiles["acceptance_rate"]
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    dialog = panel.drill_down
    assert isinstance(dialog, DrillDownDialog)
    assert dialog.objectName() == "drillDown"
    expected = report.overall.metrics["acceptance_rate"].offer_ids
    assert expected
    assert sorted(dialog.shown_offer_ids()) == sorted(expected)
    assert dialog.offer_model.rowCount() == len(expected)
    offer_ids = {call[1] for call in dialog.calls}
    assert offer_ids <= set(expected)


def test_double_click_in_the_drill_down_emits_offer_chosen(qtbot: QtBot, panel: DashboardPanel) -> None:
    dialog = panel.open_tile_drill_down("acceptance_rate")
    assert dialog is not None
    qtbot.waitExposed(dialog)
    table = dialog.offer_table
    first = dialog.offer_model.rows()[0].offer_id
    rect = table.visualRect(dialog.offer_model.index(0, 0))
    with qtbot.waitSignal(panel.offerChosen, timeout=2000) as blocker:
        double_click(qtbot, table.viewport(), rect.center())
    assert blocker.args == [first]
    assert not dialog.isVisible()


def test_clicking_a_bar_opens_that_groups_offers(qtbot: QtBot, panel: DashboardPanel) -> None:
    report = panel.report
    assert report is not None
    chart = panel.ask_style_chart
    index = next(i for i, row in enumerate(report.by_ask_style) if group_offer_ids(row))
    click_chart(qtbot, chart, index)
    assert panel.drill_down is not None
    assert tuple(sorted(panel.drill_down.shown_offer_ids())) == group_offer_ids(report.by_ask_style[index])

    reason, _count, ids = report.decline_reasons[0]
    click_chart(qtbot, panel.decline_chart, 0)
    assert panel.drill_down is not None
    assert sorted(panel.drill_down.shown_offer_ids()) == sorted(ids)
    assert reason_label(reason) in panel.drill_down.windowTitle()


def test_breakdown_double_click_opens_the_group(qtbot: QtBot, panel: DashboardPanel) -> None:
    table = panel.breakdown_table
    rect = table.visualRect(panel.breakdown_model.index(0, 0))
    double_click(qtbot, table.viewport(), rect.center())
    assert panel.drill_down is not None
    assert panel.report is not None
    assert tuple(sorted(panel.drill_down.shown_offer_ids())) == group_offer_ids(panel.report.overall)


def test_export_csv_writes_one_row_per_group(
    qtbot: QtBot, panel: DashboardPanel, prompter: RecordingPrompter, tmp_path: Path
) -> None:
    panel.breakdown.setCurrentIndex(panel.breakdown.findData("role"))
    qtbot.waitUntil(lambda: panel.report is not None and panel.report.query.by == "role", timeout=10000)
    report = panel.report
    assert report is not None
    out = tmp_path / "out"
    out.mkdir()
    target = out / "report.csv"
    prompter.files.append(target)
    qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    with target.open(newline="", encoding="utf-8") as stream:
        lines = list(csv.reader(stream))
    header, *rows = lines
    assert header[:5] == [
        "group",
        "offers",
        "acceptance_rate display",
        "acceptance_rate numerator",
        "acceptance_rate denominator",
    ]
    assert [row[0] for row in rows] == [OVERALL, *(row.group for row in report.rows)]
    acceptance = report.overall.metrics["acceptance_rate"]
    assert rows[0][1:5] == [
        str(report.overall.offers),
        acceptance.display,
        str(acceptance.numerator),
        str(acceptance.denominator),
    ]
    assert list(out.iterdir()) == [target]  # no temporary file left behind


def test_csv_write_failure_leaves_no_file(panel: DashboardPanel, tmp_path: Path) -> None:
    assert panel.report is not None
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.csv").mkdir()  # the rename over it fails after the temporary file was written
    with pytest.raises(OSError):
        write_report_csv(panel.report, out / "report.csv")
    assert [path.name for path in out.iterdir()] == ["report.csv"]


def test_csv_export_cancelled_writes_nothing(panel: DashboardPanel, prompter: RecordingPrompter) -> None:
    assert panel.export_csv() is None
    assert prompter.shown[-1][0] == "save_file"


def test_png_export_writes_an_image(
    qtbot: QtBot, panel: DashboardPanel, prompter: RecordingPrompter, tmp_path: Path
) -> None:
    target = tmp_path / "chart"  # the suffix is added
    prompter.files.append(target)
    qtbot.mouseClick(panel.decline_chart.export_button, Qt.MouseButton.LeftButton)
    written = tmp_path / "chart.png"
    assert written.stat().st_size > 0
    assert written.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not [kind for kind, _title, _text in prompter.shown if kind == "error"]


def test_on_changes_refreshes_for_offers_and_calls(qtbot: QtBot, panel: DashboardPanel) -> None:
    first = panel.report
    panel.on_changes(Changes.of(Kind.TEMPLATES))
    assert panel.busy.text() == ""
    tiles_in_grid = panel.tile_grid.count()
    panel.on_changes(Changes.of(Kind.CALLS))
    assert panel.busy.text() == "Calculating…"
    qtbot.waitUntil(lambda: panel.report is not first, timeout=10000)
    assert panel.busy.text() == ""
    assert panel.tile_grid.count() == tiles_in_grid == len(panel.tiles) + 2


def test_failure_is_reported(
    qtbot: QtBot, stats: StatsService, prompter: RecordingPrompter, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_query: StatsQuery) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(stats, "report", broken)
    widget = DashboardPanel(stats, prompter)
    qtbot.addWidget(widget)
    widget.refresh()
    qtbot.waitUntil(lambda: any(kind == "error" for kind, _t, _x in prompter.shown), timeout=10000)
    assert widget.report is None
    assert widget.busy.text() == ""


def test_the_drill_down_shows_each_offers_first_year_as_its_letter_does(
    qtbot: QtBot, panel: DashboardPanel, services: Services
) -> None:
    dialog = panel.open_tile_drill_down("acceptance_rate")
    column = dialog.offer_model.columnCount() - 1
    assert dialog.offer_model.headerData(column, Qt.Orientation.Horizontal) == "First year at target"
    for row, offer in enumerate(dialog.offer_model.rows()):
        letter = services.letters.values(offer.offer_id)["offer"]
        shown = dialog.first_year[offer.offer_id]
        assert shown is not None and shown.minor == letter["total_first_year_minor"]
        assert dialog.offer_model.index(row, column).data() == shown.format(fmt.ui_locale())


# Over the hand-built offers of tests/dashboard_data.py, every figure the user sees against the numbers worked out
# by hand (the same table as tests/unit/services/test_dashboard_figures.py; all 2027, UTC, en-US).


@pytest.fixture
def hand_built(
    qtbot: QtBot, empty_services: Services, prompter: RecordingPrompter, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[DashboardPanel, dict[str, int]]]:
    monkeypatch.setenv("TZ", "UTC0")
    time.tzset()
    monkeypatch.setattr("offerdesk.ui.format.ui_locale", lambda: "en_US")
    ids = build_offers(empty_services.database)
    widget = DashboardPanel(StatsService(empty_services.database), prompter)
    qtbot.addWidget(widget)
    widget.resize(1200, 900)
    widget.show()
    qtbot.waitExposed(widget)
    widget.refresh()
    qtbot.waitUntil(lambda: widget.report is not None, timeout=10000)
    yield widget, ids
    monkeypatch.undo()
    time.tzset()


def shown_bars(chart: BarChart) -> list[tuple[str, float]]:
    """The bars drawn on screen, by their tick label: what the user counts."""
    return chart.drawn_bars()


def tile_texts(panel: DashboardPanel) -> dict[str, str]:
    texts = {key: tile.value_label.text() for key, tile in panel.tiles.items()}
    texts["open"] = panel.open_tile.value_label.text()
    texts["rescinded"] = panel.rescinded_tile.value_label.text()
    return texts


def refreshed(qtbot: QtBot, panel: DashboardPanel, action: Callable[[], None]) -> None:
    before = panel.report
    action()
    qtbot.waitUntil(lambda: panel.report is not before and panel._pending == 0, timeout=10000)


def test_the_decline_chart_has_a_bar_per_declined_offer_a_renege_is_no_decline(
    qtbot: QtBot, hand_built: tuple[DashboardPanel, dict[str, int]]
) -> None:
    panel, ids = hand_built
    # two declines (D1 COMP_LOW, D2 COMPETING_OFFER); G1 reneged with COUNTEROFFER after a yes: no decline bar
    assert shown_bars(panel.decline_chart) == [(reason_label("COMPETING_OFFER"), 1.0), (reason_label("COMP_LOW"), 1.0)]
    assert sum(value for _label, value in shown_bars(panel.decline_chart)) == 2
    click_chart(qtbot, panel.decline_chart, 1)
    assert panel.drill_down is not None
    assert panel.drill_down.shown_offer_ids() == [ids["D1"]]


def test_every_tile_shows_the_figure_worked_out_by_hand(hand_built: tuple[DashboardPanel, dict[str, int]]) -> None:
    panel, _ids = hand_built
    assert tile_texts(panel) == {
        "acceptance_rate": "63% (5 of 8)",  # yes A1 A2 A3 G1 R2 of decided + D1 D2 E1; 62.5% rounds up
        "verbal_acceptance_rate": "75% (3 of 4)",  # verbal A1 A3 D1 R2, yes A1 A3 R2
        "written_acceptance_rate": "40% (2 of 5)",  # letters decided A1 A2 G1 D2 E1, signed A1 A2
        "time_to_accept_days": "4.0 days",  # 2 2 4 6 8 → median 4
        "renege_rate": "20% (1 of 5)",  # G1 of 5 accepted; R2's rescind is no renege
        "offer_to_start": "20% (1 of 5)",  # A1 started
        "open": "1",  # O1
        "rescinded": "2",  # R1 before an answer, R2 after the yes
    }
    assert all(tile.sample_label.isVisible() for tile in panel.tiles.values())  # every denominator is under 10
    assert "after a yes" in panel.rescinded_tile.definition_label.text()


def test_the_renege_tile_opens_the_accepted_offers_and_says_which_reneged(
    qtbot: QtBot, hand_built: tuple[DashboardPanel, dict[str, int]]
) -> None:
    panel, ids = hand_built
    qtbot.mouseClick(panel.tiles["renege_rate"], Qt.MouseButton.LeftButton)
    dialog = panel.drill_down
    assert dialog is not None
    assert sorted(dialog.shown_offer_ids()) == sorted(ids[n] for n in ("A1", "A2", "A3", "G1", "R2"))
    outcome = {row.offer_id: dialog.offer_model.index(i, 3).data() for i, row in enumerate(dialog.offer_model.rows())}
    assert outcome[ids["G1"]] == "Accepted, then reneged"
    assert outcome[ids["R2"]] == "Accepted, then rescinded"
    assert outcome[ids["A1"]] == "Accepted"


def test_the_acceptance_line_has_a_point_per_month_of_extension(
    hand_built: tuple[DashboardPanel, dict[str, int]],
) -> None:
    panel, _ids = hand_built
    chart = panel.over_time_chart
    # January A1 G1 D1 → 2/3; February A2 R2 (R1 rescinded unanswered left out) → 2/2; March A3 D2 E1 → 1/3
    assert chart.labels == ["2027-01", "2027-02", "2027-03"]
    shown = chart.drawn_points()
    assert [month for month, _value in shown] == chart.labels
    assert [value for _month, value in shown] == pytest.approx([200 / 3, 100.0, 100 / 3])
    assert chart.segments() == [chart.labels]  # one unbroken line through the three months


def test_the_ask_style_chart_draws_no_bar_where_there_is_no_rate(
    hand_built: tuple[DashboardPanel, dict[str, int]],
) -> None:
    panel, _ids = hand_built
    # assumptive A3 1/1; direct A1 yes D1 no 1/2; summary_direct O1 only (open): no rate, no 0% bar;
    # no call: A2 G1 D2 R1 R2 E1 → decided A2 G1 D2 R2 E1, yes A2 G1 R2 → 3/5
    assumptive, direct, summary = (label(style) for style in (AskStyle.ASSUMPTIVE, AskStyle.DIRECT,
                                                              AskStyle.SUMMARY_DIRECT))  # fmt: skip
    assert shown_bars(panel.ask_style_chart) == [(assumptive, 100.0), (direct, 50.0), ("(none)", 60.0)]
    assert panel.ask_style_chart.tick_labels() == [assumptive, direct, f"{summary}\n(—)", "(none)"]


def test_the_objection_chart_draws_the_rate_of_each_objection(
    hand_built: tuple[DashboardPanel, dict[str, int]],
) -> None:
    panel, _ids = hand_built
    # COMP_LOW on A1 (yes) and D1 (no) → 1/2; NEED_TIME on O1 (open) → no rate; START_NOTICE on A3 (yes) → 1/1
    low, need_time, notice = (reason_label(code) for code in ("COMP_LOW", "NEED_TIME", "START_NOTICE"))
    assert shown_bars(panel.objection_chart) == [(low, 50.0), (notice, 100.0), ("(none)", 60.0)]
    assert panel.objection_chart.tick_labels() == [low, f"{need_time}\n(—)", notice, "(none)"]


def type_date(qtbot: QtBot, field: QWidget, text: str) -> None:
    """Select what the field shows and type over it, then Enter, as a user does."""
    field.setFocus()
    field.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_a_typed_period_is_the_period_used_and_its_figures_are_shown(
    qtbot: QtBot, hand_built: tuple[DashboardPanel, dict[str, int]]
) -> None:
    panel, _ids = hand_built
    assert isinstance(panel.since_edit, TypedDateEdit) and isinstance(panel.until_edit, TypedDateEdit)
    refreshed(qtbot, panel, lambda: panel.all_time.setChecked(False))  # unticking "All time" applies the dates
    panel.since_edit.set_value(date(2026, 12, 1))
    panel.until_edit.set_value(date(2027, 12, 31))
    refreshed(qtbot, panel, lambda: type_date(qtbot, panel.since_edit, "2/1/27"))  # en-US: February 1, 2027
    refreshed(qtbot, panel, lambda: type_date(qtbot, panel.until_edit, "2027-02-28"))  # ISO-8601
    assert panel.report is not None
    assert (panel.report.query.since, panel.report.query.until) == (date(2027, 2, 1), date(2027, 2, 28))
    assert panel.until_edit.text() == "2/28/27"  # shown back in the interface's notation
    # February: A2 (Feb 1 00:30) R1 R2; G1 (Jan 31 23:00) is January's even though its yes came on Feb 6
    texts = tile_texts(panel)
    assert (texts["acceptance_rate"], texts["renege_rate"], texts["rescinded"]) == ("100% (2 of 2)", "0% (0 of 2)", "2")
    assert texts["time_to_accept_days"] == "3.0 days"  # A2 4, R2 2
    assert shown_bars(panel.decline_chart) == []
    assert panel.over_time_chart.labels == ["2027-02"]
    # the last day is whole: until Jan 31 takes G1 (23:00) and its March renege
    refreshed(qtbot, panel, lambda: type_date(qtbot, panel.since_edit, "1/1/27"))
    refreshed(qtbot, panel, lambda: type_date(qtbot, panel.until_edit, "1/31/27"))
    assert tile_texts(panel)["renege_rate"] == "50% (1 of 2)"
    assert shown_bars(panel.decline_chart) == [(reason_label("COMP_LOW"), 1.0)]


def test_an_unreadable_date_is_marked_and_the_figures_are_not_recomputed(
    qtbot: QtBot, hand_built: tuple[DashboardPanel, dict[str, int]]
) -> None:
    panel, _ids = hand_built
    refreshed(qtbot, panel, lambda: panel.all_time.setChecked(False))
    shown = panel.report
    type_date(qtbot, panel.since_edit, "13/1/27")  # not a date in en-US, never January 13
    assert panel.since_edit.property("invalid") is True
    assert "“13/1/27” is not a date" in panel.busy.text()
    qtbot.mouseClick(panel.refresh_button, Qt.MouseButton.LeftButton)
    assert panel._pending == 0 and panel.report is shown  # nothing was computed with another date
    type_date(qtbot, panel.since_edit, "3/1/27")
    type_date(qtbot, panel.until_edit, "2/1/27")  # a period that ends before it starts is not swapped silently
    assert "starts" in panel.busy.text() and "after it ends" in panel.busy.text()
    assert panel._pending == 0 and panel.report is shown
    refreshed(qtbot, panel, lambda: type_date(qtbot, panel.until_edit, "3/31/27"))
    assert panel.report is not None and panel.report.query.since == date(2027, 3, 1)


def background_pixels(image: QImage, top: int, bottom: int, base: QColor) -> tuple[int, int]:
    """(pixels of the base colour, others) in rows top..bottom."""
    same = other = 0
    for y in range(top, bottom):
        for x in range(0, image.width(), 2):
            if image.pixelColor(x, y).rgb() == base.rgb():
                same += 1
            else:
                other += 1
    return same, other


def test_a_saved_chart_is_large_titled_and_opaque(
    qtbot: QtBot, hand_built: tuple[DashboardPanel, dict[str, int]], prompter: RecordingPrompter, tmp_path: Path
) -> None:
    panel, _ids = hand_built
    chart = panel.decline_chart
    target = tmp_path / "declines.png"
    prompter.files.append(target)
    qtbot.mouseClick(chart.export_button, Qt.MouseButton.LeftButton)
    image = QImage(str(target))
    assert not image.isNull()
    plot = chart.canvas.size()
    assert image.width() >= max(1600, 2 * plot.width()) and image.height() >= 2 * plot.height()
    base = QGuiApplication.palette().color(QPalette.ColorRole.Base)
    corners = [(0, 0), (image.width() - 1, 0), (0, image.height() - 1), (image.width() - 1, image.height() - 1)]
    for x, y in corners:
        assert image.pixelColor(x, y).alpha() == 255
        assert image.pixelColor(x, y).rgb() == base.rgb()
    assert image.text("Title") == "Decline reasons"
    band = int(image.height() * TITLE_BAND)
    untitled = chart.render_image(with_title=False)
    assert untitled.size() == image.size()
    assert background_pixels(untitled, 0, band, base)[1] == 0
    assert background_pixels(image, 0, band, base)[1] > 200  # the title's letters


@pytest.mark.qt_log_ignore("This plugin does not support")  # the offscreen platform, opening a popup menu
def test_each_chart_has_a_context_menu_to_save_or_copy_it(
    qtbot: QtBot, hand_built: tuple[DashboardPanel, dict[str, int]], prompter: RecordingPrompter, tmp_path: Path
) -> None:
    panel, _ids = hand_built
    for chart in panel.charts:
        viewport = chart.canvas
        event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(20, 20), viewport.mapToGlobal(QPoint(20, 20)))
        QApplication.sendEvent(viewport, event)
        menu = chart.menu
        assert menu is not None and menu.isVisible()
        assert [action.text() for action in menu.actions()] == ["Save Chart as PNG…", "Copy Chart"]
        menu.close()
    target = tmp_path / "ask-style.png"
    prompter.files.append(target)
    chart = panel.ask_style_chart
    chart.menu.actions()[0].trigger()
    assert QImage(str(target)).width() >= 1600
    chart.menu.actions()[1].trigger()
    copied = QGuiApplication.clipboard().image()
    assert copied.width() >= 1600 and not copied.hasAlphaChannel()


def test_offer_types_are_named_by_their_labels(qtbot: QtBot, hand_built: tuple[DashboardPanel, dict[str, int]]) -> None:
    panel, ids = hand_built
    panel.breakdown.setCurrentIndex(panel.breakdown.findData("offer_type"))
    qtbot.waitUntil(lambda: panel.report is not None and panel.report.query.by == "offer_type", timeout=10000)
    # verbal A1 A3 D1 R2 → decided 4, yes A1 A3 R2; written A2 G1 D2 R1 E1 O1 → decided A2 G1 D2 E1, yes A2 G1
    shown = [(row.group, row.metrics["acceptance_rate"].display) for row in panel.breakdown_model.rows()]
    assert shown == [("Verbal offer", "75% (3 of 4)"), ("Written offer", "50% (2 of 4)")]
    dialog = panel.open_drill_down("declines", [ids["D1"]])
    assert dialog.offer_model.index(0, 2).data() == "Verbal offer"


def test_opening_the_dashboard_puts_the_page_up_first_and_its_charts_in_a_later_turn(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The click that opens it shows the filter bar and "Calculating…" at once; tiles, charts and the table are built
    once that page is on screen, so the window repaints (and takes keys) in between, and the report fills them. The
    report is computed after the building (they would compete for the GIL), in the thread pool."""
    stats = window.services.stats
    computed: list[tuple[bool, bool]] = []  # (on the GUI thread, the charts were built)
    report = stats.report

    def recorded(query: StatsQuery) -> Any:
        computed.append((threading.current_thread() is threading.main_thread(), hasattr(window.dashboard, "charts")))
        return report(query)

    monkeypatch.setattr(stats, "report", recorded)
    window.toggle_dashboard()
    dashboard = window.dashboard
    assert dashboard is not None and window.pages.currentWidget() is dashboard
    assert dashboard.busy.text() == "Calculating…"
    assert dashboard.findChildren(ChartBox) == []  # the page is up before any chart is built
    qtbot.waitUntil(lambda: len(dashboard.findChildren(ChartBox)) == 4)
    with qtbot.waitSignal(dashboard.reportShown, timeout=15_000):
        pass
    assert dashboard.report is not None and dashboard.busy.text() == ""
    assert dashboard.over_time_chart.drawn_points() and dashboard.ask_style_chart.drawn_bars()
    assert dashboard.breakdown_model.rows() == [dashboard.report.overall]
    assert computed == [(False, True)]


def test_a_report_that_lands_before_the_charts_are_built_is_shown_in_full(
    qtbot: QtBot, stats: StatsService, prompter: RecordingPrompter
) -> None:
    widget = DashboardPanel(stats, prompter)
    qtbot.addWidget(widget)
    widget.show_report(stats.report(StatsQuery()))  # before the page was ever shown
    assert len(widget.findChildren(ChartBox)) == 4 and widget.ask_style_chart.drawn_bars()
    assert widget.tiles and widget.export_button.isEnabled()
