"""The central server: reached (GET /health), speaking this terminal's protocol version,
and with a clock that agrees with this computer's (its HTTP Date header).

The HTTP transport and the clock are passed in; tests run the real server on loopback.
"""

from __future__ import annotations

import ssl
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from sync.protocol import PROTOCOL_VERSION
from terminal.doctor.outcome import Check, Outcome, skipped
from terminal.domain.clock import Clock

HEALTH_TIMEOUT_S = 5.0
SKEW_WARN = timedelta(seconds=60)
SKEW_FAIL = timedelta(minutes=5)
REACH, PROTOCOL, CLOCK = "server reach", "protocol version", "clock skew"
CLOCK_HINT = (
    "turn on automatic time sync (NTP / Windows Time): PIN lockouts and expiry use the clock"
)


def not_checked(why: str) -> list[Check]:
    return [skipped(REACH, why), skipped(PROTOCOL, why), skipped(CLOCK, why)]


def not_activated() -> list[Check]:
    return [
        Check(
            REACH,
            Outcome.WARN,
            "not activated: run loyalty-terminal activate --server https://... --code CODE "
            "(the code comes from the back office)",
        ),
        skipped(PROTOCOL, "not activated"),
        skipped(CLOCK, "not activated"),
    ]


def check_server(
    url: str,
    *,
    clock: Clock,
    ca_bundle: Path | None = None,
    transport: httpx.BaseTransport | None = None,
    timeout: float = HEALTH_TIMEOUT_S,
    protocol_version: int = PROTOCOL_VERSION,
) -> list[Check]:
    try:
        verify = _verify(ca_bundle)
    except (OSError, ssl.SSLError) as err:  # the bundle file is missing or not PEM
        return [_bundle_unusable(ca_bundle, err), *not_checked("server not reached")[1:]]
    try:
        answer = _get_health(url, verify, transport, timeout)
    except (httpx.HTTPError, httpx.InvalidURL) as err:
        return [_unreachable(url, err, ca_bundle, timeout), *not_checked("server not reached")[1:]]
    received = clock.now()
    body = _json(answer)
    return [
        _reach(url, answer, body),
        _protocol(answer, body, protocol_version),
        _clock(answer, received),
    ]


def _verify(ca_bundle: Path | None) -> bool | ssl.SSLContext:
    """TLS is always verified, as sync.client does: by httpx's default trust store, or by
    the company's own certificate authority."""
    return True if ca_bundle is None else ssl.create_default_context(cafile=str(ca_bundle))


def _get_health(
    url: str, verify: bool | ssl.SSLContext, transport: httpx.BaseTransport | None, timeout: float
) -> httpx.Response:
    with httpx.Client(
        base_url=url.rstrip("/"), verify=verify, timeout=timeout, transport=transport
    ) as client:
        return client.get("/health")


def _json(answer: httpx.Response) -> dict[str, Any] | None:
    try:
        body = answer.json()
    except ValueError:
        return None
    return body if isinstance(body, dict) else None


def _bundle_unusable(ca_bundle: Path | None, err: Exception) -> Check:
    return Check(
        REACH,
        Outcome.FAIL,
        f"server_ca_bundle {ca_bundle} cannot be used ({err}): set it in settings.toml to "
        "the PEM file of the company's certificate authority",
    )


def _unreachable(url: str, err: Exception, ca_bundle: Path | None, timeout: float) -> Check:
    parts = urlsplit(url)
    place = f"{parts.hostname}:{parts.port or (443 if parts.scheme == 'https' else 80)}"
    if isinstance(err, httpx.TimeoutException):
        detail = (
            f"no answer from {url} within {timeout:g} s: check the network, the proxy "
            f"(HTTPS_PROXY) and the firewall (outgoing connections to {place})"
        )
    elif _caused_by(err, ssl.SSLCertVerificationError):
        hint = (
            f"check that server_ca_bundle ({ca_bundle}) is the authority that signed it"
            if ca_bundle
            else "if the company uses its own certificate authority, set server_ca_bundle "
            "in settings.toml to its PEM file"
        )
        detail = f"the certificate of {url} is not trusted ({_reason(err)}): {hint}"
    elif _caused_by(err, ssl.SSLError):
        detail = (
            f"TLS with {url} failed ({_reason(err)}): is https served on this port? A proxy "
            "or firewall that intercepts HTTPS? Check the address and the certificate"
        )
    elif isinstance(err, httpx.ConnectError):
        detail = (
            f"cannot connect to {place} ({_reason(err)}): check the network, DNS, the proxy "
            "and the firewall; is the server running?"
        )
    else:
        detail = f"{url} did not answer properly ({_reason(err)}): check the network and proxy"
    return Check(REACH, Outcome.FAIL, detail)


