"""The Japanese text follows the glossary of resources/translations/README.md."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QTranslator

TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"

# Prose terms and the Japanese the glossary gives them. Layer types (Dropout, BatchNorm) stay in
# Latin script where they name a layer; "batch norm" with a space is always prose.
PROSE_TERMS = ((re.compile(r"\bbatch norm", re.I), "バッチ正規化"), (re.compile(r"\bdropout\b", re.I), "ドロップアウト"))
LAYER_NAME_CONTEXTS = {"LayerPalette", "LayerStackModel", "LayerBuilder", "LayerTexts"}


def _messages():
    root = ET.parse(TRANSLATIONS / "playground_ja.ts").getroot()
    for context in root.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            text = (translation.text or "") + "".join(n.text or "" for n in translation.iter("numerusform"))
            yield name, message.findtext("source"), text


def test_prose_says_dropout_and_batch_normalisation_in_japanese():
    wrong = []
    for context, source, text in _messages():
        for pattern, japanese in PROSE_TERMS:
            layer_name = source == "Dropout" and context in LAYER_NAME_CONTEXTS
            if pattern.search(source) and not layer_name and japanese not in text:
                wrong.append((context, source, text, japanese))
    assert not wrong, "\n".join(f"{c}: {s!r} -> {t!r} (glossary: {j})" for c, s, t, j in wrong)


def test_lesson_and_setting_titles_in_japanese():
    translator = QTranslator()
    assert translator.load(str(TRANSLATIONS / "playground_ja.qm"))
    assert translator.translate("ExperimentsDialog", "Batch normalisation") == "バッチ正規化"
    assert translator.translate("ExperimentsDialog", "Batch norm") == "バッチ正規化"
    assert translator.translate("ExperimentsDialog", "Dropout") == "ドロップアウト"
