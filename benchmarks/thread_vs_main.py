"""Does `fit` train slower on a background thread than on the main thread (no window at all)?

    python benchmarks/thread_vs_main.py --rounds 2 [--serial-main]

Alternates one epoch of the `cnn` preset on Fashion-MNIST on the main thread and on a
`threading.Thread`, printing samples/s and the process's voluntary context switches during
the run (many means the OpenMP workers sleep between parallel regions instead of spinning).
--serial-main first does what the window does for its GUI thread
(playground.gui.threads.keep_gui_thread_serial), then runs on the thread only.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import threading


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--rounds", type=int, default=2)
    p.add_argument("--dataset", default="fashion-mnist")
    p.add_argument("--serial-main", action="store_true", help="keep the main thread's torch single-threaded")
    args = p.parse_args()

    import torch._dynamo  # noqa: F401 - imported once up front, as the window's warm-up does

    if args.serial_main:
        from playground.gui.threads import keep_gui_thread_serial

        keep_gui_thread_serial()  # before the main thread's first torch op, as in the window

    from playground.core.data.registry import load_dataset
    from playground.core.config.presets import load_preset
    from playground.core.config.spec import DataConfig
    from playground.core.training.loop import fit

    cfg = load_preset("cnn").with_overrides(**{"train.epochs": 1, "train.device": "cpu"})
    cfg = cfg.replace(data=DataConfig(args.dataset, {}, cfg.data.val_split, cfg.data.augment))
    dataset = load_dataset(args.dataset, {})
    rates: dict[str, list[float]] = {"main": [], "thread": []}

    def run(where: str) -> None:
        before = resource.getrusage(resource.RUSAGE_SELF).ru_nvcsw
        result = fit(cfg, dataset)
        switches = resource.getrusage(resource.RUSAGE_SELF).ru_nvcsw - before
        rates[where].append(result.samples_per_second)
        print(f"  {where:6s} {result.samples_per_second:7,.0f} samples/s, {switches:7,} voluntary context switches",
              flush=True)

    for _ in range(args.rounds):
        if not args.serial_main:
            run("main")
        t = threading.Thread(target=run, args=("thread",))
        t.start()
        t.join()
    thread_rate = statistics.median(rates["thread"])
    if rates["main"]:
        main_rate = statistics.median(rates["main"])
        print(f"medians: main {main_rate:,.0f}, thread {thread_rate:,.0f} samples/s (thread/main {thread_rate / main_rate:.2f})")
    else:
        print(f"median: thread {thread_rate:,.0f} samples/s")


if __name__ == "__main__":
    main()
