"""All counter services over one local database, wired once (used by app.py and the demo)."""

from __future__ import annotations

from dataclasses import dataclass

from terminal.domain.clock import Clock
from terminal.domain.money import DEFAULT_MAX_AMOUNT_MINOR
from terminal.services.cardstatus import CardStatusService
from terminal.services.conflicts import ConflictsService
from terminal.services.context import ServiceDeps, Sessions
from terminal.services.enroll import EnrollService
from terminal.services.lookup import LookupService
from terminal.services.online import Authorizer
from terminal.services.points import PointsService
from terminal.services.staff import StaffService
from terminal.services.stamps import StampService
from terminal.services.stats import StatsService
from terminal.services.terminal_info import TerminalInfoService
from terminal.services.voids import VoidService


@dataclass(frozen=True)
class CounterServices:
    lookup: LookupService
    enroll: EnrollService
    stamps: StampService
    points: PointsService
    voids: VoidService
    cards: CardStatusService
    staff: StaffService
    stats: StatsService
    terminal: TerminalInfoService
    conflicts: ConflictsService


def counter_services(
    sessions: Sessions,
    clock: Clock,
    *,
    max_amount_minor: int = DEFAULT_MAX_AMOUNT_MINOR,
    authorizer: Authorizer | None = None,
) -> CounterServices:
    """`authorizer`: the sync engine, which asks the server about redemptions online."""
    deps = ServiceDeps(sessions, clock, authorizer=authorizer)
    staff = StaffService(deps)
    return CounterServices(
        lookup=LookupService(deps),
        enroll=EnrollService(deps, staff),
        stamps=StampService(deps, staff),
        points=PointsService(deps, staff, max_amount_minor=max_amount_minor),
        voids=VoidService(deps, staff, max_amount_minor=max_amount_minor),
        cards=CardStatusService(deps, staff),
        staff=staff,
        stats=StatsService(deps),
        terminal=TerminalInfoService(deps),
        conflicts=ConflictsService(deps),
    )
