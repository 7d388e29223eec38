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

from callback_cost import compare

from playground.core.experiments.layer_stats import LayerStatsRecorder

CASES = [
    ("xor-mlp", None, {}),
    ("mlp", "mnist-5k", {"train.epochs": 3}),
    ("mlp", "mnist-5k", {"train.epochs": 12}),
    ("cnn", "mnist-5k", {"train.epochs": 1}),
    ("cnn", "mnist-5k", {"train.epochs": 4}),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each kind, alternated")
    args = parser.parse_args()
    compare(CASES, args.runs, lambda cfg: [LayerStatsRecorder()], "without stats", "with --stats",
            spent=lambda made: made[0]._spent)


if __name__ == "__main__":
    main()
