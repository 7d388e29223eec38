"""While a preset trains in the window, does the GUI event loop keep up, and what does the
window cost in training speed compared with the command line?

    python benchmarks/gui_responsiveness.py --preset cnn --dataset fashion-mnist --epochs 1 --rounds 3

Per round, alternating: (a) `playground train` in a subprocess (samples/s from its
--summary-json); (b) this process opens the real MainWindow (offscreen), trains the same
config through the window's Train action and, meanwhile, a 10 ms QTimer probe records how
late each tick fires: a late tick is time the event loop could not run. Reported: stall
p50/p99/max (ms) and the GUI/CLI samples/s ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def cli_run(preset: str, dataset: str, epochs: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        summary = os.path.join(tmp, "s.json")
        subprocess.run(
            [sys.executable, "-m", "playground", "train", "--preset", preset, "--dataset", dataset,
             "--epochs", str(epochs), "--device", "cpu", "--quiet", "--summary-json", summary],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        with open(summary) as f:
            return json.load(f)["samples_per_second"]


def gui_run(app, preset: str, dataset: str, epochs: int) -> tuple[float, list[float]]:
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QSettings, QTimer

    from playground.core.presets import load_preset
    from playground.core.spec import DataConfig
    from playground.gui.main_window import MainWindow

    with tempfile.TemporaryDirectory() as tmp:
        window = MainWindow(QSettings(os.path.join(tmp, "s.ini"), QSettings.Format.IniFormat))
        window.show()
        cfg = load_preset(preset).with_overrides(**{"train.epochs": epochs, "train.device": "cpu"})
        cfg = cfg.replace(data=DataConfig(dataset, {}, cfg.data.val_split, cfg.data.augment))
        window.controller.apply_config(cfg)
        while not window.train_action.isEnabled():  # the dataset loads
            app.processEvents()
            time.sleep(0.01)

        lateness: list[float] = []
        clock = QElapsedTimer()
        probe = QTimer()
        probe.setInterval(10)

        def tick():
            elapsed = clock.restart()
            lateness.append(max(0.0, elapsed - 10.0))

        probe.timeout.connect(tick)
        results = []
        loop = QEventLoop()
        window.session.finished.connect(results.append)
        window.session.finished.connect(loop.quit)
        clock.start()
        probe.start()
        window.train_action.trigger()
        loop.exec()  # the real event loop, as in the app: no polling of our own
        probe.stop()
        window.controller.set_dirty(False)
        window.close()
        window.deleteLater()
        app.processEvents()
        return results[0].samples_per_second, lateness[5:]  # skip the training thread's start-up


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--preset", default="cnn")
    p.add_argument("--dataset", default="fashion-mnist")
    p.add_argument("--epochs", type=int, default=1)
    p.add_argument("--rounds", type=int, default=3)
    args = p.parse_args()

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    cli_rates, gui_rates, stalls = [], [], []
    for r in range(args.rounds):
        order = ["cli", "gui"] if r % 2 == 0 else ["gui", "cli"]
        for which in order:
            if which == "cli":
                cli_rates.append(cli_run(args.preset, args.dataset, args.epochs))
                print(f"  round {r + 1} cli: {cli_rates[-1]:,.0f} samples/s", flush=True)
            else:
                rate, late = gui_run(app, args.preset, args.dataset, args.epochs)
                gui_rates.append(rate)
                stalls.extend(late)
                q = statistics.quantiles(late, n=100)
                print(f"  round {r + 1} gui: {rate:,.0f} samples/s, stall p50 {q[49]:.1f} ms, p99 {q[98]:.1f} ms, "
                      f"max {max(late):.1f} ms over {len(late)} ticks", flush=True)
    q = statistics.quantiles(stalls, n=100)
    print(f"event-loop stall over all rounds: p50 {q[49]:.1f} ms, p99 {q[98]:.1f} ms, max {max(stalls):.1f} ms "
          f"({len(stalls)} ticks of a 10 ms timer)")
    ratio = statistics.median(gui_rates) / statistics.median(cli_rates)
    print(f"samples/s: gui median {statistics.median(gui_rates):,.0f}, cli median {statistics.median(cli_rates):,.0f}, "
          f"gui/cli {ratio:.3f}")


if __name__ == "__main__":
    main()
