"""The one background-job runner (gui/jobs.py): results, failures, cancelling, and a window
closing during a job."""

import threading

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QWidget

from playground.gui.jobs import Job, running_jobs, wait_and_deliver


class Record:
    """Everything a job emits, in order, as (signal, args)."""

    def __init__(self, job: Job):
        self.events = []
        job.started.connect(lambda: self.events.append(("started",)))
        job.progressed.connect(lambda kind, payload: self.events.append(("progressed", kind, payload)))
        job.finished.connect(lambda result: self.events.append(("finished", result)))
        job.failed.connect(lambda message, details: self.events.append(("failed", message, details)))
        job.aborted.connect(lambda: self.events.append(("aborted",)))
        job.ended.connect(lambda: self.events.append(("ended",)))

    def names(self):
        return [e[0] for e in self.events]


def test_reports_then_the_result_arrive_in_order_on_the_gui_thread(qtbot):
    job = Job("sum")
    rec = Record(job)
    threads, names = [], []

    def work(n):
        threads.append(threading.current_thread())
        names.append(QThread.currentThread().objectName())
        for i in range(n):
            job.report("step", i)
        return sum(range(n))

    job.progressed.connect(lambda *_: threads.append(threading.current_thread()))
    with qtbot.waitSignal(job.ended, timeout=5000):
        job.start(work, 50)
        assert job.is_running() and job in running_jobs("sum")
    assert rec.names() == ["started"] + ["progressed"] * 50 + ["finished", "ended"]
    assert [e[2] for e in rec.events[1:51]] == list(range(50))
    assert rec.events[51] == ("finished", sum(range(50)))
    assert threads[0] is not threading.main_thread() and names == ["sum"]
    assert all(t is threading.main_thread() for t in threads[1:])  # delivered on the GUI thread
    assert not job.is_running() and job not in running_jobs() and job.qthread.isFinished()
    with pytest.raises(RuntimeError):
        job.start(work, 1)  # a job runs once


def test_a_failure_carries_the_message_and_the_traceback(qtbot):
    def broken():
        raise ValueError("no such layer")

    job = Job("broken")
    rec = Record(job)
    with qtbot.waitSignal(job.ended, timeout=5000):
        job.start(broken)
    assert rec.names() == ["started", "failed", "ended"]
    _, message, details = rec.events[1]
    assert message == "ValueError: no such layer"  # the default explanation
    assert details.startswith("Traceback") and "in broken" in details and "ValueError: no such layer" in details


def test_explain_words_the_message_and_may_replace_the_details(qtbot):
    job = Job("explained", explain=lambda e: f"Training failed: {e}")
    with qtbot.waitSignal(job.failed, timeout=5000) as failed:
        job.start(lambda: 1 / 0)
    assert failed.args[0] == "Training failed: division by zero" and "ZeroDivisionError" in failed.args[1]

    job = Job("details", explain=lambda e: ("Out of memory.", f"{e}\n\nmore"))
    with qtbot.waitSignal(job.failed, timeout=5000) as failed:
        job.start(lambda: 1 / 0)
    assert failed.args == ["Out of memory.", "division by zero\n\nmore"]

    def broken_explain(error):
        raise KeyError("oops")

    job = Job("broken-explain", explain=broken_explain)
    with qtbot.waitSignal(job.failed, timeout=5000) as failed:
        job.start(lambda: 1 / 0)  # the failure still arrives, in the default words
    assert failed.args[0] == "ZeroDivisionError: division by zero"


def test_cancel_sets_the_flag_the_work_checks_and_the_work_ends_its_own_way(qtbot):
    stop = threading.Event()
    began = threading.Event()

    def work():
        began.set()
        done = 0
        while not stop.wait(0.001):
            done += 1
        return ("stopped", done)

    job = Job("loop", cancel=stop.set)
    with qtbot.waitSignal(job.finished, timeout=5000) as finished:
        job.start(work)
        assert began.wait(5)
        job.cancel()
    assert finished.args[0][0] == "stopped" and not job.is_running()
    job.cancel()  # after the end: nothing to do, no error


def test_quiet_exceptions_end_the_job_without_a_result_or_an_error(qtbot):
    class Cancelled(Exception):
        pass

    def work():
        raise Cancelled

    job = Job("load", quiet=(Cancelled,))
    rec = Record(job)
    with qtbot.waitSignal(job.ended, timeout=5000):
        job.start(work)
    assert rec.names() == ["started", "aborted", "ended"]


