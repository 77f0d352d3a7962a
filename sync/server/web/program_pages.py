"""Program, rewards and settings pages: /admin/program.

The forms are built from program_admin's field rules; a POST changes only the fields whose
value differs from what is stored, through program_admin (checked, audited with the admin
as actor, and published in the change log, so every terminal gets it at its next pull).
A refusal keeps what was typed and says every problem at once; nothing is changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from sync.server import program_admin
from sync.server.errors import ApiError
from sync.server.web.accounts import AdminContext, same_token
from sync.server.web.forms import changed_only, fields_of, read_form
from sync.server.web.rendering import forbidden, page, see_other

SignedIn = Callable[[Request], AdminContext | None]
FORMS = {
    "program": (program_admin.PROGRAM_FIELDS, program_admin.show_program,
                program_admin.update_program),
    "settings": (program_admin.SETTINGS_FIELDS, program_admin.show_settings,
                 program_admin.update_settings),
}  # fmt: skip


def actor_of(admin: AdminContext) -> str:
    return f"admin:{admin.email}"


def register(pages: APIRouter, signed_in: SignedIn) -> None:
    @pages.get("/program", name="admin_program")
    def program_page(request: Request) -> Response:
        admin = signed_in(request)
        if admin is None:
            return see_other(request, "admin_sign_in_page")
        notice = {"saved": "Saved. Terminals get the change at their next sync.",
                  "unchanged": "Nothing to save: every value was already this one."}.get(
            request.query_params.get("done", ""))  # fmt: skip
        return _render(request, admin, notice=notice)

    @pages.post("/program/{form_name}", name="admin_program_save")
    async def save(request: Request, form_name: str) -> Response:
        admin = signed_in(request)
        if admin is None:
            return see_other(request, "admin_sign_in_page")
        form = await request.form()
        if not same_token(admin.csrf_token, str(form.get("csrf_token", ""))):
            return forbidden(request)
        if form_name not in FORMS:
            return see_other(request, "admin_program")
        rules, show, update = FORMS[form_name]
        values, typed = read_form(rules, form)
        app = request.app
        try:
            with app.state.sessions.begin() as session:
                changes = changed_only(values, show(session, admin.company_id))
                if changes:
                    update(session, admin.company_id, changes, actor=actor_of(admin),
                           now=app.state.clock.now())  # fmt: skip
        except ApiError as refused:
            return _render(request, admin, problem=(form_name, refused.message),
                           typed={form_name: typed}, status=422)  # fmt: skip
        return _done(request, "saved" if changes else "unchanged")

    @pages.post("/rewards", name="admin_reward_add")
    def add_reward(
        request: Request,
        name: Annotated[str, Form(max_length=400)] = "",
        points_cost: Annotated[str, Form(max_length=40)] = "",
        csrf_token: Annotated[str, Form(max_length=128)] = "",
    ) -> Response:
        return _reward_change(request, signed_in, csrf_token, "add", name=name,
                              points_cost=points_cost)  # fmt: skip

    @pages.post("/rewards/{reward_id}", name="admin_reward_update")
    def update_reward(
        request: Request,
        reward_id: int,
        points_cost: Annotated[str, Form(max_length=40)] = "",
        active: Annotated[str, Form(max_length=8)] = "",
        csrf_token: Annotated[str, Form(max_length=128)] = "",
    ) -> Response:
        return _reward_change(request, signed_in, csrf_token, "update", reward_id=reward_id,
                              points_cost=points_cost, active=active)  # fmt: skip


def _number(text: str) -> int | str:
    try:
        return int(text.strip())
    except ValueError:
        return text


def _reward_change(
    request: Request, signed_in: SignedIn, csrf_token: str, what: str, **given: Any
) -> Response:
    admin = signed_in(request)
    if admin is None:
        return see_other(request, "admin_sign_in_page")
    if not same_token(admin.csrf_token, csrf_token):
        return forbidden(request)
    app = request.app
    now, actor = app.state.clock.now(), actor_of(admin)
    try:
        with app.state.sessions.begin() as session:
            if what == "add":
                program_admin.add_reward(session, admin.company_id, given["name"],
                                         _number(given["points_cost"]),  # type: ignore[arg-type]
                                         actor=actor, now=now)  # fmt: skip
            else:
                changes: dict[str, Any] = {}
                if given["points_cost"]:
                    changes["points_cost"] = _number(given["points_cost"])
                if given["active"] in ("yes", "no"):
                    changes["is_active"] = given["active"] == "yes"
                program_admin.update_reward(session, admin.company_id, given["reward_id"],
                                            changes, actor=actor, now=now)  # fmt: skip
    except ApiError as refused:
        return _render(request, admin, problem=("rewards", refused.message), status=422)
    return _done(request, "saved")


def _done(request: Request, done: str) -> Response:
    response = see_other(request, "admin_program")
    response.headers["location"] += f"?done={done}"
    return response


def _render(
    request: Request,
    admin: AdminContext,
    *,
    notice: str | None = None,
    problem: tuple[str, str] | None = None,
    typed: dict[str, dict[str, str]] | None = None,
    status: int = 200,
) -> Response:
    typed = typed or {}
    with request.app.state.read_sessions() as session:
        stored = {name: show(session, admin.company_id) for name, (_, show, _) in FORMS.items()}
        rewards = program_admin.list_rewards(session, admin.company_id)
    forms = {
        name: fields_of(rules, {**stored[name], **typed.get(name, {})})
        for name, (rules, _, _) in FORMS.items()
    }
    response = page(request, "program.html", admin, forms=forms, rewards=rewards,
                    notice=notice, problem=problem)  # fmt: skip
    response.status_code = status
    return response
