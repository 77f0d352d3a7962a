"""stores get their country; customers' phones are stored in E.164 (0b8d17b)

A phone number typed without its country code belongs to the store's country, so every
vendor now has one (ISO 3166-1 alpha-2, NOT NULL). An existing vendor gets the country of
its time zone (terminal.domain.countries.country_for_timezone); a zone of no country (UTC,
Etc/...) takes the country of the company's first store that has one, else
UNKNOWN_ZONE_COUNTRY (FR, as the terminal's own migration): check such stores after the
upgrade.

Phones were stored as digits only, the + dropped. Each stored phone is read again in E.164
in the country of its company's first store (terminal.domain.customers.
e164_from_stored_phone, the terminal's own reading); one that cannot be read as a valid
number is left as it was. The phone column grows to 16 characters ("+" and 15 digits).
Customers this makes equal are not merged here.

The change log holds each row as it was sent: its vendors rows get the country and its
customers rows the E.164 phone too, so a terminal pulling old changes reads valid vendors
(the protocol's VendorData requires a country) and the same phones as a snapshot.

Downgrading drops the country and keeps the E.164 phones (the digits-only form cannot be
told back).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

from terminal.domain.countries import country_for_timezone
from terminal.domain.customers import e164_from_stored_phone

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

UNKNOWN_ZONE_COUNTRY = "FR"
BATCH = 5_000

_vendors = sa.table(
    "vendors",
    sa.column("id", sa.Integer),
    sa.column("company_id", sa.Integer),
    sa.column("timezone", sa.String),
    sa.column("country", sa.String),
)
_customers = sa.table(
    "customers",
    sa.column("id", sa.String),
    sa.column("company_id", sa.Integer),
    sa.column("phone", sa.String),
)
_change_log = sa.table(
    "change_log",
    sa.column("seq", sa.Integer),
    sa.column("company_id", sa.Integer),
    sa.column("entity", sa.String),
    sa.column("entity_id", sa.String),
    sa.column("data", sa.JSON),
)


def upgrade() -> None:
    connection = op.get_bind()
    with op.batch_alter_table("vendors") as batch_op:
        batch_op.add_column(sa.Column("country", sa.String(length=2), nullable=True))
    vendor_countries = _backfill_vendor_countries(connection)
    with op.batch_alter_table("vendors") as batch_op:
        batch_op.alter_column("country", existing_type=sa.String(length=2), nullable=False)
    with op.batch_alter_table("customers") as batch_op:
        batch_op.alter_column(
            "phone", existing_type=sa.String(length=15), type_=sa.String(length=16)
        )
    company_countries = _company_countries(connection)
    _phones_to_e164(connection, company_countries)
    _rewrite_change_log(connection, vendor_countries, company_countries)


def downgrade() -> None:
    with op.batch_alter_table("customers") as batch_op:
        batch_op.alter_column(
            "phone", existing_type=sa.String(length=16), type_=sa.String(length=15)
        )
    with op.batch_alter_table("vendors") as batch_op:
        batch_op.drop_column("country")


def _backfill_vendor_countries(connection: sa.Connection) -> dict[int, str]:
    """vendor id -> its new country, written to the vendors table."""
    rows = connection.execute(
        sa.select(_vendors.c.id, _vendors.c.company_id, _vendors.c.timezone).order_by(_vendors.c.id)
    ).all()
    from_zone = {row.id: country_for_timezone(row.timezone) for row in rows}
    first_known: dict[int, str] = {}
    for row in rows:
        if from_zone[row.id] is not None:
            first_known.setdefault(row.company_id, str(from_zone[row.id]))
    countries = {
        row.id: from_zone[row.id] or first_known.get(row.company_id, UNKNOWN_ZONE_COUNTRY)
        for row in rows
    }
    if countries:
        connection.execute(
            _vendors.update()
            .where(_vendors.c.id == sa.bindparam("vendor_id"))
            .values(country=sa.bindparam("new_country")),
            [{"vendor_id": key, "new_country": value} for key, value in countries.items()],
        )
    return {key: str(value) for key, value in countries.items()}


def _company_countries(connection: sa.Connection) -> dict[int, str]:
    """company id -> the country its customers' stored phones are read in (first store)."""
    countries: dict[int, str] = {}
    for company_id, country in connection.execute(
        sa.select(_vendors.c.company_id, _vendors.c.country).order_by(_vendors.c.id)
    ):
        countries.setdefault(company_id, country)
    return countries


def _e164(phone: Any, company_id: int, countries: dict[int, str]) -> Any:
    if not isinstance(phone, str) or not phone:
        return phone
    e164 = e164_from_stored_phone(phone, countries.get(company_id, UNKNOWN_ZONE_COUNTRY))
    return phone if e164 is None else e164


def _phones_to_e164(connection: sa.Connection, countries: dict[int, str]) -> None:
    after = ""
    while True:
        rows = connection.execute(
            sa.select(_customers.c.id, _customers.c.company_id, _customers.c.phone)
            .where(_customers.c.id > after, _customers.c.phone.is_not(None))
            .order_by(_customers.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            return
        after = rows[-1].id
        changed = [
            {"customer_id": row.id, "new_phone": new}
            for row in rows
            if (new := _e164(row.phone, row.company_id, countries)) != row.phone
        ]
        if changed:
            connection.execute(
                _customers.update()
                .where(_customers.c.id == sa.bindparam("customer_id"))
                .values(phone=sa.bindparam("new_phone")),
                changed,
            )


def _rewrite_change_log(
    connection: sa.Connection, vendor_countries: dict[int, str], company_countries: dict[int, str]
) -> None:
    after = 0
    while True:
        rows = connection.execute(
            sa.select(
                _change_log.c.seq,
                _change_log.c.company_id,
                _change_log.c.entity,
                _change_log.c.entity_id,
                _change_log.c.data,
            )
            .where(
                _change_log.c.seq > after,
                _change_log.c.entity.in_(("vendors", "customers")),
            )
            .order_by(_change_log.c.seq)
            .limit(BATCH)
        ).all()
        if not rows:
            return
        after = rows[-1].seq
        changed = []
        for row in rows:
            if not isinstance(row.data, dict):
                continue  # a delete carries no data
            data = dict(row.data)
            if row.entity == "vendors" and "country" not in data:
                vendor_id = int(row.entity_id) if row.entity_id.isdigit() else -1
                data["country"] = vendor_countries.get(
                    vendor_id, company_countries.get(row.company_id, UNKNOWN_ZONE_COUNTRY)
                )
            elif row.entity == "customers":
                data["phone"] = _e164(data.get("phone"), row.company_id, company_countries)
            if data != row.data:
                changed.append({"log_seq": row.seq, "new_data": data})
        if changed:
            connection.execute(
                _change_log.update()
                .where(_change_log.c.seq == sa.bindparam("log_seq"))
                .values(data=sa.bindparam("new_data", type_=sa.JSON)),
                changed,
            )
