"""The palette of layer types beside the stack: double-click one, or drag it into the stack."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QByteArray, QMimeData, Qt
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem

from playground.core.config.catalogue import LAYER_TYPES
from playground.gui.tabs.layer_stack_model import _TYPE_MIME, _type_icon
from playground.gui.tabs.layer_texts import layer_help


class _LayerPalette(QListWidget):
    """The layer types, to double-click or drag into the stack."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Layer types are identifiers in every language (Dense, Dropout, ...): a language
        # switch re-says their tooltips only (gui/i18n/retranslate.py).
        self.setProperty("fixed_item_texts", True)
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
