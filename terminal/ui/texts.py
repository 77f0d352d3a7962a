"""Every sentence the cashier reads about a refusal or an operation, in one place, with tr().

Services and the domain hand out codes and numbers (LoyaltyError.key and .params, the fields
of OperationResult, RewardOption, VoidableEntry, PeriodStats); this module turns them into
text in the language the UI installed (QTranslator) and formats numbers, amounts, dates and
times with the default QLocale (the UI sets QLocale.setDefault for the chosen language).

Rules that keep `pyside6-lupdate` able to extract every text: the context and the source
text of each QCoreApplication.translate() call are literals; numbers go in through %1, %2
(filled here in one pass) or %n (plural forms). With no translation installed the source
text comes back, so the English here is the English the cashier reads. QtCore only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QObject, QTime, QTimeZone

from terminal.domain.errors import LoyaltyError
from terminal.domain.ledger import TransactionType
from terminal.domain.money import format_amount
from terminal.services.views import OperationResult, RewardOption, VoidableEntry

T = TransactionType
Params = Mapping[str, object]

_PLACEHOLDER = re.compile(r"%([1-9])")


class texts(QObject):
    """The texts with plural forms. pyside6-lupdate (6.11) reads plural forms only from
    self.tr(source, "", n) inside a class, whose name becomes the context: this class is
    named after the module so every text of texts.py shares the context "texts"."""

    def point_s(self, n: int) -> str:
        return self.tr("%n point(s)", "", n)

    def stamp_s(self, n: int) -> str:
        return self.tr("%n stamp(s)", "", n)

    def last_day_s(self, n: int) -> str:
        return self.tr("Last %n day(s)", "", n)

    def a_stamp_was_given_less(self, n: int) -> str:
        return self.tr(
            "A stamp was given less than %n minute(s) ago. Next stamp possible at %1.",
            "",
            n,
        )

    def at_most_stamp_s_can(self, n: int) -> str:
        return self.tr("At most %n stamp(s) can be given in a day.", "", n)

    def daily_stamp_limit_is_only(self, n: int) -> str:
        return self.tr("Daily stamp limit is %1: only %n more stamp(s) possible today.", "", n)

    def only_stamp_s_of_it(self, n: int) -> str:
        return self.tr("Only %n stamp(s) of it can be voided.", "", n)

    def wrong_pin_attempt_s_left(self, n: int) -> str:
        return self.tr("Wrong PIN. %n attempt(s) left before this PIN is locked.", "", n)

    def stamp_s_added_of(self, n: int) -> str:
        return self.tr("%n stamp(s) added: %1 of %2.", "", n)

    def reward_redeemed_stamp_s_left(self, n: int) -> str:
        return self.tr("Reward redeemed: %1. %n stamp(s) left.", "", n)

    def point_s_already_spent_not(self, n: int) -> str:
        return self.tr("%n point(s) already spent, not taken back.", "", n)

    def stamp_s_voided(self, n: int) -> str:
        return self.tr("%n stamp(s) voided.", "", n)

    def stamp_s_already_spent_not(self, n: int) -> str:
        return self.tr("%n stamp(s) already spent, not taken back.", "", n)


_PLURALS = texts()


def _arg(text: str, *values: str) -> str:
    """Fill %1..%9 in one pass (a value that itself holds "%2" is left alone)."""

    def fill(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        return values[index] if index < len(values) else match.group(0)

    return _PLACEHOLDER.sub(fill, text)


def plural(text: str, n: int) -> str:
    """English source texts write plurals as "stamp(s)": a translation gives real plural
    forms; without one (English) the (s) is resolved here."""
    return text.replace("(s)", "" if n == 1 else "s")


def _int(params: Params, name: str) -> int:
    value = params.get(name)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _str(params: Params, name: str) -> str:
    value = params.get(name)
    return "" if value is None else str(value)


# --- numbers, amounts, dates ----------------------------------------------------------------


def _plain_locale(locale: QLocale) -> bool:
    """No language chosen (the C locale): the receipt formats of the domain, 1,234.50."""
    return locale.language() == QLocale.Language.C


def number(value: int) -> str:
    locale = QLocale()
    return str(value) if _plain_locale(locale) else locale.toString(value)


def money(minor: int) -> str:
    """An amount in minor units, with the locale's digits and separators (no float)."""
    locale = QLocale()
    if _plain_locale(locale):
        return format_amount(minor)
    units, cents = divmod(abs(minor), 100)
    cents_text = locale.toString(cents)
    if cents < 10:
        cents_text = locale.zeroDigit() + cents_text
    sign = locale.negativeSign() if minor < 0 else ""
    return f"{sign}{locale.toString(units)}{locale.decimalPoint()}{cents_text}"


