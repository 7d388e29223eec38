"""The user's own images: one subfolder per class, read with Pillow and resized to a square."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Mapping

import numpy as np

from playground.core.data.dataset import (
    Dataset,
    DatasetError,
    Progress,
    bool_option,
    check_cancel,
    check_options,
    float_option,
    image_dataset,
    int_option,
    stratified_split,
)

__all__ = ["IMAGE_EXTENSIONS", "load_folder"]

IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp", ".tif", ".tiff")
FOLDER_DEFAULTS = {"path": None, "size": 28, "grayscale": True, "test_split": 0.2, "seed": 0}
_LAYOUT = "one subfolder per class, e.g. my_images/cat/*.png and my_images/dog/*.png"


def _class_folders(root: Path) -> list[tuple[str, list[Path]]]:
    if not root.exists():
        raise DatasetError(
            f"The image folder {root} does not exist — check the 'path' option.", "no_image_folder", {"root": str(root)}
        )
    if not root.is_dir():
        raise DatasetError(
            f"{root} is a file, not a folder — choose the folder that holds {_LAYOUT}.", "not_a_folder", {"root": str(root)}
        )
    classes = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    if len(classes) < 2:
        found = f"only '{classes[0].name}'" if classes else "none"
        raise DatasetError(
            f"{root} needs at least 2 class subfolders ({_LAYOUT}); found {found}.",
            "one_class_folder" if classes else "no_class_folders",
            {"root": str(root), "name": classes[0].name if classes else ""},
        )
    result = []
    for folder in classes:
        files = sorted(
            p
            for p in folder.iterdir()
            if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in IMAGE_EXTENSIONS
        )
        if len(files) < 2:
            raise DatasetError(
                f"Class folder {folder} has {len(files) or 'no'} image{'' if len(files) == 1 else 's'}; each class "
                f"needs at least 2 (one to train on, one to test) — add images ({', '.join(IMAGE_EXTENSIONS)}) "
                "or remove the folder.",
                "one_image" if files else "no_images",
                {"folder": str(folder), "extensions": ", ".join(IMAGE_EXTENSIONS)},
            )
        result.append((folder.name, files))
    return result


def _read_image(path: Path, size: int, grayscale: bool) -> np.ndarray:
    from PIL import Image

    from playground.core.data.preprocess import ImageReadError, open_image

    try:
        with open_image(path) as img:
            if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
                # Transparent pixels have no defined colour; show them as white paper, the way
                # a drawing with a transparent background looks in an image viewer.
                rgba = img.convert("RGBA")
                img = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
                img.alpha_composite(rgba)
            img = img.convert("L" if grayscale else "RGB")
            # Squashes non-square images rather than cropping, so nothing of the object is cut off.
            img = img.resize((size, size), Image.Resampling.LANCZOS)
            array = np.asarray(img, dtype=np.uint8)
    except ImageReadError as e:  # missing, not an image, damaged, or too many pixels: said with the file's name
        if e.key == "not_an_image":
            raise DatasetError(
                f"Cannot read the image {path} (it is not an image this app can read) — delete or replace the file.",
                "not_an_image", {"path": str(path)},
            ) from None
        reason = _image_problem(e)
        raise DatasetError(
            f"Cannot read the image {path} ({reason}) — delete or replace the file.", "bad_image", {"path": str(path), "reason": reason}
        ) from None
    return array[None] if grayscale else array.transpose(2, 0, 1)


def _image_problem(e) -> str:
    """What is wrong with an image, in a few words, from preprocess.open_image's ImageReadError."""
    v = e.values
    if e.key == "image_too_large":
        return f"{v['width']}×{v['height']} pixels, more than the {v['most']} million this app opens"
    if e.key == "image_far_too_large":
        return f"more than the {v['most']} million pixels this app opens"
    return str(v.get("reason") or e)


def load_folder(
    options: Mapping[str, Any] | None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> Dataset:
    """Reads every image under `options["path"]`; classes are the sorted subfolder names and
    each class is split into train and test in the same proportion."""
    try:
        import PIL  # noqa: F401  (checked up front for a clear message)
    except ImportError:
        raise DatasetError("Reading image folders needs Pillow — install it with: pip install pillow") from None
    opts = check_options("folder", options, FOLDER_DEFAULTS)
    if not opts["path"]:
        raise DatasetError(f"The 'folder' dataset needs the option 'path': a folder with {_LAYOUT}.")
    root = Path(opts["path"]).expanduser()
    size = int_option("folder", opts, "size", 4, 512)
    grayscale = bool_option("folder", opts, "grayscale")
    test_split = float_option("folder", opts, "test_split", 0.05, 0.5)
    seed = int_option("folder", opts, "seed", 0)

    classes = _class_folders(root)
    paths = [p for _, files in classes for p in files]
    labels = np.concatenate([np.full(len(files), i, np.int64) for i, (_, files) in enumerate(classes)])
    total = sum(p.stat().st_size for p in paths)
    done = 0
    images = np.empty((len(paths), 1 if grayscale else 3, size, size), np.uint8)
    for i, path in enumerate(paths):
        check_cancel(cancel, f"Reading the images in {root}")
        images[i] = _read_image(path, size, grayscale)
        done += path.stat().st_size
        if progress:
            progress(f"Reading images in {root.name} ({i + 1} of {len(paths)})", done, total)
    train, test = stratified_split(labels, test_split, seed)
    return image_dataset(
        "folder",
        [name for name, _ in classes],
        (images[train], labels[train]),
        (images[test], labels[test]),
    )
