"""Transfer learning in the main window: starting weights, frozen layers and layer learning
rates reaching the real worker, project files keeping them, and clear messages."""

import torch
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableView

from playground.core.config.presets import load_preset
from playground.core.config.model_spec import LayerSpec, ModelSpec
from playground.core.experiments.transfer import start_from_run
from playground.gui.tabs.layer_stack_model import LayerStackModel


def _short(window, epochs=2):
    window.controller.apply_config(load_preset("xor-mlp").with_overrides(**{"train.epochs": epochs, "train.device": "cpu"}))


def _train(window, qtbot):
    qtbot.waitUntil(lambda: window.train_action.isEnabled(), timeout=10000)
    with qtbot.waitSignal(window.session.finished, timeout=60000) as done:
        window.train_action.trigger()
    qtbot.waitUntil(lambda: window.train_action.isEnabled(), timeout=5000)
    return done.args[0]


def _click_frozen(qtbot, window, row):
    view = window.layer_builder.findChild(QTableView, "layer_stack")
    index = view.model().index(row, LayerStackModel.FROZEN)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def test_the_config_names_frozen_layers_and_rates_by_position_after_a_reorder(window, qtbot):
    _short(window)
    builder = window.layer_builder
    model = builder.findChild(QTableView, "layer_stack").model()
    _click_frozen(qtbot, window, 0)
    model.setData(model.index(2, LayerStackModel.LR), 0.5)
    assert window.isWindowModified()
    cfg = window.controller.current_config()
    assert cfg.train.frozen_layers == (0,) and cfg.train.layer_lr == {2: 0.5}
    # Insert a Dropout at the top: both move down a place in the config.
    model.layers_dropped.emit([LayerSpec("Dropout")], 0)
    cfg = window.controller.current_config()
    assert cfg.train.frozen_layers == (1,) and cfg.train.layer_lr == {3: 0.5}
    cfg.validate()
    assert window.network_diagram._frozen == frozenset({1})
    # And back from a config (a preset, a project) into the rows.
    window.controller.apply_config(cfg.with_overrides(**{"train.frozen_layers": (3,), "train.layer_lr": {1: 2.0}}))
    assert builder.frozen_layers() == (3,) and builder.layer_lr() == {1: 2.0}


def test_training_from_a_runs_weights_keeps_the_frozen_layers(window, qtbot):
    _short(window, 3)
    first = _train(window, qtbot)
    record = window.controller.runs[-1]
    window.start_weights.choose(start_from_run(record))
    assert "6 of 6 tensors of Run 1 fit this model." in window.findChild(QLabel, "start_weights_status").text()
    _click_frozen(qtbot, window, 0)
    second = _train(window, qtbot)
    assert second.config.train.frozen_layers == (0,)
    for key in ("body.0.weight", "body.0.bias"):
        assert torch.equal(second.state_dict[key], first.state_dict[key]), key
    assert not torch.equal(second.state_dict["body.2.weight"], first.state_dict["body.2.weight"])
    assert "6 of 6 tensors loaded from Run 1." in window.log_view.toPlainText()


def test_a_model_nothing_fits_is_refused_with_a_clear_message(window, qtbot, dialogs):
    _short(window, 2)
    _train(window, qtbot)
    window.start_weights.choose(start_from_run(window.controller.runs[-1]))
    # 16 hidden units instead of 8: no layer fits any more.
    layers = list(window.layer_builder.spec().layers)
    layers[0] = LayerSpec("Dense", {"units": 16})
    window.layer_builder.load_layers(ModelSpec((), tuple(layers), "xavier"))
    status = window.start_weights._status.text()
    assert "None of the layers of Run 1 fit this model" in status
    count = window.runs_list.count()
    window.train_action.trigger()
    assert dialogs[-1][1] == "Cannot train yet" and "None of the layers of Run 1" in dialogs[-1][2]
    assert not window.session.is_running() and window.runs_list.count() == count
    # Undo the change: everything fits again.
    window.layer_builder.undo_stack.undo()
    report = window.start_weights.report()
    assert report is not None and not report.fresh_layers()


def test_use_its_layers_copies_the_trained_model_and_freezes_all_but_the_last(window, qtbot):
    _short(window, 2)
    _train(window, qtbot)
    perceptron = load_preset("perceptron").replace(data=load_preset("xor-mlp").data)
    window.controller.apply_config(perceptron)
    window.start_weights.choose(start_from_run(window.controller.runs[-1]))
    assert window.transfer.copy_layers(ask=False)
    builder = window.layer_builder
    assert [l.describe() for l in builder.spec().layers] == ["Dense(8)", "Tanh", "Dense(2)", "Softmax"]
    assert builder.frozen_layers() == (0,)
    assert window.start_weights.report() is not None and not window.start_weights.report().fresh_layers()
    builder.undo_stack.undo()  # one step back to the perceptron
    assert builder.spec().layers == perceptron.model.layers and builder.frozen_layers() == ()


def test_project_round_trip_keeps_start_weights_freeze_flags_and_rates(window, qtbot, tmp_path):
    _short(window, 2)
    _train(window, qtbot)
    window.start_weights.choose(start_from_run(window.controller.runs[-1]))
    model = window.layer_builder.findChild(QTableView, "layer_stack").model()
    _click_frozen(qtbot, window, 0)
    model.setData(model.index(2, LayerStackModel.LR), 3.0)
    path = tmp_path / "t.nnp"
    assert window.controller.save_to(path)
    window.controller._on_new_triggered()
    assert window.start_weights.start() is None and window.layer_builder.frozen_layers() == ()
    assert window.controller.open_project(path)
    start = window.start_weights.start()
    assert start is not None and start.label == "Run 1" and start.kind == "run"
    assert torch.equal(start.state_dict["body.0.weight"], window.controller.runs[-1].state_dict["body.0.weight"])
    assert window.layer_builder.frozen_layers() == (0,) and window.layer_builder.layer_lr() == {2: 3.0}
    assert window.start_weights._button.text() == "Run 1"
    assert not window.isWindowModified()


def test_switching_language_keeps_the_starting_weights_and_frozen_layers(window, qtbot, qapp):
    from playground.gui.i18n import language as i18n
    from playground.gui.i18n.switch import switch_language

    i18n.set_chosen_language(window.settings, "en")
    _short(window, 2)
    _train(window, qtbot)
    window.start_weights.choose(start_from_run(window.controller.runs[-1]))
    _click_frozen(qtbot, window, 0)
    try:
        new = switch_language(window, "ja")
        assert new is window  # the same window, its texts in Japanese
        assert new.start_weights.start() is not None and new.start_weights.start().label == "Run 1"
        assert new.layer_builder.frozen_layers() == (0,)
    finally:
        i18n.install_translators(qapp, "en")