def points(n: int) -> str:
    return plural(_PLURALS.point_s(n), n)


def stamps(n: int) -> str:
    return plural(_PLURALS.stamp_s(n), n)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def date_text(day: date) -> str:
    """A calendar date (points expiry), in the locale's short form."""
    locale = QLocale()
    if _plain_locale(locale):
        return day.isoformat()
    return locale.toString(_qdate(day), QLocale.FormatType.ShortFormat)


def time_text(moment: datetime) -> str:
    """Hours and minutes of a store-time moment, for today-ish messages (next stamp at)."""
    locale = QLocale()
    if _plain_locale(locale):
        return moment.strftime("%H:%M")
    return locale.toString(QTime(moment.hour, moment.minute), QLocale.FormatType.ShortFormat)


def date_time_text(moment: datetime) -> str:
    """Date and time of a store-time moment as it reads on the wall clock of the store."""
    locale = QLocale()
    if _plain_locale(locale):
        return moment.strftime("%Y-%m-%d %H:%M")
    # Built as UTC only so that no time zone of this computer shifts the wall-clock time.
    shown = QDateTime(_qdate(moment.date()), QTime(moment.hour, moment.minute), QTimeZone.utc())
    return locale.toString(shown, QLocale.FormatType.ShortFormat)


def period_label(days: int) -> str:
    if days == 1:
        return QCoreApplication.translate("texts", "Today")
    return plural(_PLURALS.last_day_s(days), days)


# --- refusals -------------------------------------------------------------------------------


def _card_not_found(p: Params) -> str:
    # lookup.py says where it looked in English (`what`); the known places get their own text.
    what = _str(p, "what")
    if what == "this email":
        return QCoreApplication.translate(
            "texts", "No loyalty card found for this email. Check it, or enroll the customer."
        )
    if what == "this phone":
        return QCoreApplication.translate(
            "texts", "No loyalty card found for this phone. Check it, or enroll the customer."
        )
    if what in ("this number", "this card number"):
        return QCoreApplication.translate(
            "texts",
            "No loyalty card found for this card number. Check it, or enroll the customer.",
        )
    if what == "this QR code":
        return QCoreApplication.translate(
            "texts", "No loyalty card found for this QR code. Check it, or enroll the customer."
        )
    return QCoreApplication.translate(
        "texts", "No loyalty card found. Check it, or enroll the customer."
    )


def _already_enrolled(p: Params) -> str:
    card = _str(p, "existing_card_number")
    if _str(p, "matched_on") == "phone":
        text = QCoreApplication.translate(
            "texts", "This customer already has card %1 (same phone). Use that card instead."
        )
    else:
        text = QCoreApplication.translate(
            "texts", "This customer already has card %1 (same email). Use that card instead."
        )
    return _arg(text, card)


def _name_unprintable(p: Params) -> str:
    if _str(p, "field") == "last_name":
        return QCoreApplication.translate(
            "texts", "The last name has characters that cannot be printed."
        )
    return QCoreApplication.translate(
        "texts", "The first name has characters that cannot be printed."
    )


def _name_too_long(p: Params) -> str:
    if _str(p, "field") == "last_name":
        text = QCoreApplication.translate("texts", "The last name is too long (%1 at most).")
    else:
        text = QCoreApplication.translate("texts", "The first name is too long (%1 at most).")
    return _arg(text, number(_int(p, "max_length")))


def _reward_unavailable(p: Params) -> str:
    name = _str(p, "name")
    if name:
        text = QCoreApplication.translate(
            "texts", "The reward '%1' is not offered any more. Pick another reward."
        )
        return _arg(text, name)
    return QCoreApplication.translate(
        "texts", "This reward is not offered any more. Pick another reward."
    )


def _pin_locked(p: Params) -> str:
    until = p.get("until_local")
    text = QCoreApplication.translate(
        "texts",
        "This PIN is locked after too many wrong attempts, until %1. "
        "Another staff member can help.",
    )
    return _arg(text, date_time_text(until) if isinstance(until, datetime) else "?")


def _stamp_cooldown(p: Params) -> str:
    minutes = _int(p, "minutes")
    moment = p.get("next_possible_local")
    text = _PLURALS.a_stamp_was_given_less(minutes)
    return _arg(plural(text, minutes), time_text(moment) if isinstance(moment, datetime) else "?")


