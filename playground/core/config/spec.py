"""Run configuration: what to train, on what, and how.

Everything here is a frozen dataclass with a JSON round-trip (`to_dict` / `from_dict`) and
validation whose messages name the problem and the fix. The network (`ModelSpec`, `LayerSpec`,
shape inference) is in model_spec.py, the layer types in catalogue.py, SpecError in
spec_errors.py and ConfigError in core/errors.py; import them from there. Nothing here imports torch, so the GUI can validate a layer stack instantly.
"""

from __future__ import annotations

import collections.abc
import dataclasses
import json
import math
import re
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Mapping

from playground.core.errors import ConfigError
from playground.core.config.jsonload import load_json
from playground.core.config.catalogue import TRAINABLE_TYPES
from playground.core.config.model_spec import LayerSpec, ModelSpec

__all__ = [
    "AugmentConfig",
    "DataConfig",
    "OptimizerConfig",
    "RegularizationConfig",
    "RunConfig",
    "ScheduleConfig",
    "TrainConfig",
]


# --------------------------------------------------------------------------- run settings


@dataclass(frozen=True)
class AugmentConfig:
    """Image augmentation, applied batched on the training device (training batches only)."""

    rotation: float = 0.0  # max degrees either way
    shift: float = 0.0  # max fraction of width/height
    scale: float = 0.0  # max relative zoom in or out (0.1 -> 0.9..1.1)
    hflip: bool = False
    crop: int = 0  # random crop after padding by this many pixels
    brightness: float = 0.0  # max additive change (images are in [0, 1])
    contrast: float = 0.0  # max relative change around the image mean
    noise: float = 0.0  # std of added Gaussian noise
    shear: float = 0.0  # max slant in degrees either way (handwriting leaning left or right)
    stroke: float = 0.0  # max pixels a stroke grows on each side (dilation), or thins (up to 1)
    # Colour jitter (3-channel images only; grey images are left as they are):
    saturation: float = 0.0  # max relative change of colourfulness (1: from grey to twice as vivid)
    hue: float = 0.0  # max turn of the colour wheel either way, as a fraction of a full turn (up to 0.5)

    @property
    def enabled(self) -> bool:
        return any(
            [
                self.rotation, self.shift, self.scale, self.hflip, self.crop, self.brightness, self.contrast,
                self.noise, self.shear, self.stroke, self.saturation, self.hue,
            ]
        )

    def validate(self) -> None:
        for name in ("rotation", "shift", "scale", "brightness", "contrast", "noise", "shear", "stroke", "saturation", "hue"):
            if getattr(self, name) < 0:
                raise ConfigError(f"Augmentation '{name}' must be >= 0, got {getattr(self, name)}.")
        if self.rotation > 180:
            raise ConfigError("Augmentation 'rotation' is in degrees and must be <= 180.")
        if self.shift >= 1 or self.scale >= 1:
            raise ConfigError("Augmentation 'shift' and 'scale' are fractions and must be below 1 (e.g. 0.1).")
        if self.crop < 0:
            raise ConfigError("Augmentation 'crop' is a padding in pixels and must be >= 0.")
        if self.shear > 60:
            raise ConfigError("Augmentation 'shear' is a slant in degrees and must be <= 60 (e.g. 15).")
        if self.stroke > 3:
            raise ConfigError("Augmentation 'stroke' is a width change in pixels and must be <= 3 (e.g. 1).")
        if self.saturation > 1:
            raise ConfigError("Augmentation 'saturation' is a relative change and must be <= 1 (e.g. 0.3).")
        if self.hue > 0.5:
            raise ConfigError("Augmentation 'hue' is a fraction of a turn of the colour wheel and must be <= 0.5 (e.g. 0.05).")


@dataclass(frozen=True)
class DataConfig:
    """Which dataset and how to split it. `options` go to the dataset loader
    (toy sets: n_samples, noise, train_ratio; image folders: path, size)."""

    name: str = "circle"
    options: Mapping[str, Any] = field(default_factory=dict)
    val_split: float = 0.1
    augment: AugmentConfig = field(default_factory=AugmentConfig)

    def validate(self) -> None:
        if not 0 <= self.val_split < 1:
            raise ConfigError(f"'data.val_split' must be in [0, 1), got {self.val_split}.", "val_split_range", {"value": self.val_split})
        self.augment.validate()


