from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from tests.factories import Terminal, make_terminal

# CI explores the same examples at every run (reproducible verdicts); developers' runs keep
# hypothesis random, so new cases keep being found where someone can look at them.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

# Qt tests run without a display; set before any QApplication exists.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    term = make_terminal(tmp_path / "terminal.db")
    yield term
    term.database.dispose()
