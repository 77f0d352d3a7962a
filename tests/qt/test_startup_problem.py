"""A terminal that cannot open or upgrade its database says so on screen, then stops."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from terminal.app import run_terminal
from terminal.config import Settings
from terminal.store.engine import open_database
from terminal.store.errors import LocalDatabaseUpgradeFailed
from terminal.store.schema import upgrade
from terminal.ui.startup_problem import startup_problem_box


def test_the_box_has_the_cashiers_sentence_and_the_details_for_it(qtbot: object) -> None:
    err = LocalDatabaseUpgradeFailed("Upgrading /data/terminal.db failed; copy at /data/b.db")
    box = startup_problem_box(err)
    assert "could not upgrade its database" in box.text()
    assert box.detailedText() == err.message
    assert box.icon() is QMessageBox.Icon.Critical


def test_a_failed_upgrade_at_start_is_shown_then_raised(tmp_path: Path, qapp: QApplication) -> None:
    settings = Settings(data_dir=tmp_path)
    database = open_database(settings.database_path)
    upgrade(database.engine, "0007")
    database.dispose()
    with sqlite3.connect(settings.database_path) as connection:  # a reference to nothing
        connection.execute(
            "INSERT INTO vendors (id, company_id, name, timezone, is_active, country) "
            "VALUES (7, 99, 'Orphan', 'Europe/Paris', 1, 'FR')"
        )
    shown: list[tuple[str, str]] = []

    def close_the_box() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            shown.append((box.text(), box.detailedText()))
            box.done(0)
            poll.stop()

    poll = QTimer()
    poll.setInterval(10)
    poll.timeout.connect(close_the_box)
    poll.start()
    with pytest.raises(LocalDatabaseUpgradeFailed):
        run_terminal(settings, lambda _s: None)
    poll.stop()

    ((text, details),) = shown
    assert "could not upgrade its database" in text
    assert "The file was not changed" in details
    assert str(tmp_path / "backups") in details
