"""A large, consistent local database for benchmarks and demos: customers, cards, about two
years of ledger history written by other terminals, and the fragment-search index.

Rows go in through a plain sqlite3 connection with executemany, in large transactions,
without journal or fsync, and with the secondary indexes dropped during the load and rebuilt
once at the end: sorting once costs far less than millions of random index inserts. The
ledger is written in time order, as a terminal receives it, so one card's entries are spread
over the table as in a real cache (card-by-card order would flatter every card query).
Everything is drawn from one seeded generator: the same arguments give the same data.
"""

from __future__ import annotations

import base64
import json
import sqlite3
import time
import unicodedata
from array import array
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from random import Random

from terminal.demo.catalog import CatalogSeed, install_catalog
from terminal.demo.people import french_mobile
from terminal.domain.cards import QR_TOKEN_PREFIX, card_number_from_body
from terminal.domain.ledger import ACTIVITY_TYPES, SyncState
from terminal.domain.ledger import TransactionType as T
from terminal.domain.money import points_for_purchase
from terminal.store.schema import open_current
from terminal.store.search import search_body

GENERATOR_VERSION = 2  # bump whenever the generated data changes (benchmark caches key on it)
DATASET_CATALOG = CatalogSeed(pin_hash_n=2**10)  # scrypt at full cost is pointless here
DATASET_END = datetime(2026, 3, 1, tzinfo=UTC)
HISTORY_DAYS = 730
BODY_BASE, BODY_BLOCK = 10_000_000_000, 100_000_000  # one number block per other terminal
TERMINALS_PER_VENDOR = 2
CHUNK_ROWS = 200_000

Progress = Callable[[str, int, int], None]  # (stage, done, total)

_US_DAY, _GAP = 86_400_000_000, 6 * 60_000_000  # entries of a card: 6 min apart at least
_OPEN, _HOURS = 7 * 3_600_000_000, 12 * 3_600_000_000  # counter hours: 07-19 UTC
_HMS = [f"{h:02d}:{m:02d}:{s:02d}." for h in range(24) for m in range(60) for s in range(60)]
_VARIANT = {c: "89ab"[int(c, 16) & 3] for c in "0123456789abcdef"}
_FIRST = """Ana Léa Chloé Emma Jade Louise Alice Inès Zoë Manon Camille Sarah Lucía María
Sofía Noémie Hélène Anaïs Julie Marie Claire Fatima Yasmine Aïcha Mei Yuki Priya Olga Ingrid
Hanna Lucas Hugo Louis Jules Léo Gabriel Raphaël Arthur Noah Adam Thomas Nicolas Julien Antoine
Mathéo Théo Paul Pierre José Luis Carlos Mohamed Karim Youssef Omar Wei Kenji Ravi Ivan Lars
Jonas Björn Jean-Luc Marc-Antoine François Grégoire"""
_LAST = """Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent
Lefèvre Michel García Fernández López Martínez González Rodríguez Pérez Sánchez Müller Schmidt
Schneider Fischer Weber Meyer Wagner Becker Rossi Russo Ferrari Esposito Bianchi Romano Colombo
Nguyen Tran Le Pham Chen Wang Li Zhang Kumar Singh Patel Khan Ali Haddad Benali Mansour Kowalski
Nowak Novák Svensson Johansson Andersen Nielsen O'Brien Murphy Smith Johnson Williams Brown Jones
Dupont Girard Bonnet Fontaine Rousseau Blanc Guérin Chevalier Faure André Mercier Lambert
Gauthier Perrin Clément Morin Nicolas Henry"""
_DOMAINS = """gmail.com gmail.com gmail.com outlook.fr hotmail.com yahoo.fr orange.fr free.fr
laposte.net icloud.com proton.me sfr.fr wanadoo.fr gmx.de web.de"""
_CUSTOMER = "INSERT INTO customers VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
_CARD = "INSERT INTO loyalty_cards VALUES (" + "?, " * 20 + "?)"  # all 21 columns
_SEARCH = "INSERT INTO card_search (rowid, body) VALUES (?, ?)"
_ENTRY = "INSERT INTO loyalty_transactions VALUES (" + "?, " * 25 + "?)"  # all 26 columns


@dataclass(frozen=True)
class DatasetInfo:
    path: Path
    cards: int
    customers: int
    ledger_rows: int
    seed: int
    terminal_id: str  # this terminal: it has no entries yet, its next_seq is still 1
    other_terminal_ids: tuple[str, ...]
    ends_at: datetime  # the newest entry; a clock for operations should start after it
    build_seconds: float
    card_ids: tuple[str, ...]  # samples: card uuids, and the same cards' identifiers
    qr_tokens: tuple[str, ...]
    card_numbers: tuple[str, ...]
    emails: tuple[str, ...]
    phones: tuple[str, ...]
    names: tuple[str, ...]


