"""The sync engine's port to the local database (implemented by
terminal.services.syncing.store): plain values only, no HTTP, no SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sync.protocol import ChangesResponse, PushEntry, PushResponse


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
