"""The window fits the screen it opens on, and every panel shows its buttons and columns on small screens."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMargins, QRect, QSettings, QSize
from pytestqt.qtbot import QtBot

from offerdesk.services.setup.bootstrap import Services
from offerdesk.ui.bus import ChangeBus
from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.main_window import MainWindow
from offerdesk.ui.views import squeezed
from offerdesk.ui.window_geometry import PREFERRED_SIZE, fitted_geometry
from tests.gui.fit_probe import cut_off_buttons, scroll_areas_needing_sideways_scroll, tables_needing_sideways_scroll
from tests.gui.panel_loads import open_editor, wait_for_panels

ROOT = Path(__file__).resolve().parents[2]
FRAME = QMargins(4, 30, 4, 4)


@pytest.mark.parametrize(
    "available",
    [QRect(0, 0, 1024, 700), QRect(0, 0, 1366, 740), QRect(0, 0, 800, 470), QRect(1920, 24, 1366, 744)],
    ids=["1024x700", "1366x768 less a panel", "1600x1000 at scale 2", "second screen"],
)
def test_the_first_size_fits_the_screen_with_its_frame(available: QRect) -> None:
    placed = fitted_geometry(QRect(0, 0, PREFERRED_SIZE.width(), PREFERRED_SIZE.height()), available, FRAME)
    assert available.contains(placed.marginsAdded(FRAME))
    assert placed.width() >= min(PREFERRED_SIZE.width(), available.width() - 8)


def test_a_screen_larger_than_wanted_keeps_the_wanted_size_and_position() -> None:
    wanted = QRect(100, 80, 1200, 800)
    assert fitted_geometry(wanted, QRect(0, 0, 2560, 1400), FRAME) == wanted


def test_a_window_off_the_screen_comes_back_onto_it() -> None:
    placed = fitted_geometry(QRect(3000, 2000, 900, 600), QRect(0, 0, 1366, 768), FRAME)
    assert QRect(0, 0, 1366, 768).contains(placed.marginsAdded(FRAME))
    assert placed.size() == QSize(900, 600)


def test_a_saved_size_larger_than_the_screen_is_fitted_to_it(
    qtbot: QtBot, services: Services, prompter: RecordingPrompter
) -> None:
    """A window state saved on a bigger screen (or at a smaller scale) opens inside today's screen."""
    first = MainWindow(services, ChangeBus(), prompter)
    qtbot.addWidget(first)
    first.setGeometry(0, 0, 2400, 1500)  # as if saved on a large monitor
    first.save_window_state()
    first.close()
    second = MainWindow(services, ChangeBus(), prompter)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    available = second.screen().availableGeometry()
    qtbot.waitUntil(lambda: available.contains(second.frameGeometry()))
    assert QSettings(str(services.paths.window_state_file), QSettings.Format.IniFormat).contains("geometry")


def test_the_window_opens_inside_the_screen(window: MainWindow) -> None:
    assert window.screen().availableGeometry().contains(window.frameGeometry())


def test_at_its_minimum_size_no_panel_hides_a_button_or_a_column(window: MainWindow, qtbot: QtBot) -> None:
    wait_for_panels(qtbot, window)  # the panels filled in, as they are seen
    window.resize(window.minimumSizeHint())
    qtbot.wait(50)
    for panel in (window.offer_summary, window.call_prep):
        assert cut_off_buttons(panel) == []
        assert scroll_areas_needing_sideways_scroll(panel) == []
    assert tables_needing_sideways_scroll(window.offer_summary) == []


def test_the_minimum_size_fits_a_1600x1000_screen_at_scale_2(window: MainWindow) -> None:
    """800×500 device-independent pixels, less a frame: the panels, the dashboard and the call view fit."""
    window.toggle_dashboard()
    window.start_call()
    minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
    assert minimum.width() <= 800 - 8 and minimum.height() <= 500 - 34, minimum


