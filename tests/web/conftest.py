"""The central server's web pages over loopback HTTP, and a real browser (the system's
Chromium driven by Playwright for Python; tests/run.sh installs it from the OS packages)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from argon2 import PasswordHasher
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from sync.server import admin
from sync.server.app import create_app
from sync.server.db import make_engine, make_sessionmaker
from sync.server.models import Vendor
from sync.server.ratelimit import RateLimits
from sync.server.web.accounts import AdminAuth
from sync.server.web.passwords import Passwords
from terminal.domain.clock import ManualClock
from terminal.domain.pins import hash_pin
from tests.sync.conftest import START, LiveServer, uvicorn_thread

PASSWORD = "correct horse battery"
# the real Argon2id format with the smallest cost, so a test signs in in milliseconds
CHEAP = Passwords(PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


@dataclass
class Site:
    url: str
    clock: ManualClock
    sessions: sessionmaker[Session]
    auth: AdminAuth
    company_a: int
    company_b: int
    engine: Any = None
    clients: list[httpx.Client] = field(default_factory=list)

    def api_vendor(self, name: str) -> int:
        with self.sessions() as session:
            found = session.scalar(select(Vendor.id).where(Vendor.name == name))
            assert found is not None
            return found

    def api(self) -> LiveServer:
        """The same server as the sync tests see it (terminals, pushes)."""
        return LiveServer(self.url, self.clock, self.engine, self.sessions)

    def client(self) -> httpx.Client:
        client = httpx.Client(base_url=self.url, follow_redirects=False, timeout=10.0)
        self.clients.append(client)
        return client

    def sign_in(self, email: str = "ada@a.example", password: str = PASSWORD) -> httpx.Client:
        """An httpx client holding a signed-in session (through the real form)."""
        client = self.client()
        form = client.get("/admin/sign-in")
        token = _csrf_of(form.text)
        answer = client.post(
            "/admin/sign-in", data={"email": email, "password": password, "csrf_token": token}
        )
        assert answer.status_code == 303, answer.text
        return client


def _csrf_of(html: str) -> str:
    marker = 'name="csrf_token" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


csrf_of = _csrf_of


def make_site(tmp_path: Path, rate_limits: RateLimits | None = None) -> Iterator[Site]:
    engine = make_engine(f"sqlite:///{tmp_path / 'server.db'}")
    clock = ManualClock(START)
    app = create_app(engine, clock=clock, rate_limits=rate_limits, admin_passwords=CHEAP)
    sessions = make_sessionmaker(engine)
    with sessions.begin() as session:
        a = admin.create_company(session, "Company <b>A</b>", START)
        admin.create_vendor(session, a.id, "Main <i>Street</i>", START, timezone="Europe/Paris")
        admin.create_vendor(session, a.id, "Station", START, country="FR")
        admin.create_staff(session, a.id, "Alice", "2468", START, pin_hash=hash_pin("2468", n=16))
        b = admin.create_company(session, "Company B", START)
        admin.create_vendor(session, b.id, "B Harbour", START, country="FR")
        admin.create_staff(session, b.id, "Bea", "2468", START, pin_hash=hash_pin("2468", n=16))
        company_a, company_b = a.id, b.id
    auth = AdminAuth(sessions, clock, CHEAP)
    auth.create_admin(company_a, "ada@a.example", "Ada <Admin>", PASSWORD)
    auth.create_admin(company_b, "bob@b.example", "Bob", PASSWORD)
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off")
    with uvicorn_thread(config, name="loyalty-web") as port:
        site = Site(f"http://127.0.0.1:{port}", clock, sessions, auth, company_a, company_b, engine)
        try:
            yield site
        finally:
            for client in site.clients:
                client.close()
    engine.dispose()


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    yield from make_site(tmp_path)


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    executable = chromium_path()
    if executable is None:
        if os.environ.get("CI") or os.environ.get("LOYALTY_REQUIRE_BROWSER") == "1":
            pytest.fail("no Chromium: apt-get install chromium (tests/run.sh does)")
        pytest.skip("no Chromium: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # --no-sandbox: CI runs as root, where Chromium's sandbox cannot start
        chromium = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    try:
        yield context.new_page()
    finally:
        context.close()
