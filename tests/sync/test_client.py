"""sync.client against the real server over loopback, and against servers that answer badly
(an HTML page, garbage JSON, another shape, 5xx, 429, a redirect, nothing in time, a cut
connection, an untrusted certificate): every outcome is a typed error with the right
`kind` and `retryable`, and no message carries the token."""

from __future__ import annotations

import http.server
import shutil
import socket
import ssl
import subprocess
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest

from sync.client import (
    DEFAULT_RETRY_AFTER,
    AuthExpired,
    CertificateError,
    Offline,
    ProtocolMismatch,
    RateLimited,
    Rejected,
    ServerError,
    SyncClient,
    SyncError,
)
from sync.protocol import ChangesResponse, PushRequest, RowBatch, expand_changes
from terminal.domain.clock import ManualClock
from tests.sync.conftest import START, World

VALID_PAGE = (
    b'{"changes":[],"next_cursor":"c0","has_more":false,"snapshot":false,'
    b'"server_time":"2026-03-02T09:00:00Z"}'
)


def test_the_calls_against_the_real_server(world: World) -> None:
    server = world.server
    with SyncClient(server.url) as client:
        activated = client.activate(server.activation_code(world.vendor_a1), "Till 9")
        assert activated.vendor_id == world.vendor_a1
        client.set_token(activated.token)
        term = server.activate(world.vendor_a1)  # builds honest entries for us
        term.id, term.seq = activated.terminal_id, 0
        term.next_body = activated.card_number_block.first_body
        card_id, entries = term.enrollment(email="grace@example.com")
        pushed = client.push(PushRequest.model_validate({
            "terminal_id": activated.terminal_id, "mode": "queue", "entries": entries,
        }))  # fmt: skip
        assert [r.result for r in pushed.results] == ["accepted", "accepted"]
        assert pushed.acked_through_seq == 2
        page = client.changes(None, 5000)
        assert page.snapshot
        assert not page.has_more
        batches = {c.entity: c for c in page.changes if isinstance(c, RowBatch)}
        assert card_id in {str(row[batches["cards"].columns.index("id")])
                           for row in batches["cards"].rows}  # fmt: skip
        as_json = [c.model_dump(mode="json") for c in page.changes]
        cards = [c for c in expand_changes(as_json) if c["entity"] == "cards"]
        assert [c["data"]["points_balance"] for c in cards if c["id"] == card_id] == [50]
        found = client.lookup("grace@example.com")
        assert found is not None
        assert found.id == card_id
        assert client.lookup("nobody@example.com") is None


def test_unknown_token_is_auth_expired_and_never_shown(world: World) -> None:
    secret = "tok-" + "s3cr3t" * 6
    with (
        SyncClient(world.server.url, token=secret) as client,
        pytest.raises(AuthExpired) as caught,
    ):
        client.changes(None, 10)
    assert caught.value.status == 401
    assert not caught.value.retryable
    assert secret not in str(caught.value)
    assert secret not in repr(client)


def test_another_protocol_version_is_a_mismatch(world: World) -> None:
    term = world.server.activate(world.vendor_a1)
    with (
        SyncClient(world.server.url, token=term.token, protocol_version=99) as client,
        pytest.raises(ProtocolMismatch) as caught,
    ):
        client.changes(None, 10)
    assert "speaks" in caught.value.message
    assert not caught.value.retryable


def test_a_refused_request_is_rejected_not_retried(world: World) -> None:
    term = world.server.activate(world.vendor_a1)
    other = world.server.activate(world.vendor_a1)
    _card, entries = term.enrollment()
    request = PushRequest.model_validate(
        {"terminal_id": other.id, "mode": "queue", "entries": entries}
    )
    with (
        SyncClient(world.server.url, token=term.token) as client,
        pytest.raises(Rejected) as caught,
    ):
        client.push(request)
    assert (caught.value.status, caught.value.code) == (403, "forbidden")
    assert not caught.value.retryable


def test_nothing_listening_is_offline() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with (
        SyncClient(f"http://127.0.0.1:{port}") as client,
        pytest.raises(Offline) as caught,
    ):
        client.changes(None, 10)
    assert caught.value.retryable
    assert not caught.value.timed_out


# --- servers that answer badly --------------------------------------------------------------

Reply = Callable[[http.server.BaseHTTPRequestHandler], None]


