"""The quick chaos run (tests/sync/chaos.py): three terminals under every kind of fault,
nothing lost, nothing applied twice, everyone converged. The long run is a command:
`.venv/bin/python -m tests.sync.chaos --terminals 8 --operations 5000` (README)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.sync.chaos import ChaosConfig, run_chaos
from tests.sync.conftest import POSTGRES_URL_ENV, _postgres_unavailable

SEED = 2026


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_quick_chaos_run(backend: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = None
    if backend == "postgresql":
        url = os.environ.get(POSTGRES_URL_ENV)
        problem = _postgres_unavailable(url)
        if problem:
            pytest.skip(problem)
    report = run_chaos(
        ChaosConfig(terminals=3, operations=70, seed=SEED, fault_rate=0.3, postgres_url=url),
        tmp_path,
    )
    with capsys.disabled():
        print("\n" + "\n".join(report.lines()))
    assert report.ok, report.lines()
    assert report.lost == 0
    assert report.duplicated == 0
    assert report.converged == 3
    assert sum(report.operations.values()) > 100
    # The seed makes every fault happen at least once in this short run.
    assert set(report.faults) >= {
        "offline", "request_lost", "answer_lost", "duplicate", "replayed_late",
        "terminal_killed", "server_restarted", "clock_skewed",
    }  # fmt: skip
