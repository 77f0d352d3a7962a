"""`loyalty-terminal activate`: make this computer a terminal of a store, once.

With the server's address and a one-time code from the company's back office: the server
answers with the terminal's id, its store and company, a token and a card-number block. The
token goes to the OS credential store (terminal.secrets) and nowhere else; the rest to the
local database. Then the first pull brings the company's program, stores, staff and cards,
with a progress bar. The first-run screen of the window does the same through `activate`.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from sync.client import (
    AuthExpired,
    CertificateError,
    Offline,
    ProtocolMismatch,
    Rejected,
    SyncClient,
    SyncError,
)
from sync.engine import SyncEngine
from sync.status import SyncStatus
from terminal.config import Settings
from terminal.logs import protect
from terminal.secrets import (
    CredentialStoreUnavailable,
    FileTokens,
    TokenStore,
    open_token_store,
)
from terminal.services.context import Sessions
from terminal.services.syncing.store import TerminalSyncStore, save_activation

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend  # a type only: keyring itself is secrets.py's


class ActivationFailed(Exception):
    """Why the activation did not happen; `code` for the window's texts, `message` for the
    command line and logs (never the token)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Activated:
    terminal_id: str
    terminal_name: str
    company_name: str
    vendor_name: str
    numbers: int  # card numbers reserved for offline enrollment


def check_server_url(url: str) -> str:
    """https, or http to this computer only (a token must never cross a network in clear)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ActivationFailed(
            "bad_url", f"{url!r} is not a server address: use https://server.example.com"
        )
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise ActivationFailed(
            "plain_http",
            f"{url} sends the terminal's token unencrypted: use https:// (plain http is "
            "only accepted for a server on this computer)",
        )
    return url.strip().rstrip("/")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class LogProtectedTokens:
    """A token store whose every token, read or written, is kept out of logs and crash
    reports (terminal/logs.py)."""

    def __init__(self, store: TokenStore) -> None:
        self._store = store
        self.kind = store.kind

    def load(self, terminal_id: str) -> str | None:
        token = self._store.load(terminal_id)
        protect(token)
        return token

    def save(self, terminal_id: str, token: str) -> None:
        protect(token)
        self._store.save(terminal_id, token)

    def delete(self, terminal_id: str) -> None:
        self._store.delete(terminal_id)


def token_store(
    settings: Settings, *, allow_file: bool = False, backend: KeyringBackend | None = None
) -> TokenStore:
    """The credential store this terminal uses; raises ActivationFailed without a secure
    one, unless the file fallback was chosen now (`allow_file`: used only when there is no
    secure store) or at an earlier activation (settings say "file": then always the file,
    even if a secure store turned up since). `backend`: keyring's own choice unless given
    (tests)."""
    if settings.credential_store == "file":  # chosen at activation: the token is there
        return LogProtectedTokens(FileTokens(settings.credentials_path))
    try:
        store = open_token_store(
            backend=backend, file_fallback=settings.credentials_path if allow_file else None
        )
        return LogProtectedTokens(store)
    except CredentialStoreUnavailable as err:
        raise ActivationFailed(
            "no_credential_store",
            f"This computer has no secure credential store ({err.backend}), so the "
            "terminal's token cannot be kept safely. Install or unlock one (GNOME Keyring or "
            "KWallet on Linux; Windows and macOS have theirs), or choose the file fallback "
            f"(--allow-file-credentials: {settings.credentials_path}, readable by this user "
            "only).",
        ) from err


def activate(
    settings: Settings,
    sessions: Sessions,
    *,
    server_url: str,
    code: str,
    name: str,
    tokens: TokenStore,
    now: datetime,
    client: SyncClient | None = None,
) -> Activated:
    url = check_server_url(server_url)
    own = client is None
    client = client or SyncClient(url, verify=_verify(settings))
    try:
        answer = client.activate(code.strip(), name.strip() or "Terminal")
    except SyncError as err:
        raise _failure(err, url) from err
    finally:
        if own:
            client.close()
    try:
        tokens.save(answer.terminal_id, answer.token)
    except Exception as err:  # the code is spent: say so, never print the token
        raise ActivationFailed(
            "token_not_saved",
            f"The server activated the terminal but its token could not be stored "
            f"({type(err).__name__}): ask the back office for a new code.",
        ) from err
    save_activation(sessions, answer, url, now)
    block = answer.card_number_block
    return Activated(
        answer.terminal_id,
        answer.terminal_name,
        answer.company_name,
        answer.vendor_name,
        block.last_body - block.first_body + 1,
    )


def _verify(settings: Settings) -> bool | str:
    return str(settings.server_ca_bundle) if settings.server_ca_bundle else True


def _failure(err: SyncError, url: str) -> ActivationFailed:
    if isinstance(err, CertificateError):
        return ActivationFailed(
            "certificate",
            f"The certificate of {url} is not trusted by this computer. If the company uses "
            "its own certificate authority, set server_ca_bundle in the settings.",
        )
    if isinstance(err, Offline):
        return ActivationFailed("offline", f"No answer from {url}: check the address and network.")
    if isinstance(err, ProtocolMismatch):
        return ActivationFailed(
            "protocol_version", f"{url} speaks another protocol version: update the terminal."
        )
    if isinstance(err, AuthExpired | Rejected):
        return ActivationFailed(
            "code_refused",
            "The server refused this activation code: it is unknown, already used or "
            "expired. Ask the back office for a new one.",
        )
    return ActivationFailed("server_error", f"The server at {url} failed: {err}")


def first_pull(
    settings: Settings,
    database: Sessions,
    *,
    tokens: TokenStore,
    on_status: Callable[[SyncStatus], None],
) -> SyncStatus:
    """The company's data into the cache, page after page (each page one short commit)."""
    store = TerminalSyncStore(database)
    terminal_id, url = store.terminal_id(), store.server_url()
    if terminal_id is None or url is None:
        raise ActivationFailed("not_activated", "This terminal is not activated.")
    with SyncClient(url, token=tokens.load(terminal_id), verify=_verify(settings)) as client:
        return SyncEngine(store, client, on_status=on_status).run_once()
