"""Evaluation of a trained classifier on a dataset split: the confusion matrix, per-class
accuracy, and the examples it got wrong most confidently.

Accuracy alone hides where a model fails: the confusion matrix shows which classes it
mixes up (on Fashion-MNIST, shirts with T-shirts and pullovers), and the most confidently
wrong examples are often mislabelled or genuinely ambiguous images.

    ev = evaluate_dataset(load_predictor("model.safetensors"), load_dataset("fashion-mnist"))
    print(ev.format_confusion()); print(ev.format_per_class())
    for m in ev.confidently_wrong(5): print(m.index, m.true, m.predicted, m.confidence)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from playground.core.data.points import POINTS_SETS
from playground.core.errors import KeyedError

if TYPE_CHECKING:
    from playground.core.data.dataset import Dataset, DatasetInfo
    from playground.core.inference.predictor import Predictor

__all__ = [
    "DatasetChoice",
    "Evaluation",
    "EvaluationError",
    "Mistake",
    "check_input_shape",
    "dataset_choices",
    "evaluate_dataset",
    "evaluate_predictor",
]

SPLITS = ("test", "train")


class EvaluationError(KeyedError):
    """A model cannot be evaluated on the data given; the message says why and what to do (a key
    and values say it in the window's language: gui/i18n/error_text.py)."""


@dataclass(frozen=True)
class Mistake:
    index: int  # position in the evaluated split
    true: int
    predicted: int
    confidence: float  # the probability given to the (wrong) predicted class
    true_probability: float  # the probability given to the right class


@dataclass
class Evaluation:
    """Predictions of one model on one split. Rows of `confusion` are the true classes,
    columns the predicted ones: confusion[i, j] counts class-i samples predicted as j."""

    class_names: list[str]
    labels: np.ndarray  # (N,) int64, the true classes
    probabilities: np.ndarray  # (N, K) float32
    split: str = "test"
    source: str = ""  # which model, for display
    confusion: np.ndarray = field(init=False, repr=False)

    def __post_init__(self):
        self.labels = np.asarray(self.labels, dtype=np.int64)
        self.probabilities = np.asarray(self.probabilities, dtype=np.float32)
        k = len(self.class_names)
        if self.probabilities.ndim != 2 or self.probabilities.shape != (len(self.labels), k):
            raise EvaluationError(
                f"Expected {len(self.labels)}×{k} probabilities, got {'×'.join(map(str, self.probabilities.shape))}."
            )
        pairs = self.labels * k + self.predictions
        self.confusion = np.bincount(pairs, minlength=k * k).reshape(k, k)

    @property
    def num_classes(self) -> int:
        return len(self.class_names)

    @property
    def predictions(self) -> np.ndarray:
        return self.probabilities.argmax(axis=1)

    @property
    def confidence(self) -> np.ndarray:
        """The probability of each sample's predicted class."""
        return self.probabilities.max(axis=1)

    @property
    def accuracy(self) -> float:
        return float(np.trace(self.confusion) / max(1, len(self.labels)))

    @property
    def class_counts(self) -> np.ndarray:
        return self.confusion.sum(axis=1)

    @property
    def per_class_accuracy(self) -> np.ndarray:
        """Fraction of each class's samples predicted correctly (recall); NaN for a class
        with no samples in the split."""
        counts = self.class_counts
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(counts > 0, np.diag(self.confusion) / np.maximum(counts, 1), np.nan)

    def cell(self, true: int, predicted: int) -> np.ndarray:
        """Indices of the samples of class `true` predicted as `predicted`, most confident first."""
        idx = np.flatnonzero((self.labels == true) & (self.predictions == predicted))
        return idx[np.argsort(-self.confidence[idx], kind="stable")]

    def confidently_wrong(self, n: int = 10) -> list[Mistake]:
        """The `n` misclassified samples whose wrong prediction had the highest probability."""
        wrong = np.flatnonzero(self.predictions != self.labels)
        wrong = wrong[np.argsort(-self.confidence[wrong], kind="stable")][: max(0, n)]
        preds = self.predictions
        return [
            Mistake(
                int(i),
                int(self.labels[i]),
                int(preds[i]),
                float(self.probabilities[i, preds[i]]),
                float(self.probabilities[i, self.labels[i]]),
            )
            for i in wrong
        ]

    def to_dict(self, top: int = 10) -> dict[str, Any]:
        return {
            "source": self.source,
            "split": self.split,
            "samples": int(len(self.labels)),
            "accuracy": self.accuracy,
            "class_names": list(self.class_names),
            "confusion": self.confusion.tolist(),
            "per_class_accuracy": [None if np.isnan(a) else float(a) for a in self.per_class_accuracy],
            "confidently_wrong": [m.__dict__ for m in self.confidently_wrong(top)],
        }

    def format_confusion(self) -> str:
        """The confusion matrix as text: rows true, columns predicted."""
        names = [str(n) for n in self.class_names]
        width = max(4, max(len(n) for n in names), len(str(int(self.confusion.max(initial=0)))))
        label_w = max(len("true \\ predicted"), max(len(n) for n in names))
        lines = ["true \\ predicted".ljust(label_w) + " " + " ".join(n[:width].rjust(width) for n in names)]
        for name, row in zip(names, self.confusion):
            lines.append(name.ljust(label_w) + " " + " ".join(str(int(c)).rjust(width) for c in row))
        return "\n".join(lines)

    def format_per_class(self) -> str:
        names = [str(n) for n in self.class_names]
        w = max(5, max(len(n) for n in names))
        lines = [f"{'CLASS'.ljust(w)}  {'ACCURACY':>8}  {'CORRECT':>7}  {'SAMPLES':>7}"]
        for name, acc, right, count in zip(names, self.per_class_accuracy, np.diag(self.confusion), self.class_counts):
            shown = "-" if np.isnan(acc) else f"{acc:.2%}"
            lines.append(f"{name.ljust(w)}  {shown:>8}  {int(right):>7}  {int(count):>7}")
        lines.append(f"{'all'.ljust(w)}  {self.accuracy:>8.2%}  {int(np.trace(self.confusion)):>7}  {len(self.labels):>7}")
        return "\n".join(lines)


def evaluate_predictor(
    predictor: "Predictor",
    x: Any,
    labels: Any,
    *,
    split: str = "test",
    batch_size: int = 1024,
) -> Evaluation:
    """Predict `x` (raw inputs, as a Dataset stores them) in batches and compare with `labels`."""
    if predictor.task != "classification" or not predictor.class_names:
        raise EvaluationError(
            "A confusion matrix needs a classification model — this one predicts numbers (regression).", "regression_model"
        )
    x = x.numpy() if hasattr(x, "numpy") else np.asarray(x)
    labels = labels.numpy() if hasattr(labels, "numpy") else np.asarray(labels)
    if len(x) != len(labels):
        raise EvaluationError(f"{len(x)} inputs but {len(labels)} labels — they must match.")
    k = len(predictor.class_names)
    if len(labels) and (labels.min() < 0 or labels.max() >= k):
        raise EvaluationError(
            f"The labels go up to {int(labels.max())} but the model knows {k} classes — "
            "evaluate it on the dataset it was trained for.",
            "labels_beyond_classes",
            {"highest": int(labels.max()), "classes": k},
        )
    chunks = [predictor.predict(x[i : i + batch_size]) for i in range(0, len(x), batch_size)]
    probabilities = np.concatenate(chunks) if chunks else np.zeros((0, k), np.float32)
    if probabilities.shape[1] != k:
        raise EvaluationError(f"The model outputs {probabilities.shape[1]} values but has {k} class names.")
    return Evaluation(list(predictor.class_names), labels, probabilities, split, predictor.source)


def check_input_shape(predictor: "Predictor", dataset: "Dataset") -> None:
    """EvaluationError (input_shape_mismatch) when `predictor` takes inputs of another shape than
    `dataset`'s (the confusion matrix and predicted-vs-actual alike)."""
    if tuple(predictor.input_shape) != tuple(dataset.input_shape):
        shape = lambda s: "×".join(map(str, s))  # noqa: E731
        raise EvaluationError(
            f"The model takes inputs of shape {shape(predictor.input_shape)} but {dataset.name} has "
            f"{shape(dataset.input_shape)} — evaluate it on the dataset it was trained on.",
            "input_shape_mismatch",
            {"model_shape": shape(predictor.input_shape), "dataset": dataset.name, "data_shape": shape(dataset.input_shape)},
        )


def evaluate_dataset(predictor: "Predictor", dataset: "Dataset", split: str = "test") -> Evaluation:
    """Evaluate `predictor` on a split ("test" or "train") of `dataset`, checking first that
    the model was made for this kind of data."""
    if split not in SPLITS:
        raise EvaluationError(f"Unknown split '{split}'; choose one of {', '.join(SPLITS)}.")
    if dataset.task != "classification":
        raise EvaluationError(
            f"{dataset.name} is a regression dataset — a confusion matrix needs classes.", "regression_dataset", {"dataset": dataset.name}
        )
    check_input_shape(predictor, dataset)
    if predictor.num_classes != dataset.num_classes:
        raise EvaluationError(
            f"The model knows {predictor.num_classes} classes but {dataset.name} has {dataset.num_classes} — "
            "evaluate it on the dataset it was trained on.",
            "class_count_mismatch",
            {"classes": predictor.num_classes, "dataset": dataset.name, "data_classes": dataset.num_classes},
        )
    x, y = (dataset.x_test, dataset.y_test) if split == "test" else (dataset.x_train, dataset.y_train)
    ev = evaluate_predictor(predictor, x, y, split=split)
    # The dataset's names are the ones to show (an exported model may carry none of its own).
    ev.class_names = list(dataset.class_names)
    return ev


# --------------------------------------------------------------------------- which data to evaluate on


@dataclass(frozen=True)
class DatasetChoice:
    """One dataset a model can be evaluated on: it takes the model's inputs and has its classes.

    `options` are the loader's options (for the model's own dataset, the ones it trained with,
    so that a toy set is generated with the same seed and its test split is the one held out);
    `own` marks the dataset the model was trained on; `available` is False for an image set
    that is not on this computer yet."""

    name: str
    title: str
    options: dict = field(default_factory=dict)
    own: bool = False
    available: bool = True


def _canonical(name: str) -> str:
    return str(name).strip().lower().replace("_", "-")


def dataset_choices(
    input_shape: tuple[int, ...],
    num_classes: int,
    infos: "list[DatasetInfo]",
    trained_on: str | None = None,
    trained_options: dict | None = None,
    loaded: "Dataset | None" = None,
) -> list[DatasetChoice]:
    """The datasets a classifier of `num_classes` classes on inputs of `input_shape` can be
    evaluated on, the one it was trained on (`trained_on`, with `trained_options`) first.

    `infos` are the known datasets (`core.data.registry.list_datasets`); one whose shape only
    loading tells (your own images) is offered when it is the model's own or is `loaded` and fits.
    `loaded` is the dataset loaded now (it may be none of `infos`, e.g. one made in code)."""
    shape = tuple(input_shape)
    own = _canonical(trained_on) if trained_on else None

    def loaded_fits() -> bool:
        return (
            loaded is not None
            and loaded.task == "classification"
            and tuple(loaded.input_shape) == shape
            and loaded.num_classes == num_classes
        )

    choices: list[DatasetChoice] = []
    for info in infos:
        is_own = info.name == own
        if info.task != "classification":
            continue
        # Shape known only once loaded (your images), or data only in the options (your points: a
        # set with no options has none): offered as the model's own or as the data loaded now.
        if info.input_shape is None or info.name in POINTS_SETS:
            if not (is_own or (loaded_fits() and _canonical(loaded.name) == info.name)):
                continue
        if info.input_shape is not None and (tuple(info.input_shape) != shape or info.outputs != num_classes):
            continue
        options = dict(trained_options or {}) if is_own else {}
        choices.append(DatasetChoice(info.name, info.title, options, is_own, info.available))
    names = {c.name for c in choices}
    if loaded_fits() and _canonical(loaded.name) not in names:
        choices.append(DatasetChoice(loaded.name, loaded.name, {}, _canonical(loaded.name) == own, True))
    choices.sort(key=lambda c: not c.own)  # stable: the model's own first, the rest in registry order
    return choices
