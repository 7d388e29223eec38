"""`playground gradcheck (--preset NAME | --config FILE) [--samples N]`: compare autograd's
gradients with central finite differences in float64 for the parameters of the model a run
config builds, on a few samples of its dataset, as "Deep Learning from Scratch" ch. 5's
gradient_check.py does (core.experiments.gradcheck: the step, the error formula, kinks, modes).

    playground gradcheck --preset cnn
    playground gradcheck --preset xor-mlp --all --json

Exit code 0 when every relative error is below 1e-6, 1 when one is not (the layers named),
2 for bad input.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from playground.cli.common import EXIT_CHECK_FAILED, EXIT_OK, add_data_dir, add_dataset, override, positive

__all__ = ["add_parser", "cmd_gradcheck"]


# core.experiments.gradcheck's settings, written out: importing it here would load torch while
# the parser is built (tests/core/test_layering.py); tests/core/test_gradcheck.py checks they agree.
STEP, FLOOR, TOLERANCE, PER_TENSOR, SAMPLES = 1e-5, 1e-2, 1e-6, 100, 3


def add_parser(sub) -> None:
    gradcheck = sub.add_parser(
        "gradcheck",
        help="check a model's backpropagation: autograd's gradients against numerical ones",
        description="Compare the gradients autograd computes for every parameter tensor of the model a preset or "
        f"config builds with central differences (L(w+h) − L(w−h)) / 2h, h = {STEP:g}, in float64, on the first few "
        "training samples of its dataset, as 'Deep Learning from Scratch' ch. 5's gradient_check.py does. The "
        f"relative error is |a − n| / max(|a|, |n|, {FLOOR:g}); the check passes when every one is below "
        f"{TOLERANCE:g} (exit 0), else it names the layers that are not (exit 1). BatchNorm runs in training mode "
        "on the fixed batch, Dropout in eval mode; a value whose w ± h crosses a ReLU or max-pool kink is skipped. "
        "MNIST-style datasets that are not on this computer are replaced by the offline MNIST sample; nothing is "
        "downloaded.",
    )
    gradcheck.set_defaults(handler=cmd_gradcheck)
    source = gradcheck.add_mutually_exclusive_group(required=True)
    source.add_argument("--preset", metavar="NAME", help="a built-in run config (see 'playground presets')")
    source.add_argument("--config", metavar="FILE", type=Path, help="a JSON run config")
    add_dataset(gradcheck, "check on this dataset instead (see 'playground datasets')")
    gradcheck.add_argument(
        "--samples", type=int, default=SAMPLES, metavar="N",
        help=f"training samples in the batch (default {SAMPLES}, as the book; BatchNorm needs 2 or more)",
    )
    count = gradcheck.add_mutually_exclusive_group()
    count.add_argument(
        "--per-tensor", type=int, default=PER_TENSOR, metavar="K",
        help=f"check at most K values of each weight or bias tensor, drawn at random with the config's seed "
        f"(default {PER_TENSOR})",
    )
    count.add_argument("--all", action="store_true", help="check every value (two forward passes each: slow for large layers)")
    gradcheck.add_argument("--seed", type=int, metavar="N", help="the seed of the initial weights and of the sample (default: the config's)")
    add_data_dir(gradcheck)
    gradcheck.add_argument("--json", action="store_true", help="print the result as JSON instead of the table")


def cmd_gradcheck(args) -> int:
    from tqdm import tqdm

    from playground.core.config.presets import load_run_config
    from playground.core.experiments.gradcheck import gradcheck_config

    positive(args.samples, "--samples")
    if not args.all:
        positive(args.per_tensor, "--per-tensor")
    cfg = load_run_config(args.preset, preset_only=True) if args.preset is not None else load_run_config(args.config)
    cfg = override(cfg, dataset=args.dataset, seed=args.seed)
    with tqdm(total=0, unit="value", file=sys.stderr, disable=None, leave=False, desc="gradcheck") as bar:

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.update(done - bar.n)

        result = gradcheck_config(
            cfg,
            samples=args.samples,
            per_tensor=None if args.all else args.per_tensor,
            data_dir=args.data_dir,
            progress=progress,
        )
    if args.json:
        print(json.dumps({"config": cfg.name or str(args.config), **result.to_dict()}, indent=2))
    else:
        _print_table(cfg.name or str(args.config), result)
    return EXIT_OK if result.passed else EXIT_CHECK_FAILED


def _shape(shape) -> str:
    return "×".join(str(s) for s in shape) or "scalar"


def _print_table(name: str, r) -> None:
    samples = f"{r.samples} training sample{'s' * (r.samples != 1)}"
    print(f"Gradient check of {name} on {r.dataset}: {samples}, float64, the initial weights (seed {r.seed}).")
    if r.note:
        print(f"Note: {r.note}")
    print(
        f"Autograd's gradient a against the central difference n = (L(w+h) − L(w−h)) / 2h, h = {r.step:g}; "
        f"relative error |a − n| / max(|a|, |n|, {r.floor:g}), which passes below {r.tolerance:g} (gradients under "
        f"{r.floor:g} are compared absolutely, since the difference's own rounding noise, 1e-10 to 1e-9, is no "
        "smaller than some of them)."
    )
    if r.batch_norm:
        print(
            "BatchNorm runs in training mode on this fixed batch, so its backward through the batch mean and "
            "variance is checked."
        )
    if r.dropout:
        print("Dropout runs in eval mode: a new random mask at each pass would change the loss between w+h and w−h.")
    print()
    rows = []
    for layer in r.layers:
        rows.append((layer.label, "", "", f"{layer.max_error:.1e}", "ok" if layer.passed else "FAILED"))
        for t in layer.tensors:
            checked = f"{t.checked:,} of {t.size:,}" + (f" ({t.kinks} at a kink)" if t.kinks else "")
            rows.append((f"  {t.name}", _shape(t.shape), checked, f"{t.max_error:.1e}" if t.checked else "—", ""))
    header = ("layer", "shape", "checked", "largest rel. error", "")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(5)]
    for row in [header, *rows]:
        print("  ".join(cell.ljust(w) if i != 3 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths))).rstrip())
    print()
    sampled = (
        "every value" if r.per_tensor is None or r.checked + r.kinks == r.size
        else f"at most {r.per_tensor} values per tensor, drawn with seed {r.seed}; --all checks every one"
    )
    print(f"Checked {r.checked:,} of {r.size:,} parameters ({sampled}).")
    if r.kinks:
        print(
            f"Skipped {r.kinks:,} where w ± h moved a ReLU, LeakyReLU or ELU input across 0 or changed a max-pool "
            "window's largest input (a kink): there the finite difference averages two slopes and is no derivative."
        )
    worst = r.worst
    where = f" ({worst[0].label}, {worst[1].name})" if worst else ""
    if r.passed:
        print(f"Largest relative error {r.max_error:.1e}{where}: all below {r.tolerance:g} — passed.")
        return
    for layer in r.failing:
        t = max(layer.tensors, key=lambda t: t.max_error)
        index = ", ".join(str(i) for i in t.worst_index or ())
        print(
            f"FAILED: {layer.label}: relative error {t.max_error:.1e} at {t.name}[{index}] "
            f"(autograd {t.autograd:.6g}, numerical {t.numerical:.6g}), not below {r.tolerance:g}."
        )
    print(
        "Look at the first failing layer from the output first: backprop runs from the output, and a wrong "
        "backward in a layer without parameters shows in the layers before it."
    )
