"""TPE against random search on a toy problem: the best validation accuracy each reaches.

    python benchmarks/tune_samplers.py                       # 20 trials, 5 seeds, spiral
    python benchmarks/tune_samplers.py --trials 30 --seeds 10 --dataset xor

Both samplers search the same space (learning rate on a log range, the units of both hidden
layers, optimizer, batch size) for a two-hidden-layer MLP on the spiral set, with the same
data and the same training seed in every trial, so the only difference is which settings
each sampler proposes. No pruning (every trial trains all its epochs) and an in-memory
study (the database is not what is measured). Reported per sampler: the best value after 5,
10 and all trials (mean and median over seeds), and each seed's best.
"""

from __future__ import annotations

import argparse
import statistics
import time

import optuna
import torch

from playground.core.data.registry import load_dataset
from playground.core.config.spec import DataConfig, OptimizerConfig, RunConfig, TrainConfig
from playground.core.config.model_spec import LayerSpec, ModelSpec
from playground.core.experiments.tune import best_so_far, run_study
from playground.core.experiments.search_space import SearchSpace

SPACE = {
    "params": [
        {"key": "optimizer.lr", "kind": "float", "low": 1e-4, "high": 1.0, "log": True},
        {"key": "model.layers[0].units", "kind": "int", "low": 2, "high": 32},
        {"key": "model.layers[2].units", "kind": "int", "low": 2, "high": 32},
        {"key": "optimizer.name", "kind": "categorical", "choices": ["sgd", "momentum", "adam"]},
        {"key": "train.batch_size", "kind": "categorical", "choices": [16, 32, 64]},
    ]
}


def base_config(dataset: str, samples: int, epochs: int) -> RunConfig:
    layers = [
        LayerSpec("Dense", {"units": 8}),
        LayerSpec("Activation", {"function": "ReLU"}),
        LayerSpec("Dense", {"units": 8}),
        LayerSpec("Activation", {"function": "ReLU"}),
        LayerSpec("Dense", {"units": 2}),
    ]
    return RunConfig(
        model=ModelSpec((), layers),
        data=DataConfig(dataset, {"n_samples": samples, "noise": 0.1}, val_split=0.2),
        optimizer=OptimizerConfig("adam", 0.01),
        train=TrainConfig(epochs=epochs, batch_size=32, device="cpu", seed=0),
        name="bench",
    )


def best_after(curve: list[tuple[int, float]], n: int) -> float:
    values = [v for number, v in curve if number < n]
    return values[-1] if values else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--dataset", default="spiral")
    parser.add_argument("--samples", type=int, default=1000)
    parser.add_argument("--epochs", type=int, default=10)
    args = parser.parse_args()

    optuna.logging.set_verbosity(optuna.logging.ERROR)
    torch.set_num_threads(1)
    base = base_config(args.dataset, args.samples, args.epochs)
    dataset = load_dataset(base.data.name, base.data.options)
    space = SearchSpace.from_dict(SPACE)
    print(
        f"{args.dataset}: {len(dataset.x_train)} training points ({base.data.val_split:.0%} held out for validation), "
        f"{args.epochs} epochs per trial, {args.trials} trials, seeds 0-{args.seeds - 1}, torch threads 1"
    )
    marks = [m for m in (5, 10) if m < args.trials] + [args.trials]
    results: dict[str, list[list[float]]] = {}
    for sampler in ("random", "tpe"):
        per_seed = []
        for seed in range(args.seeds):
            start = time.perf_counter()
            result = run_study(
                base, space, trials=args.trials, sampler=sampler, seed=seed, pruner="none", dataset=dataset,
                study_name=f"{sampler}-{seed}",
            )
            curve = best_so_far(result.study)
            per_seed.append([best_after(curve, m) for m in marks])
            print(
                f"  {sampler:6s} seed {seed}: best {curve[-1][1]:.4f} (trial #{result.best.number})  "
                f"{time.perf_counter() - start:.1f} s  {result.best.params}",
                flush=True,
            )
        results[sampler] = per_seed

    print()
    print(f"{'sampler':8s}" + "".join(f"  {'best@' + str(m) + ' mean':>13s} {'median':>7s}" for m in marks))
    for sampler, per_seed in results.items():
        cells = []
        for i in range(len(marks)):
            column = [row[i] for row in per_seed]
            cells.append(f"  {statistics.mean(column):13.4f} {statistics.median(column):7.4f}")
        print(f"{sampler:8s}" + "".join(cells))
    print("\nper-seed best (all trials): " + "; ".join(
        f"{s}: " + ", ".join(f"{row[-1]:.3f}" for row in rows) for s, rows in results.items()
    ))


if __name__ == "__main__":
    main()
