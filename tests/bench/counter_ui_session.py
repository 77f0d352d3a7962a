"""The Qt side of tests/bench/bench_counter_ui.py: one child process per measurement.

    python -m tests.bench.counter_ui_session scans --work DIR --plan FILE --out FILE \
        [--stall-ms MS]
    python -m tests.bench.counter_ui_session start --work DIR --out FILE --t0 EPOCH_S

Both build the counter as the app does (terminal.app.build_counter_app on DIR/terminal.db,
the window shown at 1366x768, CounterApp.start() with the camera), with a
ScriptedCounterCamera as the camera. The platform is the QT_QPA_PLATFORM the parent set.

- `scans` plays the --plan visits through the window (ScanDriver) while a 5 ms heartbeat timer
  on the GUI thread records every gap between its ticks.
- `start` is a cold start timed from EPOCH_S (the parent's time.time() just before it
  spawned this process) to an interactive idle screen, then RSS after the camera ran.
"""

from __future__ import annotations

import argparse
import collections
import gc
import json
import math
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from terminal.scanner.frames import AcceptedScan
from tests.bench.scripted_camera import ScriptedCounterCamera

HEARTBEAT_MS = 5
WARMUP_SCANS = 10
SCAN_TIMEOUT_MS = 5_000
STEP_TIMEOUT_MS = 15_000
EARN_AMOUNT = "23.40"
MEMORY_EVERY = 25  # visits between two resident-memory samples


@dataclass(frozen=True)
class Visit:
    card_id: str
    qr: str
    operation: str | None  # "stamp", "earn", "redeem" or None
    from_idle: bool  # the cashier pressed Esc before this customer


