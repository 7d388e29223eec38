"""The loss landscape lab: the loss over a 2-D slice of parameter space around trained weights,
and the paths optimizers took, projected onto that slice ("Deep Learning from Scratch" ch. 6's
contour plot, on a real network instead of a made-up function).

A *plane* is a centre c (a flat weight vector) and two directions d1, d2; the surface is

    L(a, b) = loss(c + a·d1 + b·d2)      on a grid of a and b (41 × 41 by default),

evaluated by `loss_surface` one point at a time on a fixed batch, with `progress(done, total)`
after each point and a `RunControl` whose stop ends it early (the points not reached stay NaN
and `Landscape.complete` is False): a window runs it on a job's thread and draws plain NumPy.

Two kinds of plane:

- `random_plane`: two random Gaussian directions normalised per filter, as Li et al.,
  "Visualizing the Loss Landscape of Neural Nets" (NeurIPS 2018): each filter of a direction
  (a Conv2D output channel, a Dense unit's row of weights) is scaled to the norm of the same
  filter of the weights, so a step of 1 moves every filter by its own size and layers of
  different scales are compared fairly. Parameters with one dimension — biases, BatchNorm's
  scale and shift — are zero in the directions (the paper's choice, its `ignore='biasbn'`): they
  keep their trained values all over the plane. The grid spans [-1, 1] in these units.
- `pca_plane`: for trajectories. In a space of 10⁴–10⁵ dimensions two random directions are
  almost orthogonal to any path, which then projects to a dot at the centre (Li et al. §7 show
  this); they plot trajectories on the first two principal components of the matrix of
  [w_t − c] instead, and so does this module. For several optimizers the PCA is of all their
  snapshots together, so every path lies on one shared plane, centred on one variant's final
  weights (`optimizer_landscape`'s `reference`, Adam by default: the issue's "direct way"). Its
  directions are orthonormal; the grid spans the paths' extent with a margin, in weight units.

Projecting a path (`project`): the coordinates of each w_t − c in the plane by least squares
(the random directions are not orthogonal: ⟨d1, d2⟩ ≠ 0), and how much of it lies outside the
plane: per point ‖r‖ / ‖w_t − c‖ with r the residual, and per step (w_t → w_t+1) the same for
the step. A large share outside means the drawn path is a shadow of the real one.

What the loss is evaluated on, and how. `samples` training samples (the split `fit` trained on,
a seeded random subset), fixed for every grid point so the surface is a function of the weights
alone; the model in eval mode: Dropout would draw a new mask at each point (a noisy surface),
and BatchNorm in training mode would use each batch's statistics; in eval mode it uses the
running statistics of the trained model at every point (they are not recomputed for the moved
weights). The loss is the one `fit` reports (cross-entropy or MSE; no label smoothing, no L1/L2
penalty). Snapshots are CPU float32 copies of the flattened parameters (`PathRecorder`, a
training callback: at the start and every epoch, or every N batches).
"""

from __future__ import annotations

import copy
import math
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Sequence

import numpy as np
import torch
from torch import nn

from playground.core.errors import ConfigError
from playground.core.experiments.compare import ComparisonCallback, Variant, run_comparison, vary
from playground.core.training.loop import RunControl
from playground.core.training.loop import _loss_function as loss_function  # the loss fit reports
from playground.core.training.loop import _split_validation, fit

if TYPE_CHECKING:
    from playground.core.config.spec import RunConfig
    from playground.core.data.dataset import Dataset
    from playground.core.model.trained import TrainedModel
    from playground.core.training.callbacks import BatchLogs, EpochLogs, FitState

__all__ = [
    "BOOK_OPTIMIZERS",
    "GRID",
    "SAMPLES",
    "SPAN",
    "Landscape",
    "PathRecorder",
    "Plane",
    "ProjectedPath",
    "filter_normalized_direction",
    "flat_parameters",
    "landscape_of",
    "loss_surface",
    "optimizer_landscape",
    "pca_plane",
    "project",
    "random_plane",
    "train_paths",
]

