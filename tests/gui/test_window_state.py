"""What the window says always describes the project as it is now (issue 15, items 2, 3 and 5):
no layer-stack error left over from the settings before, no unsaved mark for a project only
opened, training settings that fit the data, runs named after what they are."""

import dataclasses

import numpy as np
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog

from playground.core.config.presets import load_preset
from playground.core.config.spec import DataConfig
from playground.core.data.idx import write_idx
from playground.core.training.catalog import OPTIMIZERS
from playground.gui.main_window import MainWindow


def _write_fashion(data_dir, n_train=60, n_test=20):
    """A small Fashion-MNIST in the IDX files the real one comes in (random pixels)."""
    rng = np.random.default_rng(0)
    folder = data_dir / "fashion-mnist"
    for prefix, n in (("train", n_train), ("t10k", n_test)):
        write_idx(folder / f"{prefix}-images-idx3-ubyte.gz", rng.integers(0, 256, (n, 28, 28), dtype=np.uint8))
        write_idx(folder / f"{prefix}-labels-idx1-ubyte.gz", (np.arange(n) % 10).astype(np.uint8))


@pytest.fixture
def window(qtbot, tmp_path, dialogs, english):
    _write_fashion(tmp_path / "data")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(settings, data_dir=str(tmp_path / "data"))
    qtbot.addWidget(w)
    _wait_loaded(w, qtbot)
    yield w
    w.session.shutdown()
    w.controller.set_dirty(False)


def _wait_loaded(window, qtbot):
    qtbot.waitUntil(lambda: window.data_panel.dataset() is not None and window.train_action.isEnabled(), timeout=10000)


def _fashion_mlp():
    return load_preset("mlp").replace(data=DataConfig("fashion-mnist", {}, 0.1))


def _choose_dataset(window, name):
    combo = window.data_panel.dataset_combo
    combo.setCurrentIndex(combo.findData(name))


def _no_stale_error(window):
    """Nothing in the window says the stack is wrong: no status-bar message about it, no red layer."""
    message = window.statusBar().currentMessage()
    assert "outputs" not in message and "Dense" not in message, message
    assert window.layer_builder.is_valid(), window.layer_builder.validation_message()
    assert window.network_diagram.invalid_layer() == 0


# --------------------------------------------------------------------------- item 2: stale validation


def test_opening_a_fashion_project_while_xor_is_loaded_leaves_no_stale_error(window, qtbot, tmp_path):
    c = window.controller
    c.apply_config(_fashion_mlp())
    _wait_loaded(window, qtbot)
    path = tmp_path / "proj1.nnp"
    assert c.save_to(path)
    c.apply_config(load_preset("xor-mlp"))
    c.set_dirty(False)
    _wait_loaded(window, qtbot)
    window.statusBar().clearMessage()

    assert c.open_project(path)
    _no_stale_error(window)  # at once, while Fashion-MNIST still loads
    _wait_loaded(window, qtbot)
    _no_stale_error(window)
    assert window.data_panel.dataset().name == "fashion-mnist"
    assert window.windowTitle() == "proj1.nnp[*] — Neural Network Playground"
    assert not window.isWindowModified()


def test_a_preset_after_fashion_mnist_leaves_no_stale_error(window, qtbot):
    window.controller.apply_config(_fashion_mlp())
    _wait_loaded(window, qtbot)
    window.statusBar().clearMessage()
    window.preset_actions["xor-mlp"].trigger()
    _no_stale_error(window)
    window.preset_actions["mlp"].trigger()  # back to images: the dataset is MNIST, not yet loaded
    _no_stale_error(window)


def test_fixing_a_broken_stack_clears_its_error(window, qtbot):
    builder = window.layer_builder
    model = load_preset("xor-mlp").model
    layers = list(model.layers)
    layers[2] = layers[2].with_params(units=3)
    builder.load_layers(dataclasses.replace(model, layers=tuple(layers)), text="break it")
    assert not builder.is_valid()
    assert "set layer 3 (Dense) to 2 units" in window.statusBar().currentMessage()
    assert window.network_diagram.invalid_layer() == 4
    builder.undo_stack.undo()  # fixed
    _no_stale_error(window)


def test_choosing_an_image_dataset_checks_the_stack_against_it_before_it_loads(window):
    _choose_dataset(window, "fashion-mnist")  # xor-mlp's Dense(8) cannot take 28×28 images
    assert window.data_panel.is_loading()
    assert "1×28×28" in window.layer_builder.validation_message()
    assert window.network_diagram.invalid_layer() == 1


# --------------------------------------------------------------------------- item 3: unsaved flag


def test_opening_a_project_leaves_it_clean_even_after_its_dataset_loads(window, qtbot, tmp_path):
    c = window.controller
    c.apply_config(_fashion_mlp().with_overrides(**{"train.epochs": 1, "train.device": "cpu"}))
    _wait_loaded(window, qtbot)
    with qtbot.waitSignal(window.session.finished, timeout=60000):
        window.train_action.trigger()
    assert window.isWindowModified()  # a run is saved with the project: a new one is a change
    path = tmp_path / "p.nnp"
    assert c.save_to(path)
    assert not window.isWindowModified()
    c.apply_config(load_preset("xor-mlp"))
    c.set_dirty(False)
    assert c.open_project(path)
    _wait_loaded(window, qtbot)
    assert not window.isWindowModified() and not c.state.dirty


def test_a_preset_in_a_new_untitled_project_is_no_change(window):
    window.preset_actions["perceptron"].trigger()
    assert not window.isWindowModified()  # closing would lose nothing: no question
    window.training_panel.epochs_spin.setValue(7)  # a real edit
    assert window.isWindowModified()


