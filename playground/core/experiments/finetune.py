"""Teach a model your handwriting: fine-tune it on the personal samples (core.data.personal) mixed
with some of its original data, optionally training only its last layers (transfer
learning, through TrainConfig.frozen_layers), and measure the accuracy on the personal
samples before and after.

The original data matters: trained on a few dozen personal drawings alone, a model forgets
the rest (catastrophic forgetting). Each personal sample is repeated so that they make up
about a fifth of every epoch, and augmentation varies them a little each time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np
import torch

from playground.core.model.build import Network
from playground.core.data.dataset import Dataset, DatasetError
from playground.core.data.personal import PersonalDataset
from playground.core.inference.predictor import ModelPredictor, Predictor, PredictorError
from playground.core.inference.recognize import FASHION_MNIST_CLASSES
from playground.core.config.catalogue import layer_from_module
from playground.core.config.spec import AugmentConfig, DataConfig, OptimizerConfig, RunConfig, TrainConfig
from playground.core.config.model_spec import LayerSpec, ModelSpec
from playground.core.training.callbacks import Callback
from playground.core.training.loop import FitResult, RunControl, fit

__all__ = [
    "FINE_TUNED_SUFFIX",
    "FineTuneResult",
    "base_dataset_for",
    "fine_tune",
    "fine_tuned_label",
    "frozen_all_but_last",
    "network_spec",
    "personal_accuracy",
]

FINE_TUNED_SUFFIX = " (fine-tuned)"  # appended to the model's source; the canvas translates it


def fine_tuned_label(base: str, n_personal: int) -> str:
    """The name of a model fine-tuned on `n_personal` personal samples, as a run: in English,
    like every name kept in a project (the window shows it in its language,
    gui.i18n.core_text.model_title)."""
    return f"{base} fine-tuned on {n_personal} personal sample{'' if n_personal == 1 else 's'}"


BASE_SAMPLES = 2000  # original images mixed in per fine-tuning run (a random subset)
PERSONAL_SHARE = 0.2  # the personal samples' share of each epoch, after repeating them


@dataclass(frozen=True)
class FineTuneResult:
    before: float  # accuracy on the personal samples before fine-tuning
    after: float  # ... and after
    n_personal: int
    base_accuracy: float | None  # accuracy on held-out original data after fine-tuning (None without it)
    frozen_layers: tuple[int, ...]
    fit: FitResult  # its `model` is the fine-tuned TrainedModel
    predictor: ModelPredictor  # the fine-tuned model


def network_spec(model: Network) -> ModelSpec:
    """The layer stack of a built Network, read back from its modules (a Predictor carries
    the model, not its spec). Layer positions match the body's, as frozen_layers needs."""
    layers = []
    for m in model.body:
        read = layer_from_module(m)
        if read is None:
            raise PredictorError(f"This model has a {type(m).__name__} layer, which fine-tuning does not know.")
        layers.append(LayerSpec(*read))
    return ModelSpec(tuple(model.input_shape), tuple(layers))


def frozen_all_but_last(spec: ModelSpec, trainable: int) -> tuple[int, ...]:
    """frozen_layers that leave only the last `trainable` layers with parameters (Dense,
    Conv2D, BatchNorm) training; 0 or more than there are trains everything."""
    with_params = [i for i, info in enumerate(spec.infer()) if info.params]
    if trainable <= 0 or trainable >= len(with_params):
        return ()
    return tuple(with_params[: len(with_params) - trainable])


def personal_accuracy(predictor: Predictor, x: np.ndarray, y: np.ndarray) -> float:
    if not len(x):
        return 0.0
    return float((predictor.predict(x).argmax(1) == y).mean())


def base_dataset_for(class_names: Sequence[str], input_shape: tuple[int, ...]) -> Dataset | None:
    """The original data for a digit or Fashion-MNIST model, if it is on this computer
    (never downloads: fine-tuning must not wait for the network)."""
    from playground.core.data.registry import load_dataset

    names = list(class_names)
    candidates = ["mnist", "mnist-5k"] if names == [str(d) for d in range(10)] else (["fashion-mnist"] if names == FASHION_MNIST_CLASSES else [])
    for name in candidates:
        try:
            data = load_dataset(name, download=False)
        except DatasetError:
            continue
        if data.input_shape == tuple(input_shape):
            return data
    return None


