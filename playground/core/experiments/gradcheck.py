"""Gradient check: autograd's gradients against central finite differences, as "Deep Learning
from Scratch" ch. 5's gradient_check.py compares backprop with `numerical_gradient`.

For a parameter w the numerical gradient is the central difference

    n = (L(w + h) − L(w − h)) / 2h,      h = STEP = 1e-5,

taken in float64 on a copy of the model, over a fixed batch of a few training samples, and each
value is compared with autograd's a = ∂L/∂w by the relative error

    |a − n| / max(|a|, |n|, FLOOR),      FLOOR = 1e-2,

which passes below TOLERANCE = 1e-6: that is, |a − n| < 1e-6·|a| for a gradient above 0.01 and
|a − n| < 1e-8 for a smaller one (torch.autograd.gradcheck's own defaults, rtol 1e-3 and atol
1e-5, are far looser).

Why these numbers. The loss computed in float64 is not exact: its rounding error, ~ε·|L| for a
small network (ε ≈ 2.2e-16), came to ~1.5e-14 for the 25-layer test network with every layer type
(tests/core/test_gradcheck.py), measured as the jitter of L over steps of 1e-9. The central
difference divides it by 2h, and adds a truncation error of about h²·|L'''|/6. h = 1e-5, the usual
choice in float64, keeps both near 1e-10 to 1e-9. h = 1e-6 has ten times the rounding error (the
test network's worst error then came to 1.5e-5); the book's h = 1e-4, meant for errors printed
next to float32 training, has a hundred times the truncation error (1.7e-6 there) and crosses
ReLU and max-pool kinks about ten times as often (below).
A plain relative error |a − n| / max(|a|, |n|) divides that 1e-10 to 1e-9 of noise by the
gradient itself, which is zero for some parameters (a convolution's bias before a BatchNorm
layer, whose mean subtraction cancels it: numerically 7e-11 in the cnn preset) and tiny for many;
so a gradient smaller than FLOOR is compared absolutely: its error is divided by FLOOR instead.
With FLOOR = 1e-3 the test network's worst error was 2.2e-6 (it would fail while autograd is
right); with 1e-2 it is 2.8e-7 over four weight seeds and 2 to 8 samples, and the presets' worst
is 3e-8. A wrong backward still shows: an error of 1e-8 or more in any gradient fails.

Kinks. ReLU and LeakyReLU bend at 0, ELU's slope jumps there (unless alpha is 1), and a max-pool
window's output switches to another input when a different one becomes the largest. When w ± h
carries some unit's input across such a point, the central difference averages the slopes of
two pieces and is not the derivative at w: such a point can fail the check although autograd is
right. The check watches for it: forward hooks record, for every pass, the sign of each
ReLU/LeakyReLU/ELU input and the winner of each max-pool window; a parameter whose ± h passes
differ from the unperturbed pass anywhere is a *kink crossing*, and is skipped (counted, not
compared). With a sampled check the next parameter of the sample takes its place, so K values are
still compared per tensor. Softmax, Sigmoid, Tanh and GELU are smooth and need nothing; the
model's final Softmax is not in its body (the loss applies it: ch. 5's Softmax-with-Loss layer),
so it is checked as part of the loss.

Modes. Dropout runs in eval mode (the identity): in training mode it draws a new random mask at
every pass, so L(w + h) and L(w − h) would come from different networks. BatchNorm runs in
training mode with the fixed batch: it then normalises with the batch's own mean and variance,
which depend on every sample and on the weights before it — the part of its backward that is
easy to get wrong, and that eval mode (a fixed affine map with the running statistics) would
not exercise. With one fixed batch the loss is still a deterministic function of the weights;
the running statistics it updates are not used in training mode, and the copy is thrown away.
Training mode needs at least two values per channel, so a model with BatchNorm takes at least
two samples.

Cost. Each value compared costs two forward passes, from the value's own layer on: the layers
before it do not change, so their output in the unperturbed pass is kept and reused. The
presets' larger layers hold 200,000 weights, so by default at most PER_TENSOR values of each
weight or bias tensor are compared, a random sample drawn with `seed`; `per_tensor=None`
compares every one. The result says how many were checked of how many.

The result is a `GradCheck` of per-layer `LayerCheck` rows, each with its weight and bias tensors'
`TensorCheck` (numbers only, no tensors: a window can show it as a table).
"""

