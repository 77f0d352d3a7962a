"""The box shown when the terminal cannot start (its database cannot be opened or upgraded).

The windowed program has no console to print to, so the reason must be on screen: the
cashier's sentence (translated, from the error's code) and, under "Show Details", the
message for IT with the file names (the same text the console program prints).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from terminal.ui import texts


def startup_problem_box(err: BaseException, parent: QWidget | None = None) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("startup", "The loyalty terminal cannot start"))
    box.setText(texts.error_text(err))
    detail = getattr(err, "message", None)
    if isinstance(detail, str) and detail:
        box.setDetailedText(detail)
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    return box
