"""Which model is current (issue 15, item 4): the runs list's selection, the header above the
plots, the plots, Export, Evaluate and the Draw tab all name the same run; a reopened project
shows its run again; runs are named after what they are; a one-epoch run can be seen."""

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog

from playground.core.config.presets import load_preset


def _train(window, qtbot, epochs=2, **overrides):
    cfg = load_preset("xor-mlp").with_overrides(**{"train.epochs": epochs, "train.device": "cpu", **overrides})
    window.controller.apply_config(cfg)
    qtbot.waitUntil(lambda: window.train_action.isEnabled(), timeout=10000)
    with qtbot.waitSignal(window.session.finished, timeout=60000):
        window.train_action.trigger()
    qtbot.waitUntil(lambda: window.train_action.isEnabled(), timeout=5000)
    return window.controller.runs[-1]


def _header(window) -> str:
    return window.result_label.text()


def test_choosing_a_run_moves_the_header_export_evaluate_and_draw_tab_to_it(window, qtbot, monkeypatch):
    first = _train(window, qtbot, 2, **{"optimizer.name": "sgd", "optimizer.lr": 0.1})
    second = _train(window, qtbot, 3)
    assert window.runs_list.currentRow() == 1  # the run that just ended is current, and selected
    assert "Run 2" in _header(window) and "Run 1" not in _header(window)

    window.runs_list.setCurrentRow(0)  # the user picks Run 1

    c = window.controller
    assert c.current_run is first
    assert "Run 1" in _header(window) and "Run 2" not in _header(window)
    assert f"{first.summary['test_accuracy']:.2%}" in _header(window)
    assert window.draw_panel.window_predictor is c.predictor and c.predictor.source == "Run 1"
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda parent, title, path, *a: asked.append(path) or ("", ""))
    window.export_action.trigger()
    assert Path(asked[0]).stem == "Run-1"  # Export offers Run 1
    evaluation = window.experiments.open_evaluation()
    assert evaluation.predictor.source == "Run 1"
    evaluation.close()
    # The plots show Run 1's epochs: its validation loss per epoch; the status bar its
    # figures, the decision boundary its prediction.
    x, y = window.plots.loss.val.buffer.data()
    assert np.allclose(y, [h["val_loss"] for h in first.history])
    assert window.epoch_label.text() == "Epochs done: 2/2"
    assert window.speed_label.text() == f"{first.summary['samples_per_second']:,.0f} samples/s on average"
    boundary = window.boundary_view
    assert boundary.run_id == first.id and boundary.last_update is not None
    xs, ys = boundary.last_update.xs, boundary.last_update.ys
    expected = c.predictor.predict(np.array([[xs[3], ys[5]]]))[0, 1]
    assert boundary.last_update.probs[5, 3] == pytest.approx(expected, abs=1e-5)

    window.runs_list.setCurrentRow(1)
    assert c.current_run is second and "Run 2" in _header(window)
    assert np.allclose(window.plots.loss.val.buffer.data()[1], [h["val_loss"] for h in second.history])


def test_a_run_chosen_elsewhere_is_selected_in_the_list(window, qtbot):
    first = _train(window, qtbot, 1)
    _train(window, qtbot, 1)
    window.controller.set_predictor(window.controller.predictor, None)  # e.g. a model file opened: no run
    assert window.runs_list.currentRow() == -1
    assert window.plots.point_count() == 0  # no other run's curves under its name
    assert "Current model" in _header(window)
    from playground.core.inference.predictor import ModelPredictor

    window.controller.set_predictor(ModelPredictor.from_trained(first), first)
    assert window.runs_list.currentRow() == 0 and "Run 1" in _header(window)


