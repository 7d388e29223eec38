"""CIFAR-10: 60,000 32×32 colour photos of 10 kinds of object, from the official binary archive.

The archive is the dataset authors' *binary* version (cifar-10-binary.tar.gz, not the Python
version, which is a pickle and is never unpickled here). Its six batch files are fixed-size
records: one label byte (0–9), then 3,072 pixel bytes — the 1,024 red values of the 32×32
image row by row, then the 1,024 green, then the 1,024 blue — so a record is already C×H×W.

The archive is read without extracting anything: only the six expected member names are
read, each must be a regular file whose size is a whole number of records (at most 10,000,
as the official batches hold), labels must be 0–9, and every other member (the readme, the
class list) is skipped. An unpacked copy of its folder `cifar-10-batches-bin` works too. The
parsed arrays are cached as .npy files under `<data_dir>/cifar10/.cache/`, keyed by the
source's path, size and modification time, as the IDX sets do (data/images.py).
"""

from __future__ import annotations

import hashlib
import io
import logging
import tarfile
import threading
import zlib
from pathlib import Path
from typing import Any, Mapping

import numpy as np

from playground.core.data.dataset import Dataset, DatasetError, Progress, check_cancel, check_options, image_dataset
from playground.core.data.downloader import DownloadError, download
from playground.core.io.atomic import WriteError, write_bytes

__all__ = [
    "ARCHIVE",
    "CIFAR10_CLASSES",
    "CIFAR10_MD5",
    "CIFAR10_MIRRORS",
    "FOLDER",
    "MEMBERS",
    "RECORD_BYTES",
    "cifar10_where",
    "load_cifar10",
    "read_cifar_archive",
    "read_cifar_records",
]

log = logging.getLogger(__name__)

NAME = "cifar10"
TITLE = "CIFAR-10"
DESCRIPTION = "60,000 32×32 colour photos of 10 kinds of object (airplane … truck): the classic next step after digits."
CIFAR10_CLASSES = ("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck")
ARCHIVE = "cifar-10-binary.tar.gz"
# The dataset authors' page (https://www.cs.toronto.edu/~kriz/cifar.html) publishes this MD5
# for the binary version; tests point the mirrors at a local server with monkeypatch.
CIFAR10_MD5 = "c32a1d4ab5d03f1284b67883e8d87530"
CIFAR10_MIRRORS: list[str] = ["https://www.cs.toronto.edu/~kriz/"]
SIZE_MB = 163  # 170,052,171 bytes
FOLDER = "cifar-10-batches-bin"
TRAIN_MEMBERS = tuple(f"{FOLDER}/data_batch_{i}.bin" for i in range(1, 6))
TEST_MEMBERS = (f"{FOLDER}/test_batch.bin",)
MEMBERS = TRAIN_MEMBERS + TEST_MEMBERS
SIDE, CHANNELS = 32, 3
RECORD_BYTES = 1 + CHANNELS * SIDE * SIDE  # 3,073
MAX_RECORDS = 10_000  # each official batch file holds exactly this many

_REFETCH = f"delete it and load CIFAR-10 again to download a fresh copy of {ARCHIVE}"


def _archive_problem(path: Path, problem: str) -> DatasetError:
    return DatasetError(
        f"{path} is not a usable CIFAR-10 archive: {problem} — {_REFETCH}.",
        "cifar_bad_archive",
        {"path": str(path), "problem": problem},
    )


