"""What a comparison varies: one setting's values, parsed, and what each does to a run config.

`parse_values` turns what a user typed ("0.01", "on") into typed values; `variant_config`
gives the name and config of the variant for one value; `with_dropout` and `with_batchnorm`
edit a layer stack for the dropout and batch-norm settings (and the overfitting lesson).
`compare.vary` puts these together into a `Comparison`.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any, Sequence

from playground.core.config.spec import AugmentConfig, OptimizerConfig, RunConfig
from playground.core.config.catalogue import INITIALIZERS
from playground.core.errors import ConfigError
from playground.core.config.model_spec import LayerSpec, ModelSpec, ends_in_softmax
from playground.core.experiments.lesson_texts import SETTINGS
from playground.core.training.catalog import OPTIMIZERS

__all__ = [
    "parse_values",
    "set_output_units",
    "variant_config",
    "with_batchnorm",
    "with_dropout",
]

# --------------------------------------------------------------------------- settings

# SETTINGS (what can be varied, with help) lives in lesson_texts, which loads no torch.

_INIT_TITLES = {
    "zeros": "Zeros",
    "normal_001": "Small normal (0.01)",
    "normal_1": "Large normal (1)",
    "xavier": "Xavier",
    "he_normal": "He",
    "he_uniform": "He uniform",
}
_DEFAULT_L2 = 0.01
_DEFAULT_DROPOUT = 0.2
_DEFAULT_AUGMENT = AugmentConfig(rotation=10.0, shift=0.1)


def _on_off(setting: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("on", "true", "yes", "1"):
        return True
    if text in ("off", "false", "no", "0"):
        return False
    raise ConfigError(f"'{setting}' values are off or on, got {value!r}.")


def _number(setting: str, value: Any, kind: type, low: float, low_inclusive: bool) -> float | int:
    if isinstance(value, bool):
        raise ConfigError(f"'{setting}' values must be numbers, got {value!r}.")
    try:
        number = kind(value) if not isinstance(value, str) else (int(value) if kind is int else float(value))
    except (TypeError, ValueError):
        what = "whole numbers" if kind is int else "numbers"
        raise ConfigError(f"'{setting}' values must be {what}, got {value!r}.") from None
    if kind is int and isinstance(value, float) and value != int(value):
        raise ConfigError(f"'{setting}' values must be whole numbers, got {value!r}.")
    if not math.isfinite(number) or (number < low if low_inclusive else number <= low):
        raise ConfigError(f"'{setting}' values must be {'>=' if low_inclusive else '>'} {low:g}, got {value!r}.")
    return number


def parse_values(setting: str, values: Sequence[Any]) -> list[Any]:
    """The values of `setting` in their proper types ("0.01" -> 0.01, "on" -> True, ...).
    Accepts what a user types (strings) and typed values alike; raises ConfigError naming
    the bad value and what is allowed."""
    if setting not in SETTINGS:
        raise ConfigError(f"Unknown setting to vary '{setting}'; choose one of {', '.join(SETTINGS)}.")
    values = [v.strip() if isinstance(v, str) else v for v in values]
    values = [v for v in values if v != ""]
    if len(values) < 2:
        raise ConfigError(f"A comparison needs at least two values of '{setting}', got {len(values)}.")
    parsed: list[Any] = []
    for v in values:
        if setting == "optimizer":
            name = str(v).lower()
            if name not in OPTIMIZERS:
                raise ConfigError(f"Unknown optimizer '{v}'; choose from {', '.join(OPTIMIZERS)}.")
            parsed.append(name)
        elif setting == "init":
            if v not in INITIALIZERS:
                raise ConfigError(f"Unknown weight initialisation '{v}'; choose from {', '.join(INITIALIZERS)}.")
            parsed.append(v)
        elif setting == "preset":
            from playground.core.config.presets import list_presets

            if v not in list_presets():
                raise ConfigError(f"Unknown preset '{v}'; choose from {', '.join(list_presets())}.")
            parsed.append(v)
        elif setting == "lr":
            parsed.append(float(_number(setting, v, float, 0.0, False)))
        elif setting == "batch_size":
            parsed.append(int(_number(setting, v, int, 1, True)))
        elif setting in ("l2", "dropout"):
            if isinstance(v, bool) or (isinstance(v, str) and v.lower() in ("on", "off", "true", "false", "yes", "no")):
                parsed.append(_on_off(setting, v))
            else:
                number = float(_number(setting, v, float, 0.0, True))
                if setting == "dropout" and number >= 1:
                    raise ConfigError(f"Dropout rates must be below 1, got {v!r}.")
                parsed.append(number)
        else:  # augmentation, batchnorm
            parsed.append(_on_off(setting, v))
    if len(set(map(repr, parsed))) != len(parsed):
        raise ConfigError(f"The values of '{setting}' repeat: {', '.join(map(str, values))}.")
    return parsed


# --------------------------------------------------------------------------- layer-stack edits


def _is_hidden_activation(layers: Sequence[LayerSpec], i: int) -> bool:
    """Whether layer i is an activation, or a Dense layer with its own, with a weighted layer
    after it (so not the output's)."""
    layer = layers[i]
    if ends_in_softmax(layer) or not _activates(layer):
        return False
    return any(l.type in ("Dense", "Conv2D") for l in layers[i + 1 :])


def _activates(layer: LayerSpec) -> bool:
    return layer.type == "Activation" or (layer.type == "Dense" and layer.get("activation") is not None)


def _previous_weighted(layers: Sequence[LayerSpec], i: int) -> str | None:
    """The weighted layer type whose outputs layer i's activation acts on (itself for a Dense
    layer with its own activation)."""
    if layers[i].type == "Dense":
        return "Dense"
    for layer in reversed(layers[:i]):
        if layer.type in ("Dense", "Conv2D"):
            return layer.type
    return None


def with_dropout(model: ModelSpec, rate: float) -> ModelSpec:
    """`model` with dropout at `rate`: 0 removes every Dropout layer; otherwise existing
    Dropout layers get the rate, or (if there are none) one goes after each hidden Dense
    layer's activation."""
    layers = list(model.layers)
    if rate == 0:
        return dataclasses.replace(model, layers=tuple(l for l in layers if l.type != "Dropout"))
    if any(l.type == "Dropout" for l in layers):
        return dataclasses.replace(
            model, layers=tuple(l.with_params(rate=rate) if l.type == "Dropout" else l for l in layers)
        )
    out: list[LayerSpec] = []
    for i, layer in enumerate(layers):
        out.append(layer)
        if _is_hidden_activation(layers, i) and _previous_weighted(layers, i) == "Dense":
            out.append(LayerSpec("Dropout", {"rate": rate}))
    if len(out) == len(layers):
        raise ConfigError("The model has no hidden Dense layer with an activation to put dropout after — add one.")
    return dataclasses.replace(model, layers=tuple(out))


def with_batchnorm(model: ModelSpec, on: bool) -> ModelSpec:
    """`model` without BatchNorm layers, or with one between each hidden Dense/Conv2D layer
    and its activation (kept as it is if it already has some)."""
    layers = list(model.layers)
    if not on:
        return dataclasses.replace(model, layers=tuple(l for l in layers if l.type != "BatchNorm"))
    if any(l.type == "BatchNorm" for l in layers):
        return model
    out: list[LayerSpec] = []
    for i, layer in enumerate(layers):
        if layer.type == "Dense" and _is_hidden_activation(layers, i):
            # Its activation is part of the layer: split it off, so that the batch norm goes
            # between the two as for the layer pair.
            activation = LayerSpec("Activation", {"function": layer.get("activation")})
            out += [layer.with_params(activation=None), LayerSpec("BatchNorm"), activation]
            continue
        if _is_hidden_activation(layers, i) and i > 0 and layers[i - 1].type in ("Dense", "Conv2D"):
            out.append(LayerSpec("BatchNorm"))
        out.append(layer)
    if len(out) == len(layers):
        raise ConfigError("The model has no hidden Dense or Conv2D layer followed by an activation to normalise — add one.")
    return dataclasses.replace(model, layers=tuple(out))


def _moved_positions(old: Sequence[LayerSpec], new: Sequence[LayerSpec]) -> dict[int, int]:
    """Old position -> new position of each layer that with_dropout / with_batchnorm kept:
    they only insert or only remove Dropout and BatchNorm layers (and the Activation split off a
    Dense layer with its own), keeping the rest in order."""
    inserting = len(new) > len(old)
    moved, i, k = {}, 0, 0
    while i < len(old) and k < len(new):
        if old[i].type == new[k].type:
            moved[i] = k
            i, k = i + 1, k + 1
        elif inserting:
            k += 1
        else:
            i += 1
    return moved


def _with_model(base: RunConfig, model: ModelSpec) -> RunConfig:
    """`base` with layers inserted or removed by with_dropout / with_batchnorm, its frozen
    layers and layer learning rates moved along with their layers (a removed layer's go)."""
    moved = _moved_positions(base.model.layers, model.layers)
    train = dataclasses.replace(
        base.train,
        frozen_layers=tuple(moved[i] for i in base.train.frozen_layers if i in moved),
        layer_lr={moved[i]: m for i, m in base.train.layer_lr.items() if i in moved},
    )
    return base.replace(model=model, train=train)


def set_output_units(model: ModelSpec, units: int) -> ModelSpec:
    """`model` with its last Dense layer resized to `units` (a lesson written for 10 classes
    run on a dataset with another number)."""
    layers = list(model.layers)
    last = max((i for i, l in enumerate(layers) if l.type == "Dense"), default=None)
    if last is None or layers[last].get("units") == units:
        return model
    layers[last] = layers[last].with_params(units=units)
    return dataclasses.replace(model, layers=tuple(layers))


# --------------------------------------------------------------------------- one variant


def variant_config(base: RunConfig, setting: str, value: Any) -> tuple[str, RunConfig]:
    """(name, config) of the variant of `base` whose `setting` takes `value` (as parse_values
    returns it)."""
    if setting == "optimizer":
        info = OPTIMIZERS[value]
        # Each optimizer at its own default learning rate: one lr for all would favour one.
        opt = base.optimizer if base.optimizer.name == value else OptimizerConfig(value, info.default_lr, {})
        return info.title, base.replace(optimizer=opt)
    if setting == "lr":
        return f"lr {value:g}", base.with_overrides(**{"optimizer.lr": value})
    if setting == "init":
        return _INIT_TITLES.get(value, value), base.replace(model=dataclasses.replace(base.model, init=value))
    if setting == "batch_size":
        return f"batch {value}", base.with_overrides(**{"train.batch_size": value, "train.batch_mode": "minibatch"})
    if setting == "l2":
        strength = (base.regularization.l2 or _DEFAULT_L2) if value is True else (0.0 if value is False else value)
        name = f"L2 {strength:g}" if strength else "no L2"
        return name, base.with_overrides(**{"regularization.l2": float(strength)})
    if setting == "dropout":
        existing = next((l.get("rate") for l in base.model.layers if l.type == "Dropout"), None)
        rate = (existing or _DEFAULT_DROPOUT) if value is True else (0.0 if value is False else value)
        name = f"dropout {rate:g}" if rate else "no dropout"
        return name, _with_model(base, with_dropout(base.model, float(rate)))
    if setting == "augmentation":
        augment = (base.data.augment if base.data.augment.enabled else _DEFAULT_AUGMENT) if value else AugmentConfig()
        name = "augmentation" if value else "no augmentation"
        return name, base.replace(data=dataclasses.replace(base.data, augment=augment))
    if setting == "batchnorm":
        name = "batch norm" if value else "no batch norm"
        return name, _with_model(base, with_batchnorm(base.model, value))
    if setting == "preset":
        from playground.core.config.presets import load_preset

        p = load_preset(value)
        # The preset's network and optimizer, on the base's data with its epochs and seed; the
        # base's frozen layers and layer learning rates named positions of another network.
        train = dataclasses.replace(base.train, frozen_layers=(), layer_lr={})
        cfg = base.replace(
            model=p.model, optimizer=p.optimizer, schedule=p.schedule, regularization=p.regularization, train=train,
            name=value,
        )
        return value, cfg
    raise ConfigError(f"Unknown setting to vary '{setting}'; choose one of {', '.join(SETTINGS)}.")  # pragma: no cover