def test_a_preset_changes_a_project_with_a_file(window, tmp_path):
    assert window.controller.save_to(tmp_path / "p.nnp")
    window.preset_actions["perceptron"].trigger()
    assert window.isWindowModified()


def test_an_edit_taken_back_leaves_the_project_as_saved(window, tmp_path):
    assert window.controller.save_to(tmp_path / "p.nnp")
    spin = window.training_panel.epochs_spin
    before = spin.value()
    spin.setValue(before + 5)
    assert window.isWindowModified()
    spin.setValue(before)
    assert not window.isWindowModified()


def test_save_as_leaves_the_project_clean(window, tmp_path, monkeypatch):
    window.training_panel.epochs_spin.setValue(7)
    target = tmp_path / "saved-as"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert window.controller.save_as()
    assert not window.isWindowModified()
    assert window.windowTitle().startswith("saved-as.nnp[*]")


# --------------------------------------------------------------------------- item 5: settings for the data


def test_xor_to_fashion_mnist_gives_the_image_training_settings_and_ctrl_z_takes_them_back(window, qtbot):
    panel = window.training_panel
    optimizer, _, _, train = panel.settings()
    assert (optimizer.name, optimizer.lr, train.batch_size, train.epochs) == ("adam", 0.03, 16, 60)  # xor-mlp's
    _choose_dataset(window, "fashion-mnist")
    mlp = load_preset("mlp")
    optimizer, _, _, train = panel.settings()
    assert (optimizer.name, optimizer.lr, train.batch_size, train.epochs) == (
        mlp.optimizer.name, mlp.optimizer.lr, mlp.train.batch_size, mlp.train.epochs
    )
    note = window.log_view.toPlainText().splitlines()[-1]  # the status bar says why Train waits (XOR's stack)
    assert "Training settings for images" in note and "Ctrl+Z" in note, note
    window.layer_builder.undo_stack.undo()
    optimizer, _, _, train = panel.settings()
    assert (optimizer.name, optimizer.lr, train.batch_size, train.epochs) == ("adam", 0.03, 16, 60)


def test_another_dataset_of_the_same_kind_keeps_the_training_settings(window):
    window.training_panel.epochs_spin.setValue(7)
    _choose_dataset(window, "circle")
    assert window.training_panel.settings()[3].epochs == 7


def test_another_optimizer_starts_from_its_own_default_learning_rate(window):
    panel = window.training_panel
    assert panel.lr_spin.value() == 0.03  # xor-mlp's Adam rate, not Adam's default
    combo = panel.optimizer_combo
    combo.setCurrentIndex(combo.findData("sgd"))
    assert panel.lr_spin.value() == OPTIMIZERS["sgd"].default_lr
    assert str(OPTIMIZERS["sgd"].default_lr) in window.statusBar().currentMessage()


def test_runs_are_named_after_what_they_are(window):
    c = window.controller
    assert (c.current_config().name, c.current_config().description) == ("xor-mlp", load_preset("xor-mlp").description)
    _choose_dataset(window, "fashion-mnist")
    cfg = c.current_config()
    assert (cfg.name, cfg.description) == ("fashion-mnist: Dense 8-2", "")
    window.layer_builder.undo_stack.undo()  # xor-mlp's training settings again
    _choose_dataset(window, "xor")
    assert c.current_config().name == "xor-mlp"  # the settings are the preset's again


def test_a_one_epoch_run_is_logged_in_the_singular(window, qtbot):
    window.controller.apply_config(load_preset("xor-mlp").with_overrides(**{"train.epochs": 1, "train.device": "cpu"}))
    with qtbot.waitSignal(window.session.finished, timeout=60000):
        window.train_action.trigger()
    log = window.log_view.toPlainText()
    assert "for 1 epoch…" in log and "1 epochs" not in log, log
    assert "Completed 1 epoch." in log, log


def test_a_preset_keeps_a_fitting_dataset_when_its_own_is_not_on_this_computer(window, qtbot):
    """mlp trains on MNIST. Offline, choosing it with Fashion-MNIST loaded swapped a working
    dataset for a failed download; Fashion-MNIST fits the same model, so it is kept, and the
    log and status bar say why. From XOR (which does not fit) the preset's MNIST is chosen."""
    c = window.controller
    _choose_dataset(window, "fashion-mnist")
    qtbot.waitUntil(lambda: getattr(window.data_panel.dataset(), "name", None) == "fashion-mnist", timeout=10000)
    assert not window.data_panel.info_of("mnist").available
    window.preset_actions["mlp"].trigger()
    assert window.data_panel.dataset_info().name == "fashion-mnist"
    assert c.current_config().model.layers == load_preset("mlp").model.layers
    assert "Kept Fashion-MNIST" in window.statusBar().currentMessage()
    assert "Kept Fashion-MNIST" in window.log_view.toPlainText()
    _wait_loaded(window, qtbot)
    assert window.layer_builder.is_valid()

    window.preset_actions["xor-mlp"].trigger()
    _wait_loaded(window, qtbot)
    window.preset_actions["mlp"].trigger()
    assert window.data_panel.dataset_info().name == "mnist"


def test_when_new_data_does_not_fit_the_stack_the_status_bar_says_why_train_is_grey(window, qtbot):
    """XOR's stack on Fashion-MNIST: Train went grey while the status bar showed only the new
    training settings, and on the Data tab nothing said why. The settings note goes to the log."""
    window.statusBar().clearMessage()
    _choose_dataset(window, "fashion-mnist")
    qtbot.waitUntil(lambda: "Train waits for the Model tab" in window.statusBar().currentMessage(), timeout=5000)
    message = window.statusBar().currentMessage()
    assert window.layer_builder.validation_message() in message
    assert not window.train_action.isEnabled()
    assert "Training settings for images" in window.log_view.toPlainText()
