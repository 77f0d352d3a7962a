"""The FastAPI application: protocol v1 endpoints over the ledger, change log and auth.

`create_app()` is the only way in: the database, the clock and the limits are injected, so
tests run the real app over loopback with a manual clock. Every error answer is JSON
{"error": code, "message": text}; bad input never produces a 5xx.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import AfterValidator
from sqlalchemy import Engine, or_, select
from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.protocol import (
    DEFAULT_CHANGES_LIMIT,
    MAX_CHANGES_LIMIT,
    MAX_STATS_DAYS_BACK,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    SUPPORTED_VERSIONS,
    ActivateRequest,
    ActivateResponse,
    CardInfo,
    CardNumberBlockInfo,
    ChangesResponse,
    CustomerInfo,
    ErrorBody,
    PinStatusRequest,
    PinStatusResponse,
    PushRequest,
    PushResponse,
    StatsResponse,
    UtcTime,
    no_nul,
)
from sync.server import auth, changes, health, ledger, logs, pins, ratelimit, stats
from sync.server.db import (
    init_database,
    make_engine,
    make_read_sessionmaker,
    make_sessionmaker,
)
from sync.server.errors import ApiError
from sync.server.models import (
    Card,
    CardAlias,
    Company,
    Customer,
    Terminal,
    Vendor,
    fits_integer,
)
from sync.server.requestlog import RequestLog
from terminal.domain.cards import (
    CARD_NUMBER_DIGITS,
    is_qr_token,
    looks_like_card_number,
    normalize_card_number,
)
from terminal.domain.clock import Clock, SystemClock
from terminal.domain.customers import normalize_email, normalize_phone
from terminal.domain.errors import LoyaltyError

log = logging.getLogger("sync.server")

DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024  # a full push batch of 500 entries is ~250 kB
_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody} for status in (400, 401, 403, 404, 413, 422, 429)
}


def create_app(
    database: str | Engine,
    *,
    clock: Clock | None = None,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    block_size: int = auth.DEFAULT_BLOCK_SIZE,
    create_schema: bool = True,
    max_clock_skew: timedelta = ledger.DEFAULT_MAX_CLOCK_SKEW,
    rate_limits: ratelimit.RateLimits | None = None,
) -> FastAPI:
    logs.install()  # error logs never carry card tokens or credentials
    engine = make_engine(database) if isinstance(database, str) else database
    if create_schema:
        init_database(engine)
    sessions = make_sessionmaker(engine)
    server_clock: Clock = clock or SystemClock()

    app = FastAPI(
        title="Loyalty central server",
        version=str(PROTOCOL_VERSION),
        description="Reference implementation of the loyalty sync protocol v1.",
    )
    app.state.engine = engine
    _install_error_handlers(app)
    app.add_middleware(BodySizeLimit, max_bytes=max_body_bytes)
    # Outermost of ours: request ids and logs, and the JSON 500 that keeps the connection.
    app.add_middleware(RequestLog)
    ratelimit.install(app, rate_limits, server_clock)  # 429 + Retry-After
    app.state.sessions = sessions
    app.state.read_sessions = make_read_sessionmaker(engine)  # long reads: no write lock
    app.state.clock = server_clock  # for dependencies outside the router (authentication)
    app.include_router(_router(server_clock, block_size, max_clock_skew))
    app.include_router(health.router(engine))  # no auth, no protocol header, no limit
    return app


# --- plumbing -------------------------------------------------------------------------------


def _error(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> Any:
    return JSONResponse({"error": code, "message": message}, status_code=status, headers=headers)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return _error(exc.status, exc.code, exc.message, headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        parts = []
        for problem in exc.errors()[:10]:
            where = ".".join(str(item) for item in problem.get("loc", ()) if item != "body")
            parts.append(f"{where or 'request'}: {problem.get('msg', 'invalid')}")
        return _error(422, "invalid_request", "The request is not valid. " + "; ".join(parts))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # A bug or a database failure, never bad input: logged (no headers, so no token).
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return _error(500, "internal_error", "The server failed on this request; try again.")

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return _error(exc.status_code, code, str(exc.detail))


class BodySizeLimit:
    """Refuses request bodies over `max_bytes` with 413, by header or by counting the stream."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._refuse(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._refuse(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = _error(
            413,
            "request_too_large",
            f"The request body is larger than the server accepts ({self.max_bytes} bytes). "
            "Send fewer entries per request.",
        )
        await response(scope, receive, send)


def _check_version(
    version: Annotated[str | None, Header(alias=PROTOCOL_HEADER)] = None,
) -> None:
    speaks = ", ".join(str(v) for v in SUPPORTED_VERSIONS)
    if version is None:
        raise ApiError(
            400,
            "protocol_version_missing",
            f"The {PROTOCOL_HEADER} header is missing. This server speaks version(s) {speaks}.",
        )
    # ASCII digits only, and short: str.isdigit() also takes "²" or "١", and int() refuses
    # more than 4300 digits; either used to escape as a 500.
    number = version.strip()
    if not (number.isascii() and number.isdigit() and len(number) <= 9) or (
        int(number) not in SUPPORTED_VERSIONS
    ):
        raise ApiError(
            400,
            "unsupported_protocol_version",
            f"Protocol version {version[:20]!r} is not supported. "
            f"This server speaks version(s) {speaks}.",
        )


