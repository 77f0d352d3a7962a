"""The windowed demo's camera: an empty counter until a card is held, then that card."""

from __future__ import annotations

from terminal.scanner.decoders import ZxingDecoder
from terminal.scanner.demo_source import DemoCounterCamera

CARDS = ["LC1-" + "A" * 24, "LC1-" + "B" * 24, "LC1-" + "C" * 24]


def test_nothing_is_shown_until_a_card_is_held_then_that_card_then_nothing_again() -> None:
    now = [0.0]
    camera = DemoCounterCamera(CARDS, size=(640, 480), clock=lambda: now[0], seconds_per_card=2)
    decoder = ZxingDecoder()
    camera.open()

    def read_at(t: float) -> list[str]:
        now[0] = t
        frame = camera.read()
        assert frame is not None
        return decoder.decode(frame.image)

    assert read_at(0.1) == []
    assert read_at(0.9) == []
    now[0] = 1.0
    camera.hold(CARDS[1])  # from the GUI thread, in the app
    assert read_at(1.0) in ([], [CARDS[1]])  # sliding in
    assert read_at(1.8) == [CARDS[1]]  # held
    assert read_at(3.5) == []  # gone after its turn
    camera.hold("LC1-not-a-demo-card-xxxxxxx")  # unknown cards are ignored
    assert read_at(4.0) == []
    camera.close()
    camera.close()


def test_frames_are_paced_and_numbered() -> None:
    now = [0.0]
    camera = DemoCounterCamera(CARDS, size=(320, 240), fps=10, clock=lambda: now[0])
    camera.open()
    first = camera.read()
    assert camera.read() is first  # the same frame until the next is due
    assert 0 < camera.seconds_until_next_frame() <= 0.1
    now[0] = 0.15
    second = camera.read()
    assert second is not None
    assert first is not None
    assert second.index == first.index + 1
