"""What the window's Training health tab costs: training throughput in the real window with
the health switch on and its tab on screen (records drawn as the tab paces them), against the
same run with the switch off and the curves on screen, and with the switch on but the curves on
screen (the recorder's cost alone), rotated in one process so that all see the same machine.

Throughput is training samples per second of wall-clock time from Train to the run's end
(the recorder's probes, the histograms' drawing on the GUI thread and everything else the
window does are all in it). The target (issue 12): with the panel live, at least 0.95× the
throughput without it. Offscreen by default (`QT_QPA_PLATFORM=xcb` under Xvfb).

    python benchmarks/health_cost.py                         # xor-mlp, and cnn on mnist-5k
    python benchmarks/health_cost.py --runs 5 --case cnn:mnist-5k:1
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

CASES = ["xor-mlp::", "cnn:mnist-5k:1"]  # preset:dataset (empty: the preset's):epochs (empty: the preset's)


def window_run(app, window, cfg, health: bool, shown: bool | None = None) -> tuple[float, int, int]:
    """(training samples/s from Train to the end, health records received, records drawn) for
    one run of `cfg`."""
    from PySide6.QtCore import QEventLoop

    panel = window.health_panel
    panel.record_check.setChecked(health)
    shown = health if shown is None else shown
    window.chart_tabs.setCurrentWidget(panel if shown else window.chart_tabs.widget(0))
    window.controller.apply_config(cfg)
    while not window.train_action.isEnabled():  # the dataset loads
        app.processEvents()
        time.sleep(0.01)
    # The tab just put on screen paints the last run's histograms: that belongs to the click on
    # the tab, not to the run measured next.
    for _ in range(3):
        app.processEvents()
    drawn = [0]
    redraw = panel.view.redraw

    def counting_redraw():
        before = panel.view._drawn
        redraw()
        drawn[0] += panel.view._drawn is not before

    panel.view.redraw = counting_redraw
    received = []
    window.session.health_ready.connect(received.append)
    results = []
    loop = QEventLoop()
    window.session.finished.connect(results.append)
    window.session.finished.connect(loop.quit)
    began = time.perf_counter()
    window.train_action.trigger()
    loop.exec()
    seconds = time.perf_counter() - began
    window.session.finished.disconnect(loop.quit)
    window.session.health_ready.disconnect(received.append)
    panel.view.redraw = redraw
    result = results[0]
    trained = result.samples_per_second * result.train_seconds  # samples through training steps
    return trained / seconds, len(received), drawn[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each kind, alternated")
    parser.add_argument("--case", action="append", help="preset:dataset:epochs (repeatable); default: " + " ".join(CASES))
    args = parser.parse_args()

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from playground.core.config.presets import load_preset
    from playground.core.config.spec import DataConfig
    from playground.gui.main_window import MainWindow
    from playground.gui.threads import keep_gui_thread_serial, share_the_gil_often

    app = QApplication.instance() or QApplication(sys.argv)
    keep_gui_thread_serial()
    share_the_gil_often()
    print("| preset | data | epochs | health off, curves shown (samples/s) | health on, curves shown (ratio) | "
          "health on, its tab shown (ratio) | records received / drawn per run |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        window = MainWindow(QSettings(os.path.join(tmp, "s.ini"), QSettings.Format.IniFormat))
        window.resize(1280, 800)
        window.show()
        window.build_panels()
        while not window.train_action.isEnabled():
            app.processEvents()
            time.sleep(0.01)
        for case in args.case or CASES:
            preset, dataset, epochs = (case.split(":") + ["", ""])[:3]
            cfg = load_preset(preset).with_overrides(**{"train.device": "cpu"})
            if epochs:
                cfg = cfg.with_overrides(**{"train.epochs": int(epochs)})
            if dataset:
                cfg = cfg.replace(data=DataConfig(dataset, {}, cfg.data.val_split, cfg.data.augment))
            window_run(app, window, cfg, False)  # warm-up: first-call costs belong to neither
            # off: no recorder, the curves on screen; hidden: the recorder on, the curves on screen;
            # live: the recorder on and the Training health tab on screen (the curves hidden).
            modes = {"off": (False, False), "hidden": (True, False), "live": (True, True)}
            rates = {m: [] for m in modes}
            received, drawn = [], []
            for i in range(args.runs):
                order = list(modes)[i % 3:] + list(modes)[: i % 3]  # each mode first in turn
                for mode in order:
                    rate, got, n = window_run(app, window, cfg, *modes[mode])
                    rates[mode].append(rate)
                    if mode == "live":
                        received.append(got)
                        drawn.append(n)
            off, hidden, live = (statistics.median(rates[m]) for m in modes)
            print(f"| {preset} | {cfg.data.name} | {cfg.train.epochs} | {off:,.0f} | {hidden:,.0f} ({hidden / off:.3f}) | "
                  f"{live:,.0f} ({live / off:.3f}) | {statistics.median(received):.0f} / {statistics.median(drawn):.0f} |",
                  flush=True)
        window.controller.set_dirty(False)
        window.close()


if __name__ == "__main__":
    main()
