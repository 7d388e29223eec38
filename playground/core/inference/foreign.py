"""Models made elsewhere: how the app feeds an ONNX or TorchScript file it did not export.

The app's own inputs are channels-first images C×H×W in [0, 1] (MNIST's convention: white ink
on black) or rows of numbers. Files from elsewhere often differ, and `Feeding` bridges the two:

  nchw      the file takes N×C×H×W (plain PyTorch exports): fed as it is
  nhwc      the file takes N×H×W×C (Keras, tf2onnx): each image is transposed to channels-last
  hw        the file takes N×H×W (a greyscale image without its channel axis): the axis is dropped
  features  the file takes N×k numbers (a table's row): fed as it is

and its element type: float32 as it is, float64 cast, uint8 scaled to 0-255 (images as bytes).
A file whose input sizes are left open (N×3×?×?) is fed at the size the user gives
(`playground predict --input-shape 3x224x224`, or the window asks); so is a TorchScript file
without the app's metadata, which does not say what it takes at all.

What cannot be fed is said, with what to do, never a traceback: several inputs, inputs of
4 or more axes after the batch (video, volumes), other element types.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from playground.core.io.bundle import ExportError

__all__ = ["Feeding", "feeding_for", "parse_input_shape", "shape_text"]

_CHANNELS = (1, 3)  # greyscale and colour: the channel counts a channels-last axis is recognised by
_DTYPES = {"tensor(float)": "float32", "tensor(double)": "float64", "tensor(uint8)": "uint8"}
MAX_SIDE = 4096  # an image side beyond this is no picture the app feeds


def shape_text(shape) -> str:
    return "×".join("?" if s is None else str(s) for s in shape)


@dataclass(frozen=True)
class Feeding:
    """How the app's inputs (N×`shape`, float32) become the file's (N×`file_shape`, `dtype`)."""

    layout: str  # "nchw" | "nhwc" | "hw" | "features"
    shape: tuple[int, ...]  # what the app feeds: C×H×W, or k
    file_shape: tuple[int, ...]  # what the file takes after the batch axis
    dtype: str = "float32"  # "float32" | "float64" | "uint8"

    def to_file(self, x: np.ndarray) -> np.ndarray:
        """The app's inputs `x` (N×shape float32 in [0, 1] for images) as the file takes them."""
        if self.layout == "nhwc":
            x = np.ascontiguousarray(x.transpose(0, 2, 3, 1))
        elif self.layout == "hw":
            x = x[:, 0]
        if self.dtype == "uint8":
            return np.clip(np.rint(x * 255), 0, 255).astype(np.uint8)
        return x.astype(self.dtype, copy=False)

    @property
    def plain(self) -> bool:
        """Whether the app's inputs go in unchanged (as for its own files)."""
        return self.layout in ("nchw", "features") and self.dtype == "float32"

    def describe(self) -> str:
        """One line for the user saying how the file is fed (English)."""
        said = {
            "nchw": f"fed as N×{shape_text(self.file_shape)} images (channels first)",
            "nhwc": f"takes channels-last images (N×{shape_text(self.file_shape)}): each {shape_text(self.shape)} image is transposed to it",
            "hw": f"takes N×{shape_text(self.file_shape)} images without a channel axis: fed greyscale images of that size",
            "features": f"fed rows of {self.shape[0]} numbers",
        }[self.layout]
        if self.dtype == "uint8":
            said += "; pixels as bytes 0-255"
        return said


def parse_input_shape(text: str) -> tuple[int, ...]:
    """'3x224x224', '3×224×224', '3,224,224' or '28x28' (one greyscale channel added) as a
    shape; ExportError (key input_shape_text) naming the problem otherwise."""
    parts = re.split(r"\s*[x×X,*]\s*|\s+", text.strip())
    sizes = [int(p) for p in parts if p.isdigit()]
    if len(sizes) != len(parts) or not 1 <= len(sizes) <= 3 or not all(1 <= s <= MAX_SIDE for s in sizes):
        shown = text.strip()[:40]
        raise ExportError(
            f"'{shown}' is not an input shape — give channels, height and width as whole numbers, e.g. 1x28x28 "
            "(greyscale) or 3x224x224 (colour).",
            "input_shape_text",
            {"value": shown},
        )
    return (1, *sizes) if len(sizes) == 2 else tuple(sizes)


def check_one_input(name: str, inputs: list[tuple[str, str]]) -> str:
    """The element type the app feeds the file's one input (`inputs`: (name, ONNX type) of each);
    ExportError when there are several inputs or the type is not one it can make."""
    if len(inputs) != 1:
        listed = ", ".join(n for n, _ in inputs) or "none"
        raise ExportError(
            f"{name}: it takes {len(inputs)} inputs ({listed}), but the app feeds a model one image or one row of numbers at "
            "a time, so it cannot use it — export the model with a single input.",
            "model_inputs_not_one",
            {"name": name, "count": str(len(inputs)), "inputs": listed},
        )
    input_name, kind = inputs[0]
    if kind not in _DTYPES:
        raise ExportError(
            f"{name}: its input {input_name} holds {kind}, but the app feeds numbers as float32, float64 or uint8 — export the "
            "model with a float input.",
            "model_input_type",
            {"name": name, "input": input_name, "type": kind},
        )
    return _DTYPES[kind]


