"""Rows of small histograms painted with QPainter: the Training health view's grid
(gui/run/health_panel.py).

One widget paints every row — a title on the left (the layer, and lines such as "92% saturated")
and a histogram per column — with the histogram's range written under it and a dashed line at 0
when the range spans it. Hovering a histogram says its figures (mean, standard deviation, range,
values binned).

Why not a pyqtgraph plot per histogram: a layer stack of ten layers is thirty plots, each with a
view box and an axis, and painting them took 130–380 ms per redraw on the 2-core CPU while a
`cnn` epoch trained (benchmarks/health_cost.py) — a tenth of the training time. These are
thumbnails with nothing to zoom, so one painter pass draws them in a few milliseconds.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from playground.gui.widgets import answer_tooltip

__all__ = ["GridRow", "HistogramGrid"]

HEADER_HEIGHT = 22  # pixels above the first row, for the columns' titles
LABEL_WIDTH = 150  # pixels of the rows' titles
RANGE_HEIGHT = 13  # pixels under a histogram for its range
PAD = 4  # pixels between cells


@dataclass
class GridRow:
    """One row: `title` lines (the first in bold), and per column a histogram (an object with
    `edges`, `counts`, `mean`, `std`, `n`) or None for an empty cell; a column missing from
    `cells` has no cell in this row (a layer without weights)."""

    layer: int
    label: str
    title: list[str] = field(default_factory=list)
    cells: dict = field(default_factory=dict)


def _number(value: float) -> str:
    return "0" if value == 0 else f"{value:.3g}"


class HistogramGrid(QWidget):
    """The grid (module docstring). `columns`: (key, colour) for each column, left to right;
    `paint_seconds` totals the time its paint events take (the view paces its drawing by it)."""

    def __init__(self, columns: list[tuple[str, str]], row_height: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.columns = columns
        self.row_height = row_height
        self.headers: dict[str, str] = {key: key for key, _ in columns}
        self.rows: list[GridRow] = []
        self.paint_seconds = 0.0
        self.describe = lambda row, column, hist: ""  # the tooltip's text for a cell (set by the view)
        self.setMouseTracking(True)
        self.setMinimumWidth(0)

    def set_rows(self, rows: list[GridRow]) -> None:
        self.rows = rows
        self.setMinimumHeight(HEADER_HEIGHT + self.row_height * len(rows) + 2)
        self.update()

    def set_headers(self, headers: dict[str, str]) -> None:
        self.headers = headers
        self.update()

    # ------------------------------------------------------------------ geometry

    def _cell_width(self) -> float:
        return max(20.0, (self.width() - LABEL_WIDTH - PAD) / max(1, len(self.columns)))

    def cell_rect(self, row: int, col: int) -> QRectF:
        """The area of row `row`'s histogram in column `col` (0-based), its range line included."""
        w = self._cell_width()
        x = LABEL_WIDTH + PAD + col * w
        y = HEADER_HEIGHT + row * self.row_height
        return QRectF(x + PAD / 2, y + PAD / 2, w - PAD, self.row_height - PAD)

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        """(row, column) of the histogram at widget position (x, y), or None."""
        if x < LABEL_WIDTH + PAD or y < HEADER_HEIGHT:
            return None
        row = int((y - HEADER_HEIGHT) // self.row_height)
        col = int((x - LABEL_WIDTH - PAD) // self._cell_width())
        if 0 <= row < len(self.rows) and 0 <= col < len(self.columns):
            return row, col
        return None

    # ------------------------------------------------------------------ painting

    def paintEvent(self, event) -> None:
        began = time.perf_counter()
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), QColor("white"))
            self._paint_headers(painter)
            for r, row in enumerate(self.rows):
                self._paint_title(painter, r, row)
                for c, (key, color) in enumerate(self.columns):
                    if key in row.cells:
                        self._paint_cell(painter, self.cell_rect(r, c), row.cells[key], QColor(color))
        finally:
            painter.end()
        self.paint_seconds += time.perf_counter() - began

    def _paint_headers(self, painter: QPainter) -> None:
        font = QFont(self.font())
        font.setPointSizeF(9)
        font.setBold(True)
        painter.setFont(font)
        for c, (key, color) in enumerate(self.columns):
            rect = self.cell_rect(0, c)
            painter.setPen(QColor(color))
            painter.drawText(QRectF(rect.left(), 0, rect.width(), HEADER_HEIGHT), Qt.AlignmentFlag.AlignCenter,
                             self.headers.get(key, key))

    def _paint_title(self, painter: QPainter, r: int, row: GridRow) -> None:
        top = HEADER_HEIGHT + r * self.row_height
        font = QFont(self.font())
        font.setPointSizeF(8)
        y = top + PAD
        for i, line in enumerate(row.title):
            font.setBold(i == 0)
            painter.setFont(font)
            metrics = QFontMetrics(font)
            painter.setPen(QColor("#333") if i == 0 else QColor("#8a5a00"))
            text = metrics.elidedText(line, Qt.TextElideMode.ElideRight, LABEL_WIDTH - PAD)
            painter.drawText(QRectF(0, y, LABEL_WIDTH - PAD, metrics.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
            y += metrics.height()
        if r:
            painter.setPen(QPen(QColor("#eee"), 1))
            painter.drawLine(QPointF(0, top), QPointF(self.width(), top))

    def _paint_cell(self, painter: QPainter, rect: QRectF, hist, color: QColor) -> None:
        plot = QRectF(rect.left(), rect.top(), rect.width(), rect.height() - RANGE_HEIGHT)
        painter.setPen(QPen(QColor("#999"), 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        if hist is None or not np.isfinite(hist.edges).all() or not len(hist.counts):
            return
        edges, counts = np.asarray(hist.edges, dtype=float), np.asarray(hist.counts, dtype=float)
        lo, hi = float(edges[0]), float(edges[-1])
        span = hi - lo if hi > lo else 1.0
        top = float(counts.max()) if counts.size and counts.max() > 0 else 1.0
        xs = plot.left() + (edges - lo) / span * plot.width()
        ys = plot.bottom() - counts / top * plot.height()
        points = [QPointF(xs[0], plot.bottom())]
        for i, y in enumerate(ys):
            points += [QPointF(xs[i], y), QPointF(xs[i + 1], y)]
        points.append(QPointF(xs[-1], plot.bottom()))
        fill = QColor(color)
        fill.setAlpha(170)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(QPen(color, 1))
        painter.setBrush(fill)
        painter.drawPolygon(QPolygonF(points))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if lo < 0 < hi:
            x = plot.left() + (0 - lo) / span * plot.width()
            painter.setPen(QPen(QColor("#666"), 1, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
        font = QFont(self.font())
        font.setPointSizeF(7)
        painter.setFont(font)
        painter.setPen(QColor("#555"))
        under = QRectF(rect.left(), plot.bottom() + 1, rect.width(), RANGE_HEIGHT - 1)
        painter.drawText(under, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, _number(lo))
        painter.drawText(under, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, _number(hi))
        if lo < 0 < hi:
            painter.drawText(QRectF(x - 20, under.top(), 40, under.height()), Qt.AlignmentFlag.AlignCenter, "0")

    # ------------------------------------------------------------------ tooltips

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            cell = self.cell_at(event.pos().x(), event.pos().y())
            text = ""
            if cell is not None:
                row, col = self.rows[cell[0]], self.columns[cell[1]][0]
                if col in row.cells and row.cells[col] is not None:
                    text = self.describe(row, col, row.cells[col])
            return answer_tooltip(self, event, text)
        return super().event(event)
