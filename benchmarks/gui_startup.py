"""Time from launching `playground` to the window being shown, over several launches.

    python benchmarks/gui_startup.py --runs 7                 # offscreen Qt platform
    DISPLAY=:99 python benchmarks/gui_startup.py --platform xcb   # under Xvfb

The app prints "window-shown <unix time>" once its first frame is handed to the screen and
"panels-ready <unix time>" once the panels that need torch are built (PLAYGROUND_REPORT_SHOWN=1);
the launch time is taken just before starting the process.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time


def launch_once(platform: str) -> tuple[float, float]:
    """Seconds from launch to the window shown, and to its panels built (torch loaded)."""
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, PLAYGROUND_REPORT_SHOWN="1", QT_QPA_PLATFORM=platform, XDG_CONFIG_HOME=home)
        start = time.time()
        proc = subprocess.Popen(
            [sys.executable, "-m", "playground", "gui"], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        )
        try:
            shown = None
            for line in proc.stdout:
                if line.startswith("window-shown "):
                    shown = float(line.split()[1]) - start
                elif line.startswith("panels-ready ") and shown is not None:
                    return shown, float(line.split()[1]) - start
            raise RuntimeError(f"the app exited ({proc.wait()}) before its panels were ready")
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
    for i, what in enumerate(("window shown", "panels ready (torch loaded)")):
        times = [r[i] for r in runs]
        print(f"launch to {what} (s): " + ", ".join(f"{t:.3f}" for t in times))
        print(f"  median {statistics.median(times):.3f} s, min {min(times):.3f} s, max {max(times):.3f} s ({args.platform})")


if __name__ == "__main__":
    main()
