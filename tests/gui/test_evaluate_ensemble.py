"""Experiments ▸ Evaluate Model… and Train Ensemble… as a learner meets them (issue 15, item 8):
the evaluation picks its dataset, the model's own by default; the ensemble cannot start on a
stack that does not fit the data, and its errors are plain messages."""

import pytest
from PySide6.QtWidgets import QMessageBox

from playground.core.config.presets import load_preset


@pytest.fixture
def window(window, qtbot):
    window.controller.apply_config(load_preset("xor-mlp").with_overrides(**{"train.device": "cpu", "train.epochs": 2}))
    qtbot.waitUntil(lambda: window.data_panel.dataset() is not None and window.train_action.isEnabled(), timeout=10000)
    yield window
    if window.experiments.ensemble_dialog is not None:
        window.experiments.ensemble_dialog.shutdown()


def test_evaluate_defaults_to_the_dataset_the_model_was_trained_on(window, qtbot):
    with qtbot.waitSignal(window.session.finished, timeout=60000):
        window.train_action.trigger()
    run = window.controller.current_run
    assert run.config.data.name == "xor"
    # The learner loads another dataset; the model still is the XOR run.
    cfg = window.controller.current_config()
    window.data_panel.set_data_config(cfg.data.__class__(name="circle"))
    qtbot.waitUntil(lambda: window.data_panel.dataset() is not None and window.data_panel.dataset().name == "circle")
    dialog = window.experiments.open_evaluation()
    with qtbot.waitSignal(dialog.evaluated, timeout=20000) as done:
        pass
    combo = dialog.dataset_combo
    assert combo.currentData() == "xor" and "(trained on)" in combo.currentText()
    listed = [combo.itemData(i) for i in range(combo.count())]
    assert listed == ["xor", "circle", "gauss", "spiral"]  # toy classification sets only: they fit 2 inputs, 2 classes
    # The XOR test split, generated with the run's own options, not the circle set loaded now.
    from playground.core.data.registry import load_dataset

    xor = load_dataset("xor", run.config.data.options)
    assert done.args[0].confusion.sum() == len(xor.x_test)
    assert "trained on" in dialog.data_note.text() and "XOR" in dialog.summary.text()

    # Another fitting dataset can be chosen; the dialog says it is not the model's own.
    with qtbot.waitSignal(dialog.evaluated, timeout=20000) as done:
        dialog.choose_dataset("circle")
    assert done.args[0].confusion.sum() == len(window.data_panel.dataset().x_test)
    assert "This model was trained on XOR" in dialog.data_note.text()
    qtbot.waitUntil(lambda: not dialog.pending(), timeout=10000)
    dialog.close()
