"""The Compare dialog's background runner: trains a `Comparison` off the GUI thread.

`ComparisonRunner` runs one comparison at a time as a job (gui/jobs.py) and relays a
`ComparisonCallback` (_Bridge) on the training thread as Qt signals: each variant's start,
epochs and end, then exactly one of finished or failed. Stop is the `RunControl` flag the
training loop checks between batches. The dialog itself is compare.py.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from playground.core.errors import PlaygroundError
from playground.core.experiments.compare import Comparison, ComparisonCallback, run_comparison
from playground.core.training.callbacks import EpochLogs
from playground.gui.i18n.core_text import spec_error_text
from playground.gui.jobs import Job, controlled_job, wait_and_deliver

__all__ = ["ComparisonRunner"]


class _Bridge(ComparisonCallback):
    """On the training thread: reports the comparison's events to the job."""

    def __init__(self, report):
        self.report = report
        self.index = 0

    def on_variant_start(self, index, variant) -> None:
        self.index = index
        self.report("variant_started", (index, variant.name))

    def on_epoch_end(self, state, logs: EpochLogs) -> None:
        self.report("epoch_ended", (self.index, logs))

    def on_variant_end(self, index, result) -> None:
        self.report("variant_finished", (index, result.row()))

    def on_health(self, index, snapshot) -> None:
        self.report("health", (index, snapshot))


def _explain(error: BaseException) -> str:
    if isinstance(error, PlaygroundError):
        return spec_error_text(error)  # translate() is thread-safe
    return f"{type(error).__name__}: {error}"  # a bug: reported with its traceback, never swallowed


class ComparisonRunner(QObject):
    """Runs one comparison at a time as a background job (loading the data first unless
    given) and relays its signals; ends with exactly one of `finished` or `failed`."""

    variant_started = Signal(int, str)
    epoch_ended = Signal(int, object)  # (variant index, EpochLogs)
    variant_finished = Signal(int, dict)  # (variant index, VariantResult.row())
    health = Signal(int, object)  # (variant index, core.experiments.layer_stats.HealthSnapshot)
    finished = Signal(object)  # ComparisonResult
    failed = Signal(str, str)  # (message for the user, traceback text)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._job: Job | None = None

    def is_running(self) -> bool:
        return self._job is not None

    def start(self, comparison: Comparison, dataset=None, data_dir: str | None = None) -> None:
        if self.is_running():
            raise RuntimeError("A comparison is already running; stop it first.")
        job, control = controlled_job(
            "comparison", _explain, self._on_job_progressed, self._on_job_finished, self._on_job_failed
        )
        self._job = job
        job.start(run_comparison, comparison, dataset, callbacks=[_Bridge(job.report)], control=control, data_dir=data_dir)

    @Slot()
    def stop(self) -> None:
        if self._job is not None:
            self._job.cancel()

    def shutdown(self, timeout_ms: int = 10000) -> bool:
        """Stop and wait for the thread (closing); its last signals are delivered first."""
        self.stop()
        return wait_and_deliver(self._job, timeout_ms)

    @Slot(str, object)
    def _on_job_progressed(self, kind: str, args: tuple) -> None:
        relays = {
            "variant_started": self.variant_started,
            "epoch_ended": self.epoch_ended,
            "variant_finished": self.variant_finished,
            "health": self.health,
        }
        relays[kind].emit(*args)

    @Slot(object)
    def _on_job_finished(self, result) -> None:
        self._job = None
        self.finished.emit(result)

    @Slot(str, str)
    def _on_job_failed(self, message: str, details: str) -> None:
        self._job = None
        self.failed.emit(message, details)
