"""What every unit of work needs to know: which terminal, store, program and settings."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from terminal.domain.clock import Clock
from terminal.domain.errors import LoyaltyError
from terminal.domain.rules import CompanyRules, ProgramRules
from terminal.store.models import (
    CatalogVersion,
    CompanySettings,
    LoyaltyProgram,
    TerminalIdentity,
    Vendor,
)


class TerminalNotActivated(LoyaltyError):
    code = "not_activated"

    def __init__(self) -> None:
        super().__init__(
            "This terminal is not activated yet. Run the setup with the activation code "
            "from the back office."
        )


class Sessions(Protocol):
    """The two kinds of unit of work a local database offers (see store.engine.Database)."""

    def read(self) -> AbstractContextManager[Session]: ...

    def write(self) -> AbstractContextManager[Session]: ...


# Hot statements are built once: constructing a select() costs more than running it here.
_CATALOG_VERSION = select(CatalogVersion.version).where(CatalogVersion.id == 1)


class ContextCache:
    """The terminal context, re-read only when the catalogue version moved (a trigger bumps
    it on every catalogue change, so no writer has to remember to invalidate it)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cached: tuple[int, TerminalContext] | None = None

    def load(self, session: Session) -> TerminalContext:
        version = session.scalar(_CATALOG_VERSION)
        with self._lock:
            cached = self._cached
        if cached is not None and version is not None and cached[0] == version:
            return cached[1]
        context = load_context(session)
        if version is not None:
            with self._lock:
                self._cached = (version, context)
        return context


@dataclass(frozen=True)
class ServiceDeps:
    sessions: Sessions
    clock: Clock
    contexts: ContextCache = field(default_factory=ContextCache)
    # Asks the central server about a redemption while the customer waits
    # (terminal.services.online.Authorizer: the sync engine); None: offline rules only.
    authorizer: Any = None

    def context(self, session: Session) -> TerminalContext:
        """This terminal's context, as seen inside the given unit of work."""
        return self.contexts.load(session)


@dataclass(frozen=True)
class TerminalContext:
    terminal_id: str
    company_id: int
    vendor_id: int
    vendor_name: str
    store_tz: str
    store_country: str  # ISO 3166-1 alpha-2: the country of a phone typed without its code
    program_id: int
    program: ProgramRules
    company: CompanyRules
    # Every store of the company by id (a handful of rows): a card view names the store a
    # card was enrolled at from here, without a query on the scan path.
    vendor_names: Mapping[int, str] = field(default_factory=dict)


def load_context(session: Session) -> TerminalContext:
    """Identity, store, program and settings in one query, then the company's store names
    (ContextCache runs this only when the catalogue version moved)."""
    row = session.execute(
        select(TerminalIdentity, Vendor, LoyaltyProgram, CompanySettings)
        .outerjoin(Vendor, Vendor.id == TerminalIdentity.vendor_id)
        .outerjoin(LoyaltyProgram, LoyaltyProgram.company_id == TerminalIdentity.company_id)
        .outerjoin(CompanySettings, CompanySettings.company_id == TerminalIdentity.company_id)
        .where(TerminalIdentity.id == 1)
    ).first()
    if row is None:
        raise TerminalNotActivated()
    identity, vendor, program, settings = row
    if vendor is None or program is None:
        raise LoyaltyError(
            "This terminal has not received its store's loyalty program yet. "
            "Connect it to the network once.",
            reason="program_not_received",
        )
    vendor_names = {
        vendor_id: name
        for vendor_id, name in session.execute(
            select(Vendor.id, Vendor.name).where(Vendor.company_id == identity.company_id)
        )
    }
    return TerminalContext(
        terminal_id=identity.terminal_id,
        company_id=identity.company_id,
        vendor_id=vendor.id,
        vendor_name=vendor.name,
        store_tz=vendor.timezone,
        store_country=vendor.country,
        program_id=program.id,
        program=program.rules(),
        company=settings.rules() if settings else CompanyRules(),
        vendor_names=vendor_names,
    )
