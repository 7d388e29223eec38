"""Experiments ▸ Compare…: run a lesson or one varied setting in the background and overlay
the variants' curves; Experiments ▸ Evaluate Model… opens the evaluation view (evaluation.py).

Thin views over `core.compare`: the dialog builds a frozen `Comparison` on the GUI thread, a
`ComparisonRunner` trains it on a `QThread` (as session.py does for one run), and a
`ComparisonCallback` on the training thread emits each variant's start, epochs and end as
signals. Stop is the `RunControl` flag the training loop checks between batches.

Experiments ▸ Train Ensemble… trains K seeds of the current settings in an `EnsemblePanel`
(results table, Stop, use on the canvas, export as ONNX), which the search dialog's top-K
ensemble reuses.
"""

from __future__ import annotations

import html
import traceback
from functools import partial
from pathlib import Path
from typing import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, Qt, QThread, QThreadPool, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from playground.gui.i18n.core_text import setting_help, spec_error_text, variant_name
from playground.gui.threads import start_thread, wait_and_deliver, worker_thread
from playground.core.experiments.compare import SETTINGS, Comparison, ComparisonCallback, ComparisonResult, run_comparison, vary
from playground.core.experiments.lessons import LESSONS, lesson
from playground.core.experiments.ensemble import EnsembleResult, train_ensemble
from playground.core.errors import PlaygroundError
from playground.core.training.loop import EpochLogs, RunControl
from playground.gui.run.plots import OVERLAY_COLORS, TRAIN_COLOR, VAL_COLOR, light_plot_widget

__all__ = [
    "ComparisonRunner",
    "ComparisonWorker",
    "EnsembleDialog",
    "EnsemblePanel",
    "EnsembleTable",
    "EnsembleWorker",
    "ExperimentActions",
    "ExperimentsDialog",
]

VARIANT_COLORS = (TRAIN_COLOR, VAL_COLOR, *OVERLAY_COLORS)

# Values a learner most likely wants for each setting, filled in when the setting is picked.
DEFAULT_VALUES = {
    "optimizer": "sgd,momentum,adagrad,rmsprop,adam,adamw,radam,adabound",
    "lr": "0.001,0.01,0.1",
    "init": "zeros,normal_001,xavier,he_normal",
    "batch_size": "16,64,256",
    "l2": "off,on",
    "dropout": "off,on",
    "augmentation": "off,on",
    "batchnorm": "off,on",
    "preset": "perceptron,xor-mlp",
}


class _Bridge(ComparisonCallback):
    """On the training thread: forwards the comparison's events to the worker's signals."""

    def __init__(self, worker: "ComparisonWorker"):
        self.worker = worker
        self.index = 0

    def on_variant_start(self, index, variant) -> None:
        self.index = index
        self.worker.variant_started.emit(index, variant.name)

    def on_epoch_end(self, state, logs: EpochLogs) -> None:
        self.worker.epoch_ended.emit(self.index, logs)

    def on_variant_end(self, index, result) -> None:
        self.worker.variant_finished.emit(index, result.row())


class ComparisonWorker(QObject):
    """Loads the data (unless given) and runs the comparison once, in whatever thread it
    lives in; emits exactly one of `finished` or `failed`."""

    variant_started = Signal(int, str)
    epoch_ended = Signal(int, object)  # (variant index, EpochLogs)
    variant_finished = Signal(int, dict)  # (variant index, VariantResult.row())
    finished = Signal(object)  # ComparisonResult
    failed = Signal(str, str)  # (message for the user, traceback text)

    def __init__(self, comparison: Comparison, dataset, control: RunControl, data_dir: str | None = None):
        super().__init__()
        self.comparison, self.dataset, self.control, self.data_dir = comparison, dataset, control, data_dir

    @Slot()
    def run(self) -> None:
        try:
            result = run_comparison(
                self.comparison, self.dataset, callbacks=[_Bridge(self)], control=self.control, data_dir=self.data_dir
            )
        except PlaygroundError as e:
            self.failed.emit(spec_error_text(e), traceback.format_exc())  # translate() is thread-safe
        except Exception as e:  # noqa: BLE001 - a bug: reported with its traceback, never swallowed
            self.failed.emit(f"{type(e).__name__}: {e}", traceback.format_exc())
        else:
            self.finished.emit(result)


