"""Staff PINs: checks, consecutive failures, lockout per staff member, expiry on the clock."""

from __future__ import annotations

from datetime import timedelta

import pytest

from terminal.domain.errors import ManagerRequired, PinLocked, StaffNotFound, WrongPin
from terminal.domain.rules import CompanyRules, StaffRole
from terminal.services.bundle import counter_services
from terminal.services.views import Actor, StaffMember
from terminal.store.schema import open_current
from tests.factories import CASHIER, MANAGER, T0, Terminal, seed_with
from tests.services.conftest import MakeTerminal
from tests.services.helpers import PARIS, add_other_company, add_staff, paris, refused, staff_row


def _fail(terminal: Terminal, times: int, staff_id: int = 1) -> None:
    for _ in range(times):
        with pytest.raises(WrongPin):
            terminal.services.staff.verify_pin(staff_id, "0000")


def test_staff_list_is_the_companys_active_staff_by_name(terminal: Terminal) -> None:
    add_staff(terminal, 3, name="Bea Former", active=False)
    add_staff(terminal, 4, name="Aaron Other", company_id=1)
    add_other_company(terminal)
    add_staff(terminal, 5, name="Abel Elsewhere", company_id=2)

    staff = terminal.services.staff.list_staff()

    assert [(m.staff_id, m.name, m.role) for m in staff] == [
        (4, "Aaron Other", StaffRole.CASHIER),
        (1, "Alex Martin", StaffRole.CASHIER),
        (2, "Morgan Leroy", StaffRole.MANAGER),
    ]
    assert all(m.locked_until is None for m in staff)


def test_right_pin_returns_the_member_and_records_its_use(terminal: Terminal) -> None:
    terminal.clock.advance(timedelta(minutes=7))

    member = terminal.services.staff.verify_pin(2, "1357")

    assert member == StaffMember(2, "Morgan Leroy", StaffRole.MANAGER, None)
    row = staff_row(terminal, 2)
    assert row.last_used_at == T0 + timedelta(minutes=7)
    assert row.failed_attempts == 0


def test_pins_are_stored_only_as_salted_hashes(terminal: Terminal) -> None:
    cashier, manager = staff_row(terminal, 1), staff_row(terminal, 2)

    for row, pin in ((cashier, "2468"), (manager, "1357")):
        assert row.pin_hash.startswith("scrypt$")
        assert pin not in row.pin_hash
    assert cashier.pin_hash.split("$")[4] != manager.pin_hash.split("$")[4]  # salts differ


def test_wrong_pin_counts_down_and_locks_at_the_fifth(terminal: Terminal) -> None:
    messages = []
    for _ in range(5):
        with refused(terminal, WrongPin) as info:
            terminal.services.staff.verify_pin(1, "0000")
        messages.append(info.value.message)

    assert messages == [
        "Wrong PIN. 4 attempts left before this PIN is locked.",
        "Wrong PIN. 3 attempts left before this PIN is locked.",
        "Wrong PIN. 2 attempts left before this PIN is locked.",
        "Wrong PIN. 1 attempt left before this PIN is locked.",
        "Wrong PIN. This PIN is now locked. Ask a manager.",
    ]
    row = staff_row(terminal, 1)
    assert row.failed_attempts == 5
    assert row.locked_until == T0 + timedelta(minutes=30)


def test_locked_pin_refuses_even_the_right_pin_and_says_until_when(terminal: Terminal) -> None:
    _fail(terminal, 5)
    terminal.clock.advance(timedelta(minutes=10))

    with refused(terminal, PinLocked, r"until 2026-03-10 10:30\. Another staff member") as info:
        terminal.services.staff.verify_pin(1, "2468")

    assert info.value.until_local == paris(2026, 3, 10, 10, 30)
    assert info.value.until_local.tzinfo is not None
    assert info.value.until_local.utcoffset() == PARIS.utcoffset(info.value.until_local)
    assert staff_row(terminal, 1).failed_attempts == 5  # not counted while locked
    members = {m.staff_id: m for m in terminal.services.staff.list_staff()}
    assert members[1].locked_until == T0 + timedelta(minutes=30)


def test_lock_is_per_staff_member(terminal: Terminal) -> None:
    _fail(terminal, 5, staff_id=1)

    assert terminal.services.staff.verify_pin(2, "1357").staff_id == 2
    assert staff_row(terminal, 2).failed_attempts == 0


def test_lock_expires_after_thirty_minutes_on_the_clock(terminal: Terminal) -> None:
    _fail(terminal, 5)

    terminal.clock.advance(timedelta(minutes=29, seconds=59))
    with refused(terminal, PinLocked):
        terminal.services.staff.verify_pin(1, "2468")
    terminal.clock.advance(timedelta(seconds=1))
    assert terminal.services.staff.verify_pin(1, "2468").staff_id == 1

    row = staff_row(terminal, 1)
    assert (row.failed_attempts, row.locked_until) == (0, None)


