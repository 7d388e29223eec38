"""Show an open window's fixed texts in the language just installed, without rebuilding it.

Installing translators (language.install_translators) makes Qt send QEvent.LanguageChange to
every widget. Each top-level window of ours (the main window, its dialogs) answers in its
`changeEvent` with `Retranslatable.retranslate_window()`:

1. `retranslate_texts(window, old, new)` re-says the fixed texts the window was built with —
   labels, buttons, group titles, tab names, menus and actions, tooltips, placeholders, combo
   items, table headers. Every such text is a message of the translation catalog
   (resources/translations/playground_ja.ts): the text shown is looked up among the messages
   of the language shown so far, under the context of the class that owns the widget (the
   widget or its nearest ancestor whose class translates that source), and replaced by the
   same message in the new language. A text that is not a catalog message as a whole — a
   number, a name, a sentence with figures filled in — is left alone.
2. `retranslate()` — each window's own — renders what depends on state (the current result,
   the runs' names, status figures, a validation message, a dialog's results) from that state,
   in the new language; plots re-set their titles and axes.

Editable contents (what the user typed) are never touched.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from functools import lru_cache

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QTableWidget,
    QTabWidget,
    QTextEdit,
    QToolBox,
    QTreeWidget,
    QWidget,
)

from playground.core.config.presets import resource_path
from playground.gui.i18n.language import shown_language

__all__ = ["Retranslatable", "message_of", "retranslate_texts", "said_again"]

Key = tuple[str, str, str]  # (context, source, disambiguation)


@lru_cache(maxsize=None)
def _catalog() -> dict[str, dict[str, list[Key]]]:
    """For each language, the text a message shows -> the messages that show it (numerus
    messages left out: a count makes them a text with state, re-rendered by its owner)."""
    shown: dict[str, dict[str, list[Key]]] = {"en": {}, "ja": {}}
    root = ET.parse(str(resource_path("translations", "playground_ja.ts"))).getroot()
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            if message.get("numerus") == "yes":
                continue
            source = message.findtext("source") or ""
            key = (name, source, message.findtext("comment") or "")
            shown["en"].setdefault(source, []).append(key)
            translation = message.findtext("translation") or ""
            if translation:
                shown["ja"].setdefault(translation, []).append(key)
    return shown


def _contexts(obj: QObject) -> list[str]:
    """The class names that may have translated `obj`'s texts, nearest first: its own classes,
    then its parents' (a panel's self.tr() labels its child widgets)."""
    names: list[str] = []
    while obj is not None:
        for cls in type(obj).__mro__:
            if cls.__module__.startswith("playground") and cls.__name__ not in names:
                names.append(cls.__name__)
        obj = obj.parent()
    return names


def message_of(text: str, language: str, owner: QObject | None = None) -> Key | None:
    """The catalog message that shows as `text` in `language`, preferring the contexts of
    `owner` and its ancestors; None when `text` is no message."""
    keys = _catalog().get(language, {}).get(text)
    if not keys:
        return None
    if len(keys) > 1 and owner is not None:
        for context in _contexts(owner):
            for key in keys:
                if key[0] == context:
                    return key
    # Translated outside its widget's classes (e.g. under "LayerHelp"): a message without a
    # disambiguation is the plain one; one with it ("variant") is meant for its special place.
    return min(keys, key=lambda key: bool(key[2]))


def said_again(text: str, owner: QObject | None = None) -> str:
    """`text` in the installed language if it is a catalog message shown in another language
    (e.g. a status bar message from before a switch); otherwise `text` as it is."""
    for language in _catalog():
        if language != shown_language():
            new = _translated(text, language, owner)
            if new is not None:
                return new
    return text


def _translated(text: str, old: str, owner: QObject | None) -> str | None:
    if not text:
        return None
    key = message_of(text, old, owner)
    if key is None:
        return None
    context, source, comment = key
    new = QCoreApplication.translate(context, source, comment or None)
    return new if new != text else None


def _set(getter, setter, old: str, owner) -> None:
    new = _translated(getter(), old, owner)
    if new is not None:
        setter(new)


def _owned_by(widget: QWidget, root: QWidget) -> bool:
    """A widget of `root`'s own window (a menu counts with the window it opens from), not of a
    dialog that merely has `root` as its parent: that dialog retranslates itself."""
    while widget is not None:
        if widget is root:
            return True
        if widget.isWindow() and not isinstance(widget, QMenu):
            return False
        widget = widget.parentWidget()
    return False


def _widget_texts(w: QWidget, old: str) -> None:
    _set(w.toolTip, w.setToolTip, old, w)
    _set(w.statusTip, w.setStatusTip, old, w)
    _set(w.whatsThis, w.setWhatsThis, old, w)
    if w.isWindow():
        _set(w.windowTitle, w.setWindowTitle, old, w)
    if isinstance(w, (QLabel, QAbstractButton)):
        _set(w.text, w.setText, old, w)
    elif isinstance(w, QGroupBox):
        _set(w.title, w.setTitle, old, w)
    elif isinstance(w, (QLineEdit, QPlainTextEdit, QTextEdit)):
        _set(w.placeholderText, w.setPlaceholderText, old, w)
    elif isinstance(w, QTabWidget):
        for i in range(w.count()):
            _set(lambda i=i: w.tabText(i), lambda t, i=i: w.setTabText(i, t), old, w)
            _set(lambda i=i: w.tabToolTip(i), lambda t, i=i: w.setTabToolTip(i, t), old, w)
    elif isinstance(w, QToolBox):
        for i in range(w.count()):
            _set(lambda i=i: w.itemText(i), lambda t, i=i: w.setItemText(i, t), old, w)
    elif isinstance(w, QComboBox):
        for i in range(w.count()):
            _set(lambda i=i: w.itemText(i), lambda t, i=i: w.setItemText(i, t), old, w)
            tip = Qt.ItemDataRole.ToolTipRole
            _set(lambda i=i: str(w.itemData(i, tip) or ""), lambda t, i=i: w.setItemData(i, t, tip), old, w)
    elif isinstance(w, QAbstractSpinBox):
        for name in ("prefix", "suffix", "specialValueText"):
            if hasattr(w, name):
                setter = getattr(w, "set" + name[0].upper() + name[1:])
                _set(getattr(w, name), setter, old, w)
    elif isinstance(w, QTableWidget):
        items = [w.horizontalHeaderItem(i) for i in range(w.columnCount())]
        items += [w.verticalHeaderItem(i) for i in range(w.rowCount())]
        _items(items, old, w)
    elif isinstance(w, QTreeWidget):
        header = w.headerItem()
        for i in range(w.columnCount()):
            _set(lambda i=i: header.text(i), lambda t, i=i: header.setText(i, t), old, w)
    elif isinstance(w, QListWidget):
        items = [w.item(i) for i in range(w.count())]
        if w.property("fixed_item_texts"):  # identifiers (the palette's layer types): only the tooltips
            for item in items:
                _set(item.toolTip, item.setToolTip, old, w)
        else:
            _items(items, old, w)


def _items(items, old: str, owner) -> None:
    for item in items:
        if item is not None:
            _set(item.text, item.setText, old, owner)
            _set(item.toolTip, item.setToolTip, old, owner)


def _action_texts(action: QAction, old: str) -> None:
    owner = action.parent()
    tip_was_text = action.toolTip() == action.text().replace("&", "")  # Qt's default tooltip
    _set(action.text, action.setText, old, owner)
    if not tip_was_text:
        _set(action.toolTip, action.setToolTip, old, owner)
    _set(action.statusTip, action.setStatusTip, old, owner)
    _set(action.iconText, action.setIconText, old, owner)


def retranslate_texts(root: QWidget, old: str) -> None:
    """Re-say in the installed language every fixed text of `root`'s window shown in `old`."""
    widgets = [root, *(w for w in root.findChildren(QWidget) if _owned_by(w, root))]
    actions: dict[int, QAction] = {}
    for widget in widgets:
        _widget_texts(widget, old)
        for action in widget.actions():
            actions[id(action)] = action
        if isinstance(widget, QMenu):
            actions[id(widget.menuAction())] = widget.menuAction()
    for action in root.findChildren(QAction):
        parent = action.parent()
        if not isinstance(parent, QWidget) or _owned_by(parent, root):
            actions[id(action)] = action
    for action in actions.values():
        _action_texts(action, old)


class Retranslatable:
    """A mixin for our top-level windows (main window, dialogs): on QEvent.LanguageChange the
    fixed texts are re-said (retranslate_texts) and then `retranslate()` re-renders what
    depends on state. A window receives the event more than once (as a top-level, and again
    through its parent), so it remembers the language it shows and does the work once; a
    hidden window (a dialog closed for now) does it when it shows again."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._shown_language = shown_language()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and self.isVisible():
            self.retranslate_window()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # A window hidden at the switch (a dialog closed for now) catches up when it shows again.
        if getattr(self, "_shown_language", None) != shown_language():
            self.retranslate_window()
        super().showEvent(event)

    def retranslate_window(self) -> None:
        old = getattr(self, "_shown_language", "en")
        new = shown_language()
        if old == new:
            return
        self._shown_language = new
        retranslate_texts(self, old)
        self.retranslate()

    def retranslate(self) -> None:
        """Re-render the texts that depend on state, in the installed language."""
