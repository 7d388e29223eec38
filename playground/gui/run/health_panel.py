"""Training health: the window's view of a run's layer statistics (core.experiments.layer_stats).

`HealthView` shows one `HealthSnapshot` at a time: per layer of the stack (Flatten left out), a
row with the histograms of its activations, of the loss's gradient with respect to them and of
its weights; beside them each weighted layer's update/weight ratio ||ΔW||/||W|| over the run, on
a log scale with the healthy band around 1e-3; above, the diagnoses that fired, each naming the
lesson that shows it as a link (`lesson_requested`). The window's Training health tab is a
`HealthPanel` (the view, with the switch that attaches the recorder to runs, remembered in the
window settings); the Experiments dialog shows a lesson's variants in a `HealthView`.

The snapshots come from the training thread (gui/run/training_worker.py) as numbers and NumPy
arrays, a few a second at most; a view that is not on screen keeps only the latest and draws
it when shown.
"""

from __future__ import annotations

import html
import math
import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QScrollArea, QSplitter, QVBoxLayout, QWidget

from playground.gui.i18n.health_text import diagnosis_text, lesson_title
from playground.gui.run.histogram_grid import GridRow, HistogramGrid
from playground.gui.run.plot_parts import OVERLAY_COLORS, TRAIN_COLOR, VAL_COLOR, light_plot_widget, nice_range

__all__ = ["HEALTH_SETTING", "HealthPanel", "HealthView"]

HEALTH_SETTING = "health/record"  # the window settings' key: record training health in runs (default on)
ROW_HEIGHT = 70  # pixels per layer row of histograms
HEALTHY_BAND = (1e-4, 1e-2)  # shaded around the usual ||ΔW||/||W|| of about 1e-3
# The ratio plot's y range in whole powers of ten: at least these, around the healthy 1e-3, and
# widened by whole decades to the ratios. A range that moves only when a ratio crosses a decade
# spares the axes their redraw (~15 ms a drawing).
RATIO_DECADES = (-5.0, -1.0)
SPLIT_UNIT = 1000  # QSplitter.setSizes takes proportions while the view is not yet laid out
# Drawing a snapshot (a dozen histograms) is paced by what it costs, setting the data and painting:
# at least MIN_GAP seconds apart, and no more than DRAW_SHARE of the time; a snapshot that comes
# sooner waits for its turn (only the latest is kept).
MIN_GAP = 0.5
DRAW_SHARE = 0.02
_COLUMNS = ("activations", "gradients", "weights")
_COLORS = {"activations": TRAIN_COLOR, "gradients": VAL_COLOR, "weights": "#2ca02c"}
_HIDDEN_KINDS = ("Flatten",)  # its outputs are the inputs, reshaped


def _kinds(label: str) -> str:
    """"Dense + Sigmoid" from the engine's "Layer 2 (Dense + Sigmoid)"."""
    return label[label.find("(") + 1 : -1] if label.endswith(")") and "(" in label else label


