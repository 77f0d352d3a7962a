"""PIN lockouts reported by terminals become company-wide through `changes`."""

from __future__ import annotations

from datetime import timedelta

from tests.sync.conftest import START, World
from tests.sync.test_changes import pull_all


def report(term, staff_id: int, attempts: int, locked_until=None):
    body = {
        "terminal_id": term.id,
        "reports": [
            {
                "staff_id": staff_id,
                "failed_attempts": attempts,
                "locked_until": locked_until.isoformat() if locked_until else None,
                "observed_at": START.isoformat(),
            }
        ],
    }
    return term.http.post("/v1/staff/pin-status", json=body)


def test_a_lockout_on_one_terminal_reaches_the_others(world: World) -> None:
    till1 = world.server.activate(world.vendor_a1)
    till2 = world.server.activate(world.vendor_a2, "Kiosk")
    _, cursor = pull_all(till2)
    until = START + timedelta(minutes=30)
    answer = report(till1, world.staff_a, 5, until)
    assert answer.status_code == 200
    assert answer.json()["staff"] == [
        {"staff_id": world.staff_a, "failed_attempts": 5, "locked_until": "2026-03-02T09:30:00Z"}
    ]
    changes = till2.changes(cursor)["changes"]
    assert [(c["entity"], c["data"]["failed_attempts"]) for c in changes] == [("staff", 5)]
    assert changes[0]["data"]["locked_until"].startswith("2026-03-02T09:30:00")
    # A correct PIN elsewhere while locked does not unlock; a shorter lock does not shorten.
    assert report(till2, world.staff_a, 0).json()["staff"][0]["failed_attempts"] == 5
    shorter = report(till2, world.staff_a, 5, START + timedelta(minutes=5)).json()
    assert shorter["staff"][0]["locked_until"] == "2026-03-02T09:30:00Z"
    world.server.clock.advance(timedelta(minutes=31))
    assert report(till2, world.staff_a, 0).json()["staff"][0]["failed_attempts"] == 0


def test_pin_reports_are_scoped_to_the_company_and_terminal(world: World) -> None:
    till_a = world.server.activate(world.vendor_a1)
    till_b = world.server.activate(world.vendor_b1, "B")
    answer = report(till_a, world.staff_b, 5, START + timedelta(minutes=30))
    assert answer.status_code == 200
    assert answer.json()["staff"] == []  # another company's staff is unknown
    staff_b = [c for c in pull_all(till_b)[0] if c["entity"] == "staff"]
    assert staff_b[0]["data"]["failed_attempts"] == 0
    forged = till_b.http.post(
        "/v1/staff/pin-status",
        json={
            "terminal_id": till_a.id,
            "reports": [{"staff_id": 1, "failed_attempts": 1, "observed_at": START.isoformat()}],
        },
    )
    assert forged.status_code == 403
