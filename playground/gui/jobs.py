"""One way to run work in the background: a `Job` runs a plain function on its own QThread.

Training, comparisons, ensembles, the hyperparameter search, fine-tuning and dataset loading
all run through it (as napari's `create_worker` serves all of napari). The work is an ordinary
function: it reads no widgets, reports what it wants shown through `job.report(kind, payload)`,
checks a thread-safe flag to stop early (a `RunControl`, a `threading.Event`), and returns its
result or raises. The job tells the GUI thread, in the order things happened:

    started                      when start() has started the thread
    progressed(kind, payload)    each report, in order
    then exactly one of
      finished(result)           the work returned
      failed(message, details)   it raised: a message for the user and the traceback
      aborted()                  it raised one of the `quiet` exceptions (a cancelled load)
    ended                        last, always

`cancel()` calls the `cancel` function given (a flag setter); a thread is never terminate()d.
Signals carry plain data — numbers, dataclasses, numpy arrays — never widgets or live tensors.

Everything the thread emits is queued to the Job object itself, which lives on the GUI thread
and re-emits it there. So one call, `wait_and_deliver`, can wait for the thread and then hand
over everything it still had queued — the last progress and the result included — before a
closing window goes on (DESIGN.md, Threads). A running job keeps itself alive (`running_jobs`)
whatever becomes of the object that started it: a QThread destroyed while running aborts the
process. When the application quits, running jobs are cancelled and waited for.
"""

from __future__ import annotations

import traceback
from functools import partial
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

from playground.gui.threads import gui_thread_gc

__all__ = ["Job", "controlled_job", "running_jobs", "wait_and_deliver"]

# Jobs whose thread has not yet delivered its end, by identity; see Job.start.
_live: set[Job] = set()
_quit_hooked = False


