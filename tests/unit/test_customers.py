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
    ("typed", "digits"),
    [
        ("+33 6 12 34 56 78", "33612345678"),
        ("06.12.34.56.78", "0612345678"),
        ("06-12-34-56-78", "0612345678"),
        ("(555) 123-4567", "5551234567"),
        ("  0612345678  ", "0612345678"),
        ("0033/612345678", "0033612345678"),
        ("123456", "123456"),  # 6 digits: the shortest accepted
        ("123456789012345", "123456789012345"),  # 15 digits: E.164 maximum
    ],
)
def test_normalize_phone(typed: str, digits: str) -> None:
    assert normalize_phone(typed) == digits


@pytest.mark.parametrize("typed", ["", "  ", None])
def test_empty_phone_is_none(typed: str | None) -> None:
    assert normalize_phone(typed) is None


@pytest.mark.parametrize("typed", ["12345", "+1 2345", "1234567890123456", "++--()"])
def test_phone_digit_count(typed: str) -> None:
    with pytest.raises(InvalidCustomerDetails) as info:
        normalize_phone(typed)
    assert info.value.message == "A phone number has 6 to 15 digits."


@pytest.mark.parametrize(
    "typed",
    ["call me", "06 12 34 56 7a", "0612345678 ext 2", "'; DROP TABLE--", "%s%n{0}", "#0612"],
)
def test_phone_with_letters_is_refused(typed: str) -> None:
    with pytest.raises(InvalidCustomerDetails, match="digits only"):
        normalize_phone(typed)


@settings(max_examples=200)
@given(st.text(max_size=30))
def test_phone_result_is_digits_or_a_refusal(typed: str) -> None:
    try:
        phone = normalize_phone(typed)
    except InvalidCustomerDetails:
        return
    if phone is not None:
        assert phone.isdigit()
        assert 6 <= len(phone) <= 15


@pytest.mark.parametrize("typed", ["０６１２３４５６７８", "٠٦١٢٣٤٥٦٧٨"])
def test_phone_with_non_ascii_digits_is_normalised_or_refused(typed: str) -> None:
    try:
        phone = normalize_phone(typed)
    except InvalidCustomerDetails:
        return
    assert phone == "0612345678"


# --- customer_details -----------------------------------------------------------------------


def test_customer_details_are_normalised() -> None:
    result = details(
        first_name=" Ana ", last_name="Silva", email=" ANA@Example.com", phone="+33 6 12 34 56 78"
    )
    assert result == CustomerDetails("Ana", "Silva", "ana@example.com", "33612345678")
    assert result.full_name == "Ana Silva"


def test_phone_only_is_enough() -> None:
    result = details(email=None, phone="06 12 34 56 78")
    assert (result.email, result.phone) == (None, "0612345678")


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
