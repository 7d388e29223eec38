"""The engine's errors in the UI's language.

The engine's user errors (`KeyedError`: core/errors.py) carry a `key` naming the problem and the
`values` their English was built from, as `SpecError` does (see core_text.py); each family has
its templates here, under the context "CoreText":

* settings (`ConfigError`): _config_error_templates
* files: projects, model bundles, exports, saving (`FileError`, `ExportError`): _file_error_templates
* a file the disk refused: full, no permission, read-only (`WriteError`, core/io/atomic.py): _write_error_templates
* images opened on the Draw tab (`ImageReadError`): _image_error_templates
* datasets, e.g. a folder of your own images (`DatasetError`): _dataset_error_templates
* evaluating a model on a dataset (`EvaluationError`): _evaluation_error_templates
* looking inside a model: filters, feature maps, attribution (`InsideError`): _inside_error_templates
* the backprop stepper: a model too big or not dense, a hand-off mid-epoch (`StepperError`): _stepper_error_templates

`errors.error_text(e)` says any of them (and a `SpecError` through core_text); an error without a known
key shows its own (English) text, so nothing is ever blank. Reasons the operating system or a
library gave (a file's "Permission denied") stay as they are inside the translated sentence.
tests/gui/test_error_text.py checks that every key the engine raises has a template here and
raises each family through the window.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QCoreApplication

__all__ = ["config_error_text", "export_error_text", "family_text", "template_families"]

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
        "too_large": translate("CoreText", "{name} is {value}, far beyond any sensible setting (at most {limit})."),
        "not_finite": translate("CoreText", "{name} must be a finite number, not {value}."),
        "not_object": translate("CoreText", "{name} must be a set of names and values (a JSON object), not {value}."),
        "not_list": translate("CoreText", "{name} must be a list, not {value}."),
        "bad_choice": translate("CoreText", "{name} must be one of its choices, not {value}."),
        # input features of 2-D points (core/config/features.py); {choices} lists their names
        "features_not_list": translate("CoreText",
            "{name} must be a list of input feature names, e.g. [\"x1\", \"x2\", \"sin_x1\"], not {value}."),
        "no_features": translate("CoreText",
            "{name} is empty, but the first layer needs at least one input — list one or more of {choices}, "
            "or leave it out for the raw point (x1, x2)."),
        "unknown_feature": translate("CoreText", "{name} lists {value}, which is no input feature — choose from {choices}."),
        "duplicate_feature": translate("CoreText", "{name} lists {value} twice — give each input feature once."),
        "bad_input_shape_value": translate("CoreText",
            "The input shape must be a list of sizes (whole numbers of at least 1), e.g. [1, 28, 28], not {value}."),
        # a config's JSON text (what it says of a file is in _file_error_templates)
        "json_too_large": translate("CoreText",
            "The settings file is too large to be read ({size} bytes; at most {limit}) — it was not written by this app."),
        # the loss landscape (core/experiments/landscape.py)
        "landscape_no_filters": translate("CoreText",
            "The model has no weights with filters (only biases or none): there is no plane to draw."),
        "landscape_paths_flat": translate("CoreText",
            "The weights hardly moved during training (the paths span less than a plane) — train for more epochs "
            "or with a larger learning rate."),
        "json_too_deep": translate("CoreText",
            "The settings file is nested {depth} levels deep (at most {limit}) — it was not written by this app."),
        "json_invalid": translate("CoreText", "The settings file is not valid JSON (line {line}, column {column}: {reason})."),
        "json_not_utf8": translate("CoreText", "The settings file is not UTF-8 text — is it the right file?"),
        "json_unreadable": translate("CoreText", "The settings file cannot be read as JSON: {reason}."),
        # logging for TensorBoard (core/experiments/tensorboard.py)
        "tensorboard_missing": translate("CoreText",
            "Logging for TensorBoard needs the tensorboard package ({reason}) — install it with: {install}"),
        "tensorboard_not_folder": translate("CoreText",
            "The TensorBoard folder {path} is a file — name a folder (it is made when missing)."),
        "tensorboard_cannot_make": translate("CoreText",
            "Cannot make the TensorBoard folder {path}: {reason} — choose a folder you can write to."),
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


def _file_error_templates() -> dict[str, str]:
    """Projects and model files that cannot be opened or saved (FileError, ExportError)."""
    return {
        **_export_error_templates(),
        "cannot_read": translate("CoreText", "Cannot read {path}: {reason}."),
        "not_a_project": translate("CoreText",
            "{path} is not a Neural Network Playground project (not a zip archive) — open a .nnp file saved by the app."
        ),
        "start_without_model": translate("CoreText", "{path} is damaged: it does not say which model its starting weights belong to."),
        "no_project_file": translate("CoreText", "No project file at {path} — check the path."),
        "no_project_json": translate("CoreText", "{path} is damaged: project.json is missing — was it saved by Neural Network Playground?"),
        "project_json_too_large": translate("CoreText", "{path} is not a Neural Network Playground project (its project.json is too large)."),
        "not_a_project_or_newer": translate("CoreText",
            "{path} is not a Neural Network Playground project (or was written by a newer version)."
        ),
        "part_missing": translate("CoreText", "{path} is damaged: a part of it is missing ({part})."),
        "damaged": translate("CoreText", "{path} is damaged and cannot be opened ({reason})."),
        "weights_too_large": translate("CoreText",
            "{name} is damaged or not one of ours: its weights {part} would take {size} GB, more than the {most} GB "
            "this app opens."
        ),
        "path_is_folder": translate("CoreText", "{path} is a folder — give a file name such as {example}."),
        "no_folder": translate("CoreText", "The folder {folder} does not exist — create it first or choose another path."),
        "folder_not_writable": translate("CoreText", "The folder {folder} is not writable — choose another path."),
        "weights_do_not_match": translate("CoreText", "The bundle's weights do not match its model spec ({reason})."),
        "no_model_file": translate("CoreText", "No model file at {path} — check the path."),
        "not_a_bundle_reason": translate("CoreText",
            "{path} is not a readable model bundle ({reason}) — was it saved by Neural Network Playground?"
        ),
        "safetensors_without_spec": translate("CoreText",
            "{path} is a safetensors file but not a Neural Network Playground bundle (no model spec inside)."
        ),
        "damaged_description": translate("CoreText", "{path} has a damaged model description: {reason}"),
        "member_too_large": translate("CoreText", "{path} is not a Neural Network Playground model ({part} is too large)."),
        "project_not_bundle": translate("CoreText", "{name} is a project, not a model bundle — open it with File ▸ Open (or rename it to .nnp)."),
        "pickle_not_bundle": translate("CoreText",
            "{name} is a PyTorch (torch.save) archive, not a model bundle; it was not opened, because unpickling it "
            "could run code — export a bundle (.nnpmodel) from the app instead."
        ),
        "no_manifest": translate("CoreText", "{name} is not a Neural Network Playground model bundle (no manifest.json inside)."),
        "unknown_manifest": translate("CoreText", "{name} is not a Neural Network Playground model bundle (unknown manifest)."),
        "bad_version": translate("CoreText", "{name} is damaged: its format version {version} is not a number."),
        "newer_bundle": translate("CoreText",
            "{name} was written by a newer Neural Network Playground (bundle format {version}, app {app}); this version "
            "{ours} reads format {readable} — update the app to open it."
        ),
        "bundle_not_zip": translate("CoreText", "{name} is not a model bundle or is damaged (not a complete zip archive) — export it again."),
        "bundle_damaged": translate("CoreText", "{name} is damaged and cannot be opened ({reason}) — export it again."),
        "zip_member_escapes": translate("CoreText",
            "{path} was refused: its part {part} points outside the archive (an absolute path or ..) — files saved by "
            "Neural Network Playground never do; nothing was opened."
        ),
        "zip_member_twice": translate("CoreText",
            "{path} was refused: it holds two parts named {part}, so which one counts is unclear — files saved by "
            "Neural Network Playground never do; nothing was opened."
        ),
        "zip_member_unsupported": translate("CoreText",
            "{path} was refused: its part {part} is encrypted or packed in a way this app never writes ({how}) — files "
            "saved by Neural Network Playground never are; nothing was opened."
        ),
        "zip_damaged": translate("CoreText", "{name} is damaged and cannot be opened ({reason})."),
        "weights_larger_than_model": translate("CoreText",
            "{name} is damaged or not one of ours: its weights {part} say they take {size}, but its model needs at most "
            "{need}; nothing was unpacked."
        ),
        "weights_checksum_mismatch": translate("CoreText",
            "{name} was refused: its weights {part} do not match the SHA-256 checksum recorded when it was saved, so "
            "the file was damaged or edited since; nothing was opened — open an earlier copy, or save it again from "
            "the app that made it."
        ),
        "bad_checksums": translate("CoreText",
            "{name} is damaged: the checksums it records for its weights are unreadable; nothing was opened."),
        "script_not_arithmetic": translate("CoreText",
            "{name} was refused because it can do more than arithmetic: it uses {operator}, beyond the operators of "
            "this app's own models, and such code could read or write files or reach the network. Nothing in it was "
            "run — open models exported by Neural Network Playground, or ask for a bundle (.nnpmodel) or ONNX file."
        ),
        # ONNX and TorchScript files checked on open (core/inference/onnx_guard.py, loaders.py)
        "onnx_custom_operator": translate("CoreText",
            "{name} was refused: it uses the operator {operator} of the domain {domain}, which is not standard ONNX — "
            "only a custom operator library provides it, and such code could read or write files or reach the network. "
            "Nothing in it was run — open models exported by Neural Network Playground, or ask for one that uses "
            "standard ONNX operators only."
        ),
        "onnx_external_data": translate("CoreText",
            "{name} was refused: its tensor {tensor} is kept in another file ({location}), which opening it would read "
            "— models exported by Neural Network Playground keep their weights inside. Nothing was opened."
        ),
        "model_metadata_bad": translate("CoreText",
            "{name} is damaged or was edited: its metadata entry '{key}' is {value}, but it must be one of: {expected}. "
            "Nothing in it was used — export it again."
        ),
        "model_metadata_bad_shape": translate("CoreText",
            "{name} is damaged or was edited: its metadata entry 'input_shape' is {value}, but it must list 1 to 3 "
            "sizes of at least 1, such as [1, 28, 28]. Nothing in it was used — export it again."
        ),
        "model_input_shape_mismatch": translate("CoreText",
            "{name} is damaged or was edited: its metadata says it takes inputs of shape {expected}, but its graph "
            "takes {found}. Nothing in it was run — export it again."
        ),
        "model_does_not_run": translate("CoreText",
            "{name} is damaged or was edited: it cannot run on inputs of the shape it declares ({shape}): {reason}. "
            "Nothing of it was used — export it again."
        ),
        # files from elsewhere that the app cannot feed as they are (core/inference/foreign.py)
        "model_inputs_not_one": translate("CoreText",
            "{name}: it takes {count} inputs ({inputs}), but the app feeds a model one image or one row of numbers at a "
            "time, so it cannot use it — export the model with a single input."
        ),
        "model_input_type": translate("CoreText",
            "{name}: its input {input} holds {type}, but the app feeds numbers as float32, float64 or uint8 — export "
            "the model with a float input."
        ),
        "model_input_axes": translate("CoreText",
            "{name}: its input has the shape {shape}; the app feeds images (N×C×H×W or N×H×W×C) or rows of numbers "
            "(N×k), so it cannot use this model."
        ),
        "model_needs_shape": translate("CoreText",
            "{name}: its input size is not fixed ({shape}), so the app needs to be told what to feed it — give the "
            "shape, e.g. {example}."
        ),
        "model_shape_does_not_fit": translate("CoreText",
            "{name}: it takes inputs of shape {shape}, which {given} does not fit — give a shape that matches its fixed "
            "sizes (channels first: C×H×W)."
        ),
        "script_needs_shape": translate("CoreText",
            "{name}: it is a TorchScript model without a {metadata} describing its input shape and classes, so the app "
            "cannot know what to feed it — give the shape it takes, e.g. 1x28x28, export it from Neural Network "
            "Playground, or use ONNX."
        ),
        "model_does_not_run_given": translate("CoreText",
            "{name} cannot run on inputs of the shape given ({shape}): {reason}. Give the shape it takes (channels "
            "first, e.g. 1x28x28 or 3x224x224)."
        ),
        "input_shape_text": translate("CoreText",
            "'{value}' is not an input shape — give channels, height and width as whole numbers, e.g. 1x28x28 "
            "(greyscale) or 3x224x224 (colour)."
        ),
        "model_says_logits": translate("CoreText",
            "{name} is damaged or was edited: its metadata says its outputs are logits, but they are already "
            "probabilities (each row sums to 1), and a second softmax would flatten them. Nothing of it was used — "
            "export it again."
        ),
        "model_says_probabilities": translate("CoreText",
            "{name} is damaged or was edited: its metadata says its outputs are probabilities, but they do not sum to "
            "1, so its predictions would be wrong. Nothing of it was used — export it again."
        ),
        "class_names_mismatch": translate("CoreText",
            "{name} is damaged: it names {names} classes but the model has {outputs} outputs, so its predictions would "
            "be labelled wrongly — export it again."),
        "bad_class_names": translate("CoreText", "{name} is damaged: its class names are not a list of texts."),
        # JSON inside a model or project file; {what} names the part and the file
        "json_too_large": translate("CoreText",
            "{what} is too large to be read ({size} bytes; at most {limit}) — it was not written by this app."),
        "json_too_deep": translate("CoreText",
            "{what} is nested {depth} levels deep (at most {limit}) — it was not written by this app."),
        "json_invalid": translate("CoreText", "{what} is not valid JSON (line {line}, column {column}: {reason})."),
        "json_not_utf8": translate("CoreText", "{what} is not UTF-8 text — is it the right file?"),
        "json_unreadable": translate("CoreText", "{what} cannot be read as JSON: {reason}."),
    }


def _write_error_templates() -> dict[str, str]:
    """A save or export the disk refused (WriteError): the old file is as it was."""
    return {
        "no_space": translate("CoreText", "Cannot write {path}: no space left on device — nothing was changed"),
        "disk_quota": translate("CoreText", "Cannot write {path}: disk quota exceeded — nothing was changed"),
        "permission_denied": translate("CoreText", "Cannot write {path}: permission denied — nothing was changed"),
        "read_only": translate("CoreText", "Cannot write {path}: read-only file system — nothing was changed"),
        "write_failed": translate("CoreText", "Cannot write {path}: {reason} — nothing was changed"),
    }


def _image_error_templates() -> dict[str, str]:
    """An image that cannot be opened (ImageReadError): the Draw tab's Open Image…."""
    return {
        "no_image_file": translate("CoreText", "No image file at {path} — check the path."),
        "not_an_image": translate("CoreText", "{path} is not an image this app can read (PNG, JPEG, BMP, GIF, TIFF, WebP)."),
        "cannot_read_image": translate("CoreText", "Cannot read {path}: {reason}"),
        "image_too_large": translate("CoreText",
            "{path} is too large to open ({width}×{height} pixels; this app opens images up to {most} million pixels) "
            "— scale it down or crop it to the digit."
        ),
        "image_far_too_large": translate("CoreText",
            "{path} is far too large to open (this app opens images up to {most} million pixels) — scale it down or "
            "crop it to the digit."
        ),
    }


