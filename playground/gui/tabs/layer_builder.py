"""The layer editor: a palette of layer types beside an editable, undoable stack of layers.

The model of truth is an immutable tuple of LayerSpec plus the weight initialisation, and for
each row its transfer-learning settings (frozen, learning-rate multiplier), kept beside the layer
so that they move with it when layers are reordered, inserted or removed. Every edit
is a QUndoCommand holding that state before and after; applying a state re-validates it with the
engine's shape inference and hands it to a table model, which the view paints on demand (so a
50-layer stack re-renders without creating a widget). Parameters are edited in the row by a
delegate whose editor commits on every change, so shapes and parameter counts follow the spin
boxes live.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QCoreApplication,
    QEvent,
    QRegularExpression,
    QItemSelection,
    QItemSelectionModel,
    QLocale,
    QMimeData,
    QModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QIcon,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPixmap,
    QRegularExpressionValidator,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from playground.core.config.spec import (
    ACTIVATIONS,
    INITIALIZERS,
    LAYER_TYPES,
    LayerInfo,
    LayerSpec,
    TRAINABLE_TYPES,
    ModelSpec,
    SpecError,
    format_shape,
)
from playground.gui.i18n.core_text import spec_error_text
from playground.gui.tabs.network_diagram import infer_prefix, layer_color

__all__ = [
    "LayerBuilder",
    "LayerStackModel",
    "activation_help",
    "initializer_help",
    "initializer_label",
    "layer_help",
]

# --------------------------------------------------------------------------- translated texts
#
# The engine's help texts are English and Qt-free. The same sentences are repeated here as
# literals so lupdate can extract them; the tests check they still match the engine's, and a
# name the engine gains later falls back to its English text.


def layer_help(layer_type: str) -> str:
    """One sentence on what a layer type does, in the UI language."""
    texts = {
        "Dense": QCoreApplication.translate("LayerHelp", "Fully connected layer: every input to every unit."),
        "Conv2D": QCoreApplication.translate(
            "LayerHelp",
            "2-D convolution: small filters slid over the image; padding 'same' keeps the size at stride 1.",
        ),
        "MaxPool2D": QCoreApplication.translate("LayerHelp", "Keeps the largest value of each pool×pool window."),
        "AvgPool2D": QCoreApplication.translate("LayerHelp", "Averages each pool×pool window."),
        "Flatten": QCoreApplication.translate(
            "LayerHelp", "Reshapes C×H×W feature maps into one vector for Dense layers."
        ),
        "Dropout": QCoreApplication.translate(
            "LayerHelp", "Zeroes a random fraction of activations while training (regularisation)."
        ),
        "BatchNorm": QCoreApplication.translate(
            "LayerHelp", "Normalises each feature over the batch; speeds up and stabilises training."
        ),
        "Activation": QCoreApplication.translate("LayerHelp", "Applies a non-linearity element-wise."),
    }
    return texts.get(layer_type) or LAYER_TYPES[layer_type].help


def activation_help(name: str) -> str:
    """One sentence on an activation function, in the UI language."""
    texts = {
        "ReLU": QCoreApplication.translate(
            "LayerHelp", "max(0, x): the default for hidden layers; fast and does not saturate for x > 0."
        ),
        "LeakyReLU": QCoreApplication.translate(
            "LayerHelp", "Like ReLU but with a small slope for x < 0, so units never 'die'."
        ),
        "Sigmoid": QCoreApplication.translate(
            "LayerHelp", "Squashes to (0, 1); saturates, so gradients vanish in deep stacks."
        ),
        "Tanh": QCoreApplication.translate(
            "LayerHelp", "Squashes to (-1, 1); zero-centred, but saturates like Sigmoid."
        ),
        "GELU": QCoreApplication.translate("LayerHelp", "Smooth ReLU used in Transformers."),
        "ELU": QCoreApplication.translate(
            "LayerHelp", "ReLU with a smooth negative part that pushes mean activations towards zero."
        ),
        "Softmax": QCoreApplication.translate(
            "LayerHelp", "Turns scores into class probabilities; use once, as the last layer."
        ),
        "Linear": QCoreApplication.translate(
            "LayerHelp", "Identity: no non-linearity (stacked linear layers stay linear)."
        ),
    }
    return texts.get(name) or ACTIVATIONS[name]


def initializer_help(name: str) -> str:
    """One sentence on a weight initialisation, in the UI language."""
    texts = {
        "he_normal": QCoreApplication.translate(
            "LayerHelp", "He (Kaiming) normal: std sqrt(2/fan_in); the choice for ReLU networks."
        ),
        "he_uniform": QCoreApplication.translate(
            "LayerHelp", "He (Kaiming) uniform: same variance as He normal, uniform distribution."
        ),
        "xavier": QCoreApplication.translate(
            "LayerHelp", "Xavier (Glorot) uniform: keeps variance for Sigmoid/Tanh networks."
        ),
        "normal_001": QCoreApplication.translate(
            "LayerHelp", "Small normal (std 0.01): activations shrink layer by layer in deep nets."
        ),
        "zeros": QCoreApplication.translate(
            "LayerHelp", "All zeros: every unit in a layer stays identical (the symmetry problem)."
        ),
    }
    return texts.get(name) or INITIALIZERS[name]


def initializer_label(name: str) -> str:
    """The short name of a weight initialisation shown in the combo box."""
    texts = {
        "he_normal": QCoreApplication.translate("LayerHelp", "He normal"),
        "he_uniform": QCoreApplication.translate("LayerHelp", "He uniform"),
        "xavier": QCoreApplication.translate("LayerHelp", "Xavier (Glorot)"),
        "normal_001": QCoreApplication.translate("LayerHelp", "Small normal (0.01)"),
        "zeros": QCoreApplication.translate("LayerHelp", "Zeros"),
    }
    return texts.get(name, name)


def _param_labels() -> dict[str, str]:
    """Names of the editable parameters, shared by the row summary and the in-row editor."""
    return {
        "units": QCoreApplication.translate("LayerBuilder", "units"),
        "bias": QCoreApplication.translate("LayerBuilder", "bias"),
        "filters": QCoreApplication.translate("LayerBuilder", "filters"),
        "kernel": QCoreApplication.translate("LayerBuilder", "kernel"),
        "stride": QCoreApplication.translate("LayerBuilder", "stride"),
        "padding": QCoreApplication.translate("LayerBuilder", "padding"),
        "pool": QCoreApplication.translate("LayerBuilder", "pool"),
        "rate": QCoreApplication.translate("LayerBuilder", "rate"),
        "function": QCoreApplication.translate("LayerBuilder", "function"),
    }


# --------------------------------------------------------------------------- shared bits

_TYPE_MIME = "application/x-playground-layer-type"
_ROWS_MIME = "application/x-playground-layer-rows"
_EDITABLE_TYPES = frozenset({"Dense", "Conv2D", "MaxPool2D", "AvgPool2D", "Dropout", "Activation"})
_ERROR_BACKGROUND = QColor("#ffd6d6")
_ERROR_FOREGROUND = QColor("#202020")  # the error background is light in dark themes too
_FROZEN_FOREGROUND = QColor("#8a8a8a")  # frozen rows read as greyed out, in light and dark themes
_MAX_LR_MULTIPLIER = 1000.0
_MERGE_ID = 1
_ROOT = QModelIndex()  # the invisible parent of every row

_type_icons: dict[str, QIcon] = {}


def _type_icon(layer_type: str) -> QIcon:
    """A small swatch in the layer type's colour, the same colour the diagram uses."""
    if layer_type not in _type_icons:
        pixmap = QPixmap(14, 14)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = layer_color(layer_type)
        painter.setPen(colour.darker(150))
        painter.setBrush(colour)
        painter.drawRoundedRect(1, 1, 12, 12, 3, 3)
        painter.end()
        _type_icons[layer_type] = QIcon(pixmap)
    return _type_icons[layer_type]


