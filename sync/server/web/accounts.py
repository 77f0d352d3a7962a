"""Company admins: their accounts, signing in and out, and the sessions of the back office.

- An account belongs to one company; everything an admin sees is that company's.
- Passwords are Argon2id hashes (web/passwords.py). A wrong password counts; after
  `MAX_FAILED_SIGN_INS` in a row the account is locked for `LOCK_MINUTES`, and a sign-in
  while locked is refused without checking the password (no guessing through the lock).
  An unknown address costs the same hash check and gets the same answer as a wrong password.
- A session is a random 256-bit token in an HttpOnly, SameSite=Strict cookie; the server
  keeps only its SHA-256, with its CSRF token, its start and its last use. It ends after
  `SESSION_HOURS`, after `IDLE_MINUTES` unused, at sign-out, or when the account is
  deactivated. (An opaque random token checked against the server's table cannot be forged
  any more than a signed one, and can be revoked, which a signed cookie alone cannot.)
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from sync.server.models import AdminAccount, AdminSession, Company
from sync.server.web.passwords import Passwords, check_new_password
from terminal.domain.clock import Clock
from terminal.domain.customers import normalize_email
from terminal.domain.errors import LoyaltyError

MAX_FAILED_SIGN_INS = 5
LOCK_MINUTES = 15
SESSION_HOURS = 8
IDLE_MINUTES = 30


class SignInRefused(Exception):
    """`code`: "wrong_credentials" (also for an unknown address) or "locked"."""

    def __init__(self, code: str, *, minutes: int = 0) -> None:
        super().__init__(code)
        self.code = code
        self.minutes = minutes


class AccountRefused(ValueError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class AdminContext:
    """Who is signed in, for the pages: never more than their own company."""

    admin_id: int
    name: str
    email: str
    company_id: int
    company_name: str
    csrf_token: str


@dataclass(frozen=True)
class NewSession:
    token: str
    csrf_token: str


def _address_or_none(email: str) -> str | None:
    try:
        return normalize_email(email)
    except LoyaltyError:
        return None


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class AdminAuth:
    def __init__(
        self, sessions: sessionmaker[Session], clock: Clock, passwords: Passwords | None = None
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._passwords = passwords or Passwords()

    def create_admin(self, company_id: int, email: str, name: str, password: str) -> int:
        check_new_password(password)
        address = _address_or_none(email)
        if not address:
            raise AccountRefused("email_invalid", f"{email!r} is not an email address.")
        if not name.strip():
            raise AccountRefused("name_missing", "An admin needs a name.")
        with self._sessions.begin() as session:
            if session.get(Company, company_id) is None:
                raise AccountRefused("company_not_found", f"There is no company {company_id}.")
            if session.scalar(select(AdminAccount.id).where(AdminAccount.email == address)):
                raise AccountRefused("email_taken", f"{address} already has an admin account.")
            account = AdminAccount(
                company_id=company_id,
                email=address,
                name=name.strip(),
                password_hash=self._passwords.hash(password),
                created_at=self._clock.now(),
            )
            session.add(account)
            session.flush()
            return account.id

    def sign_in(self, email: str, password: str) -> NewSession:
        now = self._clock.now()
        address = _address_or_none(email) or email.strip().lower()
        refusal: SignInRefused | None = None
        with self._sessions.begin() as session:  # a failure is counted: committed, then told
            account = session.scalar(
                select(AdminAccount).where(AdminAccount.email == address).with_for_update()
            )
            if account is not None and account.locked_until and account.locked_until > now:
                minutes = math.ceil((account.locked_until - now).total_seconds() / 60)
                refusal = SignInRefused("locked", minutes=minutes)
            else:
                active = account is not None and account.is_active
                stored = account.password_hash if account is not None and active else None
                if account is None or not self._passwords.verify(stored, password):
                    if account is not None:
                        self._count_failure(account, now)
                    refusal = SignInRefused("wrong_credentials")
                else:
                    return self._open_session(session, account, password, now)
        raise refusal

    def _open_session(
        self, session: Session, account: AdminAccount, password: str, now: datetime
    ) -> NewSession:
        account.failed_sign_ins = 0
        account.locked_until = None
        account.last_sign_in_at = now
        if self._passwords.needs_rehash(account.password_hash):
            account.password_hash = self._passwords.hash(password)
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        session.add(
            AdminSession(
                token_hash=_digest(token),
                admin_id=account.id,
                csrf_token=csrf,
                created_at=now,
                last_seen_at=now,
                expires_at=now + timedelta(hours=SESSION_HOURS),
            )
        )
        return NewSession(token, csrf)

    def _count_failure(self, account: AdminAccount, now: datetime) -> None:
        account.failed_sign_ins += 1
        if account.failed_sign_ins >= MAX_FAILED_SIGN_INS:
            account.locked_until = now + timedelta(minutes=LOCK_MINUTES)
            account.failed_sign_ins = 0

    def session_of(self, token: str | None) -> AdminContext | None:
        """The signed-in admin of a cookie's token, or None (expired, idle, signed out)."""
        if not token:
            return None
        now = self._clock.now()
        with self._sessions.begin() as session:
            row = session.execute(
                select(AdminSession, AdminAccount, Company)
                .join(AdminAccount, AdminAccount.id == AdminSession.admin_id)
                .join(Company, Company.id == AdminAccount.company_id)
                .where(AdminSession.token_hash == _digest(token))
            ).first()
            if row is None:
                return None
            record, account, company = row
            idle = now - record.last_seen_at > timedelta(minutes=IDLE_MINUTES)
            if record.expires_at <= now or idle or not account.is_active:
                session.delete(record)
                return None
            record.last_seen_at = now
            return AdminContext(
                account.id, account.name, account.email, company.id, company.name,
                record.csrf_token,
            )  # fmt: skip

    def sign_out(self, token: str | None) -> None:
        if token:
            with self._sessions.begin() as session:
                session.execute(
                    delete(AdminSession).where(AdminSession.token_hash == _digest(token))
                )


def same_token(expected: str | None, given: str | None) -> bool:
    """A CSRF check in constant time."""
    return bool(expected) and bool(given) and hmac.compare_digest(str(expected), str(given))
