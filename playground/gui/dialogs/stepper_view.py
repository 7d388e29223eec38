"""Experiments ▸ Backprop Stepper…: one mini-batch (or one sample) at a time through a small dense
network, phase by phase, with the engine's own numbers (core.experiments.stepper).

Forward shows each neuron's activation, Loss the loss and ∂L/∂output, Backward reveals the error
signals δ and the gradients ∂L/∂w one layer at a time from the output (the order backprop
computes them; core computes them in one autograd pass), Update each weight's change under the
optimizer of the Training settings, with its state. Clicking a neuron or a link shows its formulas
(stepper_panel.FormulaPanel); the gradient check runs beside it (stepper_panel.GradCheckPanel).

"Train N epochs here" trains on with the stepper's own model, optimizer and batch order
(Stepper.finish_epoch and Stepper.run: fit's batch step) on a background thread, then steps on
from there. "Continue in the main window" finishes the epoch and hands the stepper's run to the
main window's training (core.experiments.stepper_handoff: the same model, optimizer state and
batch order, so the weights are those of one uninterrupted run), with its plots and log; when
that run ends, "Step on from the trained model" takes it back (Stepper.take_back).
"""

from __future__ import annotations

import dataclasses
import threading

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from playground.core.experiments.stepper_formulas import num
from playground.gui.dialogs.stepper_canvas import StepperCanvas
from playground.gui.dialogs.stepper_panel import FormulaPanel, GradCheckPanel
from playground.gui.i18n.retranslate import Retranslatable
from playground.gui.i18n.stepper_text import phase_name
from playground.gui.jobs import Job

__all__ = ["StepperDialog"]


class _Stopped(Exception):
    pass


