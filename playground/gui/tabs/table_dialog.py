"""The Data tab's "Table (CSV)…" dialog: open a table, see its first rows and each column's
inferred kind, change what a column is used as (numeric, categorical, leave out), choose the
target column, the task and the split, and read the report (rows read, rows dropped and why,
values filled, columns left out) before the table becomes the dataset.

The file is read on a background job (gui/jobs.py) with a progress bar and Cancel, as the Data
tab loads image sets; the report is made on another job from the table read (core's
`prepare_table`, the same as training will), again each time a choice changes. `options()`
gives the choices as a "csv" dataset's options (core/data/table_sets.py).
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from playground.core.data.dataset import DatasetError, LoadCancelled
from playground.core.data.table import read_table
from playground.core.data.table_prep import prepare_table
from playground.core.data.table_sets import TABLE_DEFAULTS
from playground.gui.i18n.dataset_text import load_message_text
from playground.gui.i18n.errors import error_text
from playground.gui.i18n.table_text import choice_text, kind_text, report_lines, task_text
from playground.gui.jobs import Job
from playground.gui.tabs.dataset_loading import _Progress

__all__ = ["TableDialog"]

_CHOICES = ("numeric", "categorical", "ignore")


def _explain(error: BaseException) -> str:
    """A failed read or preparation in the user's words (on the job's thread)."""
    if isinstance(error, DatasetError):
        return error_text(error)
    return QCoreApplication.translate("TableDialog", "Reading the table failed unexpectedly: {0}").format(
        f"{type(error).__name__}: {error}"
    )


def _prepare(table, target: str, task: str | None, types: dict, test_split: float, val_split: float, seed: int):
    """The report of preparing `table` with these choices (on a job's thread)."""
    return prepare_table(
        table, target, task=task, types=types, test_split=test_split, val_split=val_split, seed=seed
    ).report


class TableDialog(QDialog):
    """Choose a table and how to read it; `options()` once accepted. `table_read` is emitted
    when a file has been read, `report_ready` when the report for the current choices is shown
    (`problem()` is "" then) or `problem_shown` when they cannot be used."""

    table_read = Signal()
    report_ready = Signal()
    problem_shown = Signal(str)

    def __init__(self, options: dict[str, Any] | None = None, parent: QWidget | None = None, *, fixed_path: bool = False):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Table (CSV)"))
        self.resize(900, 640)
        self._options = {**TABLE_DEFAULTS, **(options or {})}
        self._fixed_path = fixed_path  # an example table: its file cannot be changed here
        self.table = None  # the table read (core Table)
        self.report = None  # the report for the current choices, None while made or when they fail
        self._problem = ""
        self._filling = False
        self._read_job: Job | None = None
        self._cancel: threading.Event | None = None
        self._prep_generation = 0
        self._build()
        if self._options.get("path"):
            self.open_path(self._options["path"])

    # ------------------------------------------------------------- building

    def _build(self) -> None:
        self.path_label = QLabel(self.tr("No file chosen."), objectName="table_path_label", wordWrap=True)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.choose_button = QPushButton(self.tr("Choose file…"), objectName="table_choose_button")
        self.choose_button.setToolTip(self.tr("A CSV or TSV file with a header row (UTF-8 or Shift_JIS, as Excel saves it)"))
        self.choose_button.clicked.connect(self.choose_file)
        self.choose_button.setVisible(not self._fixed_path)
        top = QHBoxLayout()
        top.addWidget(self.path_label, 1)
        top.addWidget(self.choose_button)

        self.progress_bar = QProgressBar(objectName="table_progress_bar")
        self.cancel_read_button = QPushButton(self.tr("Cancel"), objectName="table_cancel_read_button")
        self.cancel_read_button.setToolTip(self.tr("Stop reading the file"))
        self.cancel_read_button.clicked.connect(self.cancel_read)
        self.progress_row = QWidget()
        row = QHBoxLayout(self.progress_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.progress_bar, 1)
        row.addWidget(self.cancel_read_button)
        self.progress_row.hide()

        self.preview = QTableWidget(0, 0, objectName="table_preview")
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setToolTip(self.tr("The first rows of the file, as read"))
        self.columns = QTableWidget(0, 3, objectName="table_columns")
        self.columns.setHorizontalHeaderLabels([self.tr("Column"), self.tr("Found"), self.tr("Use as")])
        self.columns.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.columns.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.columns.verticalHeader().hide()
        self._type_combos: dict[str, QComboBox] = {}

        self.target_combo = QComboBox(objectName="table_target_combo")
        self.target_combo.setToolTip(self.tr("The column the network learns to predict"))
        self.target_combo.currentIndexChanged.connect(self._on_choice_changed)
        self.task_combo = QComboBox(objectName="table_task_combo")
        self.task_combo.setToolTip(
            self.tr("Classification for categories or a few whole numbers, regression for a quantity; found from the target")
        )
        for task in (None, "classification", "regression"):
            self.task_combo.addItem("", task)
        self.task_combo.currentIndexChanged.connect(self._on_choice_changed)
        self.test_spin = self._percent_spin("table_test_spin", 5.0, 50.0, self._options["test_split"])
        self.test_spin.setToolTip(self.tr("Share of the rows kept aside to test the trained model"))
        self.val_spin = self._percent_spin("table_val_spin", 0.0, 50.0, self._options["val_split"])
        self.val_spin.setToolTip(self.tr("Share of the rows held out to check for overfitting after each epoch"))
        form = QFormLayout()
        form.addRow(self.tr("Target column"), self.target_combo)
        form.addRow(self.tr("Task"), self.task_combo)
        form.addRow(self.tr("Test split"), self.test_spin)
        form.addRow(self.tr("Validation split"), self.val_spin)

        self.report_label = QLabel(objectName="table_report_label", wordWrap=True)
        self.report_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label = QLabel(objectName="table_error_label", wordWrap=True)
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.columns, 1)
        side_layout.addLayout(form)
        side_layout.addWidget(QLabel(self.tr("Report")))
        side_layout.addWidget(self.report_label)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.preview)
        split.addWidget(side)
        split.setSizes([480, 420])

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Use this table"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.progress_row)
        layout.addWidget(self.error_label)
        layout.addWidget(split, 1)
        layout.addWidget(self.buttons)
        self._update_ok()

    def _percent_spin(self, name: str, low: float, high: float, value: float) -> QDoubleSpinBox:
        spin = QDoubleSpinBox(objectName=name, minimum=low, maximum=high, decimals=1, singleStep=5.0, keyboardTracking=False)
        spin.setSuffix(self.tr(" %"))
        spin.setValue(float(value) * 100)
        spin.valueChanged.connect(self._on_choice_changed)
        return spin

    # ------------------------------------------------------------- public API

    def options(self) -> dict[str, Any]:
        """The choices as a table dataset's options: path, target, task (None: inferred), types
        (only the columns whose use differs from what was found), test_split, val_split, seed."""
        types = {}
        if self.table is not None:
            for c in self.table.columns:
                combo = self._type_combos.get(c.name)
                if combo is None:
                    continue
                chosen, found = combo.currentData(), (c.kind if c.usable else "ignore")
                if chosen != found:
                    types[c.name] = chosen
        return {
            "path": self._options.get("path", ""),
            "target": self.target_combo.currentText(),
            "task": self.task_combo.currentData(),
            "types": types,
            "test_split": round(self.test_spin.value() / 100, 6),
            "val_split": round(self.val_spin.value() / 100, 6),
            "seed": int(self._options.get("seed", 0)),
        }

    def problem(self) -> str:
        return self._problem

    def set_column_use(self, name: str, choice: str) -> None:
        """Use column `name` as "numeric", "categorical" or "ignore" (what its combo does)."""
        combo = self._type_combos[name]
        combo.setCurrentIndex(combo.findData(choice))

    def set_target(self, name: str) -> None:
        self.target_combo.setCurrentIndex(self.target_combo.findText(name))

    def set_task(self, task: str | None) -> None:
        self.task_combo.setCurrentIndex(self.task_combo.findData(task))

    def is_reading(self) -> bool:
        return self._read_job is not None

    # ------------------------------------------------------------- reading

    @Slot()
    def choose_file(self) -> None:
        start = self._options.get("path") or ""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a table"), start, self.tr("Tables (*.csv *.tsv *.txt);;All files (*)")
        )
        if path:
            self._options["types"] = {}  # another file: its own columns
            self._options["target"] = ""
            self._options["task"] = None
            self.open_path(path)

    def open_path(self, path: str) -> None:
        """Read the table in `path` in the background (a read under way is cancelled)."""
        self.cancel_read()
        self._options["path"] = str(path)
        self.path_label.setText(str(path))
        self.table = self.report = None
        self._show_problem("")
        self.report_label.clear()
        self._cancel = threading.Event()
        job = Job("table-read", cancel=self._cancel.set, explain=_explain, quiet=(LoadCancelled,))
        job.progressed.connect(self._on_read_progressed)
        job.finished.connect(self._on_read_finished)
        job.failed.connect(self._on_read_failed)
        job.aborted.connect(self._on_read_aborted)
        self._read_job = job
        self.progress_bar.setRange(0, 0)
        self.progress_row.show()
        self._update_ok()
        cancel = self._cancel
        job.start(read_table, str(path), progress=_Progress(job.report), cancel=cancel)

    @Slot()
    def cancel_read(self) -> None:
        if self._read_job is None:
            return
        for signal, slot in (
            (self._read_job.progressed, self._on_read_progressed),
            (self._read_job.finished, self._on_read_finished),
            (self._read_job.failed, self._on_read_failed),
            (self._read_job.aborted, self._on_read_aborted),
        ):
            signal.disconnect(slot)
        self._read_job = None
        if self._cancel is not None:
            self._cancel.set()
        self.progress_row.hide()
        self._show_problem(self.tr("Reading cancelled."))

    @Slot(str, object)
    def _on_read_progressed(self, kind: str, payload) -> None:
        _message, done, total = payload
        if total > 0:
            self.progress_bar.setRange(0, 1000)
            self.progress_bar.setValue(round(1000 * min(done / total, 1.0)))

    @Slot(object)
    def _on_read_finished(self, table) -> None:
        self._read_job = None
        self.progress_row.hide()
        self.table = table
        self._show_table(table)
        self.table_read.emit()
        self._prepare()

    @Slot(str, str)
    def _on_read_failed(self, message: str, details: str) -> None:
        self._read_job = None
        self.progress_row.hide()
        self._show_problem(load_message_text(message))

    @Slot()
    def _on_read_aborted(self) -> None:
        self._read_job = None
        self.progress_row.hide()

    def _show_table(self, table) -> None:
        """The preview, the columns with their kinds and uses, the target and task choices."""
        with_target = self._options.get("target") or ""
        types = dict(self._options.get("types") or {})
        self._filling = True
        try:
            self.preview.clear()
            self.preview.setColumnCount(len(table.names))
            self.preview.setRowCount(len(table.preview))
            self.preview.setHorizontalHeaderLabels(table.names)
            for r, row in enumerate(table.preview):
                for c, value in enumerate(row):
                    self.preview.setItem(r, c, QTableWidgetItem(value))
            self.preview.resizeColumnsToContents()
            self.columns.setRowCount(len(table.columns))
            self._type_combos = {}
            for r, column in enumerate(table.columns):
                self.columns.setItem(r, 0, QTableWidgetItem(column.name))
                found = QTableWidgetItem(kind_text(column.kind))
                if column.missing:
                    found.setText(self.tr("{0}, %n missing", "", column.missing).format(kind_text(column.kind)))
                self.columns.setItem(r, 1, found)
                combo = QComboBox()
                for choice in _CHOICES:
                    combo.addItem(choice_text(choice), choice)
                use = types.get(column.name) or (column.kind if column.usable else "ignore")
                combo.setCurrentIndex(combo.findData(use))
                combo.currentIndexChanged.connect(self._on_choice_changed)
                self.columns.setCellWidget(r, 2, combo)
                self._type_combos[column.name] = combo
            self.target_combo.clear()
            self.target_combo.addItems(table.names)
            # the target: the one asked for, else the last column (where tables usually keep it)
            index = self.target_combo.findText(with_target) if with_target else -1
            self.target_combo.setCurrentIndex(index if index >= 0 else len(table.names) - 1)
            self.task_combo.setCurrentIndex(max(0, self.task_combo.findData(self._options.get("task"))))
        finally:
            self._filling = False
        self._mark_target()

    def _mark_target(self) -> None:
        """The target's row: its use is the target, not a choice."""
        target = self.target_combo.currentText()
        for name, combo in self._type_combos.items():
            combo.setEnabled(name != target)

    # ------------------------------------------------------------- the report

    @Slot()
    def _on_choice_changed(self) -> None:
        if self._filling or self.table is None:
            return
        self._mark_target()
        self._prepare()

    def _prepare(self) -> None:
        """Make the report for the current choices on a job (a newer one supersedes it)."""
        self._prep_generation += 1
        generation = self._prep_generation
        self.report = None
        self._update_ok()
        self.report_label.setText(self.tr("Preparing…"))
        opts = self.options()
        self._say_inferred_task()
        job = Job("table-prepare", explain=_explain)
        job.finished.connect(lambda report: self._on_prepared(generation, report))
        job.failed.connect(lambda message, details: self._on_prepare_failed(generation, message))
        job.start(
            _prepare, self.table, opts["target"], opts["task"], opts["types"], opts["test_split"], opts["val_split"], opts["seed"]
        )

    def _say_inferred_task(self) -> None:
        from playground.core.data.table_prep import infer_task

        try:
            inferred = infer_task(self.table.column(self.target_combo.currentText()))
        except DatasetError:
            inferred = ""
        self.task_combo.setItemText(0, self.tr("Found from the target: {0}").format(task_text(inferred)) if inferred else self.tr("Found from the target"))
        self.task_combo.setItemText(1, task_text("classification"))
        self.task_combo.setItemText(2, task_text("regression"))

    def _on_prepared(self, generation: int, report) -> None:
        if generation != self._prep_generation:
            return
        self.report = report
        self._show_problem("")
        self._say_report()
        self._update_ok()
        self.report_ready.emit()

    def _on_prepare_failed(self, generation: int, message: str) -> None:
        if generation != self._prep_generation:
            return
        self.report_label.clear()
        self._show_problem(message)

    def _say_report(self) -> None:
        kinds = {c.name: c.kind for c in self.table.columns} if self.table is not None else {}
        self.report_label.setText("\n".join(report_lines(self.report, kinds)))

    def _show_problem(self, message: str) -> None:
        self._problem = message
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))
        self._update_ok()
        if message:
            self.problem_shown.emit(message)

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.report is not None and not self._problem)

    def retranslate(self) -> None:
        if self.report is not None:
            self._say_report()

    def done(self, result: int) -> None:
        self.cancel_read()
        super().done(result)
