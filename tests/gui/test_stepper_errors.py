"""The backprop stepper's refusals (core.experiments.stepper.StepperError) in the window's
language: the keyed error says its limit in Japanese, with the numbers filled in."""

import re

import pytest

from playground.core.config.spec import RunConfig
from playground.core.experiments.stepper import Stepper, StepperError
from playground.gui.i18n.error_text import family_text

from ..core.conftest import make_blobs

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.mark.parametrize(
    "layers, words",
    [
        ([{"type": "Dense", "units": 12}, {"type": "Dense", "units": 2}], ["Dense 層 1", "12 個", "8 個まで"]),
        ([{"type": "Dense", "units": 4}, {"type": "Dropout"}, {"type": "Dense", "units": 2}], ["層 2", "Dropout", "勾配確認"]),
        ([{"type": "Dense", "units": 2}] * 6, ["6 個", "4 個まで", "xor-mlp"]),
    ],
)
def test_a_model_the_stepper_refuses_says_why_in_japanese(japanese, layers, words):
    cfg = RunConfig.from_dict({"data": {"name": "xor"}, "model": {"layers": layers}})
    with pytest.raises(StepperError) as caught:
        Stepper(cfg, make_blobs(n=40, classes=2))
    text = family_text(caught.value)
    assert JAPANESE.search(text) and "{" not in text and "stepper shows" not in text, text
    for word in words:
        assert word in text, (word, text)
