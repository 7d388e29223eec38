"""What a training run sends the GUI thread: small dataclasses of numpy arrays, made on the
training thread (run/training_worker.py) and shown by the plots and the decision boundary."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["BatchUpdate", "BoundaryUpdate"]


@dataclass(frozen=True)
class BatchUpdate:
    """Per-batch points since the previous update, plus where the run is.

    `losses` and `accuracies` are each batch's own figures (not the epoch's running mean);
    `accuracies` is None for regression. On the CPU every batch is a point; on a GPU one
    batch per update is sampled, because reading a value back stalls the device.
    """

    steps: np.ndarray  # global batch numbers, 1-based
    losses: np.ndarray
    accuracies: np.ndarray | None
    lrs: np.ndarray
    epoch: int  # of the last point, 1-based
    epochs: int
    batch: int  # of the last point within its epoch, 1-based
    batches: int  # per epoch
    samples_per_second: float  # recent training throughput, pauses left out
    eta_seconds: float | None  # None until there is enough to estimate from


@dataclass(frozen=True)
class BoundaryUpdate:
    """The model's output over a grid covering the 2-D data: `probs[i, j]` is the output at
    (xs[j], ys[i]) — P(class 1) for classification, the (first) prediction for regression."""

    xs: np.ndarray
    ys: np.ndarray
    probs: np.ndarray
