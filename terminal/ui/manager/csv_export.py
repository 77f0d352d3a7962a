"""What the manager's CSV exports need on the GUI side: the separator for the UI language,
the translated column headers, where to save the file, and one export in flight (its
progress dialog, its cancel flag and the relay that brings progress to the GUI thread).

The export itself runs on a TaskRunner read thread (terminal.services.export and
card_export write the file there); it calls `ExportRun.report` and `ExportRun.cancelled`
on that thread. Everything else here is GUI thread only.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QStandardPaths, Qt, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QProgressBar, QProgressDialog, QWidget

# The dialog shows only when an export takes longer than this: a small one shows none.
PROGRESS_DELAY_MS = 400
PROGRESS_MIN_WIDTH_PX = 480

AskPath = Callable[[QWidget, str], Path | None]
ExportFolder = Callable[[], Path]


def csv_separator(locale: QLocale | None = None) -> str:
    """ ";" where the UI language writes decimals with a comma (French, German: the
    spreadsheet there expects it and reads 12,50 as a number), else ","."""
    return ";" if (locale or QLocale()).decimalPoint() == "," else ","


# terminal.services.views.CARD_COLUMNS, labelled (a test checks the codes).
def card_labels() -> dict[str, str]:
    return {
        "card_number": QCoreApplication.translate("csv_export", "Card number"),
        "customer_name": QCoreApplication.translate("csv_export", "Customer"),
        "email": QCoreApplication.translate("csv_export", "Email"),
        "phone": QCoreApplication.translate("csv_export", "Phone"),
        "stamps": QCoreApplication.translate("csv_export", "Stamps"),
        "points": QCoreApplication.translate("csv_export", "Points"),
        "active": QCoreApplication.translate("csv_export", "Active (1 = yes)"),
        "enrolled_at": QCoreApplication.translate("csv_export", "Enrolled at"),
        "last_activity_at": QCoreApplication.translate("csv_export", "Last activity"),
        "points_expire_on": QCoreApplication.translate("csv_export", "Points expire on"),
    }


# terminal.services.views.TRANSACTION_COLUMNS, labelled (a test checks the codes).
def transaction_labels() -> dict[str, str]:
    return {
        "transaction_at": QCoreApplication.translate("csv_export", "Date and time"),
        "store": QCoreApplication.translate("csv_export", "Store"),
        "staff": QCoreApplication.translate("csv_export", "Staff"),
        "type": QCoreApplication.translate("csv_export", "Operation"),
        "card_number": QCoreApplication.translate("csv_export", "Card number"),
        "customer_name": QCoreApplication.translate("csv_export", "Customer"),
        "stamps_delta": QCoreApplication.translate("csv_export", "Stamps"),
        "points_delta": QCoreApplication.translate("csv_export", "Points"),
        "purchase_amount": QCoreApplication.translate("csv_export", "Purchase amount"),
        "reward": QCoreApplication.translate("csv_export", "Reward"),
        "sync_state": QCoreApplication.translate("csv_export", "Sync state"),
        "sync_reason": QCoreApplication.translate("csv_export", "Server's reason"),
        "notes": QCoreApplication.translate("csv_export", "Notes"),
    }


def documents_folder() -> Path:
    """The user's Documents folder (the home folder where the platform names none)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def save_path_asker(export_folder: ExportFolder | None = None) -> AskPath:
    """The default way to ask where to save: the platform's save dialog, opened on
    `suggested` in export_folder() (or Documents). Blocks in its own event loop, which is
    why the pages take it as a callable that tests replace."""

    def ask(parent: QWidget, suggested: str) -> Path | None:
        folder = export_folder() if export_folder is not None else documents_folder()
        chosen, _filter = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("csv_export", "Export to a CSV file"),
            str(folder / suggested),
            QCoreApplication.translate("csv_export", "CSV files (*.csv)"),
        )
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix else path.with_suffix(".csv")

    return ask


class ExportRun(QObject):
    """One export in flight: its progress dialog (window-modal to the page, with Cancel,
    shown only after PROGRESS_DELAY_MS) and the flag its `cancelled` callable reads.

    Signals:
    - `progressed(int, int)`: rows written so far and the rows expected (0: unknown),
      emitted on the export's worker thread by `report`; delivered queued to the GUI
      thread, where the dialog is moved on.
    """

    progressed = Signal(int, int)

    def __init__(self, page: QWidget, label: str) -> None:
        super().__init__(page)
        self._cancel = threading.Event()
        self.dialog = QProgressDialog(page)
        self.dialog.setObjectName("exportProgress")
        # Progress moves this bar, never QProgressDialog.setValue: on a modal dialog that
        # runs processEvents() inside the slot (re-entrancy the GUI rules forbid).
        self.bar = QProgressBar(self.dialog)
        self.dialog.setBar(self.bar)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)  # reaching the maximum must not rewind it
        self.dialog.setRange(0, 0)  # a busy bar until the first report says how many
        self.dialog.setLabelText(label)
        self.dialog.setCancelButtonText(QCoreApplication.translate("csv_export", "Cancel"))
        self.dialog.setWindowTitle(QCoreApplication.translate("csv_export", "Exporting"))
        self.dialog.setAccessibleName(label)
        self.dialog.setMinimumWidth(PROGRESS_MIN_WIDTH_PX)
        self.dialog.setMinimumDuration(PROGRESS_DELAY_MS)
        self.dialog.setValue(0)  # starts the show-after-delay timer (not yet shown: no events)
        self.dialog.canceled.connect(self.cancel)
        self.progressed.connect(self._show_progress, Qt.ConnectionType.QueuedConnection)
        # The page going away stops the export at its next check (nothing is left behind).
        self._page = page
        self._stop_with_page = lambda _page=None, flag=self._cancel: flag.set()
        page.destroyed.connect(self._stop_with_page)

    # --- worker thread ----------------------------------------------------------------------

    def report(self, done: int, total: int) -> None:
        """The export's `progress` callable (worker thread)."""
        try:
            self.progressed.emit(done, total)
        except RuntimeError:  # the page and this relay are gone: stop at the next check
            self._cancel.set()

    def cancelled(self) -> bool:
        """The export's `cancelled` callable (worker thread)."""
        return self._cancel.is_set()

    # --- GUI thread -------------------------------------------------------------------------

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        """Cancel pressed: the export stops at its next check (at most a chunk of rows)."""
        self._cancel.set()
        self.dialog.setLabelText(QCoreApplication.translate("csv_export", "Stopping the export…"))

    def finish(self) -> None:
        """The export ended (written, cancelled or refused): the dialog goes."""
        self.dialog.canceled.disconnect(self.cancel)
        self._page.destroyed.disconnect(self._stop_with_page)
        self.dialog.reset()
        self.dialog.close()
        self.dialog.deleteLater()
        self.deleteLater()

    @Slot(int, int)
    def _show_progress(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            return
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        else:
            self.bar.setRange(0, 0)
