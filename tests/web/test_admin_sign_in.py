"""The back office's door: sign-in, sessions, CSRF, lockout, limits, headers, escaping."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from sync.server.ratelimit import RateLimits
from sync.server.web.accounts import IDLE_MINUTES, LOCK_MINUTES, MAX_FAILED_SIGN_INS
from tests.web.conftest import PASSWORD, Site, csrf_of, make_site


def _attempt(site: Site, email: str, password: str) -> Any:
    client = site.client()
    token = csrf_of(client.get("/admin/sign-in").text)
    return client.post(
        "/admin/sign-in", data={"email": email, "password": password, "csrf_token": token}
    )


def test_in_a_browser_an_admin_signs_in_sees_the_dashboard_and_signs_out(
    site: Site, page: Any, tmp_path: Path
) -> None:
    page.goto(f"{site.url}/admin")
    assert page.url.endswith("/admin/sign-in")  # no page without a session
    page.fill("#email", "ada@a.example")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{site.url}/admin")
    assert page.locator("header .who").inner_text() == "Ada <Admin> · Company <b>A</b>"
    assert page.locator(".figure").count() == 8
    rows = page.locator("tbody th[scope=row]").all_inner_texts()
    assert rows == ["Main <i>Street</i>", "Station"]  # company A's stores only, as text
    page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)
    page.click("text=Sign out")
    page.wait_for_url("**/admin/sign-in?signed_out=1")
    assert "You are signed out." in page.content()
    page.goto(f"{site.url}/admin")
    assert page.url.endswith("/admin/sign-in")  # the session is gone on the server too


def test_wrong_and_unknown_addresses_get_the_same_answer(site: Site) -> None:
    wrong = _attempt(site, "ada@a.example", "not the password at all")
    unknown = _attempt(site, "nobody@a.example", "not the password at all")
    assert wrong.status_code == unknown.status_code == 401
    assert "Wrong email or password." in wrong.text
    assert "Wrong email or password." in unknown.text
    assert "loyalty_admin=" not in wrong.headers.get("set-cookie", "")


def test_repeated_failures_lock_the_account_even_for_the_right_password(site: Site) -> None:
    for _ in range(MAX_FAILED_SIGN_INS):
        assert _attempt(site, "ada@a.example", "guess guess guess").status_code == 401
    locked = _attempt(site, "ada@a.example", PASSWORD)
    assert locked.status_code == 401
    assert f"locked for {LOCK_MINUTES} more minute(s)" in locked.text
    site.clock.advance(timedelta(minutes=LOCK_MINUTES, seconds=1))
    assert _attempt(site, "ada@a.example", PASSWORD).status_code == 303


def test_a_sign_in_without_the_forms_token_is_refused(site: Site) -> None:
    client = site.client()
    client.get("/admin/sign-in")
    forged = client.post(
        "/admin/sign-in",
        data={"email": "ada@a.example", "password": PASSWORD, "csrf_token": "made-up"},
    )
    assert forged.status_code == 403
    assert "loyalty_admin=" not in forged.headers.get("set-cookie", "")


def test_a_sign_out_without_the_sessions_token_is_refused(site: Site) -> None:
    client = site.sign_in()
    assert client.post("/admin/sign-out", data={"csrf_token": "made-up"}).status_code == 403
    assert client.get("/admin").status_code == 200  # still signed in


def test_no_admin_page_without_a_session(site: Site) -> None:
    client = site.client()
    for path in ("/admin", "/admin/", "/admin?days=7"):
        answer = client.get(path)
        assert answer.status_code == 303
        assert answer.headers["location"].endswith("/admin/sign-in")
    client.cookies.set("loyalty_admin", "a-made-up-session", path="/admin")
    assert client.get("/admin").status_code == 303


def test_an_idle_session_ends(site: Site) -> None:
    client = site.sign_in()
    site.clock.advance(timedelta(minutes=IDLE_MINUTES + 1))
    assert client.get("/admin").status_code == 303


def test_another_companys_admin_sees_nothing_of_this_one(site: Site) -> None:
    page = site.sign_in("bob@b.example").get("/admin").text
    assert "Company B" in page
    assert "B Harbour" in page
    assert "Company &lt;b&gt;A&lt;/b&gt;" not in page
    assert "Station" not in page


def test_what_people_typed_is_escaped(site: Site) -> None:
    page = site.sign_in().get("/admin").text
    assert "Ada &lt;Admin&gt;" in page
    assert "Company &lt;b&gt;A&lt;/b&gt;" in page
    assert "Main &lt;i&gt;Street&lt;/i&gt;" in page
    assert "<b>A</b>" not in page
    assert "<i>Street</i>" not in page


def test_pages_carry_security_headers_and_are_not_cached(site: Site) -> None:
    client = site.sign_in()
    for answer in (client.get("/admin"), site.client().get("/admin/sign-in")):
        headers = answer.headers
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert "script-src" not in headers["content-security-policy"]  # default-src 'none'
        assert headers["x-frame-options"] == "DENY"
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["cache-control"] == "no-store"
    cookie = client.cookies.jar
    (session,) = [c for c in cookie if c.name == "loyalty_admin"]
    assert session.has_nonstandard_attr("HttpOnly")
    assert session.get_nonstandard_attr("SameSite", "").lower() == "strict"
    assert session.path == "/admin"


@pytest.fixture
def limited_site(tmp_path: Path) -> Iterator[Site]:
    yield from make_site(tmp_path, RateLimits(admin_sign_in="3/minute"))


def test_sign_in_attempts_are_limited_per_address(limited_site: Site) -> None:
    for _ in range(3):
        assert _attempt(limited_site, "x@a.example", "wrong wrong wrong").status_code == 401
    refused = _attempt(limited_site, "ada@a.example", PASSWORD)
    assert refused.status_code == 429
    assert "Too many sign-in attempts from this address" in refused.text
    assert int(refused.headers["retry-after"]) >= 1
    limited_site.clock.advance(timedelta(minutes=1))
    assert _attempt(limited_site, "ada@a.example", PASSWORD).status_code == 303


def test_the_dashboard_periods(site: Site) -> None:
    client = site.sign_in()
    for days in (7, 30, 365):
        page = client.get(f"/admin?days={days}").text
        assert f'aria-current="page">{days} days' in page
        assert page.count('aria-current="page"') == 1
    assert 'aria-current="page">30 days' in client.get("/admin?days=9999").text


def test_the_dashboard_counts_what_the_terminals_pushed(site: Site) -> None:
    api = site.api()
    main_street = site.api_vendor("Main <i>Street</i>")
    till = api.activate(main_street)
    card = till.enroll()  # CARD_CREATED and a 50-point welcome bonus
    till.push([till.entry("POINTS_EARNED", card, points_delta=30, purchase_amount=3000)])
    till.push([till.entry("STAMP_EARNED", card, stamps_delta=1)])
    page = site.sign_in().get("/admin?days=7").text
    stats = till.http.get("/v1/stats", params={"since": "2026-02-23T09:00:00+00:00"}).json()
    figures = dict(zip(
        ("cards", "active cards", "stamps given", "points earned", "enrollments"),
        ("1", "1", str(stats["company"]["stamps_given"]), str(stats["company"]["points_earned"]),
         "1"), strict=True,
    ))  # fmt: skip
    for label, value in figures.items():
        assert f'<span class="value">{value}</span>\n    <span class="label">{label}</span>' in page
    assert stats["company"]["stamps_given"] == 1
    assert "<svg" in page  # the chart, drawn on the server
    for api_client in api.clients:
        api_client.close()
