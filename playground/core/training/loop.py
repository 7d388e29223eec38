"""The training loop: `fit`, its batch step `train_step`, and `evaluate`.

`fit` builds the run (model, optimizer, schedule, seeded generators), then loops over
epochs and batches and tells its callbacks (core.training.callbacks) what happened: the
best-weight tracking, early stopping, the memory format, checkpoints and every front end's
display are callbacks, so the loop itself is what a hand-written PyTorch loop would be.
Stop and pause come from another thread through a `RunControl` whose flags the loop checks
between batches.
"""

from __future__ import annotations

import copy
import math
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

import torch
import torch.nn.functional as F
from torch import nn

from playground.core.config.spec import RegularizationConfig, RunConfig
from playground.core.errors import ConfigError
from playground.core.data.augment import Augmenter
from playground.core.model.build import Network, build_model, feature_stats_of, weight_parameters
from playground.core.training.backbone_cache import (
    FeaturesStopped, HeadOnly, features_once, frozen_backbone, load_backbone_weights,
)
from playground.core.model.trained import TrainedModel, now_iso
from playground.core.training.callbacks import (
    BatchLogs,
    BestWeights,
    Callback,
    CallbackList,
    ChannelsLast,
    DivergenceGuard,
    EarlyStopping,
    EpochLogs,
    EpochMeter,
    FitState,
    Resumable,
)
from playground.core.training.device import resolve_device
from playground.core.training.optim import make_optimizer
from playground.core.training.schedules import make_schedule

if TYPE_CHECKING:
    from playground.core.data.dataset import Dataset

__all__ = [
    "FitResult",
    "RunControl",
    "epoch_shape",
    "evaluate",
    "fit",
    "freeze_long_lived",
    "regression_metrics",
    "train_step",
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
    test_mae: float | None = None  # regression: mean absolute error and R² on the test split
    test_r2: float | None = None

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
            **({"mae": self.test_mae, "r2": self.test_r2} if self.task == "regression" else {}),
        }

    def build_model(self) -> Network:
        """A CPU model carrying the returned weights."""
        return self.model.build_model()


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


def _training_loss(loss_fn: Callable, label_smoothing: float) -> Callable:
    """The loss the optimizer minimises: `loss_fn`, or cross-entropy against smoothed targets
    (validated: label smoothing comes with cross-entropy only)."""
    if not label_smoothing:
        return loss_fn

    def smoothed_cross_entropy(logits, target):
        return F.cross_entropy(logits, target, label_smoothing=float(label_smoothing))

    return smoothed_cross_entropy


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


@torch.inference_mode()
def regression_metrics(model: nn.Module, x: torch.Tensor, y: torch.Tensor, batch_size: int = 2048) -> tuple[float, float]:
    """(mean absolute error, R²) of a regression model over a split: R² = 1 - SS_res / SS_tot
    (1 is perfect, 0 is no better than predicting the mean; NaN when the targets are constant)."""
    was_training = model.training
    model.eval()
    out = torch.cat([model(x[s : s + batch_size]).double() for s in range(0, len(x), batch_size)])
    model.train(was_training)
    y = y.double().reshape(out.shape)
    mae = (out - y).abs().mean().item()
    total = ((y - y.mean(0)) ** 2).sum().item()
    r2 = 1.0 - ((out - y) ** 2).sum().item() / total if total > 0 else float("nan")
    return mae, r2


def validation_size(n: int, fraction: float) -> int:
    """How many of `n` training samples `fit` holds out for validation (at least one when
    the fraction is above 0 and there are two samples or more)."""
    n_val = int(round(n * fraction))
    if fraction > 0 and n_val == 0 and n >= 2:
        n_val = 1
    return n_val


def epoch_shape(config: RunConfig, n_samples: int, *, held_out: bool = True) -> tuple[int, int]:
    """(batch size, batches per epoch) that `fit` uses for a training set of `n_samples`
    before the validation split (`held_out` False: a dataset with its own validation split,
    whose x_train is all trained on): front ends size their progress bars and plots with it."""
    n_train = max(1, n_samples - (validation_size(n_samples, config.data.val_split) if held_out else 0))
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


