"""The builder's layer stack as a Qt table model, and what its rows share with the palette and
the editors: the drag-and-drop formats, the type icons, each row's transfer-learning settings.

The model of truth is the builder's (layer_builder.py): this model shows a state it is handed
and reports edits and drops as signals, never changing the stack itself.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtCore import QAbstractTableModel, QByteArray, QLocale, QMimeData, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QStyle

from playground.core.config.catalogue import LAYER_TYPES, TRAINABLE_TYPES, format_shape
from playground.core.config.model_spec import LayerInfo, LayerSpec
from playground.gui.tabs.layer_texts import layer_help, param_labels
from playground.gui.tabs.network_diagram import layer_color

__all__ = ["LayerStackModel", "trainable"]

# --------------------------------------------------------------------------- shared bits

_TYPE_MIME = "application/x-playground-layer-type"
_ROWS_MIME = "application/x-playground-layer-rows"
# Types whose rows open a parameter editor: those with a parameter the catalogue puts in it.
_EDITABLE_TYPES = frozenset(t.name for t in LAYER_TYPES.values() if t.editor_params)
_ERROR_BACKGROUND = QColor("#ffd6d6")
_ERROR_FOREGROUND = QColor("#202020")  # the error background is light in dark themes too
_FROZEN_FOREGROUND = QColor("#8a8a8a")  # frozen rows read as greyed out, in light and dark themes
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
            if col == self.SETTINGS:  # the whole summary, which a narrow column cuts
                summary = self._summary(layer)
                if layer.type in _EDITABLE_TYPES:
                    return summary + "\n" + self.tr("Double-click or start typing to change the settings.")
                return summary
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
        """The row's parameters in a few words, e.g. 'filters 16 · kernel 3×3 · stride 1 · same'."""
        labels = param_labels()
        parts = []
        for param in LAYER_TYPES[layer.type].editor_params:
            value = layer.get(param.name)
            label = labels.get(param.name, param.name)
            if param.kind == "bool":
                if not value:
                    parts.append(self._off_texts().get(param.name, f"{label} {value}"))
            elif param.kind == "choice":
                if value is not None:  # a Dense layer without an activation says nothing of it
                    parts.append(str(value))  # 'same' / 'valid', 'ReLU' need no label, and the column is narrow
            elif value is None and param.none_text:
                parts.append(f"{label} {self._none_texts().get(param.none_text, param.none_text)}")
            elif param.square:
                parts.append(f"{label} {value}×{value}")
            else:
                parts.append(f"{label} {value}")
        return " · ".join(parts) or "—"

    def _off_texts(self) -> dict[str, str]:
        """What a switched-off yes/no parameter says in the summary (one that is on says nothing)."""
        return {"bias": self.tr("no bias")}

    def _none_texts(self) -> dict[str, str]:
        """A catalogue parameter's `none_text` in the UI language."""
        return {"= pool": self.tr("= pool")}

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
