"""Digits drawn as pen strokes, in the everyday styles MNIST has few of: a 1 with a flag (and a
base), a 7 with a crossbar or a starting tick, an open 4, a 2 with a loop, a 9 with a straight
stem, and so on — as learners in Japan and Europe write them on the Draw tab's canvas.

MNIST's digits were written by American Census employees and students; a model trained on
them alone reads a flagged 1 as a 7 and a small 5 drawn with a thick brush as an 8. The
`drawn_digits` here are rendered as the canvas renders a drawing (round-capped anti-aliased
strokes on a 280×280 canvas, gui/tabs/draw_canvas.py) from stroke templates, each varied at
random (every control point moved, slant, width, rotation, size on the canvas, brush width,
place), and framed by `preprocess_digit` exactly as the canvas frames a drawing. mnist-5k's
option `drawn` adds them to its training digits (core.data.images); the test digits are
never touched.
"""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np

from playground.core.data.preprocess import preprocess_digit

__all__ = ["CANVAS", "DIGIT_STYLES", "drawn_digits", "render_strokes", "spline"]

CANVAS = 280  # the Draw tab's canvas (draw_canvas.CANVAS_SIZE)

Point = tuple[float, float]
Stroke = Sequence[Point]


def spline(points: Sequence[Point], step: float = 4.0) -> list[Point]:
    """A Catmull-Rom curve through `points`, sampled about every `step` units (a pointer's
    move events); two points give a straight line, one point a dot."""
    pts = [tuple(map(float, p)) for p in points]
    if len(pts) < 2:
        return pts
    out: list[Point] = [pts[0]]
    padded = [pts[0], *pts, pts[-1]]
    for i in range(1, len(padded) - 2):
        p0, p1, p2, p3 = (np.asarray(p) for p in padded[i - 1 : i + 3])
        n = max(1, math.ceil(float(np.hypot(*(p2 - p1))) / step))
        for t in np.arange(1, n + 1) / n:
            t2, t3 = t * t, t * t * t
            q = 0.5 * (2 * p1 + (p2 - p0) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t2 + (3 * p1 - p0 - 3 * p2 + p3) * t3)
            out.append((float(q[0]), float(q[1])))
    return out


def render_strokes(strokes: Sequence[Stroke], size: int = CANVAS, width: float = 20.0) -> np.ndarray:
    """Polylines (canvas pixels, x right, y down) as white round-capped anti-aliased strokes of
    `width` px on a black size×size canvas, float32 in [0, 1]: what the canvas's QPainter
    paints for the same pointer path (a pixel's ink is how far its centre lies inside the
    stroke, clipped to [0, 1]). Each segment touches only its own bounding box."""
    canvas = np.zeros((size, size), np.float32)
    r = width / 2
    for stroke in strokes:
        pts = np.asarray(stroke, np.float64).reshape(-1, 2)
        if len(pts) == 1:
            pts = np.vstack([pts, pts])
        for (x0, y0), (x1, y1) in zip(pts[:-1], pts[1:]):
            left = max(0, math.floor(min(x0, x1) - r - 1))
            right = min(size, math.ceil(max(x0, x1) + r + 2))
            top = max(0, math.floor(min(y0, y1) - r - 1))
            bottom = min(size, math.ceil(max(y0, y1) + r + 2))
            if left >= right or top >= bottom:
                continue
            yy = np.arange(top, bottom, dtype=np.float64)[:, None] + 0.5
            xx = np.arange(left, right, dtype=np.float64)[None, :] + 0.5
            dx, dy = x1 - x0, y1 - y0
            t = np.clip(((xx - x0) * dx + (yy - y0) * dy) / max(dx * dx + dy * dy, 1e-9), 0, 1)
            dist = np.hypot(xx - (x0 + t * dx), yy - (y0 + t * dy))
            ink = np.clip(r + 0.5 - dist, 0, 1).astype(np.float32)
            window = canvas[top:bottom, left:right]
            np.maximum(window, ink, out=window)
    return canvas


def _arc(cx: float, cy: float, rx: float, ry: float, start: float, end: float, n: int = 9) -> list[Point]:
    """Points on an ellipse from angle `start` to `end` (degrees, 0 = right, 90 = down)."""
    return [(cx + rx * math.cos(math.radians(a)), cy + ry * math.sin(math.radians(a))) for a in np.linspace(start, end, n)]


