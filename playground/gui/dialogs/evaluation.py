"""The evaluation view: a confusion matrix you can click, per-class accuracy, and the test
examples the model got wrong most confidently — a thin view over `core.experiments.evaluate`.

A dataset picker lists the datasets that fit the model (its input shape and number of
classes, `dataset_choices`), the one it was trained on first and chosen. A dataset other than
the one loaded in the Data tab is loaded on a background job (gui/jobs.py); the predictions
are computed on a pool thread (a CNN on 10,000 test images takes a second or two). The dialog
says what it is doing until the `Evaluation` arrives.
"""

from __future__ import annotations

import logging
from functools import partial

import numpy as np
from PySide6.QtCore import QObject, QRect, QRunnable, QSize, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QIcon, QImage, QPen, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionHeader,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from playground.core.errors import PlaygroundError
from playground.core.experiments.evaluate import DatasetChoice, Evaluation, dataset_choices, evaluate_dataset
from playground.gui.i18n.retranslate import Retranslatable
from playground.gui.i18n.dataset_text import class_names_text, dataset_title, load_message_text
from playground.gui.jobs import Job
from playground.gui.threads import start_pool_task
from playground.gui.i18n.errors import error_text

__all__ = ["ConfusionMatrixView", "EvaluationDialog", "thumbnail"]

log = logging.getLogger(__name__)

THUMB = 56  # pixels per side of an example's picture
MAX_LISTED = 200  # examples listed for one cell: the most confident ones


def thumbnail(image: np.ndarray, size: int = THUMB) -> QPixmap:
    """A C×H×W float image in [0, 1] (1 or 3 channels) as a pixmap `size` pixels wide."""
    a = np.clip(np.asarray(image, dtype=np.float32) * 255.0, 0, 255).astype(np.uint8)
    if a.shape[0] == 1:
        a = np.ascontiguousarray(a[0])
        q = QImage(a.data, a.shape[1], a.shape[0], a.strides[0], QImage.Format.Format_Grayscale8)
    else:
        a = np.ascontiguousarray(a[:3].transpose(1, 2, 0))
        q = QImage(a.data, a.shape[1], a.shape[0], a.strides[0], QImage.Format.Format_RGB888)
    # copy(): the QImage borrows numpy's buffer, which goes when `a` does.
    return QPixmap.fromImage(q.copy()).scaled(
        size, size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation
    )


class _EvaluateSignals(QObject):
    finished = Signal(int, object)  # (the dialog's choice it was started for, Evaluation)
    failed = Signal(int, str)


class _EvaluateJob(QRunnable):
    def __init__(self, predictor, dataset, generation: int):
        super().__init__()
        self.predictor, self.dataset, self.generation = predictor, dataset, generation
        self.signals = _EvaluateSignals()

    def run(self) -> None:
        try:
            ev = evaluate_dataset(self.predictor, self.dataset)
        except PlaygroundError as e:
            self.signals.failed.emit(self.generation, error_text(e))
        except Exception as e:  # noqa: BLE001 - a bug: still reported to the user
            log.exception("Evaluating %s failed", self.predictor.source)
            self.signals.failed.emit(self.generation, f"{type(e).__name__}: {e}")
        else:
            self.signals.finished.emit(self.generation, ev)


def _load(name: str, options: dict, data_dir: str | None):
    from playground.core.data.registry import load_dataset

    # download=False: an image set that is missing is offered as "not downloaded" and never
    # fetched from here; the Data tab downloads with its progress bar and Cancel.
    return load_dataset(name, options, data_dir=data_dir, download=False)


def _explain_load_failure(error: BaseException) -> str:
    """A failed load in the user's words (on the load's thread)."""
    if isinstance(error, PlaygroundError):
        return load_message_text(error_text(error))
    log.exception("Loading a dataset to evaluate on failed")
    return f"{type(error).__name__}: {error}"


class _ChosenCellDelegate(QStyledItemDelegate):
    """Draws the chosen cell with a dark frame: a selection colour would hide its shade."""

    def __init__(self, view: "ConfusionMatrixView"):
        super().__init__(view)
        self.view = view

    def paint(self, painter, option, index) -> None:
        option.state &= ~QStyle.StateFlag.State_Selected
        option.state &= ~QStyle.StateFlag.State_HasFocus
        super().paint(painter, option, index)
        if (index.row(), index.column()) == self.view.chosen:
            painter.save()
            painter.setPen(QPen(QColor("#222"), 3))
            painter.drawRect(option.rect.adjusted(1, 1, -2, -2))
            painter.restore()