GRID = 41  # points per axis
SPAN = 1.0  # a random plane's grid spans [-SPAN, SPAN] in direction units
SAMPLES = 1000  # training samples the loss is evaluated on
MARGIN = 0.25  # a PCA plane's grid reaches this share of the paths' extent beyond them
# The optimizers of "Deep Learning from Scratch" fig. 6-8 (the lesson's list has four more).
BOOK_OPTIMIZERS = ("sgd", "momentum", "adagrad", "adam")
BATCH = 1000  # samples per forward pass while evaluating
SMALL_WORK = 10_000_000  # parameters × samples below which a point is evaluated on one torch thread
CHANNELS_LAST = True  # conv models evaluated channels-last on the CPU (benchmarks/landscape.py measures both)

Progress = Callable[[int, int], None]  # (grid points done, total)


# --------------------------------------------------------------------------- flat weights


def flat_parameters(model: nn.Module) -> torch.Tensor:
    """Every parameter of `model`, in `parameters()` order, as one CPU float32 vector (a copy)."""
    return torch.cat([p.detach().reshape(-1).to("cpu", torch.float32) for p in model.parameters()])


def _load_flat(params: Sequence[nn.Parameter], vector: torch.Tensor) -> None:
    with torch.no_grad():
        start = 0
        for p in params:
            n = p.numel()
            p.copy_(vector[start : start + n].view_as(p))
            start += n


def filter_normalized_direction(model: nn.Module, generator: torch.Generator) -> torch.Tensor:
    """A random Gaussian direction over `model`'s parameters (flat, CPU float32), each filter
    scaled to the norm of the same filter of the weights (Li et al.): along dimension 0 of a
    weight tensor (a Conv2D output channel, a Dense unit); 1-D parameters (biases, BatchNorm) zero."""
    parts = []
    for p in model.parameters():
        w = p.detach().to("cpu", torch.float32)
        if w.dim() <= 1:
            parts.append(torch.zeros(w.numel()))
            continue
        d = torch.randn(w.shape, generator=generator)
        rows_w, rows_d = w.reshape(len(w), -1), d.reshape(len(d), -1)
        scale = rows_w.norm(dim=1, keepdim=True) / (rows_d.norm(dim=1, keepdim=True) + 1e-10)
        parts.append((rows_d * scale).reshape(-1))
    return torch.cat(parts)


@dataclass(frozen=True)
class Plane:
    """A centre and two directions (flat CPU float32 vectors); `kind` 'random' or 'pca';
    `explained`: for PCA, the share of the trajectories' variance each direction holds."""

    center: torch.Tensor = field(repr=False)
    d1: torch.Tensor = field(repr=False)
    d2: torch.Tensor = field(repr=False)
    kind: str = "random"
    explained: tuple[float, float] | None = None

    def point(self, a: float, b: float) -> torch.Tensor:
        return self.center + a * self.d1 + b * self.d2

    def to_dict(self) -> dict[str, Any]:
        cosine = float(self.d1 @ self.d2 / (self.d1.norm() * self.d2.norm() + 1e-30))
        return {
            "kind": self.kind, "parameters": int(self.center.numel()),
            "norm_d1": float(self.d1.norm()), "norm_d2": float(self.d2.norm()), "cosine_d1_d2": cosine,
            "explained_variance": None if self.explained is None else list(self.explained),
        }


def random_plane(model: nn.Module, seed: int = 0) -> Plane:
    """Two filter-normalised random directions around `model`'s weights (module docstring)."""
    generator = torch.Generator().manual_seed(seed)
    d1 = filter_normalized_direction(model, generator)
    d2 = filter_normalized_direction(model, generator)
    if not d1.any():
        raise ConfigError(
            "The model has no weights with filters (only biases or none): there is no plane to draw.", "landscape_no_filters"
        )
    return Plane(flat_parameters(model), d1, d2, "random")


def pca_plane(center: torch.Tensor, paths: Sequence[Sequence[torch.Tensor]]) -> Plane:
    """The first two principal directions of every snapshot of every path minus `center`
    (Li et al. §7; not mean-centred, as theirs: the plane goes through `center`)."""
    rows = [w - center for path in paths for w in path]
    if not rows:
        raise ConfigError("There are no weight snapshots to find the paths' plane from — train for at least one epoch.")
    m = torch.stack(rows).double()
    _, s, vh = torch.linalg.svd(m, full_matrices=False)
    total = float((s**2).sum())
    if len(s) < 2 or total == 0 or s[1] <= s[0] * 1e-9:
        raise ConfigError(
            "The weights hardly moved during training (the paths span less than a plane) — train for more epochs "
            "or with a larger learning rate.",
            "landscape_paths_flat",
        )
    explained = (float(s[0] ** 2) / total, float(s[1] ** 2) / total)
    return Plane(center.clone(), vh[0].float(), vh[1].float(), "pca", explained)


