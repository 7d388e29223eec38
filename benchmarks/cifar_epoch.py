"""Time per epoch of a small CNN and a small ResNet on CIFAR-10-shaped data (3×32×32, 10 classes) on the CPU.

    python benchmarks/cifar_epoch.py                    # 10,000 generated images, scaled to 50,000
    python benchmarks/cifar_epoch.py --images 50000     # the full training set's size
    python benchmarks/cifar_epoch.py --real             # the downloaded CIFAR-10 (where it can be downloaded)

Without --real the images are a GENERATED STAND-IN (random pixels with a per-class colour
tint), not CIFAR-10: the timing depends on the tensors' shapes, not on what they show. The
baseline, measured in the same run, is the same CNN on MNIST-shaped stand-in images (1×28×28)
of the same count, so the ratio says what colour 32×32 input costs over grey 28×28. Each
configuration trains --epochs epochs (validation split 0.1, as the presets); the median
time of the epochs after the first (warm-up) is reported, and per 50,000 images when fewer
were timed.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import time

import numpy as np
import torch

from playground.core.config.presets import load_preset
from playground.core.config.spec import AugmentConfig
from playground.core.data.dataset import image_dataset
from playground.core.training.callbacks import Callback
from playground.core.training.loop import fit

FULL = 50_000


class EpochTimer(Callback):
    def __init__(self):
        self.times: list[float] = []
        self._start = 0.0

    def on_fit_start(self, state) -> None:
        self._start = time.perf_counter()

    def on_epoch_end(self, state, logs) -> None:  # an epoch: its batches and its validation
        now = time.perf_counter()
        self.times.append(now - self._start)
        self._start = now


def stand_in(count: int, shape: tuple[int, int, int], seed: int = 0):
    """`count` uint8 images of `shape` (noise tinted by class) and their labels, plus a small test split."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 10, count + 1000)
    tint = rng.integers(0, 128, (10, shape[0], 1, 1))
    images = (rng.integers(0, 128, (count + 1000, *shape)) + tint[labels]).astype(np.uint8)
    return image_dataset("stand-in", [str(c) for c in range(10)], (images[:count], labels[:count]), (images[count:], labels[count:]))


SMALL_RESNET = "stem conv 16, residual blocks 16, 32/2, 64/2, 8×8 average pool, Dense 10; 78,058 parameters"


def small_resnet():
    """A ResNet-8-like net for 32×32 colour pictures, built from the builder's layers."""
    from playground.core.config.model_spec import LayerSpec, ModelSpec

    return ModelSpec((), (
        LayerSpec("Conv2D", {"filters": 16, "kernel": 3, "padding": "same"}), LayerSpec("BatchNorm"), LayerSpec("Activation"),
        LayerSpec("ResidualBlock", {"filters": 16}),
        LayerSpec("ResidualBlock", {"filters": 32, "stride": 2}),
        LayerSpec("ResidualBlock", {"filters": 64, "stride": 2}),
        LayerSpec("AvgPool2D", {"pool": 8}), LayerSpec("Flatten"),
        LayerSpec("Dense", {"units": 10}), LayerSpec("Activation", {"function": "Softmax"}),
    ))  # fmt: skip


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--images", type=int, default=10_000, help="training images timed (default 10,000)")
    p.add_argument("--epochs", type=int, default=3, help="epochs per configuration; the first (warm-up) is not counted")
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--real", action="store_true", help="the downloaded CIFAR-10 instead of the stand-in")
    args = p.parse_args()

    if args.real:
        from playground.core.data.registry import load_dataset

        colour = load_dataset("cifar10")
        colour.x_train, colour.y_train = colour.x_train[: args.images], colour.y_train[: args.images]
    else:
        colour = stand_in(args.images, (3, 32, 32))
    grey = stand_in(args.images, (1, 28, 28))
    print(
        f"{'CIFAR-10' if args.real else 'GENERATED stand-in'}: {args.images:,} training images, torch {torch.__version__}, "
        f"{torch.get_num_threads()} threads, load average {os.getloadavg()[0]:.2f}"
    )
    base = load_preset("cnn").with_overrides(
        **{"train.epochs": args.epochs, "train.batch_size": args.batch_size, "train.device": "cpu"}
    )
    runs = [
        ("cnn preset, 1×28×28 (MNIST-shaped, baseline)", grey, AugmentConfig()),
        (f"small ResNet ({SMALL_RESNET}), 3×32×32", colour, AugmentConfig()),
        ("cnn preset, 3×32×32 (CIFAR-10-shaped)", colour, AugmentConfig()),
        ("3×32×32 + flip, crop 4, saturation 0.3, hue 0.05", colour,
         AugmentConfig(hflip=True, crop=4, saturation=0.3, hue=0.05)),
    ]  # fmt: skip
    rows = []
    for label, data, augment in runs:
        timer = EpochTimer()
        cfg = base.with_overrides(**{"data.name": "cifar10" if data is colour else "mnist"})
        if label.startswith("small ResNet"):
            cfg = cfg.replace(model=small_resnet())
        cfg = dataclasses.replace(cfg, data=dataclasses.replace(cfg.data, augment=augment))
        fit(cfg, data, callbacks=[timer])
        rows.append((label, statistics.median(timer.times[1:] or timer.times)))
    baseline = rows[0][1]
    scale = FULL / args.images
    print(f"\n| configuration | s / epoch ({args.images:,} images) | s / epoch per {FULL:,} | × baseline |")
    print("|---|---|---|---|")
    for label, seconds in rows:
        print(f"| {label} | {seconds:.1f} | {seconds * scale:.0f} | {seconds / baseline:.2f} |")


if __name__ == "__main__":
    main()
