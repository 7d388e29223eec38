"""The network diagram's neurons on 2-D data (issue 12, item 1): each neuron's heatmap over the
input plane, live during a run; links by sign and size of their weights; a link's weight on
hover; a neuron's map enlarged on hover or click; a note where there can be no heatmaps."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QSize, Qt
from PySide6.QtGui import QHelpEvent, QImage
from PySide6.QtWidgets import QToolTip

from playground.core.config.model_spec import LayerSpec, ModelSpec
from playground.core.config.presets import load_preset
from playground.core.experiments.neuron_maps import NeuronMaps, neuron_maps
from playground.gui.run import training_worker as worker_module
from playground.gui.tabs.network_diagram import NetworkDiagram

from tests.gui.test_network_diagram import count_links, render


def xor_spec() -> ModelSpec:
    return replace(load_preset("xor-mlp").model, input_shape=(2,))


def hand_maps(weights=None, levels=None) -> NeuronMaps:
    """Maps for the xor-mlp stack (2 inputs, 8 Tanh units, 2 outputs) over a 4×5 grid: unit k of
    every column is k·x + y, so each picture is a different slope."""
    xs, ys = np.linspace(-1, 1, 5), np.linspace(-1, 1, 4)
    gx, gy = np.meshgrid(xs, ys)

    def column(n):
        return np.stack([k * gx + gy for k in range(n)]) / 4

    w = weights or (np.full((8, 2), 0.5), np.full((2, 8), -0.25))
    return NeuronMaps(xs, ys, (column(2), column(8), column(2)), levels or ((-1, 1), (-1, 1), (0, 1)), w)


def pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    data = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(image.height(), image.bytesPerLine())
    return data[:, : image.width() * 3].reshape(image.height(), image.width(), 3).copy()


@pytest.fixture
def diagram(qtbot):
    widget = NetworkDiagram()
    qtbot.addWidget(widget)
    widget.set_spec(xor_spec())
    widget.set_input_plane(True)
    return widget


def test_each_neuron_is_drawn_as_its_map(diagram):
    maps = hand_maps()
    assert diagram.set_neuron_maps(maps)
    image = pixels(diagram.neuron_image(1, 3))  # hidden unit 3: 3x + y over the plane, /4
    assert image.shape == (4, 5, 3)
    # Row 0 of the picture is the highest y; the value rises to the right: orange -> blue.
    top_left, top_right, bottom_left = image[0, 0], image[0, -1], image[-1, 0]
    assert top_right[2] > top_right[0]  # blue where 3x + y > 0
    assert top_left[0] > top_left[2] and bottom_left[0] > top_left[0] - 1  # orange where it is below 0
    white = render(diagram, QSize(600, 320))
    # Nothing changes when maps for another stack arrive (a run's last update after an edit).
    other = replace(maps, columns=maps.columns[:2])
    assert not diagram.set_neuron_maps(other) and diagram.neuron_maps() is maps
    assert render(diagram, QSize(600, 320)) == white


def test_links_follow_the_weights_in_colour_and_width(diagram):
    # The maps' weights colour the links; without the heatmaps (their colours would count) they stay.
    diagram.set_neuron_maps(hand_maps(weights=(np.full((8, 2), 0.5), np.full((2, 8), 0.25))))
    diagram.set_neuron_maps(None)
    blue, orange = count_links(render(diagram, QSize(600, 320)))
    assert blue > 100 and orange == 0
    diagram.set_neuron_maps(hand_maps(weights=(np.full((8, 2), -0.5), np.full((2, 8), -0.25))))
    diagram.set_neuron_maps(None)
    blue, orange = count_links(render(diagram, QSize(600, 320)))
    assert orange > 100 and blue == 0
    strong, weak, negative = NetworkDiagram.link_pen(2.0, 2.0), NetworkDiagram.link_pen(0.2, 2.0), NetworkDiagram.link_pen(-2.0, 2.0)
    assert strong.widthF() > weak.widthF() and strong.color().alpha() > weak.color().alpha()
    assert strong.color().blue() > strong.color().red() and negative.color().red() > negative.color().blue()
    assert negative.widthF() == strong.widthF()


def _on_link(diagram, column, dst, src) -> QPointF:
    """A point on a link, a third of the way from its source (the middles of links cross)."""
    a, b = diagram.neuron_centre(column, src), diagram.neuron_centre(column + 1, dst)
    return a + (b - a) * 0.35


def test_hovering_a_link_shows_its_weight(diagram, qtbot):
    weights = (np.arange(16, dtype=float).reshape(8, 2) / 10 - 0.7, np.full((2, 8), -0.25))
    diagram.set_neuron_maps(hand_maps(weights=weights))
    diagram.resize(600, 320)
    diagram.show()
    qtbot.waitExposed(diagram)
    diagram.repaint()
    point = _on_link(diagram, 0, 5, 1)  # x₂ -> hidden unit 6: weights[0][5, 1] = 0.4
    assert diagram.link_at(point) == (0, 5, 1)
    text = diagram.link_tooltip(point)
    assert "+0.4000" in text and "x₂" in text and "neuron 6 of layer 1" in text
    event = QHelpEvent(QEvent.Type.ToolTip, point.toPoint(), diagram.mapToGlobal(point.toPoint()))
    diagram.event(event)
    assert QToolTip.text() == text
    assert "-0.2500" in diagram.link_tooltip(_on_link(diagram, 1, 0, 7))
    assert diagram.link_tooltip(diagram.neuron_centre(1, 2)) == ""  # on a neuron, not a link


def _move(widget, pos: QPoint) -> None:
    """The pointer moves over `widget` to `pos`: the event itself, as qtbot.mouseMove's
    synthetic cursor on the offscreen platform sometimes sent none after other tests."""
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    local = QPointF(pos)
    event = QMouseEvent(QEvent.Type.MouseMove, local, QPointF(widget.mapToGlobal(pos)), Qt.MouseButton.NoButton,
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def test_hovering_or_clicking_a_neuron_enlarges_its_map(diagram, qtbot):
    diagram.set_neuron_maps(hand_maps())
    diagram.resize(600, 320)
    diagram.show()
    qtbot.waitExposed(diagram)
    diagram.repaint()
    before = pixels(diagram.grab().toImage())
    centre = diagram.neuron_centre(1, 4).toPoint()
    _move(diagram, centre)
    qtbot.waitUntil(lambda: diagram.enlarged() == (1, 4))
    hovered = pixels(diagram.grab().toImage())
    # The card: far more pixels of the heat colours than the neuron's small square had.
    assert (np.abs(hovered.astype(int) - before).sum(axis=2) > 60).sum() > 2000
    qtbot.mouseClick(diagram, Qt.MouseButton.LeftButton, pos=centre)
    _move(diagram, QPoint(3, 3))  # away: the clicked one stays enlarged
    qtbot.waitUntil(lambda: diagram._hovered is None)
    assert diagram.enlarged() == (1, 4)
    qtbot.mouseClick(diagram, Qt.MouseButton.LeftButton, pos=QPoint(3, 3))
    assert diagram.enlarged() is None
    assert "probability of class 1" in diagram._neuron_title(2, 1)


def test_notes_say_why_there_are_no_heatmaps(diagram):
    assert "Train" in diagram.note()
    diagram.set_neuron_maps(hand_maps())
    assert "Hover" in diagram.note()
    diagram.set_input_plane(False)
    assert "two inputs" in diagram.note()
    diagram.set_input_plane(True)
    diagram.set_spec(ModelSpec((2,), (LayerSpec("Dense", {"units": 64}), LayerSpec("Dense", {"units": 2}))))
    assert diagram.mode == "blocks" and "blocks" in diagram.note() and diagram.neuron_maps() is None

    class OnnxPredictor:  # what an opened .onnx file is, by its type's name
        source = "/somewhere/model.onnx"
        task = "classification"

    diagram.show_model(None, OnnxPredictor(), None, ())
    assert "model.onnx" in diagram.note() and "ONNX" in diagram.note()


def test_a_model_opened_from_a_bundle_shows_its_heatmaps(window, qtbot, tmp_path):
    """A bundle restores its layers; the diagram shows its neurons' maps, those of its own network."""
    from playground.core.io.bundle import save_model_bundle
    from playground.core.training.loop import fit

    cfg = load_preset("xor-mlp").with_overrides(**{"train.epochs": 2, "train.device": "cpu"})
    trained = fit(cfg, window.data_panel.dataset()).model
    path = save_model_bundle(tmp_path / "xor.nnpmodel", trained.as_run("xor"))
    assert window.model_files.open_model_file(path)
    diagram = window.network_diagram
    # The bundle's data settings may load its dataset anew, in the background: the maps follow.
    qtbot.waitUntil(lambda: window.data_panel.dataset() is not None and diagram.neuron_maps() is not None, timeout=10000)
    maps = diagram.neuron_maps()
    assert maps.shapes() == [2, 8, 2]
    expected = neuron_maps(window.controller.predictor.model, maps.xs, maps.ys, "classification")
    np.testing.assert_allclose(maps.columns[1], expected.columns[1], rtol=1e-5)
    # Probabilities over the plane: the output neurons show the decision boundary.
    np.testing.assert_allclose(maps.columns[2].sum(axis=0), 1.0, rtol=1e-5)


