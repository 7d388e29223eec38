"""The comparison dialog's views of its variants: loss and accuracy curves per epoch, one
colour per variant (`_CurvePlots`), the activation histograms of each hidden layer
(`_HistogramGrid`), and each variant's training health — per-layer activations, gradients,
weights and update ratios, and the diagnoses that fired (`_HealthPage`, the main window's
health view). Views only: compare.py feeds them."""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from playground.core.experiments.compare import ComparisonResult
from playground.core.training.callbacks import EpochLogs
from playground.gui.i18n.core_text import variant_name
from playground.gui.i18n.health_text import diagnosis_name
from playground.gui.run.health_panel import HealthView
from playground.gui.run.plot_parts import OVERLAY_COLORS, TRAIN_COLOR, VAL_COLOR, light_plot_widget, whole_number_axis

__all__ = ["VARIANT_COLORS", "VARIANT_SYMBOLS"]

VARIANT_COLORS = (TRAIN_COLOR, VAL_COLOR, *OVERLAY_COLORS)
# A hollow marker of its own per variant, so curves that lie on top of each other (Adam,
# AdamW and AdaBound in the optimizer lesson) still show each one: outlines of different
# shapes stay visible through each other. With the character the legend shows for it.
VARIANT_SYMBOLS = (("o", "○"), ("s", "□"), ("t1", "△"), ("d", "◇"), ("t", "▽"), ("star", "☆"), ("x", "×"),
                   ("+", "+"), ("p", "⬠"), ("h", "⬡"))
_MARKS = 12  # about this many markers along a curve, whatever the epochs


def variant_style(index: int) -> tuple[str, str, str]:
    """(colour, pyqtgraph symbol, legend character) of variant `index`."""
    symbol, glyph = VARIANT_SYMBOLS[index % len(VARIANT_SYMBOLS)]
    return VARIANT_COLORS[index % len(VARIANT_COLORS)], symbol, glyph


