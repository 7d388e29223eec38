"""The loss landscape dialog's plot (landscape.py): a `core.experiments.landscape.Landscape`
drawn with pyqtgraph — the loss as a colour image (log₁₀ by default) with contour lines
(IsocurveItem, evenly spaced in the colour's units), a colour bar, axes α and β, the
optimizers' paths as coloured polylines with a circle at the start and a square at the end,
a legend, and the grid point under the mouse (α, β and the loss) in `hover_label`.

Grid point (x[i], y[j]) is the centre of image pixel (i, j): the image is `losses[j, i]` in
row-major order over the rectangle the grid spans plus half a step on each side; the contour
lines are mapped from grid indices to (α, β) by the same steps, so they pass through the
points' own values.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Slot
from PySide6.QtGui import QTransform
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from playground.core.experiments.landscape_image import PATH_COLOURS
from playground.gui.i18n.core_text import variant_name

__all__ = ["CONTOURS", "LandscapePlot", "loss_ticks"]

CONTOURS = 12  # contour lines, evenly spaced between the lowest and highest colour value
CENTER_PEN = pg.mkPen("k", width=1)


def loss_ticks(low: float, high: float) -> list[float]:
    """Round losses for a log-scaled colour bar from `low` to `high`: its two ends and the
    1-2-5 values between them (short labels that fit beside the bar), at most about six."""
    inner = []
    if high > low > 0:
        for k in range(int(np.floor(np.log10(low))), int(np.ceil(np.log10(high))) + 1):
            inner += [m * 10.0**k for m in (1, 2, 5) if low * 1.15 < m * 10.0**k < high / 1.15]
    while len(inner) > 4:  # thin out, keeping the spread
        inner = inner[::2]
    return [low, *inner, high]


class LandscapePlot(QWidget):
    """Shows one Landscape at a time (`show_landscape`); `image`, `contours`, `path_curves`
    (name → PlotDataItem) and `shown_values` (the array behind the image) are what tests read."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.plot = pg.PlotWidget(background="w")
        self.plot.setMinimumSize(420, 360)
        item = self.plot.getPlotItem()
        item.setAspectLocked(False)
        item.showGrid(x=False, y=False)
        self.legend = item.addLegend(offset=(-10, 10), labelTextColor="k", brush=pg.mkBrush(255, 255, 255, 200))
        self.image = pg.ImageItem(axisOrder="row-major")
        item.addItem(self.image)
        self.colour_map = pg.colormap.get("viridis")
        self.image.setColorMap(self.colour_map)
        self.colour_bar = pg.ColorBarItem(values=(0, 1), colorMap=self.colour_map, interactive=False, colorMapMenu=False)
        self.colour_bar.setImageItem(self.image, insert_in=item)
        self.colour_bar.axis.enableAutoSIPrefix(False)
        self.contours: list[pg.IsocurveItem] = []
        self.path_curves: dict[str, pg.PlotDataItem] = {}
        self._extras: list = []  # markers, the centre
        self.landscape = None
        self.shown_values: np.ndarray | None = None
        self.log_scale = True
        self.hover_label = QLabel(" ")
        self.hover_label.setStyleSheet("color: #333;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.hover_label)
        self.plot.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.retranslate()

    def retranslate(self) -> None:
        item = self.plot.getPlotItem()
        land = self.landscape
        pca = land is not None and land.plane.get("kind") == "pca"
        item.setLabel("bottom", self.tr("α (1st principal direction)") if pca else self.tr("α (direction 1, filter-normalised)"))
        item.setLabel("left", self.tr("β (2nd principal direction)") if pca else self.tr("β (direction 2, filter-normalised)"))
        self.colour_bar.axis.setLabel(self.tr("loss (log scale)") if self.log_scale else self.tr("loss"))
        if self.landscape is not None and self.landscape.paths:
            self._draw_paths(self.landscape)

    # ----------------------------------------------------------------- drawing

    def clear(self) -> None:
        self.landscape, self.shown_values = None, None
        self.image.clear()
        self._clear_overlays()
        self.hover_label.setText(" ")

    def _clear_overlays(self) -> None:
        item = self.plot.getPlotItem()
        for c in self.contours:
            item.removeItem(c)
        self.contours = []
        self._clear_paths()

    def _clear_paths(self) -> None:
        item = self.plot.getPlotItem()
        for c in [*self.path_curves.values(), *self._extras]:
            item.removeItem(c)
        self.path_curves, self._extras = {}, []
        self.legend.clear()

    def set_log_scale(self, on: bool) -> None:
        self.log_scale = bool(on)
        if self.landscape is not None:
            self.show_landscape(self.landscape)
        else:
            self.retranslate()

    def values_of(self, losses: np.ndarray) -> np.ndarray:
        """What the image shows for `losses`: log₁₀ of the loss, or the loss itself."""
        losses = np.asarray(losses, dtype=np.float64)
        if not self.log_scale:
            return losses.copy()
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.log10(np.clip(losses, 1e-12, None))

    def show_landscape(self, land) -> None:
        """Draw `land` (a core Landscape: plain NumPy arrays), replacing what was shown."""
        self._clear_overlays()
        self.landscape = land
        values = self.values_of(land.losses)
        self.shown_values = values
        finite = values[np.isfinite(values)]
        lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
        if hi - lo < 1e-12:
            hi = lo + 1e-12
        x, y = np.asarray(land.x, dtype=float), np.asarray(land.y, dtype=float)
        dx = (x[-1] - x[0]) / max(len(x) - 1, 1) or 1.0
        dy = (y[-1] - y[0]) / max(len(y) - 1, 1) or 1.0
        # NaN (points a stop left out) show as the lowest colour's absence: transparent.
        self.image.setImage(values, levels=(lo, hi), autoLevels=False)
        self.image.setRect(QRectF(x[0] - dx / 2, y[0] - dy / 2, dx * len(x), dy * len(y)))
        self.colour_bar.setLevels((lo, hi))
        self._bar_ticks(lo, hi)
        if land.complete and finite.size:
            to_plane = QTransform(dx, 0, 0, dy, x[0], y[0])  # grid index (i, j) -> (α, β)
            for k, level in enumerate(np.linspace(lo, hi, CONTOURS + 2)[1:-1]):
                iso = pg.IsocurveItem(values, float(level), pen=pg.mkPen(255, 255, 255, 150 if k % 2 else 210, width=1), axisOrder="row-major")
                iso.setTransform(to_plane)
                iso.setZValue(5)
                self.plot.getPlotItem().addItem(iso)
                self.contours.append(iso)
        self._draw_paths(land)
        self.plot.getPlotItem().setRange(xRange=(x[0] - dx / 2, x[-1] + dx / 2), yRange=(y[0] - dy / 2, y[-1] + dy / 2), padding=0)
        self.retranslate()

    def _bar_ticks(self, lo: float, hi: float) -> None:
        """On a log scale the bar is labelled with the loss itself (10**value), not its log."""
        axis = self.colour_bar.axis
        if not self.log_scale:
            axis.setTicks(None)
            return
        axis.setTicks([[(float(np.log10(t)), f"{t:.3g}") for t in loss_ticks(10**lo, 10**hi)], []])

    def _draw_paths(self, land) -> None:
        self._clear_paths()
        item = self.plot.getPlotItem()
        centre = pg.ScatterPlotItem([0.0], [0.0], symbol="+", size=12, pen=pg.mkPen("k", width=2), brush=None)
        pca = land.plane.get("kind") == "pca"
        centre_name = (
            self.tr("centre: {0}'s end").format(variant_name(land.settings.get("reference", ""))) if pca
            else self.tr("centre: the trained weights")
        )
        item.addItem(centre)
        self.legend.addItem(centre, centre_name)
        self._extras.append(centre)
        for k, path in enumerate(land.paths):
            colour = PATH_COLOURS[k % len(PATH_COLOURS)]
            curve = pg.PlotDataItem(path.x, path.y, pen=pg.mkPen(colour, width=2), symbol="o", symbolSize=4,
                                    symbolBrush=colour, symbolPen=None)
            curve.setZValue(10)
            item.addItem(curve)
            self.legend.addItem(curve, variant_name(path.name))
            self.path_curves[path.name] = curve
            ends = pg.ScatterPlotItem(
                [path.x[0], path.x[-1]], [path.y[0], path.y[-1]], symbol=["o", "s"], size=[11, 10],
                pen=[pg.mkPen(colour, width=2), pg.mkPen("k", width=1)], brush=[pg.mkBrush(255, 255, 255, 0), pg.mkBrush(colour)],
            )
            ends.setZValue(11)
            item.addItem(ends)
            self._extras.append(ends)

    # ----------------------------------------------------------------- hover

    def value_at(self, a: float, b: float) -> tuple[float, float, float] | None:
        """(α, β, loss) of the grid point nearest to (a, b), or None outside the grid."""
        land = self.landscape
        if land is None:
            return None
        x, y = np.asarray(land.x), np.asarray(land.y)
        dx = (x[-1] - x[0]) / max(len(x) - 1, 1) or 1.0
        dy = (y[-1] - y[0]) / max(len(y) - 1, 1) or 1.0
        i, j = int(round((a - x[0]) / dx)), int(round((b - y[0]) / dy))
        if not (0 <= i < len(x) and 0 <= j < len(y)):
            return None
        return float(x[i]), float(y[j]), float(land.losses[j, i])

    @Slot(object)
    def _on_mouse_moved(self, pos: QPointF) -> None:
        view = self.plot.getPlotItem().vb
        if not view.sceneBoundingRect().contains(pos):
            return
        p = view.mapSceneToView(pos)
        self.hover_label.setText(self.hover_text(p.x(), p.y()))

    def hover_text(self, a: float, b: float) -> str:
        found = self.value_at(a, b)
        if found is None:
            return " "
        a, b, loss = found
        shown = self.tr("not computed") if not np.isfinite(loss) else f"{loss:.5g}"
        return self.tr("α = {0:.4g}, β = {1:.4g}: loss {2}").format(a, b, shown)
