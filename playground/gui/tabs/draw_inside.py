"""Inside the Draw tab's model: the feature maps of every convolution for the current drawing
(one small image per channel, grouped by layer), the attribution overlay's picture ("why did it
say 9?") and the filters dialog. Thin over core.experiments.inside, which computes them.

The filters have a dialog of their own (Filters… on the Draw tab) rather than a place in the
tab: they do not change with the drawing, and the starter's second convolution alone has
32 × 16 filters — shown beside the canvas they would squeeze it, and every stroke would
repaint them for nothing.

Everything here is drawn from small numpy arrays: a layer's maps become one greyscale image
(channels stacked) painted tile by tile, so a stroke costs one array conversion per layer.
"""

from __future__ import annotations

import math
import re

import numpy as np
from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from playground.gui.i18n.errors import error_text
from playground.gui.widgets import LinesLabel

__all__ = ["FiltersDialog", "InsideView", "MapGrid", "heat_overlay", "maps_image", "signed_overlay"]

GAP = 2  # pixels between two tiles
MAX_COLUMNS = 16  # a layer's channels wrap after this many tiles
MAX_TILE = 56  # a tile is at most this many pixels square (a 28×28 map at 2×)
MIN_TILE = 12
# The feature maps' area is as high as this when the panel has room, down to INSIDE_MIN_HEIGHT (its
# header and one row of small tiles, scrolled) when it has not: never a height that depends on the
# model, so that no model moves the canvas; the rest of the maps scroll.
INSIDE_HEIGHT = 170
INSIDE_MIN_HEIGHT = 48  # the header row and a strip of the maps: the Draw tab must fit a 1280×800 screen in Japanese (test_window_fit) with its canvas at least 200 px (test_draw_layout)


def maps_image(maps: np.ndarray) -> tuple[QImage, str]:
    """A layer's maps [C, H, W] as one greyscale image (the channels stacked top to bottom), and
    how it is scaled: maps that are never negative (after a ReLU) from 0 (black) to the layer's
    largest value (white); others from −m (black) through 0 (grey) to +m (white), m the
    largest magnitude. One scale per layer, so a channel that responds little looks dark."""
    maps = np.nan_to_num(np.asarray(maps, dtype=np.float32))
    c, h, w = maps.shape
    if maps.size and maps.min() >= 0:
        top = float(maps.max()) or 1.0
        gray, scale = maps / top, "positive"
    else:
        top = float(np.abs(maps).max()) if maps.size else 1.0
        gray, scale = (maps / (top or 1.0) + 1) / 2, "signed"
    pixels = np.ascontiguousarray(np.clip(gray * 255 + 0.5, 0, 255).astype(np.uint8).reshape(c * h, w))
    image = QImage(pixels.data, w, c * h, w, QImage.Format.Format_Grayscale8).copy()
    return image, scale


