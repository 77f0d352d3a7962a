"""`loyalty-terminal doctor`: a pass/fail list of what this terminal needs, for IT.

Each check is a small function returning a Check; collaborators (camera lister, decoders)
are injected so the command can be tested without the hardware.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TextIO

from terminal.config import Settings
from terminal.scanner.camera import CameraInfo
from terminal.scanner.decoders import Decoder
from terminal.store.schema import head_revision


class Outcome(StrEnum):
    OK = "OK"
    WARN = "WARN"  # works, but something deserves a look
    FAIL = "FAIL"


@dataclass(frozen=True)
class Check:
    name: str
    outcome: Outcome
    detail: str


def check_cameras(cameras: list[CameraInfo], configured_index: int = 0) -> Check:
    working = [c for c in cameras if c.delivers_frames]
    if working:
        listed = ", ".join(f"#{c.index} {c.width}x{c.height} ({c.backend})" for c in working)
        if all(c.index != configured_index for c in working):
            return Check(
                "camera",
                Outcome.WARN,
                f"settings use camera #{configured_index}, which sends no pictures; found "
                f"{listed}: set camera_index in settings.toml",
            )
        return Check("camera", Outcome.OK, f"{len(working)} found: {listed}")
    if cameras:
        busy = ", ".join(f"#{c.index}" for c in cameras)
        return Check(
            "camera",
            Outcome.FAIL,
            f"camera {busy} present but sends no pictures: close other programs using it",
        )
    return Check(
        "camera",
        Outcome.FAIL,
        "no camera found: plug one in (cards can still be typed or read by a USB scanner)",
    )


def check_decoders(decoders: Mapping[str, Decoder], default_name: str) -> list[Check]:
    checks = []
    for name, decoder in decoders.items():
        role = "default" if name == default_name else "second engine"
        if decoder.available:
            checks.append(Check(f"decoder {name}", Outcome.OK, f"available ({role})"))
        else:
            outcome = Outcome.FAIL if name == default_name else Outcome.WARN
            checks.append(
                Check(f"decoder {name}", outcome, decoder.unavailable_reason or "unavailable")
            )
    return checks


def check_database(path: Path) -> Check:
    if not path.exists():
        return Check("database", Outcome.OK, f"{path} not created yet (made at activation)")
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=2)
        try:
            (integrity,) = connection.execute("PRAGMA quick_check").fetchone()
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError as err:
        return Check("database", Outcome.FAIL, f"{path} cannot be read: {err}. Call support.")
    if integrity != "ok":
        return Check("database", Outcome.FAIL, f"{path} is damaged ({integrity}). Call support.")
    version = row[0] if row else None
    head = head_revision()
    if version != head:
        return Check(
            "database",
            Outcome.WARN,
            f"{path} is at schema {version}; the terminal upgrades it to {head} when it starts",
        )
    return Check("database", Outcome.OK, f"{path} ok (schema {version})")


def run_checks(
    settings: Settings,
    *,
    list_cameras: Callable[[], list[CameraInfo]],
    decoders: Mapping[str, Decoder],
    default_decoder: str,
) -> list[Check]:
    return [
        check_cameras(list_cameras(), settings.camera_index),
        *check_decoders(decoders, default_decoder),
        check_database(settings.database_path),
    ]


def report(checks: Iterable[Check], out: TextIO) -> int:
    """Print the list; the exit code is 1 when any check failed (for scripts)."""
    checks = list(checks)
    width = max(len(c.name) for c in checks)
    for check in checks:
        print(f"{check.outcome.value:<4}  {check.name:<{width}}  {check.detail}", file=out)
    failed = sum(c.outcome is Outcome.FAIL for c in checks)
    warned = sum(c.outcome is Outcome.WARN for c in checks)
    ok = len(checks) - failed - warned
    print(f"\nSummary: {ok} OK, {warned} to look at, {failed} to fix.", file=out)
    return 1 if failed else 0
