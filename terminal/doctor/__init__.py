"""`loyalty-terminal doctor`: a pass / WARN / FAIL / SKIP list of what this terminal needs,
each with what IT should do, as text or JSON; exit code 1 when anything failed.

Checks, in order: camera, decoders, local database (integrity and schema, write lock, free
disk space), credential store (keyring backend, file fallback, this terminal's token),
central server (reach, protocol version, clock skew; SKIP with --offline). Each check is a
small function returning a Check; the collaborators (camera lister, decoders, keyring
backend, token store, HTTP transport, clock) are injected, so the command is tested without
the hardware, the OS credential store or the wall clock.
"""

from __future__ import annotations

from terminal.doctor.credentials import (
    check_credential_store,
    check_credentials_file,
    check_token,
)
from terminal.doctor.database import (
    Identity,
    check_database,
    check_database_lock,
    check_disk_space,
    read_identity,
)
from terminal.doctor.hardware import check_cameras, check_decoders
from terminal.doctor.outcome import Check, Outcome
from terminal.doctor.report import report, report_json, summarize
from terminal.doctor.run import default_decoder_name, run_checks, run_doctor
from terminal.doctor.server import check_server, judge_clock_skew

__all__ = [
    "Check",
    "Identity",
    "Outcome",
    "check_cameras",
    "check_credential_store",
    "check_credentials_file",
    "check_database",
    "check_database_lock",
    "check_decoders",
    "check_disk_space",
    "check_server",
    "check_token",
    "default_decoder_name",
    "judge_clock_skew",
    "read_identity",
    "report",
    "report_json",
    "run_checks",
    "run_doctor",
    "summarize",
]
