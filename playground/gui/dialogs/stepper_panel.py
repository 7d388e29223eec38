"""The backprop stepper's side panels: `FormulaPanel` shows the selected neuron's or link's
formulas (the chain rule, symbolic and with the engine's numbers substituted, and the optimizer's
state after an update), `GradCheckPanel` runs core.experiments.gradcheck on the stepper's model in
the background and shows the largest relative error per layer and overall."""

from __future__ import annotations

import threading
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from playground.core.experiments.stepper_formulas import num
from playground.gui.i18n.stepper_text import formula_html, optimizer_state_rows
from playground.gui.jobs import Job

__all__ = ["FormulaPanel", "GradCheckPanel", "reached"]

ORDER = ("", "forward", "loss", "backward", "update")


def reached(phase: str, wanted: str) -> bool:
    """Whether a step at `phase` has done the phase `wanted`."""
    return ORDER.index(phase) >= ORDER.index(wanted)


class FormulaPanel(QTextBrowser):
    """The formulas of what the canvas has selected, for the phase reached (`show_selection`)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setMinimumWidth(320)
        self._args: tuple | None = None

    def show_selection(self, record, phase: str, back_from: int, selection: tuple | None) -> None:
        self._args = (record, phase, back_from, selection)
        self.setHtml(self._html(*self._args))

    def retranslate(self) -> None:
        if self._args is not None:
            self.setHtml(self._html(*self._args))

    def _html(self, record, phase: str, back_from: int, selection: tuple | None) -> str:
        if record is None:
            return "<p>" + escape(self.tr("Step through one mini-batch: Forward, Loss, Backward (layer by layer) and "
                                          "Update. Click a neuron or a link to see its formula with the numbers.")) + "</p>"
        parts = []
        s = record.sample - 1
        if selection is None:
            parts.append("<p>" + escape(self.tr("Click a neuron or a link to see its formula with the numbers.")) + "</p>")
            if reached(phase, "loss") and "loss" in record.formulas:
                parts.append(formula_html(self.tr("Loss"), record.formulas["loss"]))
            return "".join(parts)
        if selection[0] == "neuron":
            _, layer, unit = selection
            n = record.neurons[layer][unit - 1]
            if layer == 0:
                title = self.tr("Input a0[{0}]").format(unit)
                text = self.tr("Input {0} of sample {1}, as the model normalises it: a0[{0}] = {2}").format(
                    unit, record.sample, num(n.a[s]))
                return f"<h3>{escape(title)}</h3><p>{escape(text)}</p>"
            parts.append("<h3>" + escape(self.tr("Unit {0} of layer {1} (sample {2} of the batch)").format(
                unit, layer, record.sample)) + "</h3>")
            for key, title in (("z", self.tr("Weighted sum z")), ("a", self.tr("Activation a"))):
                if key in n.formulas:
                    parts.append(formula_html(title, n.formulas[key]))
            if reached(phase, "loss") and "dout" in n.formulas:
                parts.append(formula_html(self.tr("Derivative of the loss ∂L/∂a"), n.formulas["dout"]))
            if reached(phase, "backward") and layer >= back_from and "delta" in n.formulas:
                parts.append(formula_html(self.tr("Error signal δ (backward)"), n.formulas["delta"]))
            return "".join(parts)
        _, layer, unit, source = selection
        link = next(k for k in record.links[layer] if k.unit == unit and k.source == source)
        parts.append("<h3>" + escape(link.name) + "</h3>")
        parts.append("<p>" + escape(self.tr("Value before this step: {0}").format(num(link.weight))) + "</p>")
        if reached(phase, "backward") and layer >= back_from and "grad" in link.formulas:
            parts.append(formula_html(self.tr("Gradient ∂L/∂w (backward)"), link.formulas["grad"]))
        if phase == "update":
            if "update" in link.formulas:
                parts.append(formula_html(self.tr("Update under {0}").format(record.optimizer), link.formulas["update"]))
            rows = optimizer_state_rows(link.state)
            if rows:
                cells = "".join(f"<tr><td>{escape(name)}</td><td style='font-family:monospace'>&nbsp;{num(v)}</td></tr>"
                                for name, v in rows)
                parts.append("<h4>" + escape(self.tr("Optimizer state after the step")) + f"</h4><table>{cells}</table>")
            parts.append("<p>" + escape(self.tr("{0} → {1} (change {2})").format(
                num(link.weight), num(link.after), num(link.change))) + "</p>")
        return "".join(parts)


class _Cancelled(Exception):
    pass


class GradCheckPanel(QGroupBox):
    """Gradient check of the stepper's current model: autograd against central differences in
    float64 on a few training samples (core.experiments.gradcheck), on a background thread.
    `source()` gives (model, x, y, loss_fn) — copies the thread may keep — or None."""

    checked = Signal(object)  # the GradCheck, when one has finished
    busy = Signal(bool)  # a check started (True) or ended (False)

    def __init__(self, source, parent: QWidget | None = None):
        super().__init__(self.tr("Gradient check"), parent)
        self.source = source
        self.job: Job | None = None
        self.result = None
        self._stop = threading.Event()
        self.button = QPushButton(self.tr("Check gradients"))
        self.button.setToolTip(self.tr(
            "Compare autograd's gradient of every weight with the central difference (L(w+h) − L(w−h)) / 2h in "
            "float64; each relative error must be below 1e-6"))
        self.button.clicked.connect(self.start)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Layer"), self.tr("Largest relative error"), self.tr("Result")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setMaximumHeight(130)
        self.table.horizontalHeaderItem(0).setToolTip(self.tr("Layers are numbered as the Model tab numbers them"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addWidget(self.button)
        row.addWidget(self.progress, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table)
        layout.addWidget(self.summary)

    def is_running(self) -> bool:
        return self.job is not None

    def start(self) -> None:
        if self.job is not None:
            return
        source = self.source()
        if source is None:
            return
        from playground.core.experiments.gradcheck import check_gradients

        model, x, y, loss_fn = source
        stop = self._stop = threading.Event()
        job = Job("gradcheck", cancel=stop.set, quiet=(_Cancelled,))

        def progress(done: int, total: int) -> None:
            if stop.is_set():
                raise _Cancelled()
            job.report("progress", (done, total))

        def work():
            return check_gradients(model, x, y, loss_fn, per_tensor=None, progress=progress)

        job.progressed.connect(self._on_progress)
        job.finished.connect(self._on_finished)
        job.failed.connect(self._on_failed)
        job.ended.connect(self._on_ended)
        self.job, self.result = job, None
        self.button.setEnabled(False)
        self.progress.setRange(0, 0)  # busy until the first count arrives
        self.progress.setVisible(True)
        self.summary.setText(self.tr("Checking the gradients…"))
        self.table.setRowCount(0)
        job.start(work)
        self.busy.emit(True)

    def shutdown(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.job.wait_and_deliver()

    def clear(self) -> None:
        """Forget the last result: the model has changed since (a step's update, training)."""
        if self.job is None:
            self.result = None
            self.table.setRowCount(0)
            self.summary.clear()

    def _on_progress(self, kind: str, payload) -> None:
        done, total = payload
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def _on_finished(self, result) -> None:
        self.result = result
        self._show()
        self.checked.emit(result)

    def _on_failed(self, message: str, details: str) -> None:
        self.summary.setText(self.tr("The gradient check failed to run: {0}").format(message))

    def _on_ended(self) -> None:
        self.job = None
        self.button.setEnabled(True)
        self.progress.setVisible(False)
        self.busy.emit(False)

    def _layer_name(self, layer) -> str:
        kind = layer.label[layer.label.find("("):] if "(" in layer.label else ""
        return (self.tr("Layer {0}").format(layer.number) + " " + kind).strip()

    def retranslate(self) -> None:
        if self.result is not None:
            self._show()

    def _show(self) -> None:
        r = self.result
        self.table.setRowCount(len(r.layers) + 1)
        rows = [(self._layer_name(layer), layer.max_error, layer.passed) for layer in r.layers]
        rows.append((self.tr("Overall"), r.max_error, r.passed))
        for i, (name, error, passed) in enumerate(rows):
            for c, text in enumerate((name, f"{error:.1e}", self.tr("pass") if passed else self.tr("FAIL"))):
                item = QTableWidgetItem(text)
                if c == 2:
                    item.setForeground(Qt.GlobalColor.darkGreen if passed else Qt.GlobalColor.red)
                self.table.setItem(i, c, item)
        if r.passed:
            self.summary.setText(self.tr(
                "Passed: every relative error is below {0:g} (largest {1:.1e}; {2} values checked on {3} samples).").format(
                r.tolerance, r.max_error, r.checked, r.samples))
            return
        worst = r.failing[0]
        t = max(worst.tensors, key=lambda t: t.max_error)
        self.summary.setText(self.tr(
            "Failed: {0} has a relative error of {1:.1e} in its {2} (autograd {3:.6g}, numerical {4:.6g}), not below "
            "{5:g}. Look there first: backprop runs from the output.").format(
            self._layer_name(worst), t.max_error, t.name, t.autograd, t.numerical, r.tolerance))
