"""Comparisons: the same network trained several ways, side by side.

A `Comparison` is a list of variants (a name and a `RunConfig` each) that differ in one
setting — the optimizer, the learning rate, the weight initialisation, the batch size, L2 or
dropout on/off, augmentation on/off, batch norm on/off, or two whole presets. `vary` builds
one from a base config; `LESSONS` holds the ready-made ones that deep-learning courses teach
(after "Deep Learning from Scratch" ch. 6: optimizers, weight initialisation with activation
histograms, overfitting, batch norm; perceptron vs MLP on XOR; and, through `transfer`,
a trained model fine-tuned on a small new dataset against the same network from scratch).

    comparison = vary(load_preset("mlp"), "optimizer", ["sgd", "adam"])
    result = run_comparison(comparison)
    print(result.table())

So that only the varied setting differs, every variant trains on the same data in the same
order (one shared `train.seed`, checked) and, where its architecture and initialisation match
an earlier variant's, starts from that variant's initial weights (built once and passed to
`fit` as `initial_state`). Variants run one after another; a `RunControl` stops the whole
comparison, and `ComparisonCallback` hooks tell a front end which variant is running.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

import numpy as np
import torch
from torch import nn

from playground.core.training.optim import OPTIMIZERS
from playground.core.config.spec import (
    INITIALIZERS,
    AugmentConfig,
    ConfigError,
    DataConfig,
    LayerSpec,
    ModelSpec,
    OptimizerConfig,
    RunConfig,
)
from playground.core.training.loop import Callback, FitResult, FitState, RunControl, fit
from playground.core.experiments.lesson_texts import LESSON_TEXTS, SETTINGS
from playground.core.experiments.transfer import TransferError, fresh_state, merge_state

if TYPE_CHECKING:
    from playground.core.data import Dataset

__all__ = [
    "ActivationHistogram",
    "Comparison",
    "ComparisonCallback",
    "ComparisonResult",
    "LESSONS",
    "Lesson",
    "SETTINGS",
    "Variant",
    "VariantResult",
    "activation_histograms",
    "lesson",
    "parse_values",
    "run_comparison",
    "subset_dataset",
    "transfer",
    "vary",
]

# --------------------------------------------------------------------------- settings

# SETTINGS (what can be varied, with help) lives in compare_texts, which loads no torch.

_INIT_TITLES = {
    "zeros": "Zeros",
    "normal_001": "Small normal (0.01)",
    "xavier": "Xavier",
    "he_normal": "He",
    "he_uniform": "He uniform",
}
_DEFAULT_L2 = 0.01
_DEFAULT_DROPOUT = 0.2
_DEFAULT_AUGMENT = AugmentConfig(rotation=10.0, shift=0.1)


def _on_off(setting: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("on", "true", "yes", "1"):
        return True
    if text in ("off", "false", "no", "0"):
        return False
    raise ConfigError(f"'{setting}' values are off or on, got {value!r}.")


def _number(setting: str, value: Any, kind: type, low: float, low_inclusive: bool) -> float | int:
    if isinstance(value, bool):
        raise ConfigError(f"'{setting}' values must be numbers, got {value!r}.")
    try:
        number = kind(value) if not isinstance(value, str) else (int(value) if kind is int else float(value))
    except (TypeError, ValueError):
        what = "whole numbers" if kind is int else "numbers"
        raise ConfigError(f"'{setting}' values must be {what}, got {value!r}.") from None
    if kind is int and isinstance(value, float) and value != int(value):
        raise ConfigError(f"'{setting}' values must be whole numbers, got {value!r}.")
    if not math.isfinite(number) or (number < low if low_inclusive else number <= low):
        raise ConfigError(f"'{setting}' values must be {'>=' if low_inclusive else '>'} {low:g}, got {value!r}.")
    return number


def parse_values(setting: str, values: Sequence[Any]) -> list[Any]:
    """The values of `setting` in their proper types ("0.01" -> 0.01, "on" -> True, ...).
    Accepts what a user types (strings) and typed values alike; raises ConfigError naming
    the bad value and what is allowed."""
    if setting not in SETTINGS:
        raise ConfigError(f"Unknown setting to vary '{setting}'; choose one of {', '.join(SETTINGS)}.")
    values = [v.strip() if isinstance(v, str) else v for v in values]
    values = [v for v in values if v != ""]
    if len(values) < 2:
        raise ConfigError(f"A comparison needs at least two values of '{setting}', got {len(values)}.")
    parsed: list[Any] = []
    for v in values:
        if setting == "optimizer":
            name = str(v).lower()
            if name not in OPTIMIZERS:
                raise ConfigError(f"Unknown optimizer '{v}'; choose from {', '.join(OPTIMIZERS)}.")
            parsed.append(name)
        elif setting == "init":
            if v not in INITIALIZERS:
                raise ConfigError(f"Unknown weight initialisation '{v}'; choose from {', '.join(INITIALIZERS)}.")
            parsed.append(v)
        elif setting == "preset":
            from playground.core.config.presets import list_presets

            if v not in list_presets():
                raise ConfigError(f"Unknown preset '{v}'; choose from {', '.join(list_presets())}.")
            parsed.append(v)
        elif setting == "lr":
            parsed.append(float(_number(setting, v, float, 0.0, False)))
        elif setting == "batch_size":
            parsed.append(int(_number(setting, v, int, 1, True)))
        elif setting in ("l2", "dropout"):
            if isinstance(v, bool) or (isinstance(v, str) and v.lower() in ("on", "off", "true", "false", "yes", "no")):
                parsed.append(_on_off(setting, v))
            else:
                number = float(_number(setting, v, float, 0.0, True))
                if setting == "dropout" and number >= 1:
                    raise ConfigError(f"Dropout rates must be below 1, got {v!r}.")
                parsed.append(number)
        else:  # augmentation, batchnorm
            parsed.append(_on_off(setting, v))
    if len(set(map(repr, parsed))) != len(parsed):
        raise ConfigError(f"The values of '{setting}' repeat: {', '.join(map(str, values))}.")
    return parsed


# --------------------------------------------------------------------------- layer-stack edits


def _is_hidden_activation(layers: Sequence[LayerSpec], i: int) -> bool:
    """Whether layer i is an activation with a weighted layer after it (so not the output's)."""
    layer = layers[i]
    if layer.type != "Activation" or layer.get("function") == "Softmax":
        return False
    return any(l.type in ("Dense", "Conv2D") for l in layers[i + 1 :])


def _previous_weighted(layers: Sequence[LayerSpec], i: int) -> str | None:
    for layer in reversed(layers[:i]):
        if layer.type in ("Dense", "Conv2D"):
            return layer.type
    return None


def with_dropout(model: ModelSpec, rate: float) -> ModelSpec:
    """`model` with dropout at `rate`: 0 removes every Dropout layer; otherwise existing
    Dropout layers get the rate, or (if there are none) one goes after each hidden Dense
    layer's activation."""
    layers = list(model.layers)
    if rate == 0:
        return dataclasses.replace(model, layers=tuple(l for l in layers if l.type != "Dropout"))
    if any(l.type == "Dropout" for l in layers):
        return dataclasses.replace(
            model, layers=tuple(l.with_params(rate=rate) if l.type == "Dropout" else l for l in layers)
        )
    out: list[LayerSpec] = []
    for i, layer in enumerate(layers):
        out.append(layer)
        if _is_hidden_activation(layers, i) and _previous_weighted(layers, i) == "Dense":
            out.append(LayerSpec("Dropout", {"rate": rate}))
    if len(out) == len(layers):
        raise ConfigError("The model has no hidden Dense layer with an activation to put dropout after — add one.")
    return dataclasses.replace(model, layers=tuple(out))


def with_batchnorm(model: ModelSpec, on: bool) -> ModelSpec:
    """`model` without BatchNorm layers, or with one between each hidden Dense/Conv2D layer
    and its activation (kept as it is if it already has some)."""
    layers = list(model.layers)
    if not on:
        return dataclasses.replace(model, layers=tuple(l for l in layers if l.type != "BatchNorm"))
    if any(l.type == "BatchNorm" for l in layers):
        return model
    out: list[LayerSpec] = []
    for i, layer in enumerate(layers):
        if _is_hidden_activation(layers, i) and i > 0 and layers[i - 1].type in ("Dense", "Conv2D"):
            out.append(LayerSpec("BatchNorm"))
        out.append(layer)
    if len(out) == len(layers):
        raise ConfigError("The model has no hidden Dense or Conv2D layer followed by an activation to normalise — add one.")
    return dataclasses.replace(model, layers=tuple(out))


def _moved_positions(old: Sequence[LayerSpec], new: Sequence[LayerSpec]) -> dict[int, int]:
    """Old position -> new position of each layer that with_dropout / with_batchnorm kept:
    they only insert or only remove Dropout and BatchNorm layers, keeping the rest in order."""
    inserting = len(new) > len(old)
    moved, i, k = {}, 0, 0
    while i < len(old) and k < len(new):
        if old[i].type == new[k].type:
            moved[i] = k
            i, k = i + 1, k + 1
        elif inserting:
            k += 1
        else:
            i += 1
    return moved


def _with_model(base: RunConfig, model: ModelSpec) -> RunConfig:
    """`base` with layers inserted or removed by with_dropout / with_batchnorm, its frozen
    layers and layer learning rates moved along with their layers (a removed layer's go)."""
    moved = _moved_positions(base.model.layers, model.layers)
    train = dataclasses.replace(
        base.train,
        frozen_layers=tuple(moved[i] for i in base.train.frozen_layers if i in moved),
        layer_lr={moved[i]: m for i, m in base.train.layer_lr.items() if i in moved},
    )
    return base.replace(model=model, train=train)


def _set_output_units(model: ModelSpec, units: int) -> ModelSpec:
    layers = list(model.layers)
    last = max((i for i, l in enumerate(layers) if l.type == "Dense"), default=None)
    if last is None or layers[last].get("units") == units:
        return model
    layers[last] = layers[last].with_params(units=units)
    return dataclasses.replace(model, layers=tuple(layers))


# --------------------------------------------------------------------------- the comparison


@dataclass(frozen=True)
class Variant:
    """One way of training. `start_from` holds trained weights to start from instead of a
    fresh initialisation (transfer learning): tensors whose name and shape match the built
    model are copied; the rest (e.g. an output layer left out on purpose, or resized for
    another dataset) keep their fresh initialisation."""

    name: str
    config: RunConfig
    start_from: Mapping[str, torch.Tensor] | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Comparison:
    """Variants that differ in one setting, trained on the same data in the same order.

    `train_samples`/`val_samples` keep only that many training and validation samples (the
    overfitting lesson trains on 300); `fit_output` resizes each variant's last Dense layer to
    the dataset's class count (lessons are written for 10 classes but run on any dataset);
    `histograms` records each hidden activation's histogram before and after training.
    """

    title: str
    variants: tuple[Variant, ...]
    setting: str = ""
    description: str = ""
    train_samples: int | None = None
    val_samples: int = 0
    fit_output: bool = False
    histograms: bool = False

    def __post_init__(self):
        object.__setattr__(self, "variants", tuple(self.variants))

    @property
    def names(self) -> list[str]:
        return [v.name for v in self.variants]

    @property
    def total_epochs(self) -> int:
        return sum(v.config.train.epochs for v in self.variants)

    def validate(self) -> None:
        """Checks that need no dataset: each config is valid, names are unique, and the
        variants share their data and seed (otherwise more than one setting would differ)."""
        if len(self.variants) < 2:
            raise ConfigError("A comparison needs at least two variants.")
        names = self.names
        if len(set(names)) != len(names):
            raise ConfigError(f"Variant names must differ: {', '.join(names)}.")
        for v in self.variants:
            try:
                v.config.validate()
            except ConfigError as e:
                raise _in_variant(v.name, e) from None
        first = self.variants[0].config
        for v in self.variants[1:]:
            c = v.config
            if (c.data.name, dict(c.data.options)) != (first.data.name, dict(first.data.options)):
                raise ConfigError(
                    f"Variant '{v.name}' uses dataset {c.data.name} but '{self.variants[0].name}' uses "
                    f"{first.data.name} — every variant must train on the same data."
                )
            if c.train.seed != first.train.seed:
                raise ConfigError(
                    f"Variant '{v.name}' has seed {c.train.seed} but '{self.variants[0].name}' has "
                    f"{first.train.seed} — one seed gives every variant the same data order."
                )
        if self.train_samples is not None and self.train_samples < 1:
            raise ConfigError("'train_samples' must be at least 1.")
        if self.val_samples < 0:
            raise ConfigError("'val_samples' must be >= 0.")

    def with_overrides(self, **dotted: Any) -> "Comparison":
        """Every variant with the same settings changed (see RunConfig.with_overrides)."""
        return dataclasses.replace(
            self, variants=tuple(dataclasses.replace(v, config=v.config.with_overrides(**dotted)) for v in self.variants)
        )

    def with_dataset(self, name: str, options: Mapping[str, Any] | None = None) -> "Comparison":
        """Every variant on another dataset (its options do not carry over)."""
        variants = []
        for v in self.variants:
            d = v.config.data
            data = DataConfig(name, dict(options or {}), d.val_split, d.augment)
            variants.append(dataclasses.replace(v, config=v.config.replace(data=data)))
        return dataclasses.replace(self, variants=tuple(variants))

    def to_dict(self) -> dict:
        return {
            "title": self.title,
            "setting": self.setting,
            "description": self.description,
            "train_samples": self.train_samples,
            "val_samples": self.val_samples,
            "fit_output": self.fit_output,
            "histograms": self.histograms,
            "variants": [{"name": v.name, "config": v.config.to_dict()} for v in self.variants],
        }


def _variant_for(base: RunConfig, setting: str, value: Any) -> Variant:
    if setting == "optimizer":
        info = OPTIMIZERS[value]
        # Each optimizer at its own default learning rate: one lr for all would favour one.
        opt = base.optimizer if base.optimizer.name == value else OptimizerConfig(value, info.default_lr, {})
        return Variant(info.title, base.replace(optimizer=opt))
    if setting == "lr":
        return Variant(f"lr {value:g}", base.with_overrides(**{"optimizer.lr": value}))
    if setting == "init":
        return Variant(_INIT_TITLES.get(value, value), base.replace(model=dataclasses.replace(base.model, init=value)))
    if setting == "batch_size":
        return Variant(
            f"batch {value}", base.with_overrides(**{"train.batch_size": value, "train.batch_mode": "minibatch"})
        )
    if setting == "l2":
        strength = (base.regularization.l2 or _DEFAULT_L2) if value is True else (0.0 if value is False else value)
        name = f"L2 {strength:g}" if strength else "no L2"
        return Variant(name, base.with_overrides(**{"regularization.l2": float(strength)}))
    if setting == "dropout":
        existing = next((l.get("rate") for l in base.model.layers if l.type == "Dropout"), None)
        rate = (existing or _DEFAULT_DROPOUT) if value is True else (0.0 if value is False else value)
        name = f"dropout {rate:g}" if rate else "no dropout"
        return Variant(name, _with_model(base, with_dropout(base.model, float(rate))))
    if setting == "augmentation":
        augment = (base.data.augment if base.data.augment.enabled else _DEFAULT_AUGMENT) if value else AugmentConfig()
        name = "augmentation" if value else "no augmentation"
        return Variant(name, base.replace(data=dataclasses.replace(base.data, augment=augment)))
    if setting == "batchnorm":
        return Variant("batch norm" if value else "no batch norm", _with_model(base, with_batchnorm(base.model, value)))
    if setting == "preset":
        from playground.core.config.presets import load_preset

        p = load_preset(value)
        # The preset's network and optimizer, on the base's data with its epochs and seed; the
        # base's frozen layers and layer learning rates named positions of another network.
        train = dataclasses.replace(base.train, frozen_layers=(), layer_lr={})
        cfg = base.replace(
            model=p.model, optimizer=p.optimizer, schedule=p.schedule, regularization=p.regularization, train=train,
            name=value,
        )
        return Variant(value, cfg)
    raise ConfigError(f"Unknown setting to vary '{setting}'; choose one of {', '.join(SETTINGS)}.")  # pragma: no cover


def vary(base: RunConfig, setting: str, values: Sequence[Any], *, title: str = "", description: str = "") -> Comparison:
    """A comparison of `base` with one setting taking each of `values` (see SETTINGS;
    strings as typed on a command line are accepted)."""
    parsed = parse_values(setting, values)
    variants = tuple(_variant_for(base, setting, v) for v in parsed)
    comparison = Comparison(title or f"Compare {setting}", variants, setting, description)
    comparison.validate()
    return comparison


# --------------------------------------------------------------------------- activation histograms


@dataclass(frozen=True)
class ActivationHistogram:
    """The distribution of one hidden layer's activations over a batch of inputs."""

    layer: int  # 1-based position in the layer stack
    label: str  # e.g. "Layer 2 (ReLU)"
    counts: np.ndarray  # fraction of values in each bin (sums to 1)
    edges: np.ndarray  # bins + 1 edges
    mean: float
    std: float

    def to_dict(self) -> dict:
        return {
            "layer": self.layer,
            "label": self.label,
            "counts": [round(float(c), 6) for c in self.counts],
            "edges": [float(e) for e in self.edges],
            "mean": self.mean,
            "std": self.std,
        }


_ACTIVATION_MODULES = (nn.ReLU, nn.LeakyReLU, nn.Sigmoid, nn.Tanh, nn.GELU, nn.ELU)
_FIXED_RANGES = {nn.Sigmoid: (0.0, 1.0), nn.Tanh: (-1.0, 1.0)}


@torch.inference_mode()
def activation_histograms(model: nn.Module, x: torch.Tensor, bins: int = 30) -> list[ActivationHistogram]:
    """Histograms of each hidden activation layer's outputs for inputs `x`, gathered with
    forward hooks in eval mode (as in "Deep Learning from Scratch" ch. 6: with a poor
    initialisation they pile up at 0 and 1 (Sigmoid) or collapse to 0 (ReLU) layer by layer).
    Sigmoid and Tanh use their fixed output ranges so layers can be compared by eye."""
    body = getattr(model, "body", model)
    captured: list[tuple[int, nn.Module, torch.Tensor]] = []
    hooks = []
    for i, module in enumerate(body.children() if isinstance(body, nn.Sequential) else []):
        if isinstance(module, _ACTIVATION_MODULES):
            hooks.append(
                module.register_forward_hook(
                    lambda m, inp, out, i=i: captured.append((i, m, out.detach().float().flatten().cpu()))
                )
            )
    was_training = model.training
    model.eval()
    try:
        model(x)
    finally:
        for h in hooks:
            h.remove()
        model.train(was_training)
    result = []
    for i, module, values in captured:
        lo, hi = _FIXED_RANGES.get(type(module), (float(values.min()), float(values.max())))
        if hi <= lo:
            hi = lo + 1.0
        counts = torch.histc(values, bins=bins, min=lo, max=hi)
        total = float(counts.sum()) or 1.0
        result.append(
            ActivationHistogram(
                layer=i + 1,
                label=f"Layer {i + 1} ({type(module).__name__})",
                counts=(counts / total).numpy(),
                edges=np.linspace(lo, hi, bins + 1),
                mean=float(values.mean()),
                std=float(values.std()) if values.numel() > 1 else 0.0,
            )
        )
    return result


class _HistogramRecorder(Callback):
    def __init__(self, x: torch.Tensor):
        self.x = x
        self.before: list[ActivationHistogram] = []
        self.after: list[ActivationHistogram] = []

    def on_fit_start(self, state: FitState) -> None:
        self.before = activation_histograms(state.model, self.x.to(state.device))

    def on_fit_end(self, state: FitState, result: FitResult) -> None:
        self.after = activation_histograms(state.model, self.x.to(state.device))


# --------------------------------------------------------------------------- running


class ComparisonCallback(Callback):
    """A training callback that also hears which variant starts and how it ended. Every
    callback given to `run_comparison` sees each variant's `fit` events in turn."""

    def on_variant_start(self, index: int, variant: Variant) -> None: ...

    def on_variant_end(self, index: int, result: "VariantResult") -> None: ...


@dataclass
class VariantResult:
    name: str
    config: RunConfig
    result: FitResult | None  # None: not run (the comparison was stopped before it)
    same_start_as: str | None = None  # the variant whose initial weights this one started from
    histograms_before: list[ActivationHistogram] = field(default_factory=list)
    histograms_after: list[ActivationHistogram] = field(default_factory=list)

    @property
    def status(self) -> str:
        return self.result.status if self.result is not None else "not run"

    def row(self) -> dict[str, Any]:
        """Final metrics: the last completed epoch's train/validation figures and the test
        figures of the returned weights."""
        r = self.result
        last = r.history[-1] if r is not None and r.history else None
        return {
            "variant": self.name,
            "status": self.status,
            "epochs": r.epochs_completed if r else 0,
            "train_loss": last.loss if last else None,
            "train_accuracy": last.accuracy if last else None,
            "val_loss": last.val_loss if last else None,
            "val_accuracy": last.val_accuracy if last else None,
            "test_loss": r.test_loss if r else None,
            "test_accuracy": r.test_accuracy if r else None,
            "seconds": r.train_seconds if r else None,
            "same_start_as": self.same_start_as,
        }


@dataclass
class ComparisonResult:
    comparison: Comparison
    variants: list[VariantResult]
    status: str  # completed | stopped
    dataset: str

    def rows(self) -> list[dict[str, Any]]:
        return [v.row() for v in self.variants]

    def best(self) -> VariantResult | None:
        """The variant with the highest test accuracy (lowest test loss for regression)."""
        done = [v for v in self.variants if v.result is not None and v.result.test_loss is not None]
        if not done:
            return None
        if all(v.result.test_accuracy is not None for v in done):
            return max(done, key=lambda v: v.result.test_accuracy)
        return min(done, key=lambda v: v.result.test_loss)

    def table(self) -> str:
        """The results as a plain-text table for a terminal."""
        header = ["VARIANT", "STATUS", "EPOCHS", "TRAIN LOSS", "TRAIN ACC", "VAL LOSS", "VAL ACC", "TEST LOSS", "TEST ACC", "TIME"]

        def loss(x):
            return "-" if x is None else f"{x:.4f}"

        def acc(x):
            return "-" if x is None else f"{x:.2%}"

        lines = [header]
        for r in self.rows():
            lines.append(
                [
                    r["variant"],
                    r["status"],
                    str(r["epochs"]),
                    loss(r["train_loss"]),
                    acc(r["train_accuracy"]),
                    loss(r["val_loss"]),
                    acc(r["val_accuracy"]),
                    loss(r["test_loss"]),
                    acc(r["test_accuracy"]),
                    "-" if r["seconds"] is None else f"{r['seconds']:.1f} s",
                ]
            )
        widths = [max(len(row[i]) for row in lines) for i in range(len(header))]
        return "\n".join(
            "  ".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))).rstrip()
            for row in lines
        )

    def to_dict(self) -> dict:
        return {
            "title": self.comparison.title,
            "setting": self.comparison.setting,
            "dataset": self.dataset,
            "status": self.status,
            "results": self.rows(),
            "histories": {v.name: [h.to_dict() for h in v.result.history] if v.result else [] for v in self.variants},
            "histograms": {
                v.name: {
                    "before": [h.to_dict() for h in v.histograms_before],
                    "after": [h.to_dict() for h in v.histograms_after],
                }
                for v in self.variants
                if v.histograms_before or v.histograms_after
            },
        }