def _dataset_error_templates() -> dict[str, str]:
    """A dataset that cannot be read (DatasetError), e.g. a folder of your own images."""
    return {
        "no_image_folder": translate("CoreText", "The image folder {root} does not exist — check the 'path' option."),
        "weights_missing": translate("CoreText",
            "The ImageNet weights of {title} ({file}) are not on this computer and could not be downloaded ({reason}). "
            "Download {url} on a computer that is online and copy the file by hand to {path} — it is checked and "
            "used from there."
        ),
        "weights_unreadable": translate("CoreText", "{file} cannot be read as weights ({reason}) — delete it and try again."),
        "weights_mismatch": translate("CoreText",
            "{file} does not fit {title}: {problem} — it is not torchvision's file; delete it and let the app "
            "download the right one."
        ),
        "not_a_folder": translate("CoreText", "{root} is a file, not a folder — choose the folder that holds {layout}."),
        "no_class_folders": translate("CoreText", "{root} needs at least 2 class subfolders ({layout}); found none."),
        "one_class_folder": translate("CoreText", "{root} needs at least 2 class subfolders ({layout}); found only '{name}'."),
        "no_images": translate("CoreText",
            "Class folder {folder} has no images; each class needs at least 2 (one to train on, one to test) — add "
            "images ({extensions}) or remove the folder."
        ),
        "one_image": translate("CoreText",
            "Class folder {folder} has 1 image; each class needs at least 2 (one to train on, one to test) — add "
            "images ({extensions}) or remove the folder."
        ),
        "bad_image": translate("CoreText", "Cannot read the image {path} ({reason}) — delete or replace the file."),
        "not_an_image": translate(
            "CoreText", "Cannot read the image {path} (it is not an image this app can read) — delete or replace the file."
        ),
        # your own 2-D points (core/data/points.py)
        "no_points": translate("CoreText",
            "No points yet: click on the plot to add at least {needed} of each class, or start from a toy set's points."),
        "no_value_points": translate("CoreText",
            "No points yet: click on the plot to add at least {needed}, or start from a toy set's points."),
        "too_few_points": translate("CoreText",
            "Too few points ({count}) to train on: add at least {needed} by clicking on the plot (some train, some test)."),
        "one_class_points": translate("CoreText",
            "All your points are of class {other}: a network learns to tell classes apart, so add at least {needed} "
            "points of class {name} (choose it, then click on the plot)."),
        "class_few_points": translate("CoreText",
            "Class {name} has too few points ({count}); each class needs at least {needed} (one to train on, one to "
            "test) — choose class {name} and click on the plot."),
        "bad_point": translate("CoreText",
            "Point {index} is {value}; each point must be [x1, x2, label] with finite numbers (the label being its "
            "class, 0 or 1)."),
        "bad_value_point": translate("CoreText",
            "Point {index} is {value}; each point must be [x1, x2, label] with finite numbers (the label being its value)."),
        "points_not_list": translate("CoreText", "The option 'points' must be a list of [x1, x2, label] points, not {value}."),
        "too_many_points": translate("CoreText", "There are {count} points; at most {most} can be drawn and edited."),
        # tables of your own (core/data/table.py, table_prep.py)
        "no_table_file": translate("CoreText", "The table file {path} does not exist — check the path."),
        "table_empty": translate("CoreText", "{path} is empty — a table needs a header row and at least two rows of data."),
        "table_too_large": translate("CoreText",
            "{path} is {size_mb} MB; tables up to {limit_mb} MB can be read — use a sample of its rows (a smaller file)."),
        "table_not_text": translate("CoreText",
            "{path} is not a text table (CSV or TSV) this app can read — save it from your spreadsheet as "
            "\"CSV UTF-8\" (or CSV) and open that file."),
        "table_one_column": translate("CoreText",
            "{path} has a single column '{name}' — a table needs the column to predict and at least one more; "
            "separate the columns with commas, semicolons or tabs."),
        "table_ragged": translate("CoreText",
            "Line {line} of {path} has {values} values but the header has {columns} columns — fix that line (a missing "
            "or extra separator, or a quote left open) and open the file again."),
        "table_header_only": translate("CoreText", "{path} has a header row but no data — add at least two rows under the header."),
        "unknown_column": translate("CoreText",
            "The table has no column '{name}'. Its columns: {columns}. Give one of these (names are case-sensitive)."),
        "bad_column_type": translate("CoreText", "Column '{name}': '{value}' is no column type — choose {choices}."),
        "column_not_numeric": translate("CoreText",
            "Column '{name}' cannot be numeric: line {line} holds '{value}' — make it categorical or leave it out."),
        "column_too_many_values": translate("CoreText",
            "Column '{name}' has too many different values to be categories — make it numeric or leave it out."),
        "table_no_features": translate("CoreText",
            "No column is left to predict '{target}' from — give at least one other column a type (numeric or categorical)."),
        "bad_task": translate("CoreText", "'{value}' is no task — choose classification or regression."),
        "target_text": translate("CoreText",
            "The target '{name}' holds text ('{value}' on line {line}), so it cannot be predicted as a number "
            "(regression) — fix that row, or choose classification."),
        "target_too_many_classes": translate("CoreText",
            "The target '{name}' has more than {limit} different values — too many classes; choose regression for a "
            "number, or another column."),
        "target_one_class": translate("CoreText",
            "The target '{name}' has only one class ('{value}') — a classifier needs at least two; choose another column."),
        "table_too_few_rows": translate("CoreText",
            "Rows with a value in '{name}': {rows} — a table needs at least three (to train, validate and test)."),
        "row_missing_column": translate("CoreText",
            "Row {row} has no column '{name}' — the model needs the columns it was trained on: {columns}."),
        "row_not_a_number": translate("CoreText",
            "Row {row}, column '{name}': '{value}' is not a number — this column held numbers when the model was "
            "trained; give a number or leave the cell empty."),
        "row_unseen_category": translate("CoreText",
            "Row {row}, column '{name}': '{value}' is a value the model never saw — it knows {categories}."),
        # IDX files (MNIST and its look-alikes: core/data/idx.py)
        "idx_type_code": translate("CoreText",
            "{path} is not an IDX file of unsigned bytes (its type code is {code}, not 0x08), so its numbers would be "
            "misread — delete it and run again to download a fresh copy, or check that you picked the right file."
        ),
        "idx_too_large": translate("CoreText",
            "{path} declares {shape} values ({size} GB), more than the {most} GB this app reads from one IDX file — it "
            "is damaged or not a data set; delete it and run again to download a fresh copy."
        ),
        "idx_unpacks_beyond": translate("CoreText",
            "{path} is not a valid IDX file: it unpacks to more than the {size} bytes its header declares ({shape}), "
            "so it was not unpacked further — delete it and run again to download a fresh copy."
        ),
        # CIFAR-10's binary archive (core/data/cifar.py); {problem} is the archive's own words
        "cifar_bad_archive": translate("CoreText",
            "{path} is not a usable CIFAR-10 archive: {problem} — delete it and load CIFAR-10 again to download a "
            "fresh copy of cifar-10-binary.tar.gz."
        ),
        "cifar_bad_batch": translate("CoreText",
            "{path} holds {size} bytes, not a whole number of {record}-byte CIFAR-10 records — delete it and load "
            "CIFAR-10 again to download a fresh copy of cifar-10-binary.tar.gz."
        ),
        "cifar_too_many": translate("CoreText",
            "{path} holds {count} records, more than the {most} of an official CIFAR-10 batch — delete it and load "
            "CIFAR-10 again to download a fresh copy of cifar-10-binary.tar.gz."
        ),
        "cifar_bad_labels": translate("CoreText",
            "{path} has labels outside 0–9 — it is not a CIFAR-10 batch; delete it and load CIFAR-10 again to "
            "download a fresh copy of cifar-10-binary.tar.gz."
        ),
    }