_ERRORS: dict[str, Callable[[Params], str]] = {
    # input in general
    "loyalty_error": lambda p: QCoreApplication.translate(
        "texts", "This cannot be done now. Try again, or ask a manager."
    ),
    "invalid_input": lambda p: QCoreApplication.translate(
        "texts", "This input is not valid. Check what was typed and try again."
    ),
    "order_reference_invalid": lambda p: _arg(
        QCoreApplication.translate(
            "texts", "The order reference must be printable and at most %1 characters long."
        ),
        number(_int(p, "max_length")),
    ),
    "status_reason_invalid": lambda p: _arg(
        QCoreApplication.translate(
            "texts", "The reason must be printable and at most %1 characters long."
        ),
        number(_int(p, "max_length")),
    ),
    # the manager's views
    "adjustment_points_invalid": lambda p: _arg(
        QCoreApplication.translate(
            "texts", "Type the points to add (e.g. 50) or take away (e.g. -50), at most %1."
        ),
        number(_int(p, "max_points")),
    ),
    "adjustment_reason_invalid": lambda p: _arg(
        QCoreApplication.translate(
            "texts", "Say why the points change (%1 to %2 characters): it is kept."
        ),
        number(_int(p, "min_length")),
        number(_int(p, "max_length")),
    ),
    "adjustment_below_zero": lambda p: _arg(
        QCoreApplication.translate(
            "texts", "The card has %1 points: an adjustment cannot take it below zero."
        ),
        number(_int(p, "balance")),
    ),
    "conflict_note_invalid": lambda p: _arg(
        QCoreApplication.translate(
            "texts", "The note must be printable and at most %1 characters long."
        ),
        number(_int(p, "max_length")),
    ),
    "conflict_not_found": lambda p: QCoreApplication.translate(
        "texts", "This conflict is no longer in the list. Refresh the list."
    ),
    "search_invalid": lambda p: QCoreApplication.translate(
        "texts", "Type a name, card number, email or phone number."
    ),
    # finding a card
    "lookup_empty": lambda p: QCoreApplication.translate(
        "texts", "Scan the card, or type its number, an email or a phone number."
    ),
    "lookup_too_long": lambda p: QCoreApplication.translate(
        "texts", "That is too long for a card number, email or phone number."
    ),
    "email_missing": lambda p: QCoreApplication.translate("texts", "Type an email address."),
    "phone_missing": lambda p: QCoreApplication.translate("texts", "Type a phone number."),
    "search_too_long": lambda p: QCoreApplication.translate(
        "texts", "The search text is too long."
    ),
    # amounts
    "invalid_amount": lambda p: QCoreApplication.translate(
        "texts", "This amount is not valid. Type the purchase amount, e.g. 12.50."
    ),
    "amount_missing": lambda p: _arg(
        QCoreApplication.translate("texts", "Type the purchase amount, e.g. %1."), money(1250)
    ),
    "amount_negative": lambda p: QCoreApplication.translate(
        "texts", "The amount cannot be negative. Type the purchase amount."
    ),
    "amount_with_space": lambda p: QCoreApplication.translate(
        "texts",
        "A space inside an amount is ambiguous (12 50: 12.50 or 1250?). "
        "Type the amount without spaces, e.g. 12.50.",
    ),
    "amount_grouped_with_spaces": lambda p: QCoreApplication.translate(
        "texts", "Type the amount without spaces, e.g. 1250.00 (no thousands separator)."
    ),
    "amount_not_a_number": lambda p: QCoreApplication.translate(
        "texts", "Type the amount as a number, e.g. 12.50 or 12,50."
    ),
    "amount_too_many_decimals": lambda p: QCoreApplication.translate(
        "texts", "An amount has at most two decimals, e.g. 12.50."
    ),
    "amount_above_maximum": lambda p: _arg(
        QCoreApplication.translate(
            "texts", "The amount is above the maximum of %1. Check the amount."
        ),
        money(_int(p, "maximum")),
    ),
    "amount_zero": lambda p: QCoreApplication.translate(
        "texts", "The amount must be more than zero."
    ),
    # card numbers and scans
    "invalid_card_number": lambda p: QCoreApplication.translate(
        "texts", "This card number is not valid. Check the number on the card."
    ),
    "card_number_not_digits": lambda p: QCoreApplication.translate(
        "texts", "A card number has only digits, e.g. 1234-5678-9012. Check what was typed."
    ),
    "card_number_wrong_length": lambda p: _arg(
        QCoreApplication.translate(
            "texts", "A card number has %1 digits, not %2. Check what was typed."
        ),
        number(_int(p, "digits")),
        number(_int(p, "typed")),
    ),
    "card_number_typo": lambda p: QCoreApplication.translate(
        "texts",
        "This card number is not valid: one digit is probably mistyped. "
        "Check the number on the card and type it again.",
    ),
    "invalid_scan": lambda p: QCoreApplication.translate(
        "texts",
        "This code is not a loyalty card of ours. Ask for the loyalty card, "
        "or type the card number.",
    ),
    # customers and enrollment
    "invalid_customer": lambda p: QCoreApplication.translate(
        "texts", "The customer's details do not look right. Check the email and the phone."
    ),
    "customer_name_unprintable": _name_unprintable,
    "customer_name_too_long": _name_too_long,
    "customer_name_missing": lambda p: QCoreApplication.translate(
        "texts", "Type the customer's name."
    ),
    "customer_email_required": lambda p: QCoreApplication.translate(
        "texts", "An email address is needed to enroll (company setting)."
    ),
    "customer_contact_missing": lambda p: QCoreApplication.translate(
        "texts", "Type an email address or a phone number, so the card can be found again."
    ),
    "country_unknown": lambda p: QCoreApplication.translate(
        "texts", "A country is its two-letter ISO 3166 code, e.g. FR, DE or GB."
    ),
    "email_invalid": lambda p: QCoreApplication.translate(
        "texts", "This email address does not look right. Check it."
    ),
    "phone_not_digits": lambda p: QCoreApplication.translate(
        "texts",
        "A phone number has digits only (spaces, dots, dashes, brackets and + allowed).",
    ),
    "phone_digit_count": lambda p: _arg(
        QCoreApplication.translate("texts", "A phone number has %1 to %2 digits."),
        number(_int(p, "min_digits")),
        number(_int(p, "max_digits")),
    ),
    "phone_invalid_international": lambda p: QCoreApplication.translate(
        "texts", "This phone number is not valid: check its country code and its digits."
    ),
    "phone_invalid_for_country": lambda p: _arg(
        QCoreApplication.translate(
            "texts",
            "This is not a valid phone number in %1. "
            "Check it, or type it with its country code (+…).",
        ),
        _str(p, "country"),
    ),
    "customer_already_enrolled": _already_enrolled,
    "contact_taken": lambda p: QCoreApplication.translate(
        "texts", "Another customer already has this email address or phone number."
    ),
    "email_taken": lambda p: _arg(
        QCoreApplication.translate(
            "texts", "Another customer (card %1) already has this email address."
        ),
        _str(p, "holder_card_number"),
    ),
    "phone_taken": lambda p: _arg(
        QCoreApplication.translate(
            "texts", "Another customer (card %1) already has this phone number."
        ),
        _str(p, "holder_card_number"),
    ),
    "customer_unchanged": lambda p: QCoreApplication.translate(
        "texts", "These are already the customer's details: nothing to change."
    ),
    "card_numbers_exhausted": lambda p: QCoreApplication.translate(
        "texts",
        "This terminal has no new card numbers left. Connect it to the network so it can "
        "get more, or enroll the customer at another terminal.",
    ),
    "enrollment_refused": lambda p: QCoreApplication.translate(
        "texts", "This customer cannot be enrolled here. Ask a manager."
    ),
    # cards and the program
    "card_not_found": _card_not_found,
    "card_inactive": lambda p: _arg(
        QCoreApplication.translate(
            "texts",
            "Card %1 is deactivated: it cannot earn or redeem. A manager can reactivate it.",
        ),
        _str(p, "card_number"),
    ),
    "card_status_unchanged": lambda p: QCoreApplication.translate(
        "texts", "The card already has this status."
    ),
    "card_already_active": lambda p: _arg(
        QCoreApplication.translate("texts", "Card %1 is already active."),
        _str(p, "card_number"),
    ),
    "card_already_deactivated": lambda p: _arg(
        QCoreApplication.translate("texts", "Card %1 is already deactivated."),
        _str(p, "card_number"),
    ),
    "program_inactive": lambda p: QCoreApplication.translate(
        "texts", "The loyalty program is paused. No card can earn or redeem now."
    ),
    "not_in_program": lambda p: QCoreApplication.translate(
        "texts", "This loyalty program does not offer this."
    ),
    "program_without_points": lambda p: QCoreApplication.translate(
        "texts", "This loyalty program has no points."
    ),
    "program_without_stamps": lambda p: QCoreApplication.translate(
        "texts", "This loyalty program has no stamps."
    ),
    "program_without_stamp_reward": lambda p: QCoreApplication.translate(
        "texts", "This loyalty program has no stamp reward."
    ),
    "not_activated": lambda p: QCoreApplication.translate(
        "texts",
        "This terminal is not activated yet. Run the setup with the activation code "
        "from the back office.",
    ),
    "program_not_received": lambda p: QCoreApplication.translate(
        "texts",
        "This terminal has not received its store's loyalty program yet. "
        "Connect it to the network once.",
    ),
    # stamps
    "invalid_stamp_count": lambda p: QCoreApplication.translate(
        "texts", "Type the number of stamps as a whole number, e.g. 1."
    ),
    "stamp_count_too_small": lambda p: QCoreApplication.translate(
        "texts", "Give at least one stamp."
    ),
    "stamp_count_above_daily_limit": lambda p: plural(
        _PLURALS.at_most_stamp_s_can(_int(p, "limit")),
        _int(p, "limit"),
    ),
    "stamp_daily_limit": lambda p: _arg(
        QCoreApplication.translate(
            "texts", "Daily stamp limit reached (%1). Next stamp possible tomorrow."
        ),
        number(_int(p, "limit")),
    ),
    "stamp_daily_limit_partial": lambda p: _arg(
        plural(
            _PLURALS.daily_stamp_limit_is_only(
                _int(p, "left"),
            ),
            _int(p, "left"),
        ),
        number(_int(p, "limit")),
    ),
    "stamp_cooldown": _stamp_cooldown,
    "stamp_reward_not_ready": lambda p: _arg(
        QCoreApplication.translate(
            "texts", "The stamp reward needs %1 stamps; this card has %2 (%3 more to go)."
        ),
        number(_int(p, "target")),
        number(_int(p, "have")),
        number(_int(p, "missing")),
    ),
    # points
    "reward_unavailable": _reward_unavailable,
    "insufficient_points": lambda p: _arg(
        QCoreApplication.translate(
            "texts", "Not enough points: this reward costs %1 and the card has %2 (%3 missing)."
        ),
        number(_int(p, "cost")),
        number(_int(p, "balance")),
        number(_int(p, "missing")),
    ),
    "below_minimum_redemption": lambda p: _arg(
        QCoreApplication.translate(
            "texts", "Points can be redeemed from %1 points on; this card has %2."
        ),
        number(_int(p, "minimum")),
        number(_int(p, "balance")),
    ),
    "refused_online": lambda p: QCoreApplication.translate(
        "texts", "The central server refused this redemption. Nothing was recorded."
    ),
    "refused_online_insufficient_balance": lambda p: _arg(
        QCoreApplication.translate(
            "texts",
            "The central server refused: the card now has %1 points (spent in another "
            "store?). Nothing was recorded.",
        ),
        number(_int(p, "points_balance")),
    ),
    "refused_online_card_inactive": lambda p: QCoreApplication.translate(
        "texts",
        "The central server refused: this card was deactivated at another till. Nothing "
        "was recorded.",
    ),
    "refused_online_reward_unavailable": lambda p: QCoreApplication.translate(
        "texts",
        "The central server refused: this reward is no longer in the catalogue. Nothing "
        "was recorded.",
    ),
    "offline_redemption_limit": lambda p: _arg(
        QCoreApplication.translate(
            "texts",
            "The terminal is offline: a card may redeem at most %1 points a day here while "
            "offline (%2 left today). Try again when back online.",
        ),
        number(_int(p, "limit")),
        number(_int(p, "remaining")),
    ),
    "cross_location_redemption": lambda p: QCoreApplication.translate(
        "texts",
        "This card can only redeem at the store where it was enrolled (company setting).",
    ),
    # voids and returns
    "voids_not_allowed": lambda p: QCoreApplication.translate(
        "texts", "Voids and returns are switched off for this company."
    ),
    "void_refused": lambda p: QCoreApplication.translate(
        "texts", "This entry cannot be voided. Pick it again from the list."
    ),
    "void_of_redemption": lambda p: QCoreApplication.translate(
        "texts",
        "A reward handed over cannot be voided. "
        "Only stamps given and points earned on a purchase can be voided.",
    ),
    "void_of_welcome_bonus": lambda p: QCoreApplication.translate(
        "texts",
        "A welcome bonus cannot be voided. "
        "Only stamps given and points earned on a purchase can be voided.",
    ),
    "void_of_void": lambda p: QCoreApplication.translate(
        "texts",
        "This entry is itself a void and cannot be voided. "
        "Only stamps given and points earned on a purchase can be voided.",
    ),
    "void_of_card_creation": lambda p: QCoreApplication.translate(
        "texts",
        "The creation of the card cannot be voided. "
        "Only stamps given and points earned on a purchase can be voided.",
    ),
    "void_of_card_status_change": lambda p: QCoreApplication.translate(
        "texts",
        "A card status change cannot be voided: deactivate or reactivate the card instead. "
        "Only stamps given and points earned on a purchase can be voided.",
    ),
    "void_of_points_adjustment": lambda p: QCoreApplication.translate(
        "texts",
        "A points adjustment is made by the head office and cannot be voided here. "
        "Only stamps given and points earned on a purchase can be voided.",
    ),
    "void_of_customer_change": lambda p: QCoreApplication.translate(
        "texts",
        "A change of the customer's details cannot be voided: change the details again "
        "instead. Only stamps given and points earned on a purchase can be voided.",
    ),
    "void_of_points_expiry": lambda p: QCoreApplication.translate(
        "texts",
        "Expired points cannot be given back by a void. "
        "Only stamps given and points earned on a purchase can be voided.",
    ),
    "void_of_entry": lambda p: QCoreApplication.translate(
        "texts",
        "This entry cannot be voided. "
        "Only stamps given and points earned on a purchase can be voided.",
    ),
    "void_not_a_purchase": lambda p: QCoreApplication.translate(
        "texts", "Only a points purchase can be returned. Pick the original purchase."
    ),
    "void_not_a_stamp": lambda p: QCoreApplication.translate(
        "texts", "Only a stamp can be voided here. Pick the stamp given by mistake."
    ),
    "void_entry_not_on_card": lambda p: QCoreApplication.translate(
        "texts", "This transaction is not on this card. Pick it from the list."
    ),
    "purchase_already_returned": lambda p: QCoreApplication.translate(
        "texts", "This purchase was already fully returned."
    ),
    "returned_amount_not_positive": lambda p: QCoreApplication.translate(
        "texts", "The returned amount must be more than zero."
    ),
    "returned_amount_above_returnable": lambda p: _arg(
        QCoreApplication.translate("texts", "Only %1 of this purchase can still be returned."),
        money(_int(p, "returnable")),
    ),
    "stamps_already_voided": lambda p: QCoreApplication.translate(
        "texts", "These stamps were already voided."
    ),
    "void_stamp_count_not_whole": lambda p: QCoreApplication.translate(
        "texts", "Type the number of stamps to void as a whole number, e.g. 1."
    ),
    "void_stamp_count_too_small": lambda p: QCoreApplication.translate(
        "texts", "Void at least one stamp."
    ),
    "void_stamp_count_above_left": lambda p: plural(
        _PLURALS.only_stamp_s_of_it(_int(p, "left")),
        _int(p, "left"),
    ),
    "void_note_invalid": lambda p: _arg(
        QCoreApplication.translate(
            "texts", "The note must be printable and at most %1 characters."
        ),
        number(_int(p, "max_length")),
    ),
    # the manager's Activity view and exports
    "activity_days_invalid": lambda p: QCoreApplication.translate(
        "texts", "Activity is shown for today, the last 7 or the last 30 days."
    ),
    "company_figures_unavailable": lambda p: QCoreApplication.translate(
        "texts", "The company's figures cannot be read from the central server now."
    ),
    "export_separator_invalid": lambda p: QCoreApplication.translate(
        "texts", "Choose comma, semicolon or tab as the separator."
    ),
    "export_period_reversed": lambda p: QCoreApplication.translate(
        "texts", "The period ends before it starts. Pick the first day, then the last one."
    ),
    "export_period_too_long": lambda p: _arg(
        QCoreApplication.translate(
            "texts", "An export covers at most %1 days. Export a shorter period."
        ),
        number(_int(p, "max_days")),
    ),
    "export_cancelled": lambda p: QCoreApplication.translate(
        "texts", "The export was cancelled: no file was written."
    ),
    "export_failed": lambda p: QCoreApplication.translate(
        "texts",
        "The file could not be written. Choose another folder, or close the file in the "
        "program that has it open.",
    ),
    # staff and PINs
    "staff_not_found": lambda p: QCoreApplication.translate(
        "texts", "This staff member is unknown or no longer active. Pick your name."
    ),
    "pin_required": lambda p: QCoreApplication.translate(
        "texts", "A staff PIN is needed for this. Pick your name and type your PIN."
    ),
    "wrong_pin": lambda p: plural(
        _PLURALS.wrong_pin_attempt_s_left(
            _int(p, "remaining_attempts"),
        ),
        _int(p, "remaining_attempts"),
    ),
    "wrong_pin_now_locked": lambda p: QCoreApplication.translate(
        "texts", "Wrong PIN. This PIN is now locked. Ask a manager."
    ),
    "pin_locked": _pin_locked,
    "manager_required": lambda p: QCoreApplication.translate(
        "texts", "Only a manager can do this. Ask a manager to enter their PIN."
    ),
    "invalid_pin_format": lambda p: QCoreApplication.translate(
        "texts", "This PIN cannot be used. Choose another one."
    ),
    "pin_not_digits": lambda p: QCoreApplication.translate("texts", "A PIN has only digits."),
    "pin_wrong_length": lambda p: _arg(
        QCoreApplication.translate("texts", "A PIN has %1 to %2 digits."),
        number(_int(p, "min_length")),
        number(_int(p, "max_length")),
    ),
    "pin_too_easy": lambda p: QCoreApplication.translate(
        "texts", "This PIN is too easy to guess. Choose another one."
    ),
}