def _lock_icon() -> QIcon:
    """A small padlock for frozen rows (no standard pixmap has one)."""
    if "lock" not in _type_icons:
        pixmap = QPixmap(14, 14)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = QColor("#5f6b7a")
        painter.setPen(colour)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(4, 1, 6, 8, 3, 3)  # the shackle
        painter.setBrush(colour)
        painter.drawRoundedRect(2, 6, 10, 7, 1, 1)  # the body
        painter.end()
        _type_icons["lock"] = QIcon(pixmap)
    return _type_icons["lock"]


class _Training(NamedTuple):
    """A row's transfer-learning settings: whether its parameters stay as they are (frozen),
    and its learning-rate multiplier (None: the optimizer's rate)."""

    frozen: bool = False
    lr: float | None = None


_PLAIN = _Training()
_Row = tuple  # (LayerSpec, _Training): a layer and its settings, moved together


def trainable(layer: LayerSpec) -> bool:
    """Whether the layer has parameters, so freezing it or giving it a learning rate means anything."""
    return layer.type in TRAINABLE_TYPES


class _State(NamedTuple):
    layers: tuple[LayerSpec, ...]
    init: str
    training: tuple[_Training, ...] = ()  # one per layer


# --------------------------------------------------------------------------- undo


class _StackEdit(QUndoCommand):
    """One undoable edit, kept as the state before and after. LayerSpec is immutable, so the two
    snapshots share their layers and cost a tuple each. Consecutive edits of the same parameters
    of the same row in one editor session merge into one step."""

    def __init__(
        self,
        builder: LayerBuilder,
        text: str,
        before: _State,
        after: _State,
        select_before: list[int] | None,
        select_after: list[int] | None,
        merge_key: tuple | None = None,
    ):
        super().__init__(text)
        self._builder = builder
        self._before, self._after = before, after
        self._select_before, self._select_after = select_before, select_after
        self._merge_key = merge_key

    def redo(self) -> None:
        self._builder._apply(self._after, self._select_after)

    def undo(self) -> None:
        self._builder._apply(self._before, self._select_before)

    def id(self) -> int:
        return _MERGE_ID if self._merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, _StackEdit) or other._merge_key != self._merge_key:
            return False
        self._after, self._select_after = other._after, other._select_after
        # Spinning a value away and back leaves nothing to undo.
        self.setObsolete(self._after == self._before)
        return True


# --------------------------------------------------------------------------- table model


