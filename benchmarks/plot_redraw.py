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


class LivePlots:
    """TrainingPlots on screen, fed the BatchUpdates of a 1-epoch run of `batches` batches,
    `per_update` at a time (a loss falling as exp(-decay * progress), with noise), and
    redrawn synchronously. benchmarks/gil_convoy.py uses it too."""

    def __init__(self, batches: int, per_update: int = 6, decay: float = 1.0):
        import numpy as np
        from PySide6.QtWidgets import QApplication

        from playground.gui.run.plots import TrainingPlots

        self.app = QApplication.instance() or QApplication(sys.argv[:1])
        self.plots = TrainingPlots()
        self.plots.resize(900, 800)
        self.plots.show()
        self.app.processEvents()
        self.widgets = (self.plots.loss_widget, self.plots.accuracy_widget, self.plots.lr_widget)
        self.batches, self.per_update, self.decay = batches, per_update, decay
        self.plots.reset(1, batches)
        self.rng = np.random.default_rng(0)
        self.updates = 0

    def feed(self) -> None:
        """Hand the plots the next update, as the training session does."""
        import numpy as np

        from playground.gui.run.updates import BatchUpdate

        i, n = self.updates, self.per_update
        self.updates += 1
        steps = np.arange(i * n + 1, (i + 1) * n + 1)
        losses = 2.3 * np.exp(-steps * self.decay / self.batches) + 0.2 * self.rng.random(n)
        self.plots.add_batches(BatchUpdate(steps, losses, self.rng.random(n), np.full(n, 1e-3), 1, 1,
                                           int(steps[-1]), self.batches, 1000.0, 10.0))

    def redraw(self) -> None:
        """The plots' timed redraw, then the three viewports painted at once."""
        self.plots._on_timer_timeout()
        for w in self.widgets:
            w.viewport().repaint()


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--uncached", action="store_true", help="draw the axes without the pixmap cache")
    p.add_argument("--frames", type=int, default=300)
    p.add_argument("--per-update", type=int, default=6, help="batch points per update")
    args = p.parse_args()

    from PySide6.QtWidgets import QGraphicsItem

    live = LivePlots(args.frames * args.per_update, args.per_update)
    if args.uncached:
        for w in live.widgets:
            for side in ("left", "bottom"):
                w.getPlotItem().getAxis(side).setCacheMode(QGraphicsItem.CacheMode.NoCache)
    times = []
    for _ in range(args.frames):
        live.feed()
        began = time.perf_counter()
        live.redraw()
        times.append((time.perf_counter() - began) * 1000)
    times = times[5:]
    q = statistics.quantiles(times, n=100)
    print(f"{'uncached' if args.uncached else 'cached'} axes: redraw median {statistics.median(times):.1f} ms, "
          f"p90 {q[89]:.1f} ms, max {max(times):.1f} ms over {len(times)} frames "
          f"({os.environ['QT_QPA_PLATFORM']})")


if __name__ == "__main__":
    main()