# The local database file (terminal.store.errors, named by their `code`: the UI must not
# import the store).
_DATABASE_ERRORS: dict[str, Callable[[], str]] = {
    "database_error": lambda: QCoreApplication.translate(
        "texts",
        "The terminal's database cannot be used right now. Restart the terminal; "
        "if it happens again, call IT support.",
    ),
    "database_busy": lambda: QCoreApplication.translate(
        "texts",
        "The terminal's database is locked by another program. Close other copies of the "
        "terminal; if it persists, restart the computer.",
    ),
    "database_unreadable": lambda: QCoreApplication.translate(
        "texts",
        "The terminal's database is damaged or is not a loyalty database. Pending "
        "transactions may be inside: keep the file and call IT support.",
    ),
    "database_too_new": lambda: QCoreApplication.translate(
        "texts",
        "The terminal's database was written by a newer version of the terminal. Install "
        "that version again; do not delete the file.",
    ),
    "database_upgrade_failed": lambda: QCoreApplication.translate(
        "texts",
        "The terminal could not upgrade its database to this version. Nothing was changed "
        "and a copy was kept. Call IT support: the details name both files.",
    ),
    "database_backup_failed": lambda: QCoreApplication.translate(
        "texts",
        "The terminal must upgrade its database, but could not first save a copy of it, so "
        "nothing was changed. Free some disk space, then start the terminal again.",
    ),
}


