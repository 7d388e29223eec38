"""How the GUI thread shares the cores and the interpreter lock with background jobs (jobs.py
runs them): torch on the GUI thread runs on one core, so that training threads keep the full
speed, and a thread holding the interpreter lock hands it over often.

PyTorch's CPU kernels run on OpenMP (libgomp in the Linux wheels). Each thread that starts a
parallel region gets its own pool of worker threads, and while libgomp manages more threads
than there are cores, all of its workers stop spinning between parallel regions and sleep in
the kernel instead. A GUI thread that ran one parallel op (a sample grid, an augmentation
preview) kept its pool for good, so the training thread beside it ran in that throttled
mode. `python benchmarks/thread_vs_main.py` shows it without any window: one `cnn` epoch on
a background thread after the main thread has used torch made ~90,000 voluntary context
switches and ran ~0.83x as fast as on the main thread (35 switches); with the main thread
kept serial before its first torch op, 20 switches. In the window this took the training
speed from 0.67-0.75x to 1.08x the command line's (benchmarks/gui_responsiveness.py). The
GUI thread's own torch work (previews, one prediction at a time) is small enough for one core.

While any background thread runs Python, Python's cyclic garbage collector runs on the GUI
thread only (`GuiThreadGC`): see there why.
"""

from __future__ import annotations

import gc
import sys
import threading

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Slot

__all__ = ["GIL_SWITCH_SECONDS", "GuiThreadGC", "gui_thread_gc", "keep_gui_thread_serial", "share_the_gil_often", "start_pool_task"]

# How long a thread that wants the interpreter lock waits before the holder must hand it over
# (Python's default is 5 ms). See share_the_gil_often.
GIL_SWITCH_SECONDS = 0.0005


def keep_gui_thread_serial() -> None:
    """Make torch ops on the calling (GUI) thread single-threaded; other threads keep
    torch's default. Call once torch is imported, before the GUI thread runs torch ops."""
    import torch

    threads = torch.get_num_threads()  # also runs torch's once-per-thread setup here first
    if threads <= 1:
        return
    # set_num_threads sets the calling thread's OpenMP and MKL thread counts and torch's
    # global default, which threads started later take. Set 1 here, then put the default
    # back from a short-lived thread, which leaves this thread's own setting at 1.
    torch.set_num_threads(1)
    restore = threading.Thread(target=torch.set_num_threads, args=(threads,), name="torch-threads")
    restore.start()
    restore.join()


def share_the_gil_often() -> None:
    """Make a thread that holds the interpreter lock hand it over after 0.5 ms, not 5 ms.

    Painting a plot calls from Qt's C++ into Python dozens of times (each item's paint and
    boundingRect). Each call needs the lock; while a worker runs Python code (the training
    loop between torch ops, the torch import at startup) each call waited up to the
    switch interval, and the worker took the lock back as soon as the call returned: a plot
    frame of 3 ms of GUI work alone took 53 ms (median; max 93) beside a thread running
    Python, 21 ms at 1 ms and 17 ms (max 23) at 0.5 ms (benchmarks/gil_convoy.py, on
    2 busy cores). A training thread mostly runs torch ops,
    which release the lock, so handing it over more often costs it little."""
    sys.setswitchinterval(GIL_SWITCH_SECONDS)


class GuiThreadGC:
    """Keeps Python's cyclic garbage collector on the GUI thread while background threads run.

    Python collects reference cycles on whichever thread happens to allocate when a threshold
    is crossed. A collection on a worker thread may finalise Qt objects of the GUI thread
    (a dialog or widget of a test or of a closed window that ended up in a cycle): Qt's
    destructor then takes a Qt lock and asks for the interpreter lock, while the GUI thread,
    holding the interpreter lock, waits for that Qt lock — both wait for ever. This was seen
    as a hang of the search dialog's test: the study thread, opening Optuna's SQLite storage,
    collected inside SQLAlchemy and sat in QObject::~QObject waiting for the interpreter lock.

    So while any job or pool task holds this (`hold` on start, `release` at its end, both on
    the GUI thread), automatic collection is off and a timer on the GUI thread collects the
    generations whose thresholds were crossed, as automatic collection would (pyqtgraph's
    util.garbage_collector does the same for a whole application). When the last holder
    releases it, automatic collection is as it was before.
    """

    INTERVAL_MS = 250

    def __init__(self) -> None:
        self._holders = 0
        self._was_enabled = True
        self._timer: QTimer | None = None

    @property
    def holders(self) -> int:
        return self._holders

    def hold(self) -> None:
        if self._holders == 0:
            self._was_enabled = gc.isenabled()
            gc.disable()
            if self._timer is None:
                self._timer = QTimer()
                self._timer.setInterval(self.INTERVAL_MS)
                self._timer.timeout.connect(self.collect_due)
            self._timer.start()
        self._holders += 1

    def release(self) -> None:
        if self._holders == 0:
            return
        self._holders -= 1
        if self._holders == 0:
            self._timer.stop()
            self.collect_due()
            if self._was_enabled:
                gc.enable()

    @staticmethod
    def collect_due() -> None:
        """Collect the oldest generation whose threshold was crossed, as Python would."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        if counts[0] <= thresholds[0]:
            return
        generation = 0
        while generation < 2 and counts[generation + 1] > thresholds[generation + 1]:
            generation += 1
        gc.collect(generation)


gui_thread_gc = GuiThreadGC()


class _PoolTaskEnd(QObject):
    """Releases the GUI-thread collector when a pool task reports its end (on the GUI thread),
    and holds the task until a moment after that, so that it is freed on the GUI thread.

    Why: a task's `signals` is a QObject of the GUI thread. Were the task auto-deleted by the
    pool (QRunnable's default) or its last reference dropped as its run() returns, the signals
    object would be destroyed on the pool thread while the GUI thread may still be delivering
    its queued signal, a race that crashed the process (a segmentation fault in the GUI
    thread's event loop, seen once in a full test run during an ensemble export). So the pool
    is given only the task's bound run() (its own wrapper goes on the pool thread, taking no
    Qt object with it; a QRunnable handed to PySide's pool is either deleted there or, without
    auto-delete, kept for ever), and the last reference is this object's, which it drops on the
    GUI thread once run() has had time to return after its last emit."""

    _pending: set["_PoolTaskEnd"] = set()
    DROP_AFTER_MS = 1000  # run() returns microseconds after its last emit

    def __init__(self, task: QRunnable) -> None:
        super().__init__()
        self.task: QRunnable | None = task
        self._released = False

    @Slot()
    def release(self) -> None:
        if self._released:
            return
        self._released = True
        gui_thread_gc.release()
        QTimer.singleShot(self.DROP_AFTER_MS, self._drop)

    @Slot()
    def _drop(self) -> None:
        self.task = None
        _PoolTaskEnd._pending.discard(self)


def start_pool_task(task: QRunnable) -> None:
    """Start `task` on the global thread pool with the garbage collector kept on the GUI
    thread until it reports its end. `task.signals` must have `finished` and `failed`,
    exactly one of which it emits. The task is freed on the GUI thread (see _PoolTaskEnd)."""
    end = _PoolTaskEnd(task)
    _PoolTaskEnd._pending.add(end)
    task.signals.finished.connect(end.release)
    task.signals.failed.connect(end.release)
    gui_thread_gc.hold()
    QThreadPool.globalInstance().start(task.run)
