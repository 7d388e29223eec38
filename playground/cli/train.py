"""`playground train`, `datasets`, `presets`, `predict` and `export`: training one model and
using trained models from the command line.

    playground train --preset cnn --dataset fashion-mnist --epochs 3
    playground train --resume       continue the run a crash or kill interrupted
    playground train --preset cnn --dataset fashion-mnist --init-from starter   fine-tune the digit model
    playground train --csv penguins.csv --target species      a table of your own (the tabular preset)
    playground datasets
    playground presets
    playground predict starter digit.png --json
    playground predict penguins.nnpmodel new-penguins.csv      a table's rows, by a model trained on the table
    playground export run.nnp --format onnx -o model.onnx
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from playground.core.config.backbone import BACKBONE_SIZES
from playground.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_DIVERGED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    add_data_dir,
    add_dataset,
    add_device,
    add_epochs,
    load_data,
    override,
    stop_on_ctrl_c,
)

__all__ = [
    "add_datasets_parser",
    "add_export_parser",
    "add_predict_parser",
    "add_presets_parser",
    "add_train_parser",
    "cmd_datasets",
    "cmd_export",
    "cmd_predict",
    "cmd_presets",
    "cmd_train",
]

# --------------------------------------------------------------------------- parsers


def add_train_parser(sub) -> None:
    train = sub.add_parser("train", help="train a model from a preset or a JSON run config")
    train.set_defaults(handler=cmd_train)
    source = train.add_mutually_exclusive_group()  # one is needed, except with --csv (default: the tabular preset)
    source.add_argument("--preset", metavar="NAME", help="a built-in run config (see 'playground presets')")
    source.add_argument("--config", metavar="FILE", type=Path, help="a JSON run config")
    source.add_argument(
        "--resume", nargs="?", const="", metavar="RUN_OR_PATH",
        help="continue an interrupted run from its last checkpoint: the most recent one, or the run id / folder / file given",
    )
    add_dataset(train, "train on this dataset instead (see 'playground datasets')")
    table = train.add_argument_group("tables (CSV or TSV; UTF-8, UTF-8 with BOM or Shift_JIS/CP932)")
    table.add_argument("--csv", type=Path, metavar="FILE", help="train on this table (the model: --preset tabular unless --preset or --config says otherwise)")
    table.add_argument("--target", metavar="COLUMN", help="the column to predict (with --csv, or with a table dataset such as penguins)")
    table.add_argument(
        "--task", choices=["classification", "regression"],
        help="what to predict (default: inferred — text or few whole numbers: classification, other numbers: regression)",
    )
    add_epochs(train)
    train.add_argument("--batch-size", type=int, metavar="N")
    train.add_argument("--optimizer", metavar="NAME", help="sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw, radam, adabound")
    train.add_argument("--lr", type=float, metavar="X", help="learning rate (default: the config's, or the optimizer's default when --optimizer changes it)")
    add_device(train)
    train.add_argument("--seed", type=int, metavar="N")
    train.add_argument(
        "--features",
        metavar="LIST",
        help="for 2-D point data: what the first layer sees, comma-separated, as TensorFlow Playground's inputs: "
        "x1, x2, x1_squared, x2_squared, x1_times_x2, sin_x1, sin_x2 (default: the config's, or x1,x2); the saved "
        "model still takes the raw point",
    )
    add_data_dir(train)
    train.add_argument("--summary-json", type=Path, metavar="FILE", help="write the run's results as JSON")
    train.add_argument("--save", type=Path, metavar="FILE", help="save the trained model: FILE.nnpmodel writes a model bundle, any other name the older single-file .safetensors bundle")
    train.add_argument(
        "--stats",
        action="store_true",
        help="record each layer's statistics every epoch (histograms of activations, gradients and weights, the "
        "update/weight ratio) and the training-health diagnoses that fire, into --summary-json under layer_stats",
    )
    train.add_argument(
        "--tensorboard",
        type=Path,
        metavar="DIR",
        help="log the run for TensorBoard into a new folder inside DIR: loss, accuracy, validation and learning rate "
        "per epoch, and each layer's histograms of activations, gradients and weights (view: tensorboard --logdir DIR; "
        "needs: pip install tensorboard)",
    )
    train.add_argument("--quiet", action="store_true", help="no progress bar, only the result line")
    train.add_argument("--checkpoint-dir", type=Path, metavar="DIR", help="write the checkpoint of every epoch into this folder (default: a new run folder in the user data folder, removed when the run ends)")
    train.add_argument("--no-checkpoint", action="store_true", help="write no checkpoints (the run cannot be resumed after a crash)")
    train.add_argument(
        "--init-from", metavar="MODEL",
        help="transfer learning: start from these trained weights instead of random ones — 'starter' (the digit model), "
        "'resnet18' or 'vgg16' (ImageNet weights, downloaded on first use: the model becomes that network, frozen, "
        "with a new output layer for your classes), a model bundle (.nnpmodel, .safetensors) or a project (.nnp); "
        "layers whose shape differs (say the output layer for another number of classes) start fresh, and the report "
        "says which",
    )
    train.add_argument(
        "--fine-tune-last", action="store_true",
        help="with --init-from resnet18|vgg16: train the backbone's last block too (slower: the features are then "
        "computed every step); by default the backbone is frozen and only the new output layer trains",
    )
    train.add_argument(
        "--backbone-size", type=int, choices=BACKBONE_SIZES, default=224, metavar="PIXELS",
        help="with --init-from resnet18|vgg16: the picture size the backbone sees, one of 224 (what the ImageNet "
        "weights were trained on; the default), 160, 112, 64 (faster on a CPU)",
    )
    train.add_argument("--init-run", metavar="N|ID", help="with --init-from PROJECT.nnp: the run to start from, by number (1 = first) or id (default: the last run with weights)")


def add_datasets_parser(sub) -> None:
    datasets = sub.add_parser("datasets", help="list datasets and whether each is available locally")
    datasets.set_defaults(handler=cmd_datasets)
    add_data_dir(datasets)


def add_presets_parser(sub) -> None:
    sub.add_parser("presets", help="list the built-in run configs").set_defaults(handler=cmd_presets)


def add_predict_parser(sub) -> None:
    predict = sub.add_parser(
        "predict",
        help="recognise images with a trained model (framed like MNIST, as the drawing canvas does), or predict the rows "
        "of a CSV with a model trained on a table",
        description="Print each image's most likely class and the probabilities of all classes. Images may be "
        "white ink on black or black ink on white, any size; they are cropped, scaled and centred like MNIST first. "
        "For a model trained on a table (train --csv), give CSV files instead: each row's class and probabilities, "
        "or its value.",
    )
    predict.set_defaults(handler=cmd_predict)
    predict.add_argument("model", metavar="MODEL", help="a model file (.safetensors bundle, ...) or 'starter' for the built-in digit model")
    predict.add_argument(
        "images", metavar="IMAGE", nargs="+", type=Path,
        help="image files (PNG, JPEG, ...); for a model trained on a table (train --csv): CSV files with the same columns "
        "(the target column may be there and is ignored), each row predicted",
    )
    predict.add_argument("--json", action="store_true", help="print JSON (one object per image or row, in a list)")
    predict.add_argument(
        "--input-shape", metavar="CxHxW",
        help="for an ONNX or TorchScript file made elsewhere that does not say what it takes (a TorchScript file "
        "without the app's metadata, an ONNX input of open size): feed it images of this shape, e.g. 1x28x28 or "
        "3x224x224 (channels first; an ONNX file that takes channels last is transposed to)",
    )


def add_export_parser(sub) -> None:
    export = sub.add_parser(
        "export",
        help="export a trained model: bundle, ONNX, TorchScript, PyTorch code or state_dict",
        description="Export the model in SOURCE (a .nnpmodel or .safetensors bundle, or a .nnp project) to PATH. "
        "Formats: bundle (.nnpmodel), onnx (.onnx), torchscript (.pt), code (.py plus NAME.weights.pt), "
        "state-dict (.pt). Files are written atomically: an existing file is replaced only by a complete one.",
    )
    export.set_defaults(handler=cmd_export)
    export.add_argument("source", metavar="SOURCE", type=Path, help="a model bundle or a project file")
    export.add_argument("--format", required=True, choices=["bundle", "onnx", "torchscript", "code", "state-dict"])
    export.add_argument("-o", "--output", required=True, type=Path, metavar="PATH", help="the file to write")
    export.add_argument("--run", metavar="N|ID", help="for a project: the run to export, by number (1 = first) or id (default: the last run with weights)")


# --------------------------------------------------------------------------- train


def _format_result(result) -> str:
    parts = [f"{result.status}:"]
    if result.test_accuracy is not None:
        parts.append(f"test accuracy {result.test_accuracy:.2%} (loss {result.test_loss:.4f})")
    elif result.test_loss is not None:
        parts.append(f"test loss {result.test_loss:.4f}")
        if result.test_r2 is not None:
            parts.append(f"(MAE {result.test_mae:.4g}, R² {result.test_r2:.3f})")
    parts.append(
        f"after {result.epochs_completed} epoch{'s' * (result.epochs_completed != 1)} in {result.train_seconds:.1f} s, "
        f"{result.samples_per_second:,.0f} samples/s on {result.device}"
    )
    line = " ".join(parts)
    if result.status != "completed" or result.early_stopped:
        line += f"\n{result.message}"
    return line


def _table_data(args, cfg):
    """`cfg` with --csv / --target / --task applied (unchanged without them)."""
    from playground.core.config.spec import DataConfig
    from playground.core.errors import ConfigError

    if args.csv is not None:
        if args.dataset is not None:
            raise ConfigError("--csv and --dataset both name the data — give one of them.")
        if not args.target:
            raise ConfigError("--csv needs --target COLUMN: the name of the column to predict (from the header row).")
        options = {"path": str(args.csv.expanduser().resolve()), "target": args.target}
    elif args.target is not None or args.task is not None:
        from playground.core.data.registry import list_datasets

        kinds = {info.name: info.kind for info in list_datasets()}
        if kinds.get(cfg.data.name) != "table":
            raise ConfigError(
                "--target and --task are for tables — add --csv FILE, or --dataset with a table "
                f"({', '.join(n for n, k in kinds.items() if k == 'table')})."
            )
        options = dict(cfg.data.options)
        if args.target is not None:
            options["target"] = args.target
    else:
        return cfg
    if args.task is not None:
        options["task"] = args.task
    options["val_split"] = cfg.data.val_split  # the table's own validation split: the config's share
    name = "csv" if args.csv is not None else cfg.data.name
    return cfg.replace(data=DataConfig(name, options, cfg.data.val_split, cfg.data.augment))


def _train_config(args):
    """(config, resume): from --preset/--config with the overrides, or from the checkpoint
    that --resume names (its own settings; only the device may change)."""
    from playground.core.errors import ConfigError

    if args.resume is None:
        from playground.core.config.presets import load_run_config

        if args.preset is None and args.config is None:
            if args.csv is None:
                raise ConfigError("Say what to train: --preset NAME, --config FILE, --csv FILE --target COLUMN, or --resume.")
            args.preset = "tabular"
        if args.preset is not None:
            cfg = load_run_config(args.preset, preset_only=True)
        else:
            cfg = load_run_config(args.config)
        cfg = override(
            cfg,
            dataset=args.dataset,
            optimizer=args.optimizer,
            lr=args.lr,
            epochs=args.epochs,
            batch_size=args.batch_size,
            device=args.device,
            seed=args.seed,
        )
        if args.features is not None:
            import dataclasses

            from playground.core.config.features import check_features

            names = [name.strip() for name in args.features.split(",") if name.strip()]
            cfg = cfg.replace(model=dataclasses.replace(cfg.model, features=check_features(names, "--features")))
        return _table_data(args, cfg), None
    from playground.core.training.checkpoint import find_checkpoint, load_checkpoint

    changed = [
        f"--{k.replace('_', '-')}"
        for k in ("dataset", "csv", "target", "task", "epochs", "batch_size", "optimizer", "lr", "seed", "features")
        if getattr(args, k) is not None
    ]
    if changed:
        raise ConfigError(f"A resumed run keeps its own settings — drop {', '.join(changed)} (only --device may change).")
    if args.no_checkpoint:
        raise ConfigError("A resumed run goes on checkpointing into its folder — drop --no-checkpoint.")
    resume = load_checkpoint(find_checkpoint(args.resume or None))
    cfg = resume.config
    if args.device is not None:
        cfg = cfg.with_overrides(**{"train.device": args.device})
    print(
        f"Resuming {cfg.name or cfg.data.name} after epoch {resume.epoch} of {resume.epochs} ({resume.run_dir})",
        file=sys.stderr,
    )
    return cfg, resume


def _checkpoint_callback(args, cfg, resume):
    """The per-epoch checkpoint (None with --no-checkpoint): into --checkpoint-dir, the resumed
    run's folder, or a new folder of the run registry, which is removed when the run ends."""
    if args.no_checkpoint:
        return None
    from playground.core.training.checkpoint import Checkpoint, new_run_dir, runs_dir

    if args.checkpoint_dir is not None:
        run_dir = args.checkpoint_dir
    else:
        run_dir = resume.run_dir if resume is not None else new_run_dir(cfg)
    resuming = resume is not None and Path(run_dir).resolve() == resume.run_dir.resolve()
    in_registry = Path(run_dir).resolve().parent == runs_dir().resolve()
    return Checkpoint(
        run_dir,
        resuming=resuming,
        remove_when_done=in_registry,
        on_error=lambda message: print(f"\nwarning: {message}", file=sys.stderr),
    )


