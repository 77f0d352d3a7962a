"""Enrolling a new customer at the counter: name, email, phone, checked as they are typed.

The checks are the domain's own (terminal.domain.customers), so the dialog refuses exactly
what the enroll service would refuse, before the cashier presses Enter. The service still
normalises and checks again: `values()` carries the text as typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QPushButton, QWidget

from terminal.domain.customers import (
    EMAIL_MAX_LENGTH,
    NAME_MAX_LENGTH,
    clean_name,
    customer_details,
    normalize_email,
    normalize_phone,
)
from terminal.domain.errors import LoyaltyError
from terminal.services.views import TerminalInfo
from terminal.ui.dialogs.base import OperationDialog
from terminal.ui.texts import error_text

TOUCH_PX = 48
FIELD_MIN_WIDTH = 420  # a long email address stays readable whole
PHONE_MAX_LENGTH = 32  # digits and the separators people type: +33 (0)6 12 34 56 78


@dataclass(frozen=True)
class EnrollmentRequest:
    """What the cashier typed, as typed: EnrollService.enroll normalises it."""

    first_name: str
    last_name: str
    email: str
    phone: str


@dataclass(frozen=True)
class _Check:
    errors: dict[str, str]  # field name -> why its text cannot be used
    missing: str  # what the details still lack as a whole (a name, an email...), or ""

    @property
    def ready(self) -> bool:
        return not self.errors and not self.missing


class EnrollDialog(OperationDialog):
    """`submitted` carries an EnrollmentRequest.

    Signals (GUI thread): `existing_card_requested(str)`: the card number (shown form) of the
    customer's existing card, after `offer_existing_card`; the flow looks it up and closes
    the dialog.
    """

    existing_card_requested = Signal(str)

    FIELDS = ("first_name", "last_name", "email", "phone")

    def __init__(self, info: TerminalInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("enrollDialog")
        self._info = info
        self._existing_card = ""
        self._last_check: _Check | None = None
        self.title = QLabel(self)
        self.title.setObjectName("dialogTitle")
        self.title.setWordWrap(True)
        self.bonus = QLabel(self)
        self.bonus.setObjectName("welcomeBonus")
        self.bonus.setVisible(self.welcome_bonus > 0)
        self.first_name = self._line_edit(NAME_MAX_LENGTH, Qt.InputMethodHint.ImhNone)
        self.last_name = self._line_edit(NAME_MAX_LENGTH, Qt.InputMethodHint.ImhNone)
        self.email = self._line_edit(EMAIL_MAX_LENGTH, Qt.InputMethodHint.ImhEmailCharactersOnly)
        self.phone = self._line_edit(PHONE_MAX_LENGTH, Qt.InputMethodHint.ImhDialableCharactersOnly)
        self.labels: dict[str, QLabel] = {}
        self.messages: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setVerticalSpacing(6)
        grid.setHorizontalSpacing(12)
        for index, name in enumerate(self.FIELDS):
            field = self.field(name)
            label = QLabel(self)
            label.setBuddy(field)
            message = QLabel(self)
            message.setObjectName("fieldError")
            message.setWordWrap(True)
            message.setVisible(False)
            self.labels[name] = label
            self.messages[name] = message
            grid.addWidget(label, index * 2, 0, Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(field, index * 2, 1)
            grid.addWidget(message, index * 2 + 1, 1)
            field.textChanged.connect(self._on_edited)
        grid.setColumnStretch(1, 1)
        self.requirement = QLabel(self)
        self.requirement.setObjectName("requirement")
        self.requirement.setWordWrap(True)
        for widget in (self.title, self.bonus):
            self.body.addWidget(widget)
        self.body.addLayout(grid)
        self.body.addWidget(self.requirement)
        self.existing_button = QPushButton(self)
        self.existing_button.setObjectName("existingCard")
        self.existing_button.setMinimumHeight(64)
        self.existing_button.setVisible(False)
        self.existing_button.clicked.connect(self._on_existing_card)
        self.layout_.insertWidget(self.layout_.indexOf(self.refusal) + 1, self.existing_button)
        for button in (self.ok_button, self.cancel_button):
            button.setMinimumHeight(TOUCH_PX)
        self.retranslate()
        self._validate()
        self.first_name.setFocus()

    # --- for the flow -----------------------------------------------------------------------

    @property
    def welcome_bonus(self) -> int:
        """The points the new card starts with (0 when the program has no points)."""
        program = self._info.program
        return program.welcome_bonus_points if program.uses_points else 0

    @property
    def email_required(self) -> bool:
        return self._info.company.require_customer_email_on_enroll

    @property
    def can_enroll(self) -> bool:
        """The details as typed can be enrolled (the service may still find a duplicate)."""
        return self._check().ready

    def field(self, name: str) -> QLineEdit:
        widget: QLineEdit = getattr(self, name)
        return widget

    def values(self) -> EnrollmentRequest:
        check = self._check()
        if not check.ready:
            raise ValueError(next(iter(check.errors.values()), check.missing))
        return EnrollmentRequest(
            first_name=self.first_name.text(),
            last_name=self.last_name.text(),
            email=self.email.text(),
            phone=self.phone.text(),
        )

    def offer_existing_card(self, card_number: str, text: str) -> None:
        """The customer already has a card (CustomerAlreadyEnrolled): say so, and offer a
        big button to show that card instead; Enroll stays disabled until a field is
        edited, which withdraws the offer."""
        self.show_refusal(text)
        self._existing_card = card_number
        self._retranslate_existing_card()
        self.existing_button.setVisible(True)
        self.existing_button.setFocus()
        # The same details would be refused again: the existing card is the way on, until
        # the cashier corrects the email or phone (an edit withdraws the offer).
        self.ok_button.setEnabled(False)
        self._grow_to_fit()

    def show_refusal(self, text: str) -> None:
        super().show_refusal(text)
        self.existing_button.setEnabled(True)

    def set_busy(self, busy: bool) -> None:
        super().set_busy(busy)
        self.ok_button.setEnabled(not busy and self.can_enroll)
        if busy:
            self._withdraw_existing_card()

    def set_inputs_enabled(self, enabled: bool) -> None:
        for name in self.FIELDS:
            self.field(name).setEnabled(enabled)

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(self.tr("Enroll a customer"))
        self.title.setText(self.tr("New loyalty card"))
        self.bonus.setText(self.tr("Welcome bonus: %n points", "", self.welcome_bonus))
        self.bonus.setAccessibleName(self.bonus.text())
        self.bonus.setAccessibleDescription(self.tr("Points the new card starts with"))
        email_label = self.tr("&Email (required):") if self.email_required else self.tr("&Email:")
        texts = {
            "first_name": (self.tr("&First name:"), self.tr("First name")),
            "last_name": (self.tr("&Last name:"), self.tr("Last name")),
            "email": (email_label, self.tr("Email")),
            "phone": (self.tr("&Phone:"), self.tr("Phone")),
        }
        for name, (label, accessible) in texts.items():
            self.labels[name].setText(label)
            self.field(name).setAccessibleName(accessible)
        self.email.setPlaceholderText(self.tr("name@example.com"))
        self.ok_button.setText(self.tr("Enroll (Enter)"))
        self.ok_button.setAccessibleName(self.tr("Enroll"))
        self.ok_button.setAccessibleDescription(
            self.tr("Create the loyalty card with these details")
        )
        self.requirement.setAccessibleDescription(self.tr("What is still needed to enroll"))
        self._retranslate_existing_card()
        if self._last_check is not None:
            self._show_check(self._last_check)

    # --- inside -----------------------------------------------------------------------------

    def _line_edit(self, max_length: int, hints: Qt.InputMethodHint) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setMaxLength(max_length)
        edit.setInputMethodHints(hints)
        edit.setClearButtonEnabled(True)
        edit.setMinimumHeight(TOUCH_PX)
        edit.setMinimumWidth(FIELD_MIN_WIDTH)
        return edit

    def _field_description(self, name: str) -> str:
        if name == "email":
            if self.email_required:
                return self.tr("The customer's email address; the company asks for one")
            return self.tr("The customer's email address; an email or a phone is needed")
        if name == "phone":
            return self.tr("The customer's phone number; an email or a phone is needed")
        return self.tr("The customer's name, as it appears on the card")

    def _check(self) -> _Check:
        """The domain's own checks: each field alone (for the message under it), then the
        details as a whole, as EnrollService will check them (for what is still missing)."""
        errors: dict[str, str] = {}
        country = self._info.country
        texts = {name: self.field(name).text() for name in self.FIELDS}
        field_checks: dict[str, Callable[[str], object]] = {
            "first_name": lambda text: clean_name(text, "first name"),
            "last_name": lambda text: clean_name(text, "last name"),
            "email": normalize_email,
            "phone": lambda text: normalize_phone(text, country),
        }
        for name, check in field_checks.items():
            try:
                check(texts[name])
            except LoyaltyError as err:
                errors[name] = error_text(err)
        if errors:
            return _Check(errors, "")
        try:
            customer_details(**texts, email_required=self.email_required, country=country)
        except LoyaltyError as err:
            return _Check({}, error_text(err))
        return _Check({}, "")

    def _validate(self) -> None:
        check = self._check()
        self._last_check = check
        self._show_check(check)
        self.ok_button.setEnabled(not self.busy and check.ready)

    def _show_check(self, check: _Check) -> None:
        for name in self.FIELDS:
            text = check.errors.get(name, "")
            message = self.messages[name]
            message.setText(text)
            message.setAccessibleName(text)
            message.setVisible(bool(text))
            description = self._field_description(name)
            self.field(name).setAccessibleDescription(
                f"{description}. {text}" if text else description
            )
        requirement = check.missing
        self.requirement.setText(requirement)
        self.requirement.setAccessibleName(requirement or self.tr("Ready to enroll"))
        self.requirement.setVisible(bool(requirement))
        self._grow_to_fit()

    def _grow_to_fit(self) -> None:
        """A message appeared: grow to the comfortable size, not just the minimum (where the
        fields would touch). Never shrinks, so the buttons do not jump while typing."""
        if not self.isVisible():
            return
        hint = self.sizeHint()
        if self.height() < hint.height() or self.width() < hint.width():
            self.resize(max(self.width(), hint.width()), max(self.height(), hint.height()))

    def _on_edited(self) -> None:
        self._withdraw_existing_card()
        self.clear_refusal()
        self._validate()

    def _withdraw_existing_card(self) -> None:
        self._existing_card = ""
        self.existing_button.setVisible(False)

    def _retranslate_existing_card(self) -> None:
        button = self.existing_button
        button.setText(self.tr("Show card %1").replace("%1", self._existing_card))
        button.setAccessibleName(self.tr("Show the existing card"))
        button.setAccessibleDescription(
            self.tr("Open the card this customer already has, instead of enrolling again")
        )

    def _on_existing_card(self) -> None:
        if self._existing_card:
            self.existing_button.setEnabled(False)  # one look-up per press
            self.existing_card_requested.emit(self._existing_card)