# --------------------------------------------------------------------------- paths


@dataclass(frozen=True)
class ProjectedPath:
    """One training run's weights on the plane: `x`, `y` per snapshot, its (epoch, batch) label
    (epoch 0 = the start), the share of w_t − c outside the plane (`out_of_plane`) and of each
    step w_t → w_t+1 (`step_out_of_plane`, one fewer)."""

    name: str
    x: np.ndarray
    y: np.ndarray
    epoch: np.ndarray
    batch: np.ndarray
    out_of_plane: np.ndarray
    step_out_of_plane: np.ndarray

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "x": _list(self.x), "y": _list(self.y), "epoch": self.epoch.tolist(),
            "batch": self.batch.tolist(), "out_of_plane": _list(self.out_of_plane),
            "step_out_of_plane": _list(self.step_out_of_plane),
        }


def _residual_share(v: torch.Tensor, a: torch.Tensor) -> np.ndarray:
    """(coefficients k×2, ‖v − a·coef‖ / ‖v‖ per row) for rows v (k×n) and directions a (2×n)."""
    gram = a @ a.T
    coef = torch.linalg.solve(gram, a @ v.T).T  # least squares: (AᵀA)⁻¹Aᵀv, with A = aᵀ
    residual = (v - coef @ a).norm(dim=1)
    norm = v.norm(dim=1)
    share = torch.where(norm > 0, residual / norm.clamp_min(1e-30), torch.zeros_like(norm))
    return coef, share.numpy()


def project(plane: Plane, snapshots: Sequence[torch.Tensor], name: str = "", labels: Sequence[tuple[int, int]] = ()) -> ProjectedPath:
    """The coordinates of each snapshot w_t in `plane`, least squares on w_t − c, and the shares
    of the points and of the steps outside the plane (module docstring)."""
    if not snapshots:
        raise ConfigError(f"The path {name or ''} has no weight snapshots.".replace("  ", " "))
    a = torch.stack([plane.d1, plane.d2]).double()
    w = torch.stack(list(snapshots)).double()
    coef, share = _residual_share(w - plane.center.double(), a)
    steps = w[1:] - w[:-1]
    step_share = _residual_share(steps, a)[1] if len(steps) else np.zeros(0)
    labels = list(labels) or [(i, 0) for i in range(len(w))]
    return ProjectedPath(
        name, coef[:, 0].numpy(), coef[:, 1].numpy(), np.array([e for e, _ in labels]), np.array([b for _, b in labels]),
        share, step_share,
    )


class PathRecorder(ComparisonCallback):
    """A training callback keeping CPU float32 copies of the flattened weights: at the start,
    then every `every` batches (None: at each epoch's end). In a comparison it keeps one path
    per variant (`paths[name]`, `labels[name]`: (epoch, batch) per snapshot; batch 0 = epoch end)."""

    def __init__(self, every: int | None = None):
        if every is not None and every < 1:
            raise ConfigError(f"Record the weights every 1 batch or more, not {every}.")
        self.every = every
        self.paths: dict[str, list[torch.Tensor]] = {}
        self.labels: dict[str, list[tuple[int, int]]] = {}
        self._name = ""

    def on_variant_start(self, index: int, variant: Variant) -> None:
        self._name = variant.name

    def _keep(self, state: "FitState", label: tuple[int, int]) -> None:
        self.paths.setdefault(self._name, []).append(flat_parameters(state.model))
        self.labels.setdefault(self._name, []).append(label)

    def on_fit_start(self, state: "FitState") -> None:
        self.paths[self._name], self.labels[self._name] = [], []
        self._keep(state, (0, 0))

    def on_batch_end(self, state: "FitState", logs: "BatchLogs") -> None:
        if self.every is not None and logs.step % self.every == 0:
            self._keep(state, (logs.epoch, logs.batch))

    def on_epoch_end(self, state: "FitState", logs: "EpochLogs") -> None:
        if self.every is None:
            self._keep(state, (logs.epoch, 0))


