"""Presets: complete run configs shipped in resources/presets/*.json."""

from __future__ import annotations

import importlib.resources
from functools import cache
from pathlib import Path

from playground.core.config.spec import ConfigError, RunConfig

__all__ = ["list_presets", "load_preset", "resource_path"]


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