def test_forward_reports_a_work_objects_own_signal(qtbot):
    from PySide6.QtCore import QObject, Signal

    class Counter(QObject):
        counted = Signal(int)

        def run(self):
            for i in range(3):
                self.counted.emit(i)
            return "done"

    counter = Counter()
    job = Job("counter")
    job.forward(counter.counted, "count")
    rec = Record(job)
    with qtbot.waitSignal(job.ended, timeout=5000):
        job.start(counter.run)
    assert rec.events[1:] == [("progressed", "count", 0), ("progressed", "count", 1), ("progressed", "count", 2),
                              ("finished", "done"), ("ended",)]


class Owner(QWidget):
    """A window with a job, closed while the job runs: stop, wait, see the end, then close."""

    def __init__(self):
        super().__init__()
        self.stop = threading.Event()
        self.seen = []
        self.job = Job("owned", cancel=self.stop.set)
        self.job.progressed.connect(self._on_job_progressed)
        self.job.finished.connect(self._on_job_finished)

    def _on_job_progressed(self, kind, payload):
        self.seen.append(payload)

    def _on_job_finished(self, result):
        self.seen.append(result)

    def closeEvent(self, event):
        self.job.cancel()
        assert wait_and_deliver(self.job)
        super().closeEvent(event)


def test_wait_and_deliver_on_close_hands_over_the_last_reports_and_the_result(qtbot):
    owner = Owner()
    qtbot.addWidget(owner)
    began = threading.Event()

    def work():
        began.set()
        owner.stop.wait(10)
        for i in range(5):
            owner.job.report("last", i)
        return "partial result"

    owner.show()
    owner.job.start(work)
    assert began.wait(5)
    assert owner.seen == []  # nothing delivered yet: the event loop has not run
    owner.close()  # no event loop turn between here and the check below
    assert owner.seen == [0, 1, 2, 3, 4, "partial result"]
    assert not owner.job.is_running() and owner.job.qthread.isFinished()
    assert wait_and_deliver(owner.job) and wait_and_deliver(None)


def test_wait_and_deliver_gives_up_after_the_timeout(qtbot):
    release = threading.Event()
    job = Job("stubborn")  # no cancel: it ignores being asked
    job.start(release.wait, 10)
    try:
        assert not job.wait_and_deliver(50)
        assert job.is_running()
    finally:
        release.set()
        assert job.wait_and_deliver(5000)
    assert not job.is_running()


def test_a_running_job_outlives_the_object_that_started_it(qtbot):
    """Its owner may be deleted mid-run (a panel closed during a load): the job keeps itself,
    and its thread, alive until the end is delivered; the owner's slots are not called."""
    release = threading.Event()
    owner = QWidget()
    called = []

    class Slots(QWidget):
        def on_finished(self, result):
            called.append(result)

    slots = Slots(owner)
    job = Job("orphan", cancel=release.set)
    job.finished.connect(slots.on_finished)
    job.start(release.wait, 10)
    del job
    owner.deleteLater()
    qtbot.wait(10)
    (orphan,) = running_jobs("orphan")
    orphan.cancel()
    with qtbot.waitSignal(orphan.ended, timeout=5000):
        pass
    assert called == [] and running_jobs("orphan") == []


class _Cycle:
    """Garbage in a reference cycle that notes the thread that finalised it."""

    def __init__(self, seen: list):
        self.me, self.seen = self, seen

    def __del__(self):
        self.seen.append(threading.current_thread())


def test_garbage_is_collected_on_the_gui_thread_while_a_job_runs(qtbot):
    """A collection on a job's thread could finalise the GUI thread's Qt objects there and
    deadlock (threads.GuiThreadGC): while a job runs, cycles are collected on the GUI thread
    and automatic collection is as before once it has ended."""
    import gc

    from playground.gui.threads import gui_thread_gc

    assert gc.isenabled()
    go, done = threading.Event(), threading.Event()

    def work():
        go.wait(10)
        # Allocate containers well past the thresholds, as training or Optuna's storage do.
        junk = [[i] for i in range(200_000)]
        del junk
        done.set()
        return "ok"

    job = Job("allocating")
    rec = Record(job)
    job.start(work)
    seen: list = []
    _Cycle(seen)  # garbage made on the GUI thread after the job started
    go.set()
    assert done.wait(20)
    qtbot.waitUntil(lambda: "ended" in rec.names(), timeout=10000)
    gc.collect()  # here, if the GUI thread's timer has not collected it yet
    assert seen == [threading.main_thread()]
    assert gui_thread_gc.holders == 0 and gc.isenabled()
