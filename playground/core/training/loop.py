"""The training loop: one `fit` with events that callbacks subscribe to.

Everything a front end shows (the CLI progress bar, the GUI's live plots) is a callback;
so are early stopping and checkpointing. Stop and pause come from another thread through
a `RunControl` whose flags the loop checks between batches.
"""

from __future__ import annotations

import copy
import math
import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

import torch
import torch.nn.functional as F
from torch import nn

from playground.core.data.augment import Augmenter
from playground.core.model.build import Network, build_model, weight_parameters
from playground.core.model.trained import TrainedModel, now_iso
from playground.core.training.device import resolve_device
from playground.core.training.optim import make_optimizer
from playground.core.training.schedules import make_schedule
from playground.core.config.spec import ConfigError, RunConfig

if TYPE_CHECKING:
    from playground.core.training.checkpoint import Resume
    from playground.core.data import Dataset

__all__ = [
    "BatchLogs",
    "Callback",
    "EarlyStopping",
    "EpochMeter",
    "EpochLogs",
    "FitResult",
    "FitState",
    "RunControl",
    "epoch_shape",
    "evaluate",
    "fit",
    "validation_size",
]


class RunControl:
    """Thread-safe stop/pause flags, set from any thread, checked by the loop between batches."""

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._running = threading.Event()
        self._running.set()

    def stop(self) -> None:
        self._stop.set()
        self._running.set()  # wake a paused loop so it can stop

    def pause(self) -> None:
        self._running.clear()

    def resume(self) -> None:
        self._running.set()

    @property
    def stop_requested(self) -> bool:
        return self._stop.is_set()

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    def wait_while_paused(self) -> float:
        """Block while paused (no busy loop); returns the seconds spent waiting."""
        if self._running.is_set():
            return 0.0
        start = time.perf_counter()
        self._running.wait()
        return time.perf_counter() - start


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
    # What a checkpoint needs to resume the run exactly (core.checkpoint): the data, the
    # schedule, the seeded generators, early stopping, the best weights so far and the
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


@dataclass
class FitResult:
    """How a run ended, and the model it trained (`model`: config, weights, task, class
    names, this summary). `config`, `state_dict`, `task` and `class_names` are the model's."""

    status: str  # completed | stopped | diverged
    message: str
    epochs_completed: int
    history: list[EpochLogs]
    best_epoch: int
    best_val_loss: float | None
    best_val_accuracy: float | None
    test_loss: float | None
    test_accuracy: float | None
    train_seconds: float
    samples_per_second: float
    device: str
    model: TrainedModel  # weights on the CPU; config with the model's input shape filled in from the data
    early_stopped: bool = False

    @property
    def config(self) -> RunConfig:
        return self.model.config

    @property
    def state_dict(self) -> dict[str, torch.Tensor]:
        return self.model.state_dict

    @property
    def task(self) -> str:
        return self.model.task

    @property
    def class_names(self) -> list[str] | None:
        return self.model.class_names

    def summary(self) -> dict[str, Any]:
        """The JSON summary the CLI writes (--summary-json); the trained model keeps it too."""
        return {
            "status": self.status,
            "message": self.message,
            "dataset": self.config.data.name,
            "task": self.task,
            "class_names": self.class_names,
            "epochs_completed": self.epochs_completed,
            "early_stopped": self.early_stopped,
            "best_epoch": self.best_epoch,
            "test_accuracy": self.test_accuracy,
            "test_loss": self.test_loss,
            "best_val_accuracy": self.best_val_accuracy,
            "best_val_loss": self.best_val_loss,
            "train_seconds": round(self.train_seconds, 3),
            "samples_per_second": round(self.samples_per_second, 1),
            "device": self.device,
            "history": [h.to_dict() for h in self.history],
        }

    def build_model(self) -> Network:
        """A CPU model carrying the returned weights."""
        return self.model.build_model()


class Callback:
    """Override what you need. Calls happen on the training thread."""

    def on_fit_start(self, state: FitState) -> None: ...

    def on_batch_end(self, state: FitState, logs: BatchLogs) -> None: ...

    def on_epoch_end(self, state: FitState, logs: EpochLogs) -> None: ...

    def on_fit_end(self, state: FitState, result: FitResult) -> None: ...


def _overrides(cb: Callback, name: str) -> bool:
    return getattr(type(cb), name) is not getattr(Callback, name)


