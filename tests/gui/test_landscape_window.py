"""Experiments ▸ Loss Landscape… (issue 16, item 3): the dialog computes the core's surface on
its job's thread and draws exactly it; Cancel stops the grid early and leaves the dialog usable;
the optimizers' paths are drawn one curve per optimizer at the core's projected points."""

import json
import threading
import time

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from playground.core.config.presets import load_preset
from playground.core.experiments import landscape as core
from playground.gui.dialogs.landscape_plot import CONTOURS, loss_ticks


def _train(window, qtbot, epochs=3):
    cfg = load_preset("xor-mlp").with_overrides(**{"train.epochs": epochs, "train.device": "cpu"})
    window.controller.apply_config(cfg)
    qtbot.waitUntil(lambda: window.data_panel.dataset() is not None and window.train_action.isEnabled(), timeout=10000)
    with qtbot.waitSignal(window.session.finished, timeout=60000):
        window.train_action.trigger()
    qtbot.waitUntil(lambda: window.train_action.isEnabled(), timeout=5000)
    return window.controller.runs[-1]


def _compute(dialog, qtbot, timeout=60000):
    qtbot.mouseClick(dialog.compute_button, Qt.MouseButton.LeftButton)
    assert dialog.is_running() and dialog.cancel_button.isEnabled() and not dialog.compute_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=timeout)


def _in_a_thread(work):
    """Run `work` on a fresh thread, as the dialog's job does (torch's default thread count,
    not the GUI thread's one), and return its result."""
    out = {}
    t = threading.Thread(target=lambda: out.setdefault("result", work()))
    t.start()
    t.join()
    return out["result"]


@pytest.fixture
def dialog(window):
    yield window
    if window.experiments.landscape_dialog is not None:
        window.experiments.landscape_dialog.shutdown()


def test_without_a_trained_model_the_dialog_says_what_to_do(window, qtbot, dialog):
    d = window.experiments.open_landscape()
    assert d.paths_radio.isChecked()  # nothing trained: the paths, which train their own, are offered
    d.model_radio.setChecked(True)
    assert "no trained model" in d.source_label.text() and "train one first" in d.source_label.text()
    assert not d.compute_button.isEnabled()


def test_the_plotted_image_is_the_core_surface_around_the_trained_weights(window, qtbot, dialog, dialogs, monkeypatch, tmp_path):
    run = _train(window, qtbot)
    d = window.experiments.open_landscape()
    assert d.model_radio.isChecked() and "Run 1" in d.source_label.text()
    d.grid_spin.setValue(7)
    d.samples_spin.setValue(200)
    _compute(d, qtbot)
    assert dialogs == []
    expected = _in_a_thread(lambda: core.landscape_of(run, window.data_panel.dataset(), grid=7, samples=200))
    land = d.result
    assert land.complete and land.losses.shape == (7, 7)
    np.testing.assert_allclose(land.losses, expected.losses, rtol=1e-6)
    np.testing.assert_allclose(land.x, expected.x)
    # The image is the surface itself, log₁₀ by default: row j = β index, column i = α index.
    np.testing.assert_array_equal(d.plot.image.image, np.log10(land.losses))
    assert d.plot.image.axisOrder == "row-major"
    assert len(d.plot.contours) == CONTOURS
    # the colour bar names the loss itself at its ends, not its logarithm
    ticks = d.plot.colour_bar.axis._tickLevels[0]
    assert ticks[0][1] == f"{land.losses.min():.3g}" and ticks[-1][1] == f"{land.losses.max():.3g}"
    for position, label in ticks:
        assert float(label) == pytest.approx(10**position, rel=5e-3)  # each label is the loss at its place on the bar
    d.log_check.setChecked(False)
    np.testing.assert_array_equal(d.plot.image.image, land.losses)
    # grid point (x[i], y[j]) is the centre of pixel (i, j)
    rect = d.plot.image.mapRectToParent(d.plot.image.boundingRect())
    step = land.x[1] - land.x[0]
    assert rect.left() == pytest.approx(land.x[0] - step / 2) and rect.right() == pytest.approx(land.x[-1] + step / 2)
    # hover: the nearest grid point's α, β and loss
    assert d.plot.hover_text(land.x[2] + 0.1 * step, land.y[5]) == f"α = {land.x[2]:.4g}, β = {land.y[5]:.4g}: loss {land.losses[5, 2]:.5g}"
    assert d.save_button.isEnabled() and "7×7 grid on 200 training samples" in d.status.text()
    # Save writes what `playground landscape --out` writes
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    assert d.save() == str(tmp_path)
    record = json.loads((tmp_path / "landscape.json").read_text(encoding="utf-8"))
    np.testing.assert_allclose(record["loss"], land.losses)
    assert record["format"] == "playground-landscape" and (tmp_path / "landscape.png").read_bytes()[:4] == b"\x89PNG"


