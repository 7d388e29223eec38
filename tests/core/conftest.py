"""Tiny generated datasets so the real trainer runs in well under a second per test."""

import pytest
import torch

from playground.core.data.dataset import Dataset
from playground.core.config.spec import OptimizerConfig, RunConfig, TrainConfig
from playground.core.config.model_spec import LayerSpec, ModelSpec


def make_blobs(n=240, classes=3, dim=2, spread=0.6, seed=0, name="blobs") -> Dataset:
    """Gaussian blobs around well-separated centres: easy, but not instant, to fit."""
    g = torch.Generator().manual_seed(seed)
    centres = torch.randn(classes, dim, generator=g) * 3
    y = torch.arange(n) % classes
    x = centres[y] + spread * torch.randn(n, dim, generator=g)
    cut = int(n * 0.75)
    return Dataset(
        name=name,
        task="classification",
        x_train=x[:cut],
        y_train=y[:cut],
        x_test=x[cut:],
        y_test=y[cut:],
        class_names=[str(c) for c in range(classes)],
        mean=tuple(x[:cut].mean(0).tolist()),
        std=tuple(x[:cut].std(0).tolist()),
    )


def make_images(n=200, classes=4, size=8, seed=0) -> Dataset:
    """1×size×size images whose class is the quadrant holding a bright square."""
    g = torch.Generator().manual_seed(seed)
    y = torch.arange(n) % classes
    x = 0.1 * torch.rand(n, 1, size, size, generator=g)
    h = size // 2
    for c in range(classes):
        r, col = divmod(c, 2)
        x[y == c, :, r * h : r * h + h, col * h : col * h + h] += 0.8
    x = x.clamp(0, 1)
    cut = int(n * 0.8)
    return Dataset(
        name="quadrants",
        task="classification",
        x_train=x[:cut],
        y_train=y[:cut],
        x_test=x[cut:],
        y_test=y[cut:],
        class_names=[f"q{c}" for c in range(classes)],
        mean=(float(x[:cut].mean()),),
        std=(float(x[:cut].std()),),
    )


def mlp_config(hidden=16, classes=3, epochs=5, **train) -> RunConfig:
    layers = [
        LayerSpec("Dense", {"units": hidden}),
        LayerSpec("Activation", {"function": "ReLU"}),
        LayerSpec("Dense", {"units": classes}),
        LayerSpec("Activation", {"function": "Softmax"}),
    ]
    return RunConfig(
        model=ModelSpec((), layers),
        optimizer=OptimizerConfig("adam", 0.01),
        train=TrainConfig(**{"epochs": epochs, "batch_size": 16, "device": "cpu", **train}),
    )


def tiny_cnn_config(epochs=1, softmax=True) -> RunConfig:
    """A small CNN for 8×8 images (make_images): Conv2D(4) BatchNorm ReLU MaxPool Conv2D(6) ReLU
    Flatten Dense(4), with a Softmax at the end unless `softmax` is False."""
    layers = [
        LayerSpec("Conv2D", {"filters": 4, "kernel": 3, "padding": "same"}),
        LayerSpec("BatchNorm"),
        LayerSpec("Activation", {"function": "ReLU"}),
        LayerSpec("MaxPool2D", {"pool": 2}),
        LayerSpec("Conv2D", {"filters": 6, "kernel": 3, "padding": "valid"}),
        LayerSpec("Activation", {"function": "ReLU"}),
        LayerSpec("Flatten"),
        LayerSpec("Dense", {"units": 4}),
    ] + ([LayerSpec("Activation", {"function": "Softmax"})] if softmax else [])
    return RunConfig(
        model=ModelSpec((), layers),
        optimizer=OptimizerConfig("adam", 0.01),
        train=TrainConfig(epochs=epochs, batch_size=16, device="cpu"),
        name="tiny-cnn",
    )


@pytest.fixture
def blobs():
    return make_blobs()


@pytest.fixture
def images():
    return make_images()
