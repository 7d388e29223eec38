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
"""

from __future__ import annotations

import sys
import threading

__all__ = ["GIL_SWITCH_SECONDS", "keep_gui_thread_serial", "share_the_gil_often"]

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
