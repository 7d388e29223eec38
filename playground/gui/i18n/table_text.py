"""A table's column kinds, its task and its preparation report (core/data/table_prep.TableReport)
in the window's language: core says them in English, for the command line."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

__all__ = ["choice_text", "kind_text", "report_lines", "task_text"]


translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls


def kind_text(kind: str) -> str:
    """An inferred column kind (table.py's Column.kind) as a learner reads it."""
    return {
        "numeric": translate("TableText", "numeric"),
        "categorical": translate("TableText", "categorical"),
        "constant": translate("TableText", "constant (one value)"),
        "empty": translate("TableText", "empty (every value missing)"),
        "id": translate("TableText", "ID-like (every value different)"),
        "text": translate("TableText", "text (too many different values)"),
    }.get(kind, kind)


def choice_text(choice: str) -> str:
    """What a column is used as: numeric, categorical or left out."""
    return {
        "numeric": translate("TableText", "numeric"),
        "categorical": translate("TableText", "categorical"),
        "ignore": translate("TableText", "leave out"),
    }.get(choice, choice)


def task_text(task: str) -> str:
    return {
        "classification": translate("TableText", "classification"),
        "regression": translate("TableText", "regression"),
    }.get(task, task)


def _separator_text(separator: str) -> str:
    return {
        ",": translate("TableText", "comma"),
        ";": translate("TableText", "semicolon"),
        "\t": translate("TableText", "tab"),
    }.get(separator, repr(separator))


def _kind_of_note(note: str) -> str:
    """The reader's kind of a column left out, from core's note on it (table.py's _infer_kind)."""
    if note.startswith("every value is missing"):
        return "empty"
    if note.startswith(("a row number", "every value is different")):
        return "id"
    if note.startswith("every value is"):
        return "constant"
    if "different values" in note:
        return "text"
    return ""


def report_lines(report, kinds: dict[str, str] | None = None) -> list[str]:
    """The report's lines: rows read, rows dropped and why, columns left out and why, missing
    values filled, the split. `kinds` (column -> inferred kind) says why a column the reader
    could not use was left out."""
    kinds = kinds or {}
    rows = report.rows_read
    out = [
        QCoreApplication.translate("TableText", "Read %n row(s) ({0}, separated by {1}{2}); target '{3}', {4}.", "", rows).format(
            report.encoding,
            _separator_text(report.separator),
            translate("TableText", ", decimal commas") if report.decimal_comma else "",
            report.target,
            task_text(report.task),
        )
    ]
    for n in report.rows_dropped.values():  # the one reason: no value in the target
        out.append(QCoreApplication.translate("TableText", "Dropped %n row(s): no value in the target '{0}'.", "", n).format(report.target))
    for name, kind, note in report.columns:
        if kind != "ignore":
            continue
        inferred = kinds.get(name) or _kind_of_note(note)
        if inferred in ("numeric", "categorical") or not inferred:
            out.append(translate("TableText", "Left out column '{0}' (your choice).").format(name))
        else:
            out.append(translate("TableText", "Left out column '{0}': {1}.").format(name, kind_text(inferred)))
    for name, n in report.filled.items():
        out.append(QCoreApplication.translate("TableText", "Filled %n missing value(s) in '{0}'.", "", n).format(name))
    train, val, test = report.split
    out.append(translate("TableText", "Split: {0} training, {1} validation, {2} test rows.").format(train, val, test))
    return out
