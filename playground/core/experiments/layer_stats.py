"""Training health: per-layer statistics of a run, and plain-language diagnoses.

`LayerStatsRecorder` is a training callback. At the end of every epoch it passes one fixed
probe batch of training samples (the first `probe` of them) forward and backward through the
model, in eval mode so that dropout and batch norm's running statistics are left alone, and
records for each layer of the stack:

- the histogram, mean and standard deviation of its outputs (the activations);
- the same of the loss's gradient with respect to those outputs;
- for a layer with weights, their histogram, and the size of the optimizer's last update of
  the epoch relative to the weights, ||ΔW|| / ||W|| (from a copy taken before that step).

The gradients come from `torch.autograd.grad`, so the parameters' `.grad` the optimizer uses are
never touched, and no random numbers are drawn: a run with the recorder trains exactly as one
without it. Everything kept is small NumPy arrays and floats, never live tensors.

With `every` it also records every `every` batches within an epoch (the same probe, with the
update ratio of the step just taken), for a window that shows the statistics live while one
long epoch runs; each record, at an epoch's end or within one, goes to `on_record` as a
`HealthSnapshot` (numbers and NumPy arrays only, to cross threads).

`diagnose` turns an epoch's statistics into diagnoses: saturated Sigmoid/Tanh units, dead
ReLUs, vanishing or exploding gradients, updates far too small or too large for the weights,
and a loss that is not falling. Each has a key and values (the window says it in its own
language) and names the lesson that shows it (core.experiments.lessons).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np
import torch
from torch import nn

from playground.core.training.callbacks import BatchLogs, Callback, EpochLogs, FitState
from playground.core.training.loop import _loss_function

__all__ = [
    "FIXED_RANGES", "Diagnosis", "HealthSnapshot", "LayerStats", "LayerStatsRecorder", "diagnose", "layer_label", "layer_stats",
    "output_module",
    "stack_layers", "summary_histogram",
]

BINS = 30
# Training samples in the probe batch. 64 rather than 128: the probe's forward and backward pass
# is most of a record's cost, and a cnn record at 128 took 5% of a 4,000-sample epoch (on a
# 2-core CPU); the histograms below take at most MAX_VALUES values of a tensor anyway.
PROBE = 64
# A histogram, mean and std are taken over at most this many values of a tensor (at random, see
# _sample): a conv layer's activations for the probe batch are hundreds of thousands of
# values, and binning them all cost several times the probe's forward and backward pass. 4,096
# values fill 30 bins to within a percent or two of the whole tensor's shape.
MAX_VALUES = 2**12

# Thresholds of the rules (see `diagnose`), each with the reason for its value.
SATURATED_BAND = 0.01  # a Sigmoid output within 0.01 of 0 or 1 (Tanh: of ±1) has a slope below ~0.01
SATURATED_SHARE = 0.5  # more than half of a layer's outputs there: most of its units pass almost no gradient
DEAD_SHARE = 0.5  # more than half of a ReLU layer's units output 0 for every probe sample
# The relative gradient ||dL/dW|| / ||W|| of the first layer with weights against the last:
# below 1e-4 the first layer learns ten thousand times slower (vanishing); above 1e4, the reverse.
VANISHING_RATIO = 1e-4
EXPLODING_RATIO = 1e4
# ||ΔW|| / ||W|| per step: about 1e-3 is the usual healthy figure. Below 1e-6 the weights hardly
# move (a learning rate far too small); above 0.5 a step changes a layer by half its size, so
# training jumps about rather than descends (small networks on toy data run near 0.1 and train fine).
UPDATE_TOO_SMALL = 1e-6
UPDATE_TOO_LARGE = 0.5
FLAT_EPOCHS = 3  # the training loss has not fallen by 1% since the first epoch, after this many epochs
FLAT_FALL = 0.01


@dataclass(frozen=True)
class Histogram:
    counts: np.ndarray  # fraction of values in each bin (sums to 1; all 0 for no values)
    edges: np.ndarray  # BINS + 1
    mean: float
    std: float
    n: int = 0  # the number of values binned (TensorBoard's raw histograms take counts, not fractions)

    def to_dict(self) -> dict:
        return {
            "counts": [round(float(c), 6) for c in self.counts],
            "edges": [float(e) for e in self.edges],
            "mean": self.mean,
            "std": self.std,
            "n": self.n,
        }


def _sample(values: torch.Tensor | np.ndarray) -> np.ndarray:
    """At most MAX_VALUES of `values`, flattened (drawn at random, the same every time for a
    tensor of a size), as a float64 NumPy array (every value when fewer). A sample is returned
    as it is."""
    if isinstance(values, np.ndarray):
        return values
    v = values.detach().flatten()
    if v.numel() > MAX_VALUES:
        # Random positions from a generator of its own (the run's random numbers are untouched),
        # seeded by the size so a tensor is sampled alike every time. An even stride lined up with
        # the maps' layout: a conv layer's 64×16×28×28 outputs sampled every 196th value saw the
        # same four pixels of every map, and the histogram came out as a comb.
        g = torch.Generator().manual_seed(v.numel())
        v = v[torch.randint(v.numel(), (MAX_VALUES,), generator=g).to(v.device)]
    return v.float().cpu().numpy().astype(np.float64)


def summary_histogram(
    values: torch.Tensor | np.ndarray, lo: float | None = None, hi: float | None = None, bins: int = BINS
) -> Histogram:
    """The histogram of `values` over [lo, hi] (default: their own range), as fractions, with
    the mean and (population) standard deviation; over at most MAX_VALUES of them. Binned as
    `torch.histc` bins: values outside the range are left out, the top edge is in the last bin.

    NumPy on the (small) sample: a dozen torch calls per histogram cost more than the binning,
    and a layer stack has three histograms per layer."""
    v = _sample(values)
    finite = np.isfinite(v)
    if not finite.all():
        v = v[finite]
    if v.size == 0:
        return Histogram(np.zeros(bins), np.linspace(0.0, 1.0, bins + 1), math.nan, math.nan)
    lo = float(v.min()) if lo is None else lo
    hi = float(v.max()) if hi is None else hi
    if hi <= lo:
        lo, hi = lo - 0.5, hi + 0.5
    inside = v[(v >= lo) & (v <= hi)]
    index = np.minimum(((inside - lo) * (bins / (hi - lo))).astype(np.intp), bins - 1)
    counts = np.bincount(index, minlength=bins).astype(np.float64)
    total = counts.sum()
    return Histogram(counts / total if total else counts, np.linspace(lo, hi, bins + 1), float(v.mean()), float(v.std()), int(total))


def _symmetric(values: torch.Tensor) -> Histogram:
    """A histogram over a range symmetric about 0 (for gradients)."""
    v = _sample(values)
    finite = v[np.isfinite(v)]
    top = float(np.abs(finite).max()) if finite.size else 1.0
    return summary_histogram(v, -top or -1.0, top or 1.0)


FIXED_RANGES = {nn.Sigmoid: (0.0, 1.0), nn.Tanh: (-1.0, 1.0)}  # outputs binned over their whole range


@dataclass
class LayerStats:
    """One layer's statistics in one epoch (see the module docstring)."""

    layer: int  # 1-based position in the layer stack
    label: str  # e.g. "Layer 2 (ReLU)"
    kind: str  # the module's class name: Linear, Conv2d, ReLU, Sigmoid, ...
    activations: Histogram
    gradients: Histogram
    weights: Histogram | None = None
    grad_norm_ratio: float | None = None  # ||dL/dW|| / ||W|| (layers with weights)
    update_ratio: float | None = None  # ||ΔW|| / ||W|| of the epoch's last step
    saturated: float | None = None  # Sigmoid/Tanh: the share of outputs within SATURATED_BAND of the ends
    dead: float | None = None  # ReLU: the share of units that output 0 for every probe sample

    def to_dict(self) -> dict:
        out: dict[str, Any] = {"layer": self.layer, "label": self.label, "kind": self.kind}
        out["activations"] = self.activations.to_dict()
        out["gradients"] = self.gradients.to_dict()
        if self.weights is not None:
            out["weights"] = self.weights.to_dict()
        for name in ("grad_norm_ratio", "update_ratio", "saturated", "dead"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        return out


@dataclass(frozen=True)
class Diagnosis:
    """A rule that fired: `key` and `values` for a translated text, `message` in English, and
    the lesson (core.experiments.lessons) that shows the effect."""

    key: str
    message: str
    lesson: str
    values: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"key": self.key, "message": self.message, "lesson": self.lesson, "values": dict(self.values)}


