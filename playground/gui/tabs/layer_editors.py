"""Editing a row of the layer stack in place: the parameters editor (its fields from the layer
catalogue), and the delegates of the Settings, Frozen and LR × cells."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from playground.core.config.catalogue import LAYER_TYPES, LayerParam
from playground.core.config.model_spec import LayerSpec
from playground.gui.tabs.layer_texts import catalogue_text, param_labels

_MAX_LR_MULTIPLIER = 1000.0


# --------------------------------------------------------------------------- in-row editing


class _ParamsEditor(QWidget):
    """Edits one layer's parameters inside its row: a label and a field per parameter.

    Only the fields the user changed are reported, so a value the field cannot show (say a
    hand-written kernel of 99) is never rewritten by editing another parameter."""

    edited = Signal()

    def __init__(self, layer_type: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAutoFillBackground(True)
        self._fields: dict[str, QWidget] = {}
        self._touched: set[str] = set()
        self._labels = param_labels()
        self._texts = self._help_texts()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 0, 2, 0)
        layout.setSpacing(4)
        for param in LAYER_TYPES[layer_type].editor_params:
            self._add_param(param)
        layout.addStretch(1)
        # The view sends the key that opened the editor to the focus proxy, so typing "128" on
        # a selected Dense row goes straight into its units.
        self.setFocusProxy(next(iter(self._fields.values())))

    def _help_texts(self) -> dict[str, str]:
        """The catalogue's English help of the editor's parameters and choices, in the UI
        language (the activation functions' help is translated with the layer types')."""
        return {
            "How many units (neurons) the layer has.": self.tr("How many units (neurons) the layer has."),
            "Whether each unit adds a learned constant (bias).": self.tr(
                "Whether each unit adds a learned constant (bias)."
            ),
            "How many filters, that is output channels, the layer learns.": self.tr(
                "How many filters, that is output channels, the layer learns."
            ),
            "The width and height of each filter in pixels.": self.tr("The width and height of each filter in pixels."),
            "How many pixels the filter moves at each step.": self.tr("How many pixels the filter moves at each step."),
            "Pads the border so the output keeps the input's size (stride 1 only).": self.tr(
                "Pads the border so the output keeps the input's size (stride 1 only)."
            ),
            "No padding: the output shrinks by the kernel size minus one.": self.tr(
                "No padding: the output shrinks by the kernel size minus one."
            ),
            "How the image border is padded before the filters slide over it.": self.tr(
                "How the image border is padded before the filters slide over it."
            ),
            "How many output channels the block's convolutions have.": self.tr(
                "How many output channels the block's convolutions have."
            ),
            "1 keeps the height and width; 2 halves them (the shortcut then gets a 1×1 convolution).": self.tr(
                "1 keeps the height and width; 2 halves them (the shortcut then gets a 1×1 convolution)."
            ),
            "The width and height of each pooling window.": self.tr("The width and height of each pooling window."),
            "How far the window moves at each step; '= pool' moves it by its own size.": self.tr(
                "How far the window moves at each step; '= pool' moves it by its own size."
            ),
            "= pool": self.tr("= pool"),
            "The fraction of activations zeroed at each training step.": self.tr(
                "The fraction of activations zeroed at each training step."
            ),
            "The non-linearity applied to every value.": self.tr("The non-linearity applied to every value."),
            "The non-linearity applied to the layer's outputs, as Keras's Dense(256, activation=\"sigmoid\"); "
            "none passes them on as they are.": self.tr(
                "The non-linearity applied to the layer's outputs, as Keras's Dense(256, activation=\"sigmoid\"); "
                "none passes them on as they are."
            ),
            "No activation: the outputs are passed on as they are.": self.tr(
                "No activation: the outputs are passed on as they are."
            ),
            "none": self.tr("none", "a Dense layer without its own activation"),
        }

    def _text(self, english: str) -> str:
        return self._texts.get(english) or catalogue_text(english)

    def _add_param(self, param: LayerParam) -> None:
        """The field the catalogue's parameter asks for, with its range and help."""
        tip = self._text(param.help)
        if param.kind == "int":
            special = self._text(param.none_text) if param.none_text else ""
            self._add_spin(param.name, int(param.low), int(param.high), tip, special=special)
        elif param.kind == "bool":
            self._add_check(param.name, tip)
        elif param.kind == "float":
            spin = QDoubleSpinBox(self)
            spin.setRange(param.low, param.high)
            spin.setSingleStep(param.step)
            spin.setDecimals(param.decimals)
            spin.valueChanged.connect(self._on_field_changed)
            self._add_field(param.name, spin, tip)
        elif param.kind == "choice":
            items = [
                (self._text(param.none_text) if v is None and param.none_text else str(v), v, self._text(help))
                for v, help in param.choices
            ]
            self._add_choice(param.name, items, tip)

    def _add_field(self, key: str, widget: QWidget, tip: str) -> None:
        widget.setObjectName(key)
        widget.setToolTip(tip)
        label = QLabel(self._labels.get(key, key), self)
        label.setBuddy(widget)
        label.setToolTip(tip)
        self.layout().addWidget(label)
        self.layout().addWidget(widget)
        self._fields[key] = widget

    def _add_spin(self, key: str, minimum: int, maximum: int, tip: str, special: str = "") -> None:
        spin = QSpinBox(self)
        spin.setRange(minimum, maximum)
        spin.setAccelerated(True)
        if special:
            spin.setSpecialValueText(special)  # shown at the minimum, which then means None
        spin.valueChanged.connect(self._on_field_changed)
        self._add_field(key, spin, tip)

    def _add_check(self, key: str, tip: str) -> None:
        check = QCheckBox(self)
        check.toggled.connect(self._on_field_changed)
        self._add_field(key, check, tip)

    def _add_choice(self, key: str, items: list[tuple[str, object, str]], tip: str) -> None:
        combo = QComboBox(self)
        for text, value, item_tip in items:
            combo.addItem(text, value)
            combo.setItemData(combo.count() - 1, item_tip, Qt.ItemDataRole.ToolTipRole)
        combo.currentIndexChanged.connect(self._on_field_changed)
        self._add_field(key, combo, tip)

    def set_layer(self, layer: LayerSpec) -> None:
        """Show `layer`'s values without reporting them as edits."""
        for key, widget in self._fields.items():
            value = layer.get(key)
            widget.blockSignals(True)
            if isinstance(widget, QSpinBox):
                if value is None:
                    value = widget.minimum()
                if isinstance(value, int) and not isinstance(value, bool) and value != widget.value():
                    widget.setMaximum(max(widget.maximum(), value))
                    widget.setValue(value)
            elif isinstance(widget, QDoubleSpinBox):
                if isinstance(value, (int, float)) and value != widget.value():
                    widget.setValue(value)
            elif isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif isinstance(widget, QComboBox):
                position = widget.findData(value)
                if position < 0:  # e.g. a numeric padding written in a config by hand
                    widget.addItem(str(value), value)
                    position = widget.count() - 1
                widget.setCurrentIndex(position)
            widget.blockSignals(False)

    def values(self) -> dict[str, object]:
        """The values of the fields the user changed."""
        return {key: self._read(self._fields[key]) for key in self._touched}

    @staticmethod
    def _read(widget: QWidget) -> object:
        if isinstance(widget, QSpinBox):
            value = widget.value()
            return None if widget.specialValueText() and value == widget.minimum() else value
        if isinstance(widget, QDoubleSpinBox):
            return round(widget.value(), 2)
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        return widget.currentData()

    def _on_field_changed(self) -> None:
        self._touched.add(self.sender().objectName())
        self.edited.emit()