def _mixed(personal: Dataset, base: Dataset | None, seed: int) -> Dataset:
    g = torch.Generator().manual_seed(seed)
    n_personal = len(personal.x_train)
    if base is None:
        repeat = max(1, 200 // n_personal)
        x, y = personal.x_train.repeat(repeat, 1, 1, 1), personal.y_train.repeat(repeat)
        x_test, y_test = personal.x_test, personal.y_test
    else:
        pick = torch.randperm(len(base.x_train), generator=g)[:BASE_SAMPLES]
        xb, yb = base.x_train[pick], base.y_train[pick]
        repeat = max(1, round(PERSONAL_SHARE / (1 - PERSONAL_SHARE) * len(xb) / n_personal))
        x = torch.cat([xb, personal.x_train.repeat(repeat, 1, 1, 1)])
        y = torch.cat([yb, personal.y_train.repeat(repeat)])
        test = torch.randperm(len(base.x_test), generator=g)[:1000]
        x_test, y_test = base.x_test[test], base.y_test[test]
    return Dataset("personal+original", "classification", x, y, x_test, y_test, list(personal.class_names), personal.mean, personal.std)


def fine_tune(
    predictor: Predictor,
    personal: PersonalDataset,
    *,
    base: Dataset | None = None,
    trainable_layers: int = 0,
    epochs: int = 5,
    lr: float = 1e-3,
    augment: AugmentConfig | None = None,
    seed: int = 0,
    callbacks: Sequence[Callback] = (),
    control: RunControl | None = None,
    source: str = "",
) -> FineTuneResult:
    """Train a copy of `predictor`'s model on the personal samples mixed with `base` (the
    original data, or None), training only the last `trainable_layers` layers with
    parameters (0: all). Raises PredictorError for a model that is not a trainable network
    and PersonalDataError without samples."""
    model = getattr(predictor, "model", None)
    if not isinstance(model, Network):
        raise PredictorError(
            "Only a model trained in this app (or its .safetensors bundle) can be fine-tuned — "
            "ONNX and TorchScript files are for prediction only."
        )
    if predictor.task != "classification" or list(predictor.class_names or []) != personal.class_names:
        raise PredictorError("The personal samples belong to other classes than this model's.")
    personal_data = personal.dataset(tuple(model.input_shape))
    x_personal, y_personal = personal_data.x_train.numpy(), personal_data.y_train.numpy()
    before = personal_accuracy(predictor, x_personal, y_personal)

    spec = network_spec(model)
    frozen = frozen_all_but_last(spec, trainable_layers)
    if augment is None:
        augment = AugmentConfig(rotation=8.0, shift=0.06, scale=0.08)
    config = RunConfig(
        model=spec,
        # The original dataset's name, when it was mixed in: the run's settings then reopen
        # (File ▸ Open Model) on a dataset the Data tab lists.
        data=DataConfig(base.name if base is not None else "personal", {}, 0.0, augment),
        optimizer=OptimizerConfig("adam", lr),
        train=TrainConfig(epochs=epochs, batch_size=64, seed=seed, device="cpu", frozen_layers=frozen),
        name="fine-tune",
        description="Fine-tuned on personal samples",
    )
    data = _mixed(personal_data, base, seed)
    initial = {k: v.detach().clone() for k, v in model.state_dict().items()}
    result = fit(config, data, callbacks=callbacks, control=control, initial_state=initial)
    tuned = ModelPredictor.from_trained(result.model, source or predictor.source + FINE_TUNED_SUFFIX)
    after = personal_accuracy(tuned, x_personal, y_personal)
    return FineTuneResult(
        before=before,
        after=after,
        n_personal=len(x_personal),
        base_accuracy=result.test_accuracy if base is not None else None,
        frozen_layers=frozen,
        fit=result,
        predictor=tuned,
    )
