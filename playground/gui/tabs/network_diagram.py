"""A picture of the network: blocks for any stack, neurons and links for small dense nets.

Everything is laid out from the widget's current size inside paintEvent, so the picture follows
resizes and needs no scene graph. Small fully connected nets (like TensorFlow Playground's) are
drawn as neurons and links; `set_weights` colours each link by the sign of its weight and
thickens it with the magnitude. On 2-D data, `set_neuron_maps` (live during training: the
training thread computes core.experiments.neuron_maps) draws each neuron as a small heatmap of
its output over the input plane, the output neurons' being the prediction, and colours the links
by the same weights; hovering a neuron enlarges its map (a click keeps it), hovering a link shows
its weight. Where there are no heatmaps, a short note at the top says why.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from playground.core.config.features import FEATURES, RAW_FEATURES
from playground.core.config.model_spec import LayerInfo, ModelSpec, infer_shapes
from playground.core.config.spec_errors import SpecError
from playground.core.config.catalogue import format_shape
from playground.gui.tabs.diagram_skips import RESIDUAL_TYPES, SKIP_ROOM, Skip, paint_skips, skip_connections
from playground.gui.tabs.neuron_heatmaps import (
    heat_image, model_maps, nearest_link, paint_enlarged, paint_heatmap, run_weights,
)
from playground.gui.tabs.backbone_row import backbone_title
from playground.gui.widgets import answer_tooltip

__all__ = ["LAYER_COLORS", "NetworkDiagram", "infer_prefix", "layer_color"]

# One colour per layer type, shared with the layer builder's palette so a type looks the same
# everywhere. Light enough that dark text stays readable on top.
LAYER_COLORS: dict[str, str] = {
    "Backbone": "#d3b8e0",  # a pretrained network (a light violet; grey when frozen)
    "Dense": "#7aa6d6",
    "Conv2D": "#f2a65a",
    "MaxPool2D": "#e57f84",
    "AvgPool2D": "#8ccfc9",
    "Flatten": "#c9c1bb",
    "Dropout": "#c4a0c9",
    "BatchNorm": "#90c97f",
    "Activation": "#f0d46a",
    "ResidualBlock": "#f5c08e",
}
_INPUT_COLOR = "#d9d9d9"
_BLOCK_TEXT_COLOR = QColor("#202020")  # on the light block colours, whatever the theme
_INVALID_COLOR = QColor("#d62728")
_FROZEN_COLOR = QColor("#c9ccd1")
# TensorFlow Playground's link colours: orange for negative weights, blue for positive ones.
_NEGATIVE_COLOR = QColor("#f59322")
_POSITIVE_COLOR = QColor("#0877bd")

# Neuron mode is for nets small enough that every unit and link can be seen.
_NEURON_MAX_INPUTS = 8
_NEURON_MAX_UNITS = 12
_NEURON_LAYER_TYPES = frozenset({"Dense", "Activation", "Dropout", "BatchNorm"})
# Predictors of model files that are graphs: what is inside them cannot be looked into.
_GRAPH_PREDICTORS = frozenset({"OnnxPredictor", "TorchScriptPredictor"})

_MARGIN = 8.0
_MIN_FONT_PX = 7.0


def layer_color(layer_type: str) -> QColor:
    """The colour of a layer type (grey for the input and anything unknown)."""
    return QColor(LAYER_COLORS.get(layer_type, _INPUT_COLOR))


class NetworkDiagram(QWidget):
    """Draws a ModelSpec left to right; the invalid layer (1-based, 0 for none) is outlined in red."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._spec = ModelSpec((), ())
        self._infos: list[LayerInfo] = []
        self._invalid_layer = 0
        self._weights: list[np.ndarray] = []
        self._frozen: frozenset[int] = frozenset()
        self._mode = "blocks"
        self._maps = None  # core.experiments.neuron_maps.NeuronMaps shown, or None
        self._images: list[list[QImage]] = []  # each neuron's heatmap, per column
        self._hovered: tuple[int, int] | None = None  # (column, unit) under the mouse
        self._pinned: tuple[int, int] | None = None  # (column, unit) clicked: its map stays enlarged
        self._plane: bool | None = None  # whether the data has two inputs; None before a dataset
        self._graph_name = ""  # the current model's file, when it is an ONNX/TorchScript graph
        self._skips: list[Skip] = []  # residual blocks' skip connections, as last drawn
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 100)

    # ------------------------------------------------------------------ public API

    @property
    def mode(self) -> str:
        """'neurons' when every unit is drawn, else 'blocks'."""
        return self._mode

    def set_spec(self, spec: ModelSpec, infos: list[LayerInfo] | None = None, invalid_layer: int = 0) -> None:
        """Show `spec`. Without `infos` the shapes are inferred here, and a stack that does not
        infer marks its first bad layer. Any weights and heatmaps shown before are dropped,
        unless the stack is the same one (the same neurons: a run's live maps stay)."""
        if infos is None:
            infos, error_layer = infer_prefix(spec)
            invalid_layer = invalid_layer or error_layer
        same = spec == self._spec and list(infos) == self._infos
        self._spec = spec
        self._infos = list(infos)
        self._invalid_layer = invalid_layer
        if not same:
            self._weights = []
            self._clear_maps()
        self._mode = "neurons" if self._fits_neuron_mode() else "blocks"
        self.update()

    def skip_connections(self) -> list[Skip]:
        """The skip connections of the residual blocks as last painted (block mode; diagram_skips.py)."""
        return list(self._skips)

    def invalid_layer(self) -> int:
        """The 1-based number of the layer drawn in red (the stack's problem), 0 for none."""
        return self._invalid_layer

    def set_frozen(self, layers: Sequence[int]) -> None:
        """Grey out the frozen layers (0-based positions, TrainConfig.frozen_layers) in block mode."""
        frozen = frozenset(layers)
        if frozen != self._frozen:
            self._frozen = frozen
            self.update()

    def set_weights(self, weights: Sequence[np.ndarray] | None) -> None:
        """Colour the links of neuron mode by trained weights: one (out_features, in_features)
        matrix per Dense layer, in order, as torch.nn.Linear stores them. None clears them.

        Block mode draws no links, so there the weights are not needed and are ignored."""
        if not weights or self._mode != "neurons":
            self._weights = []
            self.update()
            return
        columns = self._neuron_columns()
        expected = [(columns[i + 1][0], columns[i][0]) for i in range(len(columns) - 1)]
        arrays = [np.asarray(w, dtype=float) for w in weights]
        shapes = [a.shape for a in arrays]
        if shapes != expected:
            raise ValueError(f"Weights of shapes {shapes} do not fit the Dense layers, which need {expected}.")
        self._weights = arrays
        self.update()

    def weights_fit(self, weights: Sequence[np.ndarray] | None) -> bool:
        """Whether `weights` are one matrix per link column of the neurons drawn now."""
        if not weights or self._mode != "neurons":
            return False
        columns = self._neuron_columns()
        expected = [(columns[i + 1][0], columns[i][0]) for i in range(len(columns) - 1)]
        return [np.shape(w) for w in weights] == expected

    def weights_shown(self) -> bool:
        """Whether the links are coloured by weights (else drawn plain, as untrained)."""
        return bool(self._weights)

    def set_neuron_maps(self, maps) -> bool:
        """Draw each neuron as its heatmap and colour the links by the maps' weights (a
        core.experiments.neuron_maps.NeuronMaps, from a run in progress or the current model);
        None clears the heatmaps and keeps the links as they are. Maps that do not fit the
        neurons drawn now (another stack, block mode) are ignored: returns whether they were shown."""
        if maps is None:
            self._clear_maps()
            self.update()
            return True
        if self._mode != "neurons" or maps.shapes() != [count for count, _ in self._neuron_columns()]:
            return False
        if not self.weights_fit(maps.weights):
            return False
        self._maps = maps
        self._weights = [np.asarray(w, dtype=float) for w in maps.weights]
        self._images = [
            [heat_image(unit, *maps.levels[c]) for unit in column] for c, column in enumerate(maps.columns)
        ]
        self.update()
        return True

    def neuron_maps(self):
        """The NeuronMaps drawn now, or None."""
        return self._maps

    def neuron_image(self, column: int, unit: int) -> QImage | None:
        """The heatmap drawn for a neuron (0-based column, the input column first, and unit)."""
        try:
            return self._images[column][unit]
        except IndexError:
            return None

    def enlarged(self) -> tuple[int, int] | None:
        """(column, unit) of the neuron whose map is enlarged: the one under the mouse, else the one clicked."""
        shown = self._hovered or self._pinned
        return shown if shown is not None and self.neuron_image(*shown) is not None else None

    def set_input_plane(self, two_inputs: bool | None) -> None:
        """Whether the data has two inputs (x₁, x₂), where heatmaps can be drawn; None: no data yet."""
        if two_inputs != self._plane:
            self._plane = two_inputs
            self.update()

    def set_graph_model(self, name: str) -> None:
        """The file name of the current model when it is an ONNX or TorchScript graph ('' if not)."""
        if name != self._graph_name:
            self._graph_name = name
            self.update()

    def show_model(self, run, predictor, dataset, layers: Sequence) -> None:
        """Show the current model (a TrainedModel `run` and its `predictor`, or a predictor alone):
        its weights on the links and, on the 2-D `dataset`, its neurons' heatmaps, when it has the
        stack the builder holds (`layers`: same layers, so the same neurons); else plain links, as
        for an untrained network. A graph model (ONNX, TorchScript) gets the note saying why it
        has no heatmaps."""
        graph = run is None and type(predictor).__name__ in _GRAPH_PREDICTORS
        self.set_graph_model(Path(predictor.source).name if graph else "")
        two_inputs = None if dataset is None else tuple(dataset.input_shape) == (2,)
        self.set_input_plane(two_inputs)
        weights = run_weights(run, layers) if self._mode == "neurons" else None
        fits = self.weights_fit(weights)
        self.set_weights(weights if fits else None)
        self.set_neuron_maps(model_maps(predictor, dataset) if fits and two_inputs else None)

    def note(self) -> str:
        """The short note above the picture: why there are no heatmaps, or how to enlarge them."""
        if not self._spec.layers:
            return ""
        if self._graph_name:
            return self.tr(
                "{0} is an ONNX or TorchScript graph: its neurons cannot be looked into, "
                "so no heatmaps. The diagram shows the layers being built."
            ).format(self._graph_name)
        if self._plane is None:
            return ""
        if not self._plane:
            return self.tr("Neuron heatmaps need data with two inputs (x₁, x₂), such as the toy datasets.")
        if self._mode != "neurons":
            return self.tr(
                "Neuron heatmaps are drawn for small dense networks (up to {0} inputs and {1} units "
                "a layer); this one is drawn as blocks."
            ).format(_NEURON_MAX_INPUTS, _NEURON_MAX_UNITS)
        if self._maps is None:
            return self.tr("Train to see what each neuron responds to.")
        return self.tr("Hover over a neuron to enlarge its map; click to keep it open.")

    def sizeHint(self) -> QSize:
        return QSize(520, 240)

    def minimumSizeHint(self) -> QSize:
        return QSize(160, 100)

    # ------------------------------------------------------------------ layout decisions

    def _fits_neuron_mode(self) -> bool:
        spec = self._spec
        if spec.backbone is not None:
            return False
        if len(spec.layer_input_shape) != 1 or spec.layer_input_shape[0] > _NEURON_MAX_INPUTS:
            return False
        if not spec.layers or len(self._infos) != len(spec.layers):
            return False
        dense = [l for l in spec.layers if l.type == "Dense"]
        return (
            bool(dense)
            and all(l.type in _NEURON_LAYER_TYPES for l in spec.layers)
            and all(isinstance(l.get("units"), int) and l.get("units") <= _NEURON_MAX_UNITS for l in dense)
        )

    def _neuron_columns(self) -> list[tuple[int, list[int]]]:
        """(number of neurons, 1-based layer indices drawn in that column) for the input and each
        Dense layer; the Activation/Dropout/BatchNorm layers after a Dense share its column."""
        columns: list[tuple[int, list[int]]] = [(self._spec.layer_input_shape[0], [])]
        for info in self._infos:
            if info.layer.type == "Dense":
                columns.append((info.output_shape[0], [info.index]))
            else:
                columns[-1][1].append(info.index)
        return columns

    # ------------------------------------------------------------------ painting

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._skips = []
        area, note = self._content_area()
        if note:
            painter.setFont(self._font(11))
            painter.setPen(self.palette().placeholderText().color())
            line = QRectF(area.left(), _MARGIN, area.width(), area.top() - _MARGIN)
            elided = QFontMetricsF(painter.font()).elidedText(note, Qt.TextElideMode.ElideRight, area.width())
            painter.drawText(line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, elided)
        if not self._spec.layers and not self._spec.input_shape:
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self.tr("Add layers to see the network."))
        elif self._mode == "neurons":
            self._paint_neurons(painter, area)
        else:
            self._paint_blocks(painter, area)
        painter.end()

    def _font(self, pixel_size: float, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(max(int(_MIN_FONT_PX), int(pixel_size)))
        font.setBold(bold)
        return font

    def _paint_blocks(self, painter: QPainter, area: QRectF) -> None:
        """One slot per item (input, then each layer), left to right, or top down in a tall
        widget. A block's length grows with the log of the number of values the layer outputs,
        so the funnel of a CNN is visible at a glance."""
        items: list[tuple[str, str, str, tuple[int, ...] | None]] = [
            (
                "",
                self.tr("Input"),
                format_shape(self._spec.input_shape) if self._spec.input_shape else "?",
                self._spec.input_shape or None,
            )
        ]
        numbers = [0]  # the 1-based layer number of each item (0: the input, a backbone)
        backbone = self._spec.backbone
        if backbone is not None:  # one block: the pretrained network, preprocessing included
            items.append(("Backbone", backbone_title(backbone), str(backbone.info.features), (backbone.info.features,)))
            numbers.append(0)
        for i, layer in enumerate(self._spec.layers):
            shape = self._infos[i].output_shape if i < len(self._infos) else None
            items.append((layer.type, layer.describe(), format_shape(shape) if shape else "?", shape))
            numbers.append(i + 1)

        vertical = area.height() > area.width()
        along_start, along = (area.top(), area.height()) if vertical else (area.left(), area.width())
        slot = along / len(items)
        # Wide slots get two lines of text under each block. Otherwise one line runs through
        # the block across the slot (written upwards when left to right), so up to ~25 layers
        # stay legible without overlapping.
        labels_below = not vertical and slot >= 72
        font_px = min(12.0, max(9.0, slot / 9)) if labels_below else min(12.0, slot * 0.6)
        name_font, shape_font = self._font(font_px, bold=True), self._font(font_px)
        metrics = QFontMetricsF(name_font)
        line = metrics.height()
        if vertical:
            cross_start, cross = area.left(), area.width()
        else:
            cross_start, cross = area.top(), area.height() - (2 * line + 6 if labels_below else 0)
        # Room beside the blocks for the residual blocks' skip arcs (above, or left when vertical).
        room = min(SKIP_ROOM, cross * 0.2) if any(t in RESIDUAL_TYPES for t, *_ in items) else 0.0
        cross_start, cross = cross_start + room, cross - room
        thickness = min(slot * 0.7, 90.0)

        sizes = [math.log1p(math.prod(shape)) if shape else 0.0 for *_, shape in items]
        biggest = max(sizes) or 1.0
        rects: list[QRectF] = []
        for i, size in enumerate(sizes):
            length = cross * (0.25 + 0.75 * size / biggest)
            along_pos = along_start + slot * (i + 0.5) - thickness / 2
            cross_pos = cross_start + (cross - length) / 2
            if vertical:
                rects.append(QRectF(cross_pos, along_pos, length, thickness))
            else:
                rects.append(QRectF(along_pos, cross_pos, thickness, length))

        painter.setPen(QPen(self.palette().mid().color(), 1.5))
        mid = cross_start + cross / 2
        for a, b in itertools.pairwise(rects):
            if vertical:
                painter.drawLine(QPointF(mid, a.bottom()), QPointF(mid, b.top()))
            else:
                painter.drawLine(QPointF(a.right(), mid), QPointF(b.left(), mid))

        for i, (layer_type, name, shape_text, shape) in enumerate(items):
            rect, number = rects[i], numbers[i]
            invalid = number == self._invalid_layer and number > 0
            fill = layer_color(layer_type)
            if (number > 0 and number - 1 in self._frozen) or (layer_type == "Backbone" and backbone.frozen):
                fill = QColor(_FROZEN_COLOR)  # frozen: its weights stay as they are
            if shape is None:
                fill.setAlpha(90)  # never reached by shape inference
            border = QPen(_INVALID_COLOR, 3) if invalid else QPen(fill.darker(150), 1)
            if shape is None and not invalid:
                border.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(border)
            painter.setBrush(fill)
            painter.drawRoundedRect(rect, 4, 4)

            if labels_below:
                cell = QRectF(rect.center().x() - slot / 2 + 1, area.bottom() - 2 * line - 2, slot - 2, line)
                painter.setPen(_INVALID_COLOR if invalid else self.palette().text().color())
                for text, font in ((name, name_font), (shape_text, shape_font)):
                    painter.setFont(font)
                    elided = QFontMetricsF(font).elidedText(text, Qt.TextElideMode.ElideRight, cell.width())
                    painter.drawText(cell, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, elided)
                    cell.translate(0, line)
                continue
            text = metrics.elidedText(f"{name}  {shape_text}", Qt.TextElideMode.ElideRight, cross - 4)
            width = metrics.horizontalAdvance(text)
            painter.save()
            painter.translate(rect.center())
            if not vertical:
                painter.rotate(-90)
            box = QRectF(-width / 2 - 3, -line / 2, width + 6, line)
            if width > (rect.width() if vertical else rect.height()) - 6:
                # The text runs past a short block: a light backing keeps it readable on any
                # window background, dark themes included.
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(255, 255, 255, 190))
                painter.drawRoundedRect(box, 3, 3)
            painter.setFont(name_font)
            painter.setPen(_INVALID_COLOR if invalid else _BLOCK_TEXT_COLOR)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
            painter.restore()
        self._skips = skip_connections([t for t, *_ in items], rects, vertical, mid, room)
        paint_skips(painter, self._skips, self.palette(), vertical)

    def _content_area(self) -> tuple[QRectF, str]:
        """The rectangle the picture is drawn in, below the note's line, and the note."""
        area = QRectF(self.rect()).adjusted(_MARGIN, _MARGIN, -_MARGIN, -_MARGIN)
        note = self.note()
        if note:
            area.setTop(area.top() + QFontMetricsF(self._font(11)).height() + 2)
        return area, note

    def _neuron_layout(self, area: QRectF) -> tuple[list[list[QPointF]], float, float, float]:
        """Neuron mode's geometry in `area`: each column's neuron centres, the neurons' radius
        (half the side of a heatmap), the top of the labels and their line height."""
        columns = self._neuron_columns()
        line = QFontMetricsF(self._font(11)).height()
        label_lines = max(1 + len(indices) for _, indices in columns)
        top, bottom = area.top(), area.bottom() - label_lines * line - 4
        col_gap = area.width() / len(columns)
        most = max(count for count, _ in columns)
        pitch = min((bottom - top) / most, 48.0 if self._images else 40.0)
        if self._images:  # squares of heatmaps, as large as the room allows
            radius = max(4.0, min(22.0, pitch * 0.42, col_gap * 0.2))
        else:
            radius = max(3.0, min(12.0, pitch * 0.32, col_gap * 0.12))
        centres: list[list[QPointF]] = []
        for c, (count, _) in enumerate(columns):
            x = area.left() + col_gap * (c + 0.5)
            y0 = top + (bottom - top - pitch * (count - 1)) / 2
            centres.append([QPointF(x, y0 + pitch * k) for k in range(count)])
        return centres, radius, bottom, line

    def _layout_now(self) -> tuple[list[list[QPointF]], float]:
        """The neurons' centres and radius at the widget's size now (none in block mode)."""
        if self._mode != "neurons":
            return [], 0.0
        centres, radius, _, _ = self._neuron_layout(self._content_area()[0])
        return centres, radius

    def _paint_neurons(self, painter: QPainter, area: QRectF) -> None:
        columns = self._neuron_columns()
        by_index = {info.index: info.layer for info in self._infos}
        label_font = self._font(11)
        centres, radius, bottom, line = self._neuron_layout(area)
        col_gap = area.width() / len(columns)

        self._paint_links(painter, centres)

        for c, (count, indices) in enumerate(columns):
            dense_type = "Dense" if c else ""
            colour = layer_color(dense_type) if c else QColor(_INPUT_COLOR)
            painter.setPen(QPen(colour.darker(170), 1.5))
            painter.setBrush(QColor("white"))
            for k, p in enumerate(centres[c]):
                image = self.neuron_image(c, k)
                if image is None:
                    painter.drawEllipse(p, radius, radius)
                    continue
                shown = (c, k) in (self._hovered, self._pinned)
                paint_heatmap(painter, self._neuron_rect(p, radius), image, self.palette().text().color() if shown else colour.darker(170))
                painter.setPen(QPen(colour.darker(170), 1.5))
            if self._invalid_layer in indices:
                painter.setPen(QPen(_INVALID_COLOR, 2.5))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                xs = centres[c][0].x()
                painter.drawRoundedRect(
                    QRectF(
                        xs - radius - 5,
                        centres[c][0].y() - radius - 5,
                        2 * radius + 10,
                        centres[c][-1].y() - centres[c][0].y() + 2 * radius + 10,
                    ),
                    6,
                    6,
                )

            names = [self.tr("Input")] if c == 0 else []
            names += [by_index[i].describe() for i in indices]
            cell = QRectF(area.left() + col_gap * c + 1, bottom + 4, col_gap - 2, line)
            painter.setFont(label_font)
            for name, index in zip(names, ([0] if c == 0 else []) + indices):
                painter.setPen(
                    _INVALID_COLOR if index and index == self._invalid_layer else self.palette().text().color()
                )
                elided = QFontMetricsF(label_font).elidedText(name, Qt.TextElideMode.ElideRight, cell.width())
                painter.drawText(cell, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, elided)
                cell.translate(0, line)
        self._paint_input_names(painter, centres[0], radius, area.left())
        # Last, on top of everything: the enlarged map of the neuron under the mouse or clicked.
        shown = self.enlarged()
        if shown is not None:
            c, k = shown
            low, high = self._maps.levels[c]
            painter.setFont(label_font)
            paint_enlarged(
                painter, QRectF(self.rect()).adjusted(2, 2, -2, -2), self._neuron_rect(centres[c][k], radius),
                self.neuron_image(c, k), self._neuron_title(c, k), f"{low:.3g} … {high:.3g}",
                self.palette().text().color(), self.palette().base().color(),
            )

    # -- the input features' names (helper "features"; ModelSpec.features, config/features.py) --

    def _paint_input_names(self, painter: QPainter, inputs: list[QPointF], radius: float, left: float) -> None:
        """Name each input neuron of a 2-D model by the feature it holds (x₁, x₂, sin x₁, ...),
        left of its circle."""
        if self._spec.input_shape != (2,):
            return
        names = [FEATURES[f].label for f in (self._spec.features or RAW_FEATURES)]
        font = self._font(10)
        painter.setFont(font)
        painter.setPen(self.palette().text().color())
        for name, centre in zip(names, inputs):
            width = centre.x() - radius - 3 - left
            if width < 12:
                return
            text = QFontMetricsF(font).elidedText(name, Qt.TextElideMode.ElideRight, width)
            box = QRectF(left, centre.y() - radius, width, 2 * radius)
            painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)

    @staticmethod
    def _neuron_rect(centre: QPointF, half: float) -> QRectF:
        return QRectF(centre.x() - half, centre.y() - half, 2 * half, 2 * half)

    def _paint_links(self, painter: QPainter, centres: list[list[QPointF]]) -> None:
        biggest = max((float(np.abs(w).max()) for w in self._weights if w.size), default=0.0)
        plain = QPen(self.palette().mid().color(), 1)
        for c in range(len(centres) - 1):
            weights = self._weights[c] if self._weights else None
            for j, dst in enumerate(centres[c + 1]):
                for i, src in enumerate(centres[c]):
                    if weights is None or biggest == 0:
                        painter.setPen(plain)
                    else:
                        painter.setPen(self.link_pen(float(weights[j, i]), biggest))
                    painter.drawLine(src, dst)

    @staticmethod
    def link_pen(weight: float, biggest: float) -> QPen:
        """A link's pen: blue for a positive weight, orange for a negative one, more opaque and
        thicker (0.5 to 4 px) the larger the weight is against the largest one shown."""
        strength = min(1.0, abs(weight) / biggest) if biggest > 0 else 0.0
        colour = QColor(_POSITIVE_COLOR if weight > 0 else _NEGATIVE_COLOR)
        colour.setAlpha(int(60 + 195 * strength))
        return QPen(colour, 0.5 + 3.5 * strength)

    # ------------------------------------------------------------------ names, hovering, clicks

    def _neuron_name(self, column: int, unit: int) -> str:
        """The feature an input of 2-D data holds (x₁, sin x₂, ...), else 'input 3'; 'neuron 2 of
        layer 3' (the builder's row)."""
        if column == 0:
            names = [FEATURES[f].label for f in (self._spec.features or RAW_FEATURES)]
            if self._spec.input_shape == (2,) and unit < len(names):
                return names[unit]
            return self.tr("input {0}").format(unit + 1)
        layer = self._neuron_columns()[column][1][0]
        return self.tr("neuron {0} of layer {1}").format(unit + 1, layer)

    def _neuron_title(self, column: int, unit: int) -> str:
        name = self._neuron_name(column, unit)
        if column < len(self._images) - 1 or self._maps is None:
            return name
        if self._maps.task == "classification":
            return self.tr("{0}: probability of class {1}").format(name, unit)
        return self.tr("{0}: the prediction").format(name)

    def neuron_at(self, pos: QPointF) -> tuple[int, int] | None:
        """(column, unit) of the neuron drawn at `pos`, or None."""
        centres, radius = self._layout_now()
        for c, column in enumerate(centres):
            for k, centre in enumerate(column):
                if self._neuron_rect(centre, radius + 2).contains(pos):
                    return c, k
        return None

    def neuron_centre(self, column: int, unit: int) -> QPointF:
        """Where a neuron is drawn at the widget's size now."""
        return self._layout_now()[0][column][unit]

    def link_at(self, pos: QPointF) -> tuple[int, int, int] | None:
        """(link column, destination unit, source unit) of the link drawn at `pos`, or None."""
        centres, radius = self._layout_now()
        if not centres or self.neuron_at(pos) is not None:
            return None
        return nearest_link(pos, centres, radius)

    def link_tooltip(self, pos: QPointF) -> str:
        """The weight of the link at `pos` and what it joins ('' where there is no link with a weight)."""
        link = self.link_at(pos)
        if link is None or not self._weights:
            return ""
        c, j, i = link
        weight = float(self._weights[c][j, i])
        return self.tr("Weight {0:+.4f}: {1} → {2}").format(
            weight, self._neuron_name(c, i), self._neuron_name(c + 1, j)
        )

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            return answer_tooltip(self, event, self.link_tooltip(QPointF(event.pos())))
        return super().event(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hovered = self.neuron_at(event.position()) if self._images else None
        if hovered != self._hovered:
            self._hovered = hovered
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if self._hovered is not None:
            self._hovered = None
            self.update()
        super().leaveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A click on a neuron keeps its map enlarged (a second click, or one elsewhere, lets it go)."""
        clicked = self.neuron_at(event.position()) if self._images else None
        self._pinned = None if clicked == self._pinned else clicked
        self.update()
        super().mousePressEvent(event)

    def _clear_maps(self) -> None:
        self._maps = None
        self._images = []
        self._hovered = self._pinned = None


def infer_prefix(spec: ModelSpec) -> tuple[list[LayerInfo], int]:
    """Shape infos of the layers before the first bad one, and that layer's number (0 if none)."""
    if not spec.input_shape:
        return [], 0
    try:
        return spec.infer(), 0
    except SpecError as e:
        if e.layer <= 1:
            return [], e.layer
        return infer_shapes(spec.layer_input_shape, spec.layers[: e.layer - 1]), e.layer
