"""Re-checking what a terminal claims: a malicious or broken terminal cannot mint points.

Two kinds of rule, and the difference matters:

- **What no honest terminal can produce** is refused with its reason in both modes (in
  `queue` mode the entry is kept as `rejected`): an entry without its staff member, staff of
  another company, a deactivation, an adjustment or a change of a customer's details by a
  cashier, a time ahead of the server's clock by more than the allowed skew, points earned
  that are not floor(amount x rate) at a rate in force, an earn without its amount, stamps
  beyond one visit's worth, a stamp reward for fewer stamps than the target, a reward at
  another price than the catalogue's or of another company, a welcome bonus of another
  size, twice, or on a card the terminal did not enroll.
- **What honest terminals do produce while offline** (`offline_conflict`): the daily stamp
  limit or the cooldown broken across two terminals, an earn or redemption on a card
  deactivated at another till, a reward disabled meanwhile. In `queue` mode it already happened
  at the counter: it is applied and flagged as a conflict for a manager. In `authorize` mode
  (the counter waits for the answer) it is refused.

"In force": a terminal applies the rules it last pulled, so an entry is judged by every
version of the program or reward in force between the terminal's last complete pull before
the entry (`Terminal.caught_up_at`; a terminal offline for weeks still had the old rate) and
the entry's time, widened by the allowed clock skew (sync.server.rules_history).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sync.protocol import PushEntry
from sync.server.errors import Refusal
from sync.server.models import Card, LedgerEntry, Program, Reward, Staff, Terminal, fits_integer
from sync.server.rules_history import RulesAt
from terminal.domain.clock import store_day_bounds
from terminal.domain.ledger import TransactionType
from terminal.domain.money import points_for_purchase
from terminal.domain.rules import ProgramRules, RewardRule, StaffRole

T = TransactionType
APPLIED = ("accepted", "overdraft")
MANAGER_ONLY = (T.CARD_DEACTIVATED, T.CARD_REACTIVATED, T.POINTS_ADJUSTMENT, T.CUSTOMER_UPDATED)
# Entries a terminal writes only after checking the card is active.
NEEDS_ACTIVE_CARD = (T.STAMP_EARNED, T.STAMP_REDEEMED, T.POINTS_EARNED, T.POINTS_REDEEMED)


@dataclass
class PushClaims:
    """What one push reads once (staff, rewards, rule versions) and reuses for every entry."""

    session: Session
    terminal: Terminal
    now: datetime
    skew: timedelta
    store_tz: str
    program: Program
    versions: RulesAt
    staff: dict[int, Staff | None] = field(default_factory=dict)
    rewards: dict[int, Reward | None] = field(default_factory=dict)
    # Writes the push's pending ledger rows, so that a query sees them (sync.server.ledger).
    before_ledger_query: Callable[[], None] = lambda: None
    # Cards this push enrolled (no earlier ledger row can count for them), and those of
    # them this push gave their welcome bonus: a bonus check without a query.
    enrolled: set[str] = field(default_factory=set)
    bonus_given: set[str] = field(default_factory=set)

    def window(self, entry: PushEntry) -> tuple[datetime, datetime]:
        """From the terminal's last complete pull before the entry to the entry's time."""
        start = entry.transaction_at
        caught_up = self.terminal.caught_up_at
        if caught_up is not None and caught_up < start:
            start = caught_up
        return start - self.skew, entry.transaction_at + self.skew

    def programs(self, entry: PushEntry) -> list[ProgramRules]:
        return self.versions.programs(self.program, *self.window(entry))

    def program_at(self, entry: PushEntry) -> ProgramRules:
        """The version in force at the entry's own time (the last of its window)."""
        return self.versions.programs(self.program, entry.transaction_at, entry.transaction_at)[-1]

    def member(self, staff_id: int) -> Staff | None:
        if staff_id not in self.staff:
            found = self.session.get(Staff, staff_id) if fits_integer(staff_id) else None
            ok = found is not None and found.company_id == self.terminal.company_id
            self.staff[staff_id] = found if ok else None
        return self.staff[staff_id]

    def reward(self, reward_id: int) -> Reward | None:
        if reward_id not in self.rewards:
            found = self.session.get(Reward, reward_id) if fits_integer(reward_id) else None
            ok = found is not None and found.company_id == self.terminal.company_id
            self.rewards[reward_id] = found if ok else None
        return self.rewards[reward_id]


