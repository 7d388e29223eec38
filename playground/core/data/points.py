"""Your own 2-D points: a dataset the learner clicks onto the plane of the toy sets.

The points live in the dataset's options, so a run config (and with it a project, a run's
record and `playground train --config`) holds them like any other setting:
`{"points": [[x1, x2, label], ...], "train_ratio": 0.8, "seed": 0}`, a label being the class
(0 or 1, TF Playground's orange and blue) for "points" and the target value (about -1 to 1,
as the toy regression sets) for "points-regression". Coordinates are those of the toy sets'
plane, [-6, 6] × [-6, 6] (PLANE); the window keeps clicks inside it, a hand-written file may
place points anywhere finite. The split into training and test points is seeded, stratified by
class, so the same points always train the same way. `toy_points` gives a toy set's points in
this form, to start from and edit.
"""

from __future__ import annotations

import math
from typing import Any, Mapping

import numpy as np

from playground.core.data.dataset import (
    Dataset,
    DatasetError,
    check_options,
    feature_stats,
    float_option,
    int_option,
    stratified_split,
)
from playground.core.data.toy import TOY_DATASETS

__all__ = [
    "MAX_POINTS",
    "MIN_PER_CLASS",
    "MIN_REGRESSION_POINTS",
    "PLANE",
    "POINTS_DEFAULTS",
    "POINTS_SETS",
    "load_points",
    "points_arrays",
    "toy_points",
]

# dataset name -> task
POINTS_SETS = {"points": "classification", "points-regression": "regression"}
POINTS_DEFAULTS: dict[str, Any] = {"points": [], "train_ratio": 0.8, "seed": 0}
PLANE = 6.0  # the toy sets' plane: [-PLANE, PLANE] on both axes
CLASS_NAMES = ["0", "1"]  # as the toy sets: orange 0, blue 1
MIN_PER_CLASS = 2  # one to train on, one to test
MIN_REGRESSION_POINTS = 4
MAX_POINTS = 10_000  # far more than anyone clicks; a list beyond it is not one the window made


def _bad_point(name: str, index: int, value: Any, task: str) -> DatasetError:
    label = "its class, 0 or 1" if task == "classification" else "its value"
    return DatasetError(
        f"Dataset '{name}': point {index + 1} is {value!r}; each point must be [x1, x2, label] with finite numbers "
        f"(the label being {label}).",
        "bad_point" if task == "classification" else "bad_value_point",
        {"index": index + 1, "value": repr(value)},
    )


def points_arrays(name: str, points: Any) -> tuple[np.ndarray, np.ndarray]:
    """The points of dataset `name` ("points" or "points-regression") as float N×2 coordinates and
    N labels (int64 classes or float values); a malformed list raises DatasetError naming the point."""
    task = POINTS_SETS[name]
    if not isinstance(points, (list, tuple)):
        raise DatasetError(
            f"Dataset '{name}': option 'points' must be a list of [x1, x2, label] points, got {points!r}.",
            "points_not_list",
            {"value": repr(points)[:80]},
        )
    if len(points) > MAX_POINTS:
        raise DatasetError(
            f"Dataset '{name}' has {len(points):,} points; at most {MAX_POINTS:,} can be drawn and edited.",
            "too_many_points",
            {"count": len(points), "most": MAX_POINTS},
        )
    xy = np.zeros((len(points), 2), np.float64)
    labels = np.zeros(len(points), np.int64 if task == "classification" else np.float64)
    for i, point in enumerate(points):
        numbers = isinstance(point, (list, tuple)) and len(point) == 3
        numbers = numbers and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in point)
        if not numbers or not all(math.isfinite(v) for v in point):
            raise _bad_point(name, i, point, task)
        if task == "classification" and point[2] not in (0, 1):
            raise _bad_point(name, i, point, task)
        xy[i] = point[0], point[1]
        labels[i] = point[2]
    return xy, labels


