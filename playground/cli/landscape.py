"""`playground landscape (--preset NAME | --config FILE | MODEL) [--grid 41] [--samples N]
[--paths lesson|none] [--epochs N] --out DIR`: the loss around trained weights on a 2-D slice of
parameter space, with the optimizers' paths over it, as landscape.png and landscape.json
(core.experiments.landscape: the directions, the samples, the projection).

    playground landscape --preset xor-mlp --out landscape/
    playground landscape --preset xor-mlp --dataset spiral --paths lesson --out spiral/
    playground landscape run.nnp --run 2 --grid 21 --out landscape/
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from playground.cli.common import EXIT_OK, add_data_dir, add_dataset, override, positive

__all__ = ["add_parser", "cmd_landscape"]

# core.experiments.landscape's settings, written out: importing it here would load torch while
# the parser is built (tests/core/test_layering.py); tests/core/test_landscape.py checks they agree.
GRID, SAMPLES, SPAN, BOOK_OPTIMIZERS = 41, 1000, 1.0, ("sgd", "momentum", "adagrad", "adam")
PNG_NAME, JSON_NAME = "landscape.png", "landscape.json"


def add_parser(sub) -> None:
    p = sub.add_parser(
        "landscape",
        help="draw the loss landscape around trained weights, with the optimizers' paths, as PNG and JSON",
        description="Train a preset or config (or open a trained model) and evaluate its loss on a grid over a 2-D "
        "slice of parameter space around the trained weights, as Li et al., 'Visualizing the Loss Landscape of "
        f"Neural Nets' (2018): two random directions normalised per filter, over [-{SPAN:g}, {SPAN:g}] (biases and "
        "BatchNorm parameters stay at their trained values). With --paths lesson, the optimizer lesson's optimizers "
        f"({', '.join(BOOK_OPTIMIZERS)}) train the same network from the same start instead, and the slice is the "
        "plane of their paths (PCA of all their weights along the way, centred on Adam's final weights), with each "
        "path drawn on it. The loss is measured in eval mode on a fixed, seeded subset of the training samples. "
        "Writes landscape.png (contours, paths, colour bar, legend) and landscape.json (grid, losses, paths, "
        "settings). MNIST-style datasets not on this computer are replaced by the offline MNIST sample.",
    )
    p.set_defaults(handler=cmd_landscape)
    p.add_argument("model", nargs="?", metavar="MODEL", help="a trained model: a bundle (.nnpmodel, .safetensors) or a project (.nnp)")
    p.add_argument("--preset", metavar="NAME", help="a built-in run config, trained first (see 'playground presets')")
    p.add_argument("--config", metavar="FILE", type=Path, help="a JSON run config, trained first")
    p.add_argument("--run", metavar="N|ID", help="for a project: the run to use, by number (1 = first) or id (default: the last run with weights)")
    add_dataset(p, "train and evaluate on this dataset instead (see 'playground datasets')")
    p.add_argument("--grid", type=int, default=GRID, metavar="N", help=f"grid points per axis (default {GRID})")
    p.add_argument("--span", type=float, default=SPAN, metavar="S", help=f"the random plane's range, [-S, S] in filter-normalised units (default {SPAN:g})")
    p.add_argument("--samples", type=int, default=SAMPLES, metavar="N", help=f"training samples the loss is evaluated on (default {SAMPLES:,})")
    p.add_argument("--paths", choices=("none", "lesson"), default="none", help="'lesson': train the optimizer lesson's optimizers and draw their paths (default: none)")
    p.add_argument("--optimizers", metavar="LIST", help=f"with --paths lesson: comma-separated optimizers (default {','.join(BOOK_OPTIMIZERS)})")
    p.add_argument("--every", type=int, metavar="N", help="with --paths lesson: record the weights every N batches (default: each epoch)")
    p.add_argument("--epochs", type=int, metavar="N", help="train for N epochs (default: the config's)")
    p.add_argument("--seed", type=int, default=0, metavar="N", help="the random directions' seed (default 0)")
    add_data_dir(p)
    p.add_argument("--out", required=True, type=Path, metavar="DIR", help=f"the folder to write {PNG_NAME} and {JSON_NAME} into (made when missing)")


def _check_args(args) -> None:
    from playground.core.errors import ConfigError

    sources = [s for s in (args.model, args.preset, args.config) if s is not None]
    if len(sources) != 1:
        raise ConfigError("Give one of MODEL, --preset NAME or --config FILE to draw the landscape of.")
    if args.grid < 2:
        raise ConfigError(f"--grid must be at least 2, got {args.grid}.")
    if args.grid > 201:
        raise ConfigError(f"--grid {args.grid} would take {args.grid ** 2:,} evaluations — choose 201 or fewer.")
    positive(args.samples, "--samples")
    positive(args.epochs, "--epochs")
    positive(args.every, "--every")
    if not args.span > 0:
        raise ConfigError(f"--span must be above 0, got {args.span}.")
    if args.run is not None and args.model is None:
        raise ConfigError("--run picks a run of a project (.nnp) given as MODEL.")
    if args.optimizers is not None:
        from playground.core.training.catalog import OPTIMIZERS

        names = [o.strip().lower() for o in args.optimizers.split(",") if o.strip()]
        unknown = [o for o in names if o not in OPTIMIZERS]
        if unknown or not names:
            raise ConfigError(
                f"--optimizers: unknown optimizer {', '.join(repr(o) for o in unknown) or '(none given)'}; "
                f"choose from {', '.join(OPTIMIZERS)}, separated by commas."
            )
        if args.paths != "lesson":
            raise ConfigError("--optimizers names the paths to draw: give it with --paths lesson.")
    if args.every is not None and args.paths != "lesson":
        raise ConfigError("--every sets how often the paths record the weights: give it with --paths lesson.")
    if args.out.exists() and not args.out.is_dir():
        raise ConfigError(f"--out {args.out} is a file — name a folder (it is made when missing).")


def _epochs(n: int) -> str:
    return f"{n} epoch{'s' * (n != 1)}"


def cmd_landscape(args) -> int:
    from tqdm import tqdm

    from playground.cli.common import stop_on_ctrl_c
    from playground.core.config.presets import load_run_config
    from playground.core.errors import ConfigError
    from playground.core.experiments import landscape as core
    from playground.core.experiments.gradcheck import gradcheck_data
    from playground.core.experiments.landscape_image import landscape_png
    from playground.core.io.atomic import write_files
    from playground.core.training.loop import RunControl, freeze_long_lived

    _check_args(args)
    trained = None
    if args.model is not None:
        from playground.core.io.export import export_source

        trained = export_source(args.model, args.run)
        cfg = override(trained.config, dataset=args.dataset, epochs=args.epochs)
        if args.dataset and args.paths == "none":
            raise ConfigError("--dataset with a trained MODEL: the model was trained on its own data; leave --dataset out.")
    elif args.preset is not None:
        cfg = override(load_run_config(args.preset, preset_only=True), dataset=args.dataset, epochs=args.epochs)
    else:
        cfg = override(load_run_config(args.config), dataset=args.dataset, epochs=args.epochs)
    dataset, note = gradcheck_data(cfg, args.data_dir)
    if note:
        print(f"Note: {note.replace('gradcheck downloads', 'landscape downloads')}", file=sys.stderr)
    freeze_long_lived()
    control = RunControl()
    with tqdm(total=0, unit="point", file=sys.stderr, disable=None, leave=False, desc="landscape") as bar:

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.update(done - bar.n)

        with stop_on_ctrl_c(control, "Stopping"):
            if args.paths == "lesson":
                optimizers = [o.strip().lower() for o in args.optimizers.split(",") if o.strip()] if args.optimizers else list(BOOK_OPTIMIZERS)
                print(f"Training {', '.join(optimizers)} on {dataset.name} for {_epochs(cfg.train.epochs)} each...", file=sys.stderr)
                land = core.optimizer_landscape(
                    cfg, dataset, optimizers=optimizers, every=args.every, grid=args.grid, samples=args.samples,
                    progress=progress, control=control,
                )
            elif trained is not None:
                land = core.landscape_of(
                    trained, dataset, grid=args.grid, span=args.span, samples=args.samples, seed=args.seed,
                    progress=progress, control=control,
                )
            else:
                print(f"Training {cfg.name or args.config} on {dataset.name} for {_epochs(cfg.train.epochs)}...", file=sys.stderr)
                land = core.train_and_landscape(
                    cfg, dataset, grid=args.grid, span=args.span, samples=args.samples, seed=args.seed,
                    progress=progress, control=control,
                )
    record = {"source": args.model or args.preset or str(args.config), **land.to_dict()}
    if note:
        record["note"] = note
    args.out.mkdir(parents=True, exist_ok=True)
    png, js = args.out / PNG_NAME, args.out / JSON_NAME
    write_files([(png, landscape_png(land)), (js, (json.dumps(record, indent=1) + "\n").encode("utf-8"))])
    low = land.minimum
    print(
        f"Wrote {png} and {js}: {len(land.y)}×{len(land.x)} grid on {land.samples} training samples of {land.dataset} "
        f"in {land.seconds:.1f} s; loss at the centre {land.center_loss:.4g}"
        + (f", lowest on the grid {low[2]:.4g} at ({low[0]:.3g}, {low[1]:.3g})" if low else "") + "."
    )
    for p in land.paths:
        print(
            f"  {p.name}: {len(p.x)} points, ends at ({p.x[-1]:.3g}, {p.y[-1]:.3g}); "
            f"{p.step_out_of_plane.mean() if len(p.step_out_of_plane) else 0:.0%} of a step lies outside the plane on average"
        )
    if land.plane.get("explained_variance"):
        e1, e2 = land.plane["explained_variance"]
        print(f"  The plane holds {e1 + e2:.0%} of the paths' spread ({e1:.0%} + {e2:.0%}).")
    if not land.complete:
        print("Stopped early: the points not computed are grey in the picture and null in the JSON.", file=sys.stderr)
    return EXIT_OK
