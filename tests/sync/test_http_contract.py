"""Protocol plumbing over real HTTP: versions, tokens, size limits, bad input, activation."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.sync.conftest import MAX_BODY, LiveServer, World


def test_openapi_schema_and_unknown_paths_answer_json(server: LiveServer) -> None:
    client = server.client()
    schema = client.get("/openapi.json")
    assert schema.status_code == 200
    assert "/v1/sync/push" in schema.json()["paths"]
    missing = client.get("/v1/nothing-here")
    assert missing.status_code == 404
    assert missing.json()["error"] == "not_found"
    wrong_method = client.get("/v1/sync/push")
    assert wrong_method.status_code == 405
    assert wrong_method.json()["error"] == "method_not_allowed"


def test_health_answers_without_version_header(server: LiveServer) -> None:
    answer = server.client(version=None).get("/health")
    assert answer.status_code == 200
    assert answer.json()["protocol_versions"] == [1]


@pytest.mark.parametrize("version", ["2", "0", "abc", "1.5"])
def test_unknown_protocol_version_names_the_supported_ones(world: World, version: str) -> None:
    term = world.server.activate(world.vendor_a1)
    answer = world.server.client(term.token, version=version).get("/v1/sync/changes")
    assert answer.status_code == 400
    body = answer.json()
    assert body["error"] == "unsupported_protocol_version"
    assert "speaks version(s) 1" in body["message"]


def test_missing_protocol_header_is_refused_clearly(server: LiveServer) -> None:
    answer = server.client(version=None).post(
        "/v1/terminals/activate", json={"code": "X", "terminal_name": "T"}
    )
    assert answer.status_code == 400
    assert answer.json()["error"] == "protocol_version_missing"
    assert "X-Loyalty-Protocol" in answer.json()["message"]


@pytest.mark.parametrize(
    "authorization", [None, "Bearer", "Bearer not-a-token", "Basic abc", "bearer x"]
)
def test_bad_tokens_get_401(world: World, authorization: str | None) -> None:
    world.server.activate(world.vendor_a1)
    client = world.server.client()
    headers = {"Authorization": authorization} if authorization else {}
    for answer in (
        client.get("/v1/sync/changes", headers=headers),
        client.get("/v1/cards/lookup", params={"q": "x"}, headers=headers),
        client.post(
            "/v1/sync/push",
            headers=headers,
            json={"terminal_id": "00000000-0000-4000-8000-000000000000", "entries": []},
        ),
    ):
        assert answer.status_code == 401, answer.text
        assert answer.json()["error"] == "unauthorized"
        assert answer.headers["www-authenticate"] == "Bearer"


def test_request_over_the_size_limit_gets_413(world: World) -> None:
    term = world.server.activate(world.vendor_a1)
    big = {"terminal_id": term.id, "entries": [], "padding": "x" * (MAX_BODY + 1)}
    answer = term.http.post("/v1/sync/push", json=big)
    assert answer.status_code == 413
    assert answer.json()["error"] == "request_too_large"
    assert str(MAX_BODY) in answer.json()["message"]


def test_streamed_body_over_the_limit_gets_413(world: World) -> None:
    term = world.server.activate(world.vendor_a1)

    def chunks():  # no Content-Length: the server must count
        for _ in range(10):
            yield b"x" * (MAX_BODY // 4)

    answer = term.http.post(
        "/v1/sync/push", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert answer.status_code == 413


@pytest.mark.parametrize(
    ("patch", "expected"),
    [
        ({"seq": 0}, "seq"),
        ({"transaction_at": "2026-03-02T09:00:00"}, "UTC offset"),
        ({"card_id": "not-a-uuid"}, "card_id"),
        ({"type": "FREE_MONEY"}, "type"),
        ({"points_delta": 10**12}, "points_delta"),
        ({"surprise": 1}, "surprise"),
    ],
)
def test_invalid_entries_get_422_with_clear_text(
    world: World, patch: dict[str, object], expected: str
) -> None:
    term = world.server.activate(world.vendor_a1)
    entry = term.entry("STAMP_EARNED", "6f1c4a52-0000-4000-8000-000000000002", stamps_delta=1)
    entry.update(patch)
    answer = term.http.post("/v1/sync/push", json={"terminal_id": term.id, "entries": [entry]})
    assert answer.status_code == 422
    body = answer.json()
    assert body["error"] == "invalid_request"
    assert expected in body["message"]


@pytest.mark.parametrize("raw", [b"{", b"[]", b"null", b'{"terminal_id": 5}', "\u00e9".encode()])
def test_garbage_json_is_422_never_5xx(world: World, raw: bytes) -> None:
    term = world.server.activate(world.vendor_a1)
    answer = term.http.post(
        "/v1/sync/push", content=raw, headers={"Content-Type": "application/json"}
    )
    assert answer.status_code == 422


def test_bad_query_parameters_are_422(world: World) -> None:
    term = world.server.activate(world.vendor_a1)
    assert term.http.get("/v1/sync/changes", params={"limit": 0}).status_code == 422
    assert term.http.get("/v1/sync/changes", params={"limit": "many"}).status_code == 422
    assert term.http.get("/v1/cards/lookup").status_code == 422


def test_activation_gives_identity_token_and_block(world: World) -> None:
    server = world.server
    code = server.activation_code(world.vendor_a2)
    answer = server.client().post(
        "/v1/terminals/activate", json={"code": code.lower(), "terminal_name": "Till 2"}
    )
    assert answer.status_code == 200
    body = answer.json()
    assert body["company_id"] == world.company_a
    assert body["vendor_id"] == world.vendor_a2
    assert body["vendor_name"] == "A Station"
    assert len(body["token"]) >= 40
    block = body["card_number_block"]
    assert block["last_body"] - block["first_body"] + 1 == 10


def test_activation_code_is_single_use(world: World) -> None:
    server = world.server
    code = server.activation_code(world.vendor_a1)
    client = server.client()
    first = client.post("/v1/terminals/activate", json={"code": code, "terminal_name": "T1"})
    second = client.post("/v1/terminals/activate", json={"code": code, "terminal_name": "T2"})
    assert first.status_code == 200
    assert second.status_code == 401
    assert second.json()["error"] == "activation_refused"


def test_activation_code_expires(world: World) -> None:
    server = world.server
    code = server.activation_code(world.vendor_a1, hours=1)
    server.clock.advance(timedelta(hours=1))
    answer = server.client().post(
        "/v1/terminals/activate", json={"code": code, "terminal_name": "Late"}
    )
    assert answer.status_code == 401
    fresh = server.activation_code(world.vendor_a1, hours=1)
    server.clock.advance(timedelta(minutes=59))
    ok = server.client().post("/v1/terminals/activate", json={"code": fresh, "terminal_name": "T"})
    assert ok.status_code == 200


def test_unknown_activation_code_is_refused(server: LiveServer) -> None:
    answer = server.client().post(
        "/v1/terminals/activate", json={"code": "AAAA-BBBB-CCCC", "terminal_name": "T"}
    )
    assert answer.status_code == 401


def test_tokens_and_codes_are_stored_hashed(world: World) -> None:
    server = world.server
    code = server.activation_code(world.vendor_a1)
    term = server.activate(world.vendor_a1)
    raw = stored_bytes(server)
    assert term.token.encode() not in raw
    assert code.encode() not in raw


def stored_bytes(server: LiveServer) -> bytes:
    """Everything the server database holds, as bytes (the files, or every row as text)."""
    if server.backend == "sqlite":
        return b"".join(path.read_bytes() for path in server_db_files(server) if path.exists())
    from sqlalchemy import select

    from sync.server.models import Base

    with server.engine.connect() as connection:
        rows = [
            str(row)
            for table in Base.metadata.sorted_tables
            for row in connection.execute(select(table))
        ]
    assert rows
    return "\n".join(rows).encode()


def server_db_files(server: LiveServer):
    from pathlib import Path

    database = Path(str(server.engine.url.database))
    return [database, Path(f"{database}-wal")]