def subset_dataset(dataset: "Dataset", n_train: int, n_val: int = 0, seed: int = 0) -> "Dataset":
    """A copy of `dataset` whose training split keeps `n_train + n_val` samples drawn at random
    (the test split is kept whole); a config with data.val_split = n_val / (n_train + n_val)
    then trains on exactly `n_train` of them."""
    available = len(dataset.x_train)
    if n_train + n_val > available:
        raise ConfigError(
            f"The comparison asks for {n_train} training + {n_val} validation samples but {dataset.name} "
            f"has {available} — ask for fewer."
        )
    keep = torch.randperm(available, generator=torch.Generator().manual_seed(seed + 104729))[: n_train + n_val]
    return dataclasses.replace(dataset, x_train=dataset.x_train[keep], y_train=dataset.y_train[keep])


def _shapes(state: Mapping[str, torch.Tensor]) -> list[tuple[int, ...]]:
    return [tuple(t.shape) for t in state.values()]


def _initial_state(config: RunConfig, dataset: "Dataset") -> dict[str, torch.Tensor]:
    # The same seeding as fit, so a variant alone would start from exactly these weights.
    return fresh_state(config, dataset)


def _in_variant(name: str, error: ConfigError) -> ConfigError:
    """`error` said of the variant `name`: "Variant 'lr 0.1': <its message>", of the same type
    (a SpecError stays one), with `variant` and `cause` kept so the window can say it in its
    own language (gui/core_text.spec_error_text)."""
    said = type(error)(f"Variant '{name}': {error}")
    said.variant, said.cause = name, error
    return said


