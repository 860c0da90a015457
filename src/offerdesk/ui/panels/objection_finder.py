"""The call's objection search: ranked results with the words that matched, a search that learns which handler
the recruiter opens for which words, and a quiet suggestion of the objection the notes being typed sound like.

The ranking and the suggestion are the search engine's (services/callprep/objection_search.py); this module only
shows them and tells the engine's memory what was chosen. Every remembered search can be taken back.
"""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QMouseEvent, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from offerdesk.domain.labels import reason_label
from offerdesk.services.callprep.objection_search import ObjectionHit, ObjectionIndex, load_index, no_match_advice
from offerdesk.services.setup.bootstrap import Services
from offerdesk.ui.dialogs.prompter import Prompter
from offerdesk.ui.keys import CALL_SCRIPT_KEYS, key_label
from offerdesk.ui.theme import status_colour

log = logging.getLogger(__name__)

CODE_ROLE = Qt.ItemDataRole.UserRole
RANK_ROLE = Qt.ItemDataRole.UserRole + 1  # 1, 2, 3 for the top three; 0 for the rest
MATCHED_ROLE = Qt.ItemDataRole.UserRole + 2  # the item's words the query matched
REMEMBERED_ROLE = Qt.ItemDataRole.UserRole + 3  # True when an earlier choice for these words lifted it
TOP = 3
NOTES_PAUSE_MS = 250  # how long the notes rest before the suggestion is looked for: typing never waits on it


def forget_all_searches(services: Services, prompter: Prompter) -> int | None:
    """Asks first, naming how many; returns how many went, or None when nothing went (nothing there or kept)."""
    memory = services.search_memory
    count = len(memory)
    if count == 0:
        prompter.info("Forget remembered searches", "No objection searches are remembered on this computer.")
        return None
    searches = "search" if count == 1 else f"{count:,} searches"
    if not prompter.confirm(
        "Forget remembered searches?",
        f"Forget the {searches} remembered from the objections you opened? The objection search will rank "
        "as if it had never seen them. This cannot be undone.",
    ):
        return None
    try:
        return memory.forget_all()
    except OSError as error:
        prompter.error("Searches not forgotten", _write_failed(memory.path, error))
        return None


def _write_failed(path: object, error: OSError) -> str:
    return f"The remembered searches could not be written to {path}: {error.strerror or error}."


class _HitDelegate(QStyledItemDelegate):
    """The top three bold with their place as a badge, and the matched words in small type under the title."""

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QTextDocument:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette: QPalette = option.palette
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        colour = palette.color(text_role).name()
        muted = colour if selected else status_colour("muted").name()
        rank = int(index.data(RANK_ROLE) or 0)
        title = html.escape(str(index.data(Qt.ItemDataRole.DisplayRole) or ""))
        if rank:
            fill, ink = QPalette.ColorRole.Highlight, QPalette.ColorRole.HighlightedText
            if selected:  # the badge stays visible on the selection's own colour
                fill, ink = ink, fill
            badge = (
                f"<span style='background-color:{palette.color(fill).name()};"
                f" color:{palette.color(ink).name()}'>&nbsp;{rank}&nbsp;</span> "
            )
            title = f"{badge}<b>{title}</b>"
        notes = []
        matched = list(index.data(MATCHED_ROLE) or [])
        if rank and matched:
            notes.append("matched: " + html.escape(", ".join(matched)))
        if index.data(REMEMBERED_ROLE):
            notes.append("you chose it for these words before")
        small = f"<br><small style='color:{muted}'>{' · '.join(notes)}</small>" if notes else ""
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(3)
        document.setHtml(f"<span style='color:{colour}'>{title}</span>{small}")
        width = option.rect.width()
        if width > 0:
            document.setTextWidth(width)
        return document

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        view_option = QStyleOptionViewItem(option)
        self.initStyleOption(view_option, index)
        view_option.text = ""
        widget = view_option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, view_option, painter, widget)
        document = self._document(view_option, index)
        painter.save()
        rect = view_option.rect
        painter.translate(rect.topLeft())
        painter.setClipRect(QRectF(0, 0, rect.width(), rect.height()))
        document.documentLayout().draw(painter, QAbstractTextDocumentLayout.PaintContext())
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        view_option = QStyleOptionViewItem(option)
        self.initStyleOption(view_option, index)
        document = self._document(view_option, index)
        return QSize(int(document.idealWidth()) + 1, int(document.size().height()) + 1)


