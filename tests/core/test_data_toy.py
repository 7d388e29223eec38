"""Toy 2-D datasets: shapes, determinism, balance, noise, options, and that XOR really is XOR."""

import pytest
import torch

from playground.core.data.dataset import DatasetError
from playground.core.data.registry import load_dataset

CLASSIFICATION = ["circle", "xor", "gauss", "spiral"]
REGRESSION = ["plane", "multi-gauss"]


@pytest.mark.parametrize("name", CLASSIFICATION)
def test_classification_shapes_and_types(name):
    ds = load_dataset(name)
    assert ds.task == "classification" and not ds.is_image
    assert ds.x_train.shape == (400, 2) and ds.x_test.shape == (100, 2)
    assert ds.x_train.dtype == torch.float32 and ds.y_train.dtype == torch.int64
    assert ds.y_train.shape == (400,) and set(ds.y_train.tolist()) == {0, 1}
    assert ds.num_classes == ds.output_size == 2 and ds.class_names == ["0", "1"]
    assert ds.x_train.abs().max() < 8
    assert len(ds.mean) == len(ds.std) == 2 and all(s > 0 for s in ds.std)


@pytest.mark.parametrize("name", REGRESSION)
def test_regression_targets(name):
    ds = load_dataset(name, {"n_samples": 300, "train_ratio": 0.5})
    assert ds.task == "regression" and ds.class_names is None and ds.num_classes is None
    assert ds.y_train.shape == (150, 1) and ds.y_test.shape == (150, 1) and ds.y_train.dtype == torch.float32
    assert ds.output_size == 1
    # As in TF Playground the targets span about [-1, 1] (the plane's corners reach ±1.2, more with noise).
    assert ds.y_train.abs().max() <= 1.5 and ds.y_train.std() > 0.1
    assert ds.x_train.abs().max() <= 6.0


def test_plane_target_is_the_scaled_coordinate_sum_without_noise():
    ds = load_dataset("plane", {"noise": 0.0})
    assert torch.allclose(ds.y_train[:, 0], ds.x_train.sum(1) / 10, atol=1e-6)


@pytest.mark.parametrize("name", CLASSIFICATION + REGRESSION)
def test_same_seed_same_data_other_seed_other_data(name):
    a, b = load_dataset(name, {"seed": 3}), load_dataset(name, {"seed": 3})
    assert torch.equal(a.x_train, b.x_train) and torch.equal(a.y_test, b.y_test)
    c = load_dataset(name, {"seed": 4})
    assert not torch.equal(a.x_train, c.x_train)


@pytest.mark.parametrize("name", CLASSIFICATION + REGRESSION)
def test_noise_changes_the_data(name):
    quiet, noisy = load_dataset(name, {"noise": 0.0}), load_dataset(name, {"noise": 0.5})
    assert not (torch.equal(quiet.x_train, noisy.x_train) and torch.equal(quiet.y_train, noisy.y_train))


@pytest.mark.parametrize("name", ["circle", "gauss", "spiral"])
def test_classes_are_balanced_without_noise(name):
    ds = load_dataset(name, {"noise": 0.0, "n_samples": 301})
    counts = torch.bincount(torch.cat([ds.y_train, ds.y_test])).tolist()
    assert sorted(counts) == [150, 151]


def test_xor_is_balanced_and_labels_are_quadrant_signs():
    ds = load_dataset("xor", {"noise": 0.0, "n_samples": 2000})
    x, y = ds.x_train, ds.y_train
    assert torch.equal(y, (x[:, 0] * x[:, 1] >= 0).long())
    assert 0.45 < y.float().mean() < 0.55
    assert x.abs().min() >= 0.3  # the margin around the axes


def test_circle_without_noise_is_inside_versus_ring():
    ds = load_dataset("circle", {"noise": 0.0})
    r = ds.x_train.norm(dim=1)
    assert torch.all(r[ds.y_train == 1] < 2.5) and torch.all(r[ds.y_train == 0] >= 3.5)


def test_train_ratio_and_n_samples():
    ds = load_dataset("spiral", {"n_samples": 1000, "train_ratio": 0.9})
    assert len(ds.x_train) == 900 and len(ds.x_test) == 100


def test_mean_and_std_come_from_the_train_split():
    ds = load_dataset("gauss", {"noise": 0.3})
    assert ds.mean == pytest.approx(tuple(ds.x_train.mean(0).tolist()), abs=1e-5)
    assert ds.std == pytest.approx(tuple(ds.x_train.std(0, correction=0).tolist()), rel=1e-4)


def test_unknown_option_lists_the_allowed_ones():
    with pytest.raises(DatasetError) as e:
        load_dataset("circle", {"samples": 10})
    assert "samples" in str(e.value)
    for key in ("n_samples", "noise", "train_ratio", "seed"):
        assert key in str(e.value)


@pytest.mark.parametrize(
    "options, fragment",
    [
        ({"noise": 1.5}, "'noise' must be a number from 0.0 to 1.0"),
        ({"train_ratio": 0.2}, "'train_ratio' must be a number from 0.5 to 0.9"),
        ({"n_samples": 5}, "'n_samples' must be a whole number"),
        ({"n_samples": 100.0}, "'n_samples' must be a whole number"),
        ({"seed": -1}, "'seed' must be a whole number >= 0"),
    ],
)
def test_bad_option_values(options, fragment):
    with pytest.raises(DatasetError, match=fragment):
        load_dataset("xor", options)


def _train(model, ds, steps=200, lr=1.0):
    """Full-batch gradient descent on normalised inputs; returns test accuracy. (Plain GD by
    hand: constructing a torch.optim optimizer first imports torch._dynamo, seconds of startup.)"""
    mean, std = torch.tensor(ds.mean), torch.tensor(ds.std)
    x_train, x_test = (ds.x_train - mean) / std, (ds.x_test - mean) / std
    for _ in range(steps):
        model.zero_grad()
        torch.nn.functional.cross_entropy(model(x_train), ds.y_train).backward()
        with torch.no_grad():
            for p in model.parameters():
                p -= lr * p.grad
    with torch.no_grad():
        return (model(x_test).argmax(1) == ds.y_test).float().mean().item()


def test_xor_defeats_a_linear_model_but_not_a_small_mlp():
    ds = load_dataset("xor")  # default noise 0.1
    torch.manual_seed(0)
    linear = torch.nn.Linear(2, 2)
    mlp = torch.nn.Sequential(torch.nn.Linear(2, 16), torch.nn.Tanh(), torch.nn.Linear(16, 2))
    assert _train(linear, ds) < 0.65
    assert _train(mlp, ds) >= 0.95
