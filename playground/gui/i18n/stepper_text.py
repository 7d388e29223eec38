"""The backprop stepper's formulas in the window's language.

core.experiments.stepper_formulas gives each formula a `key`, the `values` it was built from and
the maths (`symbolic`, `substituted`), which is language-neutral; the sentence that says what the
formula means is filled here from a template per key (context `StepperText`), as the engine's
keyed errors are (error_text.py). A key without a template falls back to the engine's English.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication

__all__ = ["formula_html", "formula_sentence", "maths", "optimizer_state_rows", "phase_name"]


translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls


def _templates() -> dict[str, str]:
    return {
        "stepper.forward.z": translate("StepperText", "The weighted sum of unit {unit} in layer {layer}: each input times its weight, plus the bias."),
        "stepper.forward.a": translate("StepperText", "The activation of unit {unit} in layer {layer}: {function} of its weighted sum."),
        "stepper.loss.cross_entropy": translate("StepperText", 
            "The loss L is the mean of the {n} samples' losses; each sample's is the cross-entropy of the softmax of "
            "the outputs."),
        "stepper.loss.mse_probabilities": translate("StepperText", 
            "The loss L is the mean of the {n} samples' losses; each sample's is the mean squared error of the softmax "
            "probabilities."),
        "stepper.loss.mse": translate("StepperText", "The loss L is the mean of the {n} samples' mean squared errors."),
        "stepper.dout.cross_entropy": translate("StepperText", 
            "Softmax with cross-entropy: output {output}'s probability minus its target, over the batch size N."),
        "stepper.dout.mse": translate("StepperText", "Mean squared error: twice output {output}'s error, over the number of values averaged."),
        "stepper.dout.mse_probabilities": translate("StepperText", 
            "Mean squared error on the softmax probabilities: the derivative passes through softmax's derivative."),
        "stepper.delta.output": translate("StepperText", 
            "The error signal δ of output unit {unit}: the loss's derivative by its activation times the activation's "
            "slope ({derivative})."),
        "stepper.delta.hidden": translate("StepperText", 
            "The error signal δ of unit {unit} in layer {layer}: the error signals of layer {next_layer} sent back "
            "along its links (each times the link's weight), times the activation's slope ({derivative})."),
        "stepper.grad.weight": translate("StepperText", 
            "The gradient of the weight from unit {source} of layer {previous} to unit {unit} of layer {layer}: the "
            "error signal at its end times the activation at its start, summed over the batch (chain rule)."),
        "stepper.grad.bias": translate("StepperText", 
            "The gradient of unit {unit}'s bias in layer {layer}: its error signal summed over the batch."),
        "stepper.update.sgd": translate("StepperText", "SGD: {parameter} moves against its gradient g, scaled by the learning rate η."),
        "stepper.update.momentum": translate("StepperText", 
            "Momentum: the velocity v keeps μ times the last steps and adds the gradient g; {parameter} moves by −η·v."),
        "stepper.update.nesterov": translate("StepperText", 
            "Nesterov momentum: the velocity v as Momentum's; {parameter} moves by −η·(g + μ·v), a look ahead."),
        "stepper.update.adagrad": translate("StepperText", 
            "AdaGrad: h sums the squared gradients, so {parameter} takes smaller steps the more it has moved."),
        "stepper.update.rmsprop": translate("StepperText", 
            "RMSProp: s is a running average of the squared gradients; {parameter}'s step is divided by √s."),
        "stepper.update.adam": translate("StepperText", 
            "Adam: m and v are running averages of the gradient and its square; m̂ and v̂ correct their start at zero "
            "(bias correction, step t = {step}); {parameter} moves by −η·m̂ / (√v̂ + ε)."),
        "stepper.update.adamw": translate("StepperText", 
            "AdamW: Adam's step (m, v and their bias correction, step t = {step}) plus the decoupled weight decay "
            "−η·λ·w of {parameter}."),
        "stepper.update.measured": translate("StepperText", 
            "{parameter} changed under {optimizer}; the stepper shows this optimizer's state but no formula for it."),
    }


def formula_sentence(formula) -> str:
    """What `formula` (a stepper_formulas.Formula) means, in the UI's language."""
    template = _templates().get(formula.key)
    if template is None:
        return formula.text
    values: dict[str, Any] = dict(formula.values)
    if "layer" in values:
        values["previous"] = int(values["layer"]) - 1
    if "step" in values:
        values["step"] = int(values["step"])
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return formula.text


_TERMS = re.compile(r"\((\d+) terms\)")


def maths(text: str) -> str:
    """The formula's maths with its few English words in the UI's language: a sum written with
    its first terms ("+ … (16 terms)") and Momentum's first step ("v = g (first step)")."""
    text = _TERMS.sub(lambda m: translate("StepperText", "({0} terms)").format(m.group(1)), text)
    return text.replace("(first step)", translate("StepperText", "(first step)"))


def formula_html(title: str, formula) -> str:
    """One formula as the side panel shows it: a heading, the sentence, the symbolic chain rule
    and the same with the engine's numbers substituted."""
    return (
        f"<h4 style='margin-bottom:2px'>{escape(title)}</h4>"
        f"<p style='margin-top:0'>{escape(formula_sentence(formula))}</p>"
        f"<p style='font-family:monospace; white-space:pre-wrap; margin:0'>{escape(maths(formula.symbolic))}</p>"
        f"<p style='font-family:monospace; white-space:pre-wrap; margin-top:2px; color:#1d4ed8'>"
        f"{escape(maths(formula.substituted))}</p>"
    )


def phase_name(phase: str) -> str:
    return {
        "": translate("StepperText", "Not started"),
        "forward": translate("StepperText", "Forward"),
        "loss": translate("StepperText", "Loss"),
        "backward": translate("StepperText", "Backward"),
        "update": translate("StepperText", "Update"),
    }.get(phase, phase)


def optimizer_state_rows(state: dict[str, float]) -> list[tuple[str, float]]:
    """The optimizer's state of one weight, named in the UI's language, in reading order."""
    names = [
        ("step", translate("StepperText", "step t")),
        ("velocity_before", translate("StepperText", "velocity v before")),
        ("velocity", translate("StepperText", "velocity v")),
        ("sum_before", translate("StepperText", "sum of squares h before")),
        ("sum", translate("StepperText", "sum of squares h")),
        ("square_avg_before", translate("StepperText", "running average s before")),
        ("square_avg", translate("StepperText", "running average s")),
        ("m_before", translate("StepperText", "m (gradient average) before")),
        ("m", translate("StepperText", "m (gradient average)")),
        ("v_before", translate("StepperText", "v (squared-gradient average) before")),
        ("v", translate("StepperText", "v (squared-gradient average)")),
        ("m_hat", translate("StepperText", "m̂ (bias-corrected m)")),
        ("v_hat", translate("StepperText", "v̂ (bias-corrected v)")),
        ("v_max", translate("StepperText", "largest v so far")),
        ("weight_before", translate("StepperText", "weight before the step")),
    ]
    return [(label, float(state[key])) for key, label in names if key in state]
