"""Fetching a pretrained network's ImageNet weights for the starting-weights row: on a
background job (core.experiments.transfer.start_from_backbone: found on disk, else downloaded
with resume and a checksum), a progress dialog that can cancel, and the outcome handed back."""

from __future__ import annotations

import threading
from typing import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from playground.core.config.backbone import BACKBONES
from playground.gui.i18n.errors import error_text
from playground.gui.jobs import Job

__all__ = ["fetch_pretrained"]

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls


def fetch_pretrained(parent: QWidget, name: str, done: Callable, problem: Callable[[str], None]) -> Job:
    """Start reading `name`'s weights; `done(start)` gets the TrainedModel, `problem(message)`
    what went wrong (offline: which file is missing and where to put it). Returns the job."""
    from playground.core.data.dataset import LoadCancelled
    from playground.core.errors import PlaygroundError
    from playground.core.experiments.transfer import start_from_backbone

    title = BACKBONES[name].title
    cancel = threading.Event()
    dialog = QProgressDialog(
        translate("StartWeightsBar", "Getting the ImageNet weights of {0}…").format(title), translate("StartWeightsBar", "Cancel"), 0, 0, parent
    )
    dialog.setObjectName("pretrained_progress")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)

    def explain(e: BaseException) -> str:
        return error_text(e) if isinstance(e, PlaygroundError) else f"{type(e).__name__}: {e}"

    job = Job(f"pretrained-{name}", cancel=cancel.set, explain=explain, quiet=(LoadCancelled,))
    last = [-1]

    def progress(label: str, got: int, total: int | None) -> None:
        step = got * 100 // total if total else got >> 20  # whole percent, or MiB when the size is unknown
        if step != last[0]:
            last[0] = step
            job.report("bytes", (got, total))

    def show(kind: str, payload) -> None:
        got, total = payload
        if total:
            dialog.setMaximum(1000)
            dialog.setValue(min(1000, got * 1000 // total))
        dialog.setLabelText(translate("StartWeightsBar", "Downloading the ImageNet weights of {0}: {1} of {2} MB").format(
            title, f"{got / 1e6:.0f}", f"{total / 1e6:.0f}" if total else "?"
        ))

    job.progressed.connect(show)
    job.finished.connect(done)
    job.failed.connect(lambda message, details: problem(message))
    job.ended.connect(dialog.reset)
    dialog.canceled.connect(job.cancel)
    job.start(start_from_backbone, name, progress=progress, cancel=cancel)
    return job
