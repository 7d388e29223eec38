"""TrainingPanel: configs in and out, the generated optimizer/schedule forms, and their limits."""

import pytest
import torch
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QCheckBox, QComboBox, QSpinBox

from playground.core.training.optim import make_optimizer
from playground.core.training.catalog import OPTIMIZERS, SCHEDULES
from playground.core.training.schedules import make_schedule
from playground.core.config.presets import list_presets, load_preset
from playground.core.config.spec import OptimizerConfig, RegularizationConfig, ScheduleConfig, TrainConfig
from playground.core.errors import ConfigError
from playground.gui.tabs.hyperparameter_inputs import FloatSpinBox
from playground.gui.tabs.training_panel import TrainingPanel


@pytest.fixture
def panel(qtbot):
    widget = TrainingPanel()
    qtbot.addWidget(widget)
    return widget


def _param(panel, name):
    return panel.findChild(QAbstractSpinBox, f"param_{name}") or panel.findChild(QCheckBox, f"param_{name}")


def _choose(combo, key):
    combo.setCurrentIndex(combo.findData(key))


@pytest.mark.parametrize("preset", list_presets())
def test_every_preset_round_trips(panel, qtbot, preset):
    cfg = load_preset(preset)
    settings = (cfg.optimizer, cfg.schedule, cfg.regularization, cfg.train)
    with qtbot.assertNotEmitted(panel.settings_changed):
        panel.set_settings(*settings)
    assert panel.settings() == settings


def test_non_default_settings_round_trip_exactly(panel):
    settings = (
        OptimizerConfig("adabound", 0.0123, {"eps": 1e-8, "final_lr": 0.05, "amsbound": True}),
        ScheduleConfig("plateau", {"patience": 7, "min_lr": 1e-6}),
        RegularizationConfig(
            l1=1e-5, l2=5e-4, early_stopping=True, patience=3, min_delta=1e-3, monitor="val_accuracy",
            restore_best=False, grad_clip=1.5,
        ),
        TrainConfig(epochs=7, batch_mode="full", batch_size=50, loss="mse", seed=42, device="cpu"),
    )  # fmt: skip
    panel.set_settings(*settings)
    assert panel.settings() == settings
    # A parameter given at its default value stays in the config, as written.
    panel.set_settings(OptimizerConfig("momentum", 0.01, {"momentum": 0.9}), *settings[1:])
    assert panel.settings()[0].params == {"momentum": 0.9}


def test_invalid_settings_are_refused_before_anything_changes(panel):
    before = panel.settings()
    with pytest.raises(ConfigError, match="no parameter"):
        panel.set_settings(OptimizerConfig("sgd", 0.1, {"momentum": 0.9}), *before[1:])
    with pytest.raises(ConfigError, match="beta1"):
        panel.set_settings(OptimizerConfig("adam", 0.1, {"beta1": 1.5}), *before[1:])
    with pytest.raises(ConfigError, match="Unknown schedule"):
        panel.set_settings(before[0], ScheduleConfig("wobbly"), *before[2:])
    assert panel.settings() == before


def test_unknown_device_is_kept(panel):
    optimizer, schedule, regularization, train = panel.settings()
    train = TrainConfig(device="cuda:3")
    panel.set_settings(optimizer, schedule, regularization, train)
    assert panel.settings()[3].device == "cuda:3"


def test_switching_optimizer_rebuilds_its_form_and_resets_the_lr(panel, qtbot):
    assert _param(panel, "beta1") is not None and _param(panel, "momentum") is None
    with qtbot.waitSignal(panel.settings_changed):
        _choose(panel.optimizer_combo, "momentum")
    assert _param(panel, "momentum") is not None and _param(panel, "beta1") is None
    assert panel.settings()[0] == OptimizerConfig("momentum", OPTIMIZERS["momentum"].default_lr, {})
    assert panel.optimizer_combo.toolTip() == OPTIMIZERS["momentum"].help

    _choose(panel.optimizer_combo, "adam")
    assert panel.lr_spin.value() == OPTIMIZERS["adam"].default_lr
    # A rate typed for one optimizer is no start for another: each starts from its own
    # default, as on the command line, and the panel says so.
    panel.lr_spin.lineEdit().selectAll()
    qtbot.keyClicks(panel.lr_spin, "0.05")
    assert panel.lr_spin.value() == 0.05
    with qtbot.waitSignal(panel.notice) as notice:
        _choose(panel.optimizer_combo, "sgd")
    assert panel.settings()[0].lr == OPTIMIZERS["sgd"].default_lr
    assert "0.05" in notice.args[0]


