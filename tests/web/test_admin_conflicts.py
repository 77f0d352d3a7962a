"""The conflicts queue: an overdraft made by two stores offline, resolved in the browser."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select

from sync.server.models import AuditRecord, Card, LedgerEntry
from tests.sync.conftest import Term
from tests.web.conftest import PASSWORD, Site, csrf_of

PASTRY = 1  # company A's first reward: 100 points


def _overdraft(site: Site) -> tuple[str, str, list[Any]]:
    """Two tills redeem the same 100 points offline: the second is an overdraft (flagged).
    Returns (card id, the overdraft entry's id, the API's clients to close)."""
    api = site.api()
    till1: Term = api.activate(site.api_vendor("Main <i>Street</i>"), "Till 1")
    till2: Term = api.activate(site.api_vendor("Station"), "Till 2")
    card = till1.enroll()  # 50 points
    earn = till1.entry("POINTS_EARNED", card, points_delta=60, purchase_amount=6000)
    assert till1.push([earn])["results"][0]["result"] == "accepted"
    spend = [t.entry("POINTS_REDEEMED", card, points_delta=-100, reward_id=PASTRY)
             for t in (till1, till2)]  # fmt: skip
    assert till1.push([spend[0]])["results"][0]["result"] == "accepted"
    assert till2.push([spend[1]])["results"][0]["result"] == "overdraft"
    return card, spend[1]["id"], api.clients


def test_an_overdraft_is_resolved_with_an_adjustment_that_reaches_the_terminals(
    site: Site, page: Any, tmp_path: Path
) -> None:
    card, overdraft, clients = _overdraft(site)
    page.goto(f"{site.url}/admin/sign-in")
    page.fill("#email", "ada@a.example")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.click("text=Conflicts")
    conflict = page.locator("section.conflict")
    assert conflict.count() == 1
    assert "the card has -90 points now" in conflict.inner_text()
    page.fill("#points-1", "90")
    page.fill("#note-1", "Pastry given twice; goodwill <ok>")
    page.click("text=Resolve")
    page.wait_for_url("**/admin/conflicts?done=resolved")
    assert "Resolved (adjusted) by admin:ada@a.example" in page.content()
    assert "goodwill &lt;ok&gt;" in page.content()
    page.screenshot(path=str(tmp_path / "conflicts.png"), full_page=True)
    with site.sessions() as session:
        row = session.get(Card, card)
        assert row is not None
        assert (row.points_balance, row.overdrawn) == (0, False)
        entry = session.get(LedgerEntry, overdraft)
        assert entry is not None
        assert (entry.resolution, entry.resolved_by) == ("adjusted", "admin:ada@a.example")
        adjustment = session.scalars(
            select(LedgerEntry).where(LedgerEntry.type == "POINTS_ADJUSTMENT")
        ).one()
        assert adjustment.points_delta == 90
        assert session.scalars(select(AuditRecord.action)).all() == ["conflict.resolve"]
    till = site.api().activate(site.api_vendor("Station"), "Till 3")
    cards = [c for c in till.changes()["changes"] if c["entity"] == "cards"]
    assert [c["data"]["points_balance"] for c in cards if c["id"] == card] == [0]
    for client in [*clients, till.http]:
        client.close()


def test_a_resolution_needs_a_reason_and_happens_once(site: Site) -> None:
    _card, overdraft, clients = _overdraft(site)
    client = site.sign_in()
    token = csrf_of(client.get("/admin/conflicts").text)
    path = f"/admin/conflicts/{overdraft}"

    def resolve(how: str, note: str, points: str = "", by: Any = client, csrf: str = token) -> Any:
        data = {"csrf_token": csrf, "resolution": how, "note": note, "points": points}
        return by.post(path, data=data)

    missing = resolve("written_off", " ")
    assert missing.status_code == 422
    assert "a reason of 1 to 500 characters is needed" in missing.text
    below = resolve("adjusted", "x", "-5")
    assert below.status_code == 422
    assert "would leave it below zero" in below.text
    assert resolve("written_off", "accepted loss").status_code == 303
    assert resolve("written_off", "again").status_code == 409
    other = site.sign_in("bob@b.example")
    listing = other.get("/admin/conflicts").text
    assert "No conflict" in listing
    foreign = resolve("written_off", "not mine", by=other, csrf=csrf_of(listing))
    assert foreign.status_code == 404
    for api_client in clients:
        api_client.close()
