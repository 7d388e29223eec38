import threading
import time
from types import SimpleNamespace

import pytest
import torch

from playground.core.model.build import build_model
from playground.core.data.registry import load_dataset
from playground.core.training.catalog import OPTIMIZERS
from playground.core.config.presets import load_preset
from playground.core.config.spec import AugmentConfig, DataConfig, OptimizerConfig, RegularizationConfig, ScheduleConfig
from playground.core.errors import ConfigError
from playground.core.config.model_spec import LayerSpec, ModelSpec
from playground.core.config.spec_errors import SpecError
import playground.core.training.callbacks as callbacks_module
from playground.core.training.callbacks import Callback, Throughput
from playground.core.training.loop import RunControl, fit, train_step

from .conftest import make_blobs, mlp_config


def _preset_on_cpu(name, **overrides):
    return load_preset(name).with_overrides(**{"train.device": "cpu", **overrides})


def test_perceptron_cannot_learn_xor_but_one_hidden_layer_can():
    perceptron = fit(_preset_on_cpu("perceptron"))
    mlp = fit(_preset_on_cpu("xor-mlp"))
    assert perceptron.status == mlp.status == "completed"
    # A straight line classifies at most ~3 of XOR's 4 quadrants; in practice near chance.
    assert perceptron.test_accuracy < 0.70
    assert mlp.test_accuracy >= 0.95


def test_history_and_summary(blobs):
    result = fit(mlp_config(epochs=4), blobs)
    assert result.epochs_completed == 4 and len(result.history) == 4
    assert result.history[-1].loss < result.history[0].loss
    summary = result.summary()
    for key in (
        "status",
        "epochs_completed",
        "test_accuracy",
        "test_loss",
        "best_val_accuracy",
        "train_seconds",
        "samples_per_second",
        "device",
    ):
        assert key in summary
    assert summary["device"] == "cpu" and summary["samples_per_second"] > 0
    assert 0 <= summary["test_accuracy"] <= 1


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_every_optimizer_lowers_the_loss(name, blobs):
    # Each with its own default learning rate: the defaults must work out of the box.
    cfg = mlp_config(epochs=20, batch_size=8).replace(optimizer=OptimizerConfig(name, OPTIMIZERS[name].default_lr))
    result = fit(cfg, blobs)
    assert result.status == "completed"
    losses = [h.loss for h in result.history]
    assert losses[-1] < 0.7 * losses[0], losses


def test_same_seed_same_result(images):
    cfg = mlp_config(classes=4, epochs=2).replace(
        model=ModelSpec(
            (),
            [
                LayerSpec("Conv2D", {"filters": 4}),
                LayerSpec("BatchNorm"),
                LayerSpec("Activation"),
                LayerSpec("MaxPool2D"),
                LayerSpec("Flatten"),
                LayerSpec("Dropout", {"rate": 0.2}),
                LayerSpec("Dense", {"units": 4}),
            ],
        ),
        data=DataConfig(augment=AugmentConfig(rotation=10, shift=0.1, noise=0.05)),
    )
    a, b = fit(cfg, images), fit(cfg, images)
    assert all(torch.equal(a.state_dict[k], b.state_dict[k]) for k in a.state_dict)
    c = fit(cfg.with_overrides(**{"train.seed": 1}), images)
    assert not all(torch.equal(a.state_dict[k], c.state_dict[k]) for k in a.state_dict)


def test_cnn_learns_images_and_predicts_through_the_saved_weights(images):
    cfg = mlp_config(classes=4, epochs=10).replace(
        model=ModelSpec(
            (),
            [
                LayerSpec("Conv2D", {"filters": 4}),
                LayerSpec("Activation"),
                LayerSpec("MaxPool2D"),
                LayerSpec("Flatten"),
                LayerSpec("Dense", {"units": 4}),
                LayerSpec("Activation", {"function": "Softmax"}),
            ],
        )
    )
    result = fit(cfg, images)
    assert result.test_accuracy >= 0.9
    model = result.build_model()
    probs = model.predict_proba(images.x_test)
    assert torch.allclose(probs.sum(1), torch.ones(len(probs)))
    assert (probs.argmax(1) == images.y_test).float().mean().item() == pytest.approx(result.test_accuracy)


def test_final_softmax_is_not_applied_twice(blobs):
    cfg = mlp_config()
    model = build_model(ModelSpec((2,), cfg.model.layers))
    assert not isinstance(list(model.body)[-1], torch.nn.Softmax)
    logits = model(torch.randn(5, 2))
    assert (logits < 0).any()  # raw scores, not probabilities