def test_editing_a_hyperparameter_changes_settings(panel, qtbot):
    _choose(panel.optimizer_combo, "momentum")
    with qtbot.waitSignal(panel.settings_changed):
        _param(panel, "momentum").stepBy(-1)
    assert panel.settings()[0].params == {"momentum": 0.89}

    _choose(panel.schedule_combo, "step")
    with qtbot.waitSignal(panel.settings_changed):
        _param(panel, "step_size").setValue(4)
    assert panel.settings()[1] == ScheduleConfig("step", {"step_size": 4})


def test_batch_size_only_for_mini_batches(panel):
    for mode, enabled in (("full", False), ("stochastic", False), ("minibatch", True)):
        _choose(panel.batch_mode_combo, mode)
        assert panel.batch_size_spin.isEnabled() is enabled
        assert panel.settings()[3].batch_mode == mode


def test_early_stopping_inputs_follow_the_check_box(panel):
    assert not panel.patience_spin.isEnabled()
    panel.early_stop_check.setChecked(True)
    assert panel.patience_spin.isEnabled() and panel.monitor_combo.isEnabled()
    assert panel.settings()[2].early_stopping


def test_regression_disables_cross_entropy(panel, qtbot):
    _choose(panel.loss_combo, "cross_entropy")
    _choose(panel.monitor_combo, "val_accuracy")
    with qtbot.waitSignal(panel.settings_changed):
        panel.set_task("regression")
    model = panel.loss_combo.model()
    assert not model.item(panel.loss_combo.findData("cross_entropy")).isEnabled()
    assert panel.settings()[3].loss == "auto"
    assert panel.settings()[2].monitor == "val_loss"
    panel.set_task("classification")
    assert model.item(panel.loss_combo.findData("cross_entropy")).isEnabled()


def _nudge(widget):
    """Move an input off its default, the way a user would."""
    if isinstance(widget, QCheckBox):
        widget.toggle()
    elif widget.stepEnabled() & QAbstractSpinBox.StepEnabledFlag.StepUpEnabled:
        widget.stepBy(1)
    else:
        widget.stepBy(-1)


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_make_optimizer_accepts_every_optimizer_form(panel, name):
    _choose(panel.optimizer_combo, name)
    weights = [torch.nn.Parameter(torch.zeros(3))]
    make_optimizer(weights, panel.settings()[0])
    for param in OPTIMIZERS[name].params:
        _nudge(_param(panel, param))
    optimizer = panel.settings()[0]
    assert set(optimizer.params) == set(OPTIMIZERS[name].params)
    make_optimizer(weights, optimizer).step()


@pytest.mark.parametrize("name", list(SCHEDULES))
def test_make_schedule_accepts_every_schedule_form(panel, name):
    _choose(panel.schedule_combo, name)
    for param in SCHEDULES[name].params:
        _nudge(_param(panel, param))
    schedule = panel.settings()[1]
    assert set(schedule.params) == set(SCHEDULES[name].params)
    optimizer = make_optimizer([torch.nn.Parameter(torch.zeros(3))], panel.settings()[0])
    make_schedule(optimizer, schedule, epochs=3, steps_per_epoch=4)


def test_every_input_has_a_tooltip(panel):
    for optimizer, schedule in (("adabound", "onecycle"), ("adamw", "plateau"), ("momentum", "step")):
        _choose(panel.optimizer_combo, optimizer)
        _choose(panel.schedule_combo, schedule)
        inputs = [w for kind in (QAbstractSpinBox, QComboBox, QAbstractButton) for w in panel.findChildren(kind)]
        assert len(inputs) > 20
        missing = [w.objectName() or type(w).__name__ for w in inputs if not w.toolTip().strip()]
        assert not missing, missing
    for combo in (panel.optimizer_combo, panel.schedule_combo, panel.loss_combo, panel.batch_mode_combo):
        for i in range(combo.count()):
            assert combo.itemData(i, Qt.ItemDataRole.ToolTipRole)


