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

The variants train without seeing the test set. When all have run, the one with the best
*validation* figure is chosen (`ComparisonResult.chosen_by` says which figure), and only that
one is measured on the test set, once: choosing by test accuracy would make the test set
part of the tuning, and its figure an optimistic one. `lesson_notes.explain` then says where
the results differ from what the lesson expects.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Mapping, Sequence

import torch

from playground.core.config.spec import DataConfig, RunConfig
from playground.core.errors import ConfigError
from playground.core.experiments.histograms import ActivationHistogram, HistogramRecorder
from playground.core.experiments.layer_stats import HealthSnapshot, LayerStatsRecorder
from playground.core.experiments.lesson_notes import Note, explain
from playground.core.experiments.transfer import TransferError, fresh_state, merge_state
from playground.core.experiments.variations import parse_values, set_output_units, variant_config
from playground.core.training.callbacks import Callback
from playground.core.training.loop import FitResult, RunControl, evaluate, fit, validation_size
from playground.core.training.loop import _loss_function as loss_function  # the loss fit trains with

if TYPE_CHECKING:
    from playground.core.data.dataset import Dataset

__all__ = [
    "Comparison",
    "ComparisonCallback",
    "ComparisonResult",
    "Variant",
    "VariantResult",
    "format_seconds",
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
    `histograms` records each hidden activation's histogram before and after training, and each
    variant's training health (core.experiments.layer_stats) at the end of its epochs.
    """

    title: str
    variants: tuple[Variant, ...]
    setting: str = ""
    description: str = ""
    train_samples: int | None = None
    val_samples: int = 0
    fit_output: bool = False
    histograms: bool = False
    lesson: str = ""  # the ready-made lesson's name (lessons.LESSONS), if it is one

    def __post_init__(self):
        object.__setattr__(self, "variants", tuple(self.variants))

    @property
    def names(self) -> list[str]:
        return [v.name for v in self.variants]

    @property
    def total_epochs(self) -> int:
        return sum(v.config.train.epochs for v in self.variants)

    @property
    def dataset(self) -> str:
        """The dataset every variant trains on (validate checks that they share it)."""
        return self.variants[0].config.data.name

    @property
    def epochs(self) -> tuple[int, ...]:
        """The epochs per variant, each number once (one number in every lesson)."""
        return tuple(sorted({v.config.train.epochs for v in self.variants}))

    @property
    def batch_sizes(self) -> tuple[int, ...]:
        return tuple(sorted({v.config.train.batch_size for v in self.variants}))

    def plan(self) -> str:
        """What will run, in a line for the command line (the window words it itself)."""
        epochs = "/".join(map(str, self.epochs))
        batch = "/".join(map(str, self.batch_sizes))
        samples = (
            f"{self.train_samples:,} training and {self.val_samples:,} validation samples"
            if self.train_samples is not None
            else f"{self.variants[0].config.data.val_split:.0%} of the training samples held out for validation"
        )
        return f"{len(self.variants)} variants on {self.dataset} ({samples}), {epochs} epoch(s) each, batch size {batch}."

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
            "lesson": self.lesson,
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

    def on_health(self, index: int, snapshot: HealthSnapshot) -> None:
        """A record of variant `index`'s layer statistics (comparisons with histograms)."""


@dataclass
class VariantResult:
    name: str
    config: RunConfig
    result: FitResult | None  # None: not run (the comparison was stopped before it)
    same_start_as: str | None = None  # the variant whose initial weights this one started from
    histograms_before: list[ActivationHistogram] = field(default_factory=list)
    histograms_after: list[ActivationHistogram] = field(default_factory=list)
    # Training health at the end of each recorded epoch (comparisons with histograms): every
    # layer's activations, gradients and weights, and the diagnoses that fired.
    health: list[HealthSnapshot] = field(default_factory=list)
    layer_stats: list[dict] = field(default_factory=list)  # the same as `train --stats` writes it
    # Measured on the test set only for the chosen variant, once all have run.
    test_loss: float | None = None
    test_accuracy: float | None = None

    @property
    def status(self) -> str:
        return self.result.status if self.result is not None else "not run"

    def validation(self) -> tuple[float | None, float | None]:
        """(loss, accuracy) on the validation set of the weights this variant returned: the
        last epoch's, or the best epoch's where fit put those back (a stopped, diverged, or
        early-stopped run with restore_best)."""
        r = self.result
        if r is None or not r.history:
            return None, None
        restored = r.status != "completed" or (r.early_stopped and r.config.regularization.restore_best)
        if restored and r.best_val_loss is not None:
            return r.best_val_loss, r.best_val_accuracy
        return r.history[-1].val_loss, r.history[-1].val_accuracy

    def row(self) -> dict[str, Any]:
        """Final metrics: the last completed epoch's train/validation figures, and the test
        figures where this is the chosen variant (None for the others)."""
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
            "test_loss": self.test_loss,
            "test_accuracy": self.test_accuracy,
            "seconds": r.train_seconds if r else None,
            "same_start_as": self.same_start_as,
        }


