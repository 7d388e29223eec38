"""`playground compare`, `playground ensemble` and `playground evaluate`: experiments from the
command line (core.experiments.compare/lessons, .ensemble and .evaluate do the work).

    playground compare --lesson optimizers --dataset fashion-mnist --epochs 1
    playground compare mlp --vary optimizer --values sgd,momentum,adam --json
    playground ensemble mlp --members 5 --dataset mnist-5k --export ensemble.onnx
    playground ensemble --from-study lr-search --storage sqlite:///study.db --top 3
    playground evaluate model.safetensors --dataset mnist-5k --top 10
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from playground.cli.common import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    add_config,
    add_data_dir,
    add_dataset,
    add_device,
    add_epochs,
    load_data,
    override,
    positive,
    stop_on_ctrl_c,
)

__all__ = ["add_parsers", "cmd_compare", "cmd_ensemble", "cmd_evaluate"]


def add_parsers(sub) -> None:
    """compare, ensemble and evaluate."""
    from playground.core.experiments.lesson_texts import LESSON_TEXTS, SETTINGS  # compare/lessons would load torch

    compare = sub.add_parser(
        "compare",
        help="train variants of one config side by side (a lesson, or one setting varied)",
        description="Train the variants one after another from the same initial weights and data order, then print "
        "a table of their final metrics. Either --lesson NAME, or CONFIG with --vary SETTING --values A,B,...\n\n"
        "Lessons: " + "; ".join(f"{n} ({description})" for n, (_, description) in LESSON_TEXTS.items()) + "\n\nSettings: "
        + "; ".join(f"{n}: {h}" for n, h in SETTINGS.items()),
    )
    compare.set_defaults(handler=cmd_compare)
    add_config(compare, optional=True)
    compare.add_argument("--lesson", metavar="NAME", help=f"a ready-made comparison: {', '.join(LESSON_TEXTS)}")
    compare.add_argument("--vary", metavar="SETTING", help=f"the setting to vary: {', '.join(SETTINGS)}")
    compare.add_argument("--values", metavar="A,B,...", help="comma-separated values of that setting")
    add_dataset(compare, "run every variant on this dataset instead")
    add_epochs(compare, "epochs per variant")
    add_device(compare)
    add_data_dir(compare)
    compare.add_argument("--json", action="store_true", help="print the results (with per-epoch histories) as JSON")
    compare.add_argument("--quiet", action="store_true", help="no progress lines")

    ensemble = sub.add_parser(
        "ensemble",
        help="train K copies of a config with different seeds (or the top K trials of a search) and average their probabilities",
        description="Each member trains with its own seed (the config's seed, +1, ...); the ensemble averages "
        "their class probabilities. Prints each member's and the ensemble's test accuracy. With --from-study, "
        "the members are the K best complete trials of a hyperparameter search (playground tune), retrained "
        "from their settings since a study keeps no weights. --export writes the averaging model as ONNX.",
    )
    ensemble.set_defaults(handler=cmd_ensemble)
    add_config(
        ensemble,
        optional=True,
        help="a preset name or a run-config JSON file (with --from-study: the config the study "
        "searched around; default the one the study stored)",
    )
    ensemble.add_argument("--members", type=int, default=5, metavar="K", help="how many models (default 5)")
    ensemble.add_argument("--from-study", metavar="NAME", help="ensemble the best trials of this study")
    ensemble.add_argument("--storage", metavar="URL", help="the study's Optuna storage (default: the app's studies.db)")
    ensemble.add_argument("--top", type=int, default=3, metavar="K", help="with --from-study: how many trials (default 3)")
    ensemble.add_argument("--export", metavar="FILE.onnx", help="write the ensemble (the averaging model) as ONNX")
    add_dataset(ensemble, "train every member on this dataset instead")
    add_epochs(ensemble, "epochs per member")
    add_device(ensemble)
    add_data_dir(ensemble)
    ensemble.add_argument("--json", action="store_true", help="print the results as JSON")
    ensemble.add_argument("--quiet", action="store_true", help="no progress lines")

    evaluate = sub.add_parser(
        "evaluate",
        help="confusion matrix, per-class accuracy and most confidently wrong examples of a trained model",
        description="Predict a dataset split with a trained classifier and print its confusion matrix (rows: true "
        "class, columns: predicted), the accuracy of each class and the examples it got wrong most confidently.",
    )
    evaluate.set_defaults(handler=cmd_evaluate)
    evaluate.add_argument("model", metavar="MODEL", help="a model file (.safetensors bundle, ...) or 'starter'")
    add_dataset(evaluate, "default: the dataset the model was trained on")
    evaluate.add_argument("--split", default="test", choices=["test", "train"])
    evaluate.add_argument("--top", type=int, default=10, metavar="N", help="how many confidently wrong examples to list (default 10)")
    add_data_dir(evaluate)
    evaluate.add_argument("--json", action="store_true", help="print the evaluation as JSON")


def _fmt(x, percent=False) -> str:
    if x is None:
        return "-"
    return f"{x:.2%}" if percent else f"{x:.4f}"


def cmd_compare(args) -> int:
    from playground.core.config.presets import load_run_config
    from playground.core.errors import ConfigError
    from playground.core.experiments.compare import ComparisonCallback, format_seconds, run_comparison, vary
    from playground.core.experiments.lessons import lesson
    from playground.core.training.loop import RunControl

    positive(args.epochs, "--epochs")
    if args.lesson and (args.config or args.vary or args.values):
        raise ConfigError("Give either --lesson NAME or CONFIG --vary SETTING --values A,B — not both.")
    if args.lesson:
        comparison = lesson(args.lesson, dataset=args.dataset, epochs=args.epochs, device=args.device)
    else:
        if not args.config:
            raise ConfigError("Nothing to compare — give --lesson NAME, or CONFIG --vary SETTING --values A,B.")
        if not args.vary or not args.values:
            raise ConfigError("Say what to vary: --vary SETTING --values A,B (e.g. --vary optimizer --values sgd,adam).")
        # Not validated here: vary checks each variant and names the one at fault.
        base = override(
            load_run_config(args.config), dataset=args.dataset, epochs=args.epochs, device=args.device, validate=False
        )
        comparison = vary(base, args.vary, args.values.split(","))

    first = comparison.variants[0].config
    dataset = load_data(first.data.name, first.data.options, args.data_dir, quiet=args.quiet or args.json)
    if not (args.quiet or args.json):
        print(comparison.plan(), file=sys.stderr, flush=True)
        if comparison.description:
            print(f"What to expect: {comparison.description}", file=sys.stderr, flush=True)

    class Progress(ComparisonCallback):
        def on_variant_start(self, index, variant):
            print(f"[{index + 1}/{len(comparison.variants)}] {variant.name} ...", file=sys.stderr, flush=True)

        def on_variant_end(self, index, result):
            r = result.result
            _, val = result.validation()
            acc = "" if val is None else f" validation accuracy {val:.2%},"
            print(f"      {result.status}:{acc} {format_seconds(r.train_seconds)} s", file=sys.stderr, flush=True)

    control = RunControl()
    with stop_on_ctrl_c(control):
        result = run_comparison(
            comparison, dataset, callbacks=[] if args.quiet or args.json else [Progress()], control=control
        )
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(f"{comparison.title} on {result.dataset}")
        print(result.table())
        for line in result.summary():
            print(line)
        for note in result.notes:
            print(f"Note: {note.text}")
    return EXIT_INTERRUPTED if result.status == "stopped" else EXIT_OK


def cmd_ensemble(args) -> int:
    from playground.core.config.presets import load_run_config
    from playground.core.errors import ConfigError
    from playground.core.experiments.ensemble import train_ensemble, train_ensemble_from_configs
    from playground.core.training.loop import RunControl

    positive(args.epochs, "--epochs")
    export = _export_path(args.export)
    if args.from_study:
        configs, labels = _study_members(args)
        cfg = configs[0]
    else:
        if not args.config:
            raise ConfigError("Give a CONFIG (a preset name or a run-config JSON file), or --from-study NAME.")
        if args.members < 2:
            raise ConfigError(f"An ensemble needs at least two members, got --members {args.members}.")
        cfg = _overridden(load_run_config(args.config), args)
        configs, labels = None, None
    dataset = load_data(cfg.data.name, cfg.data.options, args.data_dir, quiet=args.quiet or args.json)
    quiet = args.quiet or args.json
    total = len(configs) if configs else args.members

    def on_member_end(i, r):
        if not quiet:
            name = labels[i] if labels else f"seed {cfg.train.seed + i}"
            print(f"[{i + 1}/{total}] {name}: {r.status}, test accuracy {_fmt(r.test_accuracy, True)}",
                  file=sys.stderr, flush=True)

    control = RunControl()
    with stop_on_ctrl_c(control):
        if configs:
            result = train_ensemble_from_configs(configs, dataset, labels=labels, control=control, on_member_end=on_member_end)
        else:
            result = train_ensemble(cfg, args.members, dataset, control=control, on_member_end=on_member_end)
    written = None
    if export is not None and result.ensemble is not None:
        from playground.core.experiments.ensemble import export_ensemble

        written = export_ensemble(result, "onnx", export)[0]
    if args.json:
        print(json.dumps({**result.to_dict(), "exported": str(written) if written else None}, indent=2, ensure_ascii=False))
    else:
        print(result.table())
        for line in result.skipped:
            print(f"left out: {line}")
        if written:
            print(f"Exported the ensemble of {len(result.members)} to {written}")
        elif export is not None:
            print("Nothing exported: no member finished training.")
    return EXIT_INTERRUPTED if result.status == "stopped" else EXIT_OK


def _overridden(cfg, args):
    """`cfg` with --dataset, --epochs and --device applied, checked."""
    return override(cfg, dataset=args.dataset, epochs=args.epochs, device=args.device)


def _export_path(text):
    """The --export path, checked before any training: an .onnx file in an existing folder."""
    from playground.core.io.bundle import ExportError, check_writable

    if not text:
        return None
    path = Path(text)
    if not path.suffix:
        path = path.with_name(path.name + ".onnx")
    if path.suffix.lower() != ".onnx":
        raise ExportError(f"An ensemble exports as ONNX — name the file {path.with_suffix('.onnx').name} instead of {path.name}.")
    return check_writable(path)


def _study_members(args):
    """(configs, labels) of the --top best complete trials of --from-study."""
    import optuna

    from playground.core.config.presets import load_run_config
    from playground.core.errors import ConfigError
    from playground.core.experiments.tune import default_storage_path, open_storage, sqlite_url, study_top_configs
    from playground.core.experiments.search_space import TuneError

    if args.dataset:
        raise ConfigError("--dataset cannot change a study's data: its trials were scored on the data they searched.")
    if args.top < 2:
        raise ConfigError(f"An ensemble needs at least two members, got --top {args.top}.")
    url = args.storage or sqlite_url(default_storage_path())
    storage = open_storage(url)
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    try:
        study = optuna.load_study(study_name=args.from_study, storage=storage)
    except KeyError:
        names = ", ".join(s.study_name for s in optuna.get_all_study_summaries(storage)) or "none"
        raise TuneError(f"No study '{args.from_study}' in {url}. Its studies: {names}.") from None
    base = load_run_config(args.config) if args.config else None
    top = study_top_configs(study, args.top, base)
    storage.engine.dispose()
    if len(top) < 2:
        raise TuneError(
            f"Study '{args.from_study}' has {len(top)} complete trial{'s' * (len(top) != 1)}; an ensemble needs at least two — run more trials."
        )
    if len(top) < args.top:
        print(f"Only {len(top)} complete trials: the ensemble has {len(top)} members.", file=sys.stderr)
    configs = [_overridden(cfg, args) for _, cfg in top]
    labels = [f"trial {row.number}" for row, _ in top]
    return configs, labels


def _trained_on(path: str, predictor):
    """(dataset name, options) the model was trained on, if its file says."""
    from playground.core.errors import PlaygroundError

    suffix = Path(path).suffix.lower()
    try:
        if suffix in (".safetensors", ".nnpmodel"):
            from playground.core.io.bundle import load_model_bundle

            data = load_model_bundle(path).config.data
            return data.name, dict(data.options)
    except PlaygroundError:
        pass
    meta = predictor.metadata or {}
    name = meta.get("dataset") or (meta.get("metrics") or {}).get("dataset")
    return (name, {}) if name else (None, {})


def cmd_evaluate(args) -> int:
    from playground.core.experiments.evaluate import evaluate_dataset
    from playground.core.inference.loaders import load_predictor
    from playground.core.errors import ConfigError

    if args.top < 0:
        raise ConfigError(f"--top must be 0 or more, got {args.top}.")
    if args.model == "starter":
        from playground.core.inference.starter import load_starter

        predictor = load_starter()
        name, options = None, {}
    else:
        predictor = load_predictor(args.model)
        name, options = _trained_on(args.model, predictor)
    if args.dataset:
        if args.dataset != name:
            options = {}
        name = args.dataset
    if not name:
        raise ConfigError(f"{args.model} does not say which dataset it was trained on — give --dataset NAME.")
    dataset = load_data(name, options, args.data_dir, quiet=args.json)
    ev = evaluate_dataset(predictor, dataset, args.split)
    if args.json:
        print(json.dumps({"model": str(args.model), "dataset": dataset.name, **ev.to_dict(args.top)}, indent=2, ensure_ascii=False))
        return EXIT_OK
    print(f"{args.model} on {dataset.name} ({args.split} split, {len(ev.labels)} samples): accuracy {ev.accuracy:.2%}")
    print("\nConfusion matrix (rows: true class, columns: predicted)")
    print(ev.format_confusion())
    print("\nPer-class accuracy")
    print(ev.format_per_class())
    wrong = ev.confidently_wrong(args.top)
    if wrong:
        names = ev.class_names
        print(f"\nMost confidently wrong ({len(wrong)})")
        print(f"{'INDEX':>6}  {'TRUE':<12}  {'PREDICTED':<12}  {'CONFIDENCE':>10}")
        for m in wrong:
            print(f"{m.index:>6}  {str(names[m.true]):<12}  {str(names[m.predicted]):<12}  {m.confidence:>10.2%}")
    return EXIT_OK
