"""What the window says about training: the session's state in the status bar; the epoch,
progress, speed and ETA while a run trains; each epoch's line in the log; the result line above
the plots when it ends, and the box when it fails; and the sentence that says what happened to
a run (the engine's own sentences are English, these are in the UI's language).

The texts were translated as the window controller's and keep its context, "WindowController"
(resources/translations): hence QCoreApplication.translate here rather than self.tr. Plurals are
the exception: pyside6-lupdate reads the count of self.tr("%n …", "", n) only, so they are
RunFeedback's own.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QMessageBox

from playground.core.config.spec import RunConfig
from playground.gui.i18n.core_text import model_title
from playground.gui.run.run_names import STATUSES, run_details, run_facts, status_text

__all__ = ["RunFeedback", "format_seconds"]


def format_seconds(seconds: float) -> str:
    seconds = int(round(seconds))
    minutes, s = divmod(seconds, 60)
    hours, m = divmod(minutes, 60)
    return f"{hours}:{m:02d}:{s:02d}" if hours else f"{m}:{s:02d}"


class RunFeedback(QObject):
    """Shows a run's course and outcome in `window`'s status bar, log, plots and result line."""

    def __init__(self, window):
        super().__init__(window)
        self.w = window
        # Epoch lines wait for the plots to draw their epoch (TrainingPlots.redrawn): the
        # plots redraw at a paced rate, and the log ran up to a second ahead of them.
        self._epoch_lines: list[str] = []
        window.plots.redrawn.connect(self.write_epoch_lines)

    def log(self, text) -> None:
        self.w.log_lines.add(text)  # a string, or a function that says it (run/log_lines.py)

    # ----------------------------------------------------------------- while training

    def show_start(self, cfg: RunConfig, batches: int, resume=None, report: list[str] = (), label: str = "", current=None) -> None:
        """A run (`label`) is about to start: empty plots, the progress bar, a line in the log
        (and the lines of the starting weights' load report), and above the plots that the
        current model stays `current` (a run, or None) until it ends; a resumed run re-plots
        its epochs so far."""
        self.w.plots.reset(cfg.train.epochs, batches)
        self._epoch_lines.clear()
        self.show_training_header(label, current)
        self.w.speed_label.setToolTip(
            QCoreApplication.translate(
                "WindowController",
                "Training samples per second over the last moments: time spent on validation, testing and "
                "pauses is left out. The run's average is shown when it ends.",
            )
        )
        self.w.speed_label.clear()
        self.w.epoch_label.clear()
        self.w.progress_bar.setRange(0, cfg.train.epochs * batches)
        self.w.progress_bar.setValue(0 if resume is None else resume.epoch * batches)
        self.w.progress_bar.show()
        name = cfg.name or QCoreApplication.translate("WindowController", "model")
        epochs = cfg.train.epochs
        if resume is None:
            self.log(lambda: QCoreApplication.translate("WindowController", "Training {0} for %n epoch(s)…", "", epochs).format(name))
            for line in report:
                self.log(line)
        else:
            for logs in resume.history():  # the epochs before the interruption
                self.w.plots.add_epoch(logs)
            done = resume.epoch
            self.log(
                lambda: QCoreApplication.translate("WindowController", "Continuing {0} after epoch {1} of {2}…").format(
                    name, done, epochs
                )
            )

    def show_session_state(self, state: str) -> None:
        labels = {
            "running": QCoreApplication.translate("WindowController", "Training…"),
            "paused": QCoreApplication.translate("WindowController", "Paused"),
            "stopping": QCoreApplication.translate("WindowController", "Stopping…"),
            "idle": QCoreApplication.translate("WindowController", "Ready"),
        }
        self.w.statusBar().showMessage(labels.get(state, state))
        if state == "idle":
            pause = self.w.pause_action
            pause.blockSignals(True)
            pause.setChecked(False)
            pause.setText(QCoreApplication.translate("WindowController", "&Pause"))
            pause.blockSignals(False)

    def show_features(self, progress) -> None:
        """(done, total) pictures through a frozen pretrained backbone, before the first epoch."""
        done, total = progress
        self.w.epoch_label.setText(
            QCoreApplication.translate("WindowController", "Backbone features: {0}/{1} pictures").format(done, total))
        self.w.eta_label.setText("")

    def show_batch(self, update) -> None:
        """A BatchUpdate: where the run is, how fast, how long still."""
        self.w.epoch_label.setText(QCoreApplication.translate("WindowController", "Epoch {0}/{1}").format(update.epoch, update.epochs))
        self.w.progress_bar.setValue((update.epoch - 1) * update.batches + update.batch)
        self.w.speed_label.setText(
            QCoreApplication.translate("WindowController", "{0:,.0f} samples/s").format(update.samples_per_second)
        )
        if update.eta_seconds is not None:
            self.w.eta_label.setText(
                QCoreApplication.translate("WindowController", "ETA {0}").format(format_seconds(update.eta_seconds))
            )

    def write_epoch_lines(self) -> None:
        """Log the epochs the plots now show."""
        lines, self._epoch_lines = self._epoch_lines, []
        for line in lines:
            self.log(line)

    def log_epoch(self, logs) -> None:
        """An epoch's line for the log, written with its points on the plots."""
        self._epoch_lines.append(lambda: self.epoch_line(logs))

    @staticmethod
    def epoch_line(logs) -> str:
        line = QCoreApplication.translate("WindowController", "Epoch {0}: loss {1:.4f}").format(logs.epoch, logs.loss)
        if logs.accuracy is not None:
            line += QCoreApplication.translate("WindowController", ", accuracy {0:.2%}").format(logs.accuracy)
        if logs.val_loss is not None:
            line += QCoreApplication.translate("WindowController", ", val_loss {0:.4f}").format(logs.val_loss)
        if logs.val_accuracy is not None:
            line += QCoreApplication.translate("WindowController", ", val_accuracy {0:.2%}").format(logs.val_accuracy)
        return line

    # ----------------------------------------------------------------- the end

    def show_finished(self, record) -> None:
        """A run ended with a result (`record`, a run: a core.model.trained.TrainedModel): its last points, its
        outcome in the log, its test result above the plots, and in the status bar the epochs
        it completed and its average speed (the live figure counts the same time: training)."""
        self.w.plots.flush()  # the last epochs with the result, not up to a second later
        self.write_epoch_lines()
        self.w.progress_bar.hide()
        self.w.eta_label.clear()
        self.log(lambda: self.run_message(record.config, record.summary))
        self.show_result(record)
        self.log(lambda: self.result_text(record.summary))

    def show_run_figures(self, record) -> None:
        """The status bar's figures for a run that ended (the current model's): the epochs it
        completed and its average training speed; nothing for a model without them."""
        summary = record.summary if record is not None else {}
        if summary.get("epochs_completed") is None:
            self.w.epoch_label.clear()
        else:
            self.w.epoch_label.setText(
                QCoreApplication.translate("WindowController", "Epochs done: {0}/{1}").format(
                    summary["epochs_completed"], record.config.train.epochs
                )
            )
        if summary.get("samples_per_second") is None:
            self.w.speed_label.clear()
            return
        self.w.speed_label.setText(
            QCoreApplication.translate("WindowController", "{0:,.0f} samples/s on average").format(summary["samples_per_second"])
        )
        self.w.speed_label.setToolTip(
            QCoreApplication.translate(
                "WindowController",
                "Training samples per second over the whole run: time spent on validation, testing and "
                "pauses is left out, as in the figure shown while it trained.",
            )
        )

    def show_failure(self, message: str, details: str) -> None:
        self.w.plots.flush()
        self.write_epoch_lines()
        self.w.progress_bar.hide()
        self.log(message)
        box = QMessageBox(
            QMessageBox.Icon.Critical, QCoreApplication.translate("WindowController", "Training failed"), message, parent=self.w
        )
        box.setInformativeText(
            QCoreApplication.translate(
                "WindowController",
                "Check the settings named above. If the problem persists, the details below help a bug report.",
            )
        )
        box.setDetailedText(details)
        box.open()  # not exec(): tests and the event loop keep running

    def result_text(self, summary: dict) -> str:
        """A run's test result, as a sentence."""
        accuracy, loss = summary.get("test_accuracy"), summary.get("test_loss")
        if accuracy is not None:
            return QCoreApplication.translate("WindowController", "Test accuracy {0:.2%} (loss {1:.4f})").format(accuracy, loss)
        mae, r2 = summary.get("mae"), summary.get("r2")
        if mae is not None and r2 is not None and loss is not None:  # regression
            return QCoreApplication.translate("WindowController", "Test mean absolute error {0:.4g}, R² {1:.3f} (loss {2:.4f})").format(
                mae, r2, loss
            )
        if loss is not None:
            return QCoreApplication.translate("WindowController", "Test loss {0:.4f}").format(loss)
        return QCoreApplication.translate("WindowController", "No test result")

    def show_result(self, record) -> str:
        """Put a run's name and test result in the header above the plots (the current
        model's: run/runs_list.py says which); returns the result sentence."""
        summary = record.summary
        self.show_run_figures(record)
        text = self.result_text(summary)
        details = [run_facts(record)]
        if summary.get("status") in STATUSES:
            details.append(
                QCoreApplication.translate("WindowController", "{0} in {1:.1f} s").format(
                    status_text(record), summary.get("train_seconds", 0.0)
                )
            )
        self.w.result_label.setText(
            f"<b>{html.escape(model_title(record.label))}</b>: <b>{html.escape(text)}</b> — " + html.escape(" · ".join(d for d in details if d))
        )
        self.w.result_label.setToolTip(run_details(record, self.run_message(record.config, summary)))
        return text

    def show_current(self, predictor, run) -> None:
        """The header above the plots names the current model: a run with its result, another
        model (a file, an ensemble) by its name, or nothing."""
        if run is not None:
            self.show_result(run)
        elif predictor is not None:
            self.show_run_figures(None)
            self.w.result_label.setText(
                QCoreApplication.translate("WindowController", "Current model: {0}").format(html.escape(str(predictor.source)))
            )
            self.w.result_label.setToolTip("")
        else:
            self.show_run_figures(None)
            self.w.result_label.clear()
            self.w.result_label.setToolTip("")

    def show_training_header(self, label: str, current) -> None:
        if current is not None:
            text = QCoreApplication.translate(
                "WindowController", "Training {0}… The current model stays {1} until it ends."
            ).format(html.escape(label), html.escape(model_title(current.label)))
        else:
            text = QCoreApplication.translate("WindowController", "Training {0}…").format(html.escape(label))
        self.w.result_label.setText(f"<b>{text}</b>")
        self.w.result_label.setToolTip("")

    def run_message(self, config: RunConfig, summary: dict) -> str:
        """What happened to a run, in the UI's language (FitResult.message says it in English)."""
        if summary.get("status") not in ("completed", "stopped", "diverged"):
            return summary.get("message", "")  # e.g. an opened model bundle's own words
        regularization = config.regularization
        status, epochs, best_epoch = summary["status"], summary.get("epochs_completed", 0), summary.get("best_epoch")
        restored = best_epoch and (status != "completed" or (summary.get("early_stopped") and regularization.restore_best))
        if status == "diverged":
            text = QCoreApplication.translate(
                "WindowController",
                "Training diverged: the loss became NaN or infinite, or stayed far above where it started. "
                "Lower the learning rate (now {0:g}), e.g. by 10×, or turn on gradient clipping.",
            ).format(config.optimizer.lr)
        elif status == "stopped":
            planned = config.train.epochs
            if "during epoch" in summary.get("message", "") or epochs == 0:
                # The epoch in progress was not finished: it is not one of the complete ones.
                text = self.tr("Stopped during epoch {0} of {1}: %n epoch(s) complete.", "", epochs).format(
                    epochs + 1, planned
                )
            else:
                text = QCoreApplication.translate("WindowController", "Stopped after epoch {0} of {1}.").format(epochs, planned)
        elif summary.get("early_stopped"):
            if regularization.monitor == "val_loss":
                monitored = QCoreApplication.translate("WindowController", "the validation loss")
            else:
                monitored = QCoreApplication.translate("WindowController", "the validation accuracy")
            patience = regularization.patience
            text = QCoreApplication.translate(
                "WindowController", "Early stopping after epoch {0}: {1} has not improved for %n epoch(s).", "", patience
            ).format(epochs, monitored)
        else:
            text = QCoreApplication.translate("WindowController", "Completed %n epoch(s).", "", epochs)
        if restored:
            text += " " + QCoreApplication.translate("WindowController", "Kept the best weights (epoch {0}).").format(best_epoch)
        return text
