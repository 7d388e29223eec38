"""Stroke end to probabilities shown, on the drawing canvas with the starter model (CPU).

Draws strokes on a real DrawPanel with synthesized mouse events and times, for each one, the
mouse release until the probability bars and the 28×28 preview have repainted: reading the
canvas, MNIST-style framing, the forward pass, updating and painting the view. Also times the
parts alone. Target: median and max <= 30 ms.

    python benchmarks/canvas_latency.py [--strokes 200] [--platform offscreen|xcb]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--strokes", type=int, default=200)
    parser.add_argument("--platform", default="offscreen")
    args = parser.parse_args()
    os.environ["QT_QPA_PLATFORM"] = args.platform

    import numpy as np
    import torch
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from playground.core.preprocess import preprocess_digit, to_model_input
    from playground.core.recognize import _one_thread
    from playground.gui.draw_canvas import CANVAS_SIZE, DrawPanel

    app = QApplication.instance() or QApplication(sys.argv[:1])
    panel = DrawPanel()
    panel.resize(900, 560)
    panel.show()
    QTest.qWaitForWindowExposed(panel)
    canvas = panel.canvas
    side = min(canvas.width(), canvas.height())
    ox, oy = (canvas.width() - side) / 2, (canvas.height() - side) / 2
    rng = np.random.default_rng(0)

    def widget_point(x: float, y: float) -> QPoint:
        return QPoint(round(ox + x * side / CANVAS_SIZE), round(oy + y * side / CANVAS_SIZE))

    total, until_values, paint, predict_only, frame_only = [], [], [], [], []
    for i in range(args.strokes):
        if i % 3 == 0:
            canvas.clear()
        x0, y0, x1, y1 = rng.uniform(20, 260, 4)
        QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, widget_point(x0, y0))
        for t in np.linspace(0, 1, 12)[1:]:
            QTest.mouseMove(canvas, widget_point(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t))
        app.processEvents()
        began = time.perf_counter()
        QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, widget_point(x1, y1))
        handled = time.perf_counter()  # framing, prediction and the view's new values: all done in the release
        panel.bars.repaint()
        panel.preview.repaint()
        panel.top_label.repaint()
        panel.confidence_label.repaint()
        done = time.perf_counter()
        total.append(done - began)
        until_values.append(handled - began)
        paint.append(done - handled)

        image = canvas.image_array()
        began = time.perf_counter()
        framed = preprocess_digit(image).image
        frame_only.append(time.perf_counter() - began)
        x = to_model_input(framed, (1, 28, 28))
        with _one_thread():  # as core.recognize runs it
            began = time.perf_counter()
            panel.predictor.predict(x)
            predict_only.append(time.perf_counter() - began)

    def line(name, values):
        ms = sorted(v * 1000 for v in values)
        p95 = ms[int(0.95 * (len(ms) - 1))]
        return f"{name:44s} median {statistics.median(ms):6.2f} ms  p95 {p95:6.2f} ms  max {ms[-1]:6.2f} ms"

    print(f"{args.strokes} strokes, platform {args.platform}, torch {torch.__version__}, {torch.get_num_threads()} threads")
    print(line("stroke end -> probabilities shown", total))
    print(line("  release handled (framed, predicted, set)", until_values))
    print(line("  repainting bars, preview and labels", paint))
    print(line("  framing (core.preprocess) alone", frame_only))
    print(line("  forward pass of the starter model alone", predict_only))


if __name__ == "__main__":
    main()
