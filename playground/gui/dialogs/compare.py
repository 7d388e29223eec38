"""Experiments ▸ Compare…: run a lesson or one varied setting in the background and overlay
the variants' curves (compare_plots.py), with a results table.

A thin view over `core.experiments.compare`: the dialog builds a frozen `Comparison` on the GUI
thread, a `ComparisonRunner` (compare_runner.py) trains it as a background job (gui/jobs.py),
and a `ComparisonCallback` on the training thread reports each variant's start, epochs and end.
Stop is the `RunControl` flag the training loop checks between batches.
"""

from __future__ import annotations

import html

import pyqtgraph as pg
from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from playground.core.errors import PlaygroundError
from playground.core.experiments.compare import Comparison, ComparisonResult, format_seconds, vary
from playground.core.experiments.lesson_texts import LESSON_EXPECTATIONS, SETTINGS
from playground.core.experiments.lessons import LESSONS, lesson
from playground.core.training.callbacks import EpochLogs
from playground.gui.dialogs.compare_plots import VARIANT_COLORS, _CurvePlots, _HealthPage, _HistogramGrid
from playground.gui.dialogs.compare_runner import ComparisonRunner
from playground.gui.i18n.core_text import setting_help, spec_error_text, variant_name
from playground.gui.i18n.dataset_text import dataset_title
from playground.gui.i18n.lesson_text import chosen_by_text, epochs_text, lesson_expectation, lesson_titles, note_text
from playground.gui.i18n.retranslate import Retranslatable

__all__ = ["ComparisonRunner", "ExperimentsDialog"]

# Values a learner most likely wants for each setting, filled in when the setting is picked.
CURVES_MIN_HEIGHT = 260  # the curves keep at least this when the table makes room for its rows
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


