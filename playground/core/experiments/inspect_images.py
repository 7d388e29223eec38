"""Pictures for `playground inspect`, drawn with Pillow (a base dependency; no matplotlib): conv
filters in a blue-white-red scale, feature maps in a dark-to-yellow scale, an attribution heat
overlay on the input, and bar charts of layer histograms. Each function returns a PIL image;
the sizes follow from the arrays' shapes and the constants here (the tests check them through
the index that `inspect` writes).
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

__all__ = [
    "FEATURE_TILE", "FILTER_CELL", "INPUT_SCALE", "PAD", "attribution_overlay", "signed_attribution_overlay", "feature_map_grid", "filter_grid",
    "histogram_chart", "input_image", "save_png",
]

INPUT_SCALE = 8  # a 28×28 input is drawn 224×224
FILTER_CELL = 48  # a first-layer kernel is drawn about this many pixels wide (3×3: 16 px a weight)
DEEP_FILTER_CELL = 24  # deeper layers' kernels, one per input channel, smaller
FEATURE_TILE = 112  # a feature map is drawn about this many pixels wide (28×28: 4 px a value)
PAD = 2  # pixels between tiles
COLUMNS = 8  # tiles per row
BACKGROUND = (40, 40, 40)

# Dark to bright for feature maps (near viridis: dark blue, teal, green, yellow).
_SEQUENTIAL = np.array([[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]], dtype=np.float64)


def _lut(anchors: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Values in [0, 1] to RGB by linear interpolation between the anchors."""
    v = np.clip(np.nan_to_num(values, nan=0.0), 0.0, 1.0) * (len(anchors) - 1)
    lo = np.floor(v).astype(int).clip(0, len(anchors) - 2)
    t = (v - lo)[..., None]
    return (anchors[lo] * (1 - t) + anchors[lo + 1] * t).round().astype(np.uint8)


def _diverging(values: np.ndarray, scale: float) -> np.ndarray:
    """Blue for negative, white for 0, red for positive; ±scale at full colour."""
    v = np.clip(np.nan_to_num(values / scale if scale > 0 else values * 0), -1.0, 1.0)[..., None]
    white = np.array([255.0, 255.0, 255.0])
    red, blue = np.array([178.0, 24.0, 43.0]), np.array([33.0, 102.0, 172.0])
    rgb = np.where(v >= 0, white + (red - white) * v, white + (blue - white) * -v)
    return rgb.round().astype(np.uint8)


def _upscale(rgb: np.ndarray, factor: int) -> np.ndarray:
    return rgb.repeat(factor, axis=0).repeat(factor, axis=1)


def _grid(tiles: list[np.ndarray], columns: int) -> Image.Image:
    """Equal-sized RGB tiles in rows of `columns`, PAD pixels apart and around."""
    th, tw = tiles[0].shape[:2]
    cols = max(1, min(columns, len(tiles)))
    rows = math.ceil(len(tiles) / cols)
    canvas = np.full((rows * (th + PAD) + PAD, cols * (tw + PAD) + PAD, 3), BACKGROUND, dtype=np.uint8)
    for i, tile in enumerate(tiles):
        r, c = divmod(i, cols)
        y, x = PAD + r * (th + PAD), PAD + c * (tw + PAD)
        canvas[y : y + th, x : x + tw] = tile
    return Image.fromarray(canvas, "RGB")


