"""The camera stand-in of `loyalty-terminal demo`: demo cards held up over a shop counter.

Each card gets `seconds_per_card`: first an empty counter (so two showings of the same card
are two scans, not one long one), then the card slides in, is held with a gentle sway and
tilt as by a hand, and slides out. Pictures are drawn for the injected clock's time, at most
`fps` a second; nothing here sleeps, `seconds_until_next_frame()` tells the worker how long
it may wait.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Sequence

import cv2
import numpy as np

from terminal.scanner.frames import Frame, SourceError
from terminal.scanner.render import qr_image

CARD_ASPECT = 85.6 / 54.0  # ID-1, the size of a bank card
_CARD_HEIGHT_OF_FRAME = 0.5  # the card's height on screen, as a share of the frame's
_QR_HEIGHT_OF_CARD = 0.8
_MAX_GAP_S = 1.0
_MAX_SLIDE_S = 0.35
_NOISE_LAYERS = 4


class DemoCardSource:
    """A synthetic counter camera cycling through `payloads`. Runs on the camera worker."""

    def __init__(
        self,
        payloads: Sequence[str],
        *,
        size: tuple[int, int] = (1280, 720),
        fps: float = 30,
        clock: Callable[[], float] = time.monotonic,
        seconds_per_card: float = 4.0,
        seed: int = 7,
    ) -> None:
        if not payloads:
            raise ValueError("the demo camera needs at least one card to show")
        width, height = size
        if width < 160 or height < 120 or fps <= 0 or seconds_per_card <= 0:
            raise ValueError("size at least 160x120, positive fps and seconds_per_card")
        self._payloads = tuple(payloads)
        self._size = (width, height)
        self._fps = fps
        self._clock = clock
        self._period = seconds_per_card
        self._gap = min(_MAX_GAP_S, 0.25 * seconds_per_card)
        self._slide = min(_MAX_SLIDE_S, 0.1 * seconds_per_card)
        self._seed = seed
        self._background: np.ndarray | None = None
        self._noise: list[tuple[np.ndarray, np.ndarray]] = []
        self._cards: dict[str, np.ndarray] = {}
        self._started_at: float | None = None
        self._last: Frame | None = None

    @property
    def description(self) -> str:
        count = len(self._payloads)
        return f"Demo camera ({count} demo card{'s' if count != 1 else ''})"

    @property
    def gap_s(self) -> float:
        """The empty counter at the start of each card's turn."""
        return self._gap

    def open(self) -> None:
        if self._started_at is not None:
            return
        self._prepare()
        self._started_at = self._clock()
        self._last = None

    def read(self) -> Frame | None:
        """The picture for the current clock time; the same Frame again (same index) until
        the next one is due."""
        if self._started_at is None:
            raise SourceError("The demo camera is not open.")
        slot = math.floor((self._clock() - self._started_at) * self._fps + 1e-9)
        if self._last is not None and self._last.index == slot:
            return self._last
        elapsed = slot / self._fps
        self._last = Frame(self.render(elapsed), self._started_at + elapsed, slot)
        return self._last

    def seconds_until_next_frame(self) -> float:
        return _until_next_slot(self._clock, self._started_at, self._fps)

    def close(self) -> None:
        self._started_at = None
        self._last = None

    def payload_at(self, elapsed_s: float) -> str | None:
        """The card held fully in view `elapsed_s` after open(), or None (empty counter,
        or a card sliding in or out)."""
        payload, phase = self._phase(elapsed_s)
        return payload if phase == "hold" else None

    def render(self, elapsed_s: float) -> np.ndarray:
        """The BGR picture `elapsed_s` after open(): deterministic, for tests and stills."""
        scene = self._prepare()
        payload, phase = self._phase(elapsed_s)
        if payload is not None:
            card = self._card(payload)
            corners = self._card_corners(elapsed_s, phase)
            scene = scene.copy()
            _darken_inside(scene, corners + np.array([0.012, 0.018]) * self._size[1])
            _paste_inside(scene, card, corners)
        plus, minus = self._noise[round(elapsed_s * self._fps) % len(self._noise)]
        return cv2.subtract(cv2.add(scene, plus), minus)

    def _prepare(self) -> np.ndarray:
        if self._background is None:  # drawn once: the counter does not change
            rng = np.random.default_rng(self._seed)
            self._background = _counter(rng, *self._size)
            self._noise = [_noise_pair(rng, *self._size) for _ in range(_NOISE_LAYERS)]
        return self._background

    def _phase(self, elapsed_s: float) -> tuple[str | None, str]:
        turn, into = divmod(max(0.0, elapsed_s), self._period)
        payload = self._payloads[int(turn) % len(self._payloads)]
        if into < self._gap:
            return None, "gap"
        if into < self._gap + self._slide:
            return payload, "enter"
        if into >= self._period - self._slide:
            return payload, "leave"
        return payload, "hold"

    def _card_corners(self, elapsed_s: float, phase: str) -> np.ndarray:
        width, height = self._size
        card_h = _CARD_HEIGHT_OF_FRAME * height
        card_w = card_h * CARD_ASPECT
        t = elapsed_s
        # A hand never holds still: a slow sway, a slight turn and tilt, out of step.
        cx = width / 2 + 0.035 * width * math.sin(2 * math.pi * t / 2.9)
        cy = height / 2 + 0.03 * height * math.sin(2 * math.pi * t / 3.7 + 1.0)
        angle = -4 + 7 * math.sin(2 * math.pi * t / 3.3)
        tilt = 0.05 * math.sin(2 * math.pi * t / 4.3)
        into = elapsed_s % self._period
        if phase == "enter":  # up from below the frame, slowing down
            left = 1 - (into - self._gap) / self._slide
            cy += left**2 * (height / 2 + card_h)
        elif phase == "leave":  # away to the right, speeding up
            gone = (into - (self._period - self._slide)) / self._slide
            cx += gone**2 * (width / 2 + card_w)
        return _rect_corners((cx, cy), card_w, card_h, angle, tilt)

    def _card(self, payload: str) -> np.ndarray:
        card = self._cards.get(payload)
        if card is None:
            face = _card_face(payload, self._size[1])
            card = self._cards[payload] = cv2.cvtColor(face, cv2.COLOR_GRAY2BGR)
        return card


