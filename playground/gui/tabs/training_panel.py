"""The Training tab: loss, optimizer and its hyperparameters, learning-rate schedule, batch
mode, epochs, regularisation, seed and device.

The optimizer and schedule forms are generated from the catalogues in
`core.training.catalog`, so a new optimizer there shows up here with its parameters, ranges
and help texts. Configs carry only the hyperparameters that were given or differ from the
catalogue default, so a preset read in and written back out is unchanged. Nothing here needs
torch except the device list, which is filled in once torch has loaded (gui.torch_loader).
"""

from __future__ import annotations

import contextlib
import dataclasses
from typing import Iterator

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from playground.core.training.catalog import OPTIMIZERS, SCHEDULES, resolve_params
from playground.core.config.spec import (
    OptimizerConfig,
    RegularizationConfig,
    ScheduleConfig,
    TrainConfig,
)
from playground.gui.i18n.core_text import device_title, optimizer_help, schedule_help, schedule_title
from playground.gui.tabs.hyperparameter_inputs import SPIN_MAX, FloatSpinBox, ParamRows
from playground.gui.torch_loader import when_torch_ready
from playground.gui.widgets import fill_with_scroll_area

__all__ = ["TrainingPanel"]


def _combo(object_name: str) -> QComboBox:
    # Long entries ("Stochastic (batch size 1)") must not set the panel's minimum width; the
    # policy has to be set before Qt first computes (and caches) the minimum size.
    return QComboBox(
        objectName=object_name,
        sizeAdjustPolicy=QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon,
        minimumContentsLength=8,
    )


def _combo_item_enabled(combo: QComboBox, index: int, enabled: bool) -> None:
    item = combo.model().item(index) if isinstance(combo.model(), QStandardItemModel) else None
    if item is not None:
        item.setEnabled(enabled)