class ComparisonRunner(QObject):
    """Runs one comparison at a time on a background thread and relays its signals."""

    variant_started = Signal(int, str)
    epoch_ended = Signal(int, object)
    variant_finished = Signal(int, dict)
    finished = Signal(object)
    failed = Signal(str, str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._thread: QThread | None = None
        self._control: RunControl | None = None

    def is_running(self) -> bool:
        return self._thread is not None

    def start(self, comparison: Comparison, dataset=None, data_dir: str | None = None) -> None:
        if self.is_running():
            raise RuntimeError("A comparison is already running; stop it first.")
        control = RunControl()
        worker = ComparisonWorker(comparison, dataset, control, data_dir)
        thread = worker_thread(worker, "comparison")
        worker.variant_started.connect(self.variant_started)
        worker.epoch_ended.connect(self.epoch_ended)
        worker.variant_finished.connect(self.variant_finished)
        worker.finished.connect(self._on_worker_finished)
        worker.failed.connect(self._on_worker_failed)
        self._thread, self._control, self._worker = thread, control, worker
        start_thread(thread)

    @Slot()
    def stop(self) -> None:
        if self._control is not None:
            self._control.stop()

    def shutdown(self, timeout_ms: int = 10000) -> bool:
        """Stop and wait for the thread (closing); its last signals are delivered first."""
        self.stop()
        return wait_and_deliver(self, self._thread, timeout_ms)

    def _ended(self) -> None:
        # The worker has returned from run(); its thread is only leaving its event loop.
        # Dropping the last reference to a QThread still running aborts the process.
        self._thread.wait()
        self._thread = self._control = self._worker = None

    @Slot(object)
    def _on_worker_finished(self, result) -> None:
        self._ended()
        self.finished.emit(result)

    @Slot(str, str)
    def _on_worker_failed(self, message: str, details: str) -> None:
        self._ended()
        self.failed.emit(message, details)


class _CurvePlots(QWidget):
    """Loss and accuracy against epochs, one colour per variant: solid training, dashed validation."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.hint = QLabel(self.tr("Solid lines: training; dashed lines: validation."))
        self.hint.setStyleSheet("color: #555;")
        outer.addWidget(self.hint)
        layout = QHBoxLayout()
        outer.addLayout(layout, 1)
        self.loss_plot = light_plot_widget()
        self.acc_plot = light_plot_widget()
        for widget, title in ((self.loss_plot, self.tr("Loss")), (self.acc_plot, self.tr("Accuracy"))):
            item = widget.getPlotItem()
            item.setTitle(title, color="#333")
            item.setLabel("bottom", self.tr("epoch"))
            item.showGrid(x=True, y=True, alpha=0.2)
            item.getViewBox().setMouseEnabled(x=True, y=True)
            layout.addWidget(widget)
        # One legend for both plots, below them: a legend inside a plot hid curves wherever
        # it sat (eight optimizers' accuracies fill the top, slow ones the bottom right).
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        outer.addWidget(self.legend)
        self.names: dict[int, str] = {}
        self.curves: dict[int, dict[str, pg.PlotDataItem]] = {}
        self.data: dict[int, dict[str, list]] = {}

    def clear(self) -> None:
        for widget in (self.loss_plot, self.acc_plot):
            widget.getPlotItem().clear()
        self.curves.clear()
        self.data.clear()
        self.names.clear()
        self.legend.clear()

    def _update_legend(self) -> None:
        entries = []
        for index in sorted(self.names):
            color = VARIANT_COLORS[index % len(VARIANT_COLORS)]
            # A coloured bar and the name kept together (&nbsp;); wrapping happens between entries.
            name = html.escape(self.names[index]).replace(" ", "&nbsp;")
            entries.append(f'<span style="color:{color}; font-weight:bold;">&#9473;&#9473;</span>&nbsp;{name}')
        self.legend.setText("&nbsp;&nbsp;&nbsp; ".join(entries))

    def add_variant(self, index: int, name: str) -> None:
        color = VARIANT_COLORS[index % len(VARIANT_COLORS)]
        solid = pg.mkPen(color, width=2)
        dashed = pg.mkPen(color, width=2, style=Qt.PenStyle.DashLine)
        lp, ap = self.loss_plot.getPlotItem(), self.acc_plot.getPlotItem()
        self.curves[index] = {
            "loss": lp.plot([], [], pen=solid, name=name),
            "val_loss": lp.plot([], [], pen=dashed),
            "accuracy": ap.plot([], [], pen=solid, name=name),
            "val_accuracy": ap.plot([], [], pen=dashed),
        }
        self.names[index] = name
        self._update_legend()
        self.data[index] = {k: [] for k in ("epoch", "loss", "val_loss", "accuracy", "val_accuracy")}

    def add_epoch(self, index: int, logs: EpochLogs) -> None:
        if index not in self.data:
            self.add_variant(index, str(index + 1))
        d = self.data[index]
        d["epoch"].append(logs.epoch)
        for key in ("loss", "val_loss", "accuracy", "val_accuracy"):
            value = getattr(logs, key)
            d[key].append(np.nan if value is None else value)
        epochs = np.asarray(d["epoch"], dtype=float)
        for key, curve in self.curves[index].items():
            values = np.asarray(d[key], dtype=float)
            ok = np.isfinite(values)
            curve.setData(epochs[ok], values[ok])


class _HistogramGrid(pg.GraphicsLayoutWidget):
    """Activation histograms: one row per variant, one column per hidden layer (DLFS fig. 6-10)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setBackground("w")

    def show_result(self, result: ComparisonResult, after: bool = False) -> None:
        self.clear()
        row = 0
        for v in result.variants:
            hists = v.histograms_after if after else v.histograms_before
            if not hists:
                continue
            label = self.addLabel(variant_name(v.name), row=row, col=0, color="#333")
            label.setMaximumWidth(120)
            for col, h in enumerate(hists, start=1):
                plot = self.addPlot(row=row, col=col)
                if row == 0:
                    plot.setTitle(h.label, color="#333", size="8pt")
                centres = (h.edges[:-1] + h.edges[1:]) / 2
                width = float(h.edges[1] - h.edges[0])
                plot.addItem(pg.BarGraphItem(x=centres, height=h.counts, width=width, brush="#0877bd", pen=None))
                plot.hideAxis("left")
                plot.setMouseEnabled(False, False)
            row += 1


class ExperimentsDialog(QDialog):
    """Pick a lesson or a setting to vary, run it in the background, watch the curves."""

    def __init__(self, window, parent: QWidget | None = None):
        super().__init__(parent or window)
        self.w = window
        self.setWindowTitle(self.tr("Experiments — compare variants"))
        self.resize(1100, 760)
        self.runner = ComparisonRunner(self)
        self.result: ComparisonResult | None = None
        self.comparison: Comparison | None = None
        self._epochs_done = 0

        # -- what to compare
        self.lesson_radio = QRadioButton(self.tr("&Lesson"))
        self.vary_radio = QRadioButton(self.tr("&Vary a setting of the current model"))
        self.lesson_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.lesson_radio)
        group.addButton(self.vary_radio)
        self.guide = self._lesson_guide()
        self.lesson_combo = QComboBox()
        for name, entry in LESSONS.items():
            self.lesson_combo.addItem(self.guide.get(name, (entry.title, ""))[0], name)
        self.lesson_combo.setToolTip(self.tr("Ready-made comparisons that deep-learning courses teach"))
        self.setting_combo = QComboBox()
        titles = self._setting_titles()
        for name, help_text in SETTINGS.items():
            self.setting_combo.addItem(titles.get(name, name), name)
            self.setting_combo.setItemData(
                self.setting_combo.count() - 1, setting_help(name, help_text), Qt.ItemDataRole.ToolTipRole
            )
        self.values_edit = QLineEdit()
        self.values_edit.setToolTip(self.tr("Comma-separated values of the setting, e.g. 0.001,0.01,0.1"))
        self.current_data_check = QCheckBox(self.tr("Use the current dataset"))
        self.current_data_check.setToolTip(
            self.tr("Run the lesson on the dataset loaded in the Data tab instead of its own (MNIST sample)")
        )
        self.epochs_spin = QSpinBox()
        self.epochs_spin.setRange(0, 1000)
        self.epochs_spin.setSpecialValueText(self.tr("default"))
        self.epochs_spin.setToolTip(self.tr("Epochs per variant (default: the lesson's or the current settings')"))
        self.description = QLabel(wordWrap=True)
        self.description.setStyleSheet("color: #444;")

        form = QFormLayout()
        lesson_row = QHBoxLayout()
        lesson_row.addWidget(self.lesson_combo, 1)
        lesson_row.addWidget(self.current_data_check)
        form.addRow(self.lesson_radio, lesson_row)
        vary_row = QHBoxLayout()
        vary_row.addWidget(self.setting_combo)
        vary_row.addWidget(self.values_edit, 1)
        form.addRow(self.vary_radio, vary_row)
        form.addRow(self.tr("Epochs:"), self.epochs_spin)

        self.run_button = QPushButton(self.tr("&Run"))
        self.run_button.setShortcut(QKeySequence("Ctrl+Return"))
        self.run_button.setToolTip(self.tr("Train every variant, one after another (Ctrl+Return)"))
        self.stop_button = QPushButton(self.tr("&Stop"))
        self.stop_button.setToolTip(self.tr("Stop after the current batch; finished variants are kept"))
        self.stop_button.setEnabled(False)
        self.progress = QProgressBar()
        self.status = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.status, 2)

        # -- results
        self.curves = _CurvePlots()
        self.table = QTableWidget(0, 9)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Variant"),
                self.tr("Status"),
                self.tr("Epochs"),
                self.tr("Train loss"),
                self.tr("Train acc."),
                self.tr("Val. loss"),
                self.tr("Val. acc."),
                self.tr("Test acc."),
                self.tr("Time (s)"),
            ]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.histograms = _HistogramGrid()
        self.hist_after_check = QCheckBox(self.tr("After training"))
        self.hist_after_check.setToolTip(self.tr("Show the activations of the trained networks instead of the initial ones"))
        hist_page = QWidget()
        hist_layout = QVBoxLayout(hist_page)
        hist_layout.addWidget(
            QLabel(self.tr("Activations of each hidden layer on 1,000 training inputs (fraction of values per bin)"))
        )
        hist_layout.addWidget(self.hist_after_check)
        hist_layout.addWidget(self.histograms, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.curves, self.tr("Curves"))
        self.tabs.addTab(hist_page, self.tr("Activations"))
        self.tabs.setTabEnabled(1, False)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.tabs)
        split.addWidget(self.table)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([460, 260])  # room for the eight rows of the optimizer lesson

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.description)
        layout.addLayout(buttons)
        layout.addWidget(split, 1)

        self.lesson_combo.currentIndexChanged.connect(self._on_choice_changed)
        self.setting_combo.currentIndexChanged.connect(self._on_setting_combo_changed)
        self.lesson_radio.toggled.connect(self._on_choice_changed)
        self.run_button.clicked.connect(self.run)
        self.stop_button.clicked.connect(self.runner.stop)
        self.hist_after_check.toggled.connect(self._on_hist_after_toggled)
        self.runner.variant_started.connect(self._on_runner_variant_started)
        self.runner.epoch_ended.connect(self._on_runner_epoch_ended)
        self.runner.variant_finished.connect(self._on_runner_variant_finished)
        self.runner.finished.connect(self._on_runner_finished)
        self.runner.failed.connect(self._on_runner_failed)
        self._on_setting_combo_changed()
        self._on_choice_changed()

    def _lesson_guide(self) -> dict[str, tuple[str, str]]:
        """Each lesson's title and what to look for, in the UI language (core.compare keeps
        the English originals for the command line)."""
        return {
            "optimizers": (
                self.tr("Optimizers"),
                self.tr(
                    "The same network and data, eight optimizers at their default learning rates. Plain SGD creeps "
                    "down; momentum helps; the adaptive ones (AdaGrad, RMSProp, Adam and its relatives) drop the loss "
                    "fastest in the first epochs."
                ),
            ),
            "weight-init-relu": (
                self.tr("Weight initialisation (ReLU)"),
                self.tr(
                    "Five hidden ReLU layers of 100 units, started four ways. See the Activations tab: with small "
                    "weights the activations shrink towards 0 layer by layer and zeros never learn; He keeps the "
                    "spread in every layer and learns fastest."
                ),
            ),
            "weight-init-sigmoid": (
                self.tr("Weight initialisation (Sigmoid)"),
                self.tr(
                    "Five hidden Sigmoid layers of 100 units, started four ways (trained with Adam). See the "
                    "Activations tab: small weights squeeze every layer's outputs around 0.5 and zeros make all units "
                    "identical; Xavier keeps a spread in every layer."
                ),
            ),
            "overfitting": (
                self.tr("Overfitting"),
                self.tr(
                    "A big network trained on only 300 samples learns them by heart: training accuracy reaches 100% "
                    "while validation accuracy stays far below. Dropout and weight decay narrow that gap."
                ),
            ),
            "batchnorm": (
                self.tr("Batch normalisation"),
                self.tr(
                    "Five hidden layers started from small (std 0.01) weights and trained with plain SGD on 1,000 "
                    "samples. Without batch norm nothing is learned; with batch norm before each activation the same "
                    "network learns at once."
                ),
            ),
            "transfer": (
                self.tr("Transfer learning"),
                self.tr(
                    "The starter digit model gets a new output layer and learns Fashion-MNIST from 500 images: "
                    "training only the new layer, or all layers, against the same network from random weights. "
                    "Digits and clothes share only strokes and edges, so the new layer alone falls behind, while "
                    "fine-tuning every layer starts ahead."
                ),
            ),
            "xor": (
                self.tr("Perceptron vs MLP on XOR"),
                self.tr(
                    "A single layer draws one straight line and cannot separate XOR (accuracy near chance); one "
                    "hidden layer bends the boundary and gets almost everything right."
                ),
            ),
        }

    def _setting_titles(self) -> dict[str, str]:
        return {
            "optimizer": self.tr("Optimizer"),
            "lr": self.tr("Learning rate"),
            "init": self.tr("Weight initialisation"),
            "batch_size": self.tr("Batch size"),
            "l2": self.tr("L2 regularisation"),
            "dropout": self.tr("Dropout"),
            "augmentation": self.tr("Augmentation"),
            "batchnorm": self.tr("Batch norm"),
            "preset": self.tr("Preset"),
        }

    # ----------------------------------------------------------------- choosing

    def select_lesson(self, name: str) -> None:
        self.lesson_radio.setChecked(True)
        self.lesson_combo.setCurrentIndex(self.lesson_combo.findData(name))

    def select_setting(self, setting: str, values: str) -> None:
        self.vary_radio.setChecked(True)
        self.setting_combo.setCurrentIndex(self.setting_combo.findData(setting))
        self.values_edit.setText(values)

    def _on_setting_combo_changed(self) -> None:
        self.values_edit.setText(DEFAULT_VALUES.get(self.setting_combo.currentData(), ""))
        self._on_choice_changed()

    def _on_choice_changed(self) -> None:
        use_lesson = self.lesson_radio.isChecked()
        self.lesson_combo.setEnabled(use_lesson)
        self.current_data_check.setEnabled(use_lesson)
        self.setting_combo.setEnabled(not use_lesson)
        self.values_edit.setEnabled(not use_lesson)
        if use_lesson:
            name = self.lesson_combo.currentData()
            self.description.setText(self.guide.get(name, ("", LESSONS[name].description))[1])
        else:
            setting = self.setting_combo.currentData()
            self.description.setText(setting_help(setting, SETTINGS[setting]))

    def build_comparison(self) -> tuple[Comparison, object]:
        """The comparison the controls describe and the dataset to run it on (None: the
        worker loads the lesson's own). Raises PlaygroundError for bad input."""
        epochs = self.epochs_spin.value() or None
        data_panel = self.w.data_panel
        if self.lesson_radio.isChecked():
            dataset = data_panel.dataset() if self.current_data_check.isChecked() else None
            if self.current_data_check.isChecked() and dataset is None:
                raise PlaygroundError(self.tr("The dataset is still loading or failed to load — see the Data tab."))
            comparison = lesson(self.lesson_combo.currentData(), epochs=epochs)
            if dataset is not None:
                comparison = comparison.with_dataset(dataset.name, data_panel.data_config().options)
            return comparison, dataset
        dataset = data_panel.dataset()
        if dataset is None:
            raise PlaygroundError(self.tr("The dataset is still loading or failed to load — see the Data tab."))
        base = self.w.controller.current_config()
        if epochs:
            base = base.with_overrides(**{"train.epochs": epochs})
        return vary(base, self.setting_combo.currentData(), self.values_edit.text().split(",")), dataset

    # ----------------------------------------------------------------- running

    @Slot()
    def run(self) -> None:
        if self.runner.is_running():
            return
        try:
            comparison, dataset = self.build_comparison()
            comparison.validate()
        except PlaygroundError as e:
            QMessageBox.warning(self, self.tr("Cannot run the comparison"), spec_error_text(e))
            return
        self.comparison, self.result = comparison, None
        self._epochs_done = 0
        self.curves.clear()
        self.histograms.clear()
        self.tabs.setTabEnabled(1, comparison.histograms)
        self.table.setRowCount(len(comparison.variants))
        for row, v in enumerate(comparison.variants):
            self._set_row(row, {"variant": v.name, "status": self.tr("waiting")})
        self.progress.setRange(0, comparison.total_epochs)
        self.progress.setValue(0)
        self.status.setText(self.tr("Loading the data…") if dataset is None else "")
        self.run_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self.runner.start(comparison, dataset, getattr(self.w, "data_dir", None))

    def _set_row(self, row: int, values: dict) -> None:
        def num(key, percent=False):
            x = values.get(key)
            if x is None:
                return ""
            return f"{x:.2%}" if percent else (f"{x:.1f}" if key == "seconds" else f"{x:.4f}")

        statuses = {
            "completed": self.tr("completed"),
            "stopped": self.tr("stopped"),
            "diverged": self.tr("diverged"),
            "not run": self.tr("not run"),
        }
        status = values.get("status", "")
        cells = [
            variant_name(values.get("variant", "")),
            statuses.get(status, status),
            "" if values.get("epochs") is None else str(values["epochs"]),
            num("train_loss"),
            num("train_accuracy", True),
            num("val_loss"),
            num("val_accuracy", True),
            num("test_accuracy", True),
            num("seconds"),
        ]
        for col, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if col == 0 and self.comparison is not None:
                item.setForeground(pg.mkColor(VARIANT_COLORS[row % len(VARIANT_COLORS)]))
            self.table.setItem(row, col, item)

    @Slot(int, str)
    def _on_runner_variant_started(self, index: int, name: str) -> None:
        name = variant_name(name)
        self.curves.add_variant(index, name)
        self._set_row(index, {"variant": name, "status": self.tr("training")})
        self.status.setText(self.tr("Training {0} ({1} of {2})…").format(name, index + 1, len(self.comparison.variants)))

    @Slot(int, object)
    def _on_runner_epoch_ended(self, index: int, logs: EpochLogs) -> None:
        self.curves.add_epoch(index, logs)
        self._epochs_done += 1
        self.progress.setValue(min(self._epochs_done, self.progress.maximum()))

    @Slot(int, dict)
    def _on_runner_variant_finished(self, index: int, row: dict) -> None:
        self._set_row(index, row)
        done = sum(self.comparison.variants[i].config.train.epochs for i in range(index + 1))
        self._epochs_done = done
        self.progress.setValue(min(done, self.progress.maximum()))

    @Slot(object)
    def _on_runner_finished(self, result: ComparisonResult) -> None:
        self.result = result
        self.run_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        for row, values in enumerate(result.rows()):
            self._set_row(row, values)
        if result.comparison.histograms:
            self.histograms.show_result(result, self.hist_after_check.isChecked())
        best = result.best()
        if result.status == "stopped":
            self.status.setText(self.tr("Stopped."))
        elif best is not None:
            self.status.setText(self.tr("Done. Best on the test set: {0}").format(variant_name(best.name)))
        else:
            self.status.setText(self.tr("Done."))
        self.progress.setValue(self.progress.maximum())

    @Slot(str, str)
    def _on_runner_failed(self, message: str, details: str) -> None:
        self.run_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        self.status.setText(self.tr("Failed."))
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("The comparison failed"), message, parent=self)
        box.setDetailedText(details)
        box.open()

    @Slot(bool)
    def _on_hist_after_toggled(self, after: bool) -> None:
        if self.result is not None and self.result.comparison.histograms:
            self.histograms.show_result(self.result, after)

    def shutdown(self) -> bool:
        return self.runner.shutdown()

    def closeEvent(self, event) -> None:
        # Closing the dialog stops its comparison: the curves it draws would be gone.
        self.runner.shutdown()
        super().closeEvent(event)


