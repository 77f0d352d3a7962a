"""The rules in force at a moment: program and reward versions, for re-checking claims.

Every change of a company's program or of a reward writes a `RuleVersion` (its `to_wire()`
data from that moment on) in the same transaction as the change. A terminal that was offline
applied the rules it had then, so an entry is re-checked against the versions in force at its
`transaction_at` (sync.server.claims widens that to a window): `RulesAt.programs(...)` returns
every version in force somewhere in a window (usually one).

A program or reward with no version at all (a database from before versions were kept) is
judged by its current row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.server.models import Program, Reward, RuleVersion
from terminal.domain.rules import ProgramRules, RewardRule


def record_rule_version(
    session: Session,
    *,
    company_id: int,
    entity: str,
    entity_id: int,
    data: dict[str, Any],
    now: datetime,
) -> None:
    """The rules of `entity` (`programs` or `rewards`) `entity_id` are `data` from `now` on."""
    session.add(
        RuleVersion(
            company_id=company_id, entity=entity, entity_id=entity_id, valid_from=now, data=data
        )
    )


@dataclass
class RulesAt:
    """Versions read once per push (one query per program or reward) and parsed once, then
    answered from memory: a push of 500 entries reads them once, not 500 times."""

    session: Session
    _versions: dict[tuple[str, int], list[tuple[datetime, Any]]] = field(default_factory=dict)

    def programs(self, program: Program, start: datetime, end: datetime) -> list[ProgramRules]:
        """Every version of the program in force at some moment of [start, end], in order."""
        return self._in_force("programs", program, Program.rules_from_wire, start, end)

    def rewards(self, reward: Reward, start: datetime, end: datetime) -> list[RewardRule]:
        return self._in_force("rewards", reward, Reward.rule_from_wire, start, end)

    def _in_force(
        self, entity: str, row: Any, parse: Any, start: datetime, end: datetime
    ) -> list[Any]:
        versions = self._load(entity, row, parse)
        # The version in force at `start` (the earliest one if `start` precedes them all),
        # then every version that began inside the window.
        chosen = 0
        for index, (valid_from, _rules) in enumerate(versions):
            if valid_from > start:
                break
            chosen = index
        found = [versions[chosen][1]]
        for valid_from, rules in versions[chosen + 1 :]:
            if valid_from > end:
                break
            found.append(rules)
        return found

    def _load(self, entity: str, row: Any, parse: Any) -> list[tuple[datetime, Any]]:
        key = (entity, row.id)
        if key not in self._versions:
            rows = self.session.execute(
                select(RuleVersion.valid_from, RuleVersion.data)
                .where(RuleVersion.entity == entity, RuleVersion.entity_id == row.id)
                .order_by(RuleVersion.valid_from, RuleVersion.id)
            ).all()
            parsed = [(valid_from, parse(data)) for valid_from, data in rows]
            # No version at all (a database from before versions were kept): the current row.
            self._versions[key] = parsed or [
                (datetime.min.replace(tzinfo=UTC), parse(row.to_wire()))
            ]
        return self._versions[key]
