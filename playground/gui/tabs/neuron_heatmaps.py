"""The neurons' pictures in the network diagram (network_diagram.py): each unit's output over the
input plane as a small orange–white–blue image (core.experiments.neuron_maps makes the values),
the enlarged view of one of them, and where a link or neuron is under the mouse."""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter, QPen

__all__ = [
    "HeatColors", "heat_image", "heat_rgb", "model_maps", "nearest_link", "paint_enlarged", "paint_heatmap", "run_weights",
]


class HeatColors:
    """TensorFlow Playground's scale, as the decision boundary uses it: orange for negative
    values (class 0), near-white for zero (unsure), blue for positive ones (class 1)."""

    LOW = np.array([0xF5, 0x93, 0x22], dtype=float)
    MID = np.array([0xE8, 0xEA, 0xEB], dtype=float)
    HIGH = np.array([0x08, 0x77, 0xBD], dtype=float)


def run_weights(run, layers) -> list[np.ndarray] | None:
    """The Dense layers' (out, in) weight matrices of `run` (a TrainedModel) when it has the
    stack `layers` (the same layers: the same links), else None. BatchNorm's scale is stored as
    a weight too, of one dimension, and is left out. In layer order, whatever the order of the
    state dict (a bundle's safetensors does not keep it)."""
    if run is None or run.state_dict is None or tuple(run.config.model.layers) != tuple(layers):
        return None
    dense = [
        (int(k.split(".")[1]), v) for k, v in run.state_dict.items()
        if k.startswith("body.") and k.endswith(".weight") and v.ndim == 2
    ]
    return [v.numpy() for _, v in sorted(dense, key=lambda item: item[0])]


def model_maps(predictor, dataset):
    """The neuron maps (core.experiments.neuron_maps) of a predictor's network over the plane of
    the 2-D `dataset`, or None for a predictor without one in it (an ensemble, a graph)."""
    network = getattr(predictor, "model", None)
    if network is None:
        return None
    from playground.core.experiments.neuron_maps import GRID, neuron_maps
    from playground.gui.run.training_worker import boundary_grid

    return neuron_maps(network, *boundary_grid(dataset, GRID), predictor.task)


def heat_rgb(values: np.ndarray, low: float, high: float) -> np.ndarray:
    """rows×cols×3 uint8 colours of `values` (row 0 at the lowest y) scaled from `low` (orange)
    to `high` (blue), flipped so that the image's first row is the highest y, as on screen."""
    span = (high - low) or 1.0
    t = np.clip((np.asarray(values, dtype=float) - low) / span, 0.0, 1.0)[::-1, :, None]
    lower = HeatColors.LOW + (HeatColors.MID - HeatColors.LOW) * np.clip(2 * t, 0, 1)
    upper = HeatColors.MID + (HeatColors.HIGH - HeatColors.MID) * np.clip(2 * t - 1, 0, 1)
    return np.ascontiguousarray(np.where(t < 0.5, lower, upper).round().astype(np.uint8))


def heat_image(values: np.ndarray, low: float, high: float) -> QImage:
    """A QImage of `values` (heat_rgb), owning its pixels."""
    rgb = heat_rgb(values, low, high)
    rows, cols, _ = rgb.shape
    return QImage(rgb.data, cols, rows, 3 * cols, QImage.Format.Format_RGB888).copy()


def paint_heatmap(painter: QPainter, rect: QRectF, image: QImage, border: QColor) -> None:
    """`image` smoothly scaled into `rect`, with a thin border."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.drawImage(rect, image)
    painter.setPen(QPen(border, 1))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(rect)
    painter.restore()


def paint_enlarged(
    painter: QPainter,
    bounds: QRectF,
    anchor: QRectF,
    image: QImage,
    title: str,
    range_text: str,
    text_color: QColor,
    background: QColor,
) -> QRectF:
    """One neuron's map enlarged in a card beside `anchor` (the neuron), kept inside `bounds`,
    with a title above and its colour range below; returns the card's rectangle."""
    metrics = QFontMetricsF(painter.font())
    line = metrics.height()
    side = max(48.0, min(200.0, bounds.height() - 2 * line - 16, bounds.width() * 0.45))
    width = max(side, min(bounds.width() - 8, metrics.horizontalAdvance(title))) + 12
    height = side + 2 * line + 14
    x = anchor.right() + 8 if anchor.right() + 8 + width <= bounds.right() else anchor.left() - 8 - width
    x = min(max(x, bounds.left()), bounds.right() - width)
    y = min(max(anchor.center().y() - height / 2, bounds.top()), bounds.bottom() - height)
    card = QRectF(x, y, width, height)
    painter.save()
    painter.setPen(QPen(text_color.lighter(160) if text_color.lightness() < 128 else text_color.darker(160), 1))
    painter.setBrush(background)
    painter.drawRoundedRect(card, 5, 5)
    painter.setPen(text_color)
    text_rect = QRectF(card.left() + 6, card.top() + 4, card.width() - 12, line)
    painter.drawText(text_rect, Qt.AlignmentFlag.AlignHCenter, metrics.elidedText(title, Qt.TextElideMode.ElideRight, text_rect.width()))
    picture = QRectF(card.center().x() - side / 2, text_rect.bottom() + 3, side, side)
    paint_heatmap(painter, picture, image, text_color)
    painter.setPen(text_color)
    painter.drawText(QRectF(card.left() + 6, picture.bottom() + 3, card.width() - 12, line), Qt.AlignmentFlag.AlignHCenter, range_text)
    painter.restore()
    return card


def _distance_to_segment(p: QPointF, a: QPointF, b: QPointF) -> float:
    dx, dy = b.x() - a.x(), b.y() - a.y()
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((p.x() - a.x()) * dx + (p.y() - a.y()) * dy) / length2))
    return math.hypot(p.x() - a.x() - t * dx, p.y() - a.y() - t * dy)


def nearest_link(
    pos: QPointF, centres: list[list[QPointF]], radius: float, tolerance: float = 4.0
) -> tuple[int, int, int] | None:
    """(column, destination unit, source unit) of the link nearest `pos` within `tolerance`
    pixels, away from the neurons themselves; None if there is none."""
    best, found = tolerance, None
    for c in range(len(centres) - 1):
        left, right = centres[c][0].x() + radius, centres[c + 1][0].x() - radius
        if not left <= pos.x() <= right:
            continue
        for j, dst in enumerate(centres[c + 1]):
            for i, src in enumerate(centres[c]):
                d = _distance_to_segment(pos, src, dst)
                if d <= best:
                    best, found = d, (c, j, i)
    return found
