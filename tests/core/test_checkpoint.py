"""Checkpoints every epoch, resuming a run exactly, the registry of interrupted runs, and
refusing checkpoint files that would unpickle code."""

import json
import os
import pickle
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch

from playground.cli.main import main
from playground.core.training.checkpoint import (
    BEST,
    COMPLETE,
    INFO,
    LAST,
    Checkpoint,
    CheckpointError,
    discard_run,
    find_checkpoint,
    list_interrupted_runs,
    load_best,
    load_checkpoint,
    new_run_dir,
    runs_dir,
)
from playground.core.config.spec import AugmentConfig, DataConfig, OptimizerConfig, RegularizationConfig, ScheduleConfig
from playground.core.config.model_spec import LayerSpec, ModelSpec
from playground.core.training.callbacks import Callback
from playground.core.training.loop import fit

from .conftest import make_blobs, make_images, mlp_config

REPO = Path(__file__).resolve().parents[2]


class Crash(Exception):
    pass


class CrashAfter(Callback):
    """Dies after `epoch` epochs like a killed process: no completion, no clean-up."""

    def __init__(self, epoch):
        self.epoch = epoch

    def on_epoch_end(self, state, logs):
        if logs.epoch == self.epoch:
            raise Crash


def _crash_after(cfg, data, run_dir, epoch):
    """Train until `epoch` is checkpointed (every epoch is written), then crash."""
    with pytest.raises(Crash):
        fit(cfg, data, callbacks=[Checkpoint(run_dir, max_share=float("inf")), CrashAfter(epoch)])


def _assert_same_weights(a, b):
    assert a.keys() == b.keys()
    for k in a:
        assert torch.equal(a[k], b[k]), k


def test_checkpoint_files_are_weights_only_and_complete(tmp_path, blobs):
    run_dir = tmp_path / "run"
    result = fit(mlp_config(epochs=3), blobs, callbacks=[Checkpoint(run_dir)])
    last = torch.load(run_dir / LAST, weights_only=True)
    assert last["epoch"] == 3 and last["epochs"] == 3 and len(last["history"]) == 3
    for key in ("model", "optimizer", "schedule", "rng", "best", "config", "dataset", "app_version", "early_stopping"):
        assert key in last
    assert last["dataset"]["n_train"] == len(blobs.x_train) and last["dataset"]["name"] == "blobs"
    best = load_best(run_dir)
    assert best["epoch"] == result.best_epoch and "body.0.weight" in best["model"]
    assert json.loads((run_dir / COMPLETE).read_text())["status"] == "completed"
    assert json.loads((run_dir / INFO).read_text())["epoch"] == 3
    assert sorted(p.name for p in run_dir.iterdir()) == sorted([LAST, BEST, INFO, COMPLETE])  # no temp files left
    assert list_interrupted_runs(tmp_path) == []


@pytest.mark.parametrize(
    "variant",
    ["adam-onecycle-augment-dropout", "sgd-plateau-early-stopping"],
)
def test_interrupted_and_resumed_run_equals_an_uninterrupted_one(tmp_path, variant):
    if variant.startswith("adam"):
        # Image data with augmentation, dropout (global RNG) and a per-batch schedule.
        data = make_images(n=120)
        layers = [
            LayerSpec("Conv2D", {"filters": 4}),
            LayerSpec("Activation", {"function": "ReLU"}),
            LayerSpec("Flatten"),
            LayerSpec("Dropout", {"rate": 0.3}),
            LayerSpec("Dense", {"units": 4}),
            LayerSpec("Activation", {"function": "Softmax"}),
        ]
        cfg = mlp_config(classes=4, epochs=4).replace(
            model=ModelSpec((), layers),
            schedule=ScheduleConfig("onecycle"),
            data=DataConfig("quadrants", {}, 0.2, AugmentConfig(rotation=10, noise=0.05)),
        )
    else:
        data = make_blobs()
        cfg = mlp_config(epochs=4).replace(
            optimizer=OptimizerConfig("momentum", 0.05),
            schedule=ScheduleConfig("plateau", {"patience": 1}),
            regularization=RegularizationConfig(early_stopping=True, patience=3),
            data=DataConfig("blobs", {}, 0.2),
        )
    whole = fit(cfg, data)

    run_dir = tmp_path / "run"
    _crash_after(cfg, data, run_dir, epoch=2)
    resume = load_checkpoint(find_checkpoint(run_dir))
    assert resume.epoch == 2 and resume.config == cfg.replace(model=resume.config.model)  # input shape filled in
    resumed = fit(resume.config, data, resume=resume, callbacks=[Checkpoint(run_dir, resuming=True)])

    # Same weights bit for bit: the optimizer, schedule, shuffling, augmentation and dropout
    # generators all continue where they were.
    _assert_same_weights(whole.state_dict, resumed.state_dict)
    assert resumed.epochs_completed == whole.epochs_completed == 4
    assert [h.epoch for h in resumed.history] == [1, 2, 3, 4]
    assert [h.loss for h in resumed.history] == [h.loss for h in whole.history]
    assert [h.lr for h in resumed.history] == [h.lr for h in whole.history]
    assert resumed.best_epoch == whole.best_epoch and resumed.test_accuracy == whole.test_accuracy
    assert resumed.samples_per_second > 0 and resumed.train_seconds > 0


