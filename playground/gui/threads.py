"""Torch on the GUI thread runs on one core, so that training threads keep the full speed.

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
"""

from __future__ import annotations

import gc
import sys
import threading

__all__ = ["GIL_SWITCH_SECONDS", "keep_gui_thread_serial", "share_the_gil_often", "start_thread", "wait_and_deliver", "worker_thread"]

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


def start_thread(thread) -> None:
    """Start a worker QThread after collecting the garbage on this (GUI) thread.

    Python collects reference cycles on whichever thread happens to allocate when a
    threshold is crossed. A worker thread that did so could finalise Qt objects that belong
    to the GUI thread, while the GUI thread held the interpreter lock and waited for a Qt lock
    the finaliser holds: both threads then wait for ever (seen as rare hangs in the search
    dialog's test, with the worker thread in a plain Python frame waiting for the lock).
    Collecting here first leaves the worker no Qt garbage from before it started."""
    gc.collect()
    thread.start()


def worker_thread(worker, name: str):
    """A new QThread named `name` that runs `worker.run()` when started, ends when the worker
    emits `finished` or `failed`, and then deletes both. Connect the worker's other signals,
    then `start_thread` it."""
    from PySide6.QtCore import QThread, Qt

    thread = QThread()
    thread.setObjectName(name)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    # Direct: quit() is thread-safe, and a queued call would wait for the GUI thread,
    # which is blocked in wait() when the window closes during a run.
    worker.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    worker.failed.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    thread.finished.connect(worker.deleteLater)
    thread.finished.connect(thread.deleteLater)
    return thread


def wait_and_deliver(owner, thread, timeout_ms: int = 10000) -> bool:
    """Wait for a worker's `thread` (already asked to stop) to end, then deliver what its
    worker queued for `owner`: the run's last signals, its result included, arrive before
    this returns, so a window that is closing sees the run end first. True when no thread
    is left running (also when `thread` is None); False if it did not end in time."""
    if thread is None:
        return True
    if not thread.wait(timeout_ms):
        return False
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.sendPostedEvents(owner)
    return True