class ExperimentsDialog(Retranslatable, QDialog):
    """Pick a lesson or a setting to vary, run it in the background, watch the curves."""

    def __init__(self, window, parent: QWidget | None = None):
        super().__init__(parent or window)
        self.w = window
        self.setWindowTitle(self.tr("Experiments — compare variants"))
        self.runner = ComparisonRunner(self)
        self.result: ComparisonResult | None = None
        self.comparison: Comparison | None = None
        self._epochs_done = 0
        self._rows: dict[int, dict] = {}  # each table row's values, to say again after a language switch
        self._status = lambda: ""  # the status line, as a function that says it in the installed language

        # -- what to compare
        self.lesson_radio = QRadioButton(self.tr("&Lesson"))
        self.vary_radio = QRadioButton(self.tr("&Vary a setting of the current model"))
        self.lesson_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.lesson_radio)
        group.addButton(self.vary_radio)
        titles = lesson_titles()
        self.lesson_combo = QComboBox()
        for name, entry in LESSONS.items():
            self.lesson_combo.addItem(titles.get(name, entry.title), name)
        self._lessons: dict[str, Comparison] = {}  # each lesson as built, for its plan
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
        # The real number, never "default": choosing a lesson (or a setting) puts its own in.
        self.epochs_spin = QSpinBox()
        self.epochs_spin.setRange(1, 10000)
        self.epochs_spin.setToolTip(
            self.tr("Epochs per variant: the lesson's own number (or the current settings') until you change it")
        )
        self.plan = QLabel(wordWrap=True)
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
        self.table = QTableWidget(0, 8)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Variant"),
                self.tr("Status"),
                self.tr("Epochs"),
                self.tr("Train loss"),
                self.tr("Train acc."),
                self.tr("Val. loss"),
                self.tr("Val. acc."),
                self.tr("Time (s)"),
            ]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        # Rows as high as the text needs (the style's 30 px showed four rows at 1280×800); the
        # variant's name numbers the row already.
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.verticalHeader().hide()
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
        self.health = _HealthPage()  # each variant's layers and diagnoses, live
        self.tabs.addTab(self.health, self.tr("Training health"))
        self.tabs.setTabEnabled(2, False)
        self.health.view.lesson_requested.connect(self.select_lesson)
        # How the variant was chosen, its test figure, and where the run differed from the lesson.
        self.outcome = QLabel(wordWrap=True)
        self.outcome.setTextFormat(Qt.TextFormat.RichText)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # The outcome beside the table, scrolling when long: under it, its notes took the
        # table's rows (one and a half left at 1280×800) and were cut off at the bottom.
        self.outcome.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        outcome_area = QScrollArea()
        outcome_area.setWidget(self.outcome)
        outcome_area.setWidgetResizable(True)
        outcome_area.setFrameShape(QFrame.Shape.NoFrame)
        results = QWidget()
        results_layout = QHBoxLayout(results)
        results_layout.setContentsMargins(0, 0, 0, 0)
        results_layout.addWidget(self.table, 3)
        results_layout.addWidget(outcome_area, 2)
        self.split = split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.tabs)
        split.addWidget(results)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.plan)
        layout.addWidget(self.description)
        layout.addLayout(buttons)
        layout.addWidget(split, 1)

        self.lesson_combo.currentIndexChanged.connect(self._on_choice_changed)
        self.setting_combo.currentIndexChanged.connect(self._on_setting_combo_changed)
        self.lesson_radio.toggled.connect(self._on_choice_changed)
        self.current_data_check.toggled.connect(self._update_plan)
        self.epochs_spin.valueChanged.connect(self._update_plan)
        self.run_button.clicked.connect(self.run)
        self.stop_button.clicked.connect(self.runner.stop)
        self.hist_after_check.toggled.connect(self._on_hist_after_toggled)
        self.runner.variant_started.connect(self._on_runner_variant_started)
        self.runner.epoch_ended.connect(self._on_runner_epoch_ended)
        self.runner.variant_finished.connect(self._on_runner_variant_finished)
        self.runner.health.connect(self.health.add_snapshot)
        self.runner.variant_finished.connect(self.health.view.flush)
        self.runner.finished.connect(self._on_runner_finished)
        self.runner.failed.connect(self._on_runner_failed)
        self._on_setting_combo_changed()
        self._on_choice_changed()
        self._fit_to_screen()

    def _fit_to_screen(self) -> None:
        """1100×760, or less on a smaller screen: within the screen's available area (less
        a title bar), so that a 1280×800 laptop shows the whole dialog."""
        screen = self.screen() or QApplication.primaryScreen()
        area = screen.availableGeometry() if screen is not None else None
        width, height = 1100, 760
        if area is not None:
            width, height = min(width, area.width() - 20), min(height, area.height() - 50)
        self.resize(width, height)
        self.split.setSizes([max(1, height - 180), 180])

    def _make_room_for_rows(self) -> None:
        """Give the table the height its rows need (the optimizer lesson's eight), taking it
        from the curves as long as they keep at least CURVES_MIN_HEIGHT."""
        table = self.table
        need = table.horizontalHeader().height() + 2 * table.frameWidth() + table.rowCount() * table.verticalHeader().defaultSectionSize()
        if table.horizontalScrollBar().isVisible():
            need += table.horizontalScrollBar().height()
        sizes = self.split.sizes()
        total = sum(sizes)
        wanted = min(need, total - CURVES_MIN_HEIGHT)
        if sizes[1] < wanted:
            self.split.setSizes([total - wanted, wanted])

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
            expected = lesson_expectation(name, LESSON_EXPECTATIONS.get(name, LESSONS[name].description))
            self.description.setText(self.tr("What to expect: {0}").format(expected))
            epochs = self._lesson(name).epochs[0]
        else:
            setting = self.setting_combo.currentData()
            self.description.setText(setting_help(setting, SETTINGS[setting]))
            epochs = self.w.controller.current_config().train.epochs
        self.epochs_spin.setValue(epochs)
        self._update_plan()

    def _lesson(self, name: str) -> Comparison:
        if name not in self._lessons:
            self._lessons[name] = lesson(name)
        return self._lessons[name]

    def _update_plan(self) -> None:
        """Name what will run: the dataset, the samples, the epochs and the batch size."""
        epochs = self.epochs_spin.value()
        data_panel = self.w.data_panel
        if self.lesson_radio.isChecked():
            c = self._lesson(self.lesson_combo.currentData())
            dataset = data_panel.data_config().name if self.current_data_check.isChecked() else c.dataset
            batch = "/".join(map(str, c.batch_sizes))
            train_samples, val_samples, val_split = c.train_samples, c.val_samples, c.variants[0].config.data.val_split
        else:
            cfg = self.w.controller.current_config()
            dataset, batch = data_panel.data_config().name, str(cfg.train.batch_size)
            train_samples, val_samples, val_split = None, 0, cfg.data.val_split
        if train_samples is not None:
            samples = self.tr("{0:,} training and {1:,} validation samples").format(train_samples, val_samples)
        else:
            samples = self.tr("{0}% of the training samples held out for validation").format(round(val_split * 100))
        self.plan.setText(
            self.tr("<b>Dataset:</b> {0} · {1} · <b>{2}</b> per variant · batch size {3}").format(
                html.escape(dataset_title(dataset, dataset)), samples, epochs_text(epochs), batch
            )
        )

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
        self.outcome.clear()
        self.histograms.clear()
        self.tabs.setTabEnabled(1, comparison.histograms)
        self.tabs.setTabEnabled(2, comparison.histograms)
        self.health.start([v.name for v in comparison.variants])
        self.table.setRowCount(len(comparison.variants))
        self._rows.clear()
        for row, v in enumerate(comparison.variants):
            self._set_row(row, {"variant": v.name, "status": "waiting"})
        self._make_room_for_rows()
        self.progress.setRange(0, comparison.total_epochs)
        self.progress.setValue(0)
        self._say_status((lambda: self.tr("Loading the data…")) if dataset is None else (lambda: ""))
        self.run_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self.runner.start(comparison, dataset, getattr(self.w, "data_dir", None))

    def _set_row(self, row: int, values: dict) -> None:
        def num(key, percent=False):
            x = values.get(key)
            if x is None:
                return ""
            return f"{x:.2%}" if percent else (format_seconds(x) if key == "seconds" else f"{x:.4f}")

        self._rows[row] = values
        statuses = {
            "waiting": self.tr("waiting"),
            "training": self.tr("training"),
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
            num("seconds"),
        ]
        chosen = self.result is not None and values.get("variant") == self.result.chosen
        for col, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if col == 0 and self.comparison is not None:
                item.setForeground(pg.mkColor(VARIANT_COLORS[row % len(VARIANT_COLORS)]))
            if chosen:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.table.setItem(row, col, item)

    @Slot(int, str)
    def _on_runner_variant_started(self, index: int, name: str) -> None:
        self.curves.add_variant(index, variant_name(name), self.comparison.variants[index].config.train.epochs)
        self.health.follow(index)
        self._set_row(index, {"variant": name, "status": "training"})
        count = len(self.comparison.variants)
        self._say_status(lambda: self.tr("Training {0} ({1} of {2})…").format(variant_name(name), index + 1, count))

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
            self._say_status(lambda: self.tr("Stopped."))
        elif best is not None:
            self._say_status(lambda: self.tr("Done. Chosen on the validation set: {0}").format(variant_name(best.name)))
        else:
            self._say_status(lambda: self.tr("Done."))
        self.outcome.setText(self._outcome_text(result))
        self.progress.setValue(self.progress.maximum())

    def _say_status(self, text) -> None:
        """Show the status line `text()` says; kept, to say it again after a language switch."""
        self._status = text
        self.status.setText(text())

    def retranslate(self) -> None:
        """After a language switch (the fixed texts are said again by Retranslatable): the
        lessons' and settings' names, what to expect, the plan, the results table, the curves'
        legend, the status and the outcome with its notes — from the comparison and its result."""
        titles = lesson_titles()
        for index in range(self.lesson_combo.count()):
            name = self.lesson_combo.itemData(index)
            self.lesson_combo.setItemText(index, titles.get(name, LESSONS[name].title))
        titles = self._setting_titles()
        for index in range(self.setting_combo.count()):
            name = self.setting_combo.itemData(index)
            self.setting_combo.setItemText(index, titles.get(name, name))
            self.setting_combo.setItemData(index, setting_help(name, SETTINGS[name]), Qt.ItemDataRole.ToolTipRole)
        if self.lesson_radio.isChecked():
            name = self.lesson_combo.currentData()
            expected = lesson_expectation(name, LESSON_EXPECTATIONS.get(name, LESSONS[name].description))
            self.description.setText(self.tr("What to expect: {0}").format(expected))
        else:
            setting = self.setting_combo.currentData()
            self.description.setText(setting_help(setting, SETTINGS[setting]))
        self._update_plan()
        for row, values in list(self._rows.items()):
            self._set_row(row, values)
        if self.comparison is not None:
            variants = self.comparison.variants
            self.curves.retranslate(lambda index: variant_name(variants[index].name) if index < len(variants) else str(index + 1))
        self.status.setText(self._status())
        self.health.retranslate()
        if self.result is not None:
            self.outcome.setText(self._outcome_text(self.result))
            if self.result.comparison.histograms:
                self.histograms.show_result(self.result, self.hist_after_check.isChecked())

    def _outcome_text(self, result: ComparisonResult) -> str:
        """The samples used, the variant chosen on the validation set and its one test figure,
        then each place where the run differed from what the lesson expects."""
        sizes = result.sizes
        parts = [
            self.tr("Trained on {0:,} samples of {1}, validated on {2:,}.").format(
                sizes.get("train", 0), html.escape(dataset_title(result.dataset, result.dataset)), sizes.get("val", 0)
            )
        ]
        best = result.best()
        if best is None:
            if result.status == "stopped":
                parts.append(self.tr("Stopped: no variant was chosen, and the test set was not used."))
        else:
            score = result.chosen_score()
            shown = f"{score:.2%}" if result.chosen_by.endswith("accuracy") else f"{score:.4f}"
            name = html.escape(variant_name(best.name))
            parts.append(
                self.tr("<b>Chosen by {0}: {1}</b> ({2}).").format(chosen_by_text(result.chosen_by), name, shown)
            )
            if best.test_accuracy is not None:
                parts.append(
                    self.tr("Test accuracy of {0}, measured once at the end on {1:,} samples no variant was chosen "
                            "by: <b>{2:.2%}</b>.").format(name, sizes.get("test", 0), best.test_accuracy)
                )
            elif best.test_loss is not None:
                parts.append(
                    self.tr("Test loss of {0}, measured once at the end on {1:,} samples no variant was chosen "
                            "by: <b>{2:.4f}</b>.").format(name, sizes.get("test", 0), best.test_loss)
                )
        text = " ".join(parts)
        if result.notes:
            items = "".join(f"<li>{html.escape(note_text(n))}</li>" for n in result.notes)
            text += "<br><b>{0}</b><ul style='margin-top:0'>{1}</ul>".format(
                self.tr("Notes on this run:"), items
            )
        elif result.comparison.lesson and result.status == "completed":
            text += "<br>" + self.tr("The results match what the lesson expects.")
        return text

    @Slot(str, str)
    def _on_runner_failed(self, message: str, details: str) -> None:
        self.run_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        self._say_status(lambda: self.tr("Failed."))
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