def filter_grid(weights: np.ndarray, first: bool) -> Image.Image:
    """A Conv2D layer's weights (out × in × kh × kw) as pictures: the first layer's kernels one
    per filter, 8 to a row (an RGB input's channels side by side); a deeper layer's as one row
    per filter with a kernel per input channel. Blue < 0 < red, scaled by the layer's largest |w|."""
    out_c, in_c, kh, kw = weights.shape
    scale = float(np.abs(weights).max())
    cell = FILTER_CELL if first else DEEP_FILTER_CELL
    factor = max(2, cell // max(kh, kw))
    kernels = [[_upscale(_diverging(weights[o, i], scale), factor) for i in range(in_c)] for o in range(out_c)]
    if first:
        tiles = [np.concatenate(k, axis=1) if len(k) > 1 else k[0] for k in kernels]
        return _grid(tiles, COLUMNS)
    return _grid([tile for row in kernels for tile in row], in_c)


def feature_map_grid(maps: np.ndarray) -> Image.Image:
    """One layer's feature maps (C × H × W) for one image, 8 to a row, each drawn about
    FEATURE_TILE pixels wide, in one scale for the layer (0 and below darkest, its largest
    value brightest) so that channels can be compared."""
    c, h, w = maps.shape
    lo, hi = float(min(maps.min(), 0.0)), float(maps.max())
    norm = (maps - lo) / (hi - lo) if hi > lo else np.zeros_like(maps)
    factor = max(1, FEATURE_TILE // max(h, w))
    return _grid([_upscale(_lut(_SEQUENTIAL, norm[i]), factor) for i in range(c)], COLUMNS)


def input_image(pixels: np.ndarray) -> Image.Image:
    """The model's input (H × W in [0, 1], white ink on black) at INPUT_SCALE."""
    g = (np.clip(pixels, 0, 1) * 255).round().astype(np.uint8)
    return Image.fromarray(_upscale(np.stack([g, g, g], axis=-1), INPUT_SCALE), "RGB")


def attribution_overlay(pixels: np.ndarray, heat: np.ndarray) -> Image.Image:
    """`heat` (any H' × W', ≥ 0; scaled to its maximum) in red to yellow over the input drawn as
    `input_image`: where the model looked to decide."""
    base = np.asarray(input_image(pixels), dtype=np.float64) * 0.6
    size = base.shape[1], base.shape[0]
    h = np.clip(np.nan_to_num(heat, nan=0.0), 0, None)
    h = h / h.max() if h.max() > 0 else h
    h_img = Image.fromarray((h * 255).astype(np.uint8), "L").resize(size, Image.Resampling.BILINEAR)
    a = np.asarray(h_img, dtype=np.float64)[..., None] / 255.0
    hot = np.concatenate([np.full_like(a, 255.0), 255.0 * np.clip(2 * a - 1, 0, 1), np.zeros_like(a)], axis=-1)
    out = base * (1 - 0.75 * a) + hot * 0.75 * a
    return Image.fromarray(out.clip(0, 255).round().astype(np.uint8), "RGB")


def signed_attribution_overlay(pixels: np.ndarray, heat: np.ndarray, against: np.ndarray) -> Image.Image:
    """Integrated gradients' shares over the input drawn as `input_image`: the pixels that raised
    the class's score (`heat`, in [0, 1]) in red, those that lowered it (`against`) in blue."""
    base = np.asarray(input_image(pixels), dtype=np.float64) * 0.45
    size = base.shape[1], base.shape[0]
    layers = []
    for part in (heat, against):
        a = np.sqrt(np.clip(np.nan_to_num(np.asarray(part, np.float64), nan=0.0), 0, 1))  # shares fall off fast
        img = Image.fromarray((a * 255).astype(np.uint8), "L").resize(size, Image.Resampling.NEAREST)
        layers.append(np.clip(np.asarray(img, dtype=np.float64)[..., None] / 255.0 * 1.2, 0, 0.9))
    up, down = layers
    red, blue = np.array([255.0, 64.0, 26.0]), np.array([51.0, 140.0, 255.0])
    out = base * (1 - up) * (1 - down) + red * up + blue * down * (1 - up)
    return Image.fromarray(out.clip(0, 255).round().astype(np.uint8), "RGB")


CHART_W, CHART_H = 260, 150


def histogram_chart(panels: list[tuple[str, dict]]) -> Image.Image:
    """Bar charts side by side, one per (title, histogram) — a histogram as
    core.experiments.layer_stats writes it (counts as fractions, edges, mean, std) — each
    with its title and the range of its values below the bars."""
    img = Image.new("RGB", (CHART_W * len(panels), CHART_H), (255, 255, 255))
    draw = ImageDraw.Draw(img)
    for p, (title, hist) in enumerate(panels):
        x0 = p * CHART_W
        counts = np.asarray(hist["counts"], dtype=np.float64)
        edges = hist["edges"]
        left, right, top, bottom = x0 + 10, x0 + CHART_W - 10, 20, CHART_H - 28
        draw.text((x0 + 10, 4), title, fill=(0, 0, 0))
        peak = counts.max() if counts.size and counts.max() > 0 else 1.0
        width = (right - left) / max(len(counts), 1)
        for i, c in enumerate(counts):
            height = (bottom - top) * c / peak
            draw.rectangle(
                [left + i * width, bottom - height, left + (i + 1) * width - 1, bottom], fill=(70, 110, 180)
            )
        draw.line([left, bottom, right, bottom], fill=(0, 0, 0))
        draw.text((left, bottom + 3), f"{edges[0]:.3g}", fill=(0, 0, 0))
        hi = f"{edges[-1]:.3g}"
        draw.text((right - 6 * len(hi), bottom + 3), hi, fill=(0, 0, 0))
        mean, std = hist.get("mean"), hist.get("std")
        if mean is not None and math.isfinite(mean):
            draw.text((left, bottom + 14), f"mean {mean:.3g}  std {std:.3g}", fill=(90, 90, 90))
    return img


def save_png(image: Image.Image, path: Path) -> tuple[int, int]:
    """Save `image` as PNG at `path` (its folder made); (width, height)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, format="PNG")
    return image.size
