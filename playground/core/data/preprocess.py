"""MNIST-style preprocessing of a drawing or a picture of a digit: one function shared by the
canvas, `playground predict` and the personal dataset that fine-tuning trains on.

MNIST's digits were not simply scaled down: each was cropped to its ink, scaled so that its
longer side is 20 pixels (keeping the aspect ratio, anti-aliased, hence the grey edges), and
placed in a 28×28 field so that its centre of mass sits at the field's centre. A model
trained on MNIST has only ever seen digits framed that way, so a drawing fed to it as drawn
— off-centre, small, or filling the whole canvas — is misread. `preprocess_digit` frames
any ink image the same way. The last step of MNIST's pipeline, the model's own input
normalisation, lives inside the model (`Network` keeps its dataset's mean and std), so the
result here stays in [0, 1] like every `Dataset` image.

Inputs may be any size, white ink on black or black ink on white (told apart by the border
pixels, which are background in any sensible drawing or scan), grey, RGB or RGBA (an
alpha channel that varies is taken as the ink mask: strokes on a transparent background).
"""

from __future__ import annotations

import os
import struct
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

import numpy as np

from playground.core.errors import KeyedError, PlaygroundError

if TYPE_CHECKING:
    import PIL.Image

__all__ = [
    "BOX_FRACTION",
    "EmptyImageError",
    "ImageReadError",
    "ProcessedImage",
    "center_of_mass",
    "has_ink",
    "ink_box",
    "ink_map",
    "open_image",
    "photo_input",
    "preprocess_digit",
    "read_image",
    "read_photo",
    "to_model_input",
]

BOX_FRACTION = 20 / 28  # MNIST: the ink's longer side is 20 px in the 28 px field
INK_THRESHOLD = 0.1  # ink below this (0..1, after background removal) is paper noise, not a stroke
MAX_IMAGE_PIXELS = 100_000_000  # a larger image is refused (Pillow itself refuses above about 179 million)
MIN_INK = 0.2  # an image whose strongest ink is below this has nothing drawn on it


class EmptyImageError(PlaygroundError):
    """The image has no ink: nothing to recognise."""


class ImageReadError(KeyedError):
    """An image file cannot be read; the message names the file and why (a key and values say
    it in the window's language: gui/i18n/error_text.py)."""


@dataclass(frozen=True)
class ProcessedImage:
    """The model-ready image and what was done to get it (the canvas shows both)."""

    image: np.ndarray  # size×size float32 in [0, 1], white ink on black
    inverted: bool  # the input was dark ink on a light background
    box: tuple[int, int, int, int]  # the ink's bounding box in the input: top, left, bottom, right (exclusive)
    shift_clamped: bool  # centring by mass would have pushed ink out of the field, so it was moved less


def _to_float_gray(image: np.ndarray) -> tuple[np.ndarray, bool]:
    """(H×W float32 in [0, 1], whether it is an alpha ink mask)."""
    a = np.asarray(image)
    if a.dtype == bool:
        a = a.astype(np.float32)
    elif np.issubdtype(a.dtype, np.integer):
        a = a.astype(np.float32) / (255.0 if a.max(initial=0) <= 255 else float(np.iinfo(a.dtype).max))
    else:
        a = np.nan_to_num(a.astype(np.float32), nan=0.0)
        if a.size and float(a.max()) > 1.0:  # float pixels on a 0–255 scale
            a = a / 255.0
    if a.ndim == 3 and a.shape[0] in (1, 3, 4) and a.shape[2] not in (1, 3, 4):
        a = np.moveaxis(a, 0, -1)  # C×H×W (a Dataset image) -> H×W×C
    if a.ndim == 3:
        channels = a.shape[2]
        if channels == 4:
            alpha = a[..., 3]
            if float(alpha.max() - alpha.min()) > 0.05:
                return np.clip(alpha, 0, 1), True
            a = a[..., :3]
        if a.shape[2] == 3:
            a = a @ np.asarray([0.299, 0.587, 0.114], dtype=np.float32)
        else:
            a = a[..., 0]
    if a.ndim != 2 or min(a.shape) < 1:
        raise ValueError(f"expected a grey (H×W), RGB or RGBA image, got an array of shape {np.shape(image)}")
    return np.clip(a, 0.0, 1.0), False


