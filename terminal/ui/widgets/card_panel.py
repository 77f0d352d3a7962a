"""The card as the cashier sees it: who, which card, stamps, points, and what is pending."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from terminal.services.views import CardView
from terminal.ui.texts import plural

MAX_MARKS = 20  # a longer target is shown as a bar of marks plus the count


class StampRow(QWidget):
    """`stamp_count` filled marks out of `target`, with the count written beside them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._count = 0
        self._target = 0
        self.setMinimumHeight(48)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def set_stamps(self, count: int, target: int) -> None:
        self._count, self._target = count, target
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(480, 56)

    def paintEvent(self, _event: object) -> None:
        marks = min(self._target, MAX_MARKS)
        if marks <= 0:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        filled = palette.color(QPalette.ColorRole.Highlight)
        empty = palette.color(QPalette.ColorRole.Mid)
        size = min(self.height() - 8.0, (self.width() - 8.0) / marks - 6)
        size = max(size, 8.0)
        shown = (
            min(self._count, marks)
            if self._target <= MAX_MARKS
            else round(marks * min(self._count, self._target) / self._target)
        )
        for index in range(marks):
            box = QRectF(4 + index * (size + 6), (self.height() - size) / 2, size, size)
            if index < shown:
                painter.setBrush(filled)
                painter.setPen(filled.darker(130))
            else:
                painter.setBrush(QColor(0, 0, 0, 0))
                painter.setPen(empty)
            painter.drawEllipse(box)
        painter.end()


class CardPanel(QWidget):
    """Signals (GUI thread): `painted(str)`: the card of that id was painted for the first
    time since it was set (what the scan-to-card benchmark waits for)."""

    painted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._card: CardView | None = None
        self._unpainted: str | None = None
        self.setObjectName("cardPanel")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.name = QLabel(self)
        self.name.setObjectName("customerName")
        self.number = QLabel(self)
        self.number.setObjectName("cardNumber")
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.inactive = QLabel(self)
        self.inactive.setObjectName("inactive")
        self.inactive.setWordWrap(True)
        self.stamps = StampRow(self)
        self.stamps_text = QLabel(self)
        self.stamps_text.setObjectName("stampCount")
        self.reward = QLabel(self)
        self.reward.setObjectName("confirmation")
        self.points_title = QLabel(self)
        self.points_title.setObjectName("balanceTitle")
        self.points = QLabel(self)
        self.points.setObjectName("balance")
        self.expiry = QLabel(self)
        self.pending = QLabel(self)
        self.pending.setObjectName("pending")
        self.store = QLabel(self)
        self.store.setObjectName("hint")

        layout = QVBoxLayout(self)
        layout.setSpacing(6)
        layout.addWidget(self.name)
        layout.addWidget(self.number)
        layout.addWidget(self.inactive)
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.addWidget(self.stamps, 0, 0)
        grid.addWidget(self.stamps_text, 0, 1)
        grid.addWidget(self.reward, 1, 0, 1, 2)
        grid.addWidget(self.points_title, 2, 0)
        grid.addWidget(self.points, 2, 1)
        grid.addWidget(self.expiry, 3, 0, 1, 2)
        grid.addWidget(self.pending, 4, 0, 1, 2)
        layout.addLayout(grid)
        layout.addWidget(self.store)
        layout.addStretch(1)
        self.retranslate()

    @property
    def card(self) -> CardView | None:
        return self._card

    def show_card(self, card: CardView) -> None:
        self._card = card
        self._unpainted = card.card_id
        self._fill()
        self.update()

    def clear(self) -> None:
        self._card = None
        self._unpainted = None

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Loyalty card"))
        self.stamps.setAccessibleName(self.tr("Stamps"))
        self.points_title.setText(self.tr("Points"))
        self._fill()

    def _fill(self) -> None:
        card = self._card
        if card is None:
            return
        locale = QLocale()
        self.name.setText(card.customer_name or self.tr("(no name)"))
        self.number.setText(self.tr("Card %1").replace("%1", card.card_number))
        self.inactive.setVisible(not card.is_active)
        self.inactive.setText(
            self.tr("DEACTIVATED: this card cannot earn or redeem. A manager can reactivate it.")
        )
        has_stamps = card.stamps_target > 0
        self.stamps.setVisible(has_stamps)
        self.stamps_text.setVisible(has_stamps)
        self.stamps.set_stamps(card.stamp_count, card.stamps_target)
        stamps = self.tr("%1 of %2 stamps")
        stamps = stamps.replace("%1", locale.toString(card.stamp_count))
        self.stamps_text.setText(stamps.replace("%2", locale.toString(card.stamps_target)))
        self.stamps.setAccessibleDescription(self.stamps_text.text())
        self.reward.setVisible(card.stamp_reward_available)
        self.reward.setText(
            self.tr("Reward available: %1").replace("%1", card.stamp_reward_description)
        )
        self.points.setText(locale.toString(card.points_balance))
        self.points.setAccessibleName(self.tr("Points balance"))
        if card.points_expire_on is not None:
            when = locale.toString(card.points_expire_on, QLocale.FormatType.LongFormat)
            self.expiry.setText(self.tr("Points expire on %1").replace("%1", when))
        self.expiry.setVisible(card.points_expire_on is not None)
        pending = []
        points, stamps = card.pending_points, card.pending_stamps
        if points:  # the plural form follows the size, %1 carries the sign: "+30 points"
            text = plural(self.tr("%1 point(s) pending sync", "", abs(points)), abs(points))
            pending.append(text.replace("%1", f"{points:+d}"))
        if stamps:
            text = plural(self.tr("%1 stamp(s) pending sync", "", abs(stamps)), abs(stamps))
            pending.append(text.replace("%1", f"{stamps:+d}"))
        self.pending.setText(" · ".join(pending))
        self.pending.setVisible(bool(pending))
        if card.enrolled_at_vendor_name:
            self.store.setText(
                self.tr("Enrolled at %1").replace("%1", card.enrolled_at_vendor_name)
            )
        self.store.setVisible(bool(card.enrolled_at_vendor_name))
        summary = [self.name.text(), self.number.text(), self.stamps_text.text()]
        summary.append(self.tr("%1 points").replace("%1", self.points.text()))
        if not card.is_active:
            summary.insert(0, self.inactive.text())
        self.setAccessibleDescription(". ".join(summary))

    def paintEvent(self, event: object) -> None:
        super().paintEvent(event)  # type: ignore[arg-type]
        if self._unpainted is not None:
            card_id, self._unpainted = self._unpainted, None
            self.painted.emit(card_id)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
