"""Experiments ▸ Compare… and the evaluation view, through pytest-qt with the real trainer."""

import numpy as np
import pytest
import torch
from PySide6.QtCore import Qt

from playground.core.data.dataset import Dataset
from playground.core.inference.predictor import ModelPredictor
from playground.core.config.presets import load_preset
from playground.core.config.spec import OptimizerConfig, RunConfig, TrainConfig
from playground.core.config.model_spec import LayerSpec, ModelSpec
from playground.core.training.loop import fit
from playground.gui.dialogs.evaluation import EvaluationDialog


@pytest.fixture
def window(window, qtbot):
    """The window of conftest.py on the xor-mlp preset; closes an Experiments dialog left open."""
    window.controller.apply_config(load_preset("xor-mlp").with_overrides(**{"train.device": "cpu"}))
    qtbot.waitUntil(lambda: window.data_panel.dataset() is not None, timeout=10000)
    yield window
    if window.experiments.dialog is not None:
        window.experiments.dialog.shutdown()


def test_menu_and_varied_setting_overlay_and_table(window, qtbot):
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles.index("E&xperiments") == len(titles) - 2  # before Help
    dialog = window.experiments.open_compare()
    dialog.select_setting("lr", "0.003,0.03")
    dialog.epochs_spin.setValue(3)
    with qtbot.waitSignal(dialog.runner.finished, timeout=60000) as done:
        qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
        assert dialog.stop_button.isEnabled() and not dialog.run_button.isEnabled()
    result = done.args[0]
    assert result.status == "completed" and [v.name for v in result.variants] == ["lr 0.003", "lr 0.03"]
    assert dialog.table.rowCount() == 2
    for row, values in enumerate(result.rows()):
        assert dialog.table.item(row, 0).text() == values["variant"]
        assert dialog.table.item(row, 6).text() == f"{values['val_accuracy']:.2%}"
        x, y = dialog.curves.curves[row]["loss"].getData()
        assert list(x) == [1, 2, 3]
        np.testing.assert_allclose(y, [h.loss for h in result.variants[row].result.history])
    assert dialog.progress.value() == dialog.progress.maximum() == 6
    assert dialog.run_button.isEnabled() and not dialog.stop_button.isEnabled()
    assert "Chosen on the validation set" in dialog.status.text()


def test_stop_ends_the_comparison(window, qtbot):
    dialog = window.experiments.open_compare()
    dialog.select_setting("optimizer", "sgd,adam,rmsprop")
    dialog.epochs_spin.setValue(500)
    with qtbot.waitSignal(dialog.runner.variant_started, timeout=10000):
        dialog.run()
    with qtbot.waitSignal(dialog.runner.finished, timeout=30000) as done:
        qtbot.mouseClick(dialog.stop_button, Qt.MouseButton.LeftButton)
    result = done.args[0]
    assert result.status == "stopped"
    assert [v.status for v in result.variants][1:] == ["not run", "not run"]
    assert dialog.status.text() == "Stopped."


def test_lesson_on_the_current_dataset_shows_activation_histograms(window, qtbot):
    dialog = window.experiments.open_compare()
    dialog.select_lesson("weight-init-relu")
    assert "ReLU" in dialog.description.text()
    dialog.current_data_check.setChecked(True)
    dialog.epochs_spin.setValue(1)
    with qtbot.waitSignal(dialog.runner.finished, timeout=60000) as done:
        dialog.run()
    result = done.args[0]
    assert result.dataset == "xor" and result.status == "completed"
    assert dialog.tabs.isTabEnabled(1)
    plots = [item for item in dialog.histograms.ci.items if hasattr(item, "listDataItems")]
    assert len(plots) == 4 * 5  # 4 initialisations × 5 hidden layers
    dialog.hist_after_check.setChecked(True)
    assert len([i for i in dialog.histograms.ci.items if hasattr(i, "listDataItems")]) == 20


def test_bad_values_are_reported_not_run(window, qtbot, dialogs):
    dialog = window.experiments.open_compare()
    dialog.select_setting("lr", "0.1,fast")
    dialog.run()
    assert dialogs and dialogs[-1][0] == "warning" and "fast" in dialogs[-1][2]
    assert not dialog.runner.is_running()


