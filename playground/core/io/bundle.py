"""Files: the model bundle (training checkpoints: core.checkpoint).

A bundle is one .safetensors file: the weights as tensors, and in its metadata the run
config (which holds the model spec), the task and class names. Loading it never unpickles
anything, so opening a bundle someone sent you cannot run their code.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import torch

from playground.core.errors import PlaygroundError
from playground.core.io.atomic import atomic_path
from playground.core.config.spec import ConfigError, RunConfig

if TYPE_CHECKING:
    from playground.core.model.build import Network
    from playground.core.training.loop import FitResult

__all__ = ["Bundle", "FileError", "MAX_WEIGHTS_BYTES", "check_writable", "load_bundle", "read_zip_weights", "save_bundle"]

BUNDLE_FORMAT = "neural-playground-bundle/1"
# Weights inside a zip (bundles, projects) beyond this are refused before they are unpacked:
# a damaged or hostile file could otherwise declare any size and fill the memory.
MAX_WEIGHTS_BYTES = 4 * 2**30


class FileError(PlaygroundError):
    """A file cannot be read or written; the message says which and why."""


def read_zip_weights(zf, name: str, archive: str | os.PathLike) -> dict[str, torch.Tensor]:
    """The safetensors member `name` of the open zip `zf` (of the file `archive`), refused
    with a FileError when it would unpack to more than MAX_WEIGHTS_BYTES. Raises KeyError
    when there is no such member and safetensors' error when it is damaged, as zf.read would."""
    from safetensors.torch import load as load_tensors

    info = zf.getinfo(name)
    if info.file_size > MAX_WEIGHTS_BYTES:
        raise FileError(
            f"{Path(archive).name} is damaged or not one of ours: its weights {name} would take "
            f"{info.file_size / 2**30:.1f} GB, more than the {MAX_WEIGHTS_BYTES / 2**30:.0f} GB this app opens."
        )
    return load_tensors(zf.read(info))


def check_writable(path: str | os.PathLike) -> Path:
    """Fail early (before a long training run) if `path` cannot be written."""
    path = Path(path)
    parent = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise FileError(f"{path} is a folder — give a file name such as {path / 'model.safetensors'}.")
    if not parent.is_dir():
        raise FileError(f"The folder {parent} does not exist — create it first or choose another path.")
    if not os.access(parent, os.W_OK):
        raise FileError(f"The folder {parent} is not writable — choose another path.")
    return path


@dataclass
class Bundle:
    config: RunConfig
    state_dict: dict[str, torch.Tensor]
    task: str
    class_names: list[str] | None
    metrics: dict[str, Any]

    def build_model(self) -> "Network":
        from playground.core.model.build import build_model

        model = build_model(self.config.model)
        try:
            model.load_state_dict(self.state_dict)
        except RuntimeError as e:
            raise FileError(f"The bundle's weights do not match its model spec ({e}).") from None
        return model.eval()


def save_bundle(path: str | os.PathLike, result: "FitResult") -> Path:
    from safetensors.torch import save_file

    metrics = {k: v for k, v in result.summary().items() if k != "history"}
    metadata = {
        "format": BUNDLE_FORMAT,
        "config": result.config.to_json(indent=None),
        "task": result.task,
        "class_names": json.dumps(result.class_names),
        "metrics": json.dumps(metrics),
    }
    tensors = {k: v.contiguous() for k, v in result.state_dict.items()}
    with atomic_path(check_writable(path)) as tmp:
        save_file(tensors, str(tmp), metadata=metadata)
    return Path(path)


def load_bundle(path: str | os.PathLike) -> Bundle:
    from safetensors import SafetensorError
    from safetensors.torch import load_file, safe_open

    path = Path(path)
    if not path.is_file():
        raise FileError(f"No model file at {path} — check the path.")
    try:
        with safe_open(str(path), framework="pt") as f:
            metadata = f.metadata() or {}
        state = load_file(str(path))
    except (SafetensorError, OSError, ValueError) as e:
        raise FileError(f"{path} is not a readable model bundle ({e}) — was it saved by Neural Network Playground?") from None
    if metadata.get("format") != BUNDLE_FORMAT:
        raise FileError(f"{path} is a safetensors file but not a Neural Network Playground bundle (no model spec inside).")
    try:
        config = RunConfig.from_json(metadata["config"])
        class_names = json.loads(metadata.get("class_names", "null"))
        metrics = json.loads(metadata.get("metrics", "{}"))
    except (ConfigError, KeyError, json.JSONDecodeError) as e:
        raise FileError(f"{path} has a damaged model description: {e}") from None
    return Bundle(config, state, metadata.get("task", "classification"), class_names, metrics)