def _evaluation_error_templates() -> dict[str, str]:
    """A model that cannot be evaluated on a dataset (EvaluationError)."""
    return {
        "regression_model": translate("CoreText", "A confusion matrix needs a classification model — this one predicts numbers (regression)."),
        "labels_beyond_classes": translate("CoreText",
            "The labels go up to {highest} but the model knows {classes} classes — evaluate it on the dataset it was "
            "trained for."
        ),
        "regression_dataset": translate("CoreText", "{dataset} is a regression dataset — a confusion matrix needs classes."),
        "classification_dataset": translate("CoreText",
            "{dataset} is a classification dataset — predicted-vs-actual needs numbers (regression)."),
        "input_shape_mismatch": translate("CoreText",
            "The model takes inputs of shape {model_shape} but {dataset} has {data_shape} — evaluate it on the "
            "dataset it was trained on."
        ),
        "class_count_mismatch": translate("CoreText",
            "The model knows {classes} classes but {dataset} has {data_classes} — evaluate it on the dataset it was "
            "trained on."
        ),
    }


def _inside_error_templates() -> dict[str, str]:
    """A model or an input the filters, feature maps and attribution cannot look inside
    (InsideError, core/experiments/inside.py)."""
    return {
        "onnx_model": translate("CoreText",
            "{name} is an ONNX file: onnxruntime runs its graph as a whole and gives neither the layers' outputs nor "
            "gradients, so its filters, feature maps and attribution cannot be shown — open the model's bundle "
            "(.nnpmodel) to look inside it."
        ),
        "torchscript_model": translate("CoreText",
            "{name} is a TorchScript file: its compiled code runs as a whole, without the layer stack whose outputs "
            "and gradients these views read, so its filters, feature maps and attribution cannot be shown — open the "
            "model's bundle (.nnpmodel) to look inside it."
        ),
        "not_a_network": translate("CoreText", "{name} is not a PyTorch network, so there is nothing inside it to show."),
        "not_images": translate("CoreText",
            "This model takes inputs of shape {shape}, not images, so there is no picture to explain — attribution "
            "needs an image model (e.g. one trained on mnist-5k)."
        ),
        "input_shape": translate("CoreText",
            "This model takes inputs of shape {expected}, not {found} — give it one sample without a batch dimension."
        ),
        "bad_target": translate("CoreText", "There is no class {target}: this model has {outputs} outputs (0 to {last})."),
        "no_captum": translate("CoreText",
            "The attribution overlay needs the package captum, which is not installed — install it with: {command}"
        ),
        "no_convolution": translate("CoreText",
            "Grad-CAM weighs a convolution's feature maps, and this model has no convolution (Conv2D) layer — choose "
            "integrated gradients or saliency instead."
        ),
        "bad_method": translate("CoreText", "There is no attribution method “{method}” — choose one of: {methods}."),
    }


