"""A model that fits the table: when the user chooses a table (an example or a CSV of their own),
the layer stack's last Dense layer is sized to the table's classes or target
(core.config.output_head.with_outputs; the input size needs nothing, Dense layers take the input
they get) as one step on the Edit menu's undo stack. When the stack still does not fit (a CNN
on a table, say), the Data tab's table group says why and offers the `tabular` preset."""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot

from playground.core.config.output_head import with_outputs
from playground.core.config.presets import load_preset

__all__ = ["TableFit"]


class TableFit(QObject):
    """Sizes the model to the table chosen in `window` (the main window) and offers the
    tabular preset; `controller` applies it."""

    def __init__(self, window, controller):
        super().__init__(window)
        self.w, self.controller = window, controller
        self._size_next = False  # the next table loaded was chosen by the user: size the output
        panel = window.data_panel
        panel.dataset_chosen.connect(self._on_data_dataset_chosen)
        panel.table_group.chosen.connect(self._on_table_chosen)
        panel.dataset_changed.connect(self._on_data_dataset_changed)
        window.layer_builder.validity_changed.connect(self._on_builder_validity_changed)
        panel.table_group.tabular_requested.connect(self.use_tabular)

    def _table_chosen(self) -> bool:
        return self.w.data_panel.dataset_info().kind == "table"

    @Slot(object, object)
    def _on_data_dataset_chosen(self, before, info) -> None:
        self._size_next = info.kind == "table"

    @Slot(dict)
    def _on_table_chosen(self, options: dict) -> None:
        self._size_next = True

    @Slot(object)
    def _on_data_dataset_changed(self, dataset) -> None:
        size, self._size_next = self._size_next, False
        if dataset.preprocessing is None or not self._table_chosen():
            return
        builder = self.w.layer_builder
        if size and not builder.is_valid():
            self._size_output(dataset.task, dataset.output_size)
        self._say_fit()

    def _size_output(self, task: str, outputs: int) -> None:
        """The last Dense layer sized to the table, as an undoable edit; taken back at once when
        the stack still does not fit (the tabular preset is offered instead)."""
        builder = self.w.layer_builder
        sized = with_outputs(builder.spec(), task, outputs)
        if sized.layers == builder.spec().layers:
            return
        builder.load_layers(sized, builder.frozen_layers(), lambda: self.tr("Size the output layer to the table"))
        if not builder.is_valid():
            builder.undo_stack.undo()
            return
        self.controller.log(
            lambda: self.tr("The last Dense layer now gives %n output(s), as the table needs.", "", outputs)
        )

    def _say_fit(self) -> None:
        builder = self.w.layer_builder
        problem = ""
        if self._table_chosen() and not builder.is_valid():
            problem = self.tr("The model does not fit this table: {0}").format(builder.validation_message())
        self.w.data_panel.table_group.show_model_problem(problem)

    @Slot(bool, str)
    def _on_builder_validity_changed(self, valid: bool, message: str) -> None:
        self._say_fit()

    @Slot()
    def use_tabular(self) -> None:
        """The tabular preset (a small MLP) on the table chosen now, sized to it."""
        data = self.w.data_panel.data_config()
        cfg = load_preset("tabular")
        dataset = self.w.data_panel.dataset()
        if dataset is not None and dataset.preprocessing is not None:
            cfg = cfg.replace(model=with_outputs(cfg.model, dataset.task, dataset.output_size))
        self.controller.apply_config(cfg.replace(data=data))
        self.controller._refresh_dirty()
        self.controller.log(lambda: self.tr("Model: the tabular preset, sized to the table."))
        self._say_fit()
