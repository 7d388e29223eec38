"""Torch on the GUI thread runs on one core, so that training threads keep the full speed.

PyTorch's CPU kernels run on OpenMP (libgomp in the Linux wheels). Each thread that starts a
parallel region gets its own pool of worker threads, and while libgomp manages more threads
than there are cores, all of its workers stop spinning between parallel regions and sleep in
the kernel instead. A GUI thread that ran one parallel op (a sample grid, an augmentation
preview) kept its pool for good, so a training thread beside it ran in that throttled mode:
measured here on 2 cores, 12,200 voluntary context switches for 94 batches of the `cnn`
preset against 39 on the command line, and ~20% fewer samples/s. With one thread the GUI
thread never starts a pool; its own torch work (previews, single predictions) is small.
"""

from __future__ import annotations

import threading

__all__ = ["keep_gui_thread_serial"]


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
