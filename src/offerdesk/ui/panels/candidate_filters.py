"""The candidate filter bar: stage, role, recruiter, offer status, tags, follow-up due, readiness and archive scope.

The bar edits every part of a CandidateFilter except the search text (the search box owns that). What it offers
(roles, recruiters, tags) comes from `fetch_choices`, which runs in the thread pool together with the view counts.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QWidget,
)

from offerdesk.domain.candidate_filter import ArchiveScope, CandidateFilter, ViewCount
from offerdesk.domain.candidates import Stage
from offerdesk.domain.offers import OfferStatus
from offerdesk.domain.wording import noun

if TYPE_CHECKING:
    from offerdesk.services.candidates.listing import CandidateService
    from offerdesk.services.candidates.views import CandidateViews
    from offerdesk.services.offers.roles import RoleService

ARCHIVE_CHOICES = (("Active", ArchiveScope.ACTIVE), ("Archived", ArchiveScope.ARCHIVED), ("All", ArchiveScope.ALL))


@dataclass(frozen=True)
class ListChoices:
    """What the sidebar and the filter bar offer; fetched off the GUI thread in one go."""

    views: list[ViewCount] = field(default_factory=list)
    role_titles: dict[int, str] = field(default_factory=dict)
    recruiters: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


def fetch_choices(views: CandidateViews, roles: RoleService, candidates: CandidateService) -> ListChoices:
    """Run in a worker: every call opens its own session."""
    return ListChoices(
        views=views.views(),
        role_titles={role.id: role.title for role in roles.list(order_by_title=True)},
        recruiters=candidates.known_recruiters(),
        tags=candidates.known_tags(),
    )


class MultiChoice(QToolButton):
    """A button with a menu of checkable choices; its text says what is chosen (“Any” when nothing)."""

    changed = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMenu(QMenu(self))
        self._labels: dict[Hashable, str] = {}
        self._actions: dict[Hashable, QAction] = {}
        self._chosen: list[Hashable] = []
        self._update_text()

    def set_options(self, options: Sequence[tuple[Hashable, str]]) -> None:
        """Offer these; a chosen value that is no longer offered stays, so it can still be unticked."""
        self._labels = dict(options)
        for value in self._chosen:
            self._labels.setdefault(value, str(value))
        self._rebuild()

    def chosen(self) -> tuple[Hashable, ...]:
        return tuple(self._chosen)

    def set_chosen(self, values: Sequence[Hashable]) -> None:
        if list(values) == self._chosen:
            return  # unchanged: never rebuild a menu that may be open and emitting
        self._chosen = list(values)
        for value in self._chosen:
            self._labels.setdefault(value, str(value))
        self._rebuild()

    def action_for(self, value: Hashable) -> QAction | None:
        return self._actions.get(value)

    def _rebuild(self) -> None:
        menu = self.menu()
        menu.clear()
        self._actions = {}
        for value, label in self._labels.items():
            action = menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(value in self._chosen)
            action.toggled.connect(lambda checked, v=value: self._toggled(v, checked))
            self._actions[value] = action
        if not self._labels:
            menu.addAction("Nothing to choose yet").setEnabled(False)
        self._update_text()

    def _toggled(self, value: Hashable, checked: bool) -> None:
        if checked and value not in self._chosen:
            self._chosen.append(value)
        elif not checked and value in self._chosen:
            self._chosen.remove(value)
        self._update_text()
        self.changed.emit()

    def _update_text(self) -> None:
        labels = [self._labels.get(value, str(value)) for value in self._chosen]
        self.setText(", ".join(labels) if labels else "Any")
        self.setToolTip(", ".join(labels))


class CandidateFilterBar(QFrame):
    filterChanged = Signal(object)  # CandidateFilter, without the search text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("candidateFilterBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._quiet = False
        self.stages = MultiChoice("filterStage", self)
        self.stages.set_options([(stage, stage.label) for stage in Stage])
        self.roles = MultiChoice("filterRole", self)
        self.recruiters = MultiChoice("filterRecruiter", self)
        self.offer_statuses = MultiChoice("filterOffer", self)
        self.offer_statuses.set_options([(status, status.label) for status in OfferStatus])
        self.tags = MultiChoice("filterTags", self)
        self.follow_up_due = QCheckBox("Follow-up due", self)
        self.follow_up_due.setObjectName("filterFollowUpDue")
        self.min_readiness = QSpinBox(self)
        self.min_readiness.setObjectName("filterReadiness")
        self.min_readiness.setRange(0, 10)
        self.min_readiness.setSpecialValueText("Any")
        self.archive = QComboBox(self)
        self.archive.setObjectName("filterArchive")
        for label, _scope in ARCHIVE_CHOICES:
            self.archive.addItem(label)
        self.clear_button = QPushButton("Clear filters", self)
        self.clear_button.setObjectName("filterClear")
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 4, 6, 4)
        cells: list[tuple[str, QWidget]] = [
            ("Stage", self.stages),
            ("Role", self.roles),
            ("Recruiter", self.recruiters),
            ("Offer", self.offer_statuses),
            ("Tags", self.tags),
            ("Readiness ≥", self.min_readiness),
            ("Show", self.archive),
        ]
        for position, (label, widget) in enumerate(cells):
            row, column = divmod(position, 2)
            grid.addWidget(QLabel(label, self), row, column * 2)
            grid.addWidget(widget, row, column * 2 + 1)
        grid.addWidget(self.follow_up_due, 3, 2, 1, 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.addWidget(self.clear_button, 4, 0, 1, 4)
        for choice in (self.stages, self.roles, self.recruiters, self.offer_statuses, self.tags):
            choice.changed.connect(self._emit)
        self.follow_up_due.toggled.connect(lambda _checked: self._emit())
        self.min_readiness.valueChanged.connect(lambda _value: self._emit())
        self.archive.currentIndexChanged.connect(lambda _index: self._emit())
        self.clear_button.clicked.connect(lambda: self.filterChanged.emit(CandidateFilter()))

    def set_choices(self, choices: ListChoices) -> None:
        self.roles.set_options(list(choices.role_titles.items()))
        self.recruiters.set_options([(name, name) for name in choices.recruiters])
        self.tags.set_options([(tag, tag) for tag in choices.tags])

    def current(self) -> CandidateFilter:
        readiness = self.min_readiness.value()
        return CandidateFilter(
            stages=tuple(Stage(value) for value in self.stages.chosen() if isinstance(value, str)),
            role_ids=tuple(value for value in self.roles.chosen() if isinstance(value, int)),
            recruiters=tuple(str(value) for value in self.recruiters.chosen()),
            offer_statuses=tuple(OfferStatus(v) for v in self.offer_statuses.chosen() if isinstance(v, str)),
            tags=tuple(str(value) for value in self.tags.chosen()),
            follow_up_due=self.follow_up_due.isChecked(),
            min_readiness=readiness or None,
            archive=ARCHIVE_CHOICES[max(0, self.archive.currentIndex())][1],
        )

    def set_filter(self, where: CandidateFilter) -> None:
        """Show `where` without announcing it (it came from a view or a chip, which applied it already)."""
        if self.current() == where.without_query():
            return
        self._quiet = True
        try:
            self.stages.set_chosen(where.stages)
            self.roles.set_chosen(where.role_ids)
            self.recruiters.set_chosen(where.recruiters)
            self.offer_statuses.set_chosen(where.offer_statuses)
            self.tags.set_chosen(where.tags)
            self.follow_up_due.setChecked(where.follow_up_due)
            self.min_readiness.setValue(where.min_readiness or 0)
            self.archive.setCurrentIndex([scope for _label, scope in ARCHIVE_CHOICES].index(where.archive))
        finally:
            self._quiet = False

    def _emit(self) -> None:
        if not self._quiet:
            self.filterChanged.emit(self.current())


def without_part(where: CandidateFilter, part: str) -> CandidateFilter:
    """The filter with one chip's part back to its default (“Stage: Offer” × → every stage)."""
    return replace(where, **{part: getattr(CandidateFilter(), part)})