class StopAt2(Callback):
    """Ends the run after epoch 2 as early stopping does."""

    def on_epoch_end(self, state, logs):
        if logs.epoch == 2:
            state.stop_training, state.stop_reason = True, "Early stopping after epoch 2."


def test_a_run_that_early_stopping_ended_just_before_the_crash_is_not_trained_further(tmp_path, blobs):
    run_dir = tmp_path / "run"
    with pytest.raises(Crash):
        fit(mlp_config(epochs=6), blobs, callbacks=[StopAt2(), Checkpoint(run_dir), CrashAfter(2)])
    resume = load_checkpoint(run_dir)
    result = fit(resume.config, blobs, resume=resume)
    assert result.status == "completed" and result.early_stopped
    assert result.epochs_completed == 2 and result.message.startswith("Early stopping after epoch 2.")


def test_a_changed_dataset_or_epoch_count_is_refused(tmp_path):
    cfg = mlp_config(epochs=3)
    run_dir = tmp_path / "run"
    _crash_after(cfg, make_blobs(), run_dir, epoch=1)
    resume = load_checkpoint(run_dir)
    with pytest.raises(CheckpointError, match="not the one the interrupted run trained on"):
        fit(resume.config, make_blobs(seed=1), resume=resume)
    with pytest.raises(CheckpointError, match="3-epoch run"):
        fit(resume.config.with_overrides(**{"train.epochs": 5}), make_blobs(), resume=resume)


def test_registry_lists_loads_and_discards_interrupted_runs(tmp_path, monkeypatch):
    monkeypatch.setenv("PLAYGROUND_RUNS_DIR", str(tmp_path / "runs"))
    assert runs_dir() == tmp_path / "runs" and list_interrupted_runs() == []
    with pytest.raises(CheckpointError, match="no interrupted training run"):
        find_checkpoint()
    cfg = mlp_config(epochs=5).replace(name="blob-mlp")
    older, newer = new_run_dir(cfg), new_run_dir(cfg)
    _crash_after(cfg, make_blobs(), older, epoch=1)
    time.sleep(0.01)
    _crash_after(cfg, make_blobs(), newer, epoch=2)
    done = new_run_dir(cfg)
    fit(cfg.with_overrides(**{"train.epochs": 1}), make_blobs(), callbacks=[Checkpoint(done, remove_when_done=True)])
    assert not done.exists()  # registry runs clean up when they end

    runs = list_interrupted_runs()
    assert [r.path for r in runs] == [newer, older]
    assert (runs[0].config_name, runs[0].dataset, runs[0].epoch, runs[0].epochs) == ("blob-mlp", "blobs", 2, 5)
    assert runs[0].when.year >= 2024
    assert find_checkpoint() == newer / LAST
    assert find_checkpoint(older.name) == older / LAST  # by id
    (older / "notes.txt").write_text("mine")
    discard_run(runs[1])
    assert [r.path for r in list_interrupted_runs()] == [newer]
    assert (older / "notes.txt").exists() and not (older / LAST).exists()  # only our files go

    with pytest.raises(CheckpointError, match="holds an interrupted run"):
        Checkpoint(newer)  # a fresh run must not overwrite it

    # A run whose process is alive is training, not interrupted: neither listed nor resumable.
    info = json.loads((newer / INFO).read_text())
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (newer / INFO).write_text(json.dumps({**info, "pid": other.pid}))
        assert list_interrupted_runs() == []
        with pytest.raises(CheckpointError, match="still training"):
            find_checkpoint(newer)
    finally:
        other.kill()
        other.wait()
    assert [r.path for r in list_interrupted_runs()] == [newer]
    with pytest.raises(CheckpointError, match="No run or checkpoint named"):
        find_checkpoint("no-such-run")


