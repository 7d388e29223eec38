"""The backprop stepper (core.experiments.stepper, `playground step`): on a 2-2-1 network with
hand-picked weights its forward values, error signals, gradients and SGD / Momentum / Adam updates
equal a hand computation written out here in plain Python (no torch); a stepper's run continues
into fit and comes back with the weights of a run fit trained from the start; models beyond its
limits are refused by key."""

import json
import math

import pytest
import torch

from playground.cli import step as step_cli
from playground.cli.main import main
from playground.core.config.presets import load_preset
from playground.core.config.spec import RunConfig
from playground.core.data.dataset import Dataset
from playground.core.experiments import stepper as stepper_module
from playground.core.experiments.stepper import Stepper, StepperError
from playground.core.experiments.stepper_handoff import TakeBack
from playground.core.experiments.stepper_formulas import num
from playground.core.training.loop import fit

from .conftest import make_blobs, mlp_config

# ----------------------------------------------------------------------------- the hand computation

X = [(1.0, 2.0), (-1.0, 0.5)]  # two samples, one batch
Y = [0.8, 0.1]
W1 = [[0.1, 0.2], [0.3, -0.4]]  # W1[j][i]: from input i to hidden unit j
B1 = [0.05, -0.1]
W2 = [[0.5, -0.6]]  # W2[0][j]: from hidden unit j to the output
B2 = [0.2]


def sigmoid(z):
    return 1 / (1 + math.exp(-z))


def hand_pass(w1, b1, w2, b2):
    """Forward and backward of the 2-2-1 Sigmoid network under the mean squared error over the
    N = 2 samples (L = (1/N)·Σ (a2 − y)²), by the chain rule, per sample."""
    n = len(X)
    samples, grads = [], {"w1": [[0.0, 0.0], [0.0, 0.0]], "b1": [0.0, 0.0], "w2": [[0.0, 0.0]], "b2": [0.0]}
    loss = 0.0
    for x, y in zip(X, Y):
        z1 = [w1[j][0] * x[0] + w1[j][1] * x[1] + b1[j] for j in range(2)]
        a1 = [sigmoid(z) for z in z1]
        z2 = w2[0][0] * a1[0] + w2[0][1] * a1[1] + b2[0]
        a2 = sigmoid(z2)
        loss += (a2 - y) ** 2 / n
        dout = 2 * (a2 - y) / n  # ∂L/∂a2
        d2 = dout * a2 * (1 - a2)  # δ2 = ∂L/∂a2 · σ'(z2)
        d1 = [w2[0][j] * d2 * a1[j] * (1 - a1[j]) for j in range(2)]  # δ1[j] = w2[1,j]·δ2 · σ'(z1[j])
        for j in range(2):
            grads["w2"][0][j] += d2 * a1[j]
            grads["b1"][j] += d1[j]
            for i in range(2):
                grads["w1"][j][i] += d1[j] * x[i]
        grads["b2"][0] += d2
        samples.append({"x": x, "z1": z1, "a1": a1, "z2": z2, "a2": a2, "dout": dout, "d2": d2, "d1": d1})
    return samples, grads, loss


def flat(grads):
    """name -> value, named as the stepper names its links."""
    out = {}
    for j in range(2):
        for i in range(2):
            out[f"w1[{j + 1},{i + 1}]"] = grads["w1"][j][i]
        out[f"b1[{j + 1}]"] = grads["b1"][j]
        out[f"w2[1,{j + 1}]"] = grads["w2"][0][j]
    out["b2[1]"] = grads["b2"][0]
    return out


def apply(params, deltas):
    return {k: params[k] + deltas[k] for k in params}


def unflat(p):
    w1 = [[p[f"w1[{j},{i}]"] for i in (1, 2)] for j in (1, 2)]
    return w1, [p["b1[1]"], p["b1[2]"]], [[p["w2[1,1]"], p["w2[1,2]"]]], [p["b2[1]"]]


START = flat({"w1": W1, "b1": B1, "w2": W2, "b2": B2})


def hand_sgd(lr, steps):
    params, changes = dict(START), []
    for _ in range(steps):
        _, g, _ = hand_pass(*unflat(params))
        g = flat(g)
        d = {k: -lr * g[k] for k in g}
        changes.append(d)
        params = apply(params, d)
    return changes


