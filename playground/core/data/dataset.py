"""The in-memory dataset every loader returns, and the helpers loaders share."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Mapping

import numpy as np

from playground.core.errors import KeyedError

if TYPE_CHECKING:  # torch is imported where tensors are made: the window lists datasets before it loads
    import torch

__all__ = ["Dataset", "DatasetError", "DatasetInfo", "LoadCancelled", "Progress"]

# (message, done_bytes, total_bytes or None when the total is unknown)
Progress = Callable[[str, int, "int | None"], None]

TASKS = ("classification", "regression")


class DatasetError(KeyedError):
    """A dataset cannot be found, downloaded or read. The message names the problem and the fix
    (where given, a key and values say it in the window's language: gui/i18n/error_text.py)."""


class LoadCancelled(DatasetError):
    """The user cancelled a download or a folder scan; nothing half-written was left behind."""


@dataclass
class Dataset:
    """Train and test tensors plus what a model needs to know about them.

    Images are N×C×H×W float32 in [0, 1]; toy sets are N×2 float32. Labels are int64 (N,)
    for classification and float32 (N, k) for regression. `mean`/`std` come from the train
    split (per channel for images, per feature otherwise); the model normalises its input
    with them, so the stored tensors stay in their natural range for display.
    """

    name: str
    task: str
    x_train: torch.Tensor = field(repr=False)
    y_train: torch.Tensor = field(repr=False)
    x_test: torch.Tensor = field(repr=False)
    y_test: torch.Tensor = field(repr=False)
    class_names: list[str] | None
    mean: tuple[float, ...]
    std: tuple[float, ...]
    # A validation split of the dataset's own (tables: chosen, stratified, and kept out of the
    # standardisation's statistics); fit then uses it instead of holding out data.val_split of x_train.
    x_val: torch.Tensor | None = field(default=None, repr=False)
    y_val: torch.Tensor | None = field(default=None, repr=False)
    # Tables: the fitted TablePreprocessing (raw rows -> input) and the TableReport (data/table_prep.py).
    preprocessing: Any = field(default=None, repr=False)
    report: Any = field(default=None, repr=False)

    def __post_init__(self):
        if self.task not in TASKS:
            raise ValueError(f"task must be one of {TASKS}, got {self.task!r}")
        if self.task == "classification" and self.class_names is None:
            raise ValueError("a classification dataset needs class_names")

    @property
    def input_shape(self) -> tuple[int, ...]:
        return tuple(self.x_train.shape[1:])

    @property
    def num_classes(self) -> int | None:
        return len(self.class_names) if self.task == "classification" else None

    @property
    def output_size(self) -> int:
        if self.task == "classification":
            return len(self.class_names)
        return int(self.y_train.shape[1])

    @property
    def is_image(self) -> bool:
        return len(self.input_shape) == 3

    def __str__(self) -> str:
        shape = "×".join(str(s) for s in self.input_shape)
        what = (
            f"{self.num_classes} classes"
            if self.task == "classification"
            else f"{self.output_size} target{'s' * (self.output_size != 1)}"
        )
        val = f" / {len(self.x_val)} validation" if self.x_val is not None else ""
        return f"{self.name}: {len(self.x_train)} train{val} / {len(self.x_test)} test, input {shape}, {what}"


@dataclass(frozen=True)
class DatasetInfo:
    """One row of the dataset picker. `where` is the path found, "generated in code", or
    "not found: <how to get it>"."""

    name: str
    title: str
    kind: str  # "toy" | "image" | "table"
    task: str  # "classification" | "regression"
    description: str
    available: bool
    where: str
    # Known before loading (so the model builder can check its stack while torch still loads);
    # None for a folder of your own images, whose size and classes only loading tells.
    input_shape: tuple[int, ...] | None = None
    outputs: int | None = None  # classes, or 1 target for regression


def check_options(dataset: str, options: Mapping[str, Any] | None, defaults: Mapping[str, Any]) -> dict[str, Any]:
    """`defaults` overlaid with `options`; unknown keys raise a DatasetError listing the allowed ones."""
    options = dict(options or {})
    unknown = sorted(set(options) - set(defaults))
    if unknown:
        allowed = ", ".join(defaults) if defaults else "none (it takes no options)"
        raise DatasetError(f"Dataset '{dataset}' has no option(s) {', '.join(unknown)}. Allowed: {allowed}.")
    return {**defaults, **options}


def int_option(dataset: str, options: Mapping[str, Any], key: str, low: int, high: int | None = None) -> int:
    value = options[key]
    if isinstance(value, bool) or not isinstance(value, int) or value < low or (high is not None and value > high):
        span = f"from {low} to {high}" if high is not None else f">= {low}"
        raise DatasetError(f"Dataset '{dataset}': option '{key}' must be a whole number {span}, got {value!r}.")
    return value


def float_option(dataset: str, options: Mapping[str, Any], key: str, low: float, high: float) -> float:
    value = options[key]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise DatasetError(f"Dataset '{dataset}': option '{key}' must be a number from {low} to {high}, got {value!r}.")
    return float(value)


def bool_option(dataset: str, options: Mapping[str, Any], key: str) -> bool:
    value = options[key]
    if not isinstance(value, bool):
        raise DatasetError(f"Dataset '{dataset}': option '{key}' must be true or false, got {value!r}.")
    return value


def check_cancel(cancel: threading.Event | None, what: str) -> None:
    if cancel is not None and cancel.is_set():
        raise LoadCancelled(f"{what} was cancelled.")


def feature_stats(x: torch.Tensor) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Per-channel (N×C×H×W) or per-feature (N×F) mean and std.

    A constant channel would have std 0 and turn normalisation into a division by zero,
    so its std is reported as 1 (the channel is then only centred).
    """
    import torch

    dims = (0, 2, 3) if x.dim() == 4 else (0,)
    std, mean = torch.std_mean(x, dim=dims, correction=0)
    std = torch.where(std > 1e-6, std, torch.ones_like(std))
    return tuple(float(v) for v in mean), tuple(float(v) for v in std)


def stratified_split(labels: np.ndarray, test_fraction: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Train and test indices with each class split in the same proportion (at least one image
    of each class in each split when the class has two), both shuffled: sources are often sorted by class, and a sorted
    train set would give a validation split of one class."""
    rng = np.random.default_rng(seed)
    train, test = [], []
    for c in np.unique(labels):
        idx = rng.permutation(np.flatnonzero(labels == c))
        n_test = min(max(1, round(len(idx) * test_fraction)), len(idx) - 1)
        test.append(idx[:n_test])
        train.append(idx[n_test:])
    return rng.permutation(np.concatenate(train)), rng.permutation(np.concatenate(test))


def image_dataset(
    name: str,
    class_names: list[str],
    train: tuple[np.ndarray, np.ndarray],
    test: tuple[np.ndarray, np.ndarray],
    stats: tuple[tuple[float, ...], tuple[float, ...]] | None = None,
) -> Dataset:
    """Builds a classification Dataset from uint8 images (N×H×W or N×C×H×W) and integer labels.
    `stats` is a known (mean, std) of the train images; without it they are computed."""
    import torch

    def images(a: np.ndarray) -> torch.Tensor:
        t = torch.from_numpy(np.ascontiguousarray(a))
        if t.dim() == 3:
            t = t.unsqueeze(1)
        return t.to(torch.float32).div_(255.0)

    def labels(a: np.ndarray) -> torch.Tensor:
        return torch.from_numpy(np.ascontiguousarray(a)).to(torch.int64)

    x_train = images(train[0])
    mean, std = stats if stats is not None else feature_stats(x_train)
    return Dataset(
        name=name,
        task="classification",
        x_train=x_train,
        y_train=labels(train[1]),
        x_test=images(test[0]),
        y_test=labels(test[1]),
        class_names=list(class_names),
        mean=mean,
        std=std,
    )