def test_cancel_stops_the_grid_early_and_the_dialog_stays_usable(window, qtbot, dialog, dialogs, monkeypatch):
    _train(window, qtbot)
    slow = core._mean_loss

    def slow_point(*args):
        time.sleep(0.02)
        return slow(*args)

    monkeypatch.setattr(core, "_mean_loss", slow_point)  # 41×41 points would take over 30 s
    d = window.experiments.open_landscape()
    d.samples_spin.setValue(50)
    qtbot.mouseClick(d.compute_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: d.progress.maximum() == 41 * 41 and d.progress.value() >= 1, timeout=20000)
    qtbot.mouseClick(d.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not d.is_running(), timeout=10000)
    land = d.result
    computed = int(np.isfinite(land.losses).sum())
    assert not land.complete and 1 <= computed < 41 * 41 // 2
    assert d.status.text() == f"Stopped: {computed:,} of 1,681 points computed (the rest are left blank)."
    assert dialogs == []  # no error shown
    assert d.compute_button.isEnabled() and not d.cancel_button.isEnabled()
    monkeypatch.setattr(core, "_mean_loss", slow)
    d.grid_spin.setValue(5)
    _compute(d, qtbot)
    assert d.result.complete and np.isfinite(d.result.losses).all()


def test_the_optimizers_paths_are_drawn_at_the_core_projection(window, qtbot, dialog, dialogs):
    window.controller.apply_config(load_preset("xor-mlp").with_overrides(**{"train.device": "cpu"}))
    qtbot.waitUntil(lambda: window.data_panel.dataset() is not None, timeout=10000)
    d = window.experiments.open_landscape()
    d.paths_radio.setChecked(True)
    d.epochs_spin.setValue(4)
    d.grid_spin.setValue(5)
    d.samples_spin.setValue(100)
    config = window.controller.current_config()
    _compute(d, qtbot, timeout=120000)
    assert dialogs == []
    land = d.result
    assert land.complete and land.plane["kind"] == "pca"
    assert list(d.plot.path_curves) == ["SGD", "Momentum SGD", "Adagrad", "Adam"]
    expected = _in_a_thread(lambda: core.optimizer_landscape(
        config.with_overrides(**{"train.epochs": 4}), window.data_panel.dataset(), grid=5, samples=100
    ))
    for path, want in zip(land.paths, expected.paths):
        x, y = d.plot.path_curves[path.name].getData()
        assert len(x) == 5  # the start and each of 4 epochs
        np.testing.assert_allclose(x, want.x, rtol=1e-4, atol=1e-6)
        np.testing.assert_allclose(y, want.y, rtol=1e-4, atol=1e-6)
        assert f"{path.name}: {path.step_out_of_plane.mean():.0%} of a step" in d.note.text()
    assert "The plane holds" in d.note.text()


def test_the_dialog_speaks_japanese(window, qtbot, dialog, dialogs, japanese):
    _train(window, qtbot, 2)
    d = window.experiments.open_landscape()
    assert d.windowTitle() == "損失関数の地形"
    d.grid_spin.setValue(3)
    d.samples_spin.setValue(20)
    _compute(d, qtbot)
    land = d.result
    assert d.status.text().startswith("3×3 のグリッド、訓練データ 20 件で") and f"中心の損失は {land.center_loss:.4g}。" in d.status.text()
    assert d.plot.plot.getPlotItem().getAxis("bottom").labelText == "α (方向 1、フィルターごとに正規化)"
    assert d.plot.hover_text(land.x[0], land.y[0]).endswith(f"損失 {land.losses[0, 0]:.5g}")


def test_the_colour_bar_names_round_losses_between_its_ends():
    assert loss_ticks(0.0123, 0.91) == [0.0123, 0.02, 0.1, 0.5, 0.91]
    assert loss_ticks(0.42, 1.25) == [0.42, 0.5, 1.0, 1.25]
    assert loss_ticks(0.5, 0.52) == [0.5, 0.52]


def test_paths_that_span_no_plane_are_said_in_japanese_not_as_a_traceback(window, qtbot, dialog, dialogs, japanese, monkeypatch):
    """optimizer_landscape's refusal when the weights hardly moved reaches the window as the
    core's keyed error (here made by pca_plane itself on a path along one line)."""
    import torch
    from PySide6.QtWidgets import QMessageBox

    def flat(*args, **kwargs):
        line = torch.tensor([1.0, 2.0, 3.0])
        return core.pca_plane(torch.zeros(3), [[line, line * 2, line * 4]])

    monkeypatch.setattr(core, "optimizer_landscape", flat)
    d = window.experiments.open_landscape()
    d.paths_radio.setChecked(True)
    _compute(d, qtbot)
    boxes = [b for b in d.findChildren(QMessageBox) if b.isVisible()]
    assert len(boxes) == 1 and boxes[0].text().startswith("学習中に重みがほとんど動きませんでした")
    assert "Traceback" not in boxes[0].text() and d.status.text() == "失敗しました。"
    assert d.compute_button.isEnabled() and d.result is None