class TrainingPanel(QWidget):
    """How to train: everything of a RunConfig except the model and the data."""

    settings_changed = Signal()
    notice = Signal(str)  # a change the panel made on its own, for the status bar

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._setting = False  # True while set_settings fills the widgets: no change signals

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self._build_optimizer_group())
        layout.addWidget(self._build_schedule_group())
        layout.addWidget(self._build_loop_group())
        layout.addWidget(self._build_regularization_group())
        layout.addStretch(1)
        self._content_layout = layout
        fill_with_scroll_area(self, content)

        self._forms = [group.layout() for group in content.findChildren(QGroupBox)]
        self.set_settings(OptimizerConfig(), ScheduleConfig(), RegularizationConfig(), TrainConfig())
        when_torch_ready(self._on_torch_ready)  # the devices torch can see

    def add_section(self, widget: QWidget) -> None:
        """Add a group below the training settings (the window adds its TensorBoard option),
        its labels lined up with theirs."""
        self._content_layout.insertWidget(self._content_layout.count() - 1, widget)
        if isinstance(widget.layout(), QFormLayout):
            self._forms.append(widget.layout())
            self._align_labels()

    # ------------------------------------------------------------- building

    def _build_optimizer_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Loss and optimizer"))
        form = QFormLayout(group)

        self.loss_combo = _combo("loss_combo")
        for key, text, tip in (
            ("auto", self.tr("Automatic"), self.tr("Cross-entropy for classification, MSE for regression.")),
            (
                "cross_entropy",
                self.tr("Cross-entropy"),
                self.tr("Penalises confident wrong class probabilities; the loss for classification."),
            ),
            (
                "mse",
                self.tr("Mean squared error (MSE)"),
                self.tr("Average squared distance to the target; the loss for regression."),
            ),
        ):
            self.loss_combo.addItem(text, key)
            self.loss_combo.setItemData(self.loss_combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        self.loss_combo.setToolTip(
            self.tr("What the network minimises; keep Automatic unless you want to compare losses.")
        )
        self.loss_combo.currentIndexChanged.connect(self._on_input_changed)
        form.addRow(self.tr("Loss"), self.loss_combo)

        self.label_smoothing_spin = QDoubleSpinBox(
            objectName="label_smoothing_spin", minimum=0.0, maximum=0.5, decimals=2, singleStep=0.05, keyboardTracking=False
        )
        self.label_smoothing_spin.setSpecialValueText(self.tr("off"))
        self.label_smoothing_spin.setToolTip(
            self.tr(
                "Cross-entropy only: trains towards a little less than 100% for the right class (0.1: about 91% "
                "with 10 classes), so the model is less sure of drawings unlike anything it saw. 0 = off."
            )
        )
        self.label_smoothing_spin.valueChanged.connect(self._on_input_changed)
        form.addRow(self.tr("Label smoothing"), self.label_smoothing_spin)

        self.optimizer_combo = _combo("optimizer_combo")
        for info in OPTIMIZERS.values():
            self.optimizer_combo.addItem(info.title, info.name)
            self.optimizer_combo.setItemData(
                self.optimizer_combo.count() - 1, optimizer_help(info.name, info.help), Qt.ItemDataRole.ToolTipRole
            )
        self.optimizer_combo.currentIndexChanged.connect(self._on_optimizer_combo_changed)
        form.addRow(self.tr("Optimizer"), self.optimizer_combo)

        self.lr_spin = FloatSpinBox(low=0.0, low_inclusive=False, log=True, objectName="lr_spin")
        self.lr_spin.setToolTip(
            self.tr(
                "Step size of each weight update; the arrows go ×2 / ÷2 (1-2-5 steps): too high diverges, "
                "too low crawls."
            )
        )
        self.lr_spin.value_changed.connect(self._on_lr_spin_changed)
        form.addRow(self.tr("Learning rate"), self.lr_spin)

        self.optimizer_params = ParamRows(form, self.lr_spin, self.tr("auto"), self)
        self.optimizer_params.edited.connect(self._on_input_changed)
        return group

    def _build_schedule_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Learning-rate schedule"))
        form = QFormLayout(group)
        self.schedule_combo = _combo("schedule_combo")
        for info in SCHEDULES.values():
            self.schedule_combo.addItem(schedule_title(info.name, info.title), info.name)
            self.schedule_combo.setItemData(
                self.schedule_combo.count() - 1, schedule_help(info.name, info.help), Qt.ItemDataRole.ToolTipRole
            )
        self.schedule_combo.currentIndexChanged.connect(self._on_schedule_combo_changed)
        form.addRow(self.tr("Schedule"), self.schedule_combo)
        self.schedule_params = ParamRows(form, self.schedule_combo, self.tr("auto"), self)
        self.schedule_params.edited.connect(self._on_input_changed)
        return group

    def _build_loop_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Training loop"))
        form = QFormLayout(group)

        self.batch_mode_combo = _combo("batch_mode_combo")
        for key, text, tip in (
            (
                "minibatch",
                self.tr("Mini-batch"),
                self.tr("One update per batch of samples: the usual compromise of speed and noise."),
            ),
            (
                "full",
                self.tr("Full batch"),
                self.tr("One update per epoch from all training samples: smooth but slow progress."),
            ),
            (
                "stochastic",
                self.tr("Stochastic (batch size 1)"),
                self.tr("One update per sample: very noisy steps, slow on large datasets."),
            ),
        ):
            self.batch_mode_combo.addItem(text, key)
            self.batch_mode_combo.setItemData(self.batch_mode_combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        self.batch_mode_combo.setToolTip(
            self.tr("How many samples each gradient step averages over; compare the three to see why mini-batches won.")
        )
        self.batch_mode_combo.currentIndexChanged.connect(self._on_batch_mode_combo_changed)
        form.addRow(self.tr("Gradient descent"), self.batch_mode_combo)

        self.batch_size_spin = QSpinBox(
            objectName="batch_size_spin", minimum=1, maximum=SPIN_MAX, keyboardTracking=False
        )
        self.batch_size_spin.setToolTip(
            self.tr("Samples per mini-batch; larger batches run faster per sample but give less noisy, fewer steps.")
        )
        self.batch_size_spin.valueChanged.connect(self._on_input_changed)
        form.addRow(self.tr("Batch size"), self.batch_size_spin)

        self.epochs_spin = QSpinBox(objectName="epochs_spin", minimum=1, maximum=SPIN_MAX, keyboardTracking=False)
        self.epochs_spin.setToolTip(
            self.tr("Passes over the training data; raise it while the validation loss still falls.")
        )
        self.epochs_spin.valueChanged.connect(self._on_input_changed)
        form.addRow(self.tr("Epochs"), self.epochs_spin)

        self.seed_spin = QSpinBox(objectName="seed_spin", minimum=0, maximum=2**31 - 1, keyboardTracking=False)
        self.seed_spin.setToolTip(
            self.tr(
                "Seeds weight initialisation and shuffling, so the same seed "
                "repeats a run; change it to see the spread."
            )
        )
        self.seed_spin.valueChanged.connect(self._on_input_changed)
        form.addRow(self.tr("Random seed"), self.seed_spin)

        self.device_combo = _combo("device_combo")
        self.device_combo.addItem(self.tr("Auto (GPU if present)"), "auto")
        self.device_combo.setToolTip(
            self.tr("Where training runs; Auto picks a CUDA or Apple GPU when there is one, else the CPU.")
        )
        self.device_combo.currentIndexChanged.connect(self._on_input_changed)
        form.addRow(self.tr("Device"), self.device_combo)

        self.amp_check = QCheckBox(self.tr("Mixed precision (bf16)"), objectName="amp_check")
        self.amp_check.setToolTip(
            self.tr("Computes in bfloat16 on CUDA GPUs for speed at a tiny cost in precision; ignored elsewhere.")
        )
        self.amp_check.setEnabled(False)  # until the device list shows a CUDA GPU
        self.amp_check.toggled.connect(self._on_input_changed)
        form.addRow("", self.amp_check)
        return group

    def _build_regularization_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Regularisation"))
        form = QFormLayout(group)

        self.l1_spin = FloatSpinBox(low=0.0, log=True, objectName="l1_spin")
        self.l1_spin.setToolTip(
            self.tr(
                "Adds strength × the sum of |weights| to the loss, pushing "
                "many weights to exactly zero (sparse models)."
            )
        )
        self.l1_spin.value_changed.connect(self._on_input_changed)
        form.addRow(self.tr("L1 strength"), self.l1_spin)

        self.l2_spin = FloatSpinBox(low=0.0, log=True, objectName="l2_spin")
        self.l2_spin.setToolTip(
            self.tr(
                "Adds strength/2 × the sum of squared weights to the loss to keep weights small; with Adam the "
                "penalty is rescaled per weight, so prefer AdamW's decoupled weight_decay there."
            )
        )
        self.l2_spin.value_changed.connect(self._on_input_changed)
        form.addRow(self.tr("L2 strength"), self.l2_spin)

        self.grad_clip_spin = QDoubleSpinBox(
            objectName="grad_clip_spin", minimum=0.0, maximum=1000.0, decimals=3, singleStep=0.5, keyboardTracking=False
        )
        self.grad_clip_spin.setSpecialValueText(self.tr("off"))
        self.grad_clip_spin.setToolTip(
            self.tr(
                "Scales the gradient down when its overall norm exceeds this (0 = off); use it when the loss spikes."
            )
        )
        self.grad_clip_spin.valueChanged.connect(self._on_input_changed)
        form.addRow(self.tr("Gradient clipping"), self.grad_clip_spin)

        self.early_stop_check = QCheckBox(self.tr("Stop early"), objectName="early_stop_check")
        self.early_stop_check.setToolTip(
            self.tr("Ends training when the monitored validation metric stops improving; needs a validation split.")
        )
        self.early_stop_check.toggled.connect(self._on_early_stop_check_toggled)
        form.addRow(self.tr("Early stopping"), self.early_stop_check)

        self.monitor_combo = _combo("monitor_combo")
        self.monitor_combo.addItem(self.tr("Validation loss"), "val_loss")
        self.monitor_combo.addItem(self.tr("Validation accuracy"), "val_accuracy")
        self.monitor_combo.setToolTip(
            self.tr("The metric early stopping watches; accuracy only exists for classification.")
        )
        self.monitor_combo.currentIndexChanged.connect(self._on_input_changed)
        form.addRow(self.tr("Monitor"), self.monitor_combo)

        self.patience_spin = QSpinBox(objectName="patience_spin", minimum=1, maximum=1000, keyboardTracking=False)
        self.patience_spin.setSuffix(self.tr(" epochs"))
        self.patience_spin.setToolTip(
            self.tr("Epochs without improvement before training stops; larger values ride out noisy curves.")
        )
        self.patience_spin.valueChanged.connect(self._on_input_changed)
        form.addRow(self.tr("Patience"), self.patience_spin)

        self.min_delta_spin = FloatSpinBox(low=0.0, log=True, floor=1e-4, objectName="min_delta_spin")
        self.min_delta_spin.setToolTip(
            self.tr("The smallest change of the metric that counts as an improvement; 0 counts any change.")
        )
        self.min_delta_spin.value_changed.connect(self._on_input_changed)
        form.addRow(self.tr("Minimum improvement"), self.min_delta_spin)

        self.restore_best_check = QCheckBox(self.tr("Restore the best weights"), objectName="restore_best_check")
        self.restore_best_check.setToolTip(
            self.tr("After stopping, go back to the weights of the best epoch instead of keeping the last ones.")
        )
        self.restore_best_check.toggled.connect(self._on_input_changed)
        form.addRow("", self.restore_best_check)
        return group

    # ------------------------------------------------------------- public API

    def settings(self) -> tuple[OptimizerConfig, ScheduleConfig, RegularizationConfig, TrainConfig]:
        optimizer = OptimizerConfig(
            name=self.optimizer_combo.currentData(), lr=self.lr_spin.value(), params=self.optimizer_params.values()
        )
        schedule = ScheduleConfig(name=self.schedule_combo.currentData(), params=self.schedule_params.values())
        regularization = RegularizationConfig(
            l1=self.l1_spin.value(),
            l2=self.l2_spin.value(),
            early_stopping=self.early_stop_check.isChecked(),
            patience=self.patience_spin.value(),
            min_delta=self.min_delta_spin.value(),
            monitor=self.monitor_combo.currentData(),
            restore_best=self.restore_best_check.isChecked(),
            grad_clip=self.grad_clip_spin.value(),
        )
        train = TrainConfig(
            epochs=self.epochs_spin.value(),
            batch_mode=self.batch_mode_combo.currentData(),
            batch_size=self.batch_size_spin.value(),
            loss=self.loss_combo.currentData(),
            label_smoothing=round(self.label_smoothing_spin.value(), 2),
            seed=self.seed_spin.value(),
            device=self.device_combo.currentData(),
            amp=self.amp_check.isChecked(),
        )
        return optimizer, schedule, regularization, train

    def set_settings(
        self,
        optimizer: OptimizerConfig,
        schedule: ScheduleConfig,
        regularization: RegularizationConfig,
        train: TrainConfig,
    ) -> None:
        """Show these settings. Emits nothing: loading a config is not an edit.

        Raises ConfigError, before changing anything, for an unknown optimizer or schedule or a
        hyperparameter it does not have or cannot take.
        """
        optimizer = dataclasses.replace(optimizer, name=optimizer.name.lower())
        schedule = dataclasses.replace(schedule, name=schedule.name.lower())
        optimizer.validate()
        regularization.validate()
        train.validate()
        resolve_params("optimizer", optimizer.name, OPTIMIZERS, optimizer.params)
        resolve_params("schedule", schedule.name, SCHEDULES, schedule.params)
        with self._filling():
            self._select(self.optimizer_combo, optimizer.name)
            self._rebuild_optimizer_params()
            self.optimizer_params.set_values(optimizer.params)
            self.lr_spin.setValue(optimizer.lr)

            self._select(self.schedule_combo, schedule.name)
            self._rebuild_schedule_params()
            self.schedule_params.set_values(schedule.params)

            self.l1_spin.setValue(regularization.l1)
            self.l2_spin.setValue(regularization.l2)
            self.grad_clip_spin.setValue(regularization.grad_clip)
            self.early_stop_check.setChecked(regularization.early_stopping)
            self._select(self.monitor_combo, regularization.monitor)
            self.patience_spin.setValue(regularization.patience)
            self.min_delta_spin.setValue(regularization.min_delta)
            self.restore_best_check.setChecked(regularization.restore_best)

            self._select(self.batch_mode_combo, train.batch_mode)
            self.batch_size_spin.setValue(train.batch_size)
            self.epochs_spin.setValue(train.epochs)
            self._select(self.loss_combo, train.loss)
            self.label_smoothing_spin.setValue(train.label_smoothing)
            self.seed_spin.setValue(train.seed)
            self._select_device(train.device)
            self.amp_check.setChecked(train.amp)
        self._update_enabled()

    def set_task(self, task: str) -> None:
        """Offer the losses and early-stopping metrics that fit "classification" or "regression"."""
        classification = task == "classification"
        _combo_item_enabled(self.loss_combo, self.loss_combo.findData("cross_entropy"), classification)
        _combo_item_enabled(self.monitor_combo, self.monitor_combo.findData("val_accuracy"), classification)
        self.label_smoothing_spin.setEnabled(classification)
        if not classification:
            # Cross-entropy and accuracy need classes; fall back to what works for regression.
            if self.loss_combo.currentData() == "cross_entropy":
                self._select(self.loss_combo, "auto")
            if self.monitor_combo.currentData() == "val_accuracy":
                self._select(self.monitor_combo, "val_loss")
            self.label_smoothing_spin.setValue(0.0)  # smoothing needs classes

    # ------------------------------------------------------------- helpers

    @contextlib.contextmanager
    def _filling(self) -> Iterator[None]:
        self._setting = True
        try:
            yield
        finally:
            self._setting = False

    @staticmethod
    def _select(combo: QComboBox, key: str) -> None:
        combo.setCurrentIndex(combo.findData(key))

    def _select_device(self, name: str) -> None:
        index = self.device_combo.findData(name)
        if index < 0:
            # A config written by hand or on another computer ("cuda", "cuda:1"), or any
            # device before torch has loaded: keep it, so saving it again does not silently
            # change the device. `set_devices` names it properly if it is here.
            self.device_combo.addItem(self.tr("{0} (from the loaded settings)").format(name), name)
            index = self.device_combo.count() - 1
        self.device_combo.setCurrentIndex(index)

    def retranslate(self) -> None:
        """After a language switch: the devices' names and the optimizer's and schedule's
        settings, in the installed language (the fixed texts are said again by the window)."""
        for device in getattr(self, "_devices", ()):
            index = self.device_combo.findData(device.name)
            if index >= 0:
                self.device_combo.setItemText(index, device_title(device.title))
        self.optimizer_params.retranslate()
        self.schedule_params.retranslate()

    def set_devices(self, devices) -> None:
        """List `devices` (core.training.device.DeviceInfo) after Auto, in their order and
        before devices that are only named by loaded settings; the choice stays. Emits nothing."""
        self._devices = list(devices)
        with self._filling():
            chosen = self.device_combo.currentData()
            for position, device in enumerate(devices, start=1):
                index = self.device_combo.findData(device.name)
                if index >= 0:  # from loaded settings until now
                    self.device_combo.removeItem(index)
                self.device_combo.insertItem(position, device_title(device.title), device.name)
            self.device_combo.setCurrentIndex(self.device_combo.findData(chosen))
            self.amp_check.setEnabled(any(d.name.startswith("cuda") for d in devices))

    @Slot()
    def _on_torch_ready(self) -> None:
        from playground.core.training.device import available_devices

        self.set_devices(available_devices())

    def _rebuild_optimizer_params(self) -> None:
        info = OPTIMIZERS[self.optimizer_combo.currentData()]
        self.optimizer_combo.setToolTip(optimizer_help(info.name, info.help))
        self.optimizer_params.rebuild(info.params)
        self._align_labels()

    def _rebuild_schedule_params(self) -> None:
        info = SCHEDULES[self.schedule_combo.currentData()]
        self.schedule_combo.setToolTip(schedule_help(info.name, info.help))
        self.schedule_params.rebuild(info.params)
        self._align_labels()

    def _align_labels(self) -> None:
        """Give every group's label column the same width, so the inputs of all groups line up."""
        labels = [
            item.widget()
            for form in self._forms
            for row in range(form.rowCount())
            if (item := form.itemAt(row, QFormLayout.ItemRole.LabelRole)) is not None and item.widget() is not None
        ]
        width = max(label.sizeHint().width() for label in labels)
        for label in labels:
            label.setMinimumWidth(width)

    def _update_enabled(self) -> None:
        self.batch_size_spin.setEnabled(self.batch_mode_combo.currentData() == "minibatch")
        stopping = self.early_stop_check.isChecked()
        for widget in (self.monitor_combo, self.patience_spin, self.min_delta_spin, self.restore_best_check):
            widget.setEnabled(stopping)

    # ------------------------------------------------------------- slots

    @Slot()
    def _on_input_changed(self) -> None:
        if not self._setting:
            self.settings_changed.emit()

    @Slot()
    def _on_optimizer_combo_changed(self) -> None:
        if self._setting:
            return  # set_settings rebuilds and fills the form itself
        # Another optimizer starts from its own default learning rate, as on the command line
        # (cli/common.py): a rate tuned for one (Adam's 0.001) can diverge or crawl with another.
        info = OPTIMIZERS[self.optimizer_combo.currentData()]
        before = self.lr_spin.value()
        with self._filling():
            self._rebuild_optimizer_params()
            self.lr_spin.setValue(info.default_lr)
        if before != info.default_lr:
            self.notice.emit(
                self.tr("Learning rate set to {0:g}, the default of {1} (it was {2:g}).").format(
                    info.default_lr, info.title, before
                )
            )
        self.settings_changed.emit()

    @Slot()
    def _on_lr_spin_changed(self) -> None:
        if not self._setting:
            self.settings_changed.emit()

    @Slot()
    def _on_schedule_combo_changed(self) -> None:
        if self._setting:
            return
        with self._filling():
            self._rebuild_schedule_params()
        self.settings_changed.emit()

    @Slot()
    def _on_batch_mode_combo_changed(self) -> None:
        self._update_enabled()
        self._on_input_changed()

    @Slot()
    def _on_early_stop_check_toggled(self) -> None:
        self._update_enabled()
        self._on_input_changed()
