"""Pretrained backbones (issue 17 item 3): ResNet-18 and VGG-16 built by the engine take
torchvision's state dicts (keys and shapes written out here, weights random: nothing is
downloaded) and compute what a reference written with torch.nn.functional computes; a model with
a backbone does its own ImageNet preprocessing, counts its parameters, freezes, and trains its
head on features computed once with the same gradients as running the backbone every step."""

import pytest
import torch
import torch.nn.functional as F

from playground.core.config.backbone import BACKBONES, BackboneSpec
from playground.core.config.model_spec import LayerSpec, ModelSpec
from playground.core.model.backbones import VGG16, Backbone, ResNet18
from playground.core.model.build import build_model
from playground.core.training.backbone_cache import HeadOnly, extract


def _bn(prefix, n):
    return {f"{prefix}.weight": (n,), f"{prefix}.bias": (n,), f"{prefix}.running_mean": (n,),
            f"{prefix}.running_var": (n,), f"{prefix}.num_batches_tracked": ()}


def resnet18_keys():
    """torchvision.models.resnet18().state_dict(): names and shapes, written out by hand."""
    keys = {"conv1.weight": (64, 3, 7, 7), **_bn("bn1", 64)}
    inplanes = 64
    for layer, planes in enumerate((64, 128, 256, 512), start=1):
        for block in (0, 1):
            p = f"layer{layer}.{block}"
            cin = inplanes if block == 0 else planes
            keys[f"{p}.conv1.weight"] = (planes, cin, 3, 3)
            keys.update(_bn(f"{p}.bn1", planes))
            keys[f"{p}.conv2.weight"] = (planes, planes, 3, 3)
            keys.update(_bn(f"{p}.bn2", planes))
            if block == 0 and layer > 1:
                keys[f"{p}.downsample.0.weight"] = (planes, inplanes, 1, 1)
                keys.update(_bn(f"{p}.downsample.1", planes))
        inplanes = planes
    keys.update({"fc.weight": (1000, 512), "fc.bias": (1000,)})
    return keys


VGG_CONVS = [(0, 3, 64), (2, 64, 64), (5, 64, 128), (7, 128, 128), (10, 128, 256), (12, 256, 256), (14, 256, 256),
             (17, 256, 512), (19, 512, 512), (21, 512, 512), (24, 512, 512), (26, 512, 512), (28, 512, 512)]


def vgg16_keys():
    keys = {}
    for i, cin, cout in VGG_CONVS:
        keys[f"features.{i}.weight"] = (cout, cin, 3, 3)
        keys[f"features.{i}.bias"] = (cout,)
    for i, (cin, cout) in zip((0, 3, 6), ((25088, 4096), (4096, 4096), (4096, 1000))):
        keys[f"classifier.{i}.weight"] = (cout, cin)
        keys[f"classifier.{i}.bias"] = (cout,)
    return keys


def random_state(keys, seed=0):
    g = torch.Generator().manual_seed(seed)
    state = {}
    for k, shape in keys.items():
        if k.endswith("num_batches_tracked"):
            state[k] = torch.tensor(7)
        elif k.endswith("running_var"):
            state[k] = torch.rand(shape, generator=g) + 0.5
        elif k.endswith(".weight") and len(shape) == 4:
            fan_in = shape[1] * shape[2] * shape[3]
            state[k] = torch.randn(shape, generator=g) * (2 / fan_in) ** 0.5
        else:
            state[k] = torch.randn(shape, generator=g) * 0.1
    return state


# --------------------------------------------------------------------------- references


def ref_bn(x, s, p):
    return F.batch_norm(x, s[f"{p}.running_mean"], s[f"{p}.running_var"], s[f"{p}.weight"], s[f"{p}.bias"], False, 0.0, 1e-5)


def ref_block(x, s, p, stride):
    out = F.relu(ref_bn(F.conv2d(x, s[f"{p}.conv1.weight"], stride=stride, padding=1), s, f"{p}.bn1"))
    out = ref_bn(F.conv2d(out, s[f"{p}.conv2.weight"], padding=1), s, f"{p}.bn2")
    if f"{p}.downsample.0.weight" in s:
        x = ref_bn(F.conv2d(x, s[f"{p}.downsample.0.weight"], stride=stride), s, f"{p}.downsample.1")
    return F.relu(out + x)


def ref_resnet18(x, s):
    x = F.max_pool2d(F.relu(ref_bn(F.conv2d(x, s["conv1.weight"], stride=2, padding=3), s, "bn1")), 3, 2, 1)
    for layer in range(1, 5):
        x = ref_block(x, s, f"layer{layer}.0", 1 if layer == 1 else 2)
        x = ref_block(x, s, f"layer{layer}.1", 1)
    return F.linear(x.mean(dim=(2, 3)), s["fc.weight"], s["fc.bias"])


