"""The Draw tab in a real window on a virtual X screen (Xvfb), drawn on with real pointer
events from xdotool: the canvas recognises the digit, and a screenshot is kept in
$PLAYGROUND_SCREENSHOT_DIR (default: the pytest temp folder)."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .test_real_window import xvfb_display  # noqa: F401 - the fixture

XDOTOOL = shutil.which("xdotool")

WINDOW = r"""
import json, sys
from PySide6.QtCore import QPoint, QSettings, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from playground.gui.main_window import MainWindow
w = MainWindow(QSettings(sys.argv[1], QSettings.Format.IniFormat))
w.show()
w.settings_tabs.setCurrentWidget(w.draw_panel)
canvas = w.draw_panel.canvas

def report():
    side = min(canvas.width(), canvas.height())
    corner = canvas.mapToGlobal(QPoint((canvas.width() - side) // 2, (canvas.height() - side) // 2))
    print(json.dumps({"x": corner.x(), "y": corner.y(), "side": side}), flush=True)

def finish():
    r = w.draw_panel.recognition
    w.grab().save(sys.argv[2])
    print(json.dumps({"top": r.top_name if r else None, "confidence": r.confidence if r else 0.0,
                      "strokes": len(canvas.strokes)}), flush=True)
    w.controller.set_dirty(False)
    w.close()

canvas.stroke_finished.connect(lambda: QTimer.singleShot(500, finish))
# Draw once the Draw tab has its model: torch loads in the background after the window shows.
w.torch_ready.connect(lambda: QTimer.singleShot(500, report))
QTimer.singleShot(60000, app.quit)
app.exec()
"""


@pytest.mark.skipif(XDOTOOL is None, reason="xdotool is not installed (apt-get install xdotool)")
def test_real_pointer_events_draw_a_seven_and_it_is_recognised(xvfb_display, tmp_path):  # noqa: F811
    shots = Path(os.environ.get("PLAYGROUND_SCREENSHOT_DIR", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    png = shots / "draw-tab-seven.png"
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update(DISPLAY=xvfb_display, QT_QPA_PLATFORM="xcb", HOME=str(tmp_path), PLAYGROUND_DATA_DIR=str(tmp_path / "data"))
    proc = subprocess.Popen(
        [sys.executable, "-c", WINDOW, str(tmp_path / "settings.ini"), str(png)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        where = json.loads(proc.stdout.readline() or "null")
        assert where is not None, proc.stderr.read()
        x0, y0, side = where["x"], where["y"], where["side"]
        points = [(0.2, 0.2), (0.75, 0.2), (0.45, 0.9)]  # a '7': the bar, then the stem
        path = []
        for (ax, ay), (bx, by) in zip(points, points[1:]):
            path += [(ax + (bx - ax) * t / 12, ay + (by - ay) * t / 12) for t in range(12)]
        path.append(points[-1])
        to_screen = [(round(x0 + u * side), round(y0 + v * side)) for u, v in path]
        args = [XDOTOOL, "mousemove", *map(str, to_screen[0]), "mousedown", "1"]
        for x, y in to_screen[1:]:
            args += ["sleep", "0.01", "mousemove", str(x), str(y)]
        args += ["mouseup", "1"]
        subprocess.run(args, env=env, check=True, timeout=30)
        result = json.loads(proc.stdout.readline() or "null")
        assert result is not None, proc.stderr.read()
        assert result["strokes"] == 1
        assert result["top"] == "7" and result["confidence"] >= 0.6
        assert png.is_file() and png.stat().st_size > 10_000
    finally:
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
