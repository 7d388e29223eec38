"""Accuracy of the starter digit model on the 1,000 held-out mnist-5k digits: as stored, and
after being "redrawn" — each digit scaled by a random factor, put at a random spot of a
280×280 canvas (half of them black on white) and framed again by core.data.preprocess, as the
canvas frames a drawing. For contrast, the same canvases shrunk straight to 28×28 without
MNIST-style framing (what naive digit demos do). Then, per digit: the held-out digits, and the
canvas style set (tests/data/canvas_digits.json: everyday styles — flagged 1s, crossed 7s, open
4s, ... — each small in the default brush, thick, thin, slanted and off-centre) replayed as mouse
strokes on a real, offscreen Draw tab canvas and read as the Draw tab reads them.

    python benchmarks/starter_accuracy.py [--model FILE] [--seed N] [--misses]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import numpy as np
from PIL import Image

from playground.core.data.registry import load_dataset
from playground.core.inference.loaders import load_predictor
from playground.core.data.preprocess import preprocess_digit
from playground.core.inference.starter import load_starter


def redraw(digit: np.ndarray, rng: np.random.Generator, size: int = 280) -> np.ndarray:
    """A 28×28 digit (white on black, [0, 1]) scaled and placed at random on a size² canvas."""
    ys, xs = np.nonzero(digit > 0.1)
    crop = digit[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
    scale = rng.uniform(2.0, 11.0)  # 20 px digits become 40..220 px
    h, w = max(1, round(crop.shape[0] * scale)), max(1, round(crop.shape[1] * scale))
    big = np.asarray(Image.fromarray(crop.astype(np.float32), mode="F").resize((w, h), Image.Resampling.BILINEAR))
    canvas = np.zeros((size, size), np.float32)
    top, left = rng.integers(0, size - h + 1), rng.integers(0, size - w + 1)
    canvas[top : top + h, left : left + w] = np.clip(big, 0, 1)
    return 1.0 - canvas if rng.random() < 0.5 else canvas


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", help="a model file (default: the starter model)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--misses", action="store_true", help="list every misread style-set drawing")
    args = parser.parse_args()
    predictor = load_predictor(args.model) if args.model else load_starter()
    data = load_dataset("mnist-5k")
    x, y = data.x_test.numpy(), data.y_test.numpy()
    stored = (predictor.predict(x).argmax(1) == y).mean()

    rng = np.random.default_rng(args.seed)
    canvases = [redraw(d[0], rng) for d in x]
    framed = np.stack([preprocess_digit(c).image for c in canvases])[:, None]
    reframed = (predictor.predict(framed).argmax(1) == y).mean()
    naive = np.stack(
        [
            np.asarray(Image.fromarray((c if c[0, 0] < 0.5 else 1 - c).astype(np.float32), mode="F").resize((28, 28), Image.Resampling.BILINEAR))
            for c in canvases
        ]
    )[:, None]
    naive_acc = (predictor.predict(np.clip(naive, 0, 1)).argmax(1) == y).mean()
    print(f"model: {predictor.source}")
    print(f"held-out mnist-5k digits ({len(y)}), as stored:              {stored:.2%}")
    print(f"redrawn at random size/place/background, framed like MNIST: {reframed:.2%}")
    print(f"same canvases shrunk to 28×28 without framing (naive):     {naive_acc:.2%}")

    print("\nheld-out mnist-5k digits, per digit:")
    print_per_digit(y, predictor.predict(x).argmax(1))
    style_set_table(predictor, args.misses)


def print_per_digit(labels: np.ndarray, predicted: np.ndarray, sure: np.ndarray | None = None) -> None:
    """A markdown table: how many of each digit were read right (and, given `sure`, right with
    a top probability the Draw tab does not call "not sure")."""
    print("| digit | " + " | ".join(str(d) for d in range(10)) + " | all |")
    print("|---" * 12 + "|")
    rows = [("right", predicted == labels)] + ([("right and sure", (predicted == labels) & sure)] if sure is not None else [])
    for title, ok in rows:
        cells = [f"{ok[labels == d].sum()}/{(labels == d).sum()}" for d in range(10)]
        print(f"| {title} | {' | '.join(cells)} | {ok.sum()}/{len(labels)} ({ok.mean():.1%}) |")


def style_set_table(predictor, misses: bool) -> None:
    """The canvas style set through a real DrawCanvas and the Draw tab's recognize()."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from PySide6.QtWidgets import QApplication

    from playground.core.inference.recognize import recognize
    from playground.gui.tabs.draw_canvas import DrawCanvas
    from tests.canvas_styles import draw_on_canvas, style_set

    app = QApplication.instance() or QApplication([])  # noqa: F841 (kept alive for the canvas)
    canvas = DrawCanvas()
    drawings = style_set()
    results = [recognize(predictor, draw_on_canvas(canvas, d)) for d in drawings]
    labels = np.array([d.digit for d in drawings])
    predicted = np.array([int(r.top_name) for r in results])
    sure = np.array([not r.not_sure() for r in results])
    print(f"\ncanvas style set ({len(drawings)} drawings: {len(drawings) // len(set(d.variant for d in drawings))} drawings × {len(set(d.variant for d in drawings))} variants), per digit:")
    print_per_digit(labels, predicted, sure)
    print("\nper variant:")
    for variant in dict.fromkeys(d.variant for d in drawings):
        keep = np.array([d.variant == variant for d in drawings])
        print(f"  {variant:22s} {(predicted[keep] == labels[keep]).sum():3d}/{keep.sum()}")
    if misses:
        print("\nmisread:")
        for d, r in zip(drawings, results):
            if int(r.top_name) != d.digit:
                print(f"  {d.name}: {r.top_name} at {r.confidence:.0%}")


if __name__ == "__main__":
    main()
