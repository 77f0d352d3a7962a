from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.factories import Terminal, make_terminal

# Qt tests run without a display; set before any QApplication exists.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    term = make_terminal(tmp_path / "terminal.db")
    yield term
    term.database.dispose()