# Templates in a unit box (x right, y down; a digit spans about 0..1 in y), each a list of
# strokes through control points, smoothed by `spline`. Several styles per digit.
DIGIT_STYLES: dict[int, dict[str, list[list[Point]]]] = {
    0: {
        "oval": [_arc(0.5, 0.5, 0.32, 0.5, -90, 275, 13)],
        "round, closed with overlap": [_arc(0.5, 0.5, 0.42, 0.48, -120, 265, 13)],
        "narrow": [_arc(0.5, 0.5, 0.2, 0.5, -80, 285, 13)],
    },
    1: {
        "plain": [[(0.5, 0.0), (0.5, 1.0)]],
        "short flag": [[(0.3, 0.2), (0.52, 0.0), (0.52, 1.0)]],
        "long flag": [[(0.15, 0.38), (0.55, 0.0), (0.55, 1.0)]],
        "flag and base": [[(0.28, 0.22), (0.5, 0.0), (0.5, 1.0)], [(0.22, 1.0), (0.78, 1.0)]],
        "plain with base": [[(0.5, 0.0), (0.5, 1.0)], [(0.25, 1.0), (0.75, 1.0)]],
    },
    2: {
        "curve and flat base": [[(0.1, 0.25), (0.3, 0.03), (0.62, 0.02), (0.82, 0.25), (0.7, 0.5), (0.1, 1.0), (0.9, 1.0)]],
        "loop at the bottom": [
            [(0.12, 0.25), (0.35, 0.02), (0.7, 0.05), (0.8, 0.3), (0.55, 0.62), (0.2, 0.9),
             (0.15, 1.0), (0.3, 0.95), (0.35, 0.82), (0.3, 0.95), (0.6, 1.0), (0.92, 0.95)]
        ],
        "Z-like": [[(0.1, 0.05), (0.85, 0.05), (0.12, 1.0), (0.9, 1.0)]],
    },
    3: {
        "two bumps": [[(0.12, 0.12), (0.5, 0.0), (0.82, 0.2), (0.45, 0.48), (0.85, 0.72), (0.5, 1.0), (0.1, 0.88)]],
        "flat top": [[(0.12, 0.02), (0.85, 0.02), (0.42, 0.42), (0.85, 0.65), (0.55, 1.0), (0.1, 0.88)]],
        "round": [_arc(0.45, 0.26, 0.35, 0.25, 200, 450, 7) + _arc(0.45, 0.74, 0.4, 0.26, -90, 160, 8)[1:]],
    },
    4: {
        "open": [[(0.5, 0.0), (0.08, 0.66), (0.95, 0.66)], [(0.72, 0.2), (0.72, 1.0)]],
        "closed": [[(0.72, 1.0), (0.72, 0.0), (0.05, 0.68), (0.95, 0.68)]],
        "open, two strokes down": [[(0.2, 0.0), (0.12, 0.6), (0.92, 0.6)], [(0.72, 0.05), (0.7, 1.0)]],
    },
    5: {
        "body then top bar": [[(0.25, 0.02), (0.2, 0.45), (0.55, 0.36), (0.85, 0.62), (0.65, 0.95), (0.15, 0.92)],
                              [(0.25, 0.02), (0.85, 0.02)]],
        "one stroke": [[(0.85, 0.02), (0.25, 0.02), (0.2, 0.45), (0.55, 0.36), (0.85, 0.62), (0.6, 0.97), (0.15, 0.88)]],
        "angular": [[(0.25, 0.0), (0.22, 0.45), (0.8, 0.5), (0.78, 0.95), (0.15, 0.95)], [(0.25, 0.0), (0.85, 0.0)]],
    },
    6: {
        "round": [[(0.75, 0.0), (0.35, 0.25), (0.15, 0.65), (0.4, 1.0), (0.8, 0.8), (0.65, 0.5), (0.25, 0.6)]],
        "straight stem": [[(0.6, 0.0), (0.2, 0.7), (0.5, 1.0), (0.82, 0.75), (0.55, 0.48), (0.22, 0.65)]],
        "small loop": [[(0.7, 0.0), (0.3, 0.35), (0.2, 0.8), (0.45, 1.0), (0.7, 0.82), (0.5, 0.62), (0.22, 0.78)]],
    },
    7: {
        "plain": [[(0.05, 0.02), (0.95, 0.02), (0.4, 1.0)]],
        "crossbar": [[(0.05, 0.02), (0.95, 0.02), (0.4, 1.0)], [(0.3, 0.52), (0.85, 0.5)]],
        "tick at the start": [[(0.05, 0.2), (0.07, 0.0), (0.95, 0.02), (0.45, 1.0)]],
        "tick and crossbar": [[(0.05, 0.18), (0.07, 0.0), (0.95, 0.02), (0.45, 1.0)], [(0.35, 0.5), (0.88, 0.48)]],
        "curved stem": [[(0.05, 0.02), (0.95, 0.02), (0.6, 0.45), (0.45, 1.0)]],
    },
    8: {
        "one stroke": [[(0.8, 0.12), (0.5, 0.0), (0.2, 0.15), (0.35, 0.4), (0.75, 0.62), (0.8, 0.9), (0.5, 1.0),
                        (0.2, 0.88), (0.25, 0.62), (0.65, 0.4), (0.8, 0.18)]],
        "two loops": [_arc(0.5, 0.25, 0.26, 0.25, 90, 450, 10), _arc(0.5, 0.74, 0.34, 0.26, -90, 270, 10)],
    },
    9: {
        "straight stem": [_arc(0.5, 0.3, 0.35, 0.3, 0, 370, 11), [(0.85, 0.3), (0.85, 1.0)]],
        "one stroke, straight stem": [[(0.82, 0.2), (0.5, 0.0), (0.18, 0.25), (0.45, 0.58), (0.82, 0.35), (0.82, 0.05), (0.8, 1.0)]],
        "curved stem": [[(0.82, 0.2), (0.5, 0.0), (0.18, 0.28), (0.5, 0.58), (0.82, 0.3), (0.75, 0.7), (0.45, 1.0)]],
    },
}