class _Suggestion(QLabel):
    """A line of text that opens on a click and never takes the focus (the cursor stays in the notes)."""

    clicked = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class ObjectionFinder(QWidget):
    """The search box and its results; `suggestion` is placed by the call under its notes box."""

    chosen = Signal(str)  # the code of the objection whose handler the recruiter opened

    def __init__(self, services: Services, prompter: Prompter, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._prompter = prompter
        self.memory = services.search_memory
        self.index: ObjectionIndex = load_index(services.database, self.memory)
        self.search = QLineEdit(self)
        self.search.setObjectName("objectionSearch")
        self.search.setPlaceholderText(placeholder)
        self.results = QListWidget(self)
        self.results.setObjectName("objectionResults")
        self.results.setItemDelegate(_HitDelegate(self.results))
        self.results.setWordWrap(True)
        self.results.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.advice = QLabel(self)
        self.advice.setObjectName("objectionAdvice")
        self.advice.setWordWrap(True)
        self.advice.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.list_area = QStackedWidget(self)
        self.list_area.addWidget(self.results)
        self.list_area.addWidget(self.advice)
        self.suggestion = _Suggestion(self)
        self.suggestion.setObjectName("objectionSuggestion")
        self.suggestion.hide()
        self.suggested: ObjectionHit | None = None
        self._notes: QPlainTextEdit | None = None
        self._listening = QTimer(self)
        self._listening.setSingleShot(True)
        self._listening.setInterval(NOTES_PAUSE_MS)
        self._listening.timeout.connect(self.suggest_from_notes)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.list_area, 1)
        self.search.textChanged.connect(self.run_search)
        self.search.returnPressed.connect(self.pick)
        self.results.itemActivated.connect(lambda _item: self.pick())
        self.results.customContextMenuRequested.connect(self._context_menu)
        self.suggestion.clicked.connect(self.open_suggestion)

    # -- searching ------------------------------------------------------------------------------------------
    def run_search(self, text: str | None = None) -> None:
        query = self.search.text() if text is None else text
        hits = self.index.search(query)
        remembered = self.memory.codes_for(query)
        self.results.clear()
        for place, hit in enumerate(hits, start=1):
            title = hit.title or reason_label(hit.code)
            item = QListWidgetItem(title)
            item.setData(CODE_ROLE, hit.code)
            item.setData(RANK_ROLE, place if place <= TOP and query.strip() else 0)
            item.setData(MATCHED_ROLE, list(hit.matched))
            item.setData(REMEMBERED_ROLE, hit.code in remembered)
            said = [f"matched: {', '.join(hit.matched)}"] if hit.matched else []
            if hit.code in remembered:
                said.append("you chose it for these words before; right-click to forget")
            item.setToolTip("\n".join([title, *said]))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, ". ".join([title, *said]))
            self.results.addItem(item)
        if hits:
            self.list_area.setCurrentWidget(self.results)
            self.results.setCurrentRow(0)
        else:
            self.advice.setText(no_match_advice(query, mention_codes=False))
            self.list_area.setCurrentWidget(self.advice)

    def result_codes(self) -> list[str]:
        return [str(self.results.item(row).data(CODE_ROLE)) for row in range(self.results.count())]

    def pick(self) -> None:
        """Open the chosen result's handler, and remember the words it was found by for the next search."""
        item = self.results.currentItem()
        if item is None or self.list_area.currentWidget() is not self.results:
            return
        code = str(item.data(CODE_ROLE))
        query = self.search.text()
        if query.strip():
            try:
                self.memory.remember(query, code)
            except OSError as error:  # only ranking is lost: the handler opens all the same
                log.warning("%s", _write_failed(self.memory.path, error))
        self.chosen.emit(code)

    def _context_menu(self, position: QPoint) -> None:
        item = self.results.itemAt(position)
        menu = self.result_menu(item) if item is not None else None
        if menu is not None:
            menu.exec(self.results.viewport().mapToGlobal(position))
            menu.deleteLater()

    def result_menu(self, item: QListWidgetItem) -> QMenu | None:
        """Only a result an earlier choice lifted has something to take back."""
        if not item.data(REMEMBERED_ROLE):
            return None
        menu = QMenu(self.results)
        forget = menu.addAction(f"Forget this search (“{self.search.text().strip()}”)")
        forget.setObjectName("forgetSearch")
        forget.triggered.connect(lambda: self.forget_search(item))
        return menu

    def forget_search(self, item: QListWidgetItem) -> None:
        """The words typed no longer lift this objection; the list re-ranks at once."""
        try:
            self.memory.forget(self.search.text(), str(item.data(CODE_ROLE)))
        except OSError as error:
            self._prompter.error("Search not forgotten", _write_failed(self.memory.path, error))
        self.run_search()

    # -- listening to the notes -----------------------------------------------------------------------------
    def listen_to(self, notes: QPlainTextEdit) -> None:
        """Suggest the likely objection once the typing pauses; the notes keep their focus and their text."""
        self._notes = notes
        notes.textChanged.connect(self._listening.start)

    def suggest_from_notes(self) -> None:
        text = self._notes.toPlainText() if self._notes is not None else ""
        hit = self.index.suggest(text) if text.strip() else None
        self.suggested = hit
        if hit is None:
            self.suggestion.hide()
            return
        title = hit.title or reason_label(hit.code)
        keys = next(key_label(key.keys[0]) for key in CALL_SCRIPT_KEYS if key.name == "suggestion")
        self.suggestion.setText(f"<b>Sounds like:</b> {html.escape(title)} — <i>{keys} or click to open</i>")
        self.suggestion.setToolTip(f"Open the handler for “{title}”")
        self.suggestion.show()

    def open_suggestion(self) -> None:
        if self.suggested is not None and self.suggestion.isVisible():
            self.chosen.emit(self.suggested.code)
