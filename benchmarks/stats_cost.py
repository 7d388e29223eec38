"""What `train --stats` costs: training throughput with the layer-statistics recorder against
the same run without it, alternated in one process so that both see the same machine.

Throughput here is training samples per second of wall-clock time around the whole `fit`
(the recorder works at epoch ends, which the run's own samples/s figure leaves out). The
target (issue 12): with the recorder, at least 0.95× the throughput without it. The first and
last epochs are always recorded, so short runs pay more than long ones.

    python benchmarks/stats_cost.py                      # xor-mlp, and mlp on mnist-5k
    python benchmarks/stats_cost.py --runs 5
"""

from __future__ import annotations

import argparse
import statistics
import time

from playground.core.config.presets import load_preset
from playground.core.data.registry import load_dataset
from playground.core.experiments.layer_stats import LayerStatsRecorder
from playground.core.training.loop import fit

CASES = [
    ("xor-mlp", None, {}),
    ("mlp", "mnist-5k", {"train.epochs": 3}),
    ("mlp", "mnist-5k", {"train.epochs": 12}),
    ("cnn", "mnist-5k", {"train.epochs": 1}),
    ("cnn", "mnist-5k", {"train.epochs": 4}),
]


def _samples_per_second(cfg, data, with_stats: bool) -> float:
    callbacks = [LayerStatsRecorder()] if with_stats else []
    start = time.perf_counter()
    result = fit(cfg, data, callbacks=callbacks)
    seconds = time.perf_counter() - start
    return len(data.x_train) * result.epochs_completed / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each kind, alternated")
    args = parser.parse_args()
    print("| preset | data | epochs | without stats (samples/s) | with --stats (samples/s) | ratio |")
    print("|---|---|---|---|---|---|")
    for preset, data_name, overrides in CASES:
        cfg = load_preset(preset)
        if data_name:
            cfg = cfg.with_overrides(**{"data.name": data_name})
        cfg = cfg.with_overrides(**{"train.device": "cpu", **overrides})
        data = load_dataset(cfg.data.name, cfg.data.options)
        _samples_per_second(cfg, data, False)  # warm-up: first-call costs belong to neither
        without, with_ = [], []
        for _ in range(args.runs):
            without.append(_samples_per_second(cfg, data, False))
            with_.append(_samples_per_second(cfg, data, True))
        a, b = statistics.median(without), statistics.median(with_)
        print(f"| {preset} | {cfg.data.name} | {cfg.train.epochs} | {a:,.0f} | {b:,.0f} | {b / a:.3f} |", flush=True)


if __name__ == "__main__":
    main()
