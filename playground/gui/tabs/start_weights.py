"""Starting weights: the row above the layer builder that picks what a run starts from —
random weights (the default), a run of this project, a model file or the starter digit
model — and says how much of it fits the model being built. A thin view over
`core.experiments.transfer`; the controller passes the chosen start to training and to project files.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from playground.core.config.backbone import BACKBONES
from playground.core.errors import PlaygroundError
from playground.core.config.model_spec import ModelSpec
from playground.core.config.spec_errors import SpecError
from playground.core.config.catalogue import format_shape
from playground.gui.i18n.core_text import model_title, starter_title
from playground.gui.torch_loader import when_torch_ready
from playground.gui.i18n.errors import error_text

if TYPE_CHECKING:  # core.experiments.transfer needs torch: imported once a start is chosen
    from playground.core.experiments.transfer import LoadReport
    from playground.core.model.trained import TrainedModel

__all__ = ["StartWeightsBar", "TransferActions", "no_match_text", "report_lines", "report_text"]

_OK_COLOR = "#2e7d32"
_PARTIAL_COLOR = "#9a6700"
_NONE_COLOR = "#c62828"


def report_lines(report: LoadReport, preview: bool = False) -> list[str]:
    """The load report in the UI language, one sentence a line: how many tensors loaded, then
    each freshly initialised layer and why. `preview` says it before training ("fit", not
    "loaded")."""
    translate = QCoreApplication.translate
    if preview:
        first = translate("StartWeights", "{0} of {1} tensors of {2} fit this model.")
    else:
        first = translate("StartWeights", "{0} of {1} tensors loaded from {2}.")
    lines = [first.format(len(report.loaded), report.total, report.source)]
    for position, tensors in report.fresh_layers().items():
        t = tensors[0]
        if t.trained_shape is None:
            why = translate("StartWeights", "the trained model has nothing there")
        else:
            why = translate("StartWeights", "shape {0} vs {1}").format(
                format_shape(t.shape), format_shape(t.trained_shape)
            )
        lines.append(
            translate("StartWeights", "Layer {0} ({1}) freshly initialised: {2}.").format(position + 1, t.layer_type, why)
        )
    if not report.normalisation_loaded():
        lines.append(
            translate("StartWeights", "The input normalisation is the new dataset's (the trained model's does not fit).")
        )
    return lines


def report_text(report: LoadReport, preview: bool = False) -> str:
    return " ".join(report_lines(report, preview))


def no_match_text(label: str) -> str:
    return QCoreApplication.translate(
        "StartWeights",
        "None of the layers of {0} fit this model — copy its layers into the model (Use its layers…), "
        "or start from random weights."
    ).format(label)


class StartWeightsBar(QWidget):
    """`start()` is the chosen start (a TrainedModel), or None for random weights.

    `runs` is a callable giving the project's runs (TrainedModels), read each time
    the menu opens. Emits `start_changed` when the user picks another start and
    `copy_layers_requested` when they ask to build the model from the start's layers."""

    start_changed = Signal()
    copy_layers_requested = Signal()

    def __init__(self, runs: Callable[[], Sequence] = list, parent: QWidget | None = None):
        super().__init__(parent)
        self._runs = runs
        self._start: TrainedModel | None = None
        self._spec: ModelSpec | None = None

        label = QLabel(self.tr("Starting weights:"), self)
        self._button = QPushButton(self)
        self._button.setObjectName("start_weights")
        self._button.setToolTip(
            self.tr(
                "What training starts from: random weights, or the weights of a trained model "
                "(transfer learning). Layers whose shape differs, such as an output layer for another "
                "number of classes, start fresh."
            )
        )
        self._menu = QMenu(self._button)
        self._menu.setObjectName("start_weights_menu")
        self._menu.aboutToShow.connect(self._on_menu_about_to_show)
        self._button.setMenu(self._menu)
        label.setBuddy(self._button)

        self._copy_button = QPushButton(self.tr("Use its layers…"), self)
        self._copy_button.setObjectName("use_start_layers")
        self._copy_button.setToolTip(
            self.tr(
                "Replace the model's layers with the trained model's, its output layer sized for this "
                "dataset, and freeze all but the last layer."
            )
        )
        self._copy_button.clicked.connect(self.copy_layers_requested)

        self._status = QLabel(self)
        self._status.setObjectName("start_weights_status")
        self._status.setWordWrap(True)
        self._status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self._button)
        layout.addWidget(self._copy_button)
        layout.addWidget(self._status, 1)
        self._refresh()
        self._button.setEnabled(False)  # every start but random weights needs torch
        when_torch_ready(self._on_torch_ready)

    @Slot()
    def _on_torch_ready(self) -> None:
        self._button.setEnabled(True)

    # ------------------------------------------------------------------ public API

    def start(self) -> TrainedModel | None:
        return self._start

    def set_start(self, start: TrainedModel | None) -> None:
        """Show `start` (a project's, or None for random weights). Emits nothing: loading is not an edit."""
        self._start = start
        self._refresh()

    def set_spec(self, spec: ModelSpec) -> None:
        """The model being built, to say how much of the start fits it."""
        self._spec = spec
        self._refresh()

    def report(self) -> LoadReport | None:
        """How the start fits the current model; None without a start or a valid model."""
        if self._start is None or self._spec is None or not self._spec.input_shape:
            return None
        from playground.core.experiments.transfer import match_report

        try:
            return match_report(self._spec, self._start.state_dict, self._start.label)
        except (SpecError, RuntimeError, ValueError):  # a stack being edited into shape
            return None

    # ------------------------------------------------------------------ choosing

    def choose(self, start: TrainedModel | None) -> None:
        """Make `start` the start, as picking it in the menu does."""
        self._start = start
        self._refresh()
        self.start_changed.emit()

    def _on_menu_about_to_show(self) -> None:
        menu = self._menu
        menu.clear()
        menu.addAction(self.tr("Random weights (train from scratch)"), lambda: self.choose(None))
        menu.addSeparator()
        runs = [r for r in self._runs() if r.state_dict is not None]
        if runs:
            section = menu.addSection(self.tr("Runs of this project"))
            section.setEnabled(False)
            for record in runs:
                menu.addAction(model_title(record.label), lambda r=record: self._choose_run(r))
        menu.addAction(self.tr("Starter digit model"), self._choose_starter)
        menu.addAction(self.tr("Model file…"), self._choose_file)
        section = menu.addSection(self.tr("Pretrained on ImageNet (downloaded on first use)"))
        section.setEnabled(False)
        for name, info in BACKBONES.items():
            menu.addAction(
                self.tr("{0} (ImageNet)").format(info.title), lambda n=name: self.choose_pretrained(n)
            ).setObjectName(f"start_{name}")

    def _choose_run(self, record) -> None:
        from playground.core.experiments.transfer import start_from_run

        self.choose(start_from_run(record))

    def _choose_starter(self) -> None:
        from playground.core.experiments.transfer import start_from_starter

        try:
            start = start_from_starter()
        except PlaygroundError as e:
            self._show_problem(error_text(e))
            return
        self.choose(start.with_label(starter_title(start.label)))

    @Slot()
    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Start from a Trained Model"), "", self.tr("Model bundles (*.nnpmodel *.safetensors);;Projects (*.nnp)")
        )
        if path:
            self.choose_file(path)

    def choose_file(self, path: str) -> bool:
        from playground.core.experiments.transfer import start_from_file

        try:
            start = start_from_file(path)
        except PlaygroundError as e:
            self._show_problem(error_text(e))
            return False
        self.choose(start)
        return True

    def choose_pretrained(self, name: str) -> None:
        """A pretrained network as the start: its weights read (downloaded first when they are
        not here yet) on a background job, with a progress dialog that can cancel."""
        from playground.gui.tabs.pretrained_job import fetch_pretrained

        self._fetch = fetch_pretrained(self, name, self.choose, self._show_problem)

    def _show_problem(self, message: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self, self.tr("Cannot use these weights"), message)

    # ------------------------------------------------------------------ display

    def _refresh(self) -> None:
        start = self._start
        self._button.setText(self.tr("Random weights") if start is None else model_title(start.label))
        self._copy_button.setEnabled(start is not None and start.config is not None)
        if start is None:
            self._set_status("", "")
            return
        report = self.report()
        if report is None:
            self._set_status("", "")
        elif not report.loaded_layers() and not report.backbone_loaded():
            self._set_status(no_match_text(model_title(start.label)), _NONE_COLOR)
        else:
            color = _OK_COLOR if not report.fresh_layers() else _PARTIAL_COLOR
            self._set_status(report_text(report, preview=True), color)

    def _set_status(self, text: str, color: str) -> None:
        self._status.setText(text)
        self._status.setToolTip(text)
        self._status.setStyleSheet(f"color: {color};" if color else "")


