"""How sure the starter digit model is, and whether it should be: the share of drawings that are
not digits (tests/data/canvas_nondigits.json: scribbles, letters, shapes, a dot, two digits
side by side — replayed as mouse strokes on a real, offscreen Draw tab canvas, as
starter_accuracy.py replays the style set) that it reads as a digit *sure* (top probability at
least recognize.NOT_SURE_BELOW, 60%: the Draw tab says "not sure" below it); the mean top
probability on those, on the style set's correctly read drawings and on the 1,000 held-out
mnist-5k digits; and the expected calibration error on those digits (10 equal-width bins of
top probability: the gap between confidence and accuracy, weighted by each bin's share).

    python benchmarks/starter_confidence.py [--model FILE ...] [--list]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import numpy as np

from playground.core.data.registry import load_dataset
from playground.core.inference.loaders import load_predictor
from playground.core.inference.recognize import NOT_SURE_BELOW
from playground.core.inference.starter import load_starter


def expected_calibration_error(probabilities: np.ndarray, labels: np.ndarray, bins: int = 10) -> float:
    """Σ over equal-width bins of top probability: (bin's share) × |accuracy − mean confidence|."""
    confidence = probabilities.max(1)
    right = probabilities.argmax(1) == labels
    edges = np.linspace(0, 1, bins + 1)
    which = np.clip(np.digitize(confidence, edges[1:-1], right=True), 0, bins - 1)
    ece = 0.0
    for b in range(bins):
        inside = which == b
        if inside.any():
            ece += inside.mean() * abs(right[inside].mean() - confidence[inside].mean())
    return float(ece)


def canvas_probabilities(predictor, drawings) -> np.ndarray:
    """Each drawing replayed on a real DrawCanvas and read as the Draw tab reads it."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from PySide6.QtWidgets import QApplication

    from playground.core.inference.recognize import recognize
    from playground.gui.tabs.draw_canvas import DrawCanvas
    from tests.canvas_styles import draw_on_canvas

    app = QApplication.instance() or QApplication([])  # noqa: F841 (kept alive for the canvas)
    canvas = DrawCanvas()
    return np.stack([recognize(predictor, draw_on_canvas(canvas, d)).probabilities for d in drawings])


def measure(predictor, show: bool) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.canvas_styles import non_digit_set, style_set

    print(f"model: {predictor.source}")
    data = load_dataset("mnist-5k")
    x, y = data.x_test.numpy(), data.y_test.numpy()
    p = predictor.predict(x)
    top = p.max(1)
    print(f"held-out mnist-5k ({len(y)}): accuracy {(p.argmax(1) == y).mean():.2%}, mean top probability "
          f"{top.mean():.2%}, ECE (10 bins) {expected_calibration_error(p, y):.4f}, "
          f"NLL {-np.log(np.maximum(p[np.arange(len(y)), y], 1e-12)).mean():.4f}, "
          f"not sure {(top < NOT_SURE_BELOW).sum()}")

    styles = style_set()
    ps = canvas_probabilities(predictor, styles)
    labels = np.array([d.digit for d in styles])
    right = ps.argmax(1) == labels
    print(f"canvas style set ({len(styles)}): {right.sum()} right, mean top probability on those "
          f"{ps.max(1)[right].mean():.2%}, right and sure {(right & (ps.max(1) >= NOT_SURE_BELOW)).sum()}")

    others = non_digit_set()
    pn = canvas_probabilities(predictor, others)
    sure = pn.max(1) >= NOT_SURE_BELOW
    print(f"non-digit set ({len(others)}): read as a digit sure {sure.sum()}/{len(others)} ({sure.mean():.1%}), "
          f"at 90% or more {(pn.max(1) >= 0.9).sum()}, mean top probability {pn.max(1).mean():.2%}")
    variants = list(dict.fromkeys(d.variant for d in others))
    for variant in variants:
        keep = np.array([d.variant == variant for d in others])
        print(f"  {variant:22s} sure {sure[keep].sum():2d}/{keep.sum()}")
    if show:
        for d, q in zip(others, pn):
            print(f"    {d.name:55s} {q.argmax()} at {q.max():.0%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", action="append", help="a model file (default: the starter model); may be repeated")
    parser.add_argument("--list", action="store_true", help="list each non-digit drawing's reading")
    args = parser.parse_args()
    for i, path in enumerate(args.model or [None]):
        if i:
            print()
        measure(load_predictor(path) if path else load_starter(), args.list)


if __name__ == "__main__":
    main()