def settings_not_saved(err: BaseException) -> str:
    """The settings file could not be written; the path and the system's reason follow."""
    detail = getattr(err, "message", None) or str(err)
    text = QCoreApplication.translate(
        "texts",
        "The settings were not saved, nothing changed: %1 Check that the settings folder "
        "can be written, or ask IT.",
    )
    return _arg(text, detail)


def fallback_text(key: str) -> str:
    """What a refusal without its own sentence reads like (it names the code for support)."""
    text = QCoreApplication.translate(
        "texts", "This cannot be done (%1). Try again, or ask a manager."
    )
    return _arg(text, key)


def error_text(err: BaseException) -> str:
    """The sentence for a failure handed back by a service: why, and what to do."""
    if isinstance(err, LoyaltyError):
        build = _ERRORS.get(err.key)
        return build(err.params) if build is not None else fallback_text(err.key)
    code = getattr(type(err), "code", None)
    if isinstance(code, str) and code in _DATABASE_ERRORS:
        return _DATABASE_ERRORS[code]()
    return QCoreApplication.translate(
        "texts", "Something went wrong. Try again; if it happens again, ask a manager."
    )


def has_error_text(key: str) -> bool:
    """Whether a refusal or database key has its own sentence (tests check every key)."""
    return key in _ERRORS or key in _DATABASE_ERRORS