class TransferActions(QObject):
    """Wires the window's transfer-learning parts together: the starting-weights row follows the
    model being built, the diagram greys out frozen layers, and "Use its layers…" copies the
    trained model's layers into the builder (as one undoable edit)."""

    def __init__(self, window):
        super().__init__(window)
        self.w = window
        bar, builder = window.start_weights, window.layer_builder
        builder.spec_changed.connect(bar.set_spec)
        builder.training_changed.connect(self._on_builder_training_changed)
        bar.start_changed.connect(self._on_bar_start_changed)
        bar.start_changed.connect(self._use_a_pretrained_network)
        bar.copy_layers_requested.connect(self.copy_layers)
        bar.set_spec(builder.spec())
        self._on_builder_training_changed()

    @Slot()
    def _on_builder_training_changed(self) -> None:
        self.w.network_diagram.set_frozen(self.w.layer_builder.frozen_layers())

    @Slot()
    def _on_bar_start_changed(self) -> None:
        start = self.w.start_weights.start()
        controller = self.w.controller
        controller.set_dirty(True)
        if start is None:
            controller.log(lambda: self.tr("Training starts from random weights."))
        else:
            label = start.label
            controller.log(lambda: self.tr("Training starts from the weights of {0}.").format(model_title(label)))

    @Slot()
    def _use_a_pretrained_network(self) -> None:
        """A pretrained network is a start only with its backbone in the model: put it there,
        with a new output layer for this dataset's classes (one undoable edit)."""
        start = self.w.start_weights.start()
        if start is not None and start.config.model.backbone is not None:
            self.copy_layers(ask=False, freeze=False)

    @Slot()
    def copy_layers(self, ask: bool = True, freeze: bool = True) -> bool:
        """Replace the builder's layers with the start's, the last Dense layer sized for the
        current dataset, and freeze all but the last layer with parameters."""
        from PySide6.QtWidgets import QCheckBox, QMessageBox

        from playground.core.experiments.transfer import all_but_last_trainable, model_for_start

        start = self.w.start_weights.start()
        if start is None:
            return False
        dataset = self.w.data_panel.dataset()
        try:
            spec = model_for_start(start, dataset.output_size if dataset is not None else None)
        except PlaygroundError as e:
            QMessageBox.warning(self.w, self.tr("Cannot use these layers"), error_text(e))
            return False
        if ask:
            box = QMessageBox(
                QMessageBox.Icon.Question,
                self.tr("Use the trained model's layers"),
                self.tr(
                    "Replace the model's layers with the %n layer(s) of {0}? Its output layer gets one unit "
                    "per class of this dataset and starts fresh if that changes its shape.",
                    "",
                    len(spec.layers),
                ).format(model_title(start.label)),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                self.w,
            )
            check = QCheckBox(self.tr("Freeze all but the last layer (train only the output layer at first)"))
            check.setChecked(True)
            box.setCheckBox(check)
            if box.exec() != QMessageBox.StandardButton.Yes:
                return False
            freeze = check.isChecked()
        frozen = all_but_last_trainable(spec.layers) if freeze else ()
        self.w.layer_builder.load_layers(spec, frozen, self.tr("Use the layers of {0}").format(model_title(start.label)))
        return True
