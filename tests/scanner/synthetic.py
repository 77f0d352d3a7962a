"""Deterministic camera frames for decoder tests and benchmarks.

`make_frame(kind, payload, size, seed)` draws what a counter camera sees: a textured counter
top (lighting gradient, wood-like grain, clutter, printed text, sensor noise) and, for every
kind but `no_code`, one of our loyalty cards (or a dark-mode phone) carrying `payload` as a
QR code. The same arguments always give the same pixels.

Kinds (FRAME_KINDS):
    plain         card held up square to the camera, a few degrees off
    rotated       card turned by a large angle (30 to 330 degrees)
    perspective   card tilted away from the camera (a trapezoid)
    blur          card out of focus (Gaussian blur of about half a module)
    low_contrast  dim light, a grey card and faded print
    glare         a specular highlight from a shop light across part of the code
    small         card far from the camera (about two pixels per module)
    inverted      a phone in dark mode: light modules on a dark screen
    no_code       a busy counter with a code-free card and code-like clutter, but no QR
"""

from __future__ import annotations

import base64

import cv2
import numpy as np

from terminal.domain.cards import QR_TOKEN_PREFIX
from terminal.scanner.render import paste_warped, qr_image, square_corners

FRAME_KINDS = (
    "plain",
    "rotated",
    "perspective",
    "blur",
    "low_contrast",
    "glare",
    "small",
    "inverted",
    "no_code",
)
MUST_READ_KINDS = ("plain", "rotated", "inverted")  # QUALITY.md: 100% read rate

_CARD_ASPECT = 85.6 / 54.0  # ISO/IEC 7810 ID-1, the size of a bank card


def token(seed: int) -> str:
    """A card QR payload of the same form as terminal.domain.cards.new_qr_token, seeded."""
    raw = np.random.default_rng([seed, 0x51C]).bytes(18)
    return QR_TOKEN_PREFIX + base64.urlsafe_b64encode(raw).decode("ascii")


def make_frame(
    kind: str, payload: str, size: tuple[int, int] = (640, 480), seed: int = 0
) -> np.ndarray:
    """A BGR uint8 frame of `size` = (width, height) showing `payload` as the `kind` says."""
    if kind not in FRAME_KINDS:
        raise ValueError(f"unknown frame kind {kind!r}; expected one of {FRAME_KINDS}")
    width, height = size
    rng = np.random.default_rng([seed, FRAME_KINDS.index(kind), width, height])
    scene = _counter_background(rng, width, height)
    scale = min(width, height) / 480  # sizes below are for a 640x480 camera
    center = _card_center(rng, width, height, scale)

    if kind == "no_code":
        scene = _no_code_clutter(scene, rng, scale)
        return _camera_noise(scene, rng, sigma=3.0)
    if kind == "inverted":
        scene = _phone(scene, payload, rng, center, scale)
        return _camera_noise(scene, rng, sigma=3.0)

    qr_side = {"small": 66.0}.get(kind, rng.uniform(150, 190)) * scale
    angle = {
        "rotated": rng.choice([-1, 1]) * rng.uniform(30, 150) + rng.choice([0, 180]),
    }.get(kind, rng.uniform(-6, 6))
    ink, paper = (95, 165) if kind == "low_contrast" else (25, 235)
    card = _card(payload, rng, qr_side, ink=ink, paper=paper)
    corners = _card_corners(card, center, qr_side, angle)
    if kind == "perspective":
        corners = _tilt(corners, rng)
    scene = _drop_shadow(scene, corners, scale)
    scene = paste_warped(scene, card, corners)

    if kind == "low_contrast":
        scene = (scene.astype(np.float32) * 0.55 + 30).astype(np.uint8)
    elif kind == "blur":
        module = qr_side / _modules_with_quiet_zone(payload)
        scene = cv2.GaussianBlur(scene, (0, 0), sigmaX=0.5 * module)
    elif kind == "glare":
        scene = _glare(scene, rng, center, qr_side)
    return _camera_noise(scene, rng, sigma=4.0 if kind == "low_contrast" else 3.0)


def _modules_with_quiet_zone(payload: str) -> int:
    return qr_image(payload, module_px=1).shape[0]