def format_seconds(seconds: float | None) -> str:
    """A duration with as many decimals as it needs to not read 0: a one-epoch variant on a
    small dataset trains in a few hundredths of a second, which one decimal showed as 0.0."""
    if seconds is None:
        return ""
    if seconds >= 10:
        return f"{seconds:.1f}"
    if seconds >= 0.1:
        return f"{seconds:.2f}"
    return f"{seconds:.2g}" if seconds > 0 else "0"


@dataclass
class ComparisonResult:
    comparison: Comparison
    variants: list[VariantResult]
    status: str  # completed | stopped
    dataset: str
    # Samples each variant trained on, was validated on, and the chosen one was tested on.
    sizes: dict[str, int] = field(default_factory=dict)
    chosen: str | None = None  # the variant chosen on the validation set (None: stopped, or none usable)
    chosen_by: str | None = None  # val_accuracy | val_loss | train_accuracy | train_loss (no validation data)
    notes: list[Note] = field(default_factory=list)  # where the results differ from the lesson

    def rows(self) -> list[dict[str, Any]]:
        return [v.row() for v in self.variants]

    def best(self) -> VariantResult | None:
        """The chosen variant: the best on the validation set (see choose), tested once."""
        return next((v for v in self.variants if v.name == self.chosen), None)

    def chosen_score(self) -> float | None:
        v = self.best()
        return None if v is None or self.chosen_by is None else _score(v, self.chosen_by)

    def table(self) -> str:
        """The results as a plain-text table for a terminal (no test figures: those are the
        chosen variant's alone, see summary)."""
        header = ["VARIANT", "STATUS", "EPOCHS", "TRAIN LOSS", "TRAIN ACC", "VAL LOSS", "VAL ACC", "TIME"]

        def loss(x):
            return "-" if x is None else f"{x:.4f}"

        def acc(x):
            return "-" if x is None else f"{x:.2%}"

        lines = [header]
        for r in self.rows():
            lines.append(
                [
                    r["variant"] + (" *" if r["variant"] == self.chosen else ""),
                    r["status"],
                    str(r["epochs"]),
                    loss(r["train_loss"]),
                    acc(r["train_accuracy"]),
                    loss(r["val_loss"]),
                    acc(r["val_accuracy"]),
                    "-" if r["seconds"] is None else f"{format_seconds(r['seconds'])} s",
                ]
            )
        widths = [max(len(row[i]) for row in lines) for i in range(len(header))]
        return "\n".join(
            "  ".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))).rstrip()
            for row in lines
        )

    def summary(self) -> list[str]:
        """How the variant was chosen and its test figure, in plain sentences."""
        best = self.best()
        if best is None:
            if self.status == "stopped":
                return ["Stopped: no variant chosen and nothing measured on the test set."]
            return []
        by = {
            "val_accuracy": "validation accuracy",
            "val_loss": "validation loss",
            "train_accuracy": "training accuracy (no validation data)",
            "train_loss": "training loss (no validation data)",
        }[self.chosen_by]
        score = self.chosen_score()
        shown = f"{score:.2%}" if self.chosen_by.endswith("accuracy") else f"{score:.4f}"
        lines = [f"* Chosen by {by}: {best.name} ({shown})."]
        if best.test_loss is not None:
            figure = f"{best.test_accuracy:.2%} accuracy" if best.test_accuracy is not None else f"loss {best.test_loss:.4f}"
            lines.append(
                f"Test set, used once for the chosen variant only ({self.sizes.get('test', 0):,} samples): {figure}."
            )
        return lines

    def to_dict(self) -> dict:
        return {
            "title": self.comparison.title,
            "setting": self.comparison.setting,
            "dataset": self.dataset,
            "status": self.status,
            "sizes": dict(self.sizes),
            "chosen": self.chosen,
            "chosen_by": self.chosen_by,
            "chosen_score": self.chosen_score(),
            "notes": [n.to_dict() for n in self.notes],
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
            "layer_stats": {v.name: v.layer_stats for v in self.variants if v.layer_stats},
        }


