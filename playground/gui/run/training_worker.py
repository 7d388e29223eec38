"""The training thread's side of a run in the window: `TrainingWorker` calls `core.training.loop.fit`
with a `QtBridge` callback that turns the trainer's events into the small dataclasses of numpy
arrays (updates.py) the session (session.py) relays to the GUI thread. Imported when a run
starts: this is where the window's training needs torch.
"""

from __future__ import annotations

import time
import traceback

import numpy as np
import torch
from PySide6.QtCore import QObject, Signal

from playground.core.training.checkpoint import Checkpoint, CheckpointError, Resume, new_run_dir
from playground.core.data.dataset import Dataset
from playground.core.errors import PlaygroundError
from playground.core.experiments.neuron_maps import GRID as NEURON_GRID, NeuronMapper, unsupported_reason
from playground.core.config.spec import RunConfig
from playground.core.training.callbacks import BatchLogs, Callback, EpochLogs, FitState, Throughput
from playground.core.training.loop import FitResult, RunControl, fit
from playground.gui.run.updates import BatchUpdate, BoundaryUpdate
from playground.gui.i18n.errors import error_text

__all__ = ["QtBridge", "TrainingWorker", "boundary_grid"]

EMIT_INTERVAL = 0.1  # seconds between batch updates: 10 a second, as often as the plots redraw
BOUNDARY_INTERVAL = 0.25  # seconds between decision-boundary evaluations, at least
BOUNDARY_SHARE = 0.05  # ... and more if needed to keep them within this share of the run
BOUNDARY_GRID = 80  # cells per side of the decision-boundary grid
BOUNDARY_MARGIN = 0.1  # grid extends this fraction of the data's span beyond it on each side
NEURON_INTERVAL = 0.2  # seconds between neuron maps for the diagram, at least
NEURON_SHARE = 0.02  # ... and more if needed to keep them within this share of the run
# Training health (core.experiments.layer_stats): a record every this many batches, at most this
# often (a record draws a dozen histograms), within this share of the run's time; the tab's
# drawing takes at most another 2% (gui/run/health_panel.py).
HEALTH_EVERY = 20
HEALTH_INTERVAL = 0.5
HEALTH_SHARE = 0.02


def boundary_grid(dataset: Dataset, size: int = BOUNDARY_GRID) -> tuple[np.ndarray, np.ndarray]:
    """Cell centres (xs, ys) of a size×size grid over the train and test points plus a margin."""
    points = torch.cat([dataset.x_train, dataset.x_test]).double().numpy()
    low, high = points.min(axis=0), points.max(axis=0)
    margin = np.maximum(high - low, 1e-3) * BOUNDARY_MARGIN
    low, high = low - margin, high + margin
    xs, ys = np.linspace(low[0], high[0], size), np.linspace(low[1], high[1], size)
    xs.flags.writeable = ys.flags.writeable = False  # shared by every BoundaryUpdate of the run
    return xs, ys


