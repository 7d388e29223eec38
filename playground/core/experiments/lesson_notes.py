"""Where a comparison's results differ from what its lesson says to expect, in plain words.

Each lesson states beforehand what it should show (lesson_texts.LESSON_EXPECTATIONS). A run
can still end otherwise — too few epochs for RAdam's warm-up, dropout not caught up yet,
curves lying on top of each other — and a learner who sees only the numbers is left
guessing. `explain` checks a finished comparison with a few rules and returns a `Note` for
each surprise: a stable `key`, the `values` its sentence is built from, and the English
`text`. The window says the same in its language from the key and values
(gui/i18n/lesson_text.py), the way it does for SpecError.

    result = run_comparison(lesson("optimizers", epochs=1))
    for note in result.notes:   # run_comparison calls explain
        print(note.text)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

# compare's ComparisonResult and VariantResult: compare imports this module, so not imported here.
ComparisonResult = VariantResult = Any

__all__ = ["NOTE_MESSAGES", "Note", "coinciding", "explain", "join_names", "radam_step_fraction"]

NOTE_MESSAGES: dict[str, str] = {
    "coincide": (
        "{names} drew almost the same curves (accuracies within {gap:.0%} at every epoch), so their lines lie on top "
        "of each other; each variant has its own marker."
    ),
    "coincide_adam": (
        "{names} drew almost the same curves, so their lines lie on top of each other (each variant has its own "
        "marker). That is expected: AdamW and AdaBound are Adam with a change that takes longer than this run's "
        "{steps:,} steps to show — a tiny weight decay, and step bounds that close in on SGD only after about "
        "1,000 steps."
    ),
    "diverged": (
        "{name} diverged: its loss became infinite or not a number, so it was left out of the choice. Its learning "
        "rate is too high for this network — try a smaller one."
    ),
    "radam_warmup": (
        "RAdam is behind Adam ({radam:.1%} against {adam:.1%} validation accuracy) because it was still warming "
        "up: it damps its steps until its gradient statistics are reliable, and after this run's {steps:,} steps "
        "they were still only {fraction:.0%} of Adam's size. Give it more steps (more epochs, or a smaller batch) "
        "and it catches up."
    ),
    "no_overfitting": (
        "The network has not overfitted yet: after {epochs_text} its training accuracy is {train:.1%}, only "
        "{gap:.1%} above its validation accuracy. It overfits once it knows the training samples by heart — run "
        "more epochs."
    ),
    "regularised_still_learning": (
        "{name} narrowed the gap between training and validation accuracy ({gap:.1%} against {base_gap:.1%}), but "
        "its validation accuracy is below no regularisation's ({val:.1%} against {base_val:.1%}): it learns more "
        "slowly, and after {epochs_text} its training accuracy is only {train:.1%}. It has not caught up yet — "
        "try more epochs."
    ),
    "regularised_lower": (
        "{name} narrowed the gap ({gap:.1%} against {base_gap:.1%}) but its validation accuracy stayed below no "
        "regularisation's ({val:.1%} against {base_val:.1%}): here it holds the network back more than it helps "
        "— a weaker setting may do better."
    ),
    "regularised_no_narrower": (
        "{name} did not narrow the gap between training and validation accuracy ({gap:.1%} against {base_gap:.1%} "
        "without regularisation)."
    ),
    "init_not_best": (
        "{expected} was not the best start here: {best} reached {best_val:.1%} validation accuracy and {expected} "
        "{val:.1%} after {epochs_text}. A good start speeds learning up but does not promise the best accuracy; "
        "the histograms show what each start does to the layers."
    ),
    "batchnorm_no_help": (
        "Batch norm did not help here: {with_bn:.1%} validation accuracy with it, {without:.1%} without, after "
        "{epochs_text}."
    ),
    "no_batchnorm_learned": (
        "Without batch norm the network learned anyway ({without:.1%} validation accuracy): the small start slows "
        "it down but did not stop it in {epochs_text}."
    ),
    "xor_mlp_unfinished": (
        "The MLP reached only {val:.1%} validation accuracy after {epochs_text}: it has not finished bending "
        "its boundary — run more epochs."
    ),
    "residual_no_help": (
        "The residual network did not learn better than the plain stack ({residual:.1%} against {plain:.1%} "
        "validation accuracy after {epochs_text}); compare their first layers' gradients in Training health."
    ),
    "transfer_no_help": (
        "Fine-tuning every layer did not beat training from scratch ({tuned:.1%} against {scratch:.1%} validation "
        "accuracy): the starter model's features did not help on this data in {epochs_text}."
    ),
}


@dataclass(frozen=True)
class Note:
    """One surprise: `key` into NOTE_MESSAGES and the values its sentence needs. Variant
    names are under `name`, `best`, `expected` (one) or `names` (a tuple)."""

    key: str
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        values = dict(self.values)
        if "names" in values:
            values["names"] = join_names(values["names"])
        if "epochs" in values:
            values["epochs_text"] = "1 epoch" if values["epochs"] == 1 else f"{values['epochs']} epochs"
        return NOTE_MESSAGES[self.key].format(**values)

    def to_dict(self) -> dict:
        return {"key": self.key, "values": {k: list(v) if isinstance(v, tuple) else v for k, v in self.values.items()},
                "text": self.text}


def join_names(names: Sequence[str]) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def radam_step_fraction(steps: int, beta2: float = 0.999) -> float:
    """RAdam's rectification factor after `steps` steps: how large its adaptive steps are
    against Adam's (Liu et al. 2020; torch.optim.RAdam). 0 while it still takes plain,
    un-adapted steps (the first five with beta2 0.999)."""
    rho_inf = 2 / (1 - beta2) - 1
    rho = rho_inf - 2 * steps * beta2**steps / (1 - beta2**steps) if steps > 0 else 0.0
    if rho <= 5:
        return 0.0
    return math.sqrt((rho - 4) * (rho - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho))


# --------------------------------------------------------------------------- figures


def _last(v: VariantResult):
    return v.result.history[-1] if v.result is not None and v.result.history else None


def _val(v: VariantResult) -> float | None:
    last = _last(v)
    return None if last is None else last.val_accuracy


def _gap(v: VariantResult) -> float | None:
    last = _last(v)
    if last is None or last.accuracy is None or last.val_accuracy is None:
        return None
    return last.accuracy - last.val_accuracy


def _steps(v: VariantResult, n_train: int) -> int:
    train = v.config.train
    return v.result.epochs_completed * math.ceil(n_train / max(1, train.effective_batch_size(n_train)))


def _done(v: VariantResult) -> bool:
    return v.status == "completed" and _val(v) is not None


# --------------------------------------------------------------------------- rules


def _diverged(result: ComparisonResult) -> list[Note]:
    return [Note("diverged", {"name": v.name}) for v in result.variants if v.status == "diverged"]


def _close(a: Sequence[float | None], b: Sequence[float | None], tolerance: float, relative: bool) -> bool:
    pairs = [(x, y) for x, y in zip(a, b) if x is not None and y is not None]
    if not pairs:
        return True
    return all(abs(x - y) <= tolerance * (max(abs(x), abs(y)) if relative else 1) for x, y in pairs)


def _same_curves(a: VariantResult, b: VariantResult, accuracy: float, loss: float) -> bool:
    ha, hb = a.result.history, b.result.history
    if len(ha) != len(hb):
        return False
    return (
        _close([h.accuracy for h in ha], [h.accuracy for h in hb], accuracy, False)
        and _close([h.val_accuracy for h in ha], [h.val_accuracy for h in hb], accuracy, False)
        and _close([h.loss for h in ha], [h.loss for h in hb], loss, True)
        and _close([h.val_loss for h in ha], [h.val_loss for h in hb], loss, True)
    )


def coinciding(result: ComparisonResult, accuracy: float = 0.01, loss: float = 0.03) -> list[list[VariantResult]]:
    """Groups of variants whose curves lie on top of each other: at every epoch, accuracies
    within `accuracy` and losses within the fraction `loss` of each other."""
    done = [v for v in result.variants if v.status == "completed" and v.result.history]
    groups: list[list[VariantResult]] = []
    for v in done:
        for group in groups:
            if all(_same_curves(member, v, accuracy, loss) for member in group):
                group.append(v)
                break
        else:
            groups.append([v])
    return [g for g in groups if len(g) > 1]


def _coincide(result: ComparisonResult) -> list[Note]:
    notes = []
    adam_family = {"adam", "adamw", "adabound"}
    for group in coinciding(result):
        names = tuple(v.name for v in group)
        optimizers = {v.config.optimizer.name for v in group}
        if result.comparison.setting == "optimizer" and optimizers <= adam_family:
            notes.append(Note("coincide_adam", {"names": names, "steps": _steps(group[0], result.sizes.get("train", 0))}))
        else:
            notes.append(Note("coincide", {"names": names, "gap": 0.01}))
    return notes


def _optimizers(result: ComparisonResult) -> list[Note]:
    by_optimizer = {v.config.optimizer.name: v for v in result.variants if _done(v)}
    radam, adam = by_optimizer.get("radam"), by_optimizer.get("adam")
    if radam is None or adam is None or _val(radam) >= _val(adam) - 0.02:
        return []
    steps = _steps(radam, result.sizes.get("train", 0))
    fraction = radam_step_fraction(steps, float(radam.config.optimizer.params.get("beta2", 0.999)))
    if fraction >= 0.9:
        return []  # warmed up: its lag has another cause
    return [Note("radam_warmup", {"radam": _val(radam), "adam": _val(adam), "steps": steps, "fraction": fraction})]


def _weight_init(expected_init: str) -> Callable[[ComparisonResult], list[Note]]:
    def rule(result: ComparisonResult) -> list[Note]:
        done = [v for v in result.variants if _done(v)]
        expected = next((v for v in done if v.config.model.init == expected_init), None)
        if expected is None or len(done) < 2:
            return []
        best = max(done, key=_val)
        if _val(best) - _val(expected) <= 0.01:
            return []
        return [Note("init_not_best", {"expected": expected.name, "best": best.name, "best_val": _val(best),
                                       "val": _val(expected), "epochs": expected.result.epochs_completed})]

    return rule


def _overfitting(result: ComparisonResult) -> list[Note]:
    variants = result.variants
    base = variants[0]
    if not _done(base) or _gap(base) is None:
        return []
    epochs = base.result.epochs_completed
    base_gap, base_val = _gap(base), _val(base)
    notes = []
    if base_gap < 0.1 and _last(base).accuracy < 0.98:
        notes.append(Note("no_overfitting", {"epochs": epochs, "train": _last(base).accuracy, "gap": base_gap}))
        return notes  # nothing to narrow yet
    for v in variants[1:]:
        if not _done(v) or _gap(v) is None:
            continue
        values = {"name": v.name, "gap": _gap(v), "base_gap": base_gap, "val": _val(v), "base_val": base_val}
        if _gap(v) >= base_gap - 0.01:
            notes.append(Note("regularised_no_narrower", {k: values[k] for k in ("name", "gap", "base_gap")}))
        elif _val(v) < base_val - 0.005:
            train = _last(v).accuracy
            if train < 0.95:
                notes.append(Note("regularised_still_learning", {**values, "epochs": v.result.epochs_completed,
                                                                 "train": train}))
            else:
                notes.append(Note("regularised_lower", values))
    return notes


def _batchnorm(result: ComparisonResult) -> list[Note]:
    without, with_bn = result.variants[0], result.variants[1]
    if not (_done(without) and _done(with_bn)):
        return []
    epochs = with_bn.result.epochs_completed
    values = {"with_bn": _val(with_bn), "without": _val(without), "epochs": epochs}
    if _val(with_bn) <= _val(without) + 0.01:
        return [Note("batchnorm_no_help", values)]
    if _val(without) > 0.5:
        return [Note("no_batchnorm_learned", {"without": _val(without), "epochs": epochs})]
    return []


def _xor(result: ComparisonResult) -> list[Note]:
    mlp = result.variants[-1]
    if _done(mlp) and _val(mlp) < 0.9:
        return [Note("xor_mlp_unfinished", {"val": _val(mlp), "epochs": mlp.result.epochs_completed})]
    return []


def _transfer(result: ComparisonResult) -> list[Note]:
    tuned, scratch = result.variants[1], result.variants[2]
    if _done(tuned) and _done(scratch) and _val(tuned) < _val(scratch):
        return [Note("transfer_no_help", {"tuned": _val(tuned), "scratch": _val(scratch),
                                          "epochs": tuned.result.epochs_completed})]
    return []


def _residual(result: ComparisonResult) -> list[Note]:
    plain, residual = result.variants[0], result.variants[-1]
    if _done(plain) and _done(residual) and _val(residual) <= _val(plain) + 0.01:
        return [Note("residual_no_help", {"residual": _val(residual), "plain": _val(plain),
                                          "epochs": residual.result.epochs_completed})]
    return []


_LESSON_RULES: dict[str, Callable[[ComparisonResult], list[Note]]] = {
    "optimizers": _optimizers,
    "weight-init-relu": _weight_init("he_normal"),
    "weight-init-sigmoid": _weight_init("xavier"),
    "overfitting": _overfitting,
    "batchnorm": _batchnorm,
    "xor": _xor,
    "transfer": _transfer,
    "residual": _residual,
}


def explain(result: ComparisonResult) -> list[Note]:
    """The notes for a finished comparison: any lesson's surprises, then variants that
    diverged and curves that coincide (for any comparison). None when it was stopped."""
    if result.status != "completed":
        return []
    rule = _LESSON_RULES.get(result.comparison.lesson)
    notes = rule(result) if rule else []
    return notes + _diverged(result) + _coincide(result)
