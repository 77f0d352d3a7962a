"""Decoder benchmark: time per frame and read rate of each QR engine and of the chains.

    cd /work/main && .venv/bin/python -m tests.bench.bench_decoders \
        [--time-seeds 6 --repeats 3 --rate-seeds 30 --json bench-results/decoders.json]

Frames come from tests/scanner/synthetic.py (deterministic: a counter top, a loyalty card or
a dark-mode phone, kinds plain .. no_code), at 640x480 and 1280x720, given to the decoders as
the camera delivers them (BGR), so the grey conversion is inside every figure.

- Time: every engine decodes the same frames (`--time-seeds` per kind, all kinds, no-code
  included) `--repeats` times, engines interleaved frame by frame so that they share the
  machine's state; median and p95 ms per call, plus the median on no-code frames alone (what
  an idle counter costs) and on frames with a card. The ratio pyzbar / default at 720p comes
  from this same run.
- Read rate: `--rate-seeds` frames per kind and size; a read is the exact payload among the
  decoded texts; any other text is a false read.
- Real photos: ../shared/qr/real/**/NAME.(png|jpg|webp) with the expected text in NAME.txt
  (zxing-cpp's test samples); skipped when the folder is absent.

Engines: zxing-cpp (default options and without try_downscale), pyzbar (with its inverted
second pass), pyzbar on a half-size image, the chain zxing-cpp > pyzbar on every frame zxing
read nothing in ("empty"), and the chain that runs pyzbar only on codes zxing saw but could
not read ("suspect", terminal.scanner.decoders.default_decoder). The table goes to stdout and,
as JSON, to --json. About 1 to 2 minutes on a 2-core machine; run it on a quiet machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import cv2
import numpy as np

from terminal.scanner.decoders import (
    ChainDecoder,
    Decoder,
    PyzbarDecoder,
    ZxingDecoder,
    default_decoder,
)
from tests.scanner.synthetic import FRAME_KINDS, make_frame, token

SIZES = ((640, 480), (1280, 720))
REAL_DIR = Path(__file__).resolve().parents[3] / "shared" / "qr" / "real"
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp")
DEFAULT = "default"


class HalfSize:
    """A decoder given the frame at half its width and height (a cheaper input)."""

    def __init__(self, inner: Decoder) -> None:
        self._inner = inner
        self.name = f"{inner.name} @1/2"
        self.available = inner.available
        self.unavailable_reason = inner.unavailable_reason

    def decode(self, gray: np.ndarray) -> list[str]:
        small = cv2.resize(gray, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
        return self._inner.decode(small)


def engines() -> dict[str, Decoder]:
    zxing, pyzbar = ZxingDecoder(), PyzbarDecoder()
    found: dict[str, Decoder] = {
        "zxing-cpp": zxing,
        "zxing-cpp no-downscale": ZxingDecoder(try_downscale=False),
        "pyzbar": pyzbar,
        "pyzbar @1/2": HalfSize(pyzbar),
        "chain empty": ChainDecoder([zxing, pyzbar], fallback="empty"),
        DEFAULT: default_decoder(),
    }
    unavailable = [n for n, d in found.items() if not d.available]
    for name in unavailable:
        print(f"! {name}: {found[name].unavailable_reason}", file=sys.stderr)
    return {n: d for n, d in found.items() if d.available}


@dataclass
class Sample:
    kind: str
    payload: str
    image: np.ndarray


def frames(size: tuple[int, int], seeds: int, offset: int = 0) -> list[Sample]:
    out = []
    for kind in FRAME_KINDS:
        for seed in range(offset, offset + seeds):
            payload = token(seed)
            out.append(Sample(kind, payload, make_frame(kind, payload, size, seed)))
    return out


def ms_stats(values: list[float]) -> dict[str, float]:
    return {
        "median": round(statistics.median(values), 3),
        "p95": round(float(np.percentile(values, 95)), 3),
        "n": len(values),
    }


def time_engines(decoders: dict[str, Decoder], samples: list[Sample], repeats: int) -> dict:
    calls: dict[str, dict[str, list[float]]] = {
        n: {"all": [], "no_code": [], "card": []} for n in decoders
    }
    names = list(decoders)
    for sample in samples:  # warm-up: first calls allocate
        for name in names:
            decoders[name].decode(sample.image)
        break
    for repeat in range(repeats):
        for index, sample in enumerate(samples):
            turn = (index + repeat) % len(names)  # nobody always runs first
            for name in names[turn:] + names[:turn]:
                start = time.perf_counter()
                decoders[name].decode(sample.image)
                elapsed = (time.perf_counter() - start) * 1000
                calls[name]["all"].append(elapsed)
                calls[name]["no_code" if sample.kind == "no_code" else "card"].append(elapsed)
    return {n: {part: ms_stats(v) for part, v in parts.items()} for n, parts in calls.items()}


def read_rates(decoders: dict[str, Decoder], samples: list[Sample]) -> dict:
    rates: dict[str, dict] = {}
    for name, decoder in decoders.items():
        counts = {key: dict.fromkeys(FRAME_KINDS, 0) for key in ("frames", "read", "false")}
        for sample in samples:
            texts = decoder.decode(sample.image)
            counts["frames"][sample.kind] += 1
            counts["read"][sample.kind] += sample.payload in texts
            counts["false"][sample.kind] += sum(text != sample.payload for text in texts)
        counts["false_reads"] = sum(counts["false"].values())  # type: ignore[assignment]
        rates[name] = counts
    return rates


def real_photos(decoders: dict[str, Decoder]) -> dict | None:
    if not REAL_DIR.is_dir():
        return None
    photos = []
    for path in sorted(REAL_DIR.rglob("*")):
        expected_file = path.with_suffix(".txt")
        if path.suffix.lower() not in IMAGE_SUFFIXES or not expected_file.exists():
            continue
        image = cv2.imread(str(path), cv2.IMREAD_COLOR)
        if image is not None:
            photos.append((path, image, expected_file.read_bytes().decode("utf-8", "replace")))
    result: dict = {"photos": len(photos), "engines": {}}
    for name, decoder in decoders.items():
        exact, anything, missed = 0, 0, []
        for path, image, expected in photos:
            texts = decoder.decode(image)
            exact += expected in texts
            anything += bool(texts)
            if expected not in texts:
                missed.append(str(path.relative_to(REAL_DIR)))
        result["engines"][name] = {"read": exact, "decoded_something": anything, "missed": missed}
    return result


def versions() -> dict[str, str]:
    out = {"python": platform.python_version(), "machine": platform.machine()}
    for package in ("zxing-cpp", "pyzbar", "opencv-python-headless", "numpy"):
        try:
            out[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            out[package] = "absent"
    out["cpus"] = str(os.cpu_count())
    return out


def print_report(report: dict) -> None:
    names = list(report["engines"])
    width = max(len(n) for n in names) + 2
    print(f"\nQR decoders; default = {report['engines'][DEFAULT]}; {report['versions']}\n")
    print("Time per frame, ms (BGR frame in, texts out)")
    header = f"{'engine':<{width}}"
    for w, h in SIZES:
        header += f"{f'{w}x{h} med':>13}{'p95':>8}{'idle med':>10}{'card med':>10}"
    print(header)
    for name in names:
        line = f"{name:<{width}}"
        for w, h in SIZES:
            t = report["time"][f"{w}x{h}"][name]
            line += f"{t['all']['median']:>13.2f}{t['all']['p95']:>8.2f}"
            line += f"{t['no_code']['median']:>10.2f}{t['card']['median']:>10.2f}"
        print(line)
    for key, value in report["ratios"].items():
        print(f"  {key}: {value:.1f}x")

    for size, rates in report["read_rate"].items():
        print(f"\nRead rate at {size} (frames read / frames; no_code: texts read)")
        print(f"{'engine':<{width}}" + "".join(f"{k[:12]:>13}" for k in FRAME_KINDS) + "  false")
        for name in names:
            r = rates[name]
            cells = []
            for kind in FRAME_KINDS:
                n = r["frames"][kind]
                if kind == "no_code":  # frames without a code: any text is a false read
                    cells.append(f"{r['false'][kind]} false")
                else:
                    cells.append(f"{r['read'][kind]}/{n}")
            row = "".join(f"{c:>13}" for c in cells)
            print(f"{name:<{width}}{row}{r['false_reads']:>7}")

    real = report["real_photos"]
    if real is None:
        print(f"\nReal photos: {REAL_DIR} absent, skipped")
        return
    print(f"\nReal photos ({real['photos']} in {REAL_DIR}): exact reads")
    for name in names:
        e = real["engines"][name]
        share = 100 * e["read"] / max(1, real["photos"])
        print(f"{name:<{width}}{e['read']:>5} ({share:.1f}%)", end="")
        print(f"  decoded something: {e['decoded_something']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--time-seeds", type=int, default=6, help="timed frames per kind")
    parser.add_argument("--repeats", type=int, default=3, help="passes over the timed frames")
    parser.add_argument("--rate-seeds", type=int, default=30, help="read-rate frames per kind")
    parser.add_argument("--json", type=Path, default=Path("bench-results/decoders.json"))
    args = parser.parse_args(argv)

    decoders = engines()
    started = time.perf_counter()
    report: dict = {
        "versions": versions(),
        "engines": {name: d.name for name, d in decoders.items()},
        "settings": vars(args) | {"json": str(args.json)},
        "time": {},
        "read_rate": {},
    }
    for size in SIZES:
        key = f"{size[0]}x{size[1]}"
        print(f"timing at {key} ...", file=sys.stderr)
        report["time"][key] = time_engines(decoders, frames(size, args.time_seeds), args.repeats)
        print(f"read rate at {key} ...", file=sys.stderr)
        # other seeds than the timed frames: the rate is not tuned on what was timed
        rate_samples = frames(size, args.rate_seeds, offset=1000)
        report["read_rate"][key] = read_rates(decoders, rate_samples)
    print("real photos ...", file=sys.stderr)
    report["real_photos"] = real_photos(decoders)

    ratios = {}
    for size in ("640x480", "1280x720"):
        t = report["time"][size]
        if "pyzbar" in t:
            ratios[f"pyzbar / zxing-cpp median at {size}"] = (
                t["pyzbar"]["all"]["median"] / t["zxing-cpp"]["all"]["median"]
            )
            ratios[f"pyzbar / default median at {size}"] = (
                t["pyzbar"]["all"]["median"] / t[DEFAULT]["all"]["median"]
            )
    report["ratios"] = {k: round(v, 2) for k, v in ratios.items()}
    report["elapsed_s"] = round(time.perf_counter() - started, 1)

    print_report(report)
    print(f"\n{report['elapsed_s']} s; JSON in {args.json}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