def check_entry_claims(claims: PushClaims, entry: PushEntry) -> None:
    """The checks that need no card: time, staff and role. Raises Refusal."""
    if entry.transaction_at > claims.now + claims.skew:
        raise Refusal(
            "future_time",
            f"The transaction time {entry.transaction_at.isoformat()} is ahead of the server's "
            f"clock ({claims.now.isoformat()}) by more than the allowed "
            f"{_minutes(claims.skew)} minutes: check the terminal's clock.",
        )
    if entry.staff_id is None:
        raise Refusal("staff_required", "Every transaction must name the staff member who made it.")
    member = claims.member(entry.staff_id)
    if member is None:
        raise Refusal("staff_not_found", "This staff member is unknown to the company.")
    if entry.type in MANAGER_ONLY and member.role != StaffRole.MANAGER.value:
        raise Refusal(
            "manager_required",
            f"Only a manager can record a {entry.type.value} entry; {member.name} is a "
            f"{member.role}.",
        )


def check_card_claims(claims: PushClaims, card: Card, entry: PushEntry) -> RewardRule | None:
    """What the entry claims about amounts, against the rules in force. Raises Refusal.

    Returns the catalogue reward a POINTS_REDEEMED entry takes (at its claimed cost)."""
    kind = entry.type
    if kind == T.POINTS_EARNED:
        _check_points_earned(claims, entry)
    elif kind == T.STAMP_EARNED:
        _check_stamps_earned(claims, entry)
    elif kind == T.STAMP_REDEEMED:
        targets = {p.stamps_target for p in claims.programs(entry) if p.uses_stamps}
        if -entry.stamps_delta not in targets or -entry.stamps_delta <= 0:
            raise Refusal(
                "stamp_reward_mismatch",
                f"A stamp reward takes the program's target of {_listed(targets)} stamps, not "
                f"{-entry.stamps_delta}.",
            )
    elif kind == T.POINTS_REDEEMED:
        return _check_reward(claims, entry)
    elif kind == T.WELCOME_BONUS:
        _check_welcome_bonus(claims, card, entry)
    elif kind == T.POINTS_ADJUSTMENT and not (entry.notes or "").strip():
        raise Refusal("adjustment_reason_required", "A points adjustment must say why (notes).")
    return None


def offline_conflict(
    claims: PushClaims, card: Card, entry: PushEntry, reward: RewardRule | None
) -> Refusal | None:
    """What an honest terminal can produce while offline that the rules forbid, or None."""
    if entry.type in NEEDS_ACTIVE_CARD and not card.is_active:
        return Refusal(
            "card_inactive",
            "The card was deactivated at another till before this entry reached the server.",
        )
    if reward is not None and not reward.is_active:
        return Refusal(
            "reward_unavailable", f"The reward {reward.name!r} was disabled in the catalogue."
        )
    if entry.type != T.STAMP_EARNED:
        return None
    program = claims.program_at(entry)
    if program.max_daily_stamps > 0:
        given = _stamps_in_store_day(claims, card, entry)
        if given + entry.stamps_delta > program.max_daily_stamps:
            return Refusal(
                "stamp_daily_limit",
                f"Daily stamp limit exceeded: {given} stamps were already given that store day "
                f"(limit {program.max_daily_stamps}), counting every till.",
            )
    if program.stamp_cooldown_minutes > 0:
        claims.before_ledger_query()
        cooldown = timedelta(minutes=program.stamp_cooldown_minutes)
        near = claims.session.scalar(
            select(func.count())
            .select_from(LedgerEntry)
            .where(
                LedgerEntry.card_id == card.id,
                LedgerEntry.type == T.STAMP_EARNED.value,
                LedgerEntry.result.in_(APPLIED),
                LedgerEntry.transaction_at > entry.transaction_at - cooldown,
                LedgerEntry.transaction_at < entry.transaction_at + cooldown,
                LedgerEntry.id != entry.id,
            )
        )
        if near:
            return Refusal(
                "stamp_cooldown",
                f"Another stamp was given to this card less than "
                f"{program.stamp_cooldown_minutes} minutes apart (at another till).",
            )
    return None


# --- the claims -----------------------------------------------------------------------------


