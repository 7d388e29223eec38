"""The layer stack's table view and the layer operations' actions, set up for LayerBuilder.

`setup_stack_view` gives the stack's QTableView its model, in-row editors, row selection,
drag and drop between rows and fixed row heights; `selected_rows` and `select_rows` read and
set its row selection; `layer_action` makes one of the layer operations (add, remove,
duplicate, move up or down) as a QAction with its shortcut context, tips and icon, shared by
the buttons below the stack and the window's Edit menu. The texts stay in layer_builder.py,
under LayerBuilder's tr() context; nothing here has a text of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSpinBox, QStyledItemDelegate, QTableView, QWidget

from playground.gui.tabs.layer_stack_model import LayerStackModel

__all__ = ["layer_action", "select_rows", "selected_rows", "setup_stack_view"]


def setup_stack_view(
    view: QTableView,
    model: LayerStackModel,
    params: QStyledItemDelegate,
    frozen: QStyledItemDelegate,
    lr: QStyledItemDelegate,
) -> None:
    """Show `model` in `view`, with `params`, `frozen` and `lr` editing their columns in the row."""
    view.setModel(model)
    view.setItemDelegateForColumn(LayerStackModel.SETTINGS, params)
    view.setItemDelegateForColumn(LayerStackModel.FROZEN, frozen)
    view.setItemDelegateForColumn(LayerStackModel.LR, lr)
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
    view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)  # a widened editor scrolls smoothly
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    # Rows tall enough for the in-row spin boxes, so opening an editor does not jump.
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(QSpinBox().sizeHint().height() + 4)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    for column in range(model.columnCount()):
        mode = (
            QHeaderView.ResizeMode.Stretch
            if column == LayerStackModel.SETTINGS
            else QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(column, mode)


def layer_action(
    owner: QWidget, view: QTableView, name: str, text: str, short: str, shortcut: QKeySequence, tip: str, slot,
    icon=None, on=None, window_wide: bool = False,
) -> QAction:
    """A layer operation of `owner` (the LayerBuilder): `text` in menus, `short` on the button
    below the stack. `window_wide`: its shortcut works wherever the focus is in the window (the
    main window adds it to itself); otherwise it is added to `on`, by default the stack `view`."""
    action = QAction(text, owner)
    action.setObjectName(name)
    action.setIconText(short)
    action.setShortcut(shortcut)
    if window_wide:
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    else:
        # Active only while the stack (or an editor in it) has focus, so Delete in other
        # panels and the main window's own shortcuts are not taken over. (The Edit menu's
        # entries are the same actions: clicked there, they act wherever the focus is.)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.setToolTip(tip)
    action.setStatusTip(tip)
    if icon is not None:
        action.setIcon(owner.style().standardIcon(icon))
    action.triggered.connect(slot)
    (on or view).addAction(action)
    return action


def selected_rows(view: QTableView) -> list[int]:
    """The rows selected in the stack `view`, top to bottom."""
    return sorted(index.row() for index in view.selectionModel().selectedRows())


def select_rows(view: QTableView, model: LayerStackModel, rows: Sequence[int]) -> None:
    """Select exactly these (existing) rows of `view`; the first one's parameters cell becomes current."""
    selection = QItemSelection()
    for r in rows:
        selection.select(model.index(r, 0), model.index(r, model.columnCount() - 1))
    selection_model = view.selectionModel()
    selection_model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    if rows:
        # The parameters cell becomes current, so typing edits the new layer straight away.
        current = model.index(rows[0], LayerStackModel.SETTINGS)
        selection_model.setCurrentIndex(current, QItemSelectionModel.SelectionFlag.NoUpdate)
        view.scrollTo(current)
