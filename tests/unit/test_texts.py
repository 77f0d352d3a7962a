"""terminal/ui/texts.py: every refusal and every result becomes a sentence, through tr()."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QLocale

from terminal.domain import errors
from terminal.domain.cards import normalize_card_number
from terminal.domain.errors import InvalidAmount, LoyaltyError, VoidRefused
from terminal.domain.ledger import TransactionType
from terminal.domain.money import parse_amount
from terminal.domain.pins import validate_new_pin
from terminal.domain.voids import OriginalEntry, plan_void
from terminal.services.views import CardView, OperationResult, RewardOption, VoidableEntry
from terminal.store.errors import (
    LocalDatabaseBusy,
    LocalDatabaseError,
    LocalDatabaseTooNew,
    LocalDatabaseUnreadable,
)
from terminal.ui import texts

T = TransactionType
ROOT = Path(__file__).resolve().parents[2]
TERMINAL = ROOT / "terminal"
PARIS = ZoneInfo("Europe/Paris")
ERROR_BASES = {"LoyaltyError", "LocalDatabaseError"}


@pytest.fixture(autouse=True)
def _c_locale() -> Iterator[None]:
    """The English source texts with the receipt formats, whatever this computer's locale."""
    previous = QLocale()
    QLocale.setDefault(QLocale.c())
    yield
    QLocale.setDefault(previous)


# --- every key terminal/ can raise has its own sentence -------------------------------------


def _modules() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text(), str(path))) for path in TERMINAL.rglob("*.py")]


def _reason_keys() -> set[str]:
    """Every `reason="..."` given to a call anywhere in terminal/."""
    keys = set()
    for _, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                for keyword in node.keywords:
                    value = keyword.value
                    if (
                        keyword.arg == "reason"
                        and isinstance(value, ast.Constant)
                        and isinstance(value.value, str)
                    ):
                        keys.add(value.value)
    return keys


def _error_codes() -> set[str]:
    """The `code` of every LoyaltyError (and local database error) class in terminal/."""
    classes: dict[str, tuple[list[str], str | None]] = {}
    for _, tree in _modules():
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            code = None
            for statement in node.body:
                if (
                    isinstance(statement, ast.Assign)
                    and [getattr(t, "id", None) for t in statement.targets] == ["code"]
                    and isinstance(statement.value, ast.Constant)
                ):
                    code = statement.value.value
            bases = [getattr(base, "id", getattr(base, "attr", "")) for base in node.bases]
            classes[node.name] = (bases, code)

    def is_error(name: str, seen: frozenset[str] = frozenset()) -> bool:
        if name in ERROR_BASES:
            return True
        if name not in classes or name in seen:
            return False
        return any(is_error(base, seen | {name}) for base in classes[name][0])

    return {code for name, (_, code) in classes.items() if code and is_error(name)}


def test_the_scan_finds_the_keys() -> None:
    reasons, codes = _reason_keys(), _error_codes()
    assert {"amount_with_space", "void_of_redemption", "stamp_daily_limit_partial"} <= reasons
    assert {"stamp_daily_limit", "card_inactive", "not_activated", "database_busy"} <= codes
    assert len(codes) == len(
        {cls.code for cls in _all_subclasses(LoyaltyError)} | {"loyalty_error"} | _DB_CODES
    )


_DB_CODES = {
    "database_error", "database_busy", "database_unreadable", "database_too_new",
    "database_upgrade_failed", "database_backup_failed",
}  # fmt: skip


def _all_subclasses(cls: type) -> set[type]:
    import terminal.services.context  # noqa: F401  (TerminalNotActivated lives there)

    found = set()
    for sub in cls.__subclasses__():
        found |= {sub} | _all_subclasses(sub)
    return {c for c in found if c.__module__.startswith("terminal.")}


def test_every_error_key_has_its_own_sentence() -> None:
    keys = _reason_keys() | _error_codes()
    missing = sorted(key for key in keys if not texts.has_error_text(key))
    assert missing == []
    for key in keys - _DB_CODES:
        text = texts.error_text(LoyaltyError("English.", reason=key))
        assert text != texts.fallback_text(key), key
        assert key not in text, key
        assert text.strip().endswith((".", "!")), key


def test_sentences_are_not_shared_by_two_keys() -> None:
    keys = sorted((_reason_keys() | _error_codes()) - _DB_CODES)
    sentences = {key: texts.error_text(LoyaltyError("English.", reason=key)) for key in keys}
    by_sentence: dict[str, list[str]] = {}
    for key, sentence in sentences.items():
        by_sentence.setdefault(sentence, []).append(key)
    assert [keys for keys in by_sentence.values() if len(keys) > 1] == []


