"""The backprop stepper's formulas: the chain rule of one neuron or link, written symbolically and
with the engine's numbers substituted (core.experiments.stepper computes the numbers).

Notation (as "Deep Learning from Scratch" writes a layer's sums, with the layer in the name):
layer l = 1 … L are the network's Dense layers, a0[i] its input (normalised as the model
normalises it), and for unit j of layer l

    zl[j] = Σᵢ wl[j,i] · a(l−1)[i] + bl[j]      its weighted sum
    al[j] = f(zl[j])                             its activation
    δl[j] = ∂L/∂zl[j]                            its error signal

so w2[1,3] is the weight of the link from unit 3 of layer 1 to unit 1 of layer 2 (torch's
weight[j, i], 1-based here). L is the batch's loss, a mean over its N samples, so δ carries
the 1/N and ∂L/∂w sums over the samples.

A `Formula` is data: `key` names the sentence (the window says it in its language from the key
and `values`, as it says the engine's keyed errors), `symbolic` and `substituted` are the
maths (language-neutral), `value` the result, `text` the English sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

__all__ = [
    "DERIVATIVES",
    "FORMULA_KEYS",
    "Formula",
    "activation_formula",
    "bias_grad_formula",
    "delta_formula",
    "dout_formula",
    "loss_formula",
    "num",
    "sum_terms",
    "update_formula",
    "weight_grad_formula",
    "z_formula",
]

# f'(z) of each activation, written with a = f(z) where that is how backprop computes it.
DERIVATIVES: dict[str, str] = {
    "Sigmoid": "σ'(z) = a·(1 − a)",
    "Tanh": "tanh'(z) = 1 − a²",
    "ReLU": "ReLU'(z) = 1 if z > 0 else 0",
    "LeakyReLU": "LeakyReLU'(z) = 1 if z > 0 else s",
    "ELU": "ELU'(z) = 1 if z > 0 else a + α",
    "GELU": "GELU'(z) = Φ(z) + z·φ(z)",
    "Linear": "f'(z) = 1",
}

# Every Formula key, for a window's templates (one sentence per key, filled from `values`).
FORMULA_KEYS: tuple[str, ...] = (
    "stepper.forward.z", "stepper.forward.a",
    "stepper.loss.cross_entropy", "stepper.loss.mse_probabilities", "stepper.loss.mse",
    "stepper.dout.cross_entropy", "stepper.dout.mse_probabilities", "stepper.dout.mse",
    "stepper.delta.output", "stepper.delta.hidden", "stepper.grad.weight", "stepper.grad.bias",
    *(f"stepper.update.{name}" for name in ("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw")),
    "stepper.update.measured",
)

TERMS_SHOWN = 4  # a sum over more samples than this is written with its first terms and "…"


def num(v: float) -> str:
    """A number as the formulas write it: 4 significant digits, a minus sign for negatives."""
    return f"{v:.4g}".replace("-", "−")


def _paren(v: float) -> str:
    return f"({num(v)})" if v < 0 else num(v)


@dataclass(frozen=True)
class Formula:
    """One step of the chain rule: `symbolic` ("δ2[1] = ∂L/∂a2[1] · f'(z2[1])"), the same with
    numbers (`substituted`), its `value`, the `values` it was built from (names -> numbers or
    lists of numbers, for the window's own wording), and the English `text`."""

    key: str
    symbolic: str
    substituted: str
    value: float
    values: dict[str, Any] = field(default_factory=dict)
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key, "symbolic": self.symbolic, "substituted": self.substituted,
            "value": self.value, "values": self.values, "text": self.text,
        }


def sum_terms(factors: Sequence[tuple[float, ...]]) -> str:
    """"0.1·0.2 + (−0.3)·0.4": each term's factors multiplied, the terms added (the first
    TERMS_SHOWN of them, then "+ … (N terms)")."""
    terms = ["·".join(_paren(f) for f in term) for term in factors[:TERMS_SHOWN]]
    text = " + ".join(terms) if terms else "0"
    if len(factors) > TERMS_SHOWN:
        text += f" + … ({len(factors)} terms)"
    return text


def z_formula(l: int, j: int, weights: Sequence[float], inputs: Sequence[float], bias: float, z: float) -> Formula:
    n = len(weights)
    symbolic = f"z{l}[{j}] = " + " + ".join(f"w{l}[{j},{i}]·a{l - 1}[{i}]" for i in range(1, n + 1)) + f" + b{l}[{j}]"
    pairs = [(w, a) for w, a in zip(weights, inputs)]
    substituted = f"z{l}[{j}] = {sum_terms(pairs)} + {_paren(bias)} = {num(z)}"
    return Formula(
        "stepper.forward.z", symbolic, substituted, z,
        {"layer": l, "unit": j, "weights": list(weights), "inputs": list(inputs), "bias": bias, "z": z},
        f"The weighted sum of unit {j} in layer {l}: each input times its weight, plus the bias: {substituted}.",
    )