class StepperDialog(Retranslatable, QDialog):
    """The stepper on `config` (the Training settings' run config) and `dataset` (the Data tab's).
    Raises StepperError (or another PlaygroundError) when the model cannot be stepped."""

    def __init__(self, config, dataset, parent: QWidget | None = None, continue_training=None):
        super().__init__(parent)
        self.config, self.dataset = config, dataset
        # (config, dataset, handoff, take_back) -> bool: the main window trains on (stepper_entry), or None
        self._continue_training = continue_training
        self._capture = None  # the TakeBack of a run handed to the main window
        self._in_window = False  # that run is going
        self.stepper = None
        self.back_from = 0
        self.train_job: Job | None = None
        self._trained: tuple | None = None  # (epoch, EpochLogs) after "Train N epochs here"
        self._stop = threading.Event()
        self.setWindowFlag(Qt.WindowType.Window)  # its own window, resizable, beside the main one
        self.canvas = StepperCanvas()
        self.formulas = FormulaPanel()
        self.gradcheck = GradCheckPanel(self._gradcheck_source)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.mode = QComboBox()
        self.mode.addItem("", "batch")
        self.mode.addItem("", "sample")
        self.mode.currentIndexChanged.connect(self._restart)
        self.sample = QSpinBox()
        self.sample.setRange(1, 1)
        self.sample.valueChanged.connect(self._on_sample_changed)
        self.mode_label = QLabel(self.tr("Steps of:"))
        self.sample_label = QLabel(self.tr("Formulas show sample:"))
        self.buttons = {
            "forward": QPushButton(self.tr("&Forward")),
            "loss": QPushButton(self.tr("&Loss")),
            "backward": QPushButton(self.tr("&Backward")),
            "update": QPushButton(self.tr("&Update")),
            "next": QPushButton(self.tr("&Next batch")),
        }
        for name, button in self.buttons.items():
            button.clicked.connect(lambda _=False, n=name: self.do(n))
        self.step_button = QPushButton(self.tr("Step ▶ (F10)"))
        self.step_button.setToolTip(self.tr("Do the next phase (F10 or the Right arrow)"))
        self.step_button.clicked.connect(self.advance)
        for key in ("F10", "Right"):
            QShortcut(QKeySequence(key), self, self.advance)
        self.epochs = QSpinBox()
        self.epochs.setRange(1, 1000)
        self.epochs.setValue(5)
        self.train_button = QPushButton(self.tr("&Train these epochs here"))
        self.train_button.setToolTip(self.tr(
            "Finish this epoch and train the given number of epochs more with the stepper's model, optimizer and batch "
            "order (as normal training does), in the background; then step on from there"))
        self.train_button.clicked.connect(self.train_epochs)
        self.continue_button = QPushButton()
        self.continue_button.clicked.connect(self.continue_in_window)
        self.continue_button.setVisible(continue_training is not None)
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.step_on_from_trained)
        self.back_button.setVisible(False)
        self._say_handoff_buttons()
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.close)
        self.canvas.selected.connect(lambda _: self._show_formulas())
        self.gradcheck.busy.connect(lambda _: self._refresh())
        self._layout()
        self._say_modes()
        self.resize(1180, 720)
        self._restart()

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.info, 1)
        top.addWidget(self.mode_label)
        top.addWidget(self.mode)
        top.addWidget(self.sample_label)
        top.addWidget(self.sample)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.formulas, 1)
        column.addWidget(self.gradcheck)
        split = QSplitter()
        split.addWidget(self.canvas)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        steps = QHBoxLayout()
        for button in self.buttons.values():
            steps.addWidget(button)
        steps.addWidget(self.step_button)
        steps.addStretch(1)
        # Training on, in a row of its own: with the phase buttons it was wider than a 1280-pixel screen in Japanese
        onwards = QHBoxLayout()
        onwards.addWidget(self.epochs)
        onwards.addWidget(self.train_button)
        onwards.addWidget(self.continue_button)
        onwards.addWidget(self.back_button)
        onwards.addStretch(1)
        onwards.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        layout.addLayout(steps)
        layout.addLayout(onwards)

    def _say_modes(self) -> None:
        batch = self.config.train.batch_size
        self.mode.setItemText(0, self.tr("mini-batches of %n sample(s) (Training settings)", "", batch))
        self.mode.setItemText(1, self.tr("one sample at a time"))

    # ----------------------------------------------------------------- the stepper

    def _config(self):
        if self.mode.currentData() == "sample":
            return self.config.replace(train=dataclasses.replace(self.config.train, batch_mode="stochastic"))
        return self.config

    @Slot()
    def _restart(self) -> None:
        """A new stepper from the initial weights (the dialog opening, or the batch choice changed)."""
        from playground.core.experiments.stepper import Stepper

        if self.stepper is not None and self.is_busy():
            return
        self.stepper = Stepper(self._config(), self.dataset, sample=self.sample.value() - 1)
        self.back_from, self._trained = 0, None
        self._offer_take_back(False)
        self.sample.setRange(1, self.stepper.state.batch_size)
        self.canvas.clear()
        self.gradcheck.clear()
        self._refresh()

    @Slot(int)
    def _on_sample_changed(self, value: int) -> None:
        if self.stepper is not None:
            self.stepper.sample = value - 1  # from the next batch's forward on
            self._refresh()

    def layers(self) -> int:
        return len(self.stepper.layers)

    def next_action(self) -> str:
        """What the next phase is: forward, loss, backward (one more layer) or update."""
        phase = self.stepper.phase
        if phase in ("", "update"):
            return "forward"
        if phase == "forward":
            return "loss"
        if phase == "loss" or (phase == "backward" and self.back_from > 1):
            return "backward"
        return "update"

    @Slot()
    def advance(self) -> None:
        if not self.is_busy():
            self.do(self.next_action())

    def do(self, action: str) -> None:
        """Do `action` (a phase, or "next": the rest of this step and the next batch's forward)."""
        if self.is_busy():
            return
        if self._capture is not None:  # stepping on from the stepper's own state: the window's run is let go
            self._offer_take_back(False)
        stepper = self.stepper
        steps = stepper.steps
        if action == "next":
            if stepper.phase not in ("", "update"):
                stepper.step()
            action = "forward"
        elif action != self.next_action():
            return
        if action == "backward" and stepper.phase == "backward":
            self.back_from -= 1  # core computed every layer's δ at once; one more layer is shown
        else:
            stepper.next_phase()
            self._trained = None
            self.back_from = self.layers() if stepper.phase == "backward" else 0
        if stepper.steps != steps:  # new weights: a check of the old ones is no longer theirs
            self.gradcheck.clear()
        self._refresh()

    def is_busy(self) -> bool:
        return self.train_job is not None or self.gradcheck.is_running() or self._in_window

    # ----------------------------------------------------------------- showing it

    def _refresh(self) -> None:
        stepper = self.stepper
        handed_on = self._in_window or self._capture is not None  # the window's run holds newer weights
        record = stepper.record if self._trained is None and not handed_on else None
        if record is not None:
            self.canvas.set_record(record, stepper.phase, self.back_from)
        else:
            self.canvas.clear()
        busy = self.is_busy()
        nxt = self.next_action()
        for name, button in self.buttons.items():
            button.setEnabled(not busy and (name == nxt or (name == "next" and stepper.phase != "")))
        self.buttons["backward"].setText(
            self.tr("&Backward (layer {0})").format(self.back_from - 1 if stepper.phase == "backward" else self.layers())
            if nxt == "backward" else self.tr("&Backward"))
        backward = self.buttons["backward"]  # its text grew: room for it (a CJK fallback font is wider)
        backward.setMinimumWidth(backward.fontMetrics().horizontalAdvance(backward.text().replace("&", "")) + 28)
        self.step_button.setEnabled(not busy)
        self.train_button.setEnabled(not busy)
        self.continue_button.setEnabled(not busy)
        self.mode.setEnabled(not busy)
        self.gradcheck.button.setEnabled(not busy)
        self._say_info()
        self._say_status()
        self._show_formulas()

    def _show_formulas(self) -> None:
        handed_on = self._in_window or self._capture is not None
        record = self.stepper.record if self._trained is None and not handed_on else None
        self.formulas.show_selection(record, self.stepper.phase if record else "", self.back_from,
                                     self.canvas.selection if record else None)

    def _say_info(self) -> None:
        s, cfg = self.stepper, self.config
        self.setWindowTitle(self.tr("Backprop Stepper — {0}").format(cfg.name or cfg.data.name))
        self.info.setText(self.tr(
            "{0} training samples; optimizer {1}, learning rate η = {2} (from the Training settings); next: epoch "
            "{3}, batch {4} of {5}").format(len(s.x_train), cfg.optimizer.name, f"{cfg.optimizer.lr:g}", s.epoch,
                                       min(s.batch + 1, s.state.batches_per_epoch), s.state.batches_per_epoch))

    def _say_status(self) -> None:
        s = self.stepper
        if self._in_window:
            self.status.setText(self.tr(
                "Training goes on in the main window from the end of epoch {0}; when it ends, step on from its "
                "trained model here.").format(s.epoch - 1))
            return
        if self._capture is not None and self._capture.handoff is not None:
            self.status.setText(self.tr(
                "The run in the main window ended after epoch {0}: “Step on from the trained model” goes on from its "
                "weights and optimizer state.").format(self._capture.handoff.epoch - 1))
            return
        if self._trained is not None:
            epoch, logs = self._trained
            text = self.tr("Trained to the end of epoch {0}: training loss {1}").format(epoch, num(logs.loss))
            if logs.accuracy is not None:
                text += self.tr(", accuracy {0:.1%}").format(logs.accuracy)
            self.status.setText(text + self.tr(". Forward steps on from here."))
            return
        r = s.record
        if r is None:
            self.status.setText(self.tr("Phase: {0}").format(phase_name("")))
            return
        text = self.tr("Step {0} (epoch {1}, batch {2} of {3}): phase {4}").format(
            r.step, r.epoch, r.batch, r.batches, phase_name(r.phase))
        if r.phase == "backward":
            text += self.tr(" — δ and ∂L/∂w shown for layers {0} to {1}").format(self.back_from, self.layers())
        if r.loss is not None:
            text += self.tr("; loss L = {0}").format(num(r.loss))
        if r.phase == "update":
            text += self.tr("; {0} updated every weight").format(r.optimizer)
        self.status.setText(text)

    def _say_handoff_buttons(self) -> None:
        self.continue_button.setText(self.tr("Continue in the &main window"))
        self.continue_button.setToolTip(self.tr(
            "Finish this epoch, then train on in the main window from exactly this model, optimizer state and batch "
            "order (as one uninterrupted run), with its plots, for the Training settings' epochs"))
        self.back_button.setText(self.tr("Step on from the trained mo&del"))
        self.back_button.setToolTip(self.tr(
            "Go on stepping from where the run in the main window ended: its weights and optimizer state"))

    def retranslate(self) -> None:
        self._say_handoff_buttons()
        self._say_modes()
        self._refresh()
        self.gradcheck.retranslate()

    # ----------------------------------------------------------------- background work

    def _gradcheck_source(self):
        """Copies for the gradient check's thread: the stepper's model as it is now, a few samples."""
        import copy

        from playground.core.experiments.gradcheck import SAMPLES

        s = self.stepper
        return copy.deepcopy(s.model), s.x_train[:SAMPLES].clone(), s.y_train[:SAMPLES].clone(), s.train_loss_fn

    @Slot()
    def train_epochs(self) -> None:
        if self.is_busy():
            return
        stepper, epochs = self.stepper, self.epochs.value()
        stop = self._stop = threading.Event()

        def work():  # the dialog leaves the stepper alone until the job has ended
            stepper.finish_epoch()
            for _ in range(epochs):
                if stop.is_set():
                    raise _Stopped()
                stepper.run(stepper.state.batches_per_epoch)
            return stepper.epoch - 1, stepper.state.history[-1]

        job = Job("stepper-training", cancel=stop.set, quiet=(_Stopped,))
        job.finished.connect(self._on_trained)
        job.failed.connect(lambda message, _details: QMessageBox.warning(self, self.tr("Training failed"), message))
        job.ended.connect(self._on_training_ended)
        self.train_job = job
        self.status.setText(self.tr("Training %n epoch(s) in the background…", "", epochs))
        job.start(work)
        self._refresh_buttons_only()

    @Slot()
    def continue_in_window(self) -> None:
        """Finish this epoch and hand the run to the main window's training (stepper_entry)."""
        from playground.core.experiments.stepper_handoff import TakeBack

        if self.is_busy() or self._continue_training is None:
            return
        self.stepper.finish_epoch()  # a small dense net on toy data: the rest of an epoch takes a moment
        capture = TakeBack()
        if not self._continue_training(self._config(), self.dataset, self.stepper.handoff(), capture):
            self._refresh()  # the epoch was finished here all the same
            return
        self._capture, self._in_window, self._trained = capture, True, None
        self.gradcheck.clear()
        self.canvas.selection = None
        self._refresh()

    def main_run_ended(self) -> None:
        """The main window's run ended (the session is idle again): offer to step on from it."""
        if not self._in_window:
            return
        self._in_window = False
        self._offer_take_back(self._capture is not None and self._capture.handoff is not None)
        self._refresh()

    def _offer_take_back(self, offer: bool) -> None:
        """Show "Step on from the trained model" in place of "Continue in the main window" (or back)."""
        if not offer:
            self._capture = None
        self.back_button.setVisible(offer)
        self.continue_button.setVisible(not offer and self._continue_training is not None)

    @Slot()
    def step_on_from_trained(self) -> None:
        """A stepper that goes on where the main window's run ended (its next epoch)."""
        from playground.core.experiments.stepper import Stepper

        if self.is_busy() or self._capture is None or self._capture.handoff is None:
            return
        self.stepper = Stepper.take_back(self._config(), self._capture, self.dataset, sample=self.sample.value() - 1)
        self.back_from, self._trained = 0, None
        self._offer_take_back(False)
        self.canvas.clear()
        self.gradcheck.clear()
        self._refresh()

    def _refresh_buttons_only(self) -> None:
        for button in (*self.buttons.values(), self.step_button, self.train_button, self.continue_button, self.mode,
                       self.gradcheck.button):
            button.setEnabled(False)

    def _on_trained(self, result) -> None:
        self._trained = result
        self.gradcheck.clear()
        self.back_from = 0
        self.canvas.selection = None

    def _on_training_ended(self) -> None:
        self.train_job = None
        self._refresh()

    def shutdown(self) -> None:
        """Stop and wait for the background work (the window is closing)."""
        if self.train_job is not None:
            self.train_job.cancel()
            self.train_job.wait_and_deliver()
        self.gradcheck.shutdown()

    def closeEvent(self, event) -> None:
        self.shutdown()
        super().closeEvent(event)