class LayerStackModel(QAbstractTableModel):
    """Table adapter over the builder's layer tuple. It never changes the stack itself: edits and
    drops are reported as signals and the builder answers with `set_stack`.

    It deliberately has no removeRows: after a drag that ends in a move, QAbstractItemView asks
    the model to remove the dragged rows, which the drop has already moved."""

    params_edited = Signal(int, dict)  # row, {parameter: new value}
    rows_dropped = Signal(list, int)  # rows of this stack dragged to a destination row
    layers_dropped = Signal(list, int)  # new layers (from the palette or copied) and their row
    frozen_toggled = Signal(int, bool)  # row, frozen
    lr_edited = Signal(int, object)  # row, multiplier (None: the optimizer's rate)

    NUMBER, TYPE, SETTINGS, OUTPUT, PARAM_COUNT, FROZEN, LR = range(7)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._layers: tuple[LayerSpec, ...] = ()
        self._training: tuple[_Training, ...] = ()
        self._infos: list[LayerInfo] = []
        self._error_row = -1
        self._message = ""
        self._token = uuid.uuid4().hex  # tells drags from this stack from another builder's

    def set_stack(
        self,
        layers: tuple[LayerSpec, ...],
        infos: list[LayerInfo],
        error_row: int,
        message: str,
        training: tuple[_Training, ...] = (),
    ) -> None:
        """Show a new state. Only a change in the rows' types resets the view (closing any open
        editor); parameter edits and reinferred shapes update the cells in place."""
        old = self._layers
        structural = len(old) != len(layers) or any(a.type != b.type for a, b in zip(old, layers))
        if structural:
            self.beginResetModel()
        self._layers, self._infos, self._error_row, self._message = layers, infos, error_row, message
        self._training = training or (_PLAIN,) * len(layers)
        if structural:
            self.endResetModel()
            return
        for row, (a, b) in enumerate(zip(old, layers)):
            if a != b:
                # One cell at a time: the view only refreshes an open editor for single cells.
                cell = self.index(row, self.SETTINGS)
                self.dataChanged.emit(cell, cell)
        if layers:
            self.dataChanged.emit(self.index(0, 0), self.index(len(layers) - 1, self.LR))

    # Qt model interface

    def rowCount(self, parent: QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._layers)

    def columnCount(self, parent: QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else 7

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return [
                self.tr("#"),
                self.tr("Layer"),
                self.tr("Settings"),
                self.tr("Output"),
                self.tr("Params"),
                self.tr("Frozen"),
                self.tr("LR ×"),
            ][section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return [
                self.tr("The layer's number; errors name layers by it."),
                self.tr("The layer type."),
                self.tr("The layer's settings; double-click or start typing to change them."),
                self.tr("The shape this layer outputs: features, or channels×height×width."),
                self.tr("How many trainable parameters (weights and biases) the layer has."),
                self._frozen_tip(),
                self._lr_tip(),
            ][section]
        return None

    def _frozen_tip(self) -> str:
        return self.tr(
            "Click to freeze or unfreeze the layer. A frozen layer keeps its weights as they are (for "
            "example trained weights you start from) and only the other layers learn: transfer learning."
        )

    def _lr_tip(self) -> str:
        return self.tr(
            "Learning-rate multiplier: this layer learns at the optimizer's learning rate × this number "
            "(0.1: ten times slower, as often for trained layers when fine-tuning). Empty or 1: the "
            "optimizer's rate."
        )

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        layer = self._layers[row]
        info = self._infos[row] if row < len(self._infos) else None
        bad = row == self._error_row
        if col in (self.FROZEN, self.LR):
            return self._training_data(row, col, role)
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.NUMBER:
                return str(row + 1)
            if col == self.TYPE:
                return layer.type
            if col == self.SETTINGS:
                return self._summary(layer)
            if col == self.OUTPUT:
                return format_shape(info.output_shape) if info else "?"
            if col == self.PARAM_COUNT:
                return QLocale().toString(info.params) if info else ""
        elif role == Qt.ItemDataRole.EditRole:
            return layer if col == self.SETTINGS else None
        elif role == Qt.ItemDataRole.DecorationRole:
            if col == self.NUMBER and bad:
                return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            if col == self.TYPE:
                return _type_icon(layer.type)
        elif role == Qt.ItemDataRole.ToolTipRole:
            if bad:
                return self._message
            if col == self.TYPE:
                return layer_help(layer.type)
            if col == self.SETTINGS and layer.type in _EDITABLE_TYPES:
                return self.tr("Double-click or start typing to change the settings.")
        elif role == Qt.ItemDataRole.BackgroundRole:
            return _ERROR_BACKGROUND if bad else None
        elif role == Qt.ItemDataRole.ForegroundRole:
            if bad:
                return _ERROR_FOREGROUND
            return _FROZEN_FOREGROUND if self._training[row].frozen and trainable(layer) else None
        elif role == Qt.ItemDataRole.TextAlignmentRole and col in (self.NUMBER, self.OUTPUT, self.PARAM_COUNT):
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def _training_data(self, row: int, col: int, role):
        """The Frozen and LR × cells: empty for layers without parameters."""
        layer, training = self._layers[row], self._training[row]
        if not trainable(layer):
            return None
        if col == self.FROZEN:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if training.frozen else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.DecorationRole and training.frozen:
                return _lock_icon()
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._frozen_tip()
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if training.frozen:
                return "—"
            return "" if training.lr is None else f"×{training.lr:g}"
        if role == Qt.ItemDataRole.EditRole:
            return training.lr
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("A frozen layer does not learn.") if training.frozen else self._lr_tip()
        if role == Qt.ItemDataRole.ForegroundRole and training.frozen:
            return _FROZEN_FOREGROUND
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def _summary(self, layer: LayerSpec) -> str:
        labels = _param_labels()
        t = layer.type
        if t == "Dense":
            parts = [f"{labels['units']} {layer.get('units')}"]
            if not layer.get("bias"):
                parts.append(self.tr("no bias"))
        elif t == "Conv2D":
            k = layer.get("kernel")
            parts = [
                f"{labels['filters']} {layer.get('filters')}",
                f"{labels['kernel']} {k}×{k}",
                f"{labels['stride']} {layer.get('stride')}",
                str(layer.get("padding")),  # 'same' / 'valid' need no label, and the column is narrow
            ]
        elif t in ("MaxPool2D", "AvgPool2D"):
            p, stride = layer.get("pool"), layer.get("stride")
            stride_text = self.tr("= pool") if stride is None else str(stride)
            parts = [f"{labels['pool']} {p}×{p}", f"{labels['stride']} {stride_text}"]
        elif t == "Dropout":
            parts = [f"{labels['rate']} {layer.get('rate')}"]
        elif t == "Activation":
            parts = [str(layer.get("function"))]
        else:
            parts = ["—"]
        return " · ".join(parts)

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        # Rows themselves are not drop targets, so the view always drops between rows.
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        row, col = index.row(), index.column()
        if col == self.SETTINGS and self._layers[row].type in _EDITABLE_TYPES:
            flags |= Qt.ItemFlag.ItemIsEditable
        if col == self.FROZEN and trainable(self._layers[row]):
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        if col == self.LR and trainable(self._layers[row]) and not self._training[row].frozen:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: QModelIndex, value, role=Qt.ItemDataRole.EditRole) -> bool:
        row, col = index.row(), index.column()
        if col == self.FROZEN and role == Qt.ItemDataRole.CheckStateRole and trainable(self._layers[row]):
            self.frozen_toggled.emit(row, Qt.CheckState(value) == Qt.CheckState.Checked)
            return True
        if col == self.LR and role == Qt.ItemDataRole.EditRole and trainable(self._layers[row]):
            if value is not None and not (isinstance(value, (int, float)) and value >= 0):
                return False
            self.lr_edited.emit(row, None if value is None or value == 1 else float(value))
            return True
        if role != Qt.ItemDataRole.EditRole or col != self.SETTINGS or not isinstance(value, dict):
            return False
        self.params_edited.emit(index.row(), value)
        return True

    # drag and drop

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def mimeTypes(self) -> list[str]:
        return [_ROWS_MIME, _TYPE_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({i.row() for i in indexes})
        payload = {"stack": self._token, "rows": rows, "layers": [self._layers[r].to_dict() for r in rows]}
        mime = QMimeData()
        mime.setData(_ROWS_MIME, QByteArray(json.dumps(payload).encode("utf-8")))
        return mime

    def canDropMimeData(self, data: QMimeData, action, row, column, parent) -> bool:
        return data.hasFormat(_ROWS_MIME) or data.hasFormat(_TYPE_MIME)

    def dropMimeData(self, data: QMimeData, action, row: int, column: int, parent: QModelIndex) -> bool:
        if action == Qt.DropAction.IgnoreAction:
            return True
        if parent.isValid():
            row = parent.row()
        if row < 0:
            row = len(self._layers)
        if data.hasFormat(_TYPE_MIME):
            layer_type = bytes(data.data(_TYPE_MIME).data()).decode("utf-8")
            if layer_type not in LAYER_TYPES:
                return False
            self.layers_dropped.emit([LayerSpec(layer_type)], row)
            return True
        if data.hasFormat(_ROWS_MIME):
            payload = json.loads(bytes(data.data(_ROWS_MIME).data()).decode("utf-8"))
            if payload["stack"] == self._token and action == Qt.DropAction.MoveAction:
                self.rows_dropped.emit(payload["rows"], row)
            else:  # a copy (Ctrl while dragging), or layers from another builder
                self.layers_dropped.emit([LayerSpec.from_dict(d) for d in payload["layers"]], row)
            return True
        return False


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
        self._labels = _param_labels()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 0, 2, 0)
        layout.setSpacing(4)
        if layer_type == "Dense":
            self._add_spin("units", 1, 100_000, self.tr("How many units (neurons) the layer has."))
            self._add_check("bias", self.tr("Whether each unit adds a learned constant (bias)."))
        elif layer_type == "Conv2D":
            self._add_spin("filters", 1, 1024, self.tr("How many filters, that is output channels, the layer learns."))
            self._add_spin("kernel", 1, 31, self.tr("The width and height of each filter in pixels."))
            self._add_spin("stride", 1, 16, self.tr("How many pixels the filter moves at each step."))
            self._add_choice(
                "padding",
                [
                    ("same", "same", self.tr("Pads the border so the output keeps the input's size (stride 1 only).")),
                    ("valid", "valid", self.tr("No padding: the output shrinks by the kernel size minus one.")),
                ],
                self.tr("How the image border is padded before the filters slide over it."),
            )
        elif layer_type in ("MaxPool2D", "AvgPool2D"):
            self._add_spin("pool", 1, 16, self.tr("The width and height of each pooling window."))
            self._add_spin(
                "stride",
                0,
                16,
                self.tr("How far the window moves at each step; '= pool' moves it by its own size."),
                special=self.tr("= pool"),
            )
        elif layer_type == "Dropout":
            spin = QDoubleSpinBox(self)
            spin.setRange(0.0, 0.95)
            spin.setSingleStep(0.05)
            spin.setDecimals(2)
            spin.valueChanged.connect(self._on_field_changed)
            self._add_field("rate", spin, self.tr("The fraction of activations zeroed at each training step."))
        elif layer_type == "Activation":
            self._add_choice(
                "function",
                [(name, name, activation_help(name)) for name in ACTIVATIONS],
                self.tr("The non-linearity applied to every value."),
            )
        layout.addStretch(1)
        # The view sends the key that opened the editor to the focus proxy, so typing "128" on
        # a selected Dense row goes straight into its units.
        self.setFocusProxy(next(iter(self._fields.values())))

    def _add_field(self, key: str, widget: QWidget, tip: str) -> None:
        widget.setObjectName(key)
        widget.setToolTip(tip)
        label = QLabel(self._labels[key], self)
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

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        self.session += 1
        editor = _ParamsEditor(index.data(Qt.ItemDataRole.EditRole).type, parent)
        editor.edited.connect(self._on_editor_edited)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        editor.set_layer(index.data(Qt.ItemDataRole.EditRole))

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        values = editor.values()
        if values:
            model.setData(index, values, Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        # A Conv2D editor may need more room than the column has: while open it overlaps the
        # next columns, or shifts left over the row's number and type, rather than squeezing
        # its spin boxes or running out of the view.
        rect = option.rect
        width = max(rect.width(), editor.sizeHint().width())
        x = max(0, min(rect.x(), editor.parentWidget().width() - width))
        editor.setGeometry(x, rect.y(), width, rect.height())

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


# --------------------------------------------------------------------------- palette


class _LayerPalette(QListWidget):
    """The layer types, to double-click or drag into the stack."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for layer_type in LAYER_TYPES:
            item = QListWidgetItem(_type_icon(layer_type), layer_type)
            item.setData(Qt.ItemDataRole.UserRole, layer_type)
            item.setToolTip(layer_help(layer_type))
            self.addItem(item)
        self.setCurrentRow(0)
        self.setFixedWidth(self.sizeHintForColumn(0) + 2 * self.frameWidth() + 12)

    def mimeTypes(self) -> list[str]:
        return [_TYPE_MIME]

    def mimeData(self, items: Sequence[QListWidgetItem]) -> QMimeData:
        mime = QMimeData()
        mime.setData(_TYPE_MIME, QByteArray(items[0].data(Qt.ItemDataRole.UserRole).encode("utf-8")))
        return mime

    def startDrag(self, supported_actions: Qt.DropAction) -> None:
        # Offer a copy only: a drag that ends in a move makes the view delete the dragged item.
        super().startDrag(Qt.DropAction.CopyAction)


# --------------------------------------------------------------------------- the widget


class LayerBuilder(QWidget):
    """The visual layer editor. Emits `spec_changed` after every edit and `validity_changed`
    whenever the stack becomes valid or invalid or its problem changes."""

    spec_changed = Signal(object)  # ModelSpec
    validity_changed = Signal(bool, str)  # valid, the engine's message ("" when valid)
    training_changed = Signal()  # a layer was frozen or unfrozen, or its learning rate changed

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._layers: tuple[LayerSpec, ...] = ()
        self._training: tuple[_Training, ...] = ()
        self._init = "he_normal"
        self._input_shape: tuple[int, ...] = ()
        self._task: tuple[str, int] | None = None
        self._infos: list[LayerInfo] = []
        self._error_layer = 0
        self._message = ""
        self._validity: tuple[bool, str] | None = None
        self._undo_stack = QUndoStack(self)

        self._palette = _LayerPalette(self)
        self._palette.setObjectName("layer_palette")
        self._add_button = QPushButton(self.tr("Add"), self)
        self._add_button.setObjectName("add_layer")
        self._add_button.setToolTip(self.tr("Add the chosen layer type after the selected layer."))

        self._model = LayerStackModel(self)
        self._view = QTableView(self)
        self._view.setObjectName("layer_stack")
        self._delegate = _ParamsDelegate(self._view)
        self._freeze_delegate = _FreezeDelegate(self._view)
        self._lr_delegate = _LrDelegate(self._view)
        self._setup_view()

        self._remove_action = self._make_action(
            self.tr("Remove"),
            QKeySequence(QKeySequence.StandardKey.Delete),
            self.tr("Remove the selected layers (Delete)."),
            self._on_remove_action_triggered,
        )
        self._duplicate_action = self._make_action(
            self.tr("Duplicate"),
            QKeySequence("Ctrl+D"),
            self.tr("Insert a copy of the selected layers below them (Ctrl+D)."),
            self._on_duplicate_action_triggered,
        )
        self._up_action = self._make_action(
            self.tr("Move up"),
            QKeySequence("Alt+Up"),
            self.tr("Move the selected layers one place up (Alt+Up)."),
            self._on_up_action_triggered,
            QStyle.StandardPixmap.SP_ArrowUp,
        )
        self._down_action = self._make_action(
            self.tr("Move down"),
            QKeySequence("Alt+Down"),
            self.tr("Move the selected layers one place down (Alt+Down)."),
            self._on_down_action_triggered,
            QStyle.StandardPixmap.SP_ArrowDown,
        )

        self._init_combo = QComboBox(self)
        self._init_combo.setObjectName("weight_init")
        for name in INITIALIZERS:
            self._init_combo.addItem(initializer_label(name), name)
            self._init_combo.setItemData(
                self._init_combo.count() - 1, initializer_help(name), Qt.ItemDataRole.ToolTipRole
            )
        self._init_combo.setToolTip(self.tr("How the weights are set before training starts."))
        self._total_label = QLabel(self)
        self._message_label = QLabel(self)
        self._message_label.setObjectName("validation_message")
        self._message_label.setWordWrap(True)
        self._message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._message_label.setStyleSheet("color: #c62828;")

        self._build_layout()
        self._palette.itemActivated.connect(self._on_palette_item_activated)
        self._add_button.clicked.connect(self._on_add_button_clicked)
        self._model.params_edited.connect(self._on_model_params_edited)
        self._model.rows_dropped.connect(self._on_model_rows_dropped)
        self._model.layers_dropped.connect(self._on_model_layers_dropped)
        self._model.frozen_toggled.connect(self._on_model_frozen_toggled)
        self._model.lr_edited.connect(self._on_model_lr_edited)
        self._view.selectionModel().selectionChanged.connect(self._on_view_selection_changed)
        self._view.doubleClicked.connect(self._on_view_double_clicked)
        self._init_combo.currentIndexChanged.connect(self._on_init_combo_changed)
        self._refresh()

    def _setup_view(self) -> None:
        view = self._view
        view.setModel(self._model)
        view.setItemDelegateForColumn(LayerStackModel.SETTINGS, self._delegate)
        view.setItemDelegateForColumn(LayerStackModel.FROZEN, self._freeze_delegate)
        view.setItemDelegateForColumn(LayerStackModel.LR, self._lr_delegate)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        view.setDragEnabled(True)
        view.setAcceptDrops(True)
        view.setDropIndicatorShown(True)
        view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        view.setDefaultDropAction(Qt.DropAction.MoveAction)
        view.setDragDropOverwriteMode(False)  # drop between rows, never onto one
        view.setShowGrid(False)
        view.setWordWrap(False)
        view.setAlternatingRowColors(True)
        view.verticalHeader().hide()
        # Rows tall enough for the in-row spin boxes, so opening an editor does not jump.
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        view.verticalHeader().setDefaultSectionSize(QSpinBox().sizeHint().height() + 4)
        header = view.horizontalHeader()
        header.setHighlightSections(False)
        for column in range(self._model.columnCount()):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column == LayerStackModel.SETTINGS
                else QHeaderView.ResizeMode.ResizeToContents
            )
            header.setSectionResizeMode(column, mode)

    def _make_action(self, text: str, shortcut: QKeySequence, tip: str, slot, icon=None) -> QAction:
        action = QAction(text, self)
        action.setShortcut(shortcut)
        # Active only while the stack (or an editor in it) has focus, so Delete in other
        # panels and the main window's own shortcuts are not taken over.
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(tip)
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        action.triggered.connect(slot)
        self._view.addAction(action)
        return action

    def _build_layout(self) -> None:
        palette_column = QVBoxLayout()
        title = QLabel(self.tr("Layer types"), self)
        title.setToolTip(self.tr("Double-click a type, or drag it into the stack, to add a layer."))
        palette_column.addWidget(title)
        palette_column.addWidget(self._palette, 1)
        palette_column.addWidget(self._add_button)

        buttons = QHBoxLayout()
        for action in (self._remove_action, self._duplicate_action, self._up_action, self._down_action):
            button = QToolButton(self)
            button.setDefaultAction(action)
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self._total_label)

        stack_column = QVBoxLayout()
        stack_column.addWidget(self._view, 1)
        stack_column.addLayout(buttons)

        top = QHBoxLayout()
        top.addLayout(palette_column)
        top.addLayout(stack_column, 1)

        init_row = QHBoxLayout()
        init_label = QLabel(self.tr("Weight initialisation:"), self)
        init_label.setBuddy(self._init_combo)
        init_row.addWidget(init_label)
        init_row.addWidget(self._init_combo)
        init_row.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top, 1)
        layout.addLayout(init_row)
        layout.addWidget(self._message_label)

    # ------------------------------------------------------------------ public API

    @property
    def undo_stack(self) -> QUndoStack:
        return self._undo_stack

    def spec(self) -> ModelSpec:
        return ModelSpec(self._input_shape, self._layers, self._init)

    def set_spec(
        self, spec: ModelSpec, frozen_layers: Sequence[int] = (), layer_lr: dict[int, float] | None = None
    ) -> None:
        """Load a network (a preset or a project) and forget the undo history. A spec without an
        input shape (presets leave it to the dataset) keeps the current one. `frozen_layers` and
        `layer_lr` (TrainConfig's, by 0-based position) mark the rows frozen or give them a
        learning-rate multiplier."""
        if spec.input_shape:
            self._input_shape = spec.input_shape
        layer_lr = layer_lr or {}
        self._layers, self._init = spec.layers, spec.init
        self._training = tuple(
            _Training(i in frozen_layers, None if layer_lr.get(i, 1) == 1 else float(layer_lr[i]))
            for i in range(len(spec.layers))
        )
        self._undo_stack.clear()
        self._refresh()
        self._select_rows([])
        self.training_changed.emit()

    def frozen_layers(self) -> tuple[int, ...]:
        """0-based positions of the frozen layers with parameters (TrainConfig.frozen_layers)."""
        return tuple(
            i for i, (layer, t) in enumerate(zip(self._layers, self._training)) if t.frozen and trainable(layer)
        )

    def layer_lr(self) -> dict[int, float]:
        """{0-based position: multiplier} of the layers that train at their own learning rate
        (TrainConfig.layer_lr); a frozen layer's multiplier waits until it is unfrozen."""
        return {
            i: t.lr
            for i, (layer, t) in enumerate(zip(self._layers, self._training))
            if t.lr is not None and not t.frozen and trainable(layer)
        }

    def set_input_shape(self, shape: Sequence[int]) -> None:
        """The chosen dataset's sample shape, e.g. (2,) or (1, 28, 28)."""
        self._input_shape = tuple(int(s) for s in shape)
        self._refresh()

    def set_task(self, task: str, output_size: int) -> None:
        """'classification' with `output_size` classes or 'regression' with that many targets; the
        stack must then end in a layer of that size."""
        self._task = (task, output_size)
        self._refresh(emit_spec=False)

    def is_valid(self) -> bool:
        return not self._message

    def validation_message(self) -> str:
        return self._message

    def layer_infos(self) -> list[LayerInfo]:
        """Shape infos of the layers up to the first invalid one (all of them when valid)."""
        return list(self._infos)

    def invalid_layer(self) -> int:
        """The 1-based number of the layer the problem is in; 0 when valid or for the model as a whole."""
        return self._error_layer

    # ------------------------------------------------------------------ state

    def _state(self) -> _State:
        return _State(self._layers, self._init, self._training)

    def _rows(self) -> list[_Row]:
        """The rows as (layer, its training settings) pairs, for edits to rearrange."""
        return list(zip(self._layers, self._training))

    def _push(
        self,
        text: str,
        rows: Sequence[_Row] | None = None,
        init: str | None = None,
        select: Sequence[int] | None = None,
        merge_key: tuple | None = None,
    ) -> None:
        """Make an edit undoable and apply it (QUndoStack.push runs redo)."""
        rows = self._rows() if rows is None else list(rows)
        after = _State(
            tuple(layer for layer, _ in rows), self._init if init is None else init, tuple(t for _, t in rows)
        )
        if after == self._state():
            return
        select_after = None if select is None else list(select)
        self._undo_stack.push(
            _StackEdit(self, text, self._state(), after, self._selected_rows(), select_after, merge_key)
        )

    def _apply(self, state: _State, select: list[int] | None) -> None:
        """Called by the undo commands only."""
        before = self.frozen_layers(), self.layer_lr()
        self._layers, self._init, self._training = state
        self._refresh()
        if select is not None:
            self._select_rows(select)
        if (self.frozen_layers(), self.layer_lr()) != before:
            self.training_changed.emit()

    def _validate(self) -> tuple[list[LayerInfo], int, str]:
        spec = self.spec()
        try:
            if self._task is not None:
                infos = spec.validate_for(*self._task)
            else:
                infos = spec.infer()
                if not infos:
                    raise SpecError(self.tr("The model has no layers — add at least one layer."), 0)
        except SpecError as e:
            return infer_prefix(spec)[0], e.layer, spec_error_text(e)
        return infos, 0, ""

    def _refresh(self, emit_spec: bool = True) -> None:
        self._infos, self._error_layer, self._message = self._validate()
        self._model.set_stack(self._layers, self._infos, self._error_layer - 1, self._message, self._training)
        if len(self._infos) == len(self._layers):
            total = QLocale().toString(sum(i.params for i in self._infos))
        else:
            total = "—"
        self._total_label.setText(self.tr("Total parameters: {0}").format(total))
        self._message_label.setText(self._message)
        self._message_label.setVisible(bool(self._message))
        self._init_combo.blockSignals(True)
        self._init_combo.setCurrentIndex(self._init_combo.findData(self._init))
        self._init_combo.blockSignals(False)
        self._update_actions()
        if emit_spec:
            self.spec_changed.emit(self.spec())
        validity = (not self._message, self._message)
        if validity != self._validity:
            self._validity = validity
            self.validity_changed.emit(*validity)

    # ------------------------------------------------------------------ selection

    def _selected_rows(self) -> list[int]:
        return sorted(index.row() for index in self._view.selectionModel().selectedRows())

    def _select_rows(self, rows: Sequence[int]) -> None:
        rows = [r for r in rows if 0 <= r < len(self._layers)]
        selection = QItemSelection()
        for r in rows:
            selection.select(self._model.index(r, 0), self._model.index(r, self._model.columnCount() - 1))
        selection_model = self._view.selectionModel()
        selection_model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        if rows:
            # The parameters cell becomes current, so typing edits the new layer straight away.
            current = self._model.index(rows[0], LayerStackModel.SETTINGS)
            selection_model.setCurrentIndex(current, QItemSelectionModel.SelectionFlag.NoUpdate)
            self._view.scrollTo(current)

    def _update_actions(self) -> None:
        rows = self._selected_rows()
        self._remove_action.setEnabled(bool(rows))
        self._duplicate_action.setEnabled(bool(rows))
        self._up_action.setEnabled(bool(rows) and rows[0] > 0)
        self._down_action.setEnabled(bool(rows) and rows[-1] < len(self._layers) - 1)

    # ------------------------------------------------------------------ edits

    def _insert_layers(self, row: int, layers: Sequence[LayerSpec]) -> None:
        new = self._rows()
        new[row:row] = [(layer, _PLAIN) for layer in layers]
        if len(layers) == 1:
            text = self.tr("Add {0}").format(layers[0].type)
        else:
            text = self.tr("Insert %n layer(s)", "", len(layers))
        self._push(text, rows=new, select=range(row, row + len(layers)))

    def _add_layer_type(self, layer_type: str) -> None:
        rows = self._selected_rows()
        self._insert_layers(rows[-1] + 1 if rows else len(self._layers), [LayerSpec(layer_type)])

    def _move_selection(self, delta: int) -> None:
        rows = self._selected_rows()
        if not rows or rows[0] + delta < 0 or rows[-1] + delta >= len(self._layers):
            return
        order = list(range(len(self._layers)))
        # Swapping each selected row with its neighbour, nearest the destination first, moves
        # any selection (contiguous or not) by one place.
        for r in rows if delta < 0 else reversed(rows):
            order[r], order[r + delta] = order[r + delta], order[r]
        current = self._rows()
        self._push(
            self.tr("Move %n layer(s)", "", len(rows)),
            rows=[current[i] for i in order],
            select=[r + delta for r in rows],
        )

    # ------------------------------------------------------------------ slots

    def _on_palette_item_activated(self, item: QListWidgetItem) -> None:
        self._add_layer_type(item.data(Qt.ItemDataRole.UserRole))

    def _on_add_button_clicked(self) -> None:
        item = self._palette.currentItem()
        if item is not None:
            self._add_layer_type(item.data(Qt.ItemDataRole.UserRole))

    def _on_remove_action_triggered(self) -> None:
        rows = self._selected_rows()
        if not rows:
            return
        gone = set(rows)
        new = [row for i, row in enumerate(self._rows()) if i not in gone]
        if len(rows) == 1:
            text = self.tr("Remove {0}").format(self._layers[rows[0]].type)
        else:
            text = self.tr("Remove %n layer(s)", "", len(rows))
        self._push(text, rows=new, select=[min(rows[0], len(new) - 1)] if new else [])

    def _on_duplicate_action_triggered(self) -> None:
        rows = self._selected_rows()
        if not rows:
            return
        new = self._rows()
        new[rows[-1] + 1 : rows[-1] + 1] = [new[r] for r in rows]  # copies keep their frozen/LR settings
        self._push(
            self.tr("Duplicate %n layer(s)", "", len(rows)),
            rows=new,
            select=range(rows[-1] + 1, rows[-1] + 1 + len(rows)),
        )

    def _on_up_action_triggered(self) -> None:
        self._move_selection(-1)

    def _on_down_action_triggered(self) -> None:
        self._move_selection(+1)

    def _on_model_params_edited(self, row: int, values: dict) -> None:
        layer = self._layers[row]
        changed = {key: value for key, value in values.items() if layer.get(key) != value}
        if not changed:
            return
        new = self._rows()
        new[row] = (layer.with_params(**changed), self._training[row])
        self._push(
            self.tr("Edit layer {0} ({1})").format(row + 1, layer.type),
            rows=new,
            merge_key=(self._delegate.session, row, frozenset(changed)),
        )

    def _on_model_rows_dropped(self, rows: list[int], destination: int) -> None:
        rows = sorted(set(rows))
        current = self._rows()
        moving = [current[r] for r in rows]
        rest = [row for i, row in enumerate(current) if i not in set(rows)]
        at = destination - sum(1 for r in rows if r < destination)
        self._push(
            self.tr("Move %n layer(s)", "", len(rows)),
            rows=rest[:at] + moving + rest[at:],
            select=range(at, at + len(moving)),
        )

    def _on_model_layers_dropped(self, layers: list[LayerSpec], destination: int) -> None:
        self._insert_layers(destination, layers)

    def _on_model_frozen_toggled(self, row: int, frozen: bool) -> None:
        layer = self._layers[row]
        if frozen:
            text = self.tr("Freeze layer {0} ({1})").format(row + 1, layer.type)
        else:
            text = self.tr("Unfreeze layer {0} ({1})").format(row + 1, layer.type)
        new = self._rows()
        new[row] = (layer, self._training[row]._replace(frozen=frozen))
        self._push(text, rows=new)

    def _on_model_lr_edited(self, row: int, multiplier: float | None) -> None:
        layer = self._layers[row]
        if multiplier is None:
            text = self.tr("Reset the learning rate of layer {0} ({1})").format(row + 1, layer.type)
        else:
            text = self.tr("Set the learning rate of layer {0} ({1}) to ×{2}").format(
                row + 1, layer.type, f"{multiplier:g}"
            )
        new = self._rows()
        new[row] = (layer, self._training[row]._replace(lr=multiplier))
        self._push(text, rows=new)

    def load_layers(self, spec: ModelSpec, frozen_layers: Sequence[int] = (), text: str = "") -> None:
        """Replace the whole stack with `spec`'s layers and initialisation, the layers at the
        0-based `frozen_layers` frozen, as one undoable edit (unlike set_spec, which starts a
        new history)."""
        frozen = set(frozen_layers)
        rows = [(layer, _Training(frozen=i in frozen and trainable(layer))) for i, layer in enumerate(spec.layers)]
        self._push(text or self.tr("Replace the layers"), rows=rows, init=spec.init, select=[])

    def set_frozen_layers(self, positions: Sequence[int], text: str = "") -> None:
        """Freeze exactly the layers with parameters at these 0-based positions, as one
        undoable edit (e.g. "freeze all but the last layer" when starting from trained weights)."""
        wanted = set(positions)
        new = [(layer, t._replace(frozen=i in wanted and trainable(layer))) for i, (layer, t) in enumerate(self._rows())]
        self._push(text or self.tr("Freeze %n layer(s)", "", len(wanted)), rows=new)

    def _on_view_selection_changed(self) -> None:
        self._update_actions()

    def _on_view_double_clicked(self, index: QModelIndex) -> None:
        # A double-click anywhere on a row edits its parameters, not only on their cell (the
        # Frozen and LR × cells are edited themselves).
        if index.column() not in (LayerStackModel.SETTINGS, LayerStackModel.FROZEN, LayerStackModel.LR):
            params = index.siblingAtColumn(LayerStackModel.SETTINGS)
            if self._model.flags(params) & Qt.ItemFlag.ItemIsEditable:
                self._view.edit(params)

    def _on_init_combo_changed(self, position: int) -> None:
        self._push(
            self.tr("Set weight initialisation to {0}").format(self._init_combo.itemText(position)),
            init=self._init_combo.itemData(position),
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Keys, not shortcuts: a main window that puts this stack's undo/redo actions in its
        # Edit menu with the same keys would otherwise make both shortcuts ambiguous.
        if event.matches(QKeySequence.StandardKey.Undo):
            self._undo_stack.undo()
        elif event.matches(QKeySequence.StandardKey.Redo):
            self._undo_stack.redo()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def sizeHint(self) -> QSize:
        return QSize(640, 380)
