"""TrainConfig.layer_lr: per-layer learning-rate multipliers, through every optimizer and
schedule, JSON, validation and checkpoint resume."""

import math

import pytest
import torch

from playground.core.training.checkpoint import Checkpoint, find_checkpoint, load_checkpoint
from playground.core.training.optim import base_lr, make_optimizer
from playground.core.training.catalog import OPTIMIZERS
from playground.core.training.schedules import make_schedule
from playground.core.config.spec import DataConfig, OptimizerConfig, RunConfig, ScheduleConfig
from playground.core.errors import ConfigError
from playground.core.config.model_spec import LayerSpec, ModelSpec
from playground.core.training.callbacks import Callback
from playground.core.training.loop import fit

from .conftest import make_blobs, make_images, mlp_config


def _groups(scales):
    """Parameter groups as train.fit builds them: the base group first, one per scaled layer."""
    return [{"params": [torch.zeros(2, requires_grad=True)], "lr_scale": s} for s in scales]


def _moved(before, after, key):
    return (after[key] - before[key]).abs().sum().item()


# --------------------------------------------------------------------------- config


def test_layer_lr_round_trips_through_json_with_integer_keys():
    cfg = mlp_config().with_overrides(**{"train.layer_lr": {0: 0.1, 2: 10}})
    data = cfg.to_dict()
    assert data["train"]["layer_lr"] == {"0": 0.1, "2": 10}
    again = RunConfig.from_json(cfg.to_json())
    assert again.train.layer_lr == {0: 0.1, 2: 10}
    assert again == cfg
    # A search or the CLI can set one entry by its dotted key.
    assert cfg.with_overrides(**{"train.layer_lr.2": 3.0}).train.layer_lr == {0: 0.1, 2: 3.0}
    assert RunConfig.from_dict({"model": cfg.model.to_dict()}).train.layer_lr == {}


@pytest.mark.parametrize(
    "layer_lr, words",
    [
        ({"first": 0.1}, "keys are layer positions"),
        ({"-1": 0.1}, "keys are layer positions"),
        ({"0": -1}, "must be a number >= 0"),
        ({"0": "fast"}, "must be a number >= 0"),
        ({"0": float("nan")}, "must be a number >= 0"),
        ({"9": 0.1}, "names layer 9 but the model has 4 layers"),
        ({"1": 0.1}, "layer 1 (Activation) a learning rate, but it has no parameters"),
        ([0.1], "must be an object of layer position: multiplier"),
    ],
)
def test_bad_layer_lr_is_refused_naming_the_problem(layer_lr, words):
    data = mlp_config().to_dict()
    data["train"]["layer_lr"] = layer_lr
    with pytest.raises(ConfigError) as e:
        RunConfig.from_dict(data)
    assert words in str(e.value)


def test_a_frozen_layer_with_a_multiplier_is_refused():
    cfg = mlp_config().with_overrides(**{"train.layer_lr": {0: 0.1}, "train.frozen_layers": (0,)})
    with pytest.raises(ConfigError, match="is frozen and also has a learning-rate multiplier"):
        cfg.validate()


# --------------------------------------------------------------------------- training


def test_a_layer_with_multiplier_0_keeps_its_weights_while_the_others_learn():
    data = make_blobs()
    cfg = mlp_config(epochs=2).with_overrides(**{"train.layer_lr": {0: 0}})
    start = fit(mlp_config(epochs=1), data).state_dict
    after = fit(cfg, data, initial_state=start).state_dict
    assert torch.equal(after["body.0.weight"], start["body.0.weight"])
    assert torch.equal(after["body.0.bias"], start["body.0.bias"])
    assert _moved(start, after, "body.2.weight") > 0


@pytest.mark.parametrize("optimizer", ["sgd", "adam", "adabound"])
def test_ten_times_the_multiplier_moves_a_layer_faster(optimizer):
    data = make_blobs()
    base = mlp_config(epochs=1).replace(optimizer=OptimizerConfig(optimizer, 1e-3))
    start = fit(base, data).state_dict
    slow = fit(base.with_overrides(**{"train.layer_lr": {0: 1}}), data, initial_state=start).state_dict
    fast = fit(base.with_overrides(**{"train.layer_lr": {0: 10}}), data, initial_state=start).state_dict
    assert _moved(start, fast, "body.0.weight") > 3 * _moved(start, slow, "body.0.weight")


def test_the_logged_learning_rate_stays_the_base_rate():
    data = make_blobs()
    cfg = mlp_config(epochs=2).with_overrides(**{"train.layer_lr": {0: 0.1, 2: 10}, "optimizer.lr": 0.02})
    seen = []

    class Record(Callback):
        def on_batch_end(self, state, logs):
            seen.append(logs.lr)

    result = fit(cfg, data, callbacks=[Record()])
    assert set(seen) == {0.02}
    assert {h.lr for h in result.history} == {0.02}


def test_every_optimizer_gets_its_groups_scaled():
    for name, info in OPTIMIZERS.items():
        opt = make_optimizer(_groups([1.0, 0.5, 0.0]), OptimizerConfig(name, 0.01))
        assert [g["lr"] for g in opt.param_groups] == pytest.approx([0.01, 0.005, 0.0]), name
        assert base_lr(opt) == pytest.approx(0.01)
    ada = make_optimizer(_groups([1.0, 0.5]), OptimizerConfig("adabound", 0.01, {"final_lr": 0.2}))
    assert [g["final_lr"] for g in ada.param_groups] == pytest.approx([0.2, 0.1])


