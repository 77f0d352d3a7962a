"""Screenshots of the back office's pages at desktop and phone widths, in the system's
Chromium: `.venv/bin/python -m tests.web.screenshots [--out DIR]` (default: `webshots` in
the temporary folder)."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.web.conftest import PASSWORD, chromium_path, make_site
from tests.web.test_admin_conflicts import _overdraft as overdraft

SIZES = (("desktop", {"width": 1366, "height": 768}), ("phone", {"width": 390, "height": 844}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "webshots")
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        sites = make_site(Path(tmp))
        site = next(sites)
        api = site.api()
        till = api.activate(site.api_vendor("Main <i>Street</i>"))
        for _ in range(5):
            card = till.enroll()
            till.push([till.entry("POINTS_EARNED", card, points_delta=30, purchase_amount=3000)])
        _card, _entry, more_clients = overdraft(site)  # one conflict for the queue
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), args=["--no-sandbox"]
            )
            for name, viewport in SIZES:
                context = browser.new_context(viewport=viewport)
                page = context.new_page()
                page.goto(f"{site.url}/admin/sign-in")
                page.screenshot(path=str(out / f"sign-in-{name}.png"), full_page=True)
                page.fill("#email", "ada@a.example")
                page.fill("#password", "wrong password here")
                page.click("button[type=submit]")
                page.screenshot(path=str(out / f"sign-in-wrong-{name}.png"), full_page=True)
                page.fill("#password", PASSWORD)
                page.click("button[type=submit]")
                page.wait_for_url(f"{site.url}/admin")
                page.screenshot(path=str(out / f"dashboard-{name}.png"), full_page=True)
                page.goto(f"{site.url}/admin/program")
                page.fill("#stamps_target", "0")
                page.click("text=Save the program")
                page.screenshot(path=str(out / f"program-refused-{name}.png"), full_page=True)
                page.goto(f"{site.url}/admin/stores")
                page.click("text=New activation code for Station")
                page.screenshot(path=str(out / f"stores-{name}.png"), full_page=True)
                page.goto(f"{site.url}/admin/staff")
                page.fill("#staff-name", "New cashier")
                page.fill("#staff-pin", "1111")
                page.click("button:text('Add')")
                page.screenshot(path=str(out / f"staff-refused-{name}.png"), full_page=True)
                page.goto(f"{site.url}/admin/conflicts")
                page.screenshot(path=str(out / f"conflicts-{name}.png"), full_page=True)
                context.close()
            browser.close()
        for client in [*api.clients, *more_clients]:
            client.close()
        for _ in sites:  # the server stops
            pass
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
