"""Transfer learning: start a run from trained weights instead of random ones.

The start is a `TrainedModel`: a run of the project (`start_from_run`), a model file
(.nnpmodel or .safetensors bundle, or a run of a .nnp project: `start_from_file`) or the
starter digit model (`start_from_starter`); its `label` names it to the user and its `kind`
says which of the three it is. `start_state` builds the new run's model exactly as `fit` would (same seed, same
initialisation) and takes from the trained weights every layer whose tensors have the same
names and shapes, pairing layers in order (so a Dropout more or less shifts nothing); the
rest stay freshly initialised — usually the output layer, when the new dataset has
another number of classes (digits -> Fashion-MNIST both have 10, so everything loads; a
2-class XOR model's last Dense layer does not fit 3 classes). The `LoadReport` says which.

The input normalisation (the mean and std the trained model divides by) loads like any
other tensor when its shape fits: the trained layers expect inputs scaled as they were
trained on.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

import torch

from playground.core.model.build import build_model, feature_stats_of
from playground.core.config.catalogue import TRAINABLE_TYPES, format_shape
from playground.core.config.spec import RunConfig
from playground.core.errors import ConfigError
from playground.core.config.model_spec import LayerSpec, ModelSpec

if TYPE_CHECKING:
    from playground.core.data.dataset import Dataset
    from playground.core.model.trained import TrainedModel

__all__ = [
    "FreshTensor",
    "LoadReport",
    "TransferError",
    "all_but_last_trainable",
    "fresh_state",
    "match_report",
    "merge_state",
    "model_for_start",
    "backbone_model",
    "start_from_argument",
    "start_from_backbone",
    "start_from_file",
    "start_from_run",
    "start_from_starter",
    "start_state",
]

_NORMALISATION = ("input_mean", "input_std")
_BACKBONE = "backbone."  # a pretrained backbone's tensors (model/backbones.py)


class TransferError(ConfigError):
    """Trained weights cannot start this model (none of its layers fit)."""


@dataclass(frozen=True)
class FreshTensor:
    """A tensor of the new model left freshly initialised."""

    name: str  # state-dict key, e.g. "body.6.weight"
    layer: int | None  # 0-based position in model.layers; None for the input normalisation
    layer_type: str  # "Dense", ...; "" for the input normalisation
    shape: tuple[int, ...]  # in the new model
    trained_shape: tuple[int, ...] | None  # in the trained weights; None when they have no such tensor


@dataclass(frozen=True)
class LoadReport:
    """Which tensors of the new model came from the trained weights."""

    source: str  # what the weights are, e.g. "Run 2" or "starter-digits.safetensors"
    loaded: tuple[str, ...]
    fresh: tuple[FreshTensor, ...]
    unused: tuple[str, ...] = ()  # trained tensors the new model has no place for
    backbone: bool = False  # the model has a pretrained backbone, which normalises its input itself

    @property
    def total(self) -> int:
        return len(self.loaded) + len(self.fresh)

    def fresh_layers(self) -> dict[int, list[FreshTensor]]:
        """The freshly initialised layers (0-based position -> their tensors), in order."""
        layers: dict[int, list[FreshTensor]] = {}
        for t in self.fresh:
            if t.layer is not None:
                layers.setdefault(t.layer, []).append(t)
        return dict(sorted(layers.items()))

    def loaded_layers(self) -> list[int]:
        """0-based positions of the layers whose tensors all loaded."""
        fresh = self.fresh_layers()
        positions = {_layer_of(name) for name in self.loaded} - {None} - set(fresh)
        return sorted(positions)

    def backbone_loaded(self) -> bool:
        """Whether a pretrained backbone's tensors came from the trained weights."""
        return any(name.startswith(_BACKBONE) for name in self.loaded)

    def normalisation_loaded(self) -> bool:
        """Whether the trained model's input normalisation came too (a backbone's is its own: True)."""
        return self.backbone or all(name in self.loaded for name in _NORMALISATION)

    def summary(self) -> str:
        """One line for a log: '7 of 8 tensors loaded from Run 2; layer 6 (Dense) freshly
        initialised: weight 3×128 vs 10×128.'"""
        text = f"{len(self.loaded)} of {self.total} tensors loaded from {self.source}"
        parts = []
        for position, tensors in self.fresh_layers().items():
            t = tensors[0]
            parts.append(f"layer {position + 1} ({t.layer_type}) freshly initialised: {_difference(t)}")
        if not self.normalisation_loaded():
            parts.append("the input normalisation is the new dataset's")
        return text + ("; " + "; ".join(parts) if parts else "") + "."


