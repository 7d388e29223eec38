"""The Data tab's sample views: thumbnails of an image set (`SampleGrid`), the points of a
2-D set (`ToyScatter`), and the "Samples" group that shows one of them for the loaded dataset.
Tensors come only with a dataset, so none of this imports torch before one is shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QGroupBox, QLabel, QSizePolicy, QVBoxLayout, QWidget

if TYPE_CHECKING:
    import torch

    from playground.core.data.dataset import Dataset

__all__ = ["SampleGrid", "SamplesGroup", "ToyScatter"]

_GRID_COLUMNS, _GRID_ROWS = 8, 4
_SCATTER_MAX_POINTS = 2000
# TensorFlow Playground's colours: orange for class 0 / negative, blue for class 1 / positive.
_ORANGE, _BLUE, _NEUTRAL = QColor("#f59322"), QColor("#0877bd"), QColor("#e8eaeb")


def _to_qimage(image: torch.Tensor) -> QImage:
    """A C×H×W float image in [0, 1] (1 or 3 channels) as a QImage that owns its pixels."""
    import torch

    array = (image.clamp(0, 1) * 255).round().to(torch.uint8).numpy()
    channels, height, width = array.shape
    if channels == 1:
        pixels = np.ascontiguousarray(array[0])
        qimage = QImage(pixels.data, width, height, width, QImage.Format.Format_Grayscale8)
    else:
        pixels = np.ascontiguousarray(array[:3].transpose(1, 2, 0))
        qimage = QImage(pixels.data, width, height, 3 * width, QImage.Format.Format_RGB888)
    return qimage.copy()  # the QImage above only borrows `pixels`


class SampleGrid(QWidget):
    """Image thumbnails in a grid, each with an optional caption, scaled to the widget's width."""

    def __init__(self, columns: int, parent: QWidget | None = None, **properties: Any):
        super().__init__(parent, **properties)
        self._columns = columns
        self._images: torch.Tensor | None = None  # None: nothing shown (no torch needed for that)
        self._qimages: list[QImage] = []
        self._captions: list[str] = []
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_images(self, images: torch.Tensor, captions: list[str] | None = None) -> None:
        """Show `images` (N×C×H×W in [0, 1]); `captions` go under them."""
        self._images = images.detach().cpu()
        self._qimages = [_to_qimage(image) for image in self._images]
        self._captions = list(captions) if captions else []
        self.updateGeometry()
        self.update()

    def clear(self) -> None:
        self._images, self._qimages, self._captions = None, [], []
        self.updateGeometry()
        self.update()

    def images(self) -> torch.Tensor:
        """The images shown, as given (an empty tensor when none are)."""
        if self._images is None:
            import torch

            return torch.empty(0)
        return self._images

    def _rows(self) -> int:
        return -(-len(self._qimages) // self._columns)

    def _caption_height(self) -> int:
        return self.fontMetrics().height() + 2 if self._captions else 0

    def _cell(self, width: int) -> int:
        return max(8, width // self._columns)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._rows() * (self._cell(width) + self._caption_height())

    def sizeHint(self) -> QSize:
        width = self._columns * 56
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        width = self._columns * 24
        return QSize(width, self.heightForWidth(width))

    def paintEvent(self, event) -> None:
        cell = self._cell(self.width())
        caption_height = self._caption_height()
        margin = max(1, cell // 16)
        painter = QPainter(self)
        painter.setPen(self.palette().text().color())
        for i, qimage in enumerate(self._qimages):
            row, column = divmod(i, self._columns)
            x, y = column * cell, row * (cell + caption_height)
            # Nearest-neighbour scaling keeps the pixels of 28×28 images visible as they are.
            painter.drawImage(QRect(x + margin, y + margin, cell - 2 * margin, cell - 2 * margin), qimage)
            if i < len(self._captions):
                text = self.fontMetrics().elidedText(self._captions[i], Qt.TextElideMode.ElideRight, cell)
                painter.drawText(
                    QRect(x, y + cell, cell, caption_height),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    text,
                )
        painter.end()


class ToyScatter(pg.PlotWidget):
    """The training points of a 2-D set, coloured by class or by regression target."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, background="w")
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.setAspectLocked(True)
        for side in ("left", "bottom"):
            self.getPlotItem().getAxis(side).setPen(pg.mkPen("#888"))
            self.getPlotItem().getAxis(side).setTextPen(pg.mkPen("#555"))
        self._points = pg.ScatterPlotItem(size=5, pen=pg.mkPen("#ffffff", width=0.5))
        self.addItem(self._points)
        self._colormap = pg.ColorMap([0.0, 0.5, 1.0], [_ORANGE, _NEUTRAL, _BLUE])
        self.setFixedHeight(280)
        self.setMaximumWidth(360)

    def set_dataset(self, dataset: Dataset) -> None:
        x = dataset.x_train[:_SCATTER_MAX_POINTS].numpy()
        y = dataset.y_train[:_SCATTER_MAX_POINTS].numpy()
        if dataset.task == "classification":
            blue, orange = pg.mkBrush(_BLUE), pg.mkBrush(_ORANGE)
            brush = [blue if label == 1 else orange for label in y]
        else:
            # Targets span about [-1, 1]: -1 orange, 0 grey, +1 blue, as in TF Playground.
            colors = self._colormap.map(np.clip((y[:, 0] + 1) / 2, 0, 1), mode="qcolor")
            brush = [pg.mkBrush(c) for c in colors]
        self._points.setData(x=x[:, 0], y=x[:, 1], brush=brush)
        self.getPlotItem().autoRange()


class SamplesGroup(QGroupBox):
    """The loaded dataset's size and shape in a sentence, with a grid of training images for an
    image set or the training points of a 2-D set."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Samples", "group of example images"), parent)
        layout = QVBoxLayout(self)
        self.summary_label = QLabel(objectName="summary_label", wordWrap=True)
        layout.addWidget(self.summary_label)
        self.sample_grid = SampleGrid(_GRID_COLUMNS, objectName="sample_grid")
        self.sample_grid.setToolTip(self.tr("A few training images with their labels."))
        layout.addWidget(self.sample_grid)
        self.scatter = ToyScatter()
        self.scatter.setToolTip(
            self.tr("The training points, coloured by class (orange 0, blue 1) or by target value.")
        )
        layout.addWidget(self.scatter, 0, Qt.AlignmentFlag.AlignHCenter)

    def show_dataset(self, dataset: Dataset | None, loading: bool = False, scatter: bool = True) -> None:
        """Show `dataset`; None shows that one is `loading`, or that none is loaded. `scatter`
        False leaves a 2-D set's points to another view (your own points' editor)."""
        self.sample_grid.setVisible(dataset is not None and dataset.is_image)
        self.scatter.setVisible(dataset is not None and not dataset.is_image and scatter)
        self._shown = (dataset, loading)
        self.retranslate()
        if dataset is None:
            self.sample_grid.clear()
            return
        if dataset.is_image:
            self._show_grid(dataset)
        elif scatter:  # not for a table, whose inputs may be one column, or a hundred
            self.scatter.set_dataset(dataset)

    def _show_grid(self, dataset: Dataset) -> None:
        from playground.gui.i18n.dataset_text import class_names_text

        indices = self._grid_indices(dataset)
        names = class_names_text(dataset.class_names)  # CIFAR-10's in the UI's language
        self.sample_grid.set_images(dataset.x_train[indices], [names[c] for c in dataset.y_train[indices].tolist()])

    def retranslate(self, captions: bool = False) -> None:
        """The summary line of the dataset shown (and with `captions`, after a language switch,
        the grid's class names), in the installed language."""
        dataset, loading = getattr(self, "_shown", (None, False))
        if captions and dataset is not None and dataset.is_image:
            self._show_grid(dataset)
        if dataset is None:
            self.summary_label.setText(self.tr("Loading…") if loading else self.tr("No dataset loaded."))
            return
        shape = "×".join(str(s) for s in dataset.input_shape)
        if dataset.task == "classification":
            summary = self.tr("{train} training and {test} test samples · input {shape} · {count} classes")
            count = dataset.num_classes
        else:
            count = dataset.output_size
            if count == 1:
                summary = self.tr("{train} training and {test} test samples · input {shape} · one target value")
            else:
                summary = self.tr("{train} training and {test} test samples · input {shape} · {count} target values")
        self.summary_label.setText(
            summary.format(
                train=self.locale().toString(len(dataset.x_train)),
                test=self.locale().toString(len(dataset.x_test)),
                shape=shape,
                count=count,
            )
        )

    @staticmethod
    def _grid_indices(dataset: Dataset) -> torch.Tensor:
        """Up to 4×8 training images, taking the classes in turn so every class shows up."""
        import torch

        generator = torch.Generator().manual_seed(0)
        labels = dataset.y_train
        per_class = [
            members[torch.randperm(len(members), generator=generator)]
            for c in range(len(dataset.class_names))
            if len(members := torch.nonzero(labels == c).flatten())
        ]
        limit = _GRID_COLUMNS * _GRID_ROWS
        picked: list[int] = []
        for rank in range(max(map(len, per_class), default=0)):
            picked.extend(int(members[rank]) for members in per_class if rank < len(members))
            if len(picked) >= limit:
                break
        return torch.tensor(picked[:limit], dtype=torch.long)