def prepare(comparison: Comparison, dataset: "Dataset") -> tuple[Comparison, "Dataset"]:
    """The comparison and dataset as they will be trained: the training subset taken and
    the validation fraction set to match, and (with `fit_output`) the output layers sized."""
    if comparison.train_samples is not None:
        seed = comparison.variants[0].config.train.seed
        n_val = min(comparison.val_samples, max(0, len(dataset.x_train) - comparison.train_samples))
        dataset = subset_dataset(dataset, comparison.train_samples, n_val, seed)
        comparison = comparison.with_overrides(**{"data.val_split": n_val / (comparison.train_samples + n_val)})
    if comparison.fit_output:
        comparison = dataclasses.replace(
            comparison,
            variants=tuple(
                dataclasses.replace(v, config=v.config.replace(model=_set_output_units(v.config.model, dataset.output_size)))
                for v in comparison.variants
            ),
        )
    return comparison, dataset


def run_comparison(
    comparison: Comparison,
    dataset: "Dataset | None" = None,
    *,
    callbacks: Sequence[Callback] = (),
    control: RunControl | None = None,
    data_dir: str | None = None,
) -> ComparisonResult:
    """Train every variant in turn and collect their results.

    Variants whose architecture and initialisation match an earlier one's start from that
    variant's initial weights (matched layer by layer, so inserting Dropout keeps them). A
    stop request ends the running variant (its partial result is kept) and skips the rest.
    Bad settings raise ConfigError/SpecError before anything trains.
    """
    comparison.validate()
    control = control or RunControl()
    first = comparison.variants[0].config
    if dataset is None:
        from playground.core.data import load_dataset

        dataset = load_dataset(first.data.name, first.data.options, data_dir=data_dir)
    comparison, dataset = prepare(comparison, dataset)

    # Check every variant against the data and build the initial weights before training
    # anything: a bad last variant should not cost the first ones' training time.
    starts: list[tuple[dict[str, torch.Tensor], str | None]] = []
    references: list[tuple[str, str, list[tuple[int, ...]], dict[str, torch.Tensor]]] = []
    for v in comparison.variants:
        try:
            state = _initial_state(v.config, dataset)
        except ConfigError as e:
            raise _in_variant(v.name, e) from None
        shapes = _shapes(state)
        if v.start_from is not None:
            spec = ModelSpec(dataset.input_shape, v.config.model.layers, v.config.model.init)
            try:
                state, _ = merge_state(spec, state, v.start_from, "its starting weights")
            except TransferError as e:
                raise _in_variant(v.name, e) from None
            starts.append((state, None))
            continue
        source = next((r for r in references if r[1] == v.config.model.init and r[2] == shapes), None)
        if source is None:
            references.append((v.name, v.config.model.init, shapes, state))
            starts.append((state, None))
        else:
            # Same tensors in the same order under this variant's own names (which shift
            # when, say, Dropout layers are inserted).
            shared = {k: t.clone() for k, t in zip(state.keys(), source[3].values())}
            starts.append((shared, source[0]))
    # The first variant of a group shares its weights with the others; say so in its row too.
    sharing = {name for _, name in starts if name is not None}

    sample = dataset.x_train[:1000]
    results: list[VariantResult] = []
    status = "completed"
    hooks = [cb for cb in callbacks if isinstance(cb, ComparisonCallback)]
    for index, v in enumerate(comparison.variants):
        state, source = starts[index]
        if source is None and v.name in sharing:
            source = v.name
        if control.stop_requested:
            status = "stopped"
            results.append(VariantResult(v.name, v.config, None, source))
            continue
        for cb in hooks:
            cb.on_variant_start(index, v)
        recorder = _HistogramRecorder(sample) if comparison.histograms else None
        fit_callbacks = [*callbacks, recorder] if recorder else list(callbacks)
        result = fit(v.config, dataset, callbacks=fit_callbacks, control=control, initial_state=state)
        outcome = VariantResult(
            v.name,
            result.config,
            result,
            source,
            recorder.before if recorder else [],
            recorder.after if recorder else [],
        )
        results.append(outcome)
        for cb in hooks:
            cb.on_variant_end(index, outcome)
        if result.status == "stopped" and control.stop_requested:
            status = "stopped"
    return ComparisonResult(comparison, results, status, dataset.name)