def _border(a: np.ndarray) -> np.ndarray:
    if min(a.shape) < 3:
        return a.ravel()
    return np.concatenate([a[0], a[-1], a[1:-1, 0], a[1:-1, -1]])


def ink_map(image: np.ndarray) -> tuple[np.ndarray, bool]:
    """(ink H×W float32 in [0, 1] with the background at 0, whether the input was inverted).

    The background is the median of the border pixels: a light border means dark ink on
    light paper, so the image is inverted; grey paper is subtracted so that it counts as no ink.
    """
    gray, is_mask = _to_float_gray(image)
    inverted = False
    if not is_mask and float(np.median(_border(gray))) > 0.5:
        gray, inverted = 1.0 - gray, True
    background = float(np.median(_border(gray)))
    if background > 0:
        gray = np.clip((gray - background) / max(1.0 - background, 1e-6), 0.0, 1.0)
    return gray.astype(np.float32, copy=False), inverted


def has_ink(image: np.ndarray) -> bool:
    """Whether there is anything drawn: the canvas skips predicting an empty page."""
    ink, _ = ink_map(image)
    return bool(ink.size) and float(ink.max()) >= MIN_INK


def ink_box(ink: np.ndarray, threshold: float = INK_THRESHOLD) -> tuple[int, int, int, int] | None:
    """Bounding box (top, left, bottom, right; exclusive) of the pixels with ink >= threshold."""
    rows = np.flatnonzero((ink >= threshold).any(axis=1))
    cols = np.flatnonzero((ink >= threshold).any(axis=0))
    if not len(rows):
        return None
    return int(rows[0]), int(cols[0]), int(rows[-1]) + 1, int(cols[-1]) + 1


def center_of_mass(image: np.ndarray) -> tuple[float, float]:
    """(row, column) of the intensity-weighted centre, in pixel-centre coordinates (0 is the
    first pixel's centre, so the centre of a 28×28 field is 13.5)."""
    total = float(image.sum())
    if total <= 0:
        raise EmptyImageError("The image is empty: there is no centre of mass.")
    rows = np.arange(image.shape[0], dtype=np.float64)
    cols = np.arange(image.shape[1], dtype=np.float64)
    return float(image.sum(axis=1) @ rows / total), float(image.sum(axis=0) @ cols / total)


def _resize(a: np.ndarray, height: int, width: int) -> np.ndarray:
    from PIL import Image

    # Pillow's bilinear filter widens with the scale factor when shrinking, i.e. it averages
    # every source pixel under a target pixel (true anti-aliasing, like MNIST's grey edges);
    # a triangle filter never overshoots, so no ringing around strokes.
    resized = Image.fromarray(np.ascontiguousarray(a, dtype=np.float32), mode="F").resize(
        (width, height), Image.Resampling.BILINEAR
    )
    return np.clip(np.asarray(resized, dtype=np.float32), 0.0, 1.0)


