"""Help ▸ Guide: a short guide for a beginner (first steps, what each tab does, the lessons in
a suggested order) and the keyboard shortcuts, in one rich-text page.

The shortcuts are read from the window's real actions each time the page is shown, so the
list cannot drift from the keys that work: every action with a shortcut in the menus, under
its menu's title, then the ones that live on a panel (the layer table, the Draw tab's canvas)
with where they work.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMainWindow,
    QMenu,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from playground.gui.i18n.lesson_text import lesson_titles
from playground.gui.i18n.retranslate import Retranslatable

__all__ = ["GuideDialog", "HelpActions", "guide_html", "shortcut_rows"]

# The lessons of Experiments ▸ Compare… in the order a course teaches them: why hidden
# layers, then how to train (optimizers, initialisation, batch norm), then generalisation.
LESSON_ORDER = (
    "xor",
    "optimizers",
    "weight-init-sigmoid",
    "weight-init-relu",
    "batchnorm",
    "residual",
    "overfitting",
    "transfer",
)


def _plain(text: str) -> str:
    """A menu text as read aloud: no mnemonic, as '&F' or in the Japanese style '(&F)' (a
    doubled '&' is a real one), no '…'."""
    text = re.sub(r"\(&[^&)]\)", "", text.replace("&&", "\0"))
    return text.replace("&", "").replace("\0", "&").replace("…", "").strip()


def _keys(action: QAction) -> str:
    return ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts() if not k.isEmpty())


def _text(action: QAction) -> str:
    """What an action does, in a few words: its text, or for an action whose text changes
    (Undo names the edit it undoes) the `guide_text` property it was given."""
    return action.property("guide_text") or _plain(action.text()) or action.toolTip()


def _menu_rows(menu: QMenu, path: str, seen: set[int]) -> list[tuple[str, str, str]]:
    rows = []
    for action in menu.actions():
        if action.menu() is not None:
            rows += _menu_rows(action.menu(), f"{path} ▸ {_plain(action.menu().title())}", seen)
        elif not action.isSeparator() and _keys(action) and id(action) not in seen:
            seen.add(id(action))
            rows.append((path, _text(action), _keys(action)))
    return rows


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(where, what, keys) of every action of `window` that has a shortcut: the menus' first,
    in menu order, then the actions of the panels (which work while that panel has focus)."""
    seen: set[int] = set()
    rows = []
    for action in window.menuBar().actions():
        if action.menu() is not None and action.isVisible():
            rows += _menu_rows(action.menu(), _plain(action.menu().title()), seen)
    for action in window.findChildren(QAction):
        if id(action) in seen or not _keys(action) or not action.isVisible():
            continue
        seen.add(id(action))
        widgets = [w for w in action.associatedObjects() if isinstance(w, QWidget) and not isinstance(w, QMenu)]
        where = _where(widgets[0]) if widgets else ""
        rows.append((where, _text(action), _keys(action)))
    # The Draw tab's canvas handles its keys itself (key handlers, not actions).
    from playground.gui.tabs.draw_canvas import DrawCanvas, canvas_shortcuts

    for canvas in window.findChildren(DrawCanvas)[:1]:
        rows += [(_where(canvas), what, keys) for what, keys in canvas_shortcuts()]
    return rows


def _where(widget: QWidget) -> str:
    """The tab a panel's action works in, e.g. 'Model' for the layer table's."""
    child = widget
    while child is not None:
        parent = child.parentWidget()
        tabs = parent.parentWidget() if parent is not None else None  # a page sits in the tabs' stack
        if isinstance(tabs, QTabWidget) and tabs.indexOf(child) >= 0:
            return _plain(tabs.tabText(tabs.indexOf(child)))
        child = parent
    return ""


translate = QCoreApplication.translate


