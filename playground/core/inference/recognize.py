"""The canvas path from a drawing to class probabilities, shared by the window's canvas,
`playground predict` and the tests: MNIST-style framing (core.data.preprocess), then the model.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

import numpy as np
import torch

from playground.core.inference.predictor import Predictor, PredictorError
from playground.core.data.preprocess import EmptyImageError, photo_input, preprocess_digit, read_image, read_photo, to_model_input

__all__ = [
    "CANVAS_UNAVAILABLE_MESSAGES", "CanvasUnavailable", "FASHION_MNIST_CLASSES", "NOT_SURE_BELOW", "Recognition",
    "canvas_unavailable", "canvas_unavailable_reason", "is_colour", "read_for", "recognize", "recognize_file",
    "recognize_picture", "warm_up",
]

NOT_SURE_BELOW = 0.6  # a top probability below this is shown as "not sure"

# Fashion-MNIST framed its pictures differently from MNIST: the longer side fills the whole
# 28 px field (Xiao et al. 2017), so drawings for its models are scaled to fill it too.
FASHION_MNIST_CLASSES = [
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
]


@dataclass(frozen=True)
class Recognition:
    """What the model made of one image."""

    probabilities: np.ndarray  # K, summing to 1
    class_names: list[str]
    model_input: np.ndarray  # H×W in [0, 1]: the (first channel of the) image the model saw
    inverted: bool  # the input had dark ink on a light background
    # C×H×W: the whole input of a colour model (model_input is then its luminance); None for drawings
    model_image: np.ndarray | None = None

    @property
    def top(self) -> int:
        return int(np.argmax(self.probabilities))

    @property
    def top_name(self) -> str:
        return self.class_names[self.top]

    @property
    def confidence(self) -> float:
        return float(self.probabilities[self.top])

    def not_sure(self, threshold: float = NOT_SURE_BELOW) -> bool:
        return self.confidence < threshold

    def to_dict(self) -> dict:
        return {
            "class": self.top_name,
            "index": self.top,
            "confidence": round(self.confidence, 6),
            "not_sure": self.not_sure(),
            "probabilities": {n: round(float(p), 6) for n, p in zip(self.class_names, self.probabilities)},
        }


@contextlib.contextmanager
def _one_thread():
    """Run torch on this thread alone for one image. Measured on 2 busy CPU cores with the
    starter model: with torch's 2 threads a forward pass took 0.6 ms median but 132 ms at the
    95th percentile (each op waits for the other thread to get a core); with 1 thread 0.6 ms
    median and 5 ms at p95. torch's thread count is per calling thread, so a training run on
    another thread keeps its own."""
    threads = torch.get_num_threads()
    if threads == 1:
        yield
        return
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(threads)


# Why a model cannot recognise drawings, by key, filled in from CanvasUnavailable.values; the
# window says the same in its own language (gui/i18n/core_text.py).
CANVAS_UNAVAILABLE_MESSAGES: dict[str, str] = {
    "no_model": "There is no model: train one on an image dataset or open a model file.",
    "not_images": (
        "This model takes inputs of shape {shape}, not images, so it cannot read a drawing — "
        "train a model on an image dataset (e.g. mnist-5k) to draw for it."
    ),
    "not_classes": "This model ({shape} images) predicts numbers, not classes, so there is nothing to recognise.",
}


@dataclass(frozen=True)
class CanvasUnavailable:
    """Why a model cannot recognise drawings: a key of CANVAS_UNAVAILABLE_MESSAGES and the
    values (plain strings) its message is built from."""

    key: str
    values: dict[str, str]

    @property
    def message(self) -> str:
        return CANVAS_UNAVAILABLE_MESSAGES[self.key].format(**self.values)


def canvas_unavailable(predictor: Predictor | None) -> CanvasUnavailable | None:
    """Why this model cannot recognise drawings (None if it can)."""
    if predictor is None:
        return CanvasUnavailable("no_model", {})
    shape = "×".join(map(str, predictor.input_shape))
    if not predictor.is_image:
        return CanvasUnavailable("not_images", {"shape": shape})
    if predictor.task != "classification" or not predictor.class_names:
        return CanvasUnavailable("not_classes", {"shape": shape})
    return None


def canvas_unavailable_reason(predictor: Predictor | None) -> str | None:
    """Why this model cannot recognise drawings (None if it can), in English."""
    why = canvas_unavailable(predictor)
    return None if why is None else why.message


def recognize(predictor: Predictor, image: np.ndarray) -> Recognition:
    """Frame `image` (any size, either background, grey/RGB/RGBA) like MNIST and predict.

    Raises EmptyImageError when nothing is drawn and PredictorError for a model that does
    not take images (see `canvas_unavailable_reason`).
    """
    reason = canvas_unavailable_reason(predictor)
    if reason is not None:
        raise PredictorError(reason)
    c, h, w = predictor.input_shape
    size = h if h == w else 28
    full_frame = list(predictor.class_names) == FASHION_MNIST_CLASSES
    processed = preprocess_digit(image, size=size, box=size if full_frame else None)
    x = to_model_input(processed.image, predictor.input_shape)
    with _one_thread():
        probabilities = predictor.predict(x)[0]
    return Recognition(probabilities, list(predictor.class_names), x[0, 0].copy(), processed.inverted)


def is_colour(predictor: Predictor | None) -> bool:
    """Whether the model takes colour pictures (3 channels): the Draw tab shows a picture for it,
    not the canvas, and its input is the whole picture, not a framed drawing."""
    return predictor is not None and predictor.is_image and predictor.input_shape[0] == 3


def recognize_picture(predictor: Predictor, image: np.ndarray) -> Recognition:
    """Predict a picture (H×W grey, H×W×3 RGB or H×W×4 RGBA) as a whole, squashed to the model's
    size (core.data.preprocess.photo_input): what a colour model (CIFAR-10, photos of your own)
    needs. Raises PredictorError for a model that does not take images of classes."""
    reason = canvas_unavailable_reason(predictor)
    if reason is not None:
        raise PredictorError(reason)
    x = photo_input(image, predictor.input_shape)
    with _one_thread():
        probabilities = predictor.predict(x)[0]
    image_chw = x[0]
    luma = image_chw.mean(axis=0) if image_chw.shape[0] != 3 else np.tensordot([0.299, 0.587, 0.114], image_chw, 1)
    return Recognition(probabilities, list(predictor.class_names), luma.astype(np.float32), False, image_chw.copy())


def warm_up(predictor: Predictor) -> None:
    """Recognise a made-up stroke once, so that the canvas path's one-off costs are paid when
    a model is loaded rather than on the user's first stroke: importing Pillow for the resize
    and torch's first forward pass made that stroke 15-40 ms instead of ~5
    (benchmarks/canvas_latency.py). Does nothing for a model that cannot read drawings;
    raises what `recognize` raises."""
    if canvas_unavailable_reason(predictor) is not None:
        return
    stroke = np.zeros((56, 56), dtype=np.uint8)
    stroke[8:48, 26:30] = 255  # a '1'
    if is_colour(predictor):
        recognize_picture(predictor, stroke)
    else:
        recognize(predictor, stroke)


def read_for(predictor: Predictor | None, path) -> np.ndarray:
    """The image file at `path` as `recognize_file` takes it for this model: in colour (RGB) for a
    colour model, else grey or with its alpha as the ink (preprocess.read_image)."""
    return read_photo(path) if is_colour(predictor) else read_image(path)


def recognize_file(predictor: Predictor, path, image: np.ndarray) -> Recognition:
    """`recognize` for an image read from `path` (`playground predict`, `playground inspect`):
    a blank one is refused with its path in the message. A colour model's picture is predicted
    whole (`recognize_picture`; read it with `read_for`)."""
    if is_colour(predictor):
        return recognize_picture(predictor, image)
    try:
        return recognize(predictor, image)
    except EmptyImageError:
        raise EmptyImageError(f"{path}: the image is blank (one colour), so there is nothing to recognise.") from None