@dataclass(frozen=True)
class OptimizerConfig:
    """Optimizer name, learning rate and its own hyperparameters (see core.training.catalog.OPTIMIZERS)."""

    name: str = "adam"
    lr: float = 1e-3
    params: Mapping[str, Any] = field(default_factory=dict)

    def validate(self) -> None:
        if not (isinstance(self.lr, (int, float)) and self.lr > 0 and math.isfinite(self.lr)):
            raise ConfigError(f"The learning rate must be a positive number, got {self.lr!r}.", "lr_not_positive", {"value": self.lr})


@dataclass(frozen=True)
class ScheduleConfig:
    """Learning-rate schedule (see core.training.catalog.SCHEDULES)."""

    name: str = "constant"
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class RegularizationConfig:
    l1: float = 0.0  # added to the loss: l1 * sum|w| over weights (not biases or norm layers)
    l2: float = 0.0  # added to the loss: l2/2 * sum w^2 (for AdamW use its decoupled weight_decay)
    early_stopping: bool = False
    patience: int = 5  # epochs without improvement before stopping
    min_delta: float = 0.0  # smallest improvement that counts
    monitor: str = "val_loss"  # or "val_accuracy"
    restore_best: bool = True
    grad_clip: float = 0.0  # max global gradient norm; 0 = off

    def validate(self) -> None:
        if self.l1 < 0 or self.l2 < 0:
            raise ConfigError("L1 and L2 strengths must be >= 0.")
        if self.patience < 1:
            raise ConfigError("Early-stopping patience must be at least 1 epoch.")
        if self.monitor not in ("val_loss", "val_accuracy"):
            raise ConfigError("Early stopping can monitor 'val_loss' or 'val_accuracy'.")
        if self.grad_clip < 0:
            raise ConfigError("Gradient clipping must be >= 0 (0 turns it off).")


BATCH_MODES = ("minibatch", "full", "stochastic")
LOSSES = ("auto", "cross_entropy", "mse")