class _ClassHeader(QHeaderView):
    """The predicted classes across the top of the matrix. Names longer than a few characters
    ("T-shirt/top") would be cut in columns as narrow as ten classes leave them, so they are
    written upwards, the header as tall as the longest name; short ones (digits) stay level."""

    _PAD = 6

    def __init__(self, parent: QWidget):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.rotated = False
        self.setSectionsClickable(True)
        self.setHighlightSections(True)

    def set_names(self, names: list[str]) -> None:
        metrics = self.fontMetrics()
        self.rotated = any(metrics.horizontalAdvance(n) > metrics.horizontalAdvance("00000") for n in names)
        self.updateGeometry()
        self.viewport().update()

    def _longest(self) -> int:
        model, metrics = self.model(), self.fontMetrics()
        names = (str(model.headerData(i, self.orientation()) or "") for i in range(self.count()))
        return max((metrics.horizontalAdvance(n) for n in names), default=0)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if self.rotated:
            hint.setHeight(self._longest() + 2 * self._PAD + 4)  # + 4: a name exactly as wide as the room is elided
        return hint

    def paintSection(self, painter, rect, index: int) -> None:
        if not self.rotated:
            super().paintSection(painter, rect, index)
            return
        text = str(self.model().headerData(index, self.orientation()) or "")
        option = QStyleOptionHeader()
        self.initStyleOption(option)
        option.rect, option.section, option.text = rect, index, ""
        painter.save()
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)
        painter.translate(rect.left(), rect.bottom())
        painter.rotate(-90)  # x now runs up the section, y across it
        room = QRect(self._PAD, 0, rect.height() - self._PAD, rect.width())
        text = self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, room.width())
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(room, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
        painter.restore()


class ConfusionMatrixView(QTableWidget):
    """Rows: true class; columns: predicted class. Cells are shaded by the share of their
    row (the diagonal in blue, mistakes in orange); clicking one emits `cell_chosen`."""

    cell_chosen = Signal(int, int)  # (true, predicted)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.chosen: tuple[int, int] | None = None
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.setItemDelegate(_ChosenCellDelegate(self))
        self.setHorizontalHeader(_ClassHeader(self))
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.cellClicked.connect(self.choose)

    @Slot(int, int)
    def choose(self, row: int, column: int) -> None:
        self.chosen = (row, column)
        self.viewport().update()
        self.cell_chosen.emit(row, column)

    def set_evaluation(self, ev: Evaluation) -> None:
        k = ev.num_classes
        names = class_names_text([str(n) for n in ev.class_names])  # CIFAR-10's in the UI's language
        self.setRowCount(k)
        self.setColumnCount(k)
        self.setHorizontalHeaderLabels(names)
        self.setVerticalHeaderLabels(names)
        for i, name in enumerate(names):  # the whole name, wherever a header has to cut it
            self.horizontalHeaderItem(i).setToolTip(self.tr("Predicted as {0}").format(name))
            self.verticalHeaderItem(i).setToolTip(self.tr("True class {0}").format(name))
        self.horizontalHeader().set_names(names)
        rows = ev.confusion.sum(axis=1, keepdims=True)
        share = ev.confusion / np.maximum(rows, 1)
        for i in range(k):
            for j in range(k):
                count = int(ev.confusion[i, j])
                item = QTableWidgetItem(str(count))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                s = float(share[i, j])
                base = QColor("#0877bd") if i == j else QColor("#f59322")
                # Blend from white by the cell's share of its row (mistakes scaled up: 10% is loud).
                strength = s if i == j else min(1.0, 4 * s)
                color = QColor(
                    round(255 + (base.red() - 255) * strength),
                    round(255 + (base.green() - 255) * strength),
                    round(255 + (base.blue() - 255) * strength),
                )
                item.setBackground(QBrush(color))
                if strength > 0.6:
                    item.setForeground(QBrush(QColor("white")))
                item.setToolTip(
                    self.tr("%n sample(s) of class {0} predicted as {1} ({2:.1%} of the class)", "", count).format(
                        names[i], names[j], s
                    )
                )
                self.setItem(i, j, item)


class EvaluationDialog(Retranslatable, QDialog):
    """The evaluation of one predictor on the test split of a dataset it fits, chosen in the
    dialog: the one the model was trained on (`trained_on`, with `trained_options`) first.

    `dataset` is the dataset loaded in the Data tab (or None), used as it is when chosen and
    loaded with the same options (`loaded_options`; None: any); others are loaded from
    `data_dir`."""

    evaluated = Signal(object)  # Evaluation, once it has arrived
    failed = Signal(str)
    idle = Signal()  # no load or prediction is under way any more (the dialog may be deleted)

    def __init__(
        self,
        predictor,
        dataset=None,
        parent: QWidget | None = None,
        *,
        trained_on: str | None = None,
        trained_options: dict | None = None,
        loaded_options: dict | None = None,
        data_dir: str | None = None,
    ):
        super().__init__(parent)
        self.predictor = predictor
        self.loaded, self.loaded_options, self.data_dir = dataset, loaded_options, data_dir
        self.trained_on, self.trained_options = trained_on, trained_options
        self.dataset = None  # the dataset of the evaluation shown (or under way)
        self.evaluation: Evaluation | None = None
        self._cell: tuple[int, int] | None = None  # the matrix cell whose examples are listed
        self._generation = 0  # results of an earlier choice are ignored
        self._outstanding = 0  # loads and predictions not yet reported
        self._jobs: dict[int, _EvaluateJob] = {}  # by generation
        self.setWindowTitle(self.tr("Evaluation — {0}").format(predictor.source))
        self.resize(1150, 720)

        self.dataset_combo = QComboBox()
        self.dataset_combo.setToolTip(
            self.tr("The data to evaluate on: only datasets with the model's kind of input and its number of classes")
        )
        self.data_note = QLabel(wordWrap=True)
        data_row = QHBoxLayout()
        data_row.addWidget(QLabel(self.tr("Dataset:")))
        data_row.addWidget(self.dataset_combo)
        data_row.addStretch(1)
        self.summary = QLabel(self.tr("Evaluating…"), wordWrap=True)
        self.matrix = ConfusionMatrixView()
        self.matrix.setToolTip(self.tr("Rows: true class; columns: predicted class. Click a cell to see its examples."))
        self.cell_title = QLabel(self.tr("Click a cell of the matrix to see its examples."))
        self.cell_list = self._example_list()
        cell_page = QWidget()
        cell_layout = QVBoxLayout(cell_page)
        cell_layout.setContentsMargins(0, 0, 0, 0)
        cell_layout.addWidget(self.cell_title)
        cell_layout.addWidget(self.cell_list, 1)

        self.per_class = QTableWidget(0, 3)
        self.per_class.setHorizontalHeaderLabels([self.tr("Accuracy"), self.tr("Correct"), self.tr("Samples")])
        self.per_class.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.per_class.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.wrong_list = self._example_list()

        side = QTabWidget()
        side.addTab(cell_page, self.tr("Cell examples"))
        side.addTab(self.per_class, self.tr("Per-class accuracy"))
        side.addTab(self.wrong_list, self.tr("Most confidently wrong"))
        self.side_tabs = side

        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("Confusion matrix (rows: true class, columns: predicted)")))
        left_layout.addWidget(self.matrix, 1)
        split.addWidget(left)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([640, 500])

        layout = QVBoxLayout(self)
        layout.addLayout(data_row)
        layout.addWidget(self.data_note)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)

        self.matrix.cell_chosen.connect(self.show_cell)
        self.choices = self._choices(trained_options)
        for choice in self.choices:
            self.dataset_combo.addItem(self._choice_text(choice), choice.name)
        self.dataset_combo.currentIndexChanged.connect(self._on_dataset_combo_changed)
        if self.choices:
            self._on_dataset_combo_changed(0)
        else:
            self.dataset_combo.setEnabled(False)
            shape = "×".join(map(str, predictor.input_shape))
            self.summary.setText(
                self.tr(
                    "No dataset fits this model: it takes inputs of shape {0} and tells %n class(es) apart. Load the "
                    "data it was trained on in the Data tab (for your own images, the same folder), then evaluate again.",
                    "",
                    predictor.num_classes or 0,
                ).format(shape)
            )

    # ----------------------------------------------------------------- which data

    def _choices(self, trained_options: dict | None) -> list[DatasetChoice]:
        from playground.core.data.registry import list_datasets

        return dataset_choices(
            self.predictor.input_shape, self.predictor.num_classes or 0, list_datasets(self.data_dir),
            self.trained_on, trained_options, self.loaded,
        )

    def _choice_text(self, choice: DatasetChoice) -> str:
        text = dataset_title(choice.name, choice.title)
        if choice.own:
            text = self.tr("{0} (trained on)").format(text)
        if not choice.available:
            text = self.tr("{0} (not downloaded)").format(text)
        return text

    def chosen(self) -> DatasetChoice | None:
        index = self.dataset_combo.currentIndex()
        return self.choices[index] if 0 <= index < len(self.choices) else None

    def choose_dataset(self, name: str) -> None:
        """Evaluate on dataset `name` (one of the choices)."""
        self.dataset_combo.setCurrentIndex(self.dataset_combo.findData(name))

    @Slot(int)
    def _on_dataset_combo_changed(self, index: int) -> None:
        choice = self.chosen()
        if choice is None:
            return
        self._generation += 1
        self._clear()
        title = dataset_title(choice.name, choice.title)
        self._say_data_note(choice)
        if not choice.available:
            self.summary.setText(
                self.tr("{0} is not on this computer yet. Choose it in the Data tab to download it, then evaluate again.").format(title)
            )
            return
        loaded = self.loaded
        if (
            loaded is not None
            and loaded.name == choice.name
            # The model's own data with other options (a toy set's seed or size) has another test
            # split; options not recorded (an ensemble says only the name) match any.
            and (
                not choice.own
                or self.trained_options is None
                or self.loaded_options is None
                or dict(self.loaded_options) == dict(choice.options)
            )
        ):
            self._evaluate(loaded)
            return
        self.summary.setText(self.tr("Loading {0}…").format(title))
        job = Job("evaluation-data", explain=_explain_load_failure)
        job.finished.connect(partial(self._on_load_job_finished, self._generation))
        job.failed.connect(partial(self._on_load_job_failed, self._generation))
        self._outstanding += 1
        job.start(_load, choice.name, dict(choice.options), self.data_dir)

    def _say_data_note(self, choice: DatasetChoice) -> None:
        """What the chosen data is to this model."""
        title = dataset_title(choice.name, choice.title)
        if choice.own:
            self.data_note.setText(
                self.tr("The data this model was trained on: the matrix counts its test split, which training never saw.")
            )
        elif self.trained_on:
            own = next((c for c in self.choices if c.own), None)
            trained = dataset_title(own.name, own.title) if own else self.trained_on
            self.data_note.setText(
                self.tr(
                    "This model was trained on {0}. On {1} its classes may stand for other things, so read the "
                    "result with care."
                ).format(trained, title)
            )
        else:
            self.data_note.setText(
                self.tr(
                    "This model does not record which data it was trained on; the list shows the datasets with its "
                    "kind of input and its number of classes."
                )
            )

    def retranslate(self) -> None:
        """After a language switch: the title, the datasets offered, the note, and the
        evaluation shown (summary, most confidently wrong, the chosen cell) from its result."""
        self.setWindowTitle(self.tr("Evaluation — {0}").format(self.predictor.source))
        for index, choice in enumerate(self.choices):
            self.dataset_combo.setItemText(index, self._choice_text(choice))
        if self.chosen() is not None:
            self._say_data_note(self.chosen())
        if self.evaluation is not None and self.dataset is not None:
            self._say_evaluation()
            if self._cell is not None:
                tab = self.side_tabs.currentIndex()
                self.show_cell(*self._cell)
                self.side_tabs.setCurrentIndex(tab)

    def _on_load_job_finished(self, generation: int, dataset) -> None:
        self._settle()
        if generation == self._generation:
            self._evaluate(dataset)

    def _on_load_job_failed(self, generation: int, message: str, details: str) -> None:
        self._settle()
        if generation == self._generation:
            title = self.dataset_combo.currentText()
            self.summary.setText(self.tr("Cannot load {0}: {1}").format(title, message))
            self.failed.emit(message)

    def _evaluate(self, dataset) -> None:
        self.dataset = dataset
        self.summary.setText(self.tr("Evaluating…"))
        job = _EvaluateJob(self.predictor, dataset, self._generation)
        job.signals.finished.connect(self._on_job_finished)
        job.signals.failed.connect(self._on_job_failed)
        self._jobs[self._generation] = job  # keeps the signals object alive until it reports
        self._outstanding += 1
        start_pool_task(job)

    def _settle(self) -> None:
        self._outstanding -= 1
        if self._outstanding == 0:
            self.idle.emit()

    def pending(self) -> bool:
        """Whether a load or the predictions are still under way."""
        return self._outstanding > 0

    def _clear(self) -> None:
        self.evaluation = None
        self._cell = None
        self.matrix.clearContents()
        self.matrix.setRowCount(0)
        self.matrix.setColumnCount(0)
        self.matrix.chosen = None
        self.per_class.setRowCount(0)
        self.cell_list.clear()
        self.wrong_list.clear()
        self.cell_title.setText(self.tr("Click a cell of the matrix to see its examples."))

    def _example_list(self) -> QListWidget:
        view = QListWidget()
        view.setViewMode(QListView.ViewMode.IconMode)
        view.setIconSize(QSize(THUMB, THUMB))
        view.setResizeMode(QListView.ResizeMode.Adjust)
        view.setGridSize(QSize(THUMB + 70, THUMB + 44))
        view.setWordWrap(True)
        view.setMovement(QListView.Movement.Static)
        return view

    @Slot(int, object)
    def _on_job_finished(self, generation: int, ev: Evaluation) -> None:
        self._jobs.pop(generation, None)
        self._settle()
        if generation == self._generation:
            self.set_evaluation(ev)

    @Slot(int, str)
    def _on_job_failed(self, generation: int, message: str) -> None:
        self._jobs.pop(generation, None)
        self._settle()
        if generation == self._generation:
            self.summary.setText(self.tr("Cannot evaluate: {0}").format(message))
            self.failed.emit(message)

    def set_evaluation(self, ev: Evaluation) -> None:
        self.evaluation = ev
        self.matrix.set_evaluation(ev)
        self._say_evaluation()
        self.evaluated.emit(ev)

    def _say_evaluation(self) -> None:
        """The evaluation's summary, per-class table and most confidently wrong examples."""
        ev = self.evaluation
        self.summary.setText(
            self.tr("{0} on the test split of {1}: {2:.2%} of {3} samples right.").format(
                self.predictor.source, self._title(self.dataset), ev.accuracy, len(ev.labels)
            )
        )
        names = class_names_text([str(n) for n in ev.class_names])  # CIFAR-10's in the UI's language
        self.per_class.setRowCount(len(names))
        self.per_class.setVerticalHeaderLabels(names)
        for row, (acc, right, count) in enumerate(zip(ev.per_class_accuracy, np.diag(ev.confusion), ev.class_counts)):
            cells = ["–" if np.isnan(acc) else f"{acc:.1%}", str(int(right)), str(int(count))]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.per_class.setItem(row, col, item)
        self.wrong_list.clear()
        for m in ev.confidently_wrong(50):
            text = self.tr("{0} → {1}\n{2:.0%}").format(names[m.true], names[m.predicted], m.confidence)
            self.wrong_list.addItem(self._example_item(m.index, text))

    def _title(self, dataset) -> str:
        choice = next((c for c in self.choices if c.name == dataset.name), None)
        return dataset_title(dataset.name, choice.title if choice else dataset.name)

    def _example_item(self, index: int, text: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        if self.dataset.is_image:
            item.setIcon(QIcon(thumbnail(self.dataset.x_test[index].numpy())))
        else:
            point = ", ".join(f"{v:.2f}" for v in self.dataset.x_test[index].tolist())
            item.setText(f"({point})\n{text}")
        probs = self.evaluation.probabilities[index]
        names = class_names_text([str(n) for n in self.evaluation.class_names])
        top = np.argsort(-probs)[:5]
        item.setToolTip(
            self.tr("Test example {0}, true class {1}").format(index, names[self.evaluation.labels[index]])
            + "\n"
            + "\n".join(f"{names[c]}: {probs[c]:.1%}" for c in top)
        )
        item.setData(Qt.ItemDataRole.UserRole, index)
        return item

    @Slot(int, int)
    def show_cell(self, true: int, predicted: int) -> None:
        """List the test examples of class `true` predicted as `predicted`, most confident first."""
        ev = self.evaluation
        if ev is None:
            return
        self._cell = (true, predicted)
        names = class_names_text([str(n) for n in ev.class_names])  # CIFAR-10's in the UI's language
        indices = ev.cell(true, predicted)
        self.cell_title.setText(
            self.tr("True {0}, predicted {1}: {2} examples").format(names[true], names[predicted], len(indices))
            + (self.tr(" (the {0} most confident shown)").format(MAX_LISTED) if len(indices) > MAX_LISTED else "")
        )
        self.cell_list.clear()
        for i in indices[:MAX_LISTED]:
            p = ev.probabilities[i]
            text = self.tr("{0}: {1:.0%}").format(names[predicted], p[predicted])
            if true != predicted:
                text += "\n" + self.tr("{0}: {1:.0%}").format(names[true], p[true])
            self.cell_list.addItem(self._example_item(int(i), text))
        self.side_tabs.setCurrentIndex(0)
