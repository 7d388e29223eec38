"""The starter model says "not sure" when a drawing is not a digit: scribbles, letters, shapes,
a dot, two digits side by side (tests/data/canvas_nondigits.json), replayed as mouse strokes on
a real DrawCanvas and read as the Draw tab reads them. A model that reads nearly everything as
a digit at 99% makes the Draw tab's "not sure" (top probability below 60%) hollow."""

import numpy as np
import pytest

from playground.core.inference.recognize import NOT_SURE_BELOW, recognize
from playground.core.inference.starter import load_starter, starter_config
from tests.canvas_styles import draw_on_canvas, non_digit_set

# Personal samples (and a retrained starter) go to a temporary folder: the shipped starter, never the user's own.
pytestmark = pytest.mark.usefixtures("personal_folder")

# Of the 140 non-digit drawings (28 in 5 variants), the starter trained without label smoothing
# was sure of 125 (89%; 93 at 90% or more), the one before it of 123; trained with label
# smoothing 0.1 it is sure of 73 (52%; 20 at 90% or more). The floors leave room for a retrain.
NOT_SURE_FLOOR = 0.4  # at least this share "not sure"
VERY_SURE_CEILING = 0.25  # at most this share at 90% or more


def test_the_starter_is_not_sure_of_drawings_that_are_not_digits(canvas):
    predictor = load_starter()
    drawings = non_digit_set()
    assert len(drawings) == 140
    results = {d.name: recognize(predictor, draw_on_canvas(canvas, d)) for d in drawings}
    confidence = np.array([r.confidence for r in results.values()])
    sure = [f"{name}: {r.top_name} at {r.confidence:.0%}" for name, r in results.items() if not r.not_sure()]
    assert np.mean(confidence < NOT_SURE_BELOW) >= NOT_SURE_FLOOR, sure
    assert np.mean(confidence >= 0.9) <= VERY_SURE_CEILING, sure


def test_the_starter_is_trained_with_label_smoothing():
    """What keeps it from 100% on everything (docs/performance.md, "How sure the starter is");
    Retrain on full MNIST trains the same config, so it keeps it too."""
    assert starter_config().train.label_smoothing > 0
