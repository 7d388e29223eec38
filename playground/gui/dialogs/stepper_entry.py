"""Where the backprop stepper opens from: Experiments ▸ Backprop Stepper… and the model diagram's
context menu. Both are disabled, with the reason, when the network is past the stepper's limits
(core.experiments.stepper.check_spec: small dense networks; at most MAX_INPUTS inputs)."""

from __future__ import annotations

import math

from PySide6.QtCore import QObject, QPoint, Qt, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox

from playground.gui.i18n.error_text import family_text

__all__ = ["StepperActions"]


class StepperActions(QObject):
    """The stepper's menu entries in `window`: one in `menu` (Experiments) and one in the
    network diagram's context menu; `dialog` is the open stepper, if any."""

    def __init__(self, window, menu: QMenu):
        super().__init__(window)
        self.w = window
        self.dialog = None
        self.action = QAction(self.tr("Backprop &Stepper…"), window)
        self.action.setStatusTip(self.tr(
            "Step one mini-batch through a small dense network: forward, loss, backward and update, with the numbers"))
        self.action.triggered.connect(self.open)
        menu.addAction(self.action)
        menu.aboutToShow.connect(self.menu_about_to_show)
        diagram = window.network_diagram
        diagram.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        diagram.customContextMenuRequested.connect(self._show_diagram_menu)
        window.session.state_changed.connect(self._on_session_state)  # a run handed on from the stepper ends

    def refusal(self) -> str:
        """Why the current network cannot be stepped, in the UI's language ("" when it can)."""
        from playground.core.experiments.stepper import MAX_INPUTS, StepperError, check_spec

        builder, dataset = self.w.layer_builder, self.w.data_panel.dataset()
        try:
            check_spec(builder.spec())
        except StepperError as e:
            return family_text(e)
        if not builder.is_valid():
            return builder.validation_message()
        if dataset is None:
            return self.tr("Waiting for the dataset to load.")
        inputs = math.prod(dataset.input_shape)
        if inputs > MAX_INPUTS:
            e = StepperError(f"The model takes {inputs} inputs; the stepper shows at most {MAX_INPUTS}.",
                             "stepper.too_many_inputs", {"inputs": inputs, "limit": MAX_INPUTS})
            return family_text(e)
        return ""

    @Slot()
    def menu_about_to_show(self) -> None:
        """The menu entry enabled, or disabled with the reason as its tooltip."""
        reason = self.refusal()
        self.action.setEnabled(not reason)
        self.action.setToolTip(reason or self.action.statusTip())

    def diagram_menu(self) -> QMenu:
        """The model diagram's context menu: the stepper, or why not."""
        menu = QMenu(self.w.network_diagram)
        menu.setToolTipsVisible(True)
        reason = self.refusal()
        entry = menu.addAction(self.tr("Step Through Backprop…"))
        entry.setEnabled(not reason)
        entry.triggered.connect(self.open)
        if reason:
            entry.setToolTip(reason)
            why = menu.addAction(self.tr("Not for this network: {0}").format(reason))
            why.setEnabled(False)
        return menu

    @Slot(QPoint)
    def _show_diagram_menu(self, pos: QPoint) -> None:
        menu = self.diagram_menu()
        menu.exec(self.w.network_diagram.mapToGlobal(pos))
        menu.deleteLater()

    @Slot()
    def open(self):
        """Open the stepper on the Training settings and the Data tab's dataset (a new one each
        time: the settings may have changed), or say why it cannot."""
        from playground.core.errors import PlaygroundError
        from playground.gui.dialogs.stepper_view import StepperDialog

        reason = self.refusal()
        if reason:
            QMessageBox.information(self.w, self.tr("Backprop Stepper"), reason)
            return None
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        try:
            self.dialog = StepperDialog(self.w.controller.current_config(), self.w.data_panel.dataset(), self.w,
                                        continue_training=self.continue_training)
        except PlaygroundError as e:
            from playground.gui.i18n.errors import error_text

            QMessageBox.warning(self.w, self.tr("Backprop Stepper"), error_text(e))
            return None
        self.dialog.show()
        self.dialog.raise_()
        return self.dialog

    def continue_training(self, cfg, dataset, handoff, take_back) -> bool:
        """Train on in the main window from where the stepper got to (`handoff`: the end of an
        epoch, its model, optimizer state and batch order), with the plots and the log, for the
        Training settings' epochs (more when the stepper went past them); `take_back` keeps the
        run's end for the stepper. False (the user told why) while a run is going."""
        if self.w.session.is_running():
            QMessageBox.information(self.w, self.tr("Training is running"),
                                    self.tr("A run is going in the main window: stop it first."))
            return False
        done = handoff.epoch - 1
        if cfg.train.epochs <= done:
            cfg = cfg.with_overrides(**{"train.epochs": done + cfg.train.epochs})
        self.w.controller.launch(cfg, dataset, _Continued(handoff), (), handoff=handoff, take_back=take_back)
        return True

    @Slot(str)
    def _on_session_state(self, state: str) -> None:
        if state == "idle" and self.dialog is not None:
            self.dialog.main_run_ended()

    def shutdown(self) -> None:
        if self.dialog is not None:
            self.dialog.shutdown()


class _Continued:
    """A stepper's hand-off as the window's feedback.show_start reads a resumed run: the epochs
    done and their logs."""

    def __init__(self, handoff):
        self.epoch = handoff.epoch - 1
        self._history = list(handoff.history)

    def history(self):
        return self._history