def _card_center(
    rng: np.random.Generator, width: int, height: int, scale: float
) -> tuple[float, float]:
    margin = 150 * scale  # keeps a card of the usual size inside the frame
    return (
        float(rng.uniform(margin + (width - height) / 2, width - margin - (width - height) / 2)),
        float(rng.uniform(margin, height - margin)),
    )


def _counter_background(rng: np.random.Generator, width: int, height: int) -> np.ndarray:
    """A counter top: base colour, wood-like grain, uneven light, some clutter."""
    base = rng.uniform([90, 110, 130], [150, 170, 200])  # BGR, warm laminate tones
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    angle = rng.uniform(-0.3, 0.3)
    along = xs * np.sin(angle) + ys * np.cos(angle)
    grain = 10 * np.sin(along / rng.uniform(5, 9) + 2.5 * _smooth_noise(rng, width, height, 24))
    light = 1.0 + 0.25 * _smooth_noise(rng, width, height, 3)  # a lamp to one side
    light *= 1.0 - 0.2 * ((xs / width - 0.5) ** 2 + (ys / height - 0.5) ** 2)  # vignette
    img = (base[None, None, :] + grain[..., None]) * light[..., None]
    scene = np.clip(img, 0, 255).astype(np.uint8)

    scale = min(width, height) / 480
    for _ in range(int(rng.integers(4, 8))):  # coins, receipts, a pen, a cup rim
        color = tuple(int(c) for c in rng.integers(20, 240, 3))
        x, y = int(rng.integers(0, width)), int(rng.integers(0, height))
        shape = rng.integers(0, 3)
        if shape == 0:
            radius = int(rng.uniform(12, 40) * scale)
            cv2.circle(scene, (x, y), radius, color, -1, cv2.LINE_AA)
            cv2.circle(scene, (x, y), radius, (40, 40, 40), max(1, int(2 * scale)), cv2.LINE_AA)
        elif shape == 1:
            w, h = int(rng.uniform(40, 120) * scale), int(rng.uniform(60, 160) * scale)
            cv2.rectangle(scene, (x, y), (x + w, y + h), (225, 228, 230), -1)
            for line in range(3, h // max(1, int(12 * scale))):
                yy = y + line * int(12 * scale)
                cv2.line(scene, (x + 6, yy), (x + w - 8, yy), (90, 90, 90), 1)
        else:
            end = (int(x + rng.uniform(-150, 150) * scale), int(y + rng.uniform(-150, 150) * scale))
            cv2.line(scene, (x, y), end, color, max(2, int(7 * scale)), cv2.LINE_AA)
    return scene


def _smooth_noise(rng: np.random.Generator, width: int, height: int, cells: int) -> np.ndarray:
    """Low-frequency noise in [-1, 1]: a coarse random grid, smoothly upscaled."""
    grid = rng.uniform(-1, 1, (cells, max(2, round(cells * width / height)))).astype(np.float32)
    return cv2.resize(grid, (width, height), interpolation=cv2.INTER_CUBIC).clip(-1, 1)


def _card(payload: str, rng: np.random.Generator, qr_side: float, *, ink: int, paper: int):
    """A white loyalty card, QR on the right, a brand stripe and printed text on the left."""
    module_px = max(1, round(qr_side / _modules_with_quiet_zone(payload)))
    qr = qr_image(payload, module_px=module_px)
    side = qr.shape[0]
    height = side + 2 * max(2, side // 14)
    width = round(height * _CARD_ASPECT)
    card = np.full((height, width), 255, np.uint8)
    top = (height - side) // 2
    card[top : top + side, width - side - top : width - top] = qr
    stripe = max(2, height // 6)
    card[height // 8 : height // 8 + stripe, : width - side - top] = rng.integers(60, 140)
    left = max(2, height // 20)
    room = width - side - top - 2 * left  # printed text stays clear of the code
    for row, text in enumerate(("LOYALTY", "1234-5678-9012")):
        (text_w, _), _ = cv2.getTextSize(text, cv2.FONT_HERSHEY_SIMPLEX, 1.0, 2)
        font_scale = min(height / 260, room / text_w)
        y = height // 2 + row * max(8, height // 7)
        cv2.putText(card, text, (left, y), cv2.FONT_HERSHEY_SIMPLEX, font_scale, 70,
                    max(1, round(font_scale * 2)), cv2.LINE_AA)  # fmt: skip
    # printing contrast: ink for dark, paper for light
    card = (ink + card.astype(np.float32) * ((paper - ink) / 255.0)).astype(np.uint8)
    return card


def _card_corners(
    card: np.ndarray, center: tuple[float, float], qr_side: float, angle: float
) -> np.ndarray:
    """Corners of the card so that its QR (not the card) has about `qr_side` pixels."""
    h, w = card.shape
    qr_pixels = h - 2 * max(2, (h * 14 // 16) // 14)
    k = qr_side / qr_pixels
    half_w, half_h = w * k / 2, h * k / 2
    # centre the QR (right part of the card), not the card, on `center`
    unit = np.array([[-half_w, -half_h], [half_w, -half_h], [half_w, half_h], [-half_w, half_h]])
    unit[:, 0] -= half_w - half_h
    theta = np.deg2rad(angle)
    rotation = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    return unit @ rotation.T + np.array(center)


def _tilt(corners: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Tilt the card away from the camera: one edge shrinks towards the other."""
    out = corners.copy()
    edge = int(rng.integers(0, 4))  # which edge is far away
    a, b = edge, (edge + 1) % 4
    mid = (out[a] + out[b]) / 2
    shrink = rng.uniform(0.25, 0.35)
    out[a] += (mid - out[a]) * shrink
    out[b] += (mid - out[b]) * shrink
    opposite = ((out[(edge + 2) % 4] + out[(edge + 3) % 4]) / 2 - mid) * 0.15
    out[a] += opposite  # foreshortening: the far edge also comes nearer
    out[b] += opposite
    return out


def _drop_shadow(scene: np.ndarray, corners: np.ndarray, scale: float) -> np.ndarray:
    shadow = np.zeros(scene.shape[:2], np.float32)
    cv2.fillConvexPoly(shadow, (corners + 8 * scale).astype(np.int32), 1.0, cv2.LINE_AA)
    shadow = cv2.GaussianBlur(shadow, (0, 0), 6 * scale)
    return (scene * (1 - 0.45 * shadow[..., None])).astype(np.uint8)


def _phone(
    scene: np.ndarray,
    payload: str,
    rng: np.random.Generator,
    center: tuple[float, float],
    scale: float,
) -> np.ndarray:
    """A phone in dark mode: black body, dark grey screen, light grey modules."""
    qr_side = rng.uniform(140, 170) * scale
    angle = rng.uniform(-8, 8)
    body = square_corners(center, qr_side * 1.45, angle)
    body[:2] += _up(angle) * qr_side * 0.55  # taller than wide
    body[2:] -= _up(angle) * qr_side * 0.55
    scene = _drop_shadow(scene, body, scale)
    cv2.fillConvexPoly(scene, body.astype(np.int32), (18, 18, 20), cv2.LINE_AA)
    screen = square_corners(center, qr_side * 1.3, angle)
    screen[:2] += _up(angle) * qr_side * 0.45
    screen[2:] -= _up(angle) * qr_side * 0.45
    cv2.fillConvexPoly(scene, screen.astype(np.int32), (38, 38, 38), cv2.LINE_AA)
    module_px = max(1, round(qr_side / _modules_with_quiet_zone(payload)))
    qr = qr_image(payload, module_px=module_px)
    light_on_dark = (38 + (255 - qr).astype(np.float32) * (200 - 38) / 255).astype(np.uint8)
    scene = paste_warped(scene, light_on_dark, square_corners(center, qr_side, angle))
    # a screen glows a little: light modules bleed into their neighbours
    glow = cv2.GaussianBlur(scene, (0, 0), 0.6 * scale)
    return cv2.addWeighted(scene, 0.6, glow, 0.4, 0)


def _up(angle_deg: float) -> np.ndarray:
    theta = np.deg2rad(angle_deg)
    return np.array([np.sin(theta), -np.cos(theta)])


def _glare(
    scene: np.ndarray, rng: np.random.Generator, center: tuple[float, float], qr_side: float
) -> np.ndarray:
    """A bright elliptical reflection over part of the code (not over the whole of it)."""
    h, w = scene.shape[:2]
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    offset = rng.uniform(-0.25, 0.25, 2) * qr_side
    gx, gy = center[0] + offset[0], center[1] + offset[1]
    rx, ry = qr_side * rng.uniform(0.18, 0.26), qr_side * rng.uniform(0.08, 0.14)
    theta = rng.uniform(0, np.pi)
    dx, dy = xs - gx, ys - gy
    u = (dx * np.cos(theta) + dy * np.sin(theta)) / rx
    v = (-dx * np.sin(theta) + dy * np.cos(theta)) / ry
    strength = np.exp(-(u**2 + v**2)) * 1.6  # saturates the middle of the highlight
    lit = scene.astype(np.float32) + strength[..., None] * 255
    return np.clip(lit, 0, 255).astype(np.uint8)


def _no_code_clutter(scene: np.ndarray, rng: np.random.Generator, scale: float) -> np.ndarray:
    """Things a QR reader might trip on: a card with no code, a checkerboard, a random
    dot matrix, nested squares that look like finder patterns, and printed text."""
    h, w = scene.shape[:2]
    card_h = int(150 * scale)
    card = np.full((card_h, int(card_h * _CARD_ASPECT)), 235, np.uint8)
    cv2.putText(card, "GIFT CARD", (int(10 * scale), card_h // 2), cv2.FONT_HERSHEY_SIMPLEX,
                1.0 * scale, 60, max(1, int(2 * scale)), cv2.LINE_AA)  # fmt: skip
    center = (w * rng.uniform(0.3, 0.45), h * rng.uniform(0.35, 0.65))
    corners = square_corners(center, card_h, rng.uniform(-20, 20))
    corners[[0, 3], 0] -= card_h * (_CARD_ASPECT - 1) / 2
    corners[[1, 2], 0] += card_h * (_CARD_ASPECT - 1) / 2
    scene = paste_warped(scene, card, corners)

    cell = max(2, int(6 * scale))
    dots = (rng.random((21, 21)) < 0.5).astype(np.uint8) * 210 + 25  # random modules, no finder
    dots = cv2.resize(dots, (21 * cell, 21 * cell), interpolation=cv2.INTER_NEAREST)
    where = (w * rng.uniform(0.6, 0.8), h * rng.uniform(0.25, 0.45))
    scene = paste_warped(scene, dots, square_corners(where, 21 * cell, rng.uniform(-30, 30)))

    checker = ((np.indices((8, 8)).sum(axis=0) % 2) * 200 + 30).astype(np.uint8)
    checker = cv2.resize(checker, (8 * cell * 2, 8 * cell * 2), interpolation=cv2.INTER_NEAREST)
    where = (w * rng.uniform(0.6, 0.8), h * rng.uniform(0.65, 0.8))
    scene = paste_warped(scene, checker, square_corners(where, 16 * cell, rng.uniform(-30, 30)))

    finder = np.full((7, 7), 25, np.uint8)  # one finder-like target (a QR has three)
    finder[1:6, 1:6] = 230
    finder[2:5, 2:5] = 25
    finder = cv2.resize(finder, (7 * cell * 2, 7 * cell * 2), interpolation=cv2.INTER_NEAREST)
    where = (w * rng.uniform(0.1, 0.2), h * rng.uniform(0.1, 0.2))
    scene = paste_warped(scene, finder, square_corners(where, 14 * cell, 0))

    for row in range(3):
        origin = (int(w * 0.05), int(h * (0.82 + 0.05 * row)))
        cv2.putText(scene, f"TOTAL {rng.integers(1, 999)}.{rng.integers(0, 99):02d} EUR", origin,
                    cv2.FONT_HERSHEY_PLAIN, 1.2 * scale, (30, 30, 30), 1, cv2.LINE_AA)  # fmt: skip
    return scene


def _camera_noise(scene: np.ndarray, rng: np.random.Generator, *, sigma: float) -> np.ndarray:
    noise = rng.normal(0, sigma, scene.shape).astype(np.float32)
    return np.clip(scene.astype(np.float32) + noise, 0, 255).astype(np.uint8)