def test_database_errors_are_named_by_their_code() -> None:
    busy = texts.error_text(LocalDatabaseBusy("The loyalty database /x is locked ..."))
    assert "locked by another program" in busy
    assert "/x" not in busy
    assert "damaged" in texts.error_text(LocalDatabaseUnreadable("..."))
    assert "newer version" in texts.error_text(LocalDatabaseTooNew("..."))
    assert "cannot be used right now" in texts.error_text(LocalDatabaseError("..."))
    assert LocalDatabaseBusy.code == "database_busy"


def test_an_unknown_key_or_failure_gets_a_generic_sentence() -> None:
    text = texts.error_text(LoyaltyError("Whatever.", reason="brand_new_refusal"))
    assert text == "This cannot be done (brand_new_refusal). Try again, or ask a manager."
    assert texts.error_text(ValueError("boom")).startswith("Something went wrong.")
    assert "boom" not in texts.error_text(ValueError("boom"))


# --- the English of the screens is the English of the messages ------------------------------


def _refusal(action: object) -> LoyaltyError:
    with pytest.raises(LoyaltyError) as info:
        action()  # type: ignore[operator]
    return info.value


def _samples() -> list[LoyaltyError]:
    moment = datetime(2026, 3, 10, 10, 31, tzinfo=PARIS)
    samples: list[LoyaltyError] = [
        errors.CardNumberTypo(),
        errors.InvalidScan(),
        errors.CardNotFound("this email"),
        errors.CardNotFound("this phone"),
        errors.CardNotFound("this QR code"),
        errors.CardInactive("1234-5678-9015"),
        errors.ProgramInactive(),
        errors.NotInProgram("stamps", reason="program_without_stamps"),
        errors.NotInProgram("points", reason="program_without_points"),
        errors.NotInProgram("stamp reward", reason="program_without_stamp_reward"),
        errors.CardStatusUnchanged("1234-5678-9015", True),
        errors.CardStatusUnchanged("1234-5678-9015", False),
        errors.CustomerAlreadyEnrolled("1234-5678-9015", "email"),
        errors.CustomerAlreadyEnrolled("1234-5678-9015", "phone"),
        errors.ContactTaken("1234-5678-9015", "email"),
        errors.ContactTaken("1234-5678-9015", "phone"),
        errors.InvalidInput(
            "These are already the customer's details: nothing to change.",
            reason="customer_unchanged",
        ),
        errors.CardNumberBlockExhausted(),
        errors.StampLimitReached(3, 3),
        errors.StampLimitReached(3, 2),
        errors.StampLimitReached(3, 1),
        errors.StampCooldown(5, moment),
        errors.StampRewardNotReady(3, 10),
        errors.RewardUnavailable("Mug"),
        errors.RewardUnavailable(),
        errors.InsufficientPoints(80, 100),
        errors.BelowMinimumRedemption(10, 100),
        errors.OfflineRedemptionLimit(500, 100),
        errors.CrossLocationRedemption(),
        errors.VoidsNotAllowed(),
        errors.StaffNotFound(),
        errors.PinRequired(),
        errors.WrongPin(3),
        errors.WrongPin(1),
        errors.WrongPin(0),
        errors.PinLocked(moment),
        errors.ManagerRequired(),
    ]
    for typed in ["", "-3", "12 50", "1 250,00", "abc", "1.234", "0", "10000.01"]:
        samples.append(_refusal(lambda typed=typed: parse_amount(typed)))
    for typed in ["12AB", "1234"]:
        samples.append(_refusal(lambda typed=typed: normalize_card_number(typed)))
    for pin in ["12a4", "12", "1111"]:
        samples.append(_refusal(lambda pin=pin: validate_new_pin(pin)))
    for kind in T:
        if kind not in (T.POINTS_EARNED, T.STAMP_EARNED):
            entry = OriginalEntry(type=kind, purchase_amount=None, points_delta=0, stamps_delta=0)
            samples.append(_refusal(lambda entry=entry: _void(entry)))
    return samples


def _void(original: OriginalEntry, amount: int | None = None, stamps: int | None = None) -> None:
    plan_void(original, returned_amount=amount, stamps=stamps, points_balance=0, stamp_count=0)


# Where the screen's sentence is not word for word the English message.
REWORDED = {"card_number_wrong_length"}


