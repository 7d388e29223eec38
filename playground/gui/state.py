"""What the window shows of the project, without Qt: `ProjectState`.

The runs trained or opened in this session, which of them have their curves overlaid on the
plots, the current model (the one the Draw tab predicts with and File ▸ Export writes), the
project file and whether it has unsaved changes. Views bind to its events, as napari's views
bind to the `ViewerModel`: the runs list, the plot overlays, the window title, the canvas
(gui/controller.py does the binding). Code that changes the project calls a method here,
never a widget, and every view follows. No Qt here, and no torch: a test drives it alone.

The run configuration itself lives in the panels that edit it; the state keeps only its name
and description, which no panel shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

if TYPE_CHECKING:
    from playground.core.model.trained import TrainedModel

__all__ = ["Event", "ProjectEvents", "ProjectState"]


class Event:
    """Callbacks called in the order they were connected, each time the event is emitted."""

    def __init__(self, name: str):
        self.name = name
        self._callbacks: list[Callable[..., Any]] = []

    def connect(self, callback: Callable[..., Any]) -> Callable[..., Any]:
        if callback not in self._callbacks:
            self._callbacks.append(callback)
        return callback

    def disconnect(self, callback: Callable[..., Any]) -> None:
        self._callbacks.remove(callback)

    def emit(self, *args: Any) -> None:
        for callback in list(self._callbacks):
            callback(*args)

    def __repr__(self) -> str:
        return f"<Event {self.name}: {len(self._callbacks)} callback(s)>"


class ProjectEvents:
    """The events of a ProjectState, with what each callback receives."""

    def __init__(self) -> None:
        self.runs_reset = Event("runs_reset")  # (runs,): the list was replaced; no run is overlaid
        self.run_added = Event("run_added")  # (record,)
        self.overlay_changed = Event("overlay_changed")  # (run_id, shown)
        self.current_changed = Event("current_changed")  # (predictor, run): run None if not a run's
        self.path_changed = Event("path_changed")  # (path,): a Path, or None for an untitled project
        self.dirty_changed = Event("dirty_changed")  # (dirty,)


class ProjectState:
    """The project: runs, overlays, current model, file and unsaved flag; events on change."""

    def __init__(self) -> None:
        self.events = ProjectEvents()
        self._runs: list[TrainedModel] = []
        self._overlaid: set[str] = set()
        self._predictor: Any = None
        self._current_run: TrainedModel | None = None
        self._path: Path | None = None
        self._dirty = False
        # The run configuration's own name and description (core.config.spec.RunConfig), which no
        # panel edits: kept here so that the config built from the panels carries them.
        self.config_name = ""
        self.config_description = ""

    # ----------------------------------------------------------------- runs

    @property
    def runs(self) -> tuple[TrainedModel, ...]:
        return tuple(self._runs)

    def run(self, run_id: str) -> TrainedModel | None:
        return next((r for r in self._runs if r.id == run_id), None)

    def add_run(self, record: TrainedModel) -> None:
        self._runs.append(record)
        self.events.run_added.emit(record)

    def reset_runs(self, runs: Iterable[TrainedModel] = ()) -> None:
        """Replace the runs (New, Open); no run stays overlaid. The current
        model is left as it is."""
        self._runs = list(runs)
        self._overlaid.clear()
        self.events.runs_reset.emit(self.runs)

    # ----------------------------------------------------------------- overlays

    @property
    def overlaid(self) -> frozenset[str]:
        """Ids of the runs whose curves are drawn over the live plots."""
        return frozenset(self._overlaid)

    def set_overlay(self, run_id: str, shown: bool) -> None:
        if self.run(run_id) is None or (run_id in self._overlaid) == shown:
            return
        if shown:
            self._overlaid.add(run_id)
        else:
            self._overlaid.discard(run_id)
        self.events.overlay_changed.emit(run_id, shown)

    # ----------------------------------------------------------------- current model

    @property
    def predictor(self) -> Any:
        """The current model (a core.inference.predictor.Predictor), or None: the run that just
        finished, the run picked in the runs list, a model file opened, an ensemble."""
        return self._predictor

    @property
    def current_run(self) -> TrainedModel | None:
        """The run behind `predictor`, if it is one."""
        return self._current_run

    def set_current(self, predictor: Any, run: TrainedModel | None = None) -> None:
        """Make `predictor` the current model. Emitted every time, also for the same model:
        choosing a model is news to the views even when it was already current."""
        self._predictor = predictor
        self._current_run = run if predictor is not None else None
        self.events.current_changed.emit(self._predictor, self._current_run)

    # ----------------------------------------------------------------- file

    @property
    def path(self) -> Path | None:
        return self._path

    def set_path(self, path: str | Path | None) -> None:
        path = Path(path) if path is not None else None
        if path != self._path:
            self._path = path
            self.events.path_changed.emit(path)

    @property
    def dirty(self) -> bool:
        """True when the project has changes that are not saved."""
        return self._dirty

    def set_dirty(self, dirty: bool) -> None:
        dirty = bool(dirty)
        if dirty != self._dirty:
            self._dirty = dirty
            self.events.dirty_changed.emit(dirty)