def _check_points_earned(claims: PushClaims, entry: PushEntry) -> None:
    if entry.purchase_amount is None:
        raise Refusal("amount_required", "Points earned must carry the purchase amount.")
    rates = {p.points_per_currency_unit for p in claims.programs(entry) if p.uses_points}
    if not rates:
        raise Refusal("not_in_program", "This loyalty program has no points.")
    allowed = {points_for_purchase(entry.purchase_amount, rate) for rate in rates}
    if entry.points_delta not in allowed:
        raise Refusal(
            "points_mismatch",
            f"{entry.points_delta} points do not match a purchase of {entry.purchase_amount} "
            f"(minor units) at {_listed(rates)} point(s) per currency unit: "
            f"{_listed(allowed)} expected.",
        )


def _check_stamps_earned(claims: PushClaims, entry: PushEntry) -> None:
    programs = [p for p in claims.programs(entry) if p.uses_stamps]
    if not programs:
        raise Refusal("not_in_program", "This loyalty program has no stamps.")
    if entry.stamps_delta < 1:
        raise Refusal("invalid_stamp_count", "A stamp entry gives at least one stamp.")
    limits = [p.max_daily_stamps for p in programs]
    if 0 not in limits and entry.stamps_delta > max(limits):
        raise Refusal(
            "too_many_stamps",
            f"{entry.stamps_delta} stamps in one entry are more than one visit's worth "
            f"(at most {max(limits)} a day).",
        )


def _check_reward(claims: PushClaims, entry: PushEntry) -> RewardRule:
    if entry.reward_id is None:
        raise Refusal("reward_required", "A points redemption must name its catalogue reward.")
    reward = claims.reward(entry.reward_id)
    if reward is None:
        raise Refusal("reward_unavailable", "This reward is not in the company's catalogue.")
    start, end = claims.window(entry)
    costs = {version.points_cost for version in claims.versions.rewards(reward, start, end)}
    if -entry.points_delta not in costs:
        raise Refusal(
            "reward_cost_mismatch",
            f"The reward {reward.name!r} costs {_listed(costs)} points, not {-entry.points_delta}.",
        )
    return RewardRule(reward.id, reward.name, -entry.points_delta, reward.is_active)


def _check_welcome_bonus(claims: PushClaims, card: Card, entry: PushEntry) -> None:
    sizes = {p.welcome_bonus_points for p in claims.programs(entry) if p.uses_points}
    if entry.points_delta not in sizes or entry.points_delta <= 0:
        raise Refusal(
            "welcome_bonus_mismatch",
            f"The program's welcome bonus is {_listed(sizes)} points, not {entry.points_delta}.",
        )
    if card.created_by_terminal_id != claims.terminal.id:
        raise Refusal(
            "welcome_bonus_refused",
            "A welcome bonus is given by the terminal that enrolled the card, with it.",
        )
    if card.id in claims.enrolled:
        already = card.id in claims.bonus_given
    else:
        claims.before_ledger_query()
        already = (
            claims.session.scalar(
                select(LedgerEntry.id)
                .where(
                    LedgerEntry.card_id == card.id,
                    LedgerEntry.type == T.WELCOME_BONUS.value,
                    LedgerEntry.result.in_(APPLIED),
                )
                .limit(1)
            )
            is not None
        )
    if already:
        raise Refusal(
            "welcome_bonus_already_granted", "This card already received its welcome bonus."
        )


def _stamps_in_store_day(claims: PushClaims, card: Card, entry: PushEntry) -> int:
    """Stamps given to the card in the entry's store day, at every till, less those voided."""
    start, end = store_day_bounds(entry.transaction_at, claims.store_tz)
    claims.before_ledger_query()
    given = (
        select(LedgerEntry.id, LedgerEntry.stamps_delta)
        .where(
            LedgerEntry.card_id == card.id,
            LedgerEntry.type == T.STAMP_EARNED.value,
            LedgerEntry.result.in_(APPLIED),
            LedgerEntry.transaction_at >= start,
            LedgerEntry.transaction_at < end,
            LedgerEntry.id != entry.id,
        )
        .subquery()
    )
    total = claims.session.scalar(select(func.coalesce(func.sum(given.c.stamps_delta), 0)))
    voided = claims.session.scalar(
        select(func.coalesce(func.sum(-LedgerEntry.stamps_delta), 0)).where(
            LedgerEntry.reverses_id.in_(select(given.c.id)),
            LedgerEntry.result.in_(APPLIED),
        )
    )
    return int(total or 0) - int(voided or 0)


def _listed(values: set[int]) -> str:
    return " or ".join(str(value) for value in sorted(values)) or "none"


def _minutes(span: timedelta) -> int:
    return int(span.total_seconds() // 60)
