"""Counter UI benchmark: scan to card painted, GUI-thread blocks, cold start, memory.

    cd /work/main && .venv/bin/python -m tests.bench.bench_counter_ui \
        [--scans 250 --starts 5 --camera-seconds 10 --json bench-results/counter_ui.json]
    # the same under Xvfb as well as offscreen: xvfb-run -a -s "-screen 0 1920x1080x24" ...

Data: tests/bench/bench_counter.py's cached dataset (1,000,000 cards, 5,000,000 ledger rows,
built once in ~4 minutes under ~/.cache/loyalty-terminal/bench), COPIED to a work file that
is deleted at the end (--keep-work keeps it), so the cache is never changed: the app appends
operations, and on the copy the redemption runs as in a shop: REDEEM PIN policy REQUIRED and
the demo staff PINs (terminal/demo/catalog.py: Alex Martin 2468, Morgan Leroy 1357, which
the dataset hashes at a low scrypt cost) hashed again at the production cost. The file cache
is warm (the copy was just written): a restarted terminal, not the first start after boot.

Every Qt figure comes from a child process (tests/bench/counter_ui_session.py) that builds
the counter as `loyalty-terminal` does (terminal.app: qt_application, terminal_is_activated,
build_counter_app on WORK/terminal.db; the window shown at 1366x768; CounterApp.start()),
with tests/bench/scripted_camera.py's 1280x720, 30 fps camera as its frame source, read by
the real ScanWorker (make_scan_worker: default decoder, 2-read confirmer). On
QT_QPA_PLATFORM=offscreen, and again on xcb when DISPLAY is set (Xvfb or a desktop).

1. Scan to card painted, over --scans visits after 10 warm-up ones, each on another random
   card (its real QR token): 6 empty-counter frames, then the card for 15. Latency = from
   the captured_at of the first frame showing the card that the worker took, to the
   CardPanel `painted` signal for that card (time.monotonic() in the slot): one frame time
   (~33 ms) is in it, since the confirmer wants 2 equal reads, as with a real camera; the
   camera's own exposure and USB transfer are not. Also from AcceptedScan.decoded_at (the
   confirmed scan) to painted. Every second visit starts on the idle screen (Esc first), the
   others replace the card on screen.
2. GUI thread: a 5 ms heartbeat QTimer during all visits records the gap between its ticks
   (a gap minus 5 ms is how long the GUI thread could not run it). Between scans the cashier
   works through the window: F2 stamp; F3 earn, amount typed and submitted; every 10th visit
   F5, a points reward picked and the PIN typed (scrypt at production cost on the writer).
3. Cold start, median of --starts fresh processes: from the parent's time.time() just before
   spawning to the idle screen painted with the search box focused and the start reads
   (terminal info, staff) delivered, TaskRunner idle. Import time alone: `python -c "import
   terminal.app"` in fresh processes, beside `python -c pass`.
4. Resident memory (psutil RSS) of each cold-start process after --camera-seconds of the
   camera running (empty counter, previews flowing to the idle screen).

Baselines from this process (no Qt), same run and file: LookupService.by_scan, the default
decoder on one 720p frame of the scripted camera (with a card / empty), drawing a card's
pictures, open_current (the app opens the file twice at start) and PRAGMA foreign_key_check.
The table goes to stdout and, as JSON, to --json. About 7 minutes offscreen, 13 with a
display too (2 cores); the machine's load average is in the JSON: run it on a quiet machine.
Diagnosis only: --stall-ms MS (sample the GUI thread's stack when its heartbeat is late),
--delete-dialogs and --gc-freeze (both were measured here first; the app now does both).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import platformdirs

from tests.bench import counter_ui_session as session
from tests.bench import scripted_camera as camera

REPO = Path(__file__).resolve().parents[2]
GOAL_SCAN_P50_MS, GOAL_SCAN_P95_MS, GOAL_GUI_BLOCK_MS = 60.0, 120.0, 50.0
GOAL_START_S, GOAL_RSS_MB = 2.0, 300.0
START_MARKS = (  # milestones of a cold start, seconds from the spawn
    ("imported", "  ... terminal.app imported"),
    ("qapplication", "  ... QApplication made"),
    ("activation_checked", "  ... terminal_is_activated (database open 1)"),
    ("built", "  ... build_counter_app (database open 2)"),
    ("idle_painted", "  ... idle screen first painted"),
    ("start_reads_delivered", "  ... start reads delivered"),
)
IMPORT_CODE = (
    "import time; t = time.perf_counter(); import terminal.app; print(time.perf_counter() - t)"
)


def main(argv: list[str] | None = None) -> int:
    from tests.bench.bench_counter import _dataset

    args = _arguments(argv)
    load_at_start = os.getloadavg()
    cache_dir = Path(args.cache_dir).expanduser()
    info, built_now = _dataset(cache_dir, args.cards, args.rows, args.seed, args.rebuild)
    work = cache_dir / "work-counter-ui"
    rng = random.Random(args.seed + 7)
    try:
        database = _work_copy(Path(info["path"]), work)
        platforms = ["offscreen"] + (["xcb"] if os.environ.get("DISPLAY") else [])
        plans, spare_tokens = _plans(database, rng, args.scans, args.cards, len(platforms))
        for name, visits in zip(platforms, plans, strict=True):  # other cards on each platform
            (work / f"plan-{name}.json").write_text(json.dumps(visits))
        baselines = _baselines(database, work, spare_tokens, rng)
        runs = {name: _run_platform(name, work, args) for name in platforms}
        imports = _import_times(args.starts)
    finally:
        if not args.keep_work:
            shutil.rmtree(work, ignore_errors=True)
    rows = _rows(runs, imports, baselines)
    _print_table(rows, imports, info, built_now, args)
    report = {
        "benchmark": "counter_ui",
        "command": "python -m tests.bench.bench_counter_ui " + " ".join(sys.argv[1:]),
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version,
            "pyside6": metadata.version("PySide6"),
            "load_average_at_start": load_at_start,
            "load_average_at_end": os.getloadavg(),
        },
        "dataset": {**info, "built_in_this_run": built_now},
        "settings": {
            "work_copy": "the cached file copied; REDEEM PIN policy REQUIRED, production PINs",
            "frames": "1280x720 at 30 fps; 6 empty frames, then the card for 15",
            "warmup_scans_excluded": session.WARMUP_SCANS,
            "heartbeat_ms": session.HEARTBEAT_MS,
            "camera_seconds": args.camera_seconds,
            "diagnosis": {
                "stall_ms": args.stall_ms,
                "delete_dialogs": args.delete_dialogs,
                "gc_freeze": args.gc_freeze,
            },
        },
        "results": rows,
        "baselines": baselines,
        "imports": imports,
        "runs": runs,
    }
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, default=str) + "\n")
    print(f"\nJSON written to {out}")
    return 0 if all(row["passed"] is not False for row in rows) else 1


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=1_000_000)
    parser.add_argument("--rows", type=int, default=5_000_000, help="ledger rows")
    parser.add_argument("--scans", type=int, default=250, help="timed visits (after warm-up)")
    parser.add_argument("--starts", type=int, default=5, help="cold starts (and import runs)")
    parser.add_argument("--camera-seconds", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--cache-dir", default=str(platformdirs.user_cache_path("loyalty-terminal") / "bench")
    )
    parser.add_argument("--rebuild", action="store_true", help="ignore a cached dataset")
    parser.add_argument("--keep-work", action="store_true", help="keep the work copy")
    parser.add_argument(
        "--stall-ms", type=float, help="diagnosis: sample the GUI thread's stack when late"
    )
    parser.add_argument(
        "--delete-dialogs",
        action="store_true",
        help="diagnosis: the benchmark deletes closed dialogs (the app keeps them all)",
    )
    parser.add_argument(
        "--gc-freeze",
        action="store_true",
        help="diagnosis: gc.freeze() in the counter process once it is up (the app does not)",
    )
    parser.add_argument("--json", default="bench-results/counter_ui.json")
    return parser.parse_args(argv)


# --- data ---------------------------------------------------------------------------------------


def _work_copy(source: Path, work: Path) -> Path:
    """The cached dataset copied to WORK/terminal.db (Settings(data_dir=WORK).database_path),
    with the shop's PIN rules: a PIN for every redemption, hashed at the production cost."""
    from terminal.demo.catalog import CatalogSeed
    from terminal.domain.pins import hash_pin

    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    target = work / "terminal.db"
    started = time.perf_counter()
    shutil.copyfile(source, target)
    print(f"work copy: {time.perf_counter() - started:.1f} s", file=sys.stderr)
    with contextlib.closing(sqlite3.connect(target)) as con, con:
        con.execute("UPDATE company_settings SET pin_policy_redeem = 'required'")
        for staff in CatalogSeed().staff:
            con.execute(
                "UPDATE staff_pins SET pin_hash = ? WHERE id = ?",
                (hash_pin(staff.pin), staff.staff_id),
            )
    return target


