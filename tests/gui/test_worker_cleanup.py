"""A finished background task lets go of its callbacks: what they captured (a search's page of rows) is freed,
not kept for as long as the widget that asked lives, so typing searches for an afternoon does not pile up rows."""

from __future__ import annotations

import gc
import weakref

from PySide6.QtCore import QCoreApplication, QEvent, QObject

from offerdesk.ui import workers


class Payload:
    """Stands for what a callback captures (the list model's fetch with its rows)."""


def test_finished_and_failed_tasks_let_go_of_what_their_callbacks_captured(qtbot) -> None:  # type: ignore[no-untyped-def]
    owner = QObject()
    answers: list[object] = []
    captured: list[weakref.ref[Payload]] = []

    def fail(_signals: workers.TaskSignals) -> None:
        raise ValueError("no")

    for number in range(10):
        kept, lost = Payload(), Payload()
        captured += [weakref.ref(kept), weakref.ref(lost)]
        workers.start(owner, lambda _signals, n=number: n, lambda result, p=kept: answers.append(p and result),
                      lambda *_: None)  # fmt: skip
        workers.start(owner, fail, lambda _result: None, lambda sentence, _details, p=lost: answers.append(p))
        del kept, lost
    qtbot.waitUntil(lambda: len(answers) == 20)
    answers.clear()
    gc.collect()
    assert [ref for ref in captured if ref() is not None] == []


def _turn_event_loop(qtbot) -> None:  # type: ignore[no-untyped-def]
    workers.wait_for_all()
    qtbot.wait(5)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_the_signals_of_finished_tasks_do_not_pile_up_on_their_owner(qtbot) -> None:  # type: ignore[no-untyped-def]
    owner = QObject()
    answers: list[int] = []
    for number in range(20):
        workers.start(owner, lambda _signals, n=number: n, answers.append, lambda *_: None)
        qtbot.waitUntil(lambda n=number: len(answers) == n + 1)
        _turn_event_loop(qtbot)
    assert answers == list(range(20))
    assert len(owner.findChildren(workers.TaskSignals)) == 1  # the last one's, let go of when the next starts


def test_a_search_list_keeps_few_signals_of_its_past_searches(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    from offerdesk.ui.models.candidate_table import CandidateTableModel

    model = CandidateTableModel(services.candidates)
    for text in ["a", "an", "ann", "anna", "", "o", "ol", "oli", ""] * 3:
        model.set_query(text)
        assert model.settle()
        _turn_event_loop(qtbot)
    assert len(model.findChildren(workers.TaskSignals)) <= 2


def test_a_task_whose_widget_went_meanwhile_ends_quietly(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The widget that asked is closed and deleted while its task runs: the answer goes nowhere, and no error is
    raised in the worker thread (where nobody would see it but the log)."""
    import threading

    from shiboken6 import delete

    owner = QObject()
    answered: list[object] = []
    started, finish = threading.Event(), threading.Event()

    def slow(_signals: workers.TaskSignals) -> int:
        started.set()
        finish.wait(5)
        return 1

    workers.start(owner, slow, answered.append, lambda *_: answered.append("failed"))
    assert started.wait(5)
    delete(owner)
    finish.set()
    assert workers.wait_for_all(5000)
    qtbot.wait(20)
    assert answered == []
