"""The N-equal-reads confirmer: a code counts only after several frames agree.

One misread frame must never become a scan, and a card held in front of the camera must
become exactly one scan, not one per frame. Like a hardware scanner, the same code is
ignored for a while after it was accepted (0.5 to 2 s there; configurable here).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from terminal.scanner.frames import AcceptedScan

MAX_PAYLOAD_LENGTH = 512


def plausible_payload(text: str) -> bool:
    """The default garbage filter: short, printable text (the services check the rest)."""
    return 0 < len(text) <= MAX_PAYLOAD_LENGTH and text.isprintable()


@dataclass(frozen=True)
class ConfirmSettings:
    required_reads: int = 2
    window_s: float = 0.6  # all required reads within this time
    repeat_cooldown_s: float = 1.5  # the same code is ignored this long after acceptance

    def __post_init__(self) -> None:
        if self.required_reads < 1 or self.window_s <= 0 or self.repeat_cooldown_s < 0:
            raise ValueError("confirmation needs >= 1 read, a positive window, cooldown >= 0")


@dataclass
class _Candidate:
    payload: str
    reads: list[float]  # capture times of the frames that read it, oldest first


class Confirmer:
    """Fed on the camera worker thread, one frame's decoded texts at a time."""

    def __init__(
        self,
        settings: ConfirmSettings | None = None,
        *,
        is_plausible: Callable[[str], bool] = plausible_payload,
    ) -> None:
        self._settings = settings or ConfirmSettings()
        self._is_plausible = is_plausible
        self._candidate: _Candidate | None = None
        self._last_accepted: tuple[str, float] | None = None

    def feed(
        self, texts: list[str], *, captured_at: float, decoded_at: float
    ) -> AcceptedScan | None:
        payload = next((t for t in texts if self._is_plausible(t)), None)
        if payload is None or self._in_repeat_cooldown(payload, captured_at):
            return None
        s = self._settings
        candidate = self._candidate
        if candidate is None or candidate.payload != payload:
            candidate = self._candidate = _Candidate(payload, [])
        candidate.reads = [t for t in candidate.reads if captured_at - t < s.window_s]
        candidate.reads.append(captured_at)
        if len(candidate.reads) < s.required_reads:
            return None
        self._candidate = None
        self._last_accepted = (payload, captured_at)
        return AcceptedScan(
            payload=payload,
            first_captured_at=candidate.reads[0],
            captured_at=captured_at,
            decoded_at=decoded_at,
            reads=len(candidate.reads),
        )

    def _in_repeat_cooldown(self, payload: str, captured_at: float) -> bool:
        if self._last_accepted is None:
            return False
        last_payload, last_at = self._last_accepted
        if last_payload != payload:
            return False
        return captured_at - last_at < self._settings.repeat_cooldown_s
