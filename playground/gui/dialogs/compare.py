"""Experiments ▸ Compare…: run a lesson or one varied setting in the background and overlay
the variants' curves (compare_plots.py), with a results table.

A thin view over `core.experiments.compare`: the dialog builds a frozen `Comparison` on the GUI thread, a
`ComparisonRunner` trains it as a background job (gui/jobs.py), and a `ComparisonCallback` on
the training thread reports each variant's start, epochs and end. Stop is the `RunControl`
flag the training loop checks between batches.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence
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

from playground.core.errors import PlaygroundError
from playground.core.experiments.compare import Comparison, ComparisonCallback, ComparisonResult, run_comparison, vary
from playground.core.experiments.lesson_texts import SETTINGS
from playground.core.experiments.lessons import LESSONS, lesson
from playground.core.training.callbacks import EpochLogs
from playground.core.training.loop import RunControl
from playground.gui.dialogs.compare_plots import VARIANT_COLORS, _CurvePlots, _HistogramGrid
from playground.gui.i18n.core_text import setting_help, spec_error_text, variant_name
from playground.gui.jobs import Job, wait_and_deliver

__all__ = ["ComparisonRunner", "ExperimentsDialog"]

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
        control = RunControl()
        job = Job("comparison", cancel=control.stop, explain=_explain)
        job.progressed.connect(self._on_job_progressed)
        job.finished.connect(self._on_job_finished)
        job.failed.connect(self._on_job_failed)
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
        """Each lesson's title and what to look for, in the UI language (core.experiments.lesson_texts
        keeps the English originals for the command line)."""
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
