"""Crash-safe training: a checkpoint every epoch, a registry of interrupted runs, resuming.

A run that checkpoints owns a folder (a *run folder*):

    last.pt        everything needed to continue after the last finished epoch
    best.pt        the best weights so far, with their epoch and metrics
    run.json       a few lines about the run for listings (name, epoch, epochs, when)
    complete.json  written when the run ends (completed, stopped or diverged)

Every file is written atomically (temporary file beside it, fsync, rename), so a crash, a
kill or a full disk mid-write leaves the previous checkpoint whole: at most one epoch is
lost. A folder with `last.pt` and no `complete.json` is an *interrupted* run, offered for
resuming by `playground train --resume` and by the window at its next launch.

The registry is the `runs` folder of the per-user data folder (`$PLAYGROUND_RUNS_DIR`
overrides it, e.g. for tests). Runs there delete themselves when they end: their result
lives on in the project or the saved model. A folder the user chose keeps its files and
gets the completion marker instead.

Checkpoints hold only tensors, numbers, strings, lists and dicts and are always read with
`torch.load(weights_only=True)`: a checkpoint file somebody replaced cannot run code.
"""

from __future__ import annotations

import json
import os
import pickle
import random
import re
import secrets
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import platformdirs
import torch

from playground.core.errors import ConfigError, PlaygroundError
from playground.core.io.atomic import WriteError, write_bytes, write_files
from playground.core.io.torchfile import TORCH_LOAD_ERRORS, inflated_size_problem, torch_bytes
from playground.core.config.jsonload import load_json
from playground.core.config.spec import RunConfig
from playground.core.training.callbacks import Callback, EpochLogs, FitState

__all__ = [
    "CHECKPOINT_FORMAT",
    "Checkpoint",
    "CheckpointError",
    "Resume",
    "RunInfo",
    "discard_run",
    "find_checkpoint",
    "is_interrupted",
    "list_interrupted_runs",
    "load_checkpoint",
    "new_run_dir",
    "runs_dir",
]

CHECKPOINT_FORMAT = "neural-playground-checkpoint/2"
BEST_FORMAT = "neural-playground-best/1"
RUNS_DIR_ENV = "PLAYGROUND_RUNS_DIR"
LAST, BEST, INFO, COMPLETE = "last.pt", "best.pt", "run.json", "complete.json"
_OUR_FILES = (LAST, BEST, INFO, COMPLETE)
_FINGERPRINT_SAMPLES = 65536  # input values hashed to recognise the dataset (plus all labels)


class CheckpointError(PlaygroundError):
    """A checkpoint cannot be written, found or resumed; the message says why and what to do."""


def _app_version() -> str:
    from playground import __version__

    return __version__


def runs_dir() -> Path:
    """The registry of checkpointed runs: $PLAYGROUND_RUNS_DIR, else the `runs` folder of the
    per-user data folder (e.g. ~/.local/share/neural-playground/runs)."""
    root = os.environ.get(RUNS_DIR_ENV)
    return Path(root) if root else Path(platformdirs.user_data_dir("neural-playground")) / "runs"


def new_run_dir(config: RunConfig, root: str | os.PathLike | None = None) -> Path:
    """A fresh, not yet created run folder in the registry (or `root`), named after the time
    and the config so a listing reads well."""
    root = Path(root) if root is not None else runs_dir()
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", config.name or config.data.name).strip("-")[:40] or "run"
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return root / f"{stamp}-{slug}-{secrets.token_hex(3)}"


def is_interrupted(run_dir: str | os.PathLike) -> bool:
    run_dir = Path(run_dir)
    return (run_dir / LAST).is_file() and not (run_dir / COMPLETE).exists()


# --------------------------------------------------------------------------- writing


