"""Engine throughput against a bare hand-written PyTorch loop, alternated in one run.

Both train the same model (built from the same preset, same initial weights) on the same
in-memory data on the same device with the same batch size and optimizer, and both
evaluate the validation split once per epoch. Reported: training samples/s of each (batch
loop only) and wall time per epoch including validation, as medians over the rounds, and
the engine/bare ratios.

    python benchmarks/bench_throughput.py --preset mlp --rounds 5 --epochs 2
    python benchmarks/bench_throughput.py --preset cnn --dataset fashion-mnist --limit 12000
"""

from __future__ import annotations

import argparse
import statistics
import time

import torch
import torch.nn.functional as F

from playground.core.model.build import build_model
from playground.core.data.dataset import Dataset, DatasetError
from playground.core.data.registry import load_dataset
from playground.core.training.device import resolve_device
from playground.core.training.optim import make_optimizer
from playground.core.config.presets import load_preset
from playground.core.training.loop import _split_validation, evaluate, fit


def synthetic_mnist(n_train=60000, n_test=10000, seed=0) -> Dataset:
    """MNIST-shaped random data for machines without the real files (throughput only)."""
    g = torch.Generator().manual_seed(seed)
    x = torch.rand(n_train + n_test, 1, 28, 28, generator=g)
    y = torch.randint(0, 10, (n_train + n_test,), generator=g)
    return Dataset(
        "synthetic-mnist", "classification", x[:n_train], y[:n_train], x[n_train:], y[n_train:],
        [str(i) for i in range(10)], (0.5,), (0.29,),
    )


def bare_loop(cfg, data: Dataset, device: torch.device) -> tuple[float, float]:
    """The loop a user would write by hand. Returns (train samples/s, wall seconds per epoch)."""
    torch.manual_seed(cfg.train.seed)
    x_train, y_train, x_val, y_val = _split_validation(data.x_train, data.y_train, cfg.data.val_split, cfg.train.seed)
    x_train, y_train, x_val, y_val = (t.to(device) for t in (x_train, y_train, x_val, y_val))
    model = build_model(cfg.model, mean=data.mean, std=data.std)
    channels_last = device.type == "cpu" and any(l.type == "Conv2D" for l in cfg.model.layers)
    fmt = torch.channels_last if channels_last else torch.contiguous_format
    model = model.to(device=device, memory_format=fmt).train()
    opt = make_optimizer(model.parameters(), cfg.optimizer)
    bs, n = cfg.train.batch_size, len(x_train)
    train_time = 0.0
    start = time.perf_counter()
    for _ in range(cfg.train.epochs):
        t0 = time.perf_counter()
        perm = torch.randperm(n).to(device)
        for i in range(0, n, bs):
            idx = perm[i : i + bs]
            xb = x_train[idx]
            if channels_last:
                xb = xb.contiguous(memory_format=fmt)
            loss = F.cross_entropy(model(xb), y_train[idx])
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        if device.type == "cuda":
            torch.cuda.synchronize()
        train_time += time.perf_counter() - t0
        evaluate(model, x_val, y_val, F.cross_entropy, "classification", memory_format=fmt)
    wall = time.perf_counter() - start
    return n * cfg.train.epochs / train_time, wall / cfg.train.epochs


def engine(cfg, data: Dataset) -> tuple[float, float]:
    # Epoch seconds cover the batch loop and the validation pass; fit's one-off set-up and
    # final test evaluation are left out, as the bare loop has neither.
    result = fit(cfg, data)
    per_epoch = sum(h.seconds for h in result.history) / len(result.history)
    return result.samples_per_second, per_epoch


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--preset", default="mlp")
    p.add_argument("--dataset", default="fashion-mnist", help="falls back to synthetic MNIST-shaped data if missing")
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--device", default="cpu")
    p.add_argument("--limit", type=int, default=0, help="use only the first N training samples")
    args = p.parse_args()

    try:
        data = load_dataset(args.dataset, download=False)
    except DatasetError:
        print(f"{args.dataset} not available; using synthetic MNIST-shaped data")
        data = synthetic_mnist()
    if args.limit:
        data.x_train, data.y_train = data.x_train[: args.limit], data.y_train[: args.limit]
    device = resolve_device(args.device)
    cfg = load_preset(args.preset).with_overrides(
        **{"train.epochs": args.epochs, "train.batch_size": args.batch_size, "train.device": str(device)}
    )
    cfg = cfg.replace(model=type(cfg.model)(data.input_shape, cfg.model.layers, cfg.model.init))
    print(
        f"preset {args.preset}, {data.name} ({len(data.x_train)} train), batch {args.batch_size}, "
        f"{args.epochs} epochs x {args.rounds} rounds, device {device}, torch {torch.__version__}, "
        f"{torch.get_num_threads()} threads"
    )
    bare_rates, bare_walls, eng_rates, eng_walls = [], [], [], []
    for r in range(args.rounds):
        # Alternate which goes first so drift in machine load hits both equally.
        order = [("bare", lambda: bare_loop(cfg, data, device)), ("engine", lambda: engine(cfg, data))]
        if r % 2:
            order.reverse()
        for name, run in order:
            rate, wall = run()
            (bare_rates if name == "bare" else eng_rates).append(rate)
            (bare_walls if name == "bare" else eng_walls).append(wall)
            print(f"  round {r + 1} {name:6s}: {rate:9,.0f} samples/s, {wall:6.2f} s/epoch incl. validation")
    br, er = statistics.median(bare_rates), statistics.median(eng_rates)
    bw, ew = statistics.median(bare_walls), statistics.median(eng_walls)
    print(f"median bare   : {br:9,.0f} samples/s, {bw:6.2f} s/epoch")
    print(f"median engine : {er:9,.0f} samples/s, {ew:6.2f} s/epoch")
    print(f"engine / bare : {er / br:.3f}x throughput, {bw / ew:.3f}x epoch speed (ratio of medians)")
    paired = statistics.median(e / b for e, b in zip(eng_rates, bare_rates))
    print(f"engine / bare : {paired:.3f}x throughput (median of per-round ratios)")


if __name__ == "__main__":
    main()
