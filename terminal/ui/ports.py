"""What the screens need from the counter services, as small Protocols of plain values.

The UI types against these, never against the service modules (which reach SQLAlchemy);
only terminal/app.py hands in the real services. Every method here is slow by GUI
standards (a database unit of work, a PIN's scrypt) and is called through the TaskRunner,
off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from terminal.services.views import (
    Actor,
    CardView,
    ConflictView,
    HistoryPage,
    OperationResult,
    RewardOption,
    StaffMember,
    TerminalInfo,
    VoidableEntry,
)


class CardLookup(Protocol):
    def find(self, text: str) -> CardView: ...

    def by_scan(self, payload: str) -> CardView: ...

    def by_number(self, text: str) -> CardView: ...

    def card(self, card_id: str) -> CardView: ...

    def history(
        self, card_id: str, *, before: Sequence[object] | None = None, limit: int = 50
    ) -> HistoryPage: ...


class Stamps(Protocol):
    def add_stamp(self, actor: Actor, card_id: str, count: int = 1) -> OperationResult: ...

    def redeem_reward(self, actor: Actor, card_id: str) -> OperationResult: ...


class Points(Protocol):
    def earn(
        self, actor: Actor, card_id: str, amount: str, order_reference: str | None = None
    ) -> OperationResult: ...

    def rewards(self, card_id: str) -> list[RewardOption]: ...

    def redeem(self, actor: Actor, card_id: str, reward_id: int) -> OperationResult: ...


class Voids(Protocol):
    def void(
        self,
        actor: Actor,
        card_id: str,
        original_entry_id: str,
        *,
        returned_amount: str | None = None,
        stamps: int | None = None,
        note: str | None = None,
    ) -> OperationResult: ...

    def voidable(self, card_id: str, limit: int = 20) -> list[VoidableEntry]: ...


class Enrollment(Protocol):
    def enroll(
        self,
        actor: Actor,
        *,
        first_name: str | None,
        last_name: str | None,
        email: str | None = None,
        phone: str | None = None,
    ) -> OperationResult: ...


class CardStatus(Protocol):
    def deactivate(
        self, actor: Actor, card_id: str, reason: str | None = None
    ) -> OperationResult: ...

    def reactivate(
        self, actor: Actor, card_id: str, reason: str | None = None
    ) -> OperationResult: ...


class Staff(Protocol):
    def list_staff(self) -> list[StaffMember]: ...


class TerminalAbout(Protocol):
    def info(self) -> TerminalInfo: ...


class SyncConflicts(Protocol):
    def list_conflicts(self, limit: int = 200) -> list[ConflictView]: ...

    def mark_seen(self) -> int: ...


class Counter(Protocol):
    """The counter services as one value (terminal.services.bundle.CounterServices fits)."""

    @property
    def lookup(self) -> CardLookup: ...

    @property
    def stamps(self) -> Stamps: ...

    @property
    def points(self) -> Points: ...

    @property
    def voids(self) -> Voids: ...

    @property
    def enroll(self) -> Enrollment: ...

    @property
    def cards(self) -> CardStatus: ...

    @property
    def staff(self) -> Staff: ...

    @property
    def terminal(self) -> TerminalAbout: ...

    @property
    def conflicts(self) -> SyncConflicts: ...