def _stepper_error_templates() -> dict[str, str]:
    """A model the backprop stepper does not show, or a hand-off it cannot make (StepperError,
    core/experiments/stepper.py)."""
    return {
        "stepper.not_network": translate("CoreText", "The stepper shows networks the layer builder made."),
        "stepper.no_bias": translate("CoreText",
            "Layer {layer} is a Dense layer without a bias; the stepper shows Dense layers with one — turn its bias on."
        ),
        "stepper.activation_position": translate("CoreText",
            "Layer {layer} is an activation that does not follow a Dense layer; the stepper shows each Dense layer with "
            "at most one activation after it — remove the extra activation."
        ),
        "stepper.not_dense": translate("CoreText",
            "Layer {layer} is {type}: the stepper shows small dense networks only (Dense layers and their activations) "
            "— remove it, or check this model with the gradient check."
        ),
        "stepper.no_dense": translate("CoreText", "The model has no Dense layer to step through — add one."),
        "stepper.too_many_layers": translate("CoreText",
            "The model has {layers} Dense layers; the stepper shows at most {limit} — use a smaller model (e.g. the "
            "xor-mlp preset)."
        ),
        "stepper.too_many_inputs": translate("CoreText",
            "The model takes {inputs} inputs; the stepper shows at most {limit} — use a toy dataset of 2-D points."
        ),
        "stepper.too_many_units": translate("CoreText",
            "Dense layer {layer} has {units} units; the stepper shows at most {limit} per layer — make it smaller."
        ),
        "stepper.frozen": translate("CoreText",
            "The stepper shows every layer learning, but this run freezes layers {layers} — unfreeze them."
        ),
        "stepper.mid_epoch": translate("CoreText",
            "The stepper is in epoch {epoch}, batch {batch} of {batches}: normal training continues from the end of an "
            "epoch — finish the epoch first."
        ),
        "stepper.not_ended": translate("CoreText", "The training run has not ended yet: take it back once it has."),
    }


