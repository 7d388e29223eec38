"""Your own handwriting, kept on disk: the drawings a model got wrong, with the right label.

One folder per set of classes (digits, or another model's classes) under the user data
folder — $PLAYGROUND_DATA_DIR/personal when that variable is set (tests), else e.g.
~/.local/share/neural-playground/personal — and in it one folder per class holding the
samples as PNG files: `<id>.png` is the 28×28 MNIST-framed image the model trains on (white
on black, what core.data.preprocess made of the drawing), `<id>-raw.png` the drawing as drawn,
kept so that a better preprocessing later can frame it again. Plain files, so a learner can
look at, copy or delete them outside the app as well; writes are atomic.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import platformdirs
import torch

from playground.core.data.dataset import Dataset
from playground.core.errors import PlaygroundError
from playground.core.io.atomic import write_bytes, write_files

__all__ = ["PersonalDataset", "PersonalSample", "PersonalDataError", "personal_root"]

_DIGITS = [str(d) for d in range(10)]
_NAMES_FILE = "classes.json"


class PersonalDataError(PlaygroundError):
    """The personal samples folder cannot be read or written; the message says why."""


def personal_root() -> Path:
    """Where personal datasets live (see the module docstring)."""
    base = os.environ.get("PLAYGROUND_DATA_DIR") or platformdirs.user_data_dir("neural-playground")
    return Path(base).expanduser() / "personal"


def _set_name(class_names: list[str]) -> str:
    if list(class_names) == _DIGITS:
        return "digits"
    digest = hashlib.sha1(json.dumps(list(class_names)).encode("utf-8")).hexdigest()[:10]
    return f"classes-{digest}"


def _folder_name(index: int, name: str) -> str:
    """A file-system-safe folder per class ("T-shirt/top" -> "00-T-shirt_top"; digits keep their name)."""
    safe = re.sub(r"[^\w.-]+", "_", name, flags=re.UNICODE).strip("._") or "class"
    return safe if safe == name and name.isdigit() else f"{index:02d}-{safe}"


@dataclass(frozen=True)
class PersonalSample:
    path: Path  # the 28×28 PNG
    label: int
    class_name: str

    @property
    def id(self) -> str:
        return self.path.stem

    def image(self) -> np.ndarray:
        """28×28 float32 in [0, 1], white ink on black. Raises ImageReadError naming the file
        when it cannot be read (damaged, not an image, too many pixels)."""
        from playground.core.data.preprocess import open_image

        with open_image(self.path) as img:
            return np.asarray(img.convert("L"), dtype=np.float32) / 255.0


class PersonalDataset:
    """The samples for one set of classes. Every call reads the folder afresh, so another
    instance (or the next session) sees what this one wrote."""

    def __init__(self, class_names: list[str], root: str | os.PathLike | None = None):
        self.class_names = list(class_names)
        self.folder = Path(root) if root is not None else personal_root()
        self.folder = self.folder / _set_name(self.class_names)

    def class_folder(self, label: int) -> Path:
        return self.folder / _folder_name(label, self.class_names[label])

    def _ensure_folder(self) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            names = self.folder / _NAMES_FILE
            if not names.exists():
                write_bytes(names, json.dumps(self.class_names, ensure_ascii=False, indent=1).encode("utf-8"))
        except OSError as e:  # the folder cannot be made (a full disk is a WriteError: nothing was changed)
            raise PersonalDataError(f"Cannot create the personal samples folder {self.folder}: {e}") from None

    def add(self, image: np.ndarray, label: int, raw: np.ndarray | None = None) -> PersonalSample:
        """Store a framed 28×28 image (floats in [0, 1] or uint8) as class `label`."""
        from PIL import Image

        if not 0 <= label < len(self.class_names):
            raise PersonalDataError(f"Label {label} is not one of this model's {len(self.class_names)} classes.")
        image = np.asarray(image)
        if image.dtype != np.uint8:
            image = np.round(np.clip(image, 0, 1) * 255).astype(np.uint8)
        self._ensure_folder()
        folder = self.class_folder(label)
        sample_id = f"{time.strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(3)}"
        path = folder / f"{sample_id}.png"
        files = []  # the sample and its raw drawing are written together: both or neither
        for target, pixels in ((path, image), (folder / f"{sample_id}-raw.png", raw)):
            if pixels is None:
                continue
            pixels = np.asarray(pixels)
            if pixels.dtype != np.uint8:
                pixels = np.round(np.clip(pixels, 0, 1) * 255).astype(np.uint8)
            buffer = io.BytesIO()
            Image.fromarray(pixels).save(buffer, format="PNG")
            files.append((target, buffer.getvalue()))
        try:
            folder.mkdir(exist_ok=True)
        except OSError as e:
            raise PersonalDataError(f"Cannot save the sample in {folder}: {e}") from None
        write_files(files)  # WriteError on a full disk: nothing was changed
        return PersonalSample(path, label, self.class_names[label])

    def samples(self) -> list[PersonalSample]:
        """Every stored sample, by class then in the order they were added."""
        out = []
        for label, name in enumerate(self.class_names):
            folder = self.class_folder(label)
            if folder.is_dir():
                for path in sorted(folder.glob("*.png")):
                    if not path.stem.endswith("-raw") and not path.name.startswith("."):
                        out.append(PersonalSample(path, label, name))
        return out

    def __len__(self) -> int:
        return len(self.samples())

    def counts(self) -> list[int]:
        counts = [0] * len(self.class_names)
        for s in self.samples():
            counts[s.label] += 1
        return counts

    def delete(self, sample: PersonalSample) -> None:
        try:
            sample.path.unlink(missing_ok=True)
            sample.path.with_name(f"{sample.id}-raw.png").unlink(missing_ok=True)
        except OSError as e:
            raise PersonalDataError(f"Cannot delete {sample.path}: {e}") from None

    def arrays(self, input_shape: tuple[int, ...] = (1, 28, 28)) -> tuple[np.ndarray, np.ndarray]:
        """(images N×C×H×W float32 for a model taking `input_shape`, labels N int64)."""
        from playground.core.data.preprocess import to_model_input

        samples = self.samples()
        if not samples:
            return np.zeros((0, *input_shape), np.float32), np.zeros(0, np.int64)
        x = np.concatenate([to_model_input(s.image(), input_shape) for s in samples])
        return x, np.asarray([s.label for s in samples], dtype=np.int64)

    def dataset(self, input_shape: tuple[int, ...] = (1, 28, 28)) -> Dataset:
        """All samples as a Dataset (train and test alike: they are what fine-tuning must learn)."""
        x, y = self.arrays(input_shape)
        if not len(x):
            raise PersonalDataError("There are no personal samples yet — correct a few predictions first.")
        xt, yt = torch.from_numpy(x), torch.from_numpy(y)
        mean, std = float(xt.mean()), float(xt.std()) if len(xt) > 1 else 1.0
        return Dataset("personal", "classification", xt, yt, xt.clone(), yt.clone(), list(self.class_names), (mean,), (std or 1.0,))
