"""Stores and terminals: activation codes from the back office, terminals listed, revoked."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select

from sync.protocol import PROTOCOL_HEADER
from sync.server.models import AuditRecord, Terminal
from tests.web.conftest import PASSWORD, Site, csrf_of


def test_a_code_made_in_the_browser_activates_a_terminal_listed_then_revoked(
    site: Site, page: Any, tmp_path: Path
) -> None:
    page.goto(f"{site.url}/admin/sign-in")
    page.fill("#email", "ada@a.example")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.click("text=Stores and terminals")
    page.click("text=New activation code for Station")
    code = page.locator(".code strong").inner_text()
    assert re.fullmatch(r"[A-Z0-9-]{6,}", code)
    with httpx.Client(base_url=site.url, headers={PROTOCOL_HEADER: "1"}) as http:
        answer = http.post(
            "/v1/terminals/activate", json={"code": code, "terminal_name": "Kiosk <1>"}
        )
        assert answer.status_code == 200, answer.text
        token = answer.json()["token"]
        page.goto(f"{site.url}/admin/stores")
        row = page.locator("tr", has_text="Kiosk <1>")
        assert "active" in row.inner_text()
        page.screenshot(path=str(tmp_path / "stores.png"), full_page=True)
        page.click("text=Revoke Kiosk <1>")
        page.wait_for_url("**/admin/stores?done=revoked")
        assert "revoked" in page.locator("tr", has_text="Kiosk <1>").inner_text()
        refused = http.get("/v1/sync/changes", headers={"Authorization": f"Bearer {token}"})
        assert refused.status_code == 401  # the token stopped working
    with site.sessions() as session:
        audit = session.scalars(
            select(AuditRecord).where(AuditRecord.action == "terminal.revoke")
        ).one()
    assert audit.actor == "admin:ada@a.example"


def test_another_companys_store_or_terminal_is_not_found(site: Site) -> None:
    api = site.api()
    theirs = api.activate(site.api_vendor("B Harbour"))
    client = site.sign_in()
    token = csrf_of(client.get("/admin/stores").text)
    store_b = site.api_vendor("B Harbour")
    refused = client.post(f"/admin/stores/{store_b}/activation-code", data={"csrf_token": token})
    assert refused.status_code == 404
    revoke = client.post(f"/admin/terminals/{theirs.id}/revoke", data={"csrf_token": token})
    assert revoke.status_code == 404
    assert "B Harbour" not in client.get("/admin/stores").text
    with site.sessions() as session:
        assert session.get(Terminal, theirs.id).is_active  # type: ignore[union-attr]
    for http in api.clients:
        http.close()


def test_a_code_needs_the_sessions_token(site: Site) -> None:
    client = site.sign_in()
    store = site.api_vendor("Station")
    answer = client.post(f"/admin/stores/{store}/activation-code", data={"csrf_token": "x"})
    assert answer.status_code == 403
    assert "Activation code for" not in answer.text
