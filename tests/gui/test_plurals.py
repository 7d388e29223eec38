"""Counted texts read right in English too ("1 epoch", "2 epochs"): playground_en.qm gives their
singular and plural (resources/translations/english_plurals.py), in step with the code."""

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from playground.core.config.model_spec import LayerSpec, ModelSpec
from playground.core.config.presets import resource_path
from playground.core.config.spec_errors import SpecError
from playground.gui.i18n import core_text
from playground.gui.i18n import language as i18n

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "resources" / "translations" / "english_plurals.py"
FIX = (
    "run: python resources/translations/english_plurals.py && pyside6-lrelease "
    "resources/translations/playground_en.ts -qm resources/translations/playground_en.qm"
)


@pytest.fixture
def english(qapp):
    assert i18n.install_translators(qapp, "en")
    yield


def _raised(make):
    with pytest.raises(SpecError) as e:
        make()
    return e.value


def test_the_english_plurals_are_in_step_with_the_code():
    sys.path.insert(0, str(SCRIPT.parent))
    try:
        import english_plurals
    finally:
        sys.path.pop(0)
    wanted = english_plurals.render(english_plurals.counted_messages(english_plurals.code_messages()))
    assert english_plurals.TS.read_text(encoding="utf-8") == wanted, FIX
    compiled = QTranslator()
    assert compiled.load(str(resource_path("translations", "playground_en.qm")))
    for context, messages in english_plurals.counted_messages(wanted).items():
        for source, comment in messages:
            one, many = english_plurals.forms(source)
            assert compiled.translate(context, source, comment or None, 1) == one, (source, FIX)
            assert compiled.translate(context, source, comment or None, 3) == many, (source, FIX)


def test_counts_read_in_the_singular_and_plural(english):
    t = QCoreApplication.translate
    assert t("WindowController", "Training {0} for %n epoch(s)…", "", 1).format("xor-mlp") == "Training xor-mlp for 1 epoch…"
    assert t("WindowController", "Training {0} for %n epoch(s)…", "", 60).format("xor-mlp") == "Training xor-mlp for 60 epochs…"
    assert t("WindowController", "%n target(s)", "", 1) == "1 target"
    assert t("WindowController", "%n class(es)", "", 10) == "10 classes"


def test_a_regression_stack_error_reads_in_the_singular_in_the_engine_and_the_window(english):
    stack = ModelSpec((2,), [LayerSpec("Dense", {"units": 8}), LayerSpec("Dense", {"units": 2})])
    e = _raised(lambda: stack.validate_for("regression", 1))
    assert str(e) == "The model outputs 2 values but the dataset has 1 target — set layer 2 (Dense) to 1 unit."
    assert core_text.spec_error_text(e) == str(e)
    one = ModelSpec((2,), [LayerSpec("Dense", {"units": 1})])
    e = _raised(lambda: one.validate_for("classification", 2))
    assert str(e).startswith("The model outputs 1 value but the dataset has 2 classes")
    assert core_text.spec_error_text(e) == str(e)