def _until_next_slot(clock: Callable[[], float], opened_at: float | None, fps: float) -> float:
    """Seconds until the next frame of a paced source opened at `opened_at` is due."""
    if opened_at is None:
        return 0.0
    elapsed = clock() - opened_at
    return max(0.0, (math.floor(elapsed * fps + 1e-9) + 1) / fps - elapsed)


def _card_face(payload: str, frame_height: int) -> np.ndarray:
    """A grayscale loyalty card: a dark band with the brand, a few lines of print and the QR
    on the right, drawn at about the size it appears on screen."""
    modules = qr_image(payload, module_px=1).shape[0]
    card_h = round(_CARD_HEIGHT_OF_FRAME * frame_height)
    module_px = max(2, round(_QR_HEIGHT_OF_CARD * card_h / modules))
    qr = qr_image(payload, module_px=module_px)
    card_h = max(card_h, math.ceil(qr.shape[0] / _QR_HEIGHT_OF_CARD))
    card_w = round(card_h * CARD_ASPECT)
    card = np.full((card_h, card_w), 236, np.uint8)
    band = card_h // 6
    card[:band] = 60
    scale = card_h / 360
    thick = max(1, round(2 * scale))
    font = cv2.FONT_HERSHEY_SIMPLEX
    cv2.putText(card, "DEMO LOYALTY", (band // 2, round(band * 0.72)), font, scale, 240, thick)
    top = (card_h - qr.shape[0] + band) // 2
    left = card_w - qr.shape[1] - band // 3
    card[top : top + qr.shape[0], left : left + qr.shape[1]] = qr
    text_w = left - band
    for row, share in enumerate((0.9, 0.6, 0.75)):
        y = band + round((row + 1.2) * card_h / 5)
        cv2.line(card, (band // 2, y), (band // 2 + round(share * text_w), y), 150, thick * 3)
    return card


def _rect_corners(
    center: tuple[float, float], width: float, height: float, angle_deg: float, tilt: float
) -> np.ndarray:
    """Corners (clockwise from top-left) of a rectangle turned by `angle_deg` whose top edge
    is `tilt` shorter than the bottom one (leaning away from the camera; negative: toward)."""
    half_w, half_h = width / 2, height / 2
    top = half_w * (1 - tilt / 2)
    bottom = half_w * (1 + tilt / 2)
    unit = np.array([[-top, -half_h], [top, -half_h], [bottom, half_h], [-bottom, half_h]])
    theta = math.radians(angle_deg)
    rotation = np.array([[math.cos(theta), -math.sin(theta)], [math.sin(theta), math.cos(theta)]])
    return unit @ rotation.T + np.array(center)


def _counter(rng: np.random.Generator, width: int, height: int) -> np.ndarray:
    """A wooden counter top under a shop light, with a receipt and a coin lying on it."""
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    wobble = cv2.resize(rng.normal(0, 1, (6, 10)).astype(np.float32), (width, height))
    grain = np.sin((y + 14 * wobble + 0.04 * x) * (2 * np.pi / (height / 40)))
    light = 1.1 - 0.35 * (((x - 0.4 * width) / width) ** 2 + ((y - 0.3 * height) / height) ** 2)
    shade = (0.85 + 0.08 * grain + 0.05 * wobble) * light
    wood = np.array([70, 115, 160], np.float32)  # BGR: a warm oak
    scene = np.clip(shade[..., None] * wood, 0, 255).astype(np.uint8)
    unit = height / 720
    receipt = np.array(
        [[0.04 * width, 0.55 * height], [0.2 * width, 0.5 * height],
         [0.24 * width, 0.95 * height], [0.08 * width, 1.0 * height]], np.int32
    )  # fmt: skip
    cv2.fillConvexPoly(scene, receipt, (225, 232, 235))
    for row in range(6):
        y0 = 0.6 + row * 0.06
        a = (int(0.07 * width + row * 0.005 * width), int((y0 + 0.01) * height))
        b = (int(0.17 * width + row * 0.005 * width), int((y0 - 0.01) * height))
        cv2.line(scene, a, b, (120, 120, 120), max(1, round(3 * unit)))
    cv2.circle(scene, (int(0.86 * width), int(0.8 * height)), round(34 * unit), (40, 150, 190), -1)
    cv2.circle(scene, (int(0.86 * width), int(0.8 * height)), round(26 * unit), (60, 170, 205), 2)
    cv2.putText(
        scene, "DEMO CAMERA", (round(16 * unit), round(40 * unit)), cv2.FONT_HERSHEY_SIMPLEX,
        unit, (255, 255, 255), max(1, round(2 * unit)), cv2.LINE_AA,
    )  # fmt: skip
    return scene


def _noise_pair(rng: np.random.Generator, width: int, height: int) -> tuple[np.ndarray, np.ndarray]:
    """Sensor noise as two non-negative layers (added, then subtracted: saturating and fast)."""
    noise = rng.normal(0, 3.0, (height, width, 1)).repeat(3, axis=2)
    return (
        np.clip(noise, 0, 255).astype(np.uint8),
        np.clip(-noise, 0, 255).astype(np.uint8),
    )


def _bounds(scene: np.ndarray, corners: np.ndarray) -> tuple[slice, slice, np.ndarray] | None:
    """The part of `scene` a quadrilateral covers, and its corners in that part's pixels."""
    height, width = scene.shape[:2]
    x0, y0 = np.maximum(np.floor(corners.min(axis=0)).astype(int), 0)
    x1, y1 = np.ceil(corners.max(axis=0)).astype(int) + 1
    x1, y1 = min(x1, width), min(y1, height)
    if x0 >= x1 or y0 >= y1:
        return None
    return slice(y0, y1), slice(x0, x1), corners - np.array([x0, y0])


def _paste_inside(scene: np.ndarray, patch: np.ndarray, corners: np.ndarray) -> None:
    """Warp a BGR `patch` onto `scene` in place, its corners at `corners`.

    Like render.paste_warped, but only over the covered part and without a mask (a
    transparent border leaves the rest alone): a few milliseconds instead of thirty a frame.
    """
    part = _bounds(scene, corners)
    if part is not None:
        rows, cols, local = part
        region = scene[rows, cols]
        h, w = patch.shape[:2]
        source = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32)
        matrix = cv2.getPerspectiveTransform(source, local.astype(np.float32))
        size = (region.shape[1], region.shape[0])
        cv2.warpPerspective(patch, matrix, size, dst=region, borderMode=cv2.BORDER_TRANSPARENT)


def _darken_inside(scene: np.ndarray, corners: np.ndarray) -> None:
    """The card's shadow on the counter."""
    part = _bounds(scene, corners)
    if part is not None:
        rows, cols, local = part
        region = scene[rows, cols]
        mask = np.zeros(region.shape[:2], np.uint8)
        cv2.fillConvexPoly(mask, np.round(local).astype(np.int32), 255)
        np.copyto(region, cv2.convertScaleAbs(region, alpha=0.55), where=mask[..., None] > 0)


class DemoCounterCamera:
    """The windowed demo's camera: an empty counter until `hold(payload)` (from any thread);
    then that card slides in, is held for a moment and leaves, drawn by DemoCardSource.

    Every card the demo may hold is known up front (`payloads`), so the scene is one
    DemoCardSource showing card i at the i-th turn of its cycle. Runs on the camera worker.
    """

    def __init__(
        self,
        payloads: Sequence[str],
        *,
        size: tuple[int, int] = (1280, 720),
        fps: float = 30,
        clock: Callable[[], float] = time.monotonic,
        seconds_per_card: float = 3.0,
    ) -> None:
        self._scene = DemoCardSource(
            payloads, size=size, fps=fps, clock=clock, seconds_per_card=seconds_per_card
        )
        self._index = {payload: i for i, payload in enumerate(payloads)}
        self._clock = clock
        self._fps = fps
        self._period = seconds_per_card
        self._lock = threading.Lock()
        self._requested: int | None = None
        self._showing: tuple[int, float] | None = None  # card index, when it started
        self._opened_at: float | None = None
        self._last: Frame | None = None
        self._empty: np.ndarray | None = None

    @property
    def description(self) -> str:
        return "Demo camera (pick a demo customer to hold their card)"

    def hold(self, payload: str) -> None:
        """Show this card to the camera now (ignored for a card the demo does not know)."""
        index = self._index.get(payload)
        if index is not None:
            with self._lock:
                self._requested = index

    def open(self) -> None:
        self._scene.open()
        self._opened_at = self._clock()
        self._last = None

    def read(self) -> Frame | None:
        if self._opened_at is None:
            raise SourceError("The demo camera is not open.")
        now = self._clock()
        slot = math.floor((now - self._opened_at) * self._fps + 1e-9)
        with self._lock:
            requested, self._requested = self._requested, None
        if requested is not None:
            self._showing = (requested, now)
            self._last = None
        if self._last is not None and self._last.index == slot:
            return self._last
        elapsed = self._scene_time(now)
        if elapsed == 0.0:  # the empty counter does not change: draw it once
            if self._empty is None:
                self._empty = self._scene.render(0.0)
            image = self._empty
        else:
            image = self._scene.render(elapsed)
        self._last = Frame(image, self._opened_at + slot / self._fps, slot)
        return self._last

    def seconds_until_next_frame(self) -> float:
        return _until_next_slot(self._clock, self._opened_at, self._fps)

    def close(self) -> None:
        self._scene.close()
        self._opened_at = None
        self._last = None

    def _scene_time(self, now: float) -> float:
        """Where in the scene's cycle this moment is: card i's turn while it is held, else
        the empty counter at the start of a turn."""
        if self._showing is not None:
            index, started = self._showing
            into = now - started + self._scene.gap_s  # skip the empty start of the turn
            if into < self._period:
                return index * self._period + into
            self._showing = None
        return 0.0
