"""Terminal progress: a training progress bar (a training callback) and a download bar."""

from __future__ import annotations

import sys
import time

from tqdm import tqdm

from playground.core.training.loop import BatchLogs, Callback, EpochLogs, FitResult, FitState

__all__ = ["DownloadProgress", "ProgressBar"]


class ProgressBar(Callback):
    """tqdm bar over all batches of the run with loss, accuracy, samples/s and ETA.

    It reads the running figures (a GPU sync) at most every `interval` seconds, when it
    redraws; other batches cost it a counter increment.
    """

    def __init__(self, interval: float = 0.2, file=None):
        self.interval = interval
        self.file = file or sys.stderr
        self.bar: tqdm | None = None

    def on_fit_start(self, state: FitState) -> None:
        self.bar = tqdm(
            total=state.epochs * state.batches_per_epoch,
            initial=(state.start_epoch - 1) * state.batches_per_epoch,  # a resumed run
            unit="batch",
            file=self.file,
            dynamic_ncols=True,
            desc=f"epoch {state.start_epoch}/{state.epochs}",
            bar_format="{desc} {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} [{elapsed}<{remaining}{postfix}]",
        )
        self._pending = self._pending_samples = 0
        self._last = time.perf_counter()

    def on_batch_end(self, state: FitState, logs: BatchLogs) -> None:
        self._pending += 1
        self._pending_samples += logs.size
        now = time.perf_counter()
        if now - self._last < self.interval:
            return
        postfix = f"loss={logs.running_loss():.4f}"
        accuracy = logs.running_accuracy()
        if accuracy is not None:
            postfix += f", acc={accuracy:.2%}"
        postfix += f", {self._pending_samples / (now - self._last):,.0f} samples/s"
        self.bar.set_postfix_str(postfix, refresh=False)
        self.bar.update(self._pending)
        self._pending = self._pending_samples = 0
        self._last = now

    def on_epoch_end(self, state: FitState, logs: EpochLogs) -> None:
        self.bar.update(self._pending)
        line = f"epoch {logs.epoch}/{state.epochs}: loss {logs.loss:.4f}"
        if logs.accuracy is not None:
            line += f", accuracy {logs.accuracy:.2%}"
        if logs.val_loss is not None:
            line += f", val_loss {logs.val_loss:.4f}"
        if logs.val_accuracy is not None:
            line += f", val_accuracy {logs.val_accuracy:.2%}"
        line += f", lr {logs.lr:.3g}, {logs.seconds:.1f} s, {logs.samples_per_second:,.0f} samples/s"
        self.bar.write(line, file=self.file)
        if logs.epoch < state.epochs:
            self.bar.set_description_str(f"epoch {logs.epoch + 1}/{state.epochs}", refresh=False)
        self._pending = self._pending_samples = 0
        self._last = time.perf_counter()

    def on_fit_end(self, state: FitState, result: FitResult) -> None:
        if self.bar is not None:
            self.bar.close()


class DownloadProgress:
    """Progress callback for dataset downloads: (message, done_bytes, total_bytes | None)."""

    def __init__(self, disable: bool = False, file=None):
        self.disable = disable
        self.file = file or sys.stderr
        self.bar: tqdm | None = None
        self.message = None

    def __call__(self, message: str, done: int, total: int | None) -> None:
        if self.disable:
            return
        if self.bar is None or message != self.message:
            self.close()
            self.message = message
            self.bar = tqdm(total=total, unit="B", unit_scale=True, unit_divisor=1024, desc=message, file=self.file)
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def __enter__(self) -> "DownloadProgress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
