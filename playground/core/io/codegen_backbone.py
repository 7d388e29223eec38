"""The code export of a model with a pretrained backbone (core/model/backbones.py): the
backbone's classes copied as source into the exported .py, so that it still needs only torch,
and its preprocessing (grey to 3 channels, resizing, ImageNet normalisation) runs inside the
exported Model as inside the app's."""

from __future__ import annotations

import inspect

from playground.core.config.backbone import BackboneSpec
from playground.core.model import backbones
from playground.core.model.residual import ResidualBlock

__all__ = ["backbone_code", "with_backbone"]


def backbone_code(spec: BackboneSpec, channels: int) -> str:
    """The classes the exported Model's `backbone` is built from, and the Backbone itself."""
    info = spec.info
    if spec.name == "resnet18":
        classes = [ResidualBlock, backbones.ResNet18]
        constants = ""
    else:
        classes = [backbones.VGG16]
        constants = f"_VGG16_CONFIG = {backbones._VGG16_CONFIG!r}\n\n\n"
    source = "\n\n".join(inspect.getsource(c) for c in (backbones.ImageNetInput, *classes))
    how = "its last block fine-tuned here" if spec.fine_tune_last else "frozen while the layers after it trained"
    return (
        "import torch.nn.functional as F\n\n"
        f"# {info.title}, pretrained on ImageNet ({how}): written as torchvision builds it, so its weights\n"
        f"# carry torchvision's names (backbone.net.<name>).\n"
        f"IMAGENET_MEAN = {backbones.IMAGENET_MEAN!r}\nIMAGENET_STD = {backbones.IMAGENET_STD!r}\n"
        f"{constants}\n\n{source}\n\n"
        "class Backbone(nn.Module):\n"
        f'    """The picture as the ImageNet weights expect it ({"grey repeated to 3 channels, " if channels == 1 else ""}'
        f"{spec.size}×{spec.size}, ImageNet's\n"
        f'    mean and std), then {info.title} without its ImageNet classifier: {info.features} features."""\n\n'
        "    def __init__(self):\n"
        "        super().__init__()\n"
        f"        self.input = ImageNetInput({channels}, {spec.size})\n"
        f"        self.net = {classes[-1].__name__}(head=False)\n\n"
        "    def forward(self, x):\n"
        "        return self.net(self.input(x))\n\n\n"
    )


def with_backbone(code: str) -> str:
    """The generated Model with a `backbone` before its body, which then gets its features."""
    code = code.replace(
        "        self.body = nn.Sequential(\n",
        "        self.backbone = Backbone()  # the pretrained network, its preprocessing inside\n"
        "        self.body = nn.Sequential(\n", 1,
    )
    code = code.replace(
        "    dark_training_images = sum(MEAN) / len(MEAN) < 0.5\n    light_border = float(border.mean()) > 0.5\n",
        "    light_border = float(border.mean()) > 0.5\n"
        "    dark_training_images = not light_border  # a backbone takes photos as they are: \"auto\" never inverts\n",
    )
    start = code.index("    def forward(self, x):\n", code.index("class Model(nn.Module)"))
    end = code.index("\n\n", start)
    return code[:start] + "    def forward(self, x):\n        return self.body(self.backbone(x))" + code[end:]
