"""Who and where this terminal is, for the status bar and for screens planning an operation."""

from __future__ import annotations

from sqlalchemy import select

from terminal.services.context import ServiceDeps, Sessions
from terminal.services.views import TerminalInfo
from terminal.store.models import TerminalIdentity


class TerminalInfoService:
    def __init__(self, deps: ServiceDeps) -> None:
        self._deps = deps

    def info(self) -> TerminalInfo:
        with self._deps.sessions.read() as session:
            ctx = self._deps.context(session)
            name = session.scalar(select(TerminalIdentity.name).where(TerminalIdentity.id == 1))
            return TerminalInfo(
                terminal_name=name or "",
                vendor_id=ctx.vendor_id,
                vendor_name=ctx.vendor_name,
                store_tz=ctx.store_tz,
                country=ctx.store_country,
                program=ctx.program,
                company=ctx.company,
            )


def is_activated(sessions: Sessions) -> bool:
    """Whether this local database belongs to an activated terminal."""
    with sessions.read() as session:
        return (
            session.scalar(select(TerminalIdentity.id).where(TerminalIdentity.id == 1)) is not None
        )