# --------------------------------------------------------------------------- the surface


@dataclass(frozen=True)
class Landscape:
    """The loss over the grid: `losses[j, i]` at (x[i], y[j]) (NaN where a stop came first,
    then `complete` is False), the plane's description and the paths on it."""

    x: np.ndarray
    y: np.ndarray
    losses: np.ndarray
    center_loss: float
    plane: dict[str, Any]
    samples: int
    seed: int
    seconds: float
    complete: bool = True
    paths: tuple[ProjectedPath, ...] = ()
    dataset: str = ""
    note: str = ""
    settings: dict[str, Any] = field(default_factory=dict)

    @property
    def minimum(self) -> tuple[float, float, float] | None:
        """(x, y, loss) of the grid's lowest computed point."""
        if np.isnan(self.losses).all():
            return None
        j, i = np.unravel_index(np.nanargmin(self.losses), self.losses.shape)
        return float(self.x[i]), float(self.y[j]), float(self.losses[j, i])

    def to_dict(self) -> dict[str, Any]:
        low = self.minimum
        return {
            "format": "playground-landscape", "version": 1, "complete": self.complete,
            "dataset": self.dataset, "note": self.note, "samples": self.samples, "seed": self.seed,
            "seconds": round(self.seconds, 3), "settings": self.settings, "plane": self.plane,
            "x": _list(self.x), "y": _list(self.y), "loss": [_list(row) for row in self.losses],
            "loss_layout": "loss[j][i] is the loss at (x[i], y[j])",
            "center_loss": self.center_loss,
            "minimum": None if low is None else {"x": low[0], "y": low[1], "loss": low[2]},
            "paths": [p.to_dict() for p in self.paths],
        }


def _list(a: np.ndarray) -> list:
    return [None if not math.isfinite(v) else float(v) for v in np.asarray(a, dtype=np.float64).tolist()]


def _mean_loss(net: nn.Module, x: torch.Tensor, y: torch.Tensor, loss_fn: Callable) -> float:
    total = 0.0
    for s in range(0, len(x), BATCH):
        xb, yb = x[s : s + BATCH], y[s : s + BATCH]
        total += float(loss_fn(net(xb).float(), yb)) * len(xb)
    return total / max(1, len(x))


def loss_surface(
    model: nn.Module,
    x: torch.Tensor,
    y: torch.Tensor,
    loss_fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor],
    plane: Plane,
    xs: np.ndarray,
    ys: np.ndarray,
    *,
    progress: Progress | None = None,
    control: RunControl | None = None,
) -> tuple[np.ndarray, bool]:
    """(losses[j, i] = loss_fn(model at plane.point(xs[i], ys[j]) (x), y), complete) on a copy
    of `model` in eval mode (`model` is left as it is). Row by row; `progress(done, total)` after
    each point; a stop request ends it with NaN in the points not reached and complete False;
    pause waits."""
    control = control or RunControl()
    net = copy.deepcopy(model).eval()
    params = list(net.parameters())
    if sum(p.numel() for p in params) != plane.center.numel():
        raise ConfigError("The plane was made for another model: its weights do not match this one's parameters.")
    device = params[0].device if params else torch.device("cpu")
    x, y = x.to(device), y.to(device)
    if CHANNELS_LAST and device.type == "cpu" and x.dim() == 4 and any(isinstance(m, nn.Conv2d) for m in net.modules()):
        # as training does on the CPU (core.training.callbacks.ChannelsLast): faster convolutions
        net = net.to(memory_format=torch.channels_last)
        x = x.contiguous(memory_format=torch.channels_last)
        params = list(net.parameters())
    center, d1, d2 = (t.to(device) for t in (plane.center, plane.d1, plane.d2))
    losses = np.full((len(ys), len(xs)), np.nan)
    # A small network on a few samples runs on one thread, as gradcheck does: OpenMP's waiting
    # threads made xor-mlp's 41×41 grid 18x slower on a loaded 2-core machine (10.6 s against 0.6 s on
    # one thread: benchmarks/landscape.py --threads); the cnn on 2,000 images is not small and keeps them.
    threads = torch.get_num_threads()
    if plane.center.numel() * len(x) < SMALL_WORK:
        torch.set_num_threads(1)
    try:
        return _evaluate(net, params, x, y, loss_fn, center, d1, d2, xs, ys, losses, progress, control)
    finally:
        torch.set_num_threads(threads)


