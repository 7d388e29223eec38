"""The backprop stepper's drawing of the network: neurons as circles in columns (layer 0 the
inputs), links as lines, and above each column a bias node "1" whose links to the next layer are the biases (as
"Deep Learning from Scratch" draws them). What each shows is the
current phase's number from the core stepper's record (core.experiments.stepper_records):

* Forward and Loss: each neuron's activation a, each link its weight;
* Backward, for the layers backprop has reached so far: each neuron's error signal δ and each
  link's gradient ∂L/∂w;
* Update: each link's change Δw (the neurons keep their δ).

Colour is the sign (orange positive, blue negative), strength the size against the largest in
the layer. Clicking a neuron or a link selects it (`selected`): the side panel shows its formulas.
Nothing is computed here: the numbers are the record's.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from playground.core.experiments.stepper_formulas import num

__all__ = ["StepperCanvas"]

POSITIVE, NEGATIVE, NEUTRAL = QColor(234, 120, 30), QColor(40, 110, 210), QColor(150, 150, 150)
SELECTED = QColor(220, 30, 60)
LABEL_LINKS = 12  # links are labelled with their numbers when a layer has at most this many


def _tint(value: float, biggest: float) -> QColor:
    if not biggest or not math.isfinite(value):
        return QColor(NEUTRAL)
    share = min(1.0, abs(value) / biggest)
    base = POSITIVE if value > 0 else NEGATIVE
    white = QColor(255, 255, 255)
    mix = 0.15 + 0.85 * share
    return QColor(
        round(white.red() + (base.red() - white.red()) * mix),
        round(white.green() + (base.green() - white.green()) * mix),
        round(white.blue() + (base.blue() - white.blue()) * mix),
    )


class StepperCanvas(QWidget):
    """Draws a StepRecord for the phase the dialog has reached (`set_record`)."""

    selected = Signal(object)  # ("neuron", layer, unit) or ("link", layer, unit, source or None)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.record = None
        self.phase = ""
        self.back_from = 0  # the lowest layer backprop has reached (0: none shown yet)
        self.selection: tuple | None = None
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(420, 300)

    def sizeHint(self) -> QSize:
        return QSize(640, 440)

    # ----------------------------------------------------------------- what is shown

    def set_record(self, record, phase: str, back_from: int = 0) -> None:
        """Show `record` at `phase` ("forward", "loss", "backward", "update"); in the backward
        phase the layers from `back_from` up show δ and ∂L/∂w."""
        self.record, self.phase = record, phase
        layers = len(record.neurons) - 1 if record is not None else 0
        self.back_from = back_from if phase == "backward" else (1 if phase == "update" else layers + 1)
        self.update()

    def clear(self) -> None:
        self.record, self.phase, self.selection = None, "", None
        self.update()

    def _sample(self) -> int:
        return self.record.sample - 1

    def _backward_shown(self, layer: int) -> bool:
        return layer >= 1 and layer >= self.back_from and self.phase in ("backward", "update")

    def neuron_value(self, layer: int, unit: int) -> tuple[str, float] | None:
        """(symbol, number) the neuron shows now: a, or δ once backprop has reached its layer."""
        if self.record is None:
            return None
        n = self.record.neurons[layer][unit - 1]
        s = self._sample()
        if self._backward_shown(layer) and n.delta is not None:
            return "δ", n.delta[s]
        return "a", n.a[s]

    def link_value(self, layer: int, unit: int, source: int | None) -> tuple[str, float] | None:
        """(symbol, number) the link shows now: its weight, ∂L/∂w in the backward phase, Δw after the update."""
        link = self._link(layer, unit, source)
        if link is None:
            return None
        if self.phase == "update" and link.change is not None:
            return "Δw", link.change
        if self._backward_shown(layer) and link.grad is not None:
            return "∂L/∂w", link.grad
        return "w", link.weight

    def _link(self, layer: int, unit: int, source: int | None):
        if self.record is None or layer >= len(self.record.links):
            return None
        return next((k for k in self.record.links[layer] if k.unit == unit and k.source == source), None)

    # ----------------------------------------------------------------- geometry

    def _centres(self) -> tuple[list[list[QPointF]], float]:
        columns = self.record.neurons
        margin_x, top, bottom = 70.0, 76.0, 24.0  # the titles and the bias nodes above the neurons
        width, height = max(1.0, self.width() - 2 * margin_x), max(1.0, self.height() - top - bottom)
        tallest = max(len(c) for c in columns)
        radius = max(10.0, min(26.0, height / (tallest * 2.6), width / (len(columns) * 5)))
        centres = []
        for c, units in enumerate(columns):
            x = margin_x + (width * c / max(1, len(columns) - 1) if len(columns) > 1 else width / 2)
            gap = height / max(1, len(units))
            centres.append([QPointF(x, top + gap * (j + 0.5)) for j in range(len(units))])
        return centres, radius

    @staticmethod
    def _bias_rect(column_top: QPointF) -> QRectF:
        """The bias node "1" of a column (drawn above it): its links to the next layer are the biases."""
        return QRectF(column_top.x() - 9, 42, 18, 18)

    def _segments(self):
        """(layer, unit, source, start, end) for every link, the biases' from their square."""
        centres, radius = self._centres()
        out = []
        for layer in range(1, len(centres)):
            for j, end in enumerate(centres[layer], start=1):
                for i, start in enumerate(centres[layer - 1], start=1):
                    out.append((layer, j, i, start, end))
                out.append((layer, j, None, self._bias_rect(centres[layer - 1][0]).center(), end))
        return out, centres, radius

    def neuron_at(self, pos: QPointF) -> tuple[int, int] | None:
        if self.record is None:
            return None
        centres, radius = self._centres()
        for layer, column in enumerate(centres):
            for j, c in enumerate(column, start=1):
                if math.hypot(pos.x() - c.x(), pos.y() - c.y()) <= radius:
                    return layer, j
        return None

    def link_at(self, pos: QPointF) -> tuple[int, int, int | None] | None:
        if self.record is None:
            return None
        segments, centres, radius = self._segments()
        best, nearest = None, 5.0
        for layer, j, i, a, b in segments:
            d = _distance(pos, a, b)
            if d < nearest:
                best, nearest = (layer, j, i), d
        return best

    def link_point(self, layer: int, unit: int, source: int | None) -> QPointF:
        """A point on the link (near its middle, clear of crossings; a bias's square) where a click selects it."""
        centres, radius = self._centres()
        end = centres[layer][unit - 1]
        start = self._bias_rect(centres[layer - 1][0]).center() if source is None else centres[layer - 1][source - 1]
        points = [QPointF(start.x() + (end.x() - start.x()) * t, start.y() + (end.y() - start.y()) * t)
                  for t in (0.5, 0.4, 0.6, 0.3, 0.7, 0.25, 0.75)]
        return next((p for p in points if self.link_at(p) == (layer, unit, source)), points[0])

    def neuron_point(self, layer: int, unit: int) -> QPointF:
        return self._centres()[0][layer][unit - 1]

    # ----------------------------------------------------------------- events

    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        hit = self.neuron_at(pos)
        if hit is not None:
            self.select(("neuron", *hit))
            return
        link = self.link_at(pos)
        if link is not None:
            self.select(("link", *link))

    def select(self, what: tuple | None) -> None:
        self.selection = what
        self.update()
        self.selected.emit(what)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        hit = self.neuron_at(pos)
        if hit is not None:
            shown = self.neuron_value(*hit)
            self.setToolTip(f"{_neuron_name(*hit)}: {shown[0]} = {num(shown[1])}" if shown else "")
            return
        link = self.link_at(pos)
        shown = self.link_value(*link) if link else None
        self.setToolTip(f"{self._link(*link).name}: {shown[0]} = {num(shown[1])}" if shown else "")

    # ----------------------------------------------------------------- painting

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(255, 255, 255))
        if self.record is None:
            painter.setPen(QColor(90, 90, 90))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             self.tr("Press Forward (F10) to send the next batch through the network."))
            return
        segments, centres, radius = self._segments()
        self._paint_links(painter, segments, radius)
        self._paint_neurons(painter, centres, radius)
        painter.end()

    def _paint_links(self, painter: QPainter, segments, radius: float) -> None:
        small = QFont(self.font())
        small.setPixelSize(10)
        painter.setFont(small)
        for layer in range(1, len(self.record.neurons)):
            values = [self.link_value(l, j, i)[1] for l, j, i, _, _ in segments if l == layer]
            biggest = max((abs(v) for v in values if math.isfinite(v)), default=0.0)
            labelled = len(values) <= LABEL_LINKS
            for l, j, i, a, b in segments:
                if l != layer:
                    continue
                symbol, value = self.link_value(l, j, i)
                chosen = self.selection == ("link", l, j, i)
                colour = SELECTED if chosen else _tint(value, biggest)
                width = 1.0 + 4.0 * (min(1.0, abs(value) / biggest) if biggest else 0.0)
                painter.setPen(QPen(colour, width + (1.5 if chosen else 0.0)))
                painter.drawLine(a, b)
                if labelled or chosen:
                    mid = QPointF(a.x() + (b.x() - a.x()) * 0.62, a.y() + (b.y() - a.y()) * 0.62)
                    painter.setPen(SELECTED if chosen else QColor(50, 50, 50))
                    painter.drawText(QRectF(mid.x() - 40, mid.y() - 14, 80, 12), Qt.AlignmentFlag.AlignCenter, num(value))

    def _paint_neurons(self, painter: QPainter, centres, radius: float) -> None:
        font = QFont(self.font())
        font.setPixelSize(max(8, int(radius * 0.4)))
        head = QFont(self.font())
        head.setPixelSize(12)
        head.setBold(True)
        for layer, column in enumerate(centres):
            values = [self.neuron_value(layer, j)[1] for j in range(1, len(column) + 1)]
            biggest = max((abs(v) for v in values if math.isfinite(v)), default=0.0)
            symbol = self.neuron_value(layer, 1)[0]
            painter.setFont(head)
            painter.setPen(QColor(40, 40, 40))
            title = self.tr("Input") if layer == 0 else self.tr("Layer {0}").format(layer)
            function = self.record.neurons[layer][0].function
            if layer and function != "Linear":
                title += f" ({function})"
            x = column[0].x()
            painter.drawText(QRectF(x - 70, 4, 140, 16), Qt.AlignmentFlag.AlignCenter, title)
            painter.drawText(QRectF(x - 70, 20, 140, 16), Qt.AlignmentFlag.AlignCenter, symbol)
            if layer < len(centres) - 1:  # the bias node feeding the next layer
                rect = self._bias_rect(column[0])
                painter.setBrush(QColor(235, 235, 235))
                painter.drawRect(rect)
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "1")
            painter.setFont(font)
            for j, (c, value) in enumerate(zip(column, values), start=1):
                chosen = self.selection == ("neuron", layer, j)
                painter.setBrush(_tint(value, biggest))
                painter.setPen(QPen(SELECTED if chosen else QColor(60, 60, 60), 3 if chosen else 1))
                painter.drawEllipse(c, radius, radius)
                painter.setPen(QColor(20, 20, 20))
                painter.drawText(QRectF(c.x() - radius, c.y() - radius, 2 * radius, 2 * radius),
                                 Qt.AlignmentFlag.AlignCenter, num(value))
        painter.setBrush(Qt.BrushStyle.NoBrush)


def _neuron_name(layer: int, unit: int) -> str:
    return f"a0[{unit}]" if layer == 0 else f"z{layer}[{unit}]"


def _distance(p: QPointF, a: QPointF, b: QPointF) -> float:
    dx, dy = b.x() - a.x(), b.y() - a.y()
    length = dx * dx + dy * dy
    t = 0.0 if not length else max(0.0, min(1.0, ((p.x() - a.x()) * dx + (p.y() - a.y()) * dy) / length))
    return math.hypot(p.x() - (a.x() + t * dx), p.y() - (a.y() + t * dy))
