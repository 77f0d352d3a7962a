"""`doctor`'s server checks against the real central server on a loopback port (the
`live_server` of tests/sync/conftest.py): reach, protocol version and clock skew, with the
clock injected; plus a closed port, a port that never answers, plain HTTP where TLS was
expected, and a real TLS server whose certificate authority is or is not trusted."""

from __future__ import annotations

import io
import ipaddress
import json
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from sync.server import admin
from sync.server.app import create_app
from sync.server.db import make_engine
from terminal.activation import activate, token_store
from terminal.config import Settings
from terminal.doctor import Check, Outcome, check_server, judge_clock_skew, run_doctor
from terminal.domain.clock import ManualClock, SystemClock
from terminal.scanner.camera import CameraInfo
from terminal.store.schema import open_current
from tests.sync.conftest import START, LiveServer, live_server, uvicorn_thread
from tests.sync.test_token_store import MemoryKeyring


class SkewedClock:
    """This computer's clock, off by `offset` from the real time."""

    def __init__(self, offset: timedelta) -> None:
        self.offset = offset

    def now(self) -> datetime:
        return datetime.now(UTC) + self.offset


class CountingTransport(httpx.HTTPTransport):
    """The real transport, counting the requests that go through it."""

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(str(request.url))
        return super().handle_request(request)


@pytest.fixture
def live(tmp_path: Path) -> Iterator[LiveServer]:
    engine = make_engine(f"sqlite:///{tmp_path / 'server.db'}")
    clock = ManualClock(START)
    with live_server(create_app(engine, clock=clock), engine, clock, "sqlite") as server:
        yield server
    engine.dispose()


@pytest.fixture
def keyring_backend() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def activated(live: LiveServer, tmp_path: Path, keyring_backend: MemoryKeyring) -> Settings:
    """A terminal activated against `live` the real way: identity in its database, token in
    the (in-memory) credential store."""
    with live.sessions.begin() as session:
        company = admin.create_company(session, "Company A", START)
        vendor_id = admin.create_vendor(
            session, company.id, "A Main Street", START, country="FR"
        ).id
    settings = Settings(data_dir=tmp_path / "terminal")
    database = open_current(settings.database_path)
    try:
        activate(
            settings,
            database,
            server_url=live.url,
            code=live.activation_code(vendor_id),
            name="Counter 1",
            tokens=token_store(settings, backend=keyring_backend),
            now=START,
        )
    finally:
        database.dispose()
    return settings


def _by_name(checks: list[Check]) -> dict[str, Check]:
    return {c.name: c for c in checks}


def _doctor(
    settings: Settings, backend: MemoryKeyring, **injected: Any
) -> tuple[int, dict[str, Any]]:
    out = io.StringIO()
    code = run_doctor(
        settings,
        as_json=True,
        out=out,
        list_cameras=lambda: [CameraInfo(0, 640, 480, "V4L2", True)],
        decoders={},
        keyring_backend=lambda: backend,
        **injected,
    )
    document = json.loads(out.getvalue())
    document["by_name"] = {c["name"]: c for c in document["checks"]}
    document["text"] = out.getvalue()
    return code, document


def test_an_activated_terminal_reaches_its_server(
    activated: Settings, keyring_backend: MemoryKeyring, live: LiveServer
) -> None:
    transport = CountingTransport()
    code, document = _doctor(
        activated, keyring_backend, offline=False, transport=transport, clock=SystemClock()
    )
    checks = document["by_name"]
    assert checks["server reach"]["outcome"] == "OK"
    assert checks["server reach"]["detail"].startswith(f"{live.url} answers in ")
    assert checks["protocol version"] == {
        "name": "protocol version", "outcome": "OK", "detail": "v1; the server speaks v1",
    }  # fmt: skip
    assert checks["clock skew"]["outcome"] == "OK"
    assert checks["token"]["outcome"] == "OK"
    assert transport.requests == [f"{live.url}/health"]
    assert (code, document["ok"], document["summary"]["fail"]) == (0, True, 0), document["text"]
    (token,) = keyring_backend.secrets.values()
    assert token not in document["text"]


def test_offline_asks_nothing_of_the_server_and_fails_nothing(
    activated: Settings, keyring_backend: MemoryKeyring
) -> None:
    transport = CountingTransport()
    code, document = _doctor(activated, keyring_backend, offline=True, transport=transport)
    for name in ("server reach", "protocol version", "clock skew"):
        assert document["by_name"][name]["outcome"] == "SKIP"
        assert document["by_name"][name]["detail"] == "not checked (--offline)"
    assert transport.requests == []
    assert document["summary"]["fail"] == 0, document["text"]  # (needs 200 MB free in tmp)
    assert (code, document["ok"]) == (0, True)


