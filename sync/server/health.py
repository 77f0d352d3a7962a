"""`GET /health`: is the database reachable, and is its schema the one this code expects.

No authentication, no protocol header, no rate limit: load balancers and operators poll it.
200 {"status": "ok", …} when the database answers `SELECT 1`; 503 {"status": "unavailable",
…} when it does not (the reason is the exception's class name only: a driver's message can
carry host names and user names). The schema revisions are reported, not judged: a rolling
deploy runs old code on a new schema for a while, and pulling every instance out of the load
balancer for that would turn a migration into an outage.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import Engine, text

from sync.protocol import SUPPORTED_VERSIONS

log = logging.getLogger("sync.server.health")


def router(engine: Engine) -> APIRouter:
    health = APIRouter()

    @health.get("/health", include_in_schema=False)
    def check_health() -> JSONResponse:  # sync: the database check runs in the thread pool
        body = report(engine)
        return JSONResponse(body, status_code=200 if body["status"] == "ok" else 503)

    return health


def report(engine: Engine) -> dict[str, Any]:
    body: dict[str, Any] = {"protocol_versions": list(SUPPORTED_VERSIONS)}
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as err:  # any failure to reach the database means "unavailable"
        log.warning("health: database unreachable (%s)", type(err).__name__)
        body.update(
            status="unavailable",
            database="unreachable",
            database_error=type(err).__name__,
            schema_revision=None,
            expected_revision=_expected_revision(),
        )
        return body
    schema = _schema_revision(engine)
    expected = _expected_revision()
    body.update(
        status="ok",
        database="ok",
        schema_revision=schema,
        expected_revision=expected,
        schema_up_to_date=(schema == expected) if schema and expected else None,
    )
    return body


def _db_function(name: str) -> Callable[..., Any] | None:
    # Lazily: sync.server.db gains schema_revision/head_revision with the migrations work.
    from sync.server import db

    function = getattr(db, name, None)
    return function if callable(function) else None


def _schema_revision(engine: Engine) -> str | None:
    function = _db_function("schema_revision")
    if function is None:
        return None
    try:
        revision = function(engine)
    except Exception as err:
        log.warning("health: cannot read the schema revision (%s)", type(err).__name__)
        return None
    return str(revision) if revision is not None else None


def _expected_revision() -> str | None:
    function = _db_function("head_revision")
    if function is None:
        return None
    try:
        revision = function()
    except Exception as err:
        log.warning("health: cannot read the code's head revision (%s)", type(err).__name__)
        return None
    return str(revision) if revision is not None else None
