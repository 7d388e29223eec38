"""UI language: English or Japanese, following the system locale unless the user chose one.

Translations are Qt .qm files under resources/translations/ made from the .ts sources with
`pyside6-lupdate` / `pyside6-lrelease` (see resources/translations/README.md).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from playground.core.config.presets import resource_path

LANGUAGES = {"en": "English", "ja": "日本語"}
_SETTING = "ui/language"  # "system" | "en" | "ja"

_installed: list[QTranslator] = []
_shown = ["en"]  # the language whose translators are installed (English when none are)


def shown_language() -> str:
    """The language the UI is shown in now: the one `install_translators` installed last."""
    return _shown[0]


def chosen_language(settings: QSettings) -> str:
    return str(settings.value(_SETTING, "system"))


def set_chosen_language(settings: QSettings, language: str) -> None:
    settings.setValue(_SETTING, language)


def effective_language(settings: QSettings) -> str:
    """The language to show: the user's choice, else the system's if we have it, else English."""
    choice = chosen_language(settings)
    if choice in LANGUAGES:
        return choice
    system = QLocale.system().name().split("_")[0]
    return system if system in LANGUAGES else "en"


def install_translators(app: QCoreApplication, language: str) -> bool:
    """Install the app's and Qt's own translations for `language`; True if the app's loaded."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _shown[0] = language if language in LANGUAGES else "en"
    if language == "en":
        # English needs only the singular and plural of counted texts ("1 epoch", "2 epochs"):
        # playground_en.qm holds just those (resources/translations/english_plurals.py).
        plurals = QTranslator(app)
        if plurals.load(str(resource_path("translations", "playground_en.qm"))):
            app.installTranslator(plurals)
            _installed.append(plurals)
        return True
    ours = QTranslator(app)
    loaded = ours.load(str(resource_path("translations", f"playground_{language}.qm")))
    if loaded:
        app.installTranslator(ours)
        _installed.append(ours)
    qt = QTranslator(app)  # standard dialog buttons (Save, Cancel, ...)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return loaded
