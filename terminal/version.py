"""The terminal's version, from its installed metadata (the packaged build carries it)."""

from __future__ import annotations

from functools import cache
from importlib import metadata


@cache
def app_version() -> str:
    try:
        return metadata.version("loyalty-terminal")
    except metadata.PackageNotFoundError:  # run from a bare source tree
        return "0+unknown"