def dataset_identity(dataset) -> dict[str, Any]:
    """Sizes, shapes, classes and a fingerprint (a hash of all labels and an even sample of
    the inputs): enough to notice that a resumed run would train on other data."""
    import hashlib

    x = dataset.x_train.reshape(-1)
    stride = max(1, len(x) // _FINGERPRINT_SAMPLES)
    digest = hashlib.sha256()
    for tensor in (x[::stride], dataset.y_train, dataset.y_test):
        digest.update(np.ascontiguousarray(tensor.detach().cpu().numpy()).tobytes())
    return {
        "name": dataset.name,
        "task": dataset.task,
        "n_train": len(dataset.x_train),
        "n_test": len(dataset.x_test),
        "input_shape": list(dataset.input_shape),
        "class_names": list(dataset.class_names) if dataset.class_names is not None else None,
        "fingerprint": digest.hexdigest(),
    }


def _rng_states(state: FitState) -> dict[str, Any]:
    np_state = np.random.get_state()
    states: dict[str, Any] = {
        "torch": torch.get_rng_state(),
        "python": random.getstate(),
        "numpy": [np_state[0], torch.from_numpy(np_state[1].astype(np.int64)), *map(_plain, np_state[2:])],
        "generators": {
            name: {"device": g.device.type, "state": g.get_state()} for name, g in state.generators.items() if g is not None
        },
    }
    if state.device.type == "cuda":
        states["cuda"] = torch.cuda.get_rng_state(state.device)
    return states


def _plain(value: Any) -> Any:
    """numpy scalars as Python numbers (the weights-only loader knows only plain types)."""
    return value.item() if isinstance(value, np.generic) else value


def _cpu(tree: Any) -> Any:
    if isinstance(tree, torch.Tensor):
        return tree.detach().cpu()
    if isinstance(tree, dict):
        return {k: _cpu(v) for k, v in tree.items()}
    if isinstance(tree, (list, tuple)):
        return type(tree)(_cpu(v) for v in tree)
    return tree


class Checkpoint(Callback):
    """Training callback: after every epoch, write `last.pt` (and `best.pt` when the epoch is
    the best so far) into `run_dir`, atomically.

    `remove_when_done` deletes the folder's files when the run ends (the registry's runs);
    otherwise `complete.json` marks it finished. `resuming` says the folder's interrupted run
    is the one being continued; a fresh run refuses a folder holding an interrupted run, so
    that starting again by mistake cannot overwrite it. A write that fails (disk full, folder
    gone) is reported once through `on_error` and checkpointing stops; training goes on.

    Writes keep to `max_share` of the run's time: when epochs take less than about 20 times
    a write (toy sets: 20 ms epochs, 50 ms writes with their fsyncs), an epoch's checkpoint is
    skipped until that much time has passed, so a crash loses at most one epoch or a second
    or so of training, whichever is more. The last epoch is always written.
    """

    def __init__(
        self,
        run_dir: str | os.PathLike,
        *,
        every: int = 1,
        max_share: float = 0.05,
        remove_when_done: bool = False,
        resuming: bool = False,
        on_error: Callable[[str], None] | None = None,
    ):
        self.run_dir = Path(run_dir)
        self.every = max(1, int(every))
        self.max_share = max_share
        self._next_write = -float("inf")
        self._best_written = 0
        self.remove_when_done = remove_when_done
        self.on_error = on_error
        self.error: str | None = None
        self.write_seconds: list[float] = []  # per checkpoint written (benchmarks read it)
        if self.run_dir.exists() and not self.run_dir.is_dir():
            raise CheckpointError(f"{self.run_dir} is a file — give a folder for the checkpoints.")
        if not resuming and is_interrupted(self.run_dir):
            raise CheckpointError(
                f"{self.run_dir} holds an interrupted run — continue it with 'playground train --resume {self.run_dir}', "
                "or choose another checkpoint folder."
            )
        # The folder itself is made at the first checkpoint, so a run that fails before its
        # first epoch leaves nothing behind; here only check that it could be.
        existing = next(p for p in (self.run_dir, *self.run_dir.parents) if p.exists())
        if not existing.is_dir() or not os.access(existing, os.W_OK):
            raise CheckpointError(f"Cannot create the checkpoint folder {self.run_dir}: {existing} is not a writable folder — choose another.")
        if not resuming:
            (self.run_dir / COMPLETE).unlink(missing_ok=True)  # a finished run's folder, reused
        self._identity: dict[str, Any] | None = None

    def on_fit_start(self, state: FitState) -> None:
        self._identity = dataset_identity(state.dataset) if state.dataset is not None else None

    def on_epoch_end(self, state: FitState, logs: EpochLogs) -> None:
        if self.error is not None:
            return
        final = logs.epoch == state.epochs or state.stop_training
        began = time.perf_counter()
        if not final and (logs.epoch % self.every or began < self._next_write):
            return
        try:
            self._write(state, logs)
        except (OSError, RuntimeError, WriteError) as e:  # WriteError: a full disk, a folder that refuses the files
            self.error = f"Could not write a checkpoint to {self.run_dir} ({e}); training goes on without checkpoints."
            if self.on_error is not None:
                self.on_error(self.error)
            return
        ended = time.perf_counter()
        self.write_seconds.append(ended - began)
        self._next_write = ended + (ended - began) / self.max_share

    def on_fit_end(self, state: FitState, result: Any) -> None:  # a FitResult (core.training.loop)
        try:
            if self.remove_when_done:
                discard_run(self.run_dir)
            elif (self.run_dir / LAST).exists():
                summary = {k: v for k, v in result.summary().items() if k != "history"}
                _write_json(self.run_dir / COMPLETE, {"finished_at": time.time(), **summary})
        except (OSError, WriteError) as e:
            if self.on_error is not None:
                self.on_error(f"Could not mark the run in {self.run_dir} as finished ({e}).")

    def _write(self, state: FitState, logs: EpochLogs) -> None:
        config_json = state.config.to_json(indent=None)
        best = None
        if state.best_state is not None:
            best = {
                "epoch": state.best_epoch,
                "score": state.best_score,
                "val_loss": state.best_val_loss,
                "val_accuracy": state.best_val_accuracy,
                "model": _cpu(state.best_state),
            }
        # Written together (core.io.atomic.write_files): on a full disk every old file stays as it was.
        files: list[tuple[Path, bytes]] = []
        if best is not None and state.best_epoch != self._best_written:  # a new best since the last write
            best_file = {"format": BEST_FORMAT, "app_version": _app_version(), "config": config_json, **best}
            files.append((self.run_dir / BEST, torch_bytes(best_file)))
        payload = {
            "format": CHECKPOINT_FORMAT,
            "app_version": _app_version(),
            "saved_at": time.time(),
            "epoch": logs.epoch,
            "epochs": state.epochs,
            "config": config_json,
            "dataset": self._identity,
            "model": _cpu(state.model.state_dict()),
            "optimizer": _cpu(state.optimizer.state_dict()),
            "schedule": state.schedule.state_dict() if state.schedule is not None else {},
            "rng": _rng_states(state),
            "history": [h.to_dict() for h in state.history],
            "best": best,
            "early_stopping": state.early_stopping.state_dict() if state.early_stopping is not None else None,
            "stop": {"training": state.stop_training, "reason": state.stop_reason},
            "progress": {
                "train_time": state.train_time, "samples_seen": state.samples_seen, "elapsed": state.elapsed,
                "initial_loss": state.initial_loss,  # DivergenceGuard's reference: the untrained model's loss
            },
        }
        files.append((self.run_dir / LAST, torch_bytes(payload)))
        info = {
            "config_name": state.config.name,
            "dataset": state.dataset_name,
            "epoch": logs.epoch,
            "epochs": state.epochs,
            "updated": payload["saved_at"],
            "app_version": payload["app_version"],
            "pid": os.getpid(),  # so that a run still training is not offered for resuming
            "host": socket.gethostname(),
        }
        files.append((self.run_dir / INFO, _json_bytes(info)))
        self.run_dir.mkdir(parents=True, exist_ok=True)
        write_files(files)
        if best is not None:
            self._best_written = state.best_epoch


def _json_bytes(data: dict) -> bytes:
    return (json.dumps(data, indent=2) + "\n").encode("utf-8")


def _write_json(path: Path, data: dict) -> None:
    write_bytes(path, _json_bytes(data))


# --------------------------------------------------------------------------- reading


def _safe_load(path: Path) -> Any:
    """torch.load with weights_only=True: plain data and tensors only, never code."""
    problem = path.is_file() and inflated_size_problem(path)
    if problem:
        raise CheckpointError(f"The checkpoint {path} was refused unopened: {problem}. Discard it.")
    try:
        return torch.load(path, map_location="cpu", weights_only=True)
    except FileNotFoundError:
        raise CheckpointError(f"No checkpoint at {path} — check the path.") from None
    except pickle.UnpicklingError:
        raise CheckpointError(
            f"{path} is not a checkpoint this app wrote: it contains objects other than weights and numbers, "
            "and loading it could run foreign code, so it was refused. Discard it."
        ) from None
    except TORCH_LOAD_ERRORS as e:
        raise CheckpointError(f"The checkpoint {path} is damaged or unreadable ({e}). Discard it.") from None


def _same_value(recorded: Any, now: Any) -> bool:
    """Whether a recorded dataset fact equals today's; a value that cannot be compared (a
    tensor where a size was, in a damaged checkpoint) is not the same."""
    try:
        return bool(recorded == now)
    except (RuntimeError, TypeError, ValueError):
        return False


@dataclass(frozen=True)
class Resume:
    """A loaded `last.pt`: what `fit(config, ..., resume=...)` continues from. Pass
    `resume.config` as the config (the run's own settings)."""

    path: Path
    config: RunConfig
    epoch: int  # the last finished epoch
    epochs: int
    payload: dict[str, Any] = field(repr=False)

    @property
    def run_dir(self) -> Path:
        return self.path.parent

    def history(self) -> list[EpochLogs]:
        """The epochs trained before the interruption."""
        return [EpochLogs(**h) for h in self.payload["history"]]

    def restore(self, state: FitState) -> int:
        """Put the checkpointed run's state into `state` (called by `fit` once everything is
        built); returns the epoch to train next. Raises CheckpointError when the checkpoint
        does not fit this run's model or data."""
        p = self.payload
        if state.epochs != self.epochs:
            raise CheckpointError(
                f"The checkpoint is of a {self.epochs}-epoch run but this run has {state.epochs} epoch{'s' * (state.epochs != 1)} — "
                "resume it with its own settings (resume.config)."
            )
        identity = p.get("dataset")
        if identity is not None and not isinstance(identity, dict):
            raise CheckpointError(f"The checkpoint {self.path} is damaged: it does not describe its dataset. Discard it.")
        if identity is not None and state.dataset is not None:
            now = dataset_identity(state.dataset)
            changed = [k for k in identity if not _same_value(identity[k], now.get(k))]
            if changed:
                raise CheckpointError(
                    f"The dataset '{now['name']}' is not the one the interrupted run trained on "
                    f"(different {', '.join(changed)}) — restore that data or discard the run."
                )
        fresh_groups = [{k: v for k, v in g.items() if k != "params"} for g in state.optimizer.param_groups]
        try:
            state.model.load_state_dict(p["model"])
            state.optimizer.load_state_dict(p["optimizer"])
            _check_optimizer(state.optimizer, fresh_groups)
            if state.schedule is not None:
                state.schedule.load_state_dict(p["schedule"])
            if state.early_stopping is not None and p.get("early_stopping") is not None:
                state.early_stopping.load_state_dict(p["early_stopping"])
            history = [EpochLogs(**h) for h in p["history"]]
            best = p.get("best")
            if best is not None:
                state.best_epoch, state.best_score = int(best["epoch"]), best["score"]
                state.best_val_loss, state.best_val_accuracy = best["val_loss"], best["val_accuracy"]
                state.best_state = {k: v.to(state.device) for k, v in _same_shapes(best["model"], state.model).items()}
            rng = p["rng"]
            for name, g in state.generators.items():
                saved = rng["generators"].get(name)
                # A run moved to another kind of device (--device) keeps its fresh seeded
                # generator there: it continues correctly, just not bit for bit.
                if g is not None and saved is not None and saved["device"] == g.device.type:
                    g.set_state(saved["state"])
            torch.set_rng_state(rng["torch"])
            if state.device.type == "cuda" and rng.get("cuda") is not None:
                torch.cuda.set_rng_state(rng["cuda"], state.device)
            random.setstate(_tuples(rng["python"]))
            kind, keys, *rest = rng["numpy"]
            np.random.set_state((kind, keys.numpy().astype(np.uint32), *rest))
            progress = p["progress"]
            state.train_time, state.samples_seen = float(progress["train_time"]), int(progress["samples_seen"])
            state.elapsed = float(progress["elapsed"])
            # Checkpoints written before it was recorded: the resumed run measures its first batch.
            initial = progress.get("initial_loss")
            state.initial_loss = None if initial is None else float(initial)
            state.stop_training, state.stop_reason = bool(p["stop"]["training"]), str(p["stop"]["reason"])
        # Any of these from the libraries that read the parts back (torch, numpy, random)
        # means a part is not what this app wrote: a damaged or edited checkpoint.
        except (KeyError, TypeError, ValueError, RuntimeError, AttributeError, IndexError, AssertionError, OverflowError) as e:
            raise CheckpointError(
                f"The checkpoint {self.path} does not fit this run's model or settings ({e or type(e).__name__}). Discard it."
            ) from None
        state.history[:] = history
        return self.epoch + 1


def _same_shapes(weights: Any, model: torch.nn.Module) -> dict[str, torch.Tensor]:
    """`weights` when they are tensors of the model's names and shapes (ValueError if not)."""
    own = model.state_dict()
    if not isinstance(weights, dict) or set(weights) != set(own):
        raise ValueError("its best weights do not name the model's tensors")
    for name, value in weights.items():
        if not isinstance(value, torch.Tensor) or value.shape != own[name].shape:
            raise ValueError(f"its best weights' {name} is not a tensor of shape {tuple(own[name].shape)}")
    return weights


def _check_optimizer(optimizer: torch.optim.Optimizer, fresh_groups: list[dict[str, Any]]) -> None:
    """ValueError unless the optimizer state just loaded is one this app could have written:
    each setting of the type it has in a fresh optimizer of this config (the on/off switches,
    e.g. `capturable` or `foreach`, unchanged: they pick code paths that fail mid-training),
    and each per-parameter buffer (momentum, Adam's averages) a float tensor of its
    parameter's shape. torch checks neither when loading."""
    for group, fresh in zip(optimizer.param_groups, fresh_groups):
        for key, value in fresh.items():
            loaded = group.get(key)
            if isinstance(value, bool) or value is None:
                ok = loaded is value or loaded == value
            elif isinstance(value, (int, float)):
                ok = isinstance(loaded, (int, float)) and not isinstance(loaded, bool) and np.isfinite(loaded)
            elif isinstance(value, (tuple, list)):
                ok = isinstance(loaded, (tuple, list)) and len(loaded) == len(value) and all(
                    isinstance(v, (int, float)) and not isinstance(v, bool) and np.isfinite(v) for v in loaded
                )
            else:
                ok = type(loaded) is type(value)
            if not ok:
                raise ValueError(f"its optimizer setting {key} is {loaded!r}")
    for param, buffers in optimizer.state.items():
        if not isinstance(buffers, dict):
            raise ValueError("its optimizer state is not a table of buffers")
        for key, value in buffers.items():
            if key == "step":
                ok = isinstance(value, (int, float)) or (isinstance(value, torch.Tensor) and value.numel() == 1)
            else:
                # SGD keeps momentum_buffer None until its first step; every other buffer is a tensor.
                ok = (value is None and key == "momentum_buffer") or (
                    isinstance(value, torch.Tensor) and value.shape == param.shape and value.is_floating_point()
                )
            if not ok:
                raise ValueError(f"its optimizer buffer {key} does not fit its parameter of shape {tuple(param.shape)}")


def _tuples(value: Any) -> Any:
    """random.setstate wants the tuples that the weights-only loader may hand back as lists."""
    return tuple(_tuples(v) for v in value) if isinstance(value, (list, tuple)) else value


def find_checkpoint(run_or_path: str | os.PathLike | None = None, root: str | os.PathLike | None = None) -> Path:
    """The `last.pt` to resume: the most recent interrupted run of the registry (None), a run
    named by its folder name in the registry, a run folder, or a checkpoint file."""
    root = Path(root) if root is not None else runs_dir()
    if run_or_path is None:
        runs = list_interrupted_runs(root)
        if not runs:
            raise CheckpointError(f"There is no interrupted training run to resume (looked in {root}).")
        return runs[0].path / LAST
    given = Path(run_or_path)
    for candidate in (given, root / str(run_or_path)):
        if candidate.is_file():
            return candidate
        if candidate.is_dir():
            if (candidate / COMPLETE).exists():
                raise CheckpointError(f"The run in {candidate} already finished — there is nothing to resume.")
            if (candidate / INFO).is_file() and _run_info(candidate).still_running():
                raise CheckpointError(
                    f"The run in {candidate} is still training (process {_run_info(candidate).pid}) — wait for it or stop it first."
                )
            if not (candidate / LAST).is_file():
                raise CheckpointError(f"{candidate} holds no checkpoint ({LAST}) — nothing to resume there.")
            return candidate / LAST
    raise CheckpointError(
        f"No run or checkpoint named '{run_or_path}' (looked for a path and in {root}) — "
        "'playground train --resume' with no argument continues the most recent interrupted run."
    )


def load_checkpoint(path: str | os.PathLike) -> Resume:
    """Read a `last.pt` (or a run folder) safely. Raises CheckpointError when it is missing,
    damaged, holds anything but plain data, or comes from an unknown version."""
    path = Path(path)
    if path.is_dir():
        path = path / LAST
    payload = _safe_load(path)
    if not isinstance(payload, dict) or not str(payload.get("format", "")).startswith("neural-playground-checkpoint/"):
        raise CheckpointError(f"{path} is not a Neural Network Playground training checkpoint.")
    if payload["format"] != CHECKPOINT_FORMAT:
        raise CheckpointError(
            f"{path} was written by another version of the app (format {payload['format']}, "
            f"app {payload.get('app_version', '?')}); this version ({_app_version()}) reads {CHECKPOINT_FORMAT} — "
            "finish it with that version or discard it."
        )
    try:
        config = RunConfig.from_json(payload["config"])
        epoch, epochs = int(payload["epoch"]), int(payload["epochs"])
    except (ConfigError, KeyError, TypeError, ValueError) as e:
        raise CheckpointError(f"The checkpoint {path} has a damaged run description ({e}). Discard it.") from None
    return Resume(path, config, epoch, epochs, payload)


def load_best(run_dir: str | os.PathLike) -> dict[str, Any]:
    """The run's `best.pt`: {"epoch", "val_loss", "val_accuracy", "model": state dict, "config"}."""
    path = Path(run_dir) / BEST
    payload = _safe_load(path)
    if not isinstance(payload, dict) or payload.get("format") != BEST_FORMAT:
        raise CheckpointError(f"{path} is not a best-weights file of this version of the app.")
    return payload


# --------------------------------------------------------------------------- the registry


@dataclass(frozen=True)
class RunInfo:
    """One interrupted run, for a listing or a question to the user."""

    id: str  # the folder name
    path: Path
    config_name: str
    dataset: str
    epoch: int  # the last checkpointed epoch
    epochs: int
    updated: float  # unix time of the last checkpoint
    problem: str = ""  # why its description could not be read (it can still be discarded)
    pid: int = 0  # the process that wrote it, on `host`
    host: str = ""

    @property
    def when(self) -> datetime:
        return datetime.fromtimestamp(self.updated)

    def still_running(self) -> bool:
        """True while another process on this machine that wrote the checkpoint is alive: its
        run is in progress, not interrupted. (A recycled process id can hide a crashed run
        until that process ends.)"""
        if not self.pid or self.pid == os.getpid() or self.host != socket.gethostname():
            return False
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except OSError:  # PermissionError: alive, someone else's
            return True
        return True


def _run_info(run_dir: Path) -> RunInfo:
    try:
        info = load_json((run_dir / INFO).read_text(encoding="utf-8"), str(run_dir / INFO))
        return RunInfo(
            run_dir.name,
            run_dir,
            str(info.get("config_name", "")),
            str(info.get("dataset", "")),
            int(info["epoch"]),
            int(info["epochs"]),
            float(info["updated"]),
            pid=int(info.get("pid", 0)),
            host=str(info.get("host", "")),
        )
    except (OSError, ValueError, KeyError, TypeError) as e:
        updated = (run_dir / LAST).stat().st_mtime
        return RunInfo(run_dir.name, run_dir, "", "", 0, 0, updated, problem=f"unreadable {INFO}: {e}")


def list_interrupted_runs(root: str | os.PathLike | None = None) -> list[RunInfo]:
    """Runs in the registry (or `root`) with a checkpoint and no completion marker, the most
    recently checkpointed first."""
    root = Path(root) if root is not None else runs_dir()
    if not root.is_dir():
        return []
    runs = [_run_info(d) for d in root.iterdir() if d.is_dir() and is_interrupted(d)]
    return sorted((r for r in runs if not r.still_running()), key=lambda r: r.updated, reverse=True)


def discard_run(run: RunInfo | str | os.PathLike) -> None:
    """Delete a run's checkpoint files (and leftovers of interrupted writes), then its folder
    when nothing else is in it. Files this app did not write are left alone."""
    run_dir = run.path if isinstance(run, RunInfo) else Path(run)
    if not run_dir.is_dir():
        return
    for entry in run_dir.iterdir():
        leftover = entry.name.startswith(".") and entry.name.endswith(".part")
        if entry.is_file() and (entry.name in _OUR_FILES or leftover):
            entry.unlink(missing_ok=True)
    try:
        run_dir.rmdir()
    except OSError:
        pass  # the user keeps other files there
