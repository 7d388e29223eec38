"""The window's Experiments menu (`ExperimentActions`): Compare… (compare.py), Train
Ensemble… (ensemble.py), Evaluate Model… (evaluation.py) and Loss Landscape… (landscape.py). Each dialog is made on first use
and kept; when the window closes, a comparison or an ensemble still training is stopped and
waited for first (a landscape being computed too)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from playground.gui.dialogs.compare import ExperimentsDialog
from playground.gui.dialogs.ensemble import EnsembleDialog

__all__ = ["ExperimentActions"]


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
        self.landscape_action = QAction(self.tr("Loss &Landscape…"), window)
        self.landscape_action.setStatusTip(
            self.tr("The loss around the trained weights as a contour plot, with the optimizers' paths over it")
        )
        self.landscape_dialog = None
        self.menu = window.menuBar().addMenu(self.tr("E&xperiments"))
        bar_actions = window.menuBar().actions()
        if len(bar_actions) >= 2:  # keep Help last
            window.menuBar().insertMenu(bar_actions[-2], self.menu)
        self.menu.addAction(self.compare_action)
        self.menu.addAction(self.ensemble_action)
        self.menu.addAction(self.evaluate_action)
        self.menu.addAction(self.landscape_action)
        self.compare_action.triggered.connect(self.open_compare)
        self.ensemble_action.triggered.connect(self.open_ensemble)
        self.evaluate_action.triggered.connect(self.open_evaluation)
        self.landscape_action.triggered.connect(self.open_landscape)
        from playground.gui.dialogs.stepper_entry import StepperActions

        self.stepper = StepperActions(window, self.menu)  # Backprop Stepper…, also in the diagram's menu
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
    def open_landscape(self):
        """The loss landscape lab (made on first use: it loads torch's experiments)."""
        from playground.gui.dialogs.landscape import LandscapeDialog

        if self.landscape_dialog is None:
            self.landscape_dialog = LandscapeDialog(self.w)
        self.landscape_dialog.show()
        self.landscape_dialog.raise_()
        return self.landscape_dialog

    @Slot()
    def open_evaluation(self):
        """Evaluate the current model; the dialog offers the datasets that fit it, the one it
        was trained on first (the Data tab may have another loaded meanwhile)."""
        from playground.gui.dialogs.evaluation import EvaluationDialog

        predictor = self.controller.predictor
        if predictor is None:
            QMessageBox.information(self.w, self.tr("Evaluate Model"), self.tr("Train a model or open one first."))
            return None
        run = self.controller.current_run
        if run is not None:
            trained_on, trained_options = run.config.data.name, dict(run.config.data.options)
        else:  # an ensemble says its data's name; a model file may say nothing
            trained_on, trained_options = (predictor.metadata or {}).get("dataset") or None, None
        panel = self.w.data_panel
        old = self.evaluation
        if old is not None:
            old.close()
            # Its data may still be loading, or its predictions computing, on other threads,
            # which report to it: delete it only once they have.
            if old.pending():
                old.idle.connect(old.deleteLater)
            else:
                old.deleteLater()
        if predictor.task == "regression":  # predicted-vs-actual, not a confusion matrix
            from playground.gui.dialogs.regression_eval import RegressionEvaluationDialog as EvaluationDialog
        self.evaluation = EvaluationDialog(
            predictor,
            panel.dataset(),
            self.w,
            trained_on=trained_on,
            trained_options=trained_options,
            loaded_options=dict(panel.data_config().options),
            data_dir=self.w.data_dir,
        )
        self.evaluation.show()
        return self.evaluation

    def eventFilter(self, watched, event) -> bool:
        # The window is closing: stop a running comparison and wait for its thread first.
        if watched is self.w and event.type() == QEvent.Type.Close:
            for dialog in (self.dialog, self.ensemble_dialog, self.landscape_dialog):
                if dialog is not None:
                    dialog.shutdown()
            self.stepper.shutdown()
        return False