from __future__ import annotations

import copy
import math
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

import torch
import torch.nn.functional as F
from torch import nn

from playground.core.errors import ConfigError
from playground.core.experiments.layer_stats import layer_label, stack_layers

if TYPE_CHECKING:
    from playground.core.config.spec import RunConfig
    from playground.core.data.dataset import Dataset

__all__ = [
    "FLOOR",
    "PER_TENSOR",
    "SAMPLES",
    "STEP",
    "TOLERANCE",
    "GradCheck",
    "LayerCheck",
    "TensorCheck",
    "check_gradients",
    "gradcheck_config",
    "gradcheck_data",
]

STEP = 1e-5  # h of the central difference (module docstring: why)
FLOOR = 1e-2  # gradients smaller than this are compared absolutely
TOLERANCE = 1e-6  # the largest relative error that passes
PER_TENSOR = 100  # values compared per weight or bias tensor by default
SAMPLES = 3  # training samples in the batch, as the book's gradient_check.py (x_train[:3])

# (values compared so far, values to compare in all); raising from it stops the check (a window's cancel)
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class TensorCheck:
    """One weight or bias tensor of a layer: `checked` of its `size` values compared
    (`kinks` more were skipped at a kink), the largest relative error among them, and where:
    the value's index with autograd's and the numerical gradient there (None when none was
    compared)."""

    name: str
    shape: tuple[int, ...]
    size: int
    checked: int
    kinks: int
    max_error: float
    worst_index: tuple[int, ...] | None
    autograd: float | None
    numerical: float | None
    tolerance: float

    @property
    def passed(self) -> bool:
        return self.max_error < self.tolerance

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "shape": list(self.shape), "size": self.size, "checked": self.checked,
            "kinks_skipped": self.kinks, "max_relative_error": self.max_error, "passed": self.passed,
            "worst_index": None if self.worst_index is None else list(self.worst_index),
            "autograd": self.autograd, "numerical": self.numerical,
        }


@dataclass(frozen=True)
class LayerCheck:
    """One layer of the stack (1-based `number`, `label` as "Layer 3 (Dense)") and its tensors;
    layers without parameters have none and are not listed."""

    number: int
    label: str
    tensors: tuple[TensorCheck, ...]

    @property
    def max_error(self) -> float:
        return max((t.max_error for t in self.tensors), default=0.0)

    @property
    def passed(self) -> bool:
        return all(t.passed for t in self.tensors)

    @property
    def checked(self) -> int:
        return sum(t.checked for t in self.tensors)

    @property
    def size(self) -> int:
        return sum(t.size for t in self.tensors)

    def to_dict(self) -> dict[str, Any]:
        return {
            "layer": self.number, "label": self.label, "max_relative_error": self.max_error, "passed": self.passed,
            "checked": self.checked, "size": self.size, "tensors": [t.to_dict() for t in self.tensors],
        }


