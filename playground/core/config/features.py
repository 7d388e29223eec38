"""Input features of 2-D points, as TensorFlow Playground offers them: x₁, x₂, x₁², x₂², x₁x₂,
sin x₁ and sin x₂.

A model may list the features its first layer sees (`ModelSpec.features`); the built network
starts with a module without parameters that computes them from the raw point (x₁, x₂), so
the model — trained, drawn as a decision boundary, saved, exported — always takes the raw two
coordinates. The default, no list, is the raw point itself: the same as ("x1", "x2").

Torch-free: the names, their labels and the code the PyTorch export writes for each.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from playground.core.errors import ConfigError

__all__ = ["FEATURES", "FEATURE_NAMES", "RAW_FEATURES", "Feature", "check_features", "features_label"]


class Feature(NamedTuple):
    label: str  # as TF Playground writes it: "sin x₁"
    code: str  # its value as torch code over the columns x1 and x2 (codegen; FeatureExpansion computes the same)


# In TensorFlow Playground's order, which is also the order the Data tab lists them in.
FEATURES: dict[str, Feature] = {
    "x1": Feature("x₁", "x1"),
    "x2": Feature("x₂", "x2"),
    "x1_squared": Feature("x₁²", "x1 * x1"),
    "x2_squared": Feature("x₂²", "x2 * x2"),
    "x1_times_x2": Feature("x₁x₂", "x1 * x2"),
    "sin_x1": Feature("sin x₁", "torch.sin(x1)"),
    "sin_x2": Feature("sin x₂", "torch.sin(x2)"),
}
FEATURE_NAMES = tuple(FEATURES)
RAW_FEATURES = ("x1", "x2")  # what a model without a feature list sees


def features_label(features: tuple[str, ...]) -> str:
    """"x₁, x₂, sin x₁": the features' labels in their order (the raw point for none)."""
    return ", ".join(FEATURES[f].label for f in (features or RAW_FEATURES))


def check_features(value: Any, where: str = "model.features") -> tuple[str, ...]:
    """A feature list as ModelSpec keeps it: a tuple of known names without repeats; () when it
    is the raw point (x1, x2), the default. Raises ConfigError naming the problem and the fix."""
    names = ", ".join(FEATURE_NAMES)
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise ConfigError(
            f"'{where}' must be a list of input feature names, e.g. [\"x1\", \"x2\", \"sin_x1\"], got {value!r}.",
            "features_not_list", {"key": where, "value": repr(value), "choices": names},
        )
    if not value:
        raise ConfigError(
            f"'{where}' is empty, but the first layer needs at least one input — list one or more of {names}, "
            "or leave 'features' out for the raw point (x1, x2).",
            "no_features", {"key": where, "choices": names},
        )
    for name in value:
        if not isinstance(name, str) or name not in FEATURES:
            raise ConfigError(
                f"'{where}' lists {name!r}, which is no input feature — choose from {names}.",
                "unknown_feature", {"key": where, "value": repr(name), "choices": names},
            )
    repeated = next((name for i, name in enumerate(value) if name in value[:i]), None)
    if repeated is not None:
        raise ConfigError(
            f"'{where}' lists {repeated!r} twice — give each input feature once.",
            "duplicate_feature", {"key": where, "value": repr(repeated)},
        )
    features = tuple(value)
    return () if features == RAW_FEATURES else features