def test_resnet18_takes_torchvision_keys_and_matches_a_functional_reference():
    state = random_state(resnet18_keys())
    net = ResNet18()
    assert {k: tuple(v.shape) for k, v in net.state_dict().items()} == resnet18_keys()
    net.load_state_dict(state, strict=True)
    net.eval()
    x = torch.rand(2, 3, 64, 64, generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        got, want = net(x), ref_resnet18(x, state)
    assert got.shape == (2, 1000)
    torch.testing.assert_close(got, want, rtol=1e-4, atol=1e-4)
    # The stem and the first block on their own, too: a wrong stride or padding shows here.
    with torch.no_grad():
        stem = net.maxpool(net.relu(net.bn1(net.conv1(x))))
        torch.testing.assert_close(net.layer1[0](stem), ref_block(stem, state, "layer1.0", 1), rtol=1e-5, atol=1e-5)
        torch.testing.assert_close(net.layer2[0](net.layer1(stem)), ref_block(net.layer1(stem), state, "layer2.0", 2))


def test_vgg16_takes_torchvision_keys_and_its_features_match_a_reference():
    with torch.device("meta"):
        net = VGG16()
    assert {k: tuple(v.shape) for k, v in net.state_dict().items()} == vgg16_keys()
    meta_state = {k: torch.empty(s, device="meta") for k, s in vgg16_keys().items()}
    net.load_state_dict(meta_state, strict=True, assign=True)  # names and shapes only: no 528 MB
    # The convolutional part computed for real (15 M parameters) against F on the same tensors.
    features = net.features.to_empty(device="cpu")
    conv_keys = {k: s for k, s in vgg16_keys().items() if k.startswith("features.")}
    state = random_state(conv_keys, seed=2)
    features.load_state_dict({k.removeprefix("features."): v for k, v in state.items()})
    x = torch.rand(1, 3, 32, 32, generator=torch.Generator().manual_seed(3))
    want = x
    pools = {4, 9, 16, 23, 30}
    for i in range(31):
        if i in pools:
            want = F.max_pool2d(want, 2, 2)
        elif f"features.{i}.weight" in state:
            want = F.relu(F.conv2d(want, state[f"features.{i}.weight"], state[f"features.{i}.bias"], padding=1))
    with torch.no_grad():
        torch.testing.assert_close(features(x), want, rtol=1e-4, atol=1e-5)
    assert net.avgpool.output_size == (7, 7)


@pytest.mark.parametrize("name", ["resnet18", "vgg16"])
def test_a_model_with_a_backbone_counts_and_names_its_parameters(name):
    spec = ModelSpec((1, 28, 28), (LayerSpec("Dense", {"units": 3}),), backbone=BackboneSpec(name, 64))
    info = BACKBONES[name]
    assert spec.infer()[0].input_shape == (info.features,)
    with torch.device("meta"):
        model = build_model(spec)
    assert sum(p.numel() for p in model.parameters()) == spec.parameter_count()
    assert spec.parameter_count() == info.params + info.features * 3 + 3
    torchvision = resnet18_keys() if name == "resnet18" else vgg16_keys()
    head = set(info.classifier)
    backbone_keys = {k.removeprefix("backbone.net.") for k in model.state_dict() if k.startswith("backbone.")}
    assert backbone_keys == set(torchvision) - head
    assert not any(p.requires_grad for p in model.backbone.parameters())
    with torch.device("meta"):
        tuned = build_model(ModelSpec((3, 32, 32), spec.layers, backbone=BackboneSpec(name, 64, True)))
    assert sum(p.numel() for p in tuned.backbone.parameters() if p.requires_grad) == info.last_block_params


def test_a_backbone_repeats_grey_resizes_and_normalises_inside_the_model():
    torch.manual_seed(0)
    backbone = Backbone(BackboneSpec("resnet18", 64), channels=1).eval()
    x = torch.rand(2, 1, 28, 28)
    rgb = F.interpolate(x.repeat(1, 3, 1, 1), size=(64, 64), mode="bilinear", align_corners=False)
    mean = torch.tensor([0.485, 0.456, 0.406]).reshape(1, 3, 1, 1)
    std = torch.tensor([0.229, 0.224, 0.225]).reshape(1, 3, 1, 1)
    with torch.no_grad():
        torch.testing.assert_close(backbone(x), backbone.net((rgb - mean) / std))
    # A frozen backbone computes as in eval mode even when its model trains (batch norm's
    # running statistics unchanged, the same features for the same picture).
    before = backbone.net.bn1.running_mean.clone()
    backbone.train()
    with torch.no_grad():
        torch.testing.assert_close(backbone(x), backbone.eval()(x))
        backbone.train()(x)
    assert torch.equal(backbone.net.bn1.running_mean, before)


def test_head_trained_on_cached_features_gets_the_gradients_of_the_full_model():
    torch.manual_seed(0)
    spec = ModelSpec((3, 20, 20), (LayerSpec("Dense", {"units": 16, "activation": "ReLU"}), LayerSpec("Dense", {"units": 2})),
                     backbone=BackboneSpec("resnet18", 64))
    model = build_model(spec)
    model.backbone.net.load_state_dict({k: v for k, v in random_state(resnet18_keys(), 4).items() if not k.startswith("fc.")})
    x, y = torch.rand(6, 3, 20, 20), torch.tensor([0, 1, 0, 1, 1, 0])
    model.train()
    F.cross_entropy(model(x), y).backward()
    full = [p.grad.clone() for p in model.body.parameters()]
    assert all(p.grad is None for p in model.backbone.parameters())
    model.zero_grad(set_to_none=True)
    features = extract(model.backbone, x)
    head = HeadOnly(model).train()
    F.cross_entropy(head(features), y).backward()
    for a, b in zip(full, (p.grad for p in model.body.parameters())):
        torch.testing.assert_close(a, b, rtol=1e-5, atol=1e-6)
