"""The lessons' engine texts (what each expects, the notes on a run) in the UI's language:
every lesson and note key is covered, says in English what the engine says, and shows in Japanese."""

import re

import pytest

from playground.core.experiments.lesson_notes import NOTE_MESSAGES, Note
from playground.core.experiments.lesson_texts import LESSON_EXPECTATIONS
from playground.core.experiments.lessons import LESSONS
from playground.gui.i18n import lesson_text

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
FIX = "update playground/gui/i18n/lesson_text.py and the .ts (resources/translations/README.md)"


def test_every_lesson_and_note_says_what_the_engine_says(english):
    assert set(LESSON_EXPECTATIONS) == set(LESSONS)
    stale = [name for name, text in LESSON_EXPECTATIONS.items() if lesson_text.lesson_expectation(name, "") != text]
    assert set(lesson_text._note_templates()) == set(NOTE_MESSAGES), FIX
    stale += [key for key, text in NOTE_MESSAGES.items() if lesson_text._note_templates()[key] != text]
    assert not stale, f"{stale}\n{FIX}"
    note = Note("regularised_still_learning", {"name": "dropout 0.2", "gap": 0.037, "base_gap": 0.226, "val": 0.756,
                                               "base_val": 0.774, "epochs": 1, "train": 0.793})
    assert lesson_text.note_text(note) == note.text
    names = Note("coincide_adam", {"names": ("Adam", "AdamW", "AdaBound"), "steps": 1130})
    assert lesson_text.note_text(names) == names.text


def test_the_lesson_texts_show_in_japanese(japanese):
    left = [name for name in LESSONS if not JAPANESE.search(lesson_text.lesson_expectation(name, ""))]
    left += [key for key, text in lesson_text._note_templates().items() if not JAPANESE.search(text)]
    assert not left, f"{left}\n{FIX}"
    note = Note("regularised_still_learning", {"name": "dropout 0.2", "gap": 0.037, "base_gap": 0.226, "val": 0.756,
                                               "base_val": 0.774, "epochs": 200, "train": 0.793})
    text = lesson_text.note_text(note)
    assert "ドロップアウト 0.2" in text and "200 エポック" in text and "79.3%" in text
    names = lesson_text.note_text(Note("coincide", {"names": ("Adam", "AdamW", "AdaBound"), "gap": 0.01}))
    assert names.startswith("Adam、AdamW、AdaBound")
    assert lesson_text.chosen_by_text("val_accuracy") == "検証データの正解率"