# --- endpoints ------------------------------------------------------------------------------


def _unit_of_work(request: Request) -> Iterator[Session]:
    """One database transaction per request, committed before the answer is sent.

    `scope="function"`: with FastAPI's default ("request") the commit ran after the response
    went out, so a terminal could push, be answered, and read its own write back (or push its
    next seq) before the commit landed: visible on PostgreSQL as a spurious `gap` or a stale
    read. A failed commit is now a 500 instead of an answer that lied.
    """
    with request.app.state.sessions.begin() as session:
        yield session


SessionDep = Annotated[Session, Depends(_unit_of_work, scope="function")]


def _current_terminal(
    request: Request, session: SessionDep, authorization: Annotated[str | None, Header()] = None
) -> Terminal:
    scheme, _, token = (authorization or "").partition(" ")
    terminal = (
        auth.authenticate(session, token.strip(), request.app.state.clock.now())
        if scheme.lower() == "bearer" and token.strip()
        else None
    )
    if terminal is None:
        raise ApiError(
            401,
            "unauthorized",
            "Missing, unknown or revoked terminal token. Activate the terminal again.",
        )
    request.state.terminal_id = terminal.id  # for the request log (sync.server.requestlog)
    return terminal


TerminalDep = Annotated[Terminal, Depends(_current_terminal)]


def _reading_terminal(
    request: Request, authorization: Annotated[str | None, Header()] = None
) -> Terminal:
    """The terminal, authenticated in a unit of work of its own, committed before the
    endpoint runs: an endpoint that only reads then does so in a read session, and holds
    no write lock while it aggregates (SQLite's units of work begin IMMEDIATE)."""
    with request.app.state.sessions.begin() as session:
        return _current_terminal(request, session, authorization)


ReadingTerminalDep = Annotated[Terminal, Depends(_reading_terminal)]


