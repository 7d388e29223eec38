"""Evaluate Model… for a regression model: predicted against actual values of the test split
(a point per sample, the diagonal where they would be equal), with the mean absolute error and
R² — what a confusion matrix is to a classifier (evaluation.py). A thin view over
`core.experiments.regression_eval`; the data the model was trained on is loaded on a background
job when the Data tab has other data, and the predictions are computed on a pool thread."""

from __future__ import annotations

import logging

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, QRunnable, Signal, Slot
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from playground.core.errors import PlaygroundError
from playground.core.experiments.regression_eval import RegressionEvaluation, evaluate_regression
from playground.gui.dialogs.evaluation import _explain_load_failure, _load
from playground.gui.i18n.dataset_text import dataset_title
from playground.gui.i18n.errors import error_text
from playground.gui.jobs import Job
from playground.gui.run.plot_parts import light_plot_widget
from playground.gui.threads import start_pool_task

__all__ = ["RegressionEvaluationDialog"]

log = logging.getLogger(__name__)


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(str)


class _Job(QRunnable):
    def __init__(self, predictor, dataset):
        super().__init__()
        self.predictor, self.dataset = predictor, dataset
        self.signals = _Signals()

    def run(self) -> None:
        try:
            ev = evaluate_regression(self.predictor, self.dataset)
        except PlaygroundError as e:
            self.signals.failed.emit(error_text(e))
        except Exception as e:  # noqa: BLE001 - a bug: still reported to the user
            log.exception("Evaluating %s failed", self.predictor.source)
            self.signals.failed.emit(f"{type(e).__name__}: {e}")
        else:
            self.signals.finished.emit(ev)


class RegressionEvaluationDialog(QDialog):
    """Predicted vs actual on the test split of the data the model was trained on (`trained_on`
    with `trained_options`; the Data tab's `dataset` when it is that data)."""

    evaluated = Signal(object)  # RegressionEvaluation
    failed = Signal(str)
    idle = Signal()

    def __init__(
        self,
        predictor,
        dataset=None,
        parent: QWidget | None = None,
        *,
        trained_on: str | None = None,
        trained_options: dict | None = None,
        loaded_options: dict | None = None,
        data_dir: str | None = None,
    ):
        super().__init__(parent)
        self.predictor = predictor
        self.evaluation: RegressionEvaluation | None = None
        self.dataset = None
        self._outstanding = 0
        self._job = None
        self.setWindowTitle(self.tr("Evaluation — {0}").format(predictor.source))
        self.resize(720, 640)
        self.summary = QLabel(self.tr("Evaluating…"), wordWrap=True, objectName="regression_summary")
        self.plot_widget = light_plot_widget()
        plot = self.plot_widget.getPlotItem()
        plot.showGrid(x=True, y=True, alpha=0.15)
        plot.setAspectLocked(True)
        self.plot_widget.setToolTip(
            self.tr("Each point is a test sample: across, its true value; up, the model's prediction. On the diagonal they agree.")
        )
        self.diagonal = plot.plot(pen=pg.mkPen("#888", width=1, style=pg.QtCore.Qt.PenStyle.DashLine))
        self.points = pg.ScatterPlotItem(size=6, pen=None, brush=pg.mkBrush(31, 119, 180, 160))
        plot.addItem(self.points)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel(self.tr("Predicted (up) against actual (across) values of the test split")))
        layout.addWidget(self.plot_widget, 1)
        self._say_axes()

        fits = (
            dataset is not None
            and dataset.task == "regression"
            and trained_on is not None
            and dataset.name == trained_on
            and (trained_options is None or loaded_options is None or dict(trained_options) == dict(loaded_options))
        )
        if fits or (trained_on is None and dataset is not None):
            self._evaluate(dataset)
        elif trained_on:
            self.summary.setText(self.tr("Loading {0}…").format(trained_on))
            job = Job("evaluation-data", explain=_explain_load_failure)
            job.finished.connect(self._on_load_finished)
            job.failed.connect(self._on_load_failed)
            self._outstanding += 1
            job.start(_load, trained_on, dict(trained_options or {}), data_dir)
        else:
            self.summary.setText(self.tr("Load the data this model was trained on in the Data tab, then evaluate again."))

    def _say_axes(self) -> None:
        plot = self.plot_widget.getPlotItem()
        plot.setLabel("bottom", self.tr("Actual"))
        plot.setLabel("left", self.tr("Predicted"))

    def pending(self) -> bool:
        return self._outstanding > 0

    def _settle(self) -> None:
        self._outstanding -= 1
        if self._outstanding == 0:
            self.idle.emit()

    @Slot(object)
    def _on_load_finished(self, dataset) -> None:
        self._settle()
        self._evaluate(dataset)

    @Slot(str, str)
    def _on_load_failed(self, message: str, details: str) -> None:
        self._settle()
        self.summary.setText(self.tr("Cannot evaluate: {0}").format(message))
        self.failed.emit(message)

    def _evaluate(self, dataset) -> None:
        self.dataset = dataset
        self._job = _Job(self.predictor, dataset)
        self._job.signals.finished.connect(self._on_job_finished)
        self._job.signals.failed.connect(self._on_job_failed)
        self._outstanding += 1
        start_pool_task(self._job)

    @Slot(object)
    def _on_job_finished(self, ev: RegressionEvaluation) -> None:
        self._settle()
        self.set_evaluation(ev)

    @Slot(str)
    def _on_job_failed(self, message: str) -> None:
        self._settle()
        self.summary.setText(self.tr("Cannot evaluate: {0}").format(message))
        self.failed.emit(message)

    def set_evaluation(self, ev: RegressionEvaluation) -> None:
        self.evaluation = ev
        actual, predicted = ev.actual[:, 0], ev.predicted[:, 0]
        self.points.setData(actual, predicted)
        if len(actual):
            low = float(min(actual.min(), predicted.min()))
            high = float(max(actual.max(), predicted.max()))
            self.diagonal.setData(np.array([low, high]), np.array([low, high]))
        self._say_evaluation()
        self.evaluated.emit(ev)

    def _say_evaluation(self) -> None:
        ev = self.evaluation
        samples = len(ev.actual)
        self.summary.setText(
            self.tr("{0} on the test split of {1}: mean absolute error {2:.4g}, R² {3:.3f} (%n sample(s)).", "", samples).format(
                self.predictor.source, self._title(), ev.mae, ev.r2
            )
        )

    def _title(self) -> str:
        if self.dataset is None:
            return ""
        from playground.core.data.registry import list_datasets

        info = next((i for i in list_datasets() if i.name == self.dataset.name), None)
        return dataset_title(self.dataset.name, info.title if info else self.dataset.name)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Evaluation — {0}").format(self.predictor.source))
        self._say_axes()
        if self.evaluation is not None:
            self._say_evaluation()
