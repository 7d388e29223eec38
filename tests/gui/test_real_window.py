"""The real `playground` window on a virtual X screen (Xvfb): train xor-mlp, take a screenshot.

The screenshot is kept in $PLAYGROUND_SCREENSHOT_DIR (default: the pytest temp folder) so a
person can look at it.
"""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

XVFB = shutil.which("Xvfb")


@pytest.fixture
def xvfb_display():
    if XVFB is None:
        if os.environ.get("CI"):
            pytest.fail("Xvfb is missing on CI: .ci/run installs the 'xvfb' package")
        pytest.skip("Xvfb is not installed (apt-get install xvfb)")
    display = f":{90 + os.getpid() % 50}"
    proc = subprocess.Popen([XVFB, display, "-screen", "0", "1400x900x24", "-nolisten", "tcp"], stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while not Path(f"/tmp/.X11-unix/X{display[1:]}").exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"Xvfb did not start on {display}")
        time.sleep(0.05)
    yield display
    proc.terminate()
    proc.wait(10)


def test_real_window_trains_xor_mlp_and_saves_a_screenshot(xvfb_display, tmp_path):
    shots = Path(os.environ.get("PLAYGROUND_SCREENSHOT_DIR", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    png = shots / "main-window-xor-mlp.png"
    png.unlink(missing_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update(DISPLAY=xvfb_display, QT_QPA_PLATFORM="xcb", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"))
    proc = subprocess.run(
        [sys.executable, "-m", "playground", "gui", "--preset", "xor-mlp", "--train", "--screenshot", str(png), "--quit"],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    assert png.is_file() and png.stat().st_size > 20_000, "the screenshot is missing or blank"

    from PySide6.QtGui import QImage

    image = QImage(str(png))
    assert (image.width(), image.height()) == (1400, 900)
    # Not a blank screen: count distinct colours on a coarse grid.
    colours = {image.pixel(x, y) for x in range(0, 1400, 20) for y in range(0, 900, 20)}
    assert len(colours) > 20