@contextmanager
def serving(reply: Reply, tls: ssl.SSLContext | None = None) -> Iterator[str]:
    """A loopback HTTP server whose every answer is `reply`; yields its base URL."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            reply(self)

        do_POST = do_GET

        def log_message(self, *_args: Any) -> None:  # quiet
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    if tls is not None:
        httpd.socket = tls.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    scheme = "https" if tls else "http"
    try:
        yield f"{scheme}://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def answer(
    status: int, body: bytes, content_type: str = "application/json", **headers: str
) -> Reply:
    def reply(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            handler.send_header(name.replace("_", "-"), value)
        handler.end_headers()
        handler.wfile.write(body)

    return reply


BAD_ANSWERS = {
    "an HTML page": (answer(200, b"<html><body>Welcome</body></html>", "text/html"), ServerError),
    "garbage JSON": (answer(200, b'{"changes": [', "application/json"), ServerError),
    "another shape": (answer(200, b'{"ok": true}'), ServerError),
    "a proxy's 502": (answer(502, b"<h1>Bad gateway</h1>", "text/html"), ServerError),
    "a 500 with the error body": (
        answer(500, b'{"error":"internal_error","message":"Boom."}'),
        ServerError,
    ),
    "a redirect": (answer(302, b"", Location="http://example.com/"), ServerError),
    "a 401 page": (answer(401, b"<h1>Sign in</h1>", "text/html"), AuthExpired),
    "a 404 page": (answer(404, b"not here", "text/plain"), Rejected),
}


@pytest.mark.parametrize("case", sorted(BAD_ANSWERS))
def test_a_bad_answer_is_a_typed_error(case: str) -> None:
    reply, expected = BAD_ANSWERS[case]
    with (
        serving(reply) as url,
        SyncClient(url, token="t") as client,
        pytest.raises(SyncError) as caught,
    ):
        client.changes(None, 10)
    assert type(caught.value) is expected, case
    assert caught.value.retryable == (expected is ServerError)


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        ({"Retry_After": "17"}, 17.0),
        ({"Retry_After": format_datetime(START + timedelta(seconds=90), usegmt=True)}, 90.0),
        ({"Retry_After": "soon"}, DEFAULT_RETRY_AFTER),
        ({}, DEFAULT_RETRY_AFTER),
        ({"Retry_After": "99999999"}, 3600.0),
    ],
)
def test_429_says_when_to_try_again(headers: dict[str, str], seconds: float) -> None:
    body = b'{"error":"rate_limited","message":"Too many requests."}'
    with (
        serving(answer(429, body, **headers)) as url,
        SyncClient(url, token="t", clock=ManualClock(START)) as client,
        pytest.raises(RateLimited) as caught,
    ):
        client.changes(None, 10)
    assert caught.value.retry_after == seconds
    assert caught.value.retryable
    assert caught.value.code == "rate_limited"


def test_no_answer_before_the_deadline_is_offline() -> None:
    release = threading.Event()

    def hang(_handler: http.server.BaseHTTPRequestHandler) -> None:
        release.wait(30)  # the client gives up first: it is what is tested

    try:
        with (
            serving(hang) as url,
            SyncClient(url) as client,
            pytest.raises(Offline) as caught,
        ):
            client.changes(None, 10, deadline=0.2)
    finally:
        release.set()
    assert caught.value.timed_out
    assert caught.value.retryable


def test_a_cut_connection_is_offline() -> None:
    def cut(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.wfile.write(b'HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n{"chan')
        handler.close_connection = True
        handler.connection.shutdown(socket.SHUT_RDWR)

    with (
        serving(cut) as url,
        SyncClient(url) as client,
        pytest.raises(Offline),
    ):
        client.changes(None, 10)


# --- TLS ------------------------------------------------------------------------------------


@pytest.fixture
def certificate(tmp_path: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (made by the system's openssl)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed: the TLS cases need it to make a certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(  # noqa: S603 (fixed arguments)
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def _tls(certificate: tuple[Path, Path]) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*certificate)
    return context


def test_an_untrusted_certificate_is_refused(certificate: tuple[Path, Path]) -> None:
    with (
        serving(answer(200, VALID_PAGE), _tls(certificate)) as url,
        SyncClient(url) as client,
        pytest.raises(CertificateError) as caught,
    ):
        client.changes(None, 10)
    assert not caught.value.retryable


def test_a_private_ca_is_trusted_when_given(certificate: tuple[Path, Path]) -> None:
    with (
        serving(answer(200, VALID_PAGE), _tls(certificate)) as url,
        SyncClient(url, verify=str(certificate[0])) as client,
    ):
        page = client.changes(None, 10)
    assert page == ChangesResponse.model_validate_json(VALID_PAGE)
