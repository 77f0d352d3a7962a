"""Stores and terminals: /admin/stores.

Each store of the admin's company with its terminals (when activated, when last heard
from, active or revoked), a one-time activation code for a new terminal of a store (shown
once: only its hash is kept; valid 24 hours) and revoking a terminal's token (its next
request is refused; audited with the admin as actor).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response
from sqlalchemy import select

from sync.server import admin as server_admin
from sync.server import auth
from sync.server.errors import ApiError
from sync.server.models import Vendor
from sync.server.web.accounts import AdminContext, same_token
from sync.server.web.program_pages import SignedIn, actor_of
from sync.server.web.rendering import forbidden, page, see_other


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment is not None else "never"


def register(pages: APIRouter, signed_in: SignedIn) -> None:
    @pages.get("/stores", name="admin_stores")
    def stores_page(request: Request) -> Response:
        admin = signed_in(request)
        if admin is None:
            return see_other(request, "admin_sign_in_page")
        notice = "Terminal revoked: its token is refused from now on." if request.query_params.get(
            "done") == "revoked" else None  # fmt: skip
        return _render(request, admin, notice=notice)

    @pages.post("/stores/{vendor_id}/activation-code", name="admin_activation_code")
    def activation_code(
        request: Request, vendor_id: int, csrf_token: Annotated[str, Form(max_length=128)] = ""
    ) -> Response:
        admin = signed_in(request)
        if admin is None:
            return see_other(request, "admin_sign_in_page")
        if not same_token(admin.csrf_token, csrf_token):
            return forbidden(request)
        app = request.app
        with app.state.sessions.begin() as session:
            vendor = session.get(Vendor, vendor_id) if -(2**31) < vendor_id < 2**31 else None
            if vendor is None or vendor.company_id != admin.company_id:
                return _render(request, admin, problem=f"There is no store {vendor_id}.",
                               status=404)  # fmt: skip
            code = auth.create_activation_code(session, vendor, app.state.clock.now())
            store = vendor.name
        return _render(request, admin, code=(store, code))

    @pages.post("/terminals/{terminal_id}/revoke", name="admin_terminal_revoke")
    def revoke(
        request: Request, terminal_id: str, csrf_token: Annotated[str, Form(max_length=128)] = ""
    ) -> Response:
        admin = signed_in(request)
        if admin is None:
            return see_other(request, "admin_sign_in_page")
        if not same_token(admin.csrf_token, csrf_token):
            return forbidden(request)
        app = request.app
        try:
            with app.state.sessions.begin() as session:
                server_admin.revoke_terminal(
                    session, terminal_id[:64], actor=actor_of(admin), now=app.state.clock.now(),
                    company_id=admin.company_id,
                )  # fmt: skip
        except ApiError as refused:
            return _render(request, admin, problem=refused.message, status=refused.status)
        response = see_other(request, "admin_stores")
        response.headers["location"] += "?done=revoked"
        return response


def _render(
    request: Request,
    admin: AdminContext,
    *,
    notice: str | None = None,
    problem: str | None = None,
    code: tuple[str, str] | None = None,
    status: int = 200,
) -> Response:
    with request.app.state.read_sessions() as session:
        stores = session.execute(
            select(Vendor.id, Vendor.name, Vendor.timezone)
            .where(Vendor.company_id == admin.company_id)
            .order_by(Vendor.name, Vendor.id)
        ).all()
        terminals = server_admin.list_terminals(session, admin.company_id)
    by_store = {
        store_id: [
            {"id": t.id, "name": t.name, "activated": _when(t.activated_at),
             "last_seen": _when(t.last_seen_at), "active": t.is_active,
             "revoked": _when(t.revoked_at)}
            for t in terminals if t.vendor_id == store_id
        ]
        for store_id, _name, _zone in stores
    }  # fmt: skip
    response = page(request, "stores.html", admin, stores=stores, terminals=by_store,
                    notice=notice, problem=problem, code=code)  # fmt: skip
    response.status_code = status
    return response
