"""`doctor`'s credential checks: which keyring backend, the file fallback's permissions, and
whether this terminal's token is there, with an in-memory keyring and token store (the OS
credential store is never touched) and real files; the token is never printed."""

from __future__ import annotations

import io
import json
from pathlib import Path

import keyring.errors
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null

from terminal.config import Settings
from terminal.doctor import (
    Check,
    Outcome,
    check_credential_store,
    check_credentials_file,
    check_token,
    run_checks,
    run_doctor,
)
from terminal.secrets import FileTokens, KeyringTokens
from tests.factories import make_terminal
from tests.sync.test_token_store import MemoryKeyring, PlaintextKeyring

TERMINAL = "6f1c2b4e-8a7d-4c1e-9b2a-3d4e5f607182"
TOKEN = "tok-5b0f7d1e9c2a4b6d8f0e1a3c5b7d9f1e"


class MemoryTokens:
    """A TokenStore in memory."""

    kind = "keyring"

    def __init__(self, tokens: dict[str, str] | None = None) -> None:
        self.tokens = dict(tokens or {})

    def load(self, terminal_id: str) -> str | None:
        return self.tokens.get(terminal_id)

    def save(self, terminal_id: str, token: str) -> None:
        self.tokens[terminal_id] = token

    def delete(self, terminal_id: str) -> None:
        self.tokens.pop(terminal_id, None)


def _chain(chained: list[KeyringBackend]) -> chainer.ChainerBackend:
    class Chain(chainer.ChainerBackend):
        backends = chained  # type: ignore[assignment]

    return Chain()


def _store(backend: KeyringBackend | Exception, *, path: Path, file_chosen: bool = False) -> Check:
    return check_credential_store(backend, file_chosen=file_chosen, credentials_path=path)


@pytest.mark.parametrize(
    ("backend", "named"),
    [
        (fail.Keyring(), "keyring.backends.fail.Keyring"),
        (_chain([]), "Chain with no backends"),
        (null.Keyring(), "keyring.backends.null.Keyring"),
        (_chain([PlaintextKeyring()]), "of [tests.sync.test_token_store.PlaintextKeyring]"),
    ],
)
def test_no_secure_credential_store_fails_with_what_to_install(
    tmp_path: Path, backend: KeyringBackend, named: str
) -> None:
    check = _store(backend, path=tmp_path / "credentials.json")
    assert check.outcome is Outcome.FAIL
    assert named in check.detail
    assert "install a Secret Service such as gnome-keyring or KWallet" in check.detail
    assert "--allow-file-credentials" in check.detail


def test_the_file_fallback_chosen_at_activation_is_not_a_failure(tmp_path: Path) -> None:
    check = _store(fail.Keyring(), file_chosen=True, path=tmp_path / "credentials.json")
    assert check.outcome is Outcome.OK
    assert f"the token is in the file fallback {tmp_path / 'credentials.json'}" in check.detail


def test_a_secure_backend_is_named_and_a_broken_keyring_config_fails(tmp_path: Path) -> None:
    path = tmp_path / "credentials.json"
    check = _store(_chain([MemoryKeyring(), PlaintextKeyring()]), path=path)
    assert check.outcome is Outcome.OK
    assert "of [tests.sync.test_token_store.MemoryKeyring, " in check.detail
    broken = _store(RuntimeError("no module named secretstorage"), path=path)
    assert broken.outcome is Outcome.FAIL
    assert "RuntimeError: no module named secretstorage" in broken.detail
    assert "keyringrc.cfg" in broken.detail


def test_a_file_chosen_at_activation_stays_in_use_beside_an_os_store(tmp_path: Path) -> None:
    """Settings that chose the file keep the token there even when a secure store turns up
    later (terminal.activation.token_store): doctor says which one is used."""
    path = tmp_path / "credentials.json"
    FileTokens(path).save(TERMINAL, TOKEN)
    check = _store(MemoryKeyring(), file_chosen=True, path=path)
    assert check.outcome is Outcome.OK
    assert f"the token is in the file fallback {path}" in check.detail
    assert "which the terminal does not use" in check.detail
    assert TOKEN not in check.detail


def test_the_credentials_file_must_be_its_owners_alone(tmp_path: Path) -> None:
    path = tmp_path / "credentials.json"
    assert check_credentials_file(path, file_chosen=False, activated=True).outcome is Outcome.SKIP
    missing = check_credentials_file(path, file_chosen=True, activated=True)
    assert missing.outcome is Outcome.WARN
    assert "is missing, and the token with it: activate again" in missing.detail
    not_yet = check_credentials_file(path, file_chosen=True, activated=False)
    assert not_yet.outcome is Outcome.OK
    FileTokens(path).save(TERMINAL, TOKEN)  # created 0600
    private = check_credentials_file(path, file_chosen=True, activated=True)
    assert private.outcome is Outcome.OK
    assert "readable by its owner only" in private.detail
    path.chmod(0o644)
    shared = check_credentials_file(path, file_chosen=True, activated=True)
    assert shared.outcome is Outcome.WARN
    assert f"open to other users (mode 0644): chmod 600 {path}" in shared.detail
    path.chmod(0o620)  # group may write: as bad
    assert check_credentials_file(path, file_chosen=True, activated=True).outcome is Outcome.WARN
    elsewhere = check_credentials_file(path, file_chosen=True, activated=True, posix=False)
    assert elsewhere.outcome is Outcome.OK


