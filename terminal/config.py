"""Typed settings, in one place: where the files live and how the terminal behaves.

Settings come from one TOML file in the platform's config folder (optional: every field
has a default), and the folders follow the platform's conventions through platformdirs.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, ValidationError

APP_NAME = "loyalty-terminal"
APP_AUTHOR = "LoyaltyTerminal"
SETTINGS_FILE = "settings.toml"


class SettingsError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def default_config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR))


def default_log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    data_dir: Path = Field(default_factory=default_data_dir)
    log_dir: Path = Field(default_factory=default_log_dir)
    max_purchase_amount_minor: int = Field(default=1_000_000, gt=0)
    return_to_idle_seconds: int = Field(default=5, ge=1, le=120)
    # the manager views lock after this long without a key or a click
    manager_lock_seconds: int = Field(default=120, ge=15, le=3600)
    # the card reader
    camera_index: int = Field(default=0, ge=0, le=63)
    camera_backend: Literal["any", "v4l2", "dshow", "msmf", "avfoundation"] = "any"
    camera_width: int = Field(default=1280, ge=160, le=3840)
    camera_height: int = Field(default=720, ge=120, le=2160)
    scan_required_reads: int = Field(default=2, ge=1, le=10)
    scan_window_seconds: float = Field(default=0.6, gt=0, le=5)
    scan_repeat_cooldown_seconds: float = Field(default=1.5, ge=0, le=10)
    # "default" is zxing-cpp with pyzbar on the codes it could not read (default_decoder())
    decoder: Literal["default", "zxing-cpp", "pyzbar"] = "default"
    # the counter
    language: Literal["en", "fr", "de"] = "en"
    sound: bool = True
    # the central server (its address comes with the activation, in the local database)
    # Where the terminal's token lives: the OS credential store (keyring), or, where there
    # is no secure one and the operator chose it at activation, a file readable by this
    # user only (`credentials_path`). Never anywhere else.
    credential_store: Literal["keyring", "file"] = "keyring"
    # A private certificate authority's bundle (PEM) for a server whose certificate the
    # system does not trust; TLS verification itself is never turned off.
    server_ca_bundle: Path | None = None

    @property
    def database_path(self) -> Path:
        return self.data_dir / "terminal.db"

    @property
    def credentials_path(self) -> Path:
        return self.data_dir / "credentials.json"

    @property
    def demo_dir(self) -> Path:
        return self.data_dir / "demo"


def load_settings(
    config_dir: Path | None = None, *, defaults: Mapping[str, object] | None = None
) -> Settings:
    """Settings from `<config dir>/settings.toml`, or the defaults when there is no file.
    `defaults` replace the built-in defaults of some fields (`--data-dir` moves the data and
    log folders); what the file says still wins."""
    path = (config_dir or default_config_dir()) / SETTINGS_FILE
    if not path.exists():
        return Settings(**dict(defaults or {}))
    try:
        values = tomllib.loads(path.read_text(encoding="utf-8"))
        return Settings(**{**dict(defaults or {}), **values})
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise SettingsError(f"The settings file {path} cannot be read: {err}") from err
    except ValidationError as err:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in err.errors()
        )
        raise SettingsError(f"The settings file {path} has wrong values: {problems}") from err