class EnsembleWorker(QObject):
    """Runs one ensemble training — `train(control=..., on_member_end=...)`, e.g. a partial of
    `train_ensemble` or `train_ensemble_from_configs` — in whatever thread it lives in; emits
    exactly one of `finished` or `failed`."""

    member_finished = Signal(int, object)  # (member index, FitResult)
    finished = Signal(object)  # EnsembleResult
    failed = Signal(str, str)

    def __init__(self, train: Callable[..., EnsembleResult], control: RunControl):
        super().__init__()
        self.train, self.control = train, control

    @Slot()
    def run(self) -> None:
        try:
            result = self.train(control=self.control, on_member_end=self.member_finished.emit)
        except PlaygroundError as e:
            self.failed.emit(str(e), traceback.format_exc())
        except Exception as e:  # noqa: BLE001 - a bug: reported with its traceback, never swallowed
            self.failed.emit(f"{type(e).__name__}: {e}", traceback.format_exc())
        else:
            self.finished.emit(result)


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
        self._thread: QThread | None = None
        self._control: RunControl | None = None
        self._worker: EnsembleWorker | None = None
        self._export_job = None
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
        return self._thread is not None

    def start(self, train: Callable[..., EnsembleResult], names: list[str]) -> None:
        """Train on a worker thread: `train(control=..., on_member_end=...)` returns the
        EnsembleResult; `names` label the members' rows, in training order."""
        if self.is_running():
            raise RuntimeError("An ensemble is already training; stop it first.")
        self.result, self.names = None, list(names)
        self.table.setRowCount(0)
        self.progress.setRange(0, len(names))
        self.progress.setValue(0)
        self.status.setText(self.tr("Training member {0} of {1}…").format(1, len(names)))
        control = RunControl()
        worker = EnsembleWorker(train, control)
        thread = worker_thread(worker, "ensemble")
        worker.member_finished.connect(self._on_worker_member_finished)
        worker.finished.connect(self._on_worker_finished)
        worker.failed.connect(self._on_worker_failed)
        self._thread, self._control, self._worker = thread, control, worker
        self._update_buttons()
        start_thread(thread)
        self.running_changed.emit(True)

    @Slot()
    def stop(self) -> None:
        if self._control is not None:
            self._control.stop()
            self.status.setText(self.tr("Stopping after the current batch…"))

    def shutdown(self, timeout_ms: int = 10000) -> bool:
        """Stop and wait for the thread (closing); its last signals are delivered first."""
        self.stop()
        return wait_and_deliver(self, self._thread, timeout_ms)

    def _ended(self) -> None:
        self._thread.wait()  # as in ComparisonRunner._ended
        self._thread = self._control = self._worker = None
        self._update_buttons()
        self.running_changed.emit(False)

    def _update_buttons(self) -> None:
        running = self.is_running()
        trained = self.result is not None and self.result.ensemble is not None
        self.stop_button.setEnabled(running)
        self.use_button.setEnabled(not running and trained and self.result.task == "classification")
        self.export_button.setEnabled(not running and trained and self._export_job is None)

    @Slot(int, object)
    def _on_worker_member_finished(self, index: int, result) -> None:
        k = len(self.names)
        self.progress.setValue(index + 1)
        name = self.names[index] if index < len(self.names) else str(index + 1)
        self.table.add_row(name, result.test_accuracy)
        if index + 1 < k and not (self._control is not None and self._control.stop_requested):
            self.status.setText(self.tr("Training member {0} of {1}…").format(index + 2, k))

    @Slot(object)
    def _on_worker_finished(self, result: EnsembleResult) -> None:
        self.result = result
        self._ended()
        if result.ensemble is not None:
            self.table.add_row(self.tr("ensemble of {0}").format(len(result.members)), result.test_accuracy)
        if result.ensemble is None:
            self.status.setText(self.tr("No member finished training, so there is no ensemble."))
        elif result.status == "stopped":
            self.status.setText(self.tr("Stopped: the ensemble has the {0} members that finished.").format(len(result.members)))
        elif result.skipped:
            self.status.setText(
                self.tr("Done. Left out (did not finish): {0}").format("; ".join(result.skipped))
            )
        else:
            self.status.setText(self.tr("Done."))
        self.progress.setValue(self.progress.maximum())
        self.finished.emit(result)

    @Slot(str, str)
    def _on_worker_failed(self, message: str, details: str) -> None:
        self._ended()
        self.status.setText(self.tr("Failed."))
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Training the ensemble failed"), message, parent=self)
        box.setDetailedText(details)
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
        self.status.setText(self.tr("Exporting {0}…").format(Path(path).name))
        QThreadPool.globalInstance().start(self._export_job)

    @Slot(list)
    def _on_export_finished(self, paths: list) -> None:
        self._export_job = None
        self._update_buttons()
        self.status.setText(self.tr("Exported the ensemble to {0}").format(", ".join(paths)))
        self.exported.emit(paths)

    @Slot(str)
    def _on_export_failed(self, message: str) -> None:
        self._export_job = None
        self._update_buttons()
        self.status.setText(self.tr("The export failed."))
        QMessageBox.warning(
            self,
            self.tr("Cannot export the ensemble"),
            message + "\n\n" + self.tr("Nothing was overwritten. Choose another folder or file name and try again."),
        )
        self.export_failed.emit(message)


