"""The camera worker on its QThread, fed by a scripted frame source (the camera is the edge)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from terminal.scanner.confirm import Confirmer, ConfirmSettings
from terminal.scanner.decoders import ZxingDecoder
from terminal.scanner.demo_source import DemoCardSource
from terminal.scanner.frames import AcceptedScan, Frame, SourceError
from terminal.scanner.render import paste_warped, qr_image, square_corners
from terminal.ui.scan_worker import ScanWorker, preview_image

CARD = "LC1-AAAAAAAAAAAAAAAAAAAAAAAA"
TIMEOUT_MS = 10_000


def card_frame(payload: str | None, size: tuple[int, int] = (640, 480)) -> np.ndarray:
    w, h = size
    scene = np.full((h, w, 3), (70, 110, 150), np.uint8)
    if payload is None:
        return scene
    return paste_warped(
        scene, qr_image(payload, module_px=4), square_corners((w / 2, h / 2), 220, 8)
    )


class ScriptedSource:
    """A frame source playing a script: images, or SourceErrors raised at that point."""

    def __init__(self, script: list[np.ndarray | SourceError], name: str = "scripted") -> None:
        self._script = list(script)
        self._index = 0
        self.description = name
        self.opened = 0
        self.closed = 0

    def open(self) -> None:
        self.opened += 1

    def read(self) -> Frame | None:
        if not self._script:
            return None
        item = self._script.pop(0)
        if isinstance(item, SourceError):
            raise item
        self._index += 1
        return Frame(item, captured_at=self._index / 30, index=self._index)

    def close(self) -> None:
        self.closed += 1


@pytest.fixture
def make_worker(qtbot: QtBot) -> Iterator:  # type: ignore[type-arg]
    workers: list[ScanWorker] = []

    def make(factory, **kwargs) -> ScanWorker:  # type: ignore[no-untyped-def]
        ticks = itertools.count()
        kwargs.setdefault("clock", lambda: next(ticks) * 0.01)  # 10 ms a look at the clock
        worker = ScanWorker(
            factory,
            ZxingDecoder(),
            Confirmer(ConfirmSettings(required_reads=2, repeat_cooldown_s=5)),
            first_retry_s=0.001,
            max_retry_s=0.001,
            **kwargs,
        )
        workers.append(worker)
        return worker

    yield make
    for worker in workers:  # no thread may outlive its test
        worker.stop()
        assert not worker.isRunning()


def test_a_card_shown_for_a_few_frames_is_one_scan(qtbot: QtBot, make_worker) -> None:  # type: ignore[no-untyped-def]
    source = ScriptedSource([card_frame(None)] + [card_frame(CARD)] * 6 + [card_frame(None)])
    worker = make_worker(lambda: source)
    scans: list[AcceptedScan] = []
    worker.scanned.connect(scans.append)

    with qtbot.waitSignal(worker.source_finished, timeout=TIMEOUT_MS):
        worker.start()
    worker.wait()

    assert [s.payload for s in scans] == [CARD]
    assert scans[0].reads == 2
    assert scans[0].first_captured_at == pytest.approx(2 / 30)
    assert source.opened == source.closed == 1


def test_previews_are_throttled_and_detached_from_the_frame(
    qtbot: QtBot,
    make_worker,  # type: ignore[no-untyped-def]
) -> None:
    source = ScriptedSource([card_frame(None)] * 20)  # 30 frames a second
    worker = make_worker(lambda: source, preview_fps=20)
    sizes = []
    worker.preview.connect(lambda image: sizes.append((image.width(), image.height())))

    with qtbot.waitSignal(worker.source_finished, timeout=TIMEOUT_MS):
        worker.start()
    worker.wait()
    qtbot.waitUntil(lambda: len(sizes) >= 10)

    assert len(sizes) == 10  # every other frame: 20 previews a second at most
    assert set(sizes) == {(640, 480)}


def test_a_missing_camera_is_reported_and_retried_until_it_appears(
    qtbot: QtBot, make_worker
) -> None:  # type: ignore[no-untyped-def]
    attempts = []

    def factory() -> ScriptedSource:
        attempts.append(1)
        if len(attempts) < 3:
            raise SourceError("No camera found at index 0. Plug in the camera.")
        return ScriptedSource([card_frame(CARD)] * 3, name="camera 0")

    worker = make_worker(factory)
    statuses: list[tuple[str, bool]] = []
    worker.camera_status.connect(lambda text, ok: statuses.append((text, ok)))
    scans: list[AcceptedScan] = []
    worker.scanned.connect(scans.append)

    with qtbot.waitSignal(worker.source_finished, timeout=TIMEOUT_MS):
        worker.start()
    worker.wait()
    qtbot.waitUntil(lambda: len(statuses) == 2)

    assert len(attempts) == 3  # the same trouble is reported once, not at every retry
    assert statuses == [
        ("No camera found at index 0. Plug in the camera.", False),
        ("The camera is back.", True),
    ]
    assert [s.payload for s in scans] == [CARD]


def test_an_unplugged_camera_is_reopened_and_scanning_goes_on(qtbot: QtBot, make_worker) -> None:  # type: ignore[no-untyped-def]
    sessions = [
        ScriptedSource([card_frame(None), SourceError("The camera stopped sending pictures.")]),
        ScriptedSource([card_frame(CARD)] * 3),
    ]
    worker = make_worker(lambda: sessions.pop(0))
    statuses: list[bool] = []
    worker.camera_status.connect(lambda _text, ok: statuses.append(ok))
    scans: list[AcceptedScan] = []
    worker.scanned.connect(scans.append)

    with qtbot.waitSignal(worker.source_finished, timeout=TIMEOUT_MS):
        worker.start()
    worker.wait()
    qtbot.waitUntil(lambda: len(statuses) == 3)

    assert statuses == [True, False, True]
    assert [s.payload for s in scans] == [CARD]


def test_an_unrecoverable_source_error_ends_the_worker(qtbot: QtBot, make_worker) -> None:  # type: ignore[no-untyped-def]
    def factory() -> ScriptedSource:
        raise SourceError("The video file is not a video.", recoverable=False)

    worker = make_worker(factory)
    with qtbot.waitSignal(worker.camera_status, timeout=TIMEOUT_MS) as status:
        worker.start()
    worker.wait()
    assert status.args == ["The video file is not a video.", False]
    assert worker.isFinished()


def test_stop_ends_an_endless_source_and_is_safe_twice(qtbot: QtBot, make_worker) -> None:  # type: ignore[no-untyped-def]
    class Endless(ScriptedSource):
        def read(self) -> Frame | None:
            self._index += 1
            return Frame(
                card_frame(None, (160, 120)), captured_at=self._index / 30, index=self._index
            )

    source = Endless([])
    worker = make_worker(lambda: source)
    with qtbot.waitSignal(worker.camera_status, timeout=TIMEOUT_MS):
        worker.start()

    worker.stop()
    worker.stop()

    assert not worker.isRunning()
    assert source.closed == 1


def test_stop_before_start_is_harmless(make_worker) -> None:  # type: ignore[no-untyped-def]
    worker = make_worker(lambda: ScriptedSource([]))
    worker.stop()
    assert not worker.isRunning()


def test_preview_image_scales_and_handles_grayscale() -> None:
    gray = np.zeros((720, 1280), np.uint8)
    image = preview_image(gray, 640)
    assert (image.width(), image.height()) == (640, 360)
    assert not image.isNull()


def test_the_demo_camera_stand_in_produces_a_scan_of_a_demo_card(
    qtbot: QtBot,
    make_worker,  # type: ignore[no-untyped-def]
) -> None:
    ticks = itertools.count()

    def clock() -> float:  # 1/30 s per look: the demo plays as fast as it can be decoded
        return next(ticks) / 30

    worker = make_worker(lambda: DemoCardSource([CARD], size=(640, 480), clock=clock), clock=clock)
    with qtbot.waitSignal(worker.scanned, timeout=TIMEOUT_MS) as scanned:
        worker.start()
    worker.stop()

    assert scanned.args[0].payload == CARD


def test_a_30_fps_camera_gives_15_previews_a_second_not_10(
    qtbot: QtBot,
    make_worker,  # type: ignore[no-untyped-def]
) -> None:
    source = ScriptedSource([card_frame(None)] * 30)  # one second at 30 frames a second
    worker = make_worker(lambda: source, preview_fps=15)
    previews = []
    worker.preview.connect(previews.append)

    with qtbot.waitSignal(worker.source_finished, timeout=TIMEOUT_MS):
        worker.start()
    worker.wait()
    qtbot.waitUntil(lambda: len(previews) >= 15)

    assert len(previews) == 15  # every other frame (a rounding error once made it every third)