def activation_formula(l: int, j: int, function: str, z: float, a: float) -> Formula:
    if function == "Linear":  # no activation (an output layer whose Softmax the loss applies)
        symbolic, substituted = f"a{l}[{j}] = z{l}[{j}]", f"a{l}[{j}] = {num(a)}"
    else:
        name = {"Sigmoid": "σ", "Tanh": "tanh"}.get(function, function)
        symbolic = f"a{l}[{j}] = {name}(z{l}[{j}])"
        substituted = f"a{l}[{j}] = {name}({num(z)}) = {num(a)}"
    return Formula(
        "stepper.forward.a", symbolic, substituted, a,
        {"layer": l, "unit": j, "function": function, "z": z, "a": a},
        f"The activation of unit {j} in layer {l}: {function} of its weighted sum: {substituted}.",
    )


def loss_formula(kind: str, losses: Sequence[float], loss: float) -> Formula:
    n = len(losses)
    per_sample = {
        "cross_entropy": "ℓₙ = −Σₖ tₙ[k]·log pₙ[k],  p = softmax(a)",
        "mse_probabilities": "ℓₙ = (1/K)·Σₖ (pₙ[k] − tₙ[k])²,  p = softmax(a)",
        "mse": "ℓₙ = (1/K)·Σₖ (aₙ[k] − yₙ[k])²",
    }[kind]
    symbolic = f"L = (1/N)·Σₙ ℓₙ,  {per_sample}"
    shown = " + ".join(num(v) for v in losses[:TERMS_SHOWN]) + (f" + … ({n} terms)" if n > TERMS_SHOWN else "")
    substituted = f"L = ({shown}) / {n} = {num(loss)}"
    return Formula(
        f"stepper.loss.{kind}", symbolic, substituted, loss, {"kind": kind, "losses": list(losses), "loss": loss, "n": n},
        f"The loss is the mean of the {n} samples' losses: {substituted}.",
    )


def dout_formula(kind: str, k: int, n: int, classes: int, a: float, p: float, t: float, grad: float,
                 dot: float = 0.0) -> Formula:
    """∂L/∂a[k] of the output for one sample: cross-entropy (p − t)/N, MSE 2(a − y)/(N·K), MSE on
    softmax probabilities through softmax's Jacobian (`dot` = Σⱼ gⱼ·pⱼ with g = 2(p − t)/(N·K))."""
    values = {"kind": kind, "output": k, "n": n, "classes": classes, "a": a, "p": p, "t": t, "grad": grad}
    if kind == "cross_entropy":
        symbolic = f"∂L/∂a[{k}] = (p[{k}] − t[{k}]) / N"
        substituted = f"∂L/∂a[{k}] = ({num(p)} − {num(t)}) / {n} = {num(grad)}"
        text = f"Softmax with cross-entropy: output {k}'s probability minus its target, over the batch size: {substituted}."
    elif kind == "mse":
        symbolic = f"∂L/∂a[{k}] = 2·(a[{k}] − y[{k}]) / (N·K)"
        substituted = f"∂L/∂a[{k}] = 2·({num(a)} − {_paren(t)}) / ({n}·{classes}) = {num(grad)}"
        text = f"Mean squared error: twice output {k}'s error, over the number of values averaged: {substituted}."
    else:
        values["dot"] = dot
        g = 2 * (p - t) / (n * classes)
        symbolic = f"∂L/∂a[{k}] = p[{k}]·(g[{k}] − Σⱼ gⱼ·pⱼ),  g = 2·(p − t) / (N·K)"
        substituted = f"∂L/∂a[{k}] = {num(p)}·({num(g)} − {_paren(dot)}) = {num(grad)}"
        text = f"Mean squared error on the softmax probabilities, through softmax's derivative: {substituted}."
    return Formula(f"stepper.dout.{kind}", symbolic, substituted, grad, values, text)


_PRIME = {"Sigmoid": "σ'", "Tanh": "tanh'", "Linear": "f'"}