@pytest.mark.filterwarnings("ignore:Detected pickle protocol")  # the hand-made pickle below
def test_damaged_unknown_and_malicious_checkpoints_are_refused(tmp_path):
    run_dir = tmp_path / "run"
    _crash_after(mlp_config(epochs=3), make_blobs(), run_dir, epoch=1)
    last = run_dir / LAST
    good = last.read_bytes()

    last.write_bytes(good[: len(good) // 2])
    with pytest.raises(CheckpointError, match="damaged or unreadable"):
        load_checkpoint(run_dir)

    payload = torch.load(tmp_path / "run" / BEST, weights_only=True)  # any weights-only file
    payload["format"] = "neural-playground-checkpoint/99"
    torch.save(payload, last)
    with pytest.raises(CheckpointError, match="another version"):
        load_checkpoint(run_dir)

    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self):
            return (Path.touch, (marker,))

    for writer in (lambda f: torch.save({"format": Evil()}, f), lambda f: f.write_bytes(pickle.dumps(Evil()))):
        writer(last)
        with pytest.raises(CheckpointError, match="refused"):
            load_checkpoint(run_dir)
        assert not marker.exists()

    # The command line says the same in one line, exit code 2.
    assert main(["train", "--resume", str(run_dir), "--quiet"]) == 2
    assert not marker.exists()


def test_cli_resume_with_nothing_to_resume_is_a_clear_error(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PLAYGROUND_RUNS_DIR", str(tmp_path / "runs"))
    assert main(["train", "--resume", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "no interrupted training run" in err and "Traceback" not in err
    assert main(["train", "--resume", "--epochs", "3"]) == 2
    assert "--epochs" in capsys.readouterr().err


def test_cli_run_killed_mid_run_resumes_and_finishes(tmp_path):
    """The real thing: `python -m playground train` is SIGKILLed after its epoch-1 checkpoint;
    `--resume` then finishes the planned epochs."""
    env = dict(os.environ, PLAYGROUND_RUNS_DIR=str(tmp_path / "runs"), OMP_NUM_THREADS="1")
    epochs = 200  # about 10 ms each here: long enough to be killed mid-run, short to finish
    train = [sys.executable, "-m", "playground", "train", "--preset", "xor-mlp", "--epochs", str(epochs)]
    train += ["--batch-size", "64", "--device", "cpu", "--seed", "3", "--quiet"]
    proc = subprocess.Popen(train, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            infos = list((tmp_path / "runs").glob(f"*/{INFO}"))
            if infos and json.loads(infos[0].read_text())["epoch"] >= 1:
                break
            time.sleep(0.05)
        assert proc.poll() is None, proc.communicate()
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    runs = list_interrupted_runs(tmp_path / "runs")
    assert len(runs) == 1 and 1 <= runs[0].epoch < epochs

    summary = tmp_path / "summary.json"
    done = subprocess.run(
        [sys.executable, "-m", "playground", "train", "--resume", "--quiet", "--summary-json", str(summary)],
        check=False, cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Resuming" in done.stderr
    result = json.loads(summary.read_text())
    assert result["status"] == "completed" and result["epochs_completed"] == epochs
    assert [h["epoch"] for h in result["history"]] == list(range(1, epochs + 1))
    assert list_interrupted_runs(tmp_path / "runs") == []  # the finished run cleaned up


def test_cli_checkpoint_dir_is_kept_and_marked_complete(tmp_path, capsys):
    run_dir = tmp_path / "mine"
    args = ["train", "--preset", "xor-mlp", "--epochs", "2", "--device", "cpu", "--quiet"]
    assert main([*args, "--checkpoint-dir", str(run_dir)]) == 0
    assert (run_dir / LAST).exists() and (run_dir / BEST).exists()
    assert json.loads((run_dir / COMPLETE).read_text())["epochs_completed"] == 2
    capsys.readouterr()
    assert main(["train", "--resume", str(run_dir), "--quiet"]) == 2
    assert "already finished" in capsys.readouterr().err
    assert main([*args, "--no-checkpoint"]) == 0
    assert not runs_dir().exists()  # nothing written to the registry


def test_checkpoints_and_the_loop_do_not_import_each_other():
    """The loop knows callbacks only through their interface (core.training.callbacks), and
    checkpoints are callbacks: neither module needs the other, lazily or not."""
    code = (
        "import sys\n"
        "import playground.core.training.checkpoint\n"
        "assert 'playground.core.training.loop' not in sys.modules\n"
        "del sys.modules['playground.core.training.checkpoint']\n"
        "import playground.core.training.loop\n"
        "assert 'playground.core.training.checkpoint' not in sys.modules\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    assert out.returncode == 0, out.stderr
    for module, other in (("checkpoint", "loop"), ("loop", "checkpoint")):
        source = (REPO / "playground" / "core" / "training" / f"{module}.py").read_text(encoding="utf-8")
        assert f"playground.core.training.{other} import" not in source