class EarlyStopping(Callback):
    """Stops when the monitored validation metric has not improved by more than `min_delta`
    for `patience` epochs. The trainer then restores the best epoch's weights."""

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
                f"Early stopping after epoch {logs.epoch}: {self.monitor} has not improved for {self.patience} epochs."
            )


# --------------------------------------------------------------------------- helpers


def _loss_function(task: str, loss: str) -> Callable[[torch.Tensor, torch.Tensor], torch.Tensor]:
    if loss == "auto":
        loss = "cross_entropy" if task == "classification" else "mse"
    if loss == "cross_entropy":
        if task != "classification":
            raise ConfigError("Cross-entropy needs class labels but this dataset is a regression task — use loss 'mse'.")
        return F.cross_entropy
    if task == "classification":
        # Mean squared error between the predicted probabilities and one-hot targets, as in
        # "Deep Learning from Scratch" ch. 4: it trains, but slower than cross-entropy.
        def mse_on_probabilities(logits, target):
            onehot = F.one_hot(target, logits.shape[1]).to(logits.dtype)
            return F.mse_loss(torch.softmax(logits, dim=1), onehot)

        return mse_on_probabilities
    return F.mse_loss


@torch.inference_mode()
def evaluate(
    model: nn.Module,
    x: torch.Tensor,
    y: torch.Tensor,
    loss_fn: Callable,
    task: str,
    batch_size: int = 2048,
    memory_format: torch.memory_format = torch.contiguous_format,
) -> tuple[float, float | None]:
    """Mean loss and accuracy (classification) over a whole split, in large batches."""
    was_training = model.training
    model.eval()
    total = torch.zeros((), dtype=torch.float64, device=x.device)
    correct = torch.zeros((), dtype=torch.int64, device=x.device)
    for start in range(0, len(x), batch_size):
        xb = x[start : start + batch_size]
        if memory_format is not torch.contiguous_format:
            xb = xb.contiguous(memory_format=memory_format)
        yb = y[start : start + batch_size]
        out = model(xb).float()
        total += loss_fn(out, yb).double() * len(xb)
        if task == "classification":
            correct += (out.argmax(1) == yb).sum()
    model.train(was_training)
    n = max(1, len(x))
    accuracy = correct.item() / n if task == "classification" else None
    return total.item() / n, accuracy


def validation_size(n: int, fraction: float) -> int:
    """How many of `n` training samples `fit` holds out for validation (at least one when
    the fraction is above 0 and there are two samples or more)."""
    n_val = int(round(n * fraction))
    if fraction > 0 and n_val == 0 and n >= 2:
        n_val = 1
    return n_val


def epoch_shape(config: RunConfig, n_samples: int) -> tuple[int, int]:
    """(batch size, batches per epoch) that `fit` uses for a training set of `n_samples`
    before the validation split: front ends size their progress bars and plots with it."""
    n_train = max(1, n_samples - validation_size(n_samples, config.data.val_split))
    batch_size = min(config.train.effective_batch_size(n_train), n_train)
    return batch_size, math.ceil(n_train / batch_size)


def _split_validation(x: torch.Tensor, y: torch.Tensor, fraction: float, seed: int):
    n = len(x)
    n_val = validation_size(n, fraction)
    if n_val >= n:
        raise ConfigError(f"The validation split ({fraction:.0%}) leaves no training data — lower data.val_split.")
    perm = torch.randperm(n, generator=torch.Generator().manual_seed(seed + 7919))
    val, train = perm[:n_val], perm[n_val:]
    return x[train], y[train], x[val], y[val]


def _state_copy(model: nn.Module) -> dict[str, torch.Tensor]:
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


def freeze_long_lived() -> None:
    """Move every object alive now out of the cyclic garbage collector's reach (gc.freeze).

    A process that is about to train calls this once its long-lived objects exist (torch and
    the other modules imported, the dataset loaded; the window after building its panels).
    Otherwise each full collection walks them all:
    ~340,000 objects and ~170 ms in the window, ~290,000 and ~100 ms in `playground train`,
    which ran three of them in one `cnn` epoch. Freezing moves objects and runs no finalisers,
    so any thread may call it; what was garbage at that moment stays allocated for good (call
    it once, not per run: a study's trials would otherwise pile up their garbage)."""
    import gc

    gc.freeze()


