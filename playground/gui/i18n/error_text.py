"""The engine's settings and export errors in the UI's language.

A `ConfigError` (a setting that cannot take a value) and an `ExportError` (a model or ensemble
that cannot be written) carry a `key` naming the problem and the `values` their English was
built from, as `SpecError` does (see core_text.py); each key has a template here, under the
context "CoreText". An error without a known key shows its own (English) text, so nothing is
ever blank. tests/gui/test_error_text.py raises each key and checks its template.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QCoreApplication

__all__ = ["config_error_text", "export_error_text"]

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls


def _config_error_templates() -> dict[str, str]:
    return {
        "lr_not_positive": translate("CoreText", "The learning rate must be a number above 0."),
        "epochs_below_1": translate("CoreText", "The number of epochs must be a whole number of at least 1."),
        "batch_size_below_1": translate("CoreText", "The batch size must be a whole number of at least 1."),
        "val_split_range": translate("CoreText", "The validation share must be at least 0 and below 1 (e.g. 0.1)."),
        "unknown_setting": translate("CoreText", "There is no setting {name} — choose one from the list."),
        "not_bool": translate("CoreText", "{name} is on or off (true or false), not {value}."),
        "not_whole": translate("CoreText", "{name} must be a whole number, not {value}."),
        "not_number": translate("CoreText", "{name} must be a number, not {value}."),
        "not_text": translate("CoreText", "{name} must be text, not {value}."),
        "unknown_optimizer": translate("CoreText", "There is no optimizer {value} — choose one of {choices}."),
    }


def _export_error_templates() -> dict[str, str]:
    return {
        "cannot_write": translate("CoreText", "Cannot write {path}: {reason} — check the disk space and the folder."),
        "wrong_suffix": translate("CoreText", "A {fmt} export is a {suffix} file — name it {suggested} instead of {name}."),
        "no_onnx": translate("CoreText", "ONNX export needs the package onnx — pip install onnx onnxscript."),
        "onnx_failed": translate("CoreText", "The model could not be converted to ONNX ({reason})."),
        "ensemble_empty": translate("CoreText", "No member of the ensemble finished training — there is nothing to export."),
        "ensemble_onnx_only": translate(
            "CoreText",
            "An ensemble exports as ONNX only (one graph that averages its members' probabilities), not as "
            "{fmt} — choose ONNX, or export a single member's run.",
        ),
    }


def _fill(e: BaseException, templates: dict[str, str], values: dict) -> str:
    template = templates.get(getattr(e, "key", ""))
    if template is None:
        return str(e)
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):  # a translation naming a value the engine did not give
        return str(e)


def config_error_text(e: BaseException, name_of: Callable[[str], str] = str) -> str:
    """A ConfigError with a known key in the UI's language, the setting named by `name_of`
    (its config key, e.g. "train.batch_size", unless the caller has words for it); any
    other error, its own text."""
    values = dict(getattr(e, "values", {}) or {})
    if "key" in values:
        values["name"] = name_of(str(values["key"]))
    return _fill(e, _config_error_templates(), values)


def export_error_text(e: BaseException) -> str:
    """An ExportError with a known key in the UI's language; any other error, its own text."""
    return _fill(e, _export_error_templates(), dict(getattr(e, "values", {}) or {}))
