"""At launch, offer to continue a training run that a crash or a kill interrupted.

Runs the window trains checkpoint every epoch into the run registry (core.training.checkpoint) and
remove themselves when they end, so a run still there was interrupted. Once the panels are
built, `ResumeOffer.ask` shows one non-blocking question about the most recent such run:
*Continue* applies its settings to the panels and resumes it from the checkpoint through
the training session, *Discard* deletes it, *Later* keeps it for the next launch.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QAbstractButton, QMessageBox

from playground.core.training.checkpoint import (
    RunInfo,
    discard_run,
    list_interrupted_runs,
    load_checkpoint,
)
from playground.core.errors import PlaygroundError

__all__ = ["ResumeOffer"]


class ResumeOffer(QObject):
    def __init__(self, controller, root=None):
        super().__init__(controller)
        self.controller = controller
        self.w = controller.w
        self.root = root  # the registry folder; None: core.training.checkpoint.runs_dir()
        self.run: RunInfo | None = None
        self.resume = None  # the loaded checkpoint, while waiting for its dataset
        self.box: QMessageBox | None = None

    def ask(self) -> bool:
        """Show the question if a run was interrupted (it does not block); False if none was."""
        runs = list_interrupted_runs(self.root)
        if not runs:
            return False
        run = self.run = runs[0]
        if run.problem:
            text = self.tr("A training run was interrupted, but its description cannot be read ({0}). Continue it?").format(
                run.problem
            )
        else:
            text = self.tr("A training run was interrupted at epoch {0} of {1} ({2}). Continue it?").format(
                run.epoch, run.epochs, run.when.strftime("%Y-%m-%d %H:%M")
            )
        box = self.box = QMessageBox(QMessageBox.Icon.Question, self.tr("Interrupted training run"), text, parent=self.w)
        details = self.tr("{0} on {1}. Its checkpoint is in {2}.").format(
            run.config_name or self.tr("A model"), run.dataset or "?", str(run.path)
        )
        if len(runs) > 1:
            details += " " + self.tr("{0} more interrupted runs are kept; the command line resumes any of them (playground train --resume RUN).").format(len(runs) - 1)
        box.setInformativeText(details)
        self.continue_button = box.addButton(self.tr("&Continue"), QMessageBox.ButtonRole.AcceptRole)
        self.continue_button.setToolTip(self.tr("Load its settings and go on training from the last checkpoint"))
        self.discard_button = box.addButton(self.tr("&Discard"), QMessageBox.ButtonRole.DestructiveRole)
        self.discard_button.setToolTip(self.tr("Delete its checkpoint"))
        self.later_button = box.addButton(self.tr("&Later"), QMessageBox.ButtonRole.RejectRole)
        self.later_button.setToolTip(self.tr("Keep it and ask again at the next launch"))
        box.setDefaultButton(self.continue_button)
        box.setEscapeButton(self.later_button)
        box.buttonClicked.connect(self._on_box_button_clicked)
        box.open()  # window-modal, not exec(): the event loop (and the tests) keep running
        return True

    @Slot(QAbstractButton)
    def _on_box_button_clicked(self, button: QAbstractButton) -> None:
        if button is self.continue_button:
            self.continue_run()
        elif button is self.discard_button:
            self.discard()

    def discard(self) -> None:
        try:
            discard_run(self.run)
        except OSError as e:
            QMessageBox.warning(self.w, self.tr("Cannot discard the run"), str(e))
            return
        where = str(self.run.path)
        self.controller.log(lambda: self.tr("Discarded the interrupted run in {0}").format(where))

    def continue_run(self) -> None:
        """Load the checkpoint, show its settings, and start training once its dataset is loaded."""
        try:
            resume = load_checkpoint(self.run.path)
            self.controller.apply_config(resume.config)
        except PlaygroundError as e:
            answer = QMessageBox.question(
                self.w,
                self.tr("Cannot continue the run"),
                self.tr("{0}\n\nDiscard this run?").format(str(e)),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer == QMessageBox.StandardButton.Discard:
                self.discard()
            return
        self.resume = resume
        panel = self.w.data_panel
        if panel.dataset() is not None:
            self._start()
        else:  # an image dataset loads in the background
            panel.dataset_changed.connect(self._on_data_dataset_changed)
            panel.load_failed.connect(self._on_data_load_failed)

    def _disconnect_data(self) -> None:
        panel = self.w.data_panel
        panel.dataset_changed.disconnect(self._on_data_dataset_changed)
        panel.load_failed.disconnect(self._on_data_load_failed)

    @Slot(object)
    def _on_data_dataset_changed(self, dataset) -> None:
        self._disconnect_data()
        self._start()

    @Slot(str)
    def _on_data_load_failed(self, message: str) -> None:
        self._disconnect_data()
        self.resume = None
        QMessageBox.warning(
            self.w,
            self.tr("Cannot continue the run"),
            self.tr("Its dataset could not be loaded: {0}\nThe run is kept; fix the data and restart to continue it.").format(message),
        )

    def _start(self) -> None:
        resume, self.resume = self.resume, None
        if resume is None:
            return
        self.controller.set_dirty(True)
        self.controller.start_training(resume)
        if not self.w.session.is_running():  # start_training said why, if it could tell
            self.controller.log(lambda: self.tr("The interrupted run could not be continued; it is kept."))
