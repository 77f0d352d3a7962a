"""Typed loyalty errors, each with a message a cashier can act on.

`code` is a stable machine name (used in sync results and logs); `message` is English, for
people reading logs, the server or the command line. Screens translate `key` and `params`.
"""

from __future__ import annotations

from datetime import datetime


class LoyaltyError(Exception):
    """Base of every refusal the loyalty rules can give.

    `message` is English, for logs, the server and the command line. Screens never show
    it: they build their own sentence with tr() from `key` (the class's `code`, or the
    more precise `reason` where one class covers several refusals) and `params` (the
    numbers and names that sentence needs), see terminal/ui/texts.py.
    """

    code = "loyalty_error"

    def __init__(self, message: str, *, reason: str | None = None, **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason
        self.params: dict[str, object] = params

    @property
    def key(self) -> str:
        """What the UI translates: `reason` when given, else the class's `code`."""
        return self.reason or self.code


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
        super().__init__(
            f"No loyalty card found for {what}. Check it, or enroll the customer.", what=what
        )


class CardInactive(LoyaltyError):
    code = "card_inactive"

    def __init__(self, card_number: str) -> None:
        super().__init__(
            f"Card {card_number} is deactivated: it cannot earn or redeem. "
            "A manager can reactivate it.",
            card_number=card_number,
        )


class ProgramInactive(LoyaltyError):
    code = "program_inactive"

    def __init__(self) -> None:
        super().__init__("The loyalty program is paused. No card can earn or redeem now.")


class NotInProgram(LoyaltyError):
    """The operation belongs to a program type the company does not run."""

    code = "not_in_program"

    def __init__(self, what: str, *, reason: str | None = None) -> None:
        # `what` is English (for the message); `reason` names the refusal for the screens.
        super().__init__(f"This loyalty program has no {what}.", reason=reason)


class CardStatusUnchanged(LoyaltyError):
    code = "card_status_unchanged"

    def __init__(self, card_number: str, active: bool) -> None:
        if active:
            super().__init__(
                f"Card {card_number} is already active.",
                reason="card_already_active",
                card_number=card_number,
            )
        else:
            super().__init__(
                f"Card {card_number} is already deactivated.",
                reason="card_already_deactivated",
                card_number=card_number,
            )


class CustomerAlreadyEnrolled(LoyaltyError):
    code = "customer_already_enrolled"

    def __init__(self, existing_card_number: str, matched_on: str) -> None:
        super().__init__(
            f"This customer already has card {existing_card_number} (same {matched_on}). "
            "Use that card instead.",
            existing_card_number=existing_card_number,
            matched_on=matched_on,  # "email" or "phone"
        )
        self.existing_card_number = existing_card_number
        self.matched_on = matched_on


class ContactTaken(LoyaltyError):
    """A change of details would give the customer the email or phone of another customer
    of the company: one customer, one card, so the two would be found as one."""

    code = "contact_taken"

    def __init__(self, holder_card_number: str, matched_on: str) -> None:
        if matched_on == "phone":
            super().__init__(
                f"Another customer (card {holder_card_number}) already has this phone number.",
                reason="phone_taken",
                holder_card_number=holder_card_number,
                matched_on=matched_on,
            )
        else:
            super().__init__(
                f"Another customer (card {holder_card_number}) already has this email address.",
                reason="email_taken",
                holder_card_number=holder_card_number,
                matched_on=matched_on,
            )
        self.holder_card_number = holder_card_number
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
        params = {"limit": limit, "given_today": given_today}
        if given_today >= limit:
            super().__init__(
                f"Daily stamp limit reached ({limit}). Next stamp possible tomorrow.", **params
            )
        else:
            left = limit - given_today
            super().__init__(
                f"Daily stamp limit is {limit}: only {left} more "
                f"stamp{'s' if left != 1 else ''} possible today.",
                reason="stamp_daily_limit_partial",
                left=left,
                **params,
            )
        self.limit = limit
        self.given_today = given_today


class StampCooldown(LoyaltyError):
    code = "stamp_cooldown"

    def __init__(self, minutes: int, next_possible_local: datetime) -> None:
        super().__init__(
            f"A stamp was given less than {minutes} minutes ago. "
            f"Next stamp possible at {_hhmm(next_possible_local)}.",
            minutes=minutes,
            next_possible_local=next_possible_local,
        )
        self.next_possible_local = next_possible_local


class StampRewardNotReady(LoyaltyError):
    code = "stamp_reward_not_ready"

    def __init__(self, have: int, target: int) -> None:
        missing = target - have
        super().__init__(
            f"The stamp reward needs {target} stamps; this card has {have} ({missing} more to go).",
            have=have,
            target=target,
            missing=missing,
        )


# --- points ---------------------------------------------------------------------------------


class RewardUnavailable(LoyaltyError):
    code = "reward_unavailable"

    def __init__(self, name: str | None = None) -> None:
        what = f"The reward '{name}'" if name else "This reward"
        super().__init__(f"{what} is not offered any more. Pick another reward.", name=name)


class InsufficientPoints(LoyaltyError):
    code = "insufficient_points"

    def __init__(self, balance: int, cost: int) -> None:
        super().__init__(
            f"Not enough points: this reward costs {cost} and the card has {balance} "
            f"({cost - balance} missing).",
            balance=balance,
            cost=cost,
            missing=cost - balance,
        )
        self.balance = balance
        self.cost = cost


class BelowMinimumRedemption(LoyaltyError):
    code = "below_minimum_redemption"

    def __init__(self, balance: int, minimum: int) -> None:
        super().__init__(
            f"Points can be redeemed from {minimum} points on; this card has {balance}.",
            balance=balance,
            minimum=minimum,
        )


class OfflineRedemptionLimit(LoyaltyError):
    code = "offline_redemption_limit"

    def __init__(self, limit: int, remaining: int) -> None:
        super().__init__(
            f"The terminal is offline: a card may redeem at most {limit} points a day "
            f"here while offline ({max(remaining, 0)} left today). Try again when back online.",
            limit=limit,
            remaining=max(remaining, 0),
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
            super().__init__(
                f"Wrong PIN. {remaining_attempts} attempt"
                f"{'s' if remaining_attempts != 1 else ''} left before this PIN is locked.",
                remaining_attempts=remaining_attempts,
            )
        else:
            super().__init__(
                "Wrong PIN. This PIN is now locked. Ask a manager.",
                reason="wrong_pin_now_locked",
                remaining_attempts=0,
            )
        self.remaining_attempts = remaining_attempts


class PinLocked(LoyaltyError):
    code = "pin_locked"

    def __init__(self, until_local: datetime) -> None:
        super().__init__(
            f"This PIN is locked after too many wrong attempts, until "
            f"{_day_time(until_local)}. Another staff member can help.",
            until_local=until_local,
        )
        self.until_local = until_local


class ManagerRequired(LoyaltyError):
    code = "manager_required"

    def __init__(self) -> None:
        super().__init__("Only a manager can do this. Ask a manager to enter their PIN.")


class RefusedOnline(LoyaltyError):
    """The central server, asked while the customer waits, said no: nothing was recorded.
    `server_code` is the server's reason (e.g. insufficient_balance: another store spent the
    points first); the card shows the server's balances."""

    code = "refused_online"

    def __init__(
        self, server_code: str | None, server_reason: str | None, points_balance: int
    ) -> None:
        super().__init__(
            f"The central server refused this redemption ({server_code}): "
            f"{server_reason or 'no reason given'}. Nothing was recorded.",
            reason=_refused_online_reason(server_code),
            server_code=server_code or "",
            points_balance=points_balance,
        )


# The server's refusal codes the counter words precisely (two say the same); any other is
# worded as "refused_online".
_REFUSED_ONLINE_REASONS = {
    "insufficient_balance": "refused_online_insufficient_balance",
    "insufficient_points": "refused_online_insufficient_balance",
    "below_minimum_redemption": "refused_online_insufficient_balance",
    "card_inactive": "refused_online_card_inactive",
    "reward_unavailable": "refused_online_reward_unavailable",
}


def _refused_online_reason(server_code: str | None) -> str | None:
    return _REFUSED_ONLINE_REASONS.get(server_code or "")


# --- the manager's figures and exports ------------------------------------------------------


class CompanyFiguresUnavailable(LoyaltyError):
    """The central server's figures could not be had now. `why`: "no_server" (this terminal
    has none), "offline" (no answer lately, or not in time), "auth_expired" (re-activation
    needed), "error" (it answered, but not with the figures)."""

    code = "company_figures_unavailable"

    def __init__(self, why: str) -> None:
        super().__init__(
            f"The company's figures are not available from the central server now ({why}).",
            why=why,
        )
        self.why = why


class ExportCancelled(LoyaltyError):
    """The export was stopped on request: no file was written (nor left half-written)."""

    code = "export_cancelled"

    def __init__(self) -> None:
        super().__init__("The export was cancelled; no file was written.")


class ExportFailed(LoyaltyError):
    """The file could not be written (folder missing, no permission, disk full, the file
    open in another program): nothing was left at the chosen path."""

    code = "export_failed"

    def __init__(self, path: str, detail: str) -> None:
        super().__init__(
            f"The export could not be written to {path}: {detail}. "
            "Choose another folder or close the file in other programs.",
            path=path,
            detail=detail,
        )