# --------------------------------------------------------------------------- one batch


def train_step(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    loss_fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor],
    xb: torch.Tensor,
    yb: torch.Tensor,
    reg: RegularizationConfig,
    penalized: Sequence[torch.Tensor] = (),
    autocast: bool = False,
) -> tuple[torch.Tensor, torch.Tensor]:
    """One optimizer step on a batch: forward (in bfloat16 autocast if asked), the loss plus
    the L1/L2 penalty on the `penalized` weights, backward, gradient clipping, step.
    Returns the batch's loss without the penalty and the model's output, both detached."""
    if autocast:
        with torch.autocast(xb.device.type, dtype=torch.bfloat16):
            out = model(xb).float()
    else:
        out = model(xb)
    loss = loss_fn(out, yb)
    total = loss
    if penalized:
        if reg.l1:
            total = total + reg.l1 * sum(w.abs().sum() for w in penalized)
        if reg.l2:
            total = total + 0.5 * reg.l2 * sum(w.pow(2).sum() for w in penalized)
    optimizer.zero_grad(set_to_none=True)
    total.backward()
    if reg.grad_clip:
        nn.utils.clip_grad_norm_(model.parameters(), reg.grad_clip)
    optimizer.step()
    return loss.detach(), out.detach()


def _diverged(epoch: int, batch: int | None, optimizer: torch.optim.Optimizer) -> str:
    """What to tell the user when the training loss (in `batch`) or, with batch None, the
    validation loss became NaN or infinite."""
    lr = optimizer.param_groups[0]["lr"]
    if batch is None:
        return (
            f"Training diverged in epoch {epoch}: the validation loss became NaN or infinite. "
            f"Lower the learning rate (now {lr:g}), e.g. by 10x."
        )
    return (
        f"Training diverged in epoch {epoch}, batch {batch}: the loss became NaN or infinite. "
        f"Lower the learning rate (now {lr:g}), e.g. by 10x, or turn on gradient clipping."
    )


def _is_overflow(error: BaseException) -> bool:
    """Whether `error` is a number too large for its type (torch's "value cannot be converted
    to type float without overflow" from an optimizer step at lr 1e300, Python's
    OverflowError): divergence, not a bug."""
    return isinstance(error, (OverflowError, FloatingPointError)) or "overflow" in str(error).lower()


def _overflowed(epoch: int, batch: int, optimizer: torch.optim.Optimizer) -> str:
    lr = optimizer.param_groups[0]["lr"]
    return (
        f"Training diverged in epoch {epoch}, batch {batch}: a value overflowed in the weight update. "
        f"Lower the learning rate (now {lr:g}), e.g. by 10x."
    )


# --------------------------------------------------------------------------- setting up


def _checked(config: RunConfig, dataset: "Dataset | None", data_dir: str | None):
    """(config with the model's input shape taken from the data, dataset, loss function),
    the dataset loaded when None. Raises ConfigError/SpecError/DatasetError for settings
    that cannot train together, before anything is built."""
    config.validate()
    if dataset is None:
        from playground.core.data.registry import load_dataset

        dataset = load_dataset(config.data.name, config.data.options, data_dir=data_dir)
    spec = config.model
    if spec.input_shape != dataset.input_shape:
        spec = spec.with_input_shape(dataset.input_shape)
        config = config.replace(model=spec)
    spec.validate_for(dataset.task, dataset.output_size)
    loss_fn = _loss_function(dataset.task, config.train.loss)
    if config.train.label_smoothing and dataset.task != "classification":
        raise ConfigError("Label smoothing needs class labels but this dataset is a regression task — set label_smoothing to 0.")
    if config.data.val_split <= 0:
        if config.regularization.early_stopping:
            raise ConfigError("Early stopping watches the validation set — set data.val_split above 0 (e.g. 0.1).")
        if config.schedule.name == "plateau":
            raise ConfigError(
                "The plateau schedule watches the validation loss — set data.val_split above 0 or choose another schedule."
            )
    if config.data.augment.enabled and not dataset.is_image:
        raise ConfigError("Image augmentation needs an image dataset — turn augmentation off for this dataset.")
    return config, dataset, loss_fn


