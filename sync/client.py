"""The terminal's HTTP client for wire protocol v1 (sync.protocol): one call per endpoint.

Qt-free and database-free: the sync engine (sync.engine) drives it from its own thread.
Every answer is validated as its protocol model; everything else becomes one typed error
(`SyncError` and its subclasses), whose `kind` the status bar turns into a translated
sentence and whose `retryable` tells the engine whether to try the same request again
(with backoff). The messages are for logs: they never contain the token.

TLS certificates are verified (`verify=True`, the system's trust store through httpx's
default); a deployment with a private CA passes its bundle's path or an `ssl.SSLContext`.
A `deadline` bounds each phase of one call (connecting, sending, waiting for the answer),
e.g. the 1.5 s of an online redemption.
"""

from __future__ import annotations

import ssl
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from sync.protocol import (
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    ActivateRequest,
    ActivateResponse,
    CardInfo,
    ChangesResponse,
    ErrorBody,
    PinStatusRequest,
    PinStatusResponse,
    PushRequest,
    PushResponse,
    StatsResponse,
)
from terminal.domain.clock import Clock, SystemClock, require_utc

DEFAULT_TIMEOUT = 15.0  # seconds per phase of a call without its own deadline
DEFAULT_RETRY_AFTER = 60.0  # a 429 without a readable Retry-After
MAX_RETRY_AFTER = 3600.0

Model = TypeVar("Model", bound=BaseModel)


