"""Abuse limits over real loopback HTTP: 429 + Retry-After + the JSON error body.

The servers here run with tiny limits (the defaults are checked against an honest terminal's
pace separately). Windows are aligned on the server's manual clock, so "until the window
passes" is a clock advance, never a sleep. Client addresses other than 127.0.0.1 come in
through X-Forwarded-For, which uvicorn trusts from loopback (its default), as it would from
a reverse proxy in production.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from sync.server.app import create_app
from sync.server.ratelimit import RateLimiter, RateLimits
from terminal.domain.clock import ManualClock
from tests.sync.conftest import (
    BLOCK_SIZE,
    MAX_BODY,
    START,
    LiveServer,
    Term,
    World,
    _database,
    live_server,
)

TINY = RateLimits(
    activation="10/hour",
    activation_failures="3/hour",
    lookup="3/minute",
    pin_status="2/minute",
    push="3/minute",
)
REDIS_URL = "redis://127.0.0.1:6379/15"


@pytest.fixture
def server(backend: str, tmp_path: Path) -> Iterator[LiveServer]:
    """Overrides conftest's `server` (and so the `world` built on it): tiny limits."""
    with _database(backend, tmp_path) as engine:
        clock = ManualClock(START)
        app = create_app(
            engine, clock=clock, max_body_bytes=MAX_BODY, block_size=BLOCK_SIZE, rate_limits=TINY
        )
        with live_server(app, engine, clock, backend) as live:
            yield live


def assert_rate_limited(answer: httpx.Response, longest_window_s: int) -> None:
    assert answer.status_code == 429, answer.text
    assert answer.json()["error"] == "rate_limited"
    assert answer.json()["message"]
    retry_after = answer.headers["Retry-After"]
    assert retry_after.isdigit()
    assert 1 <= int(retry_after) <= longest_window_s


def lookup(term: Term) -> httpx.Response:
    return term.http.get("/v1/cards/lookup", params={"q": "nobody@example.com"})


def pin_status(term: Term, staff_id: int) -> httpx.Response:
    report = {"staff_id": staff_id, "failed_attempts": 1, "observed_at": START.isoformat()}
    return term.http.post(
        "/v1/staff/pin-status", json={"terminal_id": term.id, "reports": [report]}
    )


def push(term: Term) -> httpx.Response:
    _card, entries = term.enrollment()
    return term.http.post(
        "/v1/sync/push", json={"terminal_id": term.id, "mode": "queue", "entries": entries}
    )


def activate(server: LiveServer, code: str, address: str | None = None) -> httpx.Response:
    headers = {"X-Forwarded-For": address} if address else {}
    return server.client().post(
        "/v1/terminals/activate", json={"code": code, "terminal_name": "Till"}, headers=headers
    )


# --- per terminal --------------------------------------------------------------------------


@pytest.mark.parametrize(("endpoint", "allowed"), [("lookup", 3), ("pin_status", 2), ("push", 3)])
def test_a_terminal_over_its_limit_gets_429_and_other_terminals_do_not(
    world: World, endpoint: str, allowed: int
) -> None:
    busy = world.server.activate(world.vendor_a1, "Busy till")
    calm = world.server.activate(world.vendor_a1, "Calm till")
    call = {
        "lookup": lookup,
        "pin_status": lambda term: pin_status(term, world.staff_a),
        "push": push,
    }[endpoint]
    for _ in range(allowed):
        assert call(busy).status_code in (200, 404)
    assert_rate_limited(call(busy), longest_window_s=60)
    assert_rate_limited(call(busy), longest_window_s=60)  # refusals keep it refused
    assert call(calm).status_code in (200, 404)  # another terminal, even of the same store

    world.server.clock.advance(timedelta(minutes=1))  # the window passes
    assert call(busy).status_code in (200, 404)


def test_a_rate_limited_push_applies_nothing(world: World) -> None:
    till = world.server.activate(world.vendor_a1)
    for _ in range(3):
        assert push(till).status_code == 200
    refused = push(till)
    assert_rate_limited(refused, longest_window_s=60)
    till.seq -= 2  # the refused entries were never applied: the terminal sends them again
    world.server.clock.advance(timedelta(minutes=1))
    results = push(till).json()["results"]
    assert [r["result"] for r in results] == ["accepted", "accepted"], results


def test_pulls_are_not_limited_by_pushes(world: World) -> None:
    till = world.server.activate(world.vendor_a1)
    for _ in range(3):
        assert push(till).status_code == 200
    assert push(till).status_code == 429
    for _ in range(5):  # every 30 s, and after each push: never refused
        till.changes()


# --- activation per client IP --------------------------------------------------------------


def test_failed_activations_lock_the_address_out_until_the_window_passes(world: World) -> None:
    server = world.server
    attacker, shop = "203.0.113.7", "198.51.100.20"
    for _ in range(3):
        refused = activate(server, f"WRNG-{uuid.uuid4().hex[:4].upper()}-CODE", attacker)
        assert refused.status_code == 401, refused.text
        assert refused.json()["error"] == "activation_refused"
    valid = server.activation_code(world.vendor_a1)
    locked = activate(server, valid, attacker)  # even a valid code: the address is out
    assert_rate_limited(locked, longest_window_s=3600)
    assert "refused activation codes" in locked.json()["message"]

    assert activate(server, server.activation_code(world.vendor_a1), shop).status_code == 200

    server.clock.advance(timedelta(hours=1))
    assert activate(server, valid, attacker).status_code == 200  # the code was not spent


