"""Ensembles: several models trained in the background and averaged.

`EnsemblePanel` trains one ensemble at a time as a background job (gui/jobs.py) and shows the
outcome: progress, each member's and the ensemble's test accuracy (`EnsembleTable`), Stop,
"use as the current model" and Export Ensemble… (ONNX). Two dialogs show one:
Experiments ▸ Train Ensemble… (`EnsembleDialog`: K seeds of the current settings) and the
search view's Ensemble of Top K… (`TopEnsembleDialog`: the best trials, retrained).
"""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from playground.core.config.spec import RunConfig
from playground.core.errors import PlaygroundError
from playground.core.experiments.ensemble import EnsembleResult, train_ensemble, train_ensemble_from_configs
from playground.core.experiments.tune import TrialRow
from playground.core.training.loop import RunControl
from playground.gui.i18n.retranslate import Retranslatable
from playground.gui.i18n.core_text import spec_error_text
from playground.gui.jobs import Job, controlled_job, wait_and_deliver
from playground.gui.threads import start_pool_task

__all__ = ["EnsembleDialog", "EnsemblePanel", "EnsembleTable", "TopEnsembleDialog", "explain_failure"]

log = logging.getLogger(__name__)


def explain_failure(error: BaseException) -> tuple[str, str]:
    """A failed ensemble in the user's words, and no details: (message, ""). Runs on the job's
    thread inside its `except` block. The engine's errors name the problem and the fix (a layer
    stack that does not fit the data: in the UI's language); anything else is a bug, whose
    traceback goes to the log (stderr), not into the learner's message box."""
    if isinstance(error, PlaygroundError):
        return spec_error_text(error), ""
    log.exception("Training the ensemble failed")
    return (
        QCoreApplication.translate(
            "EnsemblePanel",
            "Training stopped on an unexpected error ({0}). Check the layers and settings, train one model with "
            "Train to see whether it trains, then try the ensemble again.",
        ).format(f"{type(error).__name__}: {error}"),
        "",
    )


