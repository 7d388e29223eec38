"""Live training curves: loss, accuracy and learning rate against epochs.

Follows pyqtgraph's examples/scrollingPlots.py: every curve is created once, points are
appended to growable numpy buffers, and a timer hands the buffers to `curve.setData` only
when something new arrived. Clip-to-view, peak downsampling and cached axis pictures keep a
redraw cheap however long the run, and the timer paces itself (10 redraws a second at most,
fewer when a redraw is slow) so that drawing never takes much of the CPU from training.
"""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING, Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import QVBoxLayout, QWidget

from playground.gui.run.plot_parts import (
    LR_COLOR,
    MARKED_EPOCHS,
    OVERLAY_COLORS,
    _floats,
    _MetricPlot,
    _Series,
    light_plot_widget,
    nice_range,
    smoothing_weight,
    whole_number_axis,
)
from playground.gui.run.updates import BatchUpdate

if TYPE_CHECKING:  # the window builds its plots before torch has loaded
    from playground.core.training.callbacks import EpochLogs

__all__ = ["TrainingPlots"]

REDRAW_MS = 100  # 10 redraws a second at most ...
MAX_REDRAW_MS = 1000  # ... and at least one a second
REDRAW_SHARE = 0.03  # ... and fewer when needed to keep drawing within this share of the time
BATCH_CURVE_POINTS = 400  # a finished run keeps its per-batch curves at most this finely
LR_HEADROOM = 1.5  # the LR plot's top, as a multiple of the highest rate: room for its label
LR_FOOT = 0.2  # ... and its bottom below 0 by this much of the top, so that the label of the tick at 0
# fits inside the plot (pyqtgraph drops a label that would stick out: at 0 on the edge, it did)
SHORT_RUN_EPOCHS = 3  # overlays of runs up to this long also draw their per-batch curve