def _images(n=120, classes=3, size=6):
    g = torch.Generator().manual_seed(0)
    y = torch.arange(n) % classes
    x = 0.4 * torch.rand(n, 1, size, size, generator=g)
    for c in range(classes):
        x[y == c, 0, c * 2 : c * 2 + 2, :] += 0.5
    x = x.clamp(0, 1)
    return Dataset("stripes", "classification", x[:80], y[:80], x[80:], y[80:], ["a", "b", "c"], (0.3,), (0.2,))


def test_evaluation_dialog_matrix_cells_and_mistakes(qtbot):
    data = _images()
    cfg = RunConfig(
        model=ModelSpec((), [LayerSpec("Flatten"), LayerSpec("Dense", {"units": 3})]),
        optimizer=OptimizerConfig("adam", 0.01),
        train=TrainConfig(epochs=1, batch_size=16, device="cpu"),
    )
    result = fit(cfg, data)
    predictor = ModelPredictor.from_network(result.build_model(), "classification", data.class_names, "run 1")
    dialog = EvaluationDialog(predictor, data)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.evaluated, timeout=10000) as done:
        dialog.show()
    ev = done.args[0]
    assert ev.confusion.sum() == 40
    for i in range(3):
        for j in range(3):
            assert dialog.matrix.item(i, j).text() == str(ev.confusion[i, j])
    i, j = np.unravel_index(np.argmax(ev.confusion), ev.confusion.shape)  # the fullest cell
    rect = dialog.matrix.visualItemRect(dialog.matrix.item(int(i), int(j)))
    qtbot.mouseClick(dialog.matrix.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.cell_list.count() == ev.confusion[i, j]
    listed = [dialog.cell_list.item(k).data(Qt.ItemDataRole.UserRole) for k in range(dialog.cell_list.count())]
    assert listed == ev.cell(int(i), int(j)).tolist()
    assert not dialog.cell_list.item(0).icon().isNull()
    wrong = int(ev.confusion.sum() - np.trace(ev.confusion))
    assert dialog.wrong_list.count() == min(50, wrong)
    assert dialog.per_class.item(0, 2).text() == str(int(ev.class_counts[0]))
    assert f"{ev.accuracy:.2%}" in dialog.summary.text()


def test_evaluate_action_follows_the_current_model(window, qtbot):
    action = window.experiments.evaluate_action
    assert not action.isEnabled()
    window.controller.apply_config(load_preset("xor-mlp").with_overrides(**{"train.epochs": 3, "train.device": "cpu"}))
    qtbot.waitUntil(lambda: window.train_action.isEnabled(), timeout=10000)
    with qtbot.waitSignal(window.session.finished, timeout=60000):
        window.train_action.trigger()
    qtbot.waitUntil(action.isEnabled, timeout=5000)
    first = window.experiments.open_evaluation()
    dialog = window.experiments.open_evaluation()  # replaces the first, whose job may still run
    assert dialog is not first and first.isHidden()
    with qtbot.waitSignal(dialog.evaluated, timeout=10000) as done:
        pass
    assert done.args[0].confusion.sum() == len(window.data_panel.dataset().x_test)
    qtbot.waitUntil(lambda: not first.pending(), timeout=10000)
    dialog.close()


def test_ensemble_dialog_trains_members_and_becomes_the_current_model(window, qtbot):
    window.controller.apply_config(load_preset("xor-mlp").with_overrides(**{"train.epochs": 3, "train.device": "cpu"}))
    qtbot.waitUntil(lambda: window.data_panel.dataset() is not None, timeout=10000)
    dialog = window.experiments.open_ensemble()
    dialog.members_spin.setValue(2)
    with qtbot.waitSignal(dialog.finished, timeout=60000) as done:
        qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    result = done.args[0]
    assert result.status == "completed" and len(result.members) == 2
    assert dialog.table.rowCount() == 3
    assert dialog.table.item(2, 1).text() == f"{result.test_accuracy:.2%}"
    assert dialog.use_button.isEnabled()
    with qtbot.waitSignal(window.controller.predictor_changed) as changed:
        qtbot.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)
    predictor = changed.args[0]
    assert predictor is window.controller.predictor and predictor.source == "Ensemble of 2"
    x = window.data_panel.dataset().x_test[:5].numpy()
    np.testing.assert_allclose(predictor.predict(x), predictor.member_predictions(x).mean(axis=0), atol=1e-6)
    assert window.experiments.evaluate_action.isEnabled()
    dialog.close()