def _difference(t: FreshTensor) -> str:
    what = t.name.rsplit(".", 1)[-1]
    if t.trained_shape is None:
        return f"the trained model has no {what} there"
    return f"{what} {format_shape(t.shape) or 'scalar'} vs {format_shape(t.trained_shape) or 'scalar'}"


def _layer_of(name: str) -> int | None:
    parts = name.split(".")
    if len(parts) >= 3 and parts[0] == "body" and parts[1].isdigit():
        return int(parts[1])
    return None


def _tensor_of(name: str) -> str:
    """The tensor of a layer's state-dict key: 'weight' for 'body.3.weight' and for
    'body.3.0.weight' alike (a Dense layer with its own activation keeps its Linear first in
    an nn.Sequential), so that a Dense + Activation pair and a Dense row load into each other."""
    rest = name.split(".", 2)[2]
    return rest[2:] if rest.startswith("0.") else rest


def _by_layer(shapes: Mapping[str, tuple[int, ...]]) -> dict[int, dict[str, tuple[int, ...]]]:
    """{position: {tensor: shape}} of the body's layers, in order."""
    layers: dict[int, dict[str, tuple[int, ...]]] = {}
    for name, shape in shapes.items():
        layer = _layer_of(name)
        if layer is not None:
            layers.setdefault(layer, {})[_tensor_of(name)] = tuple(shape)
    return dict(sorted(layers.items()))


def _names(keys) -> dict[tuple[int, str], str]:
    """{(position, tensor): state-dict key} of the body's tensors."""
    return {(_layer_of(k), _tensor_of(k)): k for k in keys if _layer_of(k) is not None}


