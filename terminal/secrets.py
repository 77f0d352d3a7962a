"""Where the terminal's bearer token lives: the OS credential store, through keyring
(Windows Credential Manager, macOS Keychain, the Secret Service on Linux desktops).

Never in the settings, the database, a log or a crash report. A machine without a secure
credential store (a bare Linux kiosk, a container) makes `open_token_store` refuse with
`CredentialStoreUnavailable`, unless the operator explicitly chose the documented file
fallback: a file only its OS user can read (0600), in the terminal's data folder. The demo
chooses it. Services and UI get a `TokenStore`; which one is decided by the composition
root.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Protocol

import keyring
import keyring.errors
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null

SERVICE = "loyalty-terminal"  # the keyring service name; the username is the terminal id


class CredentialStoreUnavailable(Exception):
    """No secure credential store to keep the token in, or it refused (locked, denied).
    `backend`: keyring's name for what it found; the UI says what to do."""

    def __init__(self, backend: str, detail: str = "") -> None:
        super().__init__(f"no usable credential store ({backend}){': ' + detail if detail else ''}")
        self.backend = backend
        self.detail = detail


class TokenStore(Protocol):
    kind: str  # "keyring" or "file", for doctor and the status

    def load(self, terminal_id: str) -> str | None: ...

    def save(self, terminal_id: str, token: str) -> None: ...

    def delete(self, terminal_id: str) -> None: ...


def is_secure(backend: KeyringBackend) -> bool:
    """Whether `backend` keeps secrets in a real credential store: not keyring's "no
    backend" or "null" stand-ins, nor a plain-text file (keyrings.alt)."""
    if isinstance(backend, chainer.ChainerBackend):
        backends = list(backend.backends)
        return bool(backends) and is_secure(backends[0])  # writes go to the first
    if isinstance(backend, fail.Keyring | null.Keyring):
        return False
    kind = type(backend)
    return not (kind.__module__.startswith("keyrings.alt") or "plaintext" in kind.__name__.lower())


def _name(backend: KeyringBackend) -> str:
    return f"{type(backend).__module__}.{type(backend).__name__}"


class KeyringTokens:
    kind = "keyring"

    def __init__(self, backend: KeyringBackend) -> None:
        self._backend = backend

    def load(self, terminal_id: str) -> str | None:
        try:
            return self._backend.get_password(SERVICE, terminal_id)
        except keyring.errors.KeyringError as err:
            raise CredentialStoreUnavailable(_name(self._backend), type(err).__name__) from err

    def save(self, terminal_id: str, token: str) -> None:
        try:
            self._backend.set_password(SERVICE, terminal_id, token)
        except keyring.errors.KeyringError as err:
            raise CredentialStoreUnavailable(_name(self._backend), type(err).__name__) from err

    def delete(self, terminal_id: str) -> None:
        try:
            self._backend.delete_password(SERVICE, terminal_id)
        except keyring.errors.PasswordDeleteError:
            pass  # nothing stored: deleted already
        except keyring.errors.KeyringError as err:
            raise CredentialStoreUnavailable(_name(self._backend), type(err).__name__) from err


class FileTokens:
    """The explicit fallback: tokens by terminal id in a JSON file readable by this OS user
    only (created 0600, replaced atomically). Anyone with that user's access can read it."""

    kind = "file"

    def __init__(self, path: Path) -> None:
        self.path = path

    def _read(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as err:
            raise CredentialStoreUnavailable(f"file {self.path}", type(err).__name__) from err
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def _write(self, tokens: dict[str, str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".tokens-")
        try:
            os.chmod(temporary, 0o600)  # before the token is in it
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(tokens, out)
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def load(self, terminal_id: str) -> str | None:
        return self._read().get(terminal_id)

    def save(self, terminal_id: str, token: str) -> None:
        tokens = self._read()
        tokens[terminal_id] = token
        self._write(tokens)

    def delete(self, terminal_id: str) -> None:
        tokens = self._read()
        if tokens.pop(terminal_id, None) is not None:
            self._write(tokens)


def open_token_store(
    *, backend: KeyringBackend | None = None, file_fallback: Path | None = None
) -> TokenStore:
    """The OS credential store (`backend`: keyring's choice by default); without a secure
    one, `file_fallback` when the operator chose it, else CredentialStoreUnavailable."""
    chosen = backend if backend is not None else keyring.get_keyring()
    if is_secure(chosen):
        return KeyringTokens(chosen)
    if file_fallback is not None:
        return FileTokens(file_fallback)
    raise CredentialStoreUnavailable(_name(chosen))
