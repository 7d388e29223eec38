"""Time the loss landscape (core.experiments.landscape.landscape_of) on this computer: a 41×41
grid around a preset's trained weights, on N training samples. Training is not timed.

    python benchmarks/landscape.py xor-mlp
    python benchmarks/landscape.py cnn --samples 2000 --epochs 1
    python benchmarks/landscape.py cnn --samples 2000 --grid 11 --layouts   # channels-last against contiguous
    python benchmarks/landscape.py xor-mlp --threads                         # torch's threads against one

cnn trains on the offline mnist-5k sample when its dataset (mnist) is not on this computer
(nothing is downloaded). Figures in docs/performance.md.
"""

from __future__ import annotations

import argparse
import time

import torch

from playground.core.config.presets import load_run_config
from playground.core.experiments.gradcheck import gradcheck_data
from playground.core.experiments import landscape
from playground.core.experiments.landscape import GRID, landscape_of
from playground.core.training.loop import fit


def trained_params(trained) -> int:
    return sum(t.numel() for k, t in trained.state_dict.items() if not k.startswith("input_") and "running" not in k and "num_batches" not in k)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("preset")
    parser.add_argument("--samples", type=int, default=2000)
    parser.add_argument("--grid", type=int, default=GRID)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--dataset")
    parser.add_argument("--layouts", action="store_true", help="time contiguous, then channels-last (conv models)")
    parser.add_argument("--threads", action="store_true", help="time torch's own threads, then one thread (small models)")
    args = parser.parse_args()
    cfg = load_run_config(args.preset, preset_only=True).with_overrides(**{"train.epochs": args.epochs, "train.device": "cpu"})
    if args.dataset:
        cfg = cfg.with_overrides(**{"data.name": args.dataset})
    dataset, note = gradcheck_data(cfg)
    print(f"{args.preset} on {dataset.name} ({note or 'its own dataset'}); torch threads {torch.get_num_threads()}")
    trained = fit(cfg, dataset).model
    small = landscape.SMALL_WORK
    runs = [(False, small), (True, small)] if args.layouts else [(True, 0), (True, small)] if args.threads else [(True, small)]
    for channels_last, small_work in runs:
        landscape.CHANNELS_LAST, landscape.SMALL_WORK = channels_last, small_work
        start = time.perf_counter()
        land = landscape_of(trained, dataset, grid=args.grid, samples=args.samples)
        seconds = time.perf_counter() - start
        points = land.losses.size
        print(
            f"{args.grid}×{args.grid} grid, {land.samples} samples, {('channels-last, ' if channels_last else 'contiguous, ') if args.layouts else ''}"
            f"{'one thread' if trained_params(trained) * land.samples < small_work else f'{torch.get_num_threads()} threads'}: "
            f"{seconds:.1f} s ({seconds / points * 1000:.1f} ms a point, {land.samples * points / seconds:,.0f} samples/s)"
        )


if __name__ == "__main__":
    main()