@dataclass(frozen=True)
class HealthSnapshot:
    """One record of `LayerStatsRecorder`: the statistics of every layer after step `step`
    (batch `batch` of `batches` in epoch `epoch`; `batch == batches` at an epoch's end), and the
    diagnoses they call for. Plain numbers and NumPy arrays: safe to hand to another thread."""

    epoch: int
    batch: int
    batches: int
    step: int
    layers: tuple[LayerStats, ...]
    diagnoses: tuple[Diagnosis, ...]
    samples: int = PROBE  # training samples in the probe batch


# The layer stack's names (core.config.catalogue) for torch's modules, so labels read as the window does.
_APP_NAMES = {"Linear": "Dense", "Conv2d": "Conv2D", "MaxPool2d": "MaxPool2D", "AvgPool2d": "AvgPool2D",
              "BatchNorm1d": "BatchNorm", "BatchNorm2d": "BatchNorm"}


def layer_label(i: int, module: nn.Module) -> str:
    """"Layer 3 (Dense)", "Layer 2 (Dense + Sigmoid)" for a Dense layer with its own activation,
    "Layer 4 (ReLU)" for an Activation layer."""
    parts = list(module) if isinstance(module, nn.Sequential) else [module]
    return f"Layer {i} ({' + '.join(_APP_NAMES.get(type(m).__name__, type(m).__name__) for m in parts)})"


