"""What every counter dialog shares: open without blocking, submit plain values, stay open
on a refusal.

A dialog never calls a service. It emits `submitted` with what the cashier chose; the flow
that opened it runs the operation on the TaskRunner and then either closes it (`accept()`)
or calls `show_refusal(text)`, which keeps it open with the reason and its fields enabled
again. While the operation runs the dialog is busy: OK is disabled, so Enter pressed twice
submits once. Dialogs are opened with `open()` (window-modal), never `exec()`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

TOUCH_TARGET_PX = 48
DIALOG_MIN_WIDTH_PX = 520


class OperationDialog(QDialog):
    """Signals (GUI thread): `submitted(object)`: the plain values the cashier confirmed."""

    submitted = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(DIALOG_MIN_WIDTH_PX)
        self._busy = False
        self.layout_ = QVBoxLayout(self)
        self.layout_.setSpacing(12)
        self.body = QVBoxLayout()
        self.layout_.addLayout(self.body)
        self.refusal = QLabel(self)
        self.refusal.setObjectName("refusal")
        self.refusal.setWordWrap(True)
        self.refusal.setVisible(False)
        self.refusal.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.layout_.addWidget(self.refusal)
        self.buttons = QDialogButtonBox(self)
        self.ok_button = QPushButton(self)
        self.ok_button.setDefault(True)
        self.ok_button.setObjectName("primary")
        self.cancel_button = QPushButton(self)
        for button in (self.ok_button, self.cancel_button):
            button.setMinimumHeight(TOUCH_TARGET_PX)
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        self.layout_.addWidget(self.buttons)

    # --- for subclasses ---------------------------------------------------------------------

    def values(self) -> Any:
        """What `submitted` carries; raise ValueError(text) to refuse before submitting."""
        raise NotImplementedError

    def retranslate(self) -> None:
        self.cancel_button.setText(self.tr("Cancel (Esc)"))
        self.cancel_button.setAccessibleName(self.tr("Cancel"))
        self.cancel_button.setAccessibleDescription(self.tr("Close without doing anything"))

    def set_inputs_enabled(self, enabled: bool) -> None:
        """Subclasses disable their fields while busy."""

    # --- for the flow -----------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._busy

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.ok_button.setEnabled(not busy)
        self.set_inputs_enabled(not busy)

    def show_refusal(self, text: str) -> None:
        """The operation was refused: say why and let the cashier correct or cancel."""
        self.set_busy(False)
        self.refusal.setText(text)
        self.refusal.setAccessibleName(text)
        self.refusal.setVisible(True)
        self._fit()

    def _fit(self) -> None:
        """A message appeared: grow so nothing overlaps (never shrink under the cashier)."""
        hint = self.sizeHint()
        if self.isVisible() and (self.height() < hint.height() or self.width() < hint.width()):
            self.resize(max(self.width(), hint.width()), max(self.height(), hint.height()))

    def clear_refusal(self) -> None:
        self.refusal.clear()
        self.refusal.setVisible(False)

    # --- inside -----------------------------------------------------------------------------

    def reject(self) -> None:
        """Esc or Cancel; ignored while the operation runs (it is a matter of milliseconds,
        and its outcome belongs in this dialog)."""
        if not self._busy:
            super().reject()

    def _on_ok(self) -> None:
        if self._busy:
            return
        try:
            values = self.values()
        except ValueError as err:
            self.show_refusal(str(err))
            return
        self.clear_refusal()
        self.set_busy(True)
        self.submitted.emit(values)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