def test_early_stopping_restores_the_best_epoch():
    # Few, noisy samples and a wide network: validation loss bottoms out, then rises.
    data = make_blobs(n=80, classes=3, spread=2.0, seed=3)
    cfg = mlp_config(hidden=256, epochs=200, batch_size=8).replace(
        optimizer=OptimizerConfig("adam", 0.01),
        regularization=RegularizationConfig(early_stopping=True, patience=3),
        data=DataConfig(val_split=0.3),
    )
    snapshots = {}

    class Snapshot(Callback):
        def on_epoch_end(self, state, logs):
            snapshots[logs.epoch] = {k: v.clone() for k, v in state.model.state_dict().items()}

    result = fit(cfg, data, callbacks=[Snapshot()])
    assert result.status == "completed" and result.early_stopped
    assert result.epochs_completed < 200
    assert result.epochs_completed == result.best_epoch + 3
    val_losses = [h.val_loss for h in result.history]
    assert result.best_val_loss == min(val_losses)
    best = snapshots[result.best_epoch]
    assert all(torch.equal(result.state_dict[k], best[k]) for k in best)
    assert "Restored the best weights" in result.message


def test_huge_learning_rate_diverges_with_advice(blobs):
    cfg = mlp_config(epochs=20).replace(optimizer=OptimizerConfig("sgd", 1e6))
    result = fit(cfg, blobs)
    assert result.status == "diverged"
    assert "Lower the learning rate" in result.message


def test_stop_and_pause_from_another_thread():
    data = make_blobs(n=4000, classes=3)
    cfg = mlp_config(epochs=1000, batch_size=8)
    control = RunControl()
    batches = []
    first_epoch_done = threading.Event()

    class Counter(Callback):
        def on_batch_end(self, state, logs):
            batches.append(logs.step)

        def on_epoch_end(self, state, logs):
            first_epoch_done.set()

    results = []
    worker = threading.Thread(target=lambda: results.append(fit(cfg, data, callbacks=[Counter()], control=control)))
    worker.start()
    assert first_epoch_done.wait(30)
    control.pause()
    time.sleep(0.2)  # let the batch in flight finish
    held = len(batches)
    time.sleep(0.5)
    assert len(batches) == held, "training went on while paused"
    assert worker.is_alive()
    control.resume()
    deadline = time.monotonic() + 10
    while len(batches) == held and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(batches) > held, "training did not resume"
    control.stop()
    worker.join(30)
    assert not worker.is_alive()
    result = results[0]
    assert result.status == "stopped"
    assert 1 <= result.epochs_completed < 1000
    assert result.best_epoch >= 1 and result.test_accuracy is not None
    assert "best weights so far" in result.message


def test_stop_while_paused_ends_the_run(blobs):
    control = RunControl()
    control.pause()
    control.stop()
    result = fit(mlp_config(epochs=3), blobs, control=control)
    assert result.status == "stopped" and result.epochs_completed == 0


def test_l1_l2_shrink_weights(blobs):
    def weight_norm(result):
        return sum(v.abs().sum().item() for k, v in result.state_dict.items() if k.endswith("weight"))

    base = fit(mlp_config(epochs=15), blobs)
    l2 = fit(mlp_config(epochs=15).replace(regularization=RegularizationConfig(l2=0.1)), blobs)
    l1 = fit(mlp_config(epochs=15).replace(regularization=RegularizationConfig(l1=0.01)), blobs)
    assert weight_norm(l2) < 0.9 * weight_norm(base)
    assert weight_norm(l1) < 0.9 * weight_norm(base)


def test_gradient_clipping_tames_a_high_learning_rate(blobs):
    cfg = mlp_config(epochs=5).replace(optimizer=OptimizerConfig("sgd", 50.0))
    clipped = fit(cfg.replace(regularization=RegularizationConfig(grad_clip=0.01)), blobs)
    assert clipped.status == "completed"


def test_batch_modes(blobs):
    full = fit(mlp_config(epochs=2).with_overrides(**{"train.batch_mode": "full"}), blobs)
    sgd = fit(mlp_config(epochs=1).with_overrides(**{"train.batch_mode": "stochastic"}), blobs)
    assert full.status == sgd.status == "completed"