# --------------------------------------------------------------------------- lessons


@dataclass(frozen=True)
class Lesson:
    name: str
    title: str
    description: str  # what the learner should look for
    build: Callable[[], Comparison] = field(repr=False, compare=False)


def _mlp(hidden: Sequence[int], activation: str = "ReLU", init: str = "he_normal", classes: int = 10) -> ModelSpec:
    layers = [LayerSpec("Flatten")]
    for units in hidden:
        layers += [LayerSpec("Dense", {"units": units}), LayerSpec("Activation", {"function": activation})]
    layers += [LayerSpec("Dense", {"units": classes}), LayerSpec("Activation", {"function": "Softmax"})]
    return ModelSpec((), tuple(layers), init)


def _base(model: ModelSpec, *, lr: float = 0.01, optimizer: str = "sgd", epochs: int = 5, batch_size: int = 128) -> RunConfig:
    from playground.core.config.spec import TrainConfig

    return RunConfig(
        model=model,
        data=DataConfig("mnist-5k", {}, 0.1),
        optimizer=OptimizerConfig(optimizer, lr),
        train=TrainConfig(epochs=epochs, batch_size=batch_size, seed=0),
    )


_OPTIMIZER_LESSON = ("sgd", "momentum", "adagrad", "rmsprop", "adam", "adamw", "radam", "adabound")