def _align(new: list[dict], old: list[dict]) -> list[tuple[int, int]]:
    """Index pairs (new, old) of layers with the same tensors and shapes, in order, as many
    as possible (a longest common subsequence): inserting or removing a Dropout or a whole
    layer then still matches the layers around it."""
    n, m = len(new), len(old)
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            if new[i] == old[j]:
                best[i][j] = best[i + 1][j + 1] + 1
            else:
                best[i][j] = max(best[i + 1][j], best[i][j + 1])
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if new[i] == old[j]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i + 1][j] >= best[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def _counterparts(n: int, m: int, pairs: list[tuple[int, int]]) -> dict[int, int]:
    """For each unmatched new layer, the unmatched trained layer in the same gap between
    matched ones (the output layer that changed size), to name in the report."""
    found: dict[int, int] = {}
    bounds = [(-1, -1), *pairs, (n, m)]
    for (i0, j0), (i1, j1) in zip(bounds, bounds[1:]):
        for i, j in zip(range(i0 + 1, i1), range(j0 + 1, j1)):
            found[i] = j
    return found


def _report(
    spec: ModelSpec, shapes: Mapping[str, tuple[int, ...]], trained: Mapping[str, torch.Tensor], source: str
) -> tuple[LoadReport, dict[str, str]]:
    """The report, and for each loaded tensor of the new model the trained tensor's name.

    A layer loads whole or not at all (an output layer's bias that happens to fit is no use
    beside a weight that does not). Layers pair up in order, not by position, so the starter
    model's layers still load into a copy without its Dropout layers."""
    new_layers = _by_layer(shapes)
    old_layers = _by_layer({k: tuple(v.shape) for k, v in trained.items()})
    new_pos, old_pos = list(new_layers), list(old_layers)
    pairs = _align(list(new_layers.values()), list(old_layers.values()))
    new_names, old_names = _names(shapes), _names(trained)
    sources: dict[str, str] = {}
    for i, j in pairs:
        for tensor in new_layers[new_pos[i]]:
            sources[new_names[new_pos[i], tensor]] = old_names[old_pos[j], tensor]
    for name in shapes:  # the input normalisation and a pretrained backbone load by name
        if (name in _NORMALISATION or name.startswith(_BACKBONE)) and name in trained and tuple(
            trained[name].shape
        ) == tuple(shapes[name]):
            sources[name] = name
    counterpart = {new_pos[i]: old_pos[j] for i, j in _counterparts(len(new_pos), len(old_pos), pairs).items()}

    loaded, fresh = [], []
    for name, shape in shapes.items():
        if name in sources:
            loaded.append(name)
            continue
        layer = _layer_of(name)
        layer_type = spec.layers[layer].type if layer is not None and layer < len(spec.layers) else ""
        if layer is None:
            given = trained.get(name)
        else:
            old_name = old_names.get((counterpart[layer], _tensor_of(name))) if layer in counterpart else None
            given = trained.get(old_name) if old_name is not None else None
        fresh.append(FreshTensor(name, layer, layer_type, tuple(shape), None if given is None else tuple(given.shape)))
    # The tensor that does not fit comes first, so that a report names it.
    fresh.sort(key=lambda t: (t.layer is None, t.layer or 0, t.trained_shape == t.shape))
    used = set(sources.values())
    unused = tuple(k for k in trained if k not in used)
    return LoadReport(source, tuple(loaded), tuple(fresh), unused, spec.backbone is not None), sources


def _check_some_layer_loads(report: LoadReport) -> None:
    if not any(_layer_of(name) is not None or name.startswith(_BACKBONE) for name in report.loaded):
        raise TransferError(
            f"None of the layers of {report.source} fit this model (no weights with the same place and shape) — "
            "copy its layers into the model first, or start from random weights."
        )


def merge_state(
    spec: ModelSpec, model_state: Mapping[str, torch.Tensor], trained: Mapping[str, torch.Tensor], source: str = ""
) -> tuple[dict[str, torch.Tensor], LoadReport]:
    """`model_state` (a freshly built model's) with every tensor of `trained` whose name and
    shape match put in its place, and the report. Raises TransferError when no layer matches."""
    shapes = {k: tuple(v.shape) for k, v in model_state.items()}
    report, sources = _report(spec, shapes, trained, source or "the trained model")
    _check_some_layer_loads(report)
    state = {k: v.detach().clone() for k, v in model_state.items()}
    for name, trained_name in sources.items():
        state[name] = trained[trained_name].detach().to(dtype=state[name].dtype, device="cpu").clone()
    return state, report


def fresh_state(config: RunConfig, dataset: "Dataset") -> dict[str, torch.Tensor]:
    """The weights `fit(config, dataset)` would start from: seeded as fit seeds, on the
    dataset's input shape and normalisation. Raises SpecError when the model does not fit."""
    torch.manual_seed(config.train.seed)
    spec = config.model.with_input_shape(dataset.input_shape)
    spec.validate_for(dataset.task, dataset.output_size)
    mean, std = feature_stats_of(spec.features, dataset.x_train, dataset.mean, dataset.std)
    model = build_model(spec, mean=mean, std=std)
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


def start_state(
    config: RunConfig, dataset: "Dataset", trained: Mapping[str, torch.Tensor], source: str = ""
) -> tuple[dict[str, torch.Tensor], LoadReport]:
    """What `fit(config, dataset, initial_state=...)` should start from to fine-tune
    `trained`, and the report. Raises TransferError when no layer fits, SpecError when the
    model does not fit the data."""
    spec = config.model.with_input_shape(dataset.input_shape)
    return merge_state(spec, fresh_state(config, dataset), trained, source)


def match_report(spec: ModelSpec, trained: Mapping[str, torch.Tensor], source: str = "") -> LoadReport:
    """The report `start_state` would give for `spec` (with its input shape), without
    building real weights: cheap enough to refresh as the user edits the model."""
    with torch.device("meta"):
        model = build_model(spec)
    shapes = {k: tuple(v.shape) for k, v in model.state_dict().items()}
    return _report(spec, shapes, trained, source or "the trained model")[0]


def model_for_start(start: "TrainedModel", output_size: int | None = None) -> ModelSpec:
    """The trained model's layers, with its last Dense layer resized to `output_size` (the
    new dataset's classes) when given: what to copy into the builder before fine-tuning."""
    spec = start.config.model
    layers = list(spec.layers)
    if output_size is not None:
        dense = [i for i, layer in enumerate(layers) if layer.type == "Dense"]
        if not dense:
            raise TransferError(f"{start.label} has no Dense output layer to fit to {output_size} classes.")
        layers[dense[-1]] = layers[dense[-1]].with_params(units=int(output_size))
    return ModelSpec(
        (), tuple(LayerSpec(layer.type, layer.params) for layer in layers), spec.init, spec.features, spec.backbone
    )


def all_but_last_trainable(layers: "tuple[LayerSpec, ...] | list[LayerSpec]") -> tuple[int, ...]:
    """frozen_layers that leave only the last layer with parameters (the new output layer)
    training: the classic first step of fine-tuning. Needs no input shape."""
    with_params = [i for i, layer in enumerate(layers) if layer.type in TRAINABLE_TYPES]
    return tuple(with_params[:-1])


# --------------------------------------------------------------------------- sources


def start_from_run(run: "TrainedModel") -> "TrainedModel":
    """A run of the project as the start (itself: a run is a TrainedModel)."""
    if not run.has_weights:
        raise TransferError(f"{run.label} kept no trained weights — train it again or choose another run.")
    return run


def start_from_file(path: str | os.PathLike, run: str | None = None) -> "TrainedModel":
    """A model bundle (.nnpmodel, .safetensors), or a run of a project (.nnp: `run` is its
    number or id, default the last one with weights), labelled with the file's name. Raises
    a PlaygroundError naming the problem for anything else."""
    from playground.core.io.export import export_source

    path = Path(path)
    model = export_source(path, run)
    label = path.name if run is None else f"{path.name} ({model.label or run})"
    return dataclasses.replace(model, label=label, kind="file", id="", path=str(path))


def start_from_starter() -> "TrainedModel":
    """The starter digit model: the one retrained on full MNIST if there is one."""
    from playground.core.inference.starter import starter_model

    return starter_model()


def start_from_backbone(
    name: str, *, size: int = 224, fine_tune_last: bool = False, progress=None, cancel=None, urls=None
) -> "TrainedModel":
    """A pretrained ImageNet network (BACKBONES: "resnet18", "vgg16") as the start: its weights
    (downloaded on first use, core/data/pretrained.py) in a model of the backbone and one Dense
    layer, its ImageNet classifier (1000 classes). `backbone_model` resizes that layer to the
    learner's classes; the rest loads. Raises WeightsError when the weights are missing."""
    from playground.core.config.backbone import BACKBONES, BackboneSpec
    from playground.core.data.pretrained import load_pretrained
    from playground.core.model.trained import TrainedModel

    backbone = BackboneSpec(name, size, fine_tune_last)
    info = backbone.info
    weights = load_pretrained(backbone.name, progress=progress, cancel=cancel, urls=urls)
    fc_weight, fc_bias = (weights.pop(k) for k in info.classifier)
    state = {_BACKBONE + "net." + k: v for k, v in weights.items()}
    state.update({"body.0.weight": fc_weight, "body.0.bias": fc_bias})
    spec = ModelSpec((3, size, size), (LayerSpec("Dense", {"units": fc_weight.shape[0]}),), backbone=backbone)
    config = RunConfig.from_dict({"name": f"{info.title} (ImageNet)", "model": spec.to_dict()})
    label = f"{BACKBONES[backbone.name].title} (ImageNet)"
    return TrainedModel(config, state, "classification", None, label=label, kind="file", path=info.weights_file)


def backbone_model(start: "TrainedModel", output_size: int) -> ModelSpec:
    """The model to train from a pretrained start: its backbone (as `start` was made: size,
    fine-tuning) and a new Dense output layer of `output_size` units (the learner's classes)."""
    return model_for_start(start, output_size)


def start_from_argument(text: str, run: str | None = None, **backbone) -> "TrainedModel":
    """What `playground train --init-from` names: 'starter', 'resnet18' or 'vgg16' (ImageNet
    weights; `backbone` holds size and fine_tune_last), a bundle, or a project (with --init-run
    picking its run)."""
    from playground.core.config.backbone import BACKBONES

    if text.strip().lower() in BACKBONES:
        if run is not None:
            raise ConfigError("--init-run picks a run of a project (.nnp); a pretrained network is one model.")
        return start_from_backbone(text.strip().lower(), **backbone)
    if text.strip().lower() == "starter":
        if run is not None:
            raise ConfigError("--init-run picks a run of a project (.nnp); the starter model is one model.")
        return start_from_starter()
    return start_from_file(text, run)
