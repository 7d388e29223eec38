"""Tables as datasets: a CSV file of your own ("csv", option path) and the example tables shipped
in resources/tables (iris, Palmer penguins, Auto MPG; their sources and licences are in
resources/tables/README.md), loaded through table.py and table_prep.py into a `Dataset` that
`fit` trains on like any other: inputs already encoded and standardised (so the network's own
normalisation is the identity), its own validation split, and the fitted preprocessing and the
report attached."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from playground.core.config.presets import resource_path
from playground.core.data.dataset import Dataset, DatasetError, Progress, check_options, float_option, int_option
from playground.core.data.table import read_table
from playground.core.data.table_prep import prepare_table

__all__ = ["EXAMPLE_TABLES", "TABLE_DEFAULTS", "ExampleTable", "example_path", "load_table_dataset"]

TABLE_DEFAULTS: dict[str, Any] = {
    "path": "", "target": "", "task": None, "types": {}, "test_split": 0.2, "val_split": 0.1, "seed": 0,
}


@dataclass(frozen=True)
class ExampleTable:
    title: str
    file: str
    target: str
    task: str
    description: str


EXAMPLE_TABLES: dict[str, ExampleTable] = {
    "iris": ExampleTable(
        "Iris flowers", "iris.csv", "species", "classification",
        "150 irises, 4 measurements each: tell the three species apart (Fisher, 1936).",
    ),
    "penguins": ExampleTable(
        "Palmer penguins", "penguins.csv", "species", "classification",
        "344 penguins of three species: measurements, island and sex, with some values missing.",
    ),
    "auto-mpg": ExampleTable(
        "Auto MPG", "auto-mpg.csv", "Miles_per_Gallon", "regression",
        "406 cars of the 1970s and early 80s: predict fuel economy (miles per gallon) from engine and weight.",
    ),
}


def example_path(name: str) -> Path:
    return resource_path("tables", EXAMPLE_TABLES[name].file)


def _text(dataset: str, options: Mapping[str, Any], key: str) -> str:
    value = options[key]
    if not isinstance(value, str) or not value.strip():
        raise DatasetError(f"Dataset '{dataset}': option '{key}' must be given (text), got {value!r}.")
    return value


def load_table_dataset(
    name: str,
    options: Mapping[str, Any] | None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> Dataset:
    """Table `name` ("csv": the file in option 'path'; else an example table) as a Dataset.
    Options: path, target (the example's own by default), task (None: inferred), types (column ->
    numeric/categorical/ignore), test_split, val_split, seed."""
    import torch

    example = EXAMPLE_TABLES.get(name)
    defaults = dict(TABLE_DEFAULTS)
    if example is not None:
        defaults.update(path=str(example_path(name)), target=example.target)
    opts = check_options(name, options, defaults)
    path, target = _text(name, opts, "path"), _text(name, opts, "target")
    test_split = float_option(name, opts, "test_split", 0.05, 0.5)
    val_split = float_option(name, opts, "val_split", 0.0, 0.5)
    seed = int_option(name, opts, "seed", 0)
    if not isinstance(opts["types"], Mapping):
        raise DatasetError(f"Dataset '{name}': option 'types' must map column names to a type, got {opts['types']!r}.")
    table = read_table(path, progress=progress, cancel=cancel)
    prepared = prepare_table(
        table, target, task=opts["task"], types=opts["types"], test_split=test_split, val_split=val_split, seed=seed
    )
    prep = prepared.preprocessing
    classification = prep.task == "classification"

    def tensor(a, labels: bool = False) -> torch.Tensor:
        t = torch.from_numpy(a)
        return t.to(torch.int64) if labels and classification else t.to(torch.float32)

    width = prep.input_size
    return Dataset(
        name=name,
        task=prep.task,
        x_train=tensor(prepared.x_train),
        y_train=tensor(prepared.y_train, True),
        x_test=tensor(prepared.x_test),
        y_test=tensor(prepared.y_test, True),
        class_names=prep.class_names,
        mean=(0.0,) * width,  # standardised already, with the training rows' statistics
        std=(1.0,) * width,
        x_val=tensor(prepared.x_val),
        y_val=tensor(prepared.y_val, True),
        preprocessing=prep,
        report=prepared.report,
    )