def _optimizers() -> Comparison:
    base = _base(_mlp([100, 100]), epochs=5)
    c = vary(
        base,
        "optimizer",
        _OPTIMIZER_LESSON,
        title="Optimizers",
        description="The same network and data, eight optimizers at their default learning rates. "
        "Plain SGD creeps down; momentum helps; the adaptive ones (AdaGrad, RMSProp, Adam and its "
        "relatives) drop the loss fastest in the first epochs.",
    )
    return dataclasses.replace(c, fit_output=True)


def _weight_init(activation: str) -> Callable[[], Comparison]:
    def build() -> Comparison:
        if activation == "Sigmoid":
            # Plain SGD barely moves a 5-layer Sigmoid network in a few epochs whatever the
            # start (measured on mnist-5k: 10% for all four); Adam shows the differences.
            base = _base(_mlp([100] * 5, activation), optimizer="adam", lr=1e-3, epochs=10)
        else:
            base = _base(_mlp([100] * 5, activation), epochs=5)
        c = vary(
            base,
            "init",
            ["zeros", "normal_001", "xavier", "he_normal"],
            title=f"Weight initialisation ({activation})",
            description=(
                "Five hidden layers of 100 units. Look at the activation histograms before training: "
                + (
                    "with Sigmoid, small weights squeeze every layer's outputs around 0.5 and zeros make all "
                    "units identical; Xavier keeps a spread in every layer. (Trained with Adam: plain SGD "
                    "hardly moves a deep Sigmoid network in a few epochs.)"
                    if activation == "Sigmoid"
                    else "with ReLU, small weights make the activations shrink towards 0 layer by layer and zeros "
                    "never learn; He keeps the spread in every layer and learns fastest."
                )
            ),
        )
        return dataclasses.replace(c, fit_output=True, histograms=True)

    return build


