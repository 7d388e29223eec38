"""DecisionBoundaryView: heatmap and points."""

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF

from playground.core.data.registry import load_dataset
from playground.gui.run.boundary import MAX_POINTS, DecisionBoundaryView
from playground.gui.run.updates import BoundaryUpdate
from playground.gui.run.training_worker import boundary_grid


@pytest.fixture
def view(qtbot):
    widget = DecisionBoundaryView()
    widget.resize(400, 400)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def half_plane_update(xs, ys, low=0.0, high=1.0):
    """Output `low` where x < 0 and `high` where x >= 0."""
    probs = np.where(xs[None, :] < 0, low, high) * np.ones((len(ys), 1))
    return BoundaryUpdate(xs, ys, probs.astype(np.float32))


def pixel(view, image, x, y):
    """The colour drawn at data coordinates (x, y)."""
    scene = view.plot.vb.mapViewToScene(QPointF(x, y))
    point = view.plot_widget.mapFromScene(scene)
    point = view.plot_widget.mapTo(view, point)
    return image.pixelColor(QPoint(point.x(), point.y()))


def test_classification_heatmap_is_orange_below_and_blue_above_one_half(qtbot, view):
    dataset = load_dataset("xor", {"n_samples": 200})
    view.set_data(dataset.x_train.numpy(), dataset.y_train.numpy(), "classification")
    assert len(view.scatter.data) == len(dataset.x_train)
    xs, ys = boundary_grid(dataset, size=40)
    view.set_boundary(half_plane_update(xs, ys))
    assert view.image.image.shape == (40, 40)
    assert view.image.getLevels() == pytest.approx((0.0, 1.0))
    # The image covers the grid cells, half a cell beyond the outer centres.
    rect = view.image.mapRectToParent(view.image.boundingRect())
    step = xs[1] - xs[0]
    assert rect.left() == pytest.approx(xs[0] - step / 2, abs=1e-4)
    assert rect.right() == pytest.approx(xs[-1] + step / 2, abs=1e-4)

    view.plot.setRange(xRange=(xs[0], xs[-1]), yRange=(ys[0], ys[-1]), padding=0)
    view.scatter.clear()  # look at the heatmap alone
    image = view.grab().toImage()
    assert not image.isNull()
    left, right = pixel(view, image, xs[5], 0.0), pixel(view, image, xs[-5], 0.0)
    assert left.red() > left.blue() + 60, left.name()  # orange: class 0
    assert right.blue() > right.red() + 60, right.name()  # blue: class 1


def test_regression_uses_levels_minus_one_to_one(qtbot, view):
    dataset = load_dataset("plane", {"n_samples": 200})
    view.set_data(dataset.x_train.numpy(), dataset.y_train.numpy(), "regression")
    xs, ys = boundary_grid(dataset, size=20)
    view.set_boundary(half_plane_update(xs, ys, low=-1.0, high=1.0))
    assert view.image.getLevels() == pytest.approx((-1.0, 1.0))
    assert not view.grab().toImage().isNull()


def test_items_are_reused_and_clear_empties_them(qtbot, view):
    dataset = load_dataset("circle", {"n_samples": 200})
    view.set_data(dataset.x_train.numpy(), dataset.y_train.numpy(), "classification")
    xs, ys = boundary_grid(dataset)
    items = list(view.plot.items)
    for high in (0.2, 0.6, 0.9):
        view.set_boundary(half_plane_update(xs, ys, high=high))
    assert view.plot.items == items  # setImage/setData, never new items
    view.clear()
    assert view.image.image is None and len(view.scatter.data) == 0
    view.set_boundary(half_plane_update(xs, ys))  # a boundary after clear() still shows
    assert view.image.image.shape == (len(ys), len(xs))


def test_large_sets_show_a_sample_of_the_points(view):
    dataset = load_dataset("gauss", {"n_samples": 5000})
    view.set_data(dataset.x_train.numpy(), dataset.y_train.numpy(), "classification")
    assert len(view.scatter.data) == MAX_POINTS