def _fprime_text(function: str, z: float, a: float, fprime: float) -> str:
    """f'(z) with the numbers: "0.7311·(1 − 0.7311)" for Sigmoid, "(1 − 0.5348²)" for Tanh, …"""
    if function == "Sigmoid":
        return f"{_paren(a)}·(1 − {_paren(a)})"
    if function == "Tanh":
        return f"(1 − {_paren(a)}²)"
    if function in ("ReLU", "LeakyReLU", "ELU"):
        return f"{num(fprime)} (z = {num(z)} {'>' if z > 0 else '≤'} 0)"
    return _paren(fprime)


def delta_formula(l: int, j: int, function: str, fprime: float, delta: float, *, z: float = 0.0, a: float = 0.0,
                  dout: float | None = None, back: Sequence[tuple[float, float]] = (), next_layer: int = 0) -> Formula:
    """δl[j] of the output layer (`dout`: ∂L/∂al[j]) or of a hidden one (`back`: the
    (w(l+1)[k,j], δ(l+1)[k]) pairs of the layer above); `z`, `a`: the unit's, for f'(z)."""
    derivative = DERIVATIVES.get(function, f"{function}'(z)")
    prime = _PRIME.get(function, f"{function}'")
    slope = _fprime_text(function, z, a, fprime)
    values: dict[str, Any] = {"layer": l, "unit": j, "function": function, "derivative": derivative,
                              "fprime": fprime, "delta": delta, "z": z, "a": a}
    if dout is not None:
        values["dout"] = dout
        symbolic = f"δ{l}[{j}] = ∂L/∂a{l}[{j}] · {prime}(z{l}[{j}])"
        substituted = f"δ{l}[{j}] = {_paren(dout)} · {slope} = {num(delta)}"
        text = (f"The error signal of output unit {j}: the loss's derivative by its activation times the "
                f"activation's slope ({derivative}): {substituted}.")
        return Formula("stepper.delta.output", symbolic, substituted, delta, values, text)
    m = next_layer
    values.update({"weights": [w for w, _ in back], "deltas": [d for _, d in back], "next_layer": m})
    symbolic = f"δ{l}[{j}] = (Σₖ w{m}[k,{j}]·δ{m}[k]) · {prime}(z{l}[{j}])"
    substituted = f"δ{l}[{j}] = ({sum_terms(list(back))}) · {slope} = {num(delta)}"
    text = (f"The error signal of unit {j} in layer {l}: the error signals of layer {m} sent back along its "
            f"links (each times the link's weight), times the activation's slope ({derivative}): {substituted}.")
    return Formula("stepper.delta.hidden", symbolic, substituted, delta, values, text)


def _penalty(w: float, l1: float, l2: float) -> tuple[str, str, float]:
    sym = num_ = ""
    extra = 0.0
    if l1:
        sign = (w > 0) - (w < 0)
        sym += " + λ₁·sign(w)"
        num_ += f" + {num(l1)}·{_paren(float(sign))}"
        extra += l1 * sign
    if l2:
        sym += " + λ₂·w"
        num_ += f" + {num(l2)}·{_paren(w)}"
        extra += l2 * w
    return sym, num_, extra


def weight_grad_formula(l: int, j: int, i: int, deltas: Sequence[float], inputs: Sequence[float], grad: float,
                        *, weight: float = 0.0, l1: float = 0.0, l2: float = 0.0) -> Formula:
    sym_pen, num_pen, _ = _penalty(weight, l1, l2)
    symbolic = f"∂L/∂w{l}[{j},{i}] = Σₙ δ{l}[{j}]·a{l - 1}[{i}]{sym_pen}"
    substituted = f"∂L/∂w{l}[{j},{i}] = {sum_terms(list(zip(deltas, inputs)))}{num_pen} = {num(grad)}"
    return Formula(
        "stepper.grad.weight", symbolic, substituted, grad,
        {"layer": l, "unit": j, "source": i, "deltas": list(deltas), "inputs": list(inputs), "grad": grad,
         "weight": weight, "l1": l1, "l2": l2},
        f"The gradient of the weight from unit {i} of layer {l - 1} to unit {j} of layer {l}: the error signal at "
        f"its end times the activation at its start, summed over the batch: {substituted}.",
    )


def bias_grad_formula(l: int, j: int, deltas: Sequence[float], grad: float) -> Formula:
    symbolic = f"∂L/∂b{l}[{j}] = Σₙ δ{l}[{j}]"
    shown = " + ".join(_paren(d) for d in deltas[:TERMS_SHOWN]) + (f" + … ({len(deltas)} terms)" if len(deltas) > TERMS_SHOWN else "")
    substituted = f"∂L/∂b{l}[{j}] = {shown} = {num(grad)}"
    return Formula(
        "stepper.grad.bias", symbolic, substituted, grad,
        {"layer": l, "unit": j, "deltas": list(deltas), "grad": grad},
        f"The gradient of unit {j}'s bias in layer {l}: its error signal summed over the batch: {substituted}.",
    )


