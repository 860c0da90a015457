"""The dashboard over the demo database: the report arrives through the worker, tiles, charts, drill-down, exports."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from offerdesk.domain.labels import reason_label
from offerdesk.services.changes import Changes, Kind
from offerdesk.services.setup.bootstrap import Services
from offerdesk.services.stats import OVERALL, StatsQuery, StatsService
from offerdesk.ui import format as fmt
from offerdesk.ui.dialogs.drill_down import DrillDownDialog
from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.panels.dashboard import DashboardPanel, group_offer_ids, month_rows, write_report_csv
from offerdesk.ui.panels.dashboard_charts import ChartBox, nearest_index


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
    view_box = chart.plot_item.getViewBox()
    scene_point = view_box.mapViewToScene(chart.view_point_of(index))
    widget_point = chart.plot_widget.mapFromScene(scene_point)
    viewport = chart.plot_widget.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=QPoint(widget_point.x(), widget_point.y()))


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
    for chart in panel.charts:
        assert chart.data_items(), chart.objectName()
    months = [row.group for row in report.over_time]
    assert panel.over_time_chart.labels == months
    x, y = panel.over_time_chart.line.getOriginalDataset()
    assert len(x) == len(months)
    for value, row in zip(y, report.over_time, strict=True):
        rate = row.metrics["acceptance_rate"].value
        assert (math.isnan(value) and rate is None) or value == pytest.approx(rate * 100)
    assert panel.decline_chart.labels == [reason_label(reason) for reason, _count, _ids in report.decline_reasons]
    assert panel.decline_chart.values == [count for _reason, count, _ids in report.decline_reasons]
    assert panel.ask_style_chart.labels == [row.shown for row in report.by_ask_style]
    assert panel.objection_chart.labels == [row.shown for row in report.by_objection]
    assert "Summary and direct" in panel.ask_style_chart.labels and "Pay too low" in panel.objection_chart.labels
    ticks = panel.ask_style_chart.plot_item.getAxis("bottom")._tickLevels  # set from the group names
    assert [label for _pos, label in ticks[0]] == panel.ask_style_chart.labels


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