def _check_enough(name: str, task: str, labels: np.ndarray) -> None:
    """Too few points to train and test on: the message says how many more, and of which class."""
    if len(labels) == 0:
        each = f"{MIN_PER_CLASS} of each class" if task == "classification" else str(MIN_REGRESSION_POINTS)
        raise DatasetError(
            f"No points yet: add at least {each} — in the window's Data tab click on the plot or start from a toy "
            "set's points; in a config list them in data.options.points as [x1, x2, label].",
            "no_points" if task == "classification" else "no_value_points",
            {"needed": MIN_PER_CLASS if task == "classification" else MIN_REGRESSION_POINTS},
        )
    if task == "regression":
        if len(labels) < MIN_REGRESSION_POINTS:
            raise DatasetError(
                f"Too few points ({len(labels)}) to train on: add points until there are at least "
                f"{MIN_REGRESSION_POINTS} (some train, some test) — in the Data tab by clicking on the plot.",
                "too_few_points",
                {"count": len(labels), "needed": MIN_REGRESSION_POINTS},
            )
        return
    counts = np.bincount(labels, minlength=len(CLASS_NAMES))
    for c, count in enumerate(counts):
        if count < MIN_PER_CLASS:
            other = CLASS_NAMES[1 - c]
            key = "one_class_points" if count == 0 and counts[1 - c] > 0 else "class_few_points"
            if key == "one_class_points":
                message = (
                    f"All your points are of class {other}: a network learns to tell classes apart, so add at least "
                    f"{MIN_PER_CLASS} points of class {CLASS_NAMES[c]} (in the Data tab: choose it, then click on the plot)."
                )
            else:
                message = (
                    f"Class {CLASS_NAMES[c]} has too few points ({count}); each class needs at least {MIN_PER_CLASS} "
                    f"(one to train on, one to test) — add some (in the Data tab: choose class {CLASS_NAMES[c]} and "
                    "click on the plot)."
                )
            raise DatasetError(message, key, {"name": CLASS_NAMES[c], "other": other, "count": int(count), "needed": MIN_PER_CLASS})


def _split(task: str, labels: np.ndarray, test_fraction: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    if task == "classification":
        return stratified_split(labels, test_fraction, seed)
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(labels))
    n_test = min(max(1, round(len(labels) * test_fraction)), len(labels) - 1)
    return order[n_test:], order[:n_test]


def load_points(name: str, options: Mapping[str, Any] | None) -> Dataset:
    """The Dataset of the points in `options` (see the module's docstring); too few points, or
    a class with too few, raise a DatasetError that says what to add."""
    import torch  # here, not above: the window lists the datasets before torch has loaded

    task = POINTS_SETS[name]
    opts = check_options(name, options, POINTS_DEFAULTS)
    ratio = float_option(name, opts, "train_ratio", 0.5, 0.9)
    seed = int_option(name, opts, "seed", 0)
    xy, labels = points_arrays(name, opts["points"])
    _check_enough(name, task, labels)
    train, test = _split(task, labels, 1.0 - ratio, seed)
    x = torch.from_numpy(xy).to(torch.float32)
    y = torch.from_numpy(labels)
    y = y.to(torch.int64) if task == "classification" else y.to(torch.float32)[:, None]
    train_t, test_t = torch.from_numpy(train), torch.from_numpy(test)
    mean, std = feature_stats(x[train_t])
    return Dataset(
        name=name,
        task=task,
        x_train=x[train_t],
        y_train=y[train_t],
        x_test=x[test_t],
        y_test=y[test_t],
        class_names=list(CLASS_NAMES) if task == "classification" else None,
        mean=mean,
        std=std,
    )


def toy_points(toy: str, n: int = 100, noise: float = 0.1, seed: int = 0) -> list[list[float]]:
    """`n` points of the toy set `toy` as a points list ([x1, x2, label], coordinates rounded to
    3 decimals, values to 3), to start from and edit."""
    generate = TOY_DATASETS[toy].generate
    xy, y = generate(n, noise, np.random.default_rng(seed))
    xy = np.clip(xy, -PLANE, PLANE)
    if TOY_DATASETS[toy].task == "classification":
        labels: list[float] = [int(v) for v in y]
    else:
        labels = [round(float(v), 3) for v in y[:, 0]]
    return [[round(float(a), 3), round(float(b), 3), label] for (a, b), label in zip(xy, labels)]
