"""Project files: everything a learner is working on, in one file they choose.

A project is a zip archive (extension .nnp) holding
  project.json                  the current run config, the list of runs (config, summary
                                with per-epoch history, label, time) and "sha256": the
                                SHA-256 of each weights file below, by name
  weights/<run id>.safetensors  each run's trained weights, if it has any
  weights/start.safetensors     the trained weights the next run starts from (transfer
                                learning; project.json's "start" says what they are).
                                Files without it start from random weights.

Nothing in it is unpickled: JSON and safetensors only, so opening a project someone sent
you cannot run their code. Opening refuses weights that no longer match their recorded
SHA-256 (damaged or edited; files written before checksums were recorded have none and
still open) and parts whose declared sizes are beyond what they can hold, before unpacking
them (core.io.bundle's readers). Saving is atomic: a crash mid-save leaves the old file intact.
Saving over a project first keeps the version it replaces beside it, as <name>.backup.nnp
(`backup_path`), so a file damaged later (a copy or download cut short, a full disk, a sync
gone wrong) still has its previous version to open; opening a damaged file says so and
names that backup (`DamagedProjectError`).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from playground.core.config.jsonload import load_json
from playground.core.config.spec import RunConfig
from playground.core.errors import ConfigError, first_line
from playground.core.io.atomic import write_files
from playground.core.io.bundle import (
    FileError,
    cannot_read,
    cannot_write,
    check_class_names,
    check_writable,
    check_zip_members,
    read_member,
    read_zip_weights,
    recorded_checksums,
)
from playground.core.model.trained import TrainedModel, summary_task

__all__ = ["PROJECT_SUFFIX", "DamagedProjectError", "Project", "backup_path", "load_project", "save_project"]

PROJECT_FORMAT = "neural-playground-project/1"
PROJECT_SUFFIX = ".nnp"
_MAX_JSON_BYTES = 64 * 2**20  # a project.json beyond this is not one of ours
_START_WEIGHTS = "weights/start.safetensors"
_ZIP_START = b"PK\x03\x04"  # how every zip archive, and so every project, begins
_BACKUP = ".backup"


def backup_path(path: str | os.PathLike) -> Path:
    """Where saving over the project at `path` keeps the version it replaces: proj.backup.nnp."""
    path = Path(path)
    return path.with_name(f"{path.stem}{_BACKUP}{path.suffix}")


class DamagedProjectError(FileError):
    """A project file that is ours but cannot be read: `reason` is "incomplete" (the file was
    cut short: its end, where a zip archive lists its contents, is missing) or "corrupt" (its
    contents do not unpack). `size` is the file's length in bytes; `backup` the previous
    version kept beside it, if there is one. The message names the file and what to do."""

    def __init__(self, path: Path, reason: str, backup: Path | None):
        self.path, self.reason, self.backup = path, reason, backup
        try:
            self.size = path.stat().st_size
        except OSError:
            self.size = 0
        what = (
            f"the file is incomplete (it ends after {self.size:,} bytes), as when a copy, a download or a save "
            "to a full disk is cut short"
            if reason == "incomplete"
            else "parts of it no longer unpack, as when a copy or a disk goes wrong"
        )
        if backup is not None:
            fix = f"Open its backup, the version saved before it: {backup}."
        else:
            fix = "Open an earlier copy of it if you have one (a backup, or the file you copied it from)."
        super().__init__(f"{path} is damaged: {what}. It has not been changed. {fix}")

    def __reduce__(self):  # its own constructor (the window says it in its own words: project_files.py)
        return type(self), (self.path, self.reason, self.backup)


def _unreadable(path: Path) -> FileError:
    """The error for a file zipfile cannot read: a project of ours that is damaged, or some
    other kind of file."""
    try:
        with open(path, "rb") as f:
            ours = f.read(len(_ZIP_START)) == _ZIP_START
    except OSError as e:
        return cannot_read(path, e)
    if not ours:
        return FileError(
            f"{path} is not a Neural Network Playground project (not a zip archive) — open a .nnp file saved by the app.",
            "not_a_project",
            {"path": str(path)},
        )
    backup = backup_path(path)
    reason = "corrupt" if zipfile.is_zipfile(path) else "incomplete"
    return DamagedProjectError(path, reason, backup if backup.is_file() and backup != path else None)


@dataclass
class Project:
    config: RunConfig
    # Each finished (or stopped) training run: a TrainedModel with its `id` and `label`
    # (`TrainedModel.as_run`); `state_dict` None when the run kept no weights.
    runs: list[TrainedModel] = field(default_factory=list)
    start: TrainedModel | None = None  # trained weights the next run starts from; None: random

    def run(self, run_id: str) -> TrainedModel | None:
        return next((r for r in self.runs if r.id == run_id), None)


def _start_entry(start: TrainedModel) -> dict[str, Any]:
    """What project.json keeps about the starting weights beside their tensors."""
    return {
        "label": start.label,
        "kind": start.kind,
        "source": start.id if start.kind == "run" else start.path,  # the run id or the file path
        "config": start.config.to_dict(),
        "class_names": start.class_names,
    }


def _start_from_entry(entry: Mapping[str, Any], state_dict, path: Path) -> TrainedModel:
    if entry.get("config") is None:
        raise FileError(
            f"{path} is damaged: it does not say which model its starting weights belong to.", "start_without_model", {"path": str(path)}
        )
    kind, source, names = str(entry.get("kind", "file")), str(entry.get("source", "")), entry.get("class_names")
    return TrainedModel(
        RunConfig.from_dict(entry["config"]),
        state_dict,
        class_names=None if names is None else [str(n) for n in names],
        label=str(entry.get("label", "")),
        kind=kind,
        id=source if kind == "run" else "",
        path="" if kind == "run" else source,
    )


def save_project(path: str | os.PathLike, project: Project, keep_backup: bool = True) -> Path:
    """Write `project` to `path` atomically; with `keep_backup`, a project already there (an
    intact one) is first copied to `backup_path(path)`, replacing an older backup."""
    path = check_writable(path)
    old = None
    if keep_backup and not path.stem.endswith(_BACKUP) and path.is_file() and zipfile.is_zipfile(path):
        try:  # a damaged file never replaces a good backup
            old = path.read_bytes()
        except OSError as e:
            raise cannot_read(path, e) from None
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
                "has_weights": r.has_weights,
            }
            for r in project.runs
        ],
    }
    if project.start is not None:
        manifest["start"] = _start_entry(project.start)
    try:
        files = [(path, _project_bytes(project, manifest))]
    except OSError as e:
        raise cannot_write(path, e) from None
    if old is not None:
        files.append((backup_path(path), old))
    write_files(files)  # both or neither; a full disk or a folder that refuses them: WriteError, nothing changed
    return path


def _project_bytes(project: Project, manifest: dict) -> bytes:
    """The project file, made in memory (core.io.atomic writes it)."""
    from safetensors.torch import save as save_tensors

    checksums: dict[str, str] = {}  # of each weights file, checked on open
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for r in project.runs:
            if r.state_dict is not None:
                tensors = {k: v.contiguous() for k, v in r.state_dict.items()}
                data = save_tensors(tensors)
                checksums[f"weights/{r.id}.safetensors"] = hashlib.sha256(data).hexdigest()
                zf.writestr(f"weights/{r.id}.safetensors", data)
        if project.start is not None:
            tensors = {k: v.detach().cpu().contiguous() for k, v in project.start.state_dict.items()}
            data = save_tensors(tensors)
            checksums[_START_WEIGHTS] = hashlib.sha256(data).hexdigest()
            zf.writestr(_START_WEIGHTS, data)
        # Last, as it records the weights' checksums (readers find members by name, in any order).
        manifest = {**manifest, "sha256": checksums}
        zf.writestr("project.json", json.dumps(manifest, indent=2, ensure_ascii=False))
    return buffer.getvalue()


def _check_weights_fit(model: TrainedModel, path: Path, what: str) -> None:
    """Refuse weights that do not fit their model's spec now (a project.json whose layer sizes
    were edited), rather than with torch's error when the run is first used."""
    try:
        model.build_model()
    except RuntimeError as e:
        reason = f"the weights of {what} do not fit its model: {first_line(e, 200)}"
        raise FileError(f"{path} is damaged and cannot be opened ({reason}).", "damaged", {"path": str(path), "reason": reason}) from None


