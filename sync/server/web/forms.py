"""Admin forms built from program_admin's field rules, and typed form values read back.

Each FieldRule kind has its input: a number box for "int" (with its range), a select for
"choice" and for "bool" (yes / no), a text box for "text". A value that cannot be read as
its kind is kept as typed and reported; program_admin checks the ranges and reports every
problem of the form together, changing nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sync.server.program_admin import FieldRule

LABELS = {
    "name": "Name",
    "program_type": "Program type",
    "is_active": "Program active",
    "stamps_target": "Stamps for a reward",
    "stamps_reward_description": "Stamp reward",
    "max_daily_stamps": "Stamps per card per day",
    "stamp_cooldown_minutes": "Minutes between two stamps",
    "points_per_currency_unit": "Points per 1.00 spent",
    "minimum_redemption_points": "Minimum points to redeem",
    "welcome_bonus_points": "Welcome bonus (points)",
    "points_expiration_days": "Points expire after (days)",
    "pin_policy_redeem": "Staff PIN to redeem",
    "pin_policy_void": "Staff PIN to void",
    "pin_policy_deactivate": "Staff PIN to deactivate a card",
    "pin_policy_enroll": "Staff PIN to enroll",
    "pin_max_failed_attempts": "Wrong PINs before a lockout",
    "pin_lockout_minutes": "Lockout (minutes)",
    "allow_void_transactions": "Voids allowed",
    "allow_cross_location_redemption": "Rewards at every store",
    "offline_redemption_limit_points": "Offline redemptions per card per day (points)",
    "require_customer_email_on_enroll": "Email required at enrollment",
}


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str  # number, select, text
    value: str
    options: tuple[tuple[str, str], ...] = ()
    low: int = 0
    high: int = 0
    hint: str = ""


def fields_of(rules: Mapping[str, FieldRule], current: Mapping[str, Any]) -> list[Field]:
    """The form's inputs, filled with `current` (stored values, or what was typed)."""
    built = []
    for name, rule in rules.items():
        value = current.get(name)
        label = LABELS.get(name, name.replace("_", " ").capitalize())
        if rule.kind == "int":
            built.append(Field(name, label, "number", str(value), low=rule.low, high=rule.high,
                               hint=rule.note))  # fmt: skip
        elif rule.kind == "bool":
            shown = "yes" if value in (True, "yes") else "no"
            built.append(Field(name, label, "select", shown, (("yes", "Yes"), ("no", "No")),
                               hint=rule.note))  # fmt: skip
        elif rule.kind == "choice":
            options = tuple((choice, choice.replace("_", " ")) for choice in rule.choices)
            built.append(Field(name, label, "select", str(value), options, hint=rule.note))
        else:
            built.append(Field(name, label, "text", "" if value is None else str(value),
                               hint=rule.note))  # fmt: skip
    return built


def read_form(
    rules: Mapping[str, FieldRule], form: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, str]]:
    """(typed values, what was typed) of the rules' fields present in `form`. A number that
    is not one stays text, so the rules refuse it with the field's own message."""
    values: dict[str, Any] = {}
    typed: dict[str, str] = {}
    for name, rule in rules.items():
        if name not in form:
            continue
        raw = str(form[name]).strip()
        typed[name] = raw
        if rule.kind == "int":
            try:
                values[name] = int(raw)
            except ValueError:
                values[name] = raw
        elif rule.kind == "bool":
            values[name] = {"yes": True, "no": False}.get(raw, raw)
        else:
            values[name] = raw
    return values, typed


def changed_only(values: Mapping[str, Any], current: Mapping[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in values.items() if current.get(name) != value}
