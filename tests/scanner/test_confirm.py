"""The N-equal-reads confirmer: one steady card is one scan; misreads and garbage are not."""

from __future__ import annotations

import pytest

from terminal.scanner.confirm import Confirmer, ConfirmSettings, plausible_payload

CARD = "LC1-AAAAAAAAAAAAAAAAAAAAAAAA"
OTHER = "LC1-BBBBBBBBBBBBBBBBBBBBBBBB"
FRAME = 1 / 30


def feed_frames(confirmer: Confirmer, reads: list[list[str]], start: float = 100.0) -> list:  # type: ignore[type-arg]
    accepted = []
    for i, texts in enumerate(reads):
        at = start + i * FRAME
        scan = confirmer.feed(texts, captured_at=at, decoded_at=at + 0.004)
        if scan is not None:
            accepted.append(scan)
    return accepted


def test_a_code_counts_after_the_required_equal_reads() -> None:
    confirmer = Confirmer(ConfirmSettings(required_reads=3))
    scans = feed_frames(confirmer, [[CARD], [CARD], [CARD]])
    assert len(scans) == 1
    scan = scans[0]
    assert scan.payload == CARD
    assert scan.reads == 3
    assert scan.first_captured_at == pytest.approx(100.0)
    assert scan.captured_at == pytest.approx(100.0 + 2 * FRAME)
    assert scan.decoded_at == pytest.approx(scan.captured_at + 0.004)


def test_a_single_misread_frame_never_becomes_a_scan() -> None:
    confirmer = Confirmer(ConfirmSettings(required_reads=2))
    assert feed_frames(confirmer, [[CARD], [], [OTHER], [], []]) == []


def test_frames_without_a_code_in_between_are_tolerated_within_the_window() -> None:
    confirmer = Confirmer(ConfirmSettings(required_reads=2, window_s=0.5))
    scans = feed_frames(confirmer, [[CARD], [], [], [CARD]])
    assert [s.payload for s in scans] == [CARD]


def test_reads_further_apart_than_the_window_do_not_add_up() -> None:
    confirmer = Confirmer(ConfirmSettings(required_reads=2, window_s=0.1))
    reads = [[CARD]] + [[]] * 5 + [[CARD]]  # 6 frames = 0.2 s apart
    assert feed_frames(confirmer, reads) == []


def test_a_card_held_still_is_one_scan_until_the_repeat_cooldown_ends() -> None:
    confirmer = Confirmer(ConfirmSettings(required_reads=2, repeat_cooldown_s=1.0))
    held = [[CARD]] * 60  # two seconds in front of the camera
    scans = feed_frames(confirmer, held)
    assert len(scans) == 2  # once at once, once again after the 1 s cooldown
    assert scans[1].captured_at - scans[0].captured_at >= 1.0


def test_another_card_is_accepted_during_the_cooldown_of_the_first() -> None:
    confirmer = Confirmer(ConfirmSettings(required_reads=2, repeat_cooldown_s=2.0))
    scans = feed_frames(confirmer, [[CARD], [CARD], [OTHER], [OTHER]])
    assert [s.payload for s in scans] == [CARD, OTHER]


def test_switching_codes_restarts_the_count() -> None:
    confirmer = Confirmer(ConfirmSettings(required_reads=2))
    assert feed_frames(confirmer, [[CARD], [OTHER], [CARD], [OTHER]]) == []


@pytest.mark.parametrize(
    "garbage",
    ["", "\x00\x01\x02", "ok\nthen a newline", "x" * 513, "\u202eevil", "\x1b[2J"],
)
def test_garbage_payloads_are_dropped_without_noise(garbage: str) -> None:
    confirmer = Confirmer(ConfirmSettings(required_reads=1))
    assert feed_frames(confirmer, [[garbage]] * 3) == []
    assert not plausible_payload(garbage)


def test_the_first_plausible_text_of_a_frame_is_used() -> None:
    confirmer = Confirmer(ConfirmSettings(required_reads=2))
    scans = feed_frames(confirmer, [["\x00bad", CARD], [CARD]])
    assert [s.payload for s in scans] == [CARD]


def test_a_custom_filter_decides_what_is_plausible() -> None:
    confirmer = Confirmer(ConfirmSettings(required_reads=1), is_plausible=lambda t: t == OTHER)
    assert [s.payload for s in feed_frames(confirmer, [[CARD], [OTHER]])] == [OTHER]


@pytest.mark.parametrize(
    "settings",
    [
        {"required_reads": 0},
        {"window_s": 0},
        {"repeat_cooldown_s": -1},
    ],
)
def test_nonsense_settings_are_refused(settings: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="confirmation needs"):
        ConfirmSettings(**settings)  # type: ignore[arg-type]
