"""What the Data tab's background loads share: the loader's progress callback, paced for the
GUI thread, and a failed load in the user's words."""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QCoreApplication

from playground.core.data.dataset import DatasetError
from playground.gui.i18n.errors import error_text

log = logging.getLogger("playground.gui.tabs.data_panel")

_PROGRESS_INTERVAL = 0.05  # s: at most ~20 progress updates a second cross to the GUI thread


# --------------------------------------------------------------------------- background loading


class _Progress:
    """The loader's progress callback, on the load's thread: reports at most every
    _PROGRESS_INTERVAL seconds (and the last step) as ("progress", (message, done, total)),
    total -1 when unknown."""

    def __init__(self, report):
        self._report = report
        self._last_report = 0.0

    def __call__(self, message: str, done: int, total: int | None) -> None:
        now = time.monotonic()
        if now - self._last_report < _PROGRESS_INTERVAL and (total is None or done < total):
            return
        self._last_report = now
        self._report("progress", (message, float(done), float(total if total else -1)))


def _explain_load_failure(name: str, error: BaseException) -> str:
    """A failed load in the user's words (on the load's thread)."""
    if isinstance(error, DatasetError):
        return error_text(error)
    # A bug or an OS failure the loader did not foresee. The context is the one this text was
    # translated in.
    log.exception("Loading dataset %r failed", name)
    return QCoreApplication.translate("_LoadWorker", "Loading failed unexpectedly: {0}").format(
        f"{type(error).__name__}: {error}"
    )
