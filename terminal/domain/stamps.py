"""Stamp rules: daily limit (store calendar day), cooldown, reward at the target."""

from __future__ import annotations

from datetime import datetime, timedelta

from terminal.domain.clock import ceil_to_minute, require_utc, to_store_time
from terminal.domain.errors import (
    CardInactive,
    InvalidStampCount,
    NotInProgram,
    ProgramInactive,
    StampCooldown,
    StampLimitReached,
    StampRewardNotReady,
)
from terminal.domain.rules import ProgramRules


def check_card_usable(*, card_active: bool, card_number_shown: str, program: ProgramRules) -> None:
    """Every earn or redeem needs an active program and an active card."""
    if not program.is_active:
        raise ProgramInactive()
    if not card_active:
        raise CardInactive(card_number_shown)


def check_stamp(
    *,
    program: ProgramRules,
    count: int,
    stamps_today: int,
    last_stamp_at: datetime | None,
    now: datetime,
    store_tz: str,
) -> None:
    """Raise if `count` stamps may not be given now. The card itself is checked apart."""
    if not program.uses_stamps:
        raise NotInProgram("stamps", reason="program_without_stamps")
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise InvalidStampCount("Give at least one stamp.", reason="stamp_count_too_small")
    if program.max_daily_stamps > 0 and count > program.max_daily_stamps:
        raise InvalidStampCount(
            f"At most {program.max_daily_stamps} stamps can be given in a day.",
            reason="stamp_count_above_daily_limit",
            limit=program.max_daily_stamps,
        )
    if program.max_daily_stamps > 0 and stamps_today + count > program.max_daily_stamps:
        raise StampLimitReached(program.max_daily_stamps, stamps_today)
    if last_stamp_at is not None and program.stamp_cooldown_minutes > 0:
        next_possible = require_utc(last_stamp_at) + timedelta(
            minutes=program.stamp_cooldown_minutes
        )
        if require_utc(now) < next_possible:
            shown = to_store_time(ceil_to_minute(next_possible), store_tz)
            raise StampCooldown(program.stamp_cooldown_minutes, shown)


def check_stamp_redemption(*, program: ProgramRules, stamp_count: int) -> None:
    if not program.uses_stamps:
        raise NotInProgram("stamps", reason="program_without_stamps")
    if program.stamps_target <= 0:
        raise NotInProgram("stamp reward", reason="program_without_stamp_reward")
    if stamp_count < program.stamps_target:
        raise StampRewardNotReady(stamp_count, program.stamps_target)


def stamp_reward_available(program: ProgramRules, stamp_count: int) -> bool:
    target = program.stamps_target
    return program.uses_stamps and target > 0 and stamp_count >= target