def load_project(path: str | os.PathLike) -> Project:
    from safetensors import SafetensorError

    path = Path(path)
    if not path.is_file():
        raise FileError(f"No project file at {path} — check the path.", "no_project_file", {"path": str(path)})
    try:
        with zipfile.ZipFile(path) as zf:
            check_zip_members(zf, path)
            if "project.json" not in zf.namelist():
                raise FileError(
                    f"{path} is damaged: project.json is missing — was it saved by Neural Network Playground?",
                    "no_project_json",
                    {"path": str(path)},
                )
            info = zf.getinfo("project.json")
            if info.file_size > _MAX_JSON_BYTES:
                raise FileError(
                    f"{path} is not a Neural Network Playground project (its project.json is too large).",
                    "project_json_too_large",
                    {"path": str(path)},
                )
            try:
                manifest = load_json(read_member(zf, info, path), "its project.json", max_bytes=_MAX_JSON_BYTES, error=FileError)
            except FileError as e:
                raise FileError(f"{path} is damaged and cannot be opened ({e}).", "damaged", {"path": str(path), "reason": str(e)}) from None
            if not isinstance(manifest, dict) or manifest.get("format") != PROJECT_FORMAT:
                raise FileError(
                    f"{path} is not a Neural Network Playground project (or was written by a newer version).",
                    "not_a_project_or_newer",
                    {"path": str(path)},
                )
            checksums = recorded_checksums(manifest, path)
            config = RunConfig.from_dict(manifest["config"])
            runs = []
            for entry in manifest.get("runs", []):
                run_id = str(entry["id"])
                run_config = RunConfig.from_dict(entry["config"])  # first: it bounds the weights' size
                state = None
                if entry.get("has_weights"):
                    state = read_zip_weights(zf, f"weights/{run_id}.safetensors", path, run_config, checksums)
                summary = dict(entry.get("summary", {}))
                task, class_names = summary_task(summary)
                if state is not None:  # a run with weights predicts: its names must fit its outputs
                    check_class_names(run_config, task, summary.get("class_names"), f"{path.name} (run {run_id})", FileError)
                run = TrainedModel(
                    run_config,
                    state,
                    task,
                    class_names,
                    summary,
                    label=str(entry.get("label", run_id)),
                    kind="run",
                    id=run_id,
                    created=str(entry.get("created", "")),
                )
                if state is not None:
                    _check_weights_fit(run, path, f"run {run_id}")
                runs.append(run)
            start = None
            if isinstance(manifest.get("start"), dict):
                entry = manifest["start"]
                start_config = RunConfig.from_dict(entry["config"]) if entry.get("config") is not None else None
                weights = read_zip_weights(zf, _START_WEIGHTS, path, start_config, checksums)
                start = _start_from_entry(entry, weights, path)
                if start_config is not None and weights is not None:
                    _check_weights_fit(start, path, "the starting model")
    except FileError:
        raise
    except (zipfile.BadZipFile, NotImplementedError, zlib.error, EOFError):
        raise _unreadable(path) from None
    except KeyError as e:
        raise FileError(
            f"{path} is damaged: a part of it is missing ({e.args[0]}).", "part_missing", {"path": str(path), "part": str(e.args[0])}
        ) from None
    except (ConfigError, json.JSONDecodeError, UnicodeDecodeError, SafetensorError, TypeError, ValueError) as e:
        raise FileError(
            f"{path} is damaged and cannot be opened ({e}).", "damaged", {"path": str(path), "reason": str(e)}
        ) from None
    except OSError as e:
        raise cannot_read(path, e) from None
    return Project(config, runs, start)
