"""The builder's undo step: a state before and after an edit of the layer stack."""

from __future__ import annotations

from typing import Callable, NamedTuple

from PySide6.QtGui import QUndoCommand

from playground.core.config.model_spec import LayerSpec
from playground.gui.tabs.layer_stack_model import _Training

_MERGE_ID = 1


class _State(NamedTuple):
    layers: tuple[LayerSpec, ...]
    init: str
    training: tuple[_Training, ...] = ()  # one per layer
    features: tuple[str, ...] = ()  # ModelSpec.features: the input features of 2-D points (the Data tab's)
    backbone: object = None  # ModelSpec.backbone: a pretrained network before the layers (BackboneSpec), or None


class _StackEdit(QUndoCommand):
    """One undoable edit, kept as the state before and after. LayerSpec is immutable, so the two
    snapshots share their layers and cost a tuple each. Consecutive edits of the same parameters
    of the same row in one editor session merge into one step."""

    def __init__(
        self,
        apply: Callable[[_State, list[int] | None], None],  # the builder's: shows a state, selects rows
        text,  # a function that says the edit's name in the installed language, or a string
        before: _State,
        after: _State,
        select_before: list[int] | None,
        select_after: list[int] | None,
        merge_key: tuple | None = None,
    ):
        super().__init__(text() if callable(text) else text)
        self._say = text if callable(text) else None
        self._apply = apply
        self._before, self._after = before, after
        self._select_before, self._select_after = select_before, select_after
        self._merge_key = merge_key

    def retranslate(self) -> None:
        """Name the edit in the installed language (after a language switch)."""
        if self._say is not None:
            self.setText(self._say())

    def redo(self) -> None:
        self._apply(self._after, self._select_after)

    def undo(self) -> None:
        self._apply(self._before, self._select_before)

    def id(self) -> int:
        return _MERGE_ID if self._merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, _StackEdit) or other._merge_key != self._merge_key:
            return False
        self._after, self._select_after = other._after, other._select_after
        # Spinning a value away and back leaves nothing to undo.
        self.setObsolete(self._after == self._before)
        return True
