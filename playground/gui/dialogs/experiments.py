"""The window's Experiments menu (`ExperimentActions`): Compare… (compare.py), Train
Ensemble… (ensemble.py) and Evaluate Model… (evaluation.py). Each dialog is made on first use
and kept; when the window closes, a comparison or an ensemble still training is stopped and
waited for first."""

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
