"""Typed loyalty errors, each with a message a cashier can act on.

`code` is a stable machine name (used in sync results and logs); `message` is for people.
"""

from __future__ import annotations

from datetime import datetime


class LoyaltyError(Exception):
    """Base of every refusal the loyalty rules can give."""

    code = "loyalty_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _hhmm(moment: datetime) -> str:
    return moment.strftime("%H:%M")


def _day_time(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


# --- input --------------------------------------------------------------------------------


class InvalidInput(LoyaltyError):
    code = "invalid_input"


class InvalidAmount(InvalidInput):
    code = "invalid_amount"


class InvalidCardNumber(InvalidInput):
    code = "invalid_card_number"


class CardNumberTypo(InvalidCardNumber):
    """The 12 digits are there but the check digit does not match: almost surely a typo."""

    code = "card_number_typo"

    def __init__(self) -> None:
        super().__init__(
            "This card number is not valid: one digit is probably mistyped. "
            "Check the number on the card and type it again."
        )


class InvalidScan(InvalidInput):
    code = "invalid_scan"

    def __init__(self) -> None:
        super().__init__(
            "This code is not a loyalty card of ours. Ask for the loyalty card, "
            "or type the card number."
        )


class InvalidCustomerDetails(InvalidInput):
    code = "invalid_customer"


class InvalidPinFormat(InvalidInput):
    code = "invalid_pin_format"


# --- cards and programs ---------------------------------------------------------------------


class CardNotFound(LoyaltyError):
    code = "card_not_found"

    def __init__(self, what: str = "this card") -> None:
        super().__init__(f"No loyalty card found for {what}. Check it, or enroll the customer.")


class CardInactive(LoyaltyError):
    code = "card_inactive"

    def __init__(self, card_number: str) -> None:
        super().__init__(
            f"Card {card_number} is deactivated: it cannot earn or redeem. "
            "A manager can reactivate it."
        )


class ProgramInactive(LoyaltyError):
    code = "program_inactive"

    def __init__(self) -> None:
        super().__init__("The loyalty program is paused. No card can earn or redeem now.")


class NotInProgram(LoyaltyError):
    """The operation belongs to a program type the company does not run."""

    code = "not_in_program"

    def __init__(self, what: str) -> None:
        super().__init__(f"This loyalty program has no {what}.")


class CardStatusUnchanged(LoyaltyError):
    code = "card_status_unchanged"

    def __init__(self, card_number: str, active: bool) -> None:
        state = "active" if active else "deactivated"
        super().__init__(f"Card {card_number} is already {state}.")


class CustomerAlreadyEnrolled(LoyaltyError):
    code = "customer_already_enrolled"

    def __init__(self, existing_card_number: str, matched_on: str) -> None:
        super().__init__(
            f"This customer already has card {existing_card_number} (same {matched_on}). "
            "Use that card instead."
        )
        self.existing_card_number = existing_card_number
        self.matched_on = matched_on


class CardNumberBlockExhausted(LoyaltyError):
    code = "card_numbers_exhausted"

    def __init__(self) -> None:
        super().__init__(
            "This terminal has no new card numbers left. Connect it to the network "
            "so it can get more, or enroll the customer at another terminal."
        )


class EnrollmentRefused(LoyaltyError):
    code = "enrollment_refused"


# --- stamps ---------------------------------------------------------------------------------


class InvalidStampCount(InvalidInput):
    code = "invalid_stamp_count"


class StampLimitReached(LoyaltyError):
    code = "stamp_daily_limit"

    def __init__(self, limit: int, given_today: int) -> None:
        if given_today >= limit:
            text = f"Daily stamp limit reached ({limit}). Next stamp possible tomorrow."
        else:
            left = limit - given_today
            text = (
                f"Daily stamp limit is {limit}: only {left} more "
                f"stamp{'s' if left != 1 else ''} possible today."
            )
        super().__init__(text)
        self.limit = limit
        self.given_today = given_today


class StampCooldown(LoyaltyError):
    code = "stamp_cooldown"

    def __init__(self, minutes: int, next_possible_local: datetime) -> None:
        super().__init__(
            f"A stamp was given less than {minutes} minutes ago. "
            f"Next stamp possible at {_hhmm(next_possible_local)}."
        )
        self.next_possible_local = next_possible_local


class StampRewardNotReady(LoyaltyError):
    code = "stamp_reward_not_ready"

    def __init__(self, have: int, target: int) -> None:
        missing = target - have
        super().__init__(
            f"The stamp reward needs {target} stamps; this card has {have} ({missing} more to go)."
        )


# --- points ---------------------------------------------------------------------------------


class RewardUnavailable(LoyaltyError):
    code = "reward_unavailable"

    def __init__(self, name: str | None = None) -> None:
        what = f"The reward '{name}'" if name else "This reward"
        super().__init__(f"{what} is not offered any more. Pick another reward.")


class InsufficientPoints(LoyaltyError):
    code = "insufficient_points"

    def __init__(self, balance: int, cost: int) -> None:
        super().__init__(
            f"Not enough points: this reward costs {cost} and the card has {balance} "
            f"({cost - balance} missing)."
        )
        self.balance = balance
        self.cost = cost


class BelowMinimumRedemption(LoyaltyError):
    code = "below_minimum_redemption"

    def __init__(self, balance: int, minimum: int) -> None:
        super().__init__(
            f"Points can be redeemed from {minimum} points on; this card has {balance}."
        )


class OfflineRedemptionLimit(LoyaltyError):
    code = "offline_redemption_limit"

    def __init__(self, limit: int, remaining: int) -> None:
        super().__init__(
            f"The terminal is offline: a card may redeem at most {limit} points a day "
            f"here while offline ({max(remaining, 0)} left today). Try again when back online."
        )


class CrossLocationRedemption(LoyaltyError):
    code = "cross_location_redemption"

    def __init__(self) -> None:
        super().__init__(
            "This card can only redeem at the store where it was enrolled (company setting)."
        )


# --- voids ----------------------------------------------------------------------------------


class VoidsNotAllowed(LoyaltyError):
    code = "voids_not_allowed"

    def __init__(self) -> None:
        super().__init__("Voids and returns are switched off for this company.")


class VoidRefused(LoyaltyError):
    code = "void_refused"


# --- staff PINs -----------------------------------------------------------------------------


class StaffNotFound(LoyaltyError):
    code = "staff_not_found"

    def __init__(self) -> None:
        super().__init__("This staff member is unknown or no longer active. Pick your name.")


class PinRequired(LoyaltyError):
    code = "pin_required"

    def __init__(self) -> None:
        super().__init__("A staff PIN is needed for this. Pick your name and type your PIN.")


class WrongPin(LoyaltyError):
    code = "wrong_pin"

    def __init__(self, remaining_attempts: int) -> None:
        if remaining_attempts > 0:
            text = (
                f"Wrong PIN. {remaining_attempts} attempt"
                f"{'s' if remaining_attempts != 1 else ''} left before this PIN is locked."
            )
        else:
            text = "Wrong PIN. This PIN is now locked. Ask a manager."
        super().__init__(text)
        self.remaining_attempts = remaining_attempts


class PinLocked(LoyaltyError):
    code = "pin_locked"

    def __init__(self, until_local: datetime) -> None:
        super().__init__(
            f"This PIN is locked after too many wrong attempts, until "
            f"{_day_time(until_local)}. Another staff member can help."
        )
        self.until_local = until_local


class ManagerRequired(LoyaltyError):
    code = "manager_required"

    def __init__(self) -> None:
        super().__init__("Only a manager can do this. Ask a manager to enter their PIN.")