def test_reopening_a_project_shows_its_runs_curves_and_header(window, qtbot, tmp_path):
    run = _train(window, qtbot, 3)
    path = tmp_path / "p.nnp"
    assert window.controller.save_to(path)

    from playground.gui.main_window import MainWindow

    other = MainWindow(QSettings(str(tmp_path / "other.ini"), QSettings.Format.IniFormat), data_dir=str(tmp_path / "data"))
    qtbot.addWidget(other)
    qtbot.waitUntil(lambda: other.data_panel.dataset() is not None, timeout=10000)
    assert other.controller.open_project(path)

    assert "Run 1" in _header(other) and f"{run.summary['test_accuracy']:.2%}" in _header(other)
    assert other.runs_list.currentRow() == 0
    plots = other.plots
    assert np.allclose(plots.loss.val.buffer.data()[1], [h["val_loss"] for h in run.history])
    assert plots.loss.smooth.buffer.size > len(run.history)  # the per-batch curve, not only the epochs
    assert plots.lr.buffer.size > 0
    other.controller.set_dirty(False)


def test_runs_are_named_after_dataset_model_optimizer_epochs_and_how_they_ended(window, qtbot):
    _train(window, qtbot, 2, **{"optimizer.name": "sgd", "optimizer.lr": 0.1})
    text = window.runs_list.item(0).text()
    for part in ("Run 1", "XOR", "Dense 8 Tanh → Dense 2 Softmax", "SGD 0.1", "2 epoch", "completed"):
        assert part in text, (part, text)
    tooltip = window.runs_list.item(0).toolTip()
    assert "batch size 16" in tooltip and "xor-mlp" in tooltip and "Completed 2 epoch" in tooltip


def test_a_one_epoch_run_is_visible_as_an_overlay(window, qtbot):
    _train(window, qtbot, 1)
    _train(window, qtbot, 1)
    window.runs_list.item(0).setCheckState(window.runs_list.item(0).checkState().Checked)
    plot = window.plots.loss.plot
    overlay = [item for item in plot.listDataItems() if (item.name() or "").startswith("Run 1")]
    assert overlay
    for item in overlay:
        drawn = item.xData is not None and (len(item.xData) > 1 or item.opts["symbol"] is not None)
        assert drawn, item.name()  # a line needs two points; a single point needs a marker
    assert any(len(item.xData) > 1 for item in overlay)  # the per-batch curve of its one epoch


def test_a_long_stack_is_summarised_and_a_dense_layers_own_activation_is_in_the_details():
    from playground.core.config.model_spec import LayerSpec
    from playground.gui.run.run_names import _layer, model_summary

    cfg = load_preset("cnn")
    summary = model_summary(cfg)
    assert summary.startswith("Conv2D") and "Dense" in summary and summary.count("→") <= 3
    assert _layer(LayerSpec("Dense", {"units": 256, "activation": "Sigmoid"}), activation=True) == "Dense 256 Sigmoid"


def test_runs_that_differ_only_in_where_the_activation_is_read_differently():
    """A walkthrough trained Dense 64 → Dense 2 → ReLU (no hidden activation, ReLU as output),
    then fixed it to Dense 64 → ReLU → Dense 2 → Softmax: both runs read "Dense 64 → Dense 2"."""
    from playground.core.config.model_spec import LayerSpec, ModelSpec
    from playground.gui.run.run_names import model_summary

    def cfg(*layers):
        return load_preset("xor-mlp").replace(model=ModelSpec((2,), tuple(LayerSpec(t, p) for t, p in layers)))

    broken = cfg(("Dense", {"units": 64}), ("Dense", {"units": 2}), ("Activation", {"function": "ReLU"}))
    fixed = cfg(("Dense", {"units": 64}), ("Activation", {"function": "ReLU"}), ("Dense", {"units": 2}), ("Activation", {"function": "Softmax"}))
    assert model_summary(broken) == "Dense 64 → Dense 2 ReLU"
    assert model_summary(fixed) == "Dense 64 ReLU → Dense 2 Softmax"


def test_a_scheduled_learning_rate_is_named_beside_the_rate():
    """The cnn preset's Adam 0.001 runs a one-cycle schedule whose LR plot peaks near 0.01: the
    run's facts said only "Adam 0.001"."""
    from playground.gui.run.run_names import run_facts

    class Record:
        config = load_preset("cnn")
        summary: dict = {"dataset": "mnist-5k"}

    facts = run_facts(Record())
    assert "Adam 0.001 (" in facts and "ycle" in facts, facts


