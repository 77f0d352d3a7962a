"""How long the sync engine waits before trying a failed call again: exponential backoff
with full jitter (a random wait between 0 and min(cap, base x 2^failures)), capped at 60 s,
so that a chain's terminals coming back after an outage do not all knock at once; never
sooner than a 429's Retry-After. The random source is injected: a seed replays a run."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

DEFAULT_BASE_S = 1.0
DEFAULT_CAP_S = 60.0


@dataclass
class Backoff:
    base: float = DEFAULT_BASE_S
    cap: float = DEFAULT_CAP_S
    rng: random.Random = field(default_factory=random.Random)
    failures: int = 0  # in a row, since the last success

    def __post_init__(self) -> None:
        if not 0 < self.base <= self.cap:
            raise ValueError("backoff needs 0 < base <= cap")

    def failed(self, retry_after: float | None = None) -> float:
        """One more failure: the seconds to wait before the next try."""
        ceiling = min(self.cap, self.base * 2.0 ** min(self.failures, 62))
        self.failures += 1
        delay = self.rng.uniform(0.0, ceiling)
        if retry_after is not None:
            delay = max(delay, retry_after)
        return delay

    def succeeded(self) -> None:
        self.failures = 0
