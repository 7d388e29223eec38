"""The Runs tab and the plot overlays as views of a `ProjectState` (gui/state.py).

One checkable item per run, named after what it is (run_names.py): ticking it overlays the
run's curves on the live plots, and picking a run that has weights makes it the current model.
The list and the plots only follow the state's events; what the user does here goes to the
state first. The selected row is the current model's run: the state's, whoever set it (a
run ending, a project opened, a click here), so the list, the header above the plots, the
Draw tab, Export and Evaluate always name the same run.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Slot
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from playground.gui.i18n.core_text import model_title
from playground.gui.run.run_names import run_details, run_title
from playground.gui.state import ProjectState

__all__ = ["RunsListView"]

RUN_ID_ROLE = Qt.ItemDataRole.UserRole


class RunsListView(QObject):
    """Binds `runs_list` (a QListWidget) and the overlays of `plots` (TrainingPlots) to
    `state`. `describe(config, summary)` gives the sentence of a run's tooltip that says what
    happened to it."""

    def __init__(self, runs_list: QListWidget, plots, state: ProjectState, describe: Callable, parent: QObject | None = None):
        super().__init__(parent)
        self.list, self.plots, self.state, self.describe = runs_list, plots, state, describe
        state.events.runs_reset.connect(self._on_state_runs_reset)
        state.events.run_added.connect(self._on_state_run_added)
        state.events.overlay_changed.connect(self._on_state_overlay_changed)
        state.events.current_changed.connect(self._on_state_current_changed)
        runs_list.itemChanged.connect(self._on_list_item_changed)
        runs_list.currentItemChanged.connect(self._on_list_current_item_changed)

    def _item(self, run_id: str) -> QListWidgetItem | None:
        for row in range(self.list.count()):
            if self.list.item(row).data(RUN_ID_ROLE) == run_id:
                return self.list.item(row)
        return None

    # ----------------------------------------------------------------- state -> views

    def _on_state_runs_reset(self, runs) -> None:
        self.list.blockSignals(True)  # emptied, not a choice of the user's
        self.list.clear()
        self.list.blockSignals(False)
        self.plots.clear_overlays()
        for record in runs:
            self._on_state_run_added(record)
        self._select(self.state.current_run)

    def _on_state_run_added(self, record) -> None:
        item = QListWidgetItem(run_title(record))
        item.setData(RUN_ID_ROLE, record.id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        item.setToolTip(run_details(record, self.describe(record.config, record.summary)))
        self.list.addItem(item)

    def _on_state_current_changed(self, predictor, run) -> None:
        self._select(run)

    def retranslate(self) -> None:
        """Each run's name and what happened to it, in the installed language."""
        runs = {record.id: record for record in self.state.runs}
        self.list.blockSignals(True)  # not an edit of the user's
        for row in range(self.list.count()):
            item = self.list.item(row)
            record = runs.get(item.data(RUN_ID_ROLE))
            if record is not None:
                item.setText(run_title(record))
                item.setToolTip(run_details(record, self.describe(record.config, record.summary)))
        self.list.blockSignals(False)

    def _select(self, run) -> None:
        """Select the current model's run; no row when it is not a run (a model file, an
        ensemble, none)."""
        item = self._item(run.id) if run is not None else None
        if item is self.list.currentItem():
            return
        self.list.blockSignals(True)
        if item is None:
            self.list.setCurrentRow(-1)
        else:
            self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self.list.viewport().update()  # signals were blocked: repaint the selection

    def _on_state_overlay_changed(self, run_id: str, shown: bool) -> None:
        item = self._item(run_id)
        state = Qt.CheckState.Checked if shown else Qt.CheckState.Unchecked
        if item is not None and item.checkState() != state:
            item.setCheckState(state)
        record = self.state.run(run_id)
        if shown:
            from playground.core.training.callbacks import EpochLogs

            history = [EpochLogs(**h) for h in record.history]
            self.plots.add_overlay(record.id, model_title(record.label), history, record.summary.get("batch_curve"))
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
        else:  # a run that kept no weights cannot be the current model: the selection stays on it
            QTimer.singleShot(0, self, lambda: self._select(self.state.current_run))