def test_adabound_with_multiplier_0_does_not_move():
    p = torch.ones(3, requires_grad=True)
    opt = make_optimizer(
        [{"params": [torch.zeros(1, requires_grad=True)], "lr_scale": 1.0}, {"params": [p], "lr_scale": 0.0}],
        OptimizerConfig("adabound", 0.01),
    )
    p.grad = torch.ones(3)
    opt.step()
    assert torch.equal(p.detach(), torch.ones(3))


def _trace(name, params, scales, *, epochs=3, steps=4, lr=0.1):
    """Each group's lr after every batch and epoch end."""
    opt = make_optimizer(_groups(scales), OptimizerConfig("sgd", lr))
    schedule = make_schedule(opt, ScheduleConfig(name, params), epochs=epochs, steps_per_epoch=steps)
    rows = []
    for e in range(epochs):
        for _ in range(steps):
            opt.step()
            schedule.on_batch_end()
            rows.append(([g["lr"] for g in opt.param_groups], schedule.lr))
        schedule.on_epoch_end(1.0)  # a flat validation loss: the plateau schedule lowers the lr
        rows.append(([g["lr"] for g in opt.param_groups], schedule.lr))
    return rows


@pytest.mark.parametrize(
    "name, params",
    [
        ("constant", {}),
        ("step", {"step_size": 1, "gamma": 0.5}),
        ("exponential", {"gamma": 0.7}),
        ("cosine", {"eta_min": 0.01}),
        ("onecycle", {}),
        ("onecycle", {"max_lr": 0.5}),
        ("plateau", {"patience": 0, "min_lr": 0.02}),
    ],
)
def test_every_schedule_keeps_each_group_at_its_multiple_of_the_base_rate(name, params):
    scales = [1.0, 10.0, 0.1, 0.0]
    rows = _trace(name, params, scales)
    plain = _trace(name, params, [1.0])
    for (lrs, shown), (plain_lrs, plain_shown) in zip(rows, plain):
        # The curve the GUI plots is the base rate, the same as without multipliers ...
        assert shown == pytest.approx(plain_shown) == pytest.approx(plain_lrs[0])
        # ... and every group runs at its multiple of it, the cosine floor and plateau's
        # min_lr included.
        assert lrs == pytest.approx([shown * s for s in scales], abs=1e-12)


def test_onecycle_with_groups_peaks_at_each_groups_multiple():
    rows = _trace("onecycle", {"max_lr": 0.4}, [1.0, 0.25], epochs=5, steps=10)
    peaks = [max(lrs[i] for lrs, _ in rows) for i in range(2)]
    assert peaks == pytest.approx([0.4, 0.1], rel=1e-2)


def test_cosine_without_multipliers_is_torchs_own():
    rows = _trace("cosine", {"eta_min": 0.01}, [1.0], epochs=2, steps=5)
    batch = [lrs[0] for i, (lrs, _) in enumerate(rows) if i % 6 != 5]
    assert batch == pytest.approx([0.01 + 0.09 * (1 + math.cos(math.pi * k / 10)) / 2 for k in range(1, 11)])


def test_everything_frozen_is_a_clear_error():
    cfg = mlp_config(epochs=1).with_overrides(**{"train.frozen_layers": (0, 2)})
    with pytest.raises(ConfigError, match="Every layer with parameters is frozen"):
        fit(cfg, make_blobs())


class _Crash(Exception):
    pass


class _CrashAfter(Callback):
    def on_epoch_end(self, state, logs):
        if logs.epoch == 2:
            raise _Crash


@pytest.mark.parametrize("schedule", [ScheduleConfig("onecycle"), ScheduleConfig("cosine", {"eta_min": 1e-4})])
def test_a_run_with_layer_learning_rates_resumes_exactly(tmp_path, schedule):
    data = make_images(n=120)
    layers = [
        LayerSpec("Conv2D", {"filters": 4}),
        LayerSpec("BatchNorm"),
        LayerSpec("Activation", {"function": "ReLU"}),
        LayerSpec("Flatten"),
        LayerSpec("Dense", {"units": 4}),
        LayerSpec("Activation", {"function": "Softmax"}),
    ]
    cfg = mlp_config(classes=4, epochs=4).replace(
        model=ModelSpec((), layers),
        schedule=schedule,
        data=DataConfig("quadrants", {}, 0.2),
    ).with_overrides(**{"train.layer_lr": {0: 0.1, 1: 0.0}, "optimizer.name": "adabound"})
    whole = fit(cfg, data)
    run_dir = tmp_path / "run"
    with pytest.raises(_Crash):
        fit(cfg, data, callbacks=[Checkpoint(run_dir, max_share=float("inf")), _CrashAfter()])
    resume = load_checkpoint(find_checkpoint(run_dir))
    assert resume.config.train.layer_lr == {0: 0.1, 1: 0.0}
    resumed = fit(resume.config, data, resume=resume)
    for key in whole.state_dict:
        assert torch.equal(whole.state_dict[key], resumed.state_dict[key]), key
    assert [h.lr for h in resumed.history] == [h.lr for h in whole.history]
