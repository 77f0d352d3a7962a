"""A bar chart of a few daily figures, one group of bars per store calendar day (QtCharts).

The Activity page stacks two of them instead of one chart with two value axes: points run
in the hundreds or thousands while stamps, rewards and new cards are a handful a day, and
bars of both units side by side invite comparing heights that do not compare. Each chart
has one unit and its own scale that starts at zero; the figures grid beside them gives the
exact totals and hovering a bar tells its value. GUI thread only.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from datetime import date

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QDate, QEvent, QLocale, QMargins, Qt
from PySide6.QtGui import QColor, QCursor, QFont, QPainter, QPalette, QPen, QShowEvent
from PySide6.QtWidgets import QFrame, QToolTip, QWidget

from terminal.ui import texts

CHART_MIN_HEIGHT_PX = 220
ROTATE_LABELS_OVER_DAYS = 7  # more days than this: the day labels stand upright
_TICKS = 4  # about this many steps up the value axis
_YEAR = re.compile(r"[^dMy]*y+[^dMy]*")  # the year and the separator that joins it


def axis_scale(peak: int) -> tuple[int, int]:
    """The value axis' top and step for bars up to `peak`: whole, round steps (1, 2, 5 times
    a power of ten), about _TICKS of them; an empty chart still gets a scale of 0 to 4."""
    if peak <= 0:
        return _TICKS, 1
    rough = peak / _TICKS
    magnitude = 10 ** math.floor(math.log10(rough)) if rough >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= rough)
    step = max(int(step), 1)
    return math.ceil(peak / step) * step, step


def day_label(day: date) -> str:
    """A day under its bars: the language's short date without the year (30 upright labels
    of a full date would crowd the axis; the tooltip gives the full date)."""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return day.strftime("%m-%d")
    short = locale.dateFormat(QLocale.FormatType.ShortFormat)
    without_year = _YEAR.sub("", short).strip() or short
    return locale.toString(QDate(day.year, day.month, day.day), without_year)


class DailyBarChart(QChartView):
    """`figures`: (key, colour) of each bar set, in legend order; `set_days` fills them."""

    def __init__(
        self, figures: Sequence[tuple[str, QColor]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setBackgroundBrush(Qt.GlobalColor.transparent)
        self.viewport().setAutoFillBackground(False)
        self.setMinimumHeight(CHART_MIN_HEIGHT_PX)
        self._days: list[date] = []
        self.chart_ = QChart()
        self.chart_.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart_.setLocalizeNumbers(True)
        self.chart_.setMargins(QMargins(4, 4, 4, 4))
        self.chart_.setBackgroundRoundness(0)
        self.series = QBarSeries()
        self.series.setBarWidth(0.8)
        self.sets: dict[str, QBarSet] = {}
        for key, colour in figures:
            bar_set = QBarSet(key)
            bar_set.setColor(colour)
            bar_set.setBorderColor(colour)
            self.sets[key] = bar_set
            self.series.append(bar_set)
        self.chart_.addSeries(self.series)
        self.day_axis = QBarCategoryAxis()
        self.value_axis = QValueAxis()
        # "%.0f", not "%d": with localized numbers QtCharts formats only floating formats.
        self.value_axis.setLabelFormat("%.0f")
        self.value_axis.setTickType(QValueAxis.TickType.TicksDynamic)
        self.value_axis.setTickAnchor(0)
        self.value_axis.setMinorTickCount(0)
        self.chart_.addAxis(self.day_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart_.addAxis(self.value_axis, Qt.AlignmentFlag.AlignLeft)
        self.series.attachAxis(self.day_axis)
        self.series.attachAxis(self.value_axis)
        self.chart_.legend().setAlignment(Qt.AlignmentFlag.AlignTop)
        self.series.hovered.connect(self._hovered)
        self.setChart(self.chart_)
        self._scale(0)
        self._apply_look()

    # --- public -----------------------------------------------------------------------------

    def set_days(self, days: Sequence[date], values: Mapping[str, Sequence[int]]) -> None:
        """One group of bars per day (oldest first); `values[key]` one number per day."""
        self._days = list(days)
        for key, bar_set in self.sets.items():
            numbers = list(values.get(key, [0] * len(self._days)))
            if bar_set.count():
                bar_set.remove(0, bar_set.count())
            bar_set.append([float(n) for n in numbers])
        self._scale(max((max(v, default=0) for v in values.values()), default=0))
        self._label_days()

    def set_texts(self, title: str, labels: Mapping[str, str]) -> None:
        """The chart's title and each bar set's legend label (already translated)."""
        self.chart_.setTitle(title)
        for key, label in labels.items():
            self.sets[key].setLabel(label)
        self.setAccessibleName(title)
        self.chart_.setLocale(QLocale())
        self._label_days()

    def values(self, key: str) -> list[int]:
        bar_set = self.sets[key]
        return [round(bar_set.at(i)) for i in range(bar_set.count())]

    # --- inside -----------------------------------------------------------------------------

    def _scale(self, peak: int) -> None:
        top, step = axis_scale(peak)
        self.value_axis.setRange(0, top)
        self.value_axis.setTickInterval(step)

    def _label_days(self) -> None:
        labels = [day_label(day) for day in self._days]
        self.day_axis.setCategories(labels)
        self.day_axis.setLabelsAngle(-90 if len(labels) > ROTATE_LABELS_OVER_DAYS else 0)

    def _hovered(self, status: bool, index: int, bar_set: QBarSet) -> None:
        if not status or not 0 <= index < len(self._days):
            QToolTip.hideText()
            return
        text = f"{texts.date_text(self._days[index])}\n{bar_set.label()}: "
        QToolTip.showText(QCursor.pos(), text + texts.number(round(bar_set.at(index))), self)

    def _apply_look(self) -> None:
        """Colours and fonts from the widget's palette and font (light or dark, the style
        sheet's size): a chart is painted by QtCharts' own theme otherwise."""
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        base = QFont(self.font())
        small = QFont(base)
        small.setPointSizeF(max(base.pointSizeF() * 0.72, 9.0))
        title = QFont(base)
        title.setPointSizeF(max(base.pointSizeF() * 0.85, 10.0))
        title.setBold(True)
        self.chart_.setBackgroundVisible(False)  # the page's own background shows through
        self.chart_.setPlotAreaBackgroundVisible(False)
        self.chart_.setTitleBrush(text)
        self.chart_.setTitleFont(title)
        legend = self.chart_.legend()
        legend.setLabelColor(text)
        legend.setFont(small)
        grid = QPen(palette.color(QPalette.ColorRole.Mid))
        grid.setWidthF(0.5)
        for axis in (self.day_axis, self.value_axis):
            axis.setLabelsColor(text)
            axis.setLabelsFont(small)
            axis.setLinePenColor(palette.color(QPalette.ColorRole.Mid))
            axis.setGridLinePen(grid)
        self.day_axis.setGridLineVisible(False)
        self.day_axis.setTruncateLabels(False)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in _LOOK_CHANGES:
            self._apply_look()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        self._apply_look()  # the style sheet's font is known once the view is polished
        super().showEvent(event)


_LOOK_CHANGES = (QEvent.Type.PaletteChange, QEvent.Type.FontChange, QEvent.Type.StyleChange)
