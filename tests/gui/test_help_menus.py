"""The help a beginner looks for: Help ▸ Guide with the real keyboard shortcuts, presets
described where they are chosen, and an Edit menu with the layer operations."""

from __future__ import annotations

import re

import pytest

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QTableView, QTextBrowser

from playground.core.config.model_spec import LayerSpec, ModelSpec
from playground.core.config.presets import list_presets, load_preset
from playground.gui.tabs.layer_stack_model import LayerStackModel


_TITLES = {"help_menu": "&Help", "edit_menu": "&Edit", "presets_menu": "&Presets"}


def _menu(window, name) -> QMenu:
    """The menu by its object name, or by its title in the menu bar."""
    menu = window.findChild(QMenu, name)
    if menu is None:
        menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
        menu = next((m for m in menus if m.title() == _TITLES[name]), None)
    assert menu is not None, f"no menu {name}"
    return menu


def _action(menu: QMenu, name: str) -> QAction:
    found = [a for a in menu.actions() if a.objectName() == name]
    assert found, f"{menu.title()} has no {name}: {[a.objectName() or a.text() for a in menu.actions()]}"
    return found[0]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", html)


# --------------------------------------------------------------------------- Help


def test_help_guide_lists_first_steps_tabs_lessons_and_the_real_shortcuts(window, qtbot):
    help_menu = _menu(window, "help_menu")
    guide = _action(help_menu, "action_guide")
    assert guide.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    about = [a for a in help_menu.actions() if a is window.about_action]
    assert about, "Help ▸ About is still there"
    guide.trigger()
    dialog = window.help.dialog
    assert dialog is not None and dialog.isVisible()
    page = _text(dialog.findChild(QTextBrowser, "guide_text").toPlainText())
    for heading in ("First steps", "The tabs", "Lessons, in a suggested order", "Keyboard shortcuts"):
        assert heading in page
    for tab in ("Data", "Model", "Training", "Draw"):
        assert tab in page
    # the lessons, in the suggested order
    lessons = ["Perceptron vs MLP", "Optimizers", "Weight initialisation (Sigmoid)", "Weight initialisation (ReLU)",
               "Batch normalisation", "Residual connections", "Overfitting", "Transfer learning"]
    positions = [page.index(title) for title in lessons]
    assert positions == sorted(positions)
    # The shortcuts are the actions' own: every menu action with a shortcut, with its keys.
    native = QKeySequence.SequenceFormat.NativeText
    for action in (window.train_action, window.save_action, window.open_action, window.export_action, guide):
        keys = action.shortcut().toString(native)
        assert re.search(re.escape(action.text().replace("&", "").replace("…", "").strip()) + r"\s+" + re.escape(keys), page), (action.text(), keys)
    # ... the Edit menu's layer operations too
    assert re.search(r"Duplicate Layers\s+Ctrl\+D", page)
    assert re.search(r"Move Layers Up\s+Alt\+Up", page)
    # A shortcut changed in code shows changed in the guide: the list is generated, not written.
    window.export_action.setShortcut(QKeySequence("Ctrl+Shift+F9"))
    window.help.open_shortcuts()
    page = _text(dialog.browser.toPlainText())
    assert re.search(r"Export\s+Ctrl\+Shift\+F9", page)


def test_help_guide_in_japanese(japanese, window, qtbot):
    _action(_menu(window, "help_menu"), "action_guide").trigger()
    page = window.help.dialog.browser.toPlainText()
    for heading in ("はじめの手順", "各タブの役割", "おすすめの順に学ぶレッスン", "キーボードショートカット"):
        assert heading in page
    for english in ("First steps", "The tabs", "Lessons", "Keyboard shortcuts", "Perceptron vs MLP", "Where"):
        assert english not in page
    assert window.help.dialog.windowTitle().startswith("ガイド")
    # menus and actions named without their mnemonics, Japanese style '(&F)' included
    assert re.search(r"ファイル\s+保存\s+Ctrl\+S", page) and "(F)" not in page


# --------------------------------------------------------------------------- Presets


def test_preset_actions_carry_their_descriptions(window):
    menu = _menu(window, "presets_menu")
    assert menu.toolTipsVisible()
    # Every preset, the one for tables (`tabular`) too: the Data tab shows tables.
    assert "tabular" in window.preset_actions
    for name in list_presets():
        action = window.preset_actions[name]
        assert action in menu.actions()
        config = load_preset(name)
        assert action.text().startswith(f"{name} — ") and len(action.text()) > len(name) + 5
        assert config.description in action.toolTip() and config.description in action.statusTip()
        assert " → ".join(l.describe() for l in config.model.layers) in action.toolTip()
    mlp = window.preset_actions["mlp"]
    assert mlp.text() == "mlp — The classic first Keras model"
    assert "Dense(256, Sigmoid) → Dense(128, ReLU) → Dense(10, Softmax)" in mlp.toolTip()