def _lesson_whys() -> dict[str, str]:
    return {
        "xor": translate("GuideDialog", "why a hidden layer is needed at all."),
        "optimizers": translate("GuideDialog", "how the update rule changes the speed of learning."),
        "weight-init-sigmoid": translate("GuideDialog", "why the starting weights matter (Xavier)."),
        "weight-init-relu": translate("GuideDialog", "the same for ReLU networks (He)."),
        "batchnorm": translate("GuideDialog", "how normalising each layer steadies a deep network."),
        "overfitting": translate("GuideDialog", "the gap between training and validation, and what closes it."),
        "transfer": translate("GuideDialog", "reusing a trained network for new classes."),
        "residual": translate("GuideDialog", "how skip connections let a deep network learn."),
    }


def guide_html(window: QMainWindow) -> str:
    """The guide's page in the UI language, with the keyboard shortcuts of `window`."""
    train_keys = _keys(window.train_action) if hasattr(window, "train_action") else ""
    steps = [
        translate(
            "GuideDialog",
            "Pick a ready-made network from the <b>Presets</b> menu (the window starts with xor-mlp), or choose "
            "the data in the <b>Data</b> tab.",
        ),
        translate(
            "GuideDialog",
            "In the <b>Model</b> tab, double-click a layer type (or drag it into the stack) to add a layer, and "
            "double-click a row to change its settings. A red message says what does not fit and how to fix it.",
        ),
        translate("GuideDialog", "Set the optimizer, learning rate, batch size and epochs in the <b>Training</b> tab."),
        translate(
            "GuideDialog",
            "Press <b>Train</b> ({0}). The loss and accuracy plots grow as it learns; <b>Stop</b> keeps the best "
            "weights so far.",
        ).format(html.escape(train_keys)),
        translate(
            "GuideDialog",
            "Draw a digit in the <b>Draw</b> tab to see what the model thinks it is (a starter model reads drawings "
            "until you train one on images).",
        ),
        translate(
            "GuideDialog",
            "Save the project with <b>File ▸ Save</b>; <b>File ▸ Export…</b> writes the trained model as ONNX, "
            "TorchScript or PyTorch code.",
        ),
    ]
    # The tabs by the names the window gives them.
    tabs = [
        (
            translate("MainWindow", "Data"),
            translate(
                "GuideDialog",
                "the dataset (2-D toy sets, images or tables — a CSV of your own with <b>Table (CSV)…</b>), its "
                "options, the validation split and augmentation, with a preview of samples.",
            ),
        ),
        (
            translate("MainWindow", "Model"),
            translate(
                "GuideDialog",
                "the stack of layers, the starting weights (random or a trained model's), the weight "
                "initialisation and a diagram of the network.",
            ),
        ),
        (
            translate("MainWindow", "Training"),
            translate(
                "GuideDialog",
                "the loss, optimizer, learning rate and its schedule, batch size, epochs, device and regularisation.",
            ),
        ),
        (
            translate("MainWindow", "Draw"),
            translate(
                "GuideDialog",
                "draw a digit or open an image to see the prediction; save corrected drawings and fine-tune the "
                "model on them.",
            ),
        ),
        (
            translate("GuideDialog", "Right side"),
            translate(
                "GuideDialog",
                "live plots of loss and accuracy, the decision boundary of 2-D data, the <b>Log</b> and the "
                "<b>Runs</b> of this session (tick a run to overlay its curves).",
            ),
        ),
    ]
    titles, whys = lesson_titles(), _lesson_whys()
    headings = {
        "steps": translate("GuideDialog", "First steps"),
        "tabs": translate("GuideDialog", "The tabs"),
        "lessons": translate("GuideDialog", "Lessons, in a suggested order"),
        "keys": translate("GuideDialog", "Keyboard shortcuts"),
    }
    lessons_intro = translate(
        "GuideDialog", "<b>Experiments ▸ Compare…</b> trains the variants of a lesson side by side:"
    )
    hover = translate("GuideDialog", "Hover over any control for a one-line explanation.")
    parts = [f"<h2>{headings['steps']}</h2><ol>", *(f"<li>{s}</li>" for s in steps), "</ol>"]
    parts += [f"<h2>{headings['tabs']}</h2><ul>"]
    parts += [f"<li><b>{html.escape(name)}</b>: {text}</li>" for name, text in tabs]
    parts += ["</ul>", f"<h2>{headings['lessons']}</h2>", f"<p>{lessons_intro}</p><ol>"]
    parts += [f"<li><b>{html.escape(titles[name])}</b>: {whys[name]}</li>" for name in LESSON_ORDER]
    parts += ["</ol>", f"<p>{hover}</p>"]
    parts += [f'<h2><a name="shortcuts"></a>{headings["keys"]}</h2>', _shortcuts_table(window)]
    return "\n".join(parts)


