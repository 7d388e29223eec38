"""Ensembles: K networks trained alike (different seeds), their probabilities averaged.

Members differ only in their random start and data order, so they make partly independent
mistakes; averaging their probabilities cancels some of them, and the ensemble usually beats
its best member. `Ensemble` is an ordinary `nn.Module` that outputs the averaged
probabilities, so it can be exported (ONNX of the averaging model) like any network, and
`EnsemblePredictor` lets the canvas and the evaluation views use it like one model.

    result = train_ensemble(load_preset("mlp"), k=5)
    print(result.table())        # each member's and the ensemble's test accuracy
    predictor = result.predictor()

Members need not share an architecture: `train_ensemble_from_configs` trains one model per
config (e.g. the top K trials of a hyperparameter search, `tune.study_top_configs`) and
averages their probabilities the same way. `export_ensemble(result, "onnx", path)` writes
the averaging model as one ONNX graph.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

import numpy as np
import torch
from torch import nn

from playground import __version__
from playground.core.config.spec import RunConfig
from playground.core.errors import ConfigError
from playground.core.inference.predictor import Predictor, PredictorError
from playground.core.io.bundle import ExportError, check_writable
from playground.core.io.export import cannot_write, with_format_suffix
from playground.core.io.exporters import EXPORT_FORMAT, onnx_proto, require_onnx, write_onnx
from playground.core.model.trained import TrainedModel, preprocessing_info
from playground.core.training.callbacks import Callback
from playground.core.training.loop import FitResult, RunControl, fit

if TYPE_CHECKING:
    from playground.core.data.dataset import Dataset

__all__ = [
    "Ensemble",
    "EnsemblePredictor",
    "EnsembleResult",
    "export_ensemble",
    "export_ensemble_onnx",
    "is_ensemble",
    "train_ensemble",
    "train_ensemble_from_configs",
]


class Ensemble(nn.Module):
    """Averages its members' outputs: class probabilities (the softmax of each member's
    logits) for classification, predictions for regression.

    Unlike `Network`, `forward` returns probabilities, not logits (`outputs_probabilities`
    says so to exporters and predictors), because the average of logits is not the average
    of probabilities.
    """

    outputs_probabilities = True

    def __init__(self, members: Sequence[nn.Module], task: str = "classification"):
        super().__init__()
        if not members:
            raise ConfigError("An ensemble needs at least one member model.")
        shapes = {tuple(getattr(m, "input_shape", ())) for m in members}
        if len(shapes) != 1:
            raise ConfigError("The ensemble's members take different input shapes — they must be trained on the same data.")
        self.members = nn.ModuleList(members)
        self.task = task
        self.input_shape = shapes.pop()

    def member_outputs(self, x: torch.Tensor) -> torch.Tensor:
        """K×N×C: each member's probabilities (classification) or predictions (regression)."""
        outs = [m(x).float() for m in self.members]
        if self.task == "classification":
            outs = [torch.softmax(o, dim=1) for o in outs]
        return torch.stack(outs)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.member_outputs(x).mean(dim=0)

    @torch.no_grad()
    def predict_proba(self, x: torch.Tensor) -> torch.Tensor:
        """Same as `forward` (for code written against `Network.predict_proba`)."""
        return self(x)

    @classmethod
    def from_models(cls, trained: Sequence[TrainedModel]) -> "Ensemble":
        """An ensemble of trained models (the members' `FitResult.model`, runs of a project)."""
        if any(not t.has_weights for t in trained):
            raise ConfigError("One of the runs kept no weights — it cannot join an ensemble.")
        models = [t.build_model() for t in trained]
        tasks = {t.task for t in trained}
        if len(tasks) > 1:
            raise ConfigError("The runs mix classification and regression — an ensemble needs one task.")
        return cls(models, tasks.pop() if tasks else "classification").eval()


@dataclass
class EnsemblePredictor(Predictor):
    """A `Predictor` over an `Ensemble` (CPU, eval mode, a copy)."""

    ensemble: Ensemble | None = None

    @classmethod
    def from_ensemble(
        cls, ensemble: Ensemble, class_names: list[str] | None, source: str, metadata: dict | None = None
    ) -> "EnsemblePredictor":
        import copy

        ensemble = copy.deepcopy(ensemble).cpu().eval()
        for p in ensemble.parameters():
            p.requires_grad_(False)
        if ensemble.task == "classification" and class_names is None:
            raise PredictorError("A classification ensemble needs its class names.")
        return cls(tuple(ensemble.input_shape), ensemble.task, class_names, source, metadata or {}, ensemble)

    def member_predictions(self, x: np.ndarray) -> np.ndarray:
        """K×N×C: each member's probabilities for raw inputs N×shape."""
        x = np.ascontiguousarray(np.asarray(x, dtype=np.float32))
        with torch.inference_mode():
            return self.ensemble.member_outputs(torch.from_numpy(x)).numpy()

    def _forward(self, x: np.ndarray) -> np.ndarray:
        with torch.inference_mode():
            return self.ensemble(torch.from_numpy(x)).numpy()


