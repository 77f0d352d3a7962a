"""A reported lock is bounded by the company's lockout minutes and always expires."""

from __future__ import annotations

from datetime import datetime, timedelta

from sync.server.models import Staff
from terminal.domain.pins import PinAttempts
from tests.sync.conftest import START, World
from tests.sync.test_changes import pull_all

LOCKOUT = timedelta(minutes=30)  # the demo company's pin_lockout_minutes


def report(term, staff_id: int, attempts: int, locked_until=None, observed_at=START):
    body = {
        "terminal_id": term.id,
        "reports": [
            {
                "staff_id": staff_id,
                "failed_attempts": attempts,
                "locked_until": locked_until.isoformat() if locked_until else None,
                "observed_at": observed_at.isoformat(),
            }
        ],
    }
    answer = term.http.post("/v1/staff/pin-status", json=body)
    assert answer.status_code == 200, answer.text
    return answer.json()["staff"][0]


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_a_lock_years_ahead_is_stored_as_at_most_now_plus_lockout(world: World) -> None:
    till1 = world.server.activate(world.vendor_a1)
    till2 = world.server.activate(world.vendor_a2, "Kiosk")
    _, cursor = pull_all(till2)
    years = START + timedelta(days=5 * 365)
    state = report(till1, world.staff_a, 5, years)
    assert _utc(state["locked_until"]) <= START + LOCKOUT
    assert state["locked_until"] == "2026-03-02T09:30:00Z"
    changes = till2.changes(cursor)["changes"]
    assert _utc(changes[0]["data"]["locked_until"]) <= START + LOCKOUT
    with world.server.sessions.begin() as session:
        staff = session.get(Staff, world.staff_a)
        assert staff is not None
        assert staff.locked_until is not None
        assert staff.locked_until <= START + LOCKOUT
    # After that time the PIN works again: not locked, and a correct PIN clears the count.
    world.server.clock.advance(LOCKOUT + timedelta(minutes=1))
    now = world.server.clock.now()
    assert not PinAttempts(5, _utc(state["locked_until"])).is_locked(now)
    cleared = report(till2, world.staff_a, 0, observed_at=now)
    assert cleared["failed_attempts"] == 0
    # A later lock is still honoured and clears the normal way.
    later = report(till1, world.staff_a, 5, now + LOCKOUT, observed_at=now)
    assert _utc(later["locked_until"]) == now + LOCKOUT
    assert report(till2, world.staff_a, 0, observed_at=now)["failed_attempts"] == 5
    world.server.clock.advance(LOCKOUT + timedelta(minutes=1))
    after = world.server.clock.now()
    assert report(till2, world.staff_a, 0, observed_at=after)["failed_attempts"] == 0


def test_the_bound_counts_from_the_earlier_of_observation_and_server_clock(world: World) -> None:
    till = world.server.activate(world.vendor_a1)
    world.server.clock.advance(timedelta(minutes=10))
    now = world.server.clock.now()
    # Observed 10 minutes ago: the lock ends 30 minutes after the observation.
    state = report(till, world.staff_a, 5, now + timedelta(days=400), observed_at=START)
    assert _utc(state["locked_until"]) == START + LOCKOUT
    # Observed "in the future" (a terminal clock ahead): bounded by the server's clock.
    ahead = now + timedelta(days=30)
    state = report(till, world.staff_a, 5, ahead + LOCKOUT, observed_at=ahead)
    assert _utc(state["locked_until"]) == now + LOCKOUT


def test_a_lock_stored_years_ahead_is_brought_back_and_then_clears(world: World) -> None:
    till = world.server.activate(world.vendor_a1)
    with world.server.sessions.begin() as session:  # as an unbounded server once stored it
        staff = session.get(Staff, world.staff_a)
        assert staff is not None
        staff.failed_attempts = 5
        staff.locked_until = START + timedelta(days=3650)
    state = report(till, world.staff_a, 0)
    assert state["failed_attempts"] == 5  # still locked for now ...
    assert _utc(state["locked_until"]) == START + LOCKOUT  # ... but only for the lockout
    world.server.clock.advance(LOCKOUT + timedelta(minutes=1))
    now = world.server.clock.now()
    assert report(till, world.staff_a, 0, observed_at=now)["failed_attempts"] == 0