def _score(v: VariantResult, by: str) -> float | None:
    r = v.result
    if by.startswith("val_"):
        loss, accuracy = v.validation()
    else:
        loss, accuracy = (r.history[-1].loss, r.history[-1].accuracy) if r is not None and r.history else (None, None)
    return accuracy if by.endswith("accuracy") else loss


def choose(variants: Sequence[VariantResult]) -> tuple[VariantResult | None, str | None]:
    """The variant to keep and the figure it was chosen by: the highest validation accuracy
    (the lowest validation loss for regression, or to break a tie), never a test figure.
    Without validation data, the training figures stand in (and `chosen_by` says so).
    Diverged and unrun variants are not candidates."""
    done = [v for v in variants if v.result is not None and v.result.history and v.status != "diverged"]
    if not done:
        return None, None
    with_val = [v for v in done if v.validation()[0] is not None]
    prefix = "val_" if with_val else "train_"
    pool = with_val or done
    if all(_score(v, prefix + "accuracy") is not None for v in pool):
        by = prefix + "accuracy"
        best = max(pool, key=lambda v: (_score(v, by), -_score(v, prefix + "loss")))
    else:
        by = prefix + "loss"
        best = min(pool, key=lambda v: _score(v, by))
    return best, by


def _test_once(v: VariantResult, dataset: "Dataset") -> None:
    """Measure the chosen variant's returned weights on the test set."""
    if not len(dataset.x_test):
        return
    model = v.result.build_model()
    loss_fn = loss_function(dataset.task, v.config.train.loss)
    v.test_loss, v.test_accuracy = evaluate(model, dataset.x_test, dataset.y_test, loss_fn, dataset.task)


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
            spec = v.config.model.with_input_shape(dataset.input_shape)
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
    # The variants never see the test set: fit would measure each on it, which invites
    # picking by test accuracy. The chosen one is measured on it once, at the end.
    unseen = dataclasses.replace(dataset, x_test=dataset.x_test[:0], y_test=dataset.y_test[:0])
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
        health: list[HealthSnapshot] = []

        def heard(snapshot: HealthSnapshot, index: int = index) -> None:
            health.append(snapshot)
            for cb in hooks:
                cb.on_health(index, snapshot)

        stats = LayerStatsRecorder(on_record=heard) if comparison.histograms else None
        fit_callbacks = [*callbacks, recorder, stats] if recorder else list(callbacks)
        result = fit(v.config, unseen, callbacks=fit_callbacks, control=control, initial_state=state)
        outcome = VariantResult(
            v.name,
            result.config,
            result,
            source,
            recorder.before if recorder else [],
            recorder.after if recorder else [],
            health,
            stats.epochs if stats else [],
        )
        results.append(outcome)
        for cb in hooks:
            cb.on_variant_end(index, outcome)
        if result.status == "stopped" and control.stop_requested:
            status = "stopped"
    n_train = len(dataset.x_train)
    n_val = validation_size(n_train, first.data.val_split) if not comparison.train_samples else n_train - comparison.train_samples
    sizes = {"train": n_train - n_val, "val": n_val, "test": len(dataset.x_test)}
    outcome = ComparisonResult(comparison, results, status, dataset.name, sizes)
    if status == "completed":
        best, by = choose(results)
        if best is not None:
            _test_once(best, dataset)
            outcome.chosen, outcome.chosen_by = best.name, by
    outcome.notes = explain(outcome)
    return outcome
