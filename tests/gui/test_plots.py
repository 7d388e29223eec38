"""TrainingPlots fed with synthetic updates."""

import dataclasses
import time

import numpy as np
import pytest

from playground.core.training.callbacks import EpochLogs
from playground.gui.run.plot_parts import nice_range, smoothing_weight
from playground.gui.run.plots import MAX_REDRAW_MS, TrainingPlots
from playground.gui.run.updates import BatchUpdate


def batch_update(first_step, count, batches=10, epochs=5, classification=True):
    steps = np.arange(first_step, first_step + count)
    last = steps[-1]
    return BatchUpdate(
        steps=steps,
        losses=np.exp(-steps / 20.0),
        accuracies=np.clip(steps / 50.0, 0, 1) if classification else None,
        lrs=np.full(count, 0.01),
        epoch=(last - 1) // batches + 1,
        epochs=epochs,
        batch=(last - 1) % batches + 1,
        batches=batches,
        samples_per_second=1000.0,
        eta_seconds=1.0,
    )


def epoch_logs(epoch, val=True, classification=True):
    return EpochLogs(
        epoch=epoch,
        loss=1.0 / epoch,
        accuracy=0.5 + epoch / 20 if classification else None,
        val_loss=1.2 / epoch if val else None,
        val_accuracy=0.4 + epoch / 20 if val and classification else None,
        lr=0.01,
        seconds=0.1,
        samples_per_second=1000.0,
    )


def curve_length(series):
    """Points the curve holds (getData() would give the clipped, downsampled display data)."""
    x = series.curve.xData
    return 0 if x is None else len(x)


@pytest.fixture
def plots(qtbot):
    widget = TrainingPlots()
    widget.resize(700, 600)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_points_are_buffered_and_drawn_on_the_timer(qtbot, plots):
    plots.reset(epochs=5, batches_per_epoch=10)
    for first in range(1, 31, 7):
        plots.add_batches(batch_update(first, min(7, 31 - first)))
    plots.add_epoch(epoch_logs(1))
    plots.add_epoch(epoch_logs(2))
    assert plots.point_count() == 30 + 2

    qtbot.waitUntil(lambda: curve_length(plots.loss.smooth) == 30, timeout=3 * MAX_REDRAW_MS)
    x, y = plots.loss.raw.curve.getData()
    assert np.allclose(x, np.arange(1, 31) / 10)  # in epochs
    assert np.allclose(y, np.exp(-np.arange(1, 31) / 20.0))
    for series in (plots.loss.raw, plots.accuracy.raw, plots.accuracy.smooth, plots.lr):
        assert curve_length(series) == 30
    for series in (plots.loss.train, plots.loss.val, plots.accuracy.train, plots.accuracy.val):
        assert curve_length(series) == 2
    assert not plots.accuracy_widget.isHidden()

    # idle once drawn; the paced timer may wait up to MAX_REDRAW_MS between redraws
    qtbot.waitUntil(lambda: not plots._timer.isActive(), timeout=3 * MAX_REDRAW_MS)


def test_smoothing_is_tensorboards_debiased_average():
    plots = TrainingPlots()
    plots.reset(epochs=2, batches_per_epoch=5)
    weight = smoothing_weight(2, 5)
    assert weight == 0.6
    values = np.array([1.0, 0.0, 1.0, 0.0])
    plots.add_batches(dataclasses.replace(batch_update(1, len(values), batches=5), losses=values))
    smoothed = plots.loss.smooth.buffer.data()[1]
    expected, last = [], 0.0
    for i, v in enumerate(values, 1):
        last = last * weight + (1 - weight) * v
        expected.append(last / (1 - weight**i))
    assert np.allclose(smoothed, expected)
    assert smoothed[0] == 1.0  # debiased: the first point is the first value
    assert smoothing_weight(10, 1875) > 0.99  # long epochs smooth over ~1/10 epoch


def test_regression_hides_the_accuracy_plot(qtbot, plots):
    plots.reset(epochs=3, batches_per_epoch=10)
    plots.add_batches(batch_update(1, 10, classification=False))
    plots.add_epoch(epoch_logs(1, classification=False))
    assert plots.accuracy_widget.isHidden()
    qtbot.waitUntil(lambda: curve_length(plots.loss.raw) == 10, timeout=3 * MAX_REDRAW_MS)
    assert curve_length(plots.accuracy.raw) == 0 and curve_length(plots.accuracy.train) == 0
    plots.reset(epochs=3, batches_per_epoch=10)
    plots.add_batches(batch_update(1, 10))
    assert not plots.accuracy_widget.isHidden()


