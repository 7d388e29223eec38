"""The window's training path on an NVIDIA GPU: the Qt bridge's meter path off the CPU (one
sampled batch per plot update, so reading a loss never syncs the device every batch), the
decision boundary evaluated on the GPU, and a whole session delivering CPU weights.

Marked `cuda`: skipped without a GPU (tests/conftest.py). The same sampling is checked on the
CPU, forced, by test_session.py::test_off_the_cpu_one_batch_per_update_is_sampled."""

import numpy as np
import pytest

from playground.core.config.presets import load_preset
from playground.core.data.registry import load_dataset
from playground.core.training.loop import RunControl, fit
from playground.gui.run.session import TrainingSession
from playground.gui.run.training_worker import QtBridge, TrainingWorker

pytestmark = pytest.mark.cuda


def xor_on_gpu(epochs=8):
    return load_preset("xor-mlp").with_overrides(**{"train.epochs": epochs, "train.device": "cuda"})


def test_on_the_gpu_the_bridge_samples_one_batch_per_update(qtbot):
    cfg = xor_on_gpu()
    dataset = load_dataset("xor", cfg.data.options)
    worker = TrainingWorker(cfg, dataset, RunControl())
    updates, epochs, boundaries = [], [], []
    worker.batch_ready.connect(updates.append)
    worker.epoch_ended.connect(epochs.append)
    worker.boundary_ready.connect(boundaries.append)
    bridge = QtBridge(worker, dataset)
    result = fit(cfg, dataset, callbacks=[bridge], control=worker.control)

    assert result.status == "completed" and result.device.startswith("cuda")
    assert bridge.every_batch is False  # chosen from the device, not forced as on the CPU test
    assert updates and all(len(u.steps) == len(u.losses) == len(u.accuracies) == 1 for u in updates)
    steps = [int(u.steps[0]) for u in updates]
    assert steps == sorted(set(steps))
    assert {e.epoch * updates[0].batches for e in epochs} <= set(steps)  # every epoch ends on a point
    assert all(np.isfinite(u.losses).all() for u in updates)
    assert boundaries and all(np.isfinite(b.probs).all() for b in boundaries)  # grid evaluated on the GPU


def test_a_session_trains_on_the_gpu_and_delivers_cpu_weights(qtbot):
    session = TrainingSession()
    results = []
    session.finished.connect(results.append)
    cfg = xor_on_gpu(epochs=40)
    try:
        with qtbot.waitSignal(session.finished, timeout=60000):
            session.start(cfg, load_dataset("xor", cfg.data.options))
    finally:
        assert session.shutdown(5000)
    result = results[0]
    assert result.status == "completed" and result.device.startswith("cuda")
    assert result.test_accuracy >= 0.9
    assert all(t.device.type == "cpu" for t in result.state_dict.values())