@dataclass(frozen=True)
class GradCheck:
    """The whole check: its settings (`per_tensor` None: every value), the loss at the
    unperturbed weights, and the layers. `failing` are the layers with an error at or above the
    tolerance, nearest the output first: backprop runs from the output, so the first of them is
    where to look (a wrong backward in a layer without parameters shows in the layers before
    it, whose gradients pass through it)."""

    layers: tuple[LayerCheck, ...]
    samples: int
    step: float
    floor: float
    tolerance: float
    per_tensor: int | None
    seed: int
    loss: float
    seconds: float
    batch_norm: bool = False  # the model has BatchNorm layers (checked in training mode)
    dropout: bool = False  # the model has Dropout layers (checked in eval mode)
    dataset: str = ""
    note: str = ""

    @property
    def max_error(self) -> float:
        return max((layer.max_error for layer in self.layers), default=0.0)

    @property
    def passed(self) -> bool:
        return all(layer.passed for layer in self.layers)

    @property
    def failing(self) -> tuple[LayerCheck, ...]:
        return tuple(layer for layer in reversed(self.layers) if not layer.passed)

    @property
    def checked(self) -> int:
        return sum(layer.checked for layer in self.layers)

    @property
    def size(self) -> int:
        return sum(layer.size for layer in self.layers)

    @property
    def kinks(self) -> int:
        return sum(t.kinks for layer in self.layers for t in layer.tensors)

    @property
    def worst(self) -> tuple[LayerCheck, TensorCheck] | None:
        pairs = [(layer, t) for layer in self.layers for t in layer.tensors if t.checked]
        return max(pairs, key=lambda p: p[1].max_error, default=None)

    def to_dict(self) -> dict[str, Any]:
        worst = self.worst
        return {
            "passed": self.passed, "max_relative_error": self.max_error,
            "worst": None if worst is None else {"layer": worst[0].number, "label": worst[0].label, "tensor": worst[1].name},
            "failing_layers": [layer.label for layer in self.failing],
            "dataset": self.dataset, "note": self.note, "samples": self.samples, "loss": self.loss,
            "dtype": "float64", "step": self.step, "floor": self.floor, "tolerance": self.tolerance,
            "per_tensor": self.per_tensor, "seed": self.seed, "checked": self.checked, "size": self.size,
            "kinks_skipped": self.kinks, "batch_norm_in_training_mode": self.batch_norm,
            "dropout_in_eval_mode": self.dropout, "seconds": self.seconds,
            "layers": [layer.to_dict() for layer in self.layers],
        }


# --------------------------------------------------------------------------- kinks


class _KinkWatch:
    """Forward hooks that, while `recording`, note which side of its kink each ReLU, LeakyReLU
    and ELU input is on and which input wins each max-pool window (module docstring)."""

    def __init__(self, model: nn.Module):
        self.pattern: list[torch.Tensor] | None = None
        self._hooks = [
            m.register_forward_hook(self._hook)
            for m in model.modules()
            if isinstance(m, (nn.ReLU, nn.LeakyReLU, nn.ELU, nn.MaxPool2d))
        ]

    def _hook(self, module: nn.Module, inputs: tuple, output: Any) -> None:
        if self.pattern is None:
            return
        x = inputs[0]
        if isinstance(module, nn.MaxPool2d):
            m = module
            _, winners = F.max_pool2d(x, m.kernel_size, m.stride, m.padding, m.dilation, m.ceil_mode, return_indices=True)
            self.pattern.append(winners)
        else:
            self.pattern.append(x > 0)

    def run(self, fn: Callable[[], float]) -> tuple[float, list[torch.Tensor]]:
        self.pattern = []
        try:
            return fn(), self.pattern
        finally:
            self.pattern = None

    def remove(self) -> None:
        for h in self._hooks:
            h.remove()


def _same(a: list[torch.Tensor], b: list[torch.Tensor]) -> bool:
    return len(a) == len(b) and all(torch.equal(x, y) for x, y in zip(a, b))


# --------------------------------------------------------------------------- the check


def _check_mode(model: nn.Module) -> None:
    """Eval mode (Dropout the identity) but BatchNorm in training mode (module docstring)."""
    model.eval()
    for m in model.modules():
        if isinstance(m, nn.modules.batchnorm._BatchNorm):
            m.train()


