"""The card reader: cameras that deliver pictures, and the QR decoding engines."""

from __future__ import annotations

from collections.abc import Mapping

from terminal.doctor.outcome import Check, Outcome
from terminal.scanner.camera import CameraInfo
from terminal.scanner.decoders import Decoder


def check_cameras(cameras: list[CameraInfo], configured_index: int = 0) -> Check:
    working = [c for c in cameras if c.delivers_frames]
    if working:
        listed = ", ".join(f"#{c.index} {c.width}x{c.height} ({c.backend})" for c in working)
        if all(c.index != configured_index for c in working):
            return Check(
                "camera",
                Outcome.WARN,
                f"settings use camera #{configured_index}, which sends no pictures; found "
                f"{listed}: set camera_index in settings.toml",
            )
        return Check("camera", Outcome.OK, f"{len(working)} found: {listed}")
    if cameras:
        busy = ", ".join(f"#{c.index}" for c in cameras)
        return Check(
            "camera",
            Outcome.FAIL,
            f"camera {busy} present but sends no pictures: close other programs using it",
        )
    return Check(
        "camera",
        Outcome.FAIL,
        "no camera found: plug one in (cards can still be typed or read by a USB scanner)",
    )


def check_decoders(decoders: Mapping[str, Decoder], default_name: str) -> list[Check]:
    checks = []
    for name, decoder in decoders.items():
        role = "default" if name == default_name else "second engine"
        if decoder.available:
            checks.append(Check(f"decoder {name}", Outcome.OK, f"available ({role})"))
        else:
            outcome = Outcome.FAIL if name == default_name else Outcome.WARN
            checks.append(
                Check(f"decoder {name}", outcome, decoder.unavailable_reason or "unavailable")
            )
    return checks
