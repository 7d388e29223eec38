"""The backprop stepper: one mini-batch at a time, in phases, with the engine's own numbers.

A `Stepper` holds what `fit` would build for a run config (core/training/loop.py: the model
from core/model/build.py, its optimizer and schedule, the seeded validation split and shuffle
generator) and trains it the way `fit` does, batch by batch in fit's order, but stops between the
phases of each step:

* **forward** — each neuron's weighted sum z and activation a, per sample and the batch mean
  (forward hooks on the model's own modules record them);
* **loss** — the batch's loss, each sample's, and ∂L/∂(output);
* **backward** — autograd's `backward()` on that loss; the error signal δ = ∂L/∂z of every
  neuron (`retain_grad` on the recorded z) and ∂L/∂w of every link (the parameters' `.grad`),
  layer by layer from the output, in the order backprop computes them;
* **update** — the optimizer's real `step()`; each weight's change and the optimizer's state
  (`optimizer.state[p]`: Momentum's velocity, AdaGrad's sum of squares, RMSProp's running
  average, Adam's m and v, with the bias-corrected m̂ and v̂ computed from them).

Every neuron and link carries `Formula`s (core.experiments.stepper_formulas): the chain rule with
the numbers substituted, for the sample `sample` of the batch. Update formulas are written for
SGD, Momentum, Nesterov, AdaGrad, RMSProp, Adam and AdamW; RAdam and AdaBound report their state
and the measured change without one.

Small dense networks only (`check_model`): at most MAX_LAYERS Dense layers of at most MAX_UNITS
units, and at most MAX_INPUTS inputs, each Dense layer with at most one element-wise activation
(its own or an Activation layer after it); a final Softmax is the loss's (the builder leaves it
out). Anything else is refused with a `StepperError` naming the limit.

Normal training and back: `run(batches)` trains on with loop.train_step (fit's batch step), no
recording; at the end of an epoch (`finish_epoch()` trains the rest of it, evaluates the
validation set and logs the epoch as fit does) `handoff()` gives a `Resumable` for
`fit(config, resume=…)`, which continues with this model, optimizer, schedule and shuffle
generator — the weights come out as those of a run trained by fit from the start.
`TakeBack` is a fit callback that keeps a finished run's state; `Stepper.take_back(capture)`
steps on from there.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import torch
from torch import nn

from playground.core.errors import KeyedError
from playground.core.experiments.stepper_formulas import (
    Formula,
    activation_formula,
    bias_grad_formula,
    delta_formula,
    dout_formula,
    loss_formula,
    update_formula,
    weight_grad_formula,
    z_formula,
)
from playground.core.experiments.stepper_records import LinkRecord, NeuronRecord, StepRecord
from playground.core.experiments.stepper_handoff import Handoff, TakeBack
from playground.core.training.callbacks import EpochLogs, EpochMeter

if TYPE_CHECKING:
    from playground.core.config.spec import RunConfig
    from playground.core.data.dataset import Dataset

__all__ = [
    "MAX_INPUTS",
    "MAX_LAYERS",
    "MAX_UNITS",
    "PHASES",
    "Stepper",
    "StepperError",
    "check_model",
    "check_spec",
]

MAX_LAYERS, MAX_UNITS, MAX_INPUTS = 4, 8, 8
PHASES = ("forward", "loss", "backward", "update")
_ACTIVATIONS = {
    nn.Sigmoid: "Sigmoid", nn.Tanh: "Tanh", nn.ReLU: "ReLU", nn.LeakyReLU: "LeakyReLU", nn.ELU: "ELU",
    nn.GELU: "GELU", nn.Identity: "Linear",
}


class StepperError(KeyedError):
    """A model or request the stepper cannot show (key + values; the message names the fix)."""


# --------------------------------------------------------------------------- the model's layers


@dataclass
class _Dense:
    linear: nn.Linear
    act: nn.Module | None
    function: str  # the activation's name; "Linear" for none


def _not_dense(number: int, kind: str) -> StepperError:
    return StepperError(
        f"Layer {number} is {kind}: the stepper shows small dense networks only (Dense layers and their "
        "activations) — remove it, or check this model with 'playground gradcheck'.",
        "stepper.not_dense", {"layer": number, "type": kind},
    )


def _too_many_layers(count: int) -> StepperError:
    return StepperError(
        f"The model has {count} Dense layers; the stepper shows at most {MAX_LAYERS} — use a smaller model "
        "(e.g. the xor-mlp preset).", "stepper.too_many_layers", {"layers": count, "limit": MAX_LAYERS},
    )


def _too_many_units(number: int, units: int) -> StepperError:
    return StepperError(
        f"Dense layer {number} has {units} units; the stepper shows at most {MAX_UNITS} per layer — make it smaller.",
        "stepper.too_many_units", {"layer": number, "units": units, "limit": MAX_UNITS},
    )


def check_spec(spec: Any) -> None:
    """What `check_model` refuses that the layer stack (a ModelSpec) already shows: checked
    before the dataset is loaded, so an image model is refused without reading its images."""
    dense = 0
    for number, layer in enumerate(spec.layers, start=1):
        if layer.type == "Dense":
            dense += 1
            if int(layer.get("units")) > MAX_UNITS:
                raise _too_many_units(dense, int(layer.get("units")))
        elif layer.type != "Activation":
            raise _not_dense(number, layer.type)
    if dense > MAX_LAYERS:
        raise _too_many_layers(dense)


def check_model(model: nn.Module) -> list[_Dense]:
    """The Dense layers of a built Network, each with its activation; StepperError for a model
    the stepper does not show (module docstring)."""
    body = getattr(model, "body", None)
    if not isinstance(body, nn.Sequential):
        raise StepperError("The stepper shows networks the layer builder made.", "stepper.not_network")
    layers: list[_Dense] = []
    for number, module in enumerate(body, start=1):
        parts = list(module) if isinstance(module, nn.Sequential) else [module]
        for part in parts:
            if isinstance(part, nn.Linear):
                if part.bias is None:
                    raise StepperError(
                        f"Layer {number} is a Dense layer without a bias; the stepper shows Dense layers with one — "
                        "turn its bias on.", "stepper.no_bias", {"layer": number},
                    )
                layers.append(_Dense(part, None, "Linear"))
            elif type(part) in _ACTIVATIONS:
                if not layers or layers[-1].act is not None:
                    raise StepperError(
                        f"Layer {number} is an activation that does not follow a Dense layer; the stepper shows each "
                        "Dense layer with at most one activation after it — remove the extra activation.",
                        "stepper.activation_position", {"layer": number},
                    )
                layers[-1].act, layers[-1].function = part, _ACTIVATIONS[type(part)]
            else:
                raise _not_dense(number, "Softmax before the last layer" if isinstance(part, nn.Softmax) else type(part).__name__)
    if not layers:
        raise StepperError("The model has no Dense layer to step through — add one.", "stepper.no_dense")
    if len(layers) > MAX_LAYERS:
        raise _too_many_layers(len(layers))
    if layers[0].linear.in_features > MAX_INPUTS:
        raise StepperError(
            f"The model takes {layers[0].linear.in_features} inputs; the stepper shows at most {MAX_INPUTS} — "
            "use a toy dataset of 2-D points.", "stepper.too_many_inputs",
            {"inputs": layers[0].linear.in_features, "limit": MAX_INPUTS},
        )
    for number, layer in enumerate(layers, start=1):
        if layer.linear.out_features > MAX_UNITS:
            raise _too_many_units(number, layer.linear.out_features)
    return layers


def _floats(t: torch.Tensor) -> list[float]:
    return [float(v) for v in t.detach().reshape(-1).tolist()]


# --------------------------------------------------------------------------- the stepper


class Stepper:
    """Steps a run config's model through its training batches phase by phase (module docstring).
    `sample` picks the sample of each batch whose numbers the neuron formulas show."""

    def __init__(self, config: "RunConfig", dataset: "Dataset | None" = None, *, sample: int = 0,
                 data_dir: str | None = None):
        from playground.core.model.build import weight_parameters
        from playground.core.training.device import resolve_device
        from playground.core.training.loop import _checked, _new_state, _split_validation, _training_loss

        config.validate()
        check_spec(config.model)
        if config.train.frozen_layers:
            raise StepperError(
                "The stepper shows every layer learning, but this run freezes layers "
                f"{', '.join(str(i) for i in config.train.frozen_layers)} — unfreeze them (train.frozen_layers).",
                "stepper.frozen", {"layers": ", ".join(str(i) for i in config.train.frozen_layers)},
            )
        config, dataset, loss_fn = _checked(config, dataset, data_dir)
        train = config.train
        self.config, self.dataset, self.loss_fn = config, dataset, loss_fn
        self.train_loss_fn = _training_loss(loss_fn, train.label_smoothing)
        self.classification = dataset.task == "classification"
        kind = "cross_entropy" if train.loss == "auto" and self.classification else train.loss
        self.loss_kind = "mse" if not self.classification else ("cross_entropy" if kind == "cross_entropy" else "mse_probabilities")
        device = resolve_device("cpu")
        torch.manual_seed(train.seed)  # as fit: the initial weights are the run's
        if dataset.x_val is not None:
            split = (dataset.x_train, dataset.y_train, dataset.x_val, dataset.y_val)
        else:
            split = _split_validation(dataset.x_train, dataset.y_train, config.data.val_split, train.seed)
        self.x_train, self.y_train, self.x_val, self.y_val = split
        self.state = _new_state(config, dataset, device, len(self.x_train), len(self.x_val), None)
        self.layers = check_model(self.state.model)
        self.penalized = weight_parameters(self.model) if (config.regularization.l1 or config.regularization.l2) else []
        self.sample = sample
        self.epoch, self.batch, self.steps = 1, 0, 0  # the next batch is self.batch + 1 of self.epoch
        self._perm: torch.Tensor | None = None
        self._meter: EpochMeter | None = None
        self.record: StepRecord | None = None
        self._graph: dict[str, Any] = {}

    @property
    def model(self) -> nn.Module:
        return self.state.model

    @property
    def optimizer(self) -> torch.optim.Optimizer:
        return self.state.optimizer

    @property
    def phase(self) -> str:
        """The last phase done of the current step ("" before its forward; "update": step done)."""
        return self.record.phase if self.record is not None else ""

    # ----------------------------------------------------------------- data position

    def _next_batch(self) -> tuple[torch.Tensor, torch.Tensor]:
        s = self.state
        if self._perm is None:  # an epoch starts: fit's shuffle, from the same generator
            self._perm = torch.randperm(s.n_train, generator=s.generators["shuffle"])
            self._meter = EpochMeter(self.y_train[self._perm], self.classification, s.device)
        lo, hi = self.batch * s.batch_size, min((self.batch + 1) * s.batch_size, s.n_train)
        index = self._perm[lo:hi]
        return self.x_train[index], self.y_train[index]

    def _batch_done(self, loss: torch.Tensor, out: torch.Tensor) -> None:
        self.state.schedule.on_batch_end()
        self._meter.add(loss.detach(), out.detach(), len(out))
        if self.state.initial_loss is None:
            self.state.initial_loss = float(loss.detach())
        self.batch += 1
        self.steps += 1

    @property
    def at_epoch_end(self) -> bool:
        """No step half done and the epoch's batches all trained (or none begun)."""
        return self.phase in ("", "update") and self._perm is None

    # ----------------------------------------------------------------- phases

    def next_phase(self) -> StepRecord:
        """Do the next phase (forward, loss, backward, update; after an update the next batch's
        forward) and return the step's record so far."""
        if self.phase in ("", "update"):
            self._forward()
        elif self.phase == "forward":
            self._loss()
        elif self.phase == "loss":
            self._backward()
        else:
            self._update()
        return self.record

    def step(self) -> StepRecord:
        """The rest of the current step, or a whole new one: its record with every phase."""
        self.next_phase()
        while self.phase != "update":
            self.next_phase()
        return self.record

    def _forward(self) -> None:
        xb, yb = self._next_batch()
        n = len(xb)
        sample = min(self.sample, n - 1)
        targets = _floats(yb) if self.classification else [_floats(t) for t in yb]
        rec = StepRecord(self.steps + 1, self.epoch, self.batch + 1, self.state.batches_per_epoch, sample + 1,
                         [_floats(x) for x in xb], [int(t) for t in targets] if self.classification else targets)
        captured: dict[tuple[int, str], torch.Tensor] = {}

        def keep(key):
            def hook(module, args, output):
                output.retain_grad()
                captured[key] = output
            return hook

        hooks = [self.layers[0].linear.register_forward_pre_hook(lambda m, args: captured.__setitem__((0, "a"), args[0]))]
        for l, layer in enumerate(self.layers, start=1):
            hooks.append(layer.linear.register_forward_hook(keep((l, "z"))))
            if layer.act is not None:
                hooks.append(layer.act.register_forward_hook(keep((l, "a"))))
        self.model.train()
        try:
            out = self.model(xb)
        finally:
            for h in hooks:
                h.remove()
        out.retain_grad()
        inputs = captured[(0, "a")].detach()
        rec.neurons = [[NeuronRecord(0, i + 1, "input", _floats(inputs[:, i]), _floats(inputs[:, i]))
                        for i in range(inputs.shape[1])]]
        rec.links = [[]]
        zs, acts = [], []
        for l, layer in enumerate(self.layers, start=1):
            z = captured[(l, "z")]
            a = captured.get((l, "a"), z)
            zs.append(z)
            acts.append(a)
            w, b = layer.linear.weight.detach(), layer.linear.bias.detach()
            prev = rec.neurons[l - 1]
            units = []
            for j in range(z.shape[1]):
                nr = NeuronRecord(l, j + 1, layer.function, _floats(z[:, j]), _floats(a[:, j]))
                nr.formulas["z"] = z_formula(l, j + 1, _floats(w[j]), [p.a[sample] for p in prev], float(b[j]), nr.z[sample])
                nr.formulas["a"] = activation_formula(l, j + 1, layer.function, nr.z[sample], nr.a[sample])
                units.append(nr)
            rec.neurons.append(units)
            rec.links.append(
                [LinkRecord(l, j + 1, i + 1, float(w[j, i])) for j in range(w.shape[0]) for i in range(w.shape[1])]
                + [LinkRecord(l, j + 1, None, float(b[j])) for j in range(w.shape[0])]
            )
        rec.phase = "forward"
        self.record, self._graph = rec, {"x": xb, "y": yb, "out": out, "z": zs, "a": acts}

    def _loss(self) -> None:
        rec, g = self.record, self._graph
        out, yb = g["out"], g["y"]
        loss = self.train_loss_fn(out, yb)
        total = loss
        reg = self.config.regularization
        if self.penalized:
            if reg.l1:
                total = total + reg.l1 * sum(w.abs().sum() for w in self.penalized)
            if reg.l2:
                total = total + 0.5 * reg.l2 * sum(w.pow(2).sum() for w in self.penalized)
        with torch.no_grad():
            rec.losses = [float(self.train_loss_fn(out[i : i + 1], yb[i : i + 1])) for i in range(len(out))]
        rec.loss, rec.loss_kind = float(loss.detach()), self.loss_kind
        rec.formulas["loss"] = loss_formula(self.loss_kind, rec.losses, rec.loss)
        # ∂L/∂(output): autograd's, without keeping the graph from the next phase's backward
        (dout,) = torch.autograd.grad(loss, out, retain_graph=True)
        rec.dout = [_floats(row) for row in dout]
        g.update(loss=loss, total=total, dout=dout)
        rec.phase = "loss"

    def _backward(self) -> None:
        rec, g = self.record, self._graph
        self.optimizer.zero_grad(set_to_none=True)
        for t in [g["out"], *g["z"], *g["a"]]:  # the loss phase's autograd.grad filled the retained grads
            t.grad = None
        g["total"].backward()
        reg = self.config.regularization
        s, n, last = rec.sample - 1, len(g["out"]), len(self.layers)
        target = self._targets(g)
        for l in range(last, 0, -1):
            layer = self.layers[l - 1]
            z = g["z"][l - 1]
            fprime = self._fprime(layer, z)
            for j, nr in enumerate(rec.neurons[l]):
                nr.delta, nr.fprime = _floats(z.grad[:, j]), _floats(fprime[:, j])
                if l == last:
                    dout = rec.dout[s][j]
                    nr.formulas["dout"] = self._dout_formula(j, s, n, target)
                    nr.formulas["delta"] = delta_formula(l, j + 1, layer.function, nr.fprime[s], nr.delta[s],
                                                         z=nr.z[s], a=nr.a[s], dout=dout)
                else:
                    above = self.layers[l].linear.weight.detach()
                    back = [(float(above[k, j]), rec.neurons[l + 1][k].delta[s]) for k in range(above.shape[0])]
                    nr.formulas["delta"] = delta_formula(l, j + 1, layer.function, nr.fprime[s], nr.delta[s],
                                                         z=nr.z[s], a=nr.a[s], back=back, next_layer=l + 1)
                rec.backward_order.append(("delta", l, j + 1))
            wgrad, bgrad = layer.linear.weight.grad, layer.linear.bias.grad
            penalized = any(layer.linear.weight is p for p in self.penalized)
            l1, l2 = (reg.l1, reg.l2) if penalized else (0.0, 0.0)
            for link in rec.links[l]:
                j = link.unit - 1
                deltas = rec.neurons[l][j].delta
                if link.source is None:
                    link.grad = float(bgrad[j])
                    link.formulas["grad"] = bias_grad_formula(l, link.unit, deltas, link.grad)
                else:
                    link.grad = float(wgrad[j, link.source - 1])
                    link.formulas["grad"] = weight_grad_formula(
                        l, link.unit, link.source, deltas, rec.neurons[l - 1][link.source - 1].a, link.grad,
                        weight=link.weight, l1=l1, l2=l2,
                    )
                rec.backward_order.append(("grad", link.name))
        if reg.grad_clip:  # after reading ∂L/∂w: the update phase shows the clipped gradient it steps with
            params = [p for p in self.model.parameters() if p.grad is not None]
            norm = float(nn.utils.clip_grad_norm_(params, reg.grad_clip))
            rec.clip_scale = min(1.0, reg.grad_clip / (norm + 1e-6))
        rec.phase = "backward"

    def _targets(self, g) -> torch.Tensor:
        out, yb = g["out"].detach(), g["y"]
        if not self.classification:
            return yb.reshape(out.shape).to(out.dtype)
        k = out.shape[1]
        t = nn.functional.one_hot(yb, k).to(out.dtype)
        smoothing = self.config.train.label_smoothing
        return t * (1 - smoothing) + smoothing / k if smoothing else t

    def _dout_formula(self, j: int, s: int, n: int, target: torch.Tensor) -> Formula:
        out = self._graph["out"].detach()
        k = out.shape[1]
        a, t, grad = float(out[s, j]), float(target[s, j]), self.record.dout[s][j]
        if self.loss_kind == "mse":
            return dout_formula("mse", j + 1, n, k, a, a, t, grad)
        p = torch.softmax(out[s], 0)
        dot = 0.0
        if self.loss_kind == "mse_probabilities":
            gk = 2 * (p - target[s]) / (n * k)
            dot = float((gk * p).sum())
        return dout_formula(self.loss_kind, j + 1, n, k, a, float(p[j]), t, grad, dot)

    @staticmethod
    def _fprime(layer: _Dense, z: torch.Tensor) -> torch.Tensor:
        """f'(z) of the layer's activation, elementwise, by autograd on the module itself."""
        if layer.act is None:
            return torch.ones_like(z)
        zc = z.detach().clone().requires_grad_(True)
        (grad,) = torch.autograd.grad(layer.act(zc).sum(), zc)
        return grad

    def _update(self) -> None:
        rec, g = self.record, self._graph
        opt = self.optimizer
        name = self.config.optimizer.name
        before = {id(p): copy.deepcopy({k: v for k, v in opt.state[p].items()}) for l in self.layers
                  for p in (l.linear.weight, l.linear.bias)}
        weights = {id(p): p.detach().clone() for l in self.layers for p in (l.linear.weight, l.linear.bias)}
        grads = {id(p): (p.grad.detach().clone() if p.grad is not None else None)
                 for l in self.layers for p in (l.linear.weight, l.linear.bias)}
        opt.step()
        hyper = self._hyper()
        for l, layer in enumerate(self.layers, start=1):
            for link in rec.links[l]:
                p = layer.linear.bias if link.source is None else layer.linear.weight
                index = (link.unit - 1,) if link.source is None else (link.unit - 1, link.source - 1)
                group = next(gr for gr in opt.param_groups if any(q is p for q in gr["params"]))
                lr = float(group["lr"])
                link.after = float(p.detach()[index])
                link.change = link.after - float(weights[id(p)][index])
                grad = grads[id(p)]
                if grad is None:  # a frozen layer: no gradient, no step
                    continue
                link.state = _state_at(opt.state[p], before[id(p)], index, hyper, weights[id(p)])
                link.formulas["update"] = update_formula(
                    name, link.name, float(grad[index]), lr, link.change, link.state, hyper
                )
        rec.optimizer, rec.lr = name, float(opt.param_groups[0]["lr"])
        self._batch_done(g["loss"], g["out"])
        rec.phase = "update"
        self._graph = {}
        if self.batch >= self.state.batches_per_epoch:
            self._end_epoch()

    def _hyper(self) -> dict[str, float]:
        group = self.optimizer.param_groups[0]
        hyper: dict[str, float] = {}
        if "betas" in group:
            hyper["beta1"], hyper["beta2"] = (float(b) for b in group["betas"])
        for key in ("momentum", "alpha", "eps", "weight_decay"):
            if key in group and not isinstance(group[key], bool):
                hyper[key] = float(group[key])
        return hyper

    # ----------------------------------------------------------------- normal training

    def run(self, batches: int) -> None:
        """Train `batches` more batches the way fit does (loop.train_step), without recording;
        a step half done is finished first."""
        from playground.core.training.loop import train_step

        if self.phase not in ("", "update"):
            self.step()
            batches -= 1
        for _ in range(max(0, batches)):
            xb, yb = self._next_batch()
            loss, out = train_step(self.model, self.optimizer, self.train_loss_fn, xb, yb,
                                   self.config.regularization, self.penalized)
            self._batch_done(loss, out)
            if self.batch >= self.state.batches_per_epoch:
                self._end_epoch()

    def finish_epoch(self) -> None:
        """Train the rest of the current epoch (nothing at an epoch's end)."""
        if self.phase not in ("", "update"):
            self.step()  # may end the epoch
        if self._perm is not None:
            self.run(self.state.batches_per_epoch - self.batch)

    def _end_epoch(self) -> None:
        """As fit ends an epoch: the validation loss, the schedule's epoch step, the epoch's log."""
        from playground.core.training.loop import evaluate

        s = self.state
        val_loss = val_acc = None
        if s.n_val:
            val_loss, val_acc = evaluate(self.model, self.x_val, self.y_val, self.loss_fn, s.task)
        s.schedule.on_epoch_end(val_loss)
        meter = self._meter
        s.history.append(EpochLogs(
            epoch=self.epoch, loss=meter.loss(), accuracy=meter.accuracy(), val_loss=val_loss, val_accuracy=val_acc,
            lr=self.optimizer.param_groups[0]["lr"], seconds=0.0, samples_per_second=0.0,
        ))
        self.epoch, self.batch, self._perm, self._meter = self.epoch + 1, 0, None, None
        self.model.train()

    def handoff(self) -> Handoff:
        """What `fit(self.config, resume=…)` continues from: this model, optimizer, schedule,
        shuffle generator and epoch log. Only between epochs (`finish_epoch()` first)."""
        if not self.at_epoch_end:
            raise StepperError(
                f"The stepper is in epoch {self.epoch}, batch {self.batch} of {self.state.batches_per_epoch}: normal "
                "training continues from the end of an epoch — finish the epoch first.",
                "stepper.mid_epoch", {"epoch": self.epoch, "batch": self.batch, "batches": self.state.batches_per_epoch},
            )
        s = self.state
        return Handoff(
            epoch=self.epoch,
            model={k: v.detach().clone() for k, v in self.model.state_dict().items()},
            optimizer=copy.deepcopy(self.optimizer.state_dict()),
            schedule=copy.deepcopy(s.schedule.state_dict()),
            generators={k: g.get_state() for k, g in s.generators.items()},
            history=list(s.history),
            initial_loss=s.initial_loss,
        )

    @classmethod
    def take_back(cls, config: "RunConfig", capture: TakeBack, dataset: "Dataset | None" = None, **kw) -> "Stepper":
        """A stepper that goes on where the fit run `capture` watched ended (its next epoch)."""
        if capture.handoff is None:
            raise StepperError("The training run has not ended yet: take it back once it has.", "stepper.not_ended")
        stepper = cls(config, dataset, **kw)
        capture.handoff.restore(stepper.state)
        stepper.epoch = capture.handoff.epoch
        return stepper


def _state_at(state: dict, before: dict, index: tuple, hyper: dict, weight: torch.Tensor) -> dict[str, float]:
    """The optimizer's state of one value after the step (and before it, `…_before`), by the
    names the formulas use; Adam's bias-corrected m̂ and v̂ computed from m, v and the step."""
    names = {"momentum_buffer": "velocity", "sum": "sum", "square_avg": "square_avg", "exp_avg": "m",
             "exp_avg_sq": "v", "max_exp_avg_sq": "v_max"}
    out: dict[str, float] = {}
    for key, value in state.items():
        if key == "step":
            out["step"] = float(value)
        elif key in names and isinstance(value, torch.Tensor):
            out[names[key]] = float(value[index])
            old = before.get(key)
            if isinstance(old, torch.Tensor):
                out[names[key] + "_before"] = float(old[index])
    if "m" in out and "v" in out and "step" in out and "beta1" in hyper:
        t = out["step"]
        out["m_hat"] = out["m"] / (1 - hyper["beta1"] ** t)
        out["v_hat"] = out["v"] / (1 - hyper["beta2"] ** t)
    out["weight_before"] = float(weight[index])
    return out
