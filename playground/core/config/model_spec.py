"""A network as data: `LayerSpec` (a layer type and its parameters), `ModelSpec` (the input
shape, a stack of layers, the weight initialisation and any input features of 2-D points)
and shape inference over them.

What each layer type accepts and computes comes from the layer catalogue (config/catalogue.py).
Frozen dataclasses with a JSON round-trip; nothing here imports torch, so the GUI can
validate a layer stack instantly.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from playground.core.errors import ConfigError
from playground.core.config.catalogue import INITIALIZERS, LAYER_TYPES, canonical_type, format_shape
from playground.core.config.backbone import BackboneSpec
from playground.core.config.features import check_features
from playground.core.config.spec_errors import spec_error

__all__ = ["LayerInfo", "LayerSpec", "ModelSpec", "ends_in_softmax", "infer_shapes"]


def _canonical_choices(layer_type, params: Mapping[str, Any]) -> dict[str, Any]:
    """`params` with a choice written in another case spelt as the catalogue does, so a config
    can say activation "sigmoid" as Keras does ("Sigmoid" here)."""
    out = dict(params)
    for param in layer_type.params:
        value = out.get(param.name)
        if param.kind == "choice" and isinstance(value, str):
            out[param.name] = next(
                (c for c, _ in param.choices if isinstance(c, str) and c.lower() == value.lower()), value
            )
    return out


def ends_in_softmax(layer: "LayerSpec") -> bool:
    """Whether a layer's output goes through Softmax: an Activation(Softmax) layer, or a Dense
    layer whose own activation is Softmax."""
    if layer.type == "Activation":
        return layer.get("function") == "Softmax"
    return layer.type == "Dense" and layer.get("activation") == "Softmax"


# The largest size a layer parameter or input dimension may have (units, filters, a kernel):
# far beyond what fits in memory, so a config asking for more is refused before torch is asked.
MAX_LAYER_WHOLE = 100_000


def _check_param(layer_type: str, param: Any, value: Any) -> None:
    """ConfigError naming the layer type and parameter when `value` is of the wrong JSON type
    or out of reach for its kind; whether the value fits the input is the shape rules' part."""
    where = f"{layer_type} layer: '{param.name}'"
    if value is None and param.default is None:
        return
    if param.kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{where} must be a whole number, got {value!r}.", "not_whole", {"key": param.name, "value": value})
        if abs(value) > MAX_LAYER_WHOLE:
            raise ConfigError(
                f"{where} is {value}, far beyond what fits in memory (at most {MAX_LAYER_WHOLE:,}).",
                "too_large", {"key": param.name, "value": value, "limit": MAX_LAYER_WHOLE},
            )
    elif param.kind == "float":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise ConfigError(f"{where} must be a finite number, got {value!r}.", "not_number", {"key": param.name, "value": value})
    elif param.kind == "bool":
        if not isinstance(value, bool):
            raise ConfigError(f"{where} must be true or false, got {value!r}.", "not_bool", {"key": param.name, "value": value})
    elif isinstance(value, (list, dict, tuple)) or (
        isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) > MAX_LAYER_WHOLE
    ):
        choices = ", ".join(repr(c) for c, _ in param.choices)
        raise ConfigError(f"{where} must be one of {choices}, got {value!r}.", "bad_choice", {"key": param.name, "value": value})


@dataclass(frozen=True)
class LayerSpec:
    type: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self):
        canonical = canonical_type(self.type)
        if canonical is None:
            raise ConfigError(
                f"Unknown layer type '{self.type}'. Known types: {', '.join(LAYER_TYPES)}."
            )
        object.__setattr__(self, "type", canonical)
        unknown = set(self.params) - set(LAYER_TYPES[canonical].defaults)
        if unknown:
            allowed = ", ".join(LAYER_TYPES[canonical].defaults) or "none"
            raise ConfigError(
                f"{canonical} layer has unknown parameter(s) {', '.join(sorted(unknown))}; allowed: {allowed}."
            )
        object.__setattr__(self, "params", _canonical_choices(LAYER_TYPES[canonical], self.params))
        for param in LAYER_TYPES[canonical].params:
            if param.name in self.params:
                _check_param(canonical, param, self.params[param.name])

    def get(self, key: str) -> Any:
        """The parameter's value, or the layer type's default."""
        if key in self.params:
            return self.params[key]
        return LAYER_TYPES[self.type].defaults[key]

    def with_params(self, **changes: Any) -> "LayerSpec":
        return LayerSpec(self.type, {**self.params, **changes})

    def to_dict(self) -> dict:
        return {"type": self.type, **self.params}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | str) -> "LayerSpec":
        if isinstance(data, str):
            return cls(data)
        if not isinstance(data, Mapping) or not isinstance(data.get("type"), str):
            raise ConfigError(f"Each layer needs a 'type' (text such as \"Dense\"), got {data!r}.")
        params = {k: v for k, v in data.items() if k != "type"}
        return cls(data["type"], params)

    def describe(self) -> str:
        """Short label such as 'Dense(128)' or 'Activation(ReLU)'."""
        return LAYER_TYPES[self.type].label(self)