def _random_drawing(strokes: list[list[Point]], rng: np.random.Generator) -> tuple[list[list[Point]], float]:
    """One template as a pointer would draw it on the canvas: (strokes in canvas px, brush)."""
    wobble = rng.uniform(0.0, 0.06)
    slant = math.tan(math.radians(rng.uniform(-20, 25)))  # right-leaning writing is commoner
    aspect = rng.uniform(0.65, 1.3)
    turn = math.radians(rng.uniform(-10, 10))
    cos, sin = math.cos(turn), math.sin(turn)
    moved = []
    for stroke in strokes:
        pts = np.asarray(stroke, np.float64) + rng.normal(0.0, wobble, (len(stroke), 2))
        x = (pts[:, 0] - 0.5) * aspect - slant * (pts[:, 1] - 0.5)
        y = pts[:, 1] - 0.5
        moved.append(np.stack([cos * x - sin * y, sin * x + cos * y], 1))
    # Size on the canvas (the digit's height, px) and brush: small digits in the default brush
    # come out thick once framed, large ones drawn with a thin brush hairline-thin.
    height = float(np.exp(rng.uniform(math.log(50), math.log(250))))
    brush = float(rng.choice([20.0, rng.uniform(6, 40)]))
    brush = min(brush, 0.45 * height)
    all_pts = np.concatenate(moved) * height
    low, high = all_pts.min(0), all_pts.max(0)
    margin = brush / 2 + 1
    room = CANVAS - 2 * margin - (high - low)
    offset = margin - low + rng.uniform(0, 1, 2) * np.maximum(room, 0)
    if (room < 0).any():  # too big for the canvas: centre it, strokes run off the edge
        offset = np.where(room < 0, CANVAS / 2 - (low + high) / 2, offset)
    drawn = [spline([tuple(p) for p in s * height + offset], step=4.0) for s in moved]
    return drawn, brush


def drawn_digits(count: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """`count` stroke-drawn digits, as many of each digit (the first `count % 10` get one more)
    and each digit's styles in turn: (count×28×28 uint8 white on black framed as the canvas
    frames a drawing, count labels int64). The same `seed` gives the same digits."""
    rng = np.random.default_rng(seed)
    images = np.zeros((count, 28, 28), np.uint8)
    labels = np.arange(count, dtype=np.int64) % 10
    for i, label in enumerate(labels):
        styles = list(DIGIT_STYLES[int(label)].values())
        strokes, brush = _random_drawing(styles[(i // 10) % len(styles)], rng)
        framed = preprocess_digit(render_strokes(strokes, CANVAS, brush)).image
        images[i] = np.round(framed * 255).astype(np.uint8)
    return images, labels
