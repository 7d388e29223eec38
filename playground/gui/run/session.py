"""One training run on a background thread, from Train clicked to the finished result.

`TrainingSession` (GUI thread) runs a `TrainingWorker` as a background job (gui/jobs.py). The
worker calls `core.training.loop.fit` with a `QtBridge` callback that turns the trainer's events into
small dataclasses of numpy arrays and emits them as Qt signals; the job carries them to the GUI
thread in order, where the session re-emits them. Pause and stop are thread-safe flags in a
`RunControl` that the training loop checks between batches: the training thread is busy inside
`fit`, so they could not be queued slots. The worker's side is in training_worker.py, imported
when a run starts, so that the window is built before torch has loaded.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from playground.gui.jobs import Job, wait_and_deliver

if TYPE_CHECKING:
    from playground.core.config.spec import RunConfig
    from playground.core.data.dataset import Dataset
    from playground.core.training.checkpoint import Resume
    from playground.core.training.loop import FitResult, RunControl

__all__ = ["TrainingSession"]


class TrainingSession(QObject):
    """Starts runs as background jobs and relays their signals on the GUI thread.

    One run at a time. The session is back to "idle" (and its thread has ended) when it
    emits `finished` or `failed`.
    """

    started = Signal()
    batch_ready = Signal(object)  # updates.BatchUpdate
    epoch_ended = Signal(object)  # EpochLogs
    boundary_ready = Signal(object)  # updates.BoundaryUpdate
    neurons_ready = Signal(object)  # core.experiments.neuron_maps.NeuronMaps, for the network diagram
    health_ready = Signal(object)  # core.experiments.layer_stats.HealthSnapshot (when record_health)
    finished = Signal(object)  # FitResult
    failed = Signal(str, str)  # (message for the user, traceback text)
    warned = Signal(str)  # a problem that does not stop the run
    features_progressed = Signal(object)  # (done, total): a frozen backbone's features, before the first epoch
    state_changed = Signal(str)  # "idle" | "running" | "paused" | "stopping"

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._state = "idle"
        self._job: Job | None = None
        self._control: RunControl | None = None
        self.record_health = False  # runs record their layers' statistics (the Training health tab's switch)
        # What the worker reports, by the job's kind, and the session signal that shows it.
        self._relays = {
            "batch": self.batch_ready,
            "epoch": self.epoch_ended,
            "boundary": self.boundary_ready,
            "neurons": self.neurons_ready,
            "health": self.health_ready,
            "warning": self.warned,
            "features": self.features_progressed,
        }

    def state(self) -> str:
        return self._state

    def is_running(self) -> bool:
        return self._job is not None

    def start(
        self,
        config: RunConfig,
        dataset: Dataset,
        resume: Resume | None = None,
        initial_state: dict | None = None,
        tensorboard: Path | None = None,
        handoff=None,
        take_back=None,
    ) -> None:
        """Train `config` on `dataset`; with `resume` (its config is `config`), continue that
        interrupted run from its checkpoint; with `initial_state`, start from those weights;
        with `tensorboard` (a run folder: core.experiments.tensorboard.run_folder), log for TensorBoard there;
        with `handoff` (core.experiments.stepper_handoff.Handoff), train on from where the backprop stepper
        got to, and with `take_back` (a TakeBack callback) keep the run's end for the stepper to step on from."""
        if self.is_running():
            raise RuntimeError("A training run is already in progress; stop it before starting another.")
        from playground.core.training.loop import RunControl
        from playground.gui.run.training_worker import TrainingWorker

        control = RunControl()
        worker = TrainingWorker(config, dataset, control, resume, initial_state, tensorboard, health=self.record_health,
                                handoff=handoff, take_back=take_back)
        job = Job("training", cancel=control.stop, explain=worker.explain)
        job.forward(worker.batch_ready, "batch")
        job.forward(worker.epoch_ended, "epoch")
        job.forward(worker.boundary_ready, "boundary")
        job.forward(worker.neurons_ready, "neurons")
        job.forward(worker.health_ready, "health")
        job.forward(worker.warned, "warning")
        job.forward(worker.features_ready, "features")
        job.progressed.connect(self._on_job_progressed)
        job.finished.connect(self._on_job_finished)
        job.failed.connect(self._on_job_failed)
        self._job, self._control = job, control
        job.start(worker.run)
        self._set_state("running")
        self.started.emit()

    @Slot()
    def pause(self) -> None:
        if self._control is not None and self._state == "running":
            self._control.pause()
            self._set_state("paused")

    @Slot()
    def resume(self) -> None:
        if self._control is not None and self._state == "paused":
            self._control.resume()
            self._set_state("running")

    @Slot()
    def stop(self) -> None:
        """Ask the run to end after the current batch; it then emits `finished` with status
        "stopped" and the best weights so far."""
        if self._control is not None and self._state in ("running", "paused"):
            self._job.cancel()  # the control's stop flag
            self._set_state("stopping")

    def shutdown(self, timeout_ms: int = 10000) -> bool:
        """Stop the run and wait for its thread to end (closing the window). The run's last
        signals, `finished` included, are delivered before this returns. True if no
        training thread is left running."""
        self.stop()
        return wait_and_deliver(self._job, timeout_ms)

    @Slot(str, object)
    def _on_job_progressed(self, kind: str, payload) -> None:
        self._relays[kind].emit(payload)

    @Slot(object)
    def _on_job_finished(self, result: FitResult) -> None:
        self._end_run()
        self.finished.emit(result)

    @Slot(str, str)
    def _on_job_failed(self, message: str, details: str) -> None:
        self._end_run()
        self.failed.emit(message, details)

    def _end_run(self) -> None:
        self._job = self._control = None
        self._set_state("idle")

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.state_changed.emit(state)