def test_screen_sentences_match_the_english_messages() -> None:
    for error in _samples():
        if error.key in REWORDED:
            continue
        assert texts.error_text(error) == error.message, error.key


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (errors.StampLimitReached(3, 3), "Daily stamp limit reached (3). Next stamp possible"),
        (errors.StampLimitReached(4, 3), "Daily stamp limit is 4: only 1 more stamp possible"),
        (errors.StampLimitReached(5, 2), "only 3 more stamps possible today"),
        (errors.StampCooldown(5, datetime(2026, 3, 10, 10, 6, tzinfo=PARIS)), "at 10:06."),
        (errors.StampCooldown(1, datetime(2026, 3, 10, 10, 6, tzinfo=PARIS)), "than 1 minute ago"),
        (errors.WrongPin(4), "Wrong PIN. 4 attempts left"),
        (errors.WrongPin(1), "Wrong PIN. 1 attempt left"),
        (errors.PinLocked(datetime(2026, 3, 10, 10, 31, tzinfo=PARIS)), "until 2026-03-10 10:31."),
        (errors.InsufficientPoints(80, 250), "costs 250 and the card has 80 (170 missing)"),
        (errors.CardInactive("4000-0000-0010"), "Card 4000-0000-0010 is deactivated"),
        (errors.CustomerAlreadyEnrolled("4000-0000-0010", "phone"), "card 4000-0000-0010 (same"),
        (errors.ContactTaken("4000-0000-0010", "phone"), "(card 4000-0000-0010) already has this"),
        (errors.OfflineRedemptionLimit(500, 120), "at most 500 points a day"),
        (errors.OfflineRedemptionLimit(500, -20), "(0 left today)"),
        (errors.BelowMinimumRedemption(40, 100), "from 100 points on; this card has 40."),
        (errors.StampRewardNotReady(7, 10), "needs 10 stamps; this card has 7 (3 more to go)"),
        (errors.RewardUnavailable("Old mug"), "The reward 'Old mug' is not offered any more."),
    ],
)
def test_the_numbers_and_names_are_in_the_sentence(error: LoyaltyError, expected: str) -> None:
    assert expected in texts.error_text(error)


def test_params_fill_in_a_translated_order_safely() -> None:
    card = "%2%1"  # a value holding placeholders is never filled again
    assert texts.error_text(errors.CardInactive(card)).startswith("Card %2%1 is deactivated")


# --- the two defects, as the cashier reads them ---------------------------------------------


@pytest.mark.parametrize("typed", ["12 50", "1 250", "12\t50"])
def test_an_amount_with_a_space_inside_is_refused_as_ambiguous(typed: str) -> None:
    with pytest.raises(InvalidAmount) as info:
        parse_amount(typed)
    text = texts.error_text(info.value)
    assert info.value.key == "amount_with_space"
    assert "ambiguous" in text
    assert "without spaces" in text


def test_thousands_grouped_with_spaces_are_refused() -> None:
    with pytest.raises(InvalidAmount) as info:
        parse_amount("1 250,00")
    assert info.value.key == "amount_grouped_with_spaces"
    assert texts.error_text(info.value).startswith("Type the amount without spaces")


@pytest.mark.parametrize(
    ("kind", "why"),
    [
        (T.STAMP_REDEEMED, "A reward handed over cannot be voided."),
        (T.POINTS_REDEEMED, "A reward handed over cannot be voided."),
        (T.WELCOME_BONUS, "A welcome bonus cannot be voided."),
        (T.STAMP_VOIDED, "This entry is itself a void"),
        (T.POINTS_VOIDED, "This entry is itself a void"),
        (T.CARD_CREATED, "The creation of the card cannot be voided."),
        (T.CARD_DEACTIVATED, "A card status change cannot be voided"),
        (T.CARD_REACTIVATED, "A card status change cannot be voided"),
        (T.POINTS_ADJUSTMENT, "A points adjustment is made by the head office"),
        (T.POINTS_EXPIRED, "Expired points cannot be given back"),
        (T.CUSTOMER_UPDATED, "A change of the customer's details cannot be voided"),
    ],
)
def test_a_void_refusal_says_why_and_what_can_be_voided(kind: TransactionType, why: str) -> None:
    original = OriginalEntry(type=kind, purchase_amount=None, points_delta=-100, stamps_delta=-10)
    with pytest.raises(VoidRefused) as info:
        _void(original)
    text = texts.error_text(info.value)
    assert text.startswith(why)
    assert text.endswith("Only stamps given and points earned on a purchase can be voided.")
    assert "Only a stamp can be voided here" not in text
    assert info.value.params == {"entry_type": kind.value}