class ScanDriver(QObject):
    """Plays the plan on the GUI thread from signals and timers only (no sleep, no
    processEvents): hold a card to the camera, wait for the CardPanel's `painted` of that
    card, run the visit's operation through the window the way a cashier does (the F-key
    action, the amount typed and submitted, the reward picked and the PIN typed), then the
    next visit. A 5 ms heartbeat QTimer records the gaps between its ticks all along."""

    def __init__(
        self, counter: Any, camera: ScriptedCounterCamera, visits: list[Visit], pins: dict
    ) -> None:
        super().__init__()
        self._counter = counter
        self._window = counter.window
        self._camera = camera
        self._visits = visits
        self._pins = pins
        self._index = -1
        self._state = "idle"  # "scan", "dialogs", "result"
        self.label = "start"  # what the counter is doing, for the heartbeat's gaps
        self._accepted: dict[str, AcceptedScan] = {}
        self._painted_at = 0.0
        self.scans_after_paint = 0  # how often _scanned came after the card was painted
        self.memory: list[dict] = []  # resident memory every MEMORY_EVERY visits
        self.delete_dialogs = False  # diagnosis (the app now deletes closed dialogs itself)
        self.gc_freeze = False  # diagnosis (CounterApp.start() now freezes the gc itself)
        self._submitted_at = 0.0
        self._step: tuple[Callable[[], Any], Callable[[Any], None]] | None = None
        self.scans: list[dict] = []
        self.operations: list[dict] = []
        self.misses: list[dict] = []
        self.gaps: list[tuple[float, str]] = []
        self.last_tick = 0.0
        self.started_at = self.finished_at = 0.0
        self.done: Callable[[], None] = lambda: None
        self._heartbeat = QTimer(self)
        self._heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
        self._heartbeat.setInterval(HEARTBEAT_MS)
        self._heartbeat.timeout.connect(self._tick)
        self._watch = QTimer(self)
        self._watch.setInterval(5)
        self._watch.timeout.connect(self._check_step)
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.timeout.connect(self._give_up)
        self._window.card_screen.panel.painted.connect(self._painted)
        # This slot may run after the card was painted: the worker emits to the app's slot
        # first, then waits for the GIL (held by the GUI thread and a reader doing the
        # lookup) before it can post or call this one. So painted waits for it (_painted).
        counter.worker.scanned.connect(self._scanned)

    def begin(self) -> None:
        if self.gc_freeze:
            gc.freeze()
        self.started_at = self.last_tick = time.monotonic()
        self._heartbeat.start()
        self._next_visit()

    # --- visits -----------------------------------------------------------------------------

    @property
    def _visit(self) -> Visit | None:
        return self._visits[self._index] if 0 <= self._index < len(self._visits) else None

    def _next_visit(self) -> None:
        self._index += 1
        if self.delete_dialogs:
            for dialog in self._window.findChildren(QDialog):
                if not dialog.isVisible():
                    dialog.deleteLater()
        if self._index % MEMORY_EVERY == 0 or self._index == len(self._visits):
            self.memory.append({"visits": self._index, **_memory()})
        visit = self._visit
        if visit is None:
            self._finish()
            return
        window = self._window
        if visit.from_idle and window.stack.currentWidget() is not window.idle:
            window.return_to_idle()
        on_card = window.stack.currentWidget() is window.card_screen
        self.label = "scan, card to card" if on_card else "scan from idle"
        self._state = "scan"
        self._camera.hold(visit.qr)
        self._deadline.start(SCAN_TIMEOUT_MS)

    def _scanned(self, scan: AcceptedScan) -> None:
        self._accepted[scan.payload] = scan
        visit = self._visit
        if self._state == "painted" and visit is not None and scan.payload == visit.qr:
            self._scan_done(visit, self._painted_at)

    def _painted(self, card_id: str) -> None:
        now = time.monotonic()
        visit = self._visit
        if visit is None or card_id != visit.card_id:
            return
        if self._state == "scan":
            self._painted_at = now
            if visit.qr in self._accepted:
                self._scan_done(visit, now)
            else:
                self._state = "painted"  # the AcceptedScan is still on its way (_scanned)
                self.scans_after_paint += 1
        elif self._state == "result":
            self._end_step()
            operation = visit.operation or ""
            ms = (now - self._submitted_at) * 1000
            self.operations.append({"operation": operation, "i": self._index, "ms": ms})
            QTimer.singleShot(0, self._next_visit)

    def _scan_done(self, visit: Visit, painted_at: float) -> None:
        self._deadline.stop()
        self._record_scan(visit, painted_at)
        self._state = "idle"
        self.label = "between"
        QTimer.singleShot(0, self._operate)

    def _record_scan(self, visit: Visit, now: float) -> None:
        first = self._camera.first_seen(visit.qr)
        due = self._camera.due_at(visit.qr)
        accepted = self._accepted.get(visit.qr)
        if first is None or due is None or accepted is None:
            missing = [n for n, v in (("frame", first), ("due", due), ("scan", accepted)) if not v]
            why = f"painted, but no {'/'.join(missing)} recorded for it"
            self.misses.append({"i": self._index, "why": why})
            return
        scan = accepted
        self.scans.append(
            {
                "i": self._index,
                "kind": self.label,
                "latency_ms": (now - first) * 1000,
                "decoded_to_painted_ms": (now - scan.decoded_at) * 1000,
                "first_read_after_ms": (scan.first_captured_at - first) * 1000,
                "confirming_frame_to_decoded_ms": (scan.decoded_at - scan.captured_at) * 1000,
                "worker_late_ms": (first - due) * 1000,
                "reads": scan.reads,
            }
        )

    # --- operations, as a cashier does them -------------------------------------------------

    def _operate(self) -> None:
        visit = self._visit
        window = self._window
        if visit is None or visit.operation is None or window.card_screen.card is None:
            self._next_visit()
            return
        self.label = visit.operation
        self._deadline.start(STEP_TIMEOUT_MS)
        self._watch.start()
        if visit.operation == "stamp":
            self._submit(lambda: window.run_operation("stamp"))
        elif visit.operation == "earn":
            self._state = "dialogs"
            window.run_operation("earn")
            self._wait(self._dialog_of("AmountDialog"), self._type_amount)
        else:
            self._state = "dialogs"
            window.run_operation("redeem_points")
            self._wait(self._dialog_of("RewardsDialog"), self._pick_reward)

    def _submit(self, press: Callable[[], object]) -> None:
        self._state = "result"
        self._submitted_at = time.monotonic()
        press()

    def _type_amount(self, dialog: Any) -> None:
        dialog.amount.setText(EARN_AMOUNT)
        self._submit(dialog.ok_button.click)

    def _pick_reward(self, dialog: Any) -> None:
        rewards = dialog.rewards
        row = next(
            (
                i
                for i in range(rewards.count())
                if rewards.item(i).data(Qt.ItemDataRole.UserRole).available
            ),
            None,
        )
        if row is None:
            self._failed("no reward available for this card")
            return
        rewards.setCurrentRow(row)
        dialog.ok_button.click()
        self._wait(self._dialog_of("PinDialog"), self._type_pin)

    def _type_pin(self, dialog: Any) -> None:
        member = dialog.staff_list.currentItem().data(Qt.ItemDataRole.UserRole)
        dialog.pin.setText(self._pins[member.staff_id])
        self._submit(dialog.ok_button.click)

    def _dialog_of(self, kind: str) -> Callable[[], Any]:
        def found() -> Any:
            dialog = self._window.current_dialog
            return dialog if type(dialog).__name__ == kind else None

        return found

    def _wait(self, predicate: Callable[[], Any], then: Callable[[Any], None]) -> None:
        self._step = (predicate, then)

    def _check_step(self) -> None:
        refusal = self._refusal()
        if refusal:
            self._failed(refusal)
            return
        if self._step is not None:
            predicate, then = self._step
            value = predicate()
            if value is not None:
                self._step = None
                then(value)

    def _refusal(self) -> str:
        dialog = self._window.current_dialog
        label = getattr(dialog, "refusal", None)
        if label is not None and label.isVisible():
            return label.text()
        banner = self._window.card_screen.banner
        if banner.isVisible() and banner.objectName() == "refusal":
            return banner.text()
        return ""

    def _failed(self, why: str) -> None:
        self.misses.append({"i": self._index, "why": f"{self.label}: {why}"})
        self._end_step()
        QTimer.singleShot(0, self._next_visit)

    def _give_up(self) -> None:
        self.misses.append({"i": self._index, "why": f"{self.label}: timed out ({self._state})"})
        self._end_step()
        self._next_visit()

    def _end_step(self) -> None:
        self._deadline.stop()
        self._watch.stop()
        self._step = None
        self._state = "idle"
        self.label = "between"
        for _ in range(3):  # a PIN dialog over the rewards dialog
            dialog = self._window.current_dialog
            if dialog is None:
                break
            dialog.reject()

    def _tick(self) -> None:
        now = time.monotonic()
        self.gaps.append(((now - self.last_tick) * 1000, self.label))
        self.last_tick = now

    def _finish(self) -> None:
        self.finished_at = time.monotonic()
        self._heartbeat.stop()
        self._watch.stop()
        self.done()


