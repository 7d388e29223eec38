"""Sizing a layer stack's output to a dataset: the last Dense layer to the number of classes
(ending in Softmax) or of targets (no Softmax). What `playground train --csv` does to a preset,
whose stack cannot know how many classes a learner's table has."""

from __future__ import annotations

import dataclasses

from playground.core.config.model_spec import LayerSpec, ModelSpec

__all__ = ["with_outputs"]


def with_outputs(spec: ModelSpec, task: str, outputs: int) -> ModelSpec:
    """`spec` with its last Dense layer giving `outputs` values, followed by Softmax for
    classification and by nothing for regression; a stack without a Dense layer gets one."""
    layers = list(spec.layers)
    if layers and layers[-1].type == "Activation" and layers[-1].get("function") == "Softmax":
        layers.pop()
    dense = max((i for i, layer in enumerate(layers) if layer.type == "Dense"), default=None)
    if dense is None:
        layers.append(LayerSpec("Dense", {"units": outputs}))
    else:
        params = {k: v for k, v in layers[dense].params.items() if not (k == "activation" and v == "Softmax")}
        layers[dense] = LayerSpec("Dense", {**params, "units": outputs})
    if task == "classification":
        layers.append(LayerSpec("Activation", {"function": "Softmax"}))
    return dataclasses.replace(spec, layers=tuple(layers))
