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
import tempfile

from callback_cost import compare

from playground.core.experiments.tensorboard import TensorBoardLogger, run_folder

CASES = [
    ("xor-mlp", None, {}),
    ("mlp", "mnist-5k", {"train.epochs": 5}),
    ("cnn", "mnist-5k", {"train.epochs": 2}),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each kind, alternated")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as log_dir:
        compare(CASES, args.runs, lambda cfg: [TensorBoardLogger(run_folder(log_dir, cfg.name))], "without",
                "with --tensorboard")


if __name__ == "__main__":
    main()