def _memory() -> dict[str, float]:
    """Resident memory (MB); `shared` is the file-backed part on Linux (libraries, mmap)."""
    import psutil

    info = psutil.Process().memory_info()
    return {"rss_mb": info.rss / 2**20, "shared_mb": getattr(info, "shared", 0) / 2**20}


class GcPauses:
    """Python's garbage collections longer than 2 ms, on whichever thread ran them (every
    thread waits for the GIL meanwhile), with what the counter was doing."""

    def __init__(self, driver: ScanDriver) -> None:
        self._driver = driver
        self._began = 0.0
        self.pauses: list[dict] = []
        gc.callbacks.append(self._callback)

    def stop(self) -> None:
        gc.callbacks.remove(self._callback)

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        now = time.perf_counter()
        if phase == "start":
            self._began = now
            return
        ms = (now - self._began) * 1000
        if ms > 2:
            thread = threading.current_thread().name
            pause = {"ms": ms, "generation": info["generation"], "thread": thread}
            self.pauses.append(pause | {"label": self._driver.label})

    def summary(self) -> dict[str, Any]:
        """The pauses seen, then (after the visits) what one full collection costs, before
        and after gc.freeze() moves every object alive now out of the collector's way."""
        worst = sorted(self.pauses, key=lambda p: -p["ms"])
        tracked = len(gc.get_objects())
        began = time.perf_counter()
        gc.collect()
        full_ms = (time.perf_counter() - began) * 1000
        gc.freeze()
        began = time.perf_counter()
        gc.collect()
        frozen_ms = (time.perf_counter() - began) * 1000
        gc.unfreeze()
        return {
            "over_2ms": len(worst),
            "worst": worst[:10],
            "tracked_objects": tracked,
            "full_collection_ms": full_ms,
            "full_collection_after_freeze_ms": frozen_ms,
        }


