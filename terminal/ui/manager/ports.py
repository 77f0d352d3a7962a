"""What the manager views need from the services, as Protocols of plain values (the UI
types against these; terminal/app.py hands in terminal.services.bundle.CounterServices).
Every method is a unit of work: call it through the TaskRunner, off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Protocol

from terminal.services.views import (
    ActivityView,
    Actor,
    CardPage,
    CardQuery,
    CardView,
    ConflictView,
    ExportResult,
    HistoryPage,
    OperationResult,
    StaffMember,
)

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class CardBrowsing(Protocol):
    def page(
        self, query: CardQuery, *, after: Sequence[object] | None = None, limit: int = 100
    ) -> CardPage: ...

    def count(self, query: CardQuery) -> int: ...


class CardReading(Protocol):
    def card(self, card_id: str) -> CardView: ...

    def history(
        self, card_id: str, *, before: Sequence[object] | None = None, limit: int = 50
    ) -> HistoryPage: ...


class ManagerStaff(Protocol):
    def list_staff(self) -> list[StaffMember]: ...

    def sign_in_manager(self, actor: Actor) -> StaffMember: ...


class CustomerEditing(Protocol):
    def update_customer(
        self,
        actor: Actor,
        card_id: str,
        *,
        first_name: str,
        last_name: str,
        email: str | None,
        phone: str | None,
    ) -> OperationResult: ...


class PointsAdjusting(Protocol):
    def adjust(
        self, actor: Actor, card_id: str, points: int | str, reason: str
    ) -> OperationResult: ...


class CardStatusChanging(Protocol):
    def deactivate(
        self, actor: Actor, card_id: str, reason: str | None = None
    ) -> OperationResult: ...

    def reactivate(
        self, actor: Actor, card_id: str, reason: str | None = None
    ) -> OperationResult: ...


class Activity(Protocol):
    def activity(self, days: int) -> ActivityView: ...


class TransactionExporting(Protocol):
    def export_transactions(
        self,
        path: Path,
        since: date,
        until: date,
        *,
        separator: str,
        labels: Mapping[str, str] | None = None,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ExportResult: ...


class CardExporting(Protocol):
    def export_cards(
        self,
        path: Path,
        query: CardQuery,
        *,
        separator: str,
        labels: Mapping[str, str] | None = None,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ExportResult: ...


class ManagedConflicts(Protocol):
    def list_conflicts(
        self, limit: int = 200, *, unhandled_only: bool = False, conflict_id: int | None = None
    ) -> list[ConflictView]: ...

    def mark_handled(
        self, actor: Actor, conflict_id: int, note: str | None = None
    ) -> ConflictView: ...

    def mark_seen(self) -> int: ...


class Manager(Protocol):
    """The services the manager views use, as one value."""

    @property
    def browser(self) -> CardBrowsing: ...

    @property
    def lookup(self) -> CardReading: ...

    @property
    def staff(self) -> ManagerStaff: ...

    @property
    def customers(self) -> CustomerEditing: ...

    @property
    def adjustments(self) -> PointsAdjusting: ...

    @property
    def cards(self) -> CardStatusChanging: ...

    @property
    def activity(self) -> Activity: ...

    @property
    def exports(self) -> TransactionExporting: ...

    @property
    def card_exports(self) -> CardExporting: ...

    @property
    def conflicts(self) -> ManagedConflicts: ...
