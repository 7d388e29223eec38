"""What `train --tensorboard DIR` costs: training throughput with the TensorBoard logger against
the same run without it, alternated in one process so that both see the same machine.

Throughput here is training samples per second of wall-clock time around the whole `fit`
(the logger works at epoch ends: the scalars, and the layer histograms of the probe batch that
core.experiments.layer_stats measures within its time budget). Each logged run writes into a
new folder of a temporary directory, removed at the end.

    python benchmarks/tensorboard_cost.py                 # xor-mlp, mlp and cnn on mnist-5k
    python benchmarks/tensorboard_cost.py --runs 5
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time

from playground.core.config.presets import load_preset
from playground.core.data.registry import load_dataset
from playground.core.experiments.tensorboard import TensorBoardLogger, run_folder
from playground.core.training.loop import fit

CASES = [
    ("xor-mlp", None, {}),
    ("mlp", "mnist-5k", {"train.epochs": 5}),
    ("cnn", "mnist-5k", {"train.epochs": 2}),
]


def _samples_per_second(cfg, data, log_dir: str | None) -> float:
    callbacks = [TensorBoardLogger(run_folder(log_dir, cfg.name))] if log_dir else []
    start = time.perf_counter()
    result = fit(cfg, data, callbacks=callbacks)
    seconds = time.perf_counter() - start
    return len(data.x_train) * result.epochs_completed / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each kind, alternated")
    args = parser.parse_args()
    print("| preset | data | epochs | without (samples/s) | with --tensorboard (samples/s) | ratio |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as log_dir:
        for preset, data_name, overrides in CASES:
            cfg = load_preset(preset)
            if data_name:
                cfg = cfg.with_overrides(**{"data.name": data_name})
            cfg = cfg.with_overrides(**{"train.device": "cpu", **overrides})
            data = load_dataset(cfg.data.name, cfg.data.options)
            _samples_per_second(cfg, data, None)  # warm-up: first-call costs belong to neither
            _samples_per_second(cfg, data, log_dir)
            without, with_ = [], []
            for _ in range(args.runs):
                without.append(_samples_per_second(cfg, data, None))
                with_.append(_samples_per_second(cfg, data, log_dir))
            a, b = statistics.median(without), statistics.median(with_)
            print(f"| {preset} | {cfg.data.name} | {cfg.train.epochs} | {a:,.0f} | {b:,.0f} | {b / a:.3f} |", flush=True)


if __name__ == "__main__":
    main()
