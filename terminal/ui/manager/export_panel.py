"""The Activity page's CSV exports: the cards of the Cards tab's current query, and this
store's transactions for a period.

Asking where to save is a callable (the platform's save dialog by default) so tests give a
path; the export runs on a TaskRunner read thread with a progress dialog and Cancel
(terminal/ui/manager/csv_export.py), and the outcome is a line on the page, not a modal box.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from terminal.services.views import CardQuery, ExportResult
from terminal.ui import texts
from terminal.ui.manager.csv_export import (
    AskPath,
    ExportFolder,
    ExportRun,
    card_labels,
    csv_separator,
    save_path_asker,
    transaction_labels,
)
from terminal.ui.manager.ports import Manager
from terminal.ui.tasks import TaskRunner

EXPORT_DEFAULT_DAYS = 30
TOUCH_TARGET_PX = 48
EXPORT_KEY = "manager_export"


class export_panel(QObject):
    """Plural texts (pyside6-lupdate reads %n forms only from self.tr in a class)."""

    def cards_exported(self, n: int) -> str:
        return self.tr("Exported %n card(s) to %1", "", n)

    def transactions_exported(self, n: int) -> str:
        return self.tr("Exported %n transaction(s) to %1", "", n)


_PLURALS = export_panel()


def _plural(text: str, n: int) -> str:
    return texts.plural(text, n).replace("%n", texts.number(n))


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class ExportPanel(QWidget):
    """Signals (GUI thread):
    - `export_finished(str)`: an export ended; the sentence now shown (written, cancelled
      or refused).
    """

    export_finished = Signal(str)

    def __init__(
        self,
        manager: Manager,
        runner: TaskRunner,
        *,
        export_folder: ExportFolder | None = None,
        ask_path: AskPath | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportPanel")
        self._manager = manager
        self._runner = runner
        self._ask_path = ask_path or save_path_asker(export_folder)
        self._card_query = CardQuery()
        self._export: ExportRun | None = None
        self._today = QDate.currentDate().toPython()
        self._dates_chosen = False  # the manager changed the period: keep it
        self._setting_dates = False
        self._build()
        self.set_store_today(self._today)
        self._dates_chosen = False
        self.retranslate()

    # --- public -----------------------------------------------------------------------------

    def set_card_query(self, query: CardQuery) -> None:
        """The cards table's current search, filters and sort: what the cards export writes."""
        self._card_query = query

    def set_store_today(self, today: date) -> None:
        """The store's calendar date: file names, and the default period (the last
        EXPORT_DEFAULT_DAYS days) unless the manager picked one."""
        self._today = today
        if self._dates_chosen:
            return
        self._setting_dates = True
        try:
            self.until_edit.setDate(_qdate(today))
            self.since_edit.setDate(_qdate(today - timedelta(days=EXPORT_DEFAULT_DAYS - 1)))
        finally:
            self._setting_dates = False

    @property
    def running(self) -> ExportRun | None:
        """The export in flight (its progress dialog is `running.dialog`), or None."""
        return self._export

    def export_cards(self) -> None:
        """Ask where to save, then write the cards of the current card query."""
        path = self._ask_for_path(self.tr("cards-%1.csv"))
        if path is None:
            return
        query, separator, labels = self._card_query, csv_separator(), card_labels()
        cards = self._manager.card_exports
        run = self._begin(self.tr("Exporting the cards…"))

        def work() -> ExportResult:  # on a read thread
            return cards.export_cards(
                path,
                query,
                separator=separator,
                labels=labels,
                progress=run.report,
                cancelled=run.cancelled,
            )

        self._run(run, work, _PLURALS.cards_exported)

    def export_transactions(self) -> None:
        """Ask where to save, then write this store's transactions of the chosen period."""
        since, until = self.since_edit.date().toPython(), self.until_edit.date().toPython()
        path = self._ask_for_path(self.tr("transactions-%1.csv"))
        if path is None:
            return
        separator, labels = csv_separator(), transaction_labels()
        exports = self._manager.exports
        run = self._begin(self.tr("Exporting the transactions…"))

        def work() -> ExportResult:  # on a read thread
            return exports.export_transactions(
                path,
                since,
                until,
                separator=separator,
                labels=labels,
                progress=run.report,
                cancelled=run.cancelled,
            )

        self._run(run, work, _PLURALS.transactions_exported)

    def clear_message(self) -> None:
        self._show_message("", ok=True)

    # --- building and texts -----------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel(self)
        self.title.setObjectName("balanceTitle")
        self.cards_button = QPushButton(self)
        self.cards_hint = QLabel(self)
        self.cards_hint.setObjectName("hint")
        self.cards_hint.setWordWrap(True)
        self.since_label, self.until_label = QLabel(self), QLabel(self)
        self.since_edit, self.until_edit = QDateEdit(self), QDateEdit(self)
        for label, edit in (
            (self.since_label, self.since_edit),
            (self.until_label, self.until_edit),
        ):
            edit.setCalendarPopup(True)
            edit.setMinimumHeight(TOUCH_TARGET_PX)
            edit.dateChanged.connect(self._dates_edited)
            label.setBuddy(edit)
        self.transactions_button = QPushButton(self)
        for button in (self.cards_button, self.transactions_button):
            button.setMinimumHeight(TOUCH_TARGET_PX)
        self.cards_button.clicked.connect(self.export_cards)
        self.transactions_button.clicked.connect(self.export_transactions)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        dates = QHBoxLayout()
        for widget in (self.since_label, self.since_edit, self.until_label, self.until_edit):
            dates.addWidget(widget)
        dates.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.cards_button)
        layout.addWidget(self.cards_hint)
        layout.addSpacing(6)
        layout.addLayout(dates)
        layout.addWidget(self.transactions_button)
        layout.addWidget(self.message)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Export to CSV"))
        self.cards_button.setText(self.tr("Export cards (CSV)…"))
        self.cards_button.setAccessibleName(self.tr("Export cards to a CSV file"))
        self.cards_hint.setText(
            self.tr("The cards the Cards tab lists, with its search and filters.")
        )
        self.since_label.setText(self.tr("Transactions &from"))
        self.until_label.setText(self.tr("&to"))
        self.since_edit.setAccessibleName(self.tr("First day of the transactions to export"))
        self.until_edit.setAccessibleName(self.tr("Last day of the transactions to export"))
        short = _date_format()
        for edit in (self.since_edit, self.until_edit):
            edit.setDisplayFormat(short)
        self.transactions_button.setText(self.tr("Export transactions (CSV)…"))
        self.transactions_button.setAccessibleName(self.tr("Export transactions to a CSV file"))
        self.message.setAccessibleName(self.tr("Export result"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- one export -------------------------------------------------------------------------

    def _ask_for_path(self, pattern: str) -> Path | None:
        if self._export is not None:
            return None  # one export at a time (the buttons are disabled meanwhile)
        return self._ask_path(self, pattern.replace("%1", self._today.isoformat()))

    def _begin(self, label: str) -> ExportRun:
        self._export = ExportRun(self, label)
        self.cards_button.setEnabled(False)
        self.transactions_button.setEnabled(False)
        self._show_message("", ok=True)
        return self._export

    def _run(
        self, run: ExportRun, work: Callable[[], ExportResult], sentence: Callable[[int], str]
    ) -> None:
        def done(result: ExportResult) -> None:
            text = _plural(sentence(result.rows), result.rows).replace("%1", str(result.path))
            self._end(run, text, ok=True)

        def failed(err: BaseException) -> None:
            self._end(run, texts.error_text(err), ok=False)

        if self._runner.read(work, done, failed, key=EXPORT_KEY, owner=self) is None:
            self._end(run, "", ok=True)  # the runner is shut down: nothing ran

    def _end(self, run: ExportRun, text: str, *, ok: bool) -> None:
        run.finish()
        self._export = None
        self.cards_button.setEnabled(True)
        self.transactions_button.setEnabled(True)
        self._show_message(text, ok=ok)
        if text:
            self.export_finished.emit(text)

    def _show_message(self, text: str, *, ok: bool) -> None:
        self.message.setObjectName("confirmation" if ok else "refusal")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)
        self.message.setAccessibleDescription(text)
        self.message.setVisible(bool(text))

    def _dates_edited(self, _date: QDate) -> None:
        if not self._setting_dates:
            self._dates_chosen = True


def _date_format() -> str:
    """The period's date format: the language's short one (ISO with no language chosen)."""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return "yyyy-MM-dd"
    return locale.dateFormat(QLocale.FormatType.ShortFormat)