def _default_explain(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


class _JobThread(QThread):
    """Runs one job's work and returns; no event loop is needed, the work blocks anyway."""

    def __init__(self, job: Job, work: Callable[[], Any]):
        super().__init__()
        self.job, self.work = job, work

    def run(self) -> None:
        self.job._run(self.work)


class Job(QObject):
    """One piece of work on one background thread, started once.

    `name` names the thread (seen in debuggers and profilers). `cancel` is called by
    `cancel()` — it should only set a flag that the work checks. `explain(error)` turns an
    exception into the message for the user (it runs on the job's thread, inside the `except`
    block, so it may log the traceback); it may return (message, details) to replace the
    traceback shown as details. Exceptions of the types in `quiet` end the job with `aborted`.
    """

    started = Signal()
    progressed = Signal(str, object)  # (kind, payload) as the work reported them
    finished = Signal(object)  # the work's return value
    failed = Signal(str, str)  # (message for the user, details: the traceback)
    aborted = Signal()  # the work raised one of `quiet`
    ended = Signal()  # after finished, failed or aborted

    # Emitted on the job's thread; queued to this object, which re-emits them on its own.
    _reported = Signal(str, object)
    _returned = Signal(object)
    _raised = Signal(str, str)
    _quietly_stopped = Signal()

    def __init__(
        self,
        name: str,
        cancel: Callable[[], Any] | None = None,
        explain: Callable[[BaseException], str | tuple[str, str]] | None = None,
        quiet: tuple[type[BaseException], ...] = (),
    ):
        # No Qt parent: a parent deleted while the thread runs would take the job with it.
        super().__init__()
        self.name = name
        self._cancel = cancel
        self._explain = explain or _default_explain
        self._quiet = tuple(quiet)
        self.qthread: QThread | None = None  # set by start(); kept after the end
        self._running = False
        queued = Qt.ConnectionType.QueuedConnection
        self._reported.connect(self._on_reported, queued)
        self._returned.connect(self._on_returned, queued)
        self._raised.connect(self._on_raised, queued)
        self._quietly_stopped.connect(self._on_quietly_stopped, queued)

    # ----------------------------------------------------------------- GUI thread

    def start(self, work: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """Run `work(*args, **kwargs)` on a new thread. Connect the signals first."""
        if self.qthread is not None:
            raise RuntimeError(f"Job {self.name!r} was started already; a job runs once.")
        self.qthread = _JobThread(self, partial(work, *args, **kwargs))
        self.qthread.setObjectName(self.name)
        self._running = True
        _live.add(self)
        _quit_with_the_application()
        # While it runs, cycles are collected on the GUI thread only: a collection on the job's
        # thread could finalise the GUI thread's Qt objects there and deadlock
        # (threads.GuiThreadGC). That also covers the garbage made before it started.
        gui_thread_gc.hold()
        self.qthread.start()
        self.started.emit()

    def is_running(self) -> bool:
        """True from start() until the end has been delivered (`ended`)."""
        return self._running

    def cancel(self) -> None:
        """Ask the work to stop (calls `cancel`); its end arrives as usual."""
        if self._running and self._cancel is not None:
            self._cancel()

    def wait_and_deliver(self, timeout_ms: int = 10000) -> bool:
        """Wait for the thread to end (ask it to stop first), then deliver what it queued:
        its last reports and its end arrive before this returns. True when the job is over;
        False if the thread did not end within `timeout_ms`."""
        if not self._running:
            return True
        if not self.qthread.wait(timeout_ms):
            return False
        QCoreApplication.sendPostedEvents(self)
        return not self._running

    # ----------------------------------------------------------------- job's thread

    def report(self, kind: str, payload: Any = None) -> None:
        """Called by the work, on the job's thread: `progressed(kind, payload)` follows on the
        GUI thread, in order with everything else the job emits."""
        self._reported.emit(kind, payload)

    def forward(self, signal, kind: str) -> None:
        """Report each emission of `signal` (emitted on the job's thread, one argument) as
        `kind`: for work objects that announce their progress through signals of their own."""
        signal.connect(partial(self.report, kind), Qt.ConnectionType.DirectConnection)

    def _run(self, work: Callable[[], Any]) -> None:
        try:
            result = work()
        except self._quiet:
            self._quietly_stopped.emit()
        except Exception as error:  # noqa: BLE001 - every failure reaches the user with its traceback
            details = traceback.format_exc()
            try:
                message = self._explain(error)
            except Exception:  # noqa: BLE001 - a broken explain must not lose the failure
                message = _default_explain(error)
            if isinstance(message, tuple):
                message, details = message
            self._raised.emit(message, details)
        else:
            self._returned.emit(result)

    # ----------------------------------------------------------------- delivered on the GUI thread

    @Slot(str, object)
    def _on_reported(self, kind: str, payload: Any) -> None:
        self.progressed.emit(kind, payload)

    @Slot(object)
    def _on_returned(self, result: Any) -> None:
        self._end()
        self.finished.emit(result)
        self.ended.emit()

    @Slot(str, str)
    def _on_raised(self, message: str, details: str) -> None:
        self._end()
        self.failed.emit(message, details)
        self.ended.emit()

    @Slot()
    def _on_quietly_stopped(self) -> None:
        self._end()
        self.aborted.emit()
        self.ended.emit()

    def _end(self) -> None:
        # The work has returned and emitted its last signal; the thread is only finishing.
        self.qthread.wait()
        self.qthread.job = self.qthread.work = None  # no reference cycle back to this job
        self._running = False
        _live.discard(self)
        gui_thread_gc.release()


def running_jobs(name: str | None = None) -> list[Job]:
    """The jobs that have not delivered their end yet (cancelled ones included), or those
    named `name`."""
    return [job for job in _live if name is None or job.name == name]


def wait_and_deliver(job: Job | None, timeout_ms: int = 10000) -> bool:
    """`job.wait_and_deliver(timeout_ms)`, and True for no job at all."""
    return job is None or job.wait_and_deliver(timeout_ms)


def _quit_with_the_application() -> None:
    global _quit_hooked
    app = QCoreApplication.instance()
    if not _quit_hooked and app is not None:
        _quit_hooked = True
        app.aboutToQuit.connect(_on_app_about_to_quit)


def _on_app_about_to_quit() -> None:
    """Never leave a running thread behind at exit: cancel every job and wait for it (a
    download checks its flag between chunks and times out after 30 s without data)."""
    for job in list(_live):
        job.cancel()
    for job in list(_live):
        job.qthread.wait()


def controlled_job(
    name: str,
    explain: Callable[[BaseException], str | tuple[str, str]] | None,
    progressed: Callable[[str, Any], Any],
    finished: Callable[[Any], Any],
    failed: Callable[[str, str], Any],
) -> tuple[Job, Any]:
    """(job, control): a Job running core work that takes a RunControl (core.training.loop),
    whose cancel() stops that control, with its progress, result and failure connected to the
    given slots. Start it with job.start(work, ..., control=control) as the work wants it."""
    from playground.core.training.loop import RunControl  # torch: loaded when work starts, not at start-up

    control = RunControl()
    job = Job(name, cancel=control.stop, explain=explain)
    job.progressed.connect(progressed)
    job.finished.connect(finished)
    job.failed.connect(failed)
    return job, control