@dataclass
class EnsembleResult:
    members: list[FitResult]  # the members that finished training (completed runs)
    seeds: list[int]
    ensemble: Ensemble | None  # None when no member finished
    member_test_accuracy: list[float | None]
    test_accuracy: float | None  # of the ensemble
    test_loss: float | None  # of the ensemble: cross-entropy of the averaged probabilities (MSE for regression)
    status: str  # completed | stopped
    skipped: list[str]  # why members were left out ("seed 3: diverged ...")
    task: str
    class_names: list[str] | None
    labels: list[str] = field(default_factory=list)  # one per kept member: "member 1 (seed 0)", "trial 7 (seed 0)"
    dataset: str = ""  # the name of the data the members trained on

    def predictor(self, source: str = "ensemble") -> EnsemblePredictor:
        if self.ensemble is None:
            raise PredictorError("No member of the ensemble finished training — there is nothing to predict with.")
        return EnsemblePredictor.from_ensemble(self.ensemble, self.class_names, source, self.to_dict())

    def rows(self) -> list[dict[str, Any]]:
        labels = self.labels or [f"member {i + 1} (seed {seed})" for i, seed in enumerate(self.seeds)]
        rows = [
            {"model": label, "test_accuracy": acc, "test_loss": r.test_loss}
            for label, acc, r in zip(labels, self.member_test_accuracy, self.members)
        ]
        rows.append({"model": f"ensemble of {len(self.members)}", "test_accuracy": self.test_accuracy, "test_loss": self.test_loss})
        return rows

    def table(self) -> str:
        lines = [("MODEL", "TEST ACC", "TEST LOSS")]
        for r in self.rows():
            acc = "-" if r["test_accuracy"] is None else f"{r['test_accuracy']:.2%}"
            loss = "-" if r["test_loss"] is None else f"{r['test_loss']:.4f}"
            lines.append((r["model"], acc, loss))
        w = [max(len(l[i]) for l in lines) for i in range(3)]
        return "\n".join(f"{a.ljust(w[0])}  {b.rjust(w[1])}  {c.rjust(w[2])}" for a, b, c in lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "dataset": self.dataset,
            "seeds": self.seeds,
            "results": self.rows(),
            "skipped": self.skipped,
        }


@torch.inference_mode()
def _test_figures(ensemble: Ensemble, dataset: "Dataset", batch_size: int = 2048):
    """Per-member accuracies, the ensemble's accuracy and loss on the test split."""
    x, y = dataset.x_test, dataset.y_test
    if not len(x):
        return [None] * len(ensemble.members), None, None
    ensemble.eval()
    outs = torch.cat([ensemble.member_outputs(x[i : i + batch_size]) for i in range(0, len(x), batch_size)], dim=1)
    mean = outs.mean(dim=0)
    if ensemble.task != "classification":
        return [None] * len(ensemble.members), None, float(torch.mean((mean - y.float()) ** 2))
    members = [float((o.argmax(1) == y).float().mean()) for o in outs]
    accuracy = float((mean.argmax(1) == y).float().mean())
    loss = float(torch.nn.functional.nll_loss(torch.log(mean.clamp_min(1e-12)), y))
    return members, accuracy, loss


def train_ensemble(
    config: RunConfig,
    k: int = 5,
    dataset: "Dataset | None" = None,
    *,
    seeds: Sequence[int] | None = None,
    callbacks: Sequence[Callback] = (),
    control: RunControl | None = None,
    data_dir: str | None = None,
    on_member_end: Callable[[int, FitResult], None] | None = None,
) -> EnsembleResult:
    """Train `k` copies of `config` with seeds `seeds` (default: the config's seed, +1, ...;
    given seeds override `k`) and average them. Members that diverge or are stopped are left out (and listed in
    `skipped`); a stop request skips the remaining members."""
    seeds = list(seeds) if seeds is not None else [config.train.seed + i for i in range(k)]
    if len(seeds) < 2:
        raise ConfigError(f"An ensemble needs at least two members, got {len(seeds)}.")
    if len(set(seeds)) != len(seeds):
        raise ConfigError(f"The ensemble's seeds repeat ({', '.join(map(str, seeds))}) — identical members add nothing.")
    config.validate()
    configs = [config.with_overrides(**{"train.seed": seed}) for seed in seeds]
    labels = [f"member {i + 1} (seed {seed})" for i, seed in enumerate(seeds)]
    return _train_members(configs, labels, dataset, callbacks, control, data_dir, on_member_end)