def _caused_by(err: BaseException, kind: type[BaseException]) -> bool:
    seen: BaseException | None = err
    while seen is not None:
        if isinstance(seen, kind):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _reason(err: BaseException) -> str:
    return str(err) or type(err).__name__


def _reach(url: str, answer: httpx.Response, body: dict[str, Any] | None) -> Check:
    status = answer.status_code
    if status == 200 and body is None:
        kind = answer.headers.get("content-type", "no content type")
        return Check(
            REACH,
            Outcome.FAIL,
            f"{url}/health answers, but not as the loyalty server ({kind}): a proxy or "
            "login page in between? Check the address and the proxy",
        )
    if status == 200:
        return Check(REACH, Outcome.OK, f"{url} answers{_took(answer)}")
    if status in (502, 504):
        return Check(
            REACH,
            Outcome.FAIL,
            f"{url}/health answers HTTP {status}: a proxy or load balancer cannot reach the "
            "server; check the proxy, or tell the server's administrators",
        )
    if status >= 500:
        said = f" (its database: {body['database']})" if body and "database" in body else ""
        return Check(
            REACH,
            Outcome.FAIL,
            f"{url}/health answers HTTP {status}{said}: the server is up but unwell; tell "
            "the server's administrators",
        )
    return Check(
        REACH,
        Outcome.FAIL,
        f"{url}/health answers HTTP {status}: is {url} the loyalty server's address? (a "
        "proxy or another web server answers instead)",
    )


def _took(answer: httpx.Response) -> str:
    try:
        return f" in {answer.elapsed.total_seconds() * 1000:.0f} ms"
    except RuntimeError:  # a response that never went through a connection (a test's)
        return ""


def _protocol(answer: httpx.Response, body: dict[str, Any] | None, ours: int) -> Check:
    versions = body.get("protocol_versions") if body else None
    if not (isinstance(versions, list) and versions and all(type(v) is int for v in versions)):
        if body is None or answer.status_code != 200:
            return skipped(PROTOCOL, "no usable answer: see server reach")
        return Check(
            PROTOCOL,
            Outcome.FAIL,
            "the server does not say which protocol versions it speaks (an older server?): "
            "update the server",
        )
    spoken = ", ".join(f"v{v}" for v in versions)
    if ours in versions:
        return Check(PROTOCOL, Outcome.OK, f"v{ours}; the server speaks {spoken}")
    if ours > max(versions):
        update = "update the server"
    elif ours < min(versions):
        update = "update the terminal"
    else:
        update = "update the terminal or the server"
    return Check(
        PROTOCOL,
        Outcome.FAIL,
        f"this terminal speaks v{ours}, the server {spoken} only: {update}",
    )


def _clock(answer: httpx.Response, received: datetime) -> Check:
    header = answer.headers.get("date")
    if not header:
        return Check(
            CLOCK, Outcome.WARN, "the server sent no Date header: compare the clocks by hand"
        )
    try:
        server_time = parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return Check(CLOCK, Outcome.WARN, f"the server's Date header {header!r} is unreadable")
    if server_time.tzinfo is None:
        server_time = server_time.replace(tzinfo=UTC)
    return judge_clock_skew(received - server_time)


def judge_clock_skew(skew: timedelta) -> Check:
    """`skew`: this computer's clock minus the server's."""
    size = abs(skew)
    if size <= SKEW_WARN:
        return Check(CLOCK, Outcome.OK, f"within {_duration(size)} of the server's clock")
    direction = "ahead of" if skew > timedelta(0) else "behind"
    detail = f"this computer's clock is {_duration(size)} {direction} the server's: {CLOCK_HINT}"
    return Check(CLOCK, Outcome.FAIL if size > SKEW_FAIL else Outcome.WARN, detail)


def _duration(size: timedelta) -> str:
    seconds = size.total_seconds()
    if seconds < 120:
        return f"{round(seconds)} s"
    if seconds < 2 * 3600:
        return f"{round(seconds / 60)} min"
    if seconds < 2 * 86400:
        return f"{round(seconds / 3600)} h"
    return f"{round(seconds / 86400)} days"