def feeding_for(name: str, dims: list[int | None], given: tuple[int, ...] | None = None, dtype: str = "float32") -> Feeding:
    """How to feed a file whose input takes N×`dims` (None: a size left open), at the shape
    the user `given` where it says none or leaves sizes open. ExportError when it cannot be fed
    or needs a shape first (key model_needs_shape: ask the user, then call again with `given`)."""
    if len(dims) in (0,) or len(dims) > 3:
        raise ExportError(
            f"{name}: its input has {len(dims) + 1} axes (N×{shape_text(dims)}); the app feeds images (N×C×H×W or N×H×W×C) or "
            "rows of numbers (N×k), so it cannot use this model.",
            "model_input_axes",
            {"name": name, "shape": "N×" + shape_text(dims)},
        )
    if len(dims) == 1:
        size = dims[0] if dims[0] is not None else (given[-1] if given and len(given) == 1 else None)
        if size is None:
            raise _needs_shape(name, dims, "12")
        return Feeding("features", (size,), (size,), dtype)
    if len(dims) == 2:  # H×W: one greyscale image without its channel axis
        if given is not None and (len(given) != 3 or given[0] != 1):
            raise _shape_does_not_fit(name, dims, given)
        h, w = (d if d is not None else (given[i + 1] if given else None) for i, d in enumerate(dims))
        if h is None or w is None:
            raise _needs_shape(name, dims, "1x28x28")
        if given is not None and (given[1], given[2]) != (h, w):
            raise _shape_does_not_fit(name, dims, given)
        return Feeding("hw", (1, h, w), (h, w), dtype)
    # three axes: channels first or last
    if given is not None:
        if len(given) != 3:
            raise _shape_does_not_fit(name, dims, given)
        c, h, w = given
        fits = {layout: all(d is None or d == s for d, s in zip(dims, file))
                for layout, file in (("nchw", (c, h, w)), ("nhwc", (h, w, c)))}
        if fits["nchw"] and fits["nhwc"]:  # e.g. 3×?×? given 3x3x3: channels last only when its last axis says so
            layout = "nhwc" if dims[2] in _CHANNELS and dims[0] not in _CHANNELS else "nchw"
        elif fits["nchw"] or fits["nhwc"]:
            layout = "nchw" if fits["nchw"] else "nhwc"
        else:
            raise _shape_does_not_fit(name, dims, given)
        return Feeding(layout, (c, h, w), (c, h, w) if layout == "nchw" else (h, w, c), dtype)
    if any(d is None for d in dims):
        example = "3x224x224"
        if dims[0] in _CHANNELS:
            example = f"{dims[0]}x224x224"
        elif dims[2] in _CHANNELS:
            example = f"{dims[2]}x224x224"
        raise _needs_shape(name, dims, example)
    a, b, c = dims
    if c in _CHANNELS and a not in _CHANNELS:
        return Feeding("nhwc", (c, a, b), (a, b, c), dtype)
    return Feeding("nchw", (a, b, c), (a, b, c), dtype)


def _needs_shape(name: str, dims, example: str) -> ExportError:
    shown = "N×" + shape_text(dims)
    return ExportError(
        f"{name}: its input size is not fixed ({shown}), so the app needs to be told what to feed it — give the shape, e.g. "
        f"{example} (predict --input-shape {example}; the window asks).",
        "model_needs_shape",
        {"name": name, "shape": shown, "example": example},
    )


def _shape_does_not_fit(name: str, dims, given) -> ExportError:
    return ExportError(
        f"{name}: it takes inputs of shape N×{shape_text(dims)}, which {shape_text(given)} does not fit — give a shape that "
        "matches its fixed sizes (channels first: C×H×W).",
        "model_shape_does_not_fit",
        {"name": name, "shape": "N×" + shape_text(dims), "given": shape_text(given)},
    )


def script_needs_shape(name: str, metadata_file: str) -> ExportError:
    """The error for a TorchScript file without the app's metadata, opened without a shape."""
    return ExportError(
        f"{name}: it is a TorchScript model without a {metadata_file} describing its input shape and classes, so the app "
        "cannot know what to feed it — give the shape it takes, e.g. 1x28x28 (predict --input-shape 1x28x28; the "
        "window asks), export it from Neural Network Playground, or use ONNX.",
        "script_needs_shape",
        {"name": name, "metadata": metadata_file},
    )