def output_module(module: nn.Module) -> nn.Module:
    """The module that makes a stack layer's output: a Dense layer built with its own activation
    is a Sequential(Linear, activation)."""
    return module[-1] if isinstance(module, nn.Sequential) and len(module) else module


def _weight(module: nn.Module) -> torch.Tensor | None:
    """The first trained weight of a stack layer: its own, a Dense layer's Linear's, or a residual
    block's first convolution's (conv1: the block's input side, where vanishing gradients show)."""
    for m in module.modules():
        w = getattr(m, "weight", None)
        if isinstance(w, torch.Tensor) and w.requires_grad:
            return w
    return None


def stack_layers(model: nn.Module) -> list[tuple[int, nn.Module]]:
    """(1-based position in the layer stack, module) for each layer of a built Network."""
    body = getattr(model, "body", model)
    return list(enumerate(body.children(), start=1)) if isinstance(body, nn.Sequential) else []


def layer_stats(
    model: nn.Module,
    x: torch.Tensor,
    y: torch.Tensor,
    loss_fn,
    before_step: dict[int, torch.Tensor] | None = None,
    after_step: dict[int, torch.Tensor] | None = None,
) -> list[LayerStats]:
    """The statistics of every layer of `model` for the batch (`x`, `y`) under `loss_fn`
    (module docstring). `before_step`/`after_step`: each weighted layer's weights before and
    after one optimizer step, by layer number, for its update ratio."""
    layers = stack_layers(model)
    outputs: dict[int, torch.Tensor] = {}
    hooks = [
        module.register_forward_hook(lambda m, inp, out, i=i: outputs.__setitem__(i, out))
        for i, module in layers
    ]
    was_training = model.training
    model.eval()
    try:
        with torch.enable_grad():
            loss = loss_fn(model(x), y)
            order = [i for i, _ in layers if i in outputs and outputs[i].requires_grad]
            weights = {i: w for i, m in layers if (w := _weight(m)) is not None}
            wanted = [outputs[i] for i in order] + list(weights.values())
            grads = torch.autograd.grad(loss, wanted, allow_unused=True) if wanted else []
    finally:
        for h in hooks:
            h.remove()
        model.train(was_training)
    out_grads = dict(zip(order, grads[: len(order)]))
    weight_grads = dict(zip(weights, grads[len(order):]))
    result = []
    for i, module in layers:
        if i not in outputs:
            continue
        unit = output_module(module)
        act = outputs[i].detach()
        lo_hi = FIXED_RANGES.get(type(unit))
        stats = LayerStats(
            layer=i,
            label=layer_label(i, module),
            kind=type(unit).__name__,
            activations=summary_histogram(act, *lo_hi) if lo_hi else summary_histogram(act),
            gradients=_symmetric(out_grads[i]) if out_grads.get(i) is not None else summary_histogram(torch.zeros(0)),
        )
        if isinstance(unit, (nn.Sigmoid, nn.Tanh)):
            lo, hi = lo_hi
            stats.saturated = float(((act <= lo + SATURATED_BAND) | (act >= hi - SATURATED_BAND)).double().mean())
        if isinstance(unit, nn.ReLU):
            # A unit (a channel, for a conv layer) is dead when its largest |output| over the probe is 0.
            peak = act.abs().amax(dim=[0, *range(2, act.ndim)]) if act.ndim > 1 else act.abs().amax().reshape(1)
            stats.dead = float((peak == 0).double().mean())
        if i in weights:
            w = weights[i].detach()
            stats.weights = summary_histogram(w)
            g = weight_grads.get(i)
            norm = _norm(w)
            if g is not None and norm > 0:
                stats.grad_norm_ratio = _norm(g) / norm
            if before_step and after_step and i in before_step and i in after_step:
                old = _norm(before_step[i])
                if old > 0:
                    stats.update_ratio = _norm(after_step[i] - before_step[i]) / old
        result.append(stats)
    return result


