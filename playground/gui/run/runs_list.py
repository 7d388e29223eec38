"""The Runs tab and the plot overlays as views of a `ProjectState` (gui/state.py).

One checkable item per run: ticking it overlays the run's curves on the live plots, and
picking a run that has weights makes it the current model. The list and the plots only follow
the state's events; what the user does here goes to the state first.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from playground.gui.state import ProjectState

__all__ = ["RunsListView"]

RUN_ID_ROLE = Qt.ItemDataRole.UserRole


class RunsListView(QObject):
    """Binds `runs_list` (a QListWidget) and the overlays of `plots` (TrainingPlots) to
    `state`. `describe(config, summary)` gives a run's tooltip (what happened to it)."""

    def __init__(self, runs_list: QListWidget, plots, state: ProjectState, describe: Callable, parent: QObject | None = None):
        super().__init__(parent)
        self.list, self.plots, self.state, self.describe = runs_list, plots, state, describe
        state.events.runs_reset.connect(self._on_state_runs_reset)
        state.events.run_added.connect(self._on_state_run_added)
        state.events.overlay_changed.connect(self._on_state_overlay_changed)
        runs_list.itemChanged.connect(self._on_list_item_changed)
        runs_list.currentItemChanged.connect(self._on_list_current_item_changed)

    def select_row(self, row: int) -> None:
        """Select `row` without making its run the current model (a window rebuilt)."""
        self.list.blockSignals(True)
        self.list.setCurrentRow(row)
        self.list.blockSignals(False)

    def _item(self, run_id: str) -> QListWidgetItem | None:
        for row in range(self.list.count()):
            if self.list.item(row).data(RUN_ID_ROLE) == run_id:
                return self.list.item(row)
        return None

    # ----------------------------------------------------------------- state -> views

    def _on_state_runs_reset(self, runs) -> None:
        self.list.clear()
        self.plots.clear_overlays()
        for record in runs:
            self._on_state_run_added(record)

    def _on_state_run_added(self, record) -> None:
        acc = record.summary.get("test_accuracy")
        item = QListWidgetItem(record.label + (f" — {acc:.2%}" if acc is not None else ""))
        item.setData(RUN_ID_ROLE, record.id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        item.setToolTip(self.describe(record.config, record.summary))
        self.list.addItem(item)

    def _on_state_overlay_changed(self, run_id: str, shown: bool) -> None:
        item = self._item(run_id)
        state = Qt.CheckState.Checked if shown else Qt.CheckState.Unchecked
        if item is not None and item.checkState() != state:
            item.setCheckState(state)
        record = self.state.run(run_id)
        if shown:
            from playground.core.training.callbacks import EpochLogs

            self.plots.add_overlay(record.id, record.label, [EpochLogs(**h) for h in record.history])
        else:
            self.plots.remove_overlay(run_id)

    # ----------------------------------------------------------------- user -> state

    @Slot(QListWidgetItem)
    def _on_list_item_changed(self, item: QListWidgetItem) -> None:
        self.state.set_overlay(item.data(RUN_ID_ROLE), item.checkState() == Qt.CheckState.Checked)

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_list_current_item_changed(self, current: QListWidgetItem | None, previous) -> None:
        record = self.state.run(current.data(RUN_ID_ROLE)) if current is not None else None
        if record is not None and record.state_dict is not None:
            from playground.core.inference.predictor import ModelPredictor

            self.state.set_current(ModelPredictor.from_trained(record), record)
