"""The window's own wording of run outcomes and datasets (translated; the engine's is English)."""

import dataclasses

import pytest
from PySide6.QtCore import QSettings

from playground.core.data.registry import load_dataset
from playground.core.config.presets import load_preset
from playground.core.training.loop import fit
from playground.gui.i18n import language as i18n
from playground.gui.main_window import MainWindow


@pytest.fixture
def controller(qtbot, qapp, tmp_path):
    i18n.install_translators(qapp, "en")  # as the app does: English's singular and plural forms
    w = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), data_dir=str(tmp_path))
    qtbot.addWidget(w)
    yield w.controller
    w.controller.set_dirty(False)


@pytest.fixture(scope="module")
def result():
    cfg = load_preset("xor-mlp").with_overrides(**{"train.epochs": 3, "train.device": "cpu"})
    return fit(cfg, load_dataset("xor", {"n_samples": 80}))


def test_completed_run(controller, result):
    assert result.status == "completed"
    assert controller.run_message(result.config, result.summary()) == "Completed 3 epochs."


def test_stopped_run_keeps_the_best_epoch(controller, result):
    stopped = dataclasses.replace(
        result, status="stopped", message="Stopped by request after epoch 2.", epochs_completed=2, best_epoch=2
    )
    assert controller.run_message(stopped.config, stopped.summary()) == "Stopped after epoch 2 of 3. Kept the best weights (epoch 2)."


def test_diverged_run_names_the_learning_rate(controller, result):
    diverged = dataclasses.replace(result, status="diverged", best_epoch=0)
    text = controller.run_message(diverged.config, diverged.summary())
    assert "diverged" in text and f"{result.config.optimizer.lr:g}" in text and "Kept" not in text


def test_early_stopping_names_the_monitored_metric(controller, result):
    early = dataclasses.replace(result, early_stopped=True, best_epoch=1)
    text = controller.run_message(early.config, early.summary())
    assert text.startswith("Early stopping after epoch 3: the validation loss has not improved for")
    assert text.endswith("Kept the best weights (epoch 1).") == result.config.regularization.restore_best


def test_dataset_line(controller):
    text = controller._dataset_text(load_dataset("xor", {"n_samples": 100}))
    assert text.startswith("Dataset: XOR: ") and text.endswith("input 2, 2 classes")


def test_dataset_line_names_the_dataset_in_the_ui_language(controller, qapp):
    """Not the dataset's key ("データセット: circle: …") but its title, as the Data tab shows it."""
    assert i18n.install_translators(qapp, "ja")
    try:
        text = controller._dataset_text(load_dataset("circle", {"n_samples": 100}))
    finally:
        i18n.install_translators(qapp, "en")
    assert text.startswith("データセット: 円: ") and "circle" not in text
