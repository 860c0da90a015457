"""A finished background task lets go of what it carried: its signals object (and the result its callbacks hold)
is not kept by the widget that asked, so typing searches for an afternoon does not pile up pages of rows."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject

from offerdesk.ui import workers


def _deliver_deferred_deletes() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_finished_and_failed_tasks_leave_no_signals_behind(qtbot) -> None:  # type: ignore[no-untyped-def]
    owner = QObject()
    answers: list[object] = []

    def fail(_signals: workers.TaskSignals) -> None:
        raise ValueError("no")

    for number in range(10):
        workers.start(owner, lambda _signals, n=number: n, answers.append, lambda *_: None)
        workers.start(owner, fail, lambda _result: None, lambda sentence, _details: answers.append(sentence))
    qtbot.waitUntil(lambda: len(answers) == 20)
    _deliver_deferred_deletes()
    assert owner.findChildren(workers.TaskSignals) == []


def test_a_search_list_keeps_no_signals_of_its_past_searches(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    from offerdesk.ui.models.candidate_table import CandidateTableModel

    model = CandidateTableModel(services.candidates)
    for text in ("a", "an", "ann", ""):
        model.set_query(text)
        assert model.settle()
    qtbot.wait(10)
    workers.wait_for_all()
    qtbot.wait(10)
    _deliver_deferred_deletes()
    assert model.findChildren(workers.TaskSignals) == []