def _evaluate(net, params, x, y, loss_fn, center, d1, d2, xs, ys, losses, progress, control) -> tuple[np.ndarray, bool]:
    total, done = losses.size, 0
    with torch.no_grad():
        for j, b in enumerate(ys):
            for i, a in enumerate(xs):
                if control.paused:
                    control.wait_while_paused()
                if control.stop_requested:
                    return losses, False
                _load_flat(params, center + float(a) * d1 + float(b) * d2)
                losses[j, i] = _mean_loss(net, x, y, loss_fn)
                done += 1
                if progress is not None:
                    progress(done, total)
    return losses, True


def _grid_axis(grid: int, lo: float, hi: float) -> np.ndarray:
    if grid < 2:
        raise ConfigError(f"The grid needs at least 2 points per axis, got {grid}.")
    return np.linspace(lo, hi, grid)


def _fixed_samples(config: "RunConfig", dataset: "Dataset", samples: int) -> tuple[torch.Tensor, torch.Tensor]:
    """`samples` of the training samples `fit` trains `config` on (its validation split left
    out), drawn with the config's seed; all of them when there are fewer."""
    if samples < 1:
        raise ConfigError(f"--samples must be at least 1, got {samples}.")
    if dataset.x_val is not None:
        x, y = dataset.x_train, dataset.y_train
    else:
        x, y, _, _ = _split_validation(dataset.x_train, dataset.y_train, config.data.val_split, config.train.seed)
    keep = torch.randperm(len(x), generator=torch.Generator().manual_seed(config.train.seed + 31337))[:samples]
    return x[keep], y[keep]


def _model_and_data(trained: "TrainedModel", dataset: "Dataset", samples: int):
    config = trained.config
    model = trained.build_model()
    x, y = _fixed_samples(config, dataset, samples)
    return model, x, y, loss_function(dataset.task, config.train.loss)


def landscape_of(
    trained: "TrainedModel",
    dataset: "Dataset",
    *,
    grid: int = GRID,
    span: float = SPAN,
    samples: int = SAMPLES,
    seed: int = 0,
    progress: Progress | None = None,
    control: RunControl | None = None,
) -> Landscape:
    """The loss around `trained`'s weights on a random filter-normalised plane (module
    docstring), grid × grid points over [-span, span]², on `samples` training samples of `dataset`."""
    if not span > 0:
        raise ConfigError(f"The grid's range must be above 0, got {span}.")
    axis = _grid_axis(grid, -span, span)
    start = time.perf_counter()
    model, x, y, loss_fn = _model_and_data(trained, dataset, samples)
    plane = random_plane(model, seed)
    losses, complete = loss_surface(model, x, y, loss_fn, plane, axis, axis, progress=progress, control=control)
    with torch.no_grad():
        center_loss = _mean_loss(model.eval(), x, y, loss_fn)
    return Landscape(
        axis, axis.copy(), losses, center_loss, plane.to_dict(), len(x), seed, time.perf_counter() - start, complete,
        dataset=dataset.name, settings={"grid": grid, "span": span, "directions": "random, filter-normalised"},
    )


# --------------------------------------------------------------------------- optimizers' paths


def train_paths(
    config: "RunConfig",
    dataset: "Dataset",
    *,
    optimizers: Sequence[str] = BOOK_OPTIMIZERS,
    every: int | None = None,
    callbacks: Sequence[Any] = (),
    control: RunControl | None = None,
):
    """The optimizer lesson's variants of `config` (`vary(config, "optimizer", ...)`: each at its
    own default learning rate, all from the same initial weights on the same batches), trained
    with a `PathRecorder`. Each returns its last weights, not its best epoch's (the path's end
    is where the optimizer got to). (ComparisonResult, recorder)."""
    if len(optimizers) < 1:
        raise ConfigError("Name at least one optimizer whose path to draw.")
    base = config.with_overrides(**{"regularization.restore_best": False, "regularization.early_stopping": False})
    comparison = vary(base, "optimizer", list(optimizers), title="Optimizers on the loss landscape")
    recorder = PathRecorder(every)
    result = run_comparison(comparison, dataset, callbacks=[recorder, *callbacks], control=control)
    return result, recorder