def _operation(i: int) -> str | None:
    if i % 10 == 5:
        return "redeem"
    return {1: "stamp", 3: "earn"}.get(i % 4)


def _plans(
    database: Path, rng: random.Random, scans: int, cards: int, parts: int
) -> tuple[list[list[dict]], list[str]]:
    """`parts` lists of visits on distinct random cards (a redemption on a card with points
    enough for one), and other random cards' QR tokens for the lookup baseline."""
    count = scans + session.WARMUP_SCANS
    with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as con:
        ids = rng.sample(range(1, cards + 1), parts * count + 600)
        rows = con.execute(
            "SELECT id, uuid, qr_code_data FROM loyalty_cards "
            "WHERE is_active AND id IN (SELECT value FROM json_each(?))",
            (json.dumps(ids),),
        ).fetchall()
        rich = con.execute(
            "SELECT uuid, qr_code_data FROM loyalty_cards WHERE is_active AND points_balance >= 250"
        ).fetchall()
    by_id = {row[0]: row[1:] for row in rows}
    drawn = [by_id[i] for i in ids if i in by_id]
    taken = set(drawn)
    rich = rng.sample([card for card in rich if card not in taken], parts * (count // 10 + 1))
    plain = iter(drawn)
    plans = []
    for _ in range(parts):
        visits = []
        for i in range(count):
            operation = _operation(i)
            card_id, qr = rich.pop() if operation == "redeem" else next(plain)
            visit = {"card_id": card_id, "qr": qr, "operation": operation, "from_idle": i % 2 == 0}
            visits.append(visit)
        plans.append(visits)
    return plans, [qr for _, qr in list(plain)[:550]]


# --- baselines (this process, no Qt) ------------------------------------------------------------


def _baselines(database: Path, work: Path, tokens: list[str], rng: random.Random) -> dict:
    import numpy as np

    from terminal.domain.clock import SystemClock
    from terminal.scanner.decoders import default_decoder
    from terminal.services.bundle import counter_services
    from terminal.store.schema import open_current
    from tests.scanner.synthetic import make_frame

    size = camera.FRAME_SIZE
    backgrounds = [make_frame("no_code", "", size, seed) for seed in range(camera.BACKGROUNDS)]
    for index, image in enumerate(backgrounds):
        np.save(camera.background_path(work, index), image)
    drawn, drawing_ms = [], []
    for token in tokens[:20]:
        began = time.perf_counter()
        drawn.append(camera.card_pictures(token, backgrounds, rng)[0])
        drawing_ms.append((time.perf_counter() - began) * 1000)
    decoder = default_decoder()
    decode_ms: dict[str, list[float]] = {"card": [], "empty": []}
    reads = 0
    for _ in range(5):
        for index, (picture, token) in enumerate(zip(drawn, tokens, strict=False)):
            for kind, image in (("card", picture), ("empty", backgrounds[index % 4])):
                began = time.perf_counter()
                texts = decoder.decode(image)
                decode_ms[kind].append((time.perf_counter() - began) * 1000)
                reads += kind == "card" and token in texts
    print("baselines: opening the work file as the app does (open_current)", file=sys.stderr)
    began = time.perf_counter()
    opened = open_current(database, idle_checkpoints=True)
    open_s = time.perf_counter() - began
    lookup_ms = []
    try:
        lookup = counter_services(opened, SystemClock()).lookup
        for i, token in enumerate(tokens[:550]):
            began = time.perf_counter()
            lookup.by_scan(token)
            if i >= 50:
                lookup_ms.append((time.perf_counter() - began) * 1000)
    finally:
        opened.dispose()
    with contextlib.closing(sqlite3.connect(database)) as con:
        began = time.perf_counter()
        con.execute("PRAGMA foreign_key_check").fetchall()
        fk_s = time.perf_counter() - began
    return {
        "by_scan_ms": _stats(lookup_ms),
        "decode_720p_card_ms": _stats(decode_ms["card"]),
        "decode_720p_empty_ms": _stats(decode_ms["empty"]),
        "decode_reads": f"{reads}/{len(decode_ms['card'])}",
        "draw_card_pictures_ms": _stats(drawing_ms),
        "open_current_s": open_s,
        "foreign_key_check_s": fk_s,
    }


def _stats(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "n": len(ordered),
        "p50": _percentile(ordered, 50),
        "p95": _percentile(ordered, 95),
        "p99": _percentile(ordered, 99),
        "max": ordered[-1],
    }


def _percentile(ordered: list[float], p: float) -> float:
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


# --- the Qt children ----------------------------------------------------------------------------


def _child(command: str, platform_name: str, work: Path, extra: list[str], timeout: float) -> dict:
    out = work / f"{command}-{platform_name}.json"
    out.unlink(missing_ok=True)
    env = dict(os.environ, QT_QPA_PLATFORM=platform_name)
    t0 = time.time()
    done = subprocess.run(  # noqa: S603 (our own interpreter and module)
        [sys.executable, "-m", "tests.bench.counter_ui_session", command, "--work", str(work),
         "--out", str(out), "--t0", repr(t0), *extra],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout, check=False,
    )  # fmt: skip
    if done.returncode != 0 or not out.exists():
        raise RuntimeError(f"{command} on {platform_name} failed:\n{done.stderr[-4000:]}")
    result = json.loads(out.read_text())
    if "error" in result:
        raise RuntimeError(
            f"{command} on {platform_name}: {result['error']}\n{done.stderr[-4000:]}"
        )
    return result


def _run_platform(name: str, work: Path, args: argparse.Namespace) -> dict:
    print(f"[{name}] {args.scans} visits through the counter window", file=sys.stderr)
    extra = ["--plan", str(work / f"plan-{name}.json")]
    extra += ["--stall-ms", str(args.stall_ms)] if args.stall_ms else []
    extra += ["--delete-dialogs"] if args.delete_dialogs else []
    extra += ["--gc-freeze"] if args.gc_freeze else []
    scans = _child("scans", name, work, extra, timeout=600 + 3 * args.scans)
    starts = []
    for run in range(args.starts):
        print(f"[{name}] cold start {run + 1}/{args.starts}", file=sys.stderr)
        seconds = ["--camera-seconds", str(args.camera_seconds)]
        starts.append(_child("start", name, work, seconds, timeout=300 + args.camera_seconds))
    return {"scans": scans, "starts": starts}


def _import_times(runs: int) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    imports, bare = [], []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True, env=env)
        bare.append(time.perf_counter() - began)
        done = subprocess.run(  # noqa: S603
            [sys.executable, "-c", IMPORT_CODE], cwd=REPO, env=env, check=True,
            capture_output=True, text=True,
        )  # fmt: skip
        imports.append(float(done.stdout.strip()))
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import terminal.app"], cwd=REPO, env=env,
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    by_package: dict[str, float] = {}
    for line in done.stderr.splitlines():
        fields = line.removeprefix("import time:").split("|")
        if len(fields) == 3 and fields[0].strip().isdigit():
            package = fields[2].strip().split(".")[0]
            by_package[package] = by_package.get(package, 0.0) + int(fields[0]) / 1000
    top = dict(sorted(by_package.items(), key=lambda item: -item[1])[:8])
    return {
        "import_terminal_app_s": imports,
        "python_startup_s": bare,
        "importtime_self_ms_by_package": {name: round(ms, 1) for name, ms in top.items()},
        "importtime_total_ms": round(sum(by_package.values()), 1),
    }


# --- the report ---------------------------------------------------------------------------------


def _row(figure: str, where: str, value: float, unit: str, goal: float | None = None) -> dict:
    text = f"{value:,.1f} {unit}" if unit != "s" else f"{value:.2f} s"
    return {
        "figure": figure,
        "platform": where,
        "value": round(value, 3),
        "unit": unit,
        "shown": text,
        "goal": f"< {goal:g} {unit}" if goal is not None else "info",
        "passed": None if goal is None else value < goal,
    }


def _rows(runs: dict, imports: dict, baselines: dict) -> list[dict]:
    rows = []
    warmup = session.WARMUP_SCANS
    for where, run in runs.items():
        scans = run["scans"]
        timed = [s for s in scans["scans"] if s["i"] >= warmup]
        latency = sorted(s["latency_ms"] for s in timed)
        after = sorted(s["decoded_to_painted_ms"] for s in timed)
        rows += [
            _row(f"scan to card painted p50 (n={len(latency)})", where,
                 _percentile(latency, 50), "ms", GOAL_SCAN_P50_MS),
            _row("scan to card painted p95", where, _percentile(latency, 95), "ms",
                 GOAL_SCAN_P95_MS),
            _row("scan to card painted p99", where, _percentile(latency, 99), "ms"),
        ]  # fmt: skip
        for kind in ("scan from idle", "scan, card to card"):
            own = sorted(s["latency_ms"] for s in timed if s["kind"] == kind)
            if own:
                rows.append(
                    _row(f"  {kind}, p50 / n={len(own)}", where, _percentile(own, 50), "ms")
                )
        for p in (50, 95, 99):
            rows.append(
                _row(f"  confirmed scan to painted p{p}", where, _percentile(after, p), "ms")
            )
        first_read = sorted(s["first_read_after_ms"] for s in timed)
        rows.append(_row("  first read after the card appeared, p95", where,
                         _percentile(first_read, 95), "ms"))  # fmt: skip
        first = next((s for s in scans["scans"] if s["i"] == 0), None)
        if first is not None:
            rows.append(
                _row("  first scan after start (warm-up)", where, first["latency_ms"], "ms")
            )
        missed = [m for m in scans["misses"] if m["i"] >= warmup]
        rows.append(_row("  visits missed or refused", where, len(missed), "", 1))
        beat = scans["heartbeat"]
        rows += [
            _row("GUI thread longest block (max heartbeat gap)", where, beat["max_ms"], "ms",
                 GOAL_GUI_BLOCK_MS),
            _row("  heartbeat gap p99", where, beat["p99_ms"], "ms"),
            _row(f"  heartbeat ticks (expected {beat['expected_ticks']:,.0f})", where,
                 beat["ticks"], ""),
        ]  # fmt: skip
        collector = scans["gc"]
        if collector["worst"]:
            worst = collector["worst"][0]
            label = f"  longest Python GC pause (gen {worst['generation']}, {worst['thread']})"
            rows.append(_row(label, where, worst["ms"], "ms"))
        rows += [
            _row(f"  a full gc.collect() after them ({collector['tracked_objects'] / 1000:.0f}k "
                 "objects)", where, collector["full_collection_ms"], "ms"),
            _row("  the same after gc.freeze()", where,
                 collector["full_collection_after_freeze_ms"], "ms"),
        ]  # fmt: skip
        memory = scans["memory"]
        first, last = memory[min(1, len(memory) - 1)], memory[-1]  # after 25 warm-up visits
        growth = (last["rss_mb"] - first["rss_mb"]) / max(1, last["visits"] - first["visits"])
        rows += [
            _row(f"resident memory after the {last['visits']} visits", where, last["rss_mb"],
                 "MB", GOAL_RSS_MB),
            _row(f"  growth per 100 visits, after visit {first['visits']}", where, 100 * growth,
                 "MB"),
            _row("  of which file-backed (shared)", where, last["shared_mb"], "MB"),
            _row("  operation dialogs still alive after the visits", where,
                 scans["dialogs_alive"], ""),
        ]  # fmt: skip
        for operation in ("stamp", "earn", "redeem"):
            own = sorted(o["ms"] for o in scans["operations"] if o["operation"] == operation)
            if own:
                rows.append(_row(f"  {operation}: submit to result painted, p50 / n={len(own)}",
                                 where, _percentile(own, 50), "ms"))  # fmt: skip
        starts = run["starts"]
        ready = statistics.median(s["marks"]["ready"] for s in starts)
        rows.append(_row(f"cold start to interactive idle (median of {len(starts)})", where,
                         ready, "s", GOAL_START_S))  # fmt: skip
        for mark, label in START_MARKS:
            moment = statistics.median(s["marks"][mark] for s in starts)
            rows.append(_row(label, where, moment, "s"))
        rss = [s["rss_mb"] for s in starts]
        rows.append(_row(f"resident memory, camera {starts[0]['camera_seconds']:g} s (median)",
                         where, statistics.median(rss), "MB", GOAL_RSS_MB))  # fmt: skip
        rows.append(_row("  resident memory, largest of the runs", where, max(rss), "MB"))
        previews = statistics.median(s["previews"] / s["camera_seconds"] for s in starts)
        rows.append(_row("  previews delivered per second", where, previews, "/s"))
    rows += [
        _row(f"import terminal.app alone (median of {len(imports['import_terminal_app_s'])})",
             "-", statistics.median(imports["import_terminal_app_s"]), "s"),
        _row("  python -c pass", "-", statistics.median(imports["python_startup_s"]), "s"),
        _row("baseline LookupService.by_scan p50, no Qt", "-",
             baselines["by_scan_ms"]["p50"], "ms"),
        _row("baseline LookupService.by_scan p99, no Qt", "-",
             baselines["by_scan_ms"]["p99"], "ms"),
        _row("baseline decode one 720p frame, card, p50", "-",
             baselines["decode_720p_card_ms"]["p50"], "ms"),
        _row("baseline decode one 720p frame, empty, p50", "-",
             baselines["decode_720p_empty_ms"]["p50"], "ms"),
        _row("baseline open_current on the work file", "-", baselines["open_current_s"], "s"),
        _row("baseline PRAGMA foreign_key_check on the work file", "-",
             baselines["foreign_key_check_s"], "s"),
    ]  # fmt: skip
    return rows


def _print_table(
    rows: list[dict], imports: dict, info: dict[str, Any], built_now: bool, args: argparse.Namespace
) -> None:
    how = "built in this run" if built_now else "cached"
    print(
        f"\nCounter UI benchmark: {info['cards']:,} cards, {info['ledger_rows']:,} ledger rows "
        f"(dataset {how}, work copy); 1280x720 scripted camera at 30 fps; {args.scans} visits"
    )
    print(f"{'figure':<58}{'platform':<11}{'value':>12}  {'goal':<10}result")
    for row in rows:
        result = {True: "pass", False: "FAIL", None: "-"}[row["passed"]]
        print(
            f"{row['figure']:<58}{row['platform']:<11}{row['shown']:>12}  {row['goal']:<10}{result}"
        )
    by_package = imports["importtime_self_ms_by_package"].items()
    print("import terminal.app under -X importtime, self ms by package (one run): ", end="")
    print(", ".join(f"{name} {ms:.0f}" for name, ms in by_package))


if __name__ == "__main__":
    sys.exit(main())