class HealthView(QWidget):
    """Diagnoses, per-layer histograms and update ratios of the latest snapshot (module docstring)."""

    lesson_requested = Signal(str)  # a lesson's name (core.experiments.lessons), from a diagnosis' link

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.snapshot = None  # the latest HealthSnapshot
        self._drawn = None  # the snapshot on screen
        self._rows: list[GridRow] = []  # the grid's rows, one per layer shown
        self._ratios: dict[int, tuple[list[int], list[float]]] = {}  # layer -> (steps, update ratios)
        self._ratio_curves: dict[int, pg.PlotDataItem] = {}
        self._next_draw = 0.0  # perf_counter time before which a new snapshot waits
        self._painted = 0.0  # paint seconds of the grid and the ratio plot at the last drawing
        self._first_paint = False  # the last drawing met new layers: the paint since is theirs
        self._pending = QTimer(self, singleShot=True)
        self._pending.timeout.connect(self.redraw)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.position = QLabel(wordWrap=True)  # no text may widen the window (test_window_fit)
        self.position.setStyleSheet("color: #555;")
        layout.addWidget(self.position)
        self.diagnoses = QLabel(wordWrap=True)
        self.diagnoses.setTextFormat(Qt.TextFormat.RichText)
        self.diagnoses.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.diagnoses.linkActivated.connect(self._on_link)
        layout.addWidget(self.diagnoses)
        split = self.split = QSplitter(Qt.Orientation.Vertical)
        self.grid = HistogramGrid([(column, _COLORS[column]) for column in _COLUMNS], ROW_HEIGHT)
        self.grid.describe = self._describe
        self.grid_area = QScrollArea()
        self.grid_area.setWidgetResizable(True)
        self.grid_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.grid_area.setWidget(self.grid)
        split.addWidget(self.grid_area)
        self.ratio_plot = light_plot_widget()
        item = self.ratio_plot.getPlotItem()
        item.setLogMode(y=True)
        item.showGrid(x=True, y=True, alpha=0.2)
        item.setMouseEnabled(False, False)
        item.enableAutoRange(enable=False)  # snapped instead: see _fit_ratio_range
        item.setRange(xRange=(0, 1), yRange=RATIO_DECADES, padding=0)
        self._ratio_range = ((0.0, 1.0), RATIO_DECADES)
        lo, hi = HEALTHY_BAND
        band = pg.LinearRegionItem((math.log10(lo), math.log10(hi)), orientation="horizontal", movable=False,
                                   brush=pg.mkBrush(44, 160, 44, 40), pen=pg.mkPen(None))
        item.addItem(band)
        item.addItem(pg.InfiniteLine(pos=-3, angle=0, pen=pg.mkPen("#2ca02c", width=1, style=Qt.PenStyle.DashLine)))
        self.ratio_plot.setMinimumHeight(100)
        # The title above the plot and the legend beside it are Qt labels: pyqtgraph's legend
        # inside the plot covered the curves when the tab is short, and laid out in the plot's
        # own grid it stretched and squeezed the curves; the title's one long line there set the
        # plot's least width. Labels cost nothing to repaint when a point is added.
        self.ratio_title = QLabel(wordWrap=True)
        self.ratio_title.setStyleSheet("color: #333;")
        self.ratio_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.ratio_legend = QLabel()
        self.ratio_legend.setTextFormat(Qt.TextFormat.RichText)
        self.ratio_legend.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.ratio_legend.setStyleSheet("color: #333; font-size: 8pt; background: white; padding: 2px;")
        ratio_box = QWidget()
        box = QVBoxLayout(ratio_box)
        box.setContentsMargins(0, 2, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.ratio_title)
        beside = QHBoxLayout()
        beside.addWidget(self.ratio_plot, 1)
        beside.addWidget(self.ratio_legend)
        box.addLayout(beside, 1)
        split.addWidget(ratio_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        # Three quarters to the histograms from the start: by their size hints the splitter gave
        # the scroll area one row and the ratio plot the rest.
        split.setSizes([3 * SPLIT_UNIT, SPLIT_UNIT])
        layout.addWidget(split, 1)
        self.retranslate()

    # ------------------------------------------------------------------ feeding

    def clear(self) -> None:
        """Forget the figures; the rows and curves stay for a next run of the same layers
        (building them costs far more than drawing into them)."""
        self.snapshot = self._drawn = None
        self._pending.stop()
        self._ratios.clear()
        for row in self._rows:
            row.title = row.title[:1]
            row.cells = dict.fromkeys(row.cells)
        self.grid.update()
        for curve in self._ratio_curves.values():
            curve.setData([], [])
        self.retranslate()

    def _forget_rows(self) -> None:
        self._rows = []
        self.ratio_legend.clear()
        for curve in self._ratio_curves.values():
            self.ratio_plot.getPlotItem().removeItem(curve)
        self._ratio_curves.clear()

    @Slot(object)
    def add_snapshot(self, snapshot) -> None:
        """A new HealthSnapshot: its update ratios join the run's, and it is drawn now if the
        view is on screen and its drawing's turn has come, else when it has or is shown."""
        self._take(snapshot)
        if not self.isVisible():
            return
        wait = self._next_draw - time.perf_counter()
        if wait <= 0:
            self.redraw()
        elif not self._pending.isActive():
            self._pending.start(max(1, round(wait * 1000)))

    def _take(self, snapshot) -> None:
        self.snapshot = snapshot
        for s in snapshot.layers:
            if s.update_ratio is not None and s.update_ratio > 0 and math.isfinite(s.update_ratio):
                steps, values = self._ratios.setdefault(s.layer, ([], []))
                if not steps or snapshot.step > steps[-1]:
                    steps.append(snapshot.step)
                    values.append(s.update_ratio)

    def show_snapshots(self, snapshots) -> None:
        """Show a finished run's records (a lesson's variant): the last drawn, all its ratios."""
        self.clear()
        for snapshot in snapshots:
            self._take(snapshot)
        self.redraw()

    @Slot()
    def flush(self) -> None:
        """Draw the latest snapshot now, its turn or not (the run has ended: nothing to slow down)."""
        self._pending.stop()
        self.redraw()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.redraw()

    # ------------------------------------------------------------------ drawing

    def redraw(self) -> None:
        snapshot = self.snapshot
        if snapshot is None or snapshot is self._drawn or not self.isVisible():
            return
        began = time.perf_counter()
        rebuilt = self._draw(snapshot)
        data = time.perf_counter() - began
        painted = self.grid.paint_seconds + self.ratio_plot.paint_seconds
        # The painting since the last drawing, unless that met new layers: the ratio plot's new
        # curves and legend, and their first paint, happen once a run, and would hold back the
        # drawings after them for long.
        paint = 0.0 if self._first_paint else painted - self._painted
        self._painted, self._first_paint = painted, rebuilt
        cost = (0.0 if rebuilt else data) + paint
        self._next_draw = time.perf_counter() + max(MIN_GAP, cost / DRAW_SHARE)

    def _draw(self, snapshot) -> bool:
        """Put `snapshot` on the plots; True when its layers are not the last one's."""
        self._drawn = snapshot
        layers = [s for s in snapshot.layers if s.kind not in _HIDDEN_KINDS]
        rebuilt = [(s.layer, s.label) for s in layers] != [(row.layer, row.label) for row in self._rows]
        if rebuilt:
            self._forget_rows()
        self._rows = [
            GridRow(s.layer, s.label, self._row_title(s),
                    {c: getattr(s, c) for c in _COLUMNS if c != "weights" or s.weights is not None})
            for s in layers
        ]
        self.grid.set_rows(self._rows)
        self._draw_ratios()
        self._show_text()
        return rebuilt

    def _draw_ratios(self) -> None:
        item = self.ratio_plot.getPlotItem()
        labels = {row.layer: row.label for row in self._rows}
        for i, layer in enumerate(sorted(self._ratios)):
            steps, values = self._ratios[layer]
            curve = self._ratio_curves.get(layer)
            if curve is None:
                color = (TRAIN_COLOR, VAL_COLOR, *OVERLAY_COLORS)[i % (2 + len(OVERLAY_COLORS))]
                curve = item.plot([], [], pen=pg.mkPen(color, width=2), symbol="o", symbolSize=4,
                                  symbolBrush=color, symbolPen=None)
                curve.color = color
                self._ratio_curves[layer] = curve
                self._say_legend(labels)
            curve.setData(np.asarray(steps, dtype=float), np.asarray(values, dtype=float))
        self._fit_ratio_range()

    def _say_legend(self, labels: dict[int, str]) -> None:
        """The legend beside the ratio plot: a line of each curve's colour and its layer."""
        lines = [
            '<span style="color:{0}; font-weight:bold;">━━</span> {1}'.format(
                self._ratio_curves[layer].color, html.escape(self._layer_name(layer, labels.get(layer, "")))
            )
            for layer in sorted(self._ratio_curves)
        ]
        self.ratio_legend.setText("<br>".join(lines))

    def _fit_ratio_range(self) -> None:
        """x from 0 to the last step snapped to round numbers (nice_range), y the decades of
        RATIO_DECADES and any more the ratios need: the range changes a few times per run."""
        last = max((steps[-1] for steps, _ in self._ratios.values() if steps), default=0)
        values = [v for _, layer_values in self._ratios.values() for v in layer_values]
        x = nice_range(0.0, float(last)) if last else (0.0, 1.0)
        lo, hi = RATIO_DECADES
        if values:  # positive and finite (_take)
            lo = min(lo, math.floor(math.log10(min(values))))
            hi = max(hi, math.ceil(math.log10(max(values))))
        if (x, (lo, hi)) != self._ratio_range:
            self._ratio_range = (x, (lo, hi))
            self.ratio_plot.getPlotItem().setRange(xRange=x, yRange=(lo, hi), padding=0)

    # ------------------------------------------------------------------ texts

    def _layer_name(self, layer: int, label: str) -> str:
        return self.tr("Layer {0} ({1})").format(layer, _kinds(label)) if label else self.tr("Layer {0}").format(layer)

    def _row_title(self, s) -> list[str]:
        lines = [self._layer_name(s.layer, s.label)]
        if s.saturated is not None:
            lines.append(self.tr("{0:.0%} saturated").format(s.saturated))
        if s.dead is not None:
            lines.append(self.tr("{0:.0%} dead").format(s.dead))
        return lines

    def _say_headers(self) -> None:
        self.grid.set_headers(
            {"activations": self.tr("Activations"), "gradients": self.tr("Gradients"), "weights": self.tr("Weights")}
        )

    def _describe(self, row: GridRow, column: str, hist) -> str:
        """A histogram's tooltip: what it is and its figures."""
        what = {"activations": self.tr("Outputs of {0}"), "gradients": self.tr("Gradient of the loss at the outputs of {0}"),
                "weights": self.tr("Weights of {0}")}[column].format(self._layer_name(row.layer, row.label))
        if not math.isfinite(hist.mean):
            return what + "\n" + self.tr("No finite values.")
        return what + "\n" + self.tr("mean {0:.3g}, standard deviation {1:.3g}\nfrom {2:.3g} to {3:.3g}, {4} values").format(
            hist.mean, hist.std, float(hist.edges[0]), float(hist.edges[-1]), hist.n
        )

    def _show_text(self) -> None:
        snapshot = self.snapshot
        if snapshot is None:
            self.position.setText(self.tr("Train to see each layer's activations, gradients and weights here."))
            self.diagnoses.clear()
            self.diagnoses.setStyleSheet("")
            return
        if snapshot.batch >= snapshot.batches:
            self.position.setText(
                self.tr("End of epoch {0}; {1} training samples through the network.").format(snapshot.epoch, snapshot.samples)
            )
        else:
            self.position.setText(
                self.tr("Epoch {0}, batch {1} of {2}; {3} training samples through the network.").format(
                    snapshot.epoch, snapshot.batch, snapshot.batches, snapshot.samples
                )
            )
        if not snapshot.diagnoses:
            self.diagnoses.setText(self.tr("No problems found."))
            self.diagnoses.setStyleSheet("color: #1a6b1a; padding: 4px;")
            return
        # One item per rule: the first layer it fired on in full, the others named after it (five
        # saturated Sigmoid layers made five near-identical paragraphs that pushed the plots away).
        groups: dict[str, list] = {}
        for d in snapshot.diagnoses:
            groups.setdefault(d.key, []).append(d)
        items = []
        for found in groups.values():
            d = found[0]
            text = html.escape(diagnosis_text(d), quote=False)
            others = [str(o.values["layer"]) for o in found[1:] if "layer" in o.values]
            if others:
                text += " " + html.escape(self.tr("The same in layers {0}.").format(", ".join(others)), quote=False)
            link = '<a href="lesson:{0}">{1}</a>'.format(html.escape(d.lesson), html.escape(lesson_title(d.lesson)))
            items.append("<li>{0} {1}</li>".format(text, self.tr("Lesson: {0}").format(link)))
        self.diagnoses.setText("<ul style='margin:0'>{0}</ul>".format("".join(items)))
        self.diagnoses.setStyleSheet("background: #fff4d6; border: 1px solid #e0b84a; padding: 4px;")

    def retranslate(self) -> None:
        item = self.ratio_plot.getPlotItem()
        self.ratio_title.setText(self.tr("Update / weight ratio ||ΔW|| / ||W|| (green: healthy, about 0.001)"))
        item.setLabel("bottom", self.tr("step"))
        self._say_headers()
        labels = {row.layer: row.label for row in self._rows}
        self._say_legend(labels)
        if self._drawn is not None:
            for row, s in zip(self._rows, [s for s in self._drawn.layers if s.kind not in _HIDDEN_KINDS]):
                row.title = self._row_title(s)
            self.grid.update()
        self._show_text()

    @Slot(str)
    def _on_link(self, link: str) -> None:
        if link.startswith("lesson:"):
            self.lesson_requested.emit(link[len("lesson:"):])


class HealthPanel(QWidget):
    """The main window's Training health tab: a `HealthView` of the run in progress, and the
    switch that asks the next run to record (`enabled`), kept in the window's settings."""

    enabled_changed = Signal(bool)

    def __init__(self, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.record_check = QCheckBox(self.tr("Record training health"))
        self.record_check.setToolTip(
            self.tr(
                "Every 20 batches (at most twice a second, and within 2% of the training time), pass 64 training "
                "samples through the network and show each layer here. Applies from the next run."
            )
        )
        value = settings.value(HEALTH_SETTING, True)
        self.record_check.setChecked(value if isinstance(value, bool) else str(value).lower() != "false")
        self.record_check.toggled.connect(self._on_record_toggled)
        top.addWidget(self.record_check)
        top.addStretch(1)
        layout.addLayout(top)
        self.view = HealthView()
        layout.addWidget(self.view, 1)
        self.lesson_requested = self.view.lesson_requested

    def enabled(self) -> bool:
        return self.record_check.isChecked()

    @Slot(bool)
    def _on_record_toggled(self, checked: bool) -> None:
        self.settings.setValue(HEALTH_SETTING, checked)
        self.enabled_changed.emit(checked)

    @Slot()
    def start_run(self) -> None:
        """A run starts: forget the last one's figures."""
        self.view.clear()
        if not self.enabled():
            self.view.position.setText(self.tr("Not recorded: tick “Record training health” and train again."))

    @Slot(object)
    def add_snapshot(self, snapshot) -> None:
        self.view.add_snapshot(snapshot)

    def retranslate(self) -> None:
        self.view.retranslate()