def heat_overlay(gray: np.ndarray, heat: np.ndarray) -> QImage:
    """The model's input (H×W in [0, 1]) in grey with `heat` (H×W in [0, 1]) over it in the
    "hot" colours (dark red → yellow → white), as opaque as it is hot."""
    g = np.clip(np.asarray(gray, np.float32), 0, 1)[..., None] * np.float32(0.55)  # the drawing dimmed under the heat
    h = np.clip(np.nan_to_num(np.asarray(heat, np.float32)), 0, 1)[..., None]
    hot = np.concatenate([np.clip(3 * h, 0, 1), np.clip(3 * h - 1, 0, 1), np.clip(3 * h - 2, 0, 1)], axis=-1)
    alpha = np.clip(h * 1.4, 0, 0.85)
    rgb = np.ascontiguousarray(np.clip((g * (1 - alpha) + hot * alpha) * 255 + 0.5, 0, 255).astype(np.uint8))
    height, width = rgb.shape[:2]
    return QImage(rgb.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()


def signed_overlay(gray: np.ndarray, heat: np.ndarray, against: np.ndarray) -> QImage:
    """The model's input (H×W in [0, 1]) in grey with the pixels that raised the score (`heat`,
    H×W in [0, 1]) in red and those that lowered it (`against`) in blue, as opaque as they are
    strong: integrated gradients' shares of the answer."""
    g = np.clip(np.asarray(gray, np.float32), 0, 1)[..., None] * np.float32(0.45)
    up = np.clip(np.nan_to_num(np.asarray(heat, np.float32)), 0, 1)[..., None]
    down = np.clip(np.nan_to_num(np.asarray(against, np.float32)), 0, 1)[..., None]
    # Square roots: the shares of a drawing fall off fast from its strongest parts.
    up, down = np.sqrt(up), np.sqrt(down)
    red = np.array([1.0, 0.25, 0.1], np.float32)
    blue = np.array([0.2, 0.55, 1.0], np.float32)
    alpha_up, alpha_down = np.clip(up * 1.2, 0, 0.9), np.clip(down * 1.2, 0, 0.9)
    rgb = g * (1 - alpha_up) * (1 - alpha_down) + red * alpha_up + blue * alpha_down * (1 - alpha_up)
    rgb = np.ascontiguousarray(np.clip(rgb * 255 + 0.5, 0, 255).astype(np.uint8))
    height, width = rgb.shape[:2]
    return QImage(rgb.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()


def _diverging(values: np.ndarray) -> np.ndarray:
    """Weights scaled to [-1, 1] as RGB: blue for negative, white for 0, red for positive."""
    v = np.clip(values, -1, 1)[..., None]
    pos, neg = np.clip(v, 0, 1), np.clip(-v, 0, 1)
    rgb = np.concatenate([1 - neg, 1 - np.abs(v), 1 - pos], axis=-1)
    return np.clip(rgb * 255 + 0.5, 0, 255).astype(np.uint8)


def layer_text(label: str) -> str:
    """A layer label of core's ("Layer 3 (Conv2D)") in the UI's language; the layer types stay as they are."""
    m = re.fullmatch(r"Layer (\d+) \((.*)\)", label)
    return QCoreApplication.translate("InsideView", "Layer {0} ({1})").format(m.group(1), m.group(2)) if m else label


class MapGrid(QWidget):
    """One layer's images as a grid of tiles: `count` tiles of `tile_shape`, taken top to
    bottom from one image (its tiles stacked) and scaled to whole pixels. Its height follows
    its width, so a layer wraps onto as many rows as it needs."""

    def __init__(
        self, parent: QWidget | None = None, max_columns: int = MAX_COLUMNS, max_tile: int = MAX_TILE, max_scale: int = 2
    ):
        super().__init__(parent)
        self.max_scale = max_scale  # a tile is at most this many times its image's size
        self.image = QImage()
        self.count = 0
        self.tile_shape = (1, 1)
        self.max_columns = max_columns
        self.max_tile = max_tile
        self.tooltips: list[str] = []
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)

    def set_image(self, image: QImage, count: int, tile_shape: tuple[int, int]) -> None:
        changed = (count, tuple(tile_shape)) != (self.count, self.tile_shape)
        self.image, self.count, self.tile_shape = image, count, tuple(tile_shape)
        if changed:
            self.fit_height(self.width())
        self.update()

    def fit_height(self, width: int) -> None:
        """As high as its rows of tiles at `width` (its owner calls this when the width it
        gives changes: a height set in its own resize event fed back into the scroll area)."""
        height = self.heightForWidth(width)
        if self.minimumHeight() != height or self.maximumHeight() != height:
            self.setFixedHeight(height)

    def columns(self) -> int:
        return max(1, min(self.count, self.max_columns))

    def tile_size(self, width: int) -> int:
        cols = self.columns()
        natural = max(self.tile_shape)
        fit = (width - (cols - 1) * GAP) // cols
        return int(max(MIN_TILE, min(fit, self.max_tile, max(natural * self.max_scale, MIN_TILE))))

    def heightForWidth(self, width: int) -> int:
        rows = math.ceil(self.count / self.columns()) if self.count else 0
        tile = self.tile_size(width)
        h, w = self.tile_shape
        return rows * (round(tile * h / max(h, w)) + GAP)

    def sizeHint(self) -> QSize:
        return QSize(200, self.heightForWidth(200))

    def tile_rect(self, k: int) -> QRect:
        tile = self.tile_size(self.width())
        h, w = self.tile_shape
        th, tw = round(tile * h / max(h, w)), round(tile * w / max(h, w))
        row, col = divmod(k, self.columns())
        return QRect(col * (tw + GAP), row * (th + GAP), tw, th)

    def paintEvent(self, event) -> None:
        if self.image.isNull() or not self.count:
            return
        painter = QPainter(self)
        h, w = self.tile_shape
        for k in range(self.count):
            painter.drawImage(self.tile_rect(k), self.image, QRect(0, k * h, w, h))
        painter.end()

    def event(self, e) -> bool:
        if e.type() == e.Type.ToolTip and self.tooltips:
            k = next((k for k in range(self.count) if self.tile_rect(k).contains(e.pos())), None)
            if k is not None and k < len(self.tooltips):
                self.setToolTip(self.tooltips[k])
            else:
                self.setToolTip("")
        return super().event(e)


class InsideView(QWidget):
    """The feature maps of every convolution for the current drawing, grouped by layer, or a
    note saying why there are none (a model without convolutions, an ONNX or TorchScript file);
    the attribution picture and caption for the Draw tab's preview (`why`); Filters… opens the
    filters dialog, which follows the model while it is open."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = QLabel(self.tr("Feature maps"))
        self.title.setToolTip(self.tr("What each convolution's channels make of your drawing: one image per channel"))
        self.why_check = QCheckBox(self.tr("Why?"))
        self.why_check.setChecked(True)
        self.why_check.setToolTip(
            self.tr("Colour the model input by how much each part of it made the model give its answer")
        )
        # How to answer it: integrated gradients by default — on the starter model Grad-CAM put 91% of
        # its heat on blank paper (the absence of ink is evidence too), which puzzles a learner
        # asking about their strokes; its regions and saliency stay a click away.
        self.why_method = QComboBox()
        for method in ("integrated_gradients", "grad_cam", "saliency"):
            self.why_method.addItem("", method)
        self.why_method.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.why_caption = LinesLabel(1)  # the method and the class; the whole sentence in its tooltip
        self.filters_button = QPushButton(self.tr("Filters…"))
        self.filters_button.setToolTip(self.tr("Show the learned filters (kernels) of every Conv2D layer"))
        self.filters_button.clicked.connect(self.open_filters)
        self.filters_dialog: FiltersDialog | None = None
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.title)
        header.addSpacing(12)
        header.addWidget(self.why_check)
        header.addWidget(self.why_method)
        header.addWidget(self.why_caption, 1)
        header.addWidget(self.filters_button)

        self._maps_page = QWidget()
        self._maps_layout = QVBoxLayout(self._maps_page)
        self._maps_layout.setContentsMargins(0, 0, 0, 0)
        self._maps_layout.setSpacing(2)
        self._maps_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Always there, so the tiles' width never depends on whether the maps need scrolling.
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.scroll.setWidget(self._maps_page)
        self.scroll.viewport().installEventFilter(self)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.scroll)
        self.stack.addWidget(self.note)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.stack, 1)
        self.setMinimumHeight(INSIDE_MIN_HEIGHT)
        self.setMaximumHeight(INSIDE_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.captions: list[LinesLabel] = []
        self.grids: list[MapGrid] = []
        self._layers: list[tuple[str, str, int]] = []  # (label, shown after, channels) of what is shown
        self.network = None  # the torch module behind the model, when it can be looked inside
        self.input_shape: tuple[int, ...] = ()
        self.reason = ""  # why it cannot (in the UI's language)
        self._predictor = None
        self._maps: list = []
        self.retranslate()

    # ------------------------------------------------------------- the model

    def set_model(self, predictor) -> None:
        """The Draw tab's model (a core Predictor, or None). Its maps are shown blank until
        something is drawn; a model that cannot be looked inside gets a note saying why."""
        self._predictor = predictor
        self.network, self.reason, self._maps = None, "", []
        try:
            self._set_model(predictor)
        finally:
            if self.filters_dialog is not None and self.filters_dialog.isVisible():
                self._refresh_filters()

    def _set_model(self, predictor) -> None:
        self.input_shape = tuple(predictor.input_shape) if predictor is not None else ()
        if predictor is None:  # also while torch loads: nothing here may import it
            self.set_note("")
            return
        from playground.core.experiments.inside import InsideError, feature_maps, inspectable_network

        try:
            self.network = inspectable_network(predictor)
            self._maps = feature_maps(self.network, np.zeros(self.input_shape, np.float32))
        except InsideError as e:
            self.network, self.reason = None, error_text(e)
            self.set_note(self.reason)
            return
        self._offer_grad_cam(bool(self._maps))
        self.show_maps(self._maps, blank=True)

    def _offer_grad_cam(self, offered: bool) -> None:
        """Grad-CAM weighs a convolution's maps: for a model without one its entry is greyed out
        (and left for integrated gradients if it was chosen)."""
        item = self.why_method.model().item(self.why_method.findData("grad_cam"))
        item.setEnabled(offered)
        if not offered and self.why_method.currentData() == "grad_cam":
            self.why_method.setCurrentIndex(self.why_method.findData("integrated_gradients"))

    def open_filters(self) -> None:
        if self.filters_dialog is None:
            self.filters_dialog = FiltersDialog(self)
        self._refresh_filters()
        self.filters_dialog.show()
        self.filters_dialog.raise_()

    def _refresh_filters(self) -> None:
        from playground.core.experiments.inside import conv_filters

        if self.network is None:
            self.filters_dialog.set_note(self.reason or self.tr("There is no model to show the filters of."))
        else:
            self.filters_dialog.set_filters(conv_filters(self.network))

    def model_input(self, recognition) -> np.ndarray:
        """The input the model saw for `recognition` (its first channel, repeated over the model's channels)."""
        image = recognition.model_image if getattr(recognition, "model_image", None) is not None else recognition.model_input
        return np.ascontiguousarray(np.broadcast_to(image, self.input_shape), dtype=np.float32)

    def show_recognition(self, recognition) -> None:
        """The maps of the drawing the model just read (None: nothing drawn, the tiles go black)."""
        if self.network is None:
            return
        if recognition is None:
            self.show_maps(self._maps, blank=True)
            return
        from playground.core.experiments.inside import feature_maps

        self._maps = feature_maps(self.network, self.model_input(recognition))
        self.show_maps(self._maps)

    def why(self, recognition, wanted: bool) -> tuple[QImage | None, str, str]:
        """The attribution of `recognition`'s answer: the model input with its heat over it
        (None: none to show), a caption naming the method and the class, and its tooltip."""
        if recognition is None or not wanted:
            return None, "", ""
        if self.network is None:
            return None, self.tr("No overlay for this model: see the note."), self.reason
        from playground.core.experiments.inside import InsideError, attribution, stroke_shares

        try:
            why = attribution(
                self.network, self.model_input(recognition), target=recognition.top, method=self.why_method.currentData()
            )
        except InsideError as e:  # e.g. captum is not installed: the text names the command
            return None, error_text(e), error_text(e)
        name = recognition.class_names[why.target]
        if why.method == "integrated_gradients":
            caption = self.tr("Red raised “{0}”, blue lowered it").format(name)
            tooltip = self.tr(
                "Integrated gradients from a blank canvas: how much each part of your drawing raised the score of "
                "“{0}” over an empty canvas (the shares of neighbouring pixels added up). Red parts raised it, blue ones "
                "lowered it; blank paper has no share."
            ).format(name)
            return signed_overlay(recognition.model_input, *stroke_shares(why, recognition.model_input)), caption, tooltip
        if why.method == "grad_cam":
            caption = self.tr("Grad-CAM: why “{0}”").format(name)
            tooltip = self.tr(
                "Grad-CAM on {0}: the brighter a place, the more the last convolution's features there raised the "
                "score of “{1}”."
            ).format(layer_text(why.layer), name)
        else:
            caption = self.tr("Saliency: why “{0}”").format(name)
            tooltip = self.tr(
                "Saliency: the brighter a pixel, the more a small change to it would change the score of “{0}”."
            ).format(name)
        return heat_overlay(recognition.model_input, why.heat), caption, tooltip

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), INSIDE_HEIGHT)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.scroll.viewport() and event.type() == event.Type.Resize:
            self._fit_grids()  # the grids' heights follow the width they are given
        return super().eventFilter(watched, event)

    def _fit_grids(self) -> None:
        width = self.scroll.viewport().width()
        for grid in self.grids:
            grid.fit_height(width)

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), INSIDE_MIN_HEIGHT)

    def image_count(self) -> int:
        """How many feature-map images are shown (one per channel of every convolution)."""
        return sum(g.count for g in self.grids) if self.stack.currentWidget() is self.scroll else 0

    def set_note(self, text: str) -> None:
        """No maps: say why instead."""
        self.note.setText(text)
        self.stack.setCurrentWidget(self.note)

    def _ensure_layers(self, layers: list[tuple[str, str, int]]) -> None:
        if layers == self._layers:
            return
        for widget in self.captions + self.grids:
            self._maps_layout.removeWidget(widget)
            widget.deleteLater()
        self.captions, self.grids = [], []
        for k, _ in enumerate(layers):
            caption = LinesLabel(1)
            grid = MapGrid()
            self._maps_layout.insertWidget(2 * k, caption)
            self._maps_layout.insertWidget(2 * k + 1, grid)
            self.captions.append(caption)
            self.grids.append(grid)
        self._layers = layers
        self.retranslate()

    def retranslate(self) -> None:
        """After a language switch: the layers' captions, and the note (said again from the model)."""
        if self._predictor is not None and self.network is None:
            self.set_model(self._predictor)
        elif self.filters_dialog is not None and self.filters_dialog.isVisible():
            self._refresh_filters()
        names = {
            "integrated_gradients": (self.tr("Strokes"), self.tr(
                "Integrated gradients: which of your strokes counted for the answer (red) and against it (blue)")),
            "grad_cam": (self.tr("Regions"), self.tr(
                "Grad-CAM: where in the picture the last convolution's features raised the answer (coarse; blank "
                "paper can count too) — for models with Conv2D layers")),
            "saliency": (self.tr("Sensitivity"), self.tr(
                "Saliency: how much a small change to each pixel would change the answer")),
        }
        for k in range(self.why_method.count()):
            text, tip = names[self.why_method.itemData(k)]
            self.why_method.setItemText(k, text)
            self.why_method.setItemData(k, tip, Qt.ItemDataRole.ToolTipRole)
        self.why_method.setToolTip(self.tr("How to show why the model gave its answer"))
        for caption, (label, after, channels) in zip(self.captions, self._layers):
            text = self.tr("%n channel(s)", "", channels)
            if after != label:
                text = self.tr("{0}, after {1}: {2}").format(layer_text(label), layer_text(after), text)
            else:
                text = self.tr("{0}: {1}").format(layer_text(label), text)
            caption.setText(text)

    def show_maps(self, maps: list, blank: bool = False) -> None:
        """`maps`: core.experiments.inside.FeatureMaps of each convolution, in order ([] with no
        convolutions: a note says so). `blank`: nothing is drawn; the tiles show black."""
        if not maps:
            self.set_note(self.tr("This model has no convolution (Conv2D) layers, so there are no feature maps to show."))
            self._ensure_layers([])
            return
        self.stack.setCurrentWidget(self.scroll)
        self._ensure_layers([(m.label, m.shown_after, int(m.maps.shape[0])) for m in maps])
        self.setUpdatesEnabled(False)
        try:
            for grid, m in zip(self.grids, maps):
                data = np.zeros_like(m.maps) if blank else m.maps
                image, _ = maps_image(data)
                grid.set_image(image, int(m.maps.shape[0]), tuple(m.maps.shape[1:]))
                grid.fit_height(self.scroll.viewport().width())
                grid.tooltips = [self.tr("{0}, channel {1}").format(layer_text(m.label), k + 1) for k in range(m.maps.shape[0])]
        finally:
            self.setUpdatesEnabled(True)


