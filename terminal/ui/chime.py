"""The short sounds of the counter: a chime on a confirmation, a low double tone on a refusal.

Played through QtMultimedia's QSoundEffect (low latency, made for short WAVs), loaded once
at start. The Chime never raises and says in one log line why it cannot sound:
- QtMultimedia cannot load (e.g. Linux without libpulse.so.0): both sounds fall back to
  QApplication.beep();
- no audio output device (offscreen CI, a PC without speakers) or a missing WAV: silent.
`played` records every request either way. GUI thread only.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl
from PySide6.QtWidgets import QApplication

from terminal.resources import sounds_dir

log = logging.getLogger(__name__)

CONFIRM = "confirm"
REFUSE = "refuse"
VOLUME = 0.8


def _sound_effect_class() -> Any:
    """QSoundEffect, or None when QtMultimedia cannot load on this machine."""
    try:
        from PySide6.QtMultimedia import QSoundEffect
    except (ImportError, OSError) as err:  # a missing system audio library
        log.warning("sounds use the system beep: QtMultimedia is unavailable (%s)", err)
        return None
    return QSoundEffect


def _has_audio_output() -> bool:
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except (ImportError, OSError):
        return False
    return bool(QMediaDevices.audioOutputs())


class Chime(QObject):
    """`played` lists, in order, what the terminal asked to play ("confirm" / "refuse"),
    whether or not a speaker was there to play it (tests read it)."""

    def __init__(
        self,
        confirm_wav: Path | None = None,
        refusal_wav: Path | None = None,
        *,
        enabled: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._enabled = enabled
        self.played: list[str] = []
        self._effects: dict[str, Any] = {}
        self._beep_only = False
        paths = {
            CONFIRM: confirm_wav or sounds_dir() / "confirm.wav",
            REFUSE: refusal_wav or sounds_dir() / "refusal.wav",
        }
        effect_class = _sound_effect_class()
        if effect_class is None:
            self._beep_only = True
            return
        if not _has_audio_output():
            log.info("no audio output device: the counter's sounds are silent")
            return
        for name, path in paths.items():
            if not Path(path).is_file():
                log.warning("sound file %s is missing: that sound is silent", path)
                continue
            effect = effect_class(self)
            effect.setSource(QUrl.fromLocalFile(str(path)))
            effect.setVolume(VOLUME)
            self._effects[name] = effect

    @property
    def enabled(self) -> bool:
        return self._enabled

    @property
    def audible(self) -> bool:
        """Whether a real sound can come out (QtMultimedia works and a device exists)."""
        return bool(self._effects)

    def set_enabled(self, enabled: bool) -> None:
        self._enabled = enabled
        if not enabled:
            for effect in self._effects.values():
                effect.stop()

    def confirm(self) -> None:
        self._play(CONFIRM)

    def refuse(self) -> None:
        self._play(REFUSE)

    def _play(self, name: str) -> None:
        if not self._enabled:
            return
        self.played.append(name)
        effect = self._effects.get(name)
        if effect is not None:
            effect.play()
        elif self._beep_only:
            QApplication.beep()