def _overfitting() -> Comparison:
    base = _base(_mlp([100] * 6), epochs=200, batch_size=100)
    variants = (
        Variant("no regularisation", base),
        Variant("dropout 0.2", base.replace(model=with_dropout(base.model, 0.2))),
        Variant("weight decay (L2 0.1)", base.with_overrides(**{"regularization.l2": 0.1})),
    )
    return Comparison(
        "Overfitting",
        variants,
        "regularisation",
        "A big network trained on only 300 samples learns them by heart: training accuracy reaches "
        "100% while validation accuracy stays far below. Dropout and weight decay narrow that gap.",
        train_samples=300,
        val_samples=1000,
        fit_output=True,
    )


def _batchnorm() -> Comparison:
    # From a badly scaled start (std 0.01 weights), as in DLFS fig. 6-19: with He weights and
    # these settings both learn alike (measured on mnist-5k), which teaches little.
    base = _base(_mlp([100] * 5, init="normal_001"), epochs=20, batch_size=100)
    c = vary(
        base,
        "batchnorm",
        [False, True],
        title="Batch normalisation",
        description="Five hidden layers started from small (std 0.01) weights and trained with plain SGD on "
        "1,000 samples. Without batch norm the signal fades layer by layer and nothing is learned; with "
        "batch norm before each activation the same network learns at once.",
    )
    return dataclasses.replace(c, train_samples=1000, val_samples=1000, fit_output=True)


