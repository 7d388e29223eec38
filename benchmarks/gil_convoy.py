"""How long one frame of the live training plots takes on the GUI thread while another
thread runs Python code, at several interpreter switch intervals.

    python benchmarks/gil_convoy.py [--frames 40]

Painting calls from Qt's C++ into Python many times; each call must take the interpreter
lock from the busy thread, which hands it over only after the switch interval (Python's
default 5 ms). The window sets 0.5 ms (playground.gui.threads.share_the_gil_often,
GIL_SWITCH_SECONDS). Reported:
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

    from plot_redraw import LivePlots  # this folder is on sys.path when a script here runs

    live = LivePlots(6 * (20 + 5 * args.frames), per_update=6, decay=4.0)

    def frame() -> tuple[float, float]:
        live.feed()
        wall, cpu = time.perf_counter(), time.thread_time()
        live.redraw()
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
