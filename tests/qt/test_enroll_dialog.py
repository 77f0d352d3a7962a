"""The enrollment dialog and the new card (screen and print), over the real services."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import asdict, replace
from pathlib import Path

import cv2
import numpy as np
import pytest
import zxingcpp
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QAbstractButton, QDialog, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from terminal.domain.errors import CustomerAlreadyEnrolled
from terminal.domain.rules import ProgramType
from terminal.scanner.decoders import ZxingDecoder
from terminal.services.views import CardView, OperationResult, TerminalInfo
from terminal.ui.dialogs.enroll import EnrollDialog, EnrollmentRequest
from terminal.ui.dialogs.new_card import QR_SYMBOL_MM, NewCardDialog
from terminal.ui.tasks import TaskRunner
from terminal.ui.texts import error_text
from terminal.ui.widgets.qr_code import MIN_SYMBOL_PX, QUIET_MODULES, qr_modules
from tests.factories import CASHIER, Terminal

TIMEOUT_MS = 10_000
PRINT_DPI = 300


@pytest.fixture
def info(terminal: Terminal) -> TerminalInfo:
    return terminal.services.terminal.info()


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    tasks.shutdown()


@pytest.fixture
def new_card(terminal: Terminal) -> CardView:
    return terminal.enroll(7, first_name="Émilie", last_name="Dupont-Laurent")


def open_enroll(qtbot: QtBot, info: TerminalInfo) -> EnrollDialog:
    dialog = EnrollDialog(info)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def type_details(qtbot: QtBot, dialog: EnrollDialog, **fields: str) -> None:
    for name, text in fields.items():
        field = dialog.field(name)
        field.clear()
        if text.isascii():
            qtbot.keyClicks(field, text)
        else:  # QTest types ASCII only (it aborts on others); insert() is what an IME does
            field.insert(text)


def enroll_flow(dialog: EnrollDialog, runner: TaskRunner, terminal: Terminal) -> list[object]:
    """What the real flow does with the dialog, in a few lines: run the enrollment on the
    writer, close on success, offer the existing card on a duplicate."""
    outcomes: list[object] = []

    def done(result: OperationResult) -> None:
        outcomes.append(result)
        dialog.accept()

    def failed(err: BaseException) -> None:
        outcomes.append(err)
        if isinstance(err, CustomerAlreadyEnrolled):
            dialog.offer_existing_card(err.existing_card_number, error_text(err))
        else:
            dialog.show_refusal(error_text(err))

    def run(request: EnrollmentRequest) -> None:
        runner.write(
            lambda: terminal.services.enroll.enroll(CASHIER, **asdict(request)),
            done,
            failed,
            owner=dialog,
        )

    dialog.submitted.connect(run)
    return outcomes


def gray_array(image: QImage) -> np.ndarray:
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    array = np.frombuffer(gray.constBits(), np.uint8).reshape(gray.height(), gray.bytesPerLine())
    return array[:, : gray.width()].copy()


def controls(dialog: QDialog) -> list[QWidget]:
    """Every widget a person operates, ours only (not the parts Qt builds inside a line
    edit, such as its clear button)."""
    found = dialog.findChildren(QLineEdit) + dialog.findChildren(QAbstractButton)
    return [w for w in found if not isinstance(w.parent(), QLineEdit)]


# --- validation as the cashier types ---------------------------------------------------------


def test_invalid_email_shows_a_message_and_keeps_enroll_disabled(
    qtbot: QtBot, info: TerminalInfo
) -> None:
    dialog = open_enroll(qtbot, info)
    assert not dialog.ok_button.isEnabled()
    type_details(qtbot, dialog, first_name="Ana", email="ana@example")
    message = dialog.messages["email"]
    assert message.isVisible()
    assert message.text()
    assert message.text() in dialog.email.accessibleDescription()
    assert not dialog.ok_button.isEnabled()

    qtbot.keyClicks(dialog.email, ".com")
    assert not message.isVisible()
    assert dialog.ok_button.isEnabled()


def test_invalid_phone_shows_a_message_under_the_phone(qtbot: QtBot, info: TerminalInfo) -> None:
    dialog = open_enroll(qtbot, info)
    type_details(qtbot, dialog, last_name="Martin", phone="06 12 ab")
    assert dialog.messages["phone"].isVisible()
    assert not dialog.messages["email"].isVisible()
    assert not dialog.ok_button.isEnabled()


def test_the_phone_is_checked_for_the_store_country(qtbot: QtBot, info: TerminalInfo) -> None:
    assert info.country == "FR"
    french = open_enroll(qtbot, info)
    type_details(qtbot, french, first_name="Ana", phone="06 12 34 56 78")
    assert french.ok_button.isEnabled()

    american = open_enroll(qtbot, replace(info, country="US"))
    type_details(qtbot, american, first_name="Ana", phone="06 12 34 56 78")
    assert american.messages["phone"].isVisible()
    assert "US" in american.messages["phone"].text()
    assert not american.ok_button.isEnabled()


def test_a_name_and_an_email_or_a_phone_enable_enroll(qtbot: QtBot, info: TerminalInfo) -> None:
    dialog = open_enroll(qtbot, info)
    type_details(qtbot, dialog, first_name="Ana")
    assert not dialog.ok_button.isEnabled()
    assert dialog.requirement.isVisible()  # says what is missing: an email or a phone

    type_details(qtbot, dialog, phone="06 12 34 56 78")
    assert dialog.ok_button.isEnabled()
    assert not dialog.requirement.isVisible()

    type_details(qtbot, dialog, first_name="  ")  # no name left
    assert not dialog.ok_button.isEnabled()
    assert dialog.requirement.isVisible()


def test_the_company_can_require_an_email(qtbot: QtBot, info: TerminalInfo) -> None:
    strict = replace(info, company=replace(info.company, require_customer_email_on_enroll=True))
    dialog = open_enroll(qtbot, strict)
    type_details(qtbot, dialog, first_name="Ana", phone="06 12 34 56 78")
    assert not dialog.ok_button.isEnabled()
    assert dialog.requirement.isVisible()

    type_details(qtbot, dialog, email="ana@example.com")
    assert dialog.ok_button.isEnabled()


def test_submitted_carries_the_request_as_typed(qtbot: QtBot, info: TerminalInfo) -> None:
    dialog = open_enroll(qtbot, info)
    type_details(qtbot, dialog, first_name=" Ana ", last_name="Martin", email="Ana@Example.com")
    with qtbot.waitSignal(dialog.submitted, timeout=TIMEOUT_MS) as blocker:
        qtbot.keyClick(dialog.email, Qt.Key.Key_Return)
    assert blocker.args == [EnrollmentRequest(" Ana ", "Martin", "Ana@Example.com", "")]
    assert dialog.busy
    assert not dialog.ok_button.isEnabled()
    assert not dialog.email.isEnabled()


def test_a_refusal_gives_the_fields_back(qtbot: QtBot, info: TerminalInfo) -> None:
    dialog = open_enroll(qtbot, info)
    type_details(qtbot, dialog, first_name="Ana", email="ana@example.com")
    with qtbot.waitSignal(dialog.submitted, timeout=TIMEOUT_MS):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    dialog.show_refusal("The loyalty program is paused.")
    assert dialog.refusal.isVisible()
    assert dialog.ok_button.isEnabled()
    assert dialog.email.isEnabled()
    qtbot.keyClicks(dialog.first_name, "a")  # editing clears the old refusal
    assert not dialog.refusal.isVisible()


# --- with the real enroll service -------------------------------------------------------------


def test_enrolling_through_the_runner_creates_the_card(
    qtbot: QtBot, info: TerminalInfo, runner: TaskRunner, terminal: Terminal
) -> None:
    dialog = open_enroll(qtbot, info)
    outcomes = enroll_flow(dialog, runner, terminal)
    type_details(qtbot, dialog, first_name="Noé", last_name="Leroy", email="noe@example.com")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(outcomes), timeout=TIMEOUT_MS)
    (result,) = outcomes
    assert isinstance(result, OperationResult), result
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert result.card.customer_name == "Noé Leroy"
    assert terminal.services.lookup.find("noe@example.com").card_id == result.card.card_id


def test_a_duplicate_email_offers_the_existing_card(
    qtbot: QtBot, info: TerminalInfo, runner: TaskRunner, terminal: Terminal
) -> None:
    existing = terminal.enroll(1)  # ana1@example.com
    dialog = open_enroll(qtbot, info)
    outcomes = enroll_flow(dialog, runner, terminal)
    type_details(qtbot, dialog, first_name="Ana", email="ANA1@example.com")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.existing_button.isVisible, timeout=TIMEOUT_MS)

    assert isinstance(outcomes[0], CustomerAlreadyEnrolled)
    assert dialog.refusal.isVisible()
    assert dialog.refusal.text() == error_text(outcomes[0])
    button = dialog.existing_button
    assert existing.card_number in button.text()
    assert button.hasFocus()  # Enter shows the card
    with qtbot.waitSignal(dialog.existing_card_requested, timeout=TIMEOUT_MS) as blocker:
        qtbot.keyClick(button, Qt.Key.Key_Return)
    assert blocker.args == [existing.card_number]


def test_changing_the_email_withdraws_the_offer(
    qtbot: QtBot, info: TerminalInfo, runner: TaskRunner, terminal: Terminal
) -> None:
    existing = terminal.enroll(1)
    dialog = open_enroll(qtbot, info)
    dialog.offer_existing_card(existing.card_number, "This customer already has a card.")
    assert dialog.existing_button.isVisible()
    assert not dialog.ok_button.isEnabled()  # the same details would be refused again
    type_details(qtbot, dialog, first_name="Ana", email="ana.other@example.com")
    assert not dialog.existing_button.isVisible()
    assert not dialog.refusal.isVisible()
    assert dialog.ok_button.isEnabled()


# --- the welcome bonus -----------------------------------------------------------------------


def test_the_welcome_bonus_is_shown(qtbot: QtBot, info: TerminalInfo) -> None:
    assert info.program.uses_points
    assert info.program.welcome_bonus_points == 50
    dialog = open_enroll(qtbot, info)
    assert dialog.bonus.isVisible()
    assert dialog.bonus.text() == "Welcome bonus: 50 points"


@pytest.mark.parametrize(
    "changes", [{"program_type": ProgramType.STAMPS}, {"welcome_bonus_points": 0}]
)
def test_no_welcome_bonus_no_line(
    qtbot: QtBot, info: TerminalInfo, changes: dict[str, object]
) -> None:
    dialog = open_enroll(qtbot, replace(info, program=replace(info.program, **changes)))
    assert dialog.welcome_bonus == 0
    assert not dialog.bonus.isVisible()


# --- accessibility and touch -----------------------------------------------------------------


def test_every_enroll_control_is_named_described_and_big_enough(
    qtbot: QtBot, info: TerminalInfo
) -> None:
    dialog = open_enroll(qtbot, info)
    dialog.offer_existing_card("4000-0000-0002", "This customer already has a card.")
    found = controls(dialog)
    assert dialog.existing_button in found
    assert {dialog.field(name) for name in dialog.FIELDS} <= set(found)
    for widget in found:
        assert widget.accessibleName(), widget
        assert widget.accessibleDescription(), widget
        assert widget.height() >= 48, (widget.accessibleName(), widget.height())
    for label in (dialog.bonus, dialog.refusal):
        assert label.accessibleName()


def test_every_new_card_control_is_named_described_and_big_enough(
    qtbot: QtBot, new_card: CardView
) -> None:
    dialog = open_new_card(qtbot, new_card)
    found = [*controls(dialog), dialog.qr]
    assert {dialog.print_button, dialog.done_button} <= set(found)
    for widget in found:
        assert widget.accessibleName(), widget
        assert widget.accessibleDescription(), widget
        assert widget.height() >= 48, (widget.accessibleName(), widget.height())


# --- the new card ----------------------------------------------------------------------------


def open_new_card(qtbot: QtBot, card: CardView, bonus: int = 50) -> NewCardDialog:
    dialog = NewCardDialog(card, welcome_bonus=bonus)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_new_card_shows_name_number_and_bonus(qtbot: QtBot, new_card: CardView) -> None:
    dialog = open_new_card(qtbot, new_card)
    assert dialog.name.text() == "Émilie Dupont-Laurent"
    assert dialog.number.text() == new_card.card_number
    assert dialog.bonus.isVisible()
    assert dialog.bonus.text() == "Welcome bonus: 50 points"
    assert not open_new_card(qtbot, new_card, bonus=0).bonus.isVisible()


def test_the_on_screen_qr_is_large_crisp_and_decodes(qtbot: QtBot, new_card: CardView) -> None:
    dialog = open_new_card(qtbot, new_card)
    modules = qr_modules(new_card.qr_token).shape[0]
    pixmap = dialog.qr.code_pixmap()
    assert pixmap is not None
    assert pixmap.width() % modules == 0  # whole pixels per module
    per_module = pixmap.width() // modules
    assert (modules - 2 * QUIET_MODULES) * per_module >= MIN_SYMBOL_PX
    assert min(dialog.qr.width(), dialog.qr.height()) >= MIN_SYMBOL_PX

    screen = gray_array(dialog.grab().toImage())
    assert ZxingDecoder().decode(screen) == [new_card.qr_token]
    # Crisp: a whole-module rendering has only black and white in it, no grey edges.
    qr_area = gray_array(dialog.qr.grab().toImage())
    assert set(np.unique(qr_area)) <= {0, 255}


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def rasterise(pdf: Path, out: Path) -> np.ndarray:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is missing (apt-get install poppler-utils)")
    subprocess.run(  # noqa: S603 (a fixed tool on a file of ours)
        ["pdftoppm", "-r", str(PRINT_DPI), "-gray", "-singlefile", str(pdf), str(out)],  # noqa: S607
        check=True,
    )
    image = cv2.imread(str(out.with_suffix(".pgm")), cv2.IMREAD_GRAYSCALE)
    assert image is not None
    return image


# Tokens whose printed code did not decode when the code's outline was merged at the
# page's fractional coordinates: rounding left white hairlines between module rows.
SEAM_TOKENS = [
    "LC1-35NZW3VJte498_g8-LY8o2jX",
    "LC1-2B41LR4mEX7pEQFpa_lg2IIA",
    "LC1-EMV5M4XRe9ECtU6WDT29x79u",
    "LC1--4OA81aA_RmpbrNofHtbTUEC",
]


@pytest.mark.parametrize("token", SEAM_TOKENS)
def test_printed_codes_have_no_seams(
    qtbot: QtBot, new_card: CardView, tmp_path: Path, token: str
) -> None:
    dialog = open_new_card(qtbot, replace(new_card, qr_token=token))
    pdf = tmp_path / "card.pdf"
    assert dialog.print_to(pdf_printer(pdf))
    assert ZxingDecoder().decode(rasterise(pdf, tmp_path / "card")) == [token]


def test_the_printed_card_is_a_pdf_whose_qr_decodes(
    qtbot: QtBot, new_card: CardView, tmp_path: Path
) -> None:
    dialog = open_new_card(qtbot, new_card)
    pdf = tmp_path / "card.pdf"
    assert dialog.print_to(pdf_printer(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")
    assert dialog.print_status.isVisible()

    page = rasterise(pdf, tmp_path / "card")
    assert ZxingDecoder().decode(page) == [new_card.qr_token]
    (code,) = zxingcpp.read_barcodes(page, formats=zxingcpp.BarcodeFormat.QRCode)
    side_px = abs(code.position.top_right.x - code.position.top_left.x)
    assert side_px * 25.4 / PRINT_DPI == pytest.approx(QR_SYMBOL_MM, abs=1.5)


def test_a_printer_that_cannot_print_says_so(
    qtbot: QtBot, new_card: CardView, tmp_path: Path
) -> None:
    dialog = open_new_card(qtbot, new_card)
    assert not dialog.print_to(pdf_printer(tmp_path / "no such folder" / "card.pdf"))
    assert dialog.print_status.isVisible()
    assert dialog.print_status.accessibleName() == dialog.print_status.text()


def test_print_opens_the_print_dialog_without_blocking(qtbot: QtBot, new_card: CardView) -> None:
    dialog = open_new_card(qtbot, new_card)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    asked = dialog.findChild(QPrintDialog)
    assert asked is not None
    qtbot.waitUntil(asked.isVisible, timeout=TIMEOUT_MS)
    asked.reject()
    assert not dialog.print_status.isVisible()  # nothing printed


def test_confirming_the_print_dialog_prints(
    qtbot: QtBot, new_card: CardView, tmp_path: Path
) -> None:
    dialog = open_new_card(qtbot, new_card)
    pdf = tmp_path / "asked.pdf"
    dialog.ask_printer(pdf_printer(pdf))
    asked = dialog.findChild(QPrintDialog)
    qtbot.waitUntil(asked.isVisible, timeout=TIMEOUT_MS)
    with qtbot.waitSignal(asked.finished, timeout=TIMEOUT_MS):
        asked.accept()
    assert dialog.print_status.isVisible()
    assert pdf.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Escape])
def test_done_closes_with_enter_or_esc(qtbot: QtBot, new_card: CardView, key: Qt.Key) -> None:
    dialog = open_new_card(qtbot, new_card)
    with qtbot.waitSignal(dialog.finished, timeout=TIMEOUT_MS):
        qtbot.keyClick(dialog.done_button, key)
    assert not dialog.isVisible()
