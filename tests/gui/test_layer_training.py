"""Transfer learning in the layer builder: the Frozen and LR × columns, clicked and typed
into as a user would, undoable, and moving with their layers."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QTableView

from playground.core.config.model_spec import LayerSpec, ModelSpec
from playground.gui.tabs.layer_builder import LayerBuilder
from playground.gui.tabs.layer_stack_model import LayerStackModel

LAYERS = (
    LayerSpec("Dense", {"units": 8}),
    LayerSpec("Activation", {"function": "ReLU"}),
    LayerSpec("Dense", {"units": 6}),
    LayerSpec("Activation", {"function": "ReLU"}),
    LayerSpec("Dense", {"units": 2}),
)


@pytest.fixture
def builder(qtbot):
    widget = LayerBuilder()
    qtbot.addWidget(widget)
    widget.resize(900, 420)
    widget.set_input_shape((2,))
    widget.set_spec(ModelSpec((2,), LAYERS))
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def view_of(builder) -> QTableView:
    return builder.findChild(QTableView, "layer_stack")


def click(qtbot, builder, row, column):
    view = view_of(builder)
    index = view.model().index(row, column)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def test_clicking_the_frozen_cell_toggles_it_and_undo_restores_it(qtbot, builder):
    model = view_of(builder).model()
    frozen = model.index(0, LayerStackModel.FROZEN)
    assert model.data(frozen, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert "freeze" in model.headerData(LayerStackModel.FROZEN, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    with qtbot.waitSignal(builder.training_changed):
        click(qtbot, builder, 0, LayerStackModel.FROZEN)
    assert model.data(frozen, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert model.data(frozen, Qt.ItemDataRole.DecorationRole) is not None  # the lock
    assert builder.frozen_layers() == (0,)
    assert builder.undo_stack.undoText() == "Freeze layer 1 (Dense)"
    builder.undo_stack.undo()
    assert model.data(frozen, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert builder.frozen_layers() == ()
    builder.undo_stack.redo()
    assert builder.frozen_layers() == (0,)


def test_layers_without_parameters_cannot_be_frozen_or_get_a_rate(qtbot, builder):
    model = view_of(builder).model()
    for column in (LayerStackModel.FROZEN, LayerStackModel.LR):
        index = model.index(1, column)  # ReLU
        assert model.data(index, Qt.ItemDataRole.CheckStateRole) is None
        assert model.data(index) is None
        assert not model.flags(index) & (Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEditable)
    click(qtbot, builder, 1, LayerStackModel.FROZEN)
    assert builder.frozen_layers() == () and builder.undo_stack.count() == 0


def test_typing_a_multiplier_is_undoable_and_blank_means_the_base_rate(qtbot, builder):
    view = view_of(builder)
    model = view.model()
    index = model.index(2, LayerStackModel.LR)
    assert model.data(index) == ""
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.findChild(QLineEdit, "lr_multiplier")
    assert editor is not None and editor.placeholderText() == "1"
    editor.setText("0.1")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: builder.layer_lr() == {2: 0.1})  # the view commits on its next turn
    assert model.data(index) == "×0.1"
    assert builder.undo_stack.undoText() == "Set the learning rate of layer 3 (Dense) to ×0.1"
    builder.undo_stack.undo()
    assert builder.layer_lr() == {}
    builder.undo_stack.redo()
    # Blank (or 1) goes back to the optimizer's rate.
    model.setData(index, None)
    assert builder.layer_lr() == {}
    model.setData(index, 1.0)
    assert builder.layer_lr() == {}
    assert not model.setData(index, -2.0)


def test_a_frozen_layers_multiplier_waits_until_it_is_unfrozen(qtbot, builder):
    model = view_of(builder).model()
    model.setData(model.index(0, LayerStackModel.LR), 0.5)
    click(qtbot, builder, 0, LayerStackModel.FROZEN)
    assert builder.frozen_layers() == (0,) and builder.layer_lr() == {}
    assert model.data(model.index(0, LayerStackModel.LR)) == "—"
    assert not model.flags(model.index(0, LayerStackModel.LR)) & Qt.ItemFlag.ItemIsEditable
    click(qtbot, builder, 0, LayerStackModel.FROZEN)
    assert builder.layer_lr() == {0: 0.5}


def test_flags_move_with_their_layers(qtbot, builder):
    model = view_of(builder).model()
    click(qtbot, builder, 0, LayerStackModel.FROZEN)
    model.setData(model.index(4, LayerStackModel.LR), 10.0)
    # Move the first Dense below the ReLU (Alt+Down on the selected row).
    view_of(builder).selectRow(0)
    builder._down_action.trigger()
    assert builder.spec().layers[1] == LAYERS[0]
    assert builder.frozen_layers() == (1,) and builder.layer_lr() == {4: 10.0}
    # Insert a layer on top: everything shifts by one.
    model.layers_dropped.emit([LayerSpec("Dropout")], 0)
    assert builder.frozen_layers() == (2,) and builder.layer_lr() == {5: 10.0}
    # Delete the frozen layer: nothing is frozen any more; undo brings it back frozen.
    view_of(builder).selectRow(2)
    builder._remove_action.trigger()
    assert builder.frozen_layers() == () and builder.layer_lr() == {4: 10.0}
    builder.undo_stack.undo()
    assert builder.frozen_layers() == (2,)
    # Editing a frozen layer's units keeps it frozen.
    model.params_edited.emit(2, {"units": 12})
    assert builder.spec().layers[2].get("units") == 12 and builder.frozen_layers() == (2,)


def test_set_spec_takes_positions_and_set_frozen_layers_is_one_step(qtbot, builder):
    builder.set_spec(ModelSpec((2,), LAYERS), frozen_layers=(0, 1), layer_lr={2: 0.1, 4: 1})
    assert builder.frozen_layers() == (0,)  # the ReLU at 1 has nothing to freeze
    assert builder.layer_lr() == {2: 0.1}
    assert builder.undo_stack.count() == 0
    builder.set_frozen_layers((0, 2))
    assert builder.frozen_layers() == (0, 2)
    builder.undo_stack.undo()
    assert builder.frozen_layers() == (0,)
