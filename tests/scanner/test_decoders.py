"""QR decoders: every engine and chain on generated camera frames and on real photos, the
missing-libzbar path, and arrays that are not proper frames.

Frames come from tests/scanner/synthetic.py at 640x480. Speed is not asserted here (see
tests/bench/bench_decoders.py): these tests pin what each engine reads.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

import cv2
import numpy as np
import pytest

from terminal.scanner.decoders import (
    ZBAR_INSTALL_HINT,
    ChainDecoder,
    Decoder,
    PyzbarDecoder,
    UnusableImage,
    ZxingDecoder,
    default_decoder,
    to_gray,
)
from tests.scanner.synthetic import FRAME_KINDS, MUST_READ_KINDS, make_frame, token

SEEDS = range(8)  # frames per kind
REAL_DIR = Path(__file__).resolve().parents[3] / "shared" / "qr" / "real"
# Measured on the 137 photos there (zxing-cpp 3.1.1, pyzbar 0.1.9 / libzbar 0.23): zxing-cpp
# 125, pyzbar 97, default chain 128, chain on every empty frame 129. The floor leaves a margin
# of 4 for other builds of libzbar and OpenCV's image codecs, not for a worse chain.
REAL_PHOTOS_FLOOR = 124

ZXING = ZxingDecoder()
PYZBAR = PyzbarDecoder()
ENGINES: dict[str, Decoder] = {
    "zxing": ZXING,
    "pyzbar": PYZBAR,
    "chain-empty": ChainDecoder([ZXING, PYZBAR], fallback="empty"),
    "default": default_decoder(),
}
needs_zbar = pytest.mark.skipif(not PYZBAR.available, reason=PYZBAR.unavailable_reason or "")


def _missing_libzbar() -> tuple:  # type: ignore[type-arg]
    raise ImportError("Unable to find zbar shared library")


@cache
def frame(kind: str, seed: int) -> np.ndarray:
    return make_frame(kind, token(seed), (640, 480), seed)


@cache
def reads(engine: str, kind: str) -> frozenset[int]:
    """The seeds of the frames of `kind` that `engine` read correctly (asserting no misreads)."""
    read = set()
    for seed in SEEDS:
        texts = ENGINES[engine].decode(frame(kind, seed))
        assert set(texts) <= {token(seed)}, f"{engine} misread a {kind} frame: {texts}"
        if texts:
            read.add(seed)
    return frozenset(read)


def test_frames_are_deterministic_camera_frames() -> None:
    a = make_frame("plain", token(1), (640, 480), seed=1)
    assert a.shape == (480, 640, 3)
    assert a.dtype == np.uint8
    assert np.array_equal(a, make_frame("plain", token(1), (640, 480), seed=1))
    assert not np.array_equal(a, make_frame("plain", token(1), (640, 480), seed=2))
    assert make_frame("small", token(1), (1280, 720)).shape == (720, 1280, 3)
    with pytest.raises(ValueError, match="unknown frame kind"):
        make_frame("upside_down", token(1))


def test_tokens_have_the_card_token_form() -> None:
    from terminal.domain.cards import is_qr_token

    assert all(is_qr_token(token(seed)) for seed in range(50))
    assert len({token(seed) for seed in range(50)}) == 50


@pytest.mark.parametrize("kind", MUST_READ_KINDS)
def test_zxing_reads_every_plain_rotated_and_inverted_frame(kind: str) -> None:
    assert reads("zxing", kind) == frozenset(SEEDS)


@pytest.mark.parametrize("engine", ENGINES)
def test_no_engine_reads_anything_where_there_is_no_code(engine: str) -> None:
    if engine == "pyzbar" and not PYZBAR.available:
        pytest.skip(PYZBAR.unavailable_reason or "")
    assert reads(engine, "no_code") == frozenset()


@pytest.mark.parametrize("kind", FRAME_KINDS)
@pytest.mark.parametrize("engine", ENGINES)
def test_each_engine_on_each_kind_reads_only_the_card(engine: str, kind: str) -> None:
    reads(engine, kind)  # asserts that whatever it read is the payload


@needs_zbar
@pytest.mark.parametrize("kind", ["plain", "perspective", "low_contrast"])
def test_pyzbar_reads_a_card_held_up(kind: str) -> None:
    assert reads("pyzbar", kind) == frozenset(SEEDS)


@needs_zbar
def test_pyzbar_reads_dark_mode_screens_only_thanks_to_its_inverted_pass() -> None:
    assert reads("pyzbar", "inverted") == frozenset(SEEDS)
    one_pass = PyzbarDecoder(invert_pass=False)
    assert one_pass.decode(frame("inverted", 0)) == []


@pytest.mark.parametrize("kind", FRAME_KINDS)
@pytest.mark.parametrize("chain", ["chain-empty", "default"])
def test_a_chain_reads_at_least_what_zxing_reads(chain: str, kind: str) -> None:
    assert reads(chain, kind) >= reads("zxing", kind)


class Spy:
    """A second engine that records the images it is given and reads nothing."""

    name = "spy"
    available = True
    unavailable_reason = None

    def __init__(self) -> None:
        self.shapes: list[tuple[int, ...]] = []

    def decode(self, gray: np.ndarray) -> list[str]:
        self.shapes.append(gray.shape)
        return []


def test_the_suspect_chain_leaves_empty_frames_to_zxing_alone() -> None:
    spy = Spy()
    chain = ChainDecoder([ZXING, spy], fallback="suspect")
    for seed in SEEDS:
        assert chain.decode(frame("no_code", seed)) == []
        assert chain.decode(frame("plain", seed)) == [token(seed)]
    assert spy.shapes == []


def test_the_suspect_chain_hands_the_second_engine_only_the_region_of_a_damaged_code() -> None:
    spy = Spy()
    chain = ChainDecoder([ZXING, spy], fallback="suspect")
    unread = [seed for seed in SEEDS if not ZXING.decode(frame("glare", seed))]
    assert unread, "no glare frame defeats zxing-cpp any more: make the glare harder"
    for seed in unread:
        chain.decode(frame("glare", seed))
    assert spy.shapes
    assert all(h < 480 and w < 640 for h, w in spy.shapes)


# -- real photos -----------------------------------------------------------------------------


@cache
def real_photos() -> tuple[tuple[str, np.ndarray, str], ...]:
    photos = []
    for path in sorted(REAL_DIR.rglob("*")):
        expected = path.with_suffix(".txt")
        if path.suffix.lower() in {".png", ".jpg", ".jpeg", ".webp"} and expected.exists():
            image = cv2.imread(str(path), cv2.IMREAD_COLOR)
            assert image is not None, f"OpenCV cannot read {path}"
            text = expected.read_bytes().decode("utf-8", "replace")
            photos.append((str(path.relative_to(REAL_DIR)), image, text))
    return tuple(photos)


def real_reads(decoder: Decoder) -> int:
    return sum(expected in decoder.decode(image) for _, image, expected in real_photos())


def test_on_real_photos_the_chain_reads_at_least_each_engine_and_above_the_floor() -> None:
    if not REAL_DIR.is_dir() or not real_photos():
        pytest.skip(f"no real QR photos in {REAL_DIR} (the shared folder is not mounted)")
    singles = {"zxing": real_reads(ZXING)}
    if PYZBAR.available:
        singles["pyzbar"] = real_reads(PYZBAR)
    chain = real_reads(ENGINES["default"])
    assert all(chain >= n for n in singles.values()), (chain, singles)
    assert chain >= REAL_PHOTOS_FLOOR, (chain, singles, len(real_photos()))


# -- pyzbar without libzbar ------------------------------------------------------------------


@pytest.mark.parametrize(
    "error", [ImportError("Unable to find zbar shared library"), OSError("libzbar.so.0: bad ELF")]
)
def test_without_libzbar_pyzbar_says_how_to_install_it_and_reads_nothing(error: Exception) -> None:
    def loader() -> tuple:  # type: ignore[type-arg]
        raise error

    decoder = PyzbarDecoder(loader=loader)
    assert decoder.available is False
    assert decoder.unavailable_reason is not None
    assert ZBAR_INSTALL_HINT in decoder.unavailable_reason
    assert str(error) in decoder.unavailable_reason
    assert decoder.decode(frame("plain", 0)) == []


@pytest.mark.parametrize("fallback", ["empty", "suspect"])
def test_without_libzbar_the_chain_runs_on_zxing_alone_and_says_why(
    fallback: Literal["empty", "suspect"],
) -> None:
    missing = PyzbarDecoder(loader=_missing_libzbar)
    chain = ChainDecoder([ZxingDecoder(), missing], fallback=fallback)
    assert chain.available
    assert chain.name == "zxing-cpp"
    assert [d.name for d in chain.decoders] == ["zxing-cpp"]
    assert ZBAR_INSTALL_HINT in (chain.unavailable_reason or "")
    assert chain.decode(frame("plain", 0)) == [token(0)]
    assert chain.decode(frame("inverted", 1)) == [token(1)]
    assert chain.decode(frame("no_code", 0)) == []


def test_the_default_decoder_works_without_libzbar() -> None:
    decoder = default_decoder(pyzbar_loader=_missing_libzbar)
    assert decoder.available
    assert ZBAR_INSTALL_HINT in (decoder.unavailable_reason or "")
    assert decoder.decode(frame("rotated", 2)) == [token(2)]


def test_the_default_decoder_is_zxing_then_pyzbar_on_suspects() -> None:
    decoder = default_decoder()
    assert isinstance(decoder, ChainDecoder)
    assert decoder.decoders[0].name == "zxing-cpp"
    if PYZBAR.available:
        assert decoder.name == "zxing-cpp > pyzbar (on suspects)"
        assert decoder.unavailable_reason is None


def test_a_chain_of_nothing_is_unavailable_and_reads_nothing() -> None:
    chain = ChainDecoder([PyzbarDecoder(loader=_missing_libzbar)])
    assert not chain.available
    assert chain.name == "none"
    assert chain.decode(frame("plain", 0)) == []
    with pytest.raises(ValueError, match="fallback"):
        ChainDecoder([ZXING], fallback="sometimes")  # type: ignore[arg-type]


# -- arrays that are not proper frames -------------------------------------------------------

_rng = np.random.default_rng(7)
ODD_ARRAYS = {
    "all black": np.zeros((480, 640, 3), np.uint8),
    "all white": np.full((480, 640), 255, np.uint8),
    "1x1": np.zeros((1, 1), np.uint8),
    "1x1 BGR": np.zeros((1, 1, 3), np.uint8),
    "0x0": np.zeros((0, 0), np.uint8),
    "0 rows": np.zeros((0, 640, 3), np.uint8),
    "one dimension": np.zeros(640, np.uint8),
    "four dimensions": np.zeros((2, 30, 30, 3), np.uint8),
    "two channels": np.zeros((30, 30, 2), np.uint8),
    "a scalar": np.uint8(7),
    "float noise": _rng.random((120, 160)),
    "float with NaN and inf": np.array([[np.nan, np.inf, -np.inf] * 20] * 40),
    "int64 out of range": _rng.integers(-(2**40), 2**40, (50, 50)),
    "complex": np.zeros((50, 50), np.complex64),
    "objects": np.full((30, 30), None, object),
    "strided noise": _rng.integers(0, 256, (480, 640, 3), np.uint8)[::3, ::5, ::-1],
    "a list": [[0, 255], [255, 0]],
    "a string": "not an image",
    "None": None,
}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", ODD_ARRAYS)
def test_odd_arrays_give_no_reads_and_no_crash(engine: str, name: str) -> None:
    assert ENGINES[engine].decode(ODD_ARRAYS[name]) == []  # type: ignore[arg-type]


def _shapes(image: np.ndarray) -> dict[str, np.ndarray]:
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    padded = np.zeros((image.shape[0] + 20, image.shape[1] + 40, 3), np.uint8)
    padded[10:-10, 20:-20] = image
    return {
        "gray": gray,
        "gray (h, w, 1)": gray[:, :, None],
        "BGRA": cv2.cvtColor(image, cv2.COLOR_BGR2BGRA),
        "float in [0, 1]": image.astype(np.float32) / 255,
        "float in [0, 255]": image.astype(np.float64),
        "uint16": image.astype(np.uint16) * 257,
        "non-contiguous view": padded[10:-10, 20:-20],
        "every other column of a wider frame": np.repeat(image, 2, axis=1)[:, ::2],
        "Fortran order": np.asfortranarray(image),
    }


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("layout", list(_shapes(np.zeros((30, 30, 3), np.uint8))))
def test_other_layouts_of_a_frame_still_read(engine: str, layout: str) -> None:
    if engine == "pyzbar" and not PYZBAR.available:
        pytest.skip(PYZBAR.unavailable_reason or "")
    image = _shapes(frame("plain", 3))[layout]
    assert ENGINES[engine].decode(image) == [token(3)]


def test_to_gray_refuses_what_cannot_hold_a_code() -> None:
    for name in ("1x1", "0x0", "one dimension", "complex", "objects", "None", "two channels"):
        with pytest.raises(UnusableImage):
            to_gray(ODD_ARRAYS[name])
    gray = to_gray(frame("plain", 0))
    assert gray.dtype == np.uint8
    assert gray.ndim == 2
    assert gray.flags.c_contiguous
    assert to_gray(gray) is gray  # no copy for what is already right
