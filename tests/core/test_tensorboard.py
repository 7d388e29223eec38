"""TensorBoard logs (core.experiments.tensorboard, `train --tensorboard DIR`): the event files
hold the scalars of every epoch and each layer's histograms, read back with TensorBoard's own
EventAccumulator; without the package the command says how to install it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

from playground.cli.main import main
from playground.core.errors import ConfigError
from playground.core.experiments.layer_stats import LayerStatsRecorder
from playground.core.experiments.tensorboard import TensorBoardLogger, check_tensorboard, run_folder
from playground.core.training.loop import fit

from .conftest import make_blobs, mlp_config

pytest.importorskip("tensorboard")
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator  # noqa: E402

SCALARS = ["loss/train", "loss/validation", "accuracy/train", "accuracy/validation", "learning_rate"]


def _read(folder: Path) -> EventAccumulator:
    events = EventAccumulator(str(folder), size_guidance={"scalars": 0, "histograms": 0, "tensors": 0})
    events.Reload()
    return events


def test_the_event_files_hold_the_scalars_per_epoch_and_each_layers_histograms(tmp_path):
    data, cfg = make_blobs(), mlp_config(epochs=3)
    recorder = LayerStatsRecorder(max_share=float("inf"))  # every epoch, however fast
    logger = TensorBoardLogger(tmp_path / "run", recorder=recorder)
    result = fit(cfg, data, callbacks=[recorder, logger])
    assert list((tmp_path / "run").glob("events.out.tfevents.*"))
    events = _read(tmp_path / "run")
    for tag in SCALARS:
        assert [e.step for e in events.Scalars(tag)] == [1, 2, 3], tag
    losses = [e.value for e in events.Scalars("loss/train")]
    assert losses == pytest.approx([h.loss for h in result.history], rel=1e-6)
    assert [e.value for e in events.Scalars("accuracy/validation")] == pytest.approx(
        [h.val_accuracy for h in result.history], rel=1e-6
    )
    # mlp_config: Dense(16) + ReLU, Dense(3). Activations and gradients for each layer, weights for the Dense ones.
    assert sorted(events.Tags()["histograms"]) == sorted([
        "layer_01_Dense/activations", "layer_01_Dense/gradients", "layer_01_Dense/weights",
        "layer_02_ReLU/activations", "layer_02_ReLU/gradients",
        "layer_03_Dense/activations", "layer_03_Dense/gradients", "layer_03_Dense/weights",
    ])
    # Each histogram is the recorder's own: its bin counts (as fractions) and its edges, at each epoch.
    for epoch in recorder.epochs:
        dense = epoch["layers"][0]["weights"]
        written = next(e for e in events.Histograms("layer_01_Dense/weights") if e.step == epoch["epoch"]).histogram_value
        assert written.num == dense["n"] == 2 * 16  # a 2→16 Dense layer's weights
        counts = np.asarray(written.bucket[1:]) / written.num
        assert counts == pytest.approx(dense["counts"], abs=1e-6)
        assert list(written.bucket_limit) == pytest.approx(dense["edges"])
        assert written.sum / written.num == pytest.approx(dense["mean"], rel=1e-6, abs=1e-9)
    assert "layer_01_Dense/update_ratio" in events.Tags()["scalars"]


def test_the_logger_measures_its_own_statistics_when_no_recorder_is_given(tmp_path):
    logger = TensorBoardLogger(tmp_path / "run")
    logger.recorder.max_share = float("inf")
    fit(mlp_config(epochs=2), make_blobs(), callbacks=[logger])
    events = _read(tmp_path / "run")
    assert [e.step for e in events.Histograms("layer_02_ReLU/activations")] == [1, 2]


def test_train_tensorboard_writes_a_run_folder_that_tensorboard_reads(tmp_path, capsys):
    argv = ["train", "--preset", "xor-mlp", "--epochs", "3", "--quiet", "--no-checkpoint", "--tensorboard", str(tmp_path / "tb")]
    assert main(argv) == 0
    run, = (tmp_path / "tb").iterdir()
    assert run.name.endswith("xor-mlp") and f"tensorboard --logdir {tmp_path / 'tb'}" in capsys.readouterr().err
    events = _read(run)
    assert [e.step for e in events.Scalars("loss/train")] == [1, 2, 3]
    hist = events.Tags()["histograms"]
    # The first and the last epoch are always measured (the recorder's time budget may skip the others).
    assert {e.step for e in events.Histograms("layer_02_Tanh/activations")} >= {1, 3}
    assert {t.split("/")[0] for t in hist} == {"layer_01_Dense", "layer_02_Tanh", "layer_03_Dense"}
    # A second run goes into a folder of its own beside the first, for TensorBoard to compare.
    assert main(argv) == 0
    assert len(list((tmp_path / "tb").iterdir())) == 2


def test_with_stats_the_summary_and_tensorboard_share_one_recorder(tmp_path):
    summary = tmp_path / "s.json"
    argv = ["train", "--preset", "xor-mlp", "--epochs", "2", "--quiet", "--no-checkpoint", "--stats",
            "--summary-json", str(summary), "--tensorboard", str(tmp_path / "tb")]
    assert main(argv) == 0
    stats = json.loads(summary.read_text())["layer_stats"]
    run, = (tmp_path / "tb").iterdir()
    events = _read(run)
    assert [e.step for e in events.Histograms("layer_01_Dense/weights")] == [e["epoch"] for e in stats]


def test_without_the_tensorboard_package_the_command_says_how_to_install_it(monkeypatch, capsys, tmp_path):
    # As if it were not installed: importing it fails (torch.utils.tensorboard imports it).
    monkeypatch.setitem(sys.modules, "tensorboard", None)
    monkeypatch.delitem(sys.modules, "torch.utils.tensorboard", raising=False)
    with pytest.raises(ConfigError) as caught:
        check_tensorboard()
    assert caught.value.key == "tensorboard_missing" and caught.value.values["install"] == "pip install tensorboard"
    argv = ["train", "--preset", "xor-mlp", "--epochs", "1", "--quiet", "--no-checkpoint", "--tensorboard", str(tmp_path / "tb")]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "needs the tensorboard package" in err and "pip install tensorboard" in err and "Traceback" not in err
    assert not (tmp_path / "tb").exists()  # refused before anything was made or trained


def test_a_tensorboard_folder_that_is_a_file_is_refused_before_training(tmp_path, capsys):
    taken = tmp_path / "tb"
    taken.write_text("not a folder")
    with pytest.raises(ConfigError) as caught:
        run_folder(taken, "x")
    assert caught.value.key == "tensorboard_not_folder"
    argv = ["train", "--preset", "xor-mlp", "--epochs", "1", "--quiet", "--no-checkpoint", "--tensorboard", str(taken)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "is a file — name a folder" in err and "completed" not in err


def test_a_folder_that_fails_mid_run_stops_the_logging_not_the_run(tmp_path):
    errors = []
    logger = TensorBoardLogger(tmp_path / "run", histograms=False, on_error=errors.append)

    class Broken:
        def add_scalar(self, *a, **k):
            raise OSError(28, "No space left on device")

        def close(self):
            pass

    class Breaks(LayerStatsRecorder):  # breaks the writer once the run has started
        def on_fit_start(self, state):
            logger.writer = Broken()

    result = fit(mlp_config(epochs=2), make_blobs(), callbacks=[logger, Breaks()])
    assert result.status == "completed" and len(errors) == 1 and errors[0].key == "no_space"
    assert logger.writer is None
