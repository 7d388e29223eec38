"""Models for prediction only: one interface over a model trained in the app (a
`TrainedModel`: a run, an opened bundle) and, through `core.inference.loaders`, TorchScript
and ONNX files.

A `Predictor` takes raw inputs exactly as a `Dataset` stores them — images N×C×H×W float32
in [0, 1] with white ink on black (MNIST's convention), toy points N×2 — and returns class
probabilities N×K (classification) or predictions N×k (regression) as numpy arrays. It never
trains and never changes its model, so one predictor may be used from any one thread at a
time (the canvas predicts on a worker thread).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import torch

from playground.core.errors import PlaygroundError

if TYPE_CHECKING:
    from playground.core.model.build import Network
    from playground.core.model.trained import TrainedModel

__all__ = ["ModelPredictor", "Predictor", "PredictorError"]


class PredictorError(PlaygroundError):
    """A model cannot be used for prediction; the message says why and what to do."""


@dataclass
class Predictor:
    """Base class. Subclasses implement `_forward` (raw inputs -> probabilities or values)."""

    input_shape: tuple[int, ...]
    task: str  # "classification" | "regression"
    class_names: list[str] | None
    source: str  # where the model came from, for the user: "this session's run 3", a file path
    metadata: dict = field(default_factory=dict)

    @property
    def is_image(self) -> bool:
        return len(self.input_shape) == 3

    @property
    def num_classes(self) -> int | None:
        return len(self.class_names) if self.class_names is not None else None

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Probabilities N×K (classification) or outputs N×k (regression) for raw inputs N×shape."""
        x = np.asarray(x, dtype=np.float32)
        if tuple(x.shape[1:]) != self.input_shape:
            raise PredictorError(
                f"This model takes inputs of shape {'×'.join(map(str, self.input_shape))}, "
                f"not {'×'.join(map(str, x.shape[1:]))}."
            )
        return np.asarray(self._forward(np.ascontiguousarray(x)), dtype=np.float32)

    def _forward(self, x: np.ndarray) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError


@dataclass
class ModelPredictor(Predictor):
    """A `Network` in eval mode on the CPU (a copy: training the original later does not
    change predictions made with this one)."""

    model: "Network | None" = None

    @classmethod
    def from_network(
        cls,
        model: "Network",
        task: str,
        class_names: list[str] | None,
        source: str,
        metadata: dict | None = None,
    ) -> "ModelPredictor":
        import copy

        model = copy.deepcopy(model).cpu().eval()
        for p in model.parameters():
            p.requires_grad_(False)
        return cls(tuple(model.input_shape), task, class_names, source, metadata or {}, model)

    @classmethod
    def from_trained(
        cls, trained: "TrainedModel", source: str | None = None, metadata: dict | None = None
    ) -> "ModelPredictor":
        """The network of a trained model (a run, an opened bundle); `source` defaults to its label.
        Raises NoWeightsError when it kept no weights."""
        network = trained.build_model()
        return cls.from_network(network, trained.task, trained.class_names, trained.label if source is None else source, metadata)

    def _forward(self, x: np.ndarray) -> np.ndarray:
        with torch.inference_mode():
            out = self.model(torch.from_numpy(x)).float()
            if self.task == "classification":
                out = torch.softmax(out, dim=1)
        return out.numpy()
