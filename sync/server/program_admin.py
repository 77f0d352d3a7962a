"""Admin changes to a company's loyalty program, rewards catalogue and settings.

Called by `loyalty-server program|rewards|settings` (sync.server.cli_program) and, later, by the
web back office. Each function runs in the caller's transaction and either makes its whole
change - the row, its audit record, its change-log row for the terminals and, for the program
and rewards, its rule version (the server re-checks offline entries against the rules in force
at their time) - or raises ApiError before writing anything. Every value is checked first and
all problems are reported together. A change that changes nothing writes nothing: the result's
`changed` is False.

The ranges are what the shared rules (terminal.domain) read sensibly: 0 means "no limit" for
max_daily_stamps, "no cooldown" for stamp_cooldown_minutes and "never" for
points_expiration_days; point amounts stay within the protocol's deltas.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol import MAX_DELTA, Entity
from sync.server.admin import (
    AdminChange,
    check_actor,
    company_or_404,
    has_control_characters,
    record_audit,
)
from sync.server.changes import lock_company_log, record_change
from sync.server.errors import ApiError
from sync.server.models import Program, Reward, Settings, fits_integer
from sync.server.rules_history import record_rule_version
from terminal.domain.rules import PinPolicy, ProgramType

MAX_TEXT_LENGTH = 120  # the columns' length


@dataclass(frozen=True)
class FieldRule:
    """What one admin-editable field accepts."""

    kind: Literal["int", "bool", "text", "choice"]
    low: int = 0
    high: int = 0
    choices: tuple[str, ...] = ()
    may_be_empty: bool = False
    note: str = ""

    def describe(self) -> str:
        if self.kind == "int":
            text = f"a whole number from {self.low} to {self.high}"
        elif self.kind == "bool":
            text = "yes or no"
        elif self.kind == "choice":
            text = "one of " + ", ".join(self.choices)
        else:
            least = 0 if self.may_be_empty else 1
            text = f"a text of {least} to {MAX_TEXT_LENGTH} characters, no control characters"
        return f"{text} ({self.note})" if self.note else text

    def check(self, value: Any) -> Any:
        """The value to store, or ValueError."""
        if self.kind == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError
            if not self.low <= value <= self.high:
                raise ValueError
            return value
        if self.kind == "bool":
            if not isinstance(value, bool):
                raise ValueError
            return value
        if not isinstance(value, str):
            raise ValueError
        if self.kind == "choice":
            if value not in self.choices:
                raise ValueError
            return value
        text = value.strip()
        too_short = not text and not self.may_be_empty
        if too_short or len(text) > MAX_TEXT_LENGTH or has_control_characters(text):
            raise ValueError
        return text


_NAME = FieldRule("text")
_POINTS = FieldRule("int", 0, MAX_DELTA)

PROGRAM_FIELDS: dict[str, FieldRule] = {
    "name": _NAME,
    "program_type": FieldRule("choice", choices=tuple(item.value for item in ProgramType)),
    "is_active": FieldRule("bool", note="no: terminals refuse every earn, redeem and enrollment"),
    "stamps_target": FieldRule("int", 1, 1000, note="stamps for one reward"),
    "stamps_reward_description": FieldRule(
        "text", may_be_empty=True, note="needed when the program uses stamps"
    ),
    "max_daily_stamps": FieldRule("int", 0, 100, note="per card per store day; 0 = no limit"),
    "stamp_cooldown_minutes": FieldRule("int", 0, 1440, note="0 = no cooldown"),
    "points_per_currency_unit": FieldRule("int", 0, 1000, note="points per 1.00 spent"),
    "minimum_redemption_points": _POINTS,
    "welcome_bonus_points": FieldRule("int", 0, MAX_DELTA, note="0 = no welcome bonus"),
    "points_expiration_days": FieldRule(
        "int", 0, 3650, note="days without activity; 0 = points never expire"
    ),
}

_PIN_POLICY = FieldRule("choice", choices=tuple(item.value for item in PinPolicy))
SETTINGS_FIELDS: dict[str, FieldRule] = {
    "pin_policy_redeem": _PIN_POLICY,
    "pin_policy_void": _PIN_POLICY,
    "pin_policy_deactivate": _PIN_POLICY,
    "pin_policy_enroll": _PIN_POLICY,
    "pin_max_failed_attempts": FieldRule("int", 1, 20, note="wrong PINs before a lockout"),
    "pin_lockout_minutes": FieldRule("int", 1, 1440),
    "allow_void_transactions": FieldRule("bool"),
    "allow_cross_location_redemption": FieldRule(
        "bool", note="no: rewards only at the store that enrolled the card"
    ),
    "offline_redemption_limit_points": FieldRule(
        "int", 0, MAX_DELTA, note="per card per day while offline; 0 = none offline"
    ),
    "require_customer_email_on_enroll": FieldRule("bool"),
}

REWARD_FIELDS: dict[str, FieldRule] = {
    "name": _NAME,
    "points_cost": FieldRule("int", 1, MAX_DELTA),
    "is_active": FieldRule("bool"),
}


# --- program ---------------------------------------------------------------------------------


def show_program(session: Session, company_id: int) -> dict[str, Any]:
    return _program_of(session, company_id).to_wire()


def update_program(
    session: Session, company_id: int, changes: Mapping[str, Any], *, actor: str, now: datetime
) -> AdminChange:
    """Change any of PROGRAM_FIELDS; e.g. {"points_per_currency_unit": 2}."""
    actor = check_actor(actor)
    values = _checked(PROGRAM_FIELDS, changes, "program")
    company_or_404(session, company_id)
    lock_company_log(session, company_id)  # first, before any row: the one lock order
    program = _program_of(session, company_id)
    final = {field: values.get(field, getattr(program, field)) for field in PROGRAM_FIELDS}
    if final["program_type"] != ProgramType.POINTS and not final["stamps_reward_description"]:
        raise ApiError(
            422,
            "invalid_value",
            "Nothing was changed: a program with stamps needs a stamps_reward_description "
            "(what the customer gets for a full card).",
        )
    return _apply(
        session,
        program,
        values,
        company_id=company_id,
        entity="programs",
        entity_id=program.id,
        action="program.update",
        actor=actor,
        now=now,
    )


# --- rewards ---------------------------------------------------------------------------------


def list_rewards(session: Session, company_id: int) -> list[dict[str, Any]]:
    company_or_404(session, company_id)
    rewards = session.scalars(
        select(Reward).where(Reward.company_id == company_id).order_by(Reward.id)
    )
    return [reward.to_wire() for reward in rewards]


def add_reward(
    session: Session, company_id: int, name: str, points_cost: int, *, actor: str, now: datetime
) -> AdminChange:
    actor = check_actor(actor)
    values = _checked(REWARD_FIELDS, {"name": name, "points_cost": points_cost}, "reward")
    company_or_404(session, company_id)
    lock_company_log(session, company_id)
    program = _program_of(session, company_id)
    _refuse_duplicate_name(session, company_id, values["name"], None)
    reward = Reward(program_id=program.id, company_id=company_id, is_active=True, **values)
    session.add(reward)
    session.flush()  # its id
    data = reward.to_wire()
    _publish(session, company_id, "rewards", reward.id, data, now, rule_version=True)
    record_audit(
        session,
        company_id=company_id,
        actor=actor,
        action="reward.add",
        entity="rewards",
        entity_id=str(reward.id),
        before=None,
        after=data,
        now=now,
    )
    return AdminChange("rewards", str(reward.id), None, data, data)


def update_reward(
    session: Session,
    company_id: int,
    reward_id: int,
    changes: Mapping[str, Any],
    *,
    actor: str,
    now: datetime,
    action: str = "reward.update",
) -> AdminChange:
    """Rename (`name`), reprice (`points_cost`), disable or enable (`is_active`) a reward of
    `company_id`; a reward of another company is "not found"."""
    actor = check_actor(actor)
    values = _checked(REWARD_FIELDS, changes, "reward")
    company_or_404(session, company_id)
    lock_company_log(session, company_id)
    reward = (
        session.get(Reward, reward_id, populate_existing=True) if fits_integer(reward_id) else None
    )
    if reward is None or reward.company_id != company_id:
        raise ApiError(404, "reward_not_found", f"Company {company_id} has no reward {reward_id}.")
    if "name" in values and values["name"] != reward.name:
        _refuse_duplicate_name(session, company_id, values["name"], reward.id)
    return _apply(
        session,
        reward,
        values,
        company_id=company_id,
        entity="rewards",
        entity_id=reward.id,
        action=action,
        actor=actor,
        now=now,
    )


def set_reward_active(
    session: Session, company_id: int, reward_id: int, active: bool, *, actor: str, now: datetime
) -> AdminChange:
    """Enable or disable: a disabled reward stays in the catalogue, terminals refuse it."""
    action = "reward.enable" if active else "reward.disable"
    return update_reward(
        session, company_id, reward_id, {"is_active": active}, actor=actor, now=now, action=action
    )


# --- settings --------------------------------------------------------------------------------


def show_settings(session: Session, company_id: int) -> dict[str, Any]:
    return _settings_of(session, company_id).to_wire()


def update_settings(
    session: Session, company_id: int, changes: Mapping[str, Any], *, actor: str, now: datetime
) -> AdminChange:
    """Change any of SETTINGS_FIELDS; e.g. {"pin_policy_void": "optional"}."""
    actor = check_actor(actor)
    values = _checked(SETTINGS_FIELDS, changes, "settings")
    company_or_404(session, company_id)
    lock_company_log(session, company_id)
    settings = _settings_of(session, company_id)
    return _apply(
        session,
        settings,
        values,
        company_id=company_id,
        entity="settings",
        entity_id=company_id,
        action="settings.update",
        actor=actor,
        now=now,
    )


# --- shared ----------------------------------------------------------------------------------


def _checked(
    rules: Mapping[str, FieldRule], changes: Mapping[str, Any], what: str
) -> dict[str, Any]:
    if not changes:
        names = ", ".join(rules)
        raise ApiError(422, "nothing_to_change", f"Give at least one {what} field: {names}.")
    unknown = [name for name in changes if name not in rules]
    if unknown:
        raise ApiError(
            422,
            "unknown_field",
            f"Not a {what} field: {', '.join(map(str, unknown))}. "
            f"The fields are: {', '.join(rules)}.",
        )
    values: dict[str, Any] = {}
    problems: list[str] = []
    for name, value in changes.items():
        try:
            values[name] = rules[name].check(value)
        except ValueError:
            shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:40] + "…"
            problems.append(f"{name} must be {rules[name].describe()}, not {shown}")
    if problems:
        raise ApiError(422, "invalid_value", "Nothing was changed: " + "; ".join(problems) + ".")
    return values


def _apply(
    session: Session,
    row: Program | Reward | Settings,
    values: Mapping[str, Any],
    *,
    company_id: int,
    entity: Entity,
    entity_id: int,
    action: str,
    actor: str,
    now: datetime,
) -> AdminChange:
    before = {name: getattr(row, name) for name, value in values.items()}
    before = {name: old for name, old in before.items() if old != values[name]}
    after = {name: values[name] for name in before}
    if not after:
        return AdminChange(entity, str(entity_id), {}, {}, row.to_wire())
    for name, value in after.items():
        setattr(row, name, value)
    session.flush()
    data = row.to_wire()
    rule_version = entity in ("programs", "rewards")
    _publish(session, company_id, entity, entity_id, data, now, rule_version=rule_version)
    record_audit(
        session,
        company_id=company_id,
        actor=actor,
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        before=before,
        after=after,
        now=now,
    )
    return AdminChange(entity, str(entity_id), before, after, data)


def _publish(
    session: Session,
    company_id: int,
    entity: Entity,
    entity_id: int,
    data: dict[str, Any],
    now: datetime,
    *,
    rule_version: bool,
) -> None:
    """To the terminals (change log) and, for the rules, to the history push re-checks use."""
    record_change(
        session, company_id=company_id, entity=entity, entity_id=str(entity_id), data=data, now=now
    )
    if rule_version:
        record_rule_version(
            session, company_id=company_id, entity=entity, entity_id=entity_id, data=data, now=now
        )


def _refuse_duplicate_name(
    session: Session, company_id: int, name: str, reward_id: int | None
) -> None:
    for other in session.scalars(select(Reward).where(Reward.company_id == company_id)):
        if other.id != reward_id and other.name.casefold() == name.casefold():
            state = "" if other.is_active else " (disabled: enable it instead)"
            raise ApiError(
                409,
                "reward_name_taken",
                f"Company {company_id} already has a reward named {other.name!r}: "
                f"reward {other.id}{state}.",
            )


def _program_of(session: Session, company_id: int) -> Program:
    company_or_404(session, company_id)
    # populate_existing: read after the company's lock, even if this session had it loaded.
    query = select(Program).where(Program.company_id == company_id)
    program = session.scalars(query.execution_options(populate_existing=True)).first()
    if program is None:
        raise ApiError(404, "program_not_found", f"Company {company_id} has no program.")
    return program


def _settings_of(session: Session, company_id: int) -> Settings:
    company_or_404(session, company_id)
    settings = session.get(Settings, company_id, populate_existing=True)
    if settings is None:
        raise ApiError(404, "settings_not_found", f"Company {company_id} has no settings.")
    return settings