@dataclass(frozen=True)
class TrainConfig:
    epochs: int = 10
    batch_mode: str = "minibatch"  # minibatch | full | stochastic (batch size 1)
    batch_size: int = 32
    loss: str = "auto"  # auto: cross-entropy for classification, MSE for regression
    # Label smoothing (Szegedy et al. 2016) for cross-entropy while training: the target gives
    # the true class 1 − ε + ε/K and every class ε/K, so the model is not pushed towards ever
    # larger logits (and 100% on anything). Validation and test losses stay plain cross-entropy.
    label_smoothing: float = 0.0
    seed: int = 0
    device: str = "auto"  # auto | cpu | cuda | cuda:N | mps
    amp: bool = False  # mixed precision on CUDA (bf16 autocast)
    # Transfer learning: 0-based positions in model.layers (as in the JSON list) whose
    # parameters stay as they are — left out of the optimizer, and a frozen BatchNorm keeps
    # its running statistics (it stays in eval mode). Usually the early layers of a model
    # loaded from a trained run, so that only the last layers adapt to new data.
    frozen_layers: tuple[int, ...] = ()
    # Per-layer learning rates, {position: multiplier}: that layer's parameters train at
    # optimizer.lr × multiplier (its schedule scaled alike), every other layer at optimizer.lr.
    # Fine-tuning often gives the early, already trained layers a small one (0.1); 0 holds a
    # layer still while its batch norm statistics keep adapting (freezing holds both).
    # Kept here beside frozen_layers: both name model positions, and the optimizer section
    # stays a plain description of the optimizer that searches and panels vary.
    layer_lr: Mapping[int, float] = field(default_factory=dict)

    def __post_init__(self):
        if isinstance(self.frozen_layers, list):  # JSON gives a list
            object.__setattr__(self, "frozen_layers", tuple(self.frozen_layers))
        if isinstance(self.layer_lr, Mapping):  # JSON keys are strings: "3" -> 3
            object.__setattr__(self, "layer_lr", {_position_key(k): v for k, v in self.layer_lr.items()})

    def validate(self) -> None:
        self._validate_layer_lr()
        if not isinstance(self.frozen_layers, tuple) or any(
            isinstance(i, bool) or not isinstance(i, int) or i < 0 for i in self.frozen_layers
        ):
            raise ConfigError(
                f"'train.frozen_layers' must be a list of layer positions (whole numbers >= 0, counting from 0), "
                f"got {self.frozen_layers!r}."
            )
        if isinstance(self.epochs, bool) or not isinstance(self.epochs, int) or self.epochs < 1:
            raise ConfigError(f"'epochs' must be a whole number >= 1, got {self.epochs!r}.", "epochs_below_1", {"value": self.epochs})
        if self.batch_mode not in BATCH_MODES:
            raise ConfigError(f"Unknown batch mode {self.batch_mode!r}; choose one of {', '.join(BATCH_MODES)}.")
        if isinstance(self.batch_size, bool) or not isinstance(self.batch_size, int) or self.batch_size < 1:
            raise ConfigError(
                f"'batch_size' must be a whole number >= 1, got {self.batch_size!r}.", "batch_size_below_1", {"value": self.batch_size}
            )
        if self.loss not in LOSSES:
            raise ConfigError(f"Unknown loss {self.loss!r}; choose one of {', '.join(LOSSES)}.")
        ls = self.label_smoothing
        if isinstance(ls, bool) or not isinstance(ls, (int, float)) or not (math.isfinite(ls) and 0 <= ls < 1):
            raise ConfigError(f"'train.label_smoothing' must be a number from 0 up to (not including) 1, e.g. 0.1, got {ls!r}.")
        if ls and self.loss == "mse":
            raise ConfigError("Label smoothing softens cross-entropy's targets — set 'train.loss' to cross_entropy (or auto), or label_smoothing to 0.")

    def _validate_layer_lr(self) -> None:
        if not isinstance(self.layer_lr, Mapping):
            raise ConfigError(
                f"'train.layer_lr' must be an object of layer position: multiplier, e.g. {{\"0\": 0.1}}, "
                f"got {self.layer_lr!r}."
            )
        for key, value in self.layer_lr.items():
            if isinstance(key, bool) or not isinstance(key, int) or key < 0:
                raise ConfigError(
                    f"'train.layer_lr' keys are layer positions (whole numbers >= 0, counting from 0), got {key!r}."
                )
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not (math.isfinite(value) and value >= 0):
                raise ConfigError(
                    f"'train.layer_lr' gives layer {key} the multiplier {value!r}; it must be a number >= 0 "
                    "(1 = the optimizer's learning rate, 0.1 = ten times smaller)."
                )

    def effective_batch_size(self, n_train: int) -> int:
        if self.batch_mode == "full":
            return max(1, n_train)
        if self.batch_mode == "stochastic":
            return 1
        return self.batch_size


