"""One terminal's wire to the server in the chaos run, with the faults a store's line has.

Requests that go through reach the real server (whose address can change: a restarted
server listens on a new port). A fault is injected for the next push (`inject`): it is
what the network does to that request, once.
"""

from __future__ import annotations

from collections.abc import Callable

import httpx

PUSH_PATH = "/v1/sync/push"


class ChaosNetwork(httpx.BaseTransport):
    def __init__(self, server_url: Callable[[], str], *, on_restart: Callable[[], None]) -> None:
        self._real = httpx.HTTPTransport()
        self._server_url = server_url
        self._restart = on_restart
        self.down = False
        self._fault: str | None = None
        self._sent_pushes: list[bytes] = []

    def inject(self, kind: str) -> None:
        self._fault = kind

    def quiet(self) -> None:
        self.down = False
        self._fault = None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.down:
            raise httpx.ConnectError("network unreachable (chaos)", request=request)
        request = self._to_server(request)
        fault = None
        if request.url.path == PUSH_PATH:
            fault, self._fault = self._fault, None
        if fault == "request_lost":
            raise httpx.ConnectError("the request was lost (chaos)", request=request)
        if fault == "replayed_late" and self._sent_pushes:
            self._send(self._sent_pushes[0], request)  # an old push arrives again, late
        response = self._send(request.content, request)
        if request.url.path == PUSH_PATH:
            self._sent_pushes = [*self._sent_pushes, request.content][-20:]
        if fault == "duplicate":
            response.close()
            response = self._send(request.content, request)
        if fault == "answer_lost":
            response.close()
            raise httpx.ReadTimeout("the answer was lost (chaos)", request=request)
        if fault == "server_restarted":
            response.close()
            self._restart()
            raise httpx.RemoteProtocolError("the server went away (chaos)", request=request)
        return response

    def _to_server(self, request: httpx.Request) -> httpx.Request:
        target = httpx.URL(self._server_url())
        url = request.url.copy_with(host=target.host, port=target.port)
        return httpx.Request(request.method, url, headers=request.headers, content=request.read())

    def _send(self, content: bytes, like: httpx.Request) -> httpx.Response:
        headers = {k: v for k, v in like.headers.items() if k.lower() != "content-length"}
        copy = httpx.Request(like.method, like.url, headers=headers, content=content)
        response = self._real.handle_request(copy)
        response.read()
        return response

    def close(self) -> None:
        self._real.close()