def reward_reason_text(option: RewardOption) -> str:
    """Why a catalogue reward is greyed out; empty when it can be redeemed."""
    if option.reason is None:
        return ""
    build = _ERRORS.get(option.reason)
    return build(option.reason_params) if build is not None else fallback_text(option.reason)


# --- results --------------------------------------------------------------------------------


def _stamp_result(result: OperationResult) -> str:
    card = result.card
    text = _arg(
        plural(
            _PLURALS.stamp_s_added_of(result.stamps_delta),
            result.stamps_delta,
        ),
        number(card.stamp_count),
        number(card.stamps_target),
    )
    if card.stamp_reward_available:
        reward = QCoreApplication.translate("texts", "Reward available: %1!")
        text += " " + _arg(reward, card.stamp_reward_description)
    return text


def _stamp_reward_result(result: OperationResult) -> str:
    left = result.card.stamp_count
    text = _PLURALS.reward_redeemed_stamp_s_left(left)
    return _arg(plural(text, left), result.reward_description or "")


def _points_result(result: OperationResult) -> str:
    text = QCoreApplication.translate("texts", "%1 for a purchase of %2. Balance: %3.")
    return _arg(
        text,
        points(result.points_delta),
        money(result.purchase_amount or 0),
        points(result.card.points_balance),
    )


