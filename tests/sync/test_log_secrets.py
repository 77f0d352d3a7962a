"""Crash logs never carry card tokens or credentials, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import io
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from sync.server import logs
from terminal.domain.cards import new_qr_token
from terminal.domain.pins import hash_pin
from tests.sync.conftest import LiveServer, World

WAIT_S = 10.0


@contextmanager
def captured_logs() -> Iterator[io.StringIO]:
    """Everything the server and uvicorn log, formatted by a plain formatter (with tracebacks).

    uvicorn's own loggers do not propagate to the root, so the handler goes on both."""
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setLevel(logging.DEBUG)
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    targets = [logging.getLogger(), logging.getLogger("uvicorn")]
    for target in targets:
        target.addHandler(handler)
    try:
        yield buffer
    finally:
        for target in targets:
            target.removeHandler(handler)


def _wait_for(buffer: io.StringIO, needle: str) -> str:
    done = threading.Event()
    for _ in range(int(WAIT_S / 0.01)):  # uvicorn logs after the answer went out
        if needle in buffer.getvalue():
            break
        done.wait(0.01)
    return buffer.getvalue()


def test_the_engines_hide_statement_parameters(server: LiveServer) -> None:
    assert server.engine.hide_parameters is True


def test_a_database_crash_during_a_lookup_logs_no_qr_or_bearer_token(world: World) -> None:
    server = world.server
    till = server.activate(world.vendor_a1)
    token = new_qr_token()
    with server.engine.begin() as connection:  # the alias query (a QR parameter) now fails
        connection.execute(text("DROP TABLE card_aliases"))
    with captured_logs() as buffer:
        answer = till.http.get("/v1/cards/lookup", params={"q": token})
        assert answer.status_code == 500
        assert answer.json()["error"] == "internal_error"
        output = _wait_for(buffer, "unexpected error on GET")
    assert "unexpected error on GET /v1/cards/lookup" in output
    # Answered and logged once by the server: uvicorn saw no exception (the connection lives).
    assert "Exception in ASGI application" not in output
    assert "card_aliases" in output  # still a useful traceback
    assert token not in output
    assert till.token not in output
    assert "Bearer" not in output


def test_a_unique_violation_logs_no_token_even_in_postgres_detail(server: LiveServer) -> None:
    token, bearer = new_qr_token(), "A" * 20 + "b" * 23  # 43 URL-safe characters
    pin_hash = hash_pin("2468", n=2**4)
    with server.engine.begin() as connection:
        connection.execute(text("CREATE TABLE leak_probe (token VARCHAR(64) UNIQUE)"))
        connection.execute(text("INSERT INTO leak_probe (token) VALUES (:t)"), {"t": token})
    log = logging.getLogger("sync.server")
    with captured_logs() as buffer:
        with pytest.raises(IntegrityError) as raised, server.engine.begin() as connection:
            connection.execute(text("INSERT INTO leak_probe (token) VALUES (:t)"), {"t": token})
        if server.backend == "postgresql":
            assert token in str(raised.value)  # PostgreSQL's DETAIL line names the key
        try:
            raise raised.value
        except IntegrityError:
            log.exception("unexpected error (Authorization: Bearer %s, pin %s)", bearer, pin_hash)
        output = buffer.getvalue()
    assert "leak_probe" in output
    assert "IntegrityError" in output
    assert token not in output
    assert bearer not in output
    assert pin_hash not in output
    assert logs.REDACTED in output


def test_scrub_replaces_each_kind_of_secret() -> None:
    token = new_qr_token()
    pin_hash = hash_pin("2468", n=2**4)
    text_in = (
        f"q={token} Authorization: Bearer abc.def pin={pin_hash} code=ABCD-EF23-GH45\n"
        "DETAIL:  Key (qr_code_data)=(whatever) already exists.\n"
        "[parameters: ('secret',)]"
    )
    cleaned = logs.scrub(text_in)
    for secret in (token, "abc.def", pin_hash, "ABCD-EF23-GH45", "whatever", "secret"):
        assert secret not in cleaned
    assert "Bearer [redacted]" in cleaned
