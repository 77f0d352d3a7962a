"""Fixtures of the service tests: every terminal they use is checked for the ledger
invariants when the test ends (balances = ledger sums, gap-free sequence, staff recorded)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest

from terminal.demo.catalog import CatalogSeed
from tests.factories import FAST_SEED, T0, Terminal, make_terminal
from tests.services.helpers import assert_ledger_invariants

MakeTerminal = Callable[..., Terminal]


@pytest.fixture
def terminal(terminal: Terminal) -> Iterator[Terminal]:
    """tests/conftest.py's terminal, with the ledger invariants checked after the test."""
    yield terminal
    assert_ledger_invariants(terminal)


@pytest.fixture
def make_term(tmp_path: Path) -> Iterator[MakeTerminal]:
    """make_terminal for other rules (seed_with(...)); checked and closed after the test."""
    made: list[Terminal] = []

    def make(seed: CatalogSeed = FAST_SEED, start: datetime = T0) -> Terminal:
        term = make_terminal(tmp_path / f"terminal-{len(made)}.db", seed, start)
        made.append(term)
        return term

    yield make
    try:
        for term in made:
            assert_ledger_invariants(term)
    finally:
        for term in made:
            term.database.dispose()