def test_reset_clears_the_live_curves(qtbot, plots):
    plots.reset(epochs=5, batches_per_epoch=10)
    plots.add_batches(batch_update(1, 20))
    plots.add_epoch(epoch_logs(1))
    qtbot.waitUntil(lambda: curve_length(plots.loss.raw) == 20, timeout=3 * MAX_REDRAW_MS)
    plots.reset(epochs=8, batches_per_epoch=4)
    assert plots.point_count() == 0
    qtbot.waitUntil(lambda: curve_length(plots.loss.raw) == 0, timeout=3 * MAX_REDRAW_MS)
    assert curve_length(plots.loss.train) == 0 and curve_length(plots.lr) == 0
    assert plots.loss.plot.viewRange()[0][1] == pytest.approx(8, rel=0.05)  # the planned run fills the x axis


def test_overlays_are_added_and_removed_with_legend_entries(plots):
    plots.reset(epochs=5, batches_per_epoch=10)
    legend = plots.loss.plot.legend
    entries = len(legend.items)
    history = [epoch_logs(e) for e in range(1, 11)]
    plots.add_overlay("a", "Run 1", history)
    plots.add_overlay("b", "Run 2", [epoch_logs(e, val=False) for e in range(1, 4)])
    labels = [label.text for _, label in legend.items]
    assert "Run 1: validation" in labels and "Run 1: train" in labels and "Run 2: train" in labels
    assert "Run 2: validation" not in labels  # that run had no validation split
    assert len(legend.items) == entries + 3
    val_item = next(item for item in plots.loss.plot.listDataItems() if item.name() == "Run 1: validation")
    assert np.allclose(val_item.getData()[1], [h.val_loss for h in history])
    assert plots.loss.plot.viewRange()[0][1] >= 10  # the longer earlier run is in view
    colors = {
        item.opts["pen"].color().name() for item in plots.loss.plot.listDataItems() if "Run" in (item.name() or "")
    }
    assert len(colors) == 2  # one colour per run

    plots.add_overlay("a", "Run 1", history)  # again: replaces, does not duplicate
    assert len(legend.items) == entries + 3
    plots.remove_overlay("a")
    assert len(legend.items) == entries + 1
    plots.clear_overlays()
    assert len(legend.items) == entries
    assert not any("Run" in (item.name() or "") for item in plots.accuracy.plot.listDataItems())


def test_redraw_with_100k_points_stays_cheap(qtbot, plots):
    """Not a pass/fail threshold (the machine varies); prints what a redraw costs."""
    batches = 1000
    plots.reset(epochs=100, batches_per_epoch=batches)
    n = 100_000
    for first in range(1, n + 1, 5000):
        plots.add_batches(batch_update(first, 5000, batches=batches, epochs=100))
    for epoch in range(1, 101):
        plots.add_epoch(epoch_logs(epoch))
    assert plots.point_count() == n + 100
    qtbot.waitUntil(lambda: curve_length(plots.loss.raw) == n, timeout=5000)
    plots.grab()  # first paint

    timings = {}
    for name, action in (
        ("setData (all curves)", lambda: plots._on_timer_timeout()),
        ("paint", plots.grab),
    ):
        runs = []
        for _ in range(5):
            plots.add_batches(batch_update(n + 1, 1, batches=batches, epochs=100))  # mark dirty
            began = time.perf_counter()
            action()
            runs.append(time.perf_counter() - began)
        timings[name] = min(runs) * 1000
    print("\n100k points per curve: " + ", ".join(f"{k} {v:.1f} ms" for k, v in timings.items()))


@pytest.mark.parametrize(
    "lo, hi, expected",
    [(0.31, 2.27, (0.0, 2.5)), (0.012, 0.049, (0.01, 0.05)), (1.0, 1.0, (0.5, 1.5)), (-3.2, 7.9, (-5.0, 10.0))],
)
def test_nice_range_widens_to_round_steps(lo, hi, expected):
    assert nice_range(lo, hi) == pytest.approx(expected)


def test_a_falling_loss_moves_the_loss_axis_a_few_times_and_keeps_every_point_in_view(qtbot, plots):
    """Each change of the loss range redraws the axis labels and grid; following every new
    point (pyqtgraph's auto range) changed it on almost every frame."""
    plots.reset(epochs=1, batches_per_epoch=600)
    view = plots.loss.plot.getViewBox()
    ranges = set()
    for first in range(1, 601, 6):
        update = batch_update(first, 6, batches=600, epochs=1)
        update = dataclasses.replace(update, losses=2.3 * np.exp(-update.steps / 150.0) + 0.05)
        plots.add_batches(update)
        plots._on_timer_timeout()
        ranges.add(tuple(round(v, 9) for v in view.viewRange()[1]))
    y = plots.loss.raw.curve.yData
    low, high = view.viewRange()[1]
    assert low <= y.min() and y.max() <= high
    assert low == pytest.approx(-0.06) and high == pytest.approx(3.06)  # [0, 3] and 2% padding
    assert len(ranges) <= 3, f"the loss range changed {len(ranges)} times in 100 frames"