class StallSampler(threading.Thread):
    """Diagnosis only (--stall-ms): where the GUI thread's Python stack is while the heartbeat
    is late by more than `threshold_ms`. It takes the GIL every 2 ms, so it perturbs a bit."""

    def __init__(self, driver: ScanDriver, threshold_ms: float) -> None:
        super().__init__(name="stall-sampler", daemon=True)
        self._driver = driver
        self._threshold = threshold_ms / 1000
        self._stopping = threading.Event()
        self._main = threading.main_thread().ident
        self.samples: collections.Counter[tuple[str, tuple[str, ...]]] = collections.Counter()

    def stop(self) -> None:
        self._stopping.set()
        self.join()

    def run(self) -> None:
        while not self._stopping.wait(0.002):
            if time.monotonic() - self._driver.last_tick < self._threshold:
                continue
            frame = sys._current_frames().get(self._main)  # type: ignore[arg-type]
            if frame is None:
                continue
            stack = tuple(
                f"{Path(f.filename).name}:{f.lineno} {f.name}"
                for f in traceback.extract_stack(frame)[-10:]
            )
            self.samples[(self._driver.label, stack)] += 1

    def top(self, count: int = 8) -> list[dict]:
        return [
            {"samples_2ms": n, "label": label, "stack": list(stack)}
            for (label, stack), n in self.samples.most_common(count)
        ]


# --- the two child commands -------------------------------------------------------------------


def _build(work: Path, marks: dict[str, float]) -> tuple[Any, Any, ScriptedCounterCamera]:
    """The counter as terminal.app.run_terminal builds it, with the scripted camera."""
    from terminal.app import build_counter_app, qt_application, terminal_is_activated
    from terminal.config import Settings

    settings = Settings(data_dir=work)
    qapp = qt_application(settings)
    marks["qapplication"] = time.time()
    if not terminal_is_activated(settings.database_path):  # opens the database once
        raise SystemExit(f"{settings.database_path} is not an activated terminal's database")
    marks["activation_checked"] = time.time()
    camera = ScriptedCounterCamera(work)
    counter = build_counter_app(settings, settings.database_path, source_factory=lambda: camera)
    marks["built"] = time.time()
    return qapp, counter, camera


def _show(counter: Any) -> None:
    counter.window.resize(1366, 768)
    counter.window.show()
    counter.start()


def run_scans(work: Path, plan: Path, out: Path, args: argparse.Namespace) -> None:
    from terminal.demo.catalog import CatalogSeed

    qapp, counter, camera = _build(work, {})
    visits = [Visit(**v) for v in json.loads(plan.read_text())]
    pins = {seed.staff_id: seed.pin for seed in CatalogSeed().staff}
    _show(counter)
    driver = ScanDriver(counter, camera, visits, pins)
    driver.delete_dialogs = args.delete_dialogs
    driver.gc_freeze = args.gc_freeze
    sampler = StallSampler(driver, args.stall_ms) if args.stall_ms else None
    pauses = GcPauses(driver)
    result: dict[str, Any] = {}

    def ready() -> bool:  # start data delivered, frames flowing, the idle screen up
        window = counter.window
        return window.info is not None and not counter.runner.busy and camera.delivered > 30

    def wait_then_begin() -> None:
        if not ready():
            return
        poll.stop()
        never.stop()
        if sampler is not None:
            sampler.start()
        driver.begin()

    def finished() -> None:
        if sampler is not None:
            sampler.stop()
            result["stalls"] = sampler.top()
        pauses.stop()
        dialogs = counter.window.findChildren(QDialog)
        result.update(
            scans=driver.scans,
            operations=driver.operations,
            misses=driver.misses,
            scans_after_paint=driver.scans_after_paint,
            heartbeat=_gap_summary(driver.gaps, driver.finished_at - driver.started_at),
            camera={"delivered": camera.delivered, "skipped": camera.skipped},
            memory=driver.memory,
            gc=pauses.summary(),
            dialogs_alive=len(dialogs),
            dialogs_alive_by_kind=dict(collections.Counter(type(d).__name__ for d in dialogs)),
            top_level_widgets=len(QApplication.topLevelWidgets()),
            platform=qapp.platformName(),
        )
        qapp.quit()

    driver.done = finished
    poll = QTimer()
    poll.timeout.connect(wait_then_begin)
    poll.start(20)
    never = QTimer()
    never.setSingleShot(True)
    never.timeout.connect(lambda: (result.setdefault("error", "never ready"), qapp.quit()))
    never.start(180_000)
    qapp.exec()
    counter.close()
    out.write_text(json.dumps(result) + "\n")