def check_gradients(
    model: nn.Module,
    x: torch.Tensor,
    y: torch.Tensor,
    loss_fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor],
    *,
    per_tensor: int | None = PER_TENSOR,
    seed: int = 0,
    step: float = STEP,
    floor: float = FLOOR,
    tolerance: float = TOLERANCE,
    progress: Progress | None = None,
) -> GradCheck:
    """Compare autograd's gradients of `loss_fn(model(x), y)` with central differences for the
    parameters of every layer of `model` (a built Network: its body's layers; any other module
    counts as one layer), in float64 on a copy (`model` is left as it is). `per_tensor` values
    of each tensor, drawn with `seed` (None: all of them). See the module docstring.

    Torch runs on one thread meanwhile (torch's default is put back after; threads started in
    between take 1): a batch of a few samples is too small to share out, and on a loaded 2-core
    machine OpenMP's waiting threads made the cnn preset's check 45 times slower (72 s against
    1.6 s on one thread, at a load average of 6.7)."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        return _check(model, x, y, loss_fn, per_tensor, seed, step, floor, tolerance, progress)
    finally:
        torch.set_num_threads(threads)


def _check(model, x, y, loss_fn, per_tensor, seed, step, floor, tolerance, progress) -> GradCheck:
    start = time.perf_counter()
    net = copy.deepcopy(model).double()
    _check_mode(net)
    x = x.double()
    y = y.double() if y.is_floating_point() else y
    batch_norm = any(isinstance(m, nn.modules.batchnorm._BatchNorm) for m in net.modules())
    if batch_norm and len(x) < 2:
        raise ConfigError(
            "BatchNorm is checked in training mode, which normalises over the batch: give at least 2 samples."
        )
    layers = stack_layers(net) or [(1, net)]
    tensors = [(i, module, name, p) for i, module in layers for name, p in module.named_parameters()]
    for *_, p in tensors:
        p.requires_grad_(True)
    # Each layer's input in the unperturbed pass: a change to layer i's parameters changes
    # nothing before it, so the perturbed passes start at layer i (the same numbers, less work).
    body = getattr(net, "body", None)
    staged = isinstance(body, nn.Sequential) and len(body) > 0 and layers[0][1] is body[0]
    inputs: dict[int, torch.Tensor] = {}
    stage_hooks = [
        module.register_forward_pre_hook(lambda m, args, i=i: inputs.__setitem__(i, args[0].detach()))
        for i, module in (layers if staged else [])
    ]
    watch = _KinkWatch(net)
    try:
        # autograd: one forward and backward pass
        loss = loss_fn(net(x), y)
        for h in stage_hooks:
            h.remove()
        grads = torch.autograd.grad(loss, [p for *_, p in tensors], allow_unused=True)
        generator = torch.Generator().manual_seed(seed)
        total = sum(p.numel() if per_tensor is None else min(per_tensor, p.numel()) for *_, p in tensors)
        done = 0

        def loss_from(i: int) -> Callable[[], float]:
            """The loss from layer i's recorded input on (the whole model when not staged)."""
            tail, tail_input = (body[i - 1 :], inputs[i]) if staged else (net, x)

            @torch.no_grad()
            def loss_at() -> float:
                return float(loss_fn(tail(tail_input), y))

            return loss_at

        results: dict[int, list[TensorCheck]] = {}
        for (i, module, name, p), grad in zip(tensors, grads):
            loss_at = loss_from(i)
            _, base = watch.run(loss_at)  # the kink pattern of the layers it runs, unperturbed
            grad = torch.zeros_like(p) if grad is None else grad
            flat, gflat = p.data.view(-1), grad.reshape(-1)
            size = flat.numel()
            order = torch.arange(size) if per_tensor is None else torch.randperm(size, generator=generator)
            want = size if per_tensor is None else min(per_tensor, size)
            checked = kinks = 0
            worst = (-1.0, None, None, None)  # (error, index, autograd, numerical)
            for index in order.tolist():
                if checked >= want:
                    break
                original = flat[index].item()
                with torch.no_grad():
                    flat[index] = original + step
                    plus, plus_pattern = watch.run(loss_at)
                    flat[index] = original - step
                    minus, minus_pattern = watch.run(loss_at)
                    flat[index] = original
                if not (_same(plus_pattern, base) and _same(minus_pattern, base)):
                    kinks += 1
                    continue
                a = gflat[index].item()
                n = (plus - minus) / (2 * step)
                error = abs(a - n) / max(abs(a), abs(n), floor)
                if not math.isfinite(error):
                    error = math.inf
                if error > worst[0]:
                    worst = (error, index, a, n)
                checked += 1
                done += 1
                if progress is not None:
                    progress(done, total)
            error, index, a, n = worst
            results.setdefault(i, []).append(
                TensorCheck(
                    name=name.rsplit(".", 1)[-1],
                    shape=tuple(p.shape),
                    size=size,
                    checked=checked,
                    kinks=kinks,
                    max_error=max(error, 0.0),
                    worst_index=None if index is None else tuple(int(v) for v in torch.unravel_index(torch.tensor(index), p.shape)),
                    autograd=a,
                    numerical=n,
                    tolerance=tolerance,
                )
            )
    finally:
        watch.remove()
        for h in stage_hooks:
            h.remove()
    checks = tuple(LayerCheck(i, layer_label(i, module), tuple(results[i])) for i, module in layers if i in results)
    return GradCheck(
        layers=checks,
        samples=len(x),
        step=step,
        floor=floor,
        tolerance=tolerance,
        per_tensor=per_tensor,
        seed=seed,
        loss=float(loss.detach()),
        seconds=time.perf_counter() - start,
        batch_norm=batch_norm,
        dropout=any(isinstance(m, nn.modules.dropout._DropoutNd) for m in net.modules()),
    )


