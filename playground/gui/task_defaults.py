"""Settings that suit the data: when the user picks a dataset of another kind (the 2-D toy sets
↔ images), the Training tab takes the training settings of the preset made for that kind
(core.config.presets.training_preset_for) — XOR's learning rate 0.03, batch 16 and 60 epochs
are no start for 60,000 images. The change is one step on the Edit menu's undo stack, so
Ctrl+Z gives the previous settings back, and the status bar and the log say what changed.
A change of optimizer puts in that optimizer's own default learning rate (TrainingPanel); its
note goes to the status bar here too.
"""

from __future__ import annotations

import dataclasses
from typing import Callable

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtGui import QUndoCommand

from playground.core.config.presets import load_preset, training_preset_for
from playground.core.training.catalog import OPTIMIZERS

__all__ = ["TrainingDefaults"]

NOTE_MS = 15000  # how long the status bar shows the note


class _SetTraining(QUndoCommand):
    """Show `after` in the training panel; undo shows `before` again."""

    def __init__(self, text: Callable[[], str], panel, before: tuple, after: tuple, changed: Callable[[], None]):
        super().__init__(text())
        self._say = text  # says the edit's name in the installed language (retranslate)
        self._panel, self._before, self._after, self._changed = panel, before, after, changed

    def retranslate(self) -> None:
        self.setText(self._say())

    def redo(self) -> None:
        self._panel.set_settings(*self._after)
        self._changed()

    def undo(self) -> None:
        self._panel.set_settings(*self._before)
        self._changed()


class TrainingDefaults(QObject):
    """Offers the training settings that fit the chosen kind of data, in `window` (the main
    window); `changed` is called after the settings changed (the project's unsaved flag)."""

    def __init__(self, window, changed: Callable[[], None]):
        super().__init__(window)
        self.w = window
        self._changed = changed
        window.data_panel.dataset_chosen.connect(self._on_data_dataset_chosen)
        window.training_panel.notice.connect(self._on_training_notice)

    def _kind_text(self, kind: str) -> str:
        return {"toy": self.tr("2-D toy data"), "image": self.tr("images"), "table": self.tr("tables")}.get(kind, kind)

    @Slot(object, object)
    def _on_data_dataset_chosen(self, before, info) -> None:
        if before is None or before.kind == info.kind:
            return
        preset = training_preset_for(info.kind, self.w.layer_builder.spec())
        if preset is None:
            return
        panel = self.w.training_panel
        old = panel.settings()
        cfg = load_preset(preset)
        # The machine's choices (device, mixed precision) stay as they are.
        train = dataclasses.replace(cfg.train, device=old[3].device, amp=old[3].amp)
        new = (cfg.optimizer, cfg.schedule, cfg.regularization, train)
        if new == old:
            return
        kind = info.kind
        self.w.layer_builder.undo_stack.push(
            _SetTraining(lambda: self.tr("Training settings for {0}").format(self._kind_text(kind)), panel, old, new, self._changed)
        )

        def note() -> str:  # in the language shown when it is read (the log says it again after a switch)
            epochs = train.epochs
            return self.tr(
                "Training settings for {0} (from the {1} preset): {2}, learning rate {3:g}, batch size {4}, %n epoch(s). "
                "Edit ▸ Undo (Ctrl+Z) brings back the previous ones.",
                "",
                epochs,
            ).format(self._kind_text(kind), preset, OPTIMIZERS[cfg.optimizer.name].title, cfg.optimizer.lr, train.batch_size)

        self.w.controller.log(note)
        # Once the layer stack has been checked against the new data: if it does not fit, what
        # blocks Train is what the status bar says (the note stays in the log) — on the Data
        # tab nothing else would say why Train went grey.
        QTimer.singleShot(0, lambda: self._show_note_or_problem(note))

    def _show_note_or_problem(self, note) -> None:
        builder = self.w.layer_builder
        if builder.is_valid():
            self.w.statusBar().showMessage(note(), NOTE_MS)
        else:
            self.w.statusBar().showMessage(
                self.tr("Train waits for the Model tab: {0}").format(builder.validation_message()), NOTE_MS
            )

    @Slot(str)
    def _on_training_notice(self, text: str) -> None:
        self.w.statusBar().showMessage(text, NOTE_MS)
