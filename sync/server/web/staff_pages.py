"""Staff: /admin/staff. Add a member (name, role, first PIN), give a new PIN, deactivate or
reactivate, unlock after too many wrong PINs (sync.server.staff_admin: audited, published to
every terminal, which checks PINs offline with the hash it receives)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from sync.server import staff_admin
from sync.server.errors import ApiError
from sync.server.web.accounts import AdminContext, same_token
from sync.server.web.program_pages import SignedIn, actor_of
from sync.server.web.rendering import forbidden, page, see_other

DONE = {
    "added": "Staff member added. Terminals get them at their next sync.",
    "changed": "Saved. Terminals get the change at their next sync.",
}


def register(pages: APIRouter, signed_in: SignedIn) -> None:
    @pages.get("/staff", name="admin_staff")
    def staff_page(request: Request) -> Response:
        admin = signed_in(request)
        if admin is None:
            return see_other(request, "admin_sign_in_page")
        return _render(request, admin, notice=DONE.get(request.query_params.get("done", "")))

    @pages.post("/staff", name="admin_staff_add")
    def add(
        request: Request,
        name: Annotated[str, Form(max_length=400)] = "",
        role: Annotated[str, Form(max_length=20)] = "cashier",
        pin: Annotated[str, Form(max_length=40)] = "",
        csrf_token: Annotated[str, Form(max_length=128)] = "",
    ) -> Response:
        def apply(session: Session, admin: AdminContext, now: datetime) -> object:
            return staff_admin.add_staff(
                session, admin.company_id, name, role, pin, actor=actor_of(admin), now=now
            )

        return _change(request, signed_in, csrf_token, "added", apply)

    @pages.post("/staff/{staff_id}", name="admin_staff_change")
    def change(
        request: Request,
        staff_id: int,
        action: Annotated[str, Form(max_length=20)] = "",
        pin: Annotated[str, Form(max_length=40)] = "",
        csrf_token: Annotated[str, Form(max_length=128)] = "",
    ) -> Response:
        options = {
            "pin": {"pin": pin},
            "deactivate": {"active": False},
            "reactivate": {"active": True},
            "unlock": {"unlock": True},
        }.get(action)
        if options is None:
            return see_other(request, "admin_staff")

        def apply(session: Session, admin: AdminContext, now: datetime) -> object:
            return staff_admin.change_staff(
                session, admin.company_id, staff_id, actor=actor_of(admin), now=now,
                **options,  # type: ignore[arg-type]
            )  # fmt: skip

        return _change(request, signed_in, csrf_token, "changed", apply)


Apply = Callable[[Session, AdminContext, datetime], object]


def _change(
    request: Request, signed_in: SignedIn, csrf_token: str, done: str, apply: Apply
) -> Response:
    admin = signed_in(request)
    if admin is None:
        return see_other(request, "admin_sign_in_page")
    if not same_token(admin.csrf_token, csrf_token):
        return forbidden(request)
    app = request.app
    try:
        with app.state.sessions.begin() as session:
            apply(session, admin, app.state.clock.now())
    except ApiError as refused:
        return _render(request, admin, problem=refused.message, status=refused.status)
    response = see_other(request, "admin_staff")
    response.headers["location"] += f"?done={done}"
    return response


def _render(
    request: Request,
    admin: AdminContext,
    *,
    notice: str | None = None,
    problem: str | None = None,
    status: int = 200,
) -> Response:
    now = request.app.state.clock.now()
    with request.app.state.read_sessions() as session:
        members = [
            {"id": s.id, "name": s.name, "role": s.role, "active": s.is_active,
             "locked": s.locked_until is not None and s.locked_until > now}
            for s in staff_admin.list_staff(session, admin.company_id)
        ]  # fmt: skip
    response = page(request, "staff.html", admin, members=members, notice=notice,
                    problem=problem)  # fmt: skip
    response.status_code = status
    return response
