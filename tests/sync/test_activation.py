"""`loyalty-terminal activate` and the first-run screen's activation, against the real server:
the token only in the credential store, the company pulled with progress, every refusal
clear and harmless."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from keyring.backends import fail
from sqlalchemy import select

from sync.status import SyncStatus
from terminal.activation import (
    ActivationFailed,
    activate,
    check_server_url,
    first_pull,
    token_store,
)
from terminal.config import Settings
from terminal.secrets import FileTokens
from terminal.services.bundle import counter_services
from terminal.store.models import TerminalIdentity
from terminal.store.schema import open_current
from tests.sync.conftest import World
from tests.sync.test_token_store import MemoryKeyring

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_activation_keeps_the_token_in_the_credential_store_only(
    world: World, tmp_path: Path
) -> None:
    settings = Settings(data_dir=tmp_path)
    keyring = MemoryKeyring()
    tokens = token_store(settings, backend=keyring)
    database = open_current(settings.database_path)
    try:
        done = activate(
            settings,
            database,
            server_url=world.server.url,
            code=world.server.activation_code(world.vendor_a1),
            name="Counter 1",
            tokens=tokens,
            now=NOW,
        )
        assert (done.vendor_name, done.company_name, done.terminal_name) == (
            "A Main Street", "Company A", "Counter 1",
        )  # fmt: skip
        token = tokens.load(done.terminal_id)
        assert token
        assert list(keyring.secrets.values()) == [token]
        statuses: list[SyncStatus] = []
        status = first_pull(settings, database, tokens=tokens, on_status=statuses.append)
        assert status.state == "online"
        assert status.pulled > 0
        info = counter_services(database, world.server.clock).terminal.info()
        assert info.vendor_name == "A Main Street"
        assert info.country == "FR"  # the stand-in store got the server's record
    finally:
        database.dispose()
    for path in tmp_path.rglob("*"):  # the database, its WAL, anything else written
        if path.is_file():
            assert token.encode() not in path.read_bytes(), path


def test_a_refused_code_changes_nothing(world: World, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    database = open_current(settings.database_path)
    try:
        with pytest.raises(ActivationFailed) as refused:
            activate(
                settings,
                database,
                server_url=world.server.url,
                code="WRONG-CODE",
                name="Counter 1",
                tokens=FileTokens(tmp_path / "tokens.json"),
                now=NOW,
            )
        assert refused.value.code == "code_refused"
        with database.reader() as session:
            assert session.scalar(select(TerminalIdentity)) is None
        assert not (tmp_path / "tokens.json").exists()
    finally:
        database.dispose()


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("http://loyalty.example.com", "plain_http"),
        ("ftp://loyalty.example.com", "bad_url"),
        ("loyalty.example.com", "bad_url"),
    ],
)
def test_addresses_that_would_leak_the_token_are_refused(url: str, code: str) -> None:
    with pytest.raises(ActivationFailed) as refused:
        check_server_url(url)
    assert refused.value.code == code


def test_loopback_http_and_https_are_fine() -> None:
    assert check_server_url("http://127.0.0.1:8000/") == "http://127.0.0.1:8000"
    assert check_server_url(" https://loyalty.example.com ") == "https://loyalty.example.com"


def test_without_a_secure_store_only_an_explicit_choice_uses_a_file(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    with pytest.raises(ActivationFailed) as refused:
        token_store(settings, backend=fail.Keyring())
    assert refused.value.code == "no_credential_store"
    assert "--allow-file-credentials" in refused.value.message
    assert token_store(settings, allow_file=True, backend=fail.Keyring()).kind == "file"
    chosen = settings.model_copy(update={"credential_store": "file"})
    assert token_store(chosen, backend=fail.Keyring()).kind == "file"


def test_a_file_chosen_at_activation_stays_the_store_when_a_keyring_turns_up(
    tmp_path: Path,
) -> None:
    chosen = Settings(data_dir=tmp_path, credential_store="file")
    FileTokens(chosen.credentials_path).save("t-1", "token-in-the-file")
    store = token_store(chosen, backend=MemoryKeyring())
    assert store.kind == "file"
    assert store.load("t-1") == "token-in-the-file"


def test_allow_file_with_a_secure_store_uses_the_secure_store(tmp_path: Path) -> None:
    store = token_store(Settings(data_dir=tmp_path), allow_file=True, backend=MemoryKeyring())
    assert store.kind == "keyring"


def test_the_command_activates_and_pulls_with_a_progress_bar(world: World, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",  # no secure store here
    }
    code = world.server.activation_code(world.vendor_a2)
    command = [sys.executable, "-m", "terminal", "activate", "--server", world.server.url]
    refused = subprocess.run(  # noqa: S603 - our own command line
        [*command, "--code", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert refused.returncode == 2
    assert "no secure credential store" in refused.stderr
    done = subprocess.run(  # noqa: S603
        [*command, "--code", code, "--name", "Kiosk", "--allow-file-credentials"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Activated: Kiosk of A Station (Company A)" in done.stdout
    assert "Receiving the company's data" in done.stderr  # the progress bar
    assert "Ready:" in done.stdout
    settings_file = next((tmp_path / "config").rglob("settings.toml"))
    assert 'credential_store = "file"' in settings_file.read_text()
    again = subprocess.run(  # noqa: S603 - the code is spent now
        [*command, "--code", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert again.returncode == 2
    assert "refused this activation code" in again.stderr
