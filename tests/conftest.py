from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.factories import Terminal, make_terminal


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    term = make_terminal(tmp_path / "terminal.db")
    yield term
    term.database.dispose()
