"""The `loyalty-server` admin command line against a real database file."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from sync.server import auth
from sync.server.cli import DATABASE_ENV, main
from sync.server.db import make_engine, make_sessionmaker
from sync.server.models import Company, Vendor
from terminal.domain.clock import SystemClock


def test_admin_commands_set_up_a_company_that_terminals_can_join(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATABASE_ENV, f"sqlite:///{tmp_path / 'cli.db'}")
    assert main(["init"]) == 0
    assert main(["create-company", "--name", "Demo Coffee"]) == 0
    assert main(["create-vendor", "--company", "1", "--name", "Main", "--timezone", "UTC",
                 "--country", "FR"]) == 0  # fmt: skip
    assert main(["create-staff", "--company", "1", "--name", "Ann", "--pin", "2468"]) == 0
    capsys.readouterr()
    assert main(["activation-code", "--vendor", "1", "--hours", "1"]) == 0
    code = capsys.readouterr().out.strip()
    assert len(code) == 14

    engine = make_engine(f"sqlite:///{tmp_path / 'cli.db'}")
    with make_sessionmaker(engine).begin() as session:
        terminal, _token, block = auth.activate_terminal(
            session, code, "Till", SystemClock().now(), 10
        )
        company = session.get(Company, terminal.company_id)
        assert company is not None
        assert company.name == "Demo Coffee"
        assert block.size == 10
    engine.dispose()


def test_admin_errors_are_messages_not_tracebacks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["--database", database, "create-vendor", "--company", "7", "--name", "X"]) == 2
    assert "no company 7" in capsys.readouterr().err
    assert main(["--database", database, "create-company", "--name", "C"]) == 0
    assert (
        main(
            [
                "--database",
                database,
                "create-staff",
                "--company",
                "1",
                "--name",
                "A",
                "--pin",
                "1111",
            ]
        )
        == 2
    )
    assert "too easy" in capsys.readouterr().err


def test_create_vendor_takes_the_country_of_its_time_zone_or_asks_for_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["--database", database, "create-company", "--name", "C"]) == 0
    vendor = ["--database", database, "create-vendor", "--company", "1", "--name"]

    assert main([*vendor, "Paris", "--timezone", "Europe/Paris"]) == 0
    assert main([*vendor, "Berlin", "--timezone", "Europe/Berlin", "--country", "de"]) == 0
    capsys.readouterr()
    assert main([*vendor, "Nowhere", "--timezone", "UTC"]) == 2
    assert "--country" in capsys.readouterr().err
    assert main([*vendor, "Nowhere"]) == 2  # the default time zone is UTC
    assert main([*vendor, "Atlantis", "--country", "XX"]) == 2
    assert "two-letter ISO 3166 code" in capsys.readouterr().err

    engine = make_engine(database)
    with make_sessionmaker(engine).begin() as session:
        stores = {vendor.name: vendor.country for vendor in session.scalars(select(Vendor))}
    engine.dispose()
    assert stores == {"Paris": "FR", "Berlin": "DE"}
