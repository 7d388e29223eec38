"""TensorBoard logs of a training run (`playground train --tensorboard DIR`, the Training tab's
option): `TensorBoardLogger` is a training callback that writes, at the end of every epoch, on
the training thread, through `torch.utils.tensorboard`:

- the scalars: `loss/train`, `loss/validation`, `accuracy/train`, `accuracy/validation`,
  `learning_rate` and `samples_per_second`;
- per layer of the stack, under the layer's own tag group (`layer_02_Dense/...`), the
  histograms of its activations, gradients and weights, and its `update_ratio`, from
  core.experiments.layer_stats (the same probe batch and statistics as `train --stats` and the
  window's health panel; no second computation: `add_histogram_raw` takes their counts and
  edges), and the diagnoses that fired as text.

Each run is a folder of its own inside DIR (`run_folder`), so `tensorboard --logdir DIR` shows
and compares them all. TensorBoard is an optional extra (`pip install tensorboard`): without it
`check_tensorboard` raises a ConfigError that names the install command, before anything trains.
A folder that cannot be written mid-run stops the logging, not the run (`on_error`).
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Callable

from playground.core.errors import ConfigError, first_line
from playground.core.experiments.layer_stats import LayerStatsRecorder
from playground.core.io.atomic import WriteError, write_error
from playground.core.training.callbacks import BatchLogs, Callback, EpochLogs, FitState

__all__ = ["INSTALL", "TensorBoardLogger", "check_tensorboard", "histogram_tag", "run_folder"]

INSTALL = "pip install tensorboard"


def check_tensorboard() -> None:
    """Raise ConfigError (key tensorboard_missing) naming the install command unless
    `torch.utils.tensorboard` can be imported."""
    try:
        import torch.utils.tensorboard  # noqa: F401  (imports the tensorboard package)
    except Exception as e:  # ImportError, or a tensorboard whose protobuf does not fit
        raise ConfigError(
            f"Logging for TensorBoard needs the tensorboard package ({first_line(e, 120)}) — install it with: "
            f"{INSTALL}",
            "tensorboard_missing",
            {"install": INSTALL, "reason": first_line(e, 120)},
        ) from None


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-")[:60] or "run"


def run_folder(log_dir: str | Path, name: str) -> Path:
    """A new folder for one run inside `log_dir` ("20250101-120000-xor-mlp"; "-2", "-3" when
    taken), created with its parents. ConfigError when `log_dir` is a file or cannot be made."""
    log_dir = Path(log_dir)
    if log_dir.exists() and not log_dir.is_dir():
        raise ConfigError(
            f"The TensorBoard folder {log_dir} is a file — name a folder (it is made when missing).",
            "tensorboard_not_folder",
            {"path": str(log_dir)},
        )
    base = f"{time.strftime('%Y%m%d-%H%M%S')}-{_slug(name)}"
    folder, n = log_dir / base, 1
    while folder.exists():
        n += 1
        folder = log_dir / f"{base}-{n}"
    try:
        folder.mkdir(parents=True)
    except OSError as e:
        raise ConfigError(
            f"Cannot make the TensorBoard folder {folder}: {e.strerror or e} — choose a folder you can write to.",
            "tensorboard_cannot_make",
            {"path": str(folder), "reason": str(e.strerror or e)},
        ) from None
    return folder


def histogram_tag(label: str, layer: int, kind: str) -> str:
    """`layer_02_Dense/activations`: TensorBoard groups the tags by what is before the slash."""
    parts = label.split("(", 1)[1].rstrip(")") if "(" in label else label
    return f"layer_{layer:02d}_{_slug(parts.replace(' + ', '+'))}/{kind}"


class TensorBoardLogger(Callback):
    """Writes the run's scalars each epoch and its layer histograms each epoch the recorder
    measured (module docstring) into `folder` (see `run_folder`).

    `recorder`: a LayerStatsRecorder that runs before this callback (the one `train --stats`
    writes into the summary); None: the logger keeps its own and passes the training events to
    it. `histograms=False` logs the scalars only. `on_error(WriteError)` is called once when the
    folder cannot be written, after which the logger writes nothing more (the run goes on)."""

    def __init__(
        self,
        folder: str | Path,
        recorder: LayerStatsRecorder | None = None,
        histograms: bool = True,
        on_error: Callable[[WriteError], None] | None = None,
    ):
        check_tensorboard()
        self.folder = Path(folder)
        self._owns = recorder is None and histograms
        self.recorder = LayerStatsRecorder() if self._owns else recorder
        self.on_error = on_error
        self.writer = None
        self.failed: WriteError | None = None
        self._logged = 0  # the number of recorder epochs already written

    def _write(self, action: Callable[[], None]) -> None:
        if self.writer is None:
            return
        try:
            action()
        except Exception as e:  # an OSError from the writer, or its thread's error raised again
            self.failed = write_error(self.folder, e if isinstance(e, OSError) else OSError(0, first_line(e, 200)))
            self.close()
            if self.on_error is not None:
                self.on_error(self.failed)

    def on_fit_start(self, state: FitState) -> None:
        from torch.utils.tensorboard import SummaryWriter

        try:
            self.writer = SummaryWriter(str(self.folder), flush_secs=5)
        except OSError as e:
            self.failed = write_error(self.folder, e)
            if self.on_error is not None:
                self.on_error(self.failed)
            return
        self._logged = len(self.recorder.epochs) if self.recorder is not None else 0
        if self._owns:
            self.recorder.on_fit_start(state)

    def on_batch_end(self, state: FitState, logs: BatchLogs) -> None:
        if self._owns:
            self.recorder.on_batch_end(state, logs)

    def on_epoch_end(self, state: FitState, logs: EpochLogs) -> None:
        if self._owns:
            self.recorder.on_epoch_end(state, logs)
        self._write(lambda: self._log_epoch(logs))

    def _log_epoch(self, logs: EpochLogs) -> None:
        w, step = self.writer, logs.epoch
        for tag, value in (
            ("loss/train", logs.loss),
            ("loss/validation", logs.val_loss),
            ("accuracy/train", logs.accuracy),
            ("accuracy/validation", logs.val_accuracy),
            ("learning_rate", logs.lr),
            ("samples_per_second", logs.samples_per_second),
        ):
            if value is not None:
                w.add_scalar(tag, float(value), step)
        if self.recorder is None:
            return
        for entry in self.recorder.epochs[self._logged:]:
            self._log_layers(entry)
        self._logged = len(self.recorder.epochs)

    def _log_layers(self, entry: dict) -> None:
        """One recorded epoch of layer_stats (LayerStatsRecorder.epochs' dicts)."""
        w, step = self.writer, entry["epoch"]
        for layer in entry["layers"]:
            for kind in ("activations", "gradients", "weights"):
                hist = layer.get(kind)
                if hist is not None:
                    _add_histogram(w, histogram_tag(layer["label"], layer["layer"], kind), hist, step)
            if layer.get("update_ratio") is not None:
                w.add_scalar(histogram_tag(layer["label"], layer["layer"], "update_ratio"), layer["update_ratio"], step)
        if entry["diagnoses"]:
            w.add_text("diagnoses", "\n\n".join(d["message"] for d in entry["diagnoses"]), step)

    def on_fit_end(self, state: FitState, result) -> None:
        self._write(lambda: self.writer.flush())
        self.close()

    def close(self) -> None:
        """Flush and close the event file (safe to call twice)."""
        writer, self.writer = self.writer, None
        if writer is not None:
            try:
                writer.close()
            except Exception:  # already reported through _write, or nothing left to say
                pass


def _add_histogram(writer, tag: str, hist: dict, step: int) -> None:
    """A layer_stats histogram (fractions of `n` values over BINS bins) as TensorBoard's raw
    histogram: counts per bin with the bins' upper edges, and an empty bin first whose upper
    edge is the lowest value, as torch's own make_histogram writes them."""
    n = max(int(hist.get("n", 0)), 1)
    counts = [0.0] + [c * n for c in hist["counts"]]
    if not any(counts):
        return
    edges = list(hist["edges"])
    mean, std = hist["mean"], hist["std"]
    writer.add_histogram_raw(
        tag,
        min=edges[0],
        max=edges[-1],
        num=n,
        sum=mean * n,
        sum_squares=n * (std * std + mean * mean),
        bucket_limits=edges,
        bucket_counts=counts,
        global_step=step,
    )
