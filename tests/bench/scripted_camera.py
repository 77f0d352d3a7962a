"""The scripted counter camera of tests/bench/bench_counter_ui.py: a FrameSource that shows
an empty counter at 30 fps and, on request, one loyalty card's real QR token."""

from __future__ import annotations

import collections
import math
import random
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from terminal.scanner.frames import Frame, SourceError
from terminal.scanner.render import paste_warped, qr_image

FPS = 30.0
FRAME_SIZE = (1280, 720)  # width, height
GAP_FRAMES = 6  # empty counter before each card (0.2 s)
HOLD_FRAMES = 15  # the card in view (0.5 s)
BACKGROUNDS = 4  # empty-counter pictures, cycled (their sensor noise differs)
_CARD_ASPECT = 85.6 / 54.0


def background_path(work: Path, index: int) -> Path:
    return work / f"counter-{index}.npy"


def card_pictures(payload: str, backgrounds: list[np.ndarray], rng: random.Random) -> list:
    """Two pictures of a loyalty card held up over the counter (the hand moves a little
    between frames): the card's real QR token drawn by terminal.scanner.render."""
    qr = qr_image(payload, module_px=7)
    side = qr.shape[0]
    height = round(side * 1.25)
    width = round(height * _CARD_ASPECT)
    card = np.full((height, width), 236, np.uint8)
    band = height // 10
    card[:band] = 70
    top, left = band + (height - band - side) // 2, width - side - band // 2
    card[top : top + side, left : left + side] = qr
    frame_w, frame_h = FRAME_SIZE
    cx = frame_w / 2 + rng.uniform(-120, 120)
    cy = frame_h / 2 + rng.uniform(-60, 60)
    angle = rng.uniform(-8, 8)
    pictures = []
    for index, (dx, dy, turn) in enumerate(((0, 0, 0), (3, -2, 0.8))):
        corners = _rect_corners(cx + dx, cy + dy, width, height, angle + turn)
        pictures.append(paste_warped(backgrounds[index % len(backgrounds)], card, corners))
    return pictures


def _rect_corners(cx: float, cy: float, w: float, h: float, angle_deg: float) -> np.ndarray:
    c, s = math.cos(math.radians(angle_deg)), math.sin(math.radians(angle_deg))
    unit = ((-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2))
    return np.array([(cx + x * c - y * s, cy + x * s + y * c) for x, y in unit])


@dataclass(frozen=True)
class _Showing:
    payload: str
    first: int  # the first frame slot showing it
    pictures: list


class ScriptedCounterCamera:
    """The benchmark's camera (a FrameSource): 1280x720 at 30 fps on time.monotonic().

    The empty counter, and each card asked for with `hold()` shown GAP_FRAMES frames later
    (and never before the previous card has gone for as long), for HOLD_FRAMES frames.
    A frame's `captured_at` is its slot's moment, as a camera stamps it, and a frame is
    never handed out before that moment. A card's pictures are drawn when it is taken up,
    during the empty frames before it, so drawing is not in any latency. Pacing works as
    terminal/scanner/demo_source.py's does (`seconds_until_next_frame`).
    Runs on the camera worker; `hold`, `first_seen` and `due_at` from any thread.
    """

    def __init__(self, work: Path, *, seed: int = 1) -> None:
        self._work = work
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._queue: collections.deque[str] = collections.deque()
        self._first_seen: dict[str, float] = {}
        self._due_at: dict[str, float] = {}
        self._backgrounds: list[np.ndarray] = []
        self._showing: _Showing | None = None
        self._opened_at: float | None = None
        self._last: Frame | None = None
        self.delivered = 0  # frames handed to the worker
        self.skipped = 0  # frame slots that passed while the worker was busy

    @property
    def description(self) -> str:
        return "Scripted counter camera (benchmark)"

    def hold(self, payload: str) -> None:
        with self._lock:
            self._queue.append(payload)

    def first_seen(self, payload: str) -> float | None:
        """captured_at of the first frame showing this card that the worker took."""
        with self._lock:
            return self._first_seen.get(payload)

    def due_at(self, payload: str) -> float | None:
        """The moment of the first slot showing this card."""
        with self._lock:
            return self._due_at.get(payload)

    def open(self) -> None:
        if not self._backgrounds:  # drawn by the parent, loaded on the worker as a camera opens
            self._backgrounds = [
                np.load(background_path(self._work, i)) for i in range(BACKGROUNDS)
            ]
        self._opened_at = time.monotonic()
        self._last = None

    def read(self) -> Frame | None:
        if self._opened_at is None:
            raise SourceError("The scripted camera is not open.")
        slot = self._slot()
        last = self._last
        if last is not None and last.index == slot:
            return last
        self._take_request(slot)
        showing = self._showing
        captured_at = self._opened_at + slot / FPS
        if showing is not None and showing.first <= slot < showing.first + HOLD_FRAMES:
            image = showing.pictures[slot % len(showing.pictures)]
            with self._lock:
                self._first_seen.setdefault(showing.payload, captured_at)
        else:
            image = self._backgrounds[slot % len(self._backgrounds)]
        if last is not None:
            self.skipped += max(0, slot - last.index - 1)
        self.delivered += 1
        self._last = Frame(image, captured_at, slot)
        return self._last

    def seconds_until_next_frame(self) -> float:
        if self._opened_at is None:
            return 0.0
        elapsed = time.monotonic() - self._opened_at
        return max(0.0, (math.floor(elapsed * FPS + 1e-9) + 1) / FPS - elapsed)

    def close(self) -> None:
        self._opened_at = None
        self._last = None

    def _slot(self) -> int:
        assert self._opened_at is not None
        return math.floor((time.monotonic() - self._opened_at) * FPS + 1e-9)

    def _take_request(self, slot: int) -> None:
        showing = self._showing
        if showing is not None and slot < showing.first + HOLD_FRAMES:
            return  # a card is in view, or about to be
        with self._lock:
            payload = self._queue.popleft() if self._queue else None
        if payload is None:
            return
        pictures = card_pictures(payload, self._backgrounds, self._rng)
        ended = showing.first + HOLD_FRAMES if showing is not None else slot
        first = max(self._slot() + 2, slot + GAP_FRAMES, ended + GAP_FRAMES)
        self._showing = _Showing(payload, first, pictures)
        assert self._opened_at is not None
        with self._lock:
            self._due_at[payload] = self._opened_at + first / FPS