def _probe(tmp_path: Path, screen: tuple[int, int], scale: float = 1, resize: tuple[int, int] | None = None) -> dict:
    """Open the real window in a new process on an offscreen screen of this size and scale."""
    config = tmp_path / "screen.json"
    width, height = screen
    config.write_text(json.dumps({"screens": [{"name": "probe", "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "dpr": 1}]}))  # fmt: skip
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "QT_SCALE_FACTOR": str(scale),
           "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}  # fmt: skip
    args = [sys.executable, "-m", "tests.gui.fit_probe", str(tmp_path / "data")]
    if resize:
        args += [str(resize[0]), str(resize[1])]
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize("screen", [(1024, 700), (1366, 768)], ids=["1024x700", "1366x768"])
def test_on_a_small_screen_the_window_fits_and_shows_every_button(tmp_path: Path, screen: tuple[int, int]) -> None:
    seen = _probe(tmp_path, screen)
    assert seen["fits"], seen
    assert seen["cut_off"] == [] and seen["wide_panels"] == [] and seen["wide_tables"] == [], seen


def test_at_scale_2_on_a_1600x1000_screen_the_window_fits(tmp_path: Path) -> None:
    seen = _probe(tmp_path, (1600, 1000), scale=2)
    assert seen["scale"] == 2
    assert seen["available"][2:] == [800, 500]
    assert seen["fits"], seen
    assert seen["cut_off"] == [] and seen["wide_panels"] == [], seen


def test_a_state_saved_at_scale_1_reopens_inside_the_screen_at_scale_2(tmp_path: Path) -> None:
    first = _probe(tmp_path, (1600, 1000), resize=(1500, 940))  # saved on close at scale 1
    assert first["frame"][2] >= 1500
    second = _probe(tmp_path, (1600, 1000), scale=2)
    assert second["fits"], second


def test_a_dialog_larger_than_the_screen_opens_inside_it(window: MainWindow, qtbot: QtBot) -> None:
    """The scripts library asks for 1100×720 and the template library for 1100×640; the offscreen screen is
    800 wide."""
    window.show_library()
    window.show_templates()
    for dialog in (window.library_dialog, window.template_dialog):
        qtbot.waitExposed(dialog)
        available = dialog.screen().availableGeometry()
        qtbot.waitUntil(lambda d=dialog, a=available: a.contains(d.frameGeometry()))
        dialog.close()


def test_the_offer_editor_fits_a_1600x1000_screen_at_scale_2(window: MainWindow, qtbot: QtBot) -> None:
    """Its rows of choices and buttons wrap: it can be made narrower than 800 device-independent pixels."""
    wait_for_panels(qtbot, window)  # the selected candidate's offer is shown: it is the one edited
    dialog = open_editor(qtbot, window)
    qtbot.waitExposed(dialog)
    assert dialog.minimumSizeHint().width() <= 800 - 8, dialog.minimumSizeHint()
    dialog.close()


def test_narrow_columns_keep_their_width_when_a_table_is_squeezed() -> None:
    """Type, Status, Version, Base, Expires of the offer table in a 310-pixel panel: the short version and date
    columns stay whole, the long ones share the rest."""
    widths = squeezed([77, 106, 55, 80, 61], 310)
    assert sum(widths) <= 310
    assert widths[2] == 55 and widths[4] == 61
    assert widths[0] == widths[1] == widths[3]
    assert squeezed([40, 50], 300) == [40, 50]


def test_the_views_sidebar_gives_way_to_the_names_on_a_narrow_screen(tmp_path: Path) -> None:
    """At scale 2 on 1600×1000 the sidebar took more room than the names; it starts hidden there, shown on wide."""
    for name in ("narrow", "wide"):
        (tmp_path / name).mkdir()
    narrow = _probe(tmp_path / "narrow", (1600, 1000), scale=2)
    assert narrow["views_sidebar"] is False and narrow["name_column"] >= 180, narrow  # was 55 beside the sidebar
    wide = _probe(tmp_path / "wide", (1600, 1000))
    assert wide["views_sidebar"] is True, wide


def test_the_candidate_and_profile_editors_fit_500_pixels_of_height(window: MainWindow, qtbot: QtBot) -> None:
    """A 1600×1000 screen at scale 2 leaves 500 device-independent pixels: the forms scroll, the buttons stay."""
    from offerdesk.ui.dialogs.candidate_editor import CandidateEditor
    from offerdesk.ui.dialogs.profile_editor import ProfileEditorDialog

    candidate_id = window.services.candidates.search("Aisha")[0].id
    for dialog in (CandidateEditor(window.services, window.operations, candidate_id, window),
                   ProfileEditorDialog(window.services, window.bus, candidate_id, window)):  # fmt: skip
        qtbot.addWidget(dialog)
        assert dialog.minimumSizeHint().height() <= 500 - 34, (type(dialog).__name__, dialog.minimumSizeHint())
        dialog.resize(dialog.width(), 466)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert cut_off_buttons(dialog) == [], type(dialog).__name__
        dialog.close()