def _param_groups(model: Network, layer_lr: Mapping[int, float]) -> list[Any]:
    """What the optimizer trains: the parameters still requiring gradients (frozen layers are
    left out). With layer learning rates (TrainConfig.layer_lr), one group per such layer with
    its "lr_scale", after the base group of all the others, which stays first even when empty
    so that param_groups[0] always runs at the base learning rate the plots show."""
    trainable = [p for p in model.parameters() if p.requires_grad]
    if not trainable:
        raise ConfigError(
            "Every layer with parameters is frozen, so nothing would train — unfreeze at least one layer "
            "(usually the last Dense layer)."
        )
    scaled = {i: m for i, m in layer_lr.items() if i < len(model.body)}
    if not scaled:
        return trainable
    grouped = {id(p) for i in scaled for p in model.body[i].parameters()}
    groups: list[Any] = [{"params": [p for p in trainable if id(p) not in grouped], "lr_scale": 1.0}]
    for i in sorted(scaled):
        params = [p for p in model.body[i].parameters() if p.requires_grad]
        if params:
            groups.append({"params": params, "lr_scale": float(scaled[i])})
    return groups


def _use_channels_last(spec_layers, device: torch.device) -> bool:
    # Measured on 2 CPU cores (torch 2.13): the `cnn` preset trains 1.48x faster in
    # channels_last (4,235 vs 2,865 samples/s, bare loop). Not measured on CUDA yet, so
    # GPUs keep the default layout.
    return device.type == "cpu" and any(l.type == "Conv2D" for l in spec_layers)


# --------------------------------------------------------------------------- fit


