"""The pieces the training plots are drawn with, apart from the TrainingPlots widget itself.

Holds the curve colours, the light plot widget that times its own paints, IntegerAxis (ticks
only at whole numbers) and `whole_number_axis`, axis caching, `nice_range` and
`smoothing_weight`, and the buffered curves a metric plot is made of (_Buffer, _Series,
_Smoother, _MetricPlot). The compare and search dialogs and the boundary view use these too;
TrainingPlots (plots.py) puts them together and paces the redraws.
"""

from __future__ import annotations

import math
import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsItem

__all__ = ["IntegerAxis", "cache_rendering", "light_plot_widget", "nice_range", "smoothing_weight", "whole_number_axis"]

MARKED_EPOCHS = 60  # per-epoch points get markers up to this many epochs; beyond, lines only
TRAIN_COLOR = "#0877bd"
TRAIN_EPOCH_COLOR = "#08466e"
VAL_COLOR = "#f59322"
LR_COLOR = "#555555"
# Earlier runs: colours distinct from the live run's blue and orange.
OVERLAY_COLORS = ("#2ca02c", "#9467bd", "#d62728", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f")


class _PlotWidget(pg.PlotWidget):
    """A PlotWidget that totals the time its paint events take, in `paint_seconds`.

    Every paint counts, also one that only uncovers the plot (a menu closing over it): the
    paints that follow a redraw (axes after a range change) cost far more than the first,
    and telling them apart from an uncovering is guesswork (measured under Xvfb: 155 first
    paints 0.14 s, 29 others 0.71 s), so the pace may stretch for a second after a menu.
    The log waits for the plots instead (RunFeedback.write_epoch_lines)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.paint_seconds = 0.0

    def paintEvent(self, event) -> None:
        began = time.perf_counter()
        super().paintEvent(event)
        self.paint_seconds += time.perf_counter() - began


def light_plot_widget() -> pg.PlotWidget:
    """A PlotWidget on white with grey axes, like the data panel's scatter plot."""
    widget = _PlotWidget(background="w")
    for side in ("left", "bottom"):
        axis = widget.getPlotItem().getAxis(side)
        axis.setPen(pg.mkPen("#888"))
        axis.setTextPen(pg.mkPen("#555"))
        cache_rendering(axis)
    return widget


class IntegerAxis(pg.AxisItem):
    """An axis of counted things (epochs, trial numbers): ticks only at whole numbers.

    pyqtgraph's own ticks on a range of a few units fall on fifths and halves ("1.2, 1.4"
    epochs in a two-epoch lesson). With `fractions_when_zoomed`, a view zoomed in to less
    than two whole numbers gets the usual ticks back (a place within an epoch means something
    on a per-batch curve); without, the whole numbers in view, if any (trials)."""

    def __init__(self, *args, fractions_when_zoomed: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fractions_when_zoomed = fractions_when_zoomed

    def tickValues(self, minVal, maxVal, size):
        default = super().tickValues(minVal, maxVal, size)
        levels = [
            (spacing, [v for v in values if float(v).is_integer()])
            for spacing, values in default
            if spacing >= 1
        ]
        levels = [(spacing, values) for spacing, values in levels if values]
        if levels:
            return levels
        whole = [float(v) for v in range(math.ceil(minVal), math.floor(maxVal) + 1)]
        if len(whole) < 2 and self.fractions_when_zoomed:
            return default
        return [(1.0, whole)]


def whole_number_axis(widget: pg.PlotWidget, side: str = "bottom", fractions_when_zoomed: bool = True) -> IntegerAxis:
    """Give `widget` (a light_plot_widget) an IntegerAxis on `side`, styled like its others."""
    axis = IntegerAxis(side, fractions_when_zoomed=fractions_when_zoomed)
    widget.getPlotItem().setAxisItems({side: axis})
    axis.setPen(pg.mkPen("#888"))
    axis.setTextPen(pg.mkPen("#555"))
    cache_rendering(axis)
    return axis


def cache_rendering(item: QGraphicsItem) -> None:
    """Keep `item`'s rendering as a pixmap, redrawn only when the item itself changes.

    An axis with grid lines covers the whole plot, so every new curve point repaints it;
    uncached, replaying its tick labels dominates the frame (benchmarks/plot_redraw.py), and
    on a 2-core machine that time is taken from training."""
    item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)


def nice_range(lo: float, hi: float, ticks: int = 4) -> tuple[float, float]:
    """[lo, hi] widened to multiples of a 1-2-5 step about (hi - lo) / ticks.

    The loss plot's y range snaps to these instead of following every new point: each change
    of range makes the axis redraw its labels and grid over the whole plot (~7 ms on the GUI
    thread, benchmarks/plot_redraw.py), and a falling loss changed the range on almost every
    frame. Snapped, it changes a few times per run."""
    span = hi - lo
    if not span > 0:  # one value (or equal ones): a small band around it
        span = abs(hi) or 1.0
        lo, hi = lo - span / 2, hi + span / 2
    raw = span / ticks
    magnitude = 10.0 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    return math.floor(lo / step) * step, math.ceil(hi / step) * step


def smoothing_weight(epochs: int, batches_per_epoch: int) -> float:
    """The exponential-moving-average weight for the per-batch curves: TensorBoard's default
    0.6, raised so the average spans about a tenth of an epoch and at least 1/400 of the
    run. At 0.6 a long run (thousands of noisy batches, many per pixel) looks as ragged
    as the raw curve."""
    window = max(batches_per_epoch / 10, epochs * batches_per_epoch / 400, 1.0)
    return max(0.6, 1.0 - 1.0 / window)


class _Buffer:
    """x/y points in arrays that double when full, so appending stays amortised O(1)."""

    def __init__(self, capacity: int = 1024):
        self.x = np.empty(capacity)
        self.y = np.empty(capacity)
        self.size = 0

    def extend(self, x: np.ndarray, y: np.ndarray) -> None:
        end = self.size + len(x)
        if end > len(self.x):
            capacity = max(end, 2 * len(self.x))
            for name in ("x", "y"):
                grown = np.empty(capacity)
                grown[: self.size] = getattr(self, name)[: self.size]
                setattr(self, name, grown)
        self.x[self.size : end] = x
        self.y[self.size : end] = y
        self.size = end

    def clear(self) -> None:
        self.size = 0

    def data(self) -> tuple[np.ndarray, np.ndarray]:
        # Views: appending later writes past `size` (or into a new array), never into these.
        return self.x[: self.size], self.y[: self.size]


class _Series:
    """One curve and the buffer behind it."""

    def __init__(self, curve: pg.PlotDataItem):
        self.curve = curve
        self.buffer = _Buffer()
        self.dirty = False

    def extend(self, x, y) -> None:
        self.buffer.extend(x, y)
        self.dirty = True

    def clear(self) -> None:
        self.buffer.clear()
        self.dirty = True

    def redraw(self) -> None:
        if self.dirty:
            self.curve.setData(*self.buffer.data())
            self.dirty = False


def _epoch_series(plot, color: str, width: float, name: str) -> _Series:
    """A line of one point per epoch, each point a dot of the line's colour."""
    pen = pg.mkPen(color, width=width)
    return _Series(plot.plot(pen=pen, symbol="o", symbolSize=6, symbolBrush=color, symbolPen=None, name=name))


class _Smoother:
    """TensorBoard's debiased exponential moving average, carried across updates."""

    def __init__(self, weight: float = 0.6):
        self.weight = weight
        self.last = 0.0
        self.count = 0

    def __call__(self, values: np.ndarray) -> np.ndarray:
        out = np.empty(len(values))
        w = self.weight
        for i, v in enumerate(values.tolist()):
            if not math.isfinite(v):
                out[i] = v  # shown as a gap; the average carries on without it
                continue
            self.last = self.last * w + (1 - w) * v
            self.count += 1
            out[i] = self.last / (1 - w**self.count)
        return out


class _MetricPlot:
    """One metric (loss or accuracy): raw and smoothed per-batch curves, per-epoch train
    and validation points, and earlier runs as overlays."""

    def __init__(self, plot: pg.PlotItem, legend_offset: tuple[int, int], names: dict[str, str]):
        self.plot = plot
        plot.setDownsampling(auto=True, mode="peak")
        plot.setClipToView(True)
        plot.showGrid(x=True, y=True, alpha=0.15)
        plot.addLegend(offset=legend_offset, labelTextColor="#333", brush=pg.mkBrush(255, 255, 255, 200))
        self.raw = _Series(plot.plot(pen=pg.mkPen(TRAIN_COLOR + "30", width=1)))
        self.smooth = _Series(plot.plot(pen=pg.mkPen(TRAIN_COLOR, width=2), name=names["smooth"]))
        self.train = _epoch_series(plot, TRAIN_EPOCH_COLOR, 1.5, names["train"])
        self.val = _epoch_series(plot, VAL_COLOR, 2, names["val"])
        self.series = (self.raw, self.smooth, self.train, self.val)
        self.smoother = _Smoother()

    def clear(self, smoothing: float, markers: bool) -> None:
        for series in self.series:
            series.clear()
        for series in (self.train, self.val):
            series.curve.setSymbol("o" if markers else None)
        self.smoother = _Smoother(smoothing)

    def add_batches(self, x: np.ndarray, values: np.ndarray) -> None:
        self.raw.extend(x, values)
        self.smooth.extend(x, self.smoother(values))

    def add_epoch(self, epoch: int, train: float | None, val: float | None) -> None:
        if train is not None:
            self.train.extend([epoch], [train])
        if val is not None:
            self.val.extend([epoch], [val])

    def redraw(self) -> None:
        for series in self.series:
            series.redraw()

    def add_overlay(
        self, color: str, epochs, train, val, train_name: str, val_name: str, batches=None, batches_name: str = ""
    ) -> list[pg.PlotDataItem]:
        """An earlier run's validation (solid, triangles) and train (dashed, squares) points per
        epoch; markers up to MARKED_EPOCHS epochs, so that a run of one epoch is a visible
        point on each curve. `batches` (x, y): its per-batch curve (thin), for runs too short
        for the epoch points to show a course."""
        items = []
        markers = len(epochs) <= MARKED_EPOCHS
        if batches is not None and len(batches[0]):
            pen = pg.mkPen(color, width=1.5)
            items.append(self.plot.plot(*batches, pen=pen, name=batches_name))
        x, y = _present(epochs, val)
        if len(x):
            pen = pg.mkPen(color, width=2)
            symbol = dict(symbol="t", symbolSize=8, symbolBrush=color, symbolPen=None) if markers else {}
            items.append(self.plot.plot(x, y, pen=pen, name=val_name, **symbol))
        x, y = _present(epochs, train)
        if len(x):
            pen = pg.mkPen(color, width=1.5, style=Qt.PenStyle.DashLine)
            symbol = dict(symbol="s", symbolSize=7, symbolBrush=None, symbolPen=pg.mkPen(color, width=1.5)) if markers else {}
            items.append(self.plot.plot(x, y, pen=pen, name=train_name, **symbol))
        return items


def _floats(values) -> np.ndarray:
    """A kept curve's values (None for a gap) as floats (NaN)."""
    if not values:
        return np.empty(0)
    return np.array([np.nan if v is None else v for v in values], dtype=float)


def _present(epochs, values) -> tuple[np.ndarray, np.ndarray]:
    """The (epoch, value) pairs whose value is known."""
    pairs = [(e, v) for e, v in zip(epochs, values) if v is not None]
    return np.array([p[0] for p in pairs], dtype=float), np.array([p[1] for p in pairs], dtype=float)

