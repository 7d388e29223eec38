"""File ▸ New, Open…, Open Recent, Save and Save As… for the window's project, the question
about unsaved changes (also when the window closes during training or fine-tuning), and the
recent-files list in QSettings.

A project file holds the run configuration the panels show, the runs (core.io.project) and the
starting weights; what is open and whether it is saved lives in the window's ProjectState.

The texts were translated as the window controller's and keep its context, "WindowController"
(resources/translations): hence QCoreApplication.translate here rather than self.tr.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from playground.core.config.presets import load_preset
from playground.core.errors import PlaygroundError
from playground.core.io.project import PROJECT_SUFFIX, DamagedProjectError, Project, load_project, save_project
from playground.gui.i18n.errors import error_text

__all__ = ["DEFAULT_PRESET", "ProjectFiles"]

DEFAULT_PRESET = "xor-mlp"  # what a new project (and a new window) starts with
MAX_RECENT = 8


class ProjectFiles(QObject):
    """The File menu's project commands for `controller`'s window (gui/controller.py)."""

    def __init__(self, controller):
        super().__init__(controller)
        self.controller = controller
        self.w = controller.w
        self.state = controller.state
        self.settings = controller.settings

    # ----------------------------------------------------------------- unsaved changes

    def confirm_discard(self) -> bool:
        """Ask about unsaved changes; True if it is fine to go on."""
        if not self.state.dirty:
            return True
        answer = QMessageBox.question(
            self.w,
            QCoreApplication.translate("WindowController", "Unsaved changes"),
            QCoreApplication.translate("WindowController", "The project has unsaved changes. Save them first?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def confirm_close(self) -> bool:
        """Called by the window's closeEvent: training (and fine-tuning in the Draw tab) is
        stopped cleanly first, after asking."""
        if self.w.session.is_running():
            answer = QMessageBox.question(
                self.w,
                QCoreApplication.translate("WindowController", "Training is running"),
                QCoreApplication.translate("WindowController", "Stop training and close? The run so far will be kept in the project."),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
            self.w.session.shutdown()
            QApplication.processEvents()  # deliver the stopped run's result to the runs list
        teach = self.w.draw_panel.teach_box
        if teach.is_running():
            answer = QMessageBox.question(
                self.w,
                QCoreApplication.translate("WindowController", "Fine-tuning is running"),
                QCoreApplication.translate(
                    "WindowController",
                    "Stop the training in the Draw tab and close? A fine-tuned model so far is kept in the "
                    "project as a run; retraining the starter model would have to start again.",
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
            teach.shutdown()  # delivers its end: the fine-tuned model joins the runs (and the project is unsaved)
        return self.confirm_discard()

    # ----------------------------------------------------------------- new, open, save

    def new(self) -> None:
        if not self.confirm_discard():
            return
        self.state.set_path(None)
        self.controller.clear_runs()
        self.controller.apply_config(load_preset(DEFAULT_PRESET))
        self.w.start_weights.set_start(None)
        self.controller.set_dirty(False)

    def ask_and_open(self) -> None:
        if not self.confirm_discard():
            return
        path, _ = QFileDialog.getOpenFileName(
            self.w,
            QCoreApplication.translate("WindowController", "Open Project"),
            self.last_dir(),
            QCoreApplication.translate("WindowController", "Playground projects (*{0})").format(PROJECT_SUFFIX),
        )
        if path:
            self.open(path)

    def open(self, path: str | Path) -> bool:
        try:
            project = load_project(path)
        except DamagedProjectError as e:
            backup = self.report_damaged(e)
            return self.open(backup) if backup is not None else False
        except PlaygroundError as e:
            QMessageBox.warning(self.w, QCoreApplication.translate("WindowController", "Cannot open project"), error_text(e))
            return False
        self.state.set_path(path)
        self.controller.clear_runs()
        self.controller.apply_config(project.config)
        self.w.start_weights.set_start(project.start)  # None (random weights) for older files
        self.state.reset_runs(project.runs)
        trained = [r for r in self.state.runs if r.state_dict is not None]
        if trained:
            from playground.core.inference.predictor import ModelPredictor

            self.state.set_current(ModelPredictor.from_trained(trained[-1]), trained[-1])
        self.remember(self.state.path)
        self.controller.set_dirty(False)
        path = str(self.state.path)
        self.controller.log(lambda: QCoreApplication.translate("WindowController", "Opened {0}").format(path))
        return True

    def report_damaged(self, e: DamagedProjectError) -> Path | None:
        """Say which file is damaged, how, and what can be done; nothing is changed, the window
        keeps what it shows. Returns the backup to open instead when there is one and the user
        chooses it, else None."""
        translate = QCoreApplication.translate
        title = translate("WindowController", "Cannot open project")
        if e.reason == "incomplete":
            what = translate(
                "WindowController",
                "“{0}” is damaged: the file is incomplete (it ends after {1} bytes), as when a copy, a download "
                "or a save to a full disk is cut short.",
            ).format(e.path.name, f"{e.size:,}")
        else:
            what = translate(
                "WindowController",
                "“{0}” is damaged: parts of it no longer unpack, as when a copy or a disk goes wrong.",
            ).format(e.path.name)
        where = translate("WindowController", "Folder: {0}").format(str(e.path.parent))
        kept = translate("WindowController", "The file has not been changed, and the window keeps what it shows.")
        if e.backup is None:
            fix = translate(
                "WindowController",
                "Open an earlier copy of it if you have one (a backup, or the file you copied it from).",
            )
            QMessageBox.warning(self.w, title, "\n\n".join([what, kept, fix, where]))
            return None
        fix = translate(
            "WindowController", "Its backup, the version saved before it, is beside it: “{0}”. Open the backup?"
        ).format(e.backup.name)
        answer = QMessageBox.question(
            self.w,
            title,
            "\n\n".join([what, kept, fix, where]),
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Open,
        )
        return e.backup if answer == QMessageBox.StandardButton.Open else None

    def save(self) -> bool:
        if self.state.path is None:
            return self.save_as()
        return self.save_to(self.state.path)

    def save_as(self) -> bool:
        path, _ = QFileDialog.getSaveFileName(
            self.w,
            QCoreApplication.translate("WindowController", "Save Project"),
            self.last_dir(),
            QCoreApplication.translate("WindowController", "Playground projects (*{0})").format(PROJECT_SUFFIX),
        )
        if not path:
            return False
        if not path.endswith(PROJECT_SUFFIX):
            path += PROJECT_SUFFIX
        return self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        try:
            save_project(path, Project(self.controller.current_config(), list(self.state.runs), self.w.start_weights.start()))
        except PlaygroundError as e:
            QMessageBox.warning(self.w, QCoreApplication.translate("WindowController", "Cannot save project"), error_text(e))
            return False
        self.state.set_path(path)
        self.remember(self.state.path)
        self.controller.set_dirty(False)
        self.w.statusBar().showMessage(QCoreApplication.translate("WindowController", "Saved {0}").format(str(path)), 5000)
        return True

    # ----------------------------------------------------------------- recent files

    def last_dir(self) -> str:
        """Where file dialogs open: the folder of the latest recent file, else home."""
        recent = self.recent()
        return str(Path(recent[0]).parent) if recent else str(Path.home())

    def recent(self) -> list[str]:
        value = self.settings.value("recent/files", [])
        if isinstance(value, str):  # QSettings returns a lone entry as a string
            value = [value]
        return [str(v) for v in value or []]

    def remember(self, path: Path) -> None:
        files = [str(path)] + [f for f in self.recent() if f != str(path)]
        self.settings.setValue("recent/files", files[:MAX_RECENT])
        self.refresh_recent_menu()

    def refresh_recent_menu(self) -> None:
        menu = self.w.recent_menu
        menu.clear()
        files = [f for f in self.recent() if Path(f).is_file()]
        for f in files:
            action = menu.addAction(Path(f).name)
            action.setToolTip(f)
            action.triggered.connect(lambda checked=False, p=f: self._on_recent_chosen(p))
        menu.setEnabled(bool(files))

    def _on_recent_chosen(self, path: str) -> None:
        if self.confirm_discard():
            self.open(path)