def hand_momentum(lr, mu, steps):
    """torch's SGD momentum (dampening 0): v = μ·v + g (v = g at the first step), Δw = −η·v."""
    params, v, changes, velocities = dict(START), None, [], []
    for _ in range(steps):
        _, g, _ = hand_pass(*unflat(params))
        g = flat(g)
        v = dict(g) if v is None else {k: mu * v[k] + g[k] for k in g}
        d = {k: -lr * v[k] for k in g}
        changes.append(d)
        velocities.append(v)
        params = apply(params, d)
    return changes, velocities


def hand_adam(lr, b1, b2, eps, steps):
    params, m, v, out = dict(START), dict.fromkeys(START, 0.0), dict.fromkeys(START, 0.0), []
    for t in range(1, steps + 1):
        _, g, _ = hand_pass(*unflat(params))
        g = flat(g)
        m = {k: b1 * m[k] + (1 - b1) * g[k] for k in g}
        v = {k: b2 * v[k] + (1 - b2) * g[k] ** 2 for k in g}
        m_hat = {k: m[k] / (1 - b1**t) for k in g}
        v_hat = {k: v[k] / (1 - b2**t) for k in g}
        d = {k: -lr * m_hat[k] / (math.sqrt(v_hat[k]) + eps) for k in g}
        out.append({"change": d, "m": m, "v": v, "m_hat": m_hat, "v_hat": v_hat})
        params = apply(params, d)
    return out


# ----------------------------------------------------------------------------- the network


def tiny_dataset() -> Dataset:
    x, y = torch.tensor(X), torch.tensor(Y).reshape(-1, 1)
    return Dataset("tiny", "regression", x, y, x[:0], y[:0], None, mean=(0.0, 0.0), std=(1.0, 1.0))


def net_config(optimizer="sgd", lr=0.1, regularization=None, **params) -> RunConfig:
    return RunConfig.from_dict({
        "regularization": regularization or {},
        "data": {"name": "tiny", "val_split": 0},
        "model": {"init": "xavier", "layers": [
            {"type": "Dense", "units": 2, "activation": "Sigmoid"},
            {"type": "Dense", "units": 1, "activation": "Sigmoid"},
        ]},
        "optimizer": {"name": optimizer, "lr": lr, "params": params},
        "train": {"epochs": 3, "batch_size": 2, "seed": 0, "device": "cpu"},
    })


def hand_stepper(config) -> Stepper:
    stepper = Stepper(config, tiny_dataset())
    net = stepper.model.body
    with torch.no_grad():
        net[0][0].weight.copy_(torch.tensor(W1))
        net[0][0].bias.copy_(torch.tensor(B1))
        net[1][0].weight.copy_(torch.tensor(W2))
        net[1][0].bias.copy_(torch.tensor(B2))
    return stepper


def links(record):
    return {link.name: link for layer in record.links for link in layer}


def by_input(record):
    """The record's sample index of each of X (the batch is in fit's shuffled order)."""
    return [record.inputs.index(list(x)) for x in X]


def close(a, b, tol=1e-6):
    return abs(a - b) <= tol * max(1.0, abs(b))


def test_forward_loss_and_backward_equal_the_hand_computation():
    stepper = hand_stepper(net_config())
    hand, grads, loss = hand_pass(W1, B1, W2, B2)

    record = stepper.next_phase()
    assert record.phase == "forward"
    order = by_input(record)
    for h, n in zip(hand, order):
        for j in range(2):
            assert close(record.neurons[1][j].z[n], h["z1"][j]) and close(record.neurons[1][j].a[n], h["a1"][j])
        assert close(record.neurons[2][0].z[n], h["z2"]) and close(record.neurons[2][0].a[n], h["a2"])
    assert close(record.neurons[2][0].a_mean, sum(h["a2"] for h in hand) / 2)
    assert record.neurons[1][0].delta is None  # nothing of the backward yet

    record = stepper.next_phase()
    assert record.phase == "loss" and close(record.loss, loss)
    for h, n in zip(hand, order):
        assert close(record.dout[n][0], h["dout"])

    record = stepper.next_phase()
    assert record.phase == "backward"
    for h, n in zip(hand, order):
        assert close(record.neurons[2][0].delta[n], h["d2"])
        for j in range(2):
            assert close(record.neurons[1][j].delta[n], h["d1"][j])
            assert close(record.neurons[1][j].fprime[n], h["a1"][j] * (1 - h["a1"][j]))
    for name, g in flat(grads).items():
        assert close(links(record)[name].grad, g), name
    # backprop's order: the output layer's δ, its gradients, then the hidden layer's
    kinds = [(e[0], e[1] if e[0] == "delta" else e[1][:2]) for e in record.backward_order]
    assert kinds[0] == ("delta", 2) and kinds.index(("grad", "w2")) < kinds.index(("delta", 1)) < kinds.index(("grad", "w1"))
    assert torch.equal(stepper.model.body[0][0].weight, torch.tensor(W1))  # no update before the update phase


