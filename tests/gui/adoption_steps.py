"""What a recruiter does to start adopting a letter, for the mapping-screen tests."""

from __future__ import annotations

from pathlib import Path

from offerdesk.ui.dialogs.adopt_template import AdoptTemplateDialog
from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.main_window import MainWindow


def open_adoption(window: MainWindow, prompter: RecordingPrompter, source: Path) -> AdoptTemplateDialog:
    """Letters → Letter Templates…, Adopt a letter…, the file chosen: the mapping screen it opens."""
    window.menu_actions.templates.trigger()
    prompter.files.append(source)
    window.template_dialog.adopt_button.click()
    dialog = window.template_dialog.adopt_dialog
    assert isinstance(dialog, AdoptTemplateDialog)
    return dialog
