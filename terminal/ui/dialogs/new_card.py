"""The new card, right after an enrollment: the number in big type, the QR code large enough
for the customer's phone to photograph, and a printed card for those who want one.

The printed card is the size of a bank card (ID-1, 85.6 x 54 mm, with a thin cutting line),
its QR code 35 mm wide plus its quiet zone, painted as vector squares so any printer
resolution keeps it sharp.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QKeySequence, QPainter, QPen
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from terminal.services.views import CardView
from terminal.ui.widgets.qr_code import QUIET_MODULES, QrCodeView, paint_qr, qr_modules

TOUCH_PX = 48
CARD_MM = (85.6, 54.0)  # ID-1, a bank card: fits every wallet
QR_SYMBOL_MM = 35.0  # the code itself; its quiet zone comes on top
MARGIN_MM = 4.0


class NewCardDialog(QDialog):
    """Shows `card` (a CardView) and the welcome bonus its enrollment gave (0 for none).

    Closed with Done (Enter) or Esc; the flow needs no answer from it (`finished(int)`).
    `print_to(printer)` paints the card on any QPrinter, the Print button asks which one.
    """

    def __init__(
        self, card: CardView, parent: QWidget | None = None, *, welcome_bonus: int = 0
    ) -> None:
        super().__init__(parent)
        self.setObjectName("newCardDialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._card = card
        self._welcome_bonus = welcome_bonus
        self._printer: QPrinter | None = None
        self._print_dialog: QPrintDialog | None = None
        self.title = QLabel(self)
        self.title.setObjectName("dialogTitle")
        self.name = QLabel(self)
        self.name.setObjectName("customerName")
        self.name.setWordWrap(True)
        self.number = QLabel(card.card_number, self)
        self.number.setObjectName("cardNumber")
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bonus = QLabel(self)
        self.bonus.setObjectName("welcomeBonus")
        self.bonus.setVisible(welcome_bonus > 0)
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.print_status = QLabel(self)
        self.print_status.setObjectName("printStatus")
        self.print_status.setWordWrap(True)
        self.print_status.setVisible(False)
        self.qr = QrCodeView(card.qr_token, self)
        self.qr.setObjectName("cardQr")
        self.print_button = QPushButton(self)
        self.print_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.print_button.setAutoDefault(False)
        self.print_button.clicked.connect(lambda: self.ask_printer())
        self.done_button = QPushButton(self)
        self.done_button.setObjectName("primary")
        self.done_button.setDefault(True)
        self.done_button.clicked.connect(self.accept)
        for button in (self.print_button, self.done_button):
            button.setMinimumHeight(TOUCH_PX)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.done_button, QDialogButtonBox.ButtonRole.AcceptRole)

        details = QVBoxLayout()
        details.setSpacing(12)
        for widget in (self.title, self.name, self.number, self.bonus, self.hint):
            details.addWidget(widget)
        details.addStretch(1)
        details.addWidget(self.print_status)
        top = QHBoxLayout()
        top.setSpacing(24)
        top.addLayout(details, 1)
        top.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(buttons)
        self.retranslate()
        self.done_button.setFocus()

    @property
    def card(self) -> CardView:
        return self._card

    def retranslate(self) -> None:
        card = self._card
        self.setWindowTitle(self.tr("New loyalty card"))
        self.title.setText(self.tr("The card is ready"))
        self.name.setText(card.customer_name or self.tr("(no name)"))
        self.name.setAccessibleName(self.tr("Customer"))
        self.name.setAccessibleDescription(self.name.text())
        self.number.setAccessibleName(self.tr("Card number"))
        self.number.setAccessibleDescription(card.card_number)
        self.bonus.setText(self.tr("Welcome bonus: %n points", "", self._welcome_bonus))
        self.bonus.setAccessibleName(self.bonus.text())
        self.bonus.setAccessibleDescription(self.tr("Points the new card starts with"))
        self.hint.setText(
            self.tr(
                "The customer can photograph this code with their phone and show it at the "
                "counter next time, or take a printed card."
            )
        )
        self.hint.setAccessibleName(self.tr("What the customer can do"))
        self.hint.setAccessibleDescription(self.hint.text())
        self.qr.setAccessibleName(self.tr("QR code of card %1").replace("%1", card.card_number))
        self.qr.setAccessibleDescription(
            self.tr("The customer photographs it, or shows it to the camera next time")
        )
        self.print_button.setText(self.tr("&Print card (Ctrl+P)"))
        self.print_button.setAccessibleName(self.tr("Print card"))
        self.print_button.setAccessibleDescription(
            self.tr("Print the card, bank-card size, with its QR code")
        )
        self.done_button.setText(self.tr("Done (Enter)"))
        self.done_button.setAccessibleName(self.tr("Done"))
        self.done_button.setAccessibleDescription(self.tr("Close and go back to the counter"))
        self.print_status.setAccessibleDescription(self.tr("How the printing went"))

    # --- printing ---------------------------------------------------------------------------

    def ask_printer(self, printer: QPrinter | None = None) -> None:
        """Open the system's print dialog (window-modal, not blocking) for `printer` (a new
        high-resolution one by default); print the card if the cashier confirms."""
        self._printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
        self._printer.setDocName(self.tr("Loyalty card %1").replace("%1", self._card.card_number))
        dialog = QPrintDialog(self._printer, self)
        dialog.setWindowTitle(self.tr("Print the card"))
        dialog.finished.connect(self._print_dialog_finished)
        self._print_dialog = dialog
        QDialog.open(dialog)  # QPrintDialog.open(receiver, member) hides the plain open()

    def _print_dialog_finished(self, result: int) -> None:
        if result == QDialog.DialogCode.Accepted and self._printer is not None:
            self.print_to(self._printer)

    def print_to(self, printer: QPrinter) -> bool:
        """Paint the card (name, number, QR code of 35 mm) on `printer`; False (and a status
        on screen) when the printer cannot be used."""
        painter = QPainter()
        if not painter.begin(printer):
            self._set_print_status(self.tr("The card could not be printed. Check the printer."))
            return False
        try:
            _paint_card(painter, printer.resolution(), self._card, self._print_texts())
        finally:
            painter.end()
        self._set_print_status(self.tr("Card sent to the printer."))
        return True

    def _print_texts(self) -> tuple[str, str]:
        return self.tr("Loyalty card"), self.tr("Show this code at the counter")

    def _set_print_status(self, text: str) -> None:
        self.print_status.setText(text)
        self.print_status.setAccessibleName(text)
        self.print_status.setVisible(True)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _paint_card(painter: QPainter, dpi: int, card: CardView, texts: tuple[str, str]) -> None:
    """The card at the top-left of the printable area, in device pixels of `dpi`."""
    heading, footer = texts

    def mm(value: float) -> float:
        return value * dpi / 25.4

    modules = qr_modules(card.qr_token).shape[0]
    qr_side = mm(QR_SYMBOL_MM) * modules / (modules - 2 * QUIET_MODULES)
    frame = QRectF(mm(0.5), mm(0.5), mm(CARD_MM[0]), mm(CARD_MM[1]))  # the line whole
    inset = max(0.0, (frame.height() - qr_side) / 2)
    qr_rect = QRectF(frame.right() - inset - qr_side, frame.top() + inset, qr_side, qr_side)
    text_left = frame.left() + mm(MARGIN_MM)
    text_width = qr_rect.left() - mm(1) - text_left  # the quiet zone stays blank

    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(QColor("#9e9e9e"), mm(0.2)))
    painter.drawRoundedRect(frame, mm(3), mm(3))
    paint_qr(painter, qr_rect, card.qr_token)

    painter.setPen(QColor("black"))
    top = frame.top() + mm(MARGIN_MM)
    font = QFont("DejaVu Sans")
    font.setPointSizeF(7)
    painter.setFont(font)
    heading_rect = QRectF(text_left, top, text_width, mm(5))
    painter.drawText(heading_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, heading)

    font.setPointSizeF(9)
    font.setBold(True)
    painter.setFont(font)
    name_rect = QRectF(text_left, top + mm(6), text_width, mm(16))
    flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
    painter.drawText(name_rect, flags, card.customer_name)

    number_font = QFont("DejaVu Sans Mono")
    number_font.setStyleHint(QFont.StyleHint.Monospace)
    number_font.setBold(True)
    number_font.setPointSizeF(11)
    while number_font.pointSizeF() > 6:  # the whole number on one line, as large as fits
        advance = QFontMetricsF(number_font, painter.device()).horizontalAdvance(card.card_number)
        if advance <= text_width:
            break
        number_font.setPointSizeF(number_font.pointSizeF() - 0.5)
    painter.setFont(number_font)
    number_rect = QRectF(text_left, frame.bottom() - mm(MARGIN_MM + 12), text_width, mm(6))
    painter.drawText(number_rect, Qt.AlignmentFlag.AlignLeft, card.card_number)

    font = QFont("DejaVu Sans")
    font.setPointSizeF(6)
    painter.setFont(font)
    footer_rect = QRectF(text_left, frame.bottom() - mm(MARGIN_MM + 5), text_width, mm(5))
    painter.drawText(footer_rect, flags, footer)