def _router(clock: Clock, block_size: int, max_clock_skew: timedelta) -> APIRouter:
    router = APIRouter(prefix="/v1", dependencies=[Depends(_check_version)], responses=_ERRORS)

    @router.post(
        "/terminals/activate",
        response_model=ActivateResponse,
        dependencies=[Depends(ratelimit.activation_attempt)],  # per client IP
    )
    def activate(request: Request, body: ActivateRequest, session: SessionDep) -> ActivateResponse:
        now = clock.now()
        try:
            terminal, token, block = auth.activate_terminal(
                session, body.code, body.terminal_name, now, block_size
            )
        except ApiError as err:
            if err.status == 401:  # a refused code: the strict budget against enumeration
                ratelimit.activation_refused(request)
            raise
        company = session.get(Company, terminal.company_id)
        vendor = session.get(Vendor, terminal.vendor_id)
        assert company is not None
        assert vendor is not None
        log.info("terminal %s activated for vendor %s", terminal.id, vendor.id)
        return ActivateResponse(
            terminal_id=terminal.id,
            terminal_name=terminal.name,
            company_id=company.id,
            company_name=company.name,
            vendor_id=vendor.id,
            vendor_name=vendor.name,
            token=token,
            card_number_block=CardNumberBlockInfo.model_validate(block.to_wire()),
            server_time=now,
        )

    @router.post(
        "/sync/push",
        response_model=PushResponse,
        dependencies=[Depends(ratelimit.per_terminal("push", _current_terminal))],
    )
    def push(body: PushRequest, session: SessionDep, terminal: TerminalDep) -> Response:
        if body.terminal_id != terminal.id:
            raise ApiError(
                403,
                "forbidden",
                "A terminal can only push its own entries (terminal_id is not this token's).",
            )
        answer = ledger.apply_push_racing(
            session, terminal.id, body, clock.now(), max_clock_skew=max_clock_skew
        )
        # Serialized once: the documented PushResponse, without validating again the up to
        # 500 results the server just built (sync.server.ledger builds them unvalidated).
        return Response(answer.model_dump_json(), media_type="application/json")

    @router.get("/sync/changes", response_model=ChangesResponse)
    def read_changes(
        session: SessionDep,
        terminal: TerminalDep,
        cursor: Annotated[str | None, Query(max_length=200)] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_CHANGES_LIMIT)] = DEFAULT_CHANGES_LIMIT,
    ) -> Response:
        now = clock.now()
        # The terminal's row first (it records caught_up_at below): the lock order of a push,
        # terminal then company, so a pull and a push of one terminal never deadlock.
        session.execute(select(Terminal.id).where(Terminal.id == terminal.id).with_for_update())
        auth.refill_blocks(session, terminal, now, block_size)
        session.flush()
        # Wait for this company's in-flight log writers: the page never skips a row that
        # commits later with a lower seq (see sync.server.changes).
        changes.lock_company_log(session, terminal.company_id, shared=True)
        page = changes.read_page(session, terminal, cursor, limit)
        if not page.has_more:  # it has every rule in force now (sync.server.claims)
            terminal.caught_up_at = now
        # Pre-serialized: the JSON of ChangesResponse (the documented model), byte for byte,
        # without validating up to 1,000 Change models per page (changes.page_json).
        return Response(changes.page_json(page, now), media_type="application/json")

    @router.post(
        "/staff/pin-status",
        response_model=PinStatusResponse,
        dependencies=[Depends(ratelimit.per_terminal("pin_status", _current_terminal))],
    )
    def report_pin_status(
        body: PinStatusRequest, session: SessionDep, terminal: TerminalDep
    ) -> PinStatusResponse:
        if body.terminal_id != terminal.id:
            raise ApiError(403, "forbidden", "A terminal can only report for itself.")
        now = clock.now()
        # A staff id beyond the 32-bit column names nobody: left out like unknown staff.
        reports = [report for report in body.reports if fits_integer(report.staff_id)]
        staff = pins.apply_pin_reports(session, terminal, reports, now)
        return PinStatusResponse(staff=staff, server_time=now)

    @router.get(
        "/stats",
        response_model=StatsResponse,
        dependencies=[Depends(ratelimit.per_terminal("stats", _reading_terminal))],
    )
    def company_stats(
        request: Request, terminal: ReadingTerminalDep, since: Annotated[UtcTime, Query()]
    ) -> StatsResponse:
        """The activity figures of the terminal's company from `since` (ISO 8601 with its
        offset) on: the whole company, each store, each UTC day (sync.server.stats)."""
        now = clock.now()
        if since > now + max_clock_skew:
            raise ApiError(
                422, "since_in_future", "`since` is in the future: ask from a past moment."
            )
        if since < now - timedelta(days=MAX_STATS_DAYS_BACK):
            raise ApiError(
                422,
                "since_too_old",
                f"`since` is more than {MAX_STATS_DAYS_BACK} days back: ask for a shorter period.",
            )
        with request.app.state.read_sessions() as session:
            return stats.company_stats(session, terminal.company_id, since, now)

    @router.get(
        "/cards/lookup",
        response_model=CardInfo,
        dependencies=[Depends(ratelimit.per_terminal("lookup", _current_terminal))],
    )
    def lookup(
        session: SessionDep,
        terminal: TerminalDep,
        q: Annotated[str, Query(min_length=1, max_length=512), AfterValidator(no_nul)],
    ) -> CardInfo:
        vendor = session.get(Vendor, terminal.vendor_id)
        assert vendor is not None
        card = _find_card(session, terminal.company_id, q.strip(), vendor.country)
        if card is None:
            raise ApiError(404, "card_not_found", "No loyalty card of this company matches.")
        customer = session.get(Customer, card.customer_id)
        assert customer is not None
        balances = ledger.balances(card)
        assert balances is not None
        return CardInfo(
            id=card.id,
            company_id=card.company_id,
            program_id=card.program_id,
            card_number=card.card_number,
            qr_code_data=card.qr_code_data,
            enrolled_at_vendor_id=card.enrolled_at_vendor_id,
            customer=CustomerInfo(
                id=customer.id,
                first_name=customer.first_name,
                last_name=customer.last_name,
                email=customer.email,
                phone=customer.phone,
            ),
            balances=balances,
            created_at=card.created_at,
        )

    return router


def _find_card(session: Session, company_id: int, query: str, country: str) -> Card | None:
    """By QR token, card number, card uuid, email or phone; aliases of merged cards too.
    A phone without its country code is read in `country`, the asking store's."""
    try:
        if is_qr_token(query):
            card_filter, alias_filter = (
                Card.qr_code_data == query,
                CardAlias.qr_code_data == query,
            )
        elif looks_like_card_number(query) and len(_digits(query)) == CARD_NUMBER_DIGITS:
            number = normalize_card_number(query)
            card_filter, alias_filter = Card.card_number == number, CardAlias.card_number == number
        elif "@" in query:
            email = normalize_email(query)
            return _card_of_customer(session, company_id, Customer.email == email)
        elif len(query) == 36 and query.count("-") == 4:
            return ledger.resolve_card(session, company_id, query.lower())
        else:
            phone = normalize_phone(query, country)
            return _card_of_customer(session, company_id, Customer.phone == phone)
    except LoyaltyError as err:
        raise ApiError(422, err.code, err.message) from err
    card = session.scalars(select(Card).where(card_filter, Card.company_id == company_id)).first()
    if card is not None:
        return card
    alias = session.scalars(
        select(CardAlias).where(alias_filter, CardAlias.company_id == company_id)
    ).first()
    return session.get(Card, alias.card_id) if alias else None


def _digits(text: str) -> str:
    return "".join(char for char in text if char.isdigit())


def _card_of_customer(session: Session, company_id: int, match: Any) -> Card | None:
    return session.scalars(
        select(Card)
        .join(Customer, Card.customer_id == Customer.id)
        .where(Card.company_id == company_id, or_(match))
        .order_by(Card.created_at)
    ).first()
