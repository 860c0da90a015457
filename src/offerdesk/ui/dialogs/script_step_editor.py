"""One step of a call script in the library editor: its title, its text (one per ask style for the ask), its tip."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLineEdit, QPlainTextEdit, QWidget


def plain_editor(parent: QWidget, name: str, height: int = 90) -> QPlainTextEdit:
    """A named plain-text box of at least `height` pixels (tests and the style sheet find it by name)."""
    editor = QPlainTextEdit(parent)
    editor.setObjectName(name)
    editor.setMinimumHeight(height)
    return editor


class StepEditor(QGroupBox):
    """One script step: its title, its text (or one text per ask style for the ask) and the coaching tip."""

    def __init__(self, step: dict[str, Any], parent: QWidget) -> None:
        super().__init__(str(step.get("title", "")), parent)
        self.setObjectName(f"step_{step['key']}")
        self._step = dict(step)
        form = QFormLayout(self)
        self.title_edit = QLineEdit(str(step.get("title", "")), self)
        self.title_edit.setObjectName("stepTitle")
        form.addRow("Title", self.title_edit)
        self.text_edit: QPlainTextEdit | None = None
        self.variants: dict[str, QPlainTextEdit] = {}
        if "variants" in step:
            for style, text in dict(step["variants"]).items():
                editor = plain_editor(self, f"variant_{style}", 60)
                editor.setPlainText(str(text))
                self.variants[style] = editor
                form.addRow(str(style).replace("_", " ").capitalize(), editor)
        else:
            self.text_edit = plain_editor(self, "stepText")
            self.text_edit.setPlainText(str(step.get("text", "")))
            form.addRow("Text", self.text_edit)
        self.tip_edit = QLineEdit(str(step.get("tip", "")), self)
        self.tip_edit.setObjectName("stepTip")
        form.addRow("Tip", self.tip_edit)

    def value(self) -> dict[str, Any]:
        step: dict[str, Any] = {"key": self._step["key"], "title": self.title_edit.text()}
        if self.text_edit is not None:
            step["text"] = self.text_edit.toPlainText()
        else:
            step["variants"] = {style: editor.toPlainText() for style, editor in self.variants.items()}
        if self.tip_edit.text().strip():
            step["tip"] = self.tip_edit.text()
        return step
