"""stores get their country; customers' phones are stored in E.164

A phone number typed without its country code belongs to the store's country, so every
vendor now has one (ISO 3166-1 alpha-2, NOT NULL). Existing vendors get the country of their
time zone (terminal.domain.countries.country_for_timezone: the time-zone database's
zone.tab, or its built-in table), and UNKNOWN_ZONE_COUNTRY when the zone names no country
(UTC, Etc/...). The server sends every vendor with its country on the next sync, which
corrects a guess.

Phones were stored as digits only, the + dropped, so 06 12 34 56 78 and +33 6 12 34 56 78
were two customers. Each stored phone is read again in E.164 in the country of the
terminal's own store (terminal.domain.customers.e164_from_stored_phone; other companies'
customers: their company's first store), and its card's search row is rewritten. A phone
that cannot be read as a valid number is left as it was: it is still found by search, and
the server keeps its own copy. Customers this makes equal (one typed nationally, one
internationally) are not merged here: that is the server's job, as for any duplicate.

The phone column grows to 16 characters ("+" and 15 digits). Downgrading drops the country
and keeps the E.164 phones (the digits-only form cannot be told back).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from terminal.domain.countries import country_for_timezone
from terminal.domain.customers import e164_from_stored_phone
from terminal.store.search import search_body

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# The country of a store whose time zone names none. France: the demo catalogue's and the
# first stores' country. Only a stand-in until the server's vendor record arrives.
UNKNOWN_ZONE_COUNTRY = "FR"
BATCH = 5_000
# Revision 0003's triggers on vendors: dropping the old table drops them.
_BUMP = "BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END"
VENDOR_TRIGGERS = (
    "CREATE TRIGGER bump_catalog_vendors_insert AFTER INSERT ON vendors " + _BUMP,
    "CREATE TRIGGER bump_catalog_vendors_update AFTER UPDATE ON vendors " + _BUMP,
    "CREATE TRIGGER bump_catalog_vendors_delete AFTER DELETE ON vendors " + _BUMP,
)
# The tables are copied by hand, not with batch_alter_table: Alembic's copy writes the
# constraints in set order, so two files would get different CREATE TABLE texts.
_VENDORS = """CREATE TABLE _new_vendors (
	id INTEGER NOT NULL,
	company_id INTEGER NOT NULL,
	name VARCHAR(120) NOT NULL,
	timezone VARCHAR(64) NOT NULL,
	country VARCHAR(2) NOT NULL,
	is_active BOOLEAN NOT NULL,
	CONSTRAINT pk_vendors PRIMARY KEY (id),
	CONSTRAINT fk_vendors_company_id_companies FOREIGN KEY(company_id) REFERENCES companies (id)
)"""
_CUSTOMERS = """CREATE TABLE _new_customers (
	id INTEGER NOT NULL,
	uuid VARCHAR(36) NOT NULL,
	company_id INTEGER NOT NULL,
	first_name VARCHAR(80) NOT NULL,
	last_name VARCHAR(80) NOT NULL,
	email VARCHAR(254),
	phone VARCHAR({phone_length}),
	created_at DATETIME NOT NULL,
	CONSTRAINT pk_customers PRIMARY KEY (id),
	CONSTRAINT fk_customers_company_id_companies FOREIGN KEY(company_id) REFERENCES companies (id),
	CONSTRAINT uq_customers_uuid UNIQUE (uuid)
)"""


def upgrade() -> None:
    connection = op.get_bind()
    _require_foreign_keys_off(connection)
    vendors = connection.execute(
        sa.text("SELECT id, company_id, name, timezone, is_active FROM vendors")
    ).all()
    connection.execute(sa.text(_VENDORS))
    if vendors:
        connection.execute(
            sa.text(
                "INSERT INTO _new_vendors (id, company_id, name, timezone, country, is_active) "
                "VALUES (:id, :company_id, :name, :timezone, :country, :is_active)"
            ),
            [
                {
                    **row._asdict(),
                    "country": country_for_timezone(row.timezone) or UNKNOWN_ZONE_COUNTRY,
                }
                for row in vendors
            ],
        )
    _replace_vendors(connection)
    _replace_customers(connection, phone_length=16)
    _phones_to_e164(connection)


def downgrade() -> None:
    connection = op.get_bind()
    _require_foreign_keys_off(connection)
    connection.execute(sa.text(_VENDORS.replace("\tcountry VARCHAR(2) NOT NULL,\n", "")))
    connection.execute(
        sa.text(
            "INSERT INTO _new_vendors (id, company_id, name, timezone, is_active) "
            "SELECT id, company_id, name, timezone, is_active FROM vendors"
        )
    )
    _replace_vendors(connection)
    _replace_customers(connection, phone_length=15)


def _require_foreign_keys_off(connection: sa.Connection) -> None:
    """Dropping a referenced table with foreign keys on would fail or cascade: this
    migration runs only through terminal.store.schema.upgrade, which switches them off."""
    if connection.exec_driver_sql("PRAGMA foreign_keys").scalar():
        raise RuntimeError("migration 0005 copies tables: run it with foreign keys off")


def _replace_vendors(connection: sa.Connection) -> None:
    connection.execute(sa.text("DROP TABLE vendors"))
    connection.execute(sa.text("ALTER TABLE _new_vendors RENAME TO vendors"))
    connection.execute(sa.text("CREATE INDEX ix_vendors_company_id ON vendors (company_id)"))
    for statement in VENDOR_TRIGGERS:
        connection.execute(sa.text(statement))


def _replace_customers(connection: sa.Connection, *, phone_length: int) -> None:
    connection.execute(sa.text(_CUSTOMERS.format(phone_length=phone_length)))
    connection.execute(
        sa.text(
            "INSERT INTO _new_customers (id, uuid, company_id, first_name, last_name, email, "
            "phone, created_at) SELECT id, uuid, company_id, first_name, last_name, email, "
            "phone, created_at FROM customers"
        )
    )
    connection.execute(sa.text("DROP TABLE customers"))
    connection.execute(sa.text("ALTER TABLE _new_customers RENAME TO customers"))
    connection.execute(
        sa.text("CREATE INDEX ix_customers_company_email ON customers (company_id, email)")
    )
    connection.execute(
        sa.text("CREATE INDEX ix_customers_company_phone ON customers (company_id, phone)")
    )


def _store_countries(connection: sa.Connection) -> dict[int, str]:
    """company id -> the country its customers' phones are read in."""
    countries: dict[int, str] = {}
    for company_id, country in connection.execute(
        sa.text("SELECT company_id, country FROM vendors ORDER BY id")
    ):
        countries.setdefault(company_id, country)
    own = connection.execute(
        sa.text(
            "SELECT v.company_id, v.country FROM terminal_identity t "
            "JOIN vendors v ON v.id = t.vendor_id WHERE t.id = 1"
        )
    ).first()
    if own is not None:
        countries[own[0]] = own[1]
    return countries


