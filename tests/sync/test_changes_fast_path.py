"""The fast `changes` path gives exactly what the models and the protocol model gave.

sync.server.changes sends customers, cards and card aliases as row batches whose values the
database writes (no ORM object, no Python value per row), and the endpoint sends
pre-serialized JSON (no `Change` model per row). Both must be byte for byte what
`row.to_wire()` and FastAPI serializing `ChangesResponse` give, on both engines.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from pydantic_core import to_json
from sqlalchemy import func, select

from sync.protocol import Change, ChangesResponse, RowBatch
from sync.server import admin
from sync.server.app import create_app
from sync.server.changes import (
    _BATCH_COLUMNS,
    _SNAPSHOT,
    Page,
    RowsJson,
    page_json,
    read_page,
    record_change,
    snapshot_batch,
    snapshot_rows,
)
from sync.server.models import Card, CardAlias, Customer, Program, Reward, Terminal, Vendor
from terminal.domain.cards import card_number_from_body, new_qr_token

from .conftest import START, LiveServer

ODD_TEXT = 'Zoë "quoted" back\\slash 日本 \u2028 😀 <tag> &amp;'


def _world(server: LiveServer) -> tuple[int, str, str]:
    """A company with every entity, odd values included; (company id, terminal id, card id)."""
    now = START + timedelta(hours=1, microseconds=123456)
    with server.sessions.begin() as session:
        company = admin.create_company(session, ODD_TEXT, now)
        vendor = admin.create_vendor(session, company.id, "Store ü", now, country="FR")
        admin.create_staff(session, company.id, ODD_TEXT, "2580", now, pin_hash="$test$hash")
        program = session.scalars(select(Program).where(Program.company_id == company.id)).one()
        session.add(Reward(program_id=program.id, company_id=company.id, name=ODD_TEXT,
                           points_cost=250, is_active=False))  # fmt: skip
        cards = []
        for index in range(7):
            customer = Customer(
                id=str(uuid.uuid4()),
                company_id=company.id,
                first_name=ODD_TEXT if index == 0 else f"First {index}",
                last_name="" if index == 1 else "Last",
                email=None if index % 2 else f"c{index}@example.com",
                phone=None if index % 3 else f"+3361234567{index}",
                created_at=now + timedelta(seconds=index),
            )
            card = Card(
                id=str(uuid.uuid4()),
                company_id=company.id,
                customer_id=customer.id,
                program_id=program.id,
                card_number=card_number_from_body(900_000 + index),
                qr_code_data=new_qr_token(),
                enrolled_at_vendor_id=None if index == 2 else vendor.id,
                created_by_terminal_id=None,
                is_active=index != 3,
                stamp_count=index,
                total_stamps_earned=index * 2,
                stamps_redeemed=index // 2,
                points_balance=-40 if index == 4 else 2**40 + index,
                total_points_earned=2**40,
                points_redeemed=0,
                overdrawn=index == 4,
                last_activity_at=None if index == 5 else now + timedelta(minutes=index),
                created_at=now,
                # Microseconds of every shape: none, trailing zeros, all six digits.
                updated_at=START + timedelta(days=index, microseconds=(0, 120000, 7)[index % 3]),
            )
            session.add(customer)
            session.flush()
            session.add(card)
            cards.append(card)
        session.flush()
        session.add(CardAlias(company_id=company.id, card_id=cards[0].id,
                              merged_card_id=str(uuid.uuid4()),
                              qr_code_data=new_qr_token(), card_number=None))  # fmt: skip
        session.add(CardAlias(company_id=company.id, card_id=cards[1].id, merged_card_id=None,
                              qr_code_data=None,
                              card_number=card_number_from_body(900_100)))  # fmt: skip
        company_id, vendor_id, card_id = company.id, vendor.id, cards[0].id
    terminal = server.activate(vendor_id)
    with server.sessions.begin() as session:
        record_change(session, company_id=company_id, entity="cards", entity_id=card_id,
                      data=None, now=START, op="delete")  # fmt: skip
        record_change(session, company_id=company_id, entity="customers",
                      entity_id=str(uuid.uuid4()),
                      data={"first_name": ODD_TEXT, "n": 2**62, "ok": True, "none": None},
                      now=START)  # fmt: skip
    return company_id, terminal.id, card_id


def server_vendor(server: LiveServer) -> int:
    with server.sessions.begin() as session:
        return int(session.scalars(select(Vendor.id).order_by(Vendor.id)).first() or 0)


def _key(source: Any, key: str) -> Any:
    return key if source.key.type.python_type is str else int(key)


def _entity_rows(
    session: Any, terminal: Terminal, index: int, after: str | None, limit: int
) -> list[tuple[str, dict[str, Any]]]:
    """(key, data) of a snapshot entity's rows as a terminal reads them."""
    entity = _SNAPSHOT[index].entity
    if entity not in _BATCH_COLUMNS:
        return snapshot_rows(session, terminal, index, after, limit)
    count, last, rows_json = snapshot_batch(session, terminal, entity, after, limit)
    names = [column.name for column in _BATCH_COLUMNS[entity]]
    rows = [dict(zip(names, values, strict=True)) for values in json.loads(rows_json)]
    assert len(rows) == count
    assert last == (str(rows[-1]["id"]) if rows else None)
    return [(str(data["id"]), data) for data in rows]


