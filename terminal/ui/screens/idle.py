"""The idle screen: the camera with its framing guide, and one search box for everything."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from terminal.ui.widgets.camera_preview import CameraPreview

SEARCH_MAX_LENGTH = 254


class IdleScreen(QWidget):
    """Signals (GUI thread):
    - `search_requested(str)`: the search box's text, on Enter or the Find button.
    - `enroll_requested()`: the Enroll button.
    """

    search_requested = Signal(str)
    enroll_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("idleScreen")
        self.headline = QLabel(self)
        self.headline.setObjectName("headline")
        self.headline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview = CameraPreview(self)
        self.camera_status = QLabel(self)
        self.camera_status.setObjectName("hint")
        self.camera_status.setWordWrap(True)
        self.search_label = QLabel(self)
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setMaxLength(SEARCH_MAX_LENGTH)
        self.search.setClearButtonEnabled(True)
        self.search_label.setBuddy(self.search)
        self.find_button = QPushButton(self)
        self.find_button.setObjectName("primary")
        self.enroll_button = QPushButton(self)
        self.message = QLabel(self)
        self.message.setObjectName("refusal")
        self.message.setWordWrap(True)
        self.message.setVisible(False)

        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.find_button)
        search_row.addWidget(self.enroll_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.camera_status)
        layout.addWidget(self.search_label)
        layout.addLayout(search_row)
        layout.addWidget(self.message)

        self.search.returnPressed.connect(self._search)
        self.find_button.clicked.connect(self._search)
        self.enroll_button.clicked.connect(self.enroll_requested)
        self.search.textEdited.connect(lambda _text: self.show_message(""))
        self.retranslate()

    def retranslate(self) -> None:
        self.headline.setText(self.tr("Show your loyalty card"))
        self.headline.setAccessibleName(self.headline.text())
        self.preview.setAccessibleName(self.tr("Camera picture"))
        self.preview.setAccessibleDescription(
            self.tr("Hold the card's QR code inside the frame, about 20 cm from the camera")
        )
        self.camera_status.setAccessibleName(self.tr("Camera status"))
        self.search_label.setText(self.tr("Or &type a card number, an email or a phone number:"))
        self.search.setPlaceholderText(self.tr("1234-5678-9012, name@example.com, 06 12 34 56 78"))
        self.search.setAccessibleName(self.tr("Find a card"))
        self.search.setAccessibleDescription(
            self.tr("Card number, email or phone number, then Enter. A USB scanner works too.")
        )
        self.find_button.setText(self.tr("Find (Enter)"))
        self.find_button.setAccessibleName(self.tr("Find"))
        self.find_button.setAccessibleDescription(self.tr("Look up the card typed in the box"))
        self.enroll_button.setText(self.tr("New customer (F8)"))
        self.enroll_button.setAccessibleName(self.tr("Enroll a new customer"))
        self.enroll_button.setAccessibleDescription(
            self.tr("Create a loyalty card for a customer who has none")
        )
        self.message.setAccessibleName(self.tr("Message"))

    def show_frame(self, image: QImage) -> None:
        self.preview.show_frame(image)

    def show_camera_status(self, text: str, frames_flowing: bool) -> None:
        self.camera_status.setText(text)
        self.camera_status.setAccessibleDescription(text)
        self.preview.show_message("" if frames_flowing else text)
        if not frames_flowing:
            self.preview.clear_frame()

    def show_message(self, text: str) -> None:
        """A refusal of the last search, in words; empty hides it."""
        self.message.setText(text)
        self.message.setAccessibleDescription(text)
        self.message.setVisible(bool(text))

    def reset(self) -> None:
        """Back to a clean idle screen, the search box focused."""
        self.search.clear()
        self.show_message("")
        self.search.setFocus()

    def _search(self) -> None:
        text = self.search.text().strip()
        if text:
            self.search_requested.emit(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
