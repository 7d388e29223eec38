"""The Training tab's TensorBoard option: a check box and a folder. When it is on, each run is
logged into a new folder inside that folder (core.experiments.tensorboard: the scalars per
epoch and each layer's histograms), for `tensorboard --logdir FOLDER`. The choice is kept in
the window settings (window_settings.py), not in the project: it is where this computer keeps
its logs. Without the tensorboard package the check box is disabled and its tooltip says how to
install it. Checking for the package imports nothing (importlib.util.find_spec).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from typing import Callable, Literal

from PySide6.QtCore import QSettings, Slot
from PySide6.QtWidgets import (
    QCheckBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLineEdit, QMessageBox, QPushButton, QWidget,
)

from playground.core.errors import PlaygroundError
from playground.gui.i18n.errors import error_text

from playground.gui.window_settings import remember_tensorboard, tensorboard_choice

__all__ = ["TensorBoardOption", "tensorboard_installed"]


def tensorboard_installed() -> bool:
    """Whether the tensorboard package (which torch.utils.tensorboard needs) is installed."""
    return importlib.util.find_spec("tensorboard") is not None


class TensorBoardOption(QGroupBox):
    """Log runs for TensorBoard: on or off, and into which folder (module docstring)."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None):
        super().__init__(self.tr("TensorBoard"), parent)
        self.settings = settings
        self.installed = tensorboard_installed()
        form = QFormLayout(self)
        self.check = QCheckBox(self.tr("Log runs for TensorBoard"), objectName="tensorboard_check")
        self.folder_edit = QLineEdit(objectName="tensorboard_folder")
        self.browse_button = QPushButton(self.tr("Browse…"), objectName="tensorboard_browse")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.folder_edit, 1)
        row.addWidget(self.browse_button)
        form.addRow("", self.check)
        form.addRow(self.tr("Folder"), row)

        enabled, folder = tensorboard_choice(settings)
        self.folder_edit.setText(str(folder))
        self.check.setChecked(enabled and self.installed)
        if self.installed:
            self.check.setToolTip(
                self.tr(
                    "Each run writes its loss, accuracy, learning rate and the histograms of every layer's "
                    "activations, gradients and weights into a new folder inside this one. To view them, run: "
                    "tensorboard --logdir FOLDER"
                )
            )
        else:
            self.check.setEnabled(False)
            self.check.setToolTip(
                self.tr("TensorBoard is not installed. Install it with: pip install tensorboard — then restart the app.")
            )
        self.folder_edit.setToolTip(self.tr("Where the runs' TensorBoard logs go (a folder; it is made when missing)."))
        self.check.toggled.connect(self._on_changed)
        self.folder_edit.editingFinished.connect(self._on_changed)
        self.browse_button.clicked.connect(self._on_browse)
        self._update_enabled()

    def folder(self) -> Path | None:
        """The folder to log into, or None when the option is off (or TensorBoard is missing)."""
        text = self.folder_edit.text().strip()
        if not (self.installed and self.check.isChecked() and text):
            return None
        return Path(text).expanduser()

    def new_run_folder(self, name: str) -> Path | None | Literal[False]:
        """A new folder for the run `name` inside the chosen one (None when the option is off),
        or False after telling the user why it cannot be made (a file by that name, no permission)."""
        folder = self.folder()
        if folder is None:
            return None
        from playground.core.experiments.tensorboard import run_folder  # torch: a run is starting

        try:
            return run_folder(folder, name)
        except PlaygroundError as e:
            QMessageBox.warning(self.window(), self.tr("Cannot train yet"), error_text(e))
            return False

    def log_line(self, run: Path) -> Callable[[], str]:
        """The log's line for a run logged into `run` (said again after a language switch)."""
        logdir = run.parent
        return lambda: self.tr("TensorBoard: logging into {0} (view: tensorboard --logdir {1})").format(run, logdir)

    def _update_enabled(self) -> None:
        on = self.installed and self.check.isChecked()
        self.folder_edit.setEnabled(on)
        self.browse_button.setEnabled(on)

    @Slot()
    def _on_changed(self) -> None:
        self._update_enabled()
        if self.installed:
            remember_tensorboard(self.settings, self.check.isChecked(), self.folder_edit.text().strip())

    @Slot()
    def _on_browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Folder for TensorBoard logs"), self.folder_edit.text())
        if chosen:
            self.folder_edit.setText(chosen)
            self._on_changed()