def preprocess_digit(image: np.ndarray, size: int = 28, box: int | None = None) -> ProcessedImage:
    """Frame an ink image as MNIST framed its digits (see the module docstring).

    `size` is the field (28 for MNIST-sized models) and `box` the ink's longer side in it
    (default 20/28 of the field). Raises EmptyImageError when nothing is drawn.
    """
    if box is None:
        box = max(1, round(size * BOX_FRACTION))
    if not 1 <= box <= size:
        raise ValueError(f"box must be between 1 and size ({size}), got {box}")
    ink, inverted = ink_map(image)
    if not ink.size or float(ink.max()) < MIN_INK:
        raise EmptyImageError("Nothing is drawn — draw a digit first (or open an image with a digit on it).")
    # Stretch the strongest ink to 1: a faint pencil scan and a full-pressure stroke look alike to the model.
    ink = ink / float(ink.max())
    top, left, bottom, right = ink_box(ink)
    crop = ink[top:bottom, left:right]
    h, w = crop.shape
    if h >= w:
        new_h, new_w = box, max(1, round(box * w / h))
    else:
        new_h, new_w = max(1, round(box * h / w)), box
    scaled = _resize(crop, new_h, new_w)
    if float(scaled.max()) <= 0:  # a hairline shrunk to nothing: keep the shape visible
        scaled = _resize((crop > 0).astype(np.float32), new_h, new_w)
    peak = float(scaled.max())
    if peak > 0:
        scaled = np.clip(scaled / peak, 0.0, 1.0) if peak < 1.0 else scaled
    cy, cx = center_of_mass(scaled)
    centre = (size - 1) / 2
    # Whole-pixel shifts keep the anti-aliased strokes sharp and the box exactly `box` px;
    # the centre of mass then lands within half a pixel of the field's centre.
    oy, ox = int(np.floor(centre - cy + 0.5)), int(np.floor(centre - cx + 0.5))
    cy0, cx0 = min(max(oy, 0), size - new_h), min(max(ox, 0), size - new_w)
    out = np.zeros((size, size), dtype=np.float32)
    out[cy0 : cy0 + new_h, cx0 : cx0 + new_w] = scaled
    return ProcessedImage(out, inverted, (top, left, bottom, right), (cy0, cx0) != (oy, ox))


def to_model_input(processed: np.ndarray, input_shape: tuple[int, ...]) -> np.ndarray:
    """One preprocessed field (H×W, white ink on black) as a batch of one for a model taking
    `input_shape` (C×H×W): resized if the model's images are another size, repeated over its
    channels."""
    if len(input_shape) != 3:
        raise ValueError(f"not an image model input shape: {input_shape}")
    c, h, w = input_shape
    img = processed if processed.shape == (h, w) else _resize(processed, h, w)
    return np.broadcast_to(img, (1, c, h, w)).astype(np.float32)


def read_image(path: str | os.PathLike) -> np.ndarray:
    """An image file as an array: H×W grey, or H×W×4 when it has transparency (the alpha is
    then the ink mask). Raises ImageReadError with the reason."""
    with open_image(path) as img:
        if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
            return np.asarray(img.convert("RGBA"))
        if img.mode in ("I;16", "I", "F"):
            a = np.asarray(img, dtype=np.float32)
            span = float(a.max() - a.min())
            return (a - a.min()) / span if span > 0 else np.zeros_like(a)
        return np.asarray(img.convert("L"))


def read_photo(path: str | os.PathLike) -> np.ndarray:
    """An image file as H×W×3 RGB uint8 for a colour model, transparent parts on white (as an
    image viewer shows them). Raises ImageReadError with the reason."""
    with open_image(path) as img:
        return _rgb(img)


def _rgb(img: "PIL.Image.Image") -> np.ndarray:
    from PIL import Image

    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        img = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        img.alpha_composite(rgba)
    return np.asarray(img.convert("RGB"), dtype=np.uint8)


