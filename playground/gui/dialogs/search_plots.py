"""The plots of the hyperparameter-search dialog: each trial's value with the best so far
(trials on the x axis, whole numbers only) and the parameters' importances, which are shown
only once enough trials have completed to mean something (core's IMPORTANCE_MIN_TRIALS)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from playground.core.experiments.tune import IMPORTANCE_MIN_TRIALS
from playground.gui.dialogs.search_space import metric_name, setting_name
from playground.gui.run.plot_parts import light_plot_widget, whole_number_axis

__all__ = ["SearchPlots"]


class SearchPlots(QSplitter):
    """Best so far (left) and parameter importance (right)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.best_plot = light_plot_widget()
        whole_number_axis(self.best_plot, fractions_when_zoomed=False)  # trial numbers
        self.best_plot.setTitle(self.tr("Best so far"), color="#444")
        self.best_plot.setLabel("bottom", self.tr("trial"))
        self.best_plot.showGrid(x=True, y=True, alpha=0.2)
        self.best_plot.getPlotItem().getAxis("left").enableAutoSIPrefix(False)  # accuracies, not milli-units
        self.value_points = self.best_plot.plot([], [], pen=None, symbol="o", symbolSize=6, symbolBrush="#9ab", symbolPen=None)
        self.best_curve = self.best_plot.plot([], [], pen=pg.mkPen("#d62728", width=2))

        self.importance_plot = light_plot_widget()
        self.importance_plot.setTitle(self.tr("Parameter importance"), color="#444")
        self.importance_plot.setMouseEnabled(False, False)
        self.importance_bars = pg.BarGraphItem(x0=[], y=[], height=0.6, width=[], brush="#1f77b4")
        self.importance_plot.addItem(self.importance_bars)
        self.importance_note = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.importance_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.importance_note.setStyleSheet("color: #555; background: white; padding: 8px;")
        importance = QWidget()
        layout = QVBoxLayout(importance)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.importance_plot, 1)
        layout.addWidget(self.importance_note)
        self.addWidget(self.best_plot)
        self.addWidget(importance)
        self.setSizes([500, 500])  # the note needs room as much as the bars
        self.show_importances({}, 0)

    def clear(self) -> None:
        self.value_points.setData([], [])
        self.best_curve.setData([], [])
        self.show_importances({}, 0)

    def set_metric(self, metric: str) -> None:
        self._metric = metric
        self.best_plot.setLabel("left", metric_name(metric))

    def retranslate(self) -> None:
        """Titles, axes and the importance note in the installed language."""
        self.best_plot.setTitle(self.tr("Best so far"), color="#444")
        self.best_plot.setLabel("bottom", self.tr("trial"))
        self.importance_plot.setTitle(self.tr("Parameter importance"), color="#444")
        if getattr(self, "_metric", None):
            self.set_metric(self._metric)
        self.show_importances(*self._importances)

    def show_values(self, values: list[tuple[int, float]]) -> None:
        """Each complete trial's value: (trial number, value)."""
        if values:
            xs, ys = zip(*values)
            self.value_points.setData(list(xs), list(ys))

    def show_best_so_far(self, curve: list[tuple[int, float]]) -> None:
        """A staircase: the best value holds until a later trial beats it."""
        xs, ys = [], []
        for number, best in curve:
            if ys:
                xs.append(number)
                ys.append(ys[-1])
            xs.append(number)
            ys.append(best)
        self.best_curve.setData(xs, ys)

    def show_importances(self, importances: dict[str, float], complete: int) -> None:
        """Bars for `importances` (config key -> share); below IMPORTANCE_MIN_TRIALS complete
        trials, or when there is nothing to show, a note saying why instead."""
        self._importances = (importances, complete)
        if complete < IMPORTANCE_MIN_TRIALS:
            importances = {}
            note = self.tr(
                "Shown after %n complete trials ({0} so far). The importance is estimated from the finished "
                "trials (fANOVA fits a random forest to them); with fewer, which setting seems to matter is "
                "mostly chance.",
                "",
                IMPORTANCE_MIN_TRIALS,
            ).format(complete)
        elif not importances:
            note = self.tr("Nothing to compare yet: no searched setting has varied, or every trial scored the same.")
        else:
            note = ""
        # The plot (and its title) gives way to the note, which carries the title itself.
        self.importance_note.setText(f"<b>{self.tr('Parameter importance')}</b><br><br>{note}" if note else "")
        self.importance_note.setVisible(bool(note))
        self.importance_plot.setVisible(not note)
        keys = list(importances)[::-1]  # most important at the top
        widths = [importances[k] for k in keys]
        self.importance_bars.setOpts(x0=np.zeros(len(keys)), y=np.arange(len(keys)), height=0.6, width=np.array(widths))
        self.importance_plot.getPlotItem().getAxis("left").setTicks([[(i, setting_name(k)) for i, k in enumerate(keys)]])
        if keys:
            self.importance_plot.setXRange(0, max(widths) * 1.05, padding=0)
            self.importance_plot.setYRange(-0.5, len(keys) - 0.5, padding=0.05)