def read_cifar_records(data: bytes, source: str) -> tuple[np.ndarray, np.ndarray]:
    """(images N×3×32×32 uint8, labels N int64) from the bytes of one batch file.

    Raises DatasetError when the size is not a whole number of records, there are more
    records than an official batch holds, or a label is not 0–9."""
    if not data or len(data) % RECORD_BYTES:
        raise DatasetError(
            f"{source} holds {len(data):,} bytes, not a whole number of {RECORD_BYTES:,}-byte CIFAR-10 records — {_REFETCH}.",
            "cifar_bad_batch",
            {"path": source, "size": f"{len(data):,}", "record": f"{RECORD_BYTES:,}"},
        )
    n = len(data) // RECORD_BYTES
    if n > MAX_RECORDS:
        raise DatasetError(
            f"{source} holds {n:,} records, more than the {MAX_RECORDS:,} of an official CIFAR-10 batch — {_REFETCH}.",
            "cifar_too_many",
            {"path": source, "count": f"{n:,}", "most": f"{MAX_RECORDS:,}"},
        )
    records = np.frombuffer(data, dtype=np.uint8).reshape(n, RECORD_BYTES)
    labels = records[:, 0].astype(np.int64)
    if labels.max() >= len(CIFAR10_CLASSES):
        raise DatasetError(
            f"{source} has labels outside 0–9 — it is not a CIFAR-10 batch; {_REFETCH}.",
            "cifar_bad_labels",
            {"path": source},
        )
    # The 3,072 pixel bytes are channel-planar (R, then G, then B), each 32×32 row-major: C×H×W.
    images = records[:, 1:].reshape(n, CHANNELS, SIDE, SIDE).copy()
    return images, labels


def read_cifar_archive(path: Path, cancel: threading.Event | None = None) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """The six batches of the archive at `path`, by member name, read without extracting.

    Only the expected member names are read; each must be a regular file of at most
    MAX_RECORDS records (its size is checked from its header before it is read)."""
    path = Path(path)
    found: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    try:
        with tarfile.open(path, "r:gz") as tar:
            for member in tar:  # one pass over the stream: no member is looked up twice
                check_cancel(cancel, "Reading CIFAR-10")
                name = member.name.removeprefix("./")
                if name not in MEMBERS:
                    continue  # the readme and the class list: not needed
                if name in found:
                    raise _archive_problem(path, f"it holds {name} twice")
                if not member.isfile():
                    raise _archive_problem(path, f"{name} is not a regular file")
                if member.size > MAX_RECORDS * RECORD_BYTES:
                    raise _archive_problem(path, f"{name} declares {member.size:,} bytes, more than a batch holds")
                handle = tar.extractfile(member)
                data = handle.read(member.size + 1) if handle is not None else b""
                if len(data) != member.size:
                    raise _archive_problem(path, f"{name} ends early")
                found[name] = read_cifar_records(data, f"{path}:{name}")
    except FileNotFoundError:
        raise DatasetError(f"{path} does not exist.") from None
    except (tarfile.TarError, EOFError, zlib.error, OSError) as e:
        raise _archive_problem(path, f"{type(e).__name__}: {e}") from None
    missing = [m for m in MEMBERS if m not in found]
    if missing:
        raise _archive_problem(path, f"it lacks {', '.join(missing)}")
    return found


def _read_folder(folder: Path) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """The six batches of an unpacked archive (the folder `cifar-10-batches-bin`)."""
    found = {}
    for member in MEMBERS:
        file = folder.parent / member
        try:
            size = file.stat().st_size
            if size > MAX_RECORDS * RECORD_BYTES:
                count = f"{size // RECORD_BYTES:,}"
                raise DatasetError(
                    f"{file} holds {count} records, more than the {MAX_RECORDS:,} of an official CIFAR-10 batch — {_REFETCH}.",
                    "cifar_too_many",
                    {"path": str(file), "count": count, "most": f"{MAX_RECORDS:,}"},
                )
            found[member] = read_cifar_records(file.read_bytes(), str(file))
        except OSError as e:
            raise DatasetError(f"Cannot read {file}: {e.strerror or e}. Check that the file is readable.") from None
    return found


# --------------------------------------------------------------------------- locating and fetching


def _source(data_dir: Path) -> Path | None:
    """The archive or the unpacked folder in `<data_dir>/cifar10/`, preferring the folder (faster)."""
    folder = data_dir / NAME / FOLDER
    if all((folder.parent / m).is_file() for m in MEMBERS):
        return folder
    archive = data_dir / NAME / ARCHIVE
    return archive if archive.is_file() else None


def _how_to_get(data_dir: Path) -> str:
    return (
        f"Put {ARCHIVE} (or its unpacked folder {FOLDER}) into {data_dir / NAME}, or point the app at a data folder "
        "that has it with --data-dir or the PLAYGROUND_DATA_DIR environment variable."
    )


def cifar10_where(data_dir: Path) -> tuple[bool, str]:
    source = _source(data_dir)
    if source is not None:
        return True, str(source)
    return False, f"not found: downloads on first use (about {SIZE_MB} MB) into {data_dir / NAME}, or put {ARCHIVE} there"