FILTER_PARTS = (
    "query",
    "stages",
    "role_ids",
    "recruiters",
    "offer_statuses",
    "tags",
    "follow_up_due",
    "min_readiness",
    "archive",
)  # in the order describe() lists them


def chip_parts(where: CandidateFilter, role_titles: dict[int, str]) -> list[tuple[str, str]]:
    """(chip text, filter part) for every part that hides rows; the texts are describe()'s own."""
    found: list[tuple[str, str]] = []
    plain = CandidateFilter()
    for part in FILTER_PARTS:
        value = getattr(where, part)
        if value != getattr(plain, part):
            found.extend((text, part) for text in replace(plain, **{part: value}).describe(role_titles))
    return found


def count_line(where: CandidateFilter, shown: int, total: int | None, role_titles: dict[int, str]) -> str:
    """“1,204 of 100,000 candidates · Stage: Offer · Matching “ram””: how many, out of how many, and why.

    `total` is what the archive scope holds (None while it is being counted); the archive alone narrows nothing.
    """
    parts = chip_parts(where, role_titles)
    reasons = [text for text, part in parts if part != "query"] + [text for text, part in parts if part == "query"]
    narrowed = any(part != "archive" for _text, part in parts)
    if total is None or not narrowed:
        return " · ".join([f"{shown:,} {_noun(shown)}", *reasons])
    return " · ".join([f"{shown:,} of {total:,} {_noun(total)}", *reasons])


def _noun(count: int) -> str:
    return noun(count, "candidate")
