"""sync.backoff: full jitter under a doubling ceiling, capped, reset by a success, never
sooner than Retry-After, and the same seed gives the same waits."""

from __future__ import annotations

import random

import pytest

from sync.backoff import Backoff


class Highest(random.Random):
    """Always the top of the range: the ceiling itself."""

    def uniform(self, a: float, b: float) -> float:
        return b


def test_the_ceiling_doubles_up_to_the_cap() -> None:
    backoff = Backoff(base=1.0, cap=60.0, rng=Highest())
    assert [backoff.failed() for _ in range(9)] == [1, 2, 4, 8, 16, 32, 60, 60, 60]
    assert backoff.failures == 9


def test_waits_are_spread_below_the_ceiling() -> None:
    backoff = Backoff(base=1.0, cap=60.0, rng=random.Random(7), failures=20)
    waits = [backoff.failed() for _ in range(200)]
    assert all(0.0 <= wait <= 60.0 for wait in waits)
    assert min(waits) < 15.0 < 45.0 < max(waits)  # jitter, not one fixed wait


def test_a_success_starts_again_from_the_base() -> None:
    backoff = Backoff(rng=random.Random(1))
    for _ in range(10):
        backoff.failed()
    backoff.succeeded()
    assert backoff.failures == 0
    assert backoff.failed() <= 1.0


def test_retry_after_is_a_floor() -> None:
    backoff = Backoff(rng=random.Random(3))
    assert backoff.failed(retry_after=42.0) >= 42.0


def test_the_seed_replays_the_waits() -> None:
    first = Backoff(rng=random.Random(2026))
    second = Backoff(rng=random.Random(2026))
    assert [first.failed() for _ in range(20)] == [second.failed() for _ in range(20)]


def test_many_failures_never_overflow() -> None:
    backoff = Backoff(rng=random.Random(0), failures=10_000)
    assert 0.0 <= backoff.failed() <= 60.0


@pytest.mark.parametrize(("base", "cap"), [(0.0, 60.0), (-1.0, 60.0), (61.0, 60.0)])
def test_a_nonsense_policy_is_refused(base: float, cap: float) -> None:
    with pytest.raises(ValueError, match="base"):
        Backoff(base=base, cap=cap)
