"""Admins' passwords: Argon2id hashes (argon2-cffi, OWASP's first choice), salted, slow.

A stored hash made with weaker parameters than today's is upgraded at the next sign-in
(`needs_rehash`). A password too short or too common for a back office is refused with a
reason code the page turns into a sentence.
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_LENGTH = 12
MAX_LENGTH = 256  # a megabyte "password" would make every sign-in hash a megabyte
_COMMON = {"password1234", "123456789012", "qwertyuiopas", "administrator", "letmein12345"}


class PasswordRefused(ValueError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def check_new_password(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise PasswordRefused(
            "password_too_short", f"A password has at least {MIN_LENGTH} characters."
        )
    if len(password) > MAX_LENGTH:
        raise PasswordRefused(
            "password_too_long", f"A password has at most {MAX_LENGTH} characters."
        )
    if password.lower() in _COMMON or len(set(password)) < 4:
        raise PasswordRefused("password_too_easy", "This password is too easy to guess.")


class Passwords:
    """Hashing and checking; `hasher` is argon2's (tests pass cheaper parameters)."""

    def __init__(self, hasher: PasswordHasher | None = None) -> None:
        self._hasher = hasher or PasswordHasher()
        self._decoy: str | None = None  # made at the first sign-in, not with every server

    def _decoy_hash(self) -> str:
        """A hash to check against when the account does not exist: the same work, so the
        answer's time does not tell which addresses have an account."""
        if self._decoy is None:
            self._decoy = self._hasher.hash("not the password of anyone")
        return self._decoy

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, stored: str | None, password: str) -> bool:
        if len(password) > MAX_LENGTH:
            return False
        try:
            matched = self._hasher.verify(stored or self._decoy_hash(), password)
            return matched and stored is not None
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, stored: str) -> bool:
        return self._hasher.check_needs_rehash(stored)
