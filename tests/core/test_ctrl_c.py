"""Ctrl+C in `playground train` (issue 14, item 5): before any epoch has finished there is no
trained model, so nothing is saved (no --save file, no --summary-json) and the command says so
and exits 130; after an epoch the best weights so far are saved, and the message says that is
what they are."""

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from playground.cli.main import main
from playground.core.training import loop

ROOT = Path(__file__).resolve().parents[2]
NOTHING_SAVED = "Nothing was saved: training was stopped before the first epoch finished"


def _ctrl_c_at_batch(monkeypatch, n: int) -> None:
    """Send this process SIGINT (as Ctrl+C in a terminal does) during the n-th batch of the run."""
    real, calls = loop.train_step, []

    def train_step(*args, **kwargs):
        calls.append(1)
        if len(calls) == n:
            os.kill(os.getpid(), signal.SIGINT)
        return real(*args, **kwargs)

    monkeypatch.setattr(loop, "train_step", train_step)


def _argv(tmp_path):
    return ["train", "--preset", "xor-mlp", "--epochs", "5", "--quiet", "--no-checkpoint",
            "--save", str(tmp_path / "m.nnpmodel"), "--summary-json", str(tmp_path / "s.json")]


def test_ctrl_c_in_the_first_epoch_saves_nothing_and_says_so(tmp_path, capsys, monkeypatch):
    _ctrl_c_at_batch(monkeypatch, 3)  # xor-mlp has 29 batches an epoch
    assert main(_argv(tmp_path)) == 130
    err = capsys.readouterr().err
    assert NOTHING_SAVED in err and "--save" in err and "--summary-json" in err, err
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_after_an_epoch_saves_the_best_weights_so_far_and_says_so(tmp_path, capsys, monkeypatch):
    _ctrl_c_at_batch(monkeypatch, 29 + 3)  # in the second epoch
    assert main(_argv(tmp_path)) == 130
    out = capsys.readouterr().out
    assert "training was stopped after 1 of 5 epochs, so these are the best weights so far (epoch 1)" in out, out
    summary = json.loads((tmp_path / "s.json").read_text())
    assert summary["status"] == "stopped" and summary["epochs_completed"] == 1
    assert (tmp_path / "m.nnpmodel").is_file()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process")
def test_a_real_ctrl_c_sent_to_the_process(tmp_path):
    """The same as a learner pressing Ctrl+C: SIGINT from outside, during the first epoch (each
    batch waits a little, and says when it starts, so the signal lands in epoch 1)."""
    child = textwrap.dedent(
        """
        import sys, time
        from playground.core.training import loop
        real = loop.train_step
        def train_step(*a, **kw):
            print("batch", flush=True)
            time.sleep(0.2)
            return real(*a, **kw)
        loop.train_step = train_step
        from playground.cli.main import main
        sys.exit(main(sys.argv[1:]))
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-c", child, *_argv(tmp_path)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path,
    )
    assert process.stdout.readline().strip() == "batch"
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 130, (out, err)
    assert NOTHING_SAVED in err and "Traceback" not in err, err
    assert not (tmp_path / "m.nnpmodel").exists() and not (tmp_path / "s.json").exists()
