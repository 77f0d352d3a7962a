"""The manager's Activity page: this store's and the whole company's figures for today, the
last 7 or the last 30 days, a daily chart of this store, and the CSV exports.

Every service call runs on the TaskRunner (the company figures may wait on the server for
a few seconds; an export writes for as long as it takes); the page only shows values.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from terminal.domain.activity import ActivityFigures
from terminal.services.views import ActivityView, CardQuery
from terminal.ui import texts
from terminal.ui.manager.activity_chart import DailyBarChart
from terminal.ui.manager.csv_export import AskPath, ExportFolder
from terminal.ui.manager.export_panel import ExportPanel
from terminal.ui.manager.ports import Manager
from terminal.ui.tasks import TaskRunner

PERIODS = (1, 7, 30)
FIGURES = ("stamps_given", "points_earned", "points_redeemed", "rewards_redeemed", "enrollments")
TOUCH_TARGET_PX = 48
READ_KEY = "manager_activity"
COUNT_FIGURES = (
    ("stamps_given", QColor("#2168b8")),
    ("rewards_redeemed", QColor("#e69600")),
    ("enrollments", QColor("#2e9b4a")),
)
POINT_FIGURES = (("points_earned", QColor("#7b4fc9")), ("points_redeemed", QColor("#c0392b")))


class ActivityPage(QWidget):
    """Signals (GUI thread):
    - `activity_shown(object)`: the ActivityView now on screen (after each refresh).
    - `export_finished(str)`: an export ended; the sentence the page now shows (written,
      cancelled or refused).
    """

    activity_shown = Signal(object)
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
        self.setObjectName("activityPage")
        self._manager = manager
        self._runner = runner
        self._view: ActivityView | None = None
        self._problem: BaseException | None = None
        self._build()
        self.exports = ExportPanel(
            manager, runner, export_folder=export_folder, ask_path=ask_path, parent=self
        )
        self.exports.export_finished.connect(self.export_finished)
        self._left.addWidget(self.exports)
        self._left.addStretch(1)
        self.retranslate()

    # --- public -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the selected period's figures in the background (the screen calls this
        when the page is shown; a period button calls it too)."""
        days = self.period()
        activity = self._manager.activity
        self._problem = None
        self.problem.setVisible(False)
        self.status.setText(self.tr("Reading the figures…"))
        self._runner.read(
            lambda: activity.activity(days), self._show, self._failed, key=READ_KEY, owner=self
        )

    def period(self) -> int:
        """The days selected: 1 (today), 7 or 30."""
        return self.periods.checkedId()

    def set_period(self, days: int) -> None:
        """Select a period (1, 7 or 30) and read its figures."""
        button = self.periods.button(days)
        if button is not None:
            button.setChecked(True)
            self.refresh()

    def set_card_query(self, query: CardQuery) -> None:
        """The cards table's current search, filters and sort: what the cards export writes."""
        self.exports.set_card_query(query)

    def export_cards(self) -> None:
        """Ask where to save, then write the cards of the current card query."""
        self.exports.export_cards()

    def export_transactions(self) -> None:
        """Ask where to save, then write this store's transactions of the chosen period."""
        self.exports.export_transactions()

    def clear(self) -> None:
        """Forget what is shown (the manager views locked): the next refresh reads again."""
        self._runner.forget(READ_KEY)
        self._view, self._problem = None, None
        self.problem.setVisible(False)
        self.status.setText("")
        self.exports.clear_message()
        self._show_figures()

    @property
    def view(self) -> ActivityView | None:
        """The ActivityView on screen, or None before the first read."""
        return self._view

    # --- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.periods = QButtonGroup(self)
        self.periods.setExclusive(True)
        period_row = QHBoxLayout()
        for days in PERIODS:
            button = QPushButton(self)
            button.setCheckable(True)
            button.setMinimumHeight(TOUCH_TARGET_PX)
            self.periods.addButton(button, days)
            period_row.addWidget(button)
        self.periods.button(1).setChecked(True)
        self.periods.idClicked.connect(lambda _days: self.refresh())
        self.status = QLabel(self)
        self.status.setObjectName("hint")
        period_row.addWidget(self.status, 1)
        self.problem = QLabel(self)
        self.problem.setObjectName("refusal")
        self.problem.setWordWrap(True)
        self.problem.setVisible(False)

        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        self.store_header = QLabel(self)
        self.company_header = QLabel(self)
        for header in (self.store_header, self.company_header):
            bold = header.font()
            bold.setBold(True)
            header.setFont(bold)
            header.setWordWrap(True)
            header.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
        grid.addWidget(self.store_header, 0, 1)
        grid.addWidget(self.company_header, 0, 2)
        self.figure_names: dict[str, QLabel] = {}
        self.store_values: dict[str, QLabel] = {}
        self.company_values: dict[str, QLabel] = {}
        for row, name in enumerate(FIGURES, start=1):
            self.figure_names[name] = QLabel(self)
            grid.addWidget(self.figure_names[name], row, 0)
            for column, values in ((1, self.store_values), (2, self.company_values)):
                values[name] = QLabel(self)
                values[name].setAlignment(Qt.AlignmentFlag.AlignRight)
                values[name].setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                grid.addWidget(values[name], row, column)
        self.company_note = QLabel(self)
        self.company_note.setObjectName("hint")
        self.company_note.setWordWrap(True)
        self.company_note.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(self.company_note, 1, 2, len(FIGURES), 1)
        self.company_as_of = QLabel(self)
        self.company_as_of.setObjectName("hint")
        self.company_as_of.setWordWrap(True)
        self.company_as_of.setAlignment(Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.company_as_of, len(FIGURES) + 1, 0, 1, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)

        self.counts_chart = DailyBarChart(COUNT_FIGURES, self)
        self.points_chart = DailyBarChart(POINT_FIGURES, self)
        charts = QVBoxLayout()
        charts.addWidget(self.counts_chart, 1)
        charts.addWidget(self.points_chart, 1)

        self._left = QVBoxLayout()
        self._left.addLayout(grid)
        self._left.addSpacing(18)
        body = QHBoxLayout()
        body.addLayout(self._left, 2)
        body.addLayout(charts, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(period_row)
        layout.addWidget(self.problem)
        layout.addLayout(body, 1)

    # --- texts ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        for days in PERIODS:
            button = self.periods.button(days)
            button.setText(texts.period_label(days))
            button.setAccessibleName(texts.period_label(days))
        figure_texts = {
            "stamps_given": self.tr("Stamps given"),
            "points_earned": self.tr("Points earned"),
            "points_redeemed": self.tr("Points redeemed"),
            "rewards_redeemed": self.tr("Rewards"),
            "enrollments": self.tr("New cards"),
        }
        for name, text in figure_texts.items():
            self.figure_names[name].setText(text)
        self.counts_chart.set_texts(
            self.tr("Stamps, rewards and new cards per day"),
            {key: figure_texts[key] for key, _colour in COUNT_FIGURES},
        )
        self.points_chart.set_texts(
            self.tr("Points per day"), {key: figure_texts[key] for key, _colour in POINT_FIGURES}
        )
        self.company_header.setText(self.tr("Whole company"))
        self.problem.setAccessibleName(self.tr("Problem"))
        self.exports.retranslate()
        self._show_figures()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _company_missing(self, reason: str | None) -> str:
        match reason:
            case "no_server":
                return self.tr("Company figures need the server: this terminal works without one.")
            case "offline":
                return self.tr("Company figures need the server: offline. Try again later.")
            case "auth_expired":
                return self.tr(
                    "Company figures need the server: this terminal must be activated again."
                )
        return self.tr("Company figures need the server: it did not send them. Try again later.")

    # --- showing ----------------------------------------------------------------------------

    def _show(self, view: ActivityView) -> None:
        self._view = view
        self.status.setText("")
        if view.series:
            self.exports.set_store_today(view.series[-1].day)
        self._show_figures()
        self.activity_shown.emit(view)

    def _failed(self, err: BaseException) -> None:
        self._problem = err
        self.status.setText("")
        self.problem.setText(texts.error_text(err))
        self.problem.setVisible(True)

    def _show_figures(self) -> None:
        view = self._view
        if self._problem is not None:
            self.problem.setText(texts.error_text(self._problem))
        name = view.vendor_name if view is not None else ""
        self.store_header.setText(self.tr("This store (%1)").replace("%1", name))
        _fill(self.store_values, view.store if view is not None else None)
        company = view.company if view is not None else None
        _fill(self.company_values, company.total if company is not None else None)
        missing = ""
        if view is not None and company is None:
            missing = self._company_missing(view.company_unavailable_reason)
        self.company_note.setText(missing)
        self.company_note.setVisible(bool(missing))
        for label in self.company_values.values():
            label.setVisible(not missing)
        as_of = ""
        if company is not None:
            as_of = self.tr("Company figures as counted by the server at %1")
            as_of = as_of.replace("%1", texts.date_time_text(company.as_of))
        self.company_as_of.setText(as_of)
        self.company_as_of.setVisible(bool(as_of))
        series = view.series if view is not None else []
        days = [item.day for item in series]
        charts = ((self.counts_chart, COUNT_FIGURES), (self.points_chart, POINT_FIGURES))
        for chart, figures in charts:
            chart.set_days(
                days, {key: [getattr(item, key) for item in series] for key, _c in figures}
            )


def _fill(labels: dict[str, QLabel], figures: ActivityFigures | None) -> None:
    for name, label in labels.items():
        label.setText("—" if figures is None else texts.number(getattr(figures, name)))