def _tensorboard_folder(args, cfg) -> Path | None:
    """For --tensorboard DIR: a new run folder inside DIR, made before training so that a
    folder that cannot be written stops the command first (None without the option)."""
    if args.tensorboard is None:
        return None
    from playground.core.experiments.tensorboard import run_folder

    folder = run_folder(args.tensorboard, cfg.name or cfg.data.name)
    print(f"TensorBoard: logging into {folder} (view: tensorboard --logdir {args.tensorboard})", file=sys.stderr)
    return folder


def _tensorboard_logger(folder: Path | None, stats):
    """The TensorBoard callback writing into `folder` (None without one); with --stats it logs
    that recorder's statistics instead of measuring them a second time."""
    if folder is None:
        return None
    from playground.core.experiments.tensorboard import TensorBoardLogger

    return TensorBoardLogger(
        folder, recorder=stats, on_error=lambda e: print(f"\nwarning: TensorBoard logging stopped: {e}", file=sys.stderr)
    )


def _start_weights(args, resume):
    """The trained weights --init-from names (None without it)."""
    from playground.core.errors import ConfigError

    if args.init_from is None:
        if args.init_run is not None:
            raise ConfigError("--init-run picks the run of the project that --init-from names — add --init-from PROJECT.nnp.")
        if args.fine_tune_last or args.backbone_size != 224:
            raise ConfigError("--fine-tune-last and --backbone-size go with --init-from resnet18 or vgg16.")
        return None
    if resume is not None:
        raise ConfigError("A resumed run continues from its checkpoint — drop --init-from.")
    from playground.core.config.backbone import BACKBONES
    from playground.core.experiments.transfer import start_from_argument

    if args.init_from.strip().lower() not in BACKBONES:
        if args.fine_tune_last or args.backbone_size != 224:
            raise ConfigError("--fine-tune-last and --backbone-size go with --init-from resnet18 or vgg16.")
        return start_from_argument(args.init_from, args.init_run)
    from playground.cli.progress import DownloadProgress

    with DownloadProgress(disable=args.quiet) as progress:
        return start_from_argument(
            args.init_from, args.init_run, size=args.backbone_size, fine_tune_last=args.fine_tune_last, progress=progress
        )