class FiltersDialog(QDialog):
    """The filters (kernels) of every Conv2D layer: the first layer's as its pixel grids, a deeper
    layer's as one row per filter with one small grid per input channel. Red weights are
    positive, blue negative, white near 0; one scale per layer."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Convolution filters"))
        self.resize(640, 560)
        self.explain = QLabel(
            self.tr(
                "Each small grid is one filter's weights: red positive, blue negative, white near 0. A filter "
                "responds most where the image looks like it. Deeper layers have one grid per input channel: "
                "a row is one filter, a column one channel of the layer before."
            )
        )
        self.explain.setWordWrap(True)
        self._page = QWidget()
        self._layout = QVBoxLayout(self._page)
        self._layout.addStretch(1)
        scroll = self.scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        scroll.setWidget(self._page)
        scroll.viewport().installEventFilter(self)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addWidget(self.note)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.grids: list[MapGrid] = []
        self.captions: list[QLabel] = []

    def set_note(self, text: str) -> None:
        self._clear()
        self.note.setText(text)
        self.note.show()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.scroll.viewport() and event.type() == event.Type.Resize:
            width = self.scroll.viewport().width() - self._layout.contentsMargins().left() * 2
            for grid in self.grids:
                grid.fit_height(width)
        return super().eventFilter(watched, event)

    def _clear(self) -> None:
        for widget in self.captions + self.grids:
            self._layout.removeWidget(widget)
            widget.deleteLater()
        self.captions, self.grids = [], []

    def set_filters(self, filters: list) -> None:
        """`filters`: core.experiments.inside.ConvFilters of each convolution, in order."""
        self._clear()
        if not filters:
            self.set_note(self.tr("This model has no convolution (Conv2D) layers, so it has no filters to show."))
            return
        self.note.hide()
        for k, f in enumerate(filters):
            out, inp, kh, kw = f.weights.shape
            top = float(np.abs(f.weights).max()) or 1.0
            rgb = _diverging(f.weights / top)  # out, in, kh, kw, 3
            first = k == 0 or inp == 1
            caption = QLabel(
                self.tr("{0}: {1} filters of {2}×{3}").format(layer_text(f.label), out, kh, kw)
                if first
                else self.tr("{0}: {1} filters × {2} input channels, each {3}×{4}").format(
                    layer_text(f.label), out, inp, kh, kw
                )
            )
            grid = MapGrid(max_columns=MAX_COLUMNS if first else inp, max_tile=48 if first else 24, max_scale=16)
            tiles = np.ascontiguousarray(rgb.reshape(out * inp * kh, kw, 3))
            image = QImage(tiles.data, kw, out * inp * kh, 3 * kw, QImage.Format.Format_RGB888).copy()
            grid.set_image(image, out * inp, (kh, kw))
            grid.fit_height(self.scroll.viewport().width() - self._layout.contentsMargins().left() * 2)
            grid.tooltips = [
                self.tr("Filter {0}, input channel {1}").format(o + 1, i + 1) for o in range(out) for i in range(inp)
            ]
            self._layout.insertWidget(2 * k, caption)
            self._layout.insertWidget(2 * k + 1, grid)
            self.captions.append(caption)
            self.grids.append(grid)

