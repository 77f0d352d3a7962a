"""A terminal process for the crash test (tests/sync/test_crash.py), killed with SIGKILL at
random moments: it earns points on a card in a burst, pushing now and then, and prints
`committed <entry id>` the moment each operation's transaction has committed (what the
cashier would have been told).

Usage: crash_worker.py DB_PATH SERVER_URL TOKEN CARD_ID SEED STAFF_ID NOW, where NOW is the
server's clock (ISO): the test's server runs on a manual clock.
"""

from __future__ import annotations

import random
import sys
from datetime import datetime, timedelta
from pathlib import Path

from sync.client import SyncClient
from sync.engine import SyncEngine
from terminal.domain.clock import ManualClock
from terminal.services.bundle import counter_services
from terminal.services.syncing.store import TerminalSyncStore
from terminal.services.views import Actor
from terminal.store.schema import open_current


def main() -> int:
    path, url, token, card_id, seed = sys.argv[1:6]
    rng = random.Random(int(seed))
    database = open_current(Path(path))
    client = SyncClient(url, token=token)
    clock = ManualClock(datetime.fromisoformat(sys.argv[7]))
    engine = SyncEngine(TerminalSyncStore(database), client, clock=clock)
    services = counter_services(database, clock)
    actor = Actor(int(sys.argv[6]), "2468")
    print("ready", flush=True)
    for _ in range(10_000):  # until killed
        clock.advance(timedelta(seconds=1))
        result = services.points.earn(actor, card_id, f"{rng.randint(1, 50)}.00")
        print(f"committed {result.entry_id}", flush=True)
        if rng.random() < 0.4:
            engine.run_once()  # a kill may land mid-push: sent, answer not saved
    return 0


if __name__ == "__main__":
    sys.exit(main())
