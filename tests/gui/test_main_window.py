"""The main window as a recruiter uses it: pick a candidate, search, clear the demo, come back to the same layout."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from offerdesk.services.setup.bootstrap import Services
from offerdesk.ui.bus import ChangeBus
from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.main_window import MainWindow
from tests.gui.panel_loads import editor_shown, select, wait_for_panels


def test_window_opens_on_a_candidate_waiting_for_an_answer(window: MainWindow, qtbot: QtBot) -> None:
    assert window.candidate_model.rowCount() == 20
    wait_for_panels(qtbot, window)
    heading = window.call_prep.heading.text()
    selected = window.candidate_list.selected_id()
    assert selected is not None
    row = window.candidate_model.candidate_at(window.candidate_model.row_of(selected) or 0)
    assert row is not None and row.offer_status is not None and row.offer_status.is_open
    assert row.full_name in heading
    assert window.offer_summary.offers_model.rowCount() >= 1
    assert "20 candidates · 11 offers" in window.count_label.text()


def test_selecting_a_candidate_fills_call_prep_and_offer_editor(window: MainWindow, qtbot: QtBot) -> None:
    row = window.candidate_model.row_of(window.services.candidates.search("Sofia")[0].id)
    assert row is not None
    window.candidate_list.table.selectRow(row)
    wait_for_panels(qtbot, window)
    assert "Sofia Marín" in window.call_prep.heading.text()
    assert window.offer_summary.offers_model.rows()[0].status.value == "started"
    assert window.offer_summary.components_model.rowCount() >= 2
    history = [event.to_status.value for event in window.offer_summary.history_model.rows()]
    assert history[0] == "started" and history[-1] == "draft"
    assert "Base salary" in window.offer_summary.components_model.index(0, 0).data()
    script = window.call_prep.script_view.toPlainText()
    assert "Sofia" in script and "Brightpath Software" in script
    assert "«" not in script.split("Why we chose you")[0]  # the opening has every value it needs


def test_find_shortcut_and_search_filter_the_list(window: MainWindow, qtbot: QtBot) -> None:
    window.candidate_list.table.setFocus()
    qtbot.keySequence(window, QKeySequence.StandardKey.Find)
    assert window.candidate_list.search.hasFocus()
    qtbot.keyClicks(window.candidate_list.search, "okonkwo")
    qtbot.waitUntil(lambda: window.candidate_model.rowCount() == 1)
    qtbot.waitUntil(lambda: window.candidate_list.count.text() == "1 of 20 candidates · Matching “okonkwo”")
    wait_for_panels(qtbot, window)
    assert "Grace Okonkwo" in window.call_prep.heading.text()


def test_clearing_the_demo_asks_first_then_empties_every_panel(
    window: MainWindow, qtbot: QtBot, prompter: RecordingPrompter
) -> None:
    with qtbot.waitSignal(window.candidate_model.loaded):
        window.menu_actions.clear_demo.trigger()
    assert prompter.shown[0][0] == "confirm"
    assert window.candidate_model.rowCount() == 0
    assert window.call_prep.heading.text().startswith("Select a candidate")
    assert window.offer_summary.offers_model.rowCount() == 0
    assert "0 candidates · 0 offers" in window.count_label.text()


def test_declining_the_confirmation_keeps_the_demo(window: MainWindow, prompter: RecordingPrompter) -> None:
    prompter.answer = False
    window.menu_actions.clear_demo.trigger()
    assert window.candidate_model.rowCount() == 20


def test_changes_from_a_service_reach_every_view(window: MainWindow, qtbot: QtBot) -> None:
    wait_for_panels(qtbot, window)
    offer = window.offer_summary.offers_model.rows()[0]
    rescinded = offer.status.__class__("rescinded")
    window.bus.publish(window.services.offers.set_status(offer.id, rescinded, note="The role was closed"))
    wait_for_panels(qtbot, window)
    assert window.offer_summary.offers_model.rows()[0].status.value == "rescinded"


def test_geometry_and_splitter_are_remembered(qtbot: QtBot, services: Services, prompter: RecordingPrompter) -> None:
    first = MainWindow(services, ChangeBus(), prompter)
    qtbot.addWidget(first)
    first.show()
    first.resize(780, 580)  # inside the offscreen screen (800×800), above the minimum width
    first.splitter.setSizes([200, 500, 300])
    sizes = first.splitter.sizes()
    first.close()
    second = MainWindow(services, ChangeBus(), prompter)
    qtbot.addWidget(second)
    second.show()
    assert (second.size().width(), second.size().height()) == (780, 580)
    assert second.splitter.sizes() == sizes


def test_menus_use_platform_shortcuts(window: MainWindow) -> None:
    assert window.menu_actions.quit.shortcuts() == QKeySequence.keyBindings(QKeySequence.StandardKey.Quit)
    assert window.menu_actions.find.shortcut().matches(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_F)) != (
        QKeySequence.SequenceMatch.NoMatch
    )
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&Call", "&View", "&Letters", "&Help"]


def test_status_colours_follow_the_colour_scheme(window: MainWindow, qtbot: QtBot) -> None:
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication

    from offerdesk.ui import theme

    original = QApplication.palette()
    light = theme.status_colour("bad")
    dark_palette = QPalette(original)
    dark_palette.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    try:
        QApplication.setPalette(dark_palette)
        window.on_colour_scheme_changed()
        dark = theme.status_colour("bad")
    finally:
        QApplication.setPalette(original)
    assert dark.lightness() > light.lightness()


def test_call_menu_opens_practice_library_and_follow_ups(window: MainWindow, qtbot: QtBot) -> None:
    window.menu_actions.follow_ups.trigger()
    assert window.left_tabs.currentWidget() is window.follow_ups
    assert window.follow_ups.follow_up_model.rowCount() >= 1
    window.menu_actions.practice.trigger()
    assert window.practice_dialog.current_code
    window.practice_dialog.close()
    window.menu_actions.library.trigger()
    assert window.library_dialog.isVisible()
    window.library_dialog.close()


def test_prep_sheet_is_written_for_the_selected_candidate(
    window: MainWindow, prompter: RecordingPrompter, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from offerdesk.letters.text import document_text

    prompter.files.append(tmp_path / "prep.docx")
    window.menu_actions.prep_sheet.trigger()
    name = window.services.candidates.detail(window.candidate_list.selected_id()).row.full_name  # type: ignore[arg-type]
    assert f"Call prep: {name}" in document_text(tmp_path / "prep.docx")


def test_call_prep_ticks_off_the_checklist_from_the_profile(window: MainWindow, qtbot: QtBot) -> None:
    aisha = window.services.candidates.search("Aisha")[0].id
    select(qtbot, window, aisha)
    text = window.call_prep.checklist.text()
    assert text.count("✓") >= 5 and "☐" in text  # motivators, criteria, deciders… known; sponsorship needs not
    jonas = window.services.candidates.search("Jonas")[0].id
    select(qtbot, window, jonas)
    assert "✓" not in window.call_prep.checklist.text()


def test_dashboard_opens_from_the_view_menu_and_leads_to_an_offer(window: MainWindow, qtbot: QtBot) -> None:
    window.menu_actions.dashboard.trigger()
    dashboard = window.dashboard
    assert dashboard is not None and window.pages.currentWidget() is dashboard
    qtbot.waitUntil(lambda: dashboard.report is not None, timeout=15_000)
    overall = dashboard.report.overall.metrics["acceptance_rate"]
    assert overall.denominator == 7 and overall.numerator == 4  # the demo's decided offers, accepted ones
    offer_id = overall.offer_ids[0]
    dashboard.offerChosen.emit(offer_id)
    assert window.pages.currentWidget() is window.splitter
    assert editor_shown(qtbot, window).offer_id == offer_id


def test_pay_bands_are_edited_and_checked(window: MainWindow, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    window.menu_actions.pay_bands.trigger()
    dialog = window.bands_dialog
    qtmodeltester.check(dialog.model, force_py=True)
    assert dialog.model.rowCount() == 1
    dialog.table.selectRow(0)
    dialog.band_max.setText("80000")  # below the midpoint
    dialog.save()
    assert "minimum ≤ midpoint ≤ maximum" in dialog.problem.text()
    dialog.band_max.setText("12x")
    dialog.save()
    assert "not an amount" in dialog.problem.text()
    dialog.band_max.setText("110000")
    dialog.save()
    assert dialog.problem.text() == ""
    role_id = dialog.role_id()
    assert role_id is not None
    [band] = window.services.compensation.bands(role_id)
    assert band.band_max.minor == 110_000_00