class TrainingPlots(QWidget):
    """Loss, accuracy and learning rate of the run in progress, with earlier runs overlaid.

    Connect `add_batches` to the session's `batch_ready` and `add_epoch` to `epoch_ended`;
    call `reset` before each run. `redrawn` is emitted each time new points are on screen.
    """

    redrawn = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._epochs = 1
        self._points = 0
        # The id of the finished run whose curves the plots show (`show_run`, `mark_run`);
        # "" for the live run or nothing.
        self.run_id = ""
        self._overlays: dict[str, tuple[str, list[tuple[pg.PlotItem, pg.PlotDataItem]]]] = {}

        names = {
            "smooth": self.tr("train (per batch, smoothed)"),
            "train": self.tr("train (epoch)"),
            "val": self.tr("validation"),
        }
        # Each legend entry's name, as a function that says it in the installed language
        # (retranslate); keyed by the name shown now.
        self._namers: dict[str, Callable[[], str]] = {
            names["smooth"]: lambda: self.tr("train (per batch, smoothed)"),
            names["train"]: lambda: self.tr("train (epoch)"),
            names["val"]: lambda: self.tr("validation"),
        }
        self.loss_widget = light_plot_widget()
        self.accuracy_widget = light_plot_widget()
        self.lr_widget = light_plot_widget()
        for widget in (self.loss_widget, self.accuracy_widget, self.lr_widget):
            whole_number_axis(widget)  # epochs: 1, 2, 3, not 1.2, 1.4
        self.loss = _MetricPlot(self.loss_widget.getPlotItem(), (-10, 10), names)
        self.accuracy = _MetricPlot(self.accuracy_widget.getPlotItem(), (-10, -10), names)
        self.loss.plot.setLabel("left", self.tr("Loss"))
        self.loss.plot.getAxis("left").enableAutoSIPrefix(False)  # "0.02", not "20 (×0.001)"
        self.loss.plot.enableAutoRange(axis="y", enable=False)  # snapped: see nice_range
        self._loss_range: tuple[float, float] | None = None
        self.accuracy.plot.setLabel("left", self.tr("Accuracy"))
        self.accuracy.plot.setYRange(0.0, 1.0, padding=0.02)
        self.accuracy.plot.enableAutoRange(axis="y", enable=False)
        # Regression: the validation split's mean absolute error and R² per epoch (shown once they come)
        self.mae_widget, self.r2_widget = light_plot_widget(), light_plot_widget()
        for widget in (self.mae_widget, self.r2_widget):
            whole_number_axis(widget)
            widget.hide()
        self.mae = _MetricPlot(self.mae_widget.getPlotItem(), (-10, 10), names)
        self.r2 = _MetricPlot(self.r2_widget.getPlotItem(), (-10, -10), names)
        for metric in (self.mae, self.r2):  # one curve each, the validation split's (the axis says so)
            metric.plot.legend.setVisible(False)
        self.r2.plot.setYRange(-1.0, 1.0, padding=0.02)  # 1 is perfect; below -1 (early epochs) is off the plot
        self.r2.plot.enableAutoRange(axis="y", enable=False)
        self._say_regression_axes()

        lr_plot = self.lr_widget.getPlotItem()
        lr_plot.setDownsampling(auto=True, mode="peak")
        lr_plot.setClipToView(True)
        lr_plot.showGrid(x=True, y=True, alpha=0.15)
        lr_plot.setLabel("left", self.tr("LR"))
        lr_plot.getAxis("left").enableAutoSIPrefix(False)
        lr_plot.setLabel("bottom", self.tr("Epoch"))
        lr_plot.enableAutoRange(axis="y", enable=False)  # from 0, see _on_timer_timeout
        self.lr_widget.setToolTip(self.tr("Learning rate of each batch, as set by the schedule"))
        self.lr = _Series(lr_plot.plot(pen=pg.mkPen(LR_COLOR, width=1.5)))
        self.lr_max = 0.0
        self.lr_widget.setMinimumHeight(90)
        self._blank_lr_axis()

        for plot in (self.loss.plot, self.accuracy.plot, self.mae.plot, self.r2.plot, lr_plot):
            plot.setAutoVisible(y=True)  # y fits the epochs in view, not the whole run
            if plot is not self.loss.plot:
                plot.setXLink(self.loss.plot)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.loss_widget, 3)
        layout.addWidget(self.accuracy_widget, 3)
        layout.addWidget(self.mae_widget, 2)
        layout.addWidget(self.r2_widget, 2)
        layout.addWidget(self.lr_widget, 1)

        self._timer = QTimer(self)
        self._timer.setInterval(REDRAW_MS)
        self._last_update_seconds = 0.0
        self._painted_before = 0.0
        self._timer.timeout.connect(self._on_timer_timeout)
        self._fit_x_range()

    # ----------------------------------------------------------------- live run

    def reset(self, epochs: int, batches_per_epoch: int) -> None:
        """Empty the live curves for a run of `epochs` × `batches_per_epoch` batches."""
        self._epochs = max(1, epochs)
        self._points = 0
        self.run_id = ""
        weight = smoothing_weight(self._epochs, max(1, batches_per_epoch))
        markers = self._epochs <= MARKED_EPOCHS
        self.loss.clear(weight, markers)
        self.accuracy.clear(weight, markers)
        for metric, widget in ((self.mae, self.mae_widget), (self.r2, self.r2_widget)):
            metric.clear(weight, markers)
            widget.hide()
        self.lr.clear()
        self.lr_max = 0.0
        self._lr_shown = None
        self._blank_lr_axis()
        self._fit_x_range()
        self._schedule_redraw()

    @Slot(object)
    def add_batches(self, update: BatchUpdate) -> None:
        x = update.steps / update.batches
        self.loss.add_batches(x, update.losses)
        classification = update.accuracies is not None
        if classification:
            self.accuracy.add_batches(x, update.accuracies)
        self.accuracy_widget.setVisible(classification)
        self.lr.extend(x, update.lrs)
        if len(update.lrs):
            self.lr_max = max(self.lr_max, float(update.lrs.max()))
        self._points += len(update.steps)
        self._schedule_redraw()

    @Slot(object)
    def add_epoch(self, logs: EpochLogs) -> None:
        self.loss.add_epoch(logs.epoch, logs.loss, logs.val_loss)
        self.accuracy.add_epoch(logs.epoch, logs.accuracy, logs.val_accuracy)
        val_mae, val_r2 = getattr(logs, "val_mae", None), getattr(logs, "val_r2", None)
        if val_mae is not None:
            self.mae.add_epoch(logs.epoch, None, val_mae)
            self.r2.add_epoch(logs.epoch, None, val_r2)
            self.mae_widget.show()
            self.r2_widget.show()
        self._points += 1
        self._schedule_redraw()

    def flush(self) -> None:
        """Draw what has arrived now, not at the next paced redraw (up to MAX_REDRAW_MS away):
        when a run ends, its last points should be on screen with its result."""
        if self._timer.isActive():
            self._on_timer_timeout()

    def point_count(self) -> int:
        """Points received since the last reset: one per batch point and one per epoch."""
        return self._points

    # ----------------------------------------------------------------- a finished run

    def batch_curve(self, max_points: int = BATCH_CURVE_POINTS) -> dict:
        """The live run's smoothed per-batch loss and accuracy and its learning rate, at most
        `max_points` of them, as lists that JSON can hold (a run keeps them in its summary, so
        that its curves can be drawn again: `show_run`, overlays of short runs)."""
        x, loss = self.loss.smooth.buffer.data()
        if not len(x):
            return {}
        keep = np.unique(np.linspace(0, len(x) - 1, min(len(x), max_points)).round().astype(int))

        def listed(values, digits=6):
            return [float(f"{v:.{digits}g}") if math.isfinite(v) else None for v in values[keep].tolist()]

        curve = {"x": listed(x, 8), "loss": listed(loss)}
        accuracy = self.accuracy.smooth.buffer.data()[1]
        if len(accuracy) == len(x):
            curve["accuracy"] = listed(accuracy)
        lrs = self.lr.buffer.data()[1]
        if len(lrs) == len(x):
            curve["lr"] = listed(lrs)
        return curve

    def mark_run(self, run_id: str) -> None:
        """The live curves now shown are those of the finished run `run_id`."""
        self.run_id = run_id

    def show_run(self, run_id: str, epochs: int, history: list[EpochLogs], batch_curve: dict | None = None) -> None:
        """Show a finished run's curves in place of the live ones: its per-epoch points, and
        its per-batch curve and learning rate as it kept them (`batch_curve`), else the rate of
        each epoch. The x axis spans its `epochs` planned, as while it trained."""
        self.reset(epochs, 1)
        curve = batch_curve or {}
        x = _floats(curve.get("x"))
        if len(x) and len(_floats(curve.get("loss"))) == len(x):
            self.loss.smooth.extend(x, _floats(curve["loss"]))
            if len(_floats(curve.get("accuracy"))) == len(x):
                self.accuracy.smooth.extend(x, _floats(curve["accuracy"]))
            lrs = _floats(curve.get("lr"))
            if len(lrs) == len(x):
                self.lr.extend(x, lrs)
            self._points += len(x)
        if not self.lr.buffer.size and history:
            self.lr.extend(np.array([h.epoch for h in history], dtype=float), np.array([h.lr for h in history], dtype=float))
        finite = self.lr.buffer.data()[1]
        finite = finite[np.isfinite(finite)]
        self.lr_max = float(finite.max()) if len(finite) else 0.0
        for logs in history:
            self.add_epoch(logs)
        classification = bool(self.accuracy.smooth.buffer.size) or any(h.accuracy is not None for h in history)
        self.accuracy_widget.setVisible(classification)
        self.run_id = run_id
        self._schedule_redraw()
        self.flush()

    # ----------------------------------------------------------------- earlier runs

    def add_overlay(self, run_id: str, label: str, history: list[EpochLogs], batch_curve: dict | None = None) -> None:
        """Show an earlier run's per-epoch validation (solid) and train (dashed) curves; for a
        run of up to SHORT_RUN_EPOCHS epochs also its per-batch curve (`batch_curve`, see
        `batch_curve()`), else a run of one epoch would be a single point per curve."""
        self.remove_overlay(run_id)
        used = {color for color, _ in self._overlays.values()}
        free = [c for c in OVERLAY_COLORS if c not in used]
        color = free[0] if free else OVERLAY_COLORS[len(self._overlays) % len(OVERLAY_COLORS)]
        epochs = [h.epoch for h in history]
        curve = batch_curve or {}
        x = _floats(curve.get("x")) if len(history) <= SHORT_RUN_EPOCHS else np.empty(0)
        one_point = len(history) == 1 and not len(x)

        def val_namer() -> str:
            if one_point:  # one point per curve: say so, since a single marker is easily missed
                return self.tr("{0}: validation (1 epoch: one point)").format(label)
            return self.tr("{0}: validation").format(label)

        def train_namer() -> str:
            if one_point:
                return self.tr("{0}: train (1 epoch: one point)").format(label)
            return self.tr("{0}: train").format(label)

        def batches_namer() -> str:
            return self.tr("{0}: train (per batch, smoothed)").format(label)

        val_name, train_name, batches_name = val_namer(), train_namer(), batches_namer()
        self._namers.update({val_name: val_namer, train_name: train_namer, batches_name: batches_namer})
        items = []
        for metric, train, val, key in (
            (self.loss, [h.loss for h in history], [h.val_loss for h in history], "loss"),
            (self.accuracy, [h.accuracy for h in history], [h.val_accuracy for h in history], "accuracy"),
        ):
            y = _floats(curve.get(key))
            batches = (x, y) if len(x) and len(y) == len(x) else None
            added = metric.add_overlay(color, epochs, train, val, train_name, val_name, batches, batches_name)
            items += [(metric.plot, item) for item in added]
        self._overlays[run_id] = (color, items)
        self._fit_x_range()
        self._fit_loss_range()

    def retranslate(self) -> None:
        """The axes' titles and the legends' names in the installed language."""
        self.loss.plot.setLabel("left", self.tr("Loss"))
        self.accuracy.plot.setLabel("left", self.tr("Accuracy"))
        self._say_regression_axes()
        lr_plot = self.lr_widget.getPlotItem()
        lr_plot.setLabel("left", self.tr("LR"))
        lr_plot.setLabel("bottom", self.tr("Epoch"))
        namers = {}
        for plot in (self.loss.plot, self.accuracy.plot, self.mae.plot, self.r2.plot):
            legend = plot.legend
            for sample, label in legend.items if legend is not None else ():
                namer = self._namers.get(sample.item.opts.get("name"))
                if namer is not None:
                    name = namer()
                    sample.item.opts["name"] = name
                    label.setText(name)
                    namers[name] = namer
        for name, namer in self._namers.items():  # names not in a legend now
            namers.setdefault(namer(), namer)
        self._namers = namers

    def remove_overlay(self, run_id: str) -> None:
        _, items = self._overlays.pop(run_id, (None, []))
        for plot, item in items:
            plot.removeItem(item)  # also takes it out of the legend
        if items:
            self._fit_x_range()
            self._fit_loss_range()

    def clear_overlays(self) -> None:
        for run_id in list(self._overlays):
            self.remove_overlay(run_id)

    # ----------------------------------------------------------------- drawing

    def _say_regression_axes(self) -> None:
        self.mae.plot.setLabel("left", self.tr("MAE (validation)"))
        self.r2.plot.setLabel("left", self.tr("R² (validation)"))
        self.mae_widget.setToolTip(self.tr("Mean absolute error on the validation split: how far off a prediction is, on average"))
        self.r2_widget.setToolTip(
            self.tr("R² on the validation split: 1 is perfect, 0 no better than always predicting the mean")
        )

    def _fit_x_range(self) -> None:
        """Show the whole planned run (and any longer overlaid run), so the curves grow
        across the plot and the learner sees how far training has come."""
        longest = max((item.xData[-1] for _, items in self._overlays.values() for _, item in items), default=0)
        self.loss.plot.setXRange(0, max(self._epochs, longest), padding=0.02)

    def _fit_loss_range(self) -> None:
        """Loss y range: from 0 (losses are >= 0; a few runs may go below) to the largest
        finite value of any curve, snapped to round numbers (nice_range), so the range moves
        only when a value rises past it."""
        lows, highs = [], []
        for item in self.loss.plot.listDataItems():
            y = item.yData
            if y is None or not len(y):
                continue
            finite = y[np.isfinite(y)]
            if len(finite):
                lows.append(float(finite.min()))
                highs.append(float(finite.max()))
        if not lows:
            return
        snapped = nice_range(min(0.0, min(lows)), max(highs))
        if snapped != self._loss_range:
            self._loss_range = snapped
            self.loss.plot.setYRange(*snapped, padding=0.02)

    def _fit_lr_range(self) -> None:
        """LR y range from 0 to above the highest rate, with ticks at 0 and at that rate, so
        the rate drawn is the rate labelled. Automatic ticks on this short plot left the top
        label out for want of room (a line at 0.03 under labels 0.01 and 0.02), and a constant
        rate would get a range of ±1e-9 around it."""
        if not self.lr_max > 0 or (self.lr_max, "ticks") == getattr(self, "_lr_shown", None):
            return
        self._lr_shown = (self.lr_max, "ticks")
        top = self.lr_max * LR_HEADROOM
        self.lr.curve.getViewBox().setYRange(-top * LR_FOOT, top, padding=0)
        self.lr_widget.getPlotItem().getAxis("left").setTicks([[(0.0, "0"), (self.lr_max, f"{self.lr_max:.3g}")], []])

    def _blank_lr_axis(self) -> None:
        """Before a rate is known: labelled at 0 only. pyqtgraph's own ticks (0.2, 0.4, 0.6,
        0.8) overlapped each other on the plot's 90 px at 1280×800."""
        self.lr_widget.getPlotItem().getAxis("left").setTicks([[(0.0, "0")], []])
        self.lr_widget.getPlotItem().getViewBox().setYRange(-LR_FOOT, 1.0, padding=0)

    def _schedule_redraw(self) -> None:
        if not self._timer.isActive():
            self._painted_before = self._paint_seconds()  # paints while idle are not frame costs
            self._last_update_seconds = 0.0
            self._timer.start()

    def _paint_seconds(self) -> float:
        widgets = (self.loss_widget, self.accuracy_widget, self.mae_widget, self.r2_widget, self.lr_widget)
        return sum(w.paint_seconds for w in widgets)

    @Slot()
    def _on_timer_timeout(self) -> None:
        began = time.perf_counter()
        # What the previous frame cost: its setData calls and the paint events they caused.
        painted = self._paint_seconds()
        frame_cost = self._last_update_seconds + painted - self._painted_before
        self._painted_before = painted
        series = [*self.loss.series, *self.accuracy.series, *self.mae.series, *self.r2.series, self.lr]
        if not any(s.dirty for s in series):
            self._timer.stop()  # idle until the next point arrives
            self._timer.setInterval(REDRAW_MS)
            return
        if self.lr.dirty:
            self._fit_lr_range()
        loss_changed = any(s.dirty for s in self.loss.series)
        for s in series:
            s.redraw()
        if loss_changed:
            self._fit_loss_range()
        self._last_update_seconds = time.perf_counter() - began
        # Pace the redraws: on a CPU shared with training, every millisecond the GUI thread
        # draws is one the training threads wait (benchmarks/gui_responsiveness.py).
        interval = min(MAX_REDRAW_MS, max(REDRAW_MS, round(1000 * frame_cost / REDRAW_SHARE)))
        self._timer.setInterval(interval)
        self.redrawn.emit()