@pytest.mark.parametrize(
    ("offset", "outcome", "says"),
    [
        (timedelta(seconds=20), Outcome.OK, "within "),
        (timedelta(minutes=2), Outcome.WARN, "clock is 2 min ahead of the server's"),
        (-timedelta(minutes=3), Outcome.WARN, "clock is 3 min behind the server's"),
        (timedelta(minutes=10), Outcome.FAIL, "clock is 10 min ahead of the server's"),
        (-timedelta(hours=5), Outcome.FAIL, "clock is 5 h behind the server's"),
    ],
)
def test_clock_skew_against_the_servers_date_header(
    live: LiveServer, offset: timedelta, outcome: Outcome, says: str
) -> None:
    checks = _by_name(check_server(live.url, clock=SkewedClock(offset)))
    assert checks["server reach"].outcome is Outcome.OK
    assert checks["clock skew"].outcome is outcome
    assert says in checks["clock skew"].detail
    if outcome is not Outcome.OK:
        assert "turn on automatic time sync (NTP / Windows Time)" in checks["clock skew"].detail
        assert "PIN lockouts and expiry use the clock" in checks["clock skew"].detail


def test_clock_skew_thresholds() -> None:
    assert judge_clock_skew(timedelta(seconds=60)).outcome is Outcome.OK
    assert judge_clock_skew(timedelta(seconds=61)).outcome is Outcome.WARN
    assert judge_clock_skew(-timedelta(minutes=5)).outcome is Outcome.WARN
    assert judge_clock_skew(timedelta(minutes=5, seconds=1)).outcome is Outcome.FAIL
    assert "3 days ahead" in judge_clock_skew(timedelta(days=3, hours=1)).detail


@pytest.mark.parametrize(
    ("ours", "hint"),
    [(2, "this terminal speaks v2, the server v1 only: update the server"),
     (0, "this terminal speaks v0, the server v1 only: update the terminal")],
)  # fmt: skip
def test_a_protocol_the_server_does_not_speak_fails(live: LiveServer, ours: int, hint: str) -> None:
    checks = _by_name(check_server(live.url, clock=SystemClock(), protocol_version=ours))
    assert checks["server reach"].outcome is Outcome.OK
    assert checks["protocol version"].outcome is Outcome.FAIL
    assert checks["protocol version"].detail == hint


def test_a_closed_port_fails_with_the_network_hint() -> None:
    with socket.socket() as bound:  # bound, never listening: connections are refused
        bound.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{bound.getsockname()[1]}"
        checks = check_server(url, clock=SystemClock())
    reach, protocol, clock = checks
    assert reach.outcome is Outcome.FAIL
    assert f"cannot connect to 127.0.0.1:{url.rsplit(':', 1)[1]}" in reach.detail
    assert "check the network, DNS, the proxy and the firewall" in reach.detail
    assert (protocol.outcome, clock.outcome) == (Outcome.SKIP, Outcome.SKIP)
    assert protocol.detail == "not checked (server not reached)"


def test_a_server_that_never_answers_times_out_with_the_hint() -> None:
    with socket.socket() as silent:  # accepts connections (backlog), never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        (reach, *_rest) = check_server(url, clock=SystemClock(), timeout=0.2)
    assert reach.outcome is Outcome.FAIL
    assert f"no answer from {url} within 0.2 s" in reach.detail
    assert "the proxy (HTTPS_PROXY) and the firewall" in reach.detail


def test_https_to_a_plain_http_port_is_a_tls_failure(live: LiveServer) -> None:
    url = live.url.replace("http://", "https://")
    (reach, *_rest) = check_server(url, clock=SystemClock())
    assert reach.outcome is Outcome.FAIL
    assert f"TLS with {url} failed" in reach.detail
    assert "is https served on this port?" in reach.detail


def test_an_unhealthy_server_is_reached_but_fails(tmp_path: Path) -> None:
    # the server's database cannot be opened: /health answers 503 (and still its versions)
    engine = make_engine(f"sqlite:///{tmp_path / 'no' / 'such' / 'folder' / 'server.db'}")
    clock = ManualClock(START)
    app = create_app(engine, clock=clock, create_schema=False)
    with live_server(app, engine, clock, "sqlite") as server:
        checks = _by_name(check_server(server.url, clock=SystemClock()))
    engine.dispose()
    assert checks["server reach"].outcome is Outcome.FAIL
    assert "answers HTTP 503 (its database: unreachable)" in checks["server reach"].detail
    assert "tell the server's administrators" in checks["server reach"].detail
    assert checks["protocol version"].outcome is Outcome.OK
    assert checks["clock skew"].outcome is Outcome.OK


def test_an_address_that_is_not_the_loyalty_server_fails(live: LiveServer) -> None:
    checks = _by_name(check_server(f"{live.url}/elsewhere", clock=SystemClock()))
    assert checks["server reach"].outcome is Outcome.FAIL
    assert "answers HTTP 404: is " in checks["server reach"].detail
    assert "the loyalty server's address?" in checks["server reach"].detail
    assert checks["protocol version"].outcome is Outcome.SKIP