def cmd_train(args) -> int:
    from playground.cli.progress import ProgressBar
    from playground.core.io.bundle import check_writable
    from playground.core.training.loop import RunControl, fit, freeze_long_lived

    if args.stats and args.summary_json is None:
        from playground.core.errors import ConfigError

        raise ConfigError("--stats writes the layer statistics into the summary — add --summary-json FILE.")
    if args.tensorboard is not None:
        from playground.core.experiments.tensorboard import check_tensorboard

        check_tensorboard()  # before anything loads: the install command, not a traceback
    cfg, resume = _train_config(args)
    start = _start_weights(args, resume)
    # Check outputs now: a typo in a path should not cost a training run.
    for path in (args.summary_json, args.save):
        if path is not None:
            check_writable(path)
    tensorboard_folder = _tensorboard_folder(args, cfg)

    dataset = load_data(cfg.data.name, cfg.data.options, args.data_dir, quiet=args.quiet, freeze=False)
    if dataset.report is not None:  # a table: what was read, left out, filled and dropped
        if not args.quiet:
            print("\n".join(dataset.report.lines()), file=sys.stderr)
        if args.preset is not None and resume is None:  # a preset's output layer sized to the table's classes or target
            from playground.core.config.output_head import with_outputs

            cfg = cfg.replace(model=with_outputs(cfg.model, dataset.task, dataset.output_size))
    initial_state = None
    if start is not None and start.config.model.backbone is not None:  # the pretrained network, a new output layer
        from playground.core.experiments.transfer import backbone_model

        cfg = cfg.replace(model=backbone_model(start, dataset.output_size))
    if start is not None:
        from playground.core.experiments.transfer import start_state

        initial_state, report = start_state(cfg, dataset, start.state_dict, start.label)
        print(report.summary(), file=sys.stderr)
    freeze_long_lived()  # torch and the dataset are loaded: full garbage collections stay cheap
    checkpoint = _checkpoint_callback(args, cfg, resume)

    stats = None
    if args.stats:
        from playground.core.experiments.layer_stats import LayerStatsRecorder

        stats = LayerStatsRecorder()
    control = RunControl()
    with stop_on_ctrl_c(control):
        callbacks = ([] if args.quiet else [ProgressBar()]) + ([checkpoint] if checkpoint else []) + ([stats] if stats else [])
        tensorboard = _tensorboard_logger(tensorboard_folder, stats)
        if tensorboard is not None:
            callbacks.append(tensorboard)  # after the recorder (--stats): it logs what the recorder measured
        try:
            result = fit(cfg, dataset, callbacks=callbacks, control=control, resume=resume, initial_state=initial_state)
        finally:
            if tensorboard is not None:
                tensorboard.close()

    print(_format_result(result))
    if result.status == "stopped" and result.epochs_completed == 0:
        # Untrained weights are no model, and a summary of no epochs would pass for a result.
        skipped = [f"{flag} {path}" for flag, path in (("--save", args.save), ("--summary-json", args.summary_json)) if path]
        print(
            "Nothing was saved: training was stopped before the first epoch finished"
            + (f" ({', '.join(skipped)} not written)." if skipped else "."),
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    written = _write_outputs(args, result, stats.epochs if stats is not None else None)
    if not written:
        return EXIT_BAD_INPUT
    return {"completed": EXIT_OK, "stopped": EXIT_INTERRUPTED, "diverged": EXIT_DIVERGED}[result.status]


def _write_outputs(args, result, layer_stats: list | None = None) -> bool:
    """--summary-json and --save; False when the disk refused either (each failure is printed,
    and the other file is still tried: a trained model is worth keeping when only its summary
    could not be written). A refused file is left as it was (core.io.atomic)."""
    from playground.core.io.atomic import write_text
    from playground.core.io.bundle import save_bundle, save_model_bundle

    ok = True
    if args.summary_json is not None:
        summary = result.summary() if layer_stats is None else {**result.summary(), "layer_stats": layer_stats}
        ok = _write_or_retry(lambda: write_text(args.summary_json, json.dumps(summary, indent=2) + "\n"))
    if args.save is None:
        return ok
    if result.status == "diverged" and result.best_epoch == 0:
        print("Not saving: the run diverged before any epoch finished.", file=sys.stderr)
        return ok
    save = save_model_bundle if args.save.suffix.lower() == ".nnpmodel" else save_bundle
    if not _write_or_retry(lambda: save(args.save, result.model)):
        return False
    if result.status == "stopped":
        print(
            f"Saved model to {args.save}: training was stopped after {result.epochs_completed} of "
            f"{result.config.train.epochs} epochs, so these are the best weights so far (epoch {result.best_epoch})."
        )
    else:
        print(f"Saved model to {args.save}")
    return ok


def _write_or_retry(write) -> bool:
    """Call `write`; on a WriteError (a full disk, no permission) print it and, when a person is
    at the terminal, offer to try again once they have made room: the trained model exists only
    in this process, and giving up loses the training. Without a terminal (scripts, CI) the
    first refusal is final. True when written."""
    from playground.core.io.atomic import WriteError

    while True:
        try:
            write()
            return True
        except WriteError as e:
            print(f"error: {e}", file=sys.stderr)
            if not (sys.stdin.isatty() and sys.stderr.isatty()):
                return False
            print(
                "The trained model is still in memory. Free some space (or fix the folder's permissions), then press "
                "Enter to try again — or type q and Enter to give up: ",
                end="",
                file=sys.stderr,
                flush=True,
            )
            try:
                answer = input()
            except (EOFError, KeyboardInterrupt):
                print(file=sys.stderr)
                return False
            if answer.strip().lower() in ("q", "quit", "n", "no"):
                return False


# --------------------------------------------------------------------------- listings and trained models


def cmd_datasets(args) -> int:
    from playground.core.data.registry import list_datasets, resolve_data_dir

    rows = [(d.name, d.kind, d.task, "yes" if d.available else "no", d.where) for d in list_datasets(args.data_dir)]
    header = ("NAME", "KIND", "TASK", "LOCAL", "WHERE")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(4)]
    for row in [header, *rows]:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths)) + "  " + row[4])
    print(f"\nData directory: {resolve_data_dir(args.data_dir)}")
    return EXIT_OK


