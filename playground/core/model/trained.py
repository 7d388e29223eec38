"""One value for a trained model, wherever it goes.

`fit` returns one (`FitResult.model`), a project keeps its runs as them (with an `id` and a
`label`), bundles save and load them, exporters and predictors take them, and transfer
learning starts from one. Everything needed to rebuild, use, export or continue the model
travels together: the run config (model spec with its input shape, and the settings it was
trained with), the weights, the task and class names, the run's summary (status, metrics,
per-epoch history) and where the model came from.

Importing this module does not import torch: the window builds its panels before torch
has loaded, and a run is only data until someone builds its network.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Mapping

from playground.core.config.spec import RunConfig
from playground.core.errors import PlaygroundError

if TYPE_CHECKING:
    import torch

    from playground.core.model.build import Network

__all__ = ["KINDS", "NoWeightsError", "TrainedModel", "now_iso", "preprocessing_info", "summary_task"]

# Where a model came from: trained here (a run of the project), opened from a model file,
# or the starter digit model shipped with the app.
KINDS = ("run", "file", "starter")


class NoWeightsError(PlaygroundError):
    """The model kept no trained weights (a run saved with its summary only)."""


def now_iso() -> str:
    """The time now, as runs and bundles record it: ISO 8601, UTC, whole seconds."""
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def preprocessing_info(
    input_shape: tuple[int, ...],
    mean: "torch.Tensor | None",
    std: "torch.Tensor | None",
    normalization: str = "inside the model: (x - mean) / std per channel (images) or feature",
    features: tuple[str, ...] = (),
) -> dict[str, Any]:
    """What a model expects as input, for people using an exported file elsewhere (bundle
    manifests and ONNX/TorchScript metadata carry it). With input `features` the model takes
    the raw point all the same; it computes them inside, and the mean and std are theirs."""
    image = len(input_shape) == 3
    extra = {}
    if features:
        normalization = (
            "inside the model: the input features are computed from the raw point (x1, x2), "
            "then (f - mean) / std per feature"
        )
        extra = {"features": list(features)}
    return {
        "input_shape": list(input_shape),
        "layout": "N×C×H×W" if image else "N×F",
        "dtype": "float32",
        "input_range": [0.0, 1.0] if image else None,
        "image_convention": "white ink on a black background (as MNIST)" if image else None,
        "mean": mean.flatten().tolist() if mean is not None else None,
        "std": std.flatten().tolist() if std is not None else None,
        "normalization": normalization,
        **extra,
    }


@dataclass
class TrainedModel:
    """A trained network: its config and weights, what it predicts, how it did and where it
    came from."""

    config: RunConfig  # the model spec (input shape filled in) and the settings it trained with
    state_dict: "dict[str, torch.Tensor] | None" = field(repr=False)  # CPU tensors; None: kept none
    task: str = "classification"  # "classification" | "regression"
    class_names: list[str] | None = None
    # FitResult.summary(): status, message, test and validation metrics, the per-epoch
    # history (a list of EpochLogs dicts), the dataset's name, task and class names.
    summary: dict[str, Any] = field(default_factory=dict)
    # Provenance.
    label: str = ""  # shown to the user: "Run 2", "digits.nnpmodel", "Starter model (digits)"
    kind: str = "run"  # one of KINDS
    id: str = ""  # the run's id in its project; "" for a model that is not a run of one
    path: str = ""  # the file it was read from; "" when it was not
    created: str = ""  # ISO 8601, UTC: when it was trained (or added to the project)
    app_version: str = ""  # of the app that wrote its file; "" when unknown (older files)
    torch_version: str = ""

    @property
    def has_weights(self) -> bool:
        return self.state_dict is not None

    @property
    def input_shape(self) -> tuple[int, ...]:
        return tuple(self.config.model.input_shape)

    @property
    def metrics(self) -> dict[str, Any]:
        """The summary without the curves: the per-epoch history, and the per-batch curve the
        window keeps with a run it trained ("batch_curve", to draw it again)."""
        return {k: v for k, v in self.summary.items() if k not in ("history", "batch_curve")}

    @property
    def history(self) -> list[dict[str, Any]]:
        """Per epoch: the fields of `core.training.loop.EpochLogs`, as a dict."""
        return list(self.summary.get("history", []))

    def preprocessing(self) -> dict[str, Any]:
        """What the model expects as input (see `preprocessing_info`). A model trained on a table
        takes the table's rows encoded (its summary's "table" says how), not raw numbers."""
        state = self.state_dict or {}
        if isinstance(self.summary.get("table"), dict):
            return preprocessing_info(
                self.input_shape, state.get("input_mean"), state.get("input_std"),
                "none inside the model (mean 0, std 1): the input is a table row already encoded — numeric "
                "columns filled and standardised, categorical ones one-hot — as the 'table' entry describes",
            )
        backbone = self.config.model.backbone
        if backbone is not None:  # model/backbones.py's ImageNetInput, inside the model
            info = preprocessing_info(
                self.input_shape, None, None,
                f"inside the model, for its {backbone.info.title} backbone: a grey picture repeated to 3 channels, "
                f"resized to {backbone.size}×{backbone.size} (bilinear), then (x - mean) / std with ImageNet's "
                "mean [0.485, 0.456, 0.406] and std [0.229, 0.224, 0.225]",
            )
            return {**info, "image_convention": "a picture as it is (RGB or grey)", "backbone": backbone.to_dict()}
        return preprocessing_info(
            self.input_shape, state.get("input_mean"), state.get("input_std"), features=self.config.model.features
        )

    def build_model(self) -> "Network":
        """The network with these weights, on the CPU in eval mode. Raises NoWeightsError
        without weights, and torch's RuntimeError when they do not fit the spec."""
        if self.state_dict is None:
            raise NoWeightsError(f"{self.label or 'This model'} kept no trained weights — train it again.")
        from playground.core.model.build import build_model

        model = build_model(self.config.model)
        model.load_state_dict(self.state_dict)
        return model.eval()

    def as_run(self, label: str = "") -> "TrainedModel":
        """This model as a new run of a project: a fresh id (the same file may be opened
        twice), `label` (default: the model's name and the id's first digits), and a summary
        that says its task and class names, which a project reads back from it."""
        run_id = uuid.uuid4().hex[:12]
        summary = dict(self.summary)
        summary.setdefault("task", self.task)
        summary.setdefault("class_names", self.class_names)
        return dataclasses.replace(
            self,
            state_dict=None if self.state_dict is None else dict(self.state_dict),
            summary=summary,
            label=label or f"{self.label or self.config.name or 'run'} {run_id[:4]}",
            kind="run",
            id=run_id,
            created=self.created or now_iso(),
        )

    def with_label(self, label: str) -> "TrainedModel":
        return dataclasses.replace(self, label=label)


def summary_task(summary: Mapping[str, Any]) -> tuple[str, list[str] | None]:
    """(task, class names) as a run's summary records them."""
    names = summary.get("class_names")
    return str(summary.get("task", "classification")), None if names is None else [str(n) for n in names]