class EnsembleTable(QTableWidget):
    """Each member's and the ensemble's test accuracy, one row each."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(0, 2, parent)
        self.setHorizontalHeaderLabels([self.tr("Model"), self.tr("Test acc.")])
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)

    def add_row(self, name: str, accuracy: float | None) -> None:
        row = self.rowCount()
        self.insertRow(row)
        self.setItem(row, 0, QTableWidgetItem(name))
        item = QTableWidgetItem("–" if accuracy is None else f"{accuracy:.2%}")
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setItem(row, 1, item)


class EnsemblePanel(QWidget):
    """One ensemble training at a time on a worker thread, and its outcome: progress, the
    results table, Stop, "use as the current model" (`use_requested` carries the predictor)
    and Export Ensemble… (the averaging model as ONNX). The seed ensemble dialog and the
    search view's top-K ensemble both show one."""

    finished = Signal(object)  # EnsembleResult
    failed = Signal(str)
    use_requested = Signal(object)  # EnsemblePredictor
    running_changed = Signal(bool)
    exported = Signal(list)  # the paths written
    export_failed = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.result: EnsembleResult | None = None
        self.names: list[str] = []
        self.default_dir = ""  # where the export dialog opens
        self._job: Job | None = None
        self._control: RunControl | None = None  # the job's flags: has Stop been pressed?
        self._export_job = None
        self._names_of: Callable[[], list[str]] = list
        self._status: Callable[[], str] = str
        self.stop_button = QPushButton(self.tr("&Stop"))
        self.stop_button.setToolTip(self.tr("Stop after the current batch; the members that finished form the ensemble"))
        self.stop_button.setEnabled(False)
        self.use_button = QPushButton(self.tr("&Use as Current Model"))
        self.use_button.setToolTip(self.tr("Predict with the ensemble on the canvas and in the evaluation view"))
        self.use_button.setEnabled(False)
        self.export_button = QPushButton(self.tr("E&xport Ensemble…"))
        self.export_button.setToolTip(
            self.tr("Save the ensemble as one ONNX model that runs every member and averages their probabilities")
        )
        self.export_button.setEnabled(False)
        self.progress = QProgressBar()
        self.status = QLabel(wordWrap=True)
        self.table = EnsembleTable()
        self.buttons = QHBoxLayout()
        for b in (self.stop_button, self.use_button, self.export_button):
            self.buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        self.stop_button.clicked.connect(self.stop)
        self.use_button.clicked.connect(self.use_ensemble)
        self.export_button.clicked.connect(self.export_ensemble)

    def is_running(self) -> bool:
        return self._job is not None

    def start(self, train: Callable[..., EnsembleResult], names) -> None:
        """Train on a worker thread: `train(control=..., on_member_end=...)` returns the
        EnsembleResult; `names` label the members' rows, in training order (a list, or a
        function that gives it in the installed language: said again after a language switch)."""
        if self.is_running():
            raise RuntimeError("An ensemble is already training; stop it first.")
        self._names_of = names if callable(names) else (lambda names=list(names): names)
        self.result, self.names = None, list(self._names_of())
        self.table.setRowCount(0)
        count = len(self.names)
        self.progress.setRange(0, count)
        self.progress.setValue(0)
        self._say(lambda: self.tr("Training member {0} of {1}…").format(1, count))
        job, control = controlled_job(
            "ensemble", explain_failure, self._on_job_progressed, self._on_job_finished, self._on_job_failed
        )
        self._job, self._control = job, control
        self._update_buttons()
        job.start(train, control=control, on_member_end=lambda index, result: job.report("member", (index, result)))
        self.running_changed.emit(True)

    @Slot()
    def stop(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self._say(lambda: self.tr("Stopping after the current batch…"))

    def shutdown(self, timeout_ms: int = 10000) -> bool:
        """Stop and wait for the thread (closing); its last signals are delivered first."""
        self.stop()
        return wait_and_deliver(self._job, timeout_ms)

    def _ended(self) -> None:
        self._job = self._control = None
        self._update_buttons()
        self.running_changed.emit(False)

    def _update_buttons(self) -> None:
        running = self.is_running()
        trained = self.result is not None and self.result.ensemble is not None
        self.stop_button.setEnabled(running)
        self.use_button.setEnabled(not running and trained and self.result.task == "classification")
        self.export_button.setEnabled(not running and trained and self._export_job is None)

    @Slot(str, object)
    def _say(self, text: Callable[[], str]) -> None:
        """Show the status `text()` says; kept, to say it again after a language switch."""
        self._status = text
        self.status.setText(text())

    def retranslate(self) -> None:
        """The members' names, the ensemble's row and the status in the installed language."""
        self.names = list(self._names_of())
        ensemble = self.result is not None and self.result.ensemble is not None
        members = self.table.rowCount() - int(ensemble)  # a row per member that finished, then the ensemble's
        for row in range(min(members, len(self.names))):
            self.table.item(row, 0).setText(self.names[row])
        if ensemble:
            self.table.item(members, 0).setText(self.tr("ensemble of {0}").format(len(self.result.members)))
        self.status.setText(self._status())

    def _on_job_progressed(self, kind: str, member: tuple) -> None:
        index, result = member  # the only report: ("member", (index, its FitResult))
        k = len(self.names)
        self.progress.setValue(index + 1)
        name = self.names[index] if index < len(self.names) else str(index + 1)
        self.table.add_row(name, result.test_accuracy)
        if index + 1 < k and not (self._control is not None and self._control.stop_requested):
            self._say(lambda: self.tr("Training member {0} of {1}…").format(index + 2, k))

    @Slot(object)
    def _on_job_finished(self, result: EnsembleResult) -> None:
        self.result = result
        self._ended()
        if result.ensemble is not None:
            self.table.add_row(self.tr("ensemble of {0}").format(len(result.members)), result.test_accuracy)
        if result.ensemble is None:
            self._say(lambda: self.tr("No member finished training, so there is no ensemble."))
        elif result.status == "stopped":
            self._say(lambda: self.tr("Stopped: the ensemble has the {0} members that finished.").format(len(result.members)))
        elif result.skipped:
            self._say(lambda:
                self.tr("Done. Left out (did not finish): {0}").format("; ".join(result.skipped))
            )
        else:
            self._say(lambda: self.tr("Done."))
        self.progress.setValue(self.progress.maximum())
        self.finished.emit(result)

    @Slot(str, str)
    def _on_job_failed(self, message: str, details: str) -> None:
        self._ended()
        self._say(lambda: self.tr("Failed."))
        # `details` is empty (explain_failure logs a bug's traceback instead): the message says it all.
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Training the ensemble failed"), message, parent=self)
        box.open()
        self.failed.emit(message)

    @Slot()
    def use_ensemble(self) -> None:
        if self.result is None or self.result.ensemble is None:
            return
        self.use_requested.emit(self.result.predictor(self.tr("Ensemble of {0}").format(len(self.result.members))))

    # ----------------------------------------------------------------- export

    @Slot()
    def export_ensemble(self) -> None:
        """Ask for an .onnx file (the save dialog asks before replacing one) and export there."""
        if self.result is None or self.result.ensemble is None or self._export_job is not None:
            return
        from playground.gui.dialogs.export_dialog import ask_ensemble_onnx_path

        path = ask_ensemble_onnx_path(self, Path(self.default_dir or ".") / f"ensemble-of-{len(self.result.members)}.onnx")
        if path is not None:
            self.start_export(path)

    def start_export(self, path: Path) -> None:
        """Export on a pool thread (a few seconds); `exported` or `export_failed` follows."""
        from playground.gui.dialogs.export_dialog import _ExportJob

        self._export_job = _ExportJob(self.result, "onnx", Path(path))
        self._export_job.signals.finished.connect(self._on_export_finished)
        self._export_job.signals.failed.connect(self._on_export_failed)
        self._update_buttons()
        self._say(lambda: self.tr("Exporting {0}…").format(Path(path).name))
        start_pool_task(self._export_job)

    @Slot(list)
    def _on_export_finished(self, paths: list) -> None:
        self._export_job = None
        self._update_buttons()
        self._say(lambda: self.tr("Exported the ensemble to {0}").format(", ".join(paths)))
        self.exported.emit(paths)

    @Slot(str)
    def _on_export_failed(self, message: str) -> None:
        self._export_job = None
        self._update_buttons()
        self._say(lambda: self.tr("The export failed."))
        QMessageBox.warning(
            self,
            self.tr("Cannot export the ensemble"),
            message + "\n\n" + self.tr("Nothing was overwritten. Choose another folder or file name and try again."),
        )
        self.export_failed.emit(message)


class EnsembleDialog(Retranslatable, QDialog):
    """Train K copies of the current settings (seeds s, s+1, ...) in the background, show each
    member's and the ensemble's test accuracy, and hand the ensemble to the window (the
    canvas and the evaluation view then use it like one model) or export it as ONNX."""

    finished = Signal(object)  # EnsembleResult

    def __init__(self, window, parent: QWidget | None = None):
        super().__init__(parent or window)
        self.w = window
        self.setWindowTitle(self.tr("Ensemble — average several models"))
        self.resize(600, 420)
        self.members_spin = QSpinBox()
        self.members_spin.setRange(2, 20)
        self.members_spin.setValue(3)
        self.members_spin.setToolTip(self.tr("How many models to train, each with its own seed"))
        self.run_button = QPushButton(self.tr("&Train"))
        self.run_button.setToolTip(self.tr("Train the members one after another with the current settings"))
        self.panel = EnsemblePanel()
        self.panel.buttons.insertWidget(0, self.run_button)
        # The panel's parts, by the names this dialog has always had.
        self.stop_button, self.use_button, self.export_button = (
            self.panel.stop_button, self.panel.use_button, self.panel.export_button,
        )
        self.progress, self.status, self.table = self.panel.progress, self.panel.status, self.panel.table
        form = QFormLayout()
        form.addRow(self.tr("Members:"), self.members_spin)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Each member trains with the current settings and its own seed; the ensemble averages their probabilities."), wordWrap=True))
        layout.addLayout(form)
        layout.addWidget(self.panel, 1)
        self.run_button.clicked.connect(self.run)
        self.panel.running_changed.connect(self._update_run_button)
        self.panel.finished.connect(self.finished)
        self.panel.use_requested.connect(self._on_panel_use_requested)
        # Train is offered only when the window could train: a layer stack that fits the data,
        # the data loaded. Its tooltip says what is missing.
        builder, data = window.layer_builder, window.data_panel
        for signal in (builder.validity_changed, builder.spec_changed, data.dataset_changed, data.load_failed,
                       data.shape_known, data.config_changed):
            signal.connect(self._update_run_button)
        self._update_run_button()

    def why_not_ready(self) -> str:
        """Why the ensemble cannot train now ("" when it can)."""
        builder = self.w.layer_builder
        if not builder.is_valid():
            return self.tr("Fix the layer stack first: {0}").format(builder.validation_message())
        if self.w.data_panel.dataset() is None:
            return self.tr("The dataset is still loading or failed to load — see the Data tab.")
        return ""

    def _update_run_button(self, *_args) -> None:
        why = self.why_not_ready()
        self.run_button.setEnabled(not why and not self.is_running())
        self.run_button.setToolTip(why or self.tr("Train the members one after another with the current settings"))

    @property
    def result(self) -> EnsembleResult | None:
        return self.panel.result

    def is_running(self) -> bool:
        return self.panel.is_running()

    @Slot()
    def run(self) -> None:
        if self.is_running():
            return
        why = self.why_not_ready()
        if why:
            QMessageBox.warning(self, self.tr("Cannot train the ensemble"), why)
            return
        dataset = self.w.data_panel.dataset()
        config = self.w.controller.current_config()
        try:
            config.validate()
        except PlaygroundError as e:
            QMessageBox.warning(self, self.tr("Cannot train the ensemble"), spec_error_text(e))
            return
        k = self.members_spin.value()
        seed = config.train.seed
        names = lambda: [self.tr("member {0} (seed {1})").format(i + 1, seed + i) for i in range(k)]  # noqa: E731
        files = self.w.model_files  # File ▸ Export's folder: where the last export went
        self.panel.default_dir = str(files.export_dir()) if files is not None else self.w.controller._last_dir()
        self.panel.start(partial(train_ensemble, config, k, dataset), names)

    @Slot()
    def stop(self) -> None:
        self.panel.stop()

    def shutdown(self, timeout_ms: int = 10000) -> bool:
        return self.panel.shutdown(timeout_ms)

    @Slot()
    def use_ensemble(self) -> None:
        self.panel.use_ensemble()

    @Slot(object)
    def retranslate(self) -> None:
        self._update_run_button()
        self.panel.retranslate()

    def _on_panel_use_requested(self, predictor) -> None:
        self.w.controller.set_predictor(predictor)

    def closeEvent(self, event) -> None:
        self.shutdown()
        super().closeEvent(event)


class TopEnsembleDialog(Retranslatable, QDialog):
    """The top K trials of a search retrained and averaged: each member's and the ensemble's
    test accuracy, Stop, use on the canvas, export as ONNX (an `EnsemblePanel`)."""

    def __init__(self, data_dir: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Ensemble of the best trials"))
        self.resize(600, 420)
        self.data_dir = data_dir
        self._intro = None  # says the intro in the installed language
        self.intro = QLabel(wordWrap=True)
        self.panel = EnsemblePanel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.panel, 1)

    def is_running(self) -> bool:
        return self.panel.is_running()

    def retranslate(self) -> None:
        if self._intro is not None:
            self.intro.setText(self._intro())
        self.panel.retranslate()

    def start(self, top: list[tuple[TrialRow, RunConfig]], asked: int) -> None:
        """Train one member per (trial, config), the best trial first."""
        configs = [cfg for _, cfg in top]
        rows = [row for row, _ in top]
        names = lambda: [self.tr("trial {0} (value {1:.4f})").format(row.number, row.value) for row in rows]  # noqa: E731

        def intro() -> str:
            text = self.tr(
                "The {0} best complete trials, retrained from their settings with their own seed (a study keeps no "
                "weights), so each member is the model its trial scored; the ensemble averages their probabilities."
            ).format(len(top))
            if len(top) < asked:
                text += " " + self.tr("The study has only {0} complete trials.").format(len(top))
            return text

        self._intro = intro
        self.intro.setText(intro())
        train = partial(
            train_ensemble_from_configs, configs, None, labels=[f"trial {row.number}" for row, _ in top], data_dir=self.data_dir
        )
        self.panel.start(train, names)

    def shutdown(self, timeout_ms: int = 10000) -> bool:
        return self.panel.shutdown(timeout_ms)

    def closeEvent(self, event) -> None:
        self.shutdown()
        super().closeEvent(event)
