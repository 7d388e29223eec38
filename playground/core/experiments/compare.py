"""Comparisons: the same network trained several ways, side by side.

A `Comparison` is a list of variants (a name and a `RunConfig` each) that differ in one
setting — the optimizer, the learning rate, the weight initialisation, the batch size, L2 or
dropout on/off, augmentation on/off, batch norm on/off, or two whole presets. `vary` builds
one from a base config (the settings and their values: `variations`); `lessons.LESSONS`
holds the ready-made ones that deep-learning courses teach.

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
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Mapping, Sequence

import torch

from playground.core.config.spec import DataConfig, RunConfig
from playground.core.errors import ConfigError
from playground.core.config.model_spec import ModelSpec
from playground.core.experiments.histograms import ActivationHistogram, HistogramRecorder
from playground.core.experiments.transfer import TransferError, fresh_state, merge_state
from playground.core.experiments.variations import parse_values, set_output_units, variant_config
from playground.core.training.callbacks import Callback
from playground.core.training.loop import FitResult, RunControl, fit

if TYPE_CHECKING:
    from playground.core.data.dataset import Dataset

__all__ = [
    "Comparison",
    "ComparisonCallback",
    "ComparisonResult",
    "Variant",
    "VariantResult",
    "prepare",
    "run_comparison",
    "subset_dataset",
    "vary",
]

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


def vary(base: RunConfig, setting: str, values: Sequence[Any], *, title: str = "", description: str = "") -> Comparison:
    """A comparison of `base` with one setting taking each of `values` (see lesson_texts.SETTINGS;
    strings as typed on a command line are accepted)."""
    parsed = parse_values(setting, values)
    variants = tuple(Variant(*variant_config(base, setting, v)) for v in parsed)
    comparison = Comparison(title or f"Compare {setting}", variants, setting, description)
    comparison.validate()
    return comparison


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
    own language (gui/i18n/core_text.spec_error_text)."""
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
                dataclasses.replace(v, config=v.config.replace(model=set_output_units(v.config.model, dataset.output_size)))
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
        from playground.core.data.registry import load_dataset

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
        recorder = HistogramRecorder(sample) if comparison.histograms else None
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
