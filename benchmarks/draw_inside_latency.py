"""Stroke → prediction + feature maps + attribution overlay repainted, on the Draw tab (CPU).

Draws strokes on a bare DrawPanel with the starter model (16 + 32 conv channels) using
synthesized mouse events, and times each mouse release until the panel has repainted:
framing, the forward pass, the probability bars, the 48 feature maps (a second forward pass
with hooks) and the attribution overlay (captum), painted. The set-ups take turns stroke by
stroke, so the machine's load falls on all alike:

  baseline        the Draw tab as before issue 12 (no maps, no overlay: InsideView does nothing)
  maps            feature maps, "Why?" unticked
  maps+ig         feature maps and the integrated-gradients overlay (the default: 16 points of
                  the path, a forward and a backward pass of a batch of 16)
  maps+grad_cam   feature maps and the Grad-CAM overlay (one forward and backward pass)
  maps+saliency   feature maps and the saliency overlay

Target: the default's median (maps+ig) <= 30 ms.

    python benchmarks/draw_inside_latency.py [--strokes 60]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TARGET_MS = 30.0
METHODS = {"maps+ig": "integrated_gradients", "maps+grad_cam": "grad_cam", "maps+saliency": "saliency"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strokes", type=int, default=60, help="strokes per set-up")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["PLAYGROUND_DATA_DIR"] = tempfile.mkdtemp()  # the shipped starter, not a retrained one

    import numpy as np
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from playground.gui.tabs.draw_canvas import CANVAS_SIZE
    from playground.gui.tabs.draw_panel import DrawPanel
    from playground.gui.threads import keep_gui_thread_serial

    keep_gui_thread_serial()  # as the app does once torch is there
    panel = DrawPanel()
    panel.resize(554, 705)
    panel.show()
    app.processEvents()
    canvas = panel.canvas
    inside = panel.inside
    real = (inside.show_recognition, inside.why)

    def setup(name: str) -> None:
        if name == "baseline":
            inside.show_recognition = lambda recognition: None
            inside.why = lambda recognition, wanted: (None, "", "")
        else:
            inside.show_recognition, inside.why = real
        panel.why_check.blockSignals(True)
        panel.why_check.setChecked(name.startswith("maps+"))
        panel.why_check.blockSignals(False)
        if name.startswith("maps+"):
            combo = inside.why_method
            combo.blockSignals(True)
            combo.setCurrentIndex(combo.findData(METHODS[name]))
            combo.blockSignals(False)

    rng = np.random.default_rng(0)

    def stroke() -> float:
        side = min(canvas.width(), canvas.height())
        ox, oy = (canvas.width() - side) / 2, (canvas.height() - side) / 2
        pts = [(rng.uniform(40, 240), rng.uniform(40, 240)) for _ in range(4)]
        to = [QPoint(round(ox + x * side / CANVAS_SIZE), round(oy + y * side / CANVAS_SIZE)) for x, y in pts]
        canvas.clear()
        QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, to[0])
        for p in to[1:]:
            QTest.mouseMove(canvas, p)
        panel._live_timer.stop()  # the release is what is timed
        began = time.perf_counter()
        QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, to[-1])
        panel.repaint()
        return (time.perf_counter() - began) * 1000

    names = ["baseline", "maps", *METHODS]
    times: dict[str, list[float]] = {n: [] for n in names}
    for name in names:  # warm-up
        setup(name)
        for _ in range(3):
            stroke()
    for _ in range(args.strokes):
        for name in names:
            setup(name)
            times[name].append(stroke())
    try:
        load = os.getloadavg()[0]
    except OSError:
        load = float("nan")
    print(f"{args.strokes} strokes per set-up, starter model, CPU, load average {load:.2f}")
    base = statistics.median(times["baseline"])
    for name in names:
        t = sorted(times[name])
        med = statistics.median(t)
        p95 = t[min(len(t) - 1, int(0.95 * len(t)))]
        print(f"  {name:13s} median {med:6.2f} ms  p95 {p95:6.2f} ms  max {t[-1]:6.2f} ms  ({med / base:.2f}× baseline)")
    verdict = "meets" if statistics.median(times["maps+ig"]) <= TARGET_MS else "misses"
    print(f"maps+ig (the default) {verdict} the target: median <= {TARGET_MS:.0f} ms")


if __name__ == "__main__":
    main()