def _new_state(
    config: RunConfig,
    dataset: "Dataset",
    device: torch.device,
    n_train: int,
    n_val: int,
    initial_state: dict[str, torch.Tensor] | None,
) -> FitState:
    """The run before its first batch: the model (from `initial_state` when given, frozen
    layers frozen) on the device, its optimizer and schedule, the seeded generators."""
    train = config.train
    mean, std = feature_stats_of(config.model.features, dataset.x_train, dataset.mean, dataset.std)
    model = build_model(config.model, mean=mean, std=std)
    if initial_state is not None:
        model.load_state_dict(initial_state)
    if model.backbone is not None and not any(k.startswith("backbone.") for k in initial_state or {}):
        load_backbone_weights(model.backbone, config.model.backbone)  # a backbone is always ImageNet's
    if train.frozen_layers:
        model.freeze(train.frozen_layers)  # before the optimizer, which takes only trainable parameters
    model = model.to(device)
    model.train()
    optimizer = make_optimizer(_param_groups(model, train.layer_lr), config.optimizer)
    batch_size, batches = epoch_shape(config, len(dataset.x_train), held_out=dataset.x_val is None)
    schedule = make_schedule(optimizer, config.schedule, epochs=train.epochs, steps_per_epoch=batches)
    generators = {
        "shuffle": torch.Generator().manual_seed(train.seed),
        "augment": torch.Generator(device=device).manual_seed(train.seed),
    }
    return FitState(
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
        epochs=train.epochs,
        dataset=dataset,
        schedule=schedule,
        generators=generators,
    )


def _with_builtins(state: FitState, callbacks: Sequence[Callback]) -> tuple[CallbackList, BestWeights]:
    """The run's callbacks after the built-in ones: the memory format, the best weights (before
    the rest, which then see this epoch's best) and early stopping when asked for (before the
    user's, so that a checkpoint sees this epoch's verdict)."""
    reg = state.config.regularization
    monitor = reg.monitor if state.task == "classification" else "val_loss"
    best = BestWeights(monitor, reg.restore_best)
    builtin: list[Callback] = [ChannelsLast(), best, DivergenceGuard()]
    if reg.early_stopping:
        state.early_stopping = EarlyStopping(monitor, reg.patience, reg.min_delta)
        builtin.append(state.early_stopping)
    return CallbackList([*builtin, *callbacks]), best


# --------------------------------------------------------------------------- fit