def _fetch(data_dir: Path, progress: Progress | None, cancel: threading.Event | None) -> Path:
    dest = data_dir / NAME / ARCHIVE
    try:
        # The checksum is verified while the file streams in; a mismatch leaves no file behind.
        download([mirror + ARCHIVE for mirror in CIFAR10_MIRRORS], dest, md5=CIFAR10_MD5, progress=progress, cancel=cancel)
    except DownloadError as e:
        failures = "\n".join(f"  - {url}: {reason}" for url, reason in e.failures)
        raise DatasetError(f"Could not download {TITLE} ({ARCHIVE}):\n{failures}\n{_how_to_get(data_dir)}") from None
    return dest


# --------------------------------------------------------------------------- parsed-array cache


def _cache_key(source: Path) -> str:
    stats = [source.stat()] if source.is_file() else [(source.parent / m).stat() for m in MEMBERS]
    text = "|".join([str(source.resolve())] + [f"{st.st_size}:{st.st_mtime_ns}" for st in stats])
    return hashlib.sha1(text.encode()).hexdigest()[:16]


_PARTS = ("train_images", "train_labels", "test_images", "test_labels")


def _load_cache(cache_dir: Path, key: str) -> dict[str, np.ndarray] | None:
    try:
        arrays = {part: np.load(cache_dir / f"{part}.{key}.npy", allow_pickle=False) for part in _PARTS}
    except FileNotFoundError:
        return None
    except (OSError, ValueError, EOFError) as e:
        log.warning("Ignoring an unreadable CIFAR-10 cache in %s (%s); reading the source again", cache_dir, e)
        return None
    images_ok = all(arrays[p].dtype == np.uint8 and arrays[p].shape[1:] == (CHANNELS, SIDE, SIDE) for p in _PARTS[::2])
    return arrays if images_ok else None


def _save_cache(cache_dir: Path, key: str, arrays: dict[str, np.ndarray]) -> None:
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        for part, array in arrays.items():
            buffer = io.BytesIO()
            np.save(buffer, array, allow_pickle=False)
            write_bytes(cache_dir / f"{part}.{key}.npy", buffer.getbuffer())
        for stale in cache_dir.glob("*.npy"):  # an earlier source's arrays are dead weight
            if f".{key}." not in stale.name:
                stale.unlink(missing_ok=True)
    except (OSError, WriteError) as e:
        log.warning("Cannot cache CIFAR-10 in %s (%s); it will be read again next time", cache_dir, e)


def _read_source(source: Path, cancel: threading.Event | None) -> dict[str, np.ndarray]:
    batches = _read_folder(source) if source.is_dir() else read_cifar_archive(source, cancel)
    train = [batches[m] for m in TRAIN_MEMBERS]
    test = batches[TEST_MEMBERS[0]]
    return {
        "train_images": np.concatenate([b[0] for b in train]),
        "train_labels": np.concatenate([b[1] for b in train]),
        "test_images": test[0],
        "test_labels": test[1],
    }


# --------------------------------------------------------------------------- loading


def load_cifar10(
    options: Mapping[str, Any] | None,
    data_dir: Path,
    download_missing: bool,
    progress: Progress | None,
    cancel: threading.Event | None,
) -> Dataset:
    """The 50,000 training and 10,000 test images, downloading the archive first when it is
    missing and `download_missing` is true. Takes no options."""
    check_options(NAME, options, {})
    source = _source(data_dir)
    if source is None:
        if not download_missing:
            raise DatasetError(f"{TITLE} is not on this computer and downloading is turned off. " + _how_to_get(data_dir))
        source = _fetch(data_dir, progress, cancel)
    cache_dir = data_dir / NAME / ".cache"
    key = _cache_key(source)
    arrays = _load_cache(cache_dir, key)
    if arrays is None:
        if progress:
            progress(f"Reading {source.name}", 0, None)
        arrays = _read_source(source, cancel)
        _save_cache(cache_dir, key, arrays)
    return image_dataset(
        NAME,
        list(CIFAR10_CLASSES),
        (arrays["train_images"], arrays["train_labels"]),
        (arrays["test_images"], arrays["test_labels"]),
    )
