"""The optimizer lesson (core.experiments.lessons.LESSONS["optimizers"]) on Fashion-MNIST: final accuracies
and training time of each of the eight optimizers, all from the same initial weights and data
order (an MLP 784-100-100-10, each optimizer at its default learning rate, batch 32 as in the
lesson; --batch-size changes it, e.g. 128 as the lesson had before RAdam's warm-up needed
more steps).

    python benchmarks/optimizer_lesson.py                       # 1 epoch each, full Fashion-MNIST
    python benchmarks/optimizer_lesson.py --epochs 3 --train-samples 10000 --json out.json
    python benchmarks/optimizer_lesson.py --dataset mnist-5k --epochs 5   # the lesson as the app runs it

Timings depend on the machine and on what else runs on it; the script prints the torch
version and thread count with the table.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time

import torch

from playground.core.experiments.compare import ComparisonCallback, run_comparison
from playground.core.experiments.lessons import lesson
from playground.core.data.registry import load_dataset


class Progress(ComparisonCallback):
    def on_variant_start(self, index, variant):
        print(f"  {variant.name} ...", file=sys.stderr, flush=True)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--dataset", default="fashion-mnist")
    p.add_argument("--epochs", type=int, default=1)
    p.add_argument("--train-samples", type=int, help="train on a random subset of this size (default: all)")
    p.add_argument("--batch-size", type=int, help="batch size (default: the lesson's own, 32)")
    p.add_argument("--device", default="cpu")
    p.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    args = p.parse_args()

    start = time.perf_counter()
    data = load_dataset(args.dataset)
    comparison = lesson("optimizers", dataset=args.dataset, epochs=args.epochs, device=args.device)
    if args.train_samples:
        n_val = int(args.train_samples * 0.1)
        comparison = dataclasses.replace(comparison, train_samples=args.train_samples - n_val, val_samples=n_val)
    if args.batch_size:
        comparison = comparison.with_overrides(**{"train.batch_size": args.batch_size})
    batch_size = comparison.variants[0].config.train.batch_size
    print(
        f"{args.dataset}: {len(data.x_train)} train / {len(data.x_test)} test; {args.epochs} epoch(s) per optimizer, batch {batch_size}; "
        f"torch {torch.__version__}, {torch.get_num_threads()} threads, device {args.device}",
        flush=True,
    )
    result = run_comparison(comparison, data, callbacks=[Progress()])
    print(result.table())
    print(f"total wall time {time.perf_counter() - start:.1f} s")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(result.to_dict(), f, indent=2)


if __name__ == "__main__":
    main()
