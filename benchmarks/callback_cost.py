"""What a training callback costs: training throughput with it against the same run without it,
alternated in one process so that both see the same machine (stats_cost.py: the layer-statistics
recorder of `train --stats`; tensorboard_cost.py: the logger of `train --tensorboard`).

Throughput is training samples per second of wall-clock time around the whole `fit` (these
callbacks work at epoch ends, which the run's own samples/s figure leaves out). Prints a
Markdown table: one row per case, the medians of `runs` runs of each kind, their ratio, and the
ratio of the fastest run of each kind (other load only ever slows a run down, so on a shared
machine the fastest runs are the least disturbed).
"""

from __future__ import annotations

import statistics
import time
from typing import Callable, Sequence

from playground.core.config.presets import load_preset
from playground.core.data.registry import load_dataset
from playground.core.training.loop import fit


def _run(cfg, data, callbacks: list) -> tuple[float, float]:
    """(training samples/s of wall-clock time around `fit`, the run's seconds)."""
    start = time.perf_counter()
    result = fit(cfg, data, callbacks=callbacks)
    seconds = time.perf_counter() - start
    return len(data.x_train) * result.epochs_completed / seconds, seconds


def samples_per_second(cfg, data, callbacks: list) -> float:
    return _run(cfg, data, callbacks)[0]


def compare(
    cases: Sequence[tuple[str, str | None, dict]],
    runs: int,
    callbacks: Callable[[object], list],
    without: str,
    with_: str,
    spent: Callable[[list], float] | None = None,
) -> None:
    """`cases`: (preset, dataset or None for the preset's, config overrides); `callbacks(cfg)`
    makes a fresh list for one run; `without`/`with_` head the two columns. `spent(callbacks)`:
    the seconds the callbacks timed themselves taking in the run just done, for a last column,
    their median share of the run's time (far steadier than the ratio of two noisy runs)."""
    extra = " | its own time, share of the run" if spent else ""
    print(f"| preset | data | epochs | {without} (samples/s) | {with_} (samples/s) | ratio of medians | "
          f"ratio of bests{extra} |")
    print("|---|---|---|---|---|---|---|" + ("---|" if spent else ""))
    for preset, data_name, overrides in cases:
        cfg = load_preset(preset)
        if data_name:
            cfg = cfg.with_overrides(**{"data.name": data_name})
        cfg = cfg.with_overrides(**{"train.device": "cpu", **overrides})
        data = load_dataset(cfg.data.name, cfg.data.options)
        # Warm-up: first-call costs belong to neither kind.
        samples_per_second(cfg, data, [])
        samples_per_second(cfg, data, callbacks(cfg))
        plain, measured, shares = [], [], []
        for _ in range(runs):
            plain.append(samples_per_second(cfg, data, []))
            made = callbacks(cfg)
            rate, seconds = _run(cfg, data, made)
            measured.append(rate)
            if spent:
                shares.append(spent(made) / seconds)
        a, b = statistics.median(plain), statistics.median(measured)
        best = max(measured) / max(plain)  # other load only ever slows a run: the fastest runs are the least disturbed
        share = f" | {statistics.median(shares):.1%}" if spent else ""
        print(f"| {preset} | {cfg.data.name} | {cfg.train.epochs} | {a:,.0f} | {b:,.0f} | {b / a:.3f} | {best:.3f}{share} |",
              flush=True)
