"""Experiments ▸ Loss Landscape…: the loss over a 2-D slice of parameter space, as a contour
plot (landscape_plot.py), computed in the background with progress and Cancel.

A thin view over `core.experiments.landscape` (read its docstring for the maths):

- *Around the trained model*: `landscape_of` — two random filter-normalised directions
  (Li et al. 2018) around the window's current run's weights, on the data it was trained on.
- *Optimizers' paths*: `optimizer_landscape` — the Compare lesson's SGD, Momentum, AdaGrad
  and Adam train the window's current model on the current data (each from the same initial
  weights), and the loss is drawn on the PCA plane of their paths, with each path projected
  onto it and the share of each step that lies outside the plane said below the plot.

The work runs as a job (gui/jobs.py) on its own thread; it gets frozen inputs (a RunConfig,
the run's TrainedModel, the Dataset) and sends back progress counts and, at the end, the core's
`Landscape` — NumPy arrays, no live tensors. Cancel sets the `RunControl` flag that the grid
loop and the training loop check, so it stops within one grid point or one batch; the points
computed so far are shown.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np
from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from playground.core.errors import PlaygroundError
from playground.core.experiments.compare import ComparisonCallback
from playground.core.experiments.landscape import BOOK_OPTIMIZERS, GRID, SAMPLES
from playground.gui.dialogs.landscape_plot import LandscapePlot
from playground.gui.i18n.core_text import spec_error_text, variant_name
from playground.gui.i18n.dataset_text import dataset_title
from playground.gui.i18n.retranslate import Retranslatable
from playground.gui.jobs import Job, controlled_job, wait_and_deliver
from playground.gui.run.run_names import run_title

__all__ = ["LandscapeDialog", "compute_landscape"]

PNG_NAME, JSON_NAME = "landscape.png", "landscape.json"  # as `playground landscape --out` writes them
REPORT_EVERY_S = 0.05  # grid progress is reported at most this often (and at the last point)
MODEL, PATHS = "model", "paths"


class _TrainingBridge(ComparisonCallback):
    """On the job's thread: which optimizer trains and its epochs, as plain numbers."""

    def __init__(self, report, epochs: int):
        self.report, self.epochs, self.index, self.name = report, epochs, 0, ""

    def on_variant_start(self, index, variant) -> None:
        self.index, self.name = index, variant.name
        self.report("training", (index, variant.name, 0, self.epochs))

    def on_epoch_end(self, state, logs) -> None:
        self.report("training", (self.index, self.name, logs.epoch, self.epochs))


def compute_landscape(mode, source, dataset, data_spec, data_dir, grid, samples, epochs, report, control):
    """The job's work (on its thread): load the data when not given (`data_spec`: name and
    options, never downloaded), then the core's landscape of `source` — a TrainedModel
    (mode MODEL) or a RunConfig whose optimizers' paths are trained (mode PATHS)."""
    from playground.core.experiments import landscape as core

    if dataset is None:
        from playground.core.data.registry import load_dataset

        report("loading", None)
        dataset = load_dataset(data_spec[0], data_spec[1], data_dir=data_dir, download=False)
    last = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.monotonic()
        if done in (1, total) or now - last[0] >= REPORT_EVERY_S:
            last[0] = now
            report("points", (done, total))

    if mode == MODEL:
        return core.landscape_of(source, dataset, grid=grid, samples=samples, progress=progress, control=control)
    config = source.with_overrides(**{"train.epochs": epochs})
    return core.optimizer_landscape(
        config, dataset, optimizers=BOOK_OPTIMIZERS, grid=grid, samples=samples, progress=progress, control=control,
        callbacks=[_TrainingBridge(report, epochs)],
    )