def test_flush_draws_what_arrived_at_once(plots):
    """When a run ends its last points are drawn with the result, not at the next paced redraw."""
    plots.reset(epochs=2, batches_per_epoch=10)
    plots._timer.setInterval(MAX_REDRAW_MS)
    plots.add_batches(batch_update(1, 20, batches=10, epochs=2))
    plots.add_epoch(epoch_logs(2))
    assert curve_length(plots.loss.smooth) == 0 and plots._timer.isActive()  # waiting for the timer
    plots.flush()
    assert curve_length(plots.loss.smooth) == 20 and curve_length(plots.loss.val) == 1


def _tick_values(widget, side="bottom"):
    axis = widget.getPlotItem().getAxis(side)
    lo, hi = axis.range
    return [v for size in (150, 300, 600) for _, values in axis.tickValues(lo, hi, size) for v in values]


@pytest.mark.parametrize("epochs", [1, 2, 3, 5])
def test_epoch_axes_tick_whole_epochs(qtbot, plots, epochs):
    """A run of a few epochs: ticks at 1, 2, 3, not 1.2, 1.4 (pyqtgraph's default on a short range)."""
    plots.reset(epochs=epochs, batches_per_epoch=10)
    plots.add_batches(batch_update(1, 10 * epochs, epochs=epochs))
    for epoch in range(1, epochs + 1):
        plots.add_epoch(epoch_logs(epoch))
    plots.flush()
    for widget in (plots.loss_widget, plots.accuracy_widget, plots.lr_widget):
        ticks = _tick_values(widget)
        assert ticks and all(float(v).is_integer() for v in ticks), (epochs, ticks)
    # Zoomed in within one epoch, a per-batch curve still gets ticks to read it by.
    axis = plots.lr_widget.getPlotItem().getAxis("bottom")
    assert [v for _, values in axis.tickValues(0.2, 0.8, 300) for v in values]


def test_comparison_curves_tick_whole_epochs(qtbot):
    from playground.gui.dialogs.compare_plots import _CurvePlots

    curves = _CurvePlots()
    curves.resize(900, 400)
    qtbot.addWidget(curves)
    curves.show()
    curves.add_variant(0, "a", epochs=2)
    for epoch in (1, 2):
        curves.add_epoch(0, epoch_logs(epoch))
    for widget in (curves.loss_plot, curves.acc_plot):
        widget.getPlotItem().getViewBox().autoRange()
        ticks = _tick_values(widget)
        assert ticks and all(float(v).is_integer() for v in ticks), ticks


def _label_rects(widget, side="left"):
    """The rectangles the axis draws its tick labels in, as it would paint them now."""
    from PySide6.QtGui import QImage, QPainter

    axis = widget.getPlotItem().getAxis(side)
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [(rect, text) for rect, _, text in (specs[2] if specs else [])]


@pytest.mark.parametrize("lr", [None, 0.03, 0.1])
def test_lr_axis_labels_do_not_overlap_on_a_small_screen(qtbot, lr):
    """At 1280×800 the LR plot is about 90 px high: its labels must not run into each other
    (before a run, pyqtgraph's 0.2, 0.4, 0.6, 0.8 did)."""
    plots = TrainingPlots()
    qtbot.addWidget(plots)
    plots.resize(450, 520)
    plots.show()
    qtbot.waitExposed(plots)
    if lr is not None:
        plots.reset(epochs=3, batches_per_epoch=10)
        update = batch_update(1, 30, epochs=3)
        plots.add_batches(dataclasses.replace(update, lrs=np.linspace(lr, lr / 10, 30)))
        plots.flush()
    qtbot.wait(50)
    assert plots.lr_widget.height() <= 100
    rects = _label_rects(plots.lr_widget)
    assert rects
    for i, (a, ta) in enumerate(rects):
        for b, tb in rects[i + 1 :]:
            assert not a.intersects(b), (ta, tb, a, b)
    texts = [t for _, t in rects]
    assert "0" in texts  # the foot of the axis is labelled, before a run and during one
    if lr is not None:
        assert f"{lr:.3g}" in texts  # and the highest rate, where its line starts