def template_families() -> dict[str, Callable[[], dict[str, str]]]:
    """The engine's error class names and the templates that say their keys (for the tests'
    check that every key raised in core has one)."""
    return {
        "ConfigError": _config_error_templates,
        "TransferError": _config_error_templates,
        "FileError": _file_error_templates,
        "ExportError": _file_error_templates,
        "WriteError": _write_error_templates,
        "ImageReadError": _image_error_templates,
        "DatasetError": _dataset_error_templates,
        "WeightsError": _dataset_error_templates,  # pretrained ImageNet weights (core/data/pretrained.py)
        "EvaluationError": _evaluation_error_templates,
        "InsideError": _inside_error_templates,
        "AttributionUnavailable": _inside_error_templates,
        "StepperError": _stepper_error_templates,
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
    """An ExportError (or any FileError) with a known key in the UI's language; any other
    error, its own text."""
    return _fill(e, _file_error_templates(), dict(getattr(e, "values", {}) or {}))


def family_text(e: BaseException, dataset_title: Callable[[str], str] = str) -> str:
    """A FileError, WriteError, ImageReadError, DatasetError, EvaluationError, InsideError or ConfigError with a known key
    in the UI's language (a dataset named by `dataset_title`); any other error, its own text.
    Use errors.error_text, which also says a SpecError."""
    from playground.core.data.dataset import DatasetError
    from playground.core.data.preprocess import ImageReadError
    from playground.core.errors import ConfigError
    from playground.core.experiments.evaluate import EvaluationError
    from playground.core.experiments.inside import InsideError
    from playground.core.experiments.stepper import StepperError
    from playground.core.io.atomic import WriteError
    from playground.core.io.bundle import FileError

    if isinstance(e, ConfigError):
        return config_error_text(e)
    if isinstance(e, FileError):
        return export_error_text(e)
    values = dict(getattr(e, "values", {}) or {})
    if isinstance(e, WriteError):
        return _fill(e, _write_error_templates(), values)
    if isinstance(e, ImageReadError):
        return _fill(e, _image_error_templates(), values)
    if isinstance(e, DatasetError):
        if "root" in values:  # where the folder's layout is explained, in words of the UI's language
            values["layout"] = translate("CoreText", "one subfolder per class, e.g. my_images/cat/*.png and my_images/dog/*.png")
        return _fill(e, _dataset_error_templates(), values)
    if isinstance(e, EvaluationError):
        if "dataset" in values:
            values["dataset"] = dataset_title(str(values["dataset"]))
        return _fill(e, _evaluation_error_templates(), values)
    if isinstance(e, InsideError):
        return _fill(e, _inside_error_templates(), values)
    if isinstance(e, StepperError):
        return _fill(e, _stepper_error_templates(), values)
    return str(e)