class LandscapeDialog(Retranslatable, QDialog):
    """Choose what to draw, compute it in the background, look at it, save it."""

    def __init__(self, window, parent: QWidget | None = None):
        super().__init__(parent or window)
        self.w = window
        self.setWindowTitle(self.tr("Loss landscape"))
        self.job: Job | None = None
        self.control = None
        self.result = None  # the core's Landscape last computed
        self._status = lambda: ""  # said again after a language switch
        self._note = lambda: ""

        self.model_radio = QRadioButton(self.tr("Around the &trained model (two random directions)"))
        self.paths_radio = QRadioButton(self.tr("The &optimizers' paths (SGD, Momentum, AdaGrad, Adam train the current model)"))
        group = QButtonGroup(self)
        group.addButton(self.model_radio)
        group.addButton(self.paths_radio)
        self.model_radio.setToolTip(
            self.tr("The loss around the current run's weights along two random directions, each filter scaled to the "
                    "weights' own size (Li et al. 2018)")
        )
        self.paths_radio.setToolTip(
            self.tr("The Compare lesson's optimizers train the current model on the current data from the same start; "
                    "the loss is drawn on the plane their paths span most")
        )
        self.source_label = QLabel(wordWrap=True)
        self.grid_spin = QSpinBox()
        self.grid_spin.setRange(2, 201)
        self.grid_spin.setValue(GRID)
        self.grid_spin.setToolTip(self.tr("Points per axis: the loss is computed at grid × grid weight settings"))
        self.samples_spin = QSpinBox()
        self.samples_spin.setRange(1, 100000)
        self.samples_spin.setValue(SAMPLES)
        self.samples_spin.setToolTip(self.tr("Training samples the loss is averaged over, the same ones at every point"))
        self.epochs_spin = QSpinBox()
        self.epochs_spin.setRange(1, 10000)
        self.epochs_spin.setToolTip(self.tr("Epochs each optimizer trains for"))
        self.log_check = QCheckBox(self.tr("&Log colour scale"))
        self.log_check.setChecked(True)
        form = QFormLayout()
        form.addRow(self.model_radio)
        form.addRow(self.paths_radio)
        form.addRow(self.source_label)
        sizes = QHBoxLayout()
        sizes.addWidget(self.grid_spin)
        sizes.addWidget(QLabel(self.tr("Samples:")))
        sizes.addWidget(self.samples_spin)
        self.epochs_label = QLabel(self.tr("Epochs:"))
        sizes.addWidget(self.epochs_label)
        sizes.addWidget(self.epochs_spin)
        sizes.addWidget(self.log_check)
        sizes.addStretch(1)
        form.addRow(self.tr("Grid:"), sizes)

        self.compute_button = QPushButton(self.tr("&Compute"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop after the current grid point (or batch); the points computed are kept"))
        self.cancel_button.setEnabled(False)
        self.save_button = QPushButton(self.tr("&Save PNG and JSON…"))
        self.save_button.setEnabled(False)
        self.progress = QProgressBar()
        self.status = QLabel()
        self.note = QLabel(wordWrap=True)
        self.note.setStyleSheet("color: #444;")
        buttons = QHBoxLayout()
        for b in (self.compute_button, self.cancel_button, self.save_button):
            buttons.addWidget(b)
        buttons.addWidget(self.progress, 1)
        self.plot = LandscapePlot()

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.note)
        self.resize(760, 780)

        self.model_radio.toggled.connect(self._refresh_source)
        self.compute_button.clicked.connect(self.compute)
        self.cancel_button.clicked.connect(self.cancel)
        self.save_button.clicked.connect(self.save)
        self.log_check.toggled.connect(self.plot.set_log_scale)
        self.w.controller.predictor_changed.connect(self._on_predictor_changed)
        run = self.w.controller.current_run
        (self.model_radio if run is not None and run.has_weights else self.paths_radio).setChecked(True)
        self.epochs_spin.setValue(self.w.controller.current_config().train.epochs)
        self._refresh_source()

    # ----------------------------------------------------------------- what is drawn

    def _run(self):
        run = self.w.controller.current_run
        return run if run is not None and run.has_weights else None

    @Slot(object)
    def _on_predictor_changed(self, _predictor) -> None:
        self._refresh_source()

    @Slot()
    def _refresh_source(self) -> None:
        paths = self.paths_radio.isChecked()
        self.epochs_spin.setEnabled(paths)
        self.epochs_label.setEnabled(paths)
        panel = self.w.data_panel
        if paths:
            text = self.tr("The current model trains on {0} with each optimizer; the plane is centred on Adam's end.").format(
                dataset_title(panel.data_config().name, panel.data_config().name)
            )
        elif self._run() is None:
            text = self.tr(
                "This window has no trained model yet: train one first (Train), or choose the optimizers' paths, "
                "which train their own."
            )
        else:
            text = self.tr("Around {0}, on the data it was trained on.").format(run_title(self._run()))
        self.source_label.setText(text)
        self.compute_button.setEnabled(self.job is None and (paths or self._run() is not None))

    def _inputs(self):
        """(mode, source, dataset or None, (name, options)) for the job; raises PlaygroundError."""
        panel = self.w.data_panel
        if self.paths_radio.isChecked():
            dataset = panel.dataset()
            if dataset is None:
                raise PlaygroundError(self.tr("The dataset is still loading or failed to load — see the Data tab."))
            return PATHS, self.w.controller.current_config(), dataset, None
        run = self._run()
        if run is None:
            raise PlaygroundError(self.tr("Train a model or open one first."))
        data = run.config.data
        loaded = panel.data_config()
        same = loaded.name == data.name and dict(loaded.options) == dict(data.options)
        return MODEL, run, panel.dataset() if same else None, (data.name, dict(data.options))

    # ----------------------------------------------------------------- running

    def is_running(self) -> bool:
        return self.job is not None

    @Slot()
    def compute(self) -> None:
        if self.job is not None:
            return
        try:
            mode, source, dataset, spec = self._inputs()
        except PlaygroundError as e:
            QMessageBox.warning(self, self.tr("Cannot draw the landscape"), spec_error_text(e))
            return
        self.result = None
        self.plot.clear()
        self._note = lambda: ""
        self.note.setText("")
        self.progress.setRange(0, 0)
        self._say(lambda: self.tr("Starting…"))
        self.compute_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.save_button.setEnabled(False)
        job, control = controlled_job("landscape", _explain, self._on_progressed, self._on_finished, self._on_failed)
        self.job, self.control = job, control
        job.ended.connect(self._on_ended)
        job.start(
            compute_landscape, mode, source, dataset, spec, getattr(self.w, "data_dir", None), self.grid_spin.value(),
            self.samples_spin.value(), self.epochs_spin.value(), job.report, control,
        )

    @Slot()
    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self._say(lambda: self.tr("Stopping…"))

    def shutdown(self, timeout_ms: int = 10000) -> bool:
        """Stop and wait for the job (the window closes)."""
        if self.job is not None:
            self.job.cancel()
        return wait_and_deliver(self.job, timeout_ms)

    @Slot(str, object)
    def _on_progressed(self, kind: str, payload) -> None:
        if kind == "loading":
            self._say(lambda: self.tr("Loading the data…"))
        elif kind == "training":
            index, name, epoch, epochs = payload
            self.progress.setRange(0, len(BOOK_OPTIMIZERS) * epochs)
            self.progress.setValue(index * epochs + epoch)
            self._say(lambda: self.tr("Training {0}: epoch {1} of {2}").format(variant_name(name), epoch, epochs))
        elif kind == "points":
            done, total = payload
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            self._say(lambda: self.tr("Computing the loss: {0:,} of {1:,} points").format(done, total))

    @Slot(object)
    def _on_finished(self, land) -> None:
        self.result = land
        self.plot.show_landscape(land)
        done, total = int(np.isfinite(land.losses).sum()), int(land.losses.size)
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        if land.complete:
            self._say(lambda: self.tr("{0}×{1} grid on {2:,} training samples in {3:.1f} s; loss at the centre {4:.4g}.").format(
                len(land.x), len(land.y), land.samples, land.seconds, land.center_loss))
        else:
            self._say(lambda: self.tr("Stopped: {0:,} of {1:,} points computed (the rest are left blank).").format(done, total))
        self._note = lambda: self._paths_note(land)
        self.note.setText(self._note())
        self.save_button.setEnabled(True)

    @Slot(str, str)
    def _on_failed(self, message: str, details: str) -> None:
        if self.control is not None and self.control.stop_requested:
            self._say(lambda: self.tr("Stopped before anything could be drawn."))
            return
        self._say(lambda: self.tr("Failed."))
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Cannot draw the landscape"), message, parent=self)
        box.setDetailedText(details)
        box.open()

    @Slot()
    def _on_ended(self) -> None:
        self.job, self.control = None, None
        self.cancel_button.setEnabled(False)
        if self.progress.maximum() == 0:
            self.progress.setRange(0, 1)
        self._refresh_source()

    def _say(self, status) -> None:
        self._status = status
        self.status.setText(status())

    def _paths_note(self, land) -> str:
        """Each path's share outside the plane, and the plane's share of the paths' spread."""
        if not land.paths:
            return ""
        parts = []
        for p in land.paths:
            share = float(p.step_out_of_plane.mean()) if len(p.step_out_of_plane) else 0.0
            parts.append(self.tr("{0}: {1:.0%} of a step").format(variant_name(p.name), share))
        text = self.tr("Outside the plane, on average: {0}. Where that is large, the drawn path is only a shadow of the real one.").format(
            "; ".join(parts))
        explained = land.plane.get("explained_variance")
        if explained:
            e1, e2 = explained
            text += " " + self.tr("The plane holds {0:.0%} of the paths' spread ({1:.0%} + {2:.0%}).").format(e1 + e2, e1, e2)
        return text

    def retranslate(self) -> None:
        self.status.setText(self._status())
        self.note.setText(self._note())
        self._refresh_source()
        self.plot.retranslate()

    # ----------------------------------------------------------------- saving

    @Slot()
    def save(self) -> str | None:
        """Write landscape.png and landscape.json (as `playground landscape --out` does) into a
        folder the user picks; returns the folder, or None."""
        if self.result is None:
            return None
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for landscape.png and landscape.json"))
        if not folder:
            return None
        from playground.core.experiments.landscape_image import landscape_png
        from playground.core.io.atomic import write_files

        record = {"source": "window", **self.result.to_dict()}
        out = Path(folder)
        try:
            write_files([(out / PNG_NAME, landscape_png(self.result)), (out / JSON_NAME, (json.dumps(record, indent=1) + "\n").encode("utf-8"))])
        except OSError as e:
            QMessageBox.warning(self, self.tr("Cannot save the landscape"), self.tr("Could not write to {0}: {1}").format(folder, e.strerror or e))
            return None
        self._say(lambda: self.tr("Saved {0} and {1} in {2}.").format(PNG_NAME, JSON_NAME, folder))
        return folder


def _explain(error: BaseException) -> str:
    if isinstance(error, PlaygroundError):
        return spec_error_text(error)
    return f"{type(error).__name__}: {error}"
