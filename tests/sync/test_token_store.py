"""terminal.secrets: the token in the OS credential store, refused without a secure one
unless the file fallback is chosen. The credential store is a true edge: an in-memory
keyring backend stands in for it, injected as the composition root injects the real one."""

from __future__ import annotations

import stat
from pathlib import Path

import keyring.errors
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null

from terminal.secrets import (
    SERVICE,
    CredentialStoreUnavailable,
    FileTokens,
    KeyringTokens,
    is_secure,
    open_token_store,
)

TERMINAL = "6f1c2b4e-8a7d-4c1e-9b2a-3d4e5f607182"


class MemoryKeyring(KeyringBackend):
    """A credential store in memory (what the OS keeps, as keyring sees it)."""

    priority = 10  # type: ignore[assignment]

    def __init__(self, *, locked: bool = False) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}
        self.locked = locked

    def _check(self) -> None:
        if self.locked:
            raise keyring.errors.KeyringLocked("the keychain is locked")

    def get_password(self, service: str, username: str) -> str | None:
        self._check()
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._check()
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._check()
        if self.secrets.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError("not found")


class PlaintextKeyring(MemoryKeyring):
    """Named like keyrings.alt's file backend: not a credential store."""


def test_a_secure_store_keeps_the_token_and_nothing_else_does(tmp_path: Path) -> None:
    backend = MemoryKeyring()
    store = open_token_store(backend=backend, file_fallback=tmp_path / "tokens.json")
    assert isinstance(store, KeyringTokens)
    assert store.load(TERMINAL) is None
    store.save(TERMINAL, "the-token")
    assert backend.secrets == {(SERVICE, TERMINAL): "the-token"}
    assert store.load(TERMINAL) == "the-token"
    assert not (tmp_path / "tokens.json").exists()  # the fallback was not needed
    store.delete(TERMINAL)
    store.delete(TERMINAL)  # twice is fine
    assert store.load(TERMINAL) is None


@pytest.mark.parametrize(
    "backend",
    [fail.Keyring(), null.Keyring(), PlaintextKeyring()],
    ids=["no backend", "null", "plain text"],
)
def test_no_secure_store_is_refused_unless_the_fallback_is_chosen(
    backend: KeyringBackend, tmp_path: Path
) -> None:
    assert not is_secure(backend)
    with pytest.raises(CredentialStoreUnavailable) as caught:
        open_token_store(backend=backend)
    assert type(backend).__name__ in caught.value.backend
    store = open_token_store(backend=backend, file_fallback=tmp_path / "t" / "tokens.json")
    assert isinstance(store, FileTokens)


def test_the_file_fallback_is_private_and_keeps_other_terminals(tmp_path: Path) -> None:
    path = tmp_path / "data" / "tokens.json"
    store = FileTokens(path)
    store.save(TERMINAL, "one")
    store.save("other-terminal", "two")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert FileTokens(path).load(TERMINAL) == "one"
    store.delete(TERMINAL)
    assert FileTokens(path).load(TERMINAL) is None
    assert FileTokens(path).load("other-terminal") == "two"
    assert [p.name for p in path.parent.iterdir()] == ["tokens.json"]  # no temporary left


def test_a_damaged_fallback_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "tokens.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(CredentialStoreUnavailable) as caught:
        FileTokens(path).load(TERMINAL)
    assert str(path) in caught.value.backend
    assert path.read_text(encoding="utf-8") == "{not json"  # left as it was


def test_a_locked_store_is_a_clear_error_not_a_crash() -> None:
    store = open_token_store(backend=MemoryKeyring(locked=True))
    for call in (lambda: store.load(TERMINAL), lambda: store.save(TERMINAL, "x")):
        with pytest.raises(CredentialStoreUnavailable) as caught:
            call()
        assert caught.value.detail == "KeyringLocked"
        assert "x" not in caught.value.detail


def test_a_chain_is_as_secure_as_the_backend_it_writes_to() -> None:
    secure, plain = MemoryKeyring(), PlaintextKeyring()
    assert is_secure(_chain([secure, plain]))
    assert not is_secure(_chain([plain, secure]))
    assert not is_secure(_chain([]))


def _chain(chained: list[KeyringBackend]) -> chainer.ChainerBackend:
    class Chain(chainer.ChainerBackend):  # keyring's chain of the given backends, in order
        backends = chained  # type: ignore[assignment]

    return Chain()
