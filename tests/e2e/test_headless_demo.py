"""`loyalty-terminal demo --headless`: the scripted counter session, end to end."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from terminal.__main__ import main
from terminal.store.models import LedgerEntry, LoyaltyCard
from terminal.store.schema import open_current


def test_the_headless_demo_plays_the_counter_session(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["demo", "--headless", "--data-dir", str(tmp_path), "--customers", "12"])

    out = capsys.readouterr().out
    assert code == 0
    assert "enroll Camille Durand: OK - Card 4000-0000-" in out
    assert "Welcome bonus: 50 points" in out
    assert "read in 2 equal frames" in out  # the camera stand-in, through the real decoders
    assert "USB scanner (keyboard wedge: text + Enter): OK" in out
    assert "add another stamp right away: REFUSED - A stamp was given less than 5 minutes" in out
    assert "earn points on a purchase of 123,45: OK - 123 points" in out
    assert "redeem 'Pastry' with a wrong PIN: REFUSED - Wrong PIN. 4 attempts left" in out
    assert (
        "return 200.00 of it: REFUSED - Only 100.00 of this purchase can still be returned" in out
    )
    assert "type the number with a typo: REFUSED - This card number is not valid" in out
    assert "cashier deactivates: REFUSED - Only a manager can do this" in out
    assert "PIN 2468" in out
    assert "PIN 1357" in out
    # Two stores syncing through the demo's central server, for real.
    assert "central server at http://127.0.0.1:" in out
    assert "counter 1: Main Street activated (a one-time code, the first time)" in out
    assert "counter 2: " in out
    assert "enroll Noa Martin: OK" in out
    assert "syncs: online, 0 waiting to be sent, 0 conflicts" in out
    assert "pending: the same card, counted once" in out
    assert "earn points on 10.00, offline: OK" in out
    assert "tries to sync: offline (offline), 1 waiting to be sent" in out
    assert "points: they agree" in out
    assert "Demo finished: 14 operations done, 8 refused as expected." in out

    database = open_current(tmp_path / "demo" / "demo-terminal.db")
    with database.reader() as session:
        assert session.scalar(select(func.count()).select_from(LoyaltyCard)) == 13
        for card in session.scalars(select(LoyaltyCard)):
            stamps, points = session.execute(
                select(
                    func.sum(LedgerEntry.stamps_delta), func.sum(LedgerEntry.points_delta)
                ).where(LedgerEntry.card_id == card.id)
            ).one()
            assert (stamps, points) == (card.stamp_count, card.points_balance)
    database.dispose()


def test_a_second_run_reuses_the_demo_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "--headless", "--data-dir", str(tmp_path), "--customers", "5"]) == 0
    capsys.readouterr()
    assert main(["demo", "--headless", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Reusing the demo database" in out
    assert "points: they agree" in out  # the same server and counters, activated once
    assert "Demo finished: 14 operations done, 8 refused as expected." in out


def test_a_damaged_demo_database_gets_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "demo-terminal.db").write_bytes(b"garbage, not a database" * 100)
    assert main(["demo", "--headless", "--data-dir", str(tmp_path)]) == 2
    assert "damaged or is not a loyalty database" in capsys.readouterr().err


def test_bad_arguments_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--headless", "--data-dir", str(tmp_path), "--customers", "0"]) == 2
    assert "--customers takes 1 to 100000" in capsys.readouterr().err


def test_without_a_display_the_demo_says_so_and_plays_headless(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")  # what a machine without a screen has
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert main(["demo", "--data-dir", str(tmp_path), "--customers", "20"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("No display found")
    assert "Demo finished" in out


def test_the_counter_without_a_display_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert main(["--data-dir", str(tmp_path)]) == 2  # (its log in tmp_path, not the user's)
    assert "no display found" in capsys.readouterr().err