def optimizer_landscape(
    config: "RunConfig",
    dataset: "Dataset",
    *,
    optimizers: Sequence[str] = BOOK_OPTIMIZERS,
    reference: str | None = None,
    every: int | None = None,
    grid: int = GRID,
    samples: int = SAMPLES,
    progress: Progress | None = None,
    control: RunControl | None = None,
    callbacks: Sequence[Any] = (),
) -> Landscape:
    """Train `train_paths`, then draw the loss on the PCA plane of all the paths together,
    centred on the `reference` variant's final weights (default Adam, else the last variant),
    over the paths' extent with a margin, and project every path onto it (module docstring)."""
    start = time.perf_counter()
    control = control or RunControl()
    result, recorder = train_paths(config, dataset, optimizers=optimizers, every=every, callbacks=callbacks, control=control)
    done = [v for v in result.variants if v.result is not None and recorder.paths.get(v.name)]
    if not done:
        raise ConfigError("No optimizer trained (stopped before the first one): there is no path to draw.")
    names = [v.name for v in done]
    want = reference or ("Adam" if "Adam" in names else names[-1])
    chosen = next((v for v in done if v.name.lower() == str(want).lower()), None)
    if chosen is None:
        raise ConfigError(f"No variant '{want}' to centre the plane on; choose one of {', '.join(names)}.")
    trained = chosen.result.model
    center = recorder.paths[chosen.name][-1]
    plane = pca_plane(center, [recorder.paths[n] for n in names])
    paths = tuple(project(plane, recorder.paths[n], n, recorder.labels[n]) for n in names)
    xs_all = np.concatenate([p.x for p in paths] + [[0.0]])
    ys_all = np.concatenate([p.y for p in paths] + [[0.0]])
    width = max(np.ptp(xs_all), np.ptp(ys_all), 1e-6)
    pad = MARGIN * width
    xs = _grid_axis(grid, xs_all.min() - pad, xs_all.max() + pad)
    ys = _grid_axis(grid, ys_all.min() - pad, ys_all.max() + pad)
    model, x, y, loss_fn = _model_and_data(trained, dataset, samples)
    # The dataset as the comparison prepared it may size the output layer; the model does that itself.
    losses, complete = loss_surface(model, x, y, loss_fn, plane, xs, ys, progress=progress, control=control)
    net = copy.deepcopy(model).eval()
    _load_flat(list(net.parameters()), center)
    with torch.no_grad():
        center_loss = _mean_loss(net, x, y, loss_fn)
    settings = {
        "grid": grid, "directions": "PCA of the optimizers' paths", "reference": chosen.name,
        "optimizers": names, "record_every_batches": every, "epochs": chosen.config.train.epochs,
        "status": result.status,
    }
    return Landscape(
        xs, ys, losses, center_loss, plane.to_dict(), len(x), config.train.seed, time.perf_counter() - start,
        complete and result.status == "completed", paths, dataset.name, settings=settings,
    )


def train_and_landscape(
    config: "RunConfig",
    dataset: "Dataset",
    *,
    grid: int = GRID,
    span: float = SPAN,
    samples: int = SAMPLES,
    seed: int = 0,
    progress: Progress | None = None,
    control: RunControl | None = None,
    callbacks: Sequence[Any] = (),
) -> Landscape:
    """Train `config` on `dataset` (fit, with `callbacks`), then `landscape_of` its weights."""
    control = control or RunControl()
    result = fit(config, dataset, callbacks=callbacks, control=control)
    if control.stop_requested:
        raise ConfigError("Stopped during training: there are no trained weights to draw the landscape around.")
    out = landscape_of(result.model, dataset, grid=grid, span=span, samples=samples, seed=seed, progress=progress, control=control)
    return Landscape(**{**out.__dict__, "settings": {**out.settings, "epochs": result.epochs_completed, "status": result.status}})
