"""Head-only transfer learning on a frozen pretrained backbone: the features computed once,
then the head trained on them, against running the frozen backbone in every step (the same
fit, the cache turned off), in one run.

No weights can be downloaded here, so a ResNet-18 with random weights and torchvision's keys
stands in for the ImageNet file (put where the download would put it; the time is the same).
The pictures are generated: `--images` colour pictures of 32×32 in 2 classes, resized by the
model to `--size`.

    python benchmarks/backbone_transfer.py --images 1000 --size 224 --epochs 3
    python benchmarks/backbone_transfer.py --images 1000 --size 112 --epochs 3 --baseline-epochs 1
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playground.core.config.spec import RunConfig  # noqa: E402
from playground.core.data.dataset import Dataset  # noqa: E402


def _dataset(n: int, seed: int = 0) -> Dataset:
    g = torch.Generator().manual_seed(seed)
    y = torch.arange(n) % 2
    base = torch.tensor([[0.8, 0.25, 0.15], [0.15, 0.3, 0.8]])[y].reshape(n, 3, 1, 1)
    x = (base + 0.15 * torch.randn(n, 3, 32, 32, generator=g)).clamp(0, 1)
    n_test = n // 10
    return Dataset(
        "generated", "classification", x[n_test:], y[n_test:], x[:n_test], y[:n_test], ["red", "blue"],
        (0.5, 0.5, 0.5), (0.25, 0.25, 0.25),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--images", type=int, default=1000)
    parser.add_argument("--size", type=int, default=224, choices=[224, 160, 112, 64])
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--baseline-epochs", type=int, default=1, help="epochs of the backbone-every-step run (0: skip)")
    parser.add_argument("--threads", type=int, default=0, help="torch threads (0: torch's default)")
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)

    folder = Path(tempfile.mkdtemp(prefix="backbone-bench-"))
    os.environ["PLAYGROUND_WEIGHTS_DIR"] = str(folder)
    os.environ["TORCH_HOME"] = str(folder / "torch")
    from playground.core.model.backbones import ResNet18

    torch.manual_seed(0)
    torch.save(ResNet18().state_dict(), folder / "resnet18-f37072fd.pth")

    import playground.core.training.loop as loop
    from playground.core.experiments.transfer import backbone_model, start_from_backbone, start_state
    from playground.core.training.backbone_cache import clear_cache

    dataset = _dataset(args.images)
    start = start_from_backbone("resnet18", size=args.size)
    config = RunConfig.from_dict({
        "name": "bench", "data": {"name": "generated", "val_split": 0.1},
        "model": backbone_model(start, 2).with_input_shape(dataset.input_shape).to_dict(),
        "optimizer": {"name": "adam", "lr": 0.001}, "train": {"epochs": args.epochs, "batch_size": 32, "device": "cpu"},
    })
    initial, _ = start_state(config, dataset, start.state_dict, start.label)
    extraction = []
    real = loop.cached_features

    def timed(*a, **k):
        t = time.perf_counter()
        out = real(*a, **k)
        extraction.append(time.perf_counter() - t)
        return out

    loop.cached_features = timed
    t0 = time.perf_counter()
    cached = loop.fit(config, dataset, initial_state=initial)
    total = time.perf_counter() - t0
    head_epochs = [h.seconds for h in cached.history]
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads; {args.images} pictures 3×32×32 -> "
          f"{args.size}×{args.size}, ResNet-18 (random weights standing in for ImageNet's), head Dense(2)")
    print(f"cached: features of train+val+test extracted once in {sum(extraction):.1f} s "
          f"({', '.join(f'{t:.1f}' for t in extraction)} s); head epochs "
          f"{', '.join(f'{t:.3f}' for t in head_epochs)} s; whole fit {total:.1f} s; test accuracy {cached.test_accuracy:.3f}")
    if args.baseline_epochs:
        clear_cache()
        loop.frozen_backbone = lambda model, augmenting: None
        every = loop.fit(config.with_overrides(**{"train.epochs": args.baseline_epochs}), dataset, initial_state=initial)
        per_epoch = sum(h.seconds for h in every.history) / len(every.history)
        print(f"backbone every step: {per_epoch:.1f} s per epoch (train + validation); "
              f"cached head epoch is {per_epoch / (sum(head_epochs) / len(head_epochs)):.0f}x faster; "
              f"extraction once = {sum(extraction) / per_epoch:.2f} of one such epoch")


if __name__ == "__main__":
    main()