def test_run_names_are_kept_in_english_and_shown_in_the_ui_language(qapp):
    """Runs made in English and in Japanese read alike after a switch or a reopened project:
    'Run 1' beside '実行 3' was the window's own mix."""
    from playground.gui.i18n import language as i18n
    from playground.gui.i18n.core_text import model_title

    assert model_title("実行 3") == "Run 3"  # a project saved while the names were translated
    assert i18n.install_translators(qapp, "ja")
    try:
        assert model_title("Run 3") == "実行 3"
        assert model_title("Run 4 fine-tuned on 1 personal sample") == "実行 4 を自分のサンプル 1 個でファインチューニング"
    finally:
        i18n.install_translators(qapp, "en")


def _dense_weights(run):
    return [v.numpy() for k, v in run.state_dict.items() if k.startswith("body.") and k.endswith(".weight") and v.ndim == 2]


def test_the_neurons_view_shows_the_current_run_s_weights(window, qtbot):
    """Selecting a run colours the diagram's links by that run's weights, not the last trained
    run's; a run whose layers are not the builder's leaves the links plain, as untrained."""
    diagram = window.network_diagram
    first = _train(window, qtbot, 1, **{"train.seed": 1})
    second = _train(window, qtbot, 1, **{"train.seed": 2})
    assert diagram.mode == "neurons"
    assert np.allclose(diagram._weights[0], _dense_weights(second)[0])

    window.runs_list.setCurrentRow(0)  # the user picks Run 1
    assert window.controller.current_run is first
    assert np.allclose(diagram._weights[0], _dense_weights(first)[0])
    assert not np.allclose(_dense_weights(first)[0], _dense_weights(second)[0])

    # Another stack in the builder (4 hidden units): Run 1's weights do not belong to its links.
    cfg = first.config.with_overrides(**{"model.layers[0].units": 4})
    window.controller.apply_config(cfg)
    assert [l.get("units") for l in window.layer_builder.spec().layers if l.type == "Dense"] == [4, 2]
    window.runs_list.setCurrentRow(1)
    window.runs_list.setCurrentRow(0)
    assert diagram.mode == "neurons" and not diagram.weights_shown()

    # The run's own stack again: its weights come back.
    window.controller.apply_config(first.config)
    assert np.allclose(diagram._weights[0], _dense_weights(first)[0])


def test_a_stack_with_batch_norm_shows_its_dense_weights(window, qtbot):
    """BatchNorm's scale is stored as a 'weight' too (one number per unit): the diagram takes
    the Dense layers' matrices only, rather than failing on a list that does not fit."""
    from playground.core.config.model_spec import LayerSpec

    cfg = load_preset("xor-mlp")
    layers = list(cfg.model.layers)
    layers.insert(1, LayerSpec("BatchNorm", {}))
    run = _train(window, qtbot, 1, **{"model.layers": tuple(layers)})
    assert window.controller.current_run is run and len(window.controller.runs) == 1
    assert window.network_diagram.mode == "neurons"
    assert [w.shape for w in window.network_diagram._weights] == [(8, 2), (2, 8)]


def test_residual_blocks_are_named_in_the_run_summary():
    from playground.core.config.model_spec import LayerSpec, ModelSpec
    from playground.gui.run.run_names import model_summary

    layers = (LayerSpec("Conv2D", {"filters": 8}), LayerSpec("Activation"), LayerSpec("ResidualBlock", {"filters": 8}),
              LayerSpec("ResidualBlock", {"filters": 16, "stride": 2}), LayerSpec("Flatten"), LayerSpec("Dense", {"units": 10}))
    cfg = load_preset("cnn").replace(model=ModelSpec((), layers))
    assert model_summary(cfg) == "Conv2D 8 ReLU → ResidualBlock 8 → ResidualBlock 16/2 → Dense 10"
