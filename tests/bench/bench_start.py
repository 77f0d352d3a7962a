"""Start benchmark: the packaged application against the venv, on a real X display.

    .venv/bin/pyinstaller --noconfirm build.spec        # the bundle, once
    .venv/bin/python -m tests.bench.bench_start [--starts 5 --camera-seconds 10]
        [--json bench-results/start.json]

Two scenarios, each run by both, under Xvfb (1366x768), on files copied fresh for every
start from one prepared demo folder:

- "demo": `loyalty-terminal demo` (the demo's central server in the same process, a counter
  window with the demo camera stand-in and its decoders running);
- "counter": `loyalty-terminal` on an activated terminal's database (the demo's first
  counter, its token in the file fallback), the store's counter as a cashier starts it; its
  server is not running (the counter never waits for it) and this machine has no camera, so
  its memory is without pictures.

For each:

- cold start to the idle screen: from this process's clock just before it spawns the program
  to the window's first paint (LOYALTY_TERMINAL_START_PROBE, terminal/start_probe.py), the
  median of --starts; the files are in the page cache (a restart, not the first start after
  boot);
- resident memory after --camera-seconds with the camera stand-in delivering pictures to the
  decoders (VmRSS, median and largest);
- size on disk: the bundle folder, and the venv (which also holds the dev tools).

The start includes what the demo adds to a store's terminal: the demo server and its
database. A `python -c pass` and a bare `python -c "import PySide6.QtWidgets"` are measured
beside, as baselines of the interpreter's own start.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.xvfb import virtual_display

REPO = Path(__file__).resolve().parents[2]
BUNDLE = REPO / "dist" / "loyalty-terminal"
GOAL_START_S, GOAL_RSS_MB = 2.0, 300.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--camera-seconds", type=float, default=10.0)
    parser.add_argument("--bundle", type=Path, default=BUNDLE)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    frozen = args.bundle / "loyalty-terminal"
    if not frozen.exists():
        sys.exit(f"no bundle at {args.bundle}: .venv/bin/pyinstaller --noconfirm build.spec")
    variants = {
        "packaged": [str(frozen)],
        "venv": [sys.executable, "-m", "terminal"],
    }
    results: dict[str, Any] = {"load_average_at_start": os.getloadavg()}
    with tempfile.TemporaryDirectory() as work, virtual_display() as display:
        prepared = Path(work) / "prepared"
        print("preparing the demo folder (its first start builds the demo data)", file=sys.stderr)
        _start([*variants["venv"], "demo"], prepared, Path(work), display, seconds=1)
        for scenario in ("demo", "counter"):
            for name, command in variants.items():
                runs = []
                for number in range(args.starts):
                    print(f"[{scenario}, {name}] start {number + 1}/{args.starts}",
                          file=sys.stderr)  # fmt: skip
                    folder = Path(work) / f"{scenario}-{name}-{number}"
                    shutil.copytree(prepared, folder)
                    if scenario == "counter":
                        folder = _activated_counter(folder)
                    argv = [*command, "demo"] if scenario == "demo" else command
                    runs.append(_start(argv, folder, Path(work), display, args.camera_seconds))
                results[f"{scenario}/{name}"] = runs
        results["baselines"] = _baselines(args.starts)
    results["size_mb"] = {
        "packaged": _size_mb(args.bundle),
        "venv": _size_mb(REPO / ".venv"),
    }
    _print_table(results, args)
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


def _activated_counter(demo_copy: Path) -> Path:
    """A data folder holding the demo's first counter as an activated terminal."""
    folder = demo_copy / "counter"
    folder.mkdir()
    shutil.copy(demo_copy / "demo" / "demo-counter-1.db", folder / "terminal.db")
    shutil.copy(demo_copy / "demo" / "demo-tokens.json", folder / "credentials.json")
    (folder / "settings.toml").write_text('credential_store = "file"\n', encoding="utf-8")
    return folder


def _start(
    command: list[str], folder: Path, work: Path, display: str, seconds: float
) -> dict[str, Any]:
    probe = work / "probe.json"
    probe.unlink(missing_ok=True)
    env = {
        **os.environ,
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "LOYALTY_TERMINAL_START_PROBE": str(probe),
        "LOYALTY_TERMINAL_START_PROBE_SECONDS": str(seconds),
    }
    started = time.time()
    done = subprocess.run(  # noqa: S603 - our own program
        [*command, "--data-dir", str(folder)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode != 0 or not probe.exists():
        sys.exit(f"{command[0]} failed ({done.returncode}): {done.stderr[-2000:]}")
    report = json.loads(probe.read_text(encoding="utf-8"))
    return {"ready_s": report["painted_at"] - started, "rss_mb": report["rss_mb"]}


def _baselines(starts: int) -> dict[str, float]:
    def timed(code: str) -> float:
        times = []
        for _ in range(starts):
            began = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)  # noqa: S603
            times.append(time.perf_counter() - began)
        return statistics.median(times)

    return {
        "python_pass_s": timed("pass"),
        "python_import_qtwidgets_s": timed("import PySide6.QtWidgets"),
    }


def _size_mb(folder: Path) -> float:
    total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return total / 1_000_000


def _print_table(results: dict[str, Any], args: argparse.Namespace) -> None:
    def pick(scenario: str, name: str, key: str, how: Any) -> float:
        return float(how(run[key] for run in results[f"{scenario}/{name}"]))

    print(f"\n{'':52} {'packaged':>10} {'venv':>10}  goal")
    for scenario in ("demo", "counter"):
        camera = "camera stand-in" if scenario == "demo" else "no camera here"
        rows = [
            (f"{scenario}: cold start to the idle screen (median)", "s", "ready_s",
             statistics.median, f"< {GOAL_START_S:g}"),
            ("  slowest start", "s", "ready_s", max, ""),
            (f"  resident memory after {args.camera_seconds:g} s, {camera} (median)", "MB",
             "rss_mb", statistics.median, f"< {GOAL_RSS_MB:g}"),
        ]  # fmt: skip
        for label, unit, key, how, goal in rows:
            packaged, venv = pick(scenario, "packaged", key, how), pick(scenario, "venv", key, how)
            print(f"{label:52} {packaged:>8.2f} {unit:<2}{venv:>8.2f} {unit:<2} {goal}")
    sizes = results["size_mb"]
    print(f"{'size on disk':52} {sizes['packaged']:>8.0f} MB{sizes['venv']:>8.0f} MB")
    base = results["baselines"]
    print(f"{'baseline: python -c pass':52} {'':>10} {base['python_pass_s']:>8.2f} s")
    print(f"{'baseline: python -c import PySide6.QtWidgets':52} {'':>10} "
          f"{base['python_import_qtwidgets_s']:>8.2f} s")  # fmt: skip
    print(f"({args.starts} starts each; load average at start {results['load_average_at_start']})")


if __name__ == "__main__":
    sys.exit(main())