def photo_input(image: np.ndarray, input_shape: tuple[int, ...]) -> np.ndarray:
    """A picture (H×W grey, H×W×3 RGB or H×W×4 RGBA, uint8) as a batch of one for a model of
    `input_shape` (C×H×W): no framing as for digits — the whole picture squashed to the model's
    size, as an image folder's pictures are (core.data.folder), in [0, 1]."""
    from PIL import Image

    if len(input_shape) != 3:
        raise ValueError(f"not an image model input shape: {input_shape}")
    c, h, w = input_shape
    a = np.asarray(image)
    if a.dtype != np.uint8:
        a = np.clip(np.round(a.astype(np.float32) * (255 if a.size and float(a.max()) <= 1 else 1)), 0, 255).astype(np.uint8)
    if a.ndim == 2 or (a.ndim == 3 and a.shape[2] in (1, 3, 4)):
        mode = {2: "L"}.get(a.ndim) or {1: "L", 3: "RGB", 4: "RGBA"}[a.shape[2]]
        picture = _rgb(Image.fromarray(np.ascontiguousarray(a.squeeze(-1) if a.ndim == 3 and a.shape[2] == 1 else a), mode))
    else:
        raise ValueError(f"expected a grey (H×W), RGB or RGBA picture, got an array of shape {a.shape}")
    resized = Image.fromarray(picture).resize((w, h), Image.Resampling.LANCZOS)
    if c == 1:
        resized = resized.convert("L")
    pixels = np.asarray(resized, dtype=np.float32) / 255.0
    chw = pixels[None] if pixels.ndim == 2 else pixels.transpose(2, 0, 1)
    return np.ascontiguousarray(np.broadcast_to(chw[:c], (c, h, w))[None], dtype=np.float32)


# What Pillow raises for a file it cannot decode: its plugins parse untrusted bytes and fail
# with OSError ("broken data stream", "image file is truncated"), SyntaxError (broken PNG
# chunks), ValueError ("Truncated IHDR chunk"), EOFError, struct.error and the occasional
# IndexError, KeyError or ZeroDivisionError from a header field that makes no sense.
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, struct.error, IndexError, KeyError, TypeError, ZeroDivisionError)


@contextmanager
def open_image(path: str | os.PathLike) -> Iterator["PIL.Image.Image"]:
    """The image file at `path`, opened and decoded by Pillow, for the `with` body to convert.
    Everything that can go wrong with the file — missing, not an image, damaged or truncated,
    more than MAX_IMAGE_PIXELS (checked from its header, before anything is decoded) — raises
    ImageReadError naming the file, also when it shows while the body converts the pixels."""
    from PIL import Image, UnidentifiedImageError

    path = Path(path)
    try:
        with Image.open(path) as img:
            if img.width * img.height > MAX_IMAGE_PIXELS:
                raise _too_large(path, img.width, img.height)
            img.load()
            yield img
    except FileNotFoundError:
        raise ImageReadError(f"No image file at {path} — check the path.", "no_image_file", {"path": str(path)}) from None
    except UnidentifiedImageError:
        raise ImageReadError(
            f"{path} is not an image this app can read (PNG, JPEG, BMP, GIF, TIFF, WebP).", "not_an_image", {"path": str(path)}
        ) from None
    except Image.DecompressionBombError:  # Pillow's own guard, for sizes it reads before ours
        raise _too_large(path, 0, 0) from None
    except _DECODE_ERRORS as e:
        reason = getattr(e, "strerror", None) or str(e) or type(e).__name__
        raise ImageReadError(f"Cannot read {path}: {reason}", "cannot_read_image", {"path": str(path), "reason": reason}) from None
    except MemoryError:  # a damaged size field (a PNG chunk's length) asks for gigabytes
        reason = "it is damaged: it asks for more memory than there is"
        raise ImageReadError(f"Cannot read {path}: {reason}", "cannot_read_image", {"path": str(path), "reason": reason}) from None


def _too_large(path: Path, width: int, height: int) -> ImageReadError:
    """Too many pixels to open: `width`×`height`, or 0×0 when Pillow refused it before we could
    read its size."""
    most = MAX_IMAGE_PIXELS // 10**6
    if not width:
        return ImageReadError(
            f"{path} is far too large to open (this app opens images up to {most} million pixels) — "
            "scale it down or crop it to the digit.",
            "image_far_too_large",
            {"path": str(path), "most": most},
        )
    return ImageReadError(
        f"{path} is too large to open ({width}×{height} pixels; this app opens images up to {most} million "
        "pixels) — scale it down or crop it to the digit.",
        "image_too_large",
        {"path": str(path), "width": width, "height": height, "most": most},
    )
