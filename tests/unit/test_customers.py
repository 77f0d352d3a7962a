"""Customer details typed at enrollment: names, email, phone, and the search key."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from terminal.domain.customers import (
    EMAIL_MAX_LENGTH,
    NAME_MAX_LENGTH,
    CustomerDetails,
    clean_name,
    customer_details,
    e164_from_stored_phone,
    looks_like_phone,
    national_digits,
    normalize_email,
    normalize_phone,
    search_key,
)
from terminal.domain.errors import InvalidCustomerDetails, InvalidInput


def details(**overrides: object) -> CustomerDetails:
    fields: dict[str, object] = {
        "first_name": "Ana",
        "last_name": "Silva",
        "email": "ana@example.com",
        "phone": None,
        "email_required": False,
        "country": "FR",
    }
    fields.update(overrides)
    return customer_details(**fields)  # type: ignore[arg-type]


# --- names ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "clean"),
    [
        ("Ana", "Ana"),
        ("  Jean   Pierre  ", "Jean Pierre"),
        ("Jean\tPierre", "Jean Pierre"),
        ("Zoë O'Brien-Núñez", "Zoë O'Brien-Núñez"),
        ("李小龍", "李小龍"),
        ("", ""),
        (None, ""),
    ],
)
def test_clean_name(typed: str | None, clean: str) -> None:
    assert clean_name(typed, "first name") == clean


@pytest.mark.parametrize(
    "typed",
    ["Ana\x00", "A\x07na", "\x1b[31mAna", "Ana\u202eavliS", "An\u200ba", "Ana\x7f", "\ud800"],
)
def test_names_with_control_characters_are_refused(typed: str) -> None:
    with pytest.raises(InvalidCustomerDetails) as info:
        clean_name(typed, "last name")
    assert info.value.message == "The last name has characters that cannot be printed."


def test_name_length_limit() -> None:
    assert clean_name("a" * NAME_MAX_LENGTH, "first name") == "a" * NAME_MAX_LENGTH
    assert clean_name(" " + "a" * NAME_MAX_LENGTH + " ", "first name") == "a" * NAME_MAX_LENGTH
    with pytest.raises(InvalidCustomerDetails) as info:
        clean_name("a" * (NAME_MAX_LENGTH + 1), "first name")
    assert info.value.message == "The first name is too long (80 at most)."


@settings(max_examples=200)
@given(st.text(max_size=120))
def test_clean_name_result_is_printable_trimmed_and_bounded(typed: str) -> None:
    try:
        name = clean_name(typed, "first name")
    except InvalidCustomerDetails:
        return
    assert len(name) <= NAME_MAX_LENGTH
    assert name == name.strip()
    assert "  " not in name
    assert not any(unicodedata.category(ch).startswith("C") for ch in name)


# --- email ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "normal"),
    [
        ("ana@example.com", "ana@example.com"),
        ("  Ana.Silva@Example.COM \r\n", "ana.silva@example.com"),
        ("a+loyalty@mail.example.co.uk", "a+loyalty@mail.example.co.uk"),
        ("a@b.c", "a@b.c"),
        ("Jose\u0301@Example.com", "jos\u00e9@example.com"),  # one Unicode form: NFC
        ("JOS\u00c9@example.com", "jos\u00e9@example.com"),
        ("E\u0301lodie@example.com ", "\u00e9lodie@example.com"),
    ],
)
def test_normalize_email(typed: str, normal: str) -> None:
    assert normalize_email(typed) == normal


@pytest.mark.parametrize("typed", ["", "   ", None])
def test_empty_email_is_none(typed: str | None) -> None:
    assert normalize_email(typed) is None


@pytest.mark.parametrize(
    "typed",
    [
        "ana",
        "ana@",
        "@example.com",
        "ana@example",
        "ana @example.com",
        "ana@exa mple.com",
        "ana@@example.com",
        "a@b@example.com",
        "ana@example.",
        "'; DROP TABLE customers;--",
    ],
)
def test_invalid_email_is_refused(typed: str) -> None:
    with pytest.raises(InvalidCustomerDetails) as info:
        normalize_email(typed)
    assert info.value.message == "This email address does not look right. Check it."
    assert info.value.reason == "email_invalid"


@settings(max_examples=200)
@given(st.text(max_size=40))
def test_normalized_email_is_one_unicode_form_and_stable(typed: str) -> None:
    try:
        email = normalize_email(typed)
    except InvalidCustomerDetails:
        return
    if email is not None:
        assert email == unicodedata.normalize("NFC", email) == email.strip()
        assert normalize_email(email) == email
        assert normalize_email(unicodedata.normalize("NFD", typed)) == email


def test_email_length_limit() -> None:
    domain = "@example.com"
    longest = "a" * (EMAIL_MAX_LENGTH - len(domain)) + domain
    assert normalize_email(longest) == longest
    with pytest.raises(InvalidCustomerDetails):
        normalize_email("a" + longest)


@pytest.mark.parametrize(
    "typed", ["ana\x00@example.com", "ana\x07@example.com", "ana@exa\x1bmple.com", "a\u202e@b.com"]
)
def test_email_with_control_characters_is_refused(typed: str) -> None:
    with pytest.raises(InvalidCustomerDetails):
        normalize_email(typed)


# --- phone ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "country", "e164"),
    [
        ("+33 6 12 34 56 78", "FR", "+33612345678"),
        ("06 12 34 56 78", "FR", "+33612345678"),
        ("06.12.34.56.78", "FR", "+33612345678"),
        ("06-12-34-56-78", "FR", "+33612345678"),
        ("(06) 12 34 56 78", "FR", "+33612345678"),
        ("(+33) 6 12 34 56 78", "FR", "+33612345678"),
        ("+33 (0)6 12 34 56 78", "FR", "+33612345678"),
        ("0033/612345678", "FR", "+33612345678"),
        ("0033 6 12 34 56 78", "FR", "+33612345678"),
        ("33 612 345 678", "FR", "+33612345678"),  # country code without its +
        ("  0612345678  ", "FR", "+33612345678"),
        ("06\u00a012\u00a034\u00a056\u00a078", "FR", "+33612345678"),  # no-break spaces
        ("0151 12345678", "DE", "+4915112345678"),
        ("+49 151 12345678", "FR", "+4915112345678"),  # a German number in a French store
        ("(202) 555-0147", "US", "+12025550147"),
        ("+1 202 555 0147", "FR", "+12025550147"),
        ("020 7946 0000", "GB", "+442079460000"),
        ("06 12 34 56 78", "fr", "+33612345678"),  # the country code in any case
    ],
)
def test_normalize_phone_gives_one_international_form(typed: str, country: str, e164: str) -> None:
    assert normalize_phone(typed, country) == e164


def test_national_and_international_forms_are_the_same_customer() -> None:
    forms = ["06 12 34 56 78", "+33 6 12 34 56 78", "0033612345678", "06.12.34.56.78"]
    assert {normalize_phone(form, "FR") for form in forms} == {"+33612345678"}


@pytest.mark.parametrize("typed", ["", "  ", None])
def test_empty_phone_is_none(typed: str | None) -> None:
    assert normalize_phone(typed, "FR") is None


@pytest.mark.parametrize("typed", ["12345", "+1 2345", "1234567890123456", "++--()"])
def test_phone_digit_count(typed: str) -> None:
    with pytest.raises(InvalidCustomerDetails) as info:
        normalize_phone(typed, "FR")
    assert info.value.message == "A phone number has 6 to 15 digits."
    assert info.value.reason == "phone_digit_count"
    assert info.value.params == {"min_digits": 6, "max_digits": 15}


@pytest.mark.parametrize(
    "typed",
    ["call me", "06 12 34 56 7a", "0612345678 ext 2", "'; DROP TABLE--", "%s%n{0}", "#0612"],
)
def test_phone_with_letters_is_refused(typed: str) -> None:
    with pytest.raises(InvalidCustomerDetails, match="digits only") as info:
        normalize_phone(typed, "FR")
    assert info.value.reason == "phone_not_digits"


@pytest.mark.parametrize(
    "typed",
    [
        "061234567",
        "06 12 34 56 789",
        "123456",
        "00 00 00 00 00",
        "4000.0000.0002",
        "(555) 123-4567",
    ],
)
def test_phone_not_valid_in_the_store_country_is_refused(typed: str) -> None:
    with pytest.raises(InvalidCustomerDetails) as info:
        normalize_phone(typed, "FR")
    assert info.value.reason == "phone_invalid_for_country"
    assert info.value.params == {"country": "FR"}
    assert info.value.message == (
        "This is not a valid phone number in FR. Check it, or type it with its country code (+…)."
    )


@pytest.mark.parametrize("typed", ["+33 6 12 34 56", "+999 123456789", "+49 1", "0049 123"])
def test_phone_with_a_wrong_country_code_or_number_is_refused(typed: str) -> None:
    with pytest.raises(InvalidCustomerDetails) as info:
        normalize_phone(typed, "FR")
    assert info.value.reason in {"phone_invalid_international", "phone_digit_count"}


def test_international_refusal_says_to_check_the_country_code() -> None:
    with pytest.raises(InvalidCustomerDetails) as info:
        normalize_phone("+999 123456789", "FR")
    assert info.value.reason == "phone_invalid_international"
    assert info.value.message == (
        "This phone number is not valid: check its country code and its digits."
    )


@settings(max_examples=300)
@given(st.text(alphabet="0123456789 +-.()/", max_size=20) | st.text(max_size=30))
def test_phone_result_is_e164_or_a_refusal(typed: str) -> None:
    try:
        phone = normalize_phone(typed, "FR")
    except InvalidCustomerDetails:
        return
    if phone is not None:
        assert phone.startswith("+")
        assert phone[1:].isascii()
        assert phone[1:].isdigit()
        assert 6 <= len(phone) - 1 <= 15
        # E.164 is a fixed point, whatever the store's country
        assert normalize_phone(phone, "FR") == phone
        assert normalize_phone(phone, "DE") == phone


@pytest.mark.parametrize("typed", ["０６１２３４５６７８", "٠٦١٢٣٤٥٦٧٨"])
def test_phone_with_non_ascii_digits_is_normalised_or_refused(typed: str) -> None:
    try:
        phone = normalize_phone(typed, "FR")
    except InvalidCustomerDetails:
        return
    assert phone == "+33612345678"


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("06.12.34.56.78", True),
        ("(06) 12 34 56 78", True),
        ("+33 6 12 34 56 78", True),
        ("0033/612345678", True),
        ("4000-0000-0002", True),  # digits with separators: the caller tells card numbers apart
        ("123", True),
        ("", False),
        ("  ", False),
        ("+-()", False),
        ("Ana Customer1", False),
        ("ana@example.com", False),
        ("LC1-abc", False),
        ("06 12 34 56 7a", False),
        ("06\t12", False),
    ],
)
def test_looks_like_phone(text: str, answer: bool) -> None:
    assert looks_like_phone(text) is answer


@pytest.mark.parametrize(
    ("e164", "digits"),
    [
        ("+33612345678", "0612345678"),
        ("+4915112345678", "015112345678"),
        ("+12025550147", "2025550147"),
        ("+442079460000", "02079460000"),
        ("0612345678", None),  # not E.164: a phone stored before it was
        ("garbage", None),
        ("", None),
    ],
)
def test_national_digits(e164: str, digits: str | None) -> None:
    assert national_digits(e164) == digits


@pytest.mark.parametrize(
    ("stored", "country", "e164"),
    [
        ("0612345678", "FR", "+33612345678"),  # typed nationally
        ("33612345678", "FR", "+33612345678"),  # typed with +33, the + dropped
        ("0033612345678", "FR", "+33612345678"),
        ("4915112345678", "DE", "+4915112345678"),  # not +49 49...: the + was dropped
        ("015112345678", "DE", "+4915112345678"),
        ("4915112345678", "FR", "+4915112345678"),  # a foreign number typed with its +
        ("2025550147", "US", "+12025550147"),
        ("12025550147", "US", "+12025550147"),
        ("+33612345678", "FR", "+33612345678"),  # already E.164
        ("33612345678", "DE", "+33612345678"),  # a German number would start with 0
        ("0612345678", "DE", "+49612345678"),  # ... as this one does
        ("442079460000", "FR", "+442079460000"),
    ],
)
def test_stored_digit_phones_are_read_again_as_e164(stored: str, country: str, e164: str) -> None:
    assert e164_from_stored_phone(stored, country) == e164


@pytest.mark.parametrize("stored", ["123456", "0000000000", "999999999999999", "", "abc"])
def test_stored_phones_that_cannot_be_read_are_left_alone(stored: str) -> None:
    assert e164_from_stored_phone(stored, "FR") is None


# --- customer_details -----------------------------------------------------------------------


def test_customer_details_are_normalised() -> None:
    result = details(
        first_name=" Ana ", last_name="Silva", email=" ANA@Example.com", phone="+33 6 12 34 56 78"
    )
    assert result == CustomerDetails("Ana", "Silva", "ana@example.com", "+33612345678")
    assert result.full_name == "Ana Silva"


def test_phone_only_is_enough() -> None:
    result = details(email=None, phone="06 12 34 56 78")
    assert (result.email, result.phone) == (None, "+33612345678")


def test_one_name_is_enough() -> None:
    assert details(first_name="", last_name="Silva").full_name == "Silva"
    assert details(first_name="Ana", last_name=None).full_name == "Ana"


@pytest.mark.parametrize(("first", "last"), [("", ""), (None, None), ("  ", "\t")])
def test_a_name_is_required(first: str | None, last: str | None) -> None:
    with pytest.raises(InvalidCustomerDetails) as info:
        details(first_name=first, last_name=last)
    assert info.value.message == "Type the customer's name."


def test_an_email_or_a_phone_is_required() -> None:
    with pytest.raises(InvalidCustomerDetails) as info:
        details(email="", phone=" ")
    assert "email address or a phone number" in info.value.message


def test_email_required_by_the_company() -> None:
    with pytest.raises(InvalidCustomerDetails) as info:
        details(email=None, phone="0612345678", email_required=True)
    assert info.value.message == "An email address is needed to enroll (company setting)."
    assert details(email="ana@example.com", email_required=True).email == "ana@example.com"


def test_bad_email_is_refused_even_with_a_phone() -> None:
    with pytest.raises(InvalidCustomerDetails, match="email address does not look right"):
        details(email="ana@", phone="0612345678")


def test_customer_refusals_are_input_errors() -> None:
    with pytest.raises(InvalidInput) as info:
        details(first_name="\x00")
    assert info.value.code == "invalid_customer"


# --- search key -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("parts", "key"),
    [
        (("José",), "jose"),
        (("José", "Müller"), "jose muller"),
        (("ÉLODIE", None, "Čapek"), "elodie capek"),
        (("Çağla",), "cagla"),
        (("Straße",), "strasse"),
        (("ＪＯＳＥ",), "jose"),  # full-width letters
        (("Ana", "", "Silva"), "ana silva"),
        ((None, None), ""),
        (("0612345678",), "0612345678"),
    ],
)
def test_search_key_folds_case_and_accents(parts: tuple[str | None, ...], key: str) -> None:
    assert search_key(*parts) == key


def test_search_key_makes_typed_fragments_match() -> None:
    stored = search_key("José", "Müller-Lüdenscheidt", "jose.m@example.com")
    assert search_key("JOSE") in stored
    assert search_key("muller") in stored
    assert search_key("Lüden") in stored


@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x24F), max_size=30))
def test_search_key_has_no_combining_marks_and_is_stable(text: str) -> None:
    key = search_key(text)
    assert not any(unicodedata.combining(ch) for ch in key)
    assert search_key(key) == key


@pytest.mark.parametrize(
    "phones",
    [
        ["+33612345678", "+33698765432", "+33611111111"],  # France: a trunk 0
        ["+4915112345678", "+4915198765432"],  # Germany
        ["+12025550147", "+12025550199"],  # North America: no trunk prefix in the digits
        ["+390612345678", "+390698765432"],  # Italy: the 0 is part of the number
        ["+4420794600000", "+442079460001"],  # a short one after a long one: another shape
        ["+33012", "+33013"],  # not valid: no national form
    ],
)
def test_the_search_index_national_digits_match_the_exact_ones(phones: list[str]) -> None:
    from terminal.store.search import national_for_search

    for phone in phones:  # the first of a shape is computed, the next ones derived
        assert national_for_search(phone) == national_digits(phone), phone
