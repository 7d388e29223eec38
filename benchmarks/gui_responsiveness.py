"""While a preset trains in the window, does the GUI event loop keep up, and what does the
window cost in training speed compared with the command line?

    python benchmarks/gui_responsiveness.py --preset cnn --dataset fashion-mnist --epochs 1 --rounds 3

Per round, in rotating order: (a) `playground train` in a subprocess (samples/s from its
--summary-json); (b) this process opens the real MainWindow (offscreen), trains the same
config through the window's Train action and, meanwhile, a 10 ms QTimer probe records how
late each tick fires: a late tick is time the event loop could not run; (c) the same window
run without the probe. Reported: stall p50/p99/max (ms), and the GUI/CLI samples/s ratio
for (c) — the window as users run it — and for (b), where the probe's 100 wake-ups a
second also compete with training for the two cores.
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


def gui_run(app, preset: str, dataset: str, epochs: int, probe_ms: int | None = 10) -> tuple[float, list[float]]:
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QSettings, QTimer

    from playground.core.config.presets import load_preset
    from playground.core.config.spec import DataConfig
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
        probe.setInterval(probe_ms or 10)

        def tick():
            elapsed = clock.restart()
            lateness.append(max(0.0, elapsed - probe.interval()))

        probe.timeout.connect(tick)
        results = []
        loop = QEventLoop()
        window.session.finished.connect(results.append)
        window.session.finished.connect(loop.quit)
        clock.start()
        if probe_ms:
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
    cli_rates, gui_rates, plain_rates, stalls = [], [], [], []
    kinds = ["cli", "gui", "plain"]
    for r in range(args.rounds):
        order = kinds[r % 3 :] + kinds[: r % 3]
        for which in order:
            if which == "cli":
                cli_rates.append(cli_run(args.preset, args.dataset, args.epochs))
                print(f"  round {r + 1} cli: {cli_rates[-1]:,.0f} samples/s", flush=True)
            elif which == "plain":
                rate, _ = gui_run(app, args.preset, args.dataset, args.epochs, probe_ms=None)
                plain_rates.append(rate)
                print(f"  round {r + 1} gui without probe: {rate:,.0f} samples/s", flush=True)
            else:
                rate, late = gui_run(app, args.preset, args.dataset, args.epochs)
                gui_rates.append(rate)
                stalls.extend(late)
                q = statistics.quantiles(late, n=100)
                print(f"  round {r + 1} gui with probe: {rate:,.0f} samples/s, stall p50 {q[49]:.1f} ms, p99 {q[98]:.1f} ms, "
                      f"max {max(late):.1f} ms over {len(late)} ticks", flush=True)
    q = statistics.quantiles(stalls, n=100)
    print(f"event-loop stall over all rounds: p50 {q[49]:.1f} ms, p99 {q[98]:.1f} ms, max {max(stalls):.1f} ms "
          f"({len(stalls)} ticks of a 10 ms timer)")
    cli = statistics.median(cli_rates)
    print(f"samples/s medians: cli {cli:,.0f}; window {statistics.median(plain_rates):,.0f} "
          f"(window/cli {statistics.median(plain_rates) / cli:.3f}); window with the 10 ms probe "
          f"{statistics.median(gui_rates):,.0f} ({statistics.median(gui_rates) / cli:.3f})")


if __name__ == "__main__":
    main()
