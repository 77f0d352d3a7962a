"""Language switching, the feedback sounds and the counter's style sheet, on the real files."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QTranslator,
    qInstallMessageHandler,
)
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from terminal import linguist
from terminal.resources import sounds_dir, style_sheet_path, translations_dir
from terminal.ui.chime import Chime
from terminal.ui.dialogs.base import OperationDialog
from terminal.ui.i18n import LANGUAGES, current_language, install_language
from terminal.ui.style import apply_style, dark_palette, is_dark, load_style_sheet

CONTEXT, SOURCE = "OperationDialog", "Cancel (Esc)"


def committed_translation(language: str, context: str, source: str) -> str:
    for m in linguist.read_messages(translations_dir() / f"loyalty_{language}.ts"):
        if (m.context, m.source) == (context, source) and not m.numerus:
            return m.forms[0]
    raise LookupError(source)


def first_plural(language: str) -> linguist.Message:
    ts = translations_dir() / f"loyalty_{language}.ts"
    for m in linguist.read_messages(ts):
        if m.numerus and m.kind == "" and all(m.forms):
            return m
    pytest.skip(f"no translated plural message in {ts.name} yet")


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    install_language(qapp, "en")


class CancelOnlyDialog(OperationDialog):
    """The lead's base dialog, subclassed as every real dialog is (tr() through the MRO)."""

    def __init__(self) -> None:
        super().__init__()
        self.retranslate()

    def values(self) -> object:
        return None


# --- translations ---------------------------------------------------------------------------


def test_languages_offered() -> None:
    assert LANGUAGES == {"en": "English", "fr": "Français", "de": "Deutsch"}


@pytest.mark.parametrize("language", ["fr", "de"])
def test_install_language_translates_then_back_to_english(app: QApplication, language: str) -> None:
    expected = committed_translation(language, CONTEXT, SOURCE)
    assert expected != SOURCE

    install_language(app, language)
    assert QCoreApplication.translate(CONTEXT, SOURCE) == expected
    assert QLocale().language() == QLocale(language).language()
    assert current_language(app) == language

    install_language(app, "en")
    assert QCoreApplication.translate(CONTEXT, SOURCE) == SOURCE
    assert QLocale().language() == QLocale.Language.English
    assert current_language(app) == "en"


def test_french_and_german_plural_forms(app: QApplication) -> None:
    for language, zero_form in (("fr", 0), ("de", 1)):  # French says "0 point", German "0 Punkte"
        message = first_plural(language)
        install_language(app, language)

        def translate(n: int, m: linguist.Message = message) -> str:
            return QCoreApplication.translate(m.context, m.source, m.comment or None, n)

        assert translate(1) == message.forms[0].replace("%n", "1")
        assert translate(3) == message.forms[1].replace("%n", "3")
        assert translate(0) == message.forms[zero_form].replace("%n", "0")


def test_a_dialog_retranslates_when_the_language_changes(app: QApplication, qtbot: QtBot) -> None:
    dialog = CancelOnlyDialog()
    qtbot.addWidget(dialog)
    assert dialog.cancel_button.text() == SOURCE

    install_language(app, "de")
    german = committed_translation("de", CONTEXT, SOURCE)
    qtbot.waitUntil(lambda: dialog.cancel_button.text() == german)
    assert dialog.cancel_button.accessibleName() == committed_translation("de", CONTEXT, "Cancel")

    install_language(app, "fr")
    french = committed_translation("fr", CONTEXT, SOURCE)
    qtbot.waitUntil(lambda: dialog.cancel_button.text() == french)

    install_language(app, "en")
    qtbot.waitUntil(lambda: dialog.cancel_button.text() == SOURCE)


def test_qt_standard_buttons_follow_the_language(app: QApplication) -> None:
    qt_folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    if not (qt_folder / "qtbase_fr.qm").is_file():
        pytest.skip("Qt's own translations are not installed here")
    install_language(app, "fr")
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Annuler"


def test_switching_languages_replaces_the_translators(app: QApplication) -> None:
    for language in ("fr", "de", "fr", "de"):
        install_language(app, language)
    ours = app.findChildren(QTranslator, "loyalty-terminal-translator")
    assert len(ours) <= 2  # the terminal's and Qt's own, never a pile
    install_language(app, "en")
    assert app.findChildren(QTranslator, "loyalty-terminal-translator") == []