def test_formulas_show_the_chain_rule_with_the_numbers():
    stepper = hand_stepper(net_config())
    record = stepper.step()
    hand, _, _ = hand_pass(W1, B1, W2, B2)
    s = record.sample - 1  # the sample the formulas show
    h = hand[by_input(record).index(s)]
    out = record.neurons[2][0].formulas
    assert out["delta"].symbolic == "δ2[1] = ∂L/∂a2[1] · σ'(z2[1])"
    assert close(out["delta"].value, h["d2"]) and out["delta"].values["derivative"] == "σ'(z) = a·(1 − a)"
    assert out["dout"].key == "stepper.dout.mse" and close(out["dout"].value, h["dout"])
    assert f"{num(h['a2'])}·(1 − {num(h['a2'])})" in out["delta"].substituted  # σ'(z) = a·(1 − a), with a
    hidden = record.neurons[1][1].formulas["delta"]
    assert hidden.key == "stepper.delta.hidden" and hidden.symbolic == "δ1[2] = (Σₖ w2[k,2]·δ2[k]) · σ'(z1[2])"
    assert hidden.values["weights"] == [pytest.approx(W2[0][1])] and close(hidden.values["deltas"][0], h["d2"])
    w, d, f = hidden.values["weights"][0], hidden.values["deltas"][0], hidden.values["fprime"]
    assert close(hidden.value, w * d * f) and close(hidden.value, h["d1"][1])
    assert "−0.6" in hidden.substituted and hidden.text.startswith("The error signal of unit 2 in layer 1")
    grad = links(record)["w2[1,1]"].formulas["grad"]
    assert grad.symbolic == "∂L/∂w2[1,1] = Σₙ δ2[1]·a1[1]"
    assert close(sum(a * b for a, b in zip(grad.values["deltas"], grad.values["inputs"])), grad.value)
    z = record.neurons[1][0].formulas["z"]
    assert z.symbolic == "z1[1] = w1[1,1]·a0[1] + w1[1,2]·a0[2] + b1[1]" and close(z.value, h["z1"][0])
    json.dumps(record.to_dict())  # plain data


def test_sgd_updates_equal_the_hand_computation():
    stepper = hand_stepper(net_config("sgd", 0.5))
    for expected in hand_sgd(0.5, 2):
        record = stepper.step()
        for name, change in expected.items():
            link = links(record)[name]
            assert close(link.change, change), name
            f = link.formulas["update"]
            assert f.key == "stepper.update.sgd" and f.symbolic == "Δw = −η·g" and close(f.value, change)


def test_momentum_updates_and_velocity_equal_the_hand_computation():
    stepper = hand_stepper(net_config("momentum", 0.5, momentum=0.9))
    changes, velocities = hand_momentum(0.5, 0.9, 3)
    for step, (expected, v) in enumerate(zip(changes, velocities)):
        record = stepper.step()
        for name in expected:
            link = links(record)[name]
            assert close(link.change, expected[name]) and close(link.state["velocity"], v[name]), (step, name)
        f = links(record)["w1[2,1]"].formulas["update"]
        assert f.symbolic == ("v = g (first step);  Δw = −η·v" if step == 0 else "v = μ·v + g;  Δw = −η·v")
        if step:
            assert close(links(record)["w1[2,1]"].state["velocity_before"], velocities[step - 1]["w1[2,1]"])


