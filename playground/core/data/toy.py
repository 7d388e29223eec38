"""Two-dimensional toy datasets generated in code, after TensorFlow Playground's dataset.ts.

Points lie roughly in [-6, 6] × [-6, 6], as in TF Playground, so decision-boundary plots can
use the same axes; the model normalises its input with the train split's mean/std anyway.
`noise` uses TF Playground's scale (its slider value / 100): 0.1 is the default, 0.5 is
"very noisy" (TF's maximum of 50) and up to 1.0 is allowed. Classification labels are
0 (TF's orange, -1) and 1 (TF's blue, +1); regression targets have shape (N, 1) and, as in
TF Playground, span about [-1, 1] ("multi-gauss" exactly; "plane" reaches ±1.2 in the corners).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping

import numpy as np

from playground.core.data.dataset import Dataset, check_options, feature_stats, float_option, int_option

__all__ = ["TOY_DATASETS", "ToyDataset", "load_toy"]

TOY_DEFAULTS = {"n_samples": 500, "noise": 0.1, "train_ratio": 0.8, "seed": 0}


def _circle(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Class 1 inside radius 2.5, class 0 in the ring 3.5–5; noise moves the point the label is
    computed from, so noisy points near the gap can get the other side's label."""
    radius = 5.0
    n_in = n // 2
    r = np.concatenate([rng.uniform(0, radius * 0.5, n_in), rng.uniform(radius * 0.7, radius, n - n_in)])
    angle = rng.uniform(0, 2 * np.pi, n)
    x = np.stack([r * np.sin(angle), r * np.cos(angle)], axis=1)
    shifted = x + rng.uniform(-radius, radius, (n, 2)) * noise
    y = (np.hypot(shifted[:, 0], shifted[:, 1]) < radius * 0.5).astype(np.int64)
    return x, y


def _xor(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Class 1 where x·y >= 0 (first and third quadrants). Points keep a 0.3 margin from the
    axes, as in TF Playground, so at low noise the quadrants are cleanly separable."""
    padding = 0.3
    x = rng.uniform(-5, 5, (n, 2))
    x += np.where(x > 0, padding, -padding)
    shifted = x + rng.uniform(-5, 5, (n, 2)) * noise
    y = (shifted[:, 0] * shifted[:, 1] >= 0).astype(np.int64)
    return x, y


def _gauss(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Two Gaussian clusters at (2, 2) (class 1) and (-2, -2) (class 0); noise widens them
    (variance 0.5 at noise 0, 4 at noise 0.5, as in TF Playground)."""
    variance = 0.5 + noise * 7.0
    n_pos = n // 2
    centres = np.concatenate([np.full((n_pos, 2), 2.0), np.full((n - n_pos, 2), -2.0)])
    x = centres + rng.normal(0.0, np.sqrt(variance), (n, 2))
    y = np.concatenate([np.ones(n_pos, np.int64), np.zeros(n - n_pos, np.int64)])
    return x, y


def _spiral(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved spirals of 1.75 turns; noise jitters each point by up to ±noise."""
    parts = []
    for label, count, delta in ((1, n // 2, 0.0), (0, n - n // 2, np.pi)):
        i = np.arange(count) / count
        r = i * 5
        t = 1.75 * i * 2 * np.pi + delta
        xy = np.stack([r * np.sin(t), r * np.cos(t)], axis=1) + rng.uniform(-1, 1, (count, 2)) * noise
        parts.append((xy, np.full(count, label, np.int64)))
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def _noisy_uniform_points(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Uniform points in [-6, 6]² and the noisy copies their targets are computed from."""
    radius = 6.0
    x = rng.uniform(-radius, radius, (n, 2))
    return x, x + rng.uniform(-radius, radius, (n, 2)) * noise


def _plane(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Target (x + y) / 10: a tilted plane, the simplest regression."""
    x, shifted = _noisy_uniform_points(n, noise, rng)
    return x, (shifted.sum(axis=1) / 10.0)[:, None]


_GAUSSIANS = np.array([[-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1], [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1]])


def _multi_gauss(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Six bumps of alternating sign on a 3×2 grid; each point takes the bump with the largest
    magnitude, which falls linearly from ±1 at a centre to 0 at distance 2."""
    x, shifted = _noisy_uniform_points(n, noise, rng)
    dist = np.hypot(shifted[:, None, 0] - _GAUSSIANS[:, 0], shifted[:, None, 1] - _GAUSSIANS[:, 1])
    values = _GAUSSIANS[:, 2] * np.clip(1.0 - dist / 2.0, 0.0, 1.0)
    best = np.abs(values).argmax(axis=1)
    return x, values[np.arange(n), best][:, None]


@dataclass(frozen=True)
class ToyDataset:
    title: str
    task: str
    description: str
    generate: Callable[[int, float, np.random.Generator], tuple[np.ndarray, np.ndarray]]


TOY_DATASETS: dict[str, ToyDataset] = {
    "circle": ToyDataset(
        "Circle", "classification", "One class inside a circle, the other in a ring around it.", _circle
    ),
    "xor": ToyDataset(
        "XOR",
        "classification",
        "Opposite quadrants share a class: no straight line separates them, a hidden layer can.",
        _xor,
    ),
    "gauss": ToyDataset(
        "Two Gaussians", "classification", "Two round clouds of points that one straight line separates.", _gauss
    ),
    "spiral": ToyDataset(
        "Spiral", "classification", "Two interleaved spirals: hard, needs several layers or good features.", _spiral
    ),
    "plane": ToyDataset(
        "Plane", "regression", "Predict a value that rises steadily from one corner to the other.", _plane
    ),
    "multi-gauss": ToyDataset(
        "Multi-Gaussian", "regression", "Predict a value with six positive and negative bumps.", _multi_gauss
    ),
}


def load_toy(name: str, options: Mapping[str, Any] | None) -> Dataset:
    """Generates toy dataset `name`; the same options and seed always give the same points."""
    import torch  # here, not above: the window lists the toy sets before torch has loaded

    toy = TOY_DATASETS[name]
    opts = check_options(name, options, TOY_DEFAULTS)
    n = int_option(name, opts, "n_samples", 10, 1_000_000)
    noise = float_option(name, opts, "noise", 0.0, 1.0)
    ratio = float_option(name, opts, "train_ratio", 0.5, 0.9)
    seed = int_option(name, opts, "seed", 0)
    rng = np.random.default_rng(seed)
    x, y = toy.generate(n, noise, rng)
    order = rng.permutation(n)
    x = torch.from_numpy(x[order]).to(torch.float32)
    y = torch.from_numpy(y[order])
    y = y.to(torch.int64) if toy.task == "classification" else y.to(torch.float32)
    n_train = round(n * ratio)
    mean, std = feature_stats(x[:n_train])
    return Dataset(
        name=name,
        task=toy.task,
        x_train=x[:n_train],
        y_train=y[:n_train],
        x_test=x[n_train:],
        y_test=y[n_train:],
        class_names=["0", "1"] if toy.task == "classification" else None,
        mean=mean,
        std=std,
    )
