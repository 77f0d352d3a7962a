"""All counter services over one local database, wired once (used by app.py and the demo)."""

from __future__ import annotations

from dataclasses import dataclass

from terminal.domain.clock import Clock
from terminal.domain.money import DEFAULT_MAX_AMOUNT_MINOR
from terminal.services.activity import ActivityService, CompanyFiguresSource
from terminal.services.adjustments import PointsAdjustmentService
from terminal.services.card_browser import CardBrowser
from terminal.services.card_export import CardExport
from terminal.services.cardstatus import CardStatusService
from terminal.services.conflicts import ConflictsService
from terminal.services.context import ServiceDeps, Sessions
from terminal.services.customer_edit import CustomerEditService
from terminal.services.enroll import EnrollService
from terminal.services.export import TransactionExport
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
    customers: CustomerEditService
    adjustments: PointsAdjustmentService
    staff: StaffService
    stats: StatsService
    activity: ActivityService
    exports: TransactionExport
    terminal: TerminalInfoService
    conflicts: ConflictsService
    browser: CardBrowser
    card_exports: CardExport


def counter_services(
    sessions: Sessions,
    clock: Clock,
    *,
    max_amount_minor: int = DEFAULT_MAX_AMOUNT_MINOR,
    authorizer: Authorizer | None = None,
    company_figures: CompanyFiguresSource | None = None,
) -> CounterServices:
    """`authorizer`: the sync engine, which asks the server about redemptions online;
    `company_figures`: the sync engine too, for the company's figures of the Activity view."""
    deps = ServiceDeps(sessions, clock, authorizer=authorizer)
    staff = StaffService(deps)
    browser = CardBrowser(deps)
    return CounterServices(
        lookup=LookupService(deps),
        enroll=EnrollService(deps, staff),
        stamps=StampService(deps, staff),
        points=PointsService(deps, staff, max_amount_minor=max_amount_minor),
        voids=VoidService(deps, staff, max_amount_minor=max_amount_minor),
        cards=CardStatusService(deps, staff),
        customers=CustomerEditService(deps, staff),
        adjustments=PointsAdjustmentService(deps, staff),
        staff=staff,
        stats=StatsService(deps),
        activity=ActivityService(deps, company_figures),
        exports=TransactionExport(deps),
        terminal=TerminalInfoService(deps),
        conflicts=ConflictsService(deps, staff),
        browser=browser,
        card_exports=CardExport(browser),
    )