def build_large_dataset(
    path: Path | str,
    *,
    cards: int,
    ledger_rows: int,
    seed: int = 1,
    progress: Progress | None = None,
    catalog: CatalogSeed = DATASET_CATALOG,
    samples: int = 20,
) -> DatasetInfo:
    """Create a new database file at `path` (which must not exist yet)."""
    started, path, rng = time.perf_counter(), Path(path), Random(seed)
    report = progress or (lambda stage, done, total: None)
    per_card = 2 if catalog.program.uses_points and catalog.program.welcome_bonus_points else 1
    vendors = [vendor_id for vendor_id, *_ in catalog.vendors] * TERMINALS_PER_VENDOR
    own, ours = catalog.card_block, (BODY_BASE, BODY_BASE + len(vendors) * BODY_BLOCK - 1)
    if cards < 1 or ledger_rows < per_card * cards:
        raise ValueError(f"need at least one card and {per_card} ledger rows per card")
    if cards > BODY_BLOCK or (own[0] <= ours[1] and ours[0] <= own[1]):
        raise ValueError("the generated card numbers would reach this terminal's block")
    if path.exists():
        raise FileExistsError(f"{path} exists: the dataset is built into a new file")
    try:  # a half-built file is worse than none
        database = open_current(path, durable=False)
        try:
            with database.writer.begin() as session:
                terminal_id = install_catalog(session, catalog, DATASET_END)
        finally:
            database.dispose()
        terminals = [(_uuid(rng), vendor_id) for vendor_id in vendors]
        gen = _Generator(rng, catalog, terminals, cards, ledger_rows, per_card)
        _load(path, gen, report)
        sample = _samples(path, rng, cards, samples)
    except BaseException:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        raise
    ids, qrs, numbers, emails, phones, names = list(zip(*sample, strict=True)) or [()] * 6
    return DatasetInfo(
        path=path, cards=cards, customers=cards, ledger_rows=ledger_rows, seed=seed,
        terminal_id=terminal_id, other_terminal_ids=tuple(t for t, _ in terminals),
        ends_at=gen.start + timedelta(microseconds=max(gen.times)),
        build_seconds=time.perf_counter() - started,
        card_ids=ids, qr_tokens=qrs, card_numbers=numbers, emails=tuple(filter(None, emails)),
        phones=tuple(filter(None, phones)), names=names,
    )  # fmt: skip


def _load(path: Path, gen: _Generator, report: Progress) -> None:
    """Bulk-load the generated rows, then rebuild the indexes dropped for the load."""
    con = sqlite3.connect(path, isolation_level=None)
    try:
        for pragma in ("journal_mode = OFF", "synchronous = OFF", "foreign_keys = OFF"):
            con.execute(f"PRAGMA {pragma}")
        con.execute("PRAGMA cache_size = -1000000")  # KiB
        indexes = con.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            "AND tbl_name IN ('customers', 'loyalty_transactions')"
        ).fetchall()
        for name, _ in indexes:
            con.execute(f'DROP INDEX "{name}"')
        for done, entries in gen.ledger():
            _insert(con, (_ENTRY, entries))
            report("ledger", done, len(gen.times))
        for done, rows in gen.cards():
            _insert(con, *zip((_CUSTOMER, _CARD, _SEARCH), rows, strict=True))
            report("cards", done, gen.n)
        for number, (_, sql) in enumerate(indexes, start=1):
            con.execute(sql)
            report("indexes", number, len(indexes))
        con.execute("INSERT INTO card_search (card_search) VALUES ('optimize')")
        con.execute("PRAGMA journal_mode = WAL")
    finally:
        con.close()


def _samples(path: Path, rng: Random, cards: int, n: int) -> list[tuple]:
    """(card uuid, QR token, number, email, phone, name) of `n` random cards."""
    picked = json.dumps(rng.sample(range(1, cards + 1), min(n, cards)))
    with closing(sqlite3.connect(path)) as con:
        return con.execute(
            "SELECT c.uuid, c.qr_code_data, c.card_number, u.email, u.phone, "
            "u.first_name || ' ' || u.last_name FROM loyalty_cards c "
            "JOIN customers u ON u.id = c.customer_id "
            "WHERE c.id IN (SELECT value FROM json_each(?)) ORDER BY c.id",
            (picked,),
        ).fetchall()


def _insert(con: sqlite3.Connection, *batches: tuple[str, list]) -> None:
    con.execute("BEGIN")
    for sql, rows in batches:
        con.executemany(sql, rows)
    con.execute("COMMIT")