def test_every_entity_reads_as_to_wire(server: LiveServer) -> None:
    company_id, terminal_id, _card = _world(server)
    with server.sessions.begin() as session:
        terminal = session.get(Terminal, terminal_id)
        assert terminal is not None
        for index, source in enumerate(_SNAPSHOT):
            rows = _entity_rows(session, terminal, index, None, 1000)
            assert rows, source.entity
            for key, data in rows:
                row = session.get(source.model, _key(source, key))
                assert row is not None, (source.entity, key)
                reference = row.to_wire()
                # Bytes, not just ==: key order, and True is not 1 in JSON.
                assert to_json(data) == to_json(reference), source.entity
                assert [type(v) for v in data.values()] == [type(v) for v in reference.values()]
            scope = (
                source.model.terminal_id == terminal_id
                if source.scope == "terminal"
                else (source.key if source.entity == "companies" else source.model.company_id)
                == company_id
            )
            count = session.scalar(select(func.count()).select_from(source.model).where(scope))
            assert len(rows) == count, source.entity
            keys = [key for key, _ in rows]
            assert keys == sorted(keys, key=lambda k: _key(source, k))
            # Keyset paging by 2 gives the same rows.
            paged: list[tuple[str, dict[str, Any]]] = []
            after = None
            while batch := _entity_rows(session, terminal, index, after, 2):
                paged += batch
                after = batch[-1][0]
            assert paged == rows, source.entity


def _reference_json(page: Page, server_time: datetime) -> tuple[bytes, str]:
    """What FastAPI sent when the endpoint returned the `ChangesResponse` model: the model
    dumped in JSON mode, rendered by its JSONResponse (compact, UTF-8, no NaN)."""
    model = ChangesResponse(
        changes=[
            RowBatch.model_validate_json(change)
            if isinstance(change, RowsJson)
            else Change(**change)
            for change in page.changes
        ],
        next_cursor=page.next_cursor,
        has_more=page.has_more,
        snapshot=page.snapshot,
        server_time=server_time,
        snapshot_rows=page.snapshot_rows,
    )
    body = json.dumps(
        model.model_dump(mode="json"),
        ensure_ascii=False,
        allow_nan=False,
        indent=None,
        separators=(",", ":"),
    ).encode("utf-8")
    return body, "application/json"


def test_pages_serialize_as_the_protocol_model(server: LiveServer) -> None:
    _world(server)
    term = server.activate(server_vendor(server))
    now = server.clock.now()
    cursor: str | None = None
    seen_delta = False
    for _ in range(50):
        with server.sessions.begin() as session:
            terminal = session.get(Terminal, term.id)
            assert terminal is not None
            page = read_page(session, terminal, cursor, 3)
        body, content_type = _reference_json(page, now)
        assert page_json(page, now) == body
        seen_delta = seen_delta or not page.snapshot
        cursor = page.next_cursor
        if not page.has_more and not page.snapshot:
            break
    assert seen_delta
    # And the live endpoint answers with the same media type and a valid model.
    answer = term.http.get("/v1/sync/changes", params={"limit": 5})
    assert answer.headers["content-type"] == content_type == "application/json"
    model = ChangesResponse.model_validate_json(answer.content)
    assert model.model_dump_json().encode() == answer.content
    assert model.server_time == now.astimezone(UTC)


def test_delta_pages_keep_deletes_and_odd_data(server: LiveServer) -> None:
    company_id, terminal_id, card_id = _world(server)
    with server.sessions.begin() as session:
        terminal = session.get(Terminal, terminal_id)
        assert terminal is not None
        page = read_page(session, terminal, "c0", 1000)
    assert not page.snapshot
    delete = [c for c in page.changes if c["op"] == "delete"]
    assert delete == [{"entity": "cards", "id": card_id, "op": "delete", "data": None}]
    odd = page.changes[-1]
    assert odd["data"] == {"first_name": ODD_TEXT, "n": 2**62, "ok": True, "none": None}
    body, _ = _reference_json(page, START)
    assert page_json(page, START) == body
    assert company_id


def test_openapi_still_documents_changes_response(server: LiveServer) -> None:
    app = create_app(server.engine, create_schema=False)
    schema = app.openapi()
    ok = schema["paths"]["/v1/sync/changes"]["get"]["responses"]["200"]
    assert ok["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ChangesResponse"
    }


def test_live_snapshot_pages_carry_row_batches_the_model_reads(server: LiveServer) -> None:
    _world(server)
    term = server.activate(server_vendor(server))
    cursor: str | None = None
    batches: dict[str, int] = {}
    while True:
        params: dict[str, Any] = {"limit": 4}
        if cursor is not None:
            params["cursor"] = cursor
        answer = term.http.get("/v1/sync/changes", params=params)
        assert answer.status_code == 200, answer.text
        model = ChangesResponse.model_validate_json(answer.content)
        assert model.model_dump_json().encode() == answer.content
        rows = 0
        for change in model.changes:
            if isinstance(change, RowBatch):
                assert change.columns == [c.name for c in _BATCH_COLUMNS[change.entity]]
                batches[change.entity] = batches.get(change.entity, 0) + len(change.rows)
                rows += len(change.rows)
            else:
                assert change.entity not in _BATCH_COLUMNS
                rows += 1
        assert rows <= 4
        cursor = model.next_cursor
        if not model.has_more:
            break
    assert batches == {"customers": 7, "cards": 7, "card_aliases": 2}
