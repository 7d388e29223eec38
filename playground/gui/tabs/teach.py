"""Teach it your handwriting: store a wrongly recognised drawing with the right label in the
personal dataset (core.data.personal), review and delete samples, and fine-tune the model on them
in the background (core.experiments.finetune, as a gui/jobs.py job), reporting the accuracy on them
before and after."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal, Slot
from PySide6.QtGui import QIcon, QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from playground.gui.i18n.errors import error_text
from playground.gui.i18n.retranslate import Retranslatable
from playground.gui.jobs import Job, controlled_job, wait_and_deliver
from playground.gui.widgets import LinesLabel
from playground.core.model.build import Network
from playground.core.errors import PlaygroundError
from playground.core.experiments.finetune import FineTuneResult, base_dataset_for, fine_tune, fine_tuned_label
from playground.core.data.personal import PersonalDataset, PersonalSample
from playground.core.inference.predictor import ModelPredictor
from playground.core.inference.starter import retrain_starter_on_mnist
from playground.core.training.callbacks import Callback, EpochLogs, FitState
from playground.core.training.loop import FitResult

__all__ = ["SamplesDialog", "TeachBox"]

_SAMPLE_ROLE = Qt.ItemDataRole.UserRole


def _thumbnail(image: np.ndarray, size: int = 56) -> QPixmap:
    gray = np.ascontiguousarray(np.round(image * 255).astype(np.uint8))
    h, w = gray.shape
    qimage = QImage(gray.data, w, h, w, QImage.Format.Format_Grayscale8).copy()
    return QPixmap.fromImage(qimage).scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio)


class _EpochRelay(Callback):
    """On the training thread: reports each epoch's end as ("epoch", (done, total))."""

    def __init__(self, report):
        self.report = report

    def on_epoch_end(self, state: FitState, logs: EpochLogs) -> None:
        self.report("epoch", (logs.epoch, state.epochs))


def _explain(error: BaseException) -> str:
    """A fine-tuning's or retraining's failure in the user's words (on the job's thread)."""
    if isinstance(error, PlaygroundError):
        return error_text(error)  # e.g. a damaged personal sample, named, in the UI's language
    # A bug: reported with its traceback. The context is the one this text was translated in.
    return QCoreApplication.translate("JobWorker", "Training failed: {0}: {1}").format(type(error).__name__, error)


