"""Fragment search over cards (name, email, phone, number) with an FTS5 trigram index.

A LIKE '%frag%' scan over a million customers takes far longer than a manager should wait;
the trigram index answers any fragment of 3 characters or more from the index. Its rowid
is the card's local id, so keeping it current is one delete and one insert.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from terminal.domain.cards import looks_like_card_number
from terminal.domain.customers import search_key

MIN_FRAGMENT_LENGTH = 3
_PLAIN_RUN_RE = re.compile(r"[^*?\[\]]{3}")

CREATE_SEARCH_TABLE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS card_search "
    "USING fts5(body, tokenize = 'trigram', detail = 'none')"
)


def search_body(
    first_name: str, last_name: str, email: str | None, phone: str | None, card_number: str
) -> str:
    return search_key(first_name, last_name, email, phone, card_number)


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


def glob_pattern(fragment: str) -> str:
    """'*fragment*' with GLOB's special characters bracketed so they match themselves."""
    return "*" + "".join(f"[{ch}]" if ch in "*?[" else ch for ch in fragment) + "*"


def indexable(fragment: str) -> bool:
    """Whether the trigram index can answer: 3 characters in a row that need no brackets
    (without them the search would read every row)."""
    return bool(_PLAIN_RUN_RE.search(fragment))


def matching_card_ids(
    session: Session, fragment: str, *, before_id: int | None, limit: int
) -> list[int]:
    """Card ids whose text contains the (normalised) fragment, newest first."""
    # With detail=none the trigram index answers LIKE and GLOB (not phrase MATCH). GLOB is
    # used because its few wildcards can be matched literally by brackets, so '%' and '_'
    # in a fragment mean themselves.
    params: dict[str, object] = {"pattern": glob_pattern(fragment), "limit": limit}
    params["before"] = before_id if before_id is not None else 2**62
    rows = session.execute(
        text(
            "SELECT rowid FROM card_search WHERE body GLOB :pattern "
            "AND rowid < :before ORDER BY rowid DESC LIMIT :limit"
        ),
        params,
    )
    return [row[0] for row in rows]
