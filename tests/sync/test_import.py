"""Customer CSV import (sync.server.importer and `loyalty-server import-customers`)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from sync.server import admin
from sync.server.cli import main
from sync.server.db import init_database, make_engine, make_sessionmaker
from sync.server.importer import import_customers
from sync.server.models import Card, ChangeLog, Customer
from terminal.domain.cards import card_number_from_body, is_qr_token, luhn_valid
from tests.sync.conftest import START, World

HEADER = "first_name,last_name,email,phone,card_number\n"


def _count(world: World, model: type) -> int:
    with world.server.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_good_file_creates_customers_cards_and_changes(world: World) -> None:
    server = world.server
    given = card_number_from_body(77_000_000_001)
    text = (
        HEADER
        + "Ada,Lovelace,ADA@example.com,,\n"
        + "Alan,Turing,,+44 1234 567890,\n"
        + f"Grace,Hopper,grace@example.com,,{given[:4]}-{given[4:8]}-{given[8:]}\n"
    )
    report = import_customers(server.sessions, world.company_a, text.encode(), START)
    assert (report.created, report.errors, report.duplicates) == (3, [], [])
    with server.sessions() as session:
        cards = session.scalars(select(Card).where(Card.id.in_(report.card_ids))).all()
        assert len(cards) == 3
        assert all(luhn_valid(card.card_number) for card in cards)
        assert all(is_qr_token(card.qr_code_data) for card in cards)
        assert given in {card.card_number for card in cards}
        ada = session.scalars(select(Customer).where(Customer.first_name == "Ada")).one()
        assert ada.email == "ada@example.com"
    term = server.activate(world.vendor_a1)
    seen: set[str] = set()
    cursor = None
    while True:
        page = term.changes(cursor)
        seen.update(c["id"] for c in page["changes"] if c["entity"] == "cards")
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    assert set(report.card_ids) <= seen
    # The terminal's own block never overlaps the imported numbers.
    numbers = {card.card_number for card in cards}
    assert card_number_from_body(term.next_body) not in numbers


def test_bad_lines_are_reported_with_line_numbers_and_skipped(world: World) -> None:
    text = (
        HEADER
        + "Ada,Lovelace,ada@example.com,,\n"  # line 2: fine
        + ",,nobody@example.com,,\n"  # line 3: no name
        + "Bob,Smith,not-an-email,,\n"  # line 4: bad email
        + "Carl,Jones,carl@example.com,,1234-5678-9013\n"  # line 5: Luhn typo
        + "Dee,Dee,,,\n"  # line 6: neither email nor phone
        + "too,few\n"  # line 7: field count
    )
    report = import_customers(world.server.sessions, world.company_a, text, START)
    assert report.created == 1
    assert [line for line, _ in report.errors] == [3, 4, 5, 6, 7]
    assert _count(world, Card) == 1


def test_duplicates_in_company_and_in_file_are_skipped(world: World) -> None:
    sessions = world.server.sessions
    first = import_customers(sessions, world.company_a, HEADER + "Ada,L,ada@example.com,,\n", START)
    assert first.created == 1
    text = (
        HEADER
        + "Ada,Again,ADA@example.com,,\n"  # line 2: exists in the company
        + "Zed,One,,06 12 34 56 78,\n"  # line 3: new
        + "Zed,Two,,+33 6 12 34 56 78,\n"  # line 4: same phone as line 3
        + "Zed,Three,,0033.6.12.34.56.78,\n"  # line 5: again
        + "Jo,Se,JOSE\u0301@example.com,,\n"  # line 6: new
        + "Jo,Sé,jos\u00e9@example.com,,\n"  # line 7: the same address in another form
    )
    report = import_customers(sessions, world.company_a, text, START)
    assert report.created == 2
    assert [line for line, _ in report.duplicates] == [2, 4, 5, 7]
    with world.server.sessions() as session:
        zed = session.scalars(select(Customer).where(Customer.first_name == "Zed")).one()
        assert zed.phone == "+33612345678"
    # Another company may have the same customer.
    other = import_customers(sessions, world.company_b, HEADER + "Ada,L,ada@example.com,,\n", START)
    assert other.created == 1


def test_phones_are_read_in_the_companys_first_store_country_or_the_one_given(
    world: World,
) -> None:
    sessions = world.server.sessions
    enrolled = world.server.activate(world.vendor_a1)
    enrolled.enroll(phone="+33 6 11 11 11 11")
    text = HEADER + "Ann,A,,06 11 11 11 11,\n" + "Ben,B,,06 22 22 22 22,\n"
    report = import_customers(sessions, world.company_a, text, START)
    assert (report.created, [line for line, _ in report.duplicates]) == (1, [2])

    german = import_customers(
        sessions, world.company_a, HEADER + "Cem,C,,0151 12345678,\n", START, country="de"
    )
    assert (german.created, german.errors) == (1, [])
    with sessions() as session:
        phones = set(session.scalars(select(Customer.phone)))
    assert phones == {"+33611111111", "+33622222222", "+4915112345678"}
    wrong = import_customers(
        sessions, world.company_a, HEADER + "Dan,D,,06 12 34,\n", START, country="FR"
    )
    assert wrong.errors == [
        (2, "This is not a valid phone number in FR. "
            "Check it, or type it with its country code (+…).")
    ]  # fmt: skip


def test_a_company_without_stores_needs_the_country_for_phones(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    engine = make_engine(url)
    init_database(engine)
    with make_sessionmaker(engine).begin() as session:
        company_id = admin.create_company(session, "CSV", START).id
    sessions = make_sessionmaker(engine)
    text = HEADER + "Ada,L,ada@example.com,,\n" + "Bob,B,,06 12 34 56 78,\n"
    report = import_customers(sessions, company_id, text, START)
    assert report.created == 1
    assert [line for line, _ in report.errors] == [3]
    assert "--country" in report.errors[0][1]
    again = import_customers(sessions, company_id, text, START, country="FR")
    assert (again.created, [line for line, _ in again.duplicates]) == (1, [2])
    engine.dispose()


def test_bom_and_optional_card_number_column(world: World) -> None:
    data = "\ufefffirst_name,last_name,email,phone\r\nJosé,Núñez,jose@example.com,\r\n"
    report = import_customers(world.server.sessions, world.company_a, data.encode(), START)
    assert (report.created, report.errors) == (1, [])
    with world.server.sessions() as session:
        assert session.scalars(select(Customer.first_name)).one() == "José"


def test_garbage_is_refused_per_line_or_per_file(world: World) -> None:
    sessions = world.server.sessions
    garbage = "x" * 10_240
    text = HEADER + garbage + "\n" + '"a,b\n' + "Ada,L,ada@example.com,,\n"
    report = import_customers(sessions, world.company_a, text, START)
    assert report.created == 1
    assert [line for line, _ in report.errors] == [2, 3]
    assert "too long" in report.errors[0][1]
    not_utf8 = import_customers(sessions, world.company_a, b"first_name\xff\xfe\n", START)
    assert not_utf8.created == 0
    assert not_utf8.errors[0][0] == 0
    bad_header = import_customers(sessions, world.company_a, "name,email\nA,b@c.de\n", START)
    assert bad_header.errors[0][0] == 1
    assert import_customers(sessions, world.company_a, b"", START).errors[0][0] == 1
    with world.server.sessions() as session:
        logged = session.scalar(
            select(func.count()).select_from(ChangeLog).where(ChangeLog.entity == "cards")
        )
    assert logged == 1


def test_cli_import_customers(tmp_path: Path, capsys: object) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    engine = make_engine(url)
    init_database(engine)
    with make_sessionmaker(engine).begin() as session:
        company = admin.create_company(session, "CSV", START)
        company_id = company.id
    engine.dispose()
    good = tmp_path / "good.csv"
    good.write_text(HEADER + "Ada,L,ada@example.com,,\n", encoding="utf-8")
    assert (
        main(["--database", url, "import-customers", "--company", str(company_id), str(good)]) == 0
    )
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + ",,x@example.com,,\n", encoding="utf-8")
    assert (
        main(["--database", url, "import-customers", "--company", str(company_id), str(bad)]) == 1
    )
    assert main(["--database", url, "import-customers", "--company", "999", str(good)]) == 2
    phones = tmp_path / "phones.csv"
    phones.write_text(HEADER + "Cem,C,,0151 12345678,\n", encoding="utf-8")
    command = ["--database", url, "import-customers", "--company", str(company_id)]
    assert main([*command, str(phones)]) == 1  # no store, no --country: the line is refused
    assert main([*command, "--country", "DE", str(phones)]) == 0
    assert main([*command, "--country", "Germany", str(phones)]) == 2
