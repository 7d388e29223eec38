"""Neuron maps: each unit's output over a grid of the input plane, checked against hand computation."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from torch import nn

from playground.core.config.model_spec import LayerSpec, ModelSpec
from playground.core.experiments.neuron_maps import NeuronMapper, neuron_maps, unsupported_reason
from playground.core.model.build import build_model


def tiny_network(regression: bool = False) -> nn.Module:
    """2 inputs -> Dense(2) + Tanh -> Dense(2) (+ Softmax, left out of the body), hand-set weights,
    an input normalisation of mean (1, -1) and std (2, 0.5). For regression the last layer is
    Dense(1), the second row of the classifier's."""
    outputs = 1 if regression else 2
    layers = (
        LayerSpec("Dense", {"units": 2}),
        LayerSpec("Activation", {"function": "Tanh"}),
        LayerSpec("Dense", {"units": outputs}),
    )
    if not regression:
        layers += (LayerSpec("Activation", {"function": "Softmax"}),)
    model = build_model(ModelSpec((2,), layers), mean=(1.0, -1.0), std=(2.0, 0.5))
    with torch.no_grad():
        model.body[0].weight.copy_(torch.tensor([[1.0, -2.0], [0.5, 0.25]]))
        model.body[0].bias.copy_(torch.tensor([0.1, -0.3]))
        model.body[2].weight.copy_(torch.tensor([[2.0, -1.0], [-1.5, 3.0]])[-outputs:])
        model.body[2].bias.copy_(torch.tensor([0.0, 0.2])[-outputs:])
    return model


def by_hand(x1: float, x2: float) -> tuple[list[float], list[float], list[float]]:
    """The normalised inputs, the Tanh units and the class probabilities at (x1, x2)."""
    n1, n2 = (x1 - 1.0) / 2.0, (x2 + 1.0) / 0.5
    h1 = math.tanh(1.0 * n1 - 2.0 * n2 + 0.1)
    h2 = math.tanh(0.5 * n1 + 0.25 * n2 - 0.3)
    z1, z2 = 2.0 * h1 - 1.0 * h2, -1.5 * h1 + 3.0 * h2 + 0.2
    p2 = 1.0 / (1.0 + math.exp(z1 - z2))
    return [n1, n2], [h1, h2], [1.0 - p2, p2]


def test_maps_of_a_hand_set_network_match_hand_computation():
    xs, ys = np.linspace(-3.0, 3.0, 7), np.linspace(-2.0, 2.0, 5)
    maps = neuron_maps(tiny_network(), xs, ys, "classification")
    assert maps.shapes() == [2, 2, 2]
    assert [c.shape for c in maps.columns] == [(2, 5, 7)] * 3
    for i, j in [(0, 0), (2, 3), (4, 6), (1, 5)]:  # (row = y, column = x)
        inputs, hidden, probs = by_hand(xs[j], ys[i])
        for column, expected in zip(maps.columns, (inputs, hidden, probs)):
            np.testing.assert_allclose(column[:, i, j], expected, rtol=1e-5, atol=1e-6)
    # The weights the maps were made with, as nn.Linear holds them: the links' colours.
    np.testing.assert_array_equal(maps.weights[0], [[1.0, -2.0], [0.5, 0.25]])
    np.testing.assert_array_equal(maps.weights[1], [[2.0, -1.0], [-1.5, 3.0]])
    # Probabilities are coloured 0 to 1; the hidden Tanh units on a fixed ±1 scale.
    assert maps.levels[2] == (0.0, 1.0) and maps.levels[1] == (-1.0, 1.0)


def test_regression_maps_are_the_outputs_and_levels_fit_unbounded_units():
    model = tiny_network(regression=True)
    with torch.no_grad():
        model.body[0].weight.mul_(10.0)  # the Tanh saturates; the output is then at most |-1.5|+|3|+0.2
    maps = neuron_maps(model, np.array([0.0, 1.0]), np.array([-1.0, 0.0]), "regression")
    assert maps.shapes() == [2, 2, 1]
    top = float(np.abs(maps.columns[2]).max())
    assert maps.levels[2] == (-max(1.0, top), max(1.0, top))
    h = np.tanh(maps.weights[0] @ maps.columns[0][:, 1, 0] + np.array([0.1, -0.3]))
    np.testing.assert_allclose(maps.columns[1][:, 1, 0], h, rtol=1e-5)
    np.testing.assert_allclose(maps.columns[2][0, 1, 0], maps.weights[1] @ h + 0.2, rtol=1e-5)


def test_the_mapper_leaves_the_model_as_it_was():
    model = tiny_network()
    model.train()
    before = {k: v.clone() for k, v in model.state_dict().items()}
    mapper = NeuronMapper(np.linspace(-1, 1, 4), np.linspace(-1, 1, 3), "classification")
    first, second = mapper(model), mapper(model)
    assert model.training and not model.body[0]._forward_hooks and not model.body[0]._forward_pre_hooks
    assert all(not m._forward_hooks for m in model.body)
    assert all(torch.equal(v, model.state_dict()[k]) for k, v in before.items())
    np.testing.assert_array_equal(first.columns[1], second.columns[1])


def test_dense_with_its_own_activation_and_dropout_share_a_column():
    spec = ModelSpec(
        (2,),
        (
            LayerSpec("Dense", {"units": 3, "activation": "ReLU"}),
            LayerSpec("Dropout", {"rate": 0.5}),
            LayerSpec("Dense", {"units": 2}),
        ),
    )
    torch.manual_seed(0)
    model = build_model(spec)
    maps = neuron_maps(model, np.linspace(-2, 2, 6), np.linspace(-2, 2, 6), "classification")
    assert maps.shapes() == [2, 3, 2]
    assert (maps.columns[1] >= 0).all()  # after the ReLU (and dropout, off in eval mode)
    expected = torch.relu(model.body[0][0](torch.tensor([[-2.0, 2.0]]))).detach().numpy()[0]
    np.testing.assert_allclose(maps.columns[1][:, -1, 0], expected, rtol=1e-5)


@pytest.mark.parametrize(
    "layers, input_shape, reason",
    [
        ((LayerSpec("Dense", {"units": 4}), LayerSpec("Dense", {"units": 2})), (2,), ""),
        ((LayerSpec("Dense", {"units": 4}), LayerSpec("Dense", {"units": 2})), (3,), "not_2d"),
        ((LayerSpec("Dense", {"units": 13}), LayerSpec("Dense", {"units": 2})), (2,), "too_big"),
        ((LayerSpec("Flatten"), LayerSpec("Dense", {"units": 2})), (1, 2, 1), "not_2d"),
    ],
)
def test_which_models_have_maps(layers, input_shape, reason):
    model = build_model(ModelSpec(input_shape, layers))
    assert unsupported_reason(model) == reason
    if reason:
        assert neuron_maps(model, np.zeros(2), np.zeros(2), "classification") is None


def test_graphs_have_no_maps():
    scripted = torch.jit.script(nn.Sequential(nn.Linear(2, 2)))
    assert unsupported_reason(scripted, (2,)) == "graph"
    assert unsupported_reason(object(), (2,)) == "graph"


def test_a_diverged_model_has_no_maps():
    model = tiny_network()
    with torch.no_grad():
        model.body[2].bias.fill_(float("nan"))
    assert neuron_maps(model, np.zeros(2), np.zeros(2), "classification") is None
