"""The back office's pages under /admin: sign-in, sign-out and the programs dashboard.

Every page but sign-in needs a session (web/accounts.py) and shows only the admin's own
company. Every form carries a CSRF token: the session's, or before sign-in a random one in
its own cookie (double submit); a POST without the right one is refused with 403 and
changes nothing. Sign-in attempts are limited per client address (ratelimit.py's
`admin_sign_in` rule) on top of the account lockout.
"""

from __future__ import annotations

import secrets
from functools import cache
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from sync.server import ratelimit
from sync.server.web import conflict_pages, program_pages, staff_pages, store_pages
from sync.server.web.accounts import AdminAuth, AdminContext, SignInRefused, same_token
from sync.server.web.dashboard import PERIODS, STORE_HEADINGS, dashboard
from sync.server.web.rendering import HERE, forbidden, page, see_other, templates

SESSION_COOKIE = "loyalty_admin"
SIGN_IN_CSRF_COOKIE = "loyalty_admin_csrf"
COOKIE_PATH = "/admin"


def static_files() -> StaticFiles:
    return StaticFiles(directory=str(HERE / "static"))


def auth_of(request: Request) -> AdminAuth:
    auth: AdminAuth = request.app.state.admin_auth
    return auth


def signed_in(request: Request) -> AdminContext | None:
    return auth_of(request).session_of(request.cookies.get(SESSION_COOKIE))


@cache
def router() -> APIRouter:
    """The pages, built once per process (FastAPI's route setup is not free, and every
    app of a test run would pay it again); each app gives its AdminAuth in app.state."""
    pages = APIRouter(prefix="/admin", include_in_schema=False)

    @pages.get("/sign-in", name="admin_sign_in_page")
    def sign_inpage(request: Request) -> Response:
        if signed_in(request) is not None:
            return see_other(request, "admin_dashboard")
        notice = "You are signed out." if request.query_params.get("signed_out") else None
        return _sign_in_form(request, notice=notice)

    @pages.post("/sign-in", name="admin_sign_in")
    def sign_in(
        request: Request,
        email: Annotated[str, Form(max_length=320)] = "",
        password: Annotated[str, Form(max_length=1024)] = "",
        csrf_token: Annotated[str, Form(max_length=128)] = "",
    ) -> Response:
        if not same_token(request.cookies.get(SIGN_IN_CSRF_COOKIE), csrf_token):
            return forbidden(request)
        try:
            ratelimit.limiter_of(request).hit(
                "admin_sign_in", ratelimit.client_ip(request), fail_open=False
            )
        except ratelimit.RateLimited as limited:
            problem = (
                "Too many sign-in attempts from this address. "
                f"Try again in {limited.retry_after} seconds."
            )
            response = _sign_in_form(request, problem=problem, email=email, status=429)
            response.headers["Retry-After"] = str(limited.retry_after)
            return response
        try:
            new = auth_of(request).sign_in(email, password)
        except SignInRefused as refused:
            problem = (
                f"Too many failed attempts: this account is locked for {refused.minutes} "
                "more minute(s)."
                if refused.code == "locked"
                else "Wrong email or password."
            )
            return _sign_in_form(request, problem=problem, email=email, status=401)
        response = see_other(request, "admin_dashboard")
        _set_cookie(request, response, SESSION_COOKIE, new.token)
        response.delete_cookie(SIGN_IN_CSRF_COOKIE, path=COOKIE_PATH)
        return response

    @pages.post("/sign-out", name="admin_sign_out")
    def sign_out(
        request: Request, csrf_token: Annotated[str, Form(max_length=128)] = ""
    ) -> Response:
        admin = signed_in(request)
        if admin is None:
            return see_other(request, "admin_sign_in_page")
        if not same_token(admin.csrf_token, csrf_token):
            return forbidden(request)
        auth_of(request).sign_out(request.cookies.get(SESSION_COOKIE))
        response = RedirectResponse(
            str(request.url_for("admin_sign_in_page")) + "?signed_out=1", status_code=303
        )
        response.delete_cookie(SESSION_COOKIE, path=COOKIE_PATH)
        return response

    @pages.get("", name="admin_dashboard")
    @pages.get("/", include_in_schema=False)
    def programs(request: Request, days: int = 30) -> Response:
        admin = signed_in(request)
        if admin is None:
            return see_other(request, "admin_sign_in_page")
        chosen = days if days in PERIODS else 30
        with request.app.state.read_sessions() as session:
            view = dashboard(session, admin.company_id, chosen, request.app.state.clock.now())
        return page(
            request,
            "dashboard.html",
            admin,
            program=view.program,
            figures=view.figures,
            stores=view.stores,
            chart=view.chart,
            periods=PERIODS,
            chosen=chosen,
            store_headings=STORE_HEADINGS,
        )

    program_pages.register(pages, signed_in)
    store_pages.register(pages, signed_in)
    staff_pages.register(pages, signed_in)
    conflict_pages.register(pages, signed_in)
    return pages


def _sign_in_form(
    request: Request,
    *,
    problem: str | None = None,
    notice: str | None = None,
    email: str = "",
    status: int = 200,
) -> HTMLResponse:
    token = request.cookies.get(SIGN_IN_CSRF_COOKIE) or secrets.token_urlsafe(32)
    response = templates.TemplateResponse(
        request,
        "sign_in.html",
        {
            "admin": None,
            "csrf_token": token,
            "problem": problem,
            "notice": notice,
            "email": email,
        },
        status_code=status,
    )
    _set_cookie(request, response, SIGN_IN_CSRF_COOKIE, token)
    return response


def _set_cookie(request: Request, response: Response, name: str, value: str) -> None:
    response.set_cookie(
        name,
        value,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path=COOKIE_PATH,
    )