class QtBridge(Callback):
    """The trainer's callback on the Qt side: collects floats each batch and emits a
    `BatchUpdate` at most every `emit_interval` seconds (always at an epoch's end), the
    `EpochLogs` of each epoch, and for 2-D data a `BoundaryUpdate` at most every
    `boundary_interval` seconds (less often when an evaluation is slow, so that they take at
    most BOUNDARY_SHARE of the time), and for a small Dense network on 2-D data the neuron maps
    of the network diagram (core.experiments.neuron_maps: each unit's output over a
    NEURON_GRID² grid, and the weights) at the start, at most every `neuron_interval` seconds
    (within NEURON_SHARE of the time) and at the end; `neuron_maps=False` leaves them out. The throttle, samples/s and ETA are core's `Throughput`,
    as on the command line's progress bar: samples/s count the time in training batches only,
    as the run's final figure (FitResult.samples_per_second) does, not validation or testing.
    It runs on the training thread and only emits; the signals' receivers live on the GUI
    thread, so Qt queues the calls there."""

    def __init__(
        self,
        worker: TrainingWorker,
        dataset: Dataset,
        emit_interval: float = EMIT_INTERVAL,
        boundary_interval: float = BOUNDARY_INTERVAL,
        neuron_maps: bool = True,
        neuron_interval: float = NEURON_INTERVAL,
    ):
        self.worker = worker
        self.emit_interval = emit_interval
        self.throughput = Throughput(emit_interval)
        self.boundary_interval = boundary_interval
        self.grid = boundary_grid(dataset) if dataset.input_shape == (2,) else None
        self.boundary_seconds = 0.0  # time spent evaluating the boundary (it must stay a small share)
        self.neuron_grid = boundary_grid(dataset, NEURON_GRID) if neuron_maps and self.grid is not None else None
        self.neuron_interval = neuron_interval
        self.neuron_seconds = 0.0  # time spent making neuron maps

    # ------------------------------------------------------------- callback events

    def on_fit_start(self, state: FitState) -> None:
        self.every_batch = state.device.type == "cpu"  # elsewhere loss.item() would sync the device
        self._reset_pending()
        self.last_logs: BatchLogs | None = None
        self.emitted_step = 0
        self.throughput.start(state)
        self.next_boundary = self.throughput.started + self.boundary_interval
        self.grid_input = None
        if self.grid is not None:
            gx, gy = np.meshgrid(*self.grid)
            points = np.stack([gx.ravel(), gy.ravel()], axis=1).astype(np.float32)
            self.grid_input = torch.from_numpy(points).to(state.device)
        self.mapper = None
        if self.neuron_grid is not None and not unsupported_reason(state.model):
            self.mapper = NeuronMapper(*self.neuron_grid, state.task, state.device)
            self._emit_neurons(state)  # the untrained network, from the first moment

    def on_features(self, state: FitState, done: int, total: int) -> None:
        self.worker.features_ready.emit((done, total))
        self.throughput.skip()  # computing the features is not training: samples/s and ETA start after it

    def on_batch_end(self, state: FitState, logs: BatchLogs) -> None:
        # Pending points never span two epochs (on_epoch_end flushes), so their accuracies
        # can all be read from this epoch's meter.
        self.last_logs = logs
        now = self.throughput.now()
        self.throughput.add(logs.size, now)
        if self.every_batch:
            self._collect(logs)
        if self.throughput.due(now):
            if not self.every_batch:
                self._collect(logs)
            self._flush(state, now)
        if self.grid is not None and now >= self.next_boundary:
            self._emit_boundary(state)
        if self.mapper is not None and now >= self.next_neurons:
            self._emit_neurons(state)

    def on_epoch_end(self, state: FitState, logs: EpochLogs) -> None:
        # The validation since the last batch, and the callbacks before this one (the
        # checkpoint: TrainingWorker puts the bridge last), are not training.
        self.throughput.skip()
        if not self.every_batch and self.last_logs.step != self.emitted_step:
            self._collect(self.last_logs)  # the epoch's last batch, so each epoch ends on a point
        self._flush(state)
        self.worker.epoch_ended.emit(logs)
        # Fast toy epochs end many times a second; the boundary keeps its own pace.
        if self.grid is not None and self.throughput.now() >= self.next_boundary:
            self._emit_boundary(state)
        if self.mapper is not None and self.throughput.now() >= self.next_neurons:
            self._emit_neurons(state)
        self.throughput.skip()  # nor are this epoch's updates, boundary and neuron maps

    def on_fit_end(self, state: FitState, result: FitResult) -> None:
        self.throughput.skip()  # testing the model is not training
        self._flush(state)
        if self.grid is not None:
            self._emit_boundary(state)  # the returned weights (a stopped run restores its best)
        if self.mapper is not None:
            self._emit_neurons(state)

    # ------------------------------------------------------------- helpers

    def _reset_pending(self) -> None:
        self.steps: list[int] = []
        self.losses: list[float] = []
        self.lrs: list[float] = []
        self.ends: list[int] = []  # sample offset within the epoch where each batch ends
        self.sizes: list[int] = []

    def _collect(self, logs: BatchLogs) -> None:
        self.steps.append(logs.step)
        self.losses.append(logs.loss.item())
        self.lrs.append(logs.lr)
        self.ends.append(logs.meter.seen)
        self.sizes.append(logs.size)

    def _batch_accuracies(self) -> np.ndarray | None:
        """Each pending batch's accuracy from the meter's prediction buffer, in one pass."""
        meter = self.last_logs.meter
        if meter.preds is None:
            return None
        # Pending batches are consecutive (or a single sampled one), so one comparison over
        # their span and a segmented sum give every batch's accuracy.
        ends, sizes = np.asarray(self.ends), np.asarray(self.sizes)
        lo, hi = int(ends[0] - sizes[0]), int(ends[-1])
        correct = (meter.preds[lo:hi] == meter.targets[lo:hi]).cpu().numpy()
        return np.add.reduceat(correct, ends - sizes - lo) / sizes

    def _flush(self, state: FitState, now: float | None = None) -> None:
        if not self.steps:
            return
        logs = self.last_logs
        rate, eta = self.throughput.update(logs.step, now)
        update = BatchUpdate(
            steps=np.asarray(self.steps, dtype=np.int64),
            losses=np.asarray(self.losses, dtype=np.float64),
            accuracies=self._batch_accuracies(),
            lrs=np.asarray(self.lrs, dtype=np.float64),
            epoch=logs.epoch,
            epochs=state.epochs,
            batch=logs.batch,
            batches=logs.batches,
            samples_per_second=rate,
            eta_seconds=eta,
        )
        self._reset_pending()
        self.emitted_step = logs.step
        self.worker.batch_ready.emit(update)

    def _emit_boundary(self, state: FitState) -> None:
        began = time.perf_counter()
        model = state.model
        was_training = model.training
        model.eval()  # dropout off, batch norm on its running statistics
        try:
            with torch.no_grad():
                out = model(self.grid_input).float()
                values = torch.softmax(out, dim=1)[:, 1] if state.task == "classification" else out[:, 0]
                probs = values.cpu().numpy().reshape(len(self.grid[1]), len(self.grid[0]))
        finally:
            model.train(was_training)
        cost = time.perf_counter() - began
        self.boundary_seconds += cost
        # On a busy CPU the grid's larger matrix products slow down far more than training's
        # small batches (measured: 1 ms idle, 20 ms with other processes on both cores).
        self.next_boundary = self.throughput.now() + max(self.boundary_interval, cost / BOUNDARY_SHARE)
        if np.isfinite(probs).all():  # a diverging model has nothing sensible to draw
            self.worker.boundary_ready.emit(BoundaryUpdate(self.grid[0], self.grid[1], probs))


    def _emit_neurons(self, state: FitState) -> None:
        began = time.perf_counter()
        maps = self.mapper(state.model)  # None for a diverging model
        cost = time.perf_counter() - began
        self.neuron_seconds += cost
        self.next_neurons = self.throughput.now() + max(self.neuron_interval, cost / NEURON_SHARE)
        if maps is not None:
            self.worker.neurons_ready.emit(maps)


