"""Divergence is caught (issue 14, item 4): a runaway or overflowing run ends 'diverged' (exit 3,
"Lower the learning rate"), never 'completed' and never a traceback; a healthy run never trips."""

import math
from types import SimpleNamespace

import pytest
import torch

from playground.cli.main import main
from playground.core.config.model_spec import LayerSpec, ModelSpec
from playground.core.config.presets import load_preset
from playground.core.training.callbacks import DivergenceGuard, EpochLogs
from playground.core.training.loop import fit

from .conftest import make_blobs, make_images, mlp_config


# --------------------------------------------------------------------------- the rule, on made-up losses


def _fake_state(initial_loss, epochs=60, task="classification", classes=2, weights=None):
    model = torch.nn.Linear(2, 2)
    if weights is not None:
        with torch.no_grad():
            model.weight.fill_(weights)
    return SimpleNamespace(
        initial_loss=initial_loss, epochs=epochs, task=task, dataset=SimpleNamespace(num_classes=classes),
        model=model, optimizer=torch.optim.SGD(model.parameters(), lr=0.5),
        status="completed", message="", stop_training=False,
    )


def _guard(losses, **state):
    """(epoch it tripped at or None, the state) after feeding the epochs' mean training losses."""
    guard, s = DivergenceGuard(), _fake_state(**state)
    for epoch, loss in enumerate(losses, 1):
        guard.on_epoch_end(s, EpochLogs(epoch, loss, None, None, None, 0.5, 0.1, 100.0))
        if s.status == "diverged":
            assert s.stop_training
            return epoch, s
    return None, s


def test_a_falling_or_noisy_loss_never_trips():
    assert _guard([0.9, 0.5, 0.3, 0.2, 0.1] * 4, initial_loss=0.93)[0] is None
    # Noisy but usable (xor-mlp at lr 1): up to a few times the start.
    assert _guard([0.92, 0.51, 2.5, 0.6, 4.0, 0.34, 3.0, 0.2], initial_loss=0.93)[0] is None


def test_a_spike_that_recovers_within_two_epochs_does_not_trip():
    assert _guard([0.9, 50.0, 60.0, 0.4, 70.0, 80.0, 0.3], initial_loss=0.93)[0] is None


def test_three_epochs_far_above_the_start_trip_with_advice():
    epoch, s = _guard([2688.7, 2279.1, 833.4, 734.4], initial_loss=0.93)
    assert epoch == 3
    assert "stayed above 10x its starting value" in s.message and "Lower the learning rate (now 0.5)" in s.message


def test_the_threshold_is_ten_times_the_start():
    assert _guard([9.2] * 10, initial_loss=0.93)[0] is None
    assert _guard([9.4] * 10, initial_loss=0.93)[0] == 3


def test_classification_judges_from_at_least_ln_classes():
    # A fine-tuned start (loss 0.01): 10 classes guessed alike cost ln 10 = 2.3, the bar is 23.
    assert _guard([5.0] * 10, initial_loss=0.01, classes=10)[0] is None
    assert _guard([30.0] * 10, initial_loss=0.01, classes=10)[0] == 3
    # Regression has no such floor: its own start is the reference.
    assert _guard([0.5] * 10, initial_loss=0.01, task="regression", classes=None)[0] == 3


def test_a_short_run_far_above_the_start_all_along_trips():
    assert _guard([500.0], initial_loss=0.93, epochs=1)[0] == 1
    assert _guard([500.0, 600.0], initial_loss=0.93, epochs=2)[0] == 2


def test_non_finite_weights_trip_at_once():
    epoch, s = _guard([0.5], initial_loss=0.93, weights=math.nan)
    assert epoch == 1 and "weights became NaN or infinite" in s.message and "Lower the learning rate" in s.message
    assert _guard([0.5], initial_loss=0.93, weights=math.inf)[0] == 1


def test_no_reference_no_rising_rule():
    assert _guard([1e9] * 5, initial_loss=None)[0] is None
    assert _guard([1e9] * 5, initial_loss=math.inf)[0] is None


# --------------------------------------------------------------------------- real runs


