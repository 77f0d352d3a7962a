"""`loyalty-terminal demo --headless`: a scripted counter session that prints what it does,
then two stores syncing through a central server on this computer (headless_sync).

It runs the real services on a real demo database, for machines without a display and as
the quickest look at the product. The session's clock is scripted so that the story
(cooldowns, PIN lockouts) is the same at every run.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TextIO, TypeVar

from PySide6.QtCore import QLocale

from terminal.demo.catalog import CatalogSeed
from terminal.demo.headless_sync import play_sync_story
from terminal.demo.history import build_demo_database
from terminal.domain.clock import ManualClock
from terminal.domain.errors import LoyaltyError
from terminal.scanner.confirm import Confirmer
from terminal.scanner.decoders import default_decoder
from terminal.scanner.demo_source import DemoCardSource
from terminal.scanner.frames import AcceptedScan
from terminal.scanner.pipeline import ScanPipeline
from terminal.services.bundle import CounterServices, counter_services
from terminal.services.views import Actor, CardQuery, CardView, OperationResult
from terminal.store.schema import open_current
from terminal.ui import texts

T = TypeVar("T")
SYNC_STORY_CUSTOMERS = 40  # the central server's demo history: enough to show, quick to play


class Narrator:
    def __init__(self, out: TextIO) -> None:
        self._out = out
        self.refusals = 0
        self.successes = 0

    def say(self, text: str = "") -> None:
        print(text, file=self._out)

    def step(self, title: str) -> None:
        self.say()
        self.say(f"== {title}")

    def attempt(self, label: str, action: Callable[[], T]) -> T | None:
        try:
            result = action()
        except LoyaltyError as err:
            self.refusals += 1
            self.say(f"   {label}: REFUSED - {texts.error_text(err)}")
            return None
        self.successes += 1
        # The same sentences as the screens (QCoreApplication.translate needs no application
        # and, with no translation installed, gives the English source text).
        message = texts.result_text(result) if isinstance(result, OperationResult) else None
        self.say(f"   {label}: OK" + (f" - {message}" if message else ""))
        return result


def describe_card(card: CardView) -> str:
    marks = "●" * min(card.stamp_count, card.stamps_target)
    marks += "○" * max(card.stamps_target - card.stamp_count, 0)
    lines = [
        f"   {card.customer_name}  card {card.card_number}"
        + ("" if card.is_active else "  [DEACTIVATED]"),
        f"   stamps {marks} {card.stamp_count}/{card.stamps_target}"
        + ("  reward available!" if card.stamp_reward_available else ""),
        f"   points {card.points_balance}"
        + (f" (+{card.pending_points} pending sync)" if card.pending_points else "")
        + (
            f", expire on {texts.date_text(card.points_expire_on)}" if card.points_expire_on else ""
        ),
    ]
    return "\n".join(lines)


def run_headless_demo(
    demo_dir: Path, out: TextIO, *, now: datetime, fresh: bool = False, customers: int = 300
) -> int:
    """Build (or reuse) the demo database, play the counter session; returns an exit code."""
    say = Narrator(out)
    path = demo_dir / "demo-terminal.db"
    say.say("Loyalty terminal - headless demo (a scripted counter session)")
    if fresh or not path.exists():
        say.say(f"Building the demo database with {customers} customers in {path} ...")
        build_demo_database(path, now, customers=customers)
    else:
        say.say(f"Reusing the demo database {path} (pass --fresh to rebuild it).")
    database = open_current(path)
    clock = ManualClock(now)
    # The demo speaks the English source texts: numbers, amounts and dates in their plain
    # form too (12.50, 2027-03-10), not in whatever this computer's locale writes them.
    locale = QLocale()
    QLocale.setDefault(QLocale.c())
    try:
        try:
            _play(say, counter_services(database, clock), clock)
        finally:
            database.dispose()
        play_sync_story(
            say, demo_dir, now, fresh=fresh, customers=min(customers, SYNC_STORY_CUSTOMERS)
        )
    finally:
        QLocale.setDefault(locale)
    say.say()
    say.say(f"Demo finished: {say.successes} operations done, {say.refusals} refused as expected.")
    return 0


def _play(say: Narrator, s: CounterServices, clock: ManualClock) -> None:
    staff = s.staff.list_staff()
    say.step("Staff of the demo company (pick your name, type your PIN)")
    pins = {seed.staff_id: seed.pin for seed in CatalogSeed().staff}
    for member in staff:
        pin = pins.get(member.staff_id, "?")
        say.say(f"   {member.name:<16} {member.role.value:<8} PIN {pin}")
    cashier = Actor(staff[0].staff_id, pins.get(staff[0].staff_id))
    manager_member = next(m for m in staff if m.role.value == "manager")
    manager = Actor(manager_member.staff_id, pins.get(manager_member.staff_id))

    say.step("A customer shows a new card: enroll at the counter")
    enrolled = say.attempt(
        "enroll Camille Durand",
        lambda: s.enroll.enroll(
            cashier,
            first_name="Camille",
            last_name="Durand",
            email=f"camille.durand.{uuid.uuid4().hex[:6]}@example.com",
            phone=None,
        ),
    )
    if enrolled is None:
        return
    card = enrolled.card
    say.say(describe_card(card))
    say.attempt(
        "enroll the same email again",
        lambda: s.enroll.enroll(
            cashier, first_name="Camille", last_name="D.", email=card.email, phone=None
        ),
    )

    say.step("The customer holds the card to the camera (the demo camera stand-in)")
    scanned = scan_with_camera_stand_in(card.qr_token)
    if scanned is None:
        say.say("   the camera stand-in did not produce a scan (this is a bug: please report)")
        return
    scan, decode_ms = scanned
    say.say(
        f"   read in {scan.reads} equal frames, confirmed "
        f"{(scan.captured_at - scan.first_captured_at) * 1000:.0f} ms of camera time after "
        f"the first read; decoding the 1280x720 frame took {decode_ms:.1f} ms"
    )
    say.say(describe_card(s.lookup.by_scan(scan.payload)))
    say.attempt(
        "the same card through a USB scanner (keyboard wedge: text + Enter)",
        lambda: s.lookup.find(card.card_number + "\r\n"),
    )

    say.step("Counter operations")
    say.attempt("add a stamp", lambda: s.stamps.add_stamp(cashier, card.card_id))
    say.attempt("add another stamp right away", lambda: s.stamps.add_stamp(cashier, card.card_id))
    clock.advance(timedelta(minutes=6))
    say.say("   (six minutes later)")
    say.attempt("add a stamp", lambda: s.stamps.add_stamp(cashier, card.card_id))
    earned = say.attempt(
        "earn points on a purchase of 123,45",
        lambda: s.points.earn(cashier, card.card_id, "123,45", order_reference="R-1001"),
    )
    say.attempt(
        "earn points on '12.5O' (letter O)", lambda: s.points.earn(cashier, card.card_id, "12.5O")
    )

    say.step("Rewards catalogue for this card")
    for option in s.points.rewards(card.card_id):
        state = "available" if option.available else f"disabled: {texts.reward_reason_text(option)}"
        say.say(f"   {option.points_cost:>4} pts  {option.name:<24} {state}")
    say.attempt(
        "redeem 'Pastry' with a wrong PIN",
        lambda: s.points.redeem(Actor(cashier.staff_id, "0000"), card.card_id, 1),
    )
    say.attempt(
        "redeem 'Pastry' with the right PIN", lambda: s.points.redeem(cashier, card.card_id, 1)
    )

    if earned is not None:
        say.step("The customer returns part of the purchase")
        say.attempt(
            "return 23.45 of it",
            lambda: s.voids.void(manager, card.card_id, earned.entry_id, returned_amount="23.45"),
        )
        say.attempt(
            "return 200.00 of it",
            lambda: s.voids.void(manager, card.card_id, earned.entry_id, returned_amount="200"),
        )

    say.step("Finding cards without the card")
    say.attempt("type the number with a typo", lambda: s.lookup.find(_typo(card.card_number)))
    found = say.attempt("type the email in capitals", lambda: s.lookup.find(card.email.upper()))
    if found is not None:
        say.say(describe_card(found))
    page = s.browser.page(CardQuery(text="dur"), limit=5)
    say.say(
        f"   manager search 'dur': {len(page.rows)} shown"
        + (", more..." if page.next_after else "")
    )
    for summary in page.rows:
        say.say(
            f"     {summary.card_number}  {summary.customer_name:<22} {summary.points_balance} pts"
        )

    say.step("A manager deactivates a lost card")
    say.attempt("cashier deactivates", lambda: s.cards.deactivate(cashier, card.card_id, "lost"))
    say.attempt("manager deactivates", lambda: s.cards.deactivate(manager, card.card_id, "lost"))
    say.attempt("stamp on the deactivated card", lambda: s.stamps.add_stamp(cashier, card.card_id))
    say.attempt("manager reactivates", lambda: s.cards.reactivate(manager, card.card_id, "found"))

    say.step("Card history (newest first)")
    for entry in s.lookup.history(card.card_id, limit=12).entries:
        amount = f" on {texts.money(entry.purchase_amount)}" if entry.purchase_amount else ""
        say.say(
            f"   {entry.transaction_at:%H:%M} {entry.type.value:<17} "
            f"stamps {entry.stamps_delta:+d} points {entry.points_delta:+d}{amount}"
            f"  by {entry.staff_name}  [{entry.sync_state.value}]"
        )

    say.step("Store statistics")
    stats = s.stats.store_stats()
    say.say(f"   {stats.vendor_name}")
    for period in stats.periods:
        say.say(
            f"   {texts.period_label(period.days):<13} stamps {period.stamps_given:>4}  "
            f"points earned {period.points_earned:>6}  redeemed {period.points_redeemed:>5}  "
            f"rewards {period.rewards_redeemed:>3}  enrollments {period.enrollments:>3}"
        )


def scan_with_camera_stand_in(
    token: str, *, max_frames: int = 300
) -> tuple[AcceptedScan, float] | None:
    """The real reader (default decoder chain + confirmer) on the demo camera stand-in,
    frame by frame at 30 fps of scripted time, until the card is confirmed. Returns the
    scan and how long decoding its last frame took (ms, measured)."""
    now = [0.0]
    source = DemoCardSource([token], size=(1280, 720), clock=lambda: now[0])
    pipeline = ScanPipeline(default_decoder(), Confirmer(), clock=lambda: now[0])
    source.open()
    try:
        for _ in range(max_frames):
            now[0] += 1 / 30
            frame = source.read()
            if frame is None:
                return None
            began = time.perf_counter()
            scan = pipeline.process(frame)
            if scan is not None:
                return scan, (time.perf_counter() - began) * 1000
    finally:
        source.close()
    return None


def _typo(card_number: str) -> str:
    last = int(card_number[-1])
    return card_number[:-1] + str((last + 1) % 10)