def _points_reward_result(result: OperationResult) -> str:
    text = QCoreApplication.translate("texts", "Reward redeemed: %1. Balance: %2.")
    return _arg(text, result.reward_description or "", points(result.card.points_balance))


def _points_void_result(result: OperationResult) -> str:
    text = _arg(
        QCoreApplication.translate("texts", "Return of %1: %2 taken back."),
        money(result.purchase_amount or 0),
        points(-result.points_delta),
    )
    if result.shortfall:
        spent = _PLURALS.point_s_already_spent_not(result.shortfall)
        text += " " + plural(spent, result.shortfall)
    balance = QCoreApplication.translate("texts", "Balance: %1.")
    return text + " " + _arg(balance, points(result.card.points_balance))


def _stamp_void_result(result: OperationResult) -> str:
    removed = -result.stamps_delta
    text = plural(_PLURALS.stamp_s_voided(removed), removed)
    if result.shortfall:
        spent = _PLURALS.stamp_s_already_spent_not(result.shortfall)
        text += " " + plural(spent, result.shortfall)
    now = QCoreApplication.translate("texts", "Stamps: %1 of %2.")
    return (
        text + " " + _arg(now, number(result.card.stamp_count), number(result.card.stamps_target))
    )


def _enrolled_result(result: OperationResult) -> str:
    text = _arg(QCoreApplication.translate("texts", "Card %1 created."), result.card.card_number)
    if result.welcome_bonus > 0:
        bonus = QCoreApplication.translate("texts", "Welcome bonus: %1.")
        text += " " + _arg(bonus, points(result.welcome_bonus))
    return text


