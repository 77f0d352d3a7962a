"""The first-run screen of a terminal that is not activated yet."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class FirstRunWindow(QWidget):
    """Signals (GUI thread): `demo_requested()`: open the demo instead."""

    demo_requested = Signal()

    def __init__(self, database_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRun")
        self._path = database_path
        self.title = QLabel(self)
        self.title.setObjectName("headline")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.demo_button = QPushButton(self)
        self.demo_button.setObjectName("primary")
        self.quit_button = QPushButton(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.explanation)
        layout.addWidget(self.demo_button)
        layout.addWidget(self.quit_button)
        layout.addStretch(1)
        self.demo_button.clicked.connect(self.demo_requested)
        self.quit_button.clicked.connect(self.close)
        self.retranslate()
        self.demo_button.setFocus()

    def show_preparing(self) -> None:
        """The demo database is being built (a few seconds the first time)."""
        self.demo_button.setEnabled(False)
        self.demo_button.setText(self.tr("Preparing the demo…"))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Loyalty terminal: setup"))
        self.title.setText(self.tr("This terminal is not activated yet"))
        text = self.tr(
            "A terminal works for one store of a company. It is activated once with the "
            "server address and a one-time code from the company's back office (this arrives "
            "with the sync engine). No loyalty database was found at %1.\n\n"
            "Meanwhile you can try everything on demo data."
        )
        self.explanation.setText(text.replace("%1", str(self._path)))
        self.explanation.setAccessibleName(self.title.text())
        self.explanation.setAccessibleDescription(self.explanation.text())
        self.demo_button.setText(self.tr("Open the demo"))
        self.demo_button.setAccessibleName(self.tr("Open the demo"))
        self.demo_button.setAccessibleDescription(
            self.tr("A demo store with demo customers and a demo camera, on this computer")
        )
        self.quit_button.setText(self.tr("Quit"))
        self.quit_button.setAccessibleName(self.tr("Quit"))
        self.quit_button.setAccessibleDescription(self.tr("Close the terminal"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