class _ParamsDelegate(QStyledItemDelegate):
    """Opens a _ParamsEditor in the parameters cell and commits each change as it happens."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.session = 0  # counts editors opened, so edits merge only within one of them
        self._widened: int | None = None  # the column widened for the open editor (_make_room)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        self.session += 1
        editor = _ParamsEditor(index.data(Qt.ItemDataRole.EditRole).type, parent)
        editor.edited.connect(self._on_editor_edited)
        self._make_room(editor, index)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        editor.set_layer(index.data(Qt.ItemDataRole.EditRole))

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        values = editor.values()
        if values:
            model.setData(index, values, Qt.ItemDataRole.EditRole)

    def _make_room(self, editor: QWidget, index: QModelIndex) -> None:
        """A Conv2D editor may need more room than the column has: while it is open the column
        widens to the editor (the table scrolls sideways if it must), so the editor neither
        squeezes its spin boxes nor covers the Output and Params columns."""
        view = self.parent()
        header = view.horizontalHeader()
        need = editor.sizeHint().width()
        if need > header.sectionSize(index.column()):
            self._widened = index.column()
            header.setSectionResizeMode(index.column(), QHeaderView.ResizeMode.Interactive)
            header.resizeSection(index.column(), need)
            view.scrollTo(index)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        editor.setGeometry(option.rect)  # its own cell, widened by _make_room where needed

    def destroyEditor(self, editor: QWidget, index: QModelIndex) -> None:
        super().destroyEditor(editor, index)
        column, self._widened = self._widened, None
        if column is not None:  # the column takes the room that is left again
            self.parent().horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    def _on_editor_edited(self) -> None:
        self.commitData.emit(self.sender())


class _FreezeDelegate(QStyledItemDelegate):
    """The Frozen cell: a click anywhere in it toggles the lock, not only on the check box."""

    def editorEvent(self, event: QEvent, model, option: QStyleOptionViewItem, index: QModelIndex) -> bool:
        mouse = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick)
        if event.type() not in mouse:
            return super().editorEvent(event, model, option, index)
        if not index.flags() & Qt.ItemFlag.ItemIsUserCheckable or event.button() != Qt.MouseButton.LeftButton:
            return False
        if not option.rect.contains(event.position().toPoint()):
            return False
        if event.type() == QEvent.Type.MouseButtonRelease:
            checked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
            new = Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked
            model.setData(index, new, Qt.ItemDataRole.CheckStateRole)
        return True  # presses and double-clicks too: they must not start a drag or an editor


class _LrDelegate(QStyledItemDelegate):
    """The LR × cell: a line edit for a multiplier >= 0; empty means the optimizer's rate."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        editor = QLineEdit(parent)
        editor.setObjectName("lr_multiplier")
        editor.setAlignment(Qt.AlignmentFlag.AlignRight)
        editor.setPlaceholderText("1")
        editor.setValidator(QRegularExpressionValidator(QRegularExpression(r"\s*\d{0,4}([.,]\d{0,6})?\s*"), editor))
        editor.setToolTip(index.data(Qt.ItemDataRole.ToolTipRole))
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        editor.setText("" if value is None else f"{value:g}")
        editor.selectAll()

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        text = editor.text().strip().replace(",", ".")
        if text in ("", "."):
            model.setData(index, None, Qt.ItemDataRole.EditRole)
            return
        value = float(text)
        if value <= _MAX_LR_MULTIPLIER:
            model.setData(index, value, Qt.ItemDataRole.EditRole)
