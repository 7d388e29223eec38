"""The canvas style set (tests/data/canvas_digits.json): everyday handwritten digits replayed as
pointer strokes on a real Draw tab canvas (gui/tabs/draw_canvas.DrawCanvas), each in every
variant the file lists (as drawn, small in the default brush, thick and thin brush, slanted,
off-centre). Used by tests/gui/test_starter_styles.py and benchmarks/starter_accuracy.py.

The non-digit set (tests/data/canvas_nondigits.json: scribbles, letters, shapes, a dot, two
digits side by side) is replayed the same way; its drawings have no digit (None). Used by
tests/gui/test_starter_confidence.py and benchmarks/starter_confidence.py.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from playground.core.data.strokes import CANVAS, spline

STYLE_SET = Path(__file__).parent / "data" / "canvas_digits.json"
NON_DIGIT_SET = Path(__file__).parent / "data" / "canvas_nondigits.json"


@dataclass(frozen=True)
class StyleDrawing:
    digit: int | None  # None in the non-digit set
    style: str
    variant: str
    brush: float
    strokes: list[list[tuple[float, float]]]  # pointer positions, canvas pixels, as the mouse moves

    @property
    def name(self) -> str:
        return f"{self.style} ({self.variant})" if self.digit is None else f"{self.digit} {self.style} ({self.variant})"


def style_set(path: Path = STYLE_SET) -> list[StyleDrawing]:
    """Every drawing of the file in every variant: each key point moved by up to `shake` px
    (a fixed pseudo-random offset per drawing), scaled about the canvas centre (x also by
    `narrow`), slanted (the top leans right by `shear` × half the height), moved, then
    sampled every 4 px."""
    data = json.loads(path.read_text(encoding="utf-8"))
    centre = CANVAS / 2
    out = []
    for variant, v in data["variants"].items():
        for index, drawing in enumerate(data["drawings"]):
            shake = np.random.default_rng(index)
            strokes = []
            for stroke in drawing["strokes"]:
                pts = np.asarray(stroke, np.float64)
                pts = pts + shake.uniform(-1, 1, pts.shape) * v.get("shake", 0)
                xs = centre + (pts[:, 0] - centre) * v["scale"] * v.get("narrow", 1.0)
                ys = centre + (pts[:, 1] - centre) * v["scale"]
                xs = xs + v["shear"] * (centre - ys) + v["move"][0]
                ys = ys + v["move"][1]
                strokes.append(spline(list(zip(xs, ys)), step=4.0))
            out.append(StyleDrawing(drawing.get("digit"), drawing["style"], variant, float(v["brush"]), strokes))
    return out


def non_digit_set() -> list[StyleDrawing]:
    """The non-digit drawings in every variant of their file (digit None)."""
    return style_set(NON_DIGIT_SET)


def draw_on_canvas(canvas, drawing: StyleDrawing) -> np.ndarray:
    """Replay `drawing` as mouse press / moves / release on `canvas` (a DrawCanvas, resized so
    that one widget pixel is one canvas pixel) and return the canvas image, as the Draw tab
    reads it after each stroke."""
    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    canvas.resize(CANVAS, CANVAS)
    canvas.clear()
    canvas.set_brush(drawing.brush)
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    for stroke in drawing.strokes:
        kinds = [QEvent.Type.MouseButtonPress] + [QEvent.Type.MouseMove] * (len(stroke) - 1)
        for kind, (x, y) in zip(kinds, stroke):
            pos = QPointF(x, y)
            button = left if kind == QEvent.Type.MouseButtonPress else none
            QApplication.sendEvent(canvas, QMouseEvent(kind, pos, pos, pos, button, left, Qt.KeyboardModifier.NoModifier))
        x, y = stroke[-1]
        pos = QPointF(x, y)
        QApplication.sendEvent(
            canvas, QMouseEvent(QEvent.Type.MouseButtonRelease, pos, pos, pos, left, none, Qt.KeyboardModifier.NoModifier)
        )
    return canvas.image_array()
