"""The crash test: a terminal process killed with SIGKILL 50 times at random moments during
bursts of operations (between a commit and its push, in the middle of a push, before its
answer is saved). Every operation the process reported as committed survives and reaches
the server once; no entry is ever sent twice with different content."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from sync.client import SyncClient
from sync.engine import SyncEngine
from sync.server.models import LedgerEntry as ServerEntry
from terminal.services.syncing.store import TerminalSyncStore
from terminal.store.models import LedgerEntry, SyncConflict
from terminal.store.schema import open_current
from tests.sync.conftest import World
from tests.sync.terminals import make_terminal, server_balances, server_ledger_sums

KILLS = 50


@pytest.fixture
def backend() -> str:
    return "sqlite"  # what is killed is the terminal; the server side runs both in tests/sync


WORKER = Path(__file__).with_name("crash_worker.py")


def test_kill_9_during_bursts_loses_nothing_and_sends_nothing_twice(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rng = random.Random(9)
    till = make_terminal(world.server, world.vendor_a1, tmp_path, "victim", world.staff_a)
    card = till.enroll_card()
    path, token, staff = till.database.path, till.token, till.staff_id
    till.close()  # the worker processes own the database from here on
    committed: list[str] = []
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    for kill in range(KILLS):
        worker = subprocess.Popen(  # noqa: S603 - our own worker
            [sys.executable, str(WORKER), str(path), world.server.url, token, card,
             str(kill), str(staff), world.server.clock.now().isoformat()],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )  # fmt: skip
        assert worker.stdout is not None
        assert worker.stdout.readline().strip() == "ready"
        for _ in range(rng.randint(0, 6)):  # a random moment: after 0 to 6 operations
            line = worker.stdout.readline().split()
            committed.append(line[1])
        worker.send_signal(signal.SIGKILL)
        rest, _ = worker.communicate(timeout=30)
        # What it managed to report before dying counts as committed too.
        committed += [line.split()[1] for line in rest.splitlines() if line.startswith("committed")]
        assert worker.returncode == -signal.SIGKILL

    database = open_current(path)  # the same database, as the next start opens it
    client = SyncClient(world.server.url, token=token)
    try:
        engine = SyncEngine(TerminalSyncStore(database), client, clock=world.server.clock)
        status = engine.run_once()
        assert status.state == "online"
        assert status.pending == 0
        with database.reader() as session:
            local = set(session.scalars(select(LedgerEntry.id)))
            conflicts = session.scalar(select(func.count()).select_from(SyncConflict))
            kinds = session.execute(
                select(SyncConflict.kind, SyncConflict.code, func.count()).group_by(
                    SyncConflict.kind, SyncConflict.code
                )
            ).all()
        with world.server.sessions() as session:
            on_server = set(session.scalars(select(ServerEntry.id)))
            results = dict(
                session.execute(
                    select(ServerEntry.result, func.count()).group_by(ServerEntry.result)
                ).all()
            )
    finally:
        client.close()
        database.dispose()
    assert len(committed) >= KILLS  # the kills landed among real work
    assert set(committed) <= local  # every reported commit survived the kill
    assert local <= on_server  # and reached the server
    assert conflicts == 0, kinds  # never an id or sequence number with different content
    assert set(results) == {"accepted"}
    with capsys.disabled():
        print(
            f"\ncrash test: {KILLS} kill -9, {len(committed)} operations reported committed, "
            f"{len(local)} entries on the terminal, all {len(local)} on the server once, "
            f"0 conflicts"
        )
    truth = server_balances(world.server)
    assert truth == {c: s for c, s in server_ledger_sums(world.server).items() if c in truth}