def test_the_token_of_this_terminal_is_found_or_its_absence_explained() -> None:
    assert check_token(MemoryTokens(), None).outcome is Outcome.SKIP
    assert check_token(None, TERMINAL).outcome is Outcome.SKIP
    present = check_token(MemoryTokens({TERMINAL: TOKEN}), TERMINAL)
    assert present.outcome is Outcome.OK
    assert present.detail == f"present for terminal {TERMINAL} in the OS credential store"
    other = check_token(MemoryTokens({"another-terminal": TOKEN}), TERMINAL)
    assert other.outcome is Outcome.FAIL
    assert f"no token for terminal {TERMINAL}" in other.detail
    assert "activate again with a new code from the back office" in other.detail
    assert TOKEN not in present.detail + other.detail


def test_a_locked_keyring_and_an_unreadable_file_say_what_to_do(tmp_path: Path) -> None:
    locked = check_token(KeyringTokens(MemoryKeyring(locked=True)), TERMINAL)
    assert locked.outcome is Outcome.FAIL
    assert "refused to answer" in locked.detail
    assert "unlock the keyring" in locked.detail
    path = tmp_path / "credentials.json"
    path.write_text("{half a json", encoding="utf-8")
    damaged = check_token(FileTokens(path), TERMINAL)
    assert damaged.outcome is Outcome.FAIL
    assert "the credentials file cannot be read" in damaged.detail
    assert "activate again" in damaged.detail


def test_an_unexpected_backend_error_is_a_failure_not_a_crash() -> None:
    class Exploding(MemoryKeyring):
        def get_password(self, service: str, username: str) -> str | None:
            raise OSError("D-Bus went away")

    check = check_token(KeyringTokens(Exploding()), TERMINAL)
    assert check.outcome is Outcome.FAIL
    assert "(OSError)" in check.detail


def _checks(settings: Settings, **injected: object) -> dict[str, Check]:
    checks = run_checks(
        settings,
        list_cameras=list,
        decoders={},
        default_decoder="zxing-cpp",
        offline=True,
        **injected,  # type: ignore[arg-type]
    )
    return {c.name: c for c in checks}


def test_an_activated_terminal_with_its_token_in_the_keyring(tmp_path: Path) -> None:
    term = make_terminal(tmp_path / "terminal.db")
    term.database.dispose()
    backend = MemoryKeyring()
    KeyringTokens(backend).save(term.terminal_id, TOKEN)
    checks = _checks(Settings(data_dir=tmp_path), keyring_backend=lambda: backend)
    assert checks["credential store"].outcome is Outcome.OK
    assert checks["credentials file"].outcome is Outcome.SKIP
    assert checks["token"].outcome is Outcome.OK
    assert term.terminal_id in checks["token"].detail
    missing = _checks(Settings(data_dir=tmp_path), keyring_backend=MemoryKeyring)
    assert missing["token"].outcome is Outcome.FAIL


def test_an_injected_token_store_is_the_one_asked(tmp_path: Path) -> None:
    term = make_terminal(tmp_path / "terminal.db")
    term.database.dispose()
    checks = _checks(
        Settings(data_dir=tmp_path),
        keyring_backend=MemoryKeyring,
        tokens=MemoryTokens({term.terminal_id: TOKEN}),
    )
    assert checks["token"].outcome is Outcome.OK


def test_the_file_fallback_end_to_end_never_prints_the_token(tmp_path: Path) -> None:
    term = make_terminal(tmp_path / "terminal.db")
    term.database.dispose()
    settings = Settings(data_dir=tmp_path, credential_store="file")
    FileTokens(settings.credentials_path).save(term.terminal_id, TOKEN)
    out = io.StringIO()
    run_doctor(
        settings,
        offline=True,
        as_json=True,
        out=out,
        list_cameras=list,
        decoders={},
        keyring_backend=fail.Keyring,
    )
    assert TOKEN not in out.getvalue()
    outcomes = {c["name"]: c["outcome"] for c in json.loads(out.getvalue())["checks"]}
    assert outcomes["credential store"] == "OK"
    assert outcomes["credentials file"] == "OK"
    assert outcomes["token"] == "OK"


def test_without_a_usable_store_the_token_is_not_looked_for(tmp_path: Path) -> None:
    term = make_terminal(tmp_path / "terminal.db")
    term.database.dispose()
    checks = _checks(Settings(data_dir=tmp_path), keyring_backend=fail.Keyring)
    assert checks["credential store"].outcome is Outcome.FAIL
    assert checks["token"].outcome is Outcome.SKIP
    assert "see credential store" in checks["token"].detail

    def unconfigured() -> KeyringBackend:
        raise keyring.errors.InitError("bad keyringrc.cfg")

    broken = _checks(Settings(data_dir=tmp_path), keyring_backend=unconfigured)
    assert broken["credential store"].outcome is Outcome.FAIL
    assert broken["token"].outcome is Outcome.SKIP
