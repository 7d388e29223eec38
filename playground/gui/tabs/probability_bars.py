"""The Draw tab's probability bars: one labelled bar per class, the top class in bold."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QGridLayout, QProgressBar, QSizePolicy, QWidget

from playground.gui.widgets import LinesLabel

__all__ = ["BAR_MAX_HEIGHT", "NAME_MAX_WIDTH", "ProbabilityBars"]

BAR_MAX_HEIGHT = 30  # probability bars grow up to this in a tall window, shrink to 14 px in a small one
NAME_MAX_WIDTH = 120  # a class name beside its bar takes at most this many pixels


class ProbabilityBars(QWidget):
    """One labelled bar per class; the top class is highlighted."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setVerticalSpacing(2)
        self.names: list[LinesLabel] = []
        self.bars: list[QProgressBar] = []

    def set_classes(self, names: list[str]) -> None:
        if [n.text() for n in self.names] == list(names):
            return
        for widget in self.names + self.bars:
            self._grid.removeWidget(widget)
            widget.deleteLater()
        self.names, self.bars = [], []
        # The top class is shown bold: its column is as wide as the widest name in bold
        # (up to NAME_MAX_WIDTH; longer names are cut, whole in their tooltip), so a new
        # answer does not shift the bars.
        bold = QFont(self.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        width = min(max((metrics.horizontalAdvance(n) for n in names), default=0) + 4, NAME_MAX_WIDTH)
        # The grid sizes its columns by size hints, and a LinesLabel's is 0 wide: without this
        # the bars began under the names and cut the digits off.
        self._grid.setColumnMinimumWidth(0, width)
        for row, name in enumerate(names):
            label = LinesLabel(1)
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            label.setFixedWidth(width)
            label.setText(name)
            bar = QProgressBar()
            bar.setRange(0, 1000)
            bar.setValue(0)
            bar.setFormat("")
            bar.setMinimumHeight(14)
            bar.setMaximumHeight(BAR_MAX_HEIGHT)
            bar.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            bar.setTextVisible(True)
            self._grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignVCenter)
            self._grid.addWidget(bar, row, 1)
            self.names.append(label)
            self.bars.append(bar)

    def set_probabilities(self, probabilities: np.ndarray | None) -> None:
        # QProgressBar.setValue repaints at once (not update()), and the new text queues a second
        # paint: 20 paints per prediction, ~3.5 ms of a stroke's end. With updates off they
        # become one paint of the whole widget (~1.2 ms, benchmarks/canvas_latency.py).
        self.setUpdatesEnabled(False)
        try:
            top = int(np.argmax(probabilities)) if probabilities is not None else -1
            for i, (label, bar) in enumerate(zip(self.names, self.bars)):
                p = float(probabilities[i]) if probabilities is not None else 0.0
                bar.setValue(round(p * 1000))
                bar.setFormat(f"{p:.1%}" if probabilities is not None else "")
                if label.font().bold() != (i == top):
                    font = label.font()
                    font.setBold(i == top)
                    label.setFont(font)
        finally:
            self.setUpdatesEnabled(True)

    def values(self) -> list[float]:
        return [bar.value() / 1000 for bar in self.bars]
