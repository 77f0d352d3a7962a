"""Every check in order, and `run_doctor`, the command's entry point that builds the real
collaborators (cameras, decoders, keyring, network, clock) for what it is not given."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Mapping
from typing import TextIO

import httpx

from terminal.activation import ActivationFailed, token_store
from terminal.config import Settings
from terminal.doctor import credentials, server
from terminal.doctor.database import (
    DatabaseUnreadable,
    DiskUsage,
    Identity,
    check_database,
    check_database_lock,
    check_disk_space,
    read_identity,
)
from terminal.doctor.display import check_window
from terminal.doctor.hardware import check_cameras, check_decoders
from terminal.doctor.outcome import Check
from terminal.doctor.report import report, report_json
from terminal.domain.clock import Clock, SystemClock
from terminal.scanner import camera
from terminal.scanner.camera import CameraInfo
from terminal.scanner.decoders import Decoder, available_decoders
from terminal.secrets import TokenStore

CameraLister = Callable[[], list[CameraInfo]]


def default_decoder_name(settings: Settings) -> str:
    """The engine the counter relies on: zxing-cpp, unless the settings choose pyzbar."""
    return "pyzbar" if settings.decoder == "pyzbar" else "zxing-cpp"


def run_checks(
    settings: Settings,
    *,
    list_cameras: CameraLister,
    decoders: Mapping[str, Decoder],
    default_decoder: str,
    offline: bool = False,
    tokens: TokenStore | None = None,
    keyring_backend: credentials.KeyringGetter = credentials.default_keyring,
    transport: httpx.BaseTransport | None = None,
    clock: Clock | None = None,
    disk_usage: DiskUsage = shutil.disk_usage,
    window: Callable[[], Check] = check_window,
) -> list[Check]:
    """`tokens`: where the token is looked up; by default the store the terminal itself
    would open (terminal.activation.token_store) over `keyring_backend`'s choice."""
    try:
        identity, unreadable = read_identity(settings.database_path), False
    except DatabaseUnreadable:
        identity, unreadable = Identity(), True
    return [
        window(),
        check_cameras(list_cameras(), settings.camera_index),
        *check_decoders(decoders, default_decoder),
        check_database(settings.database_path),
        check_database_lock(settings.database_path),
        check_disk_space(settings.data_dir, disk_usage=disk_usage),
        *_credential_checks(settings, identity, keyring_backend, tokens),
        *_server_checks(settings, identity, unreadable, offline, transport, clock),
    ]


def _credential_checks(
    settings: Settings,
    identity: Identity,
    keyring_backend: credentials.KeyringGetter,
    tokens: TokenStore | None,
) -> list[Check]:
    file_chosen = settings.credential_store == "file"
    backend = credentials.load_backend(keyring_backend)
    if tokens is None and not isinstance(backend, Exception):
        try:
            tokens = token_store(settings, backend=backend)
        except ActivationFailed:
            tokens = None  # no usable store: the credential store check says what to do
    return [
        credentials.check_credential_store(
            backend, file_chosen=file_chosen, credentials_path=settings.credentials_path
        ),
        credentials.check_credentials_file(
            settings.credentials_path,
            file_chosen=file_chosen,
            activated=identity.terminal_id is not None,
        ),
        credentials.check_token(tokens, identity.terminal_id),
    ]


def _server_checks(
    settings: Settings,
    identity: Identity,
    unreadable: bool,
    offline: bool,
    transport: httpx.BaseTransport | None,
    clock: Clock | None,
) -> list[Check]:
    if offline:
        return server.not_checked("--offline")
    if unreadable:
        return server.not_checked("the local database cannot be read: see database")
    if identity.terminal_id is None or not identity.server_url:
        return server.not_activated()
    return server.check_server(
        identity.server_url,
        clock=clock or SystemClock(),
        ca_bundle=settings.server_ca_bundle,
        transport=transport,
    )


def run_doctor(
    settings: Settings,
    *,
    offline: bool,
    as_json: bool,
    out: TextIO,
    max_camera_index: int = 5,
    list_cameras: CameraLister | None = None,
    decoders: Mapping[str, Decoder] | None = None,
    tokens: TokenStore | None = None,
    transport: httpx.BaseTransport | None = None,
    clock: Clock | None = None,
    keyring_backend: credentials.KeyringGetter = credentials.default_keyring,
    window: Callable[[], Check] = check_window,
) -> int:
    """`loyalty-terminal doctor [--offline] [--json]`: prints the checks to `out` and
    returns the exit code, 0 when nothing failed (OK, WARN and SKIP), 1 on any FAIL."""
    checks = run_checks(
        settings,
        list_cameras=list_cameras or _camera_lister(settings, max_camera_index),
        decoders=available_decoders() if decoders is None else decoders,
        default_decoder=default_decoder_name(settings),
        offline=offline,
        tokens=tokens,
        keyring_backend=keyring_backend,
        transport=transport,
        clock=clock,
        window=window,
    )
    return report_json(checks, out) if as_json else report(checks, out)


def _camera_lister(settings: Settings, max_camera_index: int) -> CameraLister:
    highest = max(max_camera_index, settings.camera_index)
    return lambda: camera.list_cameras(highest, backend=settings.camera_backend)
