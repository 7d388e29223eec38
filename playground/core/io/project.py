"""Project files: everything a learner is working on, in one file they choose.

A project is a zip archive (extension .nnp) holding
  project.json                  the current run config and the list of runs (config,
                                summary with per-epoch history, label, time)
  weights/<run id>.safetensors  each run's trained weights, if it has any
  weights/start.safetensors     the trained weights the next run starts from (transfer
                                learning; project.json's "start" says what they are).
                                Files without it start from random weights.

Nothing in it is unpickled: JSON and safetensors only, so opening a project someone sent
you cannot run their code. Saving is atomic: a crash mid-save leaves the old file intact.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import torch

from playground.core.io.atomic import atomic_path
from playground.core.io.bundle import FileError, check_writable, read_zip_weights
from playground.core.config.spec import ConfigError, RunConfig

if TYPE_CHECKING:
    from playground.core.training.loop import EpochLogs, FitResult
    from playground.core.experiments.transfer import StartWeights

__all__ = ["PROJECT_SUFFIX", "Project", "RunRecord", "load_project", "save_project"]

PROJECT_FORMAT = "neural-playground-project/1"
PROJECT_SUFFIX = ".nnp"
_MAX_JSON_BYTES = 64 * 2**20  # a project.json beyond this is not one of ours
_START_WEIGHTS = "weights/start.safetensors"


@dataclass
class RunRecord:
    """One finished (or stopped) training run of the project."""

    id: str
    label: str
    created: str  # ISO 8601, UTC
    config: RunConfig
    summary: dict[str, Any]  # FitResult.summary(): status, metrics, per-epoch history
    state_dict: dict[str, torch.Tensor] | None = field(default=None, repr=False)

    @classmethod
    def from_result(cls, result: "FitResult", label: str = "") -> "RunRecord":
        run_id = uuid.uuid4().hex[:12]
        return cls(
            id=run_id,
            label=label or f"{result.config.name or 'run'} {run_id[:4]}",
            created=_dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
            config=result.config,
            summary=result.summary(),
            state_dict={k: v.detach().cpu().contiguous() for k, v in result.state_dict.items()},
        )

    def history(self) -> list["EpochLogs"]:
        from playground.core.training.loop import EpochLogs

        return [EpochLogs(**h) for h in self.summary.get("history", [])]

    def build_model(self):
        """The trained network (CPU, eval mode), or None if this run kept no weights."""
        if self.state_dict is None:
            return None
        from playground.core.model.build import build_model

        model = build_model(self.config.model)
        model.load_state_dict(self.state_dict)
        return model.eval()

    def predictor(self):
        """A `Predictor` for this run's trained model, or None if it kept no weights."""
        model = self.build_model()
        if model is None:
            return None
        from playground.core.inference.predictor import ModelPredictor

        task = self.summary.get("task", "classification")
        return ModelPredictor.from_network(model, task, self.summary.get("class_names"), self.label)


@dataclass
class Project:
    config: RunConfig
    runs: list[RunRecord] = field(default_factory=list)
    start: "StartWeights | None" = None  # trained weights the next run starts from; None: random

    def run(self, run_id: str) -> RunRecord | None:
        return next((r for r in self.runs if r.id == run_id), None)


def save_project(path: str | os.PathLike, project: Project) -> Path:
    from safetensors.torch import save as save_tensors

    path = check_writable(path)
    manifest = {
        "format": PROJECT_FORMAT,
        "config": project.config.to_dict(),
        "runs": [
            {
                "id": r.id,
                "label": r.label,
                "created": r.created,
                "config": r.config.to_dict(),
                "summary": r.summary,
                "has_weights": r.state_dict is not None,
            }
            for r in project.runs
        ],
    }
    if project.start is not None:
        manifest["start"] = project.start.to_manifest()
    with atomic_path(path) as tmp:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("project.json", json.dumps(manifest, indent=2, ensure_ascii=False))
            for r in project.runs:
                if r.state_dict is not None:
                    tensors = {k: v.contiguous() for k, v in r.state_dict.items()}
                    zf.writestr(f"weights/{r.id}.safetensors", save_tensors(tensors))
            if project.start is not None:
                tensors = {k: v.detach().cpu().contiguous() for k, v in project.start.state_dict.items()}
                zf.writestr(_START_WEIGHTS, save_tensors(tensors))
    return path


def load_project(path: str | os.PathLike) -> Project:
    from safetensors import SafetensorError

    path = Path(path)
    if not path.is_file():
        raise FileError(f"No project file at {path} — check the path.")
    try:
        with zipfile.ZipFile(path) as zf:
            if "project.json" not in zf.namelist():
                raise FileError(f"{path} is damaged: project.json is missing — was it saved by Neural Network Playground?")
            info = zf.getinfo("project.json")
            if info.file_size > _MAX_JSON_BYTES:
                raise FileError(f"{path} is not a Neural Network Playground project (its project.json is too large).")
            manifest = json.loads(zf.read(info).decode("utf-8"))
            if not isinstance(manifest, dict) or manifest.get("format") != PROJECT_FORMAT:
                raise FileError(
                    f"{path} is not a Neural Network Playground project (or was written by a newer version)."
                )
            config = RunConfig.from_dict(manifest["config"])
            runs = []
            for entry in manifest.get("runs", []):
                run_id = str(entry["id"])
                state = None
                if entry.get("has_weights"):
                    state = read_zip_weights(zf, f"weights/{run_id}.safetensors", path)
                runs.append(
                    RunRecord(
                        id=run_id,
                        label=str(entry.get("label", run_id)),
                        created=str(entry.get("created", "")),
                        config=RunConfig.from_dict(entry["config"]),
                        summary=dict(entry.get("summary", {})),
                        state_dict=state,
                    )
                )
            start = None
            if isinstance(manifest.get("start"), dict):
                from playground.core.experiments.transfer import StartWeights

                start = StartWeights.from_manifest(manifest["start"], read_zip_weights(zf, _START_WEIGHTS, path))
    except FileError:
        raise
    except zipfile.BadZipFile:
        raise FileError(f"{path} is not a project file (not a zip archive) — open a .nnp file saved by the app.") from None
    except KeyError as e:
        raise FileError(f"{path} is damaged: a part of it is missing ({e.args[0]}).") from None
    except (ConfigError, json.JSONDecodeError, UnicodeDecodeError, SafetensorError, TypeError, ValueError) as e:
        raise FileError(f"{path} is damaged and cannot be opened ({e}).") from None
    except OSError as e:
        raise FileError(f"Cannot read {path}: {e.strerror or e}.") from None
    return Project(config, runs, start)
