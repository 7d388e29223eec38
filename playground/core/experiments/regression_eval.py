"""Evaluating a regression model: its predictions beside the true values of a split, with the
mean absolute error and R² — what the window's Evaluate shows as predicted-vs-actual, where a
classifier gets a confusion matrix (evaluate.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from playground.core.experiments.evaluate import SPLITS, EvaluationError, check_input_shape

if TYPE_CHECKING:
    from playground.core.data.dataset import Dataset
    from playground.core.inference.predictor import Predictor

__all__ = ["RegressionEvaluation", "evaluate_regression"]


@dataclass
class RegressionEvaluation:
    """True and predicted values (N × targets) of one split."""

    actual: np.ndarray
    predicted: np.ndarray
    split: str = "test"
    source: str = ""

    @property
    def mae(self) -> float:
        return float(np.abs(self.predicted - self.actual).mean()) if self.actual.size else float("nan")

    @property
    def r2(self) -> float:
        """1 - SS_res / SS_tot (1 is perfect, 0 no better than the mean; NaN for constant targets)."""
        total = float(((self.actual - self.actual.mean(0)) ** 2).sum())
        return 1.0 - float(((self.predicted - self.actual) ** 2).sum()) / total if total > 0 else float("nan")

    def to_dict(self) -> dict[str, Any]:
        return {"split": self.split, "samples": len(self.actual), "mae": self.mae, "r2": self.r2}


def evaluate_regression(
    predictor: "Predictor", dataset: "Dataset", split: str = "test", batch_size: int = 1024
) -> RegressionEvaluation:
    """Predict a split ("test" or "train") of a regression `dataset` with `predictor`."""
    if split not in SPLITS:
        raise EvaluationError(f"Unknown split '{split}'; choose one of {', '.join(SPLITS)}.")
    if dataset.task != "regression" or predictor.task != "regression":
        raise EvaluationError(
            f"{dataset.name} is a classification dataset — predicted-vs-actual needs numbers (regression).",
            "classification_dataset",
            {"dataset": dataset.name},
        )
    check_input_shape(predictor, dataset)
    x, y = (dataset.x_test, dataset.y_test) if split == "test" else (dataset.x_train, dataset.y_train)
    x = x.numpy() if hasattr(x, "numpy") else np.asarray(x)
    y = (y.numpy() if hasattr(y, "numpy") else np.asarray(y)).astype(np.float64).reshape(len(x), -1)
    chunks = [predictor.predict(x[i : i + batch_size]) for i in range(0, len(x), batch_size)]
    predicted = np.concatenate(chunks).astype(np.float64) if chunks else np.zeros_like(y)
    predicted = predicted.reshape(len(x), -1)
    if predicted.shape != y.shape:
        raise EvaluationError(f"The model outputs {predicted.shape[1]} values but {dataset.name} has {y.shape[1]} targets.")
    return RegressionEvaluation(y, predicted, split, predictor.source)
