"""The sync engine's port to the local database (implemented by
terminal.services.syncing.store): plain values only, no HTTP, no SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sync.protocol import (
    CardBalances,
    CardInfo,
    ChangesResponse,
    PinStatusReport,
    PushEntry,
    PushResponse,
)


@dataclass(frozen=True)
class LocalCounts:
    pending: int
    conflicts: int  # not yet seen by a manager


@dataclass(frozen=True)
class PushOutcome:
    by_result: dict[str, int]
    conflicts: int
    gaps: int


class LocalStore(Protocol):
    """What the engine needs of the local database. Each call is one short unit of work."""

    def terminal_id(self) -> str | None: ...

    def take_push_batch(self, limit: int, now: datetime) -> list[PushEntry]: ...

    def save_push(self, answer: PushResponse) -> PushOutcome: ...

    def has_unanswered(self) -> bool: ...

    def cursor(self) -> str | None: ...

    def save_page(self, page: ChangesResponse, now: datetime) -> dict[str, int]: ...

    def note_push(self, now: datetime) -> None: ...

    def counts(self) -> LocalCounts: ...

    # Online authorisation of one redemption (terminal.services.syncing.authorization).
    def recover_authorizations(self) -> int: ...

    def take_authorization(self, entry_id: str, now: datetime) -> PushEntry | None: ...

    def approve(self, entry_id: str) -> None: ...

    def withdraw_authorization(self, entry_id: str, card: CardBalances | None) -> None: ...

    def forget_sent(self, entry_id: str) -> None: ...

    # A card looked up online; staff PIN lockouts reported to the server.
    def cache_card(self, info: CardInfo, now: datetime) -> None: ...

    def pin_reports(self, now: datetime) -> list[PinStatusReport]: ...

    def pins_reported(self, reports: list[PinStatusReport]) -> None: ...
