"""Predicting the rows of a table with a model trained on a table: the model keeps the table's
fitted preprocessing (TrainedModel.summary["table"], data/table_prep.TablePreprocessing as JSON),
which turns each raw row into the network's input. What `playground predict MODEL ROWS.csv` does."""

from __future__ import annotations

import os
from typing import Any

from playground.core.data.table import read_rows
from playground.core.data.table_prep import TablePreprocessing
from playground.core.inference.predictor import Predictor, PredictorError

__all__ = ["predict_table_rows", "table_preprocessing"]


def table_preprocessing(predictor: Predictor) -> TablePreprocessing | None:
    """The table encoding a model kept (None for a model not trained on a table)."""
    data = predictor.metadata.get("table")
    if not isinstance(data, dict):
        return None
    try:
        return TablePreprocessing.from_dict(data)
    except (KeyError, TypeError, ValueError):
        raise PredictorError(
            f"{predictor.source}: the table encoding stored with the model is damaged — train the model again."
        ) from None


def predict_table_rows(predictor: Predictor, path: str | os.PathLike) -> list[dict[str, Any]]:
    """One result per row of the table in `path` (its columns as in training; the target column,
    when present, is ignored): {"row": 1, "class": name, "probabilities": {name: p}} for
    classification, {"row": 1, "value": v} for regression. DatasetError names a missing column,
    an unseen category or a value that is no number; PredictorError a model not trained on a table."""
    prep = table_preprocessing(predictor)
    if prep is None:
        raise PredictorError(
            f"{predictor.source} was not trained on a table, so it cannot read the rows of a CSV — give a model "
            "trained with 'playground train --csv'."
        )
    _, rows = read_rows(path)
    outputs = predictor.predict(prep.encode(rows))
    results = []
    for i, out in enumerate(outputs, 1):
        if predictor.task == "classification":
            names = predictor.class_names or [str(k) for k in range(len(out))]
            best = int(out.argmax())
            results.append(
                {"row": i, "class": names[best], "probabilities": {n: float(p) for n, p in zip(names, out)}}
            )
        else:
            results.append({"row": i, "value": float(out[0]) if len(out) == 1 else [float(v) for v in out]})
    return results
