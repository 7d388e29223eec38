"""The layer builder, operated through its widgets as a user would."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest
from PySide6.QtCore import QModelIndex, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDoubleSpinBox,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QTableView,
    QWidget,
)

from playground.core.config.presets import list_presets, load_preset
from playground.core.config.catalogue import ACTIVATIONS, INITIALIZERS, LAYER_TYPES
from playground.core.config.model_spec import LayerSpec, ModelSpec
from playground.gui.tabs.layer_builder import LayerBuilder
from playground.gui.tabs.layer_editors import _ParamsEditor
from playground.gui.tabs.layer_stack_model import LayerStackModel
from playground.gui.tabs.layer_texts import activation_help, initializer_help, layer_help

DATASET_SHAPES = {"xor": (2,), "mnist": (1, 28, 28), "iris": (4,)}
DATASET_CLASSES = {"xor": 2, "mnist": 10, "iris": 3}
FIELD_NAMES = {"units", "bias", "filters", "kernel", "stride", "padding", "pool", "rate", "function", "activation"}


@pytest.fixture
def builder(qtbot):
    widget = LayerBuilder()
    qtbot.addWidget(widget)
    widget.resize(720, 480)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    return widget


def parts(builder):
    view = builder.findChild(QTableView, "layer_stack")
    return view, view.model(), builder.findChild(QListWidget, "layer_palette")


def palette_item(palette, layer_type):
    return palette.findItems(layer_type, Qt.MatchFlag.MatchExactly)[0]


def double_click_palette(qtbot, palette, layer_type):
    centre = palette.visualItemRect(palette_item(palette, layer_type)).center()
    # A real double-click delivers a click first; the view needs its press to accept the second.
    qtbot.mouseClick(palette.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(palette.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def open_editor(builder, row):
    """Open the in-row editor of `row` as clicking its parameters would; returns the editor."""
    view, model, _ = parts(builder)
    index = model.index(row, LayerStackModel.SETTINGS)
    view.setCurrentIndex(index)  # closes the editor of another row, as a click does
    view.edit(index)
    return QApplication.focusWidget().parentWidget()


def select_row(qtbot, builder, row):
    view, model, _ = parts(builder)
    rect = view.visualRect(model.index(row, LayerStackModel.TYPE))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    view.setFocus()


def types(builder):
    return [layer.type for layer in builder.spec().layers]


def test_build_a_network_with_the_widgets(qtbot, builder):
    view, model, palette = parts(builder)
    builder.set_input_shape((2,))
    builder.set_task("classification", 2)

    double_click_palette(qtbot, palette, "Dense")
    palette.setCurrentItem(palette_item(palette, "Activation"))
    qtbot.mouseClick(builder.findChild(QPushButton, "add_layer"), Qt.MouseButton.LeftButton)
    assert types(builder) == ["Dense", "Activation"]

    # Dense units, typed into the spin box of the in-row editor.
    units = open_editor(builder, 0).findChild(QSpinBox, "units")
    units.selectAll()
    qtbot.keyClicks(units, "8")
    # The Activation's function, chosen in its combo box.
    function = open_editor(builder, 1).findChild(QComboBox, "function")
    function.setCurrentIndex(function.findData("Tanh"))

    # Adding selects the new row with its parameters current, so typing edits it at once.
    double_click_palette(qtbot, palette, "Dense")
    qtbot.keyClick(view, Qt.Key.Key_2)
    double_click_palette(qtbot, palette, "Activation")
    function = open_editor(builder, 3).findChild(QComboBox, "function")
    function.setCurrentIndex(function.findData("Softmax"))

    assert builder.spec() == ModelSpec(
        (2,),
        (
            LayerSpec("Dense", {"units": 8}),
            LayerSpec("Activation", {"function": "Tanh"}),
            LayerSpec("Dense", {"units": 2}),
            LayerSpec("Activation", {"function": "Softmax"}),
        ),
    )
    assert builder.is_valid() and builder.validation_message() == ""
    assert model.data(model.index(0, LayerStackModel.OUTPUT)) == "8"
    assert model.data(model.index(0, LayerStackModel.PARAM_COUNT)) == "24"
    assert "42" in builder._total_label.text()  # 24 + 18


def test_a_dense_row_with_its_own_activation(qtbot, builder):
    # Keras's Dense(256, activation="sigmoid"): one row, chosen in the Dense row's editor.
    _, model, _ = parts(builder)
    builder.set_input_shape((1, 28, 28))
    builder.set_task("classification", 10)
    builder.set_spec(ModelSpec((1, 28, 28), (LayerSpec("Flatten"), LayerSpec("Dense", {"units": 256}), LayerSpec("Dense", {"units": 10}))))
    assert model.data(model.index(1, LayerStackModel.SETTINGS)) == "units 256"
    activation = open_editor(builder, 1).findChild(QComboBox, "activation")
    assert activation.itemText(0) == "none" and activation.currentData() is None
    activation.setCurrentIndex(activation.findData("Sigmoid"))
    activation = open_editor(builder, 2).findChild(QComboBox, "activation")
    activation.setCurrentIndex(activation.findData("Softmax"))
    assert builder.spec().layers[1:] == (
        LayerSpec("Dense", {"units": 256, "activation": "Sigmoid"}),
        LayerSpec("Dense", {"units": 10, "activation": "Softmax"}),
    )
    assert model.data(model.index(1, LayerStackModel.SETTINGS)) == "units 256 · Sigmoid"
    assert builder.is_valid()  # a Dense layer's own Softmax is the final Softmax
    builder.undo_stack.undo()
    builder.undo_stack.undo()
    assert builder.spec().layers[1] == LayerSpec("Dense", {"units": 256})


def test_typing_a_number_is_one_undo_step(qtbot, builder):
    builder.set_spec(ModelSpec((2,), (LayerSpec("Dense"),)))
    units = open_editor(builder, 0).findChild(QSpinBox, "units")
    units.selectAll()
    qtbot.keyClicks(units, "128")
    assert builder.spec().layers[0] == LayerSpec("Dense", {"units": 128})
    assert builder.undo_stack.count() == 1
    builder.undo_stack.undo()
    assert builder.spec().layers[0] == LayerSpec("Dense")


def test_changing_a_value_and_back_leaves_nothing_to_undo(qtbot, builder):
    builder.set_spec(ModelSpec((2,), (LayerSpec("Dense", {"units": 64}),)))
    units = open_editor(builder, 0).findChild(QSpinBox, "units")
    units.stepUp()
    assert builder.undo_stack.count() == 1
    units.stepDown()
    assert builder.undo_stack.count() == 0
    assert builder.spec().layers[0] == LayerSpec("Dense", {"units": 64})


def test_every_editor_field_explains_itself(qtbot, builder):
    _, model, _ = parts(builder)
    builder.set_spec(ModelSpec((1, 8, 8), tuple(LayerSpec(t) for t in LAYER_TYPES)))
    for row, layer_type in enumerate(LAYER_TYPES):
        editable = bool(model.flags(model.index(row, LayerStackModel.SETTINGS)) & Qt.ItemFlag.ItemIsEditable)
        assert editable == (layer_type not in ("Flatten", "BatchNorm"))
        if not editable:
            continue
        editor = open_editor(builder, row)
        fields = [w for w in editor.findChildren(QWidget) if w.objectName() in FIELD_NAMES]
        labels = editor.findChildren(QLabel)
        assert len(fields) == len(labels) > 0, layer_type
        # One sentence each, on the field and on its label.
        assert all(w.toolTip().endswith(".") and w.toolTip().count(". ") == 0 for w in fields + labels), layer_type


def test_pool_stride_and_dropout_rate_editors(qtbot, builder):
    _, model, _ = parts(builder)
    builder.set_spec(ModelSpec((1, 28, 28), (LayerSpec("MaxPool2D"), LayerSpec("Dropout"))))
    stride = open_editor(builder, 0).findChild(QSpinBox, "stride")
    assert stride.value() == 0 and stride.text() == "= pool"  # None: as far as the pool
    stride.setValue(1)
    assert builder.spec().layers[0] == LayerSpec("MaxPool2D", {"stride": 1})
    assert model.data(model.index(0, LayerStackModel.OUTPUT)) == "1×27×27"
    stride.setValue(0)
    assert builder.spec().layers[0].get("stride") is None

    rate = open_editor(builder, 1).findChild(QDoubleSpinBox, "rate")
    assert (rate.minimum(), rate.maximum(), rate.singleStep()) == (0.0, 0.95, 0.05)
    rate.stepUp()
    assert builder.spec().layers[1] == LayerSpec("Dropout", {"rate": 0.55})


def test_invalid_stack_is_marked_until_fixed(qtbot, builder):
    _, model, palette = parts(builder)
    builder.set_input_shape((1, 28, 28))
    with qtbot.waitSignal(builder.validity_changed) as signal:
        builder.set_spec(ModelSpec((1, 28, 28), (LayerSpec("Conv2D"), LayerSpec("Dense", {"units": 10}))))
    valid, message = signal.args
    assert not valid and not builder.is_valid()
    assert "Layer 2 (Dense)" in message and "insert Flatten" in message
    assert builder.validation_message() == message
    assert builder.invalid_layer() == 2

    bad = model.index(1, LayerStackModel.TYPE)
    assert model.data(bad, Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(bad, Qt.ItemDataRole.ToolTipRole) == message
    assert model.data(model.index(1, LayerStackModel.NUMBER), Qt.ItemDataRole.DecorationRole) is not None
    assert model.data(model.index(0, LayerStackModel.TYPE), Qt.ItemDataRole.BackgroundRole) is None
    label = builder.findChild(QLabel, "validation_message")
    assert label.isVisible() and label.text() == message

    select_row(qtbot, builder, 0)
    with qtbot.waitSignal(builder.validity_changed) as signal:
        double_click_palette(qtbot, palette, "Flatten")  # inserted after the selected Conv2D
    assert signal.args == [True, ""]
    assert types(builder) == ["Conv2D", "Flatten", "Dense"]
    assert builder.is_valid() and not label.isVisible()
    assert model.data(model.index(2, LayerStackModel.TYPE), Qt.ItemDataRole.BackgroundRole) is None


def _dense_after_conv(qtbot, builder) -> str:
    """Make the stack invalid (Dense on 16×28×28 feature maps); the message it shows."""
    builder.set_input_shape((1, 28, 28))
    with qtbot.waitSignal(builder.validity_changed) as signal:
        builder.set_spec(ModelSpec((1, 28, 28), (LayerSpec("Conv2D"), LayerSpec("Dense", {"units": 10}))))
    assert signal.args[0] is False and builder.validation_message() == signal.args[1]
    return signal.args[1]


def test_the_stack_error_is_the_engine_english_word_for_word(qtbot, builder):
    assert _dense_after_conv(qtbot, builder) == (
        "Layer 2 (Dense) needs a flat input but receives 16×28×28 — insert Flatten before it."
    )


def test_the_stack_error_shows_in_japanese(japanese, qtbot, builder):
    message = _dense_after_conv(qtbot, builder)
    assert message == (
        "層 2 (Dense) には平坦な (1 次元の) 入力が必要ですが、受け取る入力の形状は 16×28×28 です。"
        "この層の前に Flatten (平坦化) を入れてください。"
    )
    _, model, _ = parts(builder)
    assert model.data(model.index(1, LayerStackModel.TYPE), Qt.ItemDataRole.ToolTipRole) == message
    assert builder.findChild(QLabel, "validation_message").text() == message
    assert builder.invalid_layer() == 2
    builder.set_spec(ModelSpec((1, 28, 28), (LayerSpec("Flatten"), LayerSpec("Dense", {"units": 3}))))
    builder.set_task("classification", 10)
    assert builder.validation_message() == "モデルの出力は 3 個ですが、データセットのクラス数は 10 です。層 2 (Dense) のユニット数を 10 にしてください。"


def test_task_checks_the_output_size(qtbot, builder):
    builder.set_spec(ModelSpec((2,), (LayerSpec("Dense", {"units": 3}),)))
    assert builder.is_valid()
    with qtbot.waitSignal(builder.validity_changed) as signal:
        builder.set_task("classification", 2)
    assert signal.args[0] is False and "2 classes" in signal.args[1]
    assert builder.invalid_layer() == 1


def test_empty_stack_and_missing_input_are_invalid(qtbot, builder):
    assert not builder.is_valid()
    builder.set_spec(ModelSpec((), (LayerSpec("Dense"),)))
    assert not builder.is_valid() and "choose a dataset" in builder.validation_message()
    builder.set_input_shape((4,))
    assert builder.is_valid()


def test_every_edit_undoes_and_redoes(qtbot, builder):
    view, _, palette = parts(builder)
    builder.set_spec(ModelSpec((2,), (LayerSpec("Dense", {"units": 4}), LayerSpec("Activation"))))
    history = [builder.spec()]

    double_click_palette(qtbot, palette, "Dropout")  # add, at the end: nothing selected
    history.append(builder.spec())
    open_editor(builder, 0).findChild(QSpinBox, "units").setValue(6)  # edit
    history.append(builder.spec())
    select_row(qtbot, builder, 1)
    qtbot.keyClick(view, Qt.Key.Key_Delete)  # remove
    history.append(builder.spec())
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)  # move
    history.append(builder.spec())
    qtbot.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)  # duplicate
    history.append(builder.spec())
    init = builder.findChild(QComboBox, "weight_init")
    init.setCurrentIndex(init.findData("zeros"))  # init change
    history.append(builder.spec())

    layers = [[l.type for l in s.layers] for s in history]
    assert layers == [
        ["Dense", "Activation"],
        ["Dense", "Activation", "Dropout"],
        ["Dense", "Activation", "Dropout"],
        ["Dense", "Dropout"],
        ["Dropout", "Dense"],
        ["Dropout", "Dropout", "Dense"],
        ["Dropout", "Dropout", "Dense"],
    ]
    assert history[2].layers[0].get("units") == 6 and history[-1].init == "zeros"
    assert builder.undo_stack.count() == len(history) - 1

    for expected in reversed(history[:-1]):
        qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert builder.spec() == expected
    assert init.currentData() == "he_normal"
    for expected in history[1:]:
        qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        assert builder.spec() == expected
    assert init.currentData() == "zeros"


def test_set_spec_clears_history_and_emits(qtbot, builder):
    _, _, palette = parts(builder)
    double_click_palette(qtbot, palette, "Dense")
    assert builder.undo_stack.canUndo()
    spec = ModelSpec((2,), (LayerSpec("Dense", {"units": 2}),), init="xavier")
    with qtbot.waitSignal(builder.spec_changed) as signal:
        builder.set_spec(spec)
    assert signal.args == [spec] and builder.spec() == spec
    assert not builder.undo_stack.canUndo()
    assert builder.findChild(QComboBox, "weight_init").currentData() == "xavier"


def test_keyboard_moves(qtbot, builder):
    view, _, _ = parts(builder)
    builder.set_spec(ModelSpec((4,), tuple(LayerSpec(t) for t in ("Dense", "Activation", "Dropout", "BatchNorm"))))
    select_row(qtbot, builder, 0)
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert types(builder) == ["Activation", "Dropout", "Dense", "BatchNorm"]
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert types(builder) == ["Activation", "Dense", "Dropout", "BatchNorm"]
    select_row(qtbot, builder, 0)
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)  # already first: no-op
    assert types(builder) == ["Activation", "Dense", "Dropout", "BatchNorm"]
    assert builder.undo_stack.count() == 3


def test_reorder_by_drag_and_drop(qtbot, builder):
    _, model, _ = parts(builder)
    builder.set_spec(ModelSpec((4,), tuple(LayerSpec(t) for t in ("Dense", "Activation", "Dropout", "BatchNorm"))))
    # What the view does on a drop: the dragged rows' mime data, dropped before row 3.
    dragged = model.mimeData([model.index(0, c) for c in range(model.columnCount())])
    assert model.dropMimeData(dragged, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    assert types(builder) == ["Activation", "Dropout", "Dense", "BatchNorm"]
    # Dropped past the last row (row -1): to the end.
    dragged = model.mimeData([model.index(1, 0)])
    assert model.dropMimeData(dragged, Qt.DropAction.MoveAction, -1, 0, QModelIndex())
    assert types(builder) == ["Activation", "Dense", "BatchNorm", "Dropout"]
    # Ctrl held while dragging copies.
    dragged = model.mimeData([model.index(3, 0)])
    assert model.dropMimeData(dragged, Qt.DropAction.CopyAction, 0, 0, QModelIndex())
    assert types(builder) == ["Dropout", "Activation", "Dense", "BatchNorm", "Dropout"]
    # After a move the view asks the model to remove the dragged rows; it must refuse.
    assert not model.removeRows(0, 1)
    builder.undo_stack.undo()
    builder.undo_stack.undo()
    builder.undo_stack.undo()
    assert types(builder) == ["Dense", "Activation", "Dropout", "BatchNorm"]


def test_drag_from_palette_drops_between_rows(qtbot, builder):
    view, model, palette = parts(builder)
    builder.set_spec(ModelSpec((4,), (LayerSpec("Dense"), LayerSpec("Activation"))))
    mime = palette.mimeData([palette_item(palette, "Dropout")])
    rect = view.visualRect(model.index(0, LayerStackModel.TYPE))
    pos = QPointF(rect.center().x(), rect.bottom() - 1)  # the lower edge of row 1
    copy, button, none = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    for event in (
        QDragEnterEvent(pos.toPoint(), copy, mime, button, none),
        QDragMoveEvent(pos.toPoint(), copy, mime, button, none),
        QDropEvent(pos, copy, mime, button, none),
    ):
        QApplication.sendEvent(view.viewport(), event)
        assert event.isAccepted()
    assert types(builder) == ["Dense", "Dropout", "Activation"]
    assert builder.undo_stack.undoText() == "Add Dropout"


def test_presets_round_trip(qtbot, builder):
    for name in list_presets():
        config = load_preset(name)
        shape = DATASET_SHAPES[config.data.name]
        builder.set_input_shape(shape)
        builder.set_task("classification", DATASET_CLASSES[config.data.name])
        builder.set_spec(config.model)
        assert builder.spec() == replace(config.model, input_shape=shape), name
        assert builder.is_valid(), (name, builder.validation_message())


def test_fifty_layers_render_and_edit(qtbot, builder):
    # Timings are printed, not asserted (performance targets live in benchmarks).
    view, _, _ = parts(builder)
    layers = tuple(LayerSpec("Dense", {"units": 16}) if i % 2 else LayerSpec("Activation") for i in range(50))
    spec = ModelSpec((16,), layers)
    timings = []
    for _ in range(3):
        start = time.perf_counter()
        builder.set_spec(spec)
        view.viewport().repaint()
        timings.append(time.perf_counter() - start)
    print(f"\nset_spec + repaint of 50 layers: {min(timings) * 1000:.1f} ms (best of 3)")
    assert len(builder.spec().layers) == view.model().rowCount() == 50
    units = open_editor(builder, 1).findChild(QSpinBox, "units")
    units.setValue(20)
    view.viewport().repaint()
    assert builder.spec().layers[1].get("units") == 20


def test_help_texts_match_the_engine():
    # Untranslated, the GUI's literal copies must read exactly like the engine's texts.
    assert {t: layer_help(t) for t in LAYER_TYPES} == {t: v.help for t, v in LAYER_TYPES.items()}
    assert {a: activation_help(a) for a in ACTIVATIONS} == ACTIVATIONS
    assert {i: initializer_help(i) for i in INITIALIZERS} == INITIALIZERS


def test_every_editor_text_of_the_catalogue_has_a_translation(builder):
    # Not only equal in English: each sentence the row editor shows must be one the GUI lists
    # for lupdate (a new catalogue sentence would otherwise stay English in Japanese).
    editor_texts = _ParamsEditor("Dense")._help_texts()
    listed = set(editor_texts) | set(ACTIVATIONS.values())
    wanted = set()
    for layer_type in LAYER_TYPES.values():
        for param in layer_type.editor_params:
            wanted |= {param.help, *(text for _, text in param.choices)} | ({param.none_text} - {""})
    assert sorted(wanted - listed) == []
    assert all(editor_texts[english] == english for english in editor_texts)  # untranslated: the same words


def test_editor_fields_follow_the_catalogue(qtbot, builder):
    builder.set_spec(ModelSpec((1, 8, 8), tuple(LayerSpec(t) for t in LAYER_TYPES)))
    for row, layer_type in enumerate(LAYER_TYPES.values()):
        if not layer_type.editor_params:
            continue
        editor = open_editor(builder, row)
        for param in layer_type.editor_params:
            field = editor.findChild(QWidget, param.name)
            if param.kind in ("int", "float"):
                assert (field.minimum(), field.maximum()) == (param.low, param.high), (layer_type.name, param.name)
            elif param.kind == "choice":
                assert [field.itemData(i) for i in range(field.count())] == [v for v, _ in param.choices]
        assert {w.objectName() for w in editor.findChildren(QWidget) if w.objectName() in FIELD_NAMES} == {
            p.name for p in layer_type.editor_params
        }


def test_settings_summaries(builder):
    _, model, _ = parts(builder)
    layers = (
        LayerSpec("Conv2D"),
        LayerSpec("Conv2D", {"kernel": 5, "stride": 2, "padding": 1}),
        LayerSpec("MaxPool2D"),
        LayerSpec("AvgPool2D", {"pool": 3, "stride": 1}),
        LayerSpec("Flatten"),
        LayerSpec("Dense", {"units": 12, "bias": False}),
        LayerSpec("BatchNorm"),
        LayerSpec("Activation", {"function": "Tanh"}),
        LayerSpec("Dropout", {"rate": 0.25}),
        LayerSpec("Dense"),
    )
    builder.set_spec(ModelSpec((1, 28, 28), layers))
    assert [model.data(model.index(r, LayerStackModel.SETTINGS)) for r in range(len(layers))] == [
        "filters 16 · kernel 3×3 · stride 1 · same",
        "filters 16 · kernel 5×5 · stride 2 · 1",
        "pool 2×2 · stride = pool",
        "pool 3×3 · stride 1",
        "—",
        "units 12 · no bias",
        "—",
        "Tanh",
        "rate 0.25",
        "units 64",
    ]


def test_palette_lists_every_type_with_its_help(builder):
    _, _, palette = parts(builder)
    items = [palette.item(i) for i in range(palette.count())]
    assert [i.text() for i in items] == list(LAYER_TYPES)
    assert all(i.toolTip() == LAYER_TYPES[i.text()].help for i in items)
    init = builder.findChild(QComboBox, "weight_init")
    assert [init.itemData(i) for i in range(init.count())] == list(INITIALIZERS)
    assert all(init.itemData(i, Qt.ItemDataRole.ToolTipRole) for i in range(init.count()))


def test_a_residual_block_from_the_palette_with_its_stride_editor(qtbot, builder):
    _, model, palette = parts(builder)
    builder.set_input_shape((1, 28, 28))
    builder.set_spec(ModelSpec((1, 28, 28), (LayerSpec("Conv2D", {"filters": 8}),)))
    double_click_palette(qtbot, palette, "ResidualBlock")
    assert types(builder) == ["Conv2D", "ResidualBlock"]
    assert model.data(model.index(1, LayerStackModel.OUTPUT)) == "16×28×28"
    # 8 -> 16 channels: 8·16·9 + 32 + 16·16·9 + 32, and a 1×1 shortcut 8·16 + 32
    assert model.data(model.index(1, LayerStackModel.PARAM_COUNT)) == str(1152 + 32 + 2304 + 32 + 128 + 32)
    editor = open_editor(builder, 1)
    stride, filters = editor.findChild(QSpinBox, "stride"), editor.findChild(QSpinBox, "filters")
    assert (stride.minimum(), stride.maximum()) == (1, 2)
    stride.setValue(2)
    filters.setValue(8)
    assert builder.spec().layers[1] == LayerSpec("ResidualBlock", {"filters": 8, "stride": 2})
    assert model.data(model.index(1, LayerStackModel.OUTPUT)) == "8×14×14"
