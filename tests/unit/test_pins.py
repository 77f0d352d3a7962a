"""Staff PINs: format, salted scrypt hashes, lockout state machine, policy and roles."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from terminal.domain.errors import (
    InvalidPinFormat,
    ManagerRequired,
    PinLocked,
    PinRequired,
    WrongPin,
)
from terminal.domain.pins import (
    SCRYPT_N,
    PinAttempts,
    after_failed_attempt,
    check_not_locked,
    check_role,
    hash_pin,
    pin_needed,
    remaining_attempts,
    validate_new_pin,
    verify_pin_hash,
    wrong_pin_error,
)
from terminal.domain.rules import CompanyRules, PinOperation, PinPolicy, StaffRole

FAST_N = 2**8  # keeps the suite fast; one test below uses the real default
PARIS = "Europe/Paris"
NOW = datetime(2024, 1, 15, 10, 0, tzinfo=UTC)
COMPANY = CompanyRules()  # 5 attempts, 30 minutes


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


# --- validate_new_pin -----------------------------------------------------------------------


@pytest.mark.parametrize("pin", ["1357", "2580", "0852", "13579246", "1212", "90817"])
def test_acceptable_pins(pin: str) -> None:
    assert validate_new_pin(pin) == pin


@pytest.mark.parametrize("pin", ["123", "12", "1", "135792468", "1357913579"])
def test_pin_length(pin: str) -> None:
    with pytest.raises(InvalidPinFormat) as info:
        validate_new_pin(pin)
    assert info.value.message == "A PIN has 4 to 8 digits."


@pytest.mark.parametrize(
    "pin", ["", "12a4", "12 34", " 1357", "1357\n", "-135", "１３５７", "١٣٥٧", "13.5", None, 1357]
)
def test_pin_digits_only(pin: object) -> None:
    with pytest.raises(InvalidPinFormat) as info:
        validate_new_pin(pin)  # type: ignore[arg-type]
    assert info.value.message == "A PIN has only digits."
    assert info.value.code == "invalid_pin_format"


@pytest.mark.parametrize(
    "pin",
    [
        "0000",
        "1111",
        "99999999",
        "1234",
        "0123",
        "3456",
        "6789",
        "12345678",
        "23456789",
        "4321",
        "9876",
        "98765432",
        "3210",
    ],
)
def test_trivial_pins_are_refused(pin: str) -> None:
    with pytest.raises(InvalidPinFormat, match="too easy to guess"):
        validate_new_pin(pin)


# --- hashing --------------------------------------------------------------------------------


def test_hash_format_carries_its_parameters() -> None:
    encoded = hash_pin("1357", n=FAST_N)
    scheme, n, r, p, salt, digest = encoded.split("$")
    assert (scheme, n, r, p) == ("scrypt", "256", "8", "1")
    assert len(_unb64(salt)) == 16
    assert len(_unb64(digest)) == 32
    assert "1357" not in encoded


def test_verify_right_and_wrong_pin() -> None:
    encoded = hash_pin("1357", n=FAST_N)
    assert verify_pin_hash("1357", encoded) is True
    assert verify_pin_hash("1358", encoded) is False
    assert verify_pin_hash("13570", encoded) is False
    assert verify_pin_hash("", encoded) is False


def test_hashes_are_salted() -> None:
    first = hash_pin("1357", n=FAST_N)
    second = hash_pin("1357", n=FAST_N)
    assert first != second
    assert first.split("$")[4] != second.split("$")[4]
    assert verify_pin_hash("1357", first)
    assert verify_pin_hash("1357", second)


def test_default_cost_is_slow_scrypt() -> None:
    encoded = hash_pin("2468")
    assert SCRYPT_N >= 2**14
    assert encoded.split("$")[1:4] == [str(SCRYPT_N), "8", "1"]
    assert verify_pin_hash("2468", encoded)
    assert not verify_pin_hash("2469", encoded)


def test_a_tampered_hash_does_not_verify() -> None:
    encoded = hash_pin("1357", n=FAST_N)
    scheme, n, r, p, salt, digest = encoded.split("$")
    other_digest = base64.urlsafe_b64encode(bytes(32)).decode().rstrip("=")
    assert not verify_pin_hash("1357", "$".join([scheme, n, r, p, salt, other_digest]))
    assert not verify_pin_hash("1357", "$".join([scheme, "512", r, p, salt, digest]))
    assert not verify_pin_hash("1357", "$".join([scheme, n, r, p, salt, digest[:-4]]))
    other_salt = base64.urlsafe_b64encode(bytes(16)).decode().rstrip("=")
    assert not verify_pin_hash("1357", "$".join([scheme, n, r, p, other_salt, digest]))


BAD_ENCODED = [
    "",
    "garbage",
    "1357",
    "$$$$$",
    "scrypt$256$8$1$AAAA",  # five fields
    "scrypt$256$8$1$AAAA$AAAA$AAAA",  # seven fields
    "bcrypt$256$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAA",
    "scrypt$abc$8$1$AAAA$AAAA",
    "scrypt$$8$1$AAAA$AAAA",
    "scrypt$255$8$1$AAAA$AAAA",  # not a power of two
    "scrypt$1$8$1$AAAA$AAAA",
    "scrypt$-256$8$1$AAAA$AAAA",
    "scrypt$256$0$1$AAAA$AAAA",
    "scrypt$256$8$0$AAAA$AAAA",
    "scrypt$256$8$1$!!!!$AAAA",  # not base64
    "scrypt$256$8$1$AAAA$é",
    "scrypt$256$8$1$A$A",  # impossible base64 length
    "scrypt$4294967296$8$1$AAAA$AAAA",
    "scrypt$256$8$4294967296$AAAA$AAAA",
    "scrypt$256$8$1$$",
    "scrypt$%s%n$8$1$AAAA$AAAA",
    "'; DROP TABLE staff;--",
    None,
    1357,
    b"scrypt$256$8$1$AAAA$AAAA",
]


@pytest.mark.parametrize("encoded", BAD_ENCODED)
def test_bad_encoded_hashes_are_false_never_an_error(encoded: object) -> None:
    assert verify_pin_hash("1357", encoded) is False  # type: ignore[arg-type]


@pytest.mark.parametrize("pin", [None, 1357, b"1357"])
def test_non_text_pin_is_false_never_an_error(pin: object) -> None:
    assert verify_pin_hash(pin, hash_pin("1357", n=FAST_N)) is False  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "encoded",
    ["scrypt$99999999999999999999$8$1$AAAA$AAAA", "scrypt$256$99999999999999999999$1$AAAA$AAAA"],
)
def test_overflowing_parameters_are_false_never_an_error(encoded: str) -> None:
    assert verify_pin_hash("1357", encoded) is False


# --- lockout state machine ------------------------------------------------------------------


def fail(times: int, state: PinAttempts, now: datetime, company: CompanyRules = COMPANY):
    for _ in range(times):
        state = after_failed_attempt(state, now, company)
    return state


def test_fresh_state_is_unlocked_with_all_attempts() -> None:
    state = PinAttempts()
    assert not state.is_locked(NOW)
    assert remaining_attempts(state, COMPANY) == 5
    check_not_locked(state, NOW, PARIS)


@pytest.mark.parametrize("failures", [1, 2, 3, 4])
def test_failures_below_the_maximum_do_not_lock(failures: int) -> None:
    state = fail(failures, PinAttempts(), NOW)
    assert state == PinAttempts(failed_attempts=failures, locked_until=None)
    assert remaining_attempts(state, COMPANY) == 5 - failures
    check_not_locked(state, NOW, PARIS)


def test_the_maximum_failure_locks_for_the_lockout_minutes() -> None:
    state = fail(5, PinAttempts(), NOW)
    assert state.failed_attempts == 5
    assert state.locked_until == NOW + timedelta(minutes=30)
    assert state.is_locked(NOW)
    assert state.is_locked(NOW + timedelta(minutes=30, microseconds=-1))
    assert not state.is_locked(NOW + timedelta(minutes=30))
    assert remaining_attempts(state, COMPANY) == 0


def test_locked_pin_is_refused_with_the_store_local_time() -> None:
    state = fail(5, PinAttempts(), NOW)
    with pytest.raises(PinLocked) as info:
        check_not_locked(state, NOW + timedelta(minutes=10), PARIS)
    error = info.value
    assert error.code == "pin_locked"
    assert "until 2024-01-15 11:30." in error.message  # 10:30 UTC is 11:30 in Paris
    assert "Another staff member can help" in error.message
    assert error.until_local == datetime(2024, 1, 15, 11, 30, tzinfo=ZoneInfo(PARIS))
    assert error.until_local.utcoffset() == timedelta(hours=1)


def test_lock_message_across_midnight_shows_the_local_date() -> None:
    late = datetime(2024, 7, 15, 21, 45, tzinfo=UTC)  # 23:45 in Paris (summer)
    state = fail(5, PinAttempts(), late)
    with pytest.raises(PinLocked, match="until 2024-07-16 00:15"):
        check_not_locked(state, late, PARIS)


def test_lock_expiry_lets_the_pin_be_tried_again_and_resets_the_count() -> None:
    state = fail(5, PinAttempts(), NOW)
    later = NOW + timedelta(minutes=31)
    check_not_locked(state, later, PARIS)
    state = after_failed_attempt(state, later, COMPANY)
    assert state == PinAttempts(failed_attempts=1, locked_until=None)
    assert remaining_attempts(state, COMPANY) == 4


def test_a_failure_while_locked_keeps_it_locked() -> None:
    locked = fail(5, PinAttempts(), NOW)
    again = after_failed_attempt(locked, NOW + timedelta(minutes=1), COMPANY)
    assert again.locked_until is not None
    assert locked.locked_until is not None
    assert again.locked_until >= locked.locked_until
    assert again.is_locked(NOW + timedelta(minutes=30))


def test_company_settings_drive_the_lockout() -> None:
    strict = CompanyRules(pin_max_failed_attempts=3, pin_lockout_minutes=10)
    state = fail(2, PinAttempts(), NOW, strict)
    assert not state.is_locked(NOW)
    assert remaining_attempts(state, strict) == 1
    state = after_failed_attempt(state, NOW, strict)
    assert state.locked_until == NOW + timedelta(minutes=10)


def test_remaining_attempts_never_negative() -> None:
    assert remaining_attempts(PinAttempts(failed_attempts=9), COMPANY) == 0


def test_brute_force_gets_five_tries_per_lockout_window() -> None:
    state = PinAttempts()
    tried = 0
    for second in range(61 * 60):  # one guess a second for 61 minutes
        now = NOW + timedelta(seconds=second)
        if state.is_locked(now):
            continue
        tried += 1
        state = after_failed_attempt(state, now, COMPANY)
    assert tried == 15  # 5 at once, 5 after 30 min, 5 after 60 min


@pytest.mark.parametrize("which", ["now", "locked_until"])
def test_lock_state_refuses_naive_datetimes(which: str) -> None:
    naive = NOW.replace(tzinfo=None)
    if which == "now":
        state, now = PinAttempts(1, NOW + timedelta(minutes=1)), naive
    else:
        state, now = PinAttempts(1, naive), NOW
    with pytest.raises(ValueError, match="naive"):
        state.is_locked(now)


@pytest.mark.parametrize(
    ("failed", "text"),
    [
        (0, "Wrong PIN. 5 attempts left before this PIN is locked."),
        (3, "Wrong PIN. 2 attempts left before this PIN is locked."),
        (4, "Wrong PIN. 1 attempt left before this PIN is locked."),
        (5, "Wrong PIN. This PIN is now locked. Ask a manager."),
    ],
)
def test_wrong_pin_message(failed: int, text: str) -> None:
    error = wrong_pin_error(PinAttempts(failed_attempts=failed), COMPANY)
    assert isinstance(error, WrongPin)
    assert error.message == text
    assert error.remaining_attempts == 5 - failed


# --- policy and roles -----------------------------------------------------------------------


def company_with(policy: PinPolicy) -> CompanyRules:
    return CompanyRules(pin_policies=dict.fromkeys(PinOperation, policy))


@pytest.mark.parametrize("operation", list(PinOperation))
def test_required_pin(operation: PinOperation) -> None:
    company = company_with(PinPolicy.REQUIRED)
    assert pin_needed(company, operation, pin_given=True) is True
    with pytest.raises(PinRequired, match="staff PIN is needed"):
        pin_needed(company, operation, pin_given=False)


@pytest.mark.parametrize("operation", list(PinOperation))
def test_optional_pin_checked_only_when_given(operation: PinOperation) -> None:
    company = company_with(PinPolicy.OPTIONAL)
    assert pin_needed(company, operation, pin_given=True) is True
    assert pin_needed(company, operation, pin_given=False) is False


@pytest.mark.parametrize("operation", list(PinOperation))
def test_disabled_pin_never_checked(operation: PinOperation) -> None:
    company = company_with(PinPolicy.DISABLED)
    assert pin_needed(company, operation, pin_given=True) is False
    assert pin_needed(company, operation, pin_given=False) is False


def test_default_policies() -> None:
    company = CompanyRules()
    for operation in (PinOperation.REDEEM, PinOperation.VOID, PinOperation.DEACTIVATE):
        with pytest.raises(PinRequired):
            pin_needed(company, operation, pin_given=False)
    assert pin_needed(company, PinOperation.ENROLL, pin_given=False) is False


def test_an_operation_missing_from_the_settings_requires_a_pin() -> None:
    company = CompanyRules(pin_policies={})
    with pytest.raises(PinRequired):
        pin_needed(company, PinOperation.REDEEM, pin_given=False)


@pytest.mark.parametrize(
    ("role", "needed"),
    [
        (StaffRole.CASHIER, StaffRole.CASHIER),
        (StaffRole.MANAGER, StaffRole.CASHIER),
        (StaffRole.MANAGER, StaffRole.MANAGER),
    ],
)
def test_role_allowed(role: StaffRole, needed: StaffRole) -> None:
    check_role(role, needed)


def test_cashier_cannot_do_manager_work() -> None:
    with pytest.raises(ManagerRequired) as info:
        check_role(StaffRole.CASHIER, StaffRole.MANAGER)
    assert info.value.message == "Only a manager can do this. Ask a manager to enter their PIN."