def test_int_parameters_use_integer_spin_boxes(panel):
    _choose(panel.schedule_combo, "plateau")
    patience = _param(panel, "patience")
    assert isinstance(patience, QSpinBox) and patience.minimum() == 0


# --------------------------------------------------------------------------- FloatSpinBox


def test_float_spin_box_keeps_exact_values_and_steps_on_a_ladder(qtbot):
    box = FloatSpinBox(low=0.0, low_inclusive=False, log=True)
    qtbot.addWidget(box)
    box.setValue(1e-8)
    assert box.value() == 1e-8 and box.text() == "1e-8"
    box.setValue(0.001)
    box.stepBy(1)
    assert box.value() == 0.002
    box.stepBy(2)
    assert box.value() == 0.01
    box.stepBy(-1)
    assert box.value() == 0.005
    with pytest.raises(ValueError):
        box.setValue(0.0)


def test_float_spin_box_typing(qtbot):
    box = FloatSpinBox(low=0.0, high=1.0, high_inclusive=False, step=0.01)
    qtbot.addWidget(box)
    box.setValue(0.9)
    box.lineEdit().selectAll()
    with qtbot.waitSignal(box.value_changed):
        qtbot.keyClicks(box, "0.95")
    assert box.value() == 0.95
    box.stepBy(5)  # would reach 1.0, which the range excludes
    assert box.value() == 0.95
    box.lineEdit().selectAll()
    qtbot.keyClicks(box, "1.5")  # out of range: typed but not taken
    assert box.value() == 0.95
    box.editingFinished.emit()
    assert box.text() == "0.95"


def test_float_spin_box_none_means_automatic(qtbot):
    box = FloatSpinBox(low=0.0, low_inclusive=False, log=True, floor=1e-3, none_text="auto")
    qtbot.addWidget(box)
    assert box.value() is None and box.text() == "auto"
    box.stepBy(1)
    assert box.value() == 1e-3
    box.stepBy(-1)
    assert box.value() is None


def test_the_devices_come_once_torch_has_loaded(qtbot, monkeypatch):
    """The panel is built before torch has loaded (gui.torch_loader); a device named by the
    settings meanwhile is kept and gets its proper name with the list."""
    from playground.gui.tabs import training_panel as module

    waiting = []
    monkeypatch.setattr(module, "when_torch_ready", waiting.append)
    panel = TrainingPanel()
    qtbot.addWidget(panel)
    assert [panel.device_combo.itemData(i) for i in range(panel.device_combo.count())] == ["auto"]
    cfg = load_preset("xor-mlp")
    panel.set_settings(cfg.optimizer, cfg.schedule, cfg.regularization, TrainConfig(device="cpu"))
    with qtbot.assertNotEmitted(panel.settings_changed):
        waiting[0]()
    names = [panel.device_combo.itemData(i) for i in range(panel.device_combo.count())]
    assert names[0] == "auto" and names.count("cpu") == 1 and names[-1] == "cpu"
    assert panel.device_combo.currentData() == "cpu"
    assert panel.device_combo.currentText().startswith("CPU (")
    assert panel.settings()[3].device == "cpu"


def test_label_smoothing_is_shown_kept_and_edited(panel, qtbot):
    """A config's train.label_smoothing (the starter's 0.1) is shown and comes back; before,
    the panel rebuilt TrainConfig from its inputs and a loaded config lost it."""
    train = TrainConfig(epochs=30, batch_size=64, label_smoothing=0.1, seed=0, device="cpu")
    settings = (OptimizerConfig("adam", 0.001), ScheduleConfig("onecycle"), RegularizationConfig(), train)
    panel.set_settings(*settings)
    assert panel.label_smoothing_spin.value() == pytest.approx(0.1)
    assert panel.settings() == settings
    with qtbot.waitSignal(panel.settings_changed):
        panel.label_smoothing_spin.stepBy(1)
    assert panel.settings()[3].label_smoothing == 0.15
    # Smoothing needs classes: a regression task turns it off.
    panel.set_task("regression")
    assert not panel.label_smoothing_spin.isEnabled() and panel.settings()[3].label_smoothing == 0.0
