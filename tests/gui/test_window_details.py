"""Small things in the real window that a learner meets in the first hour (issue 15, item 9)."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QComboBox, QTableView

from playground.core.config.model_spec import LayerSpec, ModelSpec
from playground.gui.tabs.layer_stack_model import LayerStackModel


def _types(window):
    return [layer.type for layer in window.layer_builder.spec().layers]


def _select_layer(window, row):
    view = window.layer_builder.findChild(QTableView, "layer_stack")
    view.selectRow(row)
    return view


def test_alt_up_and_down_move_the_selected_layer_whichever_widget_has_the_focus(window, qtbot):
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    window.settings_tabs.setCurrentIndex(1)  # Model
    _select_layer(window, 2)
    before = _types(window)
    # the focus elsewhere: the log, then a text field on the Training tab
    window.log_view.setFocus()
    qtbot.waitUntil(window.log_view.hasFocus, timeout=2000)
    qtbot.keyClick(window.log_view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert _types(window) == [before[0], before[2], before[1], *before[3:]]
    window.settings_tabs.setCurrentIndex(2)  # Training: the layers are out of sight
    spin = window.training_panel.lr_spin
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert _types(window) == before
    assert window.settings_tabs.currentIndex() == 1, "the Model tab comes up to show the move"
    # in a drop-down list Alt+Down still opens the list, and moves nothing
    combo = window.layer_builder.findChild(QComboBox, "weight_init")
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus, timeout=2000)
    qtbot.keyClick(combo, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert combo.view().isVisible() and _types(window) == before
    combo.hidePopup()
    # the actions have names, for the Edit menu
    up = window.findChild(QAction, "action_move_layer_up")
    down = window.findChild(QAction, "action_move_layer_down")
    assert up is not None and down is not None
    assert up.shortcut().toString() == "Alt+Up" and down.shortcut().toString() == "Alt+Down"
    window.controller.set_dirty(False)
