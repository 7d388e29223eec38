"""torch, imported once on a background thread while the window is already in use.

The panels are built without torch (shape inference, the layer catalogue, the optimizer and
dataset tables are torch-free), so the window is usable a fraction of a second after launch;
importing torch and torch._dynamo takes a few seconds more. The window announces the import
(`expect_torch`) before it builds the panels and starts it (`start_torch_import`) once they
are on screen: the import is mostly Python holding the interpreter lock, and beside it the
panels took about twice as long to build. What needs torch on the GUI thread (loading a
dataset, the Draw tab's model, the device list, Train, projects and model files) waits for
`when_torch_ready` instead of importing torch itself.

Nothing on the GUI thread may use torch while that import runs: torch._dynamo registers
operators as it is imported, and importing it beside GUI-thread torch work failed now and
then ("operator streams::fork does not exist", seen when the import ran beside the Draw tab
loading the starter model). torch imports torch._dynamo on the first optimizer step anyway, and
a training thread importing it (~1 s of Python) stalled the event loop, so it is imported here.
"""

from __future__ import annotations

import threading
from typing import Callable

from PySide6.QtCore import QObject, Qt, Signal, Slot

from playground.gui.threads import gui_thread_gc, keep_gui_thread_serial, share_the_gil_often

__all__ = ["expect_torch", "start_torch_import", "torch_is_loading", "wait_for_torch", "when_torch_ready"]

_loader: _TorchLoader | None = None
_ready = False  # set on the GUI thread once the import has ended and that was announced


def _import_torch() -> None:
    """The background thread's work (a test replaces it to keep torch 'loading')."""
    import torch  # noqa: F401
    import torch._dynamo  # noqa: F401
    try:  # the Draw tab's "Why?" overlay (core.experiments.inside): ~0.5 s of imports here, not on the first stroke
        import captum.attr  # noqa: F401
    except ImportError:
        pass  # optional (the `explain` extra): the overlay says how to install it


class _TorchLoader(QObject):
    """Lives on the GUI thread, owns the import thread, and says there, once, that the
    import has ended."""

    imported = Signal()  # emitted by the import thread
    ready = Signal()  # emitted on the GUI thread, once torch may be used there

    def __init__(self) -> None:
        super().__init__()
        self.thread = threading.Thread(target=self._run, name="torch-import", daemon=True)
        self.imported.connect(self.announce, Qt.ConnectionType.QueuedConnection)

    def start(self) -> None:
        if self.thread.ident is None:
            # Cycles are collected on this thread while the import runs (threads.GuiThreadGC):
            # the panels are built by now, and a collection on the import thread could
            # finalise their Qt objects there.
            gui_thread_gc.hold()
            self.thread.start()

    def _run(self) -> None:
        try:
            _import_torch()  # a failure shows again where torch is used
        finally:
            self.imported.emit()

    @Slot()
    def announce(self) -> None:
        global _ready
        if _ready:
            return
        self.start()
        self.thread.join()  # it has emitted `imported` (or is busy importing); it returns now
        gui_thread_gc.release()
        _ready = True
        keep_gui_thread_serial()  # before anything on this thread runs a torch op
        self.ready.emit()


def expect_torch() -> None:
    """Say that torch will be imported on a background thread (once per process; call it on
    the GUI thread with the QApplication made): from now until `when_torch_ready` says so,
    nothing on the GUI thread uses torch. `start_torch_import` starts the import."""
    global _loader
    if _loader is not None:
        return
    share_the_gil_often()  # the import runs Python for seconds; the window keeps painting
    _loader = _TorchLoader()


def start_torch_import() -> None:
    """Import torch (and torch._dynamo) on a background thread, once per process."""
    expect_torch()
    _loader.start()


def torch_is_loading() -> bool:
    """True from `expect_torch` until the GUI thread has been told that the import ended:
    until then nothing on the GUI thread may use torch."""
    return _loader is not None and not _ready


def wait_for_torch() -> None:
    """Import torch now if it has not started, block until the background import has ended,
    and announce it (callbacks waiting in `when_torch_ready` run) if the event loop has not
    yet. Nothing to do if no background import was expected."""
    if torch_is_loading():
        _loader.announce()


def when_torch_ready(callback: Callable[[], object]) -> None:
    """Call `callback` on the GUI thread as soon as it may use torch: at once when no
    background import is expected or it is over, else when it ends. A callback that is a
    method of a QObject is dropped if that object is deleted first."""
    if not torch_is_loading():
        callback()
        return
    _loader.ready.connect(callback)