@dataclass(frozen=True)
class RunConfig:
    """Everything one training run needs. Built once (on the GUI thread or from the CLI) and
    handed to the trainer, which never reads anything else."""

    model: ModelSpec
    data: DataConfig = field(default_factory=DataConfig)
    optimizer: OptimizerConfig = field(default_factory=OptimizerConfig)
    schedule: ScheduleConfig = field(default_factory=ScheduleConfig)
    regularization: RegularizationConfig = field(default_factory=RegularizationConfig)
    train: TrainConfig = field(default_factory=TrainConfig)
    name: str = ""
    description: str = ""

    def validate(self) -> None:
        """Checks that need no dataset. The trainer also checks the model against the data."""
        self.data.validate()
        self.optimizer.validate()
        self.regularization.validate()
        self.train.validate()
        beyond = [i for i in self.train.frozen_layers if i >= len(self.model.layers)]
        if beyond:
            raise ConfigError(
                f"'train.frozen_layers' names layer {beyond[0]} but the model has {len(self.model.layers)} "
                f"layer{'s' * (len(self.model.layers) != 1)} "
                f"(positions 0 to {len(self.model.layers) - 1}) — remove it from the list."
            )
        self._validate_layer_lr_positions()
        if self.model.input_shape:
            self.model.infer()

    def _validate_layer_lr_positions(self) -> None:
        n = len(self.model.layers)
        for i in sorted(self.train.layer_lr):
            if i >= n:
                raise ConfigError(
                    f"'train.layer_lr' names layer {i} but the model has {n} layer{'s' * (n != 1)} (positions 0 to {n - 1}) "
                    "— remove it from the list."
                )
            layer = self.model.layers[i]
            if layer.type not in TRAINABLE_TYPES:
                raise ConfigError(
                    f"'train.layer_lr' gives layer {i} ({layer.type}) a learning rate, but it has no parameters "
                    "to train — remove it, or give it to a Dense, Conv2D or BatchNorm layer."
                )
            if i in self.train.frozen_layers:
                raise ConfigError(
                    f"Layer {i} ({layer.type}) is frozen and also has a learning-rate multiplier in "
                    "'train.layer_lr' — a frozen layer does not train: unfreeze it or remove its multiplier."
                )

    def replace(self, **changes: Any) -> "RunConfig":
        return dataclasses.replace(self, **changes)

    def with_overrides(self, **dotted: Any) -> "RunConfig":
        """Copy with nested fields replaced: with_overrides(**{"train.epochs": 3, "optimizer.lr": 0.1}).

        The same keys address what a hyperparameter search varies: a layer's parameter by the
        layer's 0-based position, "model.layers[1].units" (as in the JSON list), and one entry
        of a mapping field by a third part, "optimizer.params.momentum" or "data.options.noise".
        """
        cfg = self
        for key, value in dotted.items():
            layer = _LAYER_KEY.fullmatch(key)
            if layer:
                cfg = dataclasses.replace(cfg, model=_with_layer_param(cfg.model, int(layer[1]), layer[2], value, key))
                continue
            section, _, name = key.partition(".")
            name, _, item = name.partition(".")
            if section not in {f.name for f in dataclasses.fields(cfg)}:
                raise ConfigError(f"Unknown setting '{key}'.", "unknown_setting", {"key": key})
            if not name:
                cfg = dataclasses.replace(cfg, **{section: value})
                continue
            part = getattr(cfg, section)
            if name not in {f.name for f in dataclasses.fields(part)}:
                raise ConfigError(f"Unknown setting '{key}'.", "unknown_setting", {"key": key})
            if item:
                current = getattr(part, name)
                if not isinstance(current, Mapping):
                    raise ConfigError(f"Unknown setting '{key}': '{section}.{name}' has no entries.")
                value = {**current, item: value}
            cfg = dataclasses.replace(cfg, **{section: dataclasses.replace(part, **{name: value})})
        return cfg

    def to_dict(self) -> dict:
        return _to_jsonable(self)

    def to_json(self, indent: int = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "RunConfig":
        if not isinstance(data, Mapping):
            raise ConfigError("A run config must be a JSON object.")
        if "model" not in data:
            raise ConfigError("The run config has no 'model' section — add one with a 'layers' list.")
        cfg = _from_dict(cls, data, "")
        cfg.validate()
        return cfg

    @classmethod
    def from_json(cls, text: str | bytes, what: str = "The config") -> "RunConfig":
        """`what` names the text in messages (a file's path; "The config" when it has none)."""
        return cls.from_dict(load_json(text, what))


_LAYER_KEY = re.compile(r"model\.layers\[(\d+)\]\.(\w+)")


def _position_key(key: Any) -> Any:
    """A layer position written as JSON text ("3") as the number it is; anything else as
    given, for validation to name."""
    if isinstance(key, str) and key.strip().isdigit():
        return int(key)
    return key


def _with_layer_param(model: ModelSpec, index: int, param: str, value: Any, key: str) -> ModelSpec:
    """`model` with one parameter of its layer number `index` (0-based) replaced."""
    n = len(model.layers)
    if index >= n:
        raise ConfigError(
            f"Unknown setting '{key}': the model has {n} layer{'s' * (n != 1)}, numbered 0 to {n - 1} in setting keys."
        )
    try:
        layer = model.layers[index].with_params(**{param: value})
    except ConfigError as e:
        raise ConfigError(f"Unknown setting '{key}': {e}") from None
    layers = (*model.layers[:index], layer, *model.layers[index + 1 :])
    return dataclasses.replace(model, layers=layers)


# --------------------------------------------------------------------------- JSON helpers


def _to_jsonable(obj: Any) -> Any:
    if isinstance(obj, (LayerSpec, ModelSpec)):
        return obj.to_dict()
    if dataclasses.is_dataclass(obj):
        return {f.name: _to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, Mapping):
        return {str(k): _to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_to_jsonable(v) for v in obj]
    return obj


_HINTS_CACHE: dict[type, dict[str, Any]] = {}

# The largest whole number a setting may hold (epochs, batch size, patience, a seed): far
# beyond any real run, and small enough that no count built from it overflows.
MAX_WHOLE = 2**31 - 1
# Fields whose own validate() says better what they must hold.
_OWN_MESSAGE = frozenset({"train.layer_lr"})


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS_CACHE:
        _HINTS_CACHE[cls] = typing.get_type_hints(cls)
    return _HINTS_CACHE[cls]


def _check_scalar(value: Any, hint: Any, where: str) -> Any:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return value
    if hint is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"'{where}' must be true or false, got {value!r}.", "not_bool", {"key": where, "value": value})
    elif hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"'{where}' must be a whole number, got {value!r}.", "not_whole", {"key": where, "value": value})
        if abs(value) > MAX_WHOLE:
            raise ConfigError(
                f"'{where}' is {value}, far beyond any sensible setting (at most {MAX_WHOLE:,}).",
                "too_large", {"key": where, "value": value, "limit": MAX_WHOLE},
            )
    elif hint is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(f"'{where}' must be a number, got {value!r}.", "not_number", {"key": where, "value": value})
        try:
            value = float(value)
        except OverflowError:  # an integer beyond any float
            value = math.inf
        if not math.isfinite(value):
            raise ConfigError(
                f"'{where}' must be a finite number, got {value!r}.", "not_finite", {"key": where, "value": value}
            )
        return value
    elif hint is str:
        if not isinstance(value, str):
            raise ConfigError(f"'{where}' must be text, got {value!r}.", "not_text", {"key": where, "value": value})
    elif origin in (Mapping, dict, collections.abc.Mapping) or hint is dict:
        if where in _OWN_MESSAGE:
            return value
        if not isinstance(value, Mapping):
            raise ConfigError(
                f"'{where}' must be an object of names and values, e.g. {{}}, got {value!r}.",
                "not_object", {"key": where, "value": value},
            )
        return dict(value)
    elif origin is tuple:
        if not isinstance(value, (list, tuple)):
            raise ConfigError(f"'{where}' must be a list, got {value!r}.", "not_list", {"key": where, "value": value})
    return value


def _from_dict(cls: type, data: Any, prefix: str) -> Any:
    if cls is ModelSpec:
        return ModelSpec.from_dict(data)
    if not isinstance(data, Mapping):
        raise ConfigError(f"'{prefix or 'config'}' must be an object, got {data!r}.")
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = set(data) - names
    if unknown:
        where = f"'{prefix}'" if prefix else "The run config"
        raise ConfigError(
            f"{where} has unknown key(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(names))}."
        )
    hints = _hints(cls)
    kwargs = {}
    for name, value in data.items():
        hint = hints[name]
        where = f"{prefix}.{name}" if prefix else name
        if isinstance(hint, type) and dataclasses.is_dataclass(hint):
            kwargs[name] = _from_dict(hint, value, where)
        else:
            kwargs[name] = _check_scalar(value, hint, where)
    try:
        return cls(**kwargs)
    except TypeError as e:  # pragma: no cover - names are checked above
        raise ConfigError(f"'{prefix or 'config'}': {e}") from None