def test_adam_updates_and_moments_equal_the_hand_computation():
    stepper = hand_stepper(net_config("adam", 0.05, beta1=0.9, beta2=0.999, eps=1e-8))
    for t, expected in enumerate(hand_adam(0.05, 0.9, 0.999, 1e-8, 3), start=1):
        record = stepper.step()
        for name, change in expected["change"].items():
            link = links(record)[name]
            assert close(link.change, change, 1e-5), (t, name)
            assert link.state["step"] == t
            for key in ("m", "v", "m_hat", "v_hat"):
                assert close(link.state[key], expected[key][name], 1e-5), (t, name, key)
        f = links(record)["b2[1]"].formulas["update"]
        assert f.key == "stepper.update.adam" and "m̂ = m / (1 − β₁ᵗ)" in f.symbolic and f"^{t})" in f.substituted


def test_softmax_output_delta_is_probability_minus_target_over_n():
    """A Dense(2) + Softmax output: the builder leaves the Softmax to the loss (cross-entropy),
    so the output's δ is (p − t)/N and its 'activation' is the identity."""
    data = make_blobs(n=40, classes=2)
    cfg = mlp_config(hidden=3, classes=2, epochs=1)
    stepper = Stepper(cfg, data)
    record = stepper.step()
    n = len(record.inputs)
    for i in range(n):
        logits = [record.neurons[2][k].z[i] for k in range(2)]
        e = [math.exp(v) for v in logits]
        p = [v / sum(e) for v in e]
        for k in range(2):
            t = 1.0 if record.targets[i] == k else 0.0
            assert close(record.neurons[2][k].delta[i], (p[k] - t) / n)
    assert record.neurons[2][0].formulas["dout"].symbolic == "∂L/∂a[1] = (p[1] − t[1]) / N"
    assert record.loss_kind == "cross_entropy"


# ----------------------------------------------------------------------------- into training and back


@pytest.mark.parametrize("optimizer", ["sgd", "adam"])
def test_stepper_then_fit_gives_the_weights_of_fit_from_the_start(optimizer):
    data = make_blobs(n=120)
    cfg = mlp_config(hidden=4, epochs=3)
    cfg = cfg.replace(optimizer=cfg.optimizer.__class__(optimizer, 0.05, {}))
    stepper = Stepper(cfg, data)
    stepper.next_phase()
    stepper.next_phase()  # mid-step
    with pytest.raises(StepperError) as e:
        stepper.handoff()
    assert e.value.key == "stepper.mid_epoch"
    stepper.step()
    stepper.step()
    stepper.run(1)
    stepper.finish_epoch()
    assert stepper.epoch == 2
    continued = fit(cfg, data, resume=stepper.handoff())
    plain = fit(cfg, data)
    for k, v in plain.state_dict.items():
        assert torch.equal(continued.state_dict[k], v), k
    assert [h.loss for h in continued.history] == pytest.approx([h.loss for h in plain.history], rel=1e-6)
    assert [h.val_loss for h in continued.history] == [h.val_loss for h in plain.history]


def test_fit_hands_back_to_the_stepper():
    data = make_blobs(n=120)
    capture = TakeBack()
    fit(mlp_config(hidden=4, epochs=2), data, callbacks=[capture])
    cfg3 = mlp_config(hidden=4, epochs=3)
    stepper = Stepper.take_back(cfg3, capture, data)
    assert stepper.epoch == 3
    record = stepper.step()
    assert record.epoch == 3 and record.batch == 1
    stepper.finish_epoch()
    plain = fit(cfg3, data)
    for k, v in plain.state_dict.items():
        assert torch.equal(stepper.model.state_dict()[k], v), k


# ----------------------------------------------------------------------------- limits


@pytest.mark.parametrize(
    "layers, key",
    [
        ([{"type": "Dense", "units": 9, "activation": "ReLU"}, {"type": "Dense", "units": 2}], "stepper.too_many_units"),
        ([{"type": "Dense", "units": 2}] * 5, "stepper.too_many_layers"),
        ([{"type": "Dense", "units": 4}, {"type": "Dropout", "rate": 0.2}, {"type": "Dense", "units": 2}], "stepper.not_dense"),
        ([{"type": "Dense", "units": 4}, {"type": "BatchNorm"}, {"type": "Dense", "units": 2}], "stepper.not_dense"),
    ],
)
def test_a_model_beyond_the_limits_is_refused_by_key(layers, key):
    cfg = RunConfig.from_dict({"data": {"name": "xor"}, "model": {"layers": layers}})
    with pytest.raises(StepperError) as e:
        Stepper(cfg, make_blobs(n=40, classes=2))
    assert e.value.key == key
    if key == "stepper.too_many_units":
        assert e.value.values == {"layer": 1, "units": 9, "limit": 8} and "at most 8" in str(e.value)


