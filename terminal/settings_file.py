"""Writes the settings file back, keeping what an IT person wrote in it.

`load_settings` (terminal/config.py) reads `<config dir>/settings.toml`; the Settings dialog
changes a few of its fields and this module writes them back. The file is often edited by
hand when a store PC is deployed, so its comments, its layout and the keys the dialog knows
nothing about stay as they are (tomlkit keeps them; tomllib only reads). Only the fields
that differ from the defaults, or that the file already had, are written: a new file stays
short and a default that changes in a later release reaches terminals that never set it.

The file is replaced atomically (a temporary file beside it, then os.replace), so a crash or
a full disk mid-write leaves the old file, never half of one. Runs wherever the caller is:
it is one small file, fine on the GUI thread.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import tomlkit
from pydantic import ValidationError
from tomlkit.exceptions import TOMLKitError

from terminal.config import SETTINGS_FILE, Settings, SettingsError, default_config_dir

NEW_FILE_HEADER = (
    "Loyalty terminal settings. Written by the Settings dialog, which keeps comments and the",
    "keys it does not show. Every key is optional; see terminal/config.py for all of them.",
)
_MISSING = object()


def save_settings(
    settings: Settings,
    config_dir: Path | None = None,
    *,
    defaults: Mapping[str, object] | None = None,
) -> Path:
    """Write `settings` to `<config dir>/settings.toml` and return the file's path.
    `defaults`: those load_settings was given (a value equal to them is not written).

    Raises SettingsError when the existing file cannot be parsed (it is left untouched, so
    nothing an IT person wrote is lost) or cannot be written (OSError's reason included).
    """
    directory = config_dir or default_config_dir()
    path = directory / SETTINGS_FILE
    document, in_file, in_file_newline = _read_document(path)
    default_values = Settings(**dict(defaults or {})).model_dump(mode="json")
    wanted = settings.model_dump(mode="json")
    for name, value in wanted.items():
        if name in document:
            # an unchanged value keeps its spelling ('D:\loyalty' stays a literal string)
            if in_file.get(name, _MISSING) != getattr(settings, name):
                document[name] = value
        elif value != default_values[name]:
            document[name] = value
    try:
        directory.mkdir(parents=True, exist_ok=True)
        _replace_atomically(path, _with_newlines_of(document.as_string(), in_file_newline))
    except OSError as err:
        raise SettingsError(f"The settings file {path} cannot be written: {err}") from err
    return path


def _read_document(path: Path) -> tuple[tomlkit.TOMLDocument, dict[str, Any], str]:
    """The file as an editable document, its values as Settings fields (validated one by
    one, so one wrong value does not make every other key look changed), and its newline."""
    if not path.exists():
        document = tomlkit.document()
        for line in NEW_FILE_HEADER:
            document.add(tomlkit.comment(line))
        document.add(tomlkit.nl())
        return document, {}, "\n"
    try:
        # bytes, so Windows line endings stay what they are (read_text would make them \n)
        text = path.read_bytes().decode("utf-8")
        document = tomlkit.parse(text)
    except (TOMLKitError, UnicodeDecodeError) as err:
        raise SettingsError(
            f"The settings file {path} cannot be read, so it was not changed: {err}"
        ) from err
    except OSError as err:
        raise SettingsError(f"The settings file {path} cannot be read: {err}") from err
    in_file: dict[str, Any] = {}
    for name, value in document.unwrap().items():
        if name not in Settings.model_fields:
            continue
        try:
            in_file[name] = getattr(Settings(**{name: value}), name)
        except ValidationError:
            continue  # a wrong value in the file: the dialog's value replaces it
    return document, in_file, "\r\n" if "\r\n" in text else "\n"


def _with_newlines_of(text: str, newline: str) -> str:
    """tomlkit ends the lines it adds with \n; a file written on Windows keeps \r\n."""
    if newline == "\n":
        return text
    return text.replace("\r\n", "\n").replace("\n", newline)


def _replace_atomically(path: Path, text: str) -> None:
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        # bytes, so the file's own line endings (tomlkit keeps them) are not translated
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(text.encode("utf-8"))
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            shutil.copymode(path, temporary)
        else:
            os.chmod(temporary, 0o644)  # mkstemp's 0600 would surprise whoever reads it next
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