def test_activation_attempts_are_limited_per_address(world: World) -> None:
    server = world.server
    address = "192.0.2.99"
    for _ in range(10):  # successes count too: 10 an hour in the tiny limits
        assert activate(server, server.activation_code(world.vendor_a1), address).status_code == 200
    assert_rate_limited(activate(server, server.activation_code(world.vendor_a1), address), 3600)
    assert activate(server, server.activation_code(world.vendor_a1), "192.0.2.100").status_code == (
        200
    )


# --- shared between processes through Redis ------------------------------------------------


def _redis_or_skip() -> Any:
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
    try:
        client.ping()
    except redis.RedisError as err:
        pytest.skip(f"Redis at {REDIS_URL} is not reachable ({type(err).__name__}): shared limits")
    return client


def test_two_app_instances_share_their_limits_through_redis(backend: str, tmp_path: Path) -> None:
    redis_client = _redis_or_skip()
    prefix = f"loyalty-test-{uuid.uuid4().hex}"
    shared = RateLimits(
        storage=REDIS_URL, key_prefix=prefix, lookup="3/minute", activation_failures="2/hour"
    )
    with _database(backend, tmp_path) as engine:
        clock_1, clock_2 = ManualClock(START), ManualClock(START)
        app_1 = create_app(engine, clock=clock_1, block_size=BLOCK_SIZE, rate_limits=shared)
        app_2 = create_app(engine, clock=clock_2, block_size=BLOCK_SIZE, rate_limits=shared)
        try:
            with (
                live_server(app_1, engine, clock_1, backend) as one,
                live_server(app_2, engine, clock_2, backend) as two,
            ):
                assert one.url != two.url
                _check_shared(one, two)
            assert redis_client.keys(f"{prefix}:*"), "the counters were not in Redis"
        finally:
            app_1.state.rate_limiter.reset()
            assert redis_client.keys(f"{prefix}:*") == []
            redis_client.close()


def _check_shared(one: LiveServer, two: LiveServer) -> None:
    from sync.server import admin

    with one.sessions.begin() as session:
        company = admin.create_company(session, "Shared", START)
        vendor_id = admin.create_vendor(session, company.id, "Shop", START, country="FR").id
    till = one.activate(vendor_id)
    on_two = two.client(till.token)
    assert lookup(till).status_code == 404
    assert on_two.get("/v1/cards/lookup", params={"q": "nobody@example.com"}).status_code == 404
    assert lookup(till).status_code == 404
    # The fourth lookup of this terminal, whichever process answers it.
    assert_rate_limited(on_two.get("/v1/cards/lookup", params={"q": "x@example.com"}), 60)
    assert_rate_limited(lookup(till), 60)

    address = "203.0.113.50"
    assert activate(one, "AAAA-BBBB-CCCC", address).status_code == 401
    assert activate(two, "AAAA-BBBB-CCCD", address).status_code == 401
    assert_rate_limited(activate(one, one.activation_code(vendor_id), address), 3600)


def test_limits_survive_a_redis_outage_safely(world: World, tmp_path: Path) -> None:
    """Storage down: terminals keep syncing (fail open), activation refuses (fail closed)."""
    server = world.server
    till = server.activate(world.vendor_a1)
    clock = ManualClock(START)
    down = RateLimits(storage="redis://127.0.0.1:1/0", key_prefix=f"t-{uuid.uuid4().hex}")
    app = create_app(server.engine, clock=clock, create_schema=False, rate_limits=down)
    with live_server(app, server.engine, clock, server.backend) as broken:
        on_broken = broken.client(till.token)
        for _ in range(5):
            answer = on_broken.get("/v1/cards/lookup", params={"q": "nobody@example.com"})
            assert answer.status_code == 404, answer.text
        refused = activate(broken, server.activation_code(world.vendor_a1))
        assert refused.status_code == 503, refused.text
        assert refused.json()["error"] == "service_unavailable"


# --- the defaults against an honest terminal -------------------------------------------------


def test_the_defaults_never_bother_an_honest_terminal() -> None:
    clock = ManualClock(START)
    limiter = RateLimiter(RateLimits(), clock)
    terminal = str(uuid.uuid4())
    # Back online with 10,000 queued entries: 20 pushes of 500, each followed by a pull.
    for _ in range(20):
        limiter.hit("push", terminal)
    # Then a day at a busy counter: a push and a few lookups a minute, PIN reports rarely.
    for minute in range(24 * 60):
        clock.set(START + timedelta(minutes=minute, seconds=1))
        limiter.hit("push", terminal)
        for _ in range(5 if minute % 2 else 10):
            limiter.hit("lookup", terminal)
        if minute % 30 == 0:
            limiter.hit("pin_status", terminal)
    # A shop setting up 20 tills behind one address, two codes mistyped.
    shop = "198.51.100.1"
    for _ in range(2):
        limiter.hit("activation_failures", shop)
    for _ in range(22):
        limiter.check("activation_failures", shop)
        limiter.hit("activation", shop)


def test_a_typo_in_a_limit_fails_at_start_up() -> None:
    with pytest.raises(ValueError, match=r"couldn.t parse|invalid"):
        RateLimits(push="lots/minute")
    with pytest.raises(ValueError, match="not a URL"):
        RateLimits(storage="127.0.0.1:6379")
