"""Time (and epochs) for each preset to reach a target validation accuracy.

    python benchmarks/time_to_accuracy.py --dataset fashion-mnist --preset cnn:0.90 --preset deep-cnn:0.91
    python benchmarks/time_to_accuracy.py --dataset mnist-5k --preset mlp:0.85 --epochs 20

Each run goes on to its preset's epoch count (or --epochs) unless --stop-at-target; the
table reports the first epoch whose validation accuracy reached the target, the training
time until then, and the final test accuracy.
"""

from __future__ import annotations

import argparse
import time

import torch

from playground.core.data.registry import load_dataset
from playground.core.config.presets import load_preset
from playground.core.training.callbacks import Callback
from playground.core.training.loop import fit


class TargetWatch(Callback):
    def __init__(self, target: float, stop: bool):
        self.target, self.stop = target, stop
        self.reached: tuple[int, float] | None = None
        self.start = 0.0

    def on_fit_start(self, state) -> None:
        self.start = time.perf_counter()

    def on_epoch_end(self, state, logs) -> None:
        if self.reached is None and logs.val_accuracy is not None and logs.val_accuracy >= self.target:
            self.reached = (logs.epoch, time.perf_counter() - self.start)
            if self.stop:
                state.stop_training = True
                state.stop_reason = f"target {self.target:.2%} reached"


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--dataset", default="fashion-mnist")
    p.add_argument("--preset", action="append", required=True, metavar="NAME:TARGET")
    p.add_argument("--epochs", type=int, help="override the presets' epoch counts")
    p.add_argument("--device", default="auto")
    p.add_argument("--stop-at-target", action="store_true")
    args = p.parse_args()

    data = load_dataset(args.dataset)
    print(f"{args.dataset}: {len(data.x_train)} train / {len(data.x_test)} test, torch {torch.__version__}, {torch.get_num_threads()} threads")
    rows = []
    for item in args.preset:
        name, _, target = item.partition(":")
        overrides = {"train.device": args.device}
        if args.epochs:
            overrides["train.epochs"] = args.epochs
        cfg = load_preset(name).with_overrides(**overrides)
        watch = TargetWatch(float(target or 0.9), args.stop_at_target)
        result = fit(cfg, data, callbacks=[watch])
        reached = f"epoch {watch.reached[0]}, {watch.reached[1]:.1f} s" if watch.reached else "not reached"
        rows.append(
            f"| {name} | {result.device} | {float(target):.0%} | {reached} | {result.epochs_completed} | "
            f"{result.train_seconds:.1f} s | {result.samples_per_second:,.0f} | {result.test_accuracy:.2%} |"
        )
        print(rows[-1], flush=True)
    print("\n| preset | device | target (val) | reached | epochs | train time | samples/s | test accuracy |")
    print("|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