# --- results --------------------------------------------------------------------------------

CARD = CardView(
    card_id="c0ffee00-0000-4000-8000-000000000001",
    card_number="4000-0000-0010",
    qr_token="LC1-xxxxxxxxxxxxxxxxxxxxxxxx",
    customer_name="Camille Durand",
    email="camille@example.com",
    phone=None,
    is_active=True,
    stamp_count=4,
    stamps_target=10,
    stamp_reward_available=False,
    stamp_reward_description="Free coffee",
    points_balance=162,
    pending_points=0,
    pending_stamps=0,
    points_expire_on=date(2027, 3, 10),
    enrolled_at_vendor_id=1,
    enrolled_at_vendor_name="Main Street",
    last_activity_at=datetime(2026, 3, 10, 10, 0, tzinfo=PARIS),
)


def _result(kind: TransactionType, card: CardView = CARD, **fields: object) -> OperationResult:
    return OperationResult("e0000000-0000-4000-8000-000000000001", kind, card, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("result", "expected"),
    [
        (_result(T.STAMP_EARNED, stamps_delta=1), "1 stamp added: 4 of 10."),
        (_result(T.STAMP_EARNED, stamps_delta=3), "3 stamps added: 4 of 10."),
        (
            _result(
                T.STAMP_EARNED,
                replace(CARD, stamp_count=10, stamp_reward_available=True),
                stamps_delta=1,
            ),
            "1 stamp added: 10 of 10. Reward available: Free coffee!",
        ),
        (
            _result(
                T.STAMP_REDEEMED,
                replace(CARD, stamp_count=2),
                stamps_delta=-10,
                reward_description="Free coffee",
            ),
            "Reward redeemed: Free coffee. 2 stamps left.",
        ),
        (
            _result(
                T.STAMP_REDEEMED,
                replace(CARD, stamp_count=1),
                stamps_delta=-10,
                reward_description="Free coffee",
            ),
            "Reward redeemed: Free coffee. 1 stamp left.",
        ),
        (
            _result(T.POINTS_EARNED, points_delta=12, purchase_amount=1250),
            "12 points for a purchase of 12.50. Balance: 162 points.",
        ),
        (
            _result(
                T.POINTS_EARNED,
                replace(CARD, points_balance=1),
                points_delta=1,
                purchase_amount=199,
            ),
            "1 point for a purchase of 1.99. Balance: 1 point.",
        ),
        (
            _result(T.POINTS_REDEEMED, points_delta=-250, reward_description="Lunch menu"),
            "Reward redeemed: Lunch menu. Balance: 162 points.",
        ),
        (
            _result(T.POINTS_VOIDED, points_delta=-100, purchase_amount=10000),
            "Return of 100.00: 100 points taken back. Balance: 162 points.",
        ),
        (
            _result(
                T.POINTS_VOIDED,
                replace(CARD, points_balance=0),
                points_delta=-50,
                purchase_amount=10000,
                shortfall=50,
            ),
            "Return of 100.00: 50 points taken back. 50 points already spent, not taken back. "
            "Balance: 0 points.",
        ),
        (_result(T.STAMP_VOIDED, stamps_delta=-1), "1 stamp voided. Stamps: 4 of 10."),
        (
            _result(T.STAMP_VOIDED, replace(CARD, stamp_count=0), stamps_delta=-1, shortfall=2),
            "1 stamp voided. 2 stamps already spent, not taken back. Stamps: 0 of 10.",
        ),
        (
            _result(T.CARD_CREATED, replace(CARD, points_balance=50), welcome_bonus=50),
            "Card 4000-0000-0010 created. Welcome bonus: 50 points.",
        ),
        (_result(T.CARD_CREATED), "Card 4000-0000-0010 created."),
        (_result(T.CARD_DEACTIVATED), "Card 4000-0000-0010 deactivated."),
        (_result(T.CARD_REACTIVATED), "Card 4000-0000-0010 reactivated."),
        (
            _result(T.WELCOME_BONUS, points_delta=50),
            "Welcome bonus: 50 points. Balance: 162 points.",
        ),
        (_result(T.POINTS_EXPIRED, points_delta=-40), "40 points expired. Balance: 162 points."),
        (
            _result(T.POINTS_ADJUSTMENT, points_delta=20),
            "Points adjusted by 20 points. Balance: 162 points.",
        ),
        (_result(T.CUSTOMER_UPDATED), "Customer details changed for card 4000-0000-0010."),
    ],
)
def test_result_text(result: OperationResult, expected: str) -> None:
    assert texts.result_text(result) == expected


