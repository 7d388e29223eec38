"""The Data tab's group for tables (the example tables and "Your own table (CSV)"): which file and
target, the "Table (CSV)…" button that opens the table dialog (table_dialog.py), the report of
the table loaded, and — when the model in the Model tab cannot take the table — an offer of the
`tabular` preset. The Data tab keeps the options; this group says what the user chose."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from playground.core.data.table_sets import EXAMPLE_TABLES, TABLE_DEFAULTS, example_path
from playground.gui.i18n.table_text import report_lines, task_text
from playground.gui.tabs.table_dialog import TableDialog

__all__ = ["TableGroup"]


class TableGroup(QGroupBox):
    """`chosen(options)`: the user accepted the table dialog; `dismissed()`: closed it without a
    table; `tabular_requested()`: the user took the offer of the tabular preset."""

    chosen = Signal(dict)
    dismissed = Signal()
    tabular_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Table"), parent)
        self._name = "csv"
        self._options: dict[str, Any] = {}
        self._report = None
        self.dialog: TableDialog | None = None
        form = QFormLayout()
        self.file_label = QLabel(objectName="table_file_label", wordWrap=True)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton(self.tr("Table (CSV)…"), objectName="table_open_button")
        self.open_button.setToolTip(
            self.tr("Open a table of your own, or change how this one is read: column types, target, task and split")
        )
        self.open_button.clicked.connect(self.open_dialog)
        row = QHBoxLayout()
        row.addWidget(self.file_label, 1)
        row.addWidget(self.open_button)
        form.addRow(self.tr("File"), row)
        self.target_label = QLabel(objectName="table_target_label", wordWrap=True)
        form.addRow(self.tr("Target"), self.target_label)
        self.report_label = QLabel(objectName="table_report", wordWrap=True)
        self.report_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.fit_label = QLabel(objectName="table_fit_label", wordWrap=True)
        self.fit_label.setStyleSheet("color: #c62828;")
        self.tabular_button = QPushButton(self.tr("Use the tabular model"), objectName="tabular_button")
        self.tabular_button.setToolTip(
            self.tr("Replace the model with the tabular preset: a small MLP sized to this table")
        )
        self.tabular_button.clicked.connect(self.tabular_requested)
        self.fit_box = QWidget()
        fit_layout = QVBoxLayout(self.fit_box)
        fit_layout.setContentsMargins(0, 0, 0, 0)
        fit_layout.addWidget(self.fit_label)
        fit_layout.addWidget(self.tabular_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.fit_box.hide()

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.report_label)
        layout.addWidget(self.fit_box)

    def show_options(self, name: str, options: dict[str, Any]) -> None:
        """Show table `name`'s options ("csv" or an example table's name)."""
        self._name, self._options = name, {**self._defaults(name), **options}
        path = self._options.get("path") or ""
        self.file_label.setText(path if name == "csv" else example_path(name).name)
        if name == "csv" and not path:
            self.file_label.setText(self.tr("No file chosen yet."))
        self._say_target()
        self.show_report(None)

    def _say_target(self) -> None:
        target, task = self._options.get("target") or "", self._options.get("task")
        text = target or "–"
        if task:
            text = f"{text} ({task_text(task)})"
        self.target_label.setText(text)

    def show_report(self, report) -> None:
        """The loaded table's report (None: nothing loaded yet)."""
        self._report = report
        if report is not None:
            self.target_label.setText(f"{report.target} ({task_text(report.task)})")
        self.report_label.setText("\n".join(report_lines(report)) if report is not None else "")

    def show_model_problem(self, text: str) -> None:
        """Why the model does not fit the table ("" when it does): offered the tabular preset."""
        self.fit_label.setText(text)
        self.fit_box.setVisible(bool(text))

    def retranslate(self) -> None:
        self._say_target()
        self.show_report(self._report)
        if self.dialog is not None:
            self.dialog.retranslate()

    @staticmethod
    def _defaults(name: str) -> dict[str, Any]:
        defaults = dict(TABLE_DEFAULTS)
        if name in EXAMPLE_TABLES:
            defaults.update(path=str(example_path(name)), target=EXAMPLE_TABLES[name].target)
        return defaults

    @Slot()
    def open_dialog(self) -> TableDialog:
        """The table dialog on the current options (an example table's file is fixed); window
        modal, not blocking: `chosen` or `dismissed` says how it ended."""
        if self.dialog is not None:
            self.dialog.deleteLater()
        options = {**self._defaults(self._name), **self._options}
        self.dialog = TableDialog(options, self.window(), fixed_path=self._name != "csv")
        self.dialog.accepted.connect(self._on_dialog_accepted)
        self.dialog.rejected.connect(self.dismissed)
        self.dialog.open()
        if not options.get("path"):
            self.dialog.choose_file()
        return self.dialog

    @Slot()
    def _on_dialog_accepted(self) -> None:
        options = self.dialog.options()
        if self._name != "csv":
            options.pop("path")  # an example table's own file
        self.chosen.emit(options)
