"""A pretrained backbone in a model's settings (torch-free): which ImageNet network (ResNet-18,
VGG-16) sits before the learner's layers, the picture size it is fed and whether its last block
trains. A ModelSpec with a backbone (`model.backbone` in a config) is: the input, the
backbone as one block (preprocessing included: core/model/backbones.py), then the layer stack,
which sees the backbone's features (512 or 4096 values).

Sizes: 224×224 is what the ImageNet weights were trained on and the default; 112 (4× fewer
multiply-adds) and 64 (12×) trade some accuracy for speed on a CPU — small inputs such as 28×28
digits or 32×32 CIFAR pictures lose little at 112.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from playground.core.errors import ConfigError

__all__ = ["BACKBONES", "BACKBONE_SIZES", "BackboneInfo", "BackboneSpec"]

BACKBONE_SIZES = (224, 160, 112, 64)


@dataclass(frozen=True)
class BackboneInfo:
    name: str  # "resnet18"
    title: str  # "ResNet-18"
    features: int  # what the layer stack receives
    params: int  # parameters of the backbone (without its ImageNet classifier)
    last_block_params: int  # of them, what "fine-tune the last block" trains
    weights_file: str  # torchvision's file name: the hex part is the start of its SHA-256
    classifier: tuple[str, str]  # the ImageNet classifier's weight and bias keys (the head's place)


BACKBONES: dict[str, BackboneInfo] = {
    "resnet18": BackboneInfo(
        "resnet18", "ResNet-18", 512, 11_176_512, 8_393_728, "resnet18-f37072fd.pth", ("fc.weight", "fc.bias")
    ),
    "vgg16": BackboneInfo(
        "vgg16", "VGG-16", 4096, 134_260_544, 126_625_280, "vgg16-397923af.pth",
        ("classifier.6.weight", "classifier.6.bias"),
    ),
}


@dataclass(frozen=True)
class BackboneSpec:
    name: str = "resnet18"
    size: int = 224
    fine_tune_last: bool = False

    def __post_init__(self):
        if not isinstance(self.name, str) or self.name.lower() not in BACKBONES:
            raise ConfigError(
                f"Unknown backbone {self.name!r}; choose one of {', '.join(BACKBONES)}."
            )
        object.__setattr__(self, "name", self.name.lower())
        if isinstance(self.size, bool) or self.size not in BACKBONE_SIZES:
            raise ConfigError(
                f"The backbone's picture size must be one of {', '.join(map(str, BACKBONE_SIZES))}, got {self.size!r}."
            )
        if not isinstance(self.fine_tune_last, bool):
            raise ConfigError(f"'fine_tune_last' must be true or false, got {self.fine_tune_last!r}.")

    @property
    def info(self) -> BackboneInfo:
        return BACKBONES[self.name]

    @property
    def frozen(self) -> bool:
        return not self.fine_tune_last

    def describe(self) -> str:
        """'ResNet-18 (ImageNet), frozen, 224×224' (English; the window says it in its language)."""
        how = "last block fine-tuned" if self.fine_tune_last else "frozen"
        return f"{self.info.title} (ImageNet), {how}, {self.size}×{self.size}"

    def trainable_params(self) -> int:
        return self.info.last_block_params if self.fine_tune_last else 0

    def to_dict(self) -> dict:
        return {"name": self.name, "size": self.size, "fine_tune_last": self.fine_tune_last}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | str) -> "BackboneSpec":
        if isinstance(data, str):
            return cls(data)
        if not isinstance(data, Mapping):
            raise ConfigError(f"'model.backbone' must be a name such as \"resnet18\" or an object, got {data!r}.")
        unknown = set(data) - {"name", "size", "fine_tune_last"}
        if unknown:
            raise ConfigError(
                f"'model.backbone' has unknown key(s) {', '.join(sorted(unknown))}; allowed: name, size, fine_tune_last."
            )
        return cls(data.get("name", "resnet18"), data.get("size", 224), data.get("fine_tune_last", False))