def test_choosing_the_mlp_preset_shows_three_dense_rows_with_activations(window, qtbot):
    window.preset_actions["mlp"].trigger()
    layers = window.layer_builder.spec().layers
    assert layers[1:] == (
        LayerSpec("Dense", {"units": 256, "activation": "Sigmoid"}),
        LayerSpec("Dense", {"units": 128, "activation": "ReLU"}),
        LayerSpec("Dense", {"units": 10, "activation": "Softmax"}),
    )
    view = window.layer_builder.findChild(QTableView, "layer_stack")
    model = view.model()
    assert model.data(model.index(1, LayerStackModel.SETTINGS)) == "units 256 · Sigmoid"


# --------------------------------------------------------------------------- Edit


def _select(window, rows):
    builder = window.layer_builder
    builder._select_rows(rows)


def test_edit_menu_actions_trigger_the_layer_operations(window, qtbot):
    builder = window.layer_builder
    menu = _menu(window, "edit_menu")
    builder.set_spec(
        ModelSpec((2,), (LayerSpec("Dense", {"units": 8}), LayerSpec("Activation", {"function": "Tanh"}),
                         LayerSpec("Dense", {"units": 2}), LayerSpec("Activation", {"function": "Softmax"})))
    )
    names = [a.objectName() for a in menu.actions() if not a.isSeparator()]
    assert names == ["action_undo", "action_redo", "action_add_layer", "action_remove_layers",
                     "action_duplicate_layers", "action_move_layer_up", "action_move_layer_down"]

    def types():
        return [l.type for l in builder.spec().layers]

    window.setFocus()  # clicked in the menu, they act wherever the keyboard focus is
    _select(window, [1])
    _action(menu, "action_duplicate_layers").trigger()
    assert types() == ["Dense", "Activation", "Activation", "Dense", "Activation"]
    _action(menu, "action_remove_layers").trigger()
    assert types() == ["Dense", "Activation", "Dense", "Activation"]
    _select(window, [1])
    _action(menu, "action_move_layer_up").trigger()
    assert types() == ["Activation", "Dense", "Dense", "Activation"]
    _action(menu, "action_move_layer_down").trigger()
    assert types() == ["Dense", "Activation", "Dense", "Activation"]
    # Add: the type chosen in the list of types, after the selected layer
    palette = builder._palette
    palette.setCurrentItem(palette.findItems("Dropout", Qt.MatchFlag.MatchExactly)[0])
    _select(window, [1])
    _action(menu, "action_add_layer").trigger()
    assert types() == ["Dense", "Activation", "Dropout", "Dense", "Activation"]
    _action(menu, "action_undo").trigger()
    assert types() == ["Dense", "Activation", "Dense", "Activation"]
    _action(menu, "action_redo").trigger()
    assert types() == ["Dense", "Activation", "Dropout", "Dense", "Activation"]
    # Without a selection there is nothing to remove, duplicate or move.
    _select(window, [])
    for name in ("action_remove_layers", "action_duplicate_layers", "action_move_layer_up", "action_move_layer_down"):
        assert not _action(menu, name).isEnabled(), name
    # Each has a shortcut the guide can list.
    for name in ("action_add_layer", "action_remove_layers", "action_duplicate_layers", "action_move_layer_up",
                 "action_move_layer_down"):
        assert not _action(menu, name).shortcut().isEmpty(), name


def test_preset_titles_are_the_first_part_of_their_descriptions(japanese):
    from playground.gui.i18n import core_text

    for name in list_presets():
        description = load_preset(name).description
        title = core_text.preset_title(name, description)
        assert title and re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", title), (name, title)  # translated
    # a user's own preset: the first part of its own description
    assert core_text.preset_title("mine", "My net: three layers. Trained long.") == "My net"
    assert core_text.preset_title("mlp", "Edited. Not the shipped text") == "Edited"


def test_preset_titles_in_english_follow_the_descriptions():
    from playground.gui.i18n import core_text

    for name in list_presets():
        description = load_preset(name).description
        assert core_text.preset_title(name, description) == description.split(": ")[0], name


def test_shortcuts_list_the_train_action_by_name_and_the_draw_canvas_keys(window, qtbot):
    """While PyTorch loads, Train's text carries a note ("Train (loading PyTorch…)"): the list
    names the action itself. The Draw canvas's keys are key handlers, not actions; they are
    listed too, under the Draw tab, as the canvas defines them."""
    from playground.gui.dialogs.help_guide import shortcut_rows

    window.train_action.setText(window.tr("&Train (loading PyTorch…)"))  # as while torch loads
    rows = shortcut_rows(window)
    keys = {what: (where, k) for where, what, k in rows}
    native = QKeySequence.SequenceFormat.NativeText
    assert keys["Train"][1] == window.train_action.shortcut().toString(native)
    assert not any("loading" in what for _, what, _ in rows)
    assert keys["Clear the drawing"] == ("Draw", "Esc, Del")
    assert keys["Undo the last stroke"] == ("Draw", QKeySequence(QKeySequence.StandardKey.Undo).toString(native))
    assert keys["Choose the label of the next saved sample"][0] == "Draw"
