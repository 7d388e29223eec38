"""The Training tab: loss, optimizer and its hyperparameters, learning-rate schedule, batch
mode, epochs, regularisation, seed and device.

The optimizer and schedule forms are generated from the catalogues in `core.optim`, so a new
optimizer there shows up here with its parameters, ranges and help texts. Configs carry only
the hyperparameters that were given or differ from the catalogue default, so a preset read in
and written back out is unchanged.
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
import re
from typing import Any, Iterator, Mapping

from PySide6.QtCore import QObject, QSize, Qt, Signal, Slot
from PySide6.QtGui import QStandardItemModel, QValidator
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from playground.core.training.device import available_devices
from playground.core.training.optim import OPTIMIZERS, ParamInfo, resolve_params
from playground.core.training.schedules import SCHEDULES
from playground.core.config.spec import (
    OptimizerConfig,
    RegularizationConfig,
    ScheduleConfig,
    TrainConfig,
)
from playground.gui.i18n.core_text import device_title, optimizer_help, param_help, schedule_help, schedule_title
from playground.gui.widgets import fill_with_scroll_area

__all__ = ["FloatSpinBox", "TrainingPanel"]

# What a number looks like while it is being typed ("", "1.", "3e-", ...).
_PARTIAL_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d*)?([eE][+-]?\d*)?")
_SPIN_MAX = 1_000_000
_BLOCKED = object()  # FloatSpinBox: no step possible in that direction


def _format_float(value: float) -> str:
    """The shortest text that reads back as exactly `value` ('0.001', '1e-8', '0.999', '10')."""
    text = repr(float(value))
    mantissa, e, exponent = text.partition("e")
    mantissa = mantissa.removesuffix(".0")
    return f"{mantissa}e{int(exponent)}" if e else mantissa


def _ladder_neighbour(value: float, up: bool) -> float:
    """The next value of the 1-2-5 ladder (…, 0.001, 0.002, 0.005, 0.01, …) above or below `value` > 0."""
    exponent = math.floor(math.log10(value))
    ladder = sorted(float(f"{m}e{k}") for k in range(exponent - 1, exponent + 2) for m in (1, 2, 5))
    if up:
        return next(v for v in ladder if v > value * (1 + 1e-9))
    return next(v for v in reversed(ladder) if v < value * (1 - 1e-9))


class FloatSpinBox(QAbstractSpinBox):
    """A spin box for one float that keeps exactly the value it was given.

    QDoubleSpinBox rounds to a fixed number of decimals, which turns eps = 1e-8 into 0 and
    breaks the round-trip of configs; this one stores a Python float and shows its shortest
    exact text. With `log=True` the arrows walk the 1-2-5 ladder (learning rates, penalties,
    eps span several orders of magnitude); otherwise they add or subtract `step`.
    `none_text`, when given, allows None ("automatic"), shown as that text and typed as "".
    """

    value_changed = Signal()

    def __init__(
        self,
        *,
        low: float | None = None,
        high: float | None = None,
        low_inclusive: bool = True,
        high_inclusive: bool = True,
        log: bool = False,
        step: float = 0.01,
        floor: float = 1e-6,
        none_text: str | None = None,
        parent: QWidget | None = None,
        **properties: Any,
    ):
        super().__init__(parent, **properties)
        self._low, self._high = low, high
        self._low_inclusive, self._high_inclusive = low_inclusive, high_inclusive
        self._log, self._step, self._floor = log, step, floor
        self._none_text = none_text
        self._value: float | None = None if none_text is not None else (low or 0.0)
        self.lineEdit().setText(self._text())
        self.lineEdit().textEdited.connect(self._on_line_edit_text_edited)
        self.editingFinished.connect(self._on_self_editing_finished)

    # ------------------------------------------------------------- value

    def value(self) -> float | None:
        return self._value

    def setValue(self, value: float | None) -> None:
        value = None if value is None else float(value)
        if not self._accepts(value):
            raise ValueError(f"{value!r} is outside this spin box's range")
        changed = value != self._value
        self._value = value
        self.lineEdit().setText(self._text())
        if changed:
            self.value_changed.emit()

    def _accepts(self, value: float | None) -> bool:
        if value is None:
            return self._none_text is not None
        if not math.isfinite(value):
            return False
        if self._low is not None and not (value >= self._low if self._low_inclusive else value > self._low):
            return False
        if self._high is not None and not (value <= self._high if self._high_inclusive else value < self._high):
            return False
        return True

    def _text(self) -> str:
        return self._none_text if self._value is None else _format_float(self._value)

    def _parse(self, text: str) -> tuple[bool, float | None]:
        text = text.strip()
        if self._none_text is not None and text in ("", self._none_text):
            return True, None
        try:
            value = float(text)
        except ValueError:
            return False, None
        return self._accepts(value), value

    # ------------------------------------------------------------- QAbstractSpinBox

    def validate(self, text: str, pos: int) -> QValidator.State:
        ok, _ = self._parse(text)
        if ok:
            return QValidator.State.Acceptable
        stripped = text.strip()
        if _PARTIAL_NUMBER.fullmatch(stripped) or (
            self._none_text is not None and self._none_text.startswith(stripped)
        ):
            return QValidator.State.Intermediate
        return QValidator.State.Invalid

    def fixup(self, text: str) -> str:
        return self._text()

    def _stepped(self, steps: int) -> float | None | object:
        """The value `steps` arrow presses away, or _BLOCKED when the range stops it."""
        value = self._value
        for _ in range(abs(steps)):
            value = self._step_once(value, up=steps > 0)
            if value is _BLOCKED or not self._accepts(value):
                return _BLOCKED
        return value

    def _step_once(self, value: float | None, up: bool) -> float | None | object:
        if not self._log:
            base = (self._low or 0.0) if value is None else value
            return round(base + (self._step if up else -self._step), 12)
        if value is None or value <= 0:
            return self._floor if up else _BLOCKED
        if up or value > self._floor * (1 + 1e-9):
            return _ladder_neighbour(value, up)
        # Below the ladder's floor lies "automatic" or zero, where the range has them.
        if self._none_text is not None:
            return None
        return 0.0 if self._accepts(0.0) else _BLOCKED

    def stepBy(self, steps: int) -> None:
        value = self._stepped(steps)
        if value is not _BLOCKED:
            self.setValue(value)
            self.lineEdit().selectAll()

    def stepEnabled(self) -> QAbstractSpinBox.StepEnabledFlag:
        flags = QAbstractSpinBox.StepEnabledFlag.StepNone
        if self._stepped(1) is not _BLOCKED:
            flags |= QAbstractSpinBox.StepEnabledFlag.StepUpEnabled
        if self._stepped(-1) is not _BLOCKED:
            flags |= QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
        return flags

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        sample = max("0.000005", self._none_text or "", key=len)
        return QSize(max(hint.width(), self.fontMetrics().horizontalAdvance(sample) + 40), hint.height())

    # ------------------------------------------------------------- slots

    @Slot(str)
    def _on_line_edit_text_edited(self, text: str) -> None:
        ok, value = self._parse(text)
        if ok and value != self._value:
            self._value = value
            self.value_changed.emit()

    @Slot()
    def _on_self_editing_finished(self) -> None:
        # Half-typed or out-of-range text goes back to the last good value.
        self.lineEdit().setText(self._text())


class _ParamRows(QObject):
    """The rows of one catalogue entry's hyperparameters inside a QFormLayout, made from its
    ParamInfo: a check box for a bool, a QSpinBox for an int, a FloatSpinBox for a float.

    Rows go into the caller's form (after `anchor`) rather than a nested one, so their
    labels line up with the rest of the group.
    """

    edited = Signal()

    def __init__(self, form: QFormLayout, anchor: QWidget, none_text: str, parent: QObject):
        super().__init__(parent)
        self._form, self._anchor, self._none_text = form, anchor, none_text
        self._params: Mapping[str, ParamInfo] = {}
        self._inputs: dict[str, QWidget] = {}
        self._given: set[str] = set()

    def rebuild(self, params: Mapping[str, ParamInfo]) -> None:
        """Replace the rows with inputs for `params`, each at its default."""
        for widget in self._inputs.values():
            self._form.removeRow(widget)
        self._params, self._inputs, self._given = params, {}, set()
        row = self._form.getWidgetPosition(self._anchor)[0] + 1
        for offset, (name, info) in enumerate(params.items()):
            widget = self._make_input(info)
            widget.setObjectName(f"param_{name}")
            widget.setToolTip(param_help(info.help))
            self._inputs[name] = widget
            self._form.insertRow(row + offset, name, widget)
            self._set_input(name, info.default)

    def _make_input(self, info: ParamInfo) -> QWidget:
        if isinstance(info.default, bool):
            widget = QCheckBox()
            widget.toggled.connect(self.edited)
            return widget
        if isinstance(info.default, int):
            widget = QSpinBox()
            low = -_SPIN_MAX if info.low is None else int(info.low) + (0 if info.low_inclusive else 1)
            high = _SPIN_MAX if info.high is None else int(info.high) - (0 if info.high_inclusive else 1)
            widget.setRange(low, high)
            widget.setKeyboardTracking(False)
            widget.valueChanged.connect(self.edited)
            return widget
        # Fractions in (0, 1) such as momentum or beta step linearly; the rest (eps, final_lr,
        # weight decay, ...) span orders of magnitude and step along the 1-2-5 ladder.
        linear = info.high is not None and info.default is not None and info.default >= 0.05
        widget = FloatSpinBox(
            low=info.low,
            high=info.high,
            low_inclusive=info.low_inclusive,
            high_inclusive=info.high_inclusive,
            log=not linear,
            step=0.01,
            floor=1e-3 if info.default is None else 1e-6,
            none_text=self._none_text if info.default is None else None,
        )
        widget.value_changed.connect(self.edited)
        return widget

    def _set_input(self, name: str, value: Any) -> None:
        widget = self._inputs[name]
        if isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        else:
            widget.setValue(value)

    def _get_input(self, name: str) -> Any:
        widget = self._inputs[name]
        return widget.isChecked() if isinstance(widget, QCheckBox) else widget.value()

    def set_values(self, given: Mapping[str, Any]) -> None:
        """Show `given` (checked by the caller); missing ones show their defaults."""
        self._given = set(given) & set(self._params)
        for name, info in self._params.items():
            self._set_input(name, given.get(name, info.default))

    def values(self) -> dict[str, Any]:
        """The hyperparameters for a config: those that were given or differ from the default."""
        values = {}
        for name, info in self._params.items():
            value = self._get_input(name)
            if name in self._given or value != info.default:
                values[name] = value
        return values


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

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._setting = False  # True while set_settings fills the widgets: no change signals
        self._lr_edited = False

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self._build_optimizer_group())
        layout.addWidget(self._build_schedule_group())
        layout.addWidget(self._build_loop_group())
        layout.addWidget(self._build_regularization_group())
        layout.addStretch(1)
        fill_with_scroll_area(self, content)

        self._forms = [group.layout() for group in content.findChildren(QGroupBox)]
        self.set_settings(OptimizerConfig(), ScheduleConfig(), RegularizationConfig(), TrainConfig())

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

        self.optimizer_params = _ParamRows(form, self.lr_spin, self.tr("auto"), self)
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
        self.schedule_params = _ParamRows(form, self.schedule_combo, self.tr("auto"), self)
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
            objectName="batch_size_spin", minimum=1, maximum=_SPIN_MAX, keyboardTracking=False
        )
        self.batch_size_spin.setToolTip(
            self.tr("Samples per mini-batch; larger batches run faster per sample but give less noisy, fewer steps.")
        )
        self.batch_size_spin.valueChanged.connect(self._on_input_changed)
        form.addRow(self.tr("Batch size"), self.batch_size_spin)

        self.epochs_spin = QSpinBox(objectName="epochs_spin", minimum=1, maximum=_SPIN_MAX, keyboardTracking=False)
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
        devices = available_devices()
        for device in devices:
            self.device_combo.addItem(device_title(device.title), device.name)
        self.device_combo.setToolTip(
            self.tr("Where training runs; Auto picks a CUDA or Apple GPU when there is one, else the CPU.")
        )
        self.device_combo.currentIndexChanged.connect(self._on_input_changed)
        form.addRow(self.tr("Device"), self.device_combo)

        self.amp_check = QCheckBox(self.tr("Mixed precision (bf16)"), objectName="amp_check")
        self.amp_check.setToolTip(
            self.tr("Computes in bfloat16 on CUDA GPUs for speed at a tiny cost in precision; ignored elsewhere.")
        )
        self.amp_check.setEnabled(any(d.name.startswith("cuda") for d in devices))
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
            # A learning rate other than the optimizer's default was chosen for it; keep it
            # when the user switches optimizer.
            self._lr_edited = optimizer.lr != OPTIMIZERS[optimizer.name].default_lr

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
            self.seed_spin.setValue(train.seed)
            self._select_device(train.device)
            self.amp_check.setChecked(train.amp)
        self._update_enabled()

    def set_task(self, task: str) -> None:
        """Offer the losses and early-stopping metrics that fit "classification" or "regression"."""
        classification = task == "classification"
        _combo_item_enabled(self.loss_combo, self.loss_combo.findData("cross_entropy"), classification)
        _combo_item_enabled(self.monitor_combo, self.monitor_combo.findData("val_accuracy"), classification)
        if not classification:
            # Cross-entropy and accuracy need classes; fall back to what works for regression.
            if self.loss_combo.currentData() == "cross_entropy":
                self._select(self.loss_combo, "auto")
            if self.monitor_combo.currentData() == "val_accuracy":
                self._select(self.monitor_combo, "val_loss")

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
            # A config written by hand or on another computer ("cuda", "cuda:1"): keep it, so
            # saving it again does not silently change the device.
            self.device_combo.addItem(self.tr("{0} (from the loaded settings)").format(name), name)
            index = self.device_combo.count() - 1
        self.device_combo.setCurrentIndex(index)

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
        with self._filling():
            self._rebuild_optimizer_params()
            if not self._lr_edited:
                self.lr_spin.setValue(OPTIMIZERS[self.optimizer_combo.currentData()].default_lr)
        self.settings_changed.emit()

    @Slot()
    def _on_lr_spin_changed(self) -> None:
        if not self._setting:
            self._lr_edited = True
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
