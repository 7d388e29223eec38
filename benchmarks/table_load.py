"""Reading and preparing a large table: time and peak memory of `read_table` and
`prepare_table` on a generated CSV (17 numeric columns with 4 decimals, 2 categorical ones with
missing values, a yes/no target), written to a temporary folder and deleted afterwards.

    python benchmarks/table_load.py --rows 1000000
    /usr/bin/time -v python benchmarks/table_load.py --rows 1000000   # the whole process's peak (Maximum resident set size)
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

import numpy as np

from playground.core.data.table import read_table
from playground.core.data.table_prep import prepare_table


def write_table(path: Path, rows: int, seed: int = 0) -> None:
    rng = np.random.default_rng(seed)
    with open(path, "w", newline="") as f:
        f.write(",".join([f"x{i}" for i in range(17)] + ["colour", "size", "label"]) + "\n")
        for start in range(0, rows, 100_000):
            m = min(100_000, rows - start)
            x = rng.normal(size=(m, 17)).round(4)
            colour = rng.choice(["red", "green", "blue", "NA"], m)
            size = rng.choice(["S", "M", "L"], m)
            label = np.where(x[:, 0] + x[:, 1] > 0, "yes", "no")
            f.writelines(
                ",".join(map(str, r)) + f",{c},{s},{y}\n" for r, c, s, y in zip(x.tolist(), colour, size, label)
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.csv"
        write_table(path, args.rows)
        size = path.stat().st_size
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        t0 = time.perf_counter()
        table = read_table(path)
        t1 = time.perf_counter()
        after_read = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        prepared = prepare_table(table, "label")
        t2 = time.perf_counter()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{args.rows:,} rows × 20 columns, {size / 2**20:.0f} MiB file")
    print(f"read_table    {t1 - t0:6.1f} s  ({size / 2**20 / (t1 - t0):.0f} MiB/s)")
    print(f"prepare_table {t2 - t1:6.1f} s  (x_train {prepared.x_train.shape})")
    print(f"peak resident memory: {before / 1024:.0f} MiB before reading (writing the file included), "
          f"{after_read / 1024:.0f} MiB after read_table, {peak / 1024:.0f} MiB after prepare_table")


if __name__ == "__main__":
    main()