def test_after_an_expired_lock_a_wrong_pin_starts_a_new_count(terminal: Terminal) -> None:
    _fail(terminal, 5)
    terminal.clock.advance(timedelta(minutes=30))

    with refused(terminal, WrongPin, "4 attempts left"):
        terminal.services.staff.verify_pin(1, "0000")


def test_a_right_pin_resets_the_count_of_consecutive_failures(terminal: Terminal) -> None:
    _fail(terminal, 4)
    terminal.services.staff.verify_pin(1, "2468")

    with refused(terminal, WrongPin, "4 attempts left"):
        terminal.services.staff.verify_pin(1, "0000")


def test_company_lockout_settings(make_term: MakeTerminal) -> None:
    rules = CompanyRules(pin_max_failed_attempts=3, pin_lockout_minutes=10)
    terminal = make_term(seed_with(company=rules))

    _fail(terminal, 2)
    with refused(terminal, WrongPin, "now locked"):
        terminal.services.staff.verify_pin(1, "0000")
    with refused(terminal, PinLocked, "until 2026-03-10 10:10"):
        terminal.services.staff.verify_pin(1, "2468")
    terminal.clock.advance(timedelta(minutes=10))
    assert terminal.services.staff.verify_pin(1, "2468").staff_id == 1


def test_lockout_survives_a_restart_of_the_terminal(terminal: Terminal) -> None:
    _fail(terminal, 5)
    terminal.database.dispose()

    reopened = open_current(terminal.database.path)
    try:
        services = counter_services(reopened, terminal.clock)
        with pytest.raises(PinLocked):
            services.staff.verify_pin(1, "2468")
    finally:
        reopened.dispose()


def test_lockout_holds_for_every_pin_checked_operation(terminal: Terminal) -> None:
    card = terminal.enroll(1)
    earned = terminal.services.points.earn(CASHIER, card.card_id, "200.00")
    _fail(terminal, 5)
    services = terminal.services

    with refused(terminal, PinLocked):
        services.points.redeem(CASHIER, card.card_id, 1)
    with refused(terminal, PinLocked):
        services.voids.void(CASHIER, card.card_id, earned.entry_id)
    with refused(terminal, PinLocked):
        services.enroll.enroll(CASHIER, first_name="A", last_name="B", email="ab@example.com")
    # The manager is not locked.
    assert services.points.redeem(MANAGER, card.card_id, 1).card.points_balance == 150


def test_pins_that_are_not_exactly_the_pin_fail(terminal: Terminal) -> None:
    for pin in ("", " 2468", "2468 ", "24680", "x" * 65, "٢٤٦٨", "２４６８", 2468, None):
        with refused(terminal, WrongPin, case=pin):
            terminal.services.staff.verify_pin(1, pin)  # type: ignore[arg-type]
        assert staff_row(terminal, 1).failed_attempts == 1
        terminal.services.staff.verify_pin(1, "2468")  # resets the count


def test_unknown_staff(terminal: Terminal) -> None:
    card = terminal.enroll(1)

    for staff_id in (99, 0, -1, "1", None, 1.5):
        with refused(terminal, StaffNotFound, "Pick your name", case=staff_id):
            terminal.services.staff.verify_pin(staff_id, "2468")  # type: ignore[arg-type]
        with refused(terminal, StaffNotFound, case=staff_id):
            terminal.services.stamps.add_stamp(Actor(staff_id), card.card_id)  # type: ignore[arg-type]


def test_inactive_staff_and_other_companys_staff_are_unknown(terminal: Terminal) -> None:
    card = terminal.enroll(1)
    add_staff(terminal, 3, active=False)
    add_other_company(terminal)
    add_staff(terminal, 4, company_id=2)

    for staff_id in (3, 4):
        with refused(terminal, StaffNotFound):
            terminal.services.staff.verify_pin(staff_id, "2468")
        with refused(terminal, StaffNotFound):
            terminal.services.stamps.add_stamp(Actor(staff_id, "2468"), card.card_id)
        with refused(terminal, StaffNotFound):
            terminal.services.points.redeem(Actor(staff_id, "2468"), card.card_id, 1)


def test_manager_role_is_checked_after_the_pin(terminal: Terminal) -> None:
    card = terminal.enroll(1)

    with refused(terminal, ManagerRequired, "Only a manager can do this"):
        terminal.services.cards.deactivate(CASHIER, card.card_id)
    assert staff_row(terminal, 1).failed_attempts == 0
    with refused(terminal, WrongPin):
        terminal.services.cards.deactivate(Actor(1, "0000"), card.card_id)
    assert staff_row(terminal, 1).failed_attempts == 1


def test_lock_end_shown_is_never_a_time_already_past(terminal: Terminal) -> None:
    terminal.clock.advance(timedelta(seconds=30))
    _fail(terminal, 5)  # locked until 09:30:30 UTC, 10:30:30 in Paris
    terminal.clock.set(paris(2026, 3, 10, 10, 30, 10))

    with refused(terminal, PinLocked) as info:
        terminal.services.staff.verify_pin(1, "2468")

    assert "until 2026-03-10 10:31" in info.value.message