def test_an_image_model_is_refused(tmp_path, capsys):
    code = main(["step", "--preset", "mlp", "--data-dir", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2 and "error:" in err and "Traceback" not in err


def test_step_command_prints_the_phases(capsys):
    assert main(["step", "--preset", "xor-mlp", "--steps", "2", "--sample", "3"]) == 0
    out = capsys.readouterr().out
    for heading in ("Forward", "Loss", "Backward", "Update"):
        assert heading in out
    assert "Step 2" in out and "δ1[1] = (Σₖ w2[k,1]·δ2[k]) · tanh'(z1[1])" in out and "sample 3" in out


def test_step_command_json(capsys):
    assert main(["step", "--preset", "perceptron", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (step,) = data["steps"]
    assert step["phase"] == "update" and step["optimizer"] == "sgd"
    assert [layer["layer"] for layer in step["layers"]] == [0, 1]


def test_too_big_config_exits_2_with_the_limit(tmp_path, capsys):
    cfg = load_preset("xor-mlp").to_dict()
    cfg["model"]["layers"][0]["units"] = 32
    path = tmp_path / "big.json"
    path.write_text(json.dumps(cfg))
    assert main(["step", "--config", str(path)]) == 2
    err = capsys.readouterr().err
    assert "32 units" in err and "at most 8" in err


def test_the_command_line_states_the_core_limits():
    assert (step_cli.MAX_LAYERS, step_cli.MAX_UNITS, step_cli.MAX_INPUTS) == (
        stepper_module.MAX_LAYERS, stepper_module.MAX_UNITS, stepper_module.MAX_INPUTS,
    )


@pytest.mark.parametrize("optimizer, params", [
    ("adagrad", {"eps": 1e-10}), ("rmsprop", {"alpha": 0.99, "eps": 1e-8}),
    ("adamw", {"beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.1}),
])
def test_adagrad_rmsprop_and_adamw_first_updates_equal_the_hand_computation(optimizer, params):
    lr = 0.05
    record = hand_stepper(net_config(optimizer, lr, **params)).step()
    _, g, _ = hand_pass(W1, B1, W2, B2)
    for name, grad in flat(g).items():
        link = links(record)[name]
        if optimizer == "adagrad":  # h = g², Δw = −η·g / (√h + ε)
            state, expected = {"sum": grad**2}, -lr * grad / (math.sqrt(grad**2) + params["eps"])
        elif optimizer == "rmsprop":  # s = (1 − α)·g², Δw = −η·g / (√s + ε)
            s = (1 - params["alpha"]) * grad**2
            state, expected = {"square_avg": s}, -lr * grad / (math.sqrt(s) + params["eps"])
        else:  # AdamW: w·(1 − η·λ) first, then Adam's step (m̂ = g, v̂ = g² at t = 1)
            state = {"m_hat": grad, "v_hat": grad**2}
            expected = -lr * params["weight_decay"] * START[name] - lr * grad / (abs(grad) + params["eps"])
        assert close(link.change, expected, 1e-5), name
        for key, value in state.items():
            assert close(link.state[key], value, 1e-5), (name, key)
        assert link.formulas["update"].key == f"stepper.update.{optimizer}"


def test_frozen_layers_are_refused_by_key():
    cfg = mlp_config(hidden=4, frozen_layers=(0,))
    with pytest.raises(StepperError) as e:
        Stepper(cfg, make_blobs(n=40))
    assert e.value.key == "stepper.frozen" and e.value.values == {"layers": "0"}


def test_one_sample_per_step(capsys):
    assert main(["step", "--preset", "xor-mlp", "--one-sample", "--optimizer", "adam", "--json"]) == 0
    (step,) = json.loads(capsys.readouterr().out)["steps"]
    assert len(step["inputs"]) == 1 and step["batches"] == 360
    (w,) = [k for layer in step["layers"] for k in layer["links"] if k["name"] == "w2[1,1]"]
    assert w["state"]["step"] == 1 and w["formulas"]["update"]["key"] == "stepper.update.adam"


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw", "radam", "adabound"])
def test_every_formula_key_is_listed_and_every_link_has_its_update(optimizer):
    from playground.core.experiments.stepper_formulas import FORMULA_KEYS

    cfg = load_preset("xor-mlp")
    cfg = cfg.replace(optimizer=cfg.optimizer.__class__(optimizer, 0.01, {}))
    stepper = Stepper(cfg)
    stepper.step()
    record = stepper.step()  # a second step: the state before it is not empty
    formulas = [f for layer in record.neurons for n in layer for f in n.formulas.values()]
    formulas += [f for layer in record.links for k in layer for f in k.formulas.values()] + list(record.formulas.values())
    assert {f.key for f in formulas} <= set(FORMULA_KEYS)
    updates = [k.formulas["update"] for layer in record.links for k in layer]
    assert len(updates) == 2 * 8 + 8 + 8 * 2 + 2
    expected = "stepper.update.measured" if optimizer in ("radam", "adabound") else f"stepper.update.{optimizer}"
    assert {f.key for f in updates} == {expected}
    for layer in record.links:
        for k in layer:
            assert close(k.formulas["update"].value, k.after - k.weight, 1e-6)
            if optimizer in ("radam", "adabound"):
                assert {"step", "m", "v"} <= set(k.state)


def test_l2_penalty_and_gradient_clipping_as_training_applies_them():
    """∂L/∂w gains λ·w (the L2 penalty 0.5·λ·Σw² on the weights, not the biases), and the update
    steps with the gradient clipped to norm 0.05 (scaled by 0.05 / ‖g‖), as train_step does."""
    l2, clip, lr = 0.3, 0.05, 0.5
    record = hand_stepper(net_config("sgd", lr, {"l2": l2, "grad_clip": clip})).step()
    _, g, _ = hand_pass(W1, B1, W2, B2)
    total = {k: v + (l2 * START[k] if k.startswith("w") else 0.0) for k, v in flat(g).items()}
    scale = min(1.0, clip / (math.sqrt(sum(v * v for v in total.values())) + 1e-6))
    assert scale < 0.5 and close(record.clip_scale, scale, 1e-5)
    for name, grad in total.items():
        link = links(record)[name]
        f = link.formulas["grad"]
        assert close(link.grad, grad) and close(f.value, grad), name
        penalty = l2 * link.weight if name.startswith("w") else 0.0
        if name.startswith("w"):
            assert "λ₂·w" in f.symbolic
            assert close(sum(a * b for a, b in zip(f.values["deltas"], f.values["inputs"])) + penalty, grad)
        assert close(link.change, -lr * grad * scale, 1e-5), name
        assert close(link.formulas["update"].values["grad"], grad * scale, 1e-5)


def test_mse_on_softmax_probabilities_goes_through_softmax_derivative():
    """loss 'mse' on a classification set (the book's ch. 4): L = mean((p − t)²) over N·K values,
    so ∂L/∂a[k] = p[k]·(g[k] − Σⱼ gⱼ·pⱼ) with g = 2·(p − t)/(N·K)."""
    cfg = mlp_config(hidden=3, classes=3, epochs=1, loss="mse")
    record = Stepper(cfg, make_blobs(n=60)).step()
    n, k = len(record.inputs), 3
    assert record.loss_kind == "mse_probabilities"
    for i in range(n):
        logits = [record.neurons[2][c].z[i] for c in range(k)]
        e = [math.exp(v) for v in logits]
        p = [v / sum(e) for v in e]
        t = [1.0 if record.targets[i] == c else 0.0 for c in range(k)]
        g = [2 * (p[c] - t[c]) / (n * k) for c in range(k)]
        dot = sum(g[c] * p[c] for c in range(k))
        for c in range(k):
            assert close(record.neurons[2][c].delta[i], p[c] * (g[c] - dot), 1e-5)
    f = record.neurons[2][0].formulas["dout"]
    assert f.key == "stepper.dout.mse_probabilities" and close(f.value, record.dout[record.sample - 1][0])