def update_formula(optimizer: str, name: str, g: float, lr: float, change: float, state: dict[str, float],
                   hyper: dict[str, float]) -> Formula:
    """The change of parameter `name` ("w2[1,3]") under `optimizer`, from its gradient `g`, the
    learning rate and the optimizer's state after the step (and `state['…_before']` where the
    formula reads the previous value). RAdam and AdaBound: the state and the measured change, no
    formula (their steps switch between regimes; core/training/optim.py has AdaBound's)."""
    s, h = state, hyper
    values = {"optimizer": optimizer, "parameter": name, "grad": g, "lr": lr, "change": change, **s, **h}
    n = num
    if optimizer == "sgd":
        sym, sub = "Δw = −η·g", f"Δw = −{n(lr)}·{_paren(g)}"
    elif optimizer in ("momentum", "nesterov"):
        mu, v, v0 = h["momentum"], s["velocity"], s.get("velocity_before")
        first = v0 is None
        sym = "v = g (first step)" if first else "v = μ·v + g"
        sub = f"v = {n(g)}" if first else f"v = {n(mu)}·{_paren(v0)} + {_paren(g)} = {n(v)}"
        if optimizer == "momentum":
            sym, sub = f"{sym};  Δw = −η·v", f"{sub};  Δw = −{n(lr)}·{_paren(v)}"
        else:
            sym, sub = f"{sym};  Δw = −η·(g + μ·v)", f"{sub};  Δw = −{n(lr)}·({n(g)} + {n(mu)}·{_paren(v)})"
    elif optimizer == "adagrad":
        sym = "h = h + g²;  Δw = −η·g / (√h + ε)"
        sub = f"h = {n(s.get('sum_before', 0.0))} + {_paren(g)}² = {n(s['sum'])};  Δw = −{n(lr)}·{_paren(g)} / (√{n(s['sum'])} + {n(h['eps'])})"
    elif optimizer == "rmsprop":
        a = h["alpha"]
        sym = "s = α·s + (1 − α)·g²;  Δw = −η·g / (√s + ε)"
        sub = (f"s = {n(a)}·{n(s.get('square_avg_before', 0.0))} + {n(1 - a)}·{_paren(g)}² = {n(s['square_avg'])};  "
               f"Δw = −{n(lr)}·{_paren(g)} / (√{n(s['square_avg'])} + {n(h['eps'])})")
    elif optimizer in ("adam", "adamw"):
        b1, b2, t = h["beta1"], h["beta2"], int(s["step"])
        sym = ("m = β₁·m + (1 − β₁)·g;  v = β₂·v + (1 − β₂)·g²;  m̂ = m / (1 − β₁ᵗ);  v̂ = v / (1 − β₂ᵗ);  "
               "Δw = −η·m̂ / (√v̂ + ε)")
        sub = (f"m = {n(b1)}·{_paren(s.get('m_before', 0.0))} + {n(1 - b1)}·{_paren(g)} = {n(s['m'])};  "
               f"v = {n(b2)}·{n(s.get('v_before', 0.0))} + {n(1 - b2)}·{_paren(g)}² = {n(s['v'])};  "
               f"m̂ = {n(s['m'])} / (1 − {n(b1)}^{t}) = {n(s['m_hat'])};  v̂ = {n(s['v'])} / (1 − {n(b2)}^{t}) = {n(s['v_hat'])};  "
               f"Δw = −{n(lr)}·{_paren(s['m_hat'])} / (√{n(s['v_hat'])} + {n(h['eps'])})")
        if optimizer == "adamw":
            sym += " − η·λ·w"
            sub += f" − {n(lr)}·{n(h['weight_decay'])}·{_paren(s['weight_before'])}"
    else:
        shown = ", ".join(f"{k} = {n(v)}" for k, v in s.items() if not k.endswith("_before"))
        sym = "Δw = w(after) − w(before)"
        sub = f"Δw = {n(change)}" + (f"  ({shown})" if shown else "")
        return Formula(
            "stepper.update.measured", sym, sub, change, values,
            f"{name} changed by {n(change)} under {optimizer}; the stepper shows its state but no formula for it: {sub}.",
        )
    sub += f" = {n(change)}"
    return Formula(
        f"stepper.update.{optimizer}", sym, sub, change, values,
        f"The change of {name} under {optimizer}, from its gradient g = {n(g)} and learning rate η = {n(lr)}: {sub}.",
    )