def _xor() -> Comparison:
    from playground.core.config.presets import load_preset

    return vary(
        load_preset("perceptron"),
        "preset",
        ["perceptron", "xor-mlp"],
        title="Perceptron vs MLP on XOR",
        description="A single layer draws one straight line and cannot separate XOR (accuracy near chance); "
        "one hidden layer bends the boundary and gets almost everything right.",
    )


def transfer(
    config: RunConfig,
    state_dict: Mapping[str, torch.Tensor],
    *,
    dataset: str = "fashion-mnist",
    train_samples: int = 500,
    val_samples: int = 1000,
    epochs: int = 10,
    lr: float = 1e-2,
    seed: int = 0,
) -> Comparison:
    """Fine-tuned vs from scratch: the trained model `config`/`state_dict` with a new output
    layer, trained on `train_samples` samples of `dataset` (1) with every other layer frozen,
    (2) with all layers training, and (3) the same network from random weights."""
    spec = config.model
    infos = spec.infer() if spec.input_shape else None
    dense = [i for i, l in enumerate(spec.layers) if l.type == "Dense"]
    if not dense:
        raise ConfigError("The trained model has no Dense output layer to replace.")
    head = dense[-1]
    # The new head: its weights are left out of the start, so each variant initialises it afresh.
    start = {k: v for k, v in state_dict.items() if not k.startswith(f"body.{head}.")}
    with_params = [i for i, l in enumerate(spec.layers) if l.type in ("Dense", "Conv2D", "BatchNorm")]
    if infos is not None:
        with_params = [i for i, info in enumerate(infos) if info.params]
    frozen = tuple(i for i in with_params if i < head)
    from playground.core.config.spec import TrainConfig

    base = RunConfig(
        model=ModelSpec((), spec.layers, spec.init),
        data=DataConfig(dataset, {}, 0.1),
        optimizer=OptimizerConfig("adam", lr),
        train=TrainConfig(epochs=epochs, batch_size=32, seed=seed, device=config.train.device),
        name=config.name,
    )
    variants = (
        Variant("fine-tuned: new output layer only", base.with_overrides(**{"train.frozen_layers": frozen}), start),
        Variant("fine-tuned: all layers", base, start),
        Variant("from scratch", base),
    )
    source = config.name or "the trained model"
    return Comparison(
        "Transfer learning",
        variants,
        "transfer",
        f"{source}'s layers, with a new output layer, learn {dataset} from {train_samples} samples: training only "
        "the new layer, or all layers, against the same network trained from random weights. How much the "
        "trained features help depends on how close the tasks are: digits and clothes share only strokes and "
        "edges, so the new layer alone falls behind, while fine-tuning every layer starts ahead (measured on "
        "the starter model, Fashion-MNIST: 69% / 81% / 76% test accuracy after 10 epochs).",
        train_samples=train_samples,
        val_samples=val_samples,
        fit_output=True,
    )


