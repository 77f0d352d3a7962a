"""The central server inside another program, on a loopback port, in a thread: what the
terminal's demo runs (`loyalty-terminal demo`). Production runs `loyalty-server serve`."""

from __future__ import annotations

import threading
import time
from typing import Any

import uvicorn

STARTUP_TIMEOUT_S = 15.0


class EmbeddedServer:
    """`app` served on 127.0.0.1 (a free port unless given) until `stop()` (safe twice)."""

    def __init__(self, app: Any, *, port: int = 0) -> None:
        # log_config=None: uvicorn's warnings go to the host's logging (the terminal's log
        # file) instead of its own console handlers, which a windowed program has not got
        config = uvicorn.Config(
            app,
            host="127.0.0.1",
            port=port,
            log_level="warning",
            log_config=None,
            access_log=False,
            lifespan="off",
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, name="loyalty-embedded-server", daemon=True
        )
        self.url = ""

    def start(self) -> str:
        self._thread.start()
        started = threading.Event()
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while not self._server.started:  # bounded: uvicorn offers no started event
            if not self._thread.is_alive():
                raise RuntimeError("the embedded central server stopped while starting")
            if time.monotonic() > deadline:
                raise RuntimeError("the embedded central server did not start in time")
            started.wait(0.01)
        port = self._server.servers[0].sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        return self.url

    def stop(self) -> None:
        self._server.should_exit = True
        self._server.force_exit = True
        if self._thread.is_alive():
            self._thread.join(timeout=10)
