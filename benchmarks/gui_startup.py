"""Time from launching `playground` to the window being shown, to its panels being usable, and to
Train being enabled, over several launches.

    python benchmarks/gui_startup.py --runs 7                 # offscreen Qt platform
    DISPLAY=:99 python benchmarks/gui_startup.py --platform xcb   # under Xvfb
    xvfb-run -a -s "-screen 0 1400x900x24" python benchmarks/gui_startup.py --runs 7 --platform xcb

With PLAYGROUND_REPORT_SHOWN=1 the app prints "window-shown <unix time>" once its first frame
has been handed to the screen, "panels-ready <unix time>" once the model, data and training
panels are built and painted (they can be edited from then on; torch may still be loading on
its background thread), and "train-enabled <unix time>" the first time Train is enabled (torch
loaded, the default xor-mlp preset's dataset loaded). The launch time is taken just before
starting the process. Versions before the panels were built without torch printed
"panels-ready" only after torch had loaded, with Train enabled at the same moment, and no
"train-enabled": their Train column is left empty.
"""

from __future__ import annotations

import argparse
import os
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time

EVENTS = ("window-shown", "panels-ready", "train-enabled")
TITLES = {
    "window-shown": "window shown",
    "panels-ready": "usable panels (model, data, training)",
    "train-enabled": "Train enabled (torch loaded)",
}
TIMEOUT = 60.0  # s for one launch
LATE = 10.0  # s to wait for "train-enabled" after the panels, from a version that never prints it


def launch_once(platform: str) -> dict[str, float]:
    """Seconds from launch to each of EVENTS that the app reported."""
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, PLAYGROUND_REPORT_SHOWN="1", QT_QPA_PLATFORM=platform, XDG_CONFIG_HOME=home)
        start = time.time()
        proc = subprocess.Popen(
            [sys.executable, "-m", "playground", "gui"], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        )
        lines: queue.Queue[str | None] = queue.Queue()

        def read() -> None:
            for line in proc.stdout:
                lines.put(line)
            lines.put(None)

        threading.Thread(target=read, daemon=True).start()
        times: dict[str, float] = {}
        deadline = start + TIMEOUT
        try:
            while "train-enabled" not in times:
                try:
                    line = lines.get(timeout=max(0.0, deadline - time.time()))
                except queue.Empty:
                    break
                if line is None:
                    break
                event, _, stamp = line.partition(" ")
                if event in EVENTS and event not in times:
                    times[event] = float(stamp) - start
                    if event == "panels-ready":
                        deadline = min(deadline, time.time() + LATE)
            if "panels-ready" not in times:
                raise RuntimeError(f"the app exited ({proc.poll()}) or hung before its panels were ready")
            return times
        finally:
            proc.kill()
            proc.wait()


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--platform", default="offscreen", help="Qt platform plugin: offscreen, or xcb with DISPLAY set")
    args = p.parse_args()
    launch_once(args.platform)  # warm the file cache; not counted
    runs = [launch_once(args.platform) for _ in range(args.runs)]
    for event in EVENTS:
        times = [r[event] for r in runs if event in r]
        if not times:
            print(f"launch to {TITLES[event]} (s): not reported by this version")
            continue
        print(f"launch to {TITLES[event]} (s): " + ", ".join(f"{t:.3f}" for t in times))
        print(f"  median {statistics.median(times):.3f} s, min {min(times):.3f} s, max {max(times):.3f} s ({args.platform})")


if __name__ == "__main__":
    main()