def _balance_change_result(result: OperationResult) -> str:
    if result.type is T.WELCOME_BONUS:
        text = QCoreApplication.translate("texts", "Welcome bonus: %1. Balance: %2.")
    elif result.type is T.POINTS_EXPIRED:
        text = QCoreApplication.translate("texts", "%1 expired. Balance: %2.")
    else:
        text = QCoreApplication.translate("texts", "Points adjusted by %1. Balance: %2.")
    return _arg(text, points(abs(result.points_delta)), points(result.card.points_balance))


_RESULTS: dict[TransactionType, Callable[[OperationResult], str]] = {
    T.STAMP_EARNED: _stamp_result,
    T.STAMP_REDEEMED: _stamp_reward_result,
    T.STAMP_VOIDED: _stamp_void_result,
    T.POINTS_EARNED: _points_result,
    T.POINTS_REDEEMED: _points_reward_result,
    T.POINTS_VOIDED: _points_void_result,
    T.CARD_CREATED: _enrolled_result,
    T.CARD_DEACTIVATED: lambda r: _arg(
        QCoreApplication.translate("texts", "Card %1 deactivated."), r.card.card_number
    ),
    T.CARD_REACTIVATED: lambda r: _arg(
        QCoreApplication.translate("texts", "Card %1 reactivated."), r.card.card_number
    ),
    T.WELCOME_BONUS: _balance_change_result,
    T.POINTS_ADJUSTMENT: _balance_change_result,
    T.POINTS_EXPIRED: _balance_change_result,
    T.CUSTOMER_UPDATED: lambda r: _arg(
        QCoreApplication.translate("texts", "Customer details changed for card %1."),
        r.card.card_number,
    ),
}


def result_text(result: OperationResult) -> str:
    """The confirmation after an operation, with the card's new balance."""
    return _RESULTS[result.type](result)


def void_entry_label(entry: VoidableEntry) -> str:
    """One line of the void dialog's list: when, what, and what can still be taken back."""
    when = date_time_text(entry.transaction_at)
    if entry.type is T.POINTS_EARNED:
        purchase = entry.purchase_amount or 0
        returnable = purchase if entry.returnable_amount is None else entry.returnable_amount
        if returnable < purchase:
            text = QCoreApplication.translate(
                "texts", "%1: purchase of %2 (%3), %4 still returnable"
            )
            return _arg(text, when, money(purchase), points(entry.points_delta), money(returnable))
        text = QCoreApplication.translate("texts", "%1: purchase of %2 (%3)")
        return _arg(text, when, money(purchase), points(entry.points_delta))
    text = QCoreApplication.translate("texts", "%1: %2 given")
    return _arg(text, when, stamps(entry.stamps_left))
