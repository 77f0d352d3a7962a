"""Commands of `loyalty-server` (see sync.server.cli)."""

from __future__ import annotations

from typing import Any


def register(commands: Any) -> None:
    """Adds this module's sub-parsers (none yet)."""