def train_ensemble_from_configs(
    configs: Sequence[RunConfig],
    dataset: "Dataset | None" = None,
    *,
    labels: Sequence[str] | None = None,
    callbacks: Sequence[Callback] = (),
    control: RunControl | None = None,
    data_dir: str | None = None,
    on_member_end: Callable[[int, FitResult], None] | None = None,
) -> EnsembleResult:
    """Train one member per config — architectures and settings may differ, the data may not —
    and average their probabilities (e.g. the top K trials of a search, whose weights a study
    does not keep). Each member trains with its config's own seed, so it is the model its
    trial scored; a config that repeats an earlier one exactly gets the next free seed, since
    an identical member would add nothing. `labels` name the members in the table (default
    "member 1 (seed 0)", ...). Left-out members and stopping as in `train_ensemble`."""
    configs = list(configs)
    if len(configs) < 2:
        raise ConfigError(f"An ensemble needs at least two members, got {len(configs)}.")
    if labels is not None and len(labels) != len(configs):
        raise ConfigError(f"{len(labels)} labels for {len(configs)} ensemble members — give one label per config.")
    data = {(c.data.name, json.dumps(c.data.options, sort_keys=True, default=str)) for c in configs}
    if len(data) > 1:
        names = ", ".join(sorted({c.data.name for c in configs}))
        raise ConfigError(
            f"The ensemble's members are set up for different data ({names}) — every member must train and be "
            "tested on the same dataset, with the same options."
        )
    for c in configs:
        c.validate()
    configs = _distinct_seeds(configs)
    if labels is None:
        labels = [f"member {i + 1} (seed {c.train.seed})" for i, c in enumerate(configs)]
    return _train_members(configs, list(labels), dataset, callbacks, control, data_dir, on_member_end)


def _distinct_seeds(configs: list[RunConfig]) -> list[RunConfig]:
    """The configs with a repeated (config, seed) moved to the next seed not used by an equal config."""
    seen: set[str] = set()
    out = []
    for cfg in configs:
        while cfg.to_json() in seen:
            cfg = cfg.with_overrides(**{"train.seed": cfg.train.seed + 1})
        seen.add(cfg.to_json())
        out.append(cfg)
    return out


def _train_members(
    configs: list[RunConfig],
    labels: list[str],
    dataset: "Dataset | None",
    callbacks: Sequence[Callback],
    control: RunControl | None,
    data_dir: str | None,
    on_member_end: Callable[[int, FitResult], None] | None,
) -> EnsembleResult:
    """Train each config in turn and average the ones that complete."""
    control = control or RunControl()
    if dataset is None:
        from playground.core.data.registry import load_dataset

        dataset = load_dataset(configs[0].data.name, configs[0].data.options, data_dir=data_dir)
    members: list[FitResult] = []
    kept_seeds: list[int] = []
    kept_labels: list[str] = []
    skipped: list[str] = []
    status = "completed"
    for i, (cfg, label) in enumerate(zip(configs, labels)):
        seed = cfg.train.seed
        if control.stop_requested:
            status = "stopped"
            skipped.append(f"{label}: not trained (stopped)")
            continue
        result = fit(cfg, dataset, callbacks=callbacks, control=control)
        if on_member_end is not None:
            on_member_end(i, result)
        if result.status == "completed":
            members.append(result)
            kept_seeds.append(seed)
            kept_labels.append(label)
        else:
            skipped.append(f"{label}: {result.status} — {result.message}")
            if result.status == "stopped":
                status = "stopped"
    if not members:
        return EnsembleResult([], [], None, [], None, None, status, skipped, dataset.task, dataset.class_names,
                              [], dataset.name)
    ensemble = Ensemble.from_models([m.model for m in members])
    member_acc, accuracy, loss = _test_figures(ensemble, dataset)
    return EnsembleResult(
        members, kept_seeds, ensemble, member_acc, accuracy, loss, status, skipped, dataset.task, dataset.class_names,
        kept_labels, dataset.name,
    )


