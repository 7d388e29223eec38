"""Inputs for hyperparameters: `FloatSpinBox`, a spin box that keeps the exact float it was
given, and `ParamRows`, the rows of one optimizer's or schedule's hyperparameters made from
its catalogue entry (core.training.catalog)."""

from __future__ import annotations

import math
import re
from typing import Any, Mapping

from PySide6.QtCore import QObject, QSize, Signal, Slot
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QAbstractSpinBox, QCheckBox, QFormLayout, QLabel, QSpinBox, QWidget

from playground.core.training.catalog import ParamInfo
from playground.gui.i18n.core_text import param_help, param_label

__all__ = ["SPIN_MAX", "FloatSpinBox", "ParamRows"]

# What a number looks like while it is being typed ("", "1.", "3e-", ...).
_PARTIAL_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d*)?([eE][+-]?\d*)?")
SPIN_MAX = 1_000_000
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


class ParamRows(QObject):
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
            # A name for people in the form; the key configs and the command line use, in the tooltip.
            self._inputs[name] = widget
            self._form.insertRow(row + offset, param_label(name, info.label), widget)
            self._set_input(name, info.default)
        self.retranslate()

    def retranslate(self) -> None:
        """Each row's label and tooltip in the installed language."""
        for name, widget in self._inputs.items():
            info = self._params[name]
            # A name for people in the form; the key configs and the command line use, in the tooltip.
            widget.setToolTip(
                param_help(info.help) + "\n" + self.tr("In a config file and on the command line: {0}").format(name)
            )
            label = self._form.labelForField(widget)
            if isinstance(label, QLabel):
                label.setText(param_label(name, info.label))

    def _make_input(self, info: ParamInfo) -> QWidget:
        if isinstance(info.default, bool):
            widget = QCheckBox()
            widget.toggled.connect(self.edited)
            return widget
        if isinstance(info.default, int):
            widget = QSpinBox()
            low = -SPIN_MAX if info.low is None else int(info.low) + (0 if info.low_inclusive else 1)
            high = SPIN_MAX if info.high is None else int(info.high) - (0 if info.high_inclusive else 1)
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
