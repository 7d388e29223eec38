"""The Data tab's input-feature toggles: they change the model's input size (the builder's
first layer and its summary), undo like any model edit, train a model that still takes the raw
point, and are saved in projects and restored on open."""

import numpy as np

from playground.core.config.presets import load_preset
from playground.gui.run.run_names import run_title

from .test_data_panel import _write_small_mnist


def _spiral(window, epochs=2):
    cfg = load_preset("xor-mlp").with_overrides(
        **{"data.name": "spiral", "train.epochs": epochs, "train.device": "cpu"}
    )
    window.controller.apply_config(cfg)


def _click(qtbot, window, name):
    window.data_panel.features_group.boxes[name].click()  # as the user's click: toggled, edited


def test_toggles_change_the_models_input_size_and_undo(english, window, qtbot):
    _spiral(window)
    qtbot.waitUntil(lambda: window.layer_builder.is_valid(), timeout=10000)
    builder, group = window.layer_builder, window.data_panel.features_group
    assert group.isVisibleTo(window.data_panel) and group.features() == ("x1", "x2")
    assert builder.layer_infos()[0].input_shape == (2,) and builder.layer_infos()[0].params == 2 * 8 + 8
    _click(qtbot, window, "sin_x1")
    _click(qtbot, window, "sin_x2")
    assert window.controller.current_config().model.features == ("x1", "x2", "sin_x1", "sin_x2")
    first = builder.layer_infos()[0]
    assert first.input_shape == (4,) and first.params == 4 * 8 + 8
    assert "Input: 4 values (x₁, x₂, sin x₁, sin x₂)" in builder._total_label.text()
    assert window.isWindowModified()
    builder.undo_stack.undo()  # Edit ▸ Undo takes a toggle back, and the box follows
    assert not group.boxes["sin_x2"].isChecked() and builder.layer_infos()[0].input_shape == (3,)
    builder.undo_stack.redo()
    assert group.boxes["sin_x2"].isChecked() and builder.layer_infos()[0].input_shape == (4,)
    # The last feature left cannot be unchecked: the first layer needs an input.
    for name in ("x1", "x2", "sin_x1"):
        _click(qtbot, window, name)
    assert group.features() == ("sin_x2",) and not group.boxes["sin_x2"].isEnabled()


def test_features_train_a_model_of_the_raw_point_and_a_project_keeps_them(window, qtbot, tmp_path):
    _spiral(window)
    qtbot.waitUntil(lambda: window.train_action.isEnabled(), timeout=10000)
    for name in ("x1_squared", "x1_times_x2", "sin_x2"):
        _click(qtbot, window, name)
    wanted = ("x1", "x2", "x1_squared", "x1_times_x2", "sin_x2")
    with qtbot.waitSignal(window.session.finished, timeout=60000) as done:
        window.train_action.trigger()
    run = done.args[0].model
    assert run.config.model.features == wanted
    assert "x₁, x₂, x₁², x₁x₂, sin x₂ → Dense 8 Tanh → Dense 2 Softmax" in run_title(run)  # runs tell apart
    predictor = window.controller.predictor
    assert predictor.input_shape == (2,) and predictor.predict(np.zeros((3, 2), np.float32)).shape == (3, 2)
    path = tmp_path / "features.nnp"
    assert window.controller.save_to(path)
    window.controller.apply_config(load_preset("xor-mlp"))  # back to the raw point
    assert window.data_panel.features_group.features() == ("x1", "x2")
    assert window.layer_builder.layer_infos()[0].input_shape == (2,)
    window.controller.set_dirty(False)
    assert window.controller.open_project(path)
    qtbot.waitUntil(lambda: window.layer_builder.layer_infos()[0].input_shape == (5,), timeout=10000)
    assert window.data_panel.features_group.features() == wanted
    assert window.controller.current_config().model.features == wanted
    assert not window.isWindowModified()


def test_the_toggles_are_for_2d_points_only_and_wait_for_them(window, qtbot, tmp_path):
    _write_small_mnist(tmp_path / "data")  # the window's data folder
    _spiral(window)
    qtbot.waitUntil(lambda: window.layer_builder.is_valid(), timeout=10000)
    _click(qtbot, window, "x2_squared")
    combo = window.data_panel.dataset_combo
    combo.setCurrentIndex(combo.findData("mnist"))
    group = window.data_panel.features_group
    assert not group.isVisibleTo(window.data_panel)
    qtbot.waitUntil(lambda: window.layer_builder.spec().input_shape == (1, 28, 28), timeout=10000)
    assert window.layer_builder.spec().features == ()  # not part of an image model
    combo.setCurrentIndex(combo.findData("circle"))
    assert group.isVisibleTo(window.data_panel)
    qtbot.waitUntil(lambda: window.layer_builder.spec().input_shape == (2,), timeout=10000)
    assert window.layer_builder.spec().features == ("x1", "x2", "x2_squared")