def cmd_presets(args) -> int:
    from playground.core.config.presets import list_presets, load_preset

    for name in list_presets():
        cfg = load_preset(name)
        print(f"{name:12s} {cfg.data.name:14s} {cfg.description}")
    return EXIT_OK


def cmd_predict(args) -> int:
    from playground.core.inference.loaders import load_predictor
    from playground.core.inference.recognize import read_for, recognize_file
    from playground.core.inference.starter import load_starter

    predictor = load_starter() if args.model == "starter" else load_predictor(args.model, args.input_shape)
    feeding = getattr(predictor, "feeding", None)
    if feeding is not None and not feeding.plain:  # a file from elsewhere: say how it is fed
        print(f"note: {Path(args.model).name} {feeding.describe()}", file=sys.stderr)
    if "table" in predictor.metadata:
        return _predict_rows(predictor, args)
    # Read every image before printing anything: a typo in the last path should not leave half a report.
    images = [(path, read_for(predictor, path)) for path in args.images]  # in colour for a colour model
    results = []
    for path, image in images:
        results.append({"image": str(path), **recognize_file(predictor, path, image).to_dict()})
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
        return EXIT_OK
    for r in results:
        sure = "  (not sure)" if r["not_sure"] else ""
        print(f"{r['image']}: {r['class']} ({r['confidence']:.1%}){sure}")
        print("  " + "  ".join(f"{name} {p:.1%}" for name, p in r["probabilities"].items()))
    return EXIT_OK


def _predict_rows(predictor, args) -> int:
    """Each row of each CSV: its class and probabilities, or its value."""
    from playground.core.inference.table_rows import predict_table_rows

    # Every file before printing anything: a bad last file should not leave half a report.
    results = [{"file": str(path), **r} for path in args.images for r in predict_table_rows(predictor, path)]
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
        return EXIT_OK
    for r in results:
        where = f"{r['file']} row {r['row']}"
        if "value" in r:
            print(f"{where}: {r['value']:.6g}" if isinstance(r["value"], float) else f"{where}: {r['value']}")
        else:
            print(f"{where}: {r['class']} ({r['probabilities'][r['class']]:.1%})")
            print("  " + "  ".join(f"{name} {p:.1%}" for name, p in r["probabilities"].items()))
    return EXIT_OK


def cmd_export(args) -> int:
    from playground.core.io.export import export_model, export_source

    source = export_source(args.source, args.run)
    for path in export_model(source, args.format, args.output):
        print(f"Wrote {path}")
    return EXIT_OK
