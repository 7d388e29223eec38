import math

import pytest
import torch

from playground.core.training.optim import AdaBound, make_optimizer
from playground.core.training.catalog import OPTIMIZERS, SCHEDULES
from playground.core.training.schedules import make_schedule
from playground.core.config.spec import OptimizerConfig, ScheduleConfig
from playground.core.errors import ConfigError


def _logistic_problem():
    gen = torch.Generator().manual_seed(0)
    x = torch.randn(200, 5, generator=gen)
    y = (x @ torch.tensor([1.5, -2.0, 0.5, 1.0, -1.0]) > 0).float()
    return x, y


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_every_optimizer_lowers_the_loss(name):
    x, y = _logistic_problem()
    w = torch.zeros(5, requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    opt = make_optimizer([w, b], OptimizerConfig(name, lr=0.1))

    def loss():
        return torch.nn.functional.binary_cross_entropy_with_logits(x @ w + b, y)

    before = loss().item()
    for _ in range(50):
        opt.zero_grad()
        loss().backward()
        opt.step()
    assert loss().item() < 0.7 * before


def test_hyperparameters_reach_the_torch_optimizer():
    p = [torch.zeros(2, requires_grad=True)]
    group = lambda name, **params: make_optimizer(p, OptimizerConfig(name, 0.05, params)).param_groups[0]  # noqa: E731
    assert group("sgd")["momentum"] == 0
    assert group("momentum", momentum=0.8)["momentum"] == 0.8
    assert group("nesterov")["nesterov"] is True and group("nesterov")["momentum"] == 0.9
    assert group("rmsprop", alpha=0.9)["alpha"] == 0.9
    assert group("adam", beta1=0.8, beta2=0.99)["betas"] == (0.8, 0.99)
    assert group("adamw")["weight_decay"] == 0.01
    assert isinstance(make_optimizer(p, OptimizerConfig("radam")), torch.optim.RAdam)
    adabound = group("adabound", final_lr=0.05, gamma=0.01, amsbound=True)
    assert (adabound["final_lr"], adabound["gamma"], adabound["amsbound"], adabound["lr"]) == (0.05, 0.01, True, 0.05)
    # JSON integers are accepted for float parameters; the catalogue defaults are all valid.
    assert group("momentum", momentum=0)["momentum"] == 0.0
    for name, info in OPTIMIZERS.items():
        make_optimizer(p, OptimizerConfig(name, info.default_lr, {k: v.default for k, v in info.params.items()}))


def test_param_groups_keep_their_own_learning_rate():
    a, b = torch.zeros(2, requires_grad=True), torch.zeros(2, requires_grad=True)
    opt = make_optimizer([{"params": [a]}, {"params": [b], "lr": 0.5}], OptimizerConfig("adabound", lr=0.01))
    assert [g["lr"] for g in opt.param_groups] == [0.01, 0.5]
    assert [g["base_lr"] for g in opt.param_groups] == [0.01, 0.5]


@pytest.mark.parametrize(
    "name, params, words",
    [
        ("adm", {}, ["adm", "adam", "adabound"]),
        ("adam", {"momentum": 0.9}, ["momentum", "beta1", "beta2", "eps"]),
        ("adam", {"betas": [0.9, 0.99]}, ["betas", "beta1"]),
        ("sgd", {"momentum": 0.9}, ["momentum", "takes none"]),
        ("adam", {"beta1": 1.0}, ["beta1", "[0, 1)"]),
        ("nesterov", {"momentum": 0}, ["momentum", "(0, 1)"]),
        ("adabound", {"amsbound": "yes"}, ["amsbound", "true or false"]),
        ("adabound", {"gamma": True}, ["gamma", "number"]),
        ("rmsprop", {"eps": -1e-8}, ["eps", "> 0"]),
    ],
)
def test_make_optimizer_rejects_bad_configs_naming_the_problem(name, params, words):
    with pytest.raises(ConfigError) as err:
        make_optimizer([torch.zeros(1, requires_grad=True)], OptimizerConfig(name, 0.01, params))
    for word in words:
        assert word in str(err.value)


def test_make_optimizer_rejects_a_bad_learning_rate():
    with pytest.raises(ConfigError, match="learning rate"):
        make_optimizer([torch.zeros(1, requires_grad=True)], OptimizerConfig("adam", -1.0))


# --------------------------------------------------------------------------- AdaBound by hand


def _adabound_by_hand(p, grads, lrs, base_lr, beta1, beta2, final_lr, gamma, eps, weight_decay=0.0, amsbound=False):
    """Luo et al.'s update in the reference implementation's form, element by element.
    Returns the parameters after each step and the unclipped rates and bounds of each step."""
    m = [0.0] * len(p)
    v = [0.0] * len(p)
    v_max = [0.0] * len(p)
    p = list(p)
    history = []
    for t, (g, lr) in enumerate(zip(grads, lrs), start=1):
        step_size = lr * math.sqrt(1 - beta2**t) / (1 - beta1**t)
        fin = final_lr * lr / base_lr
        lower = fin * (1 - 1 / (gamma * t + 1))
        upper = fin * (1 + 1 / (gamma * t))
        raw = []
        for i in range(len(p)):
            gi = g[i] + weight_decay * p[i]
            m[i] = beta1 * m[i] + (1 - beta1) * gi
            v[i] = beta2 * v[i] + (1 - beta2) * gi * gi
            v_max[i] = max(v_max[i], v[i])
            raw.append(step_size / (math.sqrt(v_max[i] if amsbound else v[i]) + eps))
            p[i] -= min(max(raw[-1], lower), upper) * m[i]
        history.append((list(p), raw, lower, upper))
    return history


HYPER = dict(beta1=0.9, beta2=0.999, final_lr=0.1, gamma=1e-3, eps=1e-8)
# Element 0 is an ordinary Adam step; element 1's gradient is so large that its rate falls
# below the lower bound; element 2's is so small that its rate exceeds the upper bound.
P0 = [1.0, -2.0, 0.5]
# In step 2 element 0's gradient shrinks so much that its second moment falls (AMSBound differs).
GRADS = [[0.5, 2000.0, 1e-5], [0.01, 10.0, 2e-5]]


def _run_adabound(lrs_applied, **options):
    p = torch.tensor(P0, dtype=torch.float64, requires_grad=True)
    opt = AdaBound([p], lr=1e-3, betas=(HYPER["beta1"], HYPER["beta2"]), final_lr=HYPER["final_lr"],
                   gamma=HYPER["gamma"], eps=HYPER["eps"], **options)
    after = []
    for g, lr in zip(GRADS, lrs_applied):
        opt.param_groups[0]["lr"] = lr
        p.grad = torch.tensor(g, dtype=torch.float64)
        opt.step()
        after.append(p.detach().tolist())
    return after


def test_adabound_first_step_by_hand():
    (p1, raw, lower, upper), _ = _adabound_by_hand(P0, GRADS, [1e-3, 1e-3], 1e-3, **HYPER)
    # Step 1 written out: m = 0.1·g, v = 0.001·g², step size = 1e-3·sqrt(0.001)/0.1,
    # so the unclipped rate is 0.01/|g| (eps aside); bounds [0.1·(1 - 1/1.001), 0.1·1001].
    assert lower == pytest.approx(9.99000999e-5) and upper == pytest.approx(100.1)
    assert raw[0] == pytest.approx(0.02, rel=1e-6)  # inside the bounds
    assert raw[1] == pytest.approx(5e-6, rel=1e-6) and raw[1] < lower  # clipped up to `lower`
    assert raw[2] > upper  # clipped down to `upper`
    assert p1 == pytest.approx([1.0 - 0.02 * 0.05, -2.0 - lower * 200.0, 0.5 - upper * 1e-6], rel=1e-9)
    assert _run_adabound([1e-3])[0] == pytest.approx(p1, rel=1e-9)


@pytest.mark.parametrize("options", [{}, {"amsbound": True}, {"weight_decay": 0.1}])
def test_adabound_two_steps_match_the_hand_computation(options):
    expected = _adabound_by_hand(P0, GRADS, [1e-3, 1e-3], 1e-3, **HYPER, **options)
    _, (_, raw2, lower2, upper2) = expected
    if not options:
        assert raw2[1] < lower2 and raw2[2] > upper2  # the bounds still bind in step 2
    assert _run_adabound([1e-3, 1e-3], **options) == [pytest.approx(e[0], rel=1e-9) for e in expected]


def test_amsbound_differs_from_adabound_once_gradients_shrink():
    plain, ams = _run_adabound([1e-3, 1e-3])[1][0], _run_adabound([1e-3, 1e-3], amsbound=True)[1][0]
    assert ams != pytest.approx(plain, rel=1e-9, abs=0)


def test_adabound_bounds_follow_the_schedule():
    p = torch.tensor(P0, dtype=torch.float64, requires_grad=True)
    opt = make_optimizer([p], OptimizerConfig("adabound", 1e-3))
    schedule = make_schedule(opt, ScheduleConfig("step", {"step_size": 1, "gamma": 0.1}), epochs=2, steps_per_epoch=1)
    results = []
    for g in GRADS:
        p.grad = torch.tensor(g, dtype=torch.float64)
        opt.step()
        schedule.on_batch_end()
        schedule.on_epoch_end(None)
        results.append(p.detach().tolist())
    expected = _adabound_by_hand(P0, GRADS, [1e-3, 1e-4], 1e-3, **HYPER)
    assert results == [pytest.approx(e[0], rel=1e-9) for e in expected]
    # In step 2 element 1 moves by the lower bound, now a tenth of what it was without the decay.
    unscheduled = _adabound_by_hand(P0, GRADS, [1e-3, 1e-3], 1e-3, **HYPER)
    moved = results[1][1] - results[0][1]
    assert moved == pytest.approx((unscheduled[1][0][1] - unscheduled[0][0][1]) / 10, rel=1e-6)


def test_adabound_keeps_its_base_lr_in_the_state_dict():
    p = torch.zeros(2, requires_grad=True)
    opt = AdaBound([p], lr=1e-3)
    p.grad = torch.ones(2)
    opt.step()
    opt.param_groups[0]["lr"] = 1e-4  # as a schedule would
    restored = AdaBound([p], lr=5e-2)
    restored.load_state_dict(opt.state_dict())
    assert restored.param_groups[0]["base_lr"] == 1e-3 and restored.param_groups[0]["lr"] == 1e-4
    assert restored.state[p]["step"] == 1
    restored.step()  # and it carries on from there


# --------------------------------------------------------------------------- schedules


def _simulate(name, params=None, *, epochs, steps, val_losses=None, lr=0.1):
    """lr after every batch, as (epoch, batch, lr), for an SGD run of `epochs`×`steps` steps."""
    opt = make_optimizer([torch.zeros(1, requires_grad=True)], OptimizerConfig("sgd", lr))
    schedule = make_schedule(opt, ScheduleConfig(name, params or {}), epochs=epochs, steps_per_epoch=steps)
    trace = []
    for e in range(epochs):
        for b in range(steps):
            opt.step()
            schedule.on_batch_end()
            trace.append((e, b, schedule.lr))
        schedule.on_epoch_end(None if val_losses is None else val_losses[e])
        trace.append((e, "end", schedule.lr))
    return trace


def _epoch_lrs(trace):
    return [lr for _, b, lr in trace if b == "end"]


def test_constant_keeps_the_learning_rate():
    assert {lr for *_, lr in _simulate("constant", epochs=3, steps=4)} == {0.1}


def test_step_decay_drops_every_step_size_epochs():
    trace = _simulate("step", epochs=25, steps=2)
    assert _epoch_lrs(trace) == pytest.approx([0.1 * 0.1 ** (e // 10) for e in range(1, 26)])
    assert all(lr == _epoch_lrs(trace)[e - 1] for e, b, lr in trace if b == 0 and e > 0)  # constant within an epoch


def test_exponential_decays_each_epoch():
    assert _epoch_lrs(_simulate("exponential", {"gamma": 0.5}, epochs=4, steps=3)) == pytest.approx(
        [0.05, 0.025, 0.0125, 0.00625]
    )


def test_cosine_anneals_per_batch_to_eta_min():
    trace = _simulate("cosine", {"eta_min": 0.01}, epochs=4, steps=5)
    batch_lrs = [lr for _, b, lr in trace if b != "end"]
    expected = [0.01 + 0.09 * (1 + math.cos(math.pi * k / 20)) / 2 for k in range(1, 21)]
    assert batch_lrs == pytest.approx(expected)
    assert batch_lrs[-1] == pytest.approx(0.01)


def test_onecycle_warms_up_to_ten_times_the_lr_then_anneals():
    opt = make_optimizer([torch.zeros(1, requires_grad=True)], OptimizerConfig("sgd", 0.1))
    assert make_schedule(opt, ScheduleConfig("onecycle"), epochs=10, steps_per_epoch=10).lr == pytest.approx(1.0 / 25)
    trace = _simulate("onecycle", epochs=10, steps=10)
    lrs = [lr for _, b, lr in trace if b != "end"]
    peak = lrs.index(max(lrs))
    assert max(lrs) == pytest.approx(1.0, rel=1e-3)
    assert 27 <= peak <= 31  # pct_start 0.3 of 100 steps
    assert all(a <= b for a, b in zip(lrs[:peak], lrs[1 : peak + 1]))
    assert all(a >= b for a, b in zip(lrs[peak:], lrs[peak + 1 :]))
    assert lrs[-1] == pytest.approx(1.0 / 25 / 1e4)  # ends at the cycle's minimum, no swing back up
    assert max(lr for *_, lr in _simulate("onecycle", {"max_lr": 0.5}, epochs=2, steps=10)) == pytest.approx(
        0.5, rel=1e-2
    )


def test_onecycle_leaves_momentum_alone():
    opt = make_optimizer([torch.zeros(1, requires_grad=True)], OptimizerConfig("sgd", 0.1))
    make_schedule(opt, ScheduleConfig("onecycle"), epochs=1, steps_per_epoch=5)
    assert opt.param_groups[0]["momentum"] == 0


def test_plateau_halves_after_patience_epochs_without_improvement():
    losses = [1.0, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9]
    lrs = _epoch_lrs(_simulate("plateau", epochs=10, steps=2, val_losses=losses))
    # best 0.9 in epoch 2; epochs 3-5 are patience; epoch 6 is the 4th bad one.
    assert lrs == pytest.approx([0.1] * 5 + [0.05] * 4 + [0.025])


def test_plateau_without_validation_loss_says_what_to_do():
    with pytest.raises(ConfigError, match="val_split"):
        _simulate("plateau", epochs=1, steps=1)


@pytest.mark.parametrize(
    "name, params, words",
    [
        ("cosin", {}, ["cosin", "cosine", "onecycle"]),
        ("step", {"step": 5}, ["step", "step_size", "gamma"]),
        ("step", {"step_size": 2.5}, ["step_size", "whole number"]),
        ("plateau", {"factor": 1.0}, ["factor", "(0, 1)"]),
        ("onecycle", {"max_lr": 0}, ["max_lr", "> 0"]),
    ],
)
def test_make_schedule_rejects_bad_configs_naming_the_problem(name, params, words):
    opt = make_optimizer([torch.zeros(1, requires_grad=True)], OptimizerConfig("sgd", 0.1))
    with pytest.raises(ConfigError) as err:
        make_schedule(opt, ScheduleConfig(name, params), epochs=2, steps_per_epoch=2)
    for word in words:
        assert word in str(err.value)


def test_schedule_catalogue_defaults_are_valid():
    for name, info in SCHEDULES.items():
        opt = make_optimizer([torch.zeros(1, requires_grad=True)], OptimizerConfig("adam"))
        defaults = {k: p.default for k, p in info.params.items()}
        make_schedule(opt, ScheduleConfig(name, defaults), epochs=2, steps_per_epoch=3)
