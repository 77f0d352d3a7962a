"""The TaskRunner: writes one at a time in order, stale reads dropped, errors delivered."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from terminal.domain.errors import CardNotFound
from terminal.ui.tasks import TaskRunner


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    tasks = TaskRunner(readers=2)
    yield tasks
    tasks.shutdown()
    tasks.shutdown()  # safe twice


def test_results_and_errors_come_back_on_the_gui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    gui = threading.get_ident()
    seen: list[tuple[str, object, bool]] = []
    worker_threads: list[int] = []

    def work() -> int:
        worker_threads.append(threading.get_ident())
        return 42

    def refuse() -> None:
        raise CardNotFound()

    with qtbot.waitSignal(runner.idle):
        runner.read(work, lambda v: seen.append(("value", v, threading.get_ident() == gui)))
        runner.write(
            refuse,
            lambda _v: seen.append(("value", None, False)),
            lambda e: seen.append(("error", type(e).__name__, threading.get_ident() == gui)),
        )
    assert sorted(seen) == [("error", "CardNotFound", True), ("value", 42, True)]
    assert worker_threads
    assert worker_threads[0] != gui


def test_writes_run_one_at_a_time_in_the_order_asked(qtbot: QtBot, runner: TaskRunner) -> None:
    order: list[int] = []
    running = [0]
    overlap = [False]
    lock = threading.Lock()

    def write(n: int) -> int:
        with lock:
            running[0] += 1
            overlap[0] |= running[0] > 1
        order.append(n)
        with lock:
            running[0] -= 1
        return n

    done: list[int] = []
    with qtbot.waitSignal(runner.idle):
        for n in range(20):
            runner.write(lambda n=n: write(n), done.append)
    assert order == list(range(20)) == done
    assert not overlap[0]


def test_a_newer_read_of_the_same_key_makes_the_older_one_stale(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    release_a = threading.Event()
    shown: list[str] = []

    def card_a() -> str:
        release_a.wait(10)  # card A is slow to load ...
        return "A"

    with qtbot.waitSignal(runner.idle):
        runner.read(card_a, shown.append, key="card")
        runner.read(lambda: "B", shown.append, key="card")  # ... card B is scanned meanwhile
        qtbot.waitUntil(lambda: shown == ["B"])
        release_a.set()
    assert shown == ["B"]  # A's late answer was dropped


def test_a_write_of_a_key_in_flight_is_refused_so_a_double_press_submits_once(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    gate = threading.Event()
    calls: list[int] = []
    busy: list[tuple[str, bool]] = []
    runner.write_busy.connect(lambda key, on: busy.append((key, on)))

    def stamp() -> int:
        gate.wait(10)
        calls.append(1)
        return len(calls)

    with qtbot.waitSignal(runner.idle):
        first = runner.write(stamp, lambda _v: None, key="operation")
        second = runner.write(stamp, lambda _v: None, key="operation")
        assert runner.is_writing("operation")
        gate.set()
    assert first is not None
    assert second is None
    assert calls == [1]
    assert busy == [("operation", True), ("operation", False)]
    assert runner.write(stamp, lambda _v: None, key="operation") is not None  # free again
    qtbot.waitUntil(lambda: not runner.busy)


def test_a_result_for_a_widget_that_is_gone_is_dropped(qtbot: QtBot, runner: TaskRunner) -> None:
    gate = threading.Event()
    owner = QObject()
    delivered: list[object] = []
    with qtbot.waitSignal(runner.idle):
        runner.read(lambda: gate.wait(10), delivered.append, owner=owner)
        owner.deleteLater()
        qtbot.waitUntil(lambda: not _alive(owner))
        gate.set()
    assert delivered == []


def test_after_shutdown_nothing_runs_and_no_thread_is_left(qtbot: QtBot) -> None:
    before = set(threading.enumerate())
    runner = TaskRunner()
    with qtbot.waitSignal(runner.idle):
        runner.read(lambda: 1, lambda _v: None)
    runner.shutdown()
    assert runner.read(lambda: 1, lambda _v: None) is None
    assert runner.write(lambda: 1, lambda _v: None) is None
    assert [t for t in threading.enumerate() if t not in before and t.is_alive()] == []


def _alive(obj: QObject) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)