def fit(
    config: RunConfig,
    dataset: "Dataset | None" = None,
    *,
    callbacks: Sequence[Callback] = (),
    control: RunControl | None = None,
    data_dir: str | None = None,
    initial_state: dict[str, torch.Tensor] | None = None,
    resume: Resume | None = None,
) -> FitResult:
    """Train the model `config` describes on `dataset` (loaded from `config.data` if None).

    `resume` (a `core.checkpoint.Resume`, from `load_checkpoint`) continues a checkpointed run
    of this config from the epoch after its checkpoint, with the optimizer, schedule, random
    generators and early stopping where they were; the result's history covers the whole run.

    Bad settings raise ConfigError/SpecError/DatasetError before anything trains. A NaN or
    infinite loss ends the run with status 'diverged'; a stop request ends it with status
    'stopped'. Either way the best weights seen so far are returned.
    """
    config.validate()
    control = control or RunControl()
    cfg_train, cfg_reg = config.train, config.regularization

    if dataset is None:
        from playground.core.data import load_dataset

        dataset = load_dataset(config.data.name, config.data.options, data_dir=data_dir)

    spec = config.model
    if spec.input_shape != dataset.input_shape:
        spec = type(spec)(dataset.input_shape, spec.layers, spec.init)
        config = config.replace(model=spec)
    spec.validate_for(dataset.task, dataset.output_size)
    loss_fn = _loss_function(dataset.task, cfg_train.loss)
    if config.data.val_split <= 0:
        if cfg_reg.early_stopping:
            raise ConfigError("Early stopping watches the validation set — set data.val_split above 0 (e.g. 0.1).")
        if config.schedule.name == "plateau":
            raise ConfigError(
                "The plateau schedule watches the validation loss — set data.val_split above 0 or choose another schedule."
            )
    if config.data.augment.enabled and not dataset.is_image:
        raise ConfigError("Image augmentation needs an image dataset — turn augmentation off for this dataset.")
    device = resolve_device(cfg_train.device)

    torch.manual_seed(cfg_train.seed)
    x_train, y_train, x_val, y_val = _split_validation(
        dataset.x_train, dataset.y_train, config.data.val_split, cfg_train.seed
    )
    x_train, y_train = x_train.to(device), y_train.to(device)
    x_val, y_val = x_val.to(device), y_val.to(device)
    n_train, n_val = len(x_train), len(x_val)

    model = build_model(spec, mean=dataset.mean, std=dataset.std)
    if initial_state is not None:
        model.load_state_dict(initial_state)
    if cfg_train.frozen_layers:
        model.freeze(cfg_train.frozen_layers)  # before the optimizer, which takes only trainable parameters
    memory_format = torch.channels_last if _use_channels_last(spec.layers, device) else torch.contiguous_format
    model = model.to(device=device, memory_format=memory_format)
    model.train()

    optimizer = make_optimizer(_param_groups(model, cfg_train.layer_lr), config.optimizer)
    batch_size, batches = epoch_shape(config, len(dataset.x_train))
    schedule = make_schedule(optimizer, config.schedule, epochs=cfg_train.epochs, steps_per_epoch=batches)
    augment_generator = torch.Generator(device=device).manual_seed(cfg_train.seed)
    augment = Augmenter(config.data.augment, generator=augment_generator)
    penalized = weight_parameters(model) if (cfg_reg.l1 or cfg_reg.l2) else []
    classification = dataset.task == "classification"
    autocast = cfg_train.amp and device.type == "cuda"

    shuffle = torch.Generator().manual_seed(cfg_train.seed)
    state = FitState(
        config=config,
        model=model,
        optimizer=optimizer,
        device=device,
        dataset_name=dataset.name,
        task=dataset.task,
        n_train=n_train,
        n_val=n_val,
        batch_size=batch_size,
        batches_per_epoch=batches,
        epochs=cfg_train.epochs,
        dataset=dataset,
        schedule=schedule,
        generators={"shuffle": shuffle, "augment": augment_generator},
    )
    if cfg_reg.early_stopping:
        # First, so that callbacks after it (a checkpoint) see this epoch's verdict.
        state.early_stopping = EarlyStopping(cfg_reg.monitor if classification else "val_loss", cfg_reg.patience, cfg_reg.min_delta)
        callbacks = [state.early_stopping, *callbacks]
    if resume is not None:
        state.start_epoch = resume.restore(state)
    batch_callbacks = [cb for cb in callbacks if _overrides(cb, "on_batch_end")]
    for cb in callbacks:
        cb.on_fit_start(state)

    monitor_loss = cfg_reg.monitor == "val_loss" or not classification
    status, message = "completed", ""
    train_time = state.train_time
    samples_seen = state.samples_seen
    step = (state.start_epoch - 1) * batches
    fit_start = time.perf_counter() - state.elapsed
    paused_time = 0.0
    # A run checkpointed just as early stopping ended it has no epochs left.
    last_epoch = state.start_epoch - 1 if state.stop_training else cfg_train.epochs

    for epoch in range(state.start_epoch, last_epoch + 1):
        epoch_start = time.perf_counter()
        epoch_paused = 0.0
        perm = torch.randperm(n_train, generator=shuffle).to(device)
        y_epoch = y_train[perm]  # labels in batch order: each batch's are a slice, no gather
        meter = EpochMeter(y_epoch, classification, device)
        for b in range(batches):
            if control.paused:
                epoch_paused += control.wait_while_paused()
            if control.stop_requested:
                status, message = "stopped", f"Stopped by request during epoch {epoch}."
                break
            lo, hi = b * batch_size, min((b + 1) * batch_size, n_train)
            xb, yb = x_train[perm[lo:hi]], y_epoch[lo:hi]
            if augment.enabled:
                xb = augment(xb)
            if memory_format is not torch.contiguous_format:
                xb = xb.contiguous(memory_format=memory_format)
            if autocast:
                with torch.autocast(device.type, dtype=torch.bfloat16):
                    out = model(xb).float()
            else:
                out = model(xb)
            loss = loss_fn(out, yb)
            total = loss
            if penalized:
                if cfg_reg.l1:
                    total = total + cfg_reg.l1 * sum(w.abs().sum() for w in penalized)
                if cfg_reg.l2:
                    total = total + 0.5 * cfg_reg.l2 * sum(w.pow(2).sum() for w in penalized)
            optimizer.zero_grad(set_to_none=True)
            total.backward()
            if cfg_reg.grad_clip:
                nn.utils.clip_grad_norm_(model.parameters(), cfg_reg.grad_clip)
            optimizer.step()
            schedule.on_batch_end()

            step += 1
            loss_d = loss.detach()
            finite = meter.add(loss_d, out.detach(), hi - lo)
            if not finite or (b == batches - 1 and not meter.finite()):
                status = "diverged"
                message = (
                    f"Training diverged in epoch {epoch}, batch {b + 1}: the loss became NaN or infinite. "
                    f"Lower the learning rate (now {optimizer.param_groups[0]['lr']:g}), e.g. by 10x, "
                    "or turn on gradient clipping."
                )
                break
            if batch_callbacks:
                logs = BatchLogs(epoch, b + 1, batches, step, hi - lo, loss_d, optimizer.param_groups[0]["lr"], meter)
                for cb in batch_callbacks:
                    cb.on_batch_end(state, logs)
                if state.stop_training:
                    break

        epoch_train_seconds = time.perf_counter() - epoch_start - epoch_paused
        train_time += epoch_train_seconds
        seen = meter.seen
        samples_seen += seen
        paused_time += epoch_paused
        if status == "completed" and seen < n_train:  # a batch callback asked to stop
            status, message = "stopped", state.stop_reason or f"Stopped during epoch {epoch}."
        if status != "completed":
            break  # an unfinished epoch is not evaluated or logged as complete

        train_loss, train_acc = meter.loss(), meter.accuracy()
        val_loss = val_acc = None
        if n_val:
            val_loss, val_acc = evaluate(model, x_val, y_val, loss_fn, dataset.task, memory_format=memory_format)
            if not math.isfinite(val_loss):
                status = "diverged"
                message = (
                    f"Training diverged in epoch {epoch}: the validation loss became NaN or infinite. "
                    f"Lower the learning rate (now {optimizer.param_groups[0]['lr']:g}), e.g. by 10x."
                )
                break
        schedule.on_epoch_end(val_loss)
        logs = EpochLogs(
            epoch=epoch,
            loss=train_loss,
            accuracy=train_acc,
            val_loss=val_loss,
            val_accuracy=val_acc,
            lr=optimizer.param_groups[0]["lr"],
            seconds=time.perf_counter() - epoch_start - epoch_paused,
            samples_per_second=seen / max(epoch_train_seconds, 1e-9),
        )
        state.history.append(logs)

        # Track the best epoch (on validation, else training loss) so that a stop, a
        # divergence or early stopping can hand back the best weights seen.
        score = (val_loss if monitor_loss else -val_acc) if n_val else train_loss
        if state.best_score is None or score < state.best_score:
            state.best_score, state.best_epoch = score, epoch
            state.best_val_loss, state.best_val_accuracy = val_loss, val_acc
            state.best_state = _state_copy(model)
        state.train_time, state.samples_seen = train_time, samples_seen
        state.elapsed = time.perf_counter() - fit_start - paused_time

        for cb in callbacks:
            cb.on_epoch_end(state, logs)
        if state.stop_training:
            break
        if control.stop_requested:
            status, message = "stopped", f"Stopped by request after epoch {epoch}."
            break

    total_seconds = time.perf_counter() - fit_start - paused_time
    early_stopped = status == "completed" and state.stop_training and bool(state.stop_reason)
    restore = state.best_state is not None and (
        status != "completed" or (early_stopped and cfg_reg.restore_best)
    )
    if restore:
        model.load_state_dict(state.best_state)
    epochs_completed = len(state.history)
    if status == "completed":
        message = state.stop_reason or f"Completed {epochs_completed} epochs."
        if restore:
            message += f" Restored the best weights (epoch {state.best_epoch})."
    elif restore:
        message += f" Returning the best weights so far (epoch {state.best_epoch})."

    test_loss = test_acc = None
    weights_usable = status != "diverged" or restore
    if weights_usable and len(dataset.x_test):
        x_test, y_test = dataset.x_test.to(device), dataset.y_test.to(device)
        test_loss, test_acc = evaluate(model, x_test, y_test, loss_fn, dataset.task, memory_format=memory_format)

    cpu_state = {k: v.detach().to("cpu", copy=True).contiguous() for k, v in model.state_dict().items()}
    trained = TrainedModel(
        config, cpu_state, dataset.task, copy.copy(dataset.class_names), label=config.name, created=now_iso()
    )
    result = FitResult(
        status=status,
        message=message,
        epochs_completed=epochs_completed,
        history=list(state.history),
        best_epoch=state.best_epoch,
        best_val_loss=state.best_val_loss,
        best_val_accuracy=state.best_val_accuracy,
        test_loss=test_loss,
        test_accuracy=test_acc,
        train_seconds=total_seconds,
        samples_per_second=samples_seen / max(train_time, 1e-9),
        device=str(device),
        model=trained,
        early_stopped=early_stopped,
    )
    trained.summary = result.summary()
    for cb in callbacks:
        cb.on_fit_end(state, result)
    return result
