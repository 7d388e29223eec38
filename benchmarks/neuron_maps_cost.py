"""What the live neuron heatmaps cost: training samples/s of `xor-mlp` in the real main window
with the network diagram's neuron maps live (computed on the training thread every 0.2 s,
sent to the GUI thread, each neuron's heatmap drawn) against the same window with them left
out (TrainingWorker.neuron_maps = False), alternated run by run in one process so that both
see the same machine.

The figure is the run's own samples/s (FitResult.samples_per_second: time in training batches,
the maps made between them included), and the wall-clock samples/s around the whole run. The
target (issue 12): with the heatmaps, at least 0.95× the throughput without them. The Model
tab, with the diagram, is on show as when the window starts.

    python benchmarks/neuron_maps_cost.py                 # offscreen, 5 runs of each
    python benchmarks/neuron_maps_cost.py --runs 9 --epochs 100
    DISPLAY=:42 python benchmarks/neuron_maps_cost.py --platform xcb
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each kind, alternated")
    parser.add_argument("--epochs", type=int, default=60, help="epochs per run (the preset's 60)")
    parser.add_argument("--platform", default="offscreen", help="Qt platform: offscreen, or xcb under Xvfb")
    args = parser.parse_args()
    os.environ["QT_QPA_PLATFORM"] = args.platform
    os.environ.setdefault("PLAYGROUND_RUNS_DIR", tempfile.mkdtemp())
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from playground.core.config.presets import load_preset
    from playground.gui.main_window import MainWindow
    from playground.gui.run.training_worker import TrainingWorker

    folder = tempfile.mkdtemp()
    window = MainWindow(QSettings(os.path.join(folder, "settings.ini"), QSettings.Format.IniFormat), data_dir=folder)
    window.resize(1280, 800)
    window.show()
    cfg = load_preset("xor-mlp").with_overrides(**{"train.epochs": args.epochs, "train.device": "cpu"})
    window.controller.apply_config(cfg)

    def wait(condition, timeout=120.0) -> None:
        end = time.monotonic() + timeout
        while not condition():
            app.processEvents()
            time.sleep(0.002)
            if time.monotonic() > end:
                raise SystemExit("timed out")

    wait(lambda: window.data_panel.dataset() is not None and window.train_action.isEnabled())
    # Where the heatmaps' time goes, besides the comparison (which a busy machine makes noisy):
    # the training thread's time making maps, and the GUI thread's CPU time taking them in and
    # painting the diagram.
    from playground.gui.run.training_worker import QtBridge
    from playground.gui.tabs.network_diagram import NetworkDiagram

    spent = {"maps": 0.0, "gui": 0.0}

    def timed(function, key, clock):
        def wrapper(*a, **k):
            began = clock()
            try:
                return function(*a, **k)
            finally:
                spent[key] += clock() - began

        return wrapper

    QtBridge._emit_neurons = timed(QtBridge._emit_neurons, "maps", time.perf_counter)
    NetworkDiagram.set_neuron_maps = timed(NetworkDiagram.set_neuron_maps, "gui", time.thread_time)
    NetworkDiagram.paintEvent = timed(NetworkDiagram.paintEvent, "gui", time.thread_time)
    maps_seen = [0]
    window.session.neurons_ready.connect(lambda _maps: maps_seen.__setitem__(0, maps_seen[0] + 1))

    shares = {True: [], False: []}

    def one_run(live: bool) -> tuple[float, float, int]:
        TrainingWorker.neuron_maps = live
        maps_seen[0] = 0
        spent["maps"] = spent["gui"] = 0.0
        results = []
        window.session.finished.connect(results.append)
        began = time.perf_counter()
        window.train_action.trigger()
        wait(lambda: bool(results))
        seconds = time.perf_counter() - began
        window.session.finished.disconnect(results.append)
        wait(lambda: window.train_action.isEnabled())
        result = results[0]
        shares[live].append((spent["maps"] / seconds, spent["gui"] / seconds))
        samples = result.epochs_completed * len(window.data_panel.dataset().x_train)
        return result.samples_per_second, samples / seconds, maps_seen[0]

    one_run(True)  # warm-up: first-call costs belong to neither
    without, with_, wall_without, wall_with, counts, ratios = [], [], [], [], [], []
    for i in range(args.runs):
        # Pairs in turn without-with and with-without, so that a machine getting busier or
        # quieter during the benchmark favours neither.
        for live in (False, True) if i % 2 == 0 else (True, False):
            rate, wall, count = one_run(live)
            (with_ if live else without).append(rate)
            (wall_with if live else wall_without).append(wall)
            if live:
                counts.append(count)
        ratios.append(with_[-1] / without[-1])
        print(f"  without {without[-1]:,.0f} samples/s, with {with_[-1]:,.0f} ({counts[-1]} maps drawn)", flush=True)
    a, b = statistics.median(without), statistics.median(with_)
    wa, wb = statistics.median(wall_without), statistics.median(wall_with)
    print("| figure | without heatmaps | with heatmaps live | ratio |")
    print("|---|---|---|---|")
    print(f"| run's samples/s (median of {args.runs}) | {a:,.0f} | {b:,.0f} | {b / a:.3f} |")
    print(f"| wall-clock samples/s (median of {args.runs}) | {wa:,.0f} | {wb:,.0f} | {wb / wa:.3f} |")
    print(f"median of the pairs' ratios (run's samples/s): {statistics.median(ratios):.3f}")
    print(f"neuron map updates per run with them live: median {statistics.median(counts):.0f}")
    for live in (True, False):
        maps_share = statistics.median(m for m, _ in shares[live])
        gui_share = statistics.median(g for _, g in shares[live])
        print(
            f"{'with' if live else 'without'} heatmaps: making maps {maps_share:.2%} of the run's time (training "
            f"thread), diagram taking in maps and painting {gui_share:.2%} (GUI thread's CPU time)"
        )
    window.controller.set_dirty(False)
    window.close()


if __name__ == "__main__":
    main()
