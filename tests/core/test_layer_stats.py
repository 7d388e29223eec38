"""Training health (core.experiments.layer_stats): statistics that match hand computation,
diagnosis rules that fire on networks built to trigger them and stay silent on healthy ones,
a recorder that does not change the run, and `train --stats`."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from playground.cli.main import main
from playground.core.experiments.layer_stats import LayerStatsRecorder, diagnose, layer_stats, summary_histogram
from playground.core.training.loop import fit

from .conftest import make_blobs, mlp_config


def _tiny() -> nn.Sequential:
    """Dense(2→2) with W1 = [[1, 0], [0, -2]], b1 = [0, -1], ReLU, Dense(2→2) with W2 = [[1, 2], [3, -1]], b2 = 0."""
    net = nn.Sequential(nn.Linear(2, 2), nn.ReLU(), nn.Linear(2, 2))
    with torch.no_grad():
        net[0].weight.copy_(torch.tensor([[1.0, 0.0], [0.0, -2.0]]))
        net[0].bias.copy_(torch.tensor([0.0, -1.0]))
        net[2].weight.copy_(torch.tensor([[1.0, 2.0], [3.0, -1.0]]))
        net[2].bias.zero_()
    return net


def test_the_statistics_of_a_tiny_network_match_hand_computation():
    x = np.array([[1.0, 1.0], [2.0, 3.0], [-1.0, 0.5]])
    y = np.array([0, 1, 1])
    net = _tiny()
    stats = layer_stats(net, torch.tensor(x, dtype=torch.float32), torch.tensor(y), F.cross_entropy)

    # By hand: z1 = x W1ᵀ + b1, h = relu(z1), z2 = h W2ᵀ; cross-entropy's gradient is (softmax(z2) - onehot) / N.
    W1, b1, W2 = np.array([[1, 0], [0, -2]]), np.array([0, -1]), np.array([[1, 2], [3, -1]])
    z1 = x @ W1.T + b1  # [[1, -3], [2, -7], [-1, -2]]
    h = np.maximum(z1, 0)  # the second unit is 0 for every sample: dead
    z2 = h @ W2.T
    p = np.exp(z2 - z2.max(1, keepdims=True))
    p /= p.sum(1, keepdims=True)
    d2 = (p - np.eye(2)[y]) / len(x)
    dh = d2 @ W2
    d1 = dh * (z1 > 0)
    grad_w1 = d1.T @ x

    by_layer = {s.layer: s for s in stats}
    assert [s.label for s in stats] == ["Layer 1 (Dense)", "Layer 2 (ReLU)", "Layer 3 (Dense)"]
    for layer, act, grad in ((1, z1, d1), (2, h, dh), (3, z2, d2)):
        s = by_layer[layer]
        assert s.activations.mean == pytest.approx(act.mean(), abs=1e-6)
        assert s.activations.std == pytest.approx(act.std(), abs=1e-6)
        assert s.gradients.mean == pytest.approx(grad.mean(), abs=1e-6)
        assert s.gradients.std == pytest.approx(grad.std(), abs=1e-6)
        assert s.activations.counts.sum() == pytest.approx(1.0)
    assert by_layer[2].dead == 0.5
    assert by_layer[1].grad_norm_ratio == pytest.approx(np.linalg.norm(grad_w1) / np.linalg.norm(W1), rel=1e-5)
    assert by_layer[1].weights.mean == pytest.approx(W1.mean())
    # An update ratio is ||after - before|| / ||before||.
    before, after = {1: torch.ones(2, 2)}, {1: torch.ones(2, 2) * 1.01}
    again = layer_stats(net, torch.tensor(x, dtype=torch.float32), torch.tensor(y), F.cross_entropy, before, after)
    assert again[0].update_ratio == pytest.approx(0.01, rel=1e-6)


def test_a_histogram_counts_fractions_over_its_range():
    h = summary_histogram(torch.tensor([0.0, 0.0, 1.0, 1.0]), 0.0, 1.0, bins=2)
    assert h.counts.tolist() == [0.5, 0.5] and h.edges.tolist() == [0.0, 0.5, 1.0]
    assert h.mean == 0.5 and h.std == 0.5


def test_a_sampled_histogram_of_a_large_tensor_keeps_its_shape():
    """A conv layer's outputs are far more than MAX_VALUES: the sample must not line up with the
    maps' layout. Here each value is its pixel's position in a 28×28 map, so the whole tensor is
    spread evenly over [0, 1]; a sample of every k-th value would see a few pixels only."""
    from playground.core.experiments.layer_stats import MAX_VALUES

    maps = (torch.arange(28 * 28, dtype=torch.float32) / (28 * 28 - 1)).reshape(1, 1, 28, 28).expand(64, 16, 28, 28)
    assert maps.numel() > 100 * MAX_VALUES
    whole = np.histogram(maps.flatten().numpy(), bins=30, range=(0, 1))[0] / maps.numel()
    h = summary_histogram(maps, 0.0, 1.0)
    assert h.n == MAX_VALUES
    assert np.abs(h.counts - whole).max() < 0.015  # every bin within 1.5 points of the whole tensor's share
    assert summary_histogram(maps, 0.0, 1.0).counts.tolist() == h.counts.tolist()  # the same sample every time
    state = torch.get_rng_state()
    summary_histogram(maps)
    assert torch.equal(state, torch.get_rng_state())  # the run's random numbers untouched


def _inputs(n=64, seed=0):
    g = torch.Generator().manual_seed(seed)
    return torch.randn(n, 2, generator=g), torch.randint(0, 2, (n,), generator=g)


def _keys(net, **kwargs):
    x, y = _inputs()
    return [d.key for d in diagnose(layer_stats(net, x, y, F.cross_entropy), **kwargs)]


def _sigmoid_net(scale: float) -> nn.Sequential:
    torch.manual_seed(0)
    net = nn.Sequential(nn.Linear(2, 16), nn.Sigmoid(), nn.Linear(16, 2))
    with torch.no_grad():
        net[0].weight.mul_(scale)
        net[0].bias.mul_(scale)
    return net


def test_sigmoid_with_huge_weights_is_saturated_and_a_healthy_one_is_not():
    assert "saturated" in _keys(_sigmoid_net(100.0))
    assert _keys(_sigmoid_net(1.0)) == []


def _relu_net(bias: float) -> nn.Sequential:
    torch.manual_seed(0)
    net = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 2))
    with torch.no_grad():
        net[0].bias.fill_(bias)
    return net


def test_relu_with_a_large_negative_bias_is_dead_and_a_healthy_one_is_not():
    x, y = _inputs()
    found = diagnose(layer_stats(_relu_net(-100.0), x, y, F.cross_entropy))
    dead = next(d for d in found if d.key == "dead_relu")
    assert dead.values == {"percent": 100, "layer": 2} and dead.lesson == "weight-init-relu"
    assert _keys(_relu_net(0.1)) == []


def test_gradients_that_vanish_through_small_sigmoid_layers_are_named():
    torch.manual_seed(0)
    layers = []
    for _ in range(6):
        layers += [nn.Linear(16, 16), nn.Sigmoid()]
    net = nn.Sequential(nn.Linear(2, 16), nn.Sigmoid(), *layers, nn.Linear(16, 2))
    with torch.no_grad():
        for m in net:
            if isinstance(m, nn.Linear):
                m.weight.normal_(0, 0.01)
    assert "vanishing_gradients" in _keys(net)


def test_update_and_loss_rules():
    x, y = _inputs()
    net = _relu_net(0.1)
    w = net[0].weight.detach().clone()
    big = diagnose(layer_stats(net, x, y, F.cross_entropy, {1: w}, {1: w * 2}))
    assert [d.key for d in big] == ["updates_too_large"]
    tiny = {1: w * (1 + 1e-8)}
    assert [d.key for d in diagnose(layer_stats(net, x, y, F.cross_entropy, {1: w}, tiny))] == ["updates_too_small"]
    # ... but not when a schedule has annealed the learning rate on purpose.
    assert diagnose(layer_stats(net, x, y, F.cross_entropy, {1: w}, tiny), lr_share=0.01) == []
    stats = layer_stats(net, x, y, F.cross_entropy)
    assert [d.key for d in diagnose(stats, [0.69, 0.69, 0.688])] == ["loss_not_falling"]
    assert diagnose(stats, [0.69, 0.5, 0.3]) == [] and diagnose(stats, [0.69, 0.69]) == []


def test_the_recorder_leaves_the_run_as_it_was_and_a_healthy_run_has_no_diagnoses():
    data, cfg = make_blobs(), mlp_config(epochs=4)
    plain = fit(cfg, data)
    recorder = LayerStatsRecorder(max_share=float("inf"))  # every epoch, however fast
    recorded = fit(cfg, data, callbacks=[recorder])
    for key, value in plain.model.state_dict.items():
        assert torch.equal(value, recorded.model.state_dict[key]), key  # no RNG drawn, no .grad touched
    assert [e["epoch"] for e in recorder.epochs] == [1, 2, 3, 4]
    assert all(e["diagnoses"] == [] for e in recorder.epochs)
    first = recorder.epochs[0]["layers"][0]
    assert first["label"] == "Layer 1 (Dense)" and 0 < first["update_ratio"] < 0.5 and len(first["weights"]["counts"]) == 30


def test_within_its_time_budget_the_recorder_always_keeps_the_first_and_the_last_epoch():
    recorder = LayerStatsRecorder(max_share=0.0)  # no time to spare: only the two it always records
    fit(mlp_config(epochs=5), make_blobs(), callbacks=[recorder])
    assert [e["epoch"] for e in recorder.epochs] == [1, 5]
    assert "update_ratio" in recorder.epochs[-1]["layers"][0]


def test_train_stats_writes_layer_stats_into_the_summary(tmp_path, capsys):
    out = tmp_path / "s.json"
    argv = ["train", "--preset", "xor-mlp", "--epochs", "2", "--quiet", "--no-checkpoint", "--stats", "--summary-json", str(out)]
    assert main(argv) == 0
    stats = json.loads(out.read_text())["layer_stats"]
    assert [e["epoch"] for e in stats] == [1, 2]
    assert [layer["label"] for layer in stats[0]["layers"]] == ["Layer 1 (Dense)", "Layer 2 (Tanh)", "Layer 3 (Dense)"]
    tanh = stats[0]["layers"][1]
    assert set(tanh) >= {"activations", "gradients", "saturated"} and tanh["activations"]["edges"][0] == -1.0


def test_train_stats_without_a_summary_is_refused(capsys):
    assert main(["train", "--preset", "xor-mlp", "--stats", "--quiet"]) == 2
    assert "add --summary-json FILE" in capsys.readouterr().err


def test_every_n_batches_the_recorder_also_records_within_epochs_and_leaves_the_run_as_it_was():
    data, cfg = make_blobs(), mlp_config(epochs=3)
    plain = fit(cfg, data)
    heard = []
    recorder = LayerStatsRecorder(max_share=float("inf"), every=2, on_record=heard.append)
    recorded = fit(cfg, data, callbacks=[recorder])
    for key, value in plain.model.state_dict.items():
        assert torch.equal(value, recorded.model.state_dict[key]), key
    within = [s for s in heard if s.batch < s.batches]
    ends = [s for s in heard if s.batch == s.batches]
    batches = heard[0].batches
    assert batches >= 5  # room for records within an epoch
    assert [s.epoch for s in ends] == [1, 2, 3] and [e["epoch"] for e in recorder.epochs] == [1, 2, 3]
    # After every second step, never in an epoch's last two batches (the epoch's own record measures those).
    assert within and all(s.step % 2 == 0 and s.batch <= s.batches - 2 for s in within)
    assert {s.epoch for s in within} == {1, 2, 3}
    assert [s.step for s in heard] == sorted(s.step for s in heard)
    for s in within:
        dense = [layer for layer in s.layers if layer.kind == "Linear"]
        assert dense and all(0 < layer.update_ratio < 0.5 for layer in dense)
        assert isinstance(s.layers[0].activations.counts, np.ndarray)


def test_records_are_spaced_by_min_interval_but_the_first_and_last_epoch_are_always_kept():
    heard = []
    recorder = LayerStatsRecorder(max_share=float("inf"), every=1, min_interval=float("inf"), on_record=heard.append)
    fit(mlp_config(epochs=4), make_blobs(), callbacks=[recorder])
    # The first record comes as soon as it can (a window shows something at once); after it,
    # none but the two epochs always recorded.
    assert [(s.epoch, s.batch == s.batches) for s in heard] == [(1, False), (1, True), (4, True)]
