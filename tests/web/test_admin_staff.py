"""Staff from the back office: added, new PIN, deactivated, unlocked; on the terminals."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from sync.server.models import AuditRecord, Staff
from terminal.domain.errors import LoyaltyError
from terminal.services.views import Actor
from terminal.store.models import StaffPin
from tests.web.conftest import PASSWORD, Site, csrf_of
from tests.web.test_admin_program import _terminal


def test_a_member_added_in_the_browser_works_at_a_terminal_and_a_new_pin_replaces_theirs(
    site: Site, page: Any, tmp_path: Path
) -> None:
    till = _terminal(site, tmp_path)
    try:
        page.goto(f"{site.url}/admin/sign-in")
        page.fill("#email", "ada@a.example")
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        page.click("text=Staff")
        page.fill("#staff-name", "Zoé <Z>")
        page.fill("#staff-pin", "7391")
        page.click("button:text('Add')")
        page.wait_for_url("**/admin/staff?done=added")
        assert page.locator("tbody th", has_text="Zoé <Z>").count() == 1
        with site.sessions() as session:
            zoe = session.scalar(select(Staff.id).where(Staff.name == "Zoé <Z>"))
        assert zoe is not None
        assert till.sync().state == "online"
        card = till.enroll_card(earn="5")
        till.services.points.earn(Actor(zoe, "7391"), card, "3")  # her PIN, on the terminal

        page.fill(f"#pin-{zoe}", "5820")
        page.locator("tr", has_text="Zoé <Z>").locator("button:text('Set PIN')").click()
        page.wait_for_url("**/admin/staff?done=changed")
        page.click("text=Deactivate Zoé <Z>")
        page.wait_for_url("**/admin/staff?done=changed")
        assert "deactivated" in page.locator("tr", has_text="Zoé <Z>").inner_text()
        assert till.sync().state == "online"
        with till.database.reader() as session:
            member = session.get(StaffPin, zoe)
            assert member is not None
            assert member.is_active is False
        with pytest.raises(LoyaltyError):
            till.services.points.earn(Actor(zoe, "5820"), card, "3")
    finally:
        till.close()
    with site.sessions() as session:
        actions = list(session.scalars(select(AuditRecord.action).order_by(AuditRecord.id)))
        details = [str(r.after) for r in session.scalars(select(AuditRecord))]
    assert actions == ["staff.add", "staff.new_pin", "staff.deactivate"]
    assert not any("5820" in text or "7391" in text or "scrypt" in text for text in details)


def test_a_weak_pin_or_another_companys_member_changes_nothing(site: Site) -> None:
    client = site.sign_in()
    token = csrf_of(client.get("/admin/staff").text)
    weak = client.post("/admin/staff", data={"csrf_token": token, "name": "W", "pin": "1111"})
    assert weak.status_code == 422
    with site.sessions() as session:
        theirs = session.scalar(select(Staff.id).where(Staff.company_id == site.company_b))
    assert theirs is not None
    refused = client.post(f"/admin/staff/{theirs}", data={"csrf_token": token,
                                                          "action": "deactivate"})  # fmt: skip
    assert refused.status_code == 404
    with site.sessions() as session:
        assert session.scalar(select(AuditRecord.id)) is None
