"""The dashboard: how often offers get a yes, how fast, and why not, with every number one click from its offers.

The report is computed in the thread pool (it reads every offer and call); the GUI only draws what comes back.
Opening it puts the filter bar and "Calculating…" up at once; the tiles, charts and table are built in the next
turn of the event loop (or when a report lands first), so the click that opens the page never pays for all of it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from offerdesk.domain.clock import today
from offerdesk.domain.labels import reason_label
from offerdesk.domain.metrics import OPEN_SENTENCE, RESCINDED_SENTENCE
from offerdesk.domain.wording import plural
from offerdesk.services.changes import Changes, Kind
from offerdesk.ui import format as fmt
from offerdesk.ui import workers
from offerdesk.ui.flow_layout import button_row
from offerdesk.ui.models.row_table import RowTableModel
from offerdesk.ui.panels.dashboard_rows import (
    ACCEPTANCE,
    BREAKDOWN_COLUMNS,
    DECLINE_REASONS,
    group_label,
    group_offer_ids,
    metric_value,
    month_rows,
    write_report_csv,
)
from offerdesk.ui.refresh import RefreshWhenVisible
from offerdesk.ui.typed_date_edit import TypedDateEdit
from offerdesk.ui.views import leave_on_tab

if TYPE_CHECKING:
    from offerdesk.services.stats import StatsQuery, StatsReport, StatsRow, StatsService
    from offerdesk.ui.dialogs.drill_down import DrillDownDialog
    from offerdesk.ui.dialogs.prompter import Prompter
    from offerdesk.ui.panels.dashboard_charts import ChartBox
    from offerdesk.ui.panels.metric_tile import MetricTile

TILE_KEYS = (
    "acceptance_rate",
    "verbal_acceptance_rate",
    "written_acceptance_rate",
    "time_to_accept_days",
    "renege_rate",
    "offer_to_start",
)
BREAKDOWNS: tuple[tuple[str, str | None], ...] = (
    ("None", None),
    ("Period", "period"),
    ("Role", "role"),
    ("Recruiter", "recruiter"),
    ("Offer type", "offer_type"),
    ("Ask style", "ask_style"),
    ("Objection", "objection"),
    ("Script", "script"),
)


class DashboardPanel(QWidget):
    offerChosen = Signal(int)  # an offer opened from a drill-down
    reportShown = Signal()  # a new report is on screen (for tests and the status bar)

    def __init__(self, stats: StatsService, prompter: Prompter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._refresher = RefreshWhenVisible(self, lambda: self.refresh())
        self.setObjectName("dashboard")
        self._stats = stats
        self._prompter = prompter
        self.report: StatsReport | None = None
        self.drill_down: DrillDownDialog | None = None
        self._generation = 0
        self._pending = 0
        self._chart_targets: dict[str, list[tuple[str, tuple[int, ...]]]] = {}

        # Filter bar
        now = today()
        self.all_time = QCheckBox("All time", self)
        self.all_time.setObjectName("dashboardAllTime")
        self.all_time.setChecked(True)
        self.since_edit = self._date_edit("dashboardSince", now - timedelta(days=365))
        self.until_edit = self._date_edit("dashboardUntil", now)
        self.breakdown = QComboBox(self)
        self.breakdown.setObjectName("dashboardBreakdown")
        for label, key in BREAKDOWNS:
            self.breakdown.addItem(label, key)
        self.refresh_button = QPushButton("Refresh", self)
        self.refresh_button.setObjectName("dashboardRefresh")
        self.export_button = QPushButton("Export report CSV…", self)
        self.export_button.setObjectName("dashboardExportCsv")
        self.export_button.setEnabled(False)
        self.busy = QLabel(self)
        self.busy.setObjectName("dashboardBusy")
        period = self._group(QLabel("From", self), self.since_edit, QLabel("to", self), self.until_edit, self.all_time)
        breakdown = self._group(QLabel("Break down by", self), self.breakdown)
        bar = button_row(period, breakdown, self.refresh_button, self.export_button, self.busy)  # wraps when narrow

        self.content = QWidget(self)  # tiles, charts and the table: see build_content
        self.content.setObjectName("dashboardContent")
        self._content_built = False
        self._waiting_query: StatsQuery | None = None  # a refresh asked for before the content was built
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(scroll, 1)

        self.all_time.toggled.connect(self._update_dates)
        self.all_time.toggled.connect(lambda _checked: self.refresh())
        for edit in (self.since_edit, self.until_edit):
            edit.editingFinished.connect(self._period_edited)
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button.clicked.connect(self.export_csv)
        self.breakdown.currentIndexChanged.connect(lambda _index: self.refresh())
        self._update_dates()

    def showEvent(self, event: QShowEvent) -> None:
        """The page is painted first; its tiles, charts and table follow in the next turn of the event loop."""
        super().showEvent(event)
        if not self._content_built:
            QTimer.singleShot(1, self, self.build_content)  # a real timer: input and repaints get their turn first

    def build_content(self) -> None:
        """The tiles, the charts and the breakdown table, once (a report that lands first builds them itself)."""
        if self._content_built:
            return
        self._content_built = True
        from offerdesk.ui.panels.dashboard_charts import BarChart, LineChart
        from offerdesk.ui.panels.metric_tile import MetricTile

        # Tiles
        self.tiles: dict[str, MetricTile] = {}
        self.tile_grid = QGridLayout()
        self.tile_grid.setSpacing(6)
        self._laid_out: list[MetricTile] = []
        self.open_tile = MetricTile("tileOpen", clickable=False, parent=self)
        self.rescinded_tile = MetricTile("tileRescinded", clickable=False, parent=self)

        # Charts
        self.over_time_chart = LineChart("chartOverTime", "Acceptance over time", "Acceptance rate (%)", parent=self)
        self.decline_chart = BarChart(
            "chartDeclineReasons", "Decline reasons", "Declined offers", horizontal=True, parent=self, counts=True
        )
        self.ask_style_chart = BarChart("chartAskStyle", "Acceptance by ask style", "Acceptance rate (%)", parent=self)
        self.objection_chart = BarChart("chartObjection", "Acceptance by objection", "Acceptance rate (%)", parent=self)
        self.charts: tuple[ChartBox, ...] = (
            self.over_time_chart,
            self.decline_chart,
            self.ask_style_chart,
            self.objection_chart,
        )
        charts = QGridLayout()
        for position, chart in enumerate(self.charts):
            charts.addWidget(chart, position // 2, position % 2)
            chart.pointClicked.connect(lambda index, c=chart: self._chart_clicked(c, index))
            chart.exportRequested.connect(lambda c=chart: self.export_chart(c))

        # Breakdown table
        self.breakdown_model: RowTableModel[StatsRow] = RowTableModel(BREAKDOWN_COLUMNS, self)
        self.breakdown_table = QTableView(self)
        leave_on_tab(self.breakdown_table)
        self.breakdown_table.setObjectName("dashboardBreakdownTable")
        self.breakdown_table.setModel(self.breakdown_model)
        self.breakdown_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.breakdown_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.breakdown_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.breakdown_table.verticalHeader().hide()
        self.breakdown_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.breakdown_table.horizontalHeader().setStretchLastSection(True)
        self.breakdown_table.setMinimumHeight(160)

        content_layout = QVBoxLayout(self.content)
        content_layout.addLayout(self.tile_grid)
        content_layout.addLayout(charts)
        content_layout.addWidget(QLabel("Breakdown (double-click a row for its offers):", self.content))
        content_layout.addWidget(self.breakdown_table)
        self.breakdown_table.doubleClicked.connect(lambda index: self.open_group(index.row()))
        waiting, self._waiting_query = self._waiting_query, None
        if waiting is not None:  # once the new widgets are laid out and painted (a timer comes after those events)
            QTimer.singleShot(1, self, lambda: self._compute(waiting))

    def _date_edit(self, name: str, value: date) -> TypedDateEdit:
        """A typed date (the interface's short notation or ISO-8601), read strictly: never another date than typed.
        Empty means no bound on that side."""
        edit = TypedDateEdit(self)
        edit.setObjectName(name)
        edit.set_value(value)
        edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("00/00/0000") + 40)
        return edit

    def _update_dates(self) -> None:
        enabled = not self.all_time.isChecked()
        self.since_edit.setEnabled(enabled)
        self.until_edit.setEnabled(enabled)

    def _period_edited(self) -> None:
        """A date typed and confirmed (Enter or leaving the field) applies the period, if it is one."""
        if not self.all_time.isChecked() and self.query() != (self.report.query if self.report else None):
            self.refresh()

    # The report

    def period_problem(self) -> str | None:
        """Why the typed period cannot be used, naming the field; None when it can (or "All time" is ticked)."""
        if self.all_time.isChecked():
            return None
        for label, edit in (("From", self.since_edit), ("To", self.until_edit)):
            problem = edit.problem()
            if problem:
                return f"{label}: {problem}"
        since, until = self.since_edit.value(), self.until_edit.value()
        backwards = since is not None and until is not None and since > until
        for edit in (self.since_edit, self.until_edit):  # both readable here: only the order can be wrong
            edit.setProperty("invalid", backwards)
            edit.setStyleSheet("border: 1px solid #c0392b;" if backwards else "")
        if backwards:
            return f"The period starts ({fmt.day(since)}) after it ends ({fmt.day(until)}); correct one of the dates."
        return None

    def query(self) -> StatsQuery | None:
        """The period and breakdown as typed, or None while a date cannot be read (see `period_problem`)."""
        from offerdesk.services.stats import StatsQuery

        by = self.breakdown.currentData()
        if self.all_time.isChecked():
            return StatsQuery(by=by)
        if self.period_problem() is not None:
            return None
        return StatsQuery(since=self.since_edit.value(), until=self.until_edit.value(), by=by)

    def period_text(self, query: StatsQuery) -> str:
        """The period of a report in words, for the charts' saved images."""
        if query.since is None and query.until is None:
            return "All time"
        if query.until is None:
            return f"From {fmt.day(query.since)}"
        if query.since is None:
            return f"Until {fmt.day(query.until)}"
        return f"{fmt.day(query.since)} – {fmt.day(query.until)}"

    def refresh(self) -> None:
        """Computes the report in the thread pool; only the newest request's answer is shown. A period that cannot
        be read is named instead, and the figures on screen stay those of the last period that could."""
        query = self.query()
        if query is None:
            problem = self.period_problem() or ""
            shown = f" The figures shown are still for {self.period_text(self.report.query)}." if self.report else ""
            self.busy.setText(problem + shown)
            self.busy.setToolTip(problem)
            return
        self.busy.setToolTip("")
        self.busy.setText("Calculating…")
        if not self._content_built and self.isVisible():
            # Computed once the charts are built: the report's Python and the building would share the GIL, each
            # slowing the other, and the building is what the user is waiting to see.
            self._waiting_query = query
            return
        self._compute(query)

    def _compute(self, query: StatsQuery) -> None:
        stats = self._stats
        self._generation += 1
        generation = self._generation
        self._pending += 1

        def work(_signals: workers.TaskSignals) -> StatsReport:
            return stats.report(query)

        workers.start(
            self,
            work,
            lambda report: self._done(generation, report),
            lambda sentence, details: self._failed(generation, sentence, details),
        )

    def _done(self, generation: int, report: Any) -> None:
        self._pending -= 1
        if generation != self._generation:
            return
        self.busy.setText("")
        self.show_report(report)

    def _failed(self, generation: int, sentence: str, details: str) -> None:
        self._pending -= 1
        if generation != self._generation:
            return
        self.busy.setText("")
        self._prompter.error("Dashboard not updated", sentence, details)

    def on_changes(self, changes: Changes, _initiator: object | None = None) -> None:
        if changes.touches(Kind.OFFERS, Kind.CALLS):
            self._refresher.mark_stale()

    def show_report(self, report: StatsReport) -> None:
        self.build_content()
        self.report = report
        self._show_tiles(report)
        self._show_charts(report)
        shown = [replace(row, group=group_label(report.query.by, row.group)) for row in report.rows]
        self.breakdown_model.set_rows(shown or [report.overall])
        self.breakdown_table.resizeColumnsToContents()
        self.export_button.setEnabled(True)
        self.reportShown.emit()

    def _show_tiles(self, report: StatsReport) -> None:
        from offerdesk.ui.panels.metric_tile import MetricTile

        keys = [key for key in report.definitions if key != DECLINE_REASONS] or list(TILE_KEYS)
        for key in keys:
            tile = self.tiles.get(key)
            if tile is None:
                tile = MetricTile(f"tile_{key}", parent=self)
                tile.clicked.connect(lambda k=key: self.open_tile_drill_down(k))
                self.tiles[key] = tile
            definition = report.definitions.get(key)
            metric = report.overall.metrics.get(key)
            tile.show_value(
                metric.display if metric is not None else "",
                definition.label if definition is not None else (metric.label if metric is not None else key),
                definition.sentence if definition is not None else "",
                bool(metric is not None and metric.small_sample),
                metric.offer_ids if metric is not None else (),
            )
        self.open_tile.show_value(str(report.open_offers), "Still open", OPEN_SENTENCE)
        self.rescinded_tile.show_value(str(report.rescinded), "Rescinded", RESCINDED_SENTENCE)
        all_tiles = [*(self.tiles[key] for key in keys), self.open_tile, self.rescinded_tile]
        if all_tiles == self._laid_out:
            return
        for tile in self._laid_out:
            self.tile_grid.removeWidget(tile)
        columns = 4
        for position, tile in enumerate(all_tiles):
            self.tile_grid.addWidget(tile, position // columns, position % columns)
        self._laid_out = all_tiles

    def _show_charts(self, report: StatsReport) -> None:
        from offerdesk.ui.panels.dashboard_charts import percent_or_nan

        for chart in self.charts:
            chart.subtitle = self.period_text(report.query)
        months = month_rows(report.over_time)
        self.over_time_chart.set_points(
            [label for label, _row in months],
            [percent_or_nan(metric_value(row, ACCEPTANCE) if row is not None else None) for _label, row in months],
        )
        self._chart_targets[self.over_time_chart.objectName()] = [
            (label, group_offer_ids(row) if row is not None else ()) for label, row in months
        ]
        self.decline_chart.set_bars(
            [reason_label(reason) for reason, _count, _ids in report.decline_reasons],
            [float(count) for _reason, count, _ids in report.decline_reasons],
        )
        self._chart_targets[self.decline_chart.objectName()] = [
            (f"Declined: {reason_label(reason)}", tuple(ids)) for reason, _count, ids in report.decline_reasons
        ]
        for chart, rows in ((self.ask_style_chart, report.by_ask_style), (self.objection_chart, report.by_objection)):
            chart.set_bars([row.shown for row in rows], [percent_or_nan(metric_value(row, ACCEPTANCE)) for row in rows])
            self._chart_targets[chart.objectName()] = [(row.shown, group_offer_ids(row)) for row in rows]

    # Drill-down

    def open_drill_down(self, title: str, offer_ids: Sequence[int]) -> DrillDownDialog:
        from offerdesk.ui.dialogs.drill_down import DrillDownDialog

        if self.drill_down is not None:
            self.drill_down.close()
            self.drill_down.deleteLater()
        dialog = DrillDownDialog(self._stats, title, offer_ids, self)
        dialog.offerChosen.connect(self.offerChosen)
        dialog.setModal(False)
        dialog.show()
        self.drill_down = dialog
        return dialog

    def open_tile_drill_down(self, key: str) -> DrillDownDialog | None:
        tile = self.tiles.get(key)
        if tile is None:
            return None
        return self.open_drill_down(tile.name_label.text(), tile.offer_ids)

    def open_group(self, row: int) -> DrillDownDialog | None:
        rows = self.breakdown_model.rows()
        if not 0 <= row < len(rows):
            return None
        return self.open_drill_down(rows[row].shown, group_offer_ids(rows[row]))

    def _chart_clicked(self, chart: ChartBox, index: int) -> None:
        targets = self._chart_targets.get(chart.objectName(), [])
        if 0 <= index < len(targets):
            title, ids = targets[index]
            self.open_drill_down(title, ids)

    def _group(self, *widgets: QWidget) -> QWidget:
        """Widgets that read as one phrase (“From … to …”) and so wrap together."""
        group = QWidget(self)
        row = QHBoxLayout(group)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            row.addWidget(widget)
        return group

    # Exports

    def export_csv(self) -> Path | None:
        if self.report is None:
            return None
        target = self._prompter.save_file(
            "Export report CSV",
            f"offerdesk-report-{date.today().isoformat()}.csv",
            "CSV file (*.csv)",
            purpose="exports",
        )
        if target is None:
            return None
        if target.suffix.lower() != ".csv":
            target = target.with_suffix(".csv")
        try:
            count = write_report_csv(self.report, target)
        except OSError as error:
            self._prompter.error("Report not exported", f"Could not write {target}: {error.strerror or error}")
            return None
        self.busy.setText(f"Saved {plural(count, 'row')} to {target.name}")
        return target

    def export_chart(self, chart: ChartBox) -> Path | None:
        name = re.sub(r"(?<!^)(?=[A-Z])", "-", chart.objectName().removeprefix("chart")).lower() or "chart"
        target = self._prompter.save_file(
            "Save Chart as PNG", f"offerdesk-{name}.png", "PNG image (*.png)", purpose="exports"
        )
        if target is None:
            return None
        if target.suffix.lower() != ".png":
            target = target.with_suffix(".png")
        try:
            chart.export_png(target)
        except OSError as error:
            reason = error.strerror or str(error)
            self._prompter.error(
                "Chart not saved", f"Could not write the chart “{chart.title_text}” to {target}: {reason}"
            )
            return None
        self.busy.setText(f"Saved {target.name}")
        return target
