"""What one redraw of the live training plots costs on the GUI thread.

    python benchmarks/plot_redraw.py [--uncached] [--frames 300]

Feeds TrainingPlots the BatchUpdates of a 1-epoch, 844-batch run (6 batches per update),
and after each one runs the plots' redraw and repaints the three plot viewports
synchronously, timing both. --uncached turns off the axes' pixmap cache (what pyqtgraph
does by default) for comparison. Offscreen by default; run under xvfb-run with
QT_QPA_PLATFORM=xcb for an X server's figure.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--uncached", action="store_true", help="draw the axes without the pixmap cache")
    p.add_argument("--frames", type=int, default=300)
    p.add_argument("--per-update", type=int, default=6, help="batch points per update")
    args = p.parse_args()

    import numpy as np
    from PySide6.QtWidgets import QApplication, QGraphicsItem

    from playground.gui.plots import TrainingPlots
    from playground.gui.session import BatchUpdate

    app = QApplication.instance() or QApplication(sys.argv[:1])
    plots = TrainingPlots()
    plots.resize(900, 800)
    plots.show()
    app.processEvents()
    widgets = (plots.loss_widget, plots.accuracy_widget, plots.lr_widget)
    if args.uncached:
        for w in widgets:
            for side in ("left", "bottom"):
                w.getPlotItem().getAxis(side).setCacheMode(QGraphicsItem.CacheMode.NoCache)
    batches = args.frames * args.per_update
    plots.reset(1, batches)
    rng = np.random.default_rng(0)
    times = []
    for i in range(args.frames):
        steps = np.arange(i * args.per_update + 1, (i + 1) * args.per_update + 1)
        n = len(steps)
        update = BatchUpdate(steps, 2.3 * np.exp(-steps / batches) + 0.2 * rng.random(n), rng.random(n),
                             np.full(n, 1e-3), 1, 1, int(steps[-1]), batches, 1000.0, 10.0)
        plots.add_batches(update)
        began = time.perf_counter()
        plots._on_timer_timeout()
        for w in widgets:
            w.viewport().repaint()
        times.append((time.perf_counter() - began) * 1000)
    times = times[5:]
    q = statistics.quantiles(times, n=100)
    print(f"{'uncached' if args.uncached else 'cached'} axes: redraw median {statistics.median(times):.1f} ms, "
          f"p90 {q[89]:.1f} ms, max {max(times):.1f} ms over {len(times)} frames "
          f"({os.environ['QT_QPA_PLATFORM']})")


if __name__ == "__main__":
    main()
