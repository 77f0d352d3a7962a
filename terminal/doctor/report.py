"""The doctor's list, as text for a person or as JSON for monitoring; exit code 1 on a FAIL."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from terminal.doctor.outcome import Check, Outcome


def summarize(checks: Iterable[Check]) -> dict[str, int]:
    """How many checks gave each outcome: {"ok", "warn", "fail", "skip"}, always all four."""
    counts = {outcome.name.lower(): 0 for outcome in Outcome}
    for check in checks:
        counts[check.outcome.name.lower()] += 1
    return counts


def exit_code(checks: Iterable[Check]) -> int:
    return 1 if any(c.outcome is Outcome.FAIL for c in checks) else 0


def report(checks: Iterable[Check], out: TextIO) -> int:
    """Print the list; the exit code is 1 when any check failed (for scripts)."""
    checks = list(checks)
    width = max((len(c.name) for c in checks), default=0)
    for check in checks:
        print(f"{check.outcome.value:<4}  {check.name:<{width}}  {check.detail}", file=out)
    counts = summarize(checks)
    skipped = f", {counts['skip']} not checked" if counts["skip"] else ""
    print(
        f"\nSummary: {counts['ok']} OK, {counts['warn']} to look at, {counts['fail']} to fix"
        f"{skipped}.",
        file=out,
    )
    return exit_code(checks)


def report_json(checks: Iterable[Check], out: TextIO) -> int:
    """One JSON object: {"ok": no FAIL, "checks": [{"name", "outcome", "detail"}, ...],
    "summary": {"ok", "warn", "fail", "skip"}}; outcomes as in the text ("OK", "WARN",
    "FAIL", "SKIP"). Same exit code as `report`."""
    checks = list(checks)
    document = {
        "ok": exit_code(checks) == 0,
        "checks": [
            {"name": c.name, "outcome": c.outcome.value, "detail": c.detail} for c in checks
        ],
        "summary": summarize(checks),
    }
    json.dump(document, out, indent=2)
    out.write("\n")
    return exit_code(checks)
