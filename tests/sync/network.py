"""The network between a terminal and the server, with the faults a store's connection has:
down, an answer lost after the server committed, slow. The one fake in the sync tests,
at the true edge (the wire): requests that go through reach the real server."""

from __future__ import annotations

import threading
from collections.abc import Callable

import httpx


class Network(httpx.BaseTransport):
    def __init__(self) -> None:
        self._real = httpx.HTTPTransport()
        self._lock = threading.Lock()
        self.down = False
        self.lose_answers = 0  # the next N answers are lost after the server handled them
        self.before: Callable[[httpx.Request], None] | None = None  # e.g. a test's probe
        self.requests: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        with self._lock:
            self.requests.append(f"{request.method} {request.url.path}")
            down = self.down
        if self.before is not None:
            self.before(request)
        if down:
            raise httpx.ConnectError("network unreachable (test)", request=request)
        response = self._real.handle_request(request)
        with self._lock:
            lose = self.lose_answers > 0
            if lose:
                self.lose_answers -= 1
        if lose:
            response.read()
            response.close()
            raise httpx.ReadTimeout("the answer was lost (test)", request=request)
        return response

    def close(self) -> None:
        self._real.close()
