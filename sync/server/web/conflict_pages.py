"""The conflicts queue: /admin/conflicts (sync.server.conflicts_admin)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from sync.server import conflicts_admin
from sync.server.errors import ApiError
from sync.server.web.accounts import AdminContext, same_token
from sync.server.web.program_pages import SignedIn, actor_of
from sync.server.web.rendering import forbidden, page, see_other


def register(pages: APIRouter, signed_in: SignedIn) -> None:
    @pages.get("/conflicts", name="admin_conflicts")
    def conflicts_page(request: Request) -> Response:
        admin = signed_in(request)
        if admin is None:
            return see_other(request, "admin_sign_in_page")
        done = request.query_params.get("done") == "resolved"
        return _render(request, admin, notice="Conflict resolved." if done else None)

    @pages.post("/conflicts/{entry_id}", name="admin_conflict_resolve")
    def resolve(
        request: Request,
        entry_id: str,
        resolution: Annotated[str, Form(max_length=20)] = "",
        points: Annotated[str, Form(max_length=20)] = "",
        note: Annotated[str, Form(max_length=2000)] = "",
        csrf_token: Annotated[str, Form(max_length=128)] = "",
    ) -> Response:
        admin = signed_in(request)
        if admin is None:
            return see_other(request, "admin_sign_in_page")
        if not same_token(admin.csrf_token, csrf_token):
            return forbidden(request)
        try:
            amount = int(points) if points.strip() else None
        except ValueError:
            return _render(request, admin, problem=f"{points!r} is not a number of points.",
                           status=422)  # fmt: skip
        app = request.app
        try:
            with app.state.sessions.begin() as session:
                conflicts_admin.resolve_conflict(
                    session, admin.company_id, entry_id, resolution=resolution, note=note,
                    points=amount, actor=actor_of(admin), now=app.state.clock.now(),
                )  # fmt: skip
        except ApiError as refused:
            return _render(request, admin, problem=refused.message, status=refused.status)
        response = see_other(request, "admin_conflicts")
        response.headers["location"] += "?done=resolved"
        return response


def _render(
    request: Request,
    admin: AdminContext,
    *,
    notice: str | None = None,
    problem: str | None = None,
    status: int = 200,
) -> Response:
    with request.app.state.read_sessions() as session:
        rows = conflicts_admin.list_conflicts(session, admin.company_id)
    response = page(request, "conflicts.html", admin, rows=rows, notice=notice,
                    problem=problem)  # fmt: skip
    response.status_code = status
    return response