def _norm(t: torch.Tensor) -> float:
    """The Euclidean norm of `t`, in float32 (float64 accumulation cost a record of the mlp preset
    a third of its time, and a ratio of two norms needs no more than float32's 7 digits)."""
    return float(torch.linalg.vector_norm(t.float()))


def diagnose(stats: list[LayerStats], losses: list[float] | None = None, lr_share: float = 1.0) -> list[Diagnosis]:
    """The diagnoses that one epoch's statistics (and the training losses of the epochs so
    far) call for; [] for a healthy run. `lr_share`: the learning rate of the step measured
    as a share of the optimizer's own; a schedule that has annealed it (below half) makes
    small updates on purpose, so they are not called too small."""
    found: list[Diagnosis] = []
    for s in stats:
        if s.saturated is not None and s.saturated > SATURATED_SHARE:
            pct = round(100 * s.saturated)
            found.append(Diagnosis(
                "saturated",
                f"{pct}% of layer {s.layer}'s outputs ({s.kind}) are within {SATURATED_BAND} of its limits, where it passes "
                "almost no gradient back — try Xavier initialisation or batch norm.",
                "weight-init-sigmoid",
                {"percent": pct, "layer": s.layer, "kind": s.kind},
            ))
        if s.dead is not None and s.dead > DEAD_SHARE:
            pct = round(100 * s.dead)
            found.append(Diagnosis(
                "dead_relu",
                f"{pct}% of layer {s.layer}'s ReLU units output 0 for every input, so they no longer learn — try He "
                "initialisation or a lower learning rate.",
                "weight-init-relu",
                {"percent": pct, "layer": s.layer},
            ))
    ratios = [s for s in stats if s.grad_norm_ratio is not None]
    if any(not math.isfinite(s.grad_norm_ratio) for s in ratios):
        bad = next(s for s in ratios if not math.isfinite(s.grad_norm_ratio))
        found.append(Diagnosis(
            "exploding_gradients",
            f"The gradients of layer {bad.layer} are not finite — lower the learning rate or use batch norm.",
            "batchnorm",
            {"layer": bad.layer, "first": bad.layer, "last": bad.layer, "ratio": "inf"},
        ))
    elif len(ratios) >= 2 and ratios[-1].grad_norm_ratio > 0:
        first, last = ratios[0], ratios[-1]
        ratio = first.grad_norm_ratio / last.grad_norm_ratio
        if ratio < VANISHING_RATIO or ratio > EXPLODING_RATIO:
            key = "vanishing_gradients" if ratio < VANISHING_RATIO else "exploding_gradients"
            what = "vanish" if key == "vanishing_gradients" else "explode"
            found.append(Diagnosis(
                key,
                f"The gradients {what} on their way back: layer {first.layer}'s weights get {ratio:.1e} times the "
                f"relative gradient of layer {last.layer}'s — try He or Xavier initialisation, or batch norm.",
                "weight-init-sigmoid" if key == "vanishing_gradients" else "batchnorm",
                {"first": first.layer, "last": last.layer, "ratio": f"{ratio:.1e}"},
            ))
    updates = [s for s in stats if s.update_ratio is not None]
    if updates:
        small = min(updates, key=lambda s: s.update_ratio)
        large = max(updates, key=lambda s: s.update_ratio)
        if large.update_ratio > UPDATE_TOO_LARGE:
            found.append(Diagnosis(
                "updates_too_large",
                f"One step changes layer {large.layer}'s weights by {large.update_ratio:.2g} of their size (about 0.001 "
                "is usual) — lower the learning rate.",
                "optimizers",
                {"layer": large.layer, "ratio": f"{large.update_ratio:.2g}"},
            ))
        elif small.update_ratio < UPDATE_TOO_SMALL and lr_share >= 0.5:
            found.append(Diagnosis(
                "updates_too_small",
                f"One step changes layer {small.layer}'s weights by only {small.update_ratio:.2g} of their size (about "
                "0.001 is usual), so they hardly move — raise the learning rate.",
                "optimizers",
                {"layer": small.layer, "ratio": f"{small.update_ratio:.2g}"},
            ))
    if losses and len(losses) >= FLAT_EPOCHS and all(map(math.isfinite, losses)):
        if losses[-1] > losses[0] * (1 - FLAT_FALL):
            found.append(Diagnosis(
                "loss_not_falling",
                f"The training loss has not fallen in {len(losses)} epochs ({losses[0]:.4g} → {losses[-1]:.4g}) — check "
                "the learning rate and the weight initialisation.",
                "optimizers",
                {"epochs": len(losses), "first": f"{losses[0]:.4g}", "last": f"{losses[-1]:.4g}"},
            ))
    return found


