"""The layer editor: a palette of layer types beside an editable, undoable stack of layers.

The model of truth is an immutable tuple of LayerSpec plus the weight initialisation, and for
each row its transfer-learning settings (frozen, learning-rate multiplier), kept beside the layer
so that they move with it when layers are reordered, inserted or removed. Every edit
is a QUndoCommand holding that state before and after; applying a state re-validates it with the
engine's shape inference and hands it to a table model, which the view paints on demand (so a
50-layer stack re-renders without creating a widget). Parameters are edited in the row by a
delegate whose editor commits on every change, so shapes and parameter counts follow the spin
boxes live.

The parts live beside it: layer_stack_model.py (the table model), layer_stack_view.py (the
table view's set-up and the layer operations' actions), layer_editors.py (the in-row editors),
layer_palette.py, layer_undo.py (the undo step) and layer_texts.py (the layer catalogue's
words in the UI language).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence

from PySide6.QtCore import QLocale, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from playground.core.config.catalogue import INITIALIZERS
from playground.core.config.features import RAW_FEATURES, features_label
from playground.core.config.spec_errors import SpecError
from playground.core.config.model_spec import LayerInfo, LayerSpec, ModelSpec
from playground.gui.i18n.core_text import spec_error_text
from playground.gui.tabs.backbone_row import BackboneRow, backbone_edit_text
from playground.gui.tabs.layer_editors import _FreezeDelegate, _LrDelegate, _ParamsDelegate
from playground.gui.tabs.layer_palette import _LayerPalette
from playground.gui.tabs.layer_stack_model import _PLAIN, LayerStackModel, _Row, _Training, trainable
from playground.gui.tabs.layer_stack_view import layer_action, select_rows, selected_rows, setup_stack_view
from playground.gui.tabs.layer_texts import initializer_help, initializer_label
from playground.gui.tabs.layer_undo import _StackEdit, _State
from playground.gui.tabs.network_diagram import infer_prefix

__all__ = ["LayerBuilder"]


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
        self._features: tuple[str, ...] = ()  # kept for 2-D points, left out of spec() for other inputs
        self._input_shape: tuple[int, ...] = ()
        self._backbone = None  # a pretrained network before the layers (BackboneSpec), from the starting weights
        self._backbone_row = BackboneRow(self)
        self._backbone_row.edited.connect(self._on_backbone_edited)
        self._task: tuple[str, int] | None = None
        self._infos: list[LayerInfo] = []
        self._error_layer = 0
        self._message = ""
        self._validity: tuple[bool, str] | None = None
        self._held = 0  # > 0 inside held_checks(): changes are checked once, at its end
        self._held_emit_spec = False
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
        setup_stack_view(self._view, self._model, self._delegate, self._freeze_delegate, self._lr_delegate)

        # The layer operations, in one place: the buttons below the stack show them (by their
        # short icon text), and the window's Edit menu lists them (edit_actions()).
        self._add_action = layer_action(  # the palette always has a type chosen
            self,
            self._view,
            "action_add_layer",
            self.tr("&Add Layer"),
            self.tr("Add"),
            QKeySequence("Ins"),
            self.tr("Add the layer type chosen in the list after the selected layer (Insert)."),
            self._on_add_button_clicked,
            on=self,  # from the list of types too
        )
        self._remove_action = layer_action(
            self,
            self._view,
            "action_remove_layers",
            self.tr("Re&move Layers"),
            self.tr("Remove"),
            QKeySequence(QKeySequence.StandardKey.Delete),
            self.tr("Remove the selected layers (Delete)."),
            self._on_remove_action_triggered,
        )
        self._duplicate_action = layer_action(
            self,
            self._view,
            "action_duplicate_layers",
            self.tr("Dupli&cate Layers"),
            self.tr("Duplicate"),
            QKeySequence("Ctrl+D"),
            self.tr("Insert a copy of the selected layers below them (Ctrl+D)."),
            self._on_duplicate_action_triggered,
        )
        # Moving layers works from anywhere in the window (and the Edit menu), not only in the stack.
        self._up_action = layer_action(
            self,
            self._view,
            "action_move_layer_up",
            self.tr("Move Layers U&p"),
            self.tr("Move up"),
            QKeySequence("Alt+Up"),
            self.tr("Move the selected layers one place up (Alt+Up)."),
            self._on_up_action_triggered,
            icon=QStyle.StandardPixmap.SP_ArrowUp,
            window_wide=True,
        )
        self._down_action = layer_action(
            self,
            self._view,
            "action_move_layer_down",
            self.tr("Move Layers Dow&n"),
            self.tr("Move down"),
            QKeySequence("Alt+Down"),
            self.tr("Move the selected layers one place down (Alt+Down)."),
            self._on_down_action_triggered,
            icon=QStyle.StandardPixmap.SP_ArrowDown,
            window_wide=True,
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
        stack_column.addWidget(self._backbone_row)
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

    def edit_actions(self) -> list[QAction]:
        """The layer operations, for the window's Edit menu: add, remove, duplicate, move up
        and move down (undo and redo are the undo stack's)."""
        return [self._add_action, self._remove_action, self._duplicate_action, self._up_action, self._down_action]

    @property
    def move_up_action(self) -> QAction:
        """Alt+Up, window-wide (object name action_move_layer_up)."""
        return self._up_action

    @property
    def move_down_action(self) -> QAction:
        """Alt+Down, window-wide (object name action_move_layer_down)."""
        return self._down_action

    def spec(self) -> ModelSpec:
        """The stack as a ModelSpec; its input features (the Data tab's) wait, unused, while the data is not 2-D."""
        features = self._features if self._input_shape in ((), (2,)) else ()
        return ModelSpec(self._input_shape, self._layers, self._init, features, self._backbone)

    def set_features(self, features: Sequence[str]) -> None:
        """Use these input features (ModelSpec.features), as one undoable edit."""
        features, label = tuple(features) if tuple(features) != RAW_FEATURES else (), features_label(tuple(features))
        self._push(lambda: self.tr("Use the input features {0}").format(label), features=features)

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
        self._layers, self._init, self._features = spec.layers, spec.init, spec.features
        self._backbone = spec.backbone
        self._training = tuple(
            _Training(i in frozen_layers, None if layer_lr.get(i, 1) == 1 else float(layer_lr[i]))
            for i in range(len(spec.layers))
        )
        self._undo_stack.clear()
        self._refresh()
        self._select_rows([])
        self.training_changed.emit()

    @contextlib.contextmanager
    def held_checks(self) -> Iterator[None]:
        """Check the stack once, when the block ends, however many of set_spec, set_input_shape
        and set_task it calls: loading settings (a project, a preset) sets the layers, the
        dataset's shape and its task one after another, and the stack checked in between (new
        layers, old dataset) is no state the user ever has; no `validity_changed` for it."""
        self._held += 1
        try:
            yield
        finally:
            self._held -= 1
            if not self._held:
                emit_spec, self._held_emit_spec = self._held_emit_spec, False
                self._refresh(emit_spec)

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
        return _State(self._layers, self._init, self._training, self._features, self._backbone)

    def _rows(self) -> list[_Row]:
        """The rows as (layer, its training settings) pairs, for edits to rearrange."""
        return list(zip(self._layers, self._training))

    def _push(
        self,
        text,
        rows: Sequence[_Row] | None = None,
        init: str | None = None,
        select: Sequence[int] | None = None,
        merge_key: tuple | None = None,
        features: tuple[str, ...] | None = None,
        backbone=False,  # False: unchanged; None or a BackboneSpec: the new one
    ) -> None:
        """Make an edit undoable and apply it (QUndoStack.push runs redo). `text` names the edit
        (Edit ▸ Undo …): a function that says it in the installed language, or a string."""
        rows = self._rows() if rows is None else list(rows)
        after = _State(tuple(layer for layer, _ in rows), self._init if init is None else init,
                       tuple(t for _, t in rows), self._features if features is None else features,
                       self._backbone if backbone is False else backbone)
        if after == self._state():
            return
        select_after = None if select is None else list(select)
        self._undo_stack.push(
            _StackEdit(self._apply, text, self._state(), after, self._selected_rows(), select_after, merge_key)
        )

    def _apply(self, state: _State, select: list[int] | None) -> None:
        """Called by the undo commands only."""
        before = self.frozen_layers(), self.layer_lr()
        self._layers, self._init, self._training, self._features, self._backbone = state
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
        if self._held:
            self._held_emit_spec |= emit_spec
            return
        self._infos, self._error_layer, self._message = self._validate()
        self._model.set_stack(self._layers, self._infos, self._error_layer - 1, self._message, self._training)
        self._backbone_row.set_backbone(self._backbone)
        if len(self._infos) == len(self._layers):
            backbone = self._backbone.info.params if self._backbone else 0
            total = QLocale().toString(sum(i.params for i in self._infos) + backbone)
        else:
            total = "—"
        text = self.tr("Total parameters: {0}").format(total)
        features = self.spec().features
        if features:  # the first layer's input size, which the features set
            n = len(features)
            text = self.tr("Input: %n value(s) ({0})", "", n).format(features_label(features)) + "  ·  " + text
        self._total_label.setText(text)
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

    def retranslate(self) -> None:
        """After a language switch: the stack's problem, its total, the table's headers and
        cells, the initialisers' names, in the installed language (the undo history stays)."""
        for index in range(self._undo_stack.count()):  # the edits' names, for Edit ▸ Undo/Redo
            command = self._undo_stack.command(index)
            if hasattr(command, "retranslate"):
                command.retranslate()
        for index in range(self._init_combo.count()):
            name = self._init_combo.itemData(index)
            self._init_combo.setItemText(index, initializer_label(name))
            self._init_combo.setItemData(index, initializer_help(name), Qt.ItemDataRole.ToolTipRole)
        self._refresh(emit_spec=False)
        columns = self._model.columnCount()
        if columns:
            self._model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, columns - 1)
        self._view.viewport().update()
        self._backbone_row.retranslate()

    # ------------------------------------------------------------------ selection

    def _selected_rows(self) -> list[int]:
        return selected_rows(self._view)

    def _select_rows(self, rows: Sequence[int]) -> None:
        select_rows(self._view, self._model, [r for r in rows if 0 <= r < len(self._layers)])

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
            text = lambda: self.tr("Add {0}").format(layers[0].type)
        else:
            text = lambda: self.tr("Insert %n layer(s)", "", len(layers))
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
            lambda: self.tr("Move %n layer(s)", "", len(rows)),
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
            kind = self._layers[rows[0]].type
            text = lambda: self.tr("Remove {0}").format(kind)  # noqa: E731 - said again after a language switch
        else:
            text = lambda: self.tr("Remove %n layer(s)", "", len(rows))
        self._push(text, rows=new, select=[min(rows[0], len(new) - 1)] if new else [])

    def _on_duplicate_action_triggered(self) -> None:
        rows = self._selected_rows()
        if not rows:
            return
        new = self._rows()
        new[rows[-1] + 1 : rows[-1] + 1] = [new[r] for r in rows]  # copies keep their frozen/LR settings
        self._push(
            lambda: self.tr("Duplicate %n layer(s)", "", len(rows)),
            rows=new,
            select=range(rows[-1] + 1, rows[-1] + 1 + len(rows)),
        )

    def _on_up_action_triggered(self) -> None:
        self._move_selection(-1)

    def _on_down_action_triggered(self) -> None:
        combo = QApplication.focusWidget()
        if (
            isinstance(combo, QComboBox)
            and not self._view.isAncestorOf(combo)
            and QApplication.keyboardModifiers() & Qt.KeyboardModifier.AltModifier
        ):
            combo.showPopup()  # Alt+Down in a drop-down list keeps its own meaning: open the list
            return
        self._move_selection(+1)

    def _on_model_params_edited(self, row: int, values: dict) -> None:
        layer = self._layers[row]
        changed = {key: value for key, value in values.items() if layer.get(key) != value}
        if not changed:
            return
        new = self._rows()
        new[row] = (layer.with_params(**changed), self._training[row])
        self._push(
            lambda: self.tr("Edit layer {0} ({1})").format(row + 1, layer.type),
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
            lambda: self.tr("Move %n layer(s)", "", len(rows)),
            rows=rest[:at] + moving + rest[at:],
            select=range(at, at + len(moving)),
        )

    def _on_model_layers_dropped(self, layers: list[LayerSpec], destination: int) -> None:
        self._insert_layers(destination, layers)

    def _on_model_frozen_toggled(self, row: int, frozen: bool) -> None:
        layer = self._layers[row]
        if frozen:
            text = lambda: self.tr("Freeze layer {0} ({1})").format(row + 1, layer.type)
        else:
            text = lambda: self.tr("Unfreeze layer {0} ({1})").format(row + 1, layer.type)
        new = self._rows()
        new[row] = (layer, self._training[row]._replace(frozen=frozen))
        self._push(text, rows=new)

    def _on_model_lr_edited(self, row: int, multiplier: float | None) -> None:
        layer = self._layers[row]
        if multiplier is None:
            text = lambda: self.tr("Reset the learning rate of layer {0} ({1})").format(row + 1, layer.type)
        else:
            text = lambda: self.tr("Set the learning rate of layer {0} ({1}) to ×{2}").format(
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
        self._push(text or (lambda: self.tr("Replace the layers")), rows=rows, init=spec.init, select=[], backbone=spec.backbone)

    def backbone(self):
        """The pretrained network before the layers (a BackboneSpec), or None."""
        return self._backbone

    def _on_backbone_edited(self, backbone) -> None:
        self._push(backbone_edit_text(self._backbone, backbone), backbone=backbone)

    def set_frozen_layers(self, positions: Sequence[int], text: str = "") -> None:
        """Freeze exactly the layers with parameters at these 0-based positions, as one
        undoable edit (e.g. "freeze all but the last layer" when starting from trained weights)."""
        wanted = set(positions)
        new = [(layer, t._replace(frozen=i in wanted and trainable(layer))) for i, (layer, t) in enumerate(self._rows())]
        self._push(text or (lambda: self.tr("Freeze %n layer(s)", "", len(wanted))), rows=new)

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
            lambda: self.tr("Set weight initialisation to {0}").format(self._init_combo.itemText(position)),
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