class EnsembleDialog(QDialog):
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
        self.panel.running_changed.connect(lambda running: self.run_button.setEnabled(not running))
        self.panel.finished.connect(self.finished)
        self.panel.use_requested.connect(self._on_panel_use_requested)

    @property
    def result(self) -> EnsembleResult | None:
        return self.panel.result

    def is_running(self) -> bool:
        return self.panel.is_running()

    @Slot()
    def run(self) -> None:
        if self.is_running():
            return
        dataset = self.w.data_panel.dataset()
        if dataset is None:
            QMessageBox.warning(self, self.tr("Cannot train the ensemble"), self.tr("The dataset is still loading or failed to load — see the Data tab."))
            return
        config = self.w.controller.current_config()
        try:
            config.validate()
        except PlaygroundError as e:
            QMessageBox.warning(self, self.tr("Cannot train the ensemble"), spec_error_text(e))
            return
        k = self.members_spin.value()
        names = [self.tr("member {0} (seed {1})").format(i + 1, config.train.seed + i) for i in range(k)]
        self.panel.default_dir = self.w.controller._last_dir()
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
    def _on_panel_use_requested(self, predictor) -> None:
        self.w.controller.set_predictor(predictor)

    def closeEvent(self, event) -> None:
        self.shutdown()
        super().closeEvent(event)


