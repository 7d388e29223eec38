"""The loss landscape as a picture, drawn with Pillow (a base dependency; no matplotlib, as
inspect_images.py): the loss as filled colour on a log scale with contour lines, the optimizers'
paths over it (a circle at the start, a square at the end), axes with ticks, a colour bar and a
legend. `landscape_png` returns the PNG's bytes; its size is fixed (WIDTH × HEIGHT).
"""

from __future__ import annotations

import io

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from playground.core.experiments.inspect_images import _SEQUENTIAL, _lut
from playground.core.experiments.landscape import Landscape

__all__ = ["HEIGHT", "LEVELS", "PLOT", "WIDTH", "landscape_image", "landscape_png"]

PLOT = 480  # the plot's side in pixels
LEFT, TOP, BOTTOM = 64, 36, 52
BAR_GAP, BAR_W, BAR_LABELS = 16, 18, 64
LEGEND = 190
WIDTH = LEFT + PLOT + BAR_GAP + BAR_W + BAR_LABELS + LEGEND
HEIGHT = TOP + PLOT + BOTTOM
LEVELS = 14  # contour lines, evenly spaced in log10(loss)
INK, MISSING = (30, 30, 30), (200, 200, 200)
PATH_COLOURS = [(228, 26, 28), (255, 255, 255), (255, 127, 0), (0, 220, 255), (247, 129, 191), (166, 86, 40), (152, 78, 163), (77, 175, 74)]


def _resample(values: np.ndarray, size: int) -> np.ndarray:
    """Bilinear resampling of a (ny, nx) grid to size × size pixels, row 0 at the top = the
    largest y (NaN stays NaN where a corner is NaN)."""
    ny, nx = values.shape
    gy = np.linspace(ny - 1, 0, size)
    gx = np.linspace(0, nx - 1, size)
    y0 = np.clip(np.floor(gy).astype(int), 0, max(ny - 2, 0))
    x0 = np.clip(np.floor(gx).astype(int), 0, max(nx - 2, 0))
    ty, tx = (gy - y0)[:, None], (gx - x0)[None, :]
    y1, x1 = np.minimum(y0 + 1, ny - 1), np.minimum(x0 + 1, nx - 1)
    v = values
    top = v[y0][:, x0] * (1 - tx) + v[y0][:, x1] * tx
    bottom = v[y1][:, x0] * (1 - tx) + v[y1][:, x1] * tx
    return top * (1 - ty) + bottom * ty


def _ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    if hi <= lo:
        return [lo]
    raw = (hi - lo) / n
    mag = 10 ** np.floor(np.log10(raw))
    step = min((m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw), default=10 * mag)
    first = np.ceil(lo / step) * step
    return [float(t) for t in np.arange(first, hi + step * 1e-9, step)]


def _fmt(v: float) -> str:
    return f"{v:.3g}" if v != 0 else "0"


