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