@dataclass(frozen=True)
class LayerInfo:
    """What shape inference knows about one layer."""

    index: int  # 1-based, as shown to users
    layer: LayerSpec
    input_shape: tuple[int, ...]
    output_shape: tuple[int, ...]
    params: int


def infer_shapes(input_shape: Sequence[int], layers: Sequence[LayerSpec]) -> list[LayerInfo]:
    """Output shape and parameter count of every layer; raises SpecError naming the first bad one."""
    shape = tuple(int(s) for s in input_shape)
    if not shape or any(s < 1 for s in shape):
        raise spec_error("bad_input_shape", 0, shape=str(shape))
    infos = []
    for i, layer in enumerate(layers, start=1):
        layer_type = LAYER_TYPES.get(layer.type)
        if layer_type is None:  # LayerSpec refuses unknown types; one set by hand still fails here
            raise spec_error("unsupported_layer_type", i, type=layer.type)
        out, n = layer_type.shape(layer, i, shape)
        infos.append(LayerInfo(i, layer, shape, out, n))
        shape = out
    return infos


@dataclass(frozen=True)
class ModelSpec:
    """A network: the input shape and a stack of layers, plus weight initialisation.

    `features` (2-D points only, config/features.py): what the first layer sees, computed
    inside the model from the raw point, so `input_shape` stays (2,) — what the model takes —
    while the first layer's input has one value per feature. () is the raw point (x1, x2).

    `backbone` (images only, config/backbone.py): a pretrained network between the input and the
    layers, which then see its features (512 for ResNet-18); None: the layers see the input."""

    input_shape: tuple[int, ...]
    layers: tuple[LayerSpec, ...]
    init: str = "he_normal"
    features: tuple[str, ...] = ()
    backbone: BackboneSpec | None = None

    def __post_init__(self):
        shape = self.input_shape
        if not isinstance(shape, (list, tuple)) or any(
            isinstance(s, bool) or not isinstance(s, int) or not 0 < s <= MAX_LAYER_WHOLE for s in shape
        ):
            raise ConfigError(
                f"'model.input_shape' must be a list of sizes (whole numbers from 1 to {MAX_LAYER_WHOLE:,}), "
                f"e.g. [1, 28, 28], got {shape!r}.",
                "bad_input_shape_value", {"value": repr(shape)},
            )
        object.__setattr__(self, "input_shape", tuple(shape))
        if not isinstance(self.layers, (list, tuple)):
            raise ConfigError("'model.layers' must be a list of layers.")
        object.__setattr__(
            self, "layers", tuple(l if isinstance(l, LayerSpec) else LayerSpec.from_dict(l) for l in self.layers)
        )
        if not isinstance(self.init, str) or self.init not in INITIALIZERS:
            raise ConfigError(f"Unknown weight initialisation {self.init!r}; choose one of {', '.join(INITIALIZERS)}.")
        if self.features != ():
            object.__setattr__(self, "features", check_features(self.features))
        if self.backbone is not None and not isinstance(self.backbone, BackboneSpec):
            object.__setattr__(self, "backbone", BackboneSpec.from_dict(self.backbone))
        if self.backbone is not None and self.features:
            raise ConfigError("A model with a backbone takes images; input features are for 2-D points — remove one.")

    @property
    def layer_input_shape(self) -> tuple[int, ...]:
        """The shape the first layer sees: one value per input feature, the backbone's features,
        else the input shape."""
        if self.backbone is not None and self.input_shape:
            return (self.backbone.info.features,)
        return (len(self.features),) if self.features and self.input_shape else self.input_shape

    def with_input_shape(self, shape: Sequence[int]) -> "ModelSpec":
        """This network for inputs of `shape` (the dataset's), its features and all kept."""
        return dataclasses.replace(self, input_shape=tuple(shape))

    def infer(self) -> list[LayerInfo]:
        if self.features and self.input_shape and self.input_shape != (2,):
            raise spec_error("features_need_points", 0, shape=format_shape(self.input_shape))
        if self.backbone is not None and self.input_shape:
            shape = self.input_shape
            if len(shape) != 3 or shape[0] not in (1, 3):
                raise spec_error("backbone_needs_images", 0, backbone=self.backbone.info.title, shape=format_shape(shape))
        return infer_shapes(self.layer_input_shape, self.layers)

    @property
    def output_shape(self) -> tuple[int, ...]:
        infos = self.infer()
        return infos[-1].output_shape if infos else self.input_shape

    def parameter_count(self) -> int:
        """Every parameter, a backbone's included."""
        return sum(i.params for i in self.infer()) + (self.backbone.info.params if self.backbone else 0)

    def validate_for(self, task: str, output_size: int) -> list[LayerInfo]:
        """Check the stack fits a task: classification with `output_size` classes or regression
        with `output_size` targets. Returns the shape infos."""
        if not self.layers:
            raise spec_error("no_layers", 0)
        infos = self.infer()
        out = infos[-1].output_shape
        n = len(self.layers)
        if len(out) != 1:
            raise spec_error("output_not_flat", n, shape=format_shape(out), output_size=output_size)
        what = ("class" if task == "classification" else "target") + ("es" if task == "classification" else "s") * (
            output_size != 1
        )
        if out[0] != output_size:
            last_dense = max((i.index for i in infos if i.layer.type == "Dense"), default=None)
            fix = (
                f"set layer {last_dense} (Dense) to {output_size} unit{'s' * (output_size != 1)}"
                if last_dense is not None
                else f"add a Dense({output_size}) layer at the end"
            )
            raise spec_error(
                "output_size_mismatch",
                n,
                outputs=out[0],
                outputs_word="value" if out[0] == 1 else "values",
                output_size=output_size,
                task=task,
                what=what,
                dense_layer=last_dense or 0,
                fix=fix,
            )
        softmaxes = [i.index for i in infos if ends_in_softmax(i.layer)]
        if task == "regression" and softmaxes:
            raise spec_error("softmax_in_regression", softmaxes[0])
        if any(i != n for i in softmaxes):
            bad = next(i for i in softmaxes if i != n)
            raise spec_error("softmax_not_last", bad)
        return infos

    def to_dict(self) -> dict:
        out = {
            "input_shape": list(self.input_shape),
            "init": self.init,
            "layers": [l.to_dict() for l in self.layers],
        }
        if self.features:  # left out for the raw point, so older configs read and write as before
            out["features"] = list(self.features)
        if self.backbone is not None:  # likewise left out without one
            out["backbone"] = self.backbone.to_dict()
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "ModelSpec":
        if not isinstance(data, Mapping):
            raise ConfigError(f"'model' must be an object with 'layers', got {type(data).__name__}.")
        unknown = set(data) - {"input_shape", "layers", "init", "features", "backbone"}
        if unknown:
            raise ConfigError(
                f"'model' has unknown key(s) {', '.join(sorted(unknown))}; "
                "allowed: input_shape, layers, init, features, backbone."
            )
        features = check_features(data["features"]) if "features" in data else ()
        layers = data.get("layers", [])
        if not isinstance(layers, list):
            raise ConfigError("'model.layers' must be a list of layers.")
        specs = []
        for i, layer in enumerate(layers, start=1):
            try:
                specs.append(LayerSpec.from_dict(layer))
            except ConfigError as e:  # say which layer, as the shape rules do (1-based)
                kind = canonical_type(layer.get("type") if isinstance(layer, Mapping) else layer)
                if not str(e).startswith(f"{kind} layer: "):
                    raise
                message = f"Layer {i} ({kind}): " + str(e).removeprefix(f"{kind} layer: ")
                values = {**e.values, "layer": i}
                if "key" in values:  # the setting's key, as with_overrides and searches spell it
                    values["key"] = f"model.layers[{i - 1}].{values['key']}"
                raise ConfigError(message, e.key, values) from None
        return cls(
            input_shape=data.get("input_shape", ()),
            layers=tuple(specs),
            init=data.get("init", "he_normal"),
            features=features,
            backbone=BackboneSpec.from_dict(data["backbone"]) if data.get("backbone") is not None else None,
        )
