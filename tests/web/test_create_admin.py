"""`loyalty-server create-admin`, and what an account refuses."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from sync.server.cli import main
from sync.server.web.accounts import AccountRefused
from sync.server.web.passwords import PasswordRefused
from tests.web.conftest import PASSWORD, Site


def test_the_command_creates_an_admin_who_can_sign_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    database = f"sqlite:///{tmp_path / 's.db'}"
    assert main(["--database", database, "create-company", "--name", "C"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough secret\n"))
    command = ["--database", database, "create-admin", "--company", "1",
               "--email", " Ada@Example.com ", "--name", "Ada", "--password-stdin"]  # fmt: skip
    assert main(command) == 0
    assert "admin 1 created: Ada@Example.com for company 1" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough secret\n"))
    assert main(command) == 2  # the address is taken now
    assert "ada@example.com already has an admin account" in capsys.readouterr().err


def test_a_weak_password_or_an_unknown_company_creates_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    database = f"sqlite:///{tmp_path / 's.db'}"
    assert main(["--database", database, "create-company", "--name", "C"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    base = ["--database", database, "create-admin", "--email", "a@b.example", "--name", "A",
            "--password-stdin"]  # fmt: skip
    assert main([*base, "--company", "1"]) == 2
    assert "at least 12 characters" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough secret\n"))
    assert main([*base, "--company", "9"]) == 2
    assert "There is no company 9" in capsys.readouterr().err


def test_accounts_refuse_what_a_back_office_must_not_hold(site: Site) -> None:
    with pytest.raises(PasswordRefused):
        site.auth.create_admin(site.company_a, "x@a.example", "X", "aaaaaaaaaaaaaaaa")
    with pytest.raises(AccountRefused) as taken:
        site.auth.create_admin(site.company_b, "ADA@a.example", "Ada again", PASSWORD)
    assert taken.value.code == "email_taken"
    with pytest.raises(AccountRefused) as bad:
        site.auth.create_admin(site.company_a, "not an address", "X", PASSWORD)
    assert bad.value.code == "email_invalid"
