"""The skip connections of residual blocks in the network diagram's block picture.

A residual block (core/model/residual.py) is one block in the picture, drawn with a line across
it between its two convolutions; its skip connection is a rounded line that leaves the line into
the block, goes around the block on the side the blocks leave free, and rejoins the line after it
at a small circle marked "+" (the block's output is its convolutions' output plus its input).
`skip_connections` lays them out from the blocks' rectangles (network_diagram.py keeps them, so
tests can ask where they are); `paint_skips` draws them.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette, QPen

__all__ = ["SKIP_COLOR", "SKIP_ROOM", "Skip", "paint_skips", "skip_connections"]

SKIP_COLOR = QColor("#2a7f62")  # dark green: readable on light and dark window backgrounds
SKIP_ROOM = 22.0  # pixels kept free beside the blocks for the arcs (network_diagram.py)
RESIDUAL_TYPES = frozenset({"ResidualBlock"})


@dataclass(frozen=True)
class Skip:
    layer: int  # 1-based position of the residual block in the stack
    path: QPainterPath  # the arc, from the line into the block to the line after it
    plus: QPointF  # where it rejoins: the centre of the "+" circle
    radius: float  # of the "+" circle
    block: QRectF  # the block it goes around


def skip_connections(
    layer_types: list[str], rects: list[QRectF], vertical: bool, mid: float, room: float
) -> list[Skip]:
    """One Skip per residual block. `layer_types[i]` and `rects[i]` are item i's (item 0 the
    input); `mid` is the line through the blocks' centres (x when `vertical`, else y); the arcs
    bow up to `room` pixels beyond the blocks' side (left when vertical, else top)."""
    skips = []
    for i, layer_type in enumerate(layer_types):
        if i == 0 or layer_type not in RESIDUAL_TYPES:
            continue
        rect, before = rects[i], rects[i - 1]
        after = rects[i + 1] if i + 1 < len(rects) else None
        if vertical:
            start_along = (before.bottom() + rect.top()) / 2
            gap = rect.top() - before.bottom()
            end_along = (rect.bottom() + after.top()) / 2 if after is not None else rect.bottom() + gap / 2
            side = rect.left()
        else:
            start_along = (before.right() + rect.left()) / 2
            gap = rect.left() - before.right()
            end_along = (rect.right() + after.left()) / 2 if after is not None else rect.right() + gap / 2
            side = rect.top()
        # Out along the gap before the block, round its side just beyond it (within the room
        # kept for it), and back along the gap after it: rounded corners, never over a block.
        peak = side - min(room * 0.6, max(6.0, room - 4))
        radius = max(3.0, min(7.0, gap / 3))
        corner = max(2.0, min(10.0, gap / 2, (mid - peak) / 2))
        towards = 1.0  # from the bend towards the blocks' centre line
        path = QPainterPath(_point(start_along, mid, vertical))
        path.lineTo(_point(start_along, peak + towards * corner, vertical))
        path.quadTo(_point(start_along, peak, vertical), _point(start_along + corner, peak, vertical))
        path.lineTo(_point(end_along - corner, peak, vertical))
        path.quadTo(_point(end_along, peak, vertical), _point(end_along, peak + towards * corner, vertical))
        path.lineTo(_point(end_along, mid - radius, vertical))
        end = _point(end_along, mid, vertical)
        skips.append(Skip(i, path, end, radius, QRectF(rect)))
    return skips


def _point(along: float, cross: float, vertical: bool) -> QPointF:
    return QPointF(cross, along) if vertical else QPointF(along, cross)


def paint_skips(painter: QPainter, skips: list[Skip], palette: QPalette, vertical: bool) -> None:
    """The arcs, each block's divider between its two convolutions, and the "+" circles."""
    for skip in skips:
        painter.save()
        painter.setBrush(Qt.BrushStyle.NoBrush)
        divider = QPen(QColor(32, 32, 32, 120), 1)
        painter.setPen(divider)
        b = skip.block
        if vertical:
            painter.drawLine(QPointF(b.left() + 2, b.center().y()), QPointF(b.right() - 2, b.center().y()))
        else:
            painter.drawLine(QPointF(b.center().x(), b.top() + 2), QPointF(b.center().x(), b.bottom() - 2))
        painter.setPen(QPen(SKIP_COLOR, 2))
        painter.drawPath(skip.path)
        painter.setBrush(palette.base())
        painter.drawEllipse(skip.plus, skip.radius, skip.radius)
        arm = skip.radius * 0.6
        painter.setPen(QPen(SKIP_COLOR, 1.6))
        painter.drawLine(skip.plus - QPointF(arm, 0), skip.plus + QPointF(arm, 0))
        painter.drawLine(skip.plus - QPointF(0, arm), skip.plus + QPointF(0, arm))
        painter.restore()