@pytest.mark.parametrize(
    ("answer", "reach", "protocol", "clock", "says"),
    [
        # a proxy's login page, answered with 200
        (httpx.Response(200, html="<h1>Sign in</h1>"), Outcome.FAIL, Outcome.SKIP, Outcome.WARN,
         "answers, but not as the loyalty server (text/html"),
        # a proxy that cannot reach the server
        (httpx.Response(502, text="Bad Gateway"), Outcome.FAIL, Outcome.SKIP, Outcome.WARN,
         "a proxy or load balancer cannot reach the server"),
        # a server from before protocol_versions
        (httpx.Response(200, json={"status": "ok"}), Outcome.OK, Outcome.FAIL, Outcome.WARN,
         "(an older server?): update the server"),
    ],
)  # fmt: skip
def test_answers_the_real_server_never_gives(
    answer: httpx.Response, reach: Outcome, protocol: Outcome, clock: Outcome, says: str
) -> None:
    transport = httpx.MockTransport(lambda _request: answer)  # no Date header either
    checks = check_server("https://loyalty.example.com", clock=SystemClock(), transport=transport)
    assert [c.outcome for c in checks] == [reach, protocol, clock]
    assert says in " ".join(c.detail for c in checks)
    assert "no Date header" in checks[2].detail


def test_not_activated_says_how_to_activate(tmp_path: Path) -> None:
    open_current(tmp_path / "terminal.db").dispose()
    code, document = _doctor(Settings(data_dir=tmp_path), MemoryKeyring(), offline=False)
    reach = document["by_name"]["server reach"]
    assert reach["outcome"] == "WARN"
    assert "not activated: run loyalty-terminal activate --server https://" in reach["detail"]
    assert document["by_name"]["protocol version"]["outcome"] == "SKIP"
    assert code == 0  # a terminal not activated yet is not broken


# --- a real TLS server ------------------------------------------------------------------


def _authority(name: str) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(_usage(cert_sign=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .sign(key, hashes.SHA256())
    )
    return key, certificate


def _usage(*, cert_sign: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True, content_commitment=False, key_encipherment=False,
        data_encipherment=False, key_agreement=False, key_cert_sign=cert_sign,
        crl_sign=cert_sign, encipher_only=False, decipher_only=False,
    )  # fmt: skip


def _server_certificate(folder: Path) -> tuple[Path, Path, Path]:
    """(certificate, key, the authority's bundle) for 127.0.0.1, under `folder`."""
    ca_key, ca = _authority("Doctor test CA")
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_usage(cert_sign=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .sign(ca_key, hashes.SHA256())
    )
    paths = folder / "server.pem", folder / "server.key", folder / "ca.pem"
    paths[0].write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    paths[2].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    return paths


@contextmanager
def _tls_server(app: Any, certificate: Path, key: Path) -> Iterator[str]:
    """`app` under uvicorn with TLS on a free loopback port (as tests/sync's live_server)."""
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=0,
        log_level="warning",
        lifespan="off",
        ssl_certfile=str(certificate),
        ssl_keyfile=str(key),
    )
    with uvicorn_thread(config, name="loyalty-tls-server") as port:
        yield f"https://127.0.0.1:{port}"


@pytest.fixture
def tls(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    certificate, key, bundle = _server_certificate(tmp_path)
    engine = make_engine(f"sqlite:///{tmp_path / 'server.db'}")
    with _tls_server(create_app(engine), certificate, key) as url:
        yield url, bundle
    engine.dispose()


def test_a_private_certificate_authority_needs_server_ca_bundle(
    tls: tuple[str, Path], tmp_path: Path
) -> None:
    url, bundle = tls
    untrusted = _by_name(check_server(url, clock=SystemClock()))["server reach"]
    assert untrusted.outcome is Outcome.FAIL
    assert f"the certificate of {url} is not trusted" in untrusted.detail
    assert "set server_ca_bundle in settings.toml to its PEM file" in untrusted.detail
    trusted = _by_name(check_server(url, clock=SystemClock(), ca_bundle=bundle))
    assert [c.outcome for c in trusted.values()] == [Outcome.OK] * 3
    _key, stranger = _authority("Another CA")
    wrong = tmp_path / "wrong.pem"
    wrong.write_bytes(stranger.public_bytes(serialization.Encoding.PEM))
    mistaken = _by_name(check_server(url, clock=SystemClock(), ca_bundle=wrong))["server reach"]
    assert mistaken.outcome is Outcome.FAIL
    assert f"check that server_ca_bundle ({wrong}) is the authority that signed it" in (
        mistaken.detail
    )
    missing = check_server(url, clock=SystemClock(), ca_bundle=tmp_path / "nope.pem")[0]
    assert missing.outcome is Outcome.FAIL
    assert f"server_ca_bundle {tmp_path / 'nope.pem'} cannot be used" in missing.detail