def _gap_summary(gaps: list[tuple[float, str]], seconds: float) -> dict[str, Any]:
    ordered = sorted(ms for ms, _ in gaps)
    worst: dict[str, float] = {}
    for ms, label in gaps:
        worst[label] = max(worst.get(label, 0.0), ms)

    def percentile(p: float) -> float:
        return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)] if ordered else math.nan

    return {
        "ticks": len(gaps),
        "seconds": seconds,
        "expected_ticks": seconds * 1000 / HEARTBEAT_MS,
        "max_ms": ordered[-1] if ordered else math.nan,
        "p50_ms": percentile(50),
        "p99_ms": percentile(99),
        "p999_ms": percentile(99.9),
        "over_20ms": sum(ms > 20 for ms in ordered),
        "over_50ms": sum(ms > 50 for ms in ordered),
        "worst_by_label_ms": worst,
        "worst_10": sorted(gaps, reverse=True)[:10],
    }


class _StartWatcher(QObject):
    """Sees the idle screen become interactive: first painted, the search box focused, the
    terminal info and staff delivered and the TaskRunner idle (checked every 1 ms)."""

    def __init__(self, counter: Any, marks: dict[str, float]) -> None:
        super().__init__()
        self._counter = counter
        self._marks = marks
        self.on_ready: Callable[[], None] = lambda: None
        counter.window.idle.search.installEventFilter(self)
        counter.window.idle.preview.installEventFilter(self)
        self._poll = QTimer(self)
        self._poll.setTimerType(Qt.TimerType.PreciseTimer)
        self._poll.timeout.connect(self._check)
        self._poll.start(1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            idle = self._counter.window.idle
            if watched is idle.search:
                self._marks.setdefault("idle_painted", time.time())
            elif watched is idle.preview and idle.preview.has_frame:
                self._marks.setdefault("first_preview_painted", time.time())
        return False

    def _check(self) -> None:
        window, now = self._counter.window, time.time()
        delivered = window.info is not None and bool(window.staff)
        if delivered and not self._counter.runner.busy:
            self._marks.setdefault("start_reads_delivered", now)
        focused = window.focusWidget() is window.idle.search
        if "idle_painted" in self._marks and "start_reads_delivered" in self._marks and focused:
            self._marks["ready"] = now
            self._poll.stop()
            self.on_ready()


def run_start(work: Path, out: Path, t0: float, camera_seconds: float) -> None:
    marks = {"spawned": t0, "main": time.time()}
    import terminal.app  # noqa: F401  (what `loyalty-terminal` imports before anything runs)

    marks["imported"] = time.time()
    qapp, counter, camera = _build(work, marks)
    _show(counter)
    marks["shown_and_started"] = time.time()
    watcher = _StartWatcher(counter, marks)
    previews = [0]
    result: dict[str, Any] = {}

    def ready() -> None:
        counter.worker.preview.connect(lambda _image: previews.__setitem__(0, previews[0] + 1))
        QTimer.singleShot(round(camera_seconds * 1000), measure)

    def measure() -> None:
        import psutil

        process = psutil.Process()
        full = process.memory_full_info()
        result.update(
            marks={k: v - t0 for k, v in marks.items()},
            seconds_since_create_time_at_ready=marks["ready"] - process.create_time(),
            rss_mb=full.rss / 2**20,
            uss_mb=full.uss / 2**20,
            threads=process.num_threads(),
            camera_seconds=camera_seconds,
            previews=previews[0],
            frames={"delivered": camera.delivered, "skipped": camera.skipped},
            window_active=counter.window.isActiveWindow(),
            platform=qapp.platformName(),
        )
        qapp.quit()

    watcher.on_ready = ready
    QTimer.singleShot(
        round((120 + camera_seconds) * 1000),
        lambda: (result.setdefault("error", f"not ready: {sorted(marks)}"), qapp.quit()),
    )
    qapp.exec()
    counter.close()
    out.write_text(json.dumps(result) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("scans", "start"))
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--plan", type=Path, help="scans: the visits (JSON)")
    parser.add_argument("--t0", type=float, help="start: the parent's time.time() at spawn")
    parser.add_argument("--camera-seconds", type=float, default=10.0)
    parser.add_argument("--stall-ms", type=float, help="scans: sample the GUI stack when late")
    parser.add_argument(
        "--delete-dialogs", action="store_true", help="scans: delete closed dialogs (diagnosis)"
    )
    parser.add_argument("--gc-freeze", action="store_true", help="scans: gc.freeze() (diagnosis)")
    args = parser.parse_args(argv)
    if args.command == "scans":
        run_scans(args.work, args.plan, args.out, args)
    else:
        run_start(args.work, args.out, args.t0 or time.time(), args.camera_seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
