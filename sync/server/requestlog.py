"""One JSON line per request on `sync.server.requests`, and the JSON 500 that keeps the
connection open.

`RequestLog` is the outermost middleware of our own: it gives each request an id (the
client's `X-Request-ID` when it is a short plain token, else a new uuid4), returns it in the
`X-Request-ID` response header, and logs when the answer is sent:

    {"request_id": "…", "method": "POST", "path": "/v1/sync/push", "status": 200,
     "duration_ms": 12.3, "client": "10.0.0.7:51234", "terminal_id": "…"}

Only these fields: never the query string (lookups carry QR tokens, emails, phones), headers
(Authorization), or bodies (PINs, tokens). `terminal_id` is there once the request was
authenticated (`request.state.terminal_id`, set by the app's authentication).

An unexpected exception becomes the JSON 500 here and is not re-raised: Starlette's
ServerErrorMiddleware answers and then re-raises, and uvicorn closes a connection whose
application raised, so the terminal's next request on that keep-alive connection was reset.
The error is logged once, with its request id, on `sync.server` (scrubbed by sync.server.logs).
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from typing import Any

from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REQUEST_LOGGER = "sync.server.requests"
REQUEST_ID_HEADER = "X-Request-ID"
MAX_LOGGED_PATH = 200
# Short and plain: a uuid (36), a hex id (32) or a proxy's id pass; a 43-character terminal
# token or anything with spaces, quotes or control characters does not.
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,40}")
QUIET_PATHS = frozenset({"/health"})  # polled by load balancers: DEBUG, not INFO

requests_log = logging.getLogger(REQUEST_LOGGER)
errors_log = logging.getLogger("sync.server")


def request_id_from(headers: list[tuple[bytes, bytes]]) -> str:
    """The client's request id when it is sane, else a new uuid4."""
    for name, value in headers:
        if name.lower() == b"x-request-id":
            try:
                text = value.decode("ascii")
            except UnicodeDecodeError:
                break
            if _SANE_REQUEST_ID.fullmatch(text):
                return text
            break
    return str(uuid.uuid4())


class RequestLog:
    """Request ids, the request log line, and the JSON 500 for unexpected exceptions."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        request_id = request_id_from(list(scope.get("headers") or []))
        state = scope.setdefault("state", {})  # shared with request.state below us
        state["request_id"] = request_id
        status: int | None = None
        response_started = False
        logged = False

        def log_once() -> None:
            nonlocal logged
            if not logged:
                logged = True
                _log_request(scope, request_id, status, started)

        async def send_with_id(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.body" and not message.get("more_body", False):
                log_once()  # before the last byte leaves: the line exists once the client has it
            elif message["type"] == "http.response.start":
                response_started = True
                status = int(message["status"])
                headers = [
                    (name, value)
                    for name, value in message.get("headers", [])
                    if name.lower() != b"x-request-id"
                ]
                headers.append((b"x-request-id", request_id.encode("ascii")))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception as exc:
            # A bug or a database failure, never bad input. No headers, body or query string
            # in the line; the traceback is scrubbed by sync.server.logs.
            errors_log.error(
                "unexpected error on %s %s (request %s)",
                scope.get("method"),
                _path(scope),
                request_id,
                exc_info=exc,
                extra={"request_id": request_id},
            )
            if response_started:
                status = status or 500
                return  # nothing more to say: uvicorn closes this half-sent answer
            response = JSONResponse(
                {
                    "error": "internal_error",
                    "message": "The server failed on this request; try again.",
                },
                status_code=500,
            )
            await response(scope, receive, send_with_id)
        finally:
            log_once()  # no complete answer (client gone, half-sent 500)


def _path(scope: Scope) -> str:
    path = str(scope.get("path") or "")
    return path if len(path) <= MAX_LOGGED_PATH else path[:MAX_LOGGED_PATH] + "…"


def _client(scope: Scope) -> str | None:
    client = scope.get("client")
    if not client:
        return None
    host, port = client[0], client[1]
    return f"[{host}]:{port}" if ":" in str(host) else f"{host}:{port}"


def _log_request(scope: Scope, request_id: str, status: int | None, started: float) -> None:
    path = _path(scope)
    level = logging.DEBUG if path in QUIET_PATHS else logging.INFO
    if not requests_log.isEnabledFor(level):
        return
    fields: dict[str, Any] = {
        "request_id": request_id,
        "method": scope.get("method"),
        "path": path,
        "status": status,
        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
        "client": _client(scope),
    }
    terminal_id = (scope.get("state") or {}).get("terminal_id")
    if terminal_id is not None:
        fields["terminal_id"] = terminal_id
    requests_log.log(level, json.dumps(fields, ensure_ascii=False))
