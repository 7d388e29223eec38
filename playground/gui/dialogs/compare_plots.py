"""The comparison dialog's two views of its variants: loss and accuracy curves per epoch, one
colour per variant (`_CurvePlots`), and the activation histograms of each hidden layer
(`_HistogramGrid`). Views only: compare.py feeds them."""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from playground.core.experiments.compare import ComparisonResult
from playground.core.training.callbacks import EpochLogs
from playground.gui.i18n.core_text import variant_name
from playground.gui.run.plots import OVERLAY_COLORS, TRAIN_COLOR, VAL_COLOR, light_plot_widget

__all__ = ["VARIANT_COLORS"]

VARIANT_COLORS = (TRAIN_COLOR, VAL_COLOR, *OVERLAY_COLORS)


class _CurvePlots(QWidget):
    """Loss and accuracy against epochs, one colour per variant: solid training, dashed validation."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.hint = QLabel(self.tr("Solid lines: training; dashed lines: validation."))
        self.hint.setStyleSheet("color: #555;")
        outer.addWidget(self.hint)
        layout = QHBoxLayout()
        outer.addLayout(layout, 1)
        self.loss_plot = light_plot_widget()
        self.acc_plot = light_plot_widget()
        for widget, title in ((self.loss_plot, self.tr("Loss")), (self.acc_plot, self.tr("Accuracy"))):
            item = widget.getPlotItem()
            item.setTitle(title, color="#333")
            item.setLabel("bottom", self.tr("epoch"))
            item.showGrid(x=True, y=True, alpha=0.2)
            item.getViewBox().setMouseEnabled(x=True, y=True)
            layout.addWidget(widget)
        # One legend for both plots, below them: a legend inside a plot hid curves wherever
        # it sat (eight optimizers' accuracies fill the top, slow ones the bottom right).
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        outer.addWidget(self.legend)
        self.names: dict[int, str] = {}
        self.curves: dict[int, dict[str, pg.PlotDataItem]] = {}
        self.data: dict[int, dict[str, list]] = {}

    def clear(self) -> None:
        for widget in (self.loss_plot, self.acc_plot):
            widget.getPlotItem().clear()
        self.curves.clear()
        self.data.clear()
        self.names.clear()
        self.legend.clear()

    def _update_legend(self) -> None:
        entries = []
        for index in sorted(self.names):
            color = VARIANT_COLORS[index % len(VARIANT_COLORS)]
            # A coloured bar and the name kept together (&nbsp;); wrapping happens between entries.
            name = html.escape(self.names[index]).replace(" ", "&nbsp;")
            entries.append(f'<span style="color:{color}; font-weight:bold;">&#9473;&#9473;</span>&nbsp;{name}')
        self.legend.setText("&nbsp;&nbsp;&nbsp; ".join(entries))

    def add_variant(self, index: int, name: str) -> None:
        color = VARIANT_COLORS[index % len(VARIANT_COLORS)]
        solid = pg.mkPen(color, width=2)
        dashed = pg.mkPen(color, width=2, style=Qt.PenStyle.DashLine)
        lp, ap = self.loss_plot.getPlotItem(), self.acc_plot.getPlotItem()
        self.curves[index] = {
            "loss": lp.plot([], [], pen=solid, name=name),
            "val_loss": lp.plot([], [], pen=dashed),
            "accuracy": ap.plot([], [], pen=solid, name=name),
            "val_accuracy": ap.plot([], [], pen=dashed),
        }
        self.names[index] = name
        self._update_legend()
        self.data[index] = {k: [] for k in ("epoch", "loss", "val_loss", "accuracy", "val_accuracy")}

    def add_epoch(self, index: int, logs: EpochLogs) -> None:
        if index not in self.data:
            self.add_variant(index, str(index + 1))
        d = self.data[index]
        d["epoch"].append(logs.epoch)
        for key in ("loss", "val_loss", "accuracy", "val_accuracy"):
            value = getattr(logs, key)
            d[key].append(np.nan if value is None else value)
        epochs = np.asarray(d["epoch"], dtype=float)
        for key, curve in self.curves[index].items():
            values = np.asarray(d[key], dtype=float)
            ok = np.isfinite(values)
            curve.setData(epochs[ok], values[ok])


class _HistogramGrid(pg.GraphicsLayoutWidget):
    """Activation histograms: one row per variant, one column per hidden layer (DLFS fig. 6-10)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setBackground("w")

    def show_result(self, result: ComparisonResult, after: bool = False) -> None:
        self.clear()
        row = 0
        for v in result.variants:
            hists = v.histograms_after if after else v.histograms_before
            if not hists:
                continue
            label = self.addLabel(variant_name(v.name), row=row, col=0, color="#333")
            label.setMaximumWidth(120)
            for col, h in enumerate(hists, start=1):
                plot = self.addPlot(row=row, col=col)
                if row == 0:
                    plot.setTitle(h.label, color="#333", size="8pt")
                centres = (h.edges[:-1] + h.edges[1:]) / 2
                width = float(h.edges[1] - h.edges[0])
                plot.addItem(pg.BarGraphItem(x=centres, height=h.counts, width=width, brush="#0877bd", pen=None))
                plot.hideAxis("left")
                plot.setMouseEnabled(False, False)
            row += 1
