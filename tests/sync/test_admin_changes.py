"""Admin changes (program, rewards, settings, terminals): applied, audited, sent to terminals.

The services run against the live server's database (SQLite file and PostgreSQL); terminals
see the changes through the real `GET /v1/sync/changes` over loopback. The command line is
tested last, on a SQLite file.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sync.server import admin, program_admin
from sync.server.cli import main
from sync.server.errors import ApiError
from sync.server.models import (
    AuditRecord,
    ChangeLog,
    Program,
    Reward,
    RuleVersion,
    Settings,
    Terminal,
)
from tests.sync.conftest import START, LiveServer, Term, World

ACTOR = "alice"


# --- helpers ---------------------------------------------------------------------------------


def pull_all(term: Term, cursor: str | None = None) -> tuple[list[dict[str, Any]], str]:
    changes: list[dict[str, Any]] = []
    for _ in range(100):
        page = term.changes(cursor)
        changes += page["changes"]
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return changes, cursor
    raise AssertionError("changes never ended")


def caught_up(server: LiveServer, vendor_id: int) -> tuple[Term, str]:
    """A terminal that has pulled everything so far, and its cursor."""
    term = server.activate(vendor_id)
    _changes, cursor = pull_all(term)
    return term, cursor


def audit_rows(session: Session, company_id: int) -> list[AuditRecord]:
    return list(
        session.scalars(
            select(AuditRecord).where(AuditRecord.company_id == company_id).order_by(AuditRecord.id)
        )
    )


def counts(session: Session) -> dict[str, int]:
    return {
        model.__name__: int(session.scalar(select(func.count()).select_from(model)) or 0)
        for model in (AuditRecord, ChangeLog, RuleVersion, Reward)
    }


def snapshot(server: LiveServer, company_id: int) -> dict[str, Any]:
    """Everything an admin change could touch, to compare before and after a refusal."""
    with server.sessions.begin() as session:
        program = session.scalars(select(Program).where(Program.company_id == company_id)).one()
        settings = session.get(Settings, company_id)
        assert settings is not None
        rewards = session.scalars(select(Reward).order_by(Reward.id)).all()
        return {
            "counts": counts(session),
            "program": program.to_wire(),
            "settings": settings.to_wire(),
            "rewards": [reward.to_wire() for reward in rewards],
        }


def reward_of(server: LiveServer, company_id: int) -> int:
    with server.sessions.begin() as session:
        return session.scalars(
            select(Reward.id).where(Reward.company_id == company_id).order_by(Reward.id)
        ).first()  # type: ignore[return-value]


# --- program, rewards, settings --------------------------------------------------------------


def test_a_program_change_is_audited_versioned_and_pulled_by_terminals(world: World) -> None:
    server = world.server
    till, cursor = caught_up(server, world.vendor_a1)
    other, other_cursor = caught_up(server, world.vendor_b1)
    now = server.clock.advance(timedelta(hours=1))

    with server.sessions.begin() as session:
        change = program_admin.update_program(
            session,
            world.company_a,
            {"points_per_currency_unit": 2, "welcome_bonus_points": 0, "stamps_target": 10},
            actor=ACTOR,
            now=now,
        )
    assert change.changed
    assert change.before == {"points_per_currency_unit": 1, "welcome_bonus_points": 50}
    assert change.after == {"points_per_currency_unit": 2, "welcome_bonus_points": 0}

    pulled, _ = pull_all(till, cursor)
    assert [(c["entity"], c["id"], c["op"]) for c in pulled] == [
        ("programs", change.entity_id, "upsert")
    ]
    assert pulled[0]["data"]["points_per_currency_unit"] == 2
    assert pulled[0]["data"]["welcome_bonus_points"] == 0
    assert pull_all(other, other_cursor)[0] == []  # company B sees nothing of it

    with server.sessions.begin() as session:
        [record] = audit_rows(session, world.company_a)
        assert (record.actor, record.action, record.entity) == (ACTOR, "program.update", "programs")
        assert record.entity_id == change.entity_id
        assert record.before == {"points_per_currency_unit": 1, "welcome_bonus_points": 50}
        assert record.after == {"points_per_currency_unit": 2, "welcome_bonus_points": 0}
        assert record.created_at == now
        version = session.scalars(
            select(RuleVersion)
            .where(RuleVersion.entity == "programs")
            .order_by(RuleVersion.valid_from.desc(), RuleVersion.id.desc())
        ).first()
        assert version is not None
        assert version.valid_from == now
        assert version.data["points_per_currency_unit"] == 2


def test_offline_earns_are_judged_by_the_rate_in_force_at_their_time(world: World) -> None:
    server = world.server
    till = server.activate(world.vendor_a1)
    card_id = till.enroll()
    changed_at = server.clock.advance(timedelta(hours=1))
    with server.sessions.begin() as session:
        program_admin.update_program(
            session, world.company_a, {"points_per_currency_unit": 2}, actor=ACTOR, now=changed_at
        )
    server.clock.advance(timedelta(hours=1))
    before = START.isoformat()  # made offline under the old rate
    after = (changed_at + timedelta(minutes=30)).isoformat()
    results = till.push(
        [
            till.entry(
                "POINTS_EARNED",
                card_id,
                points_delta=12,
                purchase_amount=1250,
                transaction_at=before,
            ),
            till.entry(
                "POINTS_EARNED",
                card_id,
                points_delta=25,
                purchase_amount=1250,
                transaction_at=after,
            ),
            till.entry(
                "POINTS_EARNED",
                card_id,
                points_delta=12,
                purchase_amount=1250,
                transaction_at=after,
            ),
        ]
    )["results"]
    assert [r["result"] for r in results] == ["accepted", "accepted", "rejected"], results


def test_rewards_are_added_repriced_renamed_disabled_and_enabled(world: World) -> None:
    server = world.server
    till, cursor = caught_up(server, world.vendor_a1)
    now = server.clock.now()
    with server.sessions.begin() as session:
        added = program_admin.add_reward(
            session, world.company_a, "  Free cake ", 150, actor=ACTOR, now=now
        )
    reward_id = int(added.entity_id)
    assert added.before is None
    assert added.row["name"] == "Free cake"  # trimmed
    steps = [
        ({"points_cost": 120}, {"points_cost": 150}, {"points_cost": 120}),
        ({"name": "Cake"}, {"name": "Free cake"}, {"name": "Cake"}),
    ]
    for values, before, after in steps:
        with server.sessions.begin() as session:
            change = program_admin.update_reward(
                session, world.company_a, reward_id, values, actor=ACTOR, now=now
            )
        assert (change.before, change.after) == (before, after)
    with server.sessions.begin() as session:
        program_admin.set_reward_active(
            session, world.company_a, reward_id, False, actor="bob", now=now
        )
        again = program_admin.set_reward_active(
            session, world.company_a, reward_id, False, actor="bob", now=now
        )
        assert not again.changed

    pulled, cursor = pull_all(till, cursor)
    rewards = [c for c in pulled if c["entity"] == "rewards" and c["id"] == str(reward_id)]
    seen = [(c["data"]["name"], c["data"]["points_cost"], c["data"]["is_active"]) for c in rewards]
    assert seen == [
        ("Free cake", 150, True),
        ("Free cake", 120, True),
        ("Cake", 120, True),
        ("Cake", 120, False),
    ]
    assert len(pulled) == 4  # nothing else, and the no-op disable sent nothing

    with server.sessions.begin() as session:
        program_admin.set_reward_active(
            session, world.company_a, reward_id, True, actor=ACTOR, now=now
        )
        records = audit_rows(session, world.company_a)
        assert [(r.action, r.actor) for r in records] == [
            ("reward.add", ACTOR),
            ("reward.update", ACTOR),
            ("reward.update", ACTOR),
            ("reward.disable", "bob"),
            ("reward.enable", ACTOR),
        ]
        assert records[0].before is None
        assert records[0].after == added.row
        assert (records[3].before, records[3].after) == ({"is_active": True}, {"is_active": False})
        versions = session.scalars(
            select(RuleVersion.data)
            .where(RuleVersion.entity == "rewards", RuleVersion.entity_id == reward_id)
            .order_by(RuleVersion.id)
        ).all()
        assert [v["is_active"] for v in versions] == [True, True, True, False, True]
    [enabled] = pull_all(till, cursor)[0]
    assert enabled["data"]["is_active"] is True


def test_a_settings_change_is_audited_and_pulled_by_terminals(world: World) -> None:
    server = world.server
    till, cursor = caught_up(server, world.vendor_a2)
    now = server.clock.now()
    with server.sessions.begin() as session:
        change = program_admin.update_settings(
            session,
            world.company_a,
            {"pin_policy_void": "optional", "allow_void_transactions": False,
             "pin_lockout_minutes": 30},
            actor=ACTOR,
            now=now,
        )  # fmt: skip
    assert change.after == {"pin_policy_void": "optional", "allow_void_transactions": False}
    [pulled] = pull_all(till, cursor)[0]
    assert (pulled["entity"], pulled["id"]) == ("settings", str(world.company_a))
    assert pulled["data"]["pin_policy_void"] == "optional"
    assert pulled["data"]["allow_void_transactions"] is False
    with server.sessions.begin() as session:
        [record] = audit_rows(session, world.company_a)
        assert (record.action, record.entity, record.actor) == (
            "settings.update",
            "settings",
            ACTOR,
        )
        assert record.before == {"pin_policy_void": "required", "allow_void_transactions": True}
        assert (
            session.scalar(
                select(func.count())
                .select_from(RuleVersion)
                .where(RuleVersion.entity == "settings")
            )
            == 0
        )  # rule versions are for programs and rewards only


INVALID_CHANGES = [
    ("program", {"stamps_target": 0}, "stamps_target must be a whole number from 1 to 1000"),
    ("program", {"max_daily_stamps": 101}, "max_daily_stamps must be a whole number from 0"),
    ("program", {"stamp_cooldown_minutes": -1}, "from 0 to 1440"),
    ("program", {"points_per_currency_unit": -2}, "points_per_currency_unit must be"),
    ("program", {"program_type": "coupons"}, "one of stamps, points, hybrid"),
    ("program", {"is_active": "maybe"}, "is_active must be yes or no"),
    ("program", {"stamps_reward_description": "x" * 121}, "0 to 120 characters"),
    ("program", {"stamps_reward_description": "Free\x00coffee"}, "no control characters"),
    ("program", {"stamps_reward_description": ""}, "needs a stamps_reward_description"),
    ("program", {"colour": "red"}, "Not a program field: colour"),
    ("program", {}, "Give at least one program field"),
    # one valid and one invalid value: neither is applied
    ("program", {"welcome_bonus_points": 10, "points_expiration_days": 99999}, "3650"),
    ("settings", {"pin_policy_redeem": "sometimes"}, "one of required, optional, disabled"),
    ("settings", {"pin_max_failed_attempts": 0}, "from 1 to 20"),
    ("settings", {"offline_redemption_limit_points": -1}, "offline_redemption_limit_points"),
    ("settings", {"allow_void_transactions": 1}, "yes or no"),
    ("reward", {"name": "", "points_cost": 10}, "name must be a text of 1 to 120"),
    ("reward", {"name": "Tea\ttime", "points_cost": 10}, "no control characters"),
    ("reward", {"name": "Tea", "points_cost": 0}, "points_cost must be a whole number from 1"),
    ("reward", {"name": "lunch MENU", "points_cost": 10}, "already has a reward named"),
]


@pytest.mark.parametrize(("what", "values", "message"), INVALID_CHANGES)
def test_invalid_values_are_refused_and_change_nothing(
    world: World, what: str, values: dict[str, Any], message: str
) -> None:
    server = world.server
    till, cursor = caught_up(server, world.vendor_a1)
    before = snapshot(server, world.company_a)
    now = server.clock.now()

    def change(session: Session) -> object:
        if what == "program":
            return program_admin.update_program(
                session, world.company_a, values, actor=ACTOR, now=now
            )
        if what == "settings":
            return program_admin.update_settings(
                session, world.company_a, values, actor=ACTOR, now=now
            )
        name, cost = values["name"], values["points_cost"]
        return program_admin.add_reward(session, world.company_a, name, cost, actor=ACTOR, now=now)

    with pytest.raises(ApiError) as caught, server.sessions.begin() as session:
        change(session)
    assert message in caught.value.message
    assert caught.value.status in (409, 422)
    assert snapshot(server, world.company_a) == before
    assert pull_all(till, cursor)[0] == []


def test_unknown_company_reward_or_actor_are_clear_errors(world: World) -> None:
    server = world.server
    now = server.clock.now()
    before = snapshot(server, world.company_a)
    attempts = [
        (lambda s: program_admin.show_program(s, 999), "There is no company 999."),
        (lambda s: program_admin.update_settings(
            s, 2**40, {"pin_lockout_minutes": 5}, actor=ACTOR, now=now), "no company"),
        (lambda s: program_admin.update_reward(
            s, world.company_a, 99999, {"points_cost": 5}, actor=ACTOR, now=now),
         f"Company {world.company_a} has no reward 99999."),
        (lambda s: program_admin.update_program(
            s, world.company_a, {"stamps_target": 9}, actor=" ", now=now), "The actor must be"),
        (lambda s: admin.revoke_terminal(s, "nope", actor=ACTOR, now=now), "no terminal nope"),
    ]  # fmt: skip
    for attempt, message in attempts:
        with pytest.raises(ApiError) as caught, server.sessions.begin() as session:
            attempt(session)
        assert message in caught.value.message
    assert snapshot(server, world.company_a) == before


def test_a_change_that_changes_nothing_says_so_and_writes_nothing(world: World) -> None:
    server = world.server
    before = snapshot(server, world.company_a)
    now = server.clock.now()
    with server.sessions.begin() as session:
        program = program_admin.update_program(
            session, world.company_a, {"stamps_target": 10, "is_active": True}, actor=ACTOR, now=now
        )
        settings = program_admin.update_settings(
            session, world.company_a, {"pin_lockout_minutes": 30}, actor=ACTOR, now=now
        )
    assert not program.changed
    assert not settings.changed
    assert program.before == {}
    assert program.after == {}
    assert snapshot(server, world.company_a) == before


def test_another_companys_reward_cannot_be_changed(world: World) -> None:
    server = world.server
    reward_b = reward_of(server, world.company_b)
    till_b, cursor_b = caught_up(server, world.vendor_b1)
    before = snapshot(server, world.company_b)
    now = server.clock.now()
    for change in (
        lambda s: program_admin.update_reward(
            s, world.company_a, reward_b, {"points_cost": 1}, actor=ACTOR, now=now
        ),
        lambda s: program_admin.set_reward_active(
            s, world.company_a, reward_b, False, actor=ACTOR, now=now
        ),
    ):
        with pytest.raises(ApiError) as caught, server.sessions.begin() as session:
            change(session)
        assert caught.value.status == 404
        assert f"Company {world.company_a} has no reward {reward_b}." == caught.value.message
    assert snapshot(server, world.company_b) == before
    assert pull_all(till_b, cursor_b)[0] == []


# --- terminals -------------------------------------------------------------------------------


def test_a_revoked_terminal_is_refused_at_once_and_the_others_keep_working(world: World) -> None:
    server = world.server
    revoked = server.activate(world.vendor_a1, "Till 1")
    kept = server.activate(world.vendor_a1, "Till 2")
    assert revoked.http.get("/v1/sync/changes").status_code == 200
    now = server.clock.advance(timedelta(minutes=3))
    with server.sessions.begin() as session:
        change = admin.revoke_terminal(
            session, revoked.id, actor=ACTOR, now=now, company_id=world.company_a
        )
    assert change.before == {"is_active": True, "revoked_at": None}
    assert change.after == {"is_active": False, "revoked_at": now.isoformat()}

    for request in (
        lambda: revoked.http.get("/v1/sync/changes"),
        lambda: revoked.http.post(
            "/v1/sync/push", json={"terminal_id": revoked.id, "mode": "queue", "entries": []}
        ),
        lambda: revoked.http.get("/v1/cards/lookup", params={"q": "a@example.com"}),
    ):
        answer = request()
        assert answer.status_code == 401, answer.text
        assert answer.json()["error"] == "unauthorized"
    assert kept.http.get("/v1/sync/changes").status_code == 200
    # The vendor's activation codes still work: the counter can be set up again.
    again = server.activate(world.vendor_a1, "Till 1 again")
    assert again.http.get("/v1/sync/changes").status_code == 200

    with server.sessions.begin() as session:
        repeat = admin.revoke_terminal(session, revoked.id, actor=ACTOR, now=now)
        assert not repeat.changed
        [record] = audit_rows(session, world.company_a)
        assert (record.action, record.entity, record.entity_id) == (
            "terminal.revoke",
            "terminals",
            revoked.id,
        )
        assert record.before == {"is_active": True, "revoked_at": None}
        terminal = session.get(Terminal, revoked.id)
        assert terminal is not None
        assert terminal.revoked_at == now
        assert not terminal.is_active
        with pytest.raises(ApiError, match="no terminal"):
            admin.revoke_terminal(
                session, kept.id, actor=ACTOR, now=now, company_id=world.company_b
            )


def test_terminals_list_shows_the_last_contact_kept_to_the_minute(world: World) -> None:
    server = world.server
    till = server.activate(world.vendor_a1, "Till 1")
    server.activate(world.vendor_b1, "Harbour till")

    def listed(company_id: int | None = None) -> dict[str, admin.TerminalView]:
        with server.sessions.begin() as session:
            return {view.id: view for view in admin.list_terminals(session, company_id)}

    assert listed()[till.id].last_seen_at == START  # activating is a contact
    assert len(listed(world.company_a)) == 1
    seconds_later = server.clock.advance(timedelta(seconds=30))
    assert till.http.get("/v1/sync/changes").status_code == 200
    assert listed()[till.id].last_seen_at == START  # not one write per request
    minutes_later = server.clock.advance(timedelta(minutes=5))
    assert till.http.get("/v1/sync/changes").status_code == 200
    view = listed(world.company_a)[till.id]
    assert view.last_seen_at == minutes_later != seconds_later
    assert (view.name, view.vendor_id, view.status) == ("Till 1", world.vendor_a1, "active")
    assert view.activated_at == START
    with server.sessions.begin() as session:
        admin.revoke_terminal(session, till.id, actor=ACTOR, now=minutes_later)
    assert listed()[till.id].status == "revoked"
    server.clock.advance(timedelta(minutes=5))
    assert till.http.get("/v1/sync/changes").status_code == 401
    assert listed()[till.id].last_seen_at == minutes_later  # a refused request is no contact


def test_the_audit_log_lists_a_companys_changes_newest_first(world: World) -> None:
    server = world.server
    for minutes, target in ((1, 8), (2, 9)):
        now = server.clock.advance(timedelta(minutes=minutes))
        with server.sessions.begin() as session:
            program_admin.update_program(
                session, world.company_a, {"stamps_target": target}, actor=ACTOR, now=now
            )
    with server.sessions.begin() as session:
        records = admin.list_audit(session, world.company_a, limit=1)
        assert [r.after for r in records] == [{"stamps_target": 9}]
        assert admin.list_audit(session, world.company_b) == []
        with pytest.raises(ApiError, match="limit"):
            admin.list_audit(session, world.company_a, limit=0)


# --- the command line ------------------------------------------------------------------------


@pytest.fixture
def database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    url = f"sqlite:///{tmp_path / 'admin.db'}"
    assert main(["--database", url, "create-company", "--name", "Demo Coffee"]) == 0
    capsys.readouterr()
    return url


def run(database: str, *argv: str) -> int:
    return main(["--database", database, *argv])


def test_cli_shows_and_sets_the_program(database: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(database, "program", "show", "--company", "1") == 0
    shown = capsys.readouterr().out
    assert "points-per-currency-unit   1" in shown
    assert "stamps-reward-description  Free coffee" in shown

    program_set = ["program", "set", "--company", "1", "--points-per-currency-unit", "2"]
    assert run(database, *program_set, "--welcome-bonus-points", "0", "--is-active", "yes",
               "--actor", "olga") == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "points-per-currency-unit: 1 -> 2" in out
    assert "welcome-bonus-points: 50 -> 0" in out
    assert "is-active" not in out  # unchanged

    assert run(database, "program", "set", "--company", "1", "--points-per-currency-unit", "2") == 0
    assert "no change" in capsys.readouterr().out

    assert run(database, "audit", "--company", "1") == 0
    audit = capsys.readouterr().out
    assert "olga  program.update programs 1" in audit
    assert "points_per_currency_unit 1 -> 2" in audit


def test_cli_errors_exit_2_with_their_message_and_change_nothing(
    database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(database, "program", "set", "--company", "1", "--stamp-cooldown-minutes", "2000",
               "--welcome-bonus-points", "10") == 2  # fmt: skip
    err = capsys.readouterr().err
    assert err.startswith("error: Nothing was changed: stamp_cooldown_minutes must be")
    assert run(database, "program", "show", "--company", "1") == 0
    assert "welcome-bonus-points       50" in capsys.readouterr().out
    assert run(database, "settings", "show", "--company", "7") == 2
    assert "error: There is no company 7." in capsys.readouterr().err
    assert run(database, "rewards", "disable", "42", "--company", "1") == 2
    assert "error: Company 1 has no reward 42." in capsys.readouterr().err
    assert run(database, "audit", "--company", "1") == 0
    assert "no audit records" in capsys.readouterr().out


def test_cli_manages_rewards_settings_and_terminals(
    database: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LOGNAME", "night-manager")  # the default actor: the OS user
    assert run(database, "rewards", "add", "--company", "1", "--name", "Free cake",
               "--points-cost", "150") == 0  # fmt: skip
    assert "reward 4 of company 1: Free cake, 150 pts" in capsys.readouterr().out
    assert run(database, "rewards", "update", "4", "--company", "1", "--points-cost", "120") == 0
    assert run(database, "rewards", "disable", "4", "--company", "1") == 0
    capsys.readouterr()
    assert run(database, "rewards", "list", "--company", "1") == 0
    listing = capsys.readouterr().out.splitlines()
    assert listing[0].split() == ["ID", "NAME", "POINTS", "STATUS"]
    assert listing[-1].split() == ["4", "Free", "cake", "120", "disabled"]

    assert run(database, "settings", "set", "--company", "1", "--pin-policy-void", "optional",
               "--allow-cross-location-redemption", "no") == 0  # fmt: skip
    assert "allow-cross-location-redemption: yes -> no" in capsys.readouterr().out
    assert run(database, "settings", "show", "--company", "1") == 0
    assert "pin-policy-void                   optional" in capsys.readouterr().out

    assert (
        run(database, "create-vendor", "--company", "1", "--name", "Main", "--country", "FR") == 0
    )
    assert run(database, "activation-code", "--vendor", "1") == 0
    code = capsys.readouterr().out.strip().splitlines()[-1]
    from sync.server import auth
    from sync.server.db import make_engine, make_sessionmaker

    engine = make_engine(database)
    with make_sessionmaker(engine).begin() as session:
        terminal, _token, _block = auth.activate_terminal(session, code, "Till", START, 10)
        terminal_id = terminal.id
    engine.dispose()
    assert run(database, "terminals", "list") == 0
    table = capsys.readouterr().out
    assert terminal_id in table
    assert "1 Main" in table
    assert "2026-03-02 09:00:00 UTC" in table
    assert run(database, "terminals", "revoke", terminal_id) == 0
    assert "revoked" in capsys.readouterr().out
    assert run(database, "terminals", "list", "--company", "1") == 0
    assert "revoked 20" in capsys.readouterr().out
    assert run(database, "terminals", "revoke", terminal_id) == 0
    assert "already revoked" in capsys.readouterr().out

    assert run(database, "audit", "--company", "1", "--limit", "10") == 0
    audit = capsys.readouterr().out.splitlines()
    assert [line.split("  ")[2].split()[0] for line in audit] == [
        "terminal.revoke",
        "settings.update",
        "reward.disable",
        "reward.update",
        "reward.add",
    ]
    assert all("  night-manager  " in line for line in audit)
