"""The network diagram renders every preset, picks neurons for small dense nets, shows weights."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage

from playground.core.config.presets import list_presets, load_preset
from playground.core.config.model_spec import LayerSpec, ModelSpec
from playground.gui.tabs.network_diagram import NetworkDiagram

DATASET_SHAPES = {"xor": (2,), "mnist": (1, 28, 28), "iris": (4,)}


def preset_model(name: str) -> ModelSpec:
    config = load_preset(name)
    return replace(config.model, input_shape=DATASET_SHAPES[config.data.name])


@pytest.fixture
def diagram(qtbot):
    widget = NetworkDiagram()
    qtbot.addWidget(widget)
    return widget


def render(widget: NetworkDiagram, size: QSize) -> QImage:
    widget.resize(size)
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    widget.render(image)
    return image


def rgb(image: QImage) -> np.ndarray:
    pixels = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(image.height(), image.bytesPerLine())
    bgra = pixels[:, : image.width() * 4].reshape(image.height(), image.width(), 4).astype(int)
    return bgra[..., 2::-1]


def count_pixels(image: QImage, near: str, tolerance: int = 40) -> int:
    """Pixels within `tolerance` (per channel) of the colour `near`."""
    target = QColor(near)
    diff = np.abs(rgb(image) - np.array([target.red(), target.green(), target.blue()]))
    return int((diff.max(axis=-1) <= tolerance).sum())


def count_links(image: QImage) -> tuple[int, int]:
    """Pixels of clearly blue (positive) and clearly orange (negative) links; the links are
    translucent, so this looks at hue rather than at the exact colours."""
    r, g, b = np.moveaxis(rgb(image), -1, 0)
    return int((b - r > 80).sum()), int(((r - b > 80) & (g > 80)).sum())


@pytest.mark.parametrize("name", list_presets())
@pytest.mark.parametrize("size", [QSize(640, 240), QSize(220, 140)])
def test_every_preset_renders(diagram, name, size):
    diagram.set_spec(preset_model(name))
    image = render(diagram, size)
    assert count_pixels(image, "white", tolerance=0) < size.width() * size.height()  # something drawn


def test_neuron_mode_only_for_small_dense_nets(diagram):
    diagram.set_spec(preset_model("xor-mlp"))
    assert diagram.mode == "neurons"
    diagram.set_spec(preset_model("perceptron"))
    assert diagram.mode == "neurons"
    for name in ("cnn", "mlp", "deep-cnn"):
        diagram.set_spec(preset_model(name))
        assert diagram.mode == "blocks", name
    diagram.set_spec(ModelSpec((2,), (LayerSpec("Dense", {"units": 13}),)))
    assert diagram.mode == "blocks"  # too many units to draw one by one
    diagram.set_spec(ModelSpec((9,), (LayerSpec("Dense", {"units": 2}),)))
    assert diagram.mode == "blocks"  # too many inputs


def test_invalid_layer_is_outlined_in_red(diagram):
    spec = ModelSpec((1, 28, 28), (LayerSpec("Conv2D"), LayerSpec("Dense", {"units": 10}), LayerSpec("Activation")))
    diagram.set_spec(spec)  # infers shapes itself and finds layer 2
    assert count_pixels(render(diagram, QSize(600, 220)), "#d62728") > 50
    diagram.set_spec(preset_model("cnn"))
    assert count_pixels(render(diagram, QSize(600, 220)), "#d62728") == 0
    diagram.set_spec(preset_model("xor-mlp"), preset_model("xor-mlp").infer(), invalid_layer=2)
    assert count_pixels(render(diagram, QSize(600, 220)), "#d62728") > 50


def test_weights_colour_the_links(diagram):
    diagram.set_spec(preset_model("xor-mlp"))
    assert count_links(render(diagram, QSize(500, 300))) == (0, 0)
    rng = np.random.default_rng(0)
    diagram.set_weights([rng.normal(size=(8, 2)), rng.normal(size=(2, 8))])  # as nn.Linear.weight
    blue, orange = count_links(render(diagram, QSize(500, 300)))
    assert blue > 100 and orange > 100
    diagram.set_weights([np.ones((8, 2)), np.ones((2, 8))])
    blue, orange = count_links(render(diagram, QSize(500, 300)))
    assert blue > 100 and orange == 0
    with pytest.raises(ValueError, match="do not fit"):
        diagram.set_weights([np.zeros((2, 8)), np.zeros((8, 2))])
    diagram.set_weights(None)
    assert count_links(render(diagram, QSize(500, 300))) == (0, 0)


def test_weights_are_ignored_in_block_mode(diagram):
    diagram.set_spec(preset_model("cnn"))
    diagram.set_weights([np.zeros((3, 3))])
    render(diagram, QSize(500, 200))


def test_long_stacks_and_empty_specs_render(diagram):
    layers = tuple(LayerSpec(t) for t in ("Conv2D", "BatchNorm", "Activation") * 8) + (LayerSpec("Flatten"),)
    diagram.set_spec(ModelSpec((3, 32, 32), layers))
    for size in (QSize(900, 260), QSize(300, 500), QSize(160, 100)):
        render(diagram, size)
    diagram.set_spec(ModelSpec((), ()))
    render(diagram, QSize(300, 150))
    diagram.set_spec(ModelSpec((), (LayerSpec("Dense"),)))  # no dataset chosen yet
    render(diagram, QSize(300, 150))


def test_size_hints_are_reasonable(diagram):
    assert diagram.sizeHint().width() >= 300 and diagram.sizeHint().height() >= 150
    assert diagram.minimumSizeHint().width() <= 200


RESNET = ModelSpec(
    (1, 28, 28),
    (
        LayerSpec("Conv2D", {"filters": 8}),
        LayerSpec("ResidualBlock", {"filters": 8}),
        LayerSpec("ResidualBlock", {"filters": 16, "stride": 2}),
        LayerSpec("Flatten"),
        LayerSpec("Dense", {"units": 10}),
    ),
)


@pytest.mark.parametrize("size", [QSize(700, 260), QSize(260, 600)])
def test_residual_blocks_get_a_skip_connection_around_them(diagram, size):
    diagram.set_spec(preset_model("cnn"))
    assert count_pixels(render(diagram, size), "#2a7f62", tolerance=30) == 0
    assert diagram.skip_connections() == []
    diagram.set_spec(RESNET)
    image = render(diagram, size)
    skips = diagram.skip_connections()
    assert [s.layer for s in skips] == [2, 3]
    vertical = size.height() > size.width()
    for skip in skips:
        arc, block = skip.path.boundingRect(), skip.block
        # it goes around the block: starts before it, rejoins after it, bows beyond its side
        if vertical:
            assert arc.top() < block.top() and skip.plus.y() > block.bottom() and arc.left() < block.left()
        else:
            assert arc.left() < block.left() and skip.plus.x() > block.right() and arc.top() < block.top()
    assert count_pixels(image, "#2a7f62", tolerance=30) > 80  # the arcs and "+" circles are drawn
