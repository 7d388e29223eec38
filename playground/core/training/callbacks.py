"""What the training loop tells the world, and the callbacks that listen.

`fit` (core.training.loop) raises four events on its `Callback`s — fit start, batch end,
epoch end, train end — and hands them the run's `FitState` and small logs dataclasses.
Everything beside the batch step itself is a callback, as in Keras' `Model.fit` or
Lightning's trainer: the best-weight tracking (`BestWeights`), early stopping, the
channels-last memory format, checkpoints (core.training.checkpoint), the CLI's progress
bar and the GUI's live plots. `Throughput` gives those two front ends the same live
samples/s and time left, and the throttle that keeps them from reading the device every
batch.

This module knows nothing of the loop: the loop imports it, never the other way round.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Any, Iterable, Protocol

import torch

from playground.core.config.spec import RunConfig
from playground.core.model.build import Network

__all__ = [
    "BatchLogs",
    "BestWeights",
    "Callback",
    "CallbackList",
    "ChannelsLast",
    "DivergenceGuard",
    "EarlyStopping",
    "EpochLogs",
    "EpochMeter",
    "FitState",
    "Resumable",
    "Throughput",
]


class EpochMeter:
    """Running loss and accuracy of the epoch in progress, cheap to update on the hot path.

    On the CPU each batch's loss is read as a float (no cost) and checked for NaN at once.
    On a GPU reading a value back stalls the pipeline, so the loss is summed on the device
    and only checked every `check_every` batches; a diverged run trains a few batches more.
    Predictions go into one buffer per epoch (a single argmax per batch); accuracy is only
    computed when somebody asks for it.
    """

    def __init__(self, targets: torch.Tensor, classification: bool, device: torch.device, check_every: int = 20):
        self.targets = targets  # the epoch's labels in batch order
        self.preds = torch.empty(len(targets), dtype=torch.int64, device=device) if classification else None
        self.on_cpu = device.type == "cpu"
        self.check_every = check_every
        self._loss = 0.0 if self.on_cpu else torch.zeros((), dtype=torch.float64, device=device)
        self._batches = 0
        self.seen = 0

    def add(self, loss: torch.Tensor, out: torch.Tensor, n: int) -> bool:
        """Record a batch; False when the loss is (found to be) NaN or infinite."""
        if self.preds is not None:
            torch.argmax(out, 1, out=self.preds[self.seen : self.seen + n])
        self.seen += n
        self._batches += 1
        if self.on_cpu:
            value = loss.item()
            self._loss += value * n
            return math.isfinite(value)
        self._loss.add_(loss, alpha=n)
        return self._batches % self.check_every != 0 or bool(torch.isfinite(self._loss))

    def finite(self) -> bool:
        return math.isfinite(self.loss())

    def loss(self) -> float:
        """Mean training loss of the epoch so far (reads the device)."""
        total = self._loss if self.on_cpu else self._loss.item()
        return total / max(self.seen, 1)

    def accuracy(self) -> float | None:
        """Training accuracy of the epoch so far (reads the device); None for regression."""
        if self.preds is None or not self.seen:
            return None
        return (self.preds[: self.seen] == self.targets[: self.seen]).sum().item() / self.seen


@dataclass
class BatchLogs:
    """One training batch. `loss` is a 0-d tensor still on the device and the running
    figures read the device too: call them only when you are about to show something."""

    epoch: int  # 1-based
    batch: int  # 1-based within the epoch
    batches: int  # per epoch
    step: int  # global, 1-based
    size: int
    loss: torch.Tensor
    lr: float
    meter: EpochMeter

    def running_loss(self) -> float:
        return self.meter.loss()

    def running_accuracy(self) -> float | None:
        return self.meter.accuracy()


@dataclass
class EpochLogs:
    epoch: int
    loss: float
    accuracy: float | None
    val_loss: float | None
    val_accuracy: float | None
    lr: float
    seconds: float
    samples_per_second: float
    # regression: mean absolute error and R² on the validation split (None without one)
    val_mae: float | None = None
    val_r2: float | None = None

    def to_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class FitState:
    """What callbacks see. Set `stop_training = True` (and `stop_reason`) to end the run
    after the current epoch or batch."""

    config: RunConfig
    model: Network
    optimizer: torch.optim.Optimizer
    device: torch.device
    dataset_name: str
    task: str
    n_train: int
    n_val: int
    batch_size: int
    batches_per_epoch: int
    epochs: int
    history: list[EpochLogs] = field(default_factory=list)
    best_epoch: int = 0
    best_score: float | None = None
    stop_training: bool = False
    stop_reason: str = ""
    # What a checkpoint needs to resume the run exactly (core.training.checkpoint): the data,
    # the schedule, the seeded generators, early stopping, the best weights so far and the
    # run's running totals. A resumed run starts at `start_epoch`.
    dataset: Any = None
    schedule: Any = None
    generators: dict[str, torch.Generator] = field(default_factory=dict)
    early_stopping: EarlyStopping | None = None
    best_state: dict[str, torch.Tensor] | None = None
    best_val_loss: float | None = None
    best_val_accuracy: float | None = None
    start_epoch: int = 1
    train_time: float = 0.0  # seconds spent in training batches, pauses left out
    samples_seen: int = 0
    elapsed: float = 0.0  # seconds since the run started, pauses left out
    paused_seconds: float = 0.0  # spent paused in this call of fit, so far
    memory_format: torch.memory_format = torch.contiguous_format  # of the inputs the model takes
    # How the run ended (set when the batches are over): completed | stopped | diverged.
    status: str = "completed"
    message: str = ""
    # The training loss of the run's first batch, measured before its first step (the loop
    # sets it): where `DivergenceGuard` judges a rising loss from.
    initial_loss: float | None = None

    @property
    def early_stopped(self) -> bool:
        """The run completed because a callback (early stopping) ended it, not its epochs."""
        return self.status == "completed" and self.stop_training and bool(self.stop_reason)


class Callback:
    """Override what you need. Calls happen on the training thread, in this order:
    `on_fit_start` once everything is built (a resumed run's state restored), `on_features`
    while a frozen backbone's features are computed (before the first batch), `on_batch_end`
    after every optimizer step, `on_epoch_end` after each complete epoch's validation,
    `on_train_end` when the batches are over (status and message set; the returned weights
    are chosen here), and `on_fit_end` with the result."""

    def on_fit_start(self, state: FitState) -> None: ...

    def on_features(self, state: FitState, done: int, total: int) -> None:
        """A frozen pretrained backbone's features being computed before the first epoch
        (core/training/backbone_cache.py): `done` of `total` pictures so far."""

    def on_batch_end(self, state: FitState, logs: BatchLogs) -> None: ...

    def on_epoch_end(self, state: FitState, logs: EpochLogs) -> None: ...

    def on_train_end(self, state: FitState) -> None: ...

    def on_fit_end(self, state: FitState, result: Any) -> None:
        """`result` is the run's `FitResult` (core.training.loop)."""


def _overrides(cb: Callback, name: str) -> bool:
    return getattr(type(cb), name) is not getattr(Callback, name)


class CallbackList(Callback):
    """Callbacks called as one, in order. `batch` holds only those that handle batch ends,
    so that the loop builds no `BatchLogs` when nobody reads them."""

    def __init__(self, callbacks: Iterable[Callback]):
        self.callbacks = list(callbacks)
        self.batch = [cb for cb in self.callbacks if _overrides(cb, "on_batch_end")]

    def on_fit_start(self, state: FitState) -> None:
        for cb in self.callbacks:
            cb.on_fit_start(state)

    def on_features(self, state: FitState, done: int, total: int) -> None:
        for cb in self.callbacks:
            cb.on_features(state, done, total)

    def on_batch_end(self, state: FitState, logs: BatchLogs) -> None:
        for cb in self.batch:
            cb.on_batch_end(state, logs)

    def on_epoch_end(self, state: FitState, logs: EpochLogs) -> None:
        for cb in self.callbacks:
            cb.on_epoch_end(state, logs)

    def on_train_end(self, state: FitState) -> None:
        for cb in self.callbacks:
            cb.on_train_end(state)

    def on_fit_end(self, state: FitState, result: Any) -> None:
        for cb in self.callbacks:
            cb.on_fit_end(state, result)


class Resumable(Protocol):
    """What `fit(..., resume=...)` continues from (core.training.checkpoint.Resume): it puts a
    checkpointed run's state into the freshly built `state` and returns the epoch to train next."""

    def restore(self, state: FitState) -> int: ...


# --------------------------------------------------------------------------- built-in callbacks


def _state_copy(model: torch.nn.Module) -> dict[str, torch.Tensor]:
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


class BestWeights(Callback):
    """Keeps a copy of the best epoch's weights in `state.best_state` (best on the validation
    metric `monitor`, on the training loss without a validation set), and when the batches
    are over puts them back into the model: always for a stopped or diverged run, and for
    an early-stopped one when `restore_best` is set. `restored` says whether it did.

    `fit` puts it first among the callbacks, so that the others (a checkpoint) see this
    epoch's best and the returned weights."""

    def __init__(self, monitor: str = "val_loss", restore_best: bool = True):
        self.monitor, self.restore_best = monitor, restore_best
        self.restored = False

    def on_epoch_end(self, state: FitState, logs: EpochLogs) -> None:
        if state.n_val:
            score = logs.val_loss if self.monitor == "val_loss" else -logs.val_accuracy
        else:
            score = logs.loss
        if state.best_score is None or score < state.best_score:
            state.best_score, state.best_epoch = score, logs.epoch
            state.best_val_loss, state.best_val_accuracy = logs.val_loss, logs.val_accuracy
            state.best_state = _state_copy(state.model)

    def on_train_end(self, state: FitState) -> None:
        completed = state.status == "completed"
        self.restored = state.best_state is not None and (
            not completed or (state.early_stopped and self.restore_best)
        )
        if not self.restored:
            return
        state.model.load_state_dict(state.best_state)
        if completed:
            state.message += f" Restored the best weights (epoch {state.best_epoch})."
        else:
            state.message += f" Returning the best weights so far (epoch {state.best_epoch})."


class EarlyStopping(Callback):
    """Stops when the monitored validation metric has not improved by more than `min_delta`
    for `patience` epochs. `BestWeights` then restores the best epoch's weights."""

    def __init__(self, monitor: str = "val_loss", patience: int = 5, min_delta: float = 0.0):
        self.monitor, self.patience, self.min_delta = monitor, patience, min_delta
        self.best: float | None = None
        self.wait = 0

    def state_dict(self) -> dict[str, Any]:
        return {"best": self.best, "wait": self.wait}

    def load_state_dict(self, state: dict[str, Any]) -> None:
        self.best, self.wait = state["best"], int(state["wait"])

    def on_epoch_end(self, state: FitState, logs: EpochLogs) -> None:
        value = logs.val_loss if self.monitor == "val_loss" else logs.val_accuracy
        if value is None:
            return
        score = value if self.monitor == "val_loss" else -value
        if self.best is None or score < self.best - self.min_delta:
            self.best, self.wait = score, 0
            return
        self.wait += 1
        if self.wait >= self.patience:
            state.stop_training = True
            state.stop_reason = (
                f"Early stopping after epoch {logs.epoch}: {self.monitor} has not improved for {self.patience} epoch{'s' * (self.patience != 1)}."
            )


class DivergenceGuard(Callback):
    """Ends a run as 'diverged' whose loss is finite but runaway, or whose weights are not.

    The loop itself catches a NaN or infinite loss batch by batch, and an overflow in the
    optimizer step; this callback adds, once per epoch (one read of the device):

    - Non-finite weights. A NaN or infinite gradient makes the optimizer write NaN/inf into
      the weights (SGD directly, Adam through its moments, clipping through 0/inf); the loss
      shows it only one batch later, so the last batch of a run would go unseen.
    - A training loss that rises far above its start and stays there: the epoch's mean
      training loss above `factor` x the reference for `patience` epochs in a row (fewer when
      the run has fewer epochs). The reference is the untrained model's loss (the first batch,
      measured before the first step), and for classification at least ln(classes): the
      cross-entropy of a model that guesses every class alike, so that a fine-tuned start
      with a tiny loss does not make the rule touchy. Why 10x and 3 epochs: a working run's
      loss falls, and even at a high but usable learning rate its epoch means stay within a
      few times the start (xor-mlp at lr 1: 0.2-0.9 from 0.93), while a runaway one sits at
      tens to billions of times it (lr 1000: 500-2700); the epoch mean is already smoothed
      over all its batches, and three epochs let a single spike recover before the run is
      given up on.
    """

    def __init__(self, factor: float = 10.0, patience: int = 3):
        self.factor, self.patience = factor, patience
        self.above = 0

    def reference(self, state: FitState) -> float | None:
        ref = state.initial_loss
        if ref is None or not math.isfinite(ref):
            return None
        classes = getattr(state.dataset, "num_classes", None) if state.task == "classification" else None
        if classes and classes > 1:
            ref = max(ref, math.log(classes))
        return ref

    def on_epoch_end(self, state: FitState, logs: EpochLogs) -> None:
        lr = state.optimizer.param_groups[0]["lr"]
        advice = f"Lower the learning rate (now {lr:g}), e.g. by 10x."
        if not all(bool(torch.isfinite(p).all()) for p in state.model.parameters()):
            state.status = "diverged"
            state.message = (
                f"Training diverged in epoch {logs.epoch}: the weights became NaN or infinite "
                f"(the gradients overflowed). {advice}"
            )
            state.stop_training = True
            return
        ref = self.reference(state)
        if ref is None or ref <= 0:
            return
        self.above = self.above + 1 if logs.loss > self.factor * ref else 0
        if self.above >= min(self.patience, state.epochs):
            state.status = "diverged"
            state.message = (
                f"Training diverged in epoch {logs.epoch}: the training loss ({logs.loss:.4g}) has stayed above "
                f"{self.factor:g}x its starting value ({ref:.4g}) for {self.above} epoch{'s' * (self.above != 1)}. {advice}"
            )
            state.stop_training = True


class ChannelsLast(Callback):
    """Trains convolutional models in the channels-last memory format on the CPU (as
    Lightning's MemoryFormat callback): the model is converted at the start and the loop
    converts each batch to `state.memory_format`.

    Measured on 2 CPU cores (torch 2.13): the `cnn` preset trains 1.48x faster in
    channels_last (4,235 vs 2,865 samples/s, bare loop). Not measured on CUDA yet, so GPUs
    keep the default layout."""

    @staticmethod
    def suits(state: FitState) -> bool:
        convolutional = ("Conv2D", "ResidualBlock")
        return state.device.type == "cpu" and any(l.type in convolutional for l in state.config.model.layers)

    def on_fit_start(self, state: FitState) -> None:
        if self.suits(state):
            state.memory_format = torch.channels_last
            state.model.to(memory_format=torch.channels_last)


# --------------------------------------------------------------------------- live figures


class Throughput:
    """Live samples/s and time left of a run for the front ends (the window's training
    bridge, the command line's progress bar), so that both show the same figures, and the
    throttle that keeps them from reading the device every batch. Time here is the run's
    active time: pauses are left out.

    `start(state)` at fit start; `add(samples)` every batch; `skip()` after work between
    batches that is not training (an epoch's validation, a checkpoint, the test set): that
    time is left out of samples/s. `due(now)` says whether `interval` seconds have passed
    since the last `update(step, now)`, which returns the figures to show: training
    samples/s (an exponential average over the windows between updates; the time between
    batches only, as the run's own `FitResult.samples_per_second` counts it) and the
    seconds left (None until there is enough to estimate from; validation included)."""

    def __init__(self, interval: float):
        self.interval = interval
        self.rate = 0.0

    def start(self, state: FitState) -> None:
        self._state = state
        self.total_steps = state.epochs * state.batches_per_epoch
        self.first_step = (state.start_epoch - 1) * state.batches_per_epoch  # a resumed run's
        self.started = self.now()
        self.last_update = -math.inf  # the first batch is shown at once
        self.last_batch = self.started  # the end of the last batch, or of the last work skipped
        self.window_samples, self.window_seconds = 0, 0.0
        self.rate = 0.0

    def now(self) -> float:
        """Active seconds on a monotonic clock: pauses of this run left out."""
        return time.monotonic() - self._state.paused_seconds

    def add(self, samples: int, now: float | None = None) -> None:
        """A batch of `samples` ended (at `now`): it trained since the previous one ended."""
        now = self.now() if now is None else now
        self.window_samples += samples
        self.window_seconds += now - self.last_batch
        self.last_batch = now

    def skip(self, now: float | None = None) -> None:
        """The time since the last batch was not training (validation, a checkpoint, the
        test set): leave it out of samples/s."""
        self.last_batch = self.now() if now is None else now

    def due(self, now: float) -> bool:
        return now - self.last_update >= self.interval

    def update(self, step: int, now: float | None = None) -> tuple[float, float | None]:
        """(samples per second, seconds left or None) after global batch `step`."""
        now = self.now() if now is None else now
        if self.window_seconds > 0:
            recent = self.window_samples / self.window_seconds
            self.rate = recent if self.rate == 0 else 0.7 * self.rate + 0.3 * recent
        self.window_samples, self.window_seconds = 0, 0.0
        self.last_update = now
        elapsed, done = now - self.started, step - self.first_step
        eta = None
        if elapsed >= self.interval and done > 1:
            eta = elapsed / done * max(0, self.total_steps - step)
        return self.rate, eta