class SyncError(Exception):
    """A call that did not give its answer. `kind`: a stable name for the UI and logs;
    `code` / `status`: the server's error code and HTTP status, when it answered."""

    kind = "error"
    retryable = False

    def __init__(self, message: str, *, code: str | None = None, status: int | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.status = status


class Offline(SyncError):
    """No answer: the server is unreachable, the connection was cut, or the deadline passed.
    A push may still have been applied: sending the same entries again is safe."""

    kind = "offline"
    retryable = True

    def __init__(self, message: str, *, timed_out: bool = False, sent: bool = True) -> None:
        super().__init__(message)
        self.timed_out = timed_out
        # False only when the request certainly never reached the server (no connection
        # was made): what was sent may then be withdrawn without asking again.
        self.sent = sent


class CertificateError(SyncError):
    """The server's TLS certificate is not trusted (or not its name): a setup problem, not
    a network outage."""

    kind = "certificate"


class AuthExpired(SyncError):
    """401: the token is unknown or revoked. The terminal keeps working offline with its
    queue and asks for re-activation."""

    kind = "auth_expired"


class ProtocolMismatch(SyncError):
    """The server does not speak this terminal's protocol version (its message names the
    versions it speaks)."""

    kind = "protocol_version"


class RateLimited(SyncError):
    """429: try again after `retry_after` seconds."""

    kind = "rate_limited"
    retryable = True

    def __init__(self, message: str, *, retry_after: float, code: str | None = None) -> None:
        super().__init__(message, code=code, status=429)
        self.retry_after = retry_after


class Rejected(SyncError):
    """The server refused this request (a 4xx other than 401 and 429): sending it again
    as it is will not help."""

    kind = "rejected"


class ServerError(SyncError):
    """A 5xx, or an answer that is not protocol v1 (an HTML page, garbage JSON, another
    shape): a server or proxy problem; retried with backoff."""

    kind = "server_error"
    retryable = True


class SyncClient:
    """One terminal's calls to one central server.

    `token`: the terminal's bearer token (from activation; None before it). `transport`:
    httpx's, for tests that need one; `clock`: reads a Retry-After given as a date.
    """

    def __init__(
        self,
        base_url: str,
        *,
        token: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        verify: bool | str | ssl.SSLContext = True,
        protocol_version: int = PROTOCOL_VERSION,
        clock: Clock | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._token = token
        self._clock = clock or SystemClock()
        if isinstance(verify, str):  # a CA bundle's path
            verify = ssl.create_default_context(cafile=verify)
        self._http = httpx.Client(
            base_url=base_url.rstrip("/"),
            timeout=timeout,
            verify=verify,
            transport=transport,
            headers={PROTOCOL_HEADER: str(protocol_version)},
            follow_redirects=False,
        )

    def __repr__(self) -> str:  # never the token
        return f"SyncClient({str(self._http.base_url)!r})"

    @property
    def base_url(self) -> str:
        return str(self._http.base_url)

    def set_token(self, token: str | None) -> None:
        self._token = token

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- calls ------------------------------------------------------------------------------

    def activate(self, code: str, terminal_name: str) -> ActivateResponse:
        body = ActivateRequest(code=code, terminal_name=terminal_name)
        return self._call("POST", "/v1/terminals/activate", ActivateResponse, json=body)

    def push(self, request: PushRequest, *, deadline: float | None = None) -> PushResponse:
        return self._call("POST", "/v1/sync/push", PushResponse, json=request, deadline=deadline)

    def changes(
        self, cursor: str | None, limit: int, *, deadline: float | None = None
    ) -> ChangesResponse:
        params: dict[str, Any] = {"limit": limit}
        if cursor is not None:
            params["cursor"] = cursor
        return self._call(
            "GET", "/v1/sync/changes", ChangesResponse, params=params, deadline=deadline
        )

    def lookup(self, query: str, *, deadline: float | None = None) -> CardInfo | None:
        """The company's card matching a QR token, number, email or phone; None if none."""
        try:
            return self._call(
                "GET", "/v1/cards/lookup", CardInfo, params={"q": query}, deadline=deadline
            )
        except Rejected as err:
            if err.status == 404 and err.code == "card_not_found":
                return None
            raise

    def pin_status(
        self, request: PinStatusRequest, *, deadline: float | None = None
    ) -> PinStatusResponse:
        return self._call(
            "POST", "/v1/staff/pin-status", PinStatusResponse, json=request, deadline=deadline
        )

    def stats(self, since: datetime, *, deadline: float | None = None) -> StatsResponse:
        """The company's activity figures from `since` (aware; sent as UTC) on."""
        moment = require_utc(since).isoformat()
        return self._call(
            "GET", "/v1/stats", StatsResponse, params={"since": moment}, deadline=deadline
        )

    # --- plumbing ---------------------------------------------------------------------------

    def _call(
        self,
        method: str,
        path: str,
        model: type[Model],
        *,
        json: BaseModel | None = None,
        params: dict[str, Any] | None = None,
        deadline: float | None = None,
    ) -> Model:
        headers = {"Content-Type": "application/json"} if json is not None else {}
        if self._token:
            headers["Authorization"] = f"Bearer {self._token}"
        content = json.model_dump_json().encode() if json is not None else None
        try:
            answer = self._http.request(
                method,
                path,
                content=content,
                params=params,
                headers=headers,
                timeout=httpx.USE_CLIENT_DEFAULT if deadline is None else deadline,
            )
        except httpx.TimeoutException as err:
            raise Offline(
                f"no answer from {path} in time ({type(err).__name__})",
                timed_out=True,
                sent=not isinstance(err, httpx.ConnectTimeout),
            ) from err
        except httpx.TransportError as err:
            if _certificate_problem(err):
                raise CertificateError(f"the server's certificate is not trusted: {err}") from err
            raise Offline(
                f"{path}: {type(err).__name__}: {err}", sent=not isinstance(err, httpx.ConnectError)
            ) from err
        if answer.status_code >= 300:
            raise self._error(answer, path)
        try:
            return model.model_validate_json(answer.content)
        except ValidationError as err:
            raise ServerError(
                f"{path}: the answer is not protocol v{PROTOCOL_VERSION} "
                f"({answer.headers.get('content-type', 'no content type')}, "
                f"{err.error_count()} errors)",
                status=answer.status_code,
            ) from err

    def _error(self, answer: httpx.Response, path: str) -> SyncError:
        status = answer.status_code
        try:
            body: ErrorBody | None = ErrorBody.model_validate_json(answer.content)
        except ValidationError:
            body = None  # a proxy's HTML page, or nothing
        code = body.error if body else None
        message = f"{path}: HTTP {status}" + (f" {body.error}: {body.message}" if body else "")
        if status == 401:
            return AuthExpired(message, code=code, status=status)
        if status == 429:
            return RateLimited(message, retry_after=self._retry_after(answer), code=code)
        if status == 400 and code == "unsupported_protocol_version":
            return ProtocolMismatch(message, code=code, status=status)
        if 400 <= status < 500:
            return Rejected(message, code=code, status=status)
        return ServerError(message, code=code, status=status)  # 5xx, or a redirect

    def _retry_after(self, answer: httpx.Response) -> float:
        """Retry-After as seconds or as an HTTP date; bounded, and a default when absent."""
        value = answer.headers.get("retry-after", "").strip()
        seconds: float | None = None
        if value.isascii() and value.isdigit():
            seconds = float(value)
        elif value:
            try:
                when = parsedate_to_datetime(value)
            except (TypeError, ValueError):
                when = None
            if when is not None:
                when = when if when.tzinfo else when.replace(tzinfo=UTC)
                seconds = (when - self._clock.now().astimezone(UTC)).total_seconds()
        if seconds is None:
            return DEFAULT_RETRY_AFTER
        return min(max(seconds, 0.0), MAX_RETRY_AFTER)


def _certificate_problem(err: BaseException) -> bool:
    seen: BaseException | None = err
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


__all__ = [
    "AuthExpired",
    "CertificateError",
    "Offline",
    "ProtocolMismatch",
    "RateLimited",
    "Rejected",
    "ServerError",
    "SyncClient",
    "SyncError",
]
