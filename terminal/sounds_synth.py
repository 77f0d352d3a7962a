"""The counter's two feedback sounds, synthesised with the standard library only.

Deterministic byte for byte (no randomness, no timestamps in the WAV header), so
`python -m terminal.resources_build check` can compare the committed files with a fresh
generation. 44.1 kHz, 16-bit, mono.

- confirm: a two-note rising chime (G5 then C6, a fourth up), ~220 ms, soft bell-like
  partials with a quick exponential decay.
- refusal: a low double tone (two short A3 beeps with a few odd harmonics so small PC
  speakers still render it), ~270 ms.

Every note starts with a raised-cosine fade-in and ends with a raised-cosine fade-out, so
neither sound clicks; the mix is normalised to a fixed peak well below full scale.
"""

from __future__ import annotations

import io
import math
import struct
import wave
from dataclasses import dataclass

RATE = 44_100
SAMPLE_WIDTH = 2  # bytes: 16-bit
PEAK = 0.55  # of full scale, about -5 dBFS: clearly audible, never clipping


@dataclass(frozen=True)
class Note:
    start_s: float
    length_s: float
    frequency_hz: float
    partials: tuple[tuple[int, float], ...]  # (harmonic number, relative amplitude)
    decay_s: float  # exponential decay time constant
    fade_in_s: float = 0.006
    fade_out_s: float = 0.025


CONFIRM = (
    Note(0.000, 0.100, 783.99, ((1, 1.0), (2, 0.30), (3, 0.08)), decay_s=0.090),
    Note(0.085, 0.135, 1046.50, ((1, 1.0), (2, 0.25), (3, 0.06)), decay_s=0.080),
)
REFUSAL = (
    Note(0.000, 0.105, 220.0, ((1, 1.0), (3, 0.30), (5, 0.12)), decay_s=0.300, fade_out_s=0.02),
    Note(0.165, 0.105, 220.0, ((1, 1.0), (3, 0.30), (5, 0.12)), decay_s=0.300, fade_out_s=0.02),
)
SOUNDS: dict[str, tuple[Note, ...]] = {"confirm.wav": CONFIRM, "refusal.wav": REFUSAL}


def _raised_cosine(t: float, length: float) -> float:
    """0 -> 1 over `length` seconds, with zero slope at both ends."""
    if t >= length:
        return 1.0
    return 0.5 - 0.5 * math.cos(math.pi * t / length)


def _render(notes: tuple[Note, ...]) -> list[float]:
    total = max(n.start_s + n.length_s for n in notes)
    mix = [0.0] * round(total * RATE)
    for note in notes:
        first = round(note.start_s * RATE)
        count = round(note.length_s * RATE)
        norm = sum(amp for _, amp in note.partials)
        for i in range(count):
            t = i / RATE
            envelope = (
                math.exp(-t / note.decay_s)
                * _raised_cosine(t, note.fade_in_s)
                * _raised_cosine(note.length_s - t, note.fade_out_s)
            )
            wave_ = sum(
                amp * math.sin(2 * math.pi * note.frequency_hz * k * t) for k, amp in note.partials
            )
            if first + i < len(mix):
                mix[first + i] += envelope * wave_ / norm
    return mix


def samples(notes: tuple[Note, ...]) -> list[int]:
    """16-bit signed samples, normalised to PEAK."""
    mix = _render(notes)
    loudest = max(abs(s) for s in mix) or 1.0
    scale = PEAK * 32767 / loudest
    return [round(s * scale) for s in mix]


def wav_bytes(notes: tuple[Note, ...]) -> bytes:
    pcm = samples(notes)
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(SAMPLE_WIDTH)
        out.setframerate(RATE)
        out.writeframes(struct.pack(f"<{len(pcm)}h", *pcm))
    return buffer.getvalue()


def all_sounds() -> dict[str, bytes]:
    """File name -> WAV bytes, for every sound the terminal ships."""
    return {name: wav_bytes(notes) for name, notes in SOUNDS.items()}