def test_ensemble_export_button_and_file_export_write_onnx_that_loads_back(window, qtbot, tmp_path, monkeypatch, dialogs):
    pytest.importorskip("onnxruntime")
    from PySide6.QtWidgets import QFileDialog

    from playground.core.inference.loaders import OnnxPredictor, load_predictor

    window.controller.apply_config(load_preset("xor-mlp").with_overrides(**{"train.epochs": 2, "train.device": "cpu"}))
    qtbot.waitUntil(lambda: window.data_panel.dataset() is not None, timeout=10000)
    dialog = window.experiments.open_ensemble()
    assert not dialog.export_button.isEnabled()  # nothing trained yet
    dialog.members_spin.setValue(2)
    with qtbot.waitSignal(dialog.finished, timeout=60000) as done:
        dialog.run()
    result = done.args[0]
    assert dialog.export_button.isEnabled()
    x = window.data_panel.dataset().x_test[:20].numpy()
    expected = result.predictor().predict(x)

    asked = []

    def save_as(path):
        def fake(*args, **kwargs):
            asked.append(args)
            return str(path), ""
        return fake

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as(tmp_path / "ens"))
    with qtbot.waitSignal(dialog.panel.exported, timeout=60000) as written:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        assert not dialog.export_button.isEnabled()  # one export at a time
    assert written.args[0] == [str(tmp_path / "ens.onnx")] and "*.onnx" in asked[-1][3]
    loaded = load_predictor(tmp_path / "ens.onnx")
    assert isinstance(loaded, OnnxPredictor) and loaded.metadata["ensemble"]["members"] == 2
    assert np.abs(loaded.predict(x) - expected).max() < 1e-5
    assert dialog.export_button.isEnabled() and "ens.onnx" in dialog.status.text()

    # A folder that does not exist: a clear message, nothing written, the button usable again.
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as(tmp_path / "missing" / "e.onnx"))
    with qtbot.waitSignal(dialog.panel.export_failed, timeout=30000):
        dialog.panel.export_ensemble()
    kind, title, text = dialogs[-1]
    assert kind == "warning" and "does not exist" in text and "Nothing was overwritten" in text
    assert dialog.export_button.isEnabled() and not (tmp_path / "missing").exists()

    # With the ensemble as the canvas model, File ▸ Export writes the ensemble as ONNX.
    assert not window.export_action.isEnabled()  # no model in the window yet
    dialog.use_ensemble()
    assert window.controller.current_run is None
    assert window.export_action.isEnabled() and "ensemble of 2" in window.export_action.toolTip()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as(tmp_path / "from-menu.onnx"))
    with qtbot.waitSignal(window.model_files.exported, timeout=60000):
        window.export_action.trigger()
    again = load_predictor(tmp_path / "from-menu.onnx")
    assert np.abs(again.predict(x) - expected).max() < 1e-5
    dialog.close()


def test_comparison_legend_sits_below_the_plots(window, qtbot):
    dialog = window.experiments.open_compare()
    dialog.select_setting("lr", "0.003,0.03")
    dialog.epochs_spin.setValue(1)
    with qtbot.waitSignal(dialog.runner.finished, timeout=60000):
        dialog.run()
    # No legend inside either plot, where it hid curves; one legend under both names each variant.
    assert dialog.curves.loss_plot.getPlotItem().legend is None and dialog.curves.acc_plot.getPlotItem().legend is None
    text = dialog.curves.legend.text()
    assert "lr&nbsp;0.003" in text and "lr&nbsp;0.03" in text
    assert dialog.curves.legend.geometry().top() >= dialog.curves.loss_plot.geometry().bottom()


# --------------------------------------------------------------------------- issue 15: lessons that teach


def test_the_dialog_names_the_dataset_and_the_real_epochs(window, qtbot):
    dialog = window.experiments.open_compare()
    dialog.select_lesson("overfitting")
    # Not "Epochs: default" (which was 200): the number itself, and the dataset and samples.
    assert dialog.epochs_spin.value() == 200 and dialog.epochs_spin.text() == "200"
    plan = dialog.plan.text()
    assert "MNIST sample (5,000 digits)" in plan and "200 epochs" in plan and "300 training and 1,000 validation" in plan
    assert "batch size 100" in plan
    assert dialog.description.text().startswith("What to expect: A big network")
    dialog.select_lesson("optimizers")
    assert dialog.epochs_spin.value() == 5 and "5 epochs" in dialog.plan.text()
    dialog.current_data_check.setChecked(True)
    assert "XOR" in dialog.plan.text()
    dialog.epochs_spin.setValue(1)
    assert "<b>1 epoch</b>" in dialog.plan.text()
    dialog.select_setting("lr", "0.01,0.1")
    assert dialog.epochs_spin.value() == window.controller.current_config().train.epochs


