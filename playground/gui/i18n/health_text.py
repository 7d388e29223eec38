"""The training-health diagnoses (core.experiments.layer_stats.diagnose) in the UI's language.

A `Diagnosis` carries a key and the values its English was built from, like a SpecError; the
window fills a template per key (context "CoreText"), so the English reads word for word as the
engine's message and the Japanese keeps the layer numbers and figures. Unknown keys fall back to
the engine's English. The lessons a diagnosis names are said with the Experiments dialog's own
titles. tests/gui/test_health_panel.py checks that every rule has a template.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from playground.gui.i18n.lesson_text import lesson_titles

if TYPE_CHECKING:
    from playground.core.experiments.layer_stats import Diagnosis

__all__ = ["diagnosis_name", "diagnosis_text", "lesson_title"]

translate = QCoreApplication.translate


def _templates() -> dict[str, str]:
    return {
        "saturated": translate(
            "CoreText",
            "{percent}% of layer {layer}'s outputs ({kind}) are within {band} of its limits, where it passes almost no "
            "gradient back — try Xavier initialisation or batch norm.",
        ),
        "dead_relu": translate(
            "CoreText",
            "{percent}% of layer {layer}'s ReLU units output 0 for every input, so they no longer learn — try He "
            "initialisation or a lower learning rate.",
        ),
        "not_finite": translate(
            "CoreText", "The gradients of layer {layer} are not finite — lower the learning rate or use batch norm."
        ),
        "exploding_gradients": translate(
            "CoreText",
            "The gradients explode on their way back: layer {first}'s weights get {ratio} times the relative gradient "
            "of layer {last}'s — try He or Xavier initialisation, or batch norm.",
        ),
        "vanishing_gradients": translate(
            "CoreText",
            "The gradients vanish on their way back: layer {first}'s weights get {ratio} times the relative gradient "
            "of layer {last}'s — try He or Xavier initialisation, or batch norm.",
        ),
        "updates_too_large": translate(
            "CoreText",
            "One step changes layer {layer}'s weights by {ratio} of their size (about 0.001 is usual) — lower the "
            "learning rate.",
        ),
        "updates_too_small": translate(
            "CoreText",
            "One step changes layer {layer}'s weights by only {ratio} of their size (about 0.001 is usual), so they "
            "hardly move — raise the learning rate.",
        ),
        "loss_not_falling": translate(
            "CoreText",
            "The training loss has not fallen in {epochs} epochs ({first} → {last}) — check the learning rate and "
            "the weight initialisation.",
        ),
    }


def _template_key(d: Diagnosis) -> str:
    # Gradients that are not finite at all have a sentence of their own under the exploding key.
    return "not_finite" if d.key == "exploding_gradients" and d.values.get("ratio") == "inf" else d.key


def diagnosis_text(d: Diagnosis) -> str:
    """The diagnosis in the UI's language (the engine's English for a key without a template)."""
    from playground.core.experiments.layer_stats import SATURATED_BAND

    template = _templates().get(_template_key(d))
    if template is None:
        return d.message
    try:
        return template.format(band=SATURATED_BAND, **d.values)
    except (KeyError, IndexError, ValueError):
        return d.message


def diagnosis_name(key: str) -> str:
    """A few words for a rule, as a list of what fired in a variant says it."""
    names = {
        "saturated": translate("CoreText", "saturated units"),
        "dead_relu": translate("CoreText", "dead ReLUs"),
        "vanishing_gradients": translate("CoreText", "vanishing gradients"),
        "exploding_gradients": translate("CoreText", "exploding gradients"),
        "updates_too_large": translate("CoreText", "updates too large"),
        "updates_too_small": translate("CoreText", "updates too small"),
        "loss_not_falling": translate("CoreText", "loss not falling"),
    }
    return names.get(key, key)


def lesson_title(name: str) -> str:
    """A lesson's title as the Experiments dialog lists it."""
    return lesson_titles().get(name, name)
