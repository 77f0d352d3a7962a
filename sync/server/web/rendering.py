"""What every back-office page shares: the templates, a page with its admin, the answers
for a refused form and a redirect."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from sync.server.web.accounts import AdminContext

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))  # autoescapes .html


def page(request: Request, name: str, admin: AdminContext, **context: Any) -> HTMLResponse:
    company = {"name": admin.company_name}
    return templates.TemplateResponse(
        request,
        name,
        {"admin": admin, "company": company, "csrf_token": admin.csrf_token, **context},
    )


def see_other(request: Request, route: str) -> RedirectResponse:
    return RedirectResponse(str(request.url_for(route)), status_code=303)


def forbidden(request: Request) -> HTMLResponse:
    return HTMLResponse(
        "<!doctype html><title>Refused</title><p>This form has expired or did not come from "
        f'this site. <a href="{request.url_for("admin_sign_in_page")}">Start again</a>.</p>',
        status_code=403,
    )
