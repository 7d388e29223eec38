"""Presets (complete run configs shipped in resources/presets/*.json) and `load_run_config`,
which every command-line command uses to read the run config it is given: a preset's name
or the path of a run-config JSON file. Also what a config is called once it is no preset any
more (`run_name`), and which preset's training settings suit a kind of data
(`training_preset_for`)."""

from __future__ import annotations

import dataclasses
import importlib.resources
import os
from functools import cache
from pathlib import Path

from playground.core.config.features import features_label
from playground.core.config.model_spec import ModelSpec
from playground.core.config.spec import RunConfig
from playground.core.errors import ConfigError

__all__ = [
    "list_presets",
    "load_preset",
    "load_run_config",
    "resource_path",
    "run_config_file",
    "run_name",
    "same_settings",
    "training_preset_for",
]


def resource_path(*parts: str) -> Path:
    """A file or folder under resources/ (installed as the package playground.resources;
    in a source checkout that has not been installed, the folder beside playground/)."""
    try:
        base = Path(str(importlib.resources.files("playground.resources")))
    except ModuleNotFoundError:
        base = Path(__file__).resolve().parents[2] / "resources"
    return base.joinpath(*parts)


@cache
def list_presets() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in resource_path("presets").glob("*.json")))


def load_preset(name: str) -> RunConfig:
    if name not in list_presets():
        raise ConfigError(f"Unknown preset '{name}'. Available presets: {', '.join(list_presets())}.")
    path = resource_path("presets", f"{name}.json")
    try:
        return RunConfig.from_json(path.read_text(encoding="utf-8"))
    except ConfigError as e:
        raise ConfigError(f"Preset '{name}' ({path}) is invalid: {e}") from None


def run_config_file(name_or_path: str | os.PathLike) -> Path | None:
    """The JSON file `load_run_config(name_or_path)` reads, or None when it names a preset.

    A path object, an existing file or a name ending in .json is a file (a file wins over a
    preset of the same name); any other text names a preset — ConfigError when none has it."""
    if isinstance(name_or_path, os.PathLike):
        return Path(name_or_path)
    text = str(name_or_path)
    path = Path(text)
    if path.is_file() or path.suffix.lower() == ".json":
        return path
    if text in list_presets():
        return None
    raise ConfigError(
        f"'{text}' is neither a preset nor a config file — give a preset ({', '.join(list_presets())}) "
        "or the path of a run-config JSON."
    )


def load_run_config(name_or_path: str | os.PathLike, *, preset_only: bool = False) -> RunConfig:
    """The run config `name_or_path` names: a preset (see `list_presets`) or a run-config JSON
    file (see `run_config_file` for which is which). `preset_only` takes the text as a preset
    name whatever files exist (`playground train --preset NAME`).

    ConfigError with a message for the user when there is no such preset or file, the file
    cannot be read, or it is not a valid run config (the message then starts with the path)."""
    if preset_only:
        return load_preset(str(name_or_path))
    path = run_config_file(name_or_path)
    if path is None:
        return load_preset(str(name_or_path))
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"No config file at {path} — check the path.") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"Cannot read {path}: {e}") from None
    try:
        return RunConfig.from_json(text)
    except ConfigError as e:
        raise ConfigError(f"{path}: {e}") from None


# The preset whose training settings (optimizer, schedule, regularisation, epochs, batch) suit
# each kind of data (core.data.dataset.DatasetInfo.kind); images by the model's kind.
_TRAINING_PRESETS = {"toy": "xor-mlp", "image": "mlp", "image-conv": "cnn", "table": "tabular"}


def training_preset_for(kind: str, model: ModelSpec) -> str | None:
    """The preset to take training settings from when the data changes to `kind` ("toy",
    "image", "table"): for images "cnn" when `model` has convolutions, else "mlp"; None for a kind
    without one."""
    if kind == "image" and any(layer.type == "Conv2D" for layer in model.layers):
        kind = "image-conv"
    return _TRAINING_PRESETS.get(kind)


def _comparable(cfg: RunConfig) -> RunConfig:
    """`cfg` without what does not change what a run is: its name and description, the input
    shape (the dataset's, which a preset leaves out) and the device it runs on."""
    return cfg.replace(
        name="",
        description="",
        model=cfg.model.with_input_shape(()),
        train=dataclasses.replace(cfg.train, device="auto", amp=False),
    )


def same_settings(a: RunConfig, b: RunConfig) -> bool:
    """True when `a` and `b` train the same model on the same data in the same way: they differ
    at most in name, description, input shape (given by the dataset) and device."""
    return _comparable(a) == _comparable(b)


def _model_summary(model: ModelSpec) -> str:
    """The layers with weights, by size, e.g. "Conv2D 16-32, Dense 128-10"."""
    groups: list[tuple[str, list[str]]] = []
    for layer in model.layers:
        size = {"Dense": "units", "Conv2D": "filters"}.get(layer.type)
        if size is None:
            continue
        if not groups or groups[-1][0] != layer.type:
            groups.append((layer.type, []))
        groups[-1][1].append(str(layer.get(size)))
    return ", ".join(f"{kind} {'-'.join(sizes)}" for kind, sizes in groups) or "no weights"


def run_name(cfg: RunConfig) -> str:
    """What a run of `cfg` is, for a config that is no preset (or saved config) any more: the
    dataset and the model, e.g. "fashion-mnist: Dense 256-128-10" (with input features
    "spiral: x₁, x₂, sin x₁ → Dense 8-2")."""
    features = f"{features_label(cfg.model.features)} → " if cfg.model.features else ""
    return f"{cfg.data.name}: {features}{_model_summary(cfg.model)}"