def _phones_to_e164(connection: sa.Connection) -> None:
    countries = _store_countries(connection)
    after = -1
    while True:
        rows = connection.execute(
            sa.text(
                "SELECT id, company_id, phone FROM customers "
                "WHERE id > :after AND phone IS NOT NULL ORDER BY id LIMIT :limit"
            ),
            {"after": after, "limit": BATCH},
        ).all()
        if not rows:
            return
        after = rows[-1][0]
        changed = []
        for customer_id, company_id, phone in rows:
            e164 = e164_from_stored_phone(phone, countries.get(company_id, UNKNOWN_ZONE_COUNTRY))
            if e164 is not None and e164 != phone:
                changed.append({"id": customer_id, "phone": e164})
        if changed:
            connection.execute(
                sa.text("UPDATE customers SET phone = :phone WHERE id = :id"), changed
            )
            _reindex_cards_of(connection, [row["id"] for row in changed])


def _reindex_cards_of(connection: sa.Connection, customer_ids: list[int]) -> None:
    cards = connection.execute(
        sa.text(
            "SELECT c.id, u.first_name, u.last_name, u.email, u.phone, c.card_number "
            "FROM loyalty_cards c JOIN customers u ON u.id = c.customer_id "
            "WHERE u.id IN :ids"
        ).bindparams(sa.bindparam("ids", expanding=True)),
        {"ids": customer_ids},
    ).all()
    if not cards:
        return
    connection.execute(
        sa.text("DELETE FROM card_search WHERE rowid = :id"), [{"id": row[0]} for row in cards]
    )
    connection.execute(
        sa.text("INSERT INTO card_search (rowid, body) VALUES (:id, :body)"),
        [{"id": row[0], "body": search_body(*row[1:])} for row in cards],
    )
