"""What the per-epoch checkpoint costs: write time per checkpoint and its share of an epoch.

Trains a preset (default `cnn`) on the first `--limit` training samples of a dataset for
`--epochs` epochs with the `Checkpoint` callback and reports each write's time (torch.save
of last.pt and best.pt plus run.json, each fsynced and renamed), the files' sizes, the
epoch time, and the write time as a share of a full-size epoch (the measured samples/s
applied to the whole training split).

    python benchmarks/checkpoint_cost.py --preset cnn --dataset fashion-mnist --limit 6000 --epochs 3
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from playground.core.training.checkpoint import Checkpoint
from playground.core.data.dataset import Dataset
from playground.core.data.registry import load_dataset
from playground.core.config.presets import load_preset
from playground.core.training.loop import fit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--preset", default="cnn")
    parser.add_argument("--dataset", default="fashion-mnist")
    parser.add_argument("--limit", type=int, default=6000, help="train on this many samples (0: all)")
    parser.add_argument("--epochs", type=int, default=3)
    args = parser.parse_args()

    cfg = load_preset(args.preset).with_overrides(**{"train.epochs": args.epochs, "train.device": "cpu"})
    full = load_dataset(args.dataset)
    n = args.limit or len(full.x_train)
    data = Dataset(
        full.name, full.task, full.x_train[:n], full.y_train[:n], full.x_test[:1000], full.y_test[:1000],
        full.class_names, full.mean, full.std,
    )
    cfg = cfg.replace(data=cfg.data.__class__(full.name, {}, cfg.data.val_split, cfg.data.augment))
    with tempfile.TemporaryDirectory() as tmp:
        run_dir = Path(tmp) / "run"
        checkpoint = Checkpoint(run_dir, max_share=float("inf"))  # write every epoch, as full-size epochs do
        result = fit(cfg, data, callbacks=[checkpoint])
        sizes = {p.name: p.stat().st_size for p in run_dir.iterdir()}
    writes = checkpoint.write_seconds
    epoch_s = statistics.median(h.seconds for h in result.history)
    rate = statistics.median(h.samples_per_second for h in result.history)
    full_train = len(full.x_train) * (1 - cfg.data.val_split)
    full_epoch_s = full_train / rate
    median_write = statistics.median(writes)
    print(f"preset {args.preset} on {args.dataset}[:{n}], {args.epochs} epochs, CPU")
    print("checkpoint writes (s): " + ", ".join(f"{w:.3f}" for w in writes))
    print("files (bytes): " + ", ".join(f"{k} {v:,}" for k, v in sorted(sizes.items())))
    print(f"epoch on {n} samples: {epoch_s:.2f} s ({rate:,.0f} samples/s)")
    print(
        f"median write {median_write * 1000:.0f} ms = {median_write / epoch_s:.2%} of this epoch, "
        f"{median_write / full_epoch_s:.2%} of a full {full_train:,.0f}-sample epoch (~{full_epoch_s:.1f} s)"
    )


if __name__ == "__main__":
    main()
