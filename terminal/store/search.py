"""Fragment search over cards (name, email, phone, number) with an FTS5 trigram index.

A LIKE '%frag%' scan over a million customers takes far longer than a manager should wait;
the trigram index answers any fragment of 3 characters or more as a phrase query (its
trigrams in a row), with every character meaning itself. Positions are kept
(detail=full): without them digit fragments, whose trigrams occur in most rows, had to be
checked row by row (p99 200 ms at a million cards, against 27 ms with them). Its rowid is
the card's local id, so keeping it current is one delete and one insert.
"""

from __future__ import annotations

from sqlalchemy import (
    ColumnElement,
    Connection,
    case,
    column,
    exists,
    func,
    literal_column,
    select,
    table,
    text,
)
from sqlalchemy.orm import Session

from terminal.domain.cards import looks_like_card_number
from terminal.domain.customers import national_digits, search_key

MIN_FRAGMENT_LENGTH = 3
_SEARCH_TABLE = table("card_search", column("rowid"), column("body"))

CREATE_SEARCH_TABLE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS card_search "
    "USING fts5(body, tokenize = 'trigram', detail = 'full')"
)


# (E.164 prefix of 6 characters, length) -> (country code length, national prefix): how the
# national digits of the numbers of that shape are written, learnt from the first one
# (libphonenumber's full parse and format of every phone was most of an initial pull's time).
_NATIONAL_SHAPES: dict[tuple[str, int], tuple[int, str] | None] = {}
_MAX_SHAPES = 100_000


def national_for_search(phone: str | None) -> str | None:
    """terminal.domain.customers.national_digits, fast for the millionth phone of a shape
    seen before. For the search index only: a number of a known shape is not validated
    again (it was when it was typed)."""
    if not phone or not phone.startswith("+"):
        return None
    shape = (phone[:6], len(phone))
    known = _NATIONAL_SHAPES.get(shape, False)
    if known is False:
        exact = national_digits(phone)
        if len(_NATIONAL_SHAPES) < _MAX_SHAPES:
            _NATIONAL_SHAPES[shape] = _learn(phone, exact)
        return exact
    if known is None:
        return national_digits(phone)
    code_length, prefix = known
    return prefix + phone[1 + code_length :]


def _learn(phone: str, exact: str | None) -> tuple[int, str] | None:
    """National digits = a prefix + the digits after the country code, for this number."""
    if exact is None:
        return None
    for code_length in (1, 2, 3):
        rest = phone[1 + code_length :]
        if exact.endswith(rest) and len(exact) - len(rest) <= 2:
            return code_length, exact[: len(exact) - len(rest)]
    return None


def search_body(
    first_name: str, last_name: str, email: str | None, phone: str | None, card_number: str
) -> str:
    """The phone (E.164, +33612345678) is indexed with its national digits (0612345678)
    when those are not already part of it, so a fragment typed either way is found."""
    national = national_for_search(phone)
    if national is not None and phone is not None and national in phone:
        national = None
    return search_key(first_name, last_name, email, phone, national, card_number)


def index_card(
    session: Session | Connection,
    card_id: int,
    *,
    first_name: str,
    last_name: str,
    email: str | None,
    phone: str | None,
    card_number: str,
) -> None:
    body = search_body(first_name, last_name, email, phone, card_number)
    session.execute(text("DELETE FROM card_search WHERE rowid = :id"), {"id": card_id})
    session.execute(
        text("INSERT INTO card_search (rowid, body) VALUES (:id, :body)"),
        {"id": card_id, "body": body},
    )


def normalize_fragment(fragment: str) -> str:
    """What to look for: accent-free lower case; a typed card number loses its dashes."""
    cleaned = " ".join((fragment or "").split())
    if looks_like_card_number(cleaned):
        cleaned = cleaned.replace("-", "").replace(" ", "")
    return search_key(cleaned)


def fill_search_table(connection: Connection, batch_size: int = 5_000) -> None:
    """(Re)index every card: used by migrations that create or rebuild the table."""
    rows = connection.execute(
        text(
            "SELECT c.id, u.first_name, u.last_name, u.email, u.phone, c.card_number "
            "FROM loyalty_cards c JOIN customers u ON u.id = c.customer_id ORDER BY c.id"
        )
    )
    insert = text("INSERT INTO card_search (rowid, body) VALUES (:id, :body)")
    while batch := rows.fetchmany(batch_size):
        connection.execute(insert, [{"id": row[0], "body": search_body(*row[1:])} for row in batch])


def _phrase(fragment: str) -> str:
    return '"' + fragment.replace('"', '""') + '"'  # a quoted FTS5 string: no operators


SAMPLE_ROWS = 2_000
COMMON_SHARE = 0.01


def cards_containing(
    session: Session, fragment: str, card_id: ColumnElement[int]
) -> ColumnElement[bool]:
    """A condition: the card `card_id` names has the (normalised) fragment in its text.

    From 3 characters the trigram index answers with the matching ids. A shorter fragment
    has no index: when it is common (one row in a hundred or more of a sample), it is
    checked row by row as the caller walks its cards in page order, and the page fills
    after a few thousand rows; when rare, the matching ids are collected in one scan (a
    walk would read the whole million to find a handful: 5 s against 0.2 s)."""
    if len(fragment) >= MIN_FRAGMENT_LENGTH:
        condition = literal_column("card_search").op("MATCH")(_phrase(fragment))
        return card_id.in_(select(_SEARCH_TABLE.c.rowid).where(condition))
    pattern = "%" + fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    contains = _SEARCH_TABLE.c.body.like(pattern, escape="\\")
    if _is_common(session, pattern):
        return exists().where(_SEARCH_TABLE.c.rowid == card_id, contains)
    return card_id.in_(select(_SEARCH_TABLE.c.rowid).where(contains))


def _is_common(session: Session, pattern: str) -> bool:
    sample = (
        select(_SEARCH_TABLE.c.body.label("body"))
        .order_by(_SEARCH_TABLE.c.rowid.desc())
        .limit(SAMPLE_ROWS)
        .subquery()
    )
    hit = case((sample.c.body.like(pattern, escape="\\"), 1), else_=0)
    rows, hits = session.execute(
        select(func.count(), func.coalesce(func.sum(hit), 0)).select_from(sample)
    ).one()
    return rows > 0 and hits >= COMMON_SHARE * rows
