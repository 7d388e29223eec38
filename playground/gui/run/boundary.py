"""The decision boundary of a 2-D toy problem, drawn as in TensorFlow Playground: the model's
output over the plane as an orange–white–blue heatmap, the training points on top."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Slot
from PySide6.QtWidgets import QVBoxLayout, QWidget

from playground.gui.run.plot_parts import light_plot_widget
from playground.gui.run.updates import BoundaryUpdate

__all__ = ["DecisionBoundaryView"]

# TF Playground's scale: orange for class 0 / negative, blue for class 1 / positive.
ORANGE, NEUTRAL, BLUE = "#f59322", "#e8eaeb", "#0877bd"
# The heatmap uses lighter ends than the points so that points on their own class's
# colour still stand out.
HEAT_ORANGE, HEAT_BLUE = "#f7b46a", "#5ba3d4"
MAX_POINTS = 2000  # more points hide the heatmap and slow every repaint; a sample shows the shape
POINT_SIZE = 7


def _colormap(low: str, high: str) -> pg.ColorMap:
    return pg.ColorMap(pos=[0.0, 0.5, 1.0], color=[pg.mkColor(low), pg.mkColor(NEUTRAL), pg.mkColor(high)])


class DecisionBoundaryView(QWidget):
    """Heatmap of P(class 1) (classification, 0 to 1) or of the prediction (regression,
    -1 to 1 as TF Playground's targets) with the data points on top.

    The image and scatter items are created once; updates only replace their data.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._task = "classification"
        self.plot_widget = light_plot_widget()
        self.plot = self.plot_widget.getPlotItem()
        self.plot.setAspectLocked(True)
        self.plot.hideButtons()
        self.plot.setMenuEnabled(False)
        self.image = pg.ImageItem(axisOrder="row-major")  # probs[row = y, column = x]
        self.image.setColorMap(_colormap(HEAT_ORANGE, HEAT_BLUE))
        self.image.setZValue(-10)
        self.plot.addItem(self.image)
        self.scatter = pg.ScatterPlotItem(size=POINT_SIZE, pen=pg.mkPen("w", width=1))
        self.plot.addItem(self.scatter)
        self._point_colors = _colormap(ORANGE, BLUE)
        self._extent: QRectF | None = None  # what must stay in view: the data, then the heatmap
        self.last_update: BoundaryUpdate | None = None  # the heatmap shown
        self.run_id = ""  # the run whose prediction the heatmap shows, when known (show_model)
        self.plot.getViewBox().sigResized.connect(self._fit)
        self.setToolTip(self._tooltip())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot_widget)

    def set_data(self, x: np.ndarray, y: np.ndarray, task: str) -> None:
        """Show training points `x` (N×2) coloured by class label or regression target `y`.
        The previous heatmap belonged to other data and is cleared."""
        self._task = task
        self.image.clear()
        self.last_update = None
        self.run_id = ""
        if len(x) > MAX_POINTS:
            keep = np.random.default_rng(0).choice(len(x), MAX_POINTS, replace=False)
            x, y = x[keep], y[keep]
        values = np.asarray(y, dtype=float).reshape(len(x), -1)[:, 0]
        if task == "classification":
            positions = np.clip(values, 0.0, 1.0)
        else:
            positions = np.clip((values + 1.0) / 2.0, 0.0, 1.0)
        brushes = [pg.mkBrush(c) for c in self._point_colors.map(positions, mode="qcolor")]
        self.scatter.setData(x=x[:, 0], y=x[:, 1], brush=brushes)
        self.setToolTip(self._tooltip())
        self._extent = None
        if len(x):
            (x0, y0), (x1, y1) = x.min(axis=0).tolist(), x.max(axis=0).tolist()
            self._extent = QRectF(x0, y0, x1 - x0, y1 - y0)
        self._fit()

    def _fit(self) -> None:
        """Show all of the extent. With the aspect locked the view box widens one axis to
        fit the other, but only for its size at the time of the call: the extent is fitted
        again whenever the view box is resized (else a tall view cut off the sides)."""
        if self._extent is not None:
            self.plot.getViewBox().setRange(rect=self._extent, padding=0.05)  # room for the dots


    @Slot(object)
    def set_boundary(self, update: BoundaryUpdate) -> None:
        self.last_update = update
        xs, ys = update.xs.tolist(), update.ys.tolist()
        levels = (0.0, 1.0) if self._task == "classification" else (-1.0, 1.0)
        self.image.setImage(update.probs, levels=levels, autoLevels=False)
        # The grid values are cell centres; the image spans half a cell beyond them.
        dx = (xs[-1] - xs[0]) / max(1, len(xs) - 1)
        dy = (ys[-1] - ys[0]) / max(1, len(ys) - 1)
        rect = QRectF(xs[0] - dx / 2, ys[0] - dy / 2, dx * len(xs), dy * len(ys))
        self.image.setRect(rect)
        if self._extent is None or not self._extent.contains(rect):
            self._extent = rect if self._extent is None else self._extent.united(rect)
            self._fit()

    def clear(self) -> None:
        self.last_update = None
        self.run_id = ""
        self.image.clear()
        self.scatter.setData(x=[], y=[])  # ScatterPlotItem.clear() alone leaves the old dots painted

    def show_model(self, run_id: str, predictor, trained_on: str, dataset) -> None:
        """Show the prediction of `predictor` (the current model: the run `run_id`, trained on
        the dataset named `trained_on`) over the plane of `dataset`, the data shown; no heatmap
        if it was trained on other data or takes other inputs, rather than another run's."""
        if run_id and run_id == self.run_id:
            return
        self.run_id = run_id
        if predictor is None or tuple(predictor.input_shape) != (2,) or trained_on != dataset.name:
            self.last_update = None
            self.image.clear()
            return
        from playground.gui.run.training_worker import boundary_grid

        xs, ys = boundary_grid(dataset)
        gx, gy = np.meshgrid(xs, ys)
        out = predictor.predict(np.stack([gx.ravel(), gy.ravel()], axis=1))
        values = out[:, 1] if predictor.task == "classification" else out[:, 0]
        probs = values.reshape(len(ys), len(xs))
        if np.isfinite(probs).all():
            self.set_boundary(BoundaryUpdate(xs, ys, probs))

    def _tooltip(self) -> str:
        if self._task == "classification":
            return self.tr(
                "The network's prediction over the input plane: orange = class 0, blue = class 1, "
                "pale = unsure. Dots are training points."
            )
        return self.tr(
            "The network's prediction over the input plane: orange = negative, blue = positive. "
            "Dots are training points coloured by their target."
        )
