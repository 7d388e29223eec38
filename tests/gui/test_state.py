"""ProjectState (gui/state.py) on its own: no Qt, no window; events fire on change."""

import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from playground.gui.state import Event, ProjectState


@dataclass
class Run:
    """Stands in for a run (core.model.trained.TrainedModel): the state reads only `id` (and keeps the rest)."""

    id: str
    label: str = ""
    summary: dict = field(default_factory=dict)


class Log:
    """Every event of a state, in order, as (name, args)."""

    def __init__(self, state: ProjectState):
        self.seen = []
        for name in ("runs_reset", "run_added", "overlay_changed", "current_changed", "path_changed", "dirty_changed"):
            getattr(state.events, name).connect(lambda *args, name=name: self.seen.append((name, args)))

    def take(self):
        seen, self.seen = self.seen, []
        return seen


def test_importing_the_state_loads_no_qt_and_no_torch():
    code = (
        "import sys, playground.gui.state; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'PySide6', 'shiboken6', 'pyqtgraph', 'torch'}))"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_new_state_is_empty_clean_and_untitled():
    state = ProjectState()
    assert state.runs == () and state.overlaid == frozenset()
    assert state.predictor is None and state.current_run is None
    assert state.path is None and not state.dirty
    assert state.config_name == state.config_description == ""


def test_the_dirty_flag_fires_on_change_only():
    state = ProjectState()
    log = Log(state)
    state.set_dirty(False)
    assert log.take() == []
    state.set_dirty(True)
    state.set_dirty(True)
    assert state.dirty and log.take() == [("dirty_changed", (True,))]
    state.set_dirty(0)
    assert not state.dirty and log.take() == [("dirty_changed", (False,))]


def test_the_path_fires_on_change_and_is_a_path(tmp_path):
    state = ProjectState()
    log = Log(state)
    state.set_path(str(tmp_path / "a.nnp"))
    assert state.path == tmp_path / "a.nnp" and isinstance(state.path, Path)
    state.set_path(tmp_path / "a.nnp")
    assert log.take() == [("path_changed", (tmp_path / "a.nnp",))]
    state.set_path(None)
    assert state.path is None and log.take() == [("path_changed", (None,))]


def test_runs_are_added_and_reset_with_their_events():
    state = ProjectState()
    log = Log(state)
    one, two = Run("r1", "Run 1"), Run("r2", "Run 2")
    state.add_run(one)
    state.add_run(two)
    assert state.runs == (one, two) and state.run("r2") is two and state.run("nope") is None
    assert log.take() == [("run_added", (one,)), ("run_added", (two,))]
    runs = state.runs
    runs += (Run("r3"),)  # the tuple handed out is a copy: the state does not change
    assert len(state.runs) == 2

    state.set_overlay("r1", True)
    state.reset_runs([two])
    assert state.runs == (two,) and state.overlaid == frozenset()  # overlays go with the old list
    assert log.take() == [("overlay_changed", ("r1", True)), ("runs_reset", ((two,),))]
    state.reset_runs()
    assert state.runs == () and log.take() == [("runs_reset", ((),))]


def test_overlays_fire_on_change_for_known_runs_only():
    state = ProjectState()
    state.add_run(Run("r1"))
    log = Log(state)
    state.set_overlay("r1", True)
    state.set_overlay("r1", True)
    state.set_overlay("ghost", True)  # no such run
    assert state.overlaid == {"r1"} and log.take() == [("overlay_changed", ("r1", True))]
    state.set_overlay("r1", False)
    state.set_overlay("r1", False)
    assert state.overlaid == frozenset() and log.take() == [("overlay_changed", ("r1", False))]


def test_the_current_model_fires_each_time_it_is_set():
    state = ProjectState()
    run = Run("r1")
    log = Log(state)
    model = object()
    state.set_current(model, run)
    state.set_current(model, run)  # chosen again: the views hear it again
    assert state.predictor is model and state.current_run is run
    assert log.take() == [("current_changed", (model, run))] * 2
    state.set_current(None, run)  # no model, so no run behind it either
    assert state.predictor is None and state.current_run is None
    assert log.take() == [("current_changed", (None, None))]
    other = object()
    state.set_current(other)  # a model file opened: not a run's
    assert state.predictor is other and state.current_run is None


def test_event_callbacks_run_in_order_once_each_and_can_be_disconnected():
    event = Event("changed")
    calls = []

    def first(x):
        calls.append(("first", x))

    def second(x):
        calls.append(("second", x))

    assert event.connect(first) is first
    event.connect(second)
    event.connect(first)  # connected already: still called once
    event.emit(1)
    event.disconnect(first)
    event.emit(2)
    assert calls == [("first", 1), ("second", 1), ("second", 2)]
    assert "changed" in repr(event)


def test_a_callback_may_read_the_new_state_and_disconnect_itself():
    state = ProjectState()
    seen = []

    def once(dirty):
        seen.append((dirty, state.dirty))
        state.events.dirty_changed.disconnect(once)

    state.events.dirty_changed.connect(once)
    state.set_dirty(True)
    state.set_dirty(False)
    assert seen == [(True, True)]
