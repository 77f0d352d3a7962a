"""Where the committed resources (translations, sounds, style sheet) live.

One place for the path, so the GUI, the build command and a packaged build agree: the
top-level `resources/` folder beside the `terminal` package (in a PyInstaller one-folder
build, the spec copies it to the same place relative to the bundled `terminal`).
"""

from __future__ import annotations

from pathlib import Path


def resources_dir() -> Path:
    return Path(__file__).resolve().parents[1] / "resources"


def translations_dir(resources: Path | None = None) -> Path:
    return (resources or resources_dir()) / "translations"


def sounds_dir(resources: Path | None = None) -> Path:
    return (resources or resources_dir()) / "sounds"


def style_sheet_path(resources: Path | None = None) -> Path:
    return (resources or resources_dir()) / "style.qss"