class SamplesDialog(Retranslatable, QDialog):
    """A grid of the personal samples with their labels; Delete removes the selected ones."""

    def __init__(self, personal: PersonalDataset, parent: QWidget | None = None):
        super().__init__(parent)
        self.personal = personal
        self.setWindowTitle(self.tr("My samples"))
        self.resize(560, 420)
        self.list = QListWidget()
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setIconSize(QSize(56, 56))
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.list.setToolTip(self.tr("Your corrected drawings, as the model sees them (28×28), with the right label"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.delete_button = QPushButton(self.tr("Delete selected"))
        self.delete_button.setToolTip(self.tr("Delete the selected samples from disk (Delete)"))
        self.delete_button.clicked.connect(self.delete_selected)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list, self.delete_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.delete_button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        samples = self.personal.samples()
        for sample in samples:
            try:
                icon, tip = QIcon(_thumbnail(sample.image())), str(sample.path)
            except PlaygroundError as e:  # a damaged file: listed without a picture, so it can be deleted
                icon, tip = QIcon(), error_text(e)
            item = QListWidgetItem(icon, sample.class_name)
            item.setData(_SAMPLE_ROLE, sample)
            item.setToolTip(tip)
            self.list.addItem(item)
        self.summary.setText(
            self.tr("%n sample(s) in {0}", "", len(samples)).format(str(self.personal.folder))
        )
        self.delete_button.setEnabled(bool(samples))

    @Slot()
    def delete_selected(self) -> None:
        chosen: list[PersonalSample] = [item.data(_SAMPLE_ROLE) for item in self.list.selectedItems()]
        if not chosen:
            return
        try:
            for sample in chosen:
                self.personal.delete(sample)
        except PlaygroundError as e:
            QMessageBox.warning(self, self.tr("Cannot delete"), str(e))
        self.refresh()


class TeachBox(QGroupBox):
    """"Wrong? Teach it": the right label, Save sample, My samples…, Fine-tune with the number
    of last layers to train, progress, and the accuracy on the personal samples before and after."""

    tuning_ended = Signal(object)  # FineTuneResult, FitResult (the starter retrained), or None when it failed
    # A finished fine-tuning's FitResult and its label for the runs list, before tuning_ended:
    # the window keeps the model as a run (saved with the project, exportable).
    fine_tuned = Signal(object, str)

    def __init__(self, panel, parent: QWidget | None = None):
        super().__init__(self.tr("Wrong? Teach it your handwriting"), parent)
        self.panel = panel
        self.personal: PersonalDataset | None = None
        self._job: Job | None = None
        self.last_result: FineTuneResult | None = None
        self._count = 0
        self._base_name = ""  # the model being fine-tuned: its name as kept (English for the starter and fine-tuned ones)

        self.label_combo = QComboBox()
        self.label_combo.setToolTip(
            self.tr("The right answer for the drawing (or type a digit or a class's first letter on the canvas)")
        )
        # As wide whatever the model's class names: the teach box, and so the canvas above
        # it, keeps its width when another model comes (issue 15).
        self.label_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.label_combo.setMinimumContentsLength(8)
        self.label_combo.activated.connect(self._on_label_combo_activated)
        self._label_chosen = False  # the user picked the right answer for this drawing: no suggestion replaces it
        self.save_button = QPushButton(self.tr("Save sample"))
        self.save_button.setToolTip(
            self.tr("Store the drawing with the right label in your personal samples (kept between sessions)")
        )
        self.samples_button = QPushButton()
        self.samples_button.setToolTip(self.tr("Review and delete your personal samples"))
        # Its text counts the samples: as wide for 9,999 of them as for none, so a count moves nothing.
        self.samples_button.setText(self.tr("My samples ({0})…").format(9999))
        self.samples_button.setMinimumWidth(self.samples_button.sizeHint().width())
        self.samples_button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.layers_spin = QSpinBox()
        self.layers_spin.setRange(0, 20)
        self.layers_spin.setValue(2)
        self.layers_spin.setSpecialValueText(self.tr("all"))
        self.layers_spin.setToolTip(
            self.tr(
                "Transfer learning: train only this many of the last layers with weights; the earlier ones stay "
                "frozen. 'all' trains every layer."
            )
        )
        self.tune_button = QPushButton(self.tr("Fine-tune"))
        self.tune_button.setToolTip(
            self.tr("Retrain the model on your samples mixed with original data, in the background")
        )
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop training after the current batch"))
        self.progress = QProgressBar()
        for widget in (self.cancel_button, self.progress):  # their place is kept while hidden: nothing moves when they show
            policy = widget.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            widget.setSizePolicy(policy)
            widget.hide()
        self.status = LinesLabel(3)  # reports of any length: three lines, the whole text in its tooltip

        grid = QGridLayout(self)
        grid.addWidget(QLabel(self.tr("Right answer")), 0, 0)
        grid.addWidget(self.label_combo, 0, 1)
        grid.addWidget(self.save_button, 0, 2)
        grid.addWidget(QLabel(self.tr("Train last layers")), 1, 0)
        grid.addWidget(self.layers_spin, 1, 1)
        grid.addWidget(self.tune_button, 1, 2)
        grid.addWidget(self.samples_button, 2, 0, 1, 2)
        grid.addWidget(self.cancel_button, 2, 2)
        grid.addWidget(self.progress, 3, 0, 1, 3)
        grid.addWidget(self.status, 4, 0, 1, 3)

        self.save_button.clicked.connect(self.save_sample)
        self.samples_button.clicked.connect(self._on_samples_clicked)
        self.tune_button.clicked.connect(self.start_fine_tune)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)

    # ------------------------------------------------------------- following the panel

    def set_classes(self, class_names: list[str] | None) -> None:
        self.label_combo.clear()
        self._label_chosen = False
        if not class_names:
            self.personal = None
        else:
            self.label_combo.addItems(list(class_names))
            self.personal = PersonalDataset(list(class_names))
        self.recount()

    def set_suggestion(self, recognition) -> None:
        """Preselect a label: the model's guess is wrong, so the user changes it. A label the
        user chose for this drawing stays; a cleared canvas (None) starts the next drawing."""
        if recognition is None:
            self._label_chosen = False
        elif self.label_combo.count() and not self._label_chosen:
            self.label_combo.setCurrentIndex(recognition.top)
        self.refresh()

    def choose_label(self, text: str) -> bool:
        """Pick the right answer from a key typed on the canvas: the class named `text`, else
        the first whose name starts with it (case ignored, as a combo box's own search)."""
        names = [self.label_combo.itemText(i) for i in range(self.label_combo.count())]
        wanted = text.strip().casefold()
        if not wanted:
            return False
        index = next((i for i, n in enumerate(names) if n.casefold() == wanted), None)
        if index is None:
            index = next((i for i, n in enumerate(names) if n.casefold().startswith(wanted)), None)
        if index is None:
            return False
        self.label_combo.setCurrentIndex(index)
        self._label_chosen = True
        return True

    @Slot(int)
    def _on_label_combo_activated(self, index: int) -> None:
        self._label_chosen = True

    def recount(self) -> None:
        """Read the number of samples from disk (not on every prediction: it lists folders)."""
        self._count = len(self.personal) if self.personal is not None else 0
        self.refresh()

    def refresh(self) -> None:
        running = self.is_running()
        count = self._count
        self.samples_button.setText(self.tr("My samples ({0})…").format(count))
        self.samples_button.setEnabled(self.personal is not None)
        self.save_button.setEnabled(self.personal is not None and self.panel.recognition is not None)
        can_tune = isinstance(getattr(self.panel.predictor, "model", None), Network)  # not ONNX / TorchScript
        self.tune_button.setEnabled(bool(count) and can_tune and not running)
        self.layers_spin.setEnabled(not running)

    # ------------------------------------------------------------- actions

    @Slot()
    def save_sample(self) -> None:
        if self.personal is None or self.panel.recognition is None:
            return
        raw = self.panel.canvas.image_array()
        label = self.label_combo.currentIndex()
        try:
            # What the model saw: framed for this model (MNIST's 20 px, Fashion-MNIST's full field).
            self.personal.add(self.panel.recognition.model_input, label, raw=raw)
        except PlaygroundError as e:
            QMessageBox.warning(self, self.tr("Cannot save the sample"), str(e))
            return
        self.status.setText(self.tr("Saved as {0}. Draw the next one.").format(self.label_combo.currentText()))
        # The canvas, not the next control in the tab order (Save turns disabled, and Qt would
        # move the focus on to "Train last layers", where a typed digit changed that setting):
        # drawing and typing the next answer happen there.
        self.panel.canvas.setFocus(Qt.FocusReason.OtherFocusReason)
        self.panel.canvas.clear()
        self.recount()

    @Slot()
    def _on_samples_clicked(self) -> None:
        if self.personal is None:
            return
        dialog = SamplesDialog(self.personal, self)
        dialog.exec()
        self.recount()

    @Slot()
    def start_fine_tune(self) -> None:
        predictor = self.panel.predictor
        if self.is_running() or self.personal is None or not isinstance(getattr(predictor, "model", None), Network):
            return
        # A copy for the worker: the canvas keeps predicting with the original meanwhile.
        copy = ModelPredictor.from_network(
            predictor.model, predictor.task, list(predictor.class_names), predictor.source, dict(predictor.metadata)
        )
        personal, trainable = self.personal, self.layers_spin.value()
        self._base_name = predictor.source

        def work(callbacks, control):
            base = base_dataset_for(copy.class_names, copy.input_shape)
            return fine_tune(copy, personal, base=base, trainable_layers=trainable, callbacks=callbacks, control=control)

        self._start(work, self.tr("Fine-tuning on %n sample(s)…", "", self._count))

    @Slot()
    def start_retrain(self) -> None:
        """Retrain the starter model on full MNIST (the Draw panel's button; MNIST must be on this computer)."""
        if not self.is_running():
            self._start(
                lambda callbacks, control: retrain_starter_on_mnist(callbacks=callbacks, control=control),
                self.tr("Retraining the starter model on full MNIST…"),
            )

    def _start(self, work, message: str) -> None:
        """Run `work(callbacks, control)` — a fine-tuning or a retraining — as a job."""
        job, control = controlled_job(
            "draw-panel-training", _explain, self._on_job_progressed, self._on_job_finished, self._on_job_failed
        )
        self._job = job
        self.progress.setRange(0, 0)  # busy until the first epoch ends (the data loads first)
        self.progress.show()
        self.cancel_button.show()
        self.status.setText(message)
        job.start(work, [_EpochRelay(job.report)], control)
        self.refresh()
        self.panel.refresh_retrain()

    def is_running(self) -> bool:
        return self._job is not None

    def shutdown(self, timeout_ms: int = 10000) -> bool:
        """Stop a fine-tuning (or retraining) run and wait for its thread (the window is
        closing). Its end is delivered first: a stopped fine-tune still becomes a run
        (`fine_tuned`) with the best weights so far."""
        if self._job is not None:
            self._job.cancel()
        return wait_and_deliver(self._job, timeout_ms)

    @Slot()
    def _on_cancel_clicked(self) -> None:
        if self._job is not None:
            self._job.cancel()

    @Slot(str, object)
    def _on_job_progressed(self, kind: str, epochs: tuple[int, int]) -> None:
        done, total = epochs
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _end(self) -> None:
        self._job = None
        self.progress.hide()
        self.cancel_button.hide()
        self.refresh()
        self.panel.refresh_retrain()

    @Slot(object)
    def _on_job_finished(self, result) -> None:
        self._end()
        if isinstance(result, FitResult):  # the starter retrained on full MNIST
            if result.status == "completed":
                text = self.tr("The starter model now learned from full MNIST: test accuracy {0:.2%}.").format(
                    result.test_accuracy or 0.0
                )
                self.panel.starter_replaced()
            else:
                text = self.tr("Retraining stopped; the starter model is unchanged.")
            self.status.setText(text)
            self.tuning_ended.emit(result)
            return
        self.last_result = result
        text = self.tr("Accuracy on your %n sample(s): {0:.0%} before, {1:.0%} after.", "", result.n_personal).format(
            result.before, result.after
        )
        if result.base_accuracy is not None:
            text += " " + self.tr("On held-out original data: {0:.1%}.").format(result.base_accuracy)
        if result.fit.status == "stopped":
            text += " " + self.tr("(Cancelled: the best weights so far are used.)")
        self.status.setText(text)
        self.panel.use_fine_tuned(result.predictor)
        # The run's name in English, as projects keep names; the window shows it translated (core_text.model_title).
        label = fine_tuned_label(self._base_name, result.n_personal)
        self.fine_tuned.emit(result.fit, label)
        self.tuning_ended.emit(result)

    @Slot(str, str)
    def _on_job_failed(self, message: str, details: str) -> None:
        self._end()
        self.status.setText(message)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Training failed"), message, parent=self)
        box.setDetailedText(details)
        box.open()
        self.tuning_ended.emit(None)