def test_a_lesson_run_reports_the_choice_the_test_once_and_what_differs(window, qtbot):
    dialog = window.experiments.open_compare()
    dialog.select_lesson("xor")
    dialog.epochs_spin.setValue(1)
    with qtbot.waitSignal(dialog.runner.finished, timeout=60000) as done:
        dialog.run()
    result = done.args[0]
    vals = [v.result.history[-1].val_accuracy for v in result.variants]
    chosen = result.variants[vals.index(max(vals))]
    assert result.chosen == chosen.name and result.chosen_by == "val_accuracy"
    outcome = dialog.outcome.text()
    assert f"Chosen by validation accuracy: {chosen.name}" in outcome
    assert f"measured once at the end on {result.sizes['test']:,} samples" in outcome
    assert f"{chosen.test_accuracy:.2%}" in outcome
    headers = [dialog.table.horizontalHeaderItem(c).text() for c in range(dialog.table.columnCount())]
    assert "Test acc." not in headers
    assert dialog.table.item(vals.index(max(vals)), 0).font().bold()
    # One epoch is too few for the MLP, against what the lesson expects: the dialog says so.
    assert "Notes on this run:" in outcome and "has not finished bending its boundary" in outcome


def test_a_fast_variant_s_time_is_not_shown_as_zero(window, qtbot):
    dialog = window.experiments.open_compare()
    dialog.select_setting("lr", "0.003,0.03")
    dialog.epochs_spin.setValue(1)
    with qtbot.waitSignal(dialog.runner.finished, timeout=60000) as done:
        dialog.run()
    row = done.args[0].rows()[0]
    time_column = [dialog.table.horizontalHeaderItem(c).text() for c in range(8)].index("Time (s)")
    dialog._set_row(0, {**row, "seconds": 0.043})
    assert dialog.table.item(0, time_column).text() == "0.043"


def test_overlapping_curves_stay_distinguishable(window, qtbot):
    dialog = window.experiments.open_compare()
    dialog.select_setting("optimizer", "sgd,adam,adamw")
    dialog.epochs_spin.setValue(2)
    with qtbot.waitSignal(dialog.runner.finished, timeout=60000):
        dialog.run()
    curves = dialog.curves
    symbols = [curves.markers[i]["val_accuracy"].opts["symbol"] for i in range(3)]
    assert len(set(symbols)) == 3 and None not in symbols  # a marker of its own per variant
    for i in range(3):
        x, _ = curves.markers[i]["val_accuracy"].getData()
        assert len(x) == 2  # on both epochs
    legend = curves.legend.text()
    assert all(glyph in legend for glyph in ("○", "□", "△"))


def test_the_dialog_fits_the_screen_and_shows_every_row_of_the_optimizer_lesson(window, qtbot):
    """At 1280×800 the dialog filled the screen and its table showed about four rows (the
    outcome's notes below it took the rest): it now opens within the available screen, and
    at a 1280×800 laptop's size the eight optimizers' rows and the curves are all in view."""
    dialog = window.experiments.open_compare()
    area = dialog.screen().availableGeometry()
    assert dialog.width() <= area.width() and dialog.height() <= area.height()
    dialog.resize(1100, 740)  # what a 1280×800 screen leaves, less a title bar
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.select_setting("optimizer", "sgd,momentum,adagrad,rmsprop,adam,adamw,radam,adabound")
    dialog.epochs_spin.setValue(1)
    with qtbot.waitSignal(dialog.runner.finished, timeout=120000):
        dialog.run()
    qtbot.wait(50)
    table = dialog.table
    assert table.rowCount() == 8
    viewport = table.viewport().rect()
    for row in range(8):
        rect = table.visualRect(table.model().index(row, 0))
        assert viewport.contains(rect), (row, rect, viewport)
    assert dialog.curves.loss_plot.height() >= 200