def _transfer_starter() -> Comparison:
    from playground.core.io.bundle import load_bundle
    from playground.core.inference.starter import starter_path

    bundle = load_bundle(starter_path())
    return transfer(bundle.config.replace(name="the starter digit model"), bundle.state_dict)


LESSONS: dict[str, Lesson] = {
    name: Lesson(name, *LESSON_TEXTS[name], build)
    for name, build in [
        ("optimizers", _optimizers),
        ("weight-init-relu", _weight_init("ReLU")),
        ("weight-init-sigmoid", _weight_init("Sigmoid")),
        ("overfitting", _overfitting),
        ("batchnorm", _batchnorm),
        ("xor", _xor),
        ("transfer", _transfer_starter),
    ]
}


def lesson(
    name: str,
    *,
    dataset: str | None = None,
    epochs: int | None = None,
    device: str | None = None,
) -> Comparison:
    """The ready-made comparison `name` (see LESSONS), optionally on another dataset, for
    another number of epochs or on another device."""
    entry = LESSONS.get(str(name).lower())
    if entry is None:
        raise ConfigError(f"Unknown lesson '{name}'; choose one of {', '.join(LESSONS)}.")
    comparison = entry.build()
    if dataset:
        comparison = comparison.with_dataset(dataset)
    overrides = {"train.epochs": epochs, "train.device": device}
    overrides = {k: v for k, v in overrides.items() if v is not None}
    if overrides:
        comparison = comparison.with_overrides(**overrides)
    comparison.validate()
    return comparison