class ExperimentActions(QObject):
    """The window's Experiments menu: Compare… and Evaluate Model…"""

    def __init__(self, window):
        super().__init__(window)
        self.w = window
        self.controller = window.controller
        self.dialog: ExperimentsDialog | None = None
        self.evaluation = None
        self.compare_action = QAction(self.tr("&Compare…"), window)
        self.compare_action.setShortcut(QKeySequence("Ctrl+Shift+K"))
        self.compare_action.setStatusTip(
            self.tr("Train variants side by side: optimizers, initialisations, regularisation, batch norm and more")
        )
        self.evaluate_action = QAction(self.tr("&Evaluate Model…"), window)
        self.evaluate_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.evaluate_action.setStatusTip(
            self.tr("Confusion matrix, per-class accuracy and the most confidently wrong test examples")
        )
        self.ensemble_action = QAction(self.tr("Train E&nsemble…"), window)
        self.ensemble_action.setStatusTip(
            self.tr("Train several models with the current settings and average their probabilities")
        )
        self.ensemble_dialog: EnsembleDialog | None = None
        self.menu = window.menuBar().addMenu(self.tr("E&xperiments"))
        bar_actions = window.menuBar().actions()
        if len(bar_actions) >= 2:  # keep Help last
            window.menuBar().insertMenu(bar_actions[-2], self.menu)
        self.menu.addAction(self.compare_action)
        self.menu.addAction(self.ensemble_action)
        self.menu.addAction(self.evaluate_action)
        self.compare_action.triggered.connect(self.open_compare)
        self.ensemble_action.triggered.connect(self.open_ensemble)
        self.evaluate_action.triggered.connect(self.open_evaluation)
        self.controller.predictor_changed.connect(self._on_controller_predictor_changed)
        self._on_controller_predictor_changed(self.controller.predictor)
        window.installEventFilter(self)

    def _on_controller_predictor_changed(self, predictor) -> None:
        usable = predictor is not None and predictor.task == "classification"
        self.evaluate_action.setEnabled(usable)

    @Slot()
    def open_compare(self) -> ExperimentsDialog:
        if self.dialog is None:
            self.dialog = ExperimentsDialog(self.w)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog

    @Slot()
    def open_ensemble(self) -> EnsembleDialog:
        if self.ensemble_dialog is None:
            self.ensemble_dialog = EnsembleDialog(self.w)
        self.ensemble_dialog.show()
        self.ensemble_dialog.raise_()
        return self.ensemble_dialog

    @Slot()
    def open_evaluation(self):
        from playground.gui.dialogs.evaluation import EvaluationDialog

        predictor = self.controller.predictor
        dataset = self.w.data_panel.dataset()
        if predictor is None:
            QMessageBox.information(self.w, self.tr("Evaluate Model"), self.tr("Train a model or open one first."))
            return None
        if dataset is None:
            QMessageBox.information(
                self.w, self.tr("Evaluate Model"), self.tr("The dataset is still loading or failed to load — see the Data tab.")
            )
            return None
        old = self.evaluation
        if old is not None:
            old.close()
            # Its predictions may still be computing on a pool thread, which emits to it:
            # delete it only once they have arrived.
            if old.pending():
                old.evaluated.connect(old.deleteLater)
                old.failed.connect(old.deleteLater)
            else:
                old.deleteLater()
        self.evaluation = EvaluationDialog(predictor, dataset, self.w)
        self.evaluation.show()
        return self.evaluation

    def eventFilter(self, watched, event) -> bool:
        # The window is closing: stop a running comparison and wait for its thread first.
        if watched is self.w and event.type() == QEvent.Type.Close:
            for dialog in (self.dialog, self.ensemble_dialog):
                if dialog is not None:
                    dialog.shutdown()
        return False