class LayerStatsRecorder(Callback):
    """Records `layer_stats` of a fixed probe batch at the end of epochs, and the diagnoses
    they call for (`epochs`: one dict per recorded epoch, as `train --stats` writes them).

    The first and the last epoch are always recorded, the others while the recorder's own time
    stays within `max_share` of the run's: with epochs of a few milliseconds (the toy sets) a
    probe every epoch would cost a fifth of the run, so some are skipped (their numbers are
    missing from `epochs`); with real data sets every epoch is recorded.

    `every` (batches; 0: epoch ends only) adds records within epochs, after every `every`-th
    step, under the same time budget; they go to `on_record` only, not into `epochs`.
    `min_interval` (seconds) spaces all records but the first and the last epoch's, so a window
    is not sent more than it can draw. `on_record(snapshot)` hears every record (on the
    training thread)."""

    def __init__(
        self,
        probe: int = PROBE,
        max_share: float = 0.03,
        every: int = 0,
        min_interval: float = 0.0,
        on_record: Callable[[HealthSnapshot], None] | None = None,
    ):
        self.probe = probe
        self.max_share = max_share
        self.every = every
        self.min_interval = min_interval
        self.on_record = on_record
        self.epochs: list[dict] = []
        self._spent = 0.0
        self._t0 = time.perf_counter()
        self._last_record = -math.inf  # when the last record was made
        self._recording: bool | None = None  # decided at the epoch's next-to-last batch
        self._x = self._y = self._loss_fn = None
        self._before: dict[int, torch.Tensor] = {}
        self._after: dict[int, torch.Tensor] = {}
        self._mid_before: dict[int, torch.Tensor] | None = None  # weights before a step recorded within an epoch
        self._losses: list[float] = []
        self._lr_share = 1.0
        self._step = 0

    def on_fit_start(self, state: FitState) -> None:
        self._t0 = time.perf_counter()
        data = state.dataset
        n = min(self.probe, len(data.x_train))
        self._x = data.x_train[:n].to(state.device)
        self._y = data.y_train[:n].to(state.device)
        self._loss_fn = _loss_function(state.task, state.config.train.loss)

    def _weights(self, state: FitState) -> dict[int, torch.Tensor]:
        return {i: w.detach().clone() for i, m in stack_layers(state.model) if (w := _weight(m)) is not None}

    def _within_budget(self) -> bool:
        now = time.perf_counter()
        return self._spent <= self.max_share * (now - self._t0) and now - self._last_record >= self.min_interval

    def _due(self, state: FitState, epoch: int) -> bool:
        if epoch in (state.start_epoch, state.epochs):
            return True
        return self._within_budget()

    def on_batch_end(self, state: FitState, logs: BatchLogs) -> None:
        self._step = logs.step
        # The update ratio of the epoch's last step: the weights after the step before it are
        # the weights before it (one copy of the weights per epoch, twice).
        if logs.batch == logs.batches - 1:
            self._recording = self._due(state, logs.epoch)
            if self._recording:
                began = time.perf_counter()
                self._before = self._weights(state)
                self._spent += time.perf_counter() - began
        elif logs.batch == logs.batches and self._before:
            began = time.perf_counter()
            self._after = self._weights(state)
            self._lr_share = logs.lr / state.config.optimizer.lr
            self._spent += time.perf_counter() - began
        if self.every:
            self._within_epoch(state, logs)

    def _within_epoch(self, state: FitState, logs: BatchLogs) -> None:
        """A record after every `every`-th step, apart from the epoch's last two batches (the
        epoch's own record measures those): the weights are copied one batch before it."""
        if self._mid_before is not None:
            began = time.perf_counter()
            after = self._weights(state)
            stats = layer_stats(state.model, self._x, self._y, self._loss_fn, self._mid_before, after)
            self._mid_before = None
            found = diagnose(stats, self._losses, logs.lr / state.config.optimizer.lr)
            self._spent += time.perf_counter() - began
            self._record(HealthSnapshot(logs.epoch, logs.batch, logs.batches, logs.step, tuple(stats), tuple(found), len(self._x)))
        elif (
            self._x is not None
            and logs.batch + 1 < logs.batches - 1
            and (logs.step + 1) % self.every == 0
            and self._within_budget()
        ):
            began = time.perf_counter()
            self._mid_before = self._weights(state)
            self._spent += time.perf_counter() - began

    def _record(self, snapshot: HealthSnapshot) -> None:
        self._last_record = time.perf_counter()
        if self.on_record is not None:
            self.on_record(snapshot)

    def on_epoch_end(self, state: FitState, logs: EpochLogs) -> None:
        self._losses.append(float(logs.loss))
        self._mid_before = None
        recording = self._recording if self._recording is not None else self._due(state, logs.epoch)
        self._recording = None
        if self._x is None or not recording:
            self._before, self._after = {}, {}
            return
        began = time.perf_counter()
        stats = layer_stats(state.model, self._x, self._y, self._loss_fn, self._before, self._after)
        self._before, self._after = {}, {}
        found = diagnose(stats, self._losses, self._lr_share)
        self._spent += time.perf_counter() - began
        self.epochs.append({
            "epoch": logs.epoch,
            "layers": [s.to_dict() for s in stats],
            "diagnoses": [d.to_dict() for d in found],
        })
        batches = state.batches_per_epoch
        self._record(HealthSnapshot(logs.epoch, batches, batches, self._step, tuple(stats), tuple(found), len(self._x)))
