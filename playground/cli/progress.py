"""Terminal progress: a training progress bar (a training callback) and a download bar."""

from __future__ import annotations

import sys

from tqdm import tqdm

from playground.core.training.callbacks import BatchLogs, Callback, EpochLogs, FitState, Throughput
from playground.core.training.loop import FitResult

__all__ = ["DownloadProgress", "ProgressBar"]


class ProgressBar(Callback):
    """tqdm bar over all batches of the run with the time left, loss, accuracy and samples/s.

    The throttle, samples/s and time left are core's `Throughput`, the same figures the
    window shows. It reads the running loss and accuracy (a GPU sync) only when it redraws,
    at most every `interval` seconds; other batches cost it a counter increment.
    """

    def __init__(self, interval: float = 0.2, file=None):
        self.interval = interval
        self.file = file or sys.stderr
        self.bar: tqdm | None = None
        self.throughput = Throughput(interval)

    def on_fit_start(self, state: FitState) -> None:
        self.bar = tqdm(
            total=state.epochs * state.batches_per_epoch,
            initial=(state.start_epoch - 1) * state.batches_per_epoch,  # a resumed run
            unit="batch",
            file=self.file,
            dynamic_ncols=True,
            desc=f"epoch {state.start_epoch}/{state.epochs}",
            bar_format="{desc} {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} [{elapsed}{postfix}]",
        )
        self._pending = 0
        self.throughput.start(state)

    def on_features(self, state: FitState, done: int, total: int) -> None:
        """A frozen backbone's features before the first epoch: said in the bar's description."""
        self.bar.set_description_str(f"backbone features {done}/{total} pictures", refresh=True)
        self.throughput.skip()
        if done == total:
            self.bar.set_description_str(f"epoch {state.start_epoch}/{state.epochs}", refresh=False)

    def on_batch_end(self, state: FitState, logs: BatchLogs) -> None:
        self._pending += 1
        self.throughput.add(logs.size)
        now = self.throughput.now()
        if not self.throughput.due(now):
            return
        rate, eta = self.throughput.update(logs.step, now)
        postfix = f"{tqdm.format_interval(eta)} left, " if eta is not None else ""
        postfix += f"loss={logs.running_loss():.4f}"
        accuracy = logs.running_accuracy()
        if accuracy is not None:
            postfix += f", acc={accuracy:.2%}"
        postfix += f", {rate:,.0f} samples/s"
        self.bar.set_postfix_str(postfix, refresh=False)
        self.bar.update(self._pending)
        self._pending = 0

    def on_epoch_end(self, state: FitState, logs: EpochLogs) -> None:
        self.throughput.skip()  # the validation since the last batch is not training
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
        self._pending = 0

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
