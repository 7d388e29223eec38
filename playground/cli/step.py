"""`playground step (--preset NAME | --config FILE) [--steps N] [--sample K] [--json]`: the backprop
stepper on the command line (core.experiments.stepper): for each training step of a small dense
network, its phases — Forward (each neuron's z and a), Loss (the loss and ∂L/∂output), Backward
(each neuron's δ and each link's ∂L/∂w, in backprop's order) and Update (each weight's change and
the optimizer's state) — with the chain rule written out and the engine's numbers substituted.

    playground step --preset xor-mlp
    playground step --preset perceptron --steps 3 --optimizer momentum --json

Exit code 0, or 2 for bad input (a model beyond the stepper's limits names the limit).
"""

from __future__ import annotations

import json
from pathlib import Path

from playground.cli.common import EXIT_OK, add_data_dir, add_dataset, override, positive

__all__ = ["add_parser", "cmd_step"]

# core.experiments.stepper's limits, written out: importing it here would load torch while the
# parser is built (tests/core/test_layering.py); tests/core/test_stepper.py checks they agree.
MAX_LAYERS, MAX_UNITS, MAX_INPUTS = 4, 8, 8


def add_parser(sub) -> None:
    step = sub.add_parser(
        "step",
        help="step through backpropagation of a small dense network, with the numbers",
        description="Train a small dense network one mini-batch at a time and print each step's phases: Forward "
        "(every neuron's weighted sum z and activation a), Loss (the loss and its derivative by the output), "
        "Backward (every neuron's error signal δ and every link's gradient ∂L/∂w, layer by layer from the output) "
        "and Update (every weight's change under the optimizer, with the optimizer's state: momentum's velocity, "
        "AdaGrad's sum of squares, RMSProp's average, Adam's m, v, m̂ and v̂). The numbers are autograd's and the "
        "optimizer's own, and each comes with its chain-rule formula. Networks of at most "
        f"{MAX_LAYERS} Dense layers of at most {MAX_UNITS} units on at most {MAX_INPUTS} inputs (the toy datasets), "
        "with their activations.",
    )
    step.set_defaults(handler=cmd_step)
    source = step.add_mutually_exclusive_group(required=True)
    source.add_argument("--preset", metavar="NAME", help="a built-in run config (xor-mlp, perceptron)")
    source.add_argument("--config", metavar="FILE", type=Path, help="a JSON run config")
    add_dataset(step, "step on this dataset instead (see 'playground datasets')")
    step.add_argument("--steps", type=int, default=1, metavar="N", help="training steps (mini-batches) to show (default 1)")
    step.add_argument(
        "--sample", type=int, default=1, metavar="K",
        help="the sample of each batch whose numbers the neurons' formulas show (1 = the first; default 1)",
    )
    step.add_argument("--one-sample", action="store_true", help="train on one sample per step (batch size 1)")
    step.add_argument("--optimizer", metavar="NAME", help="another optimizer (sgd, momentum, adagrad, rmsprop, adam, ...)")
    step.add_argument("--lr", type=float, metavar="LR", help="another learning rate")
    step.add_argument("--seed", type=int, metavar="N", help="the seed of the initial weights and the batch order")
    add_data_dir(step)
    step.add_argument("--json", action="store_true", help="print the steps as JSON (every sample's numbers)")


def cmd_step(args) -> int:
    import dataclasses

    from playground.core.config.presets import load_run_config
    from playground.core.experiments.stepper import Stepper

    positive(args.steps, "--steps")
    positive(args.sample, "--sample")
    cfg = load_run_config(args.preset, preset_only=True) if args.preset is not None else load_run_config(args.config)
    cfg = override(cfg, dataset=args.dataset, optimizer=args.optimizer, lr=args.lr, seed=args.seed, device="cpu")
    if args.one_sample:
        cfg = cfg.replace(train=dataclasses.replace(cfg.train, batch_mode="stochastic"))
    stepper = Stepper(cfg, sample=args.sample - 1, data_dir=args.data_dir)
    name = cfg.name or str(args.config)
    records = []
    for _ in range(args.steps):
        record = stepper.step()
        records.append(record.to_dict() if args.json else None)
        if not args.json:
            _print_step(record, stepper.dataset.name)
    if args.json:
        print(json.dumps({"config": name, "dataset": stepper.dataset.name, "steps": records}, indent=2, ensure_ascii=False))
    return EXIT_OK


def _layer_title(record, l: int) -> str:
    units = record.neurons[l]
    if l == 0:
        return f"Input a0 (normalised as the model normalises it, {len(units)} values)"
    function = units[0].function
    return f"Layer {l}: Dense({len(units)})" + ("" if function == "Linear" else f" + {function}")


def _print_step(r, dataset: str) -> None:
    from playground.core.experiments.stepper_formulas import num

    n = len(r.inputs)
    print(f"Step {r.step} — epoch {r.epoch}, batch {r.batch} of {r.batches} on {dataset}: {n} sample{'s' * (n != 1)}; "
          f"the formulas show sample {r.sample} (input {', '.join(num(v) for v in r.inputs[r.sample - 1])}, "
          f"target {r.targets[r.sample - 1]}).")
    s = r.sample - 1
    print("\nForward")
    print(f"  {_layer_title(r, 0)}: " + ", ".join(f"a0[{u.unit}] = {num(u.a[s])}" for u in r.neurons[0]))
    for l in range(1, len(r.neurons)):
        print(f"  {_layer_title(r, l)}")
        for u in r.neurons[l]:
            print(f"    {u.formulas['z'].substituted}")
            print(f"    {u.formulas['a'].substituted}    (batch mean: z {num(u.z_mean)}, a {num(u.a_mean)})")
    print("\nLoss")
    print(f"  {r.formulas['loss'].symbolic}")
    print(f"  {r.formulas['loss'].substituted}")
    for u in r.neurons[-1]:
        print(f"  {u.formulas['dout'].symbolic}:  {u.formulas['dout'].substituted}")
    print("\nBackward (from the output, in the order backprop computes it)")
    by_name = {link.name: link for layer in r.links for link in layer}
    current = None
    for entry in r.backward_order:
        if entry[0] == "delta":
            _, l, j = entry
            if l != current:
                print(f"  {_layer_title(r, l)}")
                current = l
            f = r.neurons[l][j - 1].formulas["delta"]
            print(f"    {f.symbolic}")
            print(f"      {f.substituted}")
        else:
            f = by_name[entry[1]].formulas["grad"]
            print(f"    {f.substituted}")
    if r.clip_scale is not None and r.clip_scale < 1:
        print(f"  Gradient clipping scaled every gradient by {num(r.clip_scale)}.")
    print(f"\nUpdate ({r.optimizer}, η = {r.lr:g})")
    for l in range(1, len(r.links)):
        first = next((k.formulas.get("update") for k in r.links[l] if "update" in k.formulas), None)
        if first is not None:
            print(f"  {_layer_title(r, l)}: {first.symbolic}")
        for link in r.links[l]:
            f = link.formulas.get("update")
            text = f.substituted if f is not None else f"Δ = {num(link.change)} (frozen)"
            print(f"    {link.name}: {num(link.weight)} → {num(link.after)}   {text}")
    print()
