"""Startup without torch: the window's panels are built and can be edited while torch is still
loading on its background thread; Train waits for it with a note, and what was chosen
meanwhile is kept. One fresh interpreter (torch must not be imported yet) runs both phases:
the import thread is held back until the first phase has been checked."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import gc, json, sys, threading, time, traceback

held = threading.Event()
first_torch_import = []


class WatchTorch:
    # Records where torch is first imported from, if not from the import thread.
    def find_spec(self, name, path=None, target=None):
        if name == "torch" and threading.current_thread().name != "torch-import" and not first_torch_import:
            first_torch_import.append("".join(traceback.format_stack(limit=15)))
        return None


sys.meta_path.insert(0, WatchTorch())

import numpy as np
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QTableView

import playground.gui.torch_loader as loader
from playground.gui.threads import gui_thread_gc

real_import = loader._import_torch
loader._import_torch = lambda: (held.wait(), real_import())

app = QApplication(sys.argv[:1])
from playground.gui.main_window import MainWindow

settings = QSettings(sys.argv[1], QSettings.Format.IniFormat)
settings.setValue("recent/files", [sys.argv[3]])  # a recent project: File > Open Recent has an entry
w = MainWindow(settings, data_dir=sys.argv[2])
w.show()
app.processEvents()


def wait(condition, seconds):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    return condition()


wait(lambda: False, 0.3)  # the queued work after building: the import thread starts, held
out = {"phase1": {}, "phase2": {}}
p = out["phase1"]
p["import_thread_alive"] = loader._loader.thread.is_alive()
p["gc_on_gui_thread_only"] = [gui_thread_gc.holders, gc.isenabled()]

# Edits while torch loads: a dataset and its option, a layer, the optimizer, a drawing.
data = w.data_panel
data.dataset_combo.setCurrentIndex(data.dataset_combo.findData("circle"))
data.toy_group.noise_spin.setValue(0.3)
w.layer_builder.findChild(QTableView, "layer_stack").selectRow(0)
w.layer_builder._add_layer_type("Dropout")  # after the first layer
w.training_panel.optimizer_combo.setCurrentIndex(w.training_panel.optimizer_combo.findData("adam"))
digit = np.zeros((280, 280), np.uint8)
digit[60:220, 130:150] = 255
w.draw_panel.show_picture(digit)
# What needs torch is disabled: triggering it does nothing.
for action in (w.train_action, w.open_action, w.save_action, w.new_action, w.open_model_action, w.search_action):
    action.trigger()
wait(lambda: False, 0.2)

p["torch_modules"] = sorted(m for m in sys.modules if m == "torch" or m.startswith("torch."))[:5]
p["first_torch_import"] = first_torch_import[:1]
p["train_enabled"] = w.train_action.isEnabled()
p["train_text"] = w.train_action.text()
p["disabled"] = [a.text() for a in (w.open_action, w.save_action, w.new_action, w.open_model_action, w.search_action)
                 if not a.isEnabled()]
p["experiments_menu_enabled"] = [a.isEnabled() for a in w.menuBar().actions() if a.text() == "E&xperiments"]
p["recent_enabled"] = w.recent_menu.isEnabled()
p["data_loading"] = data.is_loading()
p["data_config"] = [data.data_config().name, data.data_config().options.get("noise")]
p["layers"] = [layer.type for layer in w.layer_builder.spec().layers]
p["optimizer"] = w.training_panel.settings()[0].name
p["edited"] = w.isWindowModified()
p["runs"] = len(w.controller.runs)

held.set()
ready = wait(lambda: w.train_action.isEnabled(), 180)
p = out["phase2"]
p["train_enabled"] = ready
p["train_text"] = w.train_action.text()
p["train_tip"] = w.train_action.toolTip()
p["dataset"] = data.dataset().name if data.dataset() is not None else None
p["noise"] = data.data_config().options.get("noise")
p["layers"] = [layer.type for layer in w.layer_builder.spec().layers]
p["optimizer"] = w.training_panel.settings()[0].name
p["enabled"] = [a.isEnabled() for a in (w.open_action, w.save_action, w.new_action, w.open_model_action, w.search_action)]
p["experiments_menu_enabled"] = [a.isEnabled() for a in w.menuBar().actions() if a.text() == "E&xperiments"]
p["recent_enabled"] = w.recent_menu.isEnabled()
p["gc_on_gui_thread_only"] = [gui_thread_gc.holders, gc.isenabled()]
p["draw_prediction"] = getattr(w.draw_panel.recognition, "top_name", None)
p["devices"] = w.training_panel.device_combo.count()
w.controller.set_dirty(False)
print("RESULT " + json.dumps(out), flush=True)
"""


@pytest.fixture(scope="module")
def startup(tmp_path_factory):
    folder = tmp_path_factory.mktemp("startup")
    (folder / "recent.nnp").write_bytes(b"")
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(folder / "settings.ini"), str(folder / "data"), str(folder / "recent.nnp")],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(folder)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("RESULT ")]
    assert proc.returncode == 0 and lines, proc.stdout + proc.stderr
    return json.loads(lines[-1].removeprefix("RESULT "))


def test_building_the_window_and_editing_its_panels_loads_no_torch(startup):
    """The panels are built, and edited, while torch is still loading (held back here): no
    module they import needs torch (as the command-line parser, test_layering.py)."""
    p = startup["phase1"]
    assert p["import_thread_alive"]
    # Cycles are collected on the GUI thread meanwhile (threads.GuiThreadGC), not on the import thread.
    assert p["gc_on_gui_thread_only"] == [1, False]
    assert p["torch_modules"] == [] and p["first_torch_import"] == [], p["first_torch_import"]
    assert p["data_loading"] and p["data_config"] == ["circle", 0.3]
    assert p["layers"][1] == "Dropout" and p["optimizer"] == "adam" and p["edited"]


def test_train_waits_for_torch_with_a_note_and_what_needs_torch_waits_too(startup):
    before, after = startup["phase1"], startup["phase2"]
    assert not before["train_enabled"] and before["train_text"] == "&Train (loading PyTorch…)"
    assert len(before["disabled"]) == 5 and before["experiments_menu_enabled"] == [False]
    assert not before["recent_enabled"] and after["recent_enabled"]
    assert after["gc_on_gui_thread_only"] == [0, True]
    assert before["runs"] == 0  # Train did nothing
    assert after["train_enabled"] and after["train_text"] == "&Train"
    assert after["enabled"] == [True] * 5 and after["experiments_menu_enabled"] == [True]
    # What was chosen while torch loaded is what loads and trains now.
    assert after["dataset"] == "circle" and after["noise"] == 0.3
    assert after["layers"] == before["layers"] and after["optimizer"] == "adam"
    assert after["devices"] >= 2  # Auto and the devices torch sees
    assert after["draw_prediction"] == "1"  # the stroke drawn before, read by the starter model