def test_unknown_language_is_english_with_a_log_line(
    app: QApplication, caplog: pytest.LogCaptureFixture
) -> None:
    install_language(app, "fr")
    with caplog.at_level(logging.WARNING, logger="terminal.ui.i18n"):
        install_language(app, "tlh")
    assert "'tlh' is not available" in caplog.text
    assert QCoreApplication.translate(CONTEXT, SOURCE) == SOURCE
    assert current_language(app) == "en"


def test_regional_variants_use_the_language(app: QApplication) -> None:
    install_language(app, "fr_CA")
    assert current_language(app) == "fr"
    assert QCoreApplication.translate(CONTEXT, SOURCE) == committed_translation(
        "fr", CONTEXT, SOURCE
    )


def test_a_missing_qm_leaves_english(
    app: QApplication, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="terminal.ui.i18n"):
        install_language(app, "de", translations=tmp_path)
    assert "no loyalty_de.qm" in caplog.text
    assert current_language(app) == "en"
    assert QCoreApplication.translate(CONTEXT, SOURCE) == SOURCE


# --- sounds ---------------------------------------------------------------------------------


def make_chime(enabled: bool = True) -> Chime:
    return Chime(sounds_dir() / "confirm.wav", sounds_dir() / "refusal.wav", enabled=enabled)


def test_chime_counts_what_it_plays(qapp: QApplication) -> None:
    chime = make_chime()
    chime.confirm()
    chime.refuse()
    chime.confirm()
    assert chime.played == ["confirm", "refuse", "confirm"]


def test_chime_respects_enabled(qapp: QApplication) -> None:
    chime = make_chime(enabled=False)
    chime.confirm()
    chime.refuse()
    assert chime.played == []
    chime.set_enabled(True)
    chime.refuse()
    chime.set_enabled(False)
    chime.confirm()
    assert chime.played == ["refuse"]
    assert not chime.enabled


def test_chime_without_its_files_stays_quiet(qapp: QApplication, tmp_path: Path) -> None:
    chime = Chime(tmp_path / "none.wav", tmp_path / "nothing.wav", enabled=True)
    chime.confirm()
    assert chime.played == ["confirm"]
    assert not chime.audible


# --- style ----------------------------------------------------------------------------------


@pytest.fixture
def styled(qapp: QApplication) -> Iterator[QApplication]:
    style_name = qapp.style().name()
    palette = qapp.palette()
    yield qapp
    qapp.setStyleSheet("")
    qapp.setStyle(style_name or "Fusion")
    qapp.setPalette(palette)


def test_apply_style_dark_sets_the_sheet_and_a_dark_palette(
    styled: QApplication, qtbot: QtBot
) -> None:
    apply_style(styled, dark=True)
    assert styled.styleSheet() == load_style_sheet(style_sheet_path())
    assert "QPushButton#primary" in styled.styleSheet()
    assert is_dark(styled.palette())
    assert styled.palette().color(QPalette.ColorRole.Window) == dark_palette().color(
        QPalette.ColorRole.Window
    )


def test_the_sheet_points_at_files_that_exist() -> None:
    sheet = load_style_sheet()
    assert "@resources/" not in sheet
    urls = re.findall(r'url\("([^"]+)"\)', sheet)
    assert urls
    for url in urls:
        assert Path(url).is_file(), url


def test_apply_style_light(styled: QApplication) -> None:
    apply_style(styled, dark=False)
    assert not is_dark(styled.palette())
    assert styled.styleSheet()


def test_apply_style_following_the_system(styled: QApplication) -> None:
    apply_style(styled)
    assert styled.styleSheet()


@pytest.mark.parametrize("dark", [True, False])
def test_controls_are_touch_sized_and_the_sheet_parses(
    styled: QApplication, qtbot: QtBot, dark: bool
) -> None:
    messages: list[str] = []
    previous = qInstallMessageHandler(lambda _mode, _context, text: messages.append(text))
    try:
        apply_style(styled, dark=dark)
        primary = QPushButton("Find (Enter)")
        primary.setObjectName("primary")
        plain = QPushButton("Cancel")
        field = QLineEdit()
        for widget in (primary, plain, field):
            qtbot.addWidget(widget)
            widget.show()
            assert widget.sizeHint().height() >= 48, widget
    finally:
        qInstallMessageHandler(previous)
    assert not [m for m in messages if "style" in m.lower()]
