"""The GUI thread's torch runs on one thread; threads started later keep torch's default."""

import threading

import torch

from playground.gui.threads import keep_gui_thread_serial


def _threads_on_a_new_thread() -> int:
    seen = []
    t = threading.Thread(target=lambda: seen.append(torch.get_num_threads()))
    t.start()
    t.join()
    return seen[0]


def test_gui_thread_serial_new_threads_keep_the_default():
    default = _threads_on_a_new_thread()
    keep_gui_thread_serial()
    assert torch.get_num_threads() == 1
    assert _threads_on_a_new_thread() == default
    keep_gui_thread_serial()  # a second window: nothing changes
    assert torch.get_num_threads() == 1 and _threads_on_a_new_thread() == default


def test_a_pool_task_is_freed_on_the_gui_thread(qtbot):
    """A pool task's `signals` belongs to the GUI thread: freeing the task on the pool thread
    (auto-deleted as its run() returns) destroyed that QObject there while the GUI thread could
    still be delivering its signal, a race that crashed the process; when nothing else held the
    task its result was even lost (the queued signal never arrived). start_pool_task keeps the
    task until the GUI thread has seen its end and frees it there."""
    import weakref

    from PySide6.QtCore import QObject, QRunnable, Signal

    from playground.gui.threads import start_pool_task

    class Signals(QObject):
        finished = Signal(list)
        failed = Signal(str)

    class Task(QRunnable):
        def __init__(self):
            super().__init__()
            self.signals = Signals()

        def run(self):
            self.signals.finished.emit(["done"])

    freed_on, got = [], []
    task = Task()
    task.signals.finished.connect(got.append)
    weakref.finalize(task, lambda: freed_on.append(threading.current_thread()))
    start_pool_task(task)
    del task  # as the dialogs do: their reference goes when the result arrives
    qtbot.waitUntil(lambda: got == [["done"]], timeout=10000)
    qtbot.waitUntil(lambda: bool(freed_on), timeout=10000)
    assert freed_on == [threading.main_thread()]
