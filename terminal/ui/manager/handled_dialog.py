"""The Sync page's "Mark as handled" dialog: the conflict, and an optional note of what the
manager did. It only emits `submitted`; the page runs the service and closes it or shows
the refusal (terminal/ui/dialogs/base.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from terminal.services.views import ConflictView
from terminal.ui.dialogs.base import TOUCH_TARGET_PX, OperationDialog
from terminal.ui.dialogs.conflicts import conflict_text

NOTE_MAX = 200  # terminal.services.conflicts.NOTE_MAX: the service checks it too


class HandledDialog(OperationDialog):
    """`submitted(object)`: the note typed (str), or None when left empty."""

    def __init__(self, conflict: ConflictView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handledDialog")
        self.conflict = conflict
        self.title = QLabel(self)
        self.title.setObjectName("dialogTitle")
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.note_label = QLabel(self)
        self.note = QLineEdit(self)
        self.note.setObjectName("handledNote")
        self.note.setMaxLength(NOTE_MAX)
        self.note.setMinimumHeight(TOUCH_TARGET_PX)
        self.note_label.setBuddy(self.note)
        for widget in (self.title, self.summary, self.note_label, self.note):
            self.body.addWidget(widget)
        self.retranslate()
        self.note.setFocus()

    def values(self) -> str | None:
        return self.note.text().strip() or None

    def set_inputs_enabled(self, enabled: bool) -> None:
        self.note.setEnabled(enabled)

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(self.tr("Mark as handled"))
        self.title.setText(self.tr("Mark this conflict as handled"))
        self.summary.setText(conflict_text(self.conflict))
        self.note_label.setText(self.tr("&Note (optional): what you did"))
        self.note.setPlaceholderText(self.tr("e.g. points given back by hand"))
        self.note.setAccessibleName(self.tr("Note"))
        self.ok_button.setText(self.tr("Mark as handled"))
        self.ok_button.setAccessibleName(self.tr("Mark as handled"))
