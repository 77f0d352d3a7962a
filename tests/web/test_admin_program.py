"""Program, rewards and settings changed in the back office reach the terminals."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select

from sync.server.models import AuditRecord, Program, Reward, Staff
from terminal.store.models import LoyaltyProgram
from terminal.store.models import Reward as LocalReward
from tests.sync.terminals import SyncedTerminal, make_terminal
from tests.web.conftest import PASSWORD, Site, csrf_of


def _terminal(site: Site, tmp_path: Path) -> SyncedTerminal:
    with site.sessions() as session:
        staff_id = session.scalar(select(Staff.id).where(Staff.company_id == site.company_a))
    assert staff_id is not None
    return make_terminal(
        site.api(), site.api_vendor("Main <i>Street</i>"), tmp_path, "till", staff_id
    )


def _sign_in(page: Any, site: Site) -> None:
    page.goto(f"{site.url}/admin/sign-in")
    page.fill("#email", "ada@a.example")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{site.url}/admin")


def test_a_rate_changed_in_the_browser_reaches_a_terminal_at_its_next_pull(
    site: Site, page: Any, tmp_path: Path
) -> None:
    till = _terminal(site, tmp_path)
    try:
        card = till.enroll_card(earn="10")  # 10 points at the first rate (1 per 1.00)
        _sign_in(page, site)
        page.click("text=Program and settings")
        page.fill("#points_per_currency_unit", "3")
        page.click("text=Save the program")
        page.wait_for_url("**/admin/program?done=saved")
        assert "Terminals get the change at their next sync." in page.content()
        page.screenshot(path=str(tmp_path / "program.png"), full_page=True)

        assert till.sync().state == "online"
        with till.database.reader() as session:
            assert session.scalar(select(LoyaltyProgram.points_per_currency_unit)) == 3
        result = till.services.points.earn(till.actor, card, "10")
        assert result.points_delta == 30  # the new rate, on the terminal
    finally:
        till.close()
    with site.sessions() as session:
        audit = session.scalars(
            select(AuditRecord).where(AuditRecord.action == "program.update")
        ).one()
    assert audit.actor == "admin:ada@a.example"
    assert audit.before == {"points_per_currency_unit": 1}
    assert audit.after == {"points_per_currency_unit": 3}


def test_a_reward_added_in_the_browser_reaches_a_terminal(
    site: Site, page: Any, tmp_path: Path
) -> None:
    till = _terminal(site, tmp_path)
    try:
        _sign_in(page, site)
        page.goto(f"{site.url}/admin/program")
        page.fill("#reward-name", "Tea <em>&</em> cake")
        page.fill("#reward-cost", "120")
        page.click("text=Add reward")
        page.wait_for_url("**/admin/program?done=saved")
        assert page.locator("#rewards tbody th", has_text="Tea <em>&</em> cake").count() == 1
        assert till.sync().state == "online"
        with till.database.reader() as session:
            names = dict(session.execute(select(LocalReward.name, LocalReward.points_cost)).all())
        assert names["Tea <em>&</em> cake"] == 120
    finally:
        till.close()


def _program_form(client: Any) -> tuple[str, str]:
    html = client.get("/admin/program").text
    return html, csrf_of(html)


def test_wrong_values_are_all_named_and_nothing_changes(site: Site) -> None:
    client = site.sign_in()
    _html, token = _program_form(client)
    answer = client.post(
        "/admin/program/program",
        data={"csrf_token": token, "stamps_target": "0", "welcome_bonus_points": "lots",
              "name": "Kept"},
    )  # fmt: skip
    assert answer.status_code == 422
    assert "stamps_target must be a whole number from 1 to 1000" in answer.text
    assert "welcome_bonus_points must be a whole number" in answer.text
    assert 'value="lots"' in answer.text  # what was typed stays in the form
    with site.sessions() as session:
        program = session.scalars(select(Program).where(Program.company_id == site.company_a))
        assert program.one().stamps_target == 10
        assert session.scalar(select(AuditRecord.id)) is None


def test_saving_the_same_values_writes_nothing(site: Site) -> None:
    client = site.sign_in()
    _html, token = _program_form(client)
    answer = client.post("/admin/settings/x", data={"csrf_token": token})
    assert answer.status_code == 404
    answer = client.post(
        "/admin/program/settings", data={"csrf_token": token, "pin_max_failed_attempts": "5"}
    )
    assert answer.status_code == 303
    assert answer.headers["location"].endswith("?done=unchanged")
    with site.sessions() as session:
        assert session.scalar(select(AuditRecord.id)) is None


def test_a_change_without_the_sessions_token_is_refused(site: Site) -> None:
    client = site.sign_in()
    answer = client.post(
        "/admin/program/settings", data={"csrf_token": "forged", "pin_policy_void": "never"}
    )
    assert answer.status_code == 403
    with site.sessions() as session:
        assert session.scalar(select(AuditRecord.id)) is None


def test_reprice_disable_and_another_companys_reward(site: Site) -> None:
    client = site.sign_in()
    _html, token = _program_form(client)
    with site.sessions() as session:
        mine = session.scalars(
            select(Reward).where(Reward.company_id == site.company_a).order_by(Reward.id)
        ).first()
        theirs = session.scalars(select(Reward).where(Reward.company_id == site.company_b)).first()
        assert mine is not None
        assert theirs is not None
        mine_id, theirs_id = mine.id, theirs.id
    repriced = client.post(
        f"/admin/rewards/{mine_id}", data={"csrf_token": token, "points_cost": "75"}
    )
    assert repriced.status_code == 303
    disabled = client.post(f"/admin/rewards/{mine_id}", data={"csrf_token": token, "active": "no"})
    assert disabled.status_code == 303
    refused = client.post(
        f"/admin/rewards/{theirs_id}", data={"csrf_token": token, "points_cost": "1"}
    )
    assert refused.status_code == 422
    assert f"has no reward {theirs_id}" in refused.text
    with site.sessions() as session:
        assert session.get(Reward, mine_id).points_cost == 75  # type: ignore[union-attr]
        assert session.get(Reward, mine_id).is_active is False  # type: ignore[union-attr]
        assert session.get(Reward, theirs_id).points_cost != 1  # type: ignore[union-attr]