# --------------------------------------------------------------------------- export


def is_ensemble(source: Any) -> bool:
    """An `EnsembleResult` or `EnsemblePredictor`: exported as one averaging graph."""
    return isinstance(source, (EnsembleResult, EnsemblePredictor))


def _ensemble_metadata(source: Any) -> tuple[nn.Module, dict[str, Any]]:
    """The averaging model (a CPU copy in eval mode) and the metadata an ONNX file of it
    carries: the single-model keys plus what the ensemble is made of."""
    import copy

    if source.ensemble is None:
        raise ExportError("No member of the ensemble finished training — there is nothing to export.", "ensemble_empty")
    model = copy.deepcopy(source.ensemble).cpu().eval()
    info = source.to_dict() if isinstance(source, EnsembleResult) else dict(source.metadata or {})
    rows = list(info.get("results") or [])
    members, total = rows[:-1], rows[-1] if rows else {}
    k = len(model.members)
    # Members trained on the same data share the training set's mean and std; should they
    # not, the file still works (each member normalises inside), but no one pair describes it.
    means = [getattr(m, "input_mean", None) for m in model.members]
    stds = [getattr(m, "input_std", None) for m in model.members]
    # Input features (2-D points): each member computes its own from the raw point, so the file
    # takes the raw point; its mean and std are the features' when the members share them.
    features = [tuple(m.input_features.names) if getattr(m, "input_features", None) is not None else () for m in model.members]
    same_features = all(f == features[0] for f in features)
    same = same_features and all(a is not None and torch.equal(a, means[0]) for a in means) and all(
        b is not None and torch.equal(b, stds[0]) for b in stds
    )
    preprocessing = preprocessing_info(
        tuple(model.input_shape),
        means[0] if same else None,
        stds[0] if same else None,
        "inside the model: each member computes (x - mean) / std per channel (images) or feature"
        if not any(features) else
        "inside the model: each member computes its input features from the raw point (x1, x2), then "
        "(f - mean) / std per feature",
        features[0] if same_features else (),
    )
    if any(features) and not same_features:
        preprocessing["features"] = [list(f) if f else ["x1", "x2"] for f in features]  # one list per member
    classification = source.task == "classification"
    description = (
        f"Ensemble of {k} members: the mean of their class probabilities (each member's softmax)."
        if classification
        else f"Ensemble of {k} members: the mean of their predictions."
    )
    metrics = {"dataset": info.get("dataset") or None, "test_accuracy": total.get("test_accuracy"),
               "test_loss": total.get("test_loss")}
    meta = {
        "format": EXPORT_FORMAT,
        "app_version": __version__,
        "torch_version": torch.__version__,
        "task": source.task,
        "class_names": source.class_names,
        "input_shape": list(model.input_shape),
        "output": "probabilities" if classification else "values",
        "preprocessing": preprocessing,
        "metrics": {key: v for key, v in metrics.items() if v is not None},
        "description": description,
        "ensemble": {
            "members": k,
            "member_names": [m.get("model") for m in members],
            "member_test_accuracy": [m.get("test_accuracy") for m in members],
        },
    }
    return model, meta


def export_ensemble_onnx(source: "EnsembleResult | EnsemblePredictor", path: str | os.PathLike) -> Path:
    """An ensemble as one ONNX graph: raw inputs -> the mean of the members' class
    probabilities ("probabilities"; "values" for regression). Same input, opset and metadata
    as `core.io.exporters.export_onnx`, plus "description" and "ensemble" (member count, names
    and test accuracies); `load_predictor` opens it like any exported model."""
    require_onnx()
    model, meta = _ensemble_metadata(source)
    path = check_writable(path)
    example = torch.rand(2, *model.input_shape)
    proto = onnx_proto(model, example, meta["output"])
    write_onnx(proto, meta, path, meta["description"] + " ")
    return path


def export_ensemble(source: "EnsembleResult | EnsemblePredictor", fmt: str, path: str | os.PathLike) -> list[Path]:
    """`core.io.export.export_model` for an ensemble: ONNX only (`fmt` "onnx"); returns the files written."""
    path = with_format_suffix(Path(path), fmt)
    if fmt != "onnx":
        raise ExportError(
            f"An ensemble exports as ONNX only (one graph that averages its members' probabilities), not as "
            f"{fmt} — choose ONNX, or export a single member's run.",
            "ensemble_onnx_only",
            {"fmt": fmt},
        )
    try:
        return [export_ensemble_onnx(source, path)]
    except OSError as e:
        raise cannot_write(path, e) from None
