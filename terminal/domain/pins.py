"""Staff PINs: format, slow salted hashing (scrypt) and the lockout rule.

The hash string carries its own parameters (`scrypt$n$r$p$salt$hash`), so the cost can be
raised later without invalidating stored PINs.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from terminal.domain.clock import ceil_to_minute, require_utc, to_store_time
from terminal.domain.errors import (
    InvalidPinFormat,
    ManagerRequired,
    PinLocked,
    PinRequired,
    WrongPin,
)
from terminal.domain.rules import CompanyRules, PinOperation, PinPolicy, StaffRole

PIN_MIN_LENGTH = 4
PIN_MAX_LENGTH = 8
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
_SALT_BYTES = 16
_HASH_BYTES = 32


def validate_new_pin(pin: str) -> str:
    """A PIN to be set: 4 to 8 digits, not one digit repeated, not a plain sequence."""
    if not isinstance(pin, str) or not pin.isascii() or not pin.isdigit():
        raise InvalidPinFormat("A PIN has only digits.", reason="pin_not_digits")
    if not PIN_MIN_LENGTH <= len(pin) <= PIN_MAX_LENGTH:
        raise InvalidPinFormat(
            f"A PIN has {PIN_MIN_LENGTH} to {PIN_MAX_LENGTH} digits.",
            reason="pin_wrong_length",
            min_length=PIN_MIN_LENGTH,
            max_length=PIN_MAX_LENGTH,
        )
    if len(set(pin)) == 1 or pin in "0123456789" or pin in "9876543210":
        raise InvalidPinFormat(
            "This PIN is too easy to guess. Choose another one.", reason="pin_too_easy"
        )
    return pin


def hash_pin(pin: str, *, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> str:
    salt = secrets.token_bytes(_SALT_BYTES)
    digest = _scrypt(pin, salt, n, r, p)
    return "$".join(["scrypt", str(n), str(r), str(p), _b64(salt), _b64(digest)])


def verify_pin_hash(pin: str, encoded: str) -> bool:
    """Constant-time check of a typed PIN against a stored hash; False for any bad input."""
    try:
        scheme, n, r, p, salt, digest = encoded.split("$")
        if scheme != "scrypt":
            return False
        expected = _unb64(digest)
        actual = _scrypt(pin, _unb64(salt), int(n), int(r), int(p))
    except (ValueError, TypeError, AttributeError, OverflowError, MemoryError):
        return False
    return hmac.compare_digest(actual, expected)


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=128 * n * r * 2, dklen=_HASH_BYTES
    )


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True)
class PinAttempts:
    """A staff PIN's lockout state."""

    failed_attempts: int = 0
    locked_until: datetime | None = None

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and require_utc(now) < require_utc(self.locked_until)


def check_not_locked(state: PinAttempts, now: datetime, store_tz: str) -> None:
    if state.is_locked(now):
        assert state.locked_until is not None
        raise PinLocked(to_store_time(ceil_to_minute(state.locked_until), store_tz))


def after_failed_attempt(state: PinAttempts, now: datetime, company: CompanyRules) -> PinAttempts:
    """The state after one more wrong PIN; locks at the company's maximum."""
    previous = 0 if _lock_expired(state, now) else state.failed_attempts
    failed = previous + 1
    if failed >= company.pin_max_failed_attempts:
        return PinAttempts(
            failed_attempts=failed,
            locked_until=require_utc(now) + timedelta(minutes=company.pin_lockout_minutes),
        )
    return PinAttempts(failed_attempts=failed, locked_until=None)


def remaining_attempts(state: PinAttempts, company: CompanyRules) -> int:
    return max(company.pin_max_failed_attempts - state.failed_attempts, 0)


def _lock_expired(state: PinAttempts, now: datetime) -> bool:
    return state.locked_until is not None and not state.is_locked(now)


def wrong_pin_error(state: PinAttempts, company: CompanyRules) -> WrongPin:
    return WrongPin(remaining_attempts(state, company))


def pin_needed(company: CompanyRules, operation: PinOperation, pin_given: bool) -> bool:
    """Whether a PIN must be checked: always when required, when given if optional."""
    policy = company.pin_policy(operation)
    if policy == PinPolicy.REQUIRED and not pin_given:
        raise PinRequired()
    return policy == PinPolicy.REQUIRED or (policy == PinPolicy.OPTIONAL and pin_given)


def check_role(role: StaffRole, needed: StaffRole) -> None:
    if needed == StaffRole.MANAGER and role != StaffRole.MANAGER:
        raise ManagerRequired()
