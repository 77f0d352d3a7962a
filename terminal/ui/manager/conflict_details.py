"""The Sync page's details of the selected conflict: what it was, what it means, what to
do, and who handled it. Shows values only (GUI thread)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from terminal.services.views import ConflictView
from terminal.ui import texts
from terminal.ui.dialogs.conflicts import entry_label, kind_label
from terminal.ui.manager import conflicts_model as cm


class ConflictDetails(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDetails")
        self._conflict: ConflictView | None = None
        self._empty = True
        self.title = QLabel(self)
        self.title.setObjectName("balanceTitle")
        self.title.setWordWrap(True)
        self.facts = QLabel(self)
        self.explanation = QLabel(self)
        self.handled = QLabel(self)
        self.handled.setObjectName("hint")
        for label in (self.facts, self.explanation, self.handled):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        meaning = QVBoxLayout()
        meaning.addWidget(self.explanation)
        meaning.addWidget(self.handled)
        meaning.addStretch(1)
        columns = QHBoxLayout()
        columns.addWidget(self.facts, 1)
        columns.addLayout(meaning, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(columns, 1)
        self.retranslate()

    def show_conflict(self, conflict: ConflictView | None, *, list_empty: bool) -> None:
        """`conflict`: the selected one, or None (then `list_empty` says which hint)."""
        self._conflict, self._empty = conflict, list_empty
        self.retranslate()

    def retranslate(self) -> None:
        conflict = self._conflict
        if conflict is None:
            self.title.setText(
                self.tr("No conflicts: the server took everything as it was sent.")
                if self._empty
                else self.tr("Pick a conflict to see what it means.")
            )
            for label in (self.facts, self.explanation, self.handled):
                label.setText("")
            return
        self.title.setText(kind_label(conflict.kind))
        facts = [
            self.tr("Card: %1").replace("%1", cm.card_text(conflict)),
            self.tr("Customer: %1").replace("%1", conflict.customer_name or "—"),
            self.tr("Operation: %1").replace("%1", entry_label(conflict)),
            self.tr("Done at the counter: %1").replace(
                "%1", texts.date_time_text(conflict.transaction_at)
            ),
            self.tr("Server's answer: %1").replace(
                "%1", texts.date_time_text(conflict.recorded_at)
            ),
        ]
        self.facts.setText("\n".join(facts))
        self.explanation.setText(cm.kind_explanation(conflict))
        self.handled.setText(self.tr("Handled: %1").replace("%1", cm.handled_text(conflict)))
        self.setAccessibleDescription(
            "\n".join([self.title.text(), *facts, self.explanation.text(), self.handled.text()])
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
