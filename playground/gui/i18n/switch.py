"""Switch the UI language without a restart, the way Qt means it: install the new translators.

Qt then sends QEvent.LanguageChange to every widget, and each window of ours (the main window
and its dialogs, `Retranslatable` in retranslate.py) re-says its fixed texts and re-renders
what depends on state — the result, the runs' names, the status figures, the log, a dialog's
results — from that state. Nothing is rebuilt, so nothing is lost: the settings, the runs, the
project and its unsaved flag, the undo history, open dialogs with their results, and work in
progress (training, a comparison, a search, an export) go on as they were.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from playground.gui.i18n.language import LANGUAGES, effective_language, install_translators, set_chosen_language
from playground.gui.i18n.retranslate import Retranslatable

__all__ = ["switch_language"]


def switch_language(window, language: str):
    """Show the UI in `language` ("en", "ja" or "system") at once; returns `window`, which is
    the window still (callers from before the switch was in place expect a window back)."""
    settings = window.settings
    before = effective_language(settings)
    set_chosen_language(settings, language)
    after = effective_language(settings)
    if after != before:
        app = QApplication.instance()
        install_translators(app, after)
        # The LanguageChange events are posted; retranslate now, so that the window is whole
        # in the new language when this returns (the events then find nothing left to do).
        # The main window first: a dialog may show the window's texts (the guide lists its menus).
        for top in sorted(app.topLevelWidgets(), key=lambda top: top is not window):
            if isinstance(top, Retranslatable) and top.isVisible():  # hidden ones catch up when shown
                top.retranslate_window()
        window.controller.log(
            lambda: QCoreApplication.translate("LanguageSwitch", "Language: {0}").format(LANGUAGES[after])
        )
    window.controller.refresh_language_menu()
    return window