def _xor(lr, epochs=None):
    overrides = {"train.device": "cpu", "optimizer.lr": lr}
    if epochs:
        overrides["train.epochs"] = epochs
    return load_preset("xor-mlp").with_overrides(**overrides)


@pytest.mark.parametrize("lr", [1000, 1e300])
def test_xor_mlp_at_a_huge_learning_rate_diverges(lr):
    result = fit(_xor(lr))
    assert result.status == "diverged"
    assert "Lower the learning rate" in result.message


def test_an_overflow_in_the_optimizer_step_is_divergence_not_a_traceback():
    result = fit(_xor(1e300))
    assert result.status == "diverged" and "overflowed" in result.message
    assert result.epochs_completed == 0


def test_a_runtime_error_that_is_not_an_overflow_still_raises(monkeypatch):
    import playground.core.training.loop as loop

    def broken(*args, **kwargs):
        raise RuntimeError("mat1 and mat2 shapes cannot be multiplied")

    monkeypatch.setattr(loop, "train_step", broken)
    with pytest.raises(RuntimeError, match="shapes"):
        fit(_xor(0.03, epochs=1))


@pytest.mark.parametrize("lr", ["1000", "1e300"])
def test_cli_exits_3_with_advice_and_no_traceback(lr, capsys):
    code = main(["train", "--quiet", "--preset", "xor-mlp", "--lr", lr])
    out, err = capsys.readouterr()
    assert code == 3
    assert out.startswith("diverged:")
    assert "Lower the learning rate" in out
    assert "Traceback" not in out + err and "completed" not in out


def _on_images(preset, **overrides):
    """The preset's model, its last Dense cut to the 4 classes of the tiny quadrant images."""
    cfg = load_preset(preset)
    layers = list(cfg.model.layers)
    last = max(i for i, l in enumerate(layers) if l.type == "Dense")
    layers[last] = LayerSpec("Dense", {**layers[last].params, "units": 4})
    cfg = cfg.replace(model=ModelSpec((1, 8, 8), layers, cfg.model.init))
    return cfg.with_overrides(**{"train.device": "cpu", "train.batch_size": 16, **overrides})


@pytest.mark.parametrize("preset", ["mlp", "cnn"])
def test_mlp_and_cnn_presets_diverge_at_lr_1000_and_not_at_their_own(preset):
    data = make_images(n=160)
    healthy = fit(_on_images(preset, **{"train.epochs": 3}), data)
    assert healthy.status == "completed", healthy.message
    runaway = fit(_on_images(preset, **{"train.epochs": 5, "optimizer.lr": 1000}), data)
    assert runaway.status == "diverged" and "Lower the learning rate" in runaway.message


def test_healthy_runs_never_trip():
    assert fit(_xor(0.03)).status == "completed"  # the preset as shipped
    assert fit(_xor(1.0, epochs=10)).status == "completed"  # noisy, but not runaway
    assert fit(mlp_config(epochs=5), make_blobs()).status == "completed"


def test_a_resumed_run_judges_from_the_original_start(tmp_path):
    """The reference is the untrained model's loss, kept in the checkpoint: a resumed run does
    not measure it again from its (already trained) first batch."""
    from playground.core.training.callbacks import Callback
    from playground.core.training.checkpoint import Checkpoint, find_checkpoint, load_checkpoint

    class Crash(Exception):
        pass

    class CrashAfter(Callback):
        def on_epoch_end(self, state, logs):
            if logs.epoch == 2:
                raise Crash

    class Seen(Callback):
        def on_fit_start(self, state):
            self.state = state

    data, cfg = make_blobs(), mlp_config(epochs=4)
    first = Seen()
    with pytest.raises(Crash):
        fit(cfg, data, callbacks=[first, Checkpoint(tmp_path, max_share=float("inf")), CrashAfter()])
    start = first.state.initial_loss
    assert start is not None and start > 0.5  # an untrained 3-class model: about ln 3
    resume = load_checkpoint(find_checkpoint(tmp_path))
    again = Seen()
    result = fit(resume.config, data, resume=resume, callbacks=[again])
    assert result.status == "completed"
    assert again.state.initial_loss == start
