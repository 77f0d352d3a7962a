"""What one doctor check found: a name, an outcome and a sentence IT can act on."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Outcome(StrEnum):
    OK = "OK"
    WARN = "WARN"  # works, but something deserves a look
    FAIL = "FAIL"  # the terminal cannot work as it should: the exit code is 1
    SKIP = "SKIP"  # not checked (e.g. --offline, or what it needs failed first)


@dataclass(frozen=True)
class Check:
    name: str
    outcome: Outcome
    detail: str


def skipped(name: str, why: str) -> Check:
    return Check(name, Outcome.SKIP, f"not checked ({why})")