def _shortcuts_table(window: QMainWindow) -> str:
    rows = shortcut_rows(window)
    if not rows:
        return ""
    cells = "".join(
        f"<tr><td>{html.escape(where)}</td><td>{html.escape(what)}</td><td><b>{html.escape(keys)}</b></td></tr>"
        for where, what, keys in rows
    )
    columns = (
        translate("GuideDialog", "Where"),
        translate("GuideDialog", "Action"),
        translate("GuideDialog", "Keys"),
    )
    head = "<tr>" + "".join(f"<th align='left'>{html.escape(c)}</th>" for c in columns) + "</tr>"
    return f"<table cellspacing='0' cellpadding='3'>{head}{cells}</table>"


class GuideDialog(Retranslatable, QDialog):
    """The guide page in a QTextBrowser; `show_shortcuts` scrolls to the shortcuts."""

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.setObjectName("guide_dialog")
        self.setWindowTitle(self.tr("Guide — Neural Network Playground"))
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("guide_text")
        self.browser.setOpenLinks(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(640, 600)
        self._window = window

    def refresh(self) -> None:
        self.browser.setHtml(guide_html(self._window))

    def show_shortcuts(self) -> None:
        self.browser.scrollToAnchor("shortcuts")

    def retranslate(self) -> None:
        """The guide in the installed language, scrolled where the reader was."""
        bar = self.browser.verticalScrollBar()
        where = bar.value()
        self.refresh()
        bar.setValue(where)


class HelpActions(QObject):
    """Help ▸ Guide… (F1) and Keyboard Shortcuts…, before About in the window's Help menu."""

    def __init__(self, window: QMainWindow, help_menu: QMenu, before: QAction):
        super().__init__(window)
        self.w = window
        self.dialog: GuideDialog | None = None
        self.guide_action = QAction(self.tr("&Guide…"), window)
        self.guide_action.setObjectName("action_guide")
        self.guide_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.guide_action.setStatusTip(self.tr("First steps, what each tab does, the lessons in order, the shortcuts"))
        self.shortcuts_action = QAction(self.tr("&Keyboard Shortcuts…"), window)
        self.shortcuts_action.setObjectName("action_shortcuts")
        self.shortcuts_action.setStatusTip(self.tr("Every keyboard shortcut of the window"))
        help_menu.insertAction(before, self.guide_action)
        help_menu.insertAction(before, self.shortcuts_action)
        help_menu.insertSeparator(before)
        self.guide_action.triggered.connect(self.open_guide)
        self.shortcuts_action.triggered.connect(self.open_shortcuts)

    def _dialog(self) -> GuideDialog:
        if self.dialog is None:
            self.dialog = GuideDialog(self.w)
        self.dialog.refresh()  # the actions of now: Experiments ▸ appears once torch has loaded
        self.dialog.show()
        self.dialog.raise_()
        return self.dialog

    def open_guide(self) -> None:
        self._dialog().browser.scrollToAnchor("")
        self.dialog.browser.verticalScrollBar().setValue(0)

    def open_shortcuts(self) -> None:
        self._dialog().show_shortcuts()