def test_the_heatmaps_change_live_during_a_run(window, qtbot, monkeypatch):
    """A real xor-mlp run in the window: the diagram's heatmaps and links are updated while it
    trains, from the first moment on, and differ between two points of the run."""
    monkeypatch.setattr(worker_module, "NEURON_INTERVAL", 0.0)  # as often as the cost share allows
    monkeypatch.setattr(worker_module, "NEURON_SHARE", 0.5)  # a loaded machine makes each map slower, not fewer
    diagram = window.network_diagram
    seen: list[tuple[np.ndarray, np.ndarray, list[np.ndarray]]] = []

    def record(_maps):  # connected after the controller's slot: what the diagram now draws
        if diagram.neuron_image(1, 0) is not None:
            seen.append((pixels(diagram.neuron_image(1, 0)), pixels(diagram.neuron_image(2, 1)), list(diagram._weights)))

    window.session.neurons_ready.connect(record)
    cfg = load_preset("xor-mlp").with_overrides(**{"train.epochs": 15, "train.device": "cpu"})
    window.controller.apply_config(cfg)
    qtbot.waitUntil(lambda: window.train_action.isEnabled(), timeout=10000)
    with qtbot.waitSignal(window.session.finished, timeout=60000):
        window.train_action.trigger()
    assert len(seen) >= 3
    (first_hidden, first_output, first_weights), (last_hidden, last_output, last_weights) = seen[0], seen[-1]
    assert not np.array_equal(first_hidden, last_hidden)
    assert not np.array_equal(first_output, last_output)
    assert not np.allclose(first_weights[0], last_weights[0])
    # The finished run is the current model: the diagram shows its maps now.
    qtbot.waitUntil(lambda: window.train_action.isEnabled(), timeout=5000)
    assert diagram.neuron_maps() is not None and "Hover" in diagram.note()


def test_input_features_get_their_own_maps_and_names(diagram):
    """With input features (x₁, x₂, sin x₁) the first layer sees three inputs: each has its map
    (the feature over the plane, normalised as the network feeds it) and its name in the tooltip."""
    from playground.core.model.build import build_model

    spec = replace(xor_spec(), features=("x1", "x2", "sin_x1"))
    diagram.set_spec(spec)
    maps = neuron_maps(build_model(spec), np.linspace(-3, 3, 7), np.linspace(-3, 3, 7), "classification")
    assert maps.shapes() == [3, 8, 2] and diagram.set_neuron_maps(maps)
    np.testing.assert_allclose(maps.columns[0][2], np.sin(np.meshgrid(maps.xs, maps.ys)[0]), atol=1e-6)
    text = diagram.link_tooltip(_on_link(diagram, 0, 0, 2))
    assert "sin x₁" in text and "neuron 1 of layer 1" in text
