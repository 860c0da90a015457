"""The dashboard's chart widgets on their own: gaps, missing rates, long names, the axes, the keyboard, tooltips."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QApplication, QToolTip, QWidget
from pytestqt.qtbot import QtBot

from offerdesk.ui.panels.chart_axes import count_ticks, whole_percent
from offerdesk.ui.panels.dashboard_charts import NO_RATE, BarChart, ChartBox, LineChart


def shown(qtbot: QtBot, chart: ChartBox, width: int = 520, height: int = 300) -> ChartBox:
    qtbot.addWidget(chart)
    chart.resize(width, height)
    chart.show()
    qtbot.waitExposed(chart)
    return chart


def test_a_month_without_a_value_breaks_the_line_and_a_click_on_it_opens_nothing(qtbot: QtBot) -> None:
    chart = LineChart("chartLine", "Acceptance over time", "Acceptance rate (%)")
    shown(qtbot, chart)
    chart.set_points(["2027-01", "2027-02", "2027-03", "2027-04"], [50.0, math.nan, 60.0, 70.0])
    assert chart.drawn_points() == [("2027-01", 50.0), ("2027-03", 60.0), ("2027-04", 70.0)]
    assert chart.segments() == [["2027-03", "2027-04"]]  # January stands alone: a point, no line to March
    clicked: list[int] = []
    chart.pointClicked.connect(clicked.append)
    qtbot.mouseClick(chart.canvas, Qt.MouseButton.LeftButton, pos=chart.widget_point_of(1))
    qtbot.mouseClick(chart.canvas, Qt.MouseButton.LeftButton, pos=chart.widget_point_of(2))
    assert clicked == [2]
    assert chart.tick_labels() == chart.labels  # four months fit: each is named


def test_many_months_name_every_nth_so_the_names_never_overlap(qtbot: QtBot) -> None:
    chart = LineChart("chartLine", "Acceptance over time", "Acceptance rate (%)")
    shown(qtbot, chart, width=360)
    months = [f"{2020 + i // 12}-{i % 12 + 1:02d}" for i in range(36)]
    chart.set_points(months, [50.0] * len(months))
    named = chart.tick_labels()
    assert 1 < len(named) < len(months) and named[0] == months[0]
    metrics = QFontMetricsF(chart.canvas.font())
    room = chart.plot_rect().width() / len(named)
    assert all(metrics.horizontalAdvance(name) < room for name in named)


def test_a_group_without_a_rate_gets_no_bar_and_its_tick_says_so(qtbot: QtBot) -> None:
    chart = BarChart("chartBars", "Acceptance by ask style", "Acceptance rate (%)")
    shown(qtbot, chart)
    chart.set_bars(["Direct", "Timeline", "Assumptive"], [40.0, None, 0.0])
    assert chart.drawn_bars() == [("Direct", 40.0), ("Assumptive", 0.0)]  # 0% is a rate; "no rate" is not 0%
    assert chart.tick_labels() == ["Direct", f"Timeline\n({NO_RATE})", "Assumptive"]
    assert chart.value_text(1) == f"Timeline: {NO_RATE} (nothing to measure)"
    assert chart.value_text(0) == "Direct: 40%"


def test_the_value_axis_is_0_to_100_percent_or_whole_counts(qtbot: QtBot) -> None:
    rates = shown(qtbot, BarChart("chartRates", "Rates", "Acceptance rate (%)"))
    assert isinstance(rates, BarChart)
    rates.set_bars(["A"], [12.0])
    assert rates.value_ticks() == [0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
    assert count_ticks(1) == [0.0, 1.0]
    assert count_ticks(7) == [0.0, 2.0, 4.0, 6.0, 8.0]
    assert count_ticks(23) == [0.0, 5.0, 10.0, 15.0, 20.0, 25.0]
    assert whole_percent(62.5) == "63%" and whole_percent(200 / 3) == "67%"  # as the tiles round


def test_long_group_names_are_shortened_on_screen_and_whole_in_the_tooltip(qtbot: QtBot) -> None:
    chart = BarChart("chartBars", "Acceptance by objection", "Acceptance rate (%)")
    shown(qtbot, chart, width=400)
    long_name = "Wants to think it over with the family and a financial adviser first"
    chart.set_bars([long_name, "Pay too low", "Notice period", "(none)"], [50.0, 60.0, 70.0, 80.0])
    metrics = QFontMetricsF(chart.canvas.font())
    slot = chart.plot_rect().width() / 4
    lines = chart.tick_lines()[0]
    assert len(lines) <= 2 and lines[-1].endswith("…")
    assert all(metrics.horizontalAdvance(line) <= slot for line in lines)
    assert chart.tick_labels()[0] == long_name and long_name in chart.value_text(0)


def test_a_lying_chart_grows_to_give_each_group_a_line(qtbot: QtBot) -> None:
    chart = BarChart("chartDeclines", "Decline reasons", "Declined offers", horizontal=True, counts=True)
    shown(qtbot, chart)
    reasons = [f"Reason {n}" for n in range(14)]
    chart.set_bars(reasons, [float(n + 1) for n in range(14)])
    line = QFontMetricsF(chart.canvas.font()).lineSpacing()
    assert chart.canvas.minimumSizeHint().height() >= 14 * line
    chart.resize(chart.width(), chart.minimumSizeHint().height())
    qtbot.wait(10)
    assert chart.plot_rect().height() / 14 >= line
    first, second = chart.widget_point_of(0), chart.widget_point_of(1)
    assert first.y() < second.y()  # the first reason on top, as a list reads


@pytest.mark.qt_log_ignore("This plugin does not support")  # the offscreen platform, raising a tooltip
def test_the_keyboard_chooses_a_bar_and_opens_it_and_tab_moves_on(qtbot: QtBot) -> None:
    holder = QWidget()
    chart = BarChart("chartBars", "Acceptance by ask style", "Acceptance rate (%)", parent=holder)
    qtbot.addWidget(holder)
    holder.resize(520, 300)
    chart.resize(520, 300)
    holder.show()
    qtbot.waitExposed(holder)
    chart.set_bars(["Direct", "Timeline", "Assumptive"], [40.0, 50.0, 60.0])
    chart.canvas.setFocus()
    qtbot.waitUntil(chart.canvas.hasFocus)
    clicked: list[int] = []
    chart.pointClicked.connect(clicked.append)
    for key in (Qt.Key.Key_Right, Qt.Key.Key_Right, Qt.Key.Key_Left, Qt.Key.Key_End, Qt.Key.Key_Return):
        qtbot.keyClick(chart.canvas, key)
    assert clicked == [2]
    qtbot.keyClick(chart.canvas, Qt.Key.Key_Home)
    qtbot.keyClick(chart.canvas, Qt.Key.Key_Space)
    assert clicked == [2, 0]
    qtbot.keyClick(chart.canvas, Qt.Key.Key_Tab)
    assert not chart.canvas.hasFocus()
    assert chart.canvas.accessibleName() == "Acceptance by ask style"
    assert "Timeline: 50%" in chart.canvas.accessibleDescription()


@pytest.mark.qt_log_ignore("This plugin does not support")  # the offscreen platform, raising a tooltip
def test_hovering_a_bar_shows_its_exact_value(qtbot: QtBot) -> None:
    chart = BarChart("chartBars", "Acceptance by ask style", "Acceptance rate (%)")
    shown(qtbot, chart)
    chart.set_bars(["Direct", "Timeline"], [62.5, 50.0])
    point = chart.widget_point_of(0)
    chart.hover(QPointF(point), chart.canvas.mapToGlobal(point))
    assert chart.hovered == 0
    assert QToolTip.text() == "Direct: 63%"
    chart.hover(None, None)
    QApplication.processEvents()
    assert chart.hovered is None


def test_an_empty_chart_says_so_and_offers_nothing_to_save(qtbot: QtBot) -> None:
    chart = shown(qtbot, BarChart("chartBars", "Acceptance by ask style", "Acceptance rate (%)"))
    assert chart.is_empty() and not chart.export_button.isEnabled()
    assert chart.canvas.accessibleDescription() == "No data for this period."
    assert chart.tick_labels() == []


def test_the_app_and_its_dashboard_load_no_plotting_library_or_numpy() -> None:
    """The installer bundles what the app imports: a plotting library and NumPy would be ~47 MB of it."""
    program = (
        "import sys\n"
        "import offerdesk.app, offerdesk.ui.main_window, offerdesk.ui.panels.dashboard\n"
        "print(sorted(m for m in ('numpy', 'pyqtgraph', 'PySide6.QtCharts') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip() == "[]"