def landscape_image(land: Landscape) -> Image.Image:
    """The picture (module docstring) of `land`."""
    img = Image.new("RGB", (WIDTH, HEIGHT), (255, 255, 255))
    draw = ImageDraw.Draw(img)
    font = ImageFont.load_default()
    losses = np.asarray(land.losses, dtype=np.float64)
    finite = losses[np.isfinite(losses)]
    logs = np.log10(np.clip(losses, 1e-12, None))
    lo, hi = (float(np.log10(max(finite.min(), 1e-12))), float(np.log10(max(finite.max(), 1e-12)))) if finite.size else (0.0, 1.0)
    if hi - lo < 1e-9:
        hi = lo + 1e-9
    field = _resample(logs, PLOT)
    scaled = (field - lo) / (hi - lo)
    rgb = _lut(_SEQUENTIAL, scaled)
    rgb[~np.isfinite(field)] = MISSING
    bands = np.floor(np.nan_to_num(scaled, nan=-1) * LEVELS)
    edge = np.zeros(bands.shape, dtype=bool)
    edge[:, 1:] |= bands[:, 1:] != bands[:, :-1]
    edge[1:, :] |= bands[1:, :] != bands[:-1, :]
    rgb[edge] = (rgb[edge] * 0.55).astype(np.uint8)
    img.paste(Image.fromarray(rgb, "RGB"), (LEFT, TOP))
    draw.rectangle([LEFT - 1, TOP - 1, LEFT + PLOT, TOP + PLOT], outline=INK)

    x0, x1, y0, y1 = float(land.x[0]), float(land.x[-1]), float(land.y[0]), float(land.y[-1])

    def px(a: float, b: float) -> tuple[float, float]:
        return LEFT + (a - x0) / (x1 - x0) * (PLOT - 1), TOP + (y1 - b) / (y1 - y0) * (PLOT - 1)

    for t in _ticks(x0, x1):
        x, _ = px(t, y0)
        draw.line([x, TOP + PLOT, x, TOP + PLOT + 4], fill=INK)
        draw.text((x, TOP + PLOT + 6), _fmt(t), fill=INK, font=font, anchor="mt")
    for t in _ticks(y0, y1):
        _, y = px(x0, t)
        draw.line([LEFT - 5, y, LEFT - 1, y], fill=INK)
        draw.text((LEFT - 7, y), _fmt(t), fill=INK, font=font, anchor="rm")
    pca = land.plane.get("kind") == "pca"
    draw.text((LEFT + PLOT / 2, HEIGHT - 16), "1st principal direction" if pca else "direction 1 (filter-normalised)", fill=INK, font=font, anchor="mm")
    draw.text((LEFT, 8), "direction 2" + (" (2nd principal)" if pca else ""), fill=INK, font=font)
    status = "" if land.complete else " — stopped early: grey = not computed"
    draw.text((LEFT + PLOT, 8), f"loss on {land.samples} training samples{status}", fill=INK, font=font, anchor="ra")

    # the paths
    legend = []
    for k, path in enumerate(land.paths):
        colour = PATH_COLOURS[k % len(PATH_COLOURS)]
        points = [px(a, b) for a, b in zip(path.x, path.y)]
        if len(points) > 1:
            draw.line(points, fill=colour, width=2)
        for x, y in points[1:-1]:
            draw.ellipse([x - 1.5, y - 1.5, x + 1.5, y + 1.5], fill=colour)
        (sx, sy), (ex, ey) = points[0], points[-1]
        draw.ellipse([sx - 5, sy - 5, sx + 5, sy + 5], outline=colour, width=2)
        draw.rectangle([ex - 4, ey - 4, ex + 4, ey + 4], fill=colour, outline=INK)
        legend.append((path.name, colour))
    if land.minimum is not None and not land.paths:
        mx, my = px(land.minimum[0], land.minimum[1])
        draw.line([mx - 6, my, mx + 6, my], fill=(255, 255, 255), width=2)
        draw.line([mx, my - 6, mx, my + 6], fill=(255, 255, 255), width=2)
        legend.append(("lowest grid point", (255, 255, 255)))
    cx, cy = px(0.0, 0.0)
    draw.ellipse([cx - 3, cy - 3, cx + 3, cy + 3], fill=INK)
    legend.insert(0, ("centre: the trained weights" if not pca else f"centre: {land.settings.get('reference', '')}'s end", INK))

    # the colour bar (log scale)
    bx = LEFT + PLOT + BAR_GAP
    ramp = np.linspace(1, 0, PLOT)[:, None].repeat(BAR_W, axis=1)
    img.paste(Image.fromarray(_lut(_SEQUENTIAL, ramp), "RGB"), (bx, TOP))
    draw.rectangle([bx - 1, TOP - 1, bx + BAR_W, TOP + PLOT], outline=INK)
    for value in np.linspace(lo, hi, 6):
        y = TOP + (hi - value) / (hi - lo) * (PLOT - 1)
        draw.line([bx + BAR_W, y, bx + BAR_W + 4, y], fill=INK)
        draw.text((bx + BAR_W + 6, y), f"{10 ** value:.3g}", fill=INK, font=font, anchor="lm")
    draw.text((bx, TOP + PLOT + 8), "loss (log)", fill=INK, font=font)

    # the legend
    lx, ly = bx + BAR_W + BAR_LABELS + 8, TOP
    for name, colour in legend:
        draw.rectangle([lx, ly + 2, lx + 14, ly + 12], fill=colour, outline=INK)
        draw.text((lx + 20, ly + 7), name[:30], fill=INK, font=font, anchor="lm")
        ly += 18
    if land.paths:
        draw.text((lx, ly + 6), "circle: start, square: end", fill=INK, font=font)
    return img


def landscape_png(land: Landscape) -> bytes:
    buffer = io.BytesIO()
    landscape_image(land).save(buffer, "PNG", optimize=False)
    return buffer.getvalue()
