"""The starter digit model shipped in resources/models, so the canvas recognises digits on
first launch without a download or a training run.

It was trained with the project's own command line on the real MNIST digits available
offline (mnist-5k) plus digits drawn as pen strokes in everyday styles (core.data.strokes:
flagged 1s, crossed 7s, open 4s, ...), with augmentation; docs/performance.md ("The starter
model") has the exact command, its held-out accuracy and its accuracy on canvas drawings. resources/models/starter-digits.json is its run config.
"""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from playground.core.config.presets import resource_path
from playground.core.inference.loaders import load_predictor
from playground.core.inference.predictor import Predictor, PredictorError
from playground.core.training.callbacks import Callback
from playground.core.training.loop import FitResult, RunControl, fit

if TYPE_CHECKING:
    from playground.core.config.spec import RunConfig
    from playground.core.data.dataset import Dataset
    from playground.core.model.trained import TrainedModel

__all__ = [
    "MNIST_STARTER_SOURCE",
    "STARTER_CONFIG",
    "STARTER_FILE",
    "STARTER_SOURCE",
    "load_starter",
    "mnist_starter_path",
    "retrain_starter_on_mnist",
    "starter_config",
    "starter_model",
    "starter_path",
]

STARTER_FILE = "starter-digits.safetensors"
STARTER_CONFIG = "starter-digits.json"
STARTER_SOURCE = "Starter model (digits)"

MNIST_STARTER_FILE = "starter-digits-mnist.safetensors"
MNIST_STARTER_SOURCE = "Starter model (digits, full MNIST)"
MNIST_EPOCHS = 3  # full MNIST has 15× the sample's images: 3 epochs are ~45 of the sample's

_lock = threading.Lock()
_cached: Predictor | None = None


def starter_path() -> Path:
    return resource_path("models", STARTER_FILE)


def mnist_starter_path() -> Path:
    """Where the starter retrained on full MNIST is kept (the user data folder, beside the
    personal samples); it replaces the shipped one from then on."""
    from playground.core.data.personal import personal_root

    return personal_root().parent / "models" / MNIST_STARTER_FILE


def _current() -> tuple[Path, str]:
    """(file, title) of the starter in use: the one retrained on full MNIST if there is one."""
    retrained = mnist_starter_path()
    return (retrained, MNIST_STARTER_SOURCE) if retrained.is_file() else (starter_path(), STARTER_SOURCE)


def starter_model() -> "TrainedModel":
    """The starter model as a TrainedModel (kind "starter", labelled with its English title),
    e.g. to start a run from its weights. Raises FileError when its file is missing or damaged."""
    from playground.core.io.bundle import load_bundle

    path, title = _current()
    return dataclasses.replace(load_bundle(path), label=title, kind="starter")


def load_starter() -> Predictor:
    """The starter model as a Predictor: the one retrained on full MNIST if there is one,
    else the shipped one. Loaded once per process (predictors never change their model, so
    sharing it is safe for one thread at a time)."""
    global _cached
    with _lock:
        if _cached is None:
            path, source = _current()
            if not path.is_file():
                raise PredictorError(
                    f"The starter digit model is missing ({path}) — reinstall the app, or train a model on an image dataset."
                )
            predictor = load_predictor(path)
            predictor.source = source
            _cached = predictor
        return _cached


def starter_config() -> "RunConfig":
    from playground.core.config.spec import RunConfig

    return RunConfig.from_json(resource_path("models", STARTER_CONFIG).read_text(encoding="utf-8"))


def retrain_starter_on_mnist(
    dataset: "Dataset | None" = None,
    *,
    epochs: int = MNIST_EPOCHS,
    callbacks: Sequence[Callback] = (),
    control: RunControl | None = None,
) -> FitResult:
    """Train the starter's config on full MNIST plus its stroke-drawn digits (`dataset`, else
    loaded without downloading) and keep it as the starter (mnist_starter_path). A stopped or diverged
    run is not kept. Raises DatasetError when MNIST is not on this computer."""
    global _cached
    from playground.core.data.registry import load_dataset
    from playground.core.io.bundle import save_bundle

    config = starter_config()
    # Full MNIST instead of the sample, with the same stroke-drawn digits in everyday styles
    # (a flagged 1, a crossed 7: MNIST alone misreads them).
    drawn = {"drawn": config.data.options["drawn"]} if config.data.options.get("drawn") else {}
    config = config.replace(data=dataclasses.replace(config.data, name="mnist", options=drawn))
    if dataset is None:
        dataset = load_dataset("mnist", drawn, download=False)
    config = config.with_overrides(**{"train.epochs": epochs})
    result = fit(config, dataset, callbacks=callbacks, control=control)
    if result.status == "completed":
        target = mnist_starter_path()
        target.parent.mkdir(parents=True, exist_ok=True)
        save_bundle(target, result.model)
        with _lock:
            _cached = None
    return result