def fit(
    config: RunConfig,
    dataset: "Dataset | None" = None,
    *,
    callbacks: Sequence[Callback] = (),
    control: RunControl | None = None,
    data_dir: str | None = None,
    initial_state: dict[str, torch.Tensor] | None = None,
    resume: Resumable | None = None,
) -> FitResult:
    """Train the model `config` describes on `dataset` (loaded from `config.data` if None).

    `resume` (a `core.training.checkpoint.Resume`, from `load_checkpoint`) continues a checkpointed
    run of this config after its last epoch, with optimizer, schedule, random generators and early
    stopping where they were; the result's history covers the whole run. Bad settings raise
    ConfigError/SpecError/DatasetError before anything trains. A NaN or infinite loss, an overflow
    in the weight update, or what `DivergenceGuard` judges runaway (non-finite weights, a loss that
    stays far above its start) ends the run with status 'diverged', a stop request with 'stopped';
    either way the best weights are returned.
    """
    control = control or RunControl()
    config, dataset, loss_fn = _checked(config, dataset, data_dir)
    cfg_train, cfg_reg = config.train, config.regularization
    train_loss_fn = _training_loss(loss_fn, cfg_train.label_smoothing)
    device = resolve_device(cfg_train.device)
    torch.manual_seed(cfg_train.seed)
    if dataset.x_val is not None:  # the dataset's own validation split (a table's)
        split = (dataset.x_train, dataset.y_train, dataset.x_val, dataset.y_val)
    else:
        split = _split_validation(dataset.x_train, dataset.y_train, config.data.val_split, cfg_train.seed)
    x_train, y_train, x_val, y_val = (t.to(device) for t in split)
    state = _new_state(config, dataset, device, len(x_train), len(x_val), initial_state)
    model, optimizer, schedule = state.model, state.optimizer, state.schedule
    augment = Augmenter(config.data.augment, generator=state.generators["augment"])
    penalized = [w for w in weight_parameters(model) if w.requires_grad or model.backbone is None] if (
        cfg_reg.l1 or cfg_reg.l2) else []
    autocast = cfg_train.amp and device.type == "cuda"
    classification = dataset.task == "classification"
    callbacks, best = _with_builtins(state, callbacks)
    if resume is not None:
        state.start_epoch = resume.restore(state)
    callbacks.on_fit_start(state)
    # A frozen backbone's features are computed once; the steps then train the layers after it.
    backbone, net, x_test = frozen_backbone(model, augment.enabled), model, None
    if backbone is not None:
        net = HeadOnly(model)

        def on_features(done: int, total: int) -> None:  # minutes at 224×224 on a CPU: progress, pause, stop
            if control.paused:
                state.paused_seconds += control.wait_while_paused()
            if control.stop_requested:
                raise FeaturesStopped
            callbacks.on_features(state, done, total)

        try:
            x_train, x_val, x_test = features_once(backbone, (x_train, x_val, dataset.x_test.to(device)), on_features)
        except FeaturesStopped:  # stopped before the first epoch: nothing trained, nothing to test
            state.status, state.message = "stopped", "Stopped by request while the backbone's features were computed."
            state.stop_training = True

    fmt, n_train, batch_size, batches = state.memory_format, state.n_train, state.batch_size, state.batches_per_epoch
    fmt = fmt if backbone is None else torch.contiguous_format
    train_time, samples_seen = state.train_time, state.samples_seen
    step = (state.start_epoch - 1) * batches
    fit_start = time.perf_counter() - state.elapsed
    # A run checkpointed just as early stopping ended it has no epochs left (nor one stopped while features were computed).
    last_epoch = state.start_epoch - 1 if state.stop_training else cfg_train.epochs

    for epoch in range(state.start_epoch, last_epoch + 1):
        epoch_start, paused_before = time.perf_counter(), state.paused_seconds
        perm = torch.randperm(n_train, generator=state.generators["shuffle"]).to(device)
        y_epoch = y_train[perm]  # labels in batch order: each batch's are a slice, no gather
        meter = EpochMeter(y_epoch, classification, device)
        for b in range(batches):
            if control.paused:
                state.paused_seconds += control.wait_while_paused()
            if control.stop_requested:
                state.status, state.message = "stopped", f"Stopped by request during epoch {epoch}."
                break
            lo, hi = b * batch_size, min((b + 1) * batch_size, n_train)
            xb = x_train[perm[lo:hi]]
            if augment.enabled:
                xb = augment(xb)
            if fmt is not torch.contiguous_format:
                xb = xb.contiguous(memory_format=fmt)
            try:
                loss, out = train_step(net, optimizer, train_loss_fn, xb, y_epoch[lo:hi], cfg_reg, penalized, autocast)
                schedule.on_batch_end()
            except (RuntimeError, OverflowError, FloatingPointError) as e:
                if not _is_overflow(e):
                    raise
                state.status, state.message = "diverged", _overflowed(epoch, b + 1, optimizer)
                break
            step += 1
            if state.initial_loss is None:  # the untrained model's loss: DivergenceGuard's reference
                state.initial_loss = loss.item()
            if not meter.add(loss, out, hi - lo) or (b == batches - 1 and not meter.finite()):
                state.status, state.message = "diverged", _diverged(epoch, b + 1, optimizer)
                break
            if callbacks.batch:
                lr = optimizer.param_groups[0]["lr"]
                callbacks.on_batch_end(state, BatchLogs(epoch, b + 1, batches, step, hi - lo, loss, lr, meter))
                if state.stop_training:
                    break

        epoch_paused = state.paused_seconds - paused_before
        epoch_train_seconds = time.perf_counter() - epoch_start - epoch_paused
        train_time += epoch_train_seconds
        samples_seen += meter.seen
        if state.status == "completed" and meter.seen < n_train:  # a batch callback asked to stop
            state.status, state.message = "stopped", state.stop_reason or f"Stopped during epoch {epoch}."
        if state.status != "completed":
            break  # an unfinished epoch is not evaluated or logged as complete

        train_loss, train_acc = meter.loss(), meter.accuracy()
        val_loss = val_acc = val_mae = val_r2 = None
        if state.n_val:
            val_loss, val_acc = evaluate(net, x_val, y_val, loss_fn, dataset.task, memory_format=fmt)
            if not math.isfinite(val_loss):
                state.status, state.message = "diverged", _diverged(epoch, None, optimizer)
                break
            if dataset.task == "regression":
                val_mae, val_r2 = regression_metrics(net, x_val, y_val)
        schedule.on_epoch_end(val_loss)
        logs = EpochLogs(
            epoch=epoch, loss=train_loss, accuracy=train_acc, val_loss=val_loss, val_accuracy=val_acc,
            lr=optimizer.param_groups[0]["lr"], seconds=time.perf_counter() - epoch_start - epoch_paused,
            samples_per_second=meter.seen / max(epoch_train_seconds, 1e-9), val_mae=val_mae, val_r2=val_r2,
        )
        state.history.append(logs)
        state.train_time, state.samples_seen = train_time, samples_seen
        state.elapsed = time.perf_counter() - fit_start - state.paused_seconds
        callbacks.on_epoch_end(state, logs)
        if state.stop_training:
            break
        if control.stop_requested:
            state.status, state.message = "stopped", f"Stopped by request after epoch {epoch}."
            break

    total_seconds = time.perf_counter() - fit_start - state.paused_seconds
    if state.status == "completed":
        state.message = state.stop_reason or f"Completed {len(state.history)} epoch{'s' * (len(state.history) != 1)}."
    callbacks.on_train_end(state)  # BestWeights puts back the weights to return

    test_loss = test_acc = test_mae = test_r2 = None
    tested = (state.status != "diverged" or best.restored) and (x_test is not None or backbone is None)
    if tested and len(dataset.x_test):  # weights worth testing
        x_test, y_test = (dataset.x_test.to(device) if x_test is None else x_test), dataset.y_test.to(device)
        test_loss, test_acc = evaluate(net, x_test, y_test, loss_fn, dataset.task, memory_format=fmt)
        if dataset.task == "regression":
            test_mae, test_r2 = regression_metrics(net, x_test, y_test)

    cpu_state = {k: v.detach().to("cpu", copy=True).contiguous() for k, v in model.state_dict().items()}
    trained = TrainedModel(
        config, cpu_state, dataset.task, copy.copy(dataset.class_names), label=config.name, created=now_iso()
    )
    result = FitResult(
        status=state.status, message=state.message,
        epochs_completed=len(state.history), history=list(state.history), best_epoch=state.best_epoch,
        best_val_loss=state.best_val_loss, best_val_accuracy=state.best_val_accuracy,
        test_loss=test_loss, test_accuracy=test_acc,
        train_seconds=total_seconds, samples_per_second=samples_seen / max(train_time, 1e-9), device=str(device),
        model=trained, early_stopped=state.early_stopped, test_mae=test_mae, test_r2=test_r2,
    )
    trained.summary = result.summary()
    if dataset.preprocessing is not None:  # a table's encoding of raw rows travels with the model (bundles, projects)
        trained.summary["table"] = dataset.preprocessing.to_dict()
    callbacks.on_fit_end(state, result)
    return result