def test_model_must_fit_the_data(blobs, images):
    with pytest.raises(SpecError, match="Layer 1 \\(Conv2D\\) needs an image input"):
        fit(mlp_config().replace(model=ModelSpec((), [LayerSpec("Conv2D"), LayerSpec("Flatten"), LayerSpec("Dense", {"units": 3})])), blobs)
    with pytest.raises(SpecError, match="Layer 1 \\(Dense\\) needs a flat input but receives 1×8×8 — insert Flatten"):
        fit(mlp_config(), images)
    with pytest.raises(ConfigError, match="augmentation needs an image dataset"):
        fit(mlp_config().replace(data=DataConfig(augment=AugmentConfig(noise=0.1))), blobs)
    with pytest.raises(ConfigError, match="Early stopping watches the validation set"):
        fit(mlp_config().replace(data=DataConfig(val_split=0), regularization=RegularizationConfig(early_stopping=True)), blobs)
    with pytest.raises(ConfigError, match="plateau schedule watches the validation loss"):
        fit(mlp_config().replace(data=DataConfig(val_split=0), schedule=ScheduleConfig("plateau")), blobs)


def test_regression_with_mse():
    data = load_dataset("plane", {"n_samples": 300})
    cfg = mlp_config(classes=1, epochs=30).replace(
        model=ModelSpec((), [LayerSpec("Dense", {"units": 8}), LayerSpec("Activation", {"function": "Tanh"}), LayerSpec("Dense", {"units": 1})]),
        optimizer=OptimizerConfig("adam", 0.01),
    )
    result = fit(cfg, data)
    assert result.task == "regression" and result.test_accuracy is None
    assert result.test_loss < 0.2 * result.history[0].loss


def test_cuda_request_without_cuda_is_a_clear_error(blobs):
    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    with pytest.raises(ConfigError, match="CUDA was requested"):
        fit(mlp_config(device="cuda"), blobs)


def test_train_step_minimises_the_loss_plus_the_penalty_and_reports_the_loss_alone():
    torch.manual_seed(0)
    model = torch.nn.Linear(3, 2)
    x, y = torch.randn(8, 3), torch.tensor([0, 1] * 4)
    reg = RegularizationConfig(l1=0.01, l2=0.1)
    expected_loss = torch.nn.functional.cross_entropy(model(x), y)
    penalty = 0.01 * model.weight.abs().sum() + 0.5 * 0.1 * model.weight.pow(2).sum()
    expected_grad = torch.autograd.grad(expected_loss + penalty, model.weight)[0]
    before = model.weight.detach().clone()
    optimizer = torch.optim.SGD(model.parameters(), lr=1.0)
    loss, out = train_step(model, optimizer, torch.nn.functional.cross_entropy, x, y, reg, [model.weight])
    assert loss.item() == pytest.approx(expected_loss.item()) and out.shape == (8, 2)
    assert not loss.requires_grad and not out.requires_grad
    assert torch.allclose(before - model.weight.detach(), expected_grad)


def test_throughput_leaves_pauses_out_and_estimates_the_time_left(monkeypatch):
    clock = [100.0]
    monkeypatch.setattr(callbacks_module.time, "monotonic", lambda: clock[0])
    state = SimpleNamespace(epochs=2, batches_per_epoch=10, start_epoch=1, paused_seconds=0.0)
    meter = Throughput(interval=0.1)
    meter.start(state)
    assert meter.due(meter.now())  # the first batch is shown at once
    for step in range(1, 5):  # 4 batches of 50 samples, 0.5 s each
        clock[0] += 0.5
        meter.add(50)
    rate, eta = meter.update(4)
    assert rate == pytest.approx(100.0) and eta == pytest.approx(2.0 / 4 * 16)
    assert not meter.due(meter.now())
    clock[0] += 30.0  # a pause ...
    state.paused_seconds += 30.0  # ... which fit totals in the state
    clock[0] += 0.5
    meter.add(50)
    assert meter.due(meter.now())
    rate, eta = meter.update(5)
    assert rate == pytest.approx(100.0) and eta == pytest.approx(2.5 / 5 * 15)


def test_cnns_train_channels_last_on_the_cpu(images):
    cfg = mlp_config(classes=4, epochs=1).replace(
        model=ModelSpec((), [LayerSpec("Conv2D", {"filters": 4}), LayerSpec("Flatten"), LayerSpec("Dense", {"units": 4})])
    )
    seen = {}

    class Look(Callback):
        def on_fit_start(self, state):
            seen["format"] = state.memory_format
            seen["weight"] = state.model.body[0].weight.is_contiguous(memory_format=torch.channels_last)

    assert fit(cfg, images, callbacks=[Look()]).status == "completed"
    assert seen == {"format": torch.channels_last, "weight": True}
    fit(mlp_config(epochs=1), make_blobs(), callbacks=[Look()])
    assert seen["format"] == torch.contiguous_format  # no convolution: the default layout
