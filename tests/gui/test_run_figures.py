"""The figures the window shows about a run (issue 15, item 6): samples/s measure the same
thing live and at the end, the epoch counts agree, the LR axis labels the rate drawn."""

import dataclasses
from types import SimpleNamespace

import numpy as np
import pytest
import torch
from PySide6.QtGui import QImage, QPainter

from playground.core.config.presets import load_preset
from playground.core.training import callbacks as callbacks_module
from playground.core.training.callbacks import BatchLogs, EpochLogs, EpochMeter
from playground.gui.run.plots import TrainingPlots
from playground.gui.run.updates import BatchUpdate


def _visible_tick_labels(axis) -> list[str]:
    image = QImage(300, 300, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        return [text for _, _, text in axis.generateDrawSpecs(painter)[2]]
    finally:
        painter.end()


@pytest.mark.parametrize("rate", [0.03, 0.001, 0.5])
def test_the_lr_axis_labels_the_rate_it_draws(qtbot, rate):
    plots = TrainingPlots()
    plots.resize(700, 600)
    qtbot.addWidget(plots)
    plots.show()
    plots.reset(epochs=60, batches_per_epoch=10)
    steps = np.arange(1, 11)
    plots.add_batches(
        BatchUpdate(steps, np.exp(-steps / 20), None, np.full(10, rate), 1, 60, 10, 10, 1000.0, None)
    )
    plots.flush()
    low, high = plots.lr_widget.getPlotItem().vb.viewRange()[1]
    assert low <= rate <= high
    assert f"{rate:g}" in _visible_tick_labels(plots.lr_widget.getPlotItem().getAxis("left"))


def test_live_samples_per_second_leave_the_validation_out(monkeypatch):
    """4 batches of 50 samples take 0.5 s each, then validation 10 s: the live figure is the
    training speed, 100 samples/s, as the run's final figure (FitResult) counts it."""
    from playground.gui.run.training_worker import QtBridge

    clock = [100.0]
    monkeypatch.setattr(callbacks_module.time, "monotonic", lambda: clock[0])
    updates = []
    ignore = SimpleNamespace(emit=lambda *a: None)
    worker = SimpleNamespace(batch_ready=SimpleNamespace(emit=updates.append), epoch_ended=ignore, boundary_ready=ignore)
    bridge = QtBridge(worker, SimpleNamespace(input_shape=(4,)))
    state = SimpleNamespace(
        device=torch.device("cpu"), epochs=2, batches_per_epoch=4, start_epoch=1, paused_seconds=0.0, task="classification"
    )
    bridge.on_fit_start(state)
    step = 0
    for epoch in (1, 2):
        meter = EpochMeter(torch.zeros(200, dtype=torch.int64), True, torch.device("cpu"))
        for batch in range(1, 5):
            clock[0] += 0.5
            step += 1
            meter.add(torch.tensor(0.5), torch.zeros(50, 2), 50)
            bridge.on_batch_end(state, BatchLogs(epoch, batch, 4, step, 50, torch.tensor(0.5), 0.01, meter))
        clock[0] += 10.0  # validation
        bridge.on_epoch_end(state, EpochLogs(epoch, 0.5, 0.5, 0.5, 0.5, 0.01, 2.0, 100.0))
    clock[0] += 5.0  # testing
    bridge.on_fit_end(state, None)
    assert updates and all(u.samples_per_second == pytest.approx(100.0) for u in updates), [
        u.samples_per_second for u in updates
    ]


def _big_xor(window, epochs, batch_size):
    cfg = load_preset("xor-mlp").with_overrides(
        **{"train.epochs": epochs, "train.device": "cpu", "train.batch_size": batch_size, "data.options.n_samples": 4000}
    )
    window.controller.apply_config(cfg)


def test_the_final_speed_is_the_runs_average_of_the_same_kind(window, qtbot):
    _big_xor(window, 2, 32)
    qtbot.waitUntil(lambda: window.train_action.isEnabled(), timeout=10000)
    with qtbot.waitSignal(window.session.finished, timeout=60000) as done:
        window.train_action.trigger()
    result = done.args[0]
    assert window.speed_label.text() == f"{result.summary()['samples_per_second']:,.0f} samples/s on average"
    assert "validation" in window.speed_label.toolTip()  # says what it counts
    assert window.epoch_label.text() == "Epochs done: 2/2"


def test_a_run_stopped_in_its_first_epoch_says_so_everywhere(window, qtbot):
    _big_xor(window, 1, 1)  # 3,600 batches of one sample: time to stop it
    qtbot.waitUntil(lambda: window.train_action.isEnabled(), timeout=10000)
    with qtbot.waitSignal(window.session.batch_ready, timeout=30000):
        window.train_action.trigger()
    assert window.epoch_label.text() == "Epoch 1/1"  # the epoch in progress
    with qtbot.waitSignal(window.session.finished, timeout=30000) as done:
        window.stop_action.trigger()
    assert done.args[0].status == "stopped" and done.args[0].epochs_completed == 0
    assert window.epoch_label.text() == "Epochs done: 0/1"
    log = window.log_view.toPlainText()
    assert "Stopped during epoch 1 of 1: 0 epoch" in log
    assert "Stopped after 0" not in log


def test_stopped_wording(window):
    from playground.core.config.spec import RunConfig

    cfg = load_preset("xor-mlp").with_overrides(**{"train.epochs": 5})
    during = {"status": "stopped", "epochs_completed": 2, "message": "Stopped by request during epoch 3.", "best_epoch": 0}
    after = dict(during, message="Stopped by request after epoch 2.")
    message = window.controller.run_message
    assert message(cfg, during).startswith("Stopped during epoch 3 of 5: 2 epoch")
    assert message(cfg, after) == "Stopped after epoch 2 of 5."
    assert isinstance(cfg, RunConfig)


def test_the_log_shows_an_epoch_when_the_plots_do(window):
    """Each epoch's log line is written when the plots draw its points, so that the two
    advance together; the plots redraw at a paced rate of up to a second."""
    plots, session = window.plots, window.session
    plots.reset(epochs=3, batches_per_epoch=10)
    session.epoch_ended.emit(EpochLogs(1, 0.5, 0.8, 0.6, 0.7, 0.01, 1.0, 1000.0))

    def logged():
        return "Epoch 1: loss 0.5000" in window.log_view.toPlainText()

    def drawn():
        x = plots.loss.val.curve.xData
        return x is not None and 1 in x

    assert logged() == drawn()
    plots.flush()
    assert logged() and drawn()
