"""The counter's look: one style sheet (resources/style.qss) over a light or dark palette.

The sheet takes its neutral colours from the palette (`palette(window)`, `palette(text)`,
`palette(highlight)`...), so the same sheet reads well on the system's light or dark
theme; `dark=True` forces a dark Fusion palette (screenshots, tests, a dim shop),
`dark=False` the light Fusion one, and `None` follows the system: Qt 6 reports the colour
scheme through `styleHints().colorScheme()`, and when the platform style says "dark" but
still paints a light palette (some Windows and Linux styles do), the dark Fusion palette
stands in. GUI thread only.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from terminal.resources import style_sheet_path

log = logging.getLogger(__name__)

RESOURCES_TOKEN = "@resources/"  # noqa: S105 (a path prefix, not a secret)
Role = QPalette.ColorRole
Group = QPalette.ColorGroup

_DARK = {
    Role.Window: (40, 40, 44),
    Role.WindowText: (232, 232, 232),
    Role.Base: (28, 28, 31),
    Role.AlternateBase: (48, 48, 53),
    Role.ToolTipBase: (56, 57, 62),
    Role.ToolTipText: (232, 232, 232),
    Role.PlaceholderText: (150, 150, 150),
    Role.Text: (232, 232, 232),
    Role.Button: (56, 57, 62),
    Role.ButtonText: (232, 232, 232),
    Role.BrightText: (255, 138, 128),
    Role.Light: (80, 80, 86),
    Role.Midlight: (66, 66, 72),
    Role.Mid: (120, 120, 128),  # borders: 3:1 against the window
    Role.Dark: (24, 24, 26),
    Role.Shadow: (0, 0, 0),
    Role.Highlight: (33, 104, 184),  # white on it: 5.6:1
    Role.HighlightedText: (255, 255, 255),
    Role.Link: (110, 170, 255),
    Role.LinkVisited: (190, 150, 255),
}
_DARK_DISABLED = {
    Role.WindowText: (128, 128, 128),
    Role.Text: (128, 128, 128),
    Role.ButtonText: (128, 128, 128),
    Role.Highlight: (70, 70, 76),
    Role.HighlightedText: (160, 160, 160),
}


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, rgb in _DARK.items():
        palette.setColor(role, QColor(*rgb))
    for role, rgb in _DARK_DISABLED.items():
        palette.setColor(Group.Disabled, role, QColor(*rgb))
    return palette


def is_dark(palette: QPalette) -> bool:
    return palette.color(Role.Window).lightness() < 128


def system_prefers_dark(app: QApplication) -> bool:
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def load_style_sheet(path: Path | None = None) -> str:
    """The sheet's text, its `@resources/` urls pointing into the folder beside it (Qt
    resolves relative urls against the working directory, which is anywhere)."""
    path = path or style_sheet_path()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        log.warning("no style sheet (%s): the terminal uses the plain system look", err)
        return ""
    return text.replace(RESOURCES_TOKEN, path.resolve().parent.as_posix() + "/")


def apply_style(app: QApplication, *, dark: bool | None = None, sheet: Path | None = None) -> None:
    """Set the palette (see the module docstring for `dark`), then the style sheet.

    The sheet is set after the palette because its palette() references are resolved
    against the palette in force when it is applied.
    """
    if dark is True:
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
    elif dark is False:
        app.setStyle("Fusion")
        app.setPalette(app.style().standardPalette())
    elif system_prefers_dark(app) and not is_dark(app.palette()):
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
    app.setStyleSheet(load_style_sheet(sheet))
    app.setProperty("loyaltyDarkForced", dark)
    if dark is None and not app.property("loyaltyFollowsScheme"):
        app.setProperty("loyaltyFollowsScheme", True)
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: _follow_system(app, sheet))


def _follow_system(app: QApplication, sheet: Path | None) -> None:
    """The system switched light/dark while running: re-apply unless a look was forced."""
    if app.property("loyaltyDarkForced") is None:
        app.setPalette(app.style().standardPalette())
        apply_style(app, dark=None, sheet=sheet)