class TrainingWorker(QObject):
    """Runs `fit` once, on whatever thread calls `run`, and returns its FitResult (a job's
    work: the session runs it as one). Every epoch is checkpointed into the run registry
    (core.training.checkpoint), so a crash loses at most an epoch; the run's folder goes when the run
    ends. `resume` continues an interrupted run in its own folder. Its signals are emitted on
    the training thread. `neuron_maps = False` leaves out the network diagram's neuron maps
    (benchmarks/neuron_maps_cost.py compares the two)."""

    neuron_maps = True

    batch_ready = Signal(object)  # BatchUpdate
    epoch_ended = Signal(object)  # EpochLogs
    boundary_ready = Signal(object)  # BoundaryUpdate
    neurons_ready = Signal(object)  # core.experiments.neuron_maps.NeuronMaps
    health_ready = Signal(object)  # core.experiments.layer_stats.HealthSnapshot
    warned = Signal(str)  # a problem that does not stop the run (checkpoints cannot be written)
    features_ready = Signal(object)  # (done, total): pictures through a frozen backbone before the first epoch

    def __init__(
        self,
        config: RunConfig,
        dataset: Dataset,
        control: RunControl,
        resume: Resume | None = None,
        initial_state: dict | None = None,
        tensorboard=None,
        health: bool = False,
        handoff=None,
        take_back=None,
    ):
        super().__init__()
        self.health = health  # record the layers' statistics (health_ready)
        self.config = config
        self.dataset = dataset
        self.control = control
        self.resume = resume
        self.initial_state = initial_state  # trained weights to start from (core.experiments.transfer.start_state)
        self.tensorboard = tensorboard  # a run folder to log into for TensorBoard (None: no logging)
        self.handoff = handoff  # the backprop stepper's run to train on from (core.experiments.stepper_handoff)
        self.take_back = take_back  # a callback keeping the run's end for the stepper (TakeBack), or None

    def _checkpoint(self) -> list[Checkpoint]:
        run_dir = self.resume.run_dir if self.resume is not None else new_run_dir(self.config)
        try:
            return [Checkpoint(run_dir, resuming=self.resume is not None, remove_when_done=True, on_error=self.warned.emit)]
        except CheckpointError as e:
            self.warned.emit(str(e))
            return []

    def _tensorboard(self, health: list[Callback]) -> list[Callback]:
        """The TensorBoard logger; with the health tab's recorder (`health`) it writes that
        recorder's epochs rather than run a second probe of its own."""
        if self.tensorboard is None:
            return []
        from playground.core.experiments.tensorboard import TensorBoardLogger

        def stopped(e: PlaygroundError) -> None:
            self.warned.emit(self.tr("TensorBoard logging stopped: {0}").format(error_text(e)))

        return [TensorBoardLogger(self.tensorboard, recorder=health[0] if health else None, on_error=stopped)]

    def _health(self) -> list[Callback]:
        if not self.health:
            return []
        from playground.core.experiments.layer_stats import LayerStatsRecorder

        return [LayerStatsRecorder(
            max_share=HEALTH_SHARE, every=HEALTH_EVERY, min_interval=HEALTH_INTERVAL, on_record=self.health_ready.emit
        )]

    def run(self) -> FitResult:
        bridge = QtBridge(self, self.dataset, neuron_maps=self.neuron_maps)
        # The bridge last: the time an epoch's checkpoint takes is then left out of samples/s.
        health = self._health()
        tensorboard = self._tensorboard(health)  # after the recorder: it logs the epoch just recorded
        callbacks = [*self._checkpoint(), *health, *tensorboard, *([self.take_back] if self.take_back else []), bridge]
        try:
            return fit(
                self.config,
                self.dataset,
                callbacks=callbacks,
                control=self.control,
                resume=self.resume if self.handoff is None else self.handoff,
                initial_state=self.initial_state,
            )
        finally:
            for logger in tensorboard:
                logger.close()  # a failed run's event file is complete too

    def explain(self, error: BaseException) -> str | tuple[str, str]:
        """The job's words for a failure of `run` (the job adds the traceback)."""
        if isinstance(error, PlaygroundError):
            return error_text(error)
        if isinstance(error, torch.OutOfMemoryError):
            message = self.tr(
                "Training ran out of memory. Lower the batch size, use a smaller model or train on the CPU."
            )
            return message, f"{error}\n\n{traceback.format_exc()}"
        # Anything else is a bug: reported with its traceback.
        return self.tr("Training failed: {0}: {1}").format(type(error).__name__, error)