# --------------------------------------------------------------------------- a run config


def gradcheck_data(config: "RunConfig", data_dir: str | None = None) -> tuple["Dataset", str]:
    """The dataset `config` names, never downloaded, and a note ("" or why another was taken):
    an MNIST-style image set (mnist, fashion-mnist, kmnist) that is not on this computer is
    replaced by the offline 5,000-digit MNIST sample (mnist-5k), which has the same 1×28×28
    images and 10 classes — the check needs only a few samples of the right shape."""
    from playground.core.data.dataset import DatasetError
    from playground.core.data.images import IDX_SOURCES
    from playground.core.data.registry import load_dataset

    name = config.data.name
    try:
        return load_dataset(name, config.data.options, data_dir=data_dir, download=False), ""
    except DatasetError:
        if name not in IDX_SOURCES or name == "mnist-5k":
            raise
    sample = load_dataset("mnist-5k")
    return sample, (
        f"{name} is not on this computer and gradcheck downloads nothing: using the offline MNIST sample "
        "(mnist-5k), whose images have the same shape and 10 classes."
    )


def gradcheck_config(
    config: "RunConfig",
    *,
    samples: int = SAMPLES,
    per_tensor: int | None = PER_TENSOR,
    data_dir: str | None = None,
    progress: Progress | None = None,
) -> GradCheck:
    """`check_gradients` for the model the engine builds from `config` (its initial weights,
    seeded with the config's seed) on the first `samples` training samples of its dataset
    (`gradcheck_data`), under the loss training minimises (without the L1/L2 penalty, which
    is not a layer). ConfigError, SpecError or DatasetError for a config that cannot be built."""
    from playground.core.model.build import build_model, feature_stats_of
    from playground.core.training.loop import _loss_function, _training_loss

    if samples < 1:
        raise ConfigError(f"--samples must be at least 1, got {samples}.")
    if per_tensor is not None and per_tensor < 1:
        raise ConfigError(f"The number of values to check per tensor must be at least 1, got {per_tensor}.")
    config.validate()
    dataset, note = gradcheck_data(config, data_dir)
    spec = config.model
    if spec.input_shape != dataset.input_shape:
        spec = spec.with_input_shape(dataset.input_shape)
    spec.validate_for(dataset.task, dataset.output_size)
    loss_fn = _training_loss(_loss_function(dataset.task, config.train.loss), config.train.label_smoothing)
    mean, std = feature_stats_of(spec.features, dataset.x_train, dataset.mean, dataset.std)
    torch.manual_seed(config.train.seed)
    model = build_model(spec, mean=mean, std=std)
    n = min(samples, len(dataset.x_train))
    result = check_gradients(
        model, dataset.x_train[:n], dataset.y_train[:n], loss_fn,
        per_tensor=per_tensor, seed=config.train.seed, progress=progress,
    )
    return GradCheck(**{**result.__dict__, "dataset": dataset.name, "note": note})