def _uuid(rng: Random) -> str:
    h = rng.randbytes(16).hex()
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{_VARIANT[h[16]]}{h[17:20]}-{h[20:]}"


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if ch.isascii() and ch.isalnum())


class _Generator:
    """Plans when every entry happens, then replays the entries in time order, keeping each
    card's balances, and finally writes the cards with the balances they ended with.

    Enrollment grows over the two years; a card's activity follows its age times a
    log-normal appetite, so a few regulars have long histories and most cards short ones.
    """

    def __init__(self, rng, catalog, terminals, cards, ledger_rows, per_card):  # type: ignore[no-untyped-def]
        self.rng, self.rules, self.per_card = rng, catalog.program, per_card
        self.uses_stamps, self.uses_points = self.rules.uses_stamps, self.rules.uses_points
        self.company = catalog.company_id  # install_catalog gives the program the same id
        self.terminals, self.n = terminals, cards
        self.rewards = [(i, name, cost) for i, (name, cost) in enumerate(catalog.rewards, 1)]
        self.staff = [s.staff_id for s in catalog.staff]
        self.start = DATASET_END - timedelta(days=HISTORY_DAYS)
        r, days = rng.random, HISTORY_DAYS
        created = sorted(
            int(days * r() ** 0.5) * _US_DAY + _OPEN + int(r() * _HOURS) for _ in range(cards)
        )
        weights = [(days * _US_DAY - c) * rng.lognormvariate(0, 1) for c in created]
        extra = ledger_rows - per_card * cards
        scale = extra / sum(weights)
        counts = [int(w * scale) for w in weights]
        for i in rng.sample(range(cards), extra - sum(counts)):
            counts[i] += 1
        self.offsets, self.times = array("q", [0]), array("q")
        self.term_of, self.card_of = array("B"), array("l")
        n_terms = len(terminals)
        for card, (c, k) in enumerate(zip(created, counts, strict=True), start=1):
            first_day = c // _US_DAY
            moments = sorted(
                (first_day + int(r() * (days - first_day))) * _US_DAY + _OPEN + int(r() * _HOURS)
                for _ in range(k)
            )
            moments = [c] * per_card + moments
            for i in range(per_card, len(moments)):  # 6 minutes apart: no stamp cooldown broken
                moments[i] = max(moments[i], moments[i - 1] + _GAP)
            self.times.extend(moments)
            self.term_of.extend([int(r() * n_terms)] * per_card)
            self.term_of.extend([int(r() * n_terms) for _ in range(k)])
            self.card_of.extend([card] * len(moments))
            self.offsets.append(len(self.times))
        last_day = max(self.times) // _US_DAY + 1
        self.days = [
            (self.start + timedelta(days=d)).strftime("%Y-%m-%d ") for d in range(last_day)
        ]

    def _at(self, us: int) -> str:  # exactly as SQLAlchemy's DateTime writes naive UTC
        seconds, micro = divmod(us, 1_000_000)
        day, second = divmod(seconds, 86_400)
        return f"{self.days[day]}{_HMS[second]}{micro:06d}"

    def _activity(self, stamps: int, points: int, stamps_today: int) -> tuple:
        """(type, stamps delta, points delta, amount, reward id, reward) of a counter visit."""
        rng, rules, uses_stamps = self.rng, self.rules, self.uses_stamps
        roll = rng.random()
        if uses_stamps and stamps >= rules.stamps_target and roll < 0.7:
            reward = rules.stamps_reward_description
            return T.STAMP_REDEEMED, -rules.stamps_target, 0, None, None, reward
        if points >= rules.minimum_redemption_points and roll < 0.3:
            affordable = [r for r in self.rewards if r[2] <= points]
            if affordable:
                reward_id, name, cost = affordable[int(rng.random() * len(affordable))]
                return T.POINTS_REDEEMED, 0, -cost, None, reward_id, name
        stamp_ok = uses_stamps and stamps_today < rules.max_daily_stamps
        if stamp_ok and (roll < 0.65 or not self.uses_points):
            return T.STAMP_EARNED, 1, 0, None, None, None
        amount = 180 + int(rng.random() * 5_800)
        points = points_for_purchase(amount, rules.points_per_currency_unit)
        return T.POINTS_EARNED, 0, points, amount, None, None

    def ledger(self):  # type: ignore[no-untyped-def]
        """Yields (rows done, rows) batches in time order, numbering each terminal's entries."""
        rng, r, n, company, staff = self.rng, self.rng.random, self.n + 1, self.company, self.staff
        shift = len(self.times).bit_length()
        keys = [t << shift | j for j, t in enumerate(self.times)]
        keys.sort()
        mask, seqs = (1 << shift) - 1, [1] * len(self.terminals)
        stamps, points, today, day = [0] * n, [0] * n, [0] * n, [-1] * n
        s_earned, s_redeemed, p_earned, p_redeemed = [0] * n, [0] * n, [0] * n, [0] * n
        self.last_active: list[int | None] = [None] * n
        rows: list[tuple] = []
        bonus = self.rules.welcome_bonus_points if self.per_card == 2 else 0
        for done, key in enumerate(keys, start=1):
            j = key & mask
            t, card, term = self.times[j], self.card_of[j], self.term_of[j]
            note = amount = reward_id = reward = None
            ds = dp = 0
            if j == self.offsets[card - 1]:
                kind = T.CARD_CREATED
            elif bonus and j == self.offsets[card - 1] + 1:
                kind, dp, note = T.WELCOME_BONUS, bonus, "Welcome bonus on enrollment"
            else:
                if t // _US_DAY != day[card]:
                    day[card], today[card] = t // _US_DAY, 0
                kind, ds, dp, amount, reward_id, reward = self._activity(
                    stamps[card], points[card], today[card]
                )
                today[card] += ds > 0
            if kind in ACTIVITY_TYPES:
                self.last_active[card] = t
            stamps[card] += ds
            points[card] += dp
            if ds:
                (s_earned if ds > 0 else s_redeemed)[card] += abs(ds)
            if dp:
                (p_earned if dp > 0 else p_redeemed)[card] += abs(dp)
            terminal, vendor = self.terminals[term]
            # every column, in table order; received_at is 2 s to 15 min after the entry, and
            # it was sent at the entry's time; none was approved online
            rows.append(
                (_uuid(rng), company, card, vendor, terminal, seqs[term],
                 staff[int(r() * len(staff))], kind, ds, dp, stamps[card], points[card],
                 amount, None, reward_id, reward, None, 0, note, 0, self._at(t),
                 self._at(t + 2_000_000 + int(r() * 900_000_000)), SyncState.ACCEPTED, None,
                 self._at(t), 0)
            )  # fmt: skip
            seqs[term] += 1
            if len(rows) == CHUNK_ROWS or done == len(keys):
                yield done, rows
                rows = []
        self.balances = stamps, s_earned, s_redeemed, points, p_earned, p_redeemed

    def cards(self):  # type: ignore[no-untyped-def]
        """Yields (cards done, (customers, cards, search rows)) batches, by card id."""
        rng, company, balances = self.rng, self.company, self.balances
        firsts, lasts, domains = _FIRST.split(), _LAST.split(), _DOMAINS.split()
        name_keys = {(f, g): search_body(f, g, None, None, "") for f in firsts for g in lasts}
        next_body = [BODY_BASE + t * BODY_BLOCK for t in range(len(self.terminals))]
        customers, cards, search = [], [], []
        for card in range(1, self.n + 1):
            lo, hi = self.offsets[card - 1], self.offsets[card]
            term = self.term_of[lo]
            number = card_number_from_body(next_body[term])
            next_body[term] += 1
            first, last, roll = rng.choice(firsts), rng.choice(lasts), rng.random()
            email = phone = None
            if roll < 0.85:  # the card id in emails and phones keeps them unique
                a, b = _ascii(first), _ascii(last)
                local = rng.choice((f"{a}.{b}", f"{a[0]}{b}", f"{a}_{b}", f"{b}.{a}", a))
                email = f"{local}{card}@{rng.choice(domains)}"
            if roll > 0.6:
                scrambled = (card * 7_919_993 + 12_345_679) % 100_000_000  # a bijection
                phone = french_mobile(scrambled)  # E.164, as every phone is stored
            created, updated = self._at(self.times[lo]), self._at(self.times[hi - 1])
            active = self.last_active[card]
            customers.append((card, _uuid(rng), company, first, last, email, phone, created))
            # = search_body(first, last, email, phone, number): the rest is plain ASCII, and
            # a French phone's national digits are 0 and what follows +33
            national = phone and "0" + phone[3:]
            rest = " ".join(part for part in (email, phone, national, number) if part)
            search.append((card, f"{name_keys[first, last]} {rest}"))
            qr = QR_TOKEN_PREFIX + base64.urlsafe_b64encode(rng.randbytes(18)).decode()
            # every entry is settled: the confirmed balances are the balances
            cards.append(
                (card, _uuid(rng), company, card, company, number, qr, self.terminals[term][1],
                 1, *(column[card] for column in balances),
                 None if active is None else self._at(active), created, updated,
                 balances[0][card], balances[3][card], updated)
            )  # fmt: skip
            if len(cards) == CHUNK_ROWS // 4 or card == self.n:
                yield card, (customers, cards, search)
                customers, cards, search = [], [], []
