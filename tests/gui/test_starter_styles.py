"""The starter model reads everyday handwriting drawn on the real canvas: the style set of
tests/data/canvas_digits.json (flagged 1s, crossed 7s, open 4s, small digits in the default
brush, ...) replayed as mouse strokes on a DrawCanvas and read as the Draw tab reads it."""

import numpy as np
import pytest

from playground.core.data.preprocess import preprocess_digit
from playground.core.data.strokes import render_strokes
from playground.core.inference.recognize import recognize
from playground.core.inference.starter import load_starter
from tests.canvas_styles import draw_on_canvas, style_set

# Personal samples (and a retrained starter) go to a temporary folder: the shipped starter, never the user's own.
pytestmark = pytest.mark.usefixtures("personal_folder")

# The shipped starter read all 256 right (255 sure: a tiny 7 with tick and crossbar was 7 at
# 54%) when it was trained; the one before it 228 (89.1%). The floor leaves room for a
# retrain, not for the old misreadings.
STYLE_SET_FLOOR = 0.96
PER_DIGIT_FLOOR = 0.9


def test_training_strokes_are_painted_as_the_canvas_paints_them(canvas):
    """core.data.strokes renders the starter's drawn training digits without Qt: they match
    the canvas's own QPainter strokes for the same pointer path, and are framed alike."""
    for drawing in style_set()[::9]:
        painted = draw_on_canvas(canvas, drawing) / 255.0
        rendered = render_strokes(drawing.strokes, 280, drawing.brush)
        assert np.abs(painted - rendered).mean() < 0.005, drawing.name
        boxes = np.array([preprocess_digit(painted).box, preprocess_digit(rendered).box])
        assert np.abs(boxes[0] - boxes[1]).max() <= 1, drawing.name


def test_the_starter_reads_everyday_handwriting_on_the_canvas(canvas):
    predictor = load_starter()
    drawings = style_set()
    results = {d.name: recognize(predictor, draw_on_canvas(canvas, d)) for d in drawings}
    right = {d.name: results[d.name].top == d.digit for d in drawings}
    misread = [f"{name}: {r.top_name} at {r.confidence:.0%}" for name, r in results.items() if not right[name]]
    assert np.mean(list(right.values())) >= STYLE_SET_FLOOR, misread
    for digit in range(10):
        mine = [right[d.name] for d in drawings if d.digit == digit]
        assert np.mean(mine) >= PER_DIGIT_FLOOR, (digit, misread)
    # What a learner reported misread, in the sizes they drew them: right, and sure of it.
    named = [
        ("1", "flag"), ("1", "long flag"), ("1", "flag and base"), ("7", "crossbar"), ("4", "open"),
        ("5", "one stroke"), ("5", "body, then top bar"),
    ]
    for digit, style in named:
        for variant in ("as drawn", "small, default brush", "tiny, default brush"):
            r = results[f"{digit} {style} ({variant})"]
            assert r.top_name == digit and not r.not_sure(), f"{digit} {style} ({variant}): {r.top_name} at {r.confidence:.0%}"
