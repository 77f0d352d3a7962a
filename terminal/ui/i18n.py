"""Switch the terminal's language at run time, through Qt's translation system.

`install_language(app, "fr")` replaces the terminal's translators with
`resources/translations/loyalty_fr.qm` plus Qt's own `qtbase_fr.qm` (standard dialog
buttons, context menus), and makes French the default QLocale (numbers, dates). Installing
or removing a translator makes Qt post a LanguageChange event to every widget: each one
re-sets its texts in `changeEvent` (see OperationDialog.retranslate). English is the source
language, so it needs no translator. GUI thread only.

The .qm files are built by `python -m terminal.resources_build translations`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from terminal.resources import translations_dir

log = logging.getLogger(__name__)

LANGUAGES = {"en": "English", "fr": "Français", "de": "Deutsch"}
SOURCE_LANGUAGE = "en"
_TRANSLATOR_NAME = "loyalty-terminal-translator"


def _language_code(language: str | None) -> str:
    return (language or "").replace("-", "_").split("_")[0].strip().lower()


def normalize_language(language: str | None) -> str:
    """'fr', 'fr_FR', 'fr-CA', 'FR' -> 'fr'; an unsupported or empty language -> 'en'."""
    code = _language_code(language)
    return code if code in LANGUAGES else SOURCE_LANGUAGE


def system_language() -> str:
    """The operating system's language when the terminal speaks it, else English."""
    return normalize_language(QLocale.system().name())


def current_language(app: QCoreApplication) -> str:
    """What the last install_language set ('en' before any)."""
    return str(app.property("loyaltyLanguage") or SOURCE_LANGUAGE)


def install_language(
    app: QCoreApplication, language: str, *, translations: Path | None = None
) -> None:
    """Make `language` the terminal's language (unknown -> English, with a log line).

    `translations` is the folder of loyalty_<lang>.qm (default: resources/translations).
    """
    wanted = normalize_language(language)
    if wanted != _language_code(language):
        log.warning("language %r is not available, using English", language)

    for old in app.findChildren(QTranslator, _TRANSLATOR_NAME):
        app.removeTranslator(old)
        old.setParent(None)  # dropping the last Python reference frees it

    if wanted != SOURCE_LANGUAGE:
        folder = translations or translations_dir()
        ours = _load(app, f"loyalty_{wanted}", folder)
        if ours is None:
            log.warning("no loyalty_%s.qm in %s, the terminal stays in English", wanted, folder)
            wanted = SOURCE_LANGUAGE
        else:
            qt_folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
            qt_own = _load(app, f"qtbase_{wanted}", qt_folder)
            if qt_own is None:
                log.info("Qt's own %s translation is not installed", wanted)
            else:
                app.installTranslator(qt_own)
            app.installTranslator(ours)  # installed last, searched first

    QLocale.setDefault(QLocale(wanted))
    app.setProperty("loyaltyLanguage", wanted)
    log.info("language: %s", LANGUAGES[wanted])


def _load(app: QCoreApplication, name: str, folder: Path) -> QTranslator | None:
    """A translator owned by `app` (so the next switch finds it), or None when absent."""
    translator = QTranslator(app)
    translator.setObjectName(_TRANSLATOR_NAME)
    if translator.load(name, str(folder)):
        return translator
    translator.setParent(None)
    return None