class _CurvePlots(QWidget):
    """Loss and accuracy against epochs, one colour and one marker per variant: solid
    training, dashed validation. Markers sit on every few epochs, shifted per variant, so
    curves that coincide show their markers side by side along the one line."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.hint = QLabel(
            self.tr("Solid lines: training; dashed lines: validation. Each variant has its own colour and marker.")
        )
        self.hint.setStyleSheet("color: #555;")
        outer.addWidget(self.hint)
        layout = QHBoxLayout()
        outer.addLayout(layout, 1)
        self.loss_plot = light_plot_widget()
        self.acc_plot = light_plot_widget()
        for widget, title in ((self.loss_plot, self.tr("Loss")), (self.acc_plot, self.tr("Accuracy"))):
            whole_number_axis(widget, fractions_when_zoomed=False)  # points at whole epochs only
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
        self.markers: dict[int, dict[str, pg.PlotDataItem]] = {}
        self.every: dict[int, int] = {}  # a marker every this many epochs
        self.data: dict[int, dict[str, list]] = {}

    def clear(self) -> None:
        for widget in (self.loss_plot, self.acc_plot):
            widget.getPlotItem().clear()
        self.curves.clear()
        self.markers.clear()
        self.every.clear()
        self.data.clear()
        self.names.clear()
        self.legend.clear()

    def retranslate(self, name_of) -> None:
        """The plots' titles and the legend in the installed language; `name_of(index)` says a
        variant's name in it."""
        for widget, title in ((self.loss_plot, self.tr("Loss")), (self.acc_plot, self.tr("Accuracy"))):
            widget.getPlotItem().setTitle(title, color="#333")
            widget.getPlotItem().setLabel("bottom", self.tr("epoch"))
        for index in self.names:
            self.names[index] = name_of(index)
            for key in ("loss", "accuracy"):
                curve = self.curves.get(index, {}).get(key)
                if curve is not None:
                    curve.opts["name"] = self.names[index]
        self._update_legend()

    def _update_legend(self) -> None:
        entries = []
        for index in sorted(self.names):
            color, _, glyph = variant_style(index)
            # A coloured bar with the marker and the name kept together (&nbsp;); wrapping happens between entries.
            name = html.escape(self.names[index]).replace(" ", "&nbsp;")
            entries.append(f'<span style="color:{color}; font-weight:bold;">&#9473;{glyph}&#9473;</span>&nbsp;{name}')
        self.legend.setText("&nbsp;&nbsp;&nbsp; ".join(entries))

    def add_variant(self, index: int, name: str, epochs: int = 0) -> None:
        color, symbol, _ = variant_style(index)
        solid = pg.mkPen(color, width=2)
        dashed = pg.mkPen(color, width=2, style=Qt.PenStyle.DashLine)
        lp, ap = self.loss_plot.getPlotItem(), self.acc_plot.getPlotItem()
        self.curves[index] = {
            "loss": lp.plot([], [], pen=solid, name=name),
            "val_loss": lp.plot([], [], pen=dashed),
            "accuracy": ap.plot([], [], pen=solid, name=name),
            "val_accuracy": ap.plot([], [], pen=dashed),
        }
        hollow = pg.mkBrush(0, 0, 0, 0)
        self.markers[index] = {
            key: plot.plot([], [], pen=None, symbol=symbol, symbolSize=9, symbolPen=pg.mkPen(color, width=1.5),
                           symbolBrush=hollow)
            for key, plot in (("loss", lp), ("val_loss", lp), ("accuracy", ap), ("val_accuracy", ap))
        }
        self.every[index] = max(1, -(-epochs // _MARKS))
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
        every = self.every.get(index, 1)
        # Shifted per variant: coinciding curves get their markers at different epochs.
        marked = (epochs.astype(int) - 1 + index) % every == 0
        for key, curve in self.curves[index].items():
            values = np.asarray(d[key], dtype=float)
            ok = np.isfinite(values)
            curve.setData(epochs[ok], values[ok])
            self.markers[index][key].setData(epochs[ok & marked], values[ok & marked])


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


class _HealthPage(QWidget):
    """Each variant's training health: a list of what fired in each variant, a variant picker
    (it follows the variant in training) and the main window's health view of the picked one."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.snapshots: dict[int, list] = {}
        self.names: list[str] = []
        layout = QVBoxLayout(self)
        self.summary = QLabel(wordWrap=True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.summary)
        row = QHBoxLayout()
        self.variant_label = QLabel(self.tr("Variant:"))
        row.addWidget(self.variant_label)
        self.variant_combo = QComboBox()
        row.addWidget(self.variant_combo)
        row.addStretch(1)
        layout.addLayout(row)
        self.view = HealthView()
        layout.addWidget(self.view, 1)
        self.variant_combo.currentIndexChanged.connect(self._on_variant_chosen)

    def start(self, names: list[str]) -> None:
        self.snapshots.clear()
        self.names = list(names)
        self.variant_combo.blockSignals(True)
        self.variant_combo.clear()
        self.variant_combo.addItems([variant_name(n) for n in names])
        self.variant_combo.blockSignals(False)
        self.view.clear()
        self._show_summary()

    def follow(self, index: int) -> None:
        """Variant `index` starts training: show it."""
        self.variant_combo.setCurrentIndex(index)

    def add_snapshot(self, index: int, snapshot) -> None:
        self.snapshots.setdefault(index, []).append(snapshot)
        if index == self.variant_combo.currentIndex():
            self.view.add_snapshot(snapshot)
        self._show_summary()

    def _on_variant_chosen(self, index: int) -> None:
        self.view.show_snapshots(self.snapshots.get(index, []))

    def fired(self, index: int) -> list[str]:
        """The rules that fired in any recorded epoch of variant `index`, in order."""
        keys: list[str] = []
        for snapshot in self.snapshots.get(index, []):
            for d in snapshot.diagnoses:
                if d.key not in keys:
                    keys.append(d.key)
        return keys

    def _show_summary(self) -> None:
        lines = []
        for index, name in enumerate(self.names):
            if index not in self.snapshots:
                continue
            keys = self.fired(index)
            what = ", ".join(diagnosis_name(k) for k in keys) if keys else self.tr("no problems found")
            color = "#9a6700" if keys else "#1a6b1a"
            lines.append(f'<b>{html.escape(variant_name(name))}</b>: <span style="color:{color}">{html.escape(what)}</span>')
        self.summary.setText("<br>".join(lines))

    def retranslate(self) -> None:
        current = self.variant_combo.currentIndex()
        self.variant_combo.blockSignals(True)
        for i, name in enumerate(self.names):
            self.variant_combo.setItemText(i, variant_name(name))
        self.variant_combo.setCurrentIndex(current)
        self.variant_combo.blockSignals(False)
        self.view.retranslate()
        self._show_summary()
