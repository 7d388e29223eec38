"""How long one frame of the live training plots takes on the GUI thread while another
thread runs Python code, at several interpreter switch intervals.

    python benchmarks/gil_convoy.py [--frames 40]

Painting calls from Qt's C++ into Python many times; each call must take the interpreter
lock from the busy thread, which hands it over only after the switch interval (Python's
default 5 ms). The window sets 1 ms (playground.gui.threads.share_the_gil_often). Reported:
frame wall time (what the user waits) and the GUI thread's CPU time (the work itself).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--frames", type=int, default=40)
    args = p.parse_args()

    import numpy as np
    from PySide6.QtWidgets import QApplication

    from playground.gui.plots import TrainingPlots
    from playground.gui.session import BatchUpdate

    app = QApplication.instance() or QApplication(sys.argv[:1])
    plots = TrainingPlots()
    plots.resize(900, 800)
    plots.show()
    app.processEvents()
    widgets = (plots.loss_widget, plots.accuracy_widget, plots.lr_widget)
    batches = 6 * (20 + 5 * args.frames)
    plots.reset(1, batches)
    rng = np.random.default_rng(0)
    frame_no = 0

    def frame() -> tuple[float, float]:
        nonlocal frame_no
        steps = np.arange(frame_no * 6 + 1, frame_no * 6 + 7)
        frame_no += 1
        losses = 2.3 * np.exp(-steps / (batches / 4)) + 0.2 * rng.random(6)
        plots.add_batches(BatchUpdate(steps, losses, rng.random(6), np.full(6, 1e-3), 1, 1, int(steps[-1]),
                                      batches, 1000.0, 10.0))
        wall, cpu = time.perf_counter(), time.thread_time()
        plots._on_timer_timeout()
        for w in widgets:
            w.viewport().repaint()
        return (time.perf_counter() - wall) * 1e3, (time.thread_time() - cpu) * 1e3

    stop = threading.Event()

    def busy() -> None:  # pure Python, as an import or the training loop between torch ops
        x = 0
        while not stop.is_set():
            for i in range(1000):
                x += i * i

    for _ in range(20):
        frame()
    default = sys.getswitchinterval()
    for interval in (None, 0.005, 0.001, 0.0005):
        sys.setswitchinterval(interval or default)
        worker = None
        if interval is not None:
            stop.clear()
            worker = threading.Thread(target=busy)
            worker.start()
        results = [frame() for _ in range(args.frames)]
        if worker is not None:
            stop.set()
            worker.join()
        walls, cpus = [w for w, _ in results], [c for _, c in results]
        label = "no busy thread" if interval is None else f"busy thread, switch interval {interval * 1e3:g} ms"
        print(f"{label}: frame wall median {statistics.median(walls):.1f} ms, max {max(walls):.1f} ms; "
              f"GUI CPU median {statistics.median(cpus):.1f} ms")
    sys.setswitchinterval(default)


if __name__ == "__main__":
    main()
