"""Where the terminal's token lives: the OS credential store keyring found, the file
fallback's permissions, and whether the token of this terminal is there (never shown).

The keyring backend and the TokenStore are passed in, so tests use in-memory stand-ins.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import keyring
from keyring.backend import KeyringBackend
from keyring.backends import chainer

from terminal.doctor.outcome import Check, Outcome, skipped
from terminal.secrets import CredentialStoreUnavailable, TokenStore, is_secure

KeyringGetter = Callable[[], KeyringBackend]
REACTIVATE_HINT = "activate again with a new code from the back office"


def default_keyring() -> KeyringBackend:
    """keyring's own choice for this computer (what the terminal uses)."""
    return keyring.get_keyring()


def describe_backend(backend: KeyringBackend) -> str:
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    if isinstance(backend, chainer.ChainerBackend):
        inner = [describe_backend(b) for b in backend.backends]
        return f"{name} of [{', '.join(inner)}]" if inner else f"{name} with no backends"
    return name


def load_backend(get_backend: KeyringGetter) -> KeyringBackend | Exception:
    """The backend, or why keyring could not pick one (a broken keyringrc.cfg, ...)."""
    try:
        return get_backend()
    except Exception as err:  # keyring raises whatever its configured backend raises
        return err


def check_credential_store(
    backend: KeyringBackend | Exception, *, file_chosen: bool, credentials_path: Path
) -> Check:
    if isinstance(backend, Exception):
        return Check(
            "credential store",
            Outcome.FAIL,
            f"keyring cannot choose a credential store ({type(backend).__name__}: {backend}): "
            "check keyring's configuration (keyringrc.cfg, PYTHON_KEYRING_BACKEND)",
        )
    name = describe_backend(backend)
    if not is_secure(backend):
        if file_chosen:
            return Check(
                "credential store",
                Outcome.OK,
                f"no OS credential store ({name}); the token is in the file fallback "
                f"{credentials_path}, chosen at activation",
            )
        return Check(
            "credential store",
            Outcome.FAIL,
            f"no usable OS credential store ({name}): install a Secret Service such as "
            "gnome-keyring or KWallet (and unlock it), or activate with "
            "--allow-file-credentials",
        )
    if file_chosen:
        return Check(
            "credential store",
            Outcome.OK,
            f"the token is in the file fallback {credentials_path}, chosen at activation "
            f"(this computer also has an OS credential store, {name}, which the terminal "
            "does not use: activate again without --allow-file-credentials to move to it)",
        )
    return Check("credential store", Outcome.OK, f"OS credential store: {name}")


def check_credentials_file(
    path: Path, *, file_chosen: bool, activated: bool, posix: bool = os.name == "posix"
) -> Check:
    if not file_chosen:
        return skipped("credentials file", "not used: credential_store = keyring")
    if not path.exists():
        if activated:
            return Check(
                "credentials file",
                Outcome.WARN,
                f"{path} is missing, and the token with it: {REACTIVATE_HINT}",
            )
        return Check("credentials file", Outcome.OK, f"{path} not created yet (made at activation)")
    if not posix:
        return Check(
            "credentials file", Outcome.OK, f"{path} present (permissions not checked here)"
        )
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        return Check(
            "credentials file",
            Outcome.WARN,
            f"{path} is open to other users (mode {mode:04o}): chmod 600 {path}",
        )
    return Check("credentials file", Outcome.OK, f"{path} readable by its owner only")


def check_token(tokens: TokenStore | None, terminal_id: str | None) -> Check:
    """Whether the token of `terminal_id` is in the store; the token itself is never shown."""
    if terminal_id is None:
        return skipped("token", "not activated: no token expected")
    if tokens is None:
        return skipped("token", "no usable credential store: see credential store")
    where = "the OS credential store" if tokens.kind == "keyring" else "the credentials file"
    try:
        token = tokens.load(terminal_id)
    except Exception as err:  # CredentialStoreUnavailable, or a backend's own error
        return Check("token", Outcome.FAIL, _unreadable(tokens.kind, where, err))
    if not token:
        return Check(
            "token",
            Outcome.FAIL,
            f"no token for terminal {terminal_id} in {where}, so it cannot sync: {REACTIVATE_HINT}",
        )
    return Check("token", Outcome.OK, f"present for terminal {terminal_id} in {where}")


def _unreadable(kind: str, where: str, err: Exception) -> str:
    reason = str(err) if isinstance(err, CredentialStoreUnavailable) else type(err).__name__
    if kind == "file":
        return f"{where} cannot be read ({reason}): {REACTIVATE_HINT}"
    return (
        f"{where} refused to answer ({reason}): unlock it (log in to the desktop session, "
        "unlock the keyring) and run doctor again"
    )