def test_every_transaction_type_has_a_result_text() -> None:
    for kind in T:
        assert texts.result_text(_result(kind)).strip()


# --- catalogue, void list, statistics -------------------------------------------------------


def test_reward_reason_text() -> None:
    from terminal.domain.points import unaffordable_reason
    from terminal.domain.rules import ProgramRules, RewardRule

    refusal = unaffordable_reason(ProgramRules(), RewardRule(2, "Lunch menu", 250), 120)
    assert refusal is not None
    option = RewardOption(2, "Lunch menu", 250, False, refusal.key, refusal.params)
    assert texts.reward_reason_text(option) == (
        "Not enough points: this reward costs 250 and the card has 120 (130 missing)."
    )
    assert texts.reward_reason_text(RewardOption(1, "Pastry", 100, True, None)) == ""


def test_void_entry_labels() -> None:
    at = datetime(2026, 3, 10, 14, 5, tzinfo=PARIS)
    purchase = VoidableEntry("e1", T.POINTS_EARNED, at, 12345, 12345, 123, 0)
    partly = replace(purchase, returnable_amount=10000)
    stamp = VoidableEntry("e2", T.STAMP_EARNED, at, None, None, 0, 2)
    assert texts.void_entry_label(purchase) == "2026-03-10 14:05: purchase of 123.45 (123 points)"
    assert texts.void_entry_label(partly) == (
        "2026-03-10 14:05: purchase of 123.45 (123 points), 100.00 still returnable"
    )
    assert texts.void_entry_label(stamp) == "2026-03-10 14:05: 2 stamps given"


def test_period_labels() -> None:
    assert [texts.period_label(days) for days in (1, 7, 30)] == [
        "Today",
        "Last 7 days",
        "Last 30 days",
    ]


# --- formats follow the default QLocale -----------------------------------------------------


def test_formats_without_a_chosen_language() -> None:
    assert texts.money(123450) == "1,234.50"
    assert texts.money(-5) == "-0.05"
    assert texts.date_text(date(2027, 3, 10)) == "2027-03-10"
    assert texts.time_text(datetime(2026, 3, 10, 9, 5, tzinfo=PARIS)) == "09:05"


def test_formats_follow_the_chosen_locale() -> None:
    QLocale.setDefault(QLocale("fr_FR"))
    assert texts.money(1250) == "12,50"
    assert texts.money(123405) == "1\u202f234,05"
    assert texts.date_text(date(2027, 3, 10)) == "10/03/2027"
    assert texts.time_text(datetime(2026, 3, 10, 9, 5, tzinfo=PARIS)) == "09:05"
    # The amount example of the refusal follows the locale too.
    assert texts.error_text(_refusal(lambda: parse_amount(""))) == (
        "Type the purchase amount, e.g. 12,50."
    )
    QLocale.setDefault(QLocale("en_US"))
    assert texts.money(123405) == "1,234.05"
    assert texts.time_text(datetime(2026, 3, 10, 14, 5, tzinfo=PARIS)) == "2:05\u202fPM"


# --- extraction -----------------------------------------------------------------------------


def _translate_sources() -> set[str]:
    tree = ast.parse((TERMINAL / "ui" / "texts.py").read_text())
    sources = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "translate":
            context, source = node.args[0], node.args[1]
            assert isinstance(context, ast.Constant)
            assert context.value == "texts"
            assert isinstance(source, ast.Constant)
            assert isinstance(source.value, str)
            sources.add(source.value)
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "tr":
            source = node.args[0]  # the plural texts (class `texts`, same context)
            assert isinstance(source, ast.Constant)
            sources.add(source.value)
    return sources


def test_lupdate_extracts_every_text(tmp_path: Path) -> None:
    sources = _translate_sources()
    assert len(sources) > 100
    lupdate = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed")
    ts = tmp_path / "texts.ts"
    subprocess.run(  # noqa: S603  (our own tool, our own file)
        [lupdate, str(TERMINAL / "ui" / "texts.py"), "-ts", str(ts)],
        check=True,
        capture_output=True,
    )
    root = ET.parse(ts).getroot()  # noqa: S314  (written just now by lupdate)
    extracted = {m.findtext("source") for m in root.iter("message")}
    assert extracted == sources
