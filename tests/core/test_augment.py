
import math

import pytest
import torch
import torch.nn.functional as F

from playground.core.data.augment import Augmenter, _affine_grid
from playground.core.config.spec import AugmentConfig
from playground.core.errors import ConfigError


def _augment(x, seed=0, **options):
    return Augmenter(AugmentConfig(**options), generator=torch.Generator().manual_seed(seed))(x)


def _blob(n=32, size=28, centre=(14.0, 14.0), sigma=1.5):
    """n copies of a Gaussian spot at (row, col) `centre`, in pixel coordinates."""
    rows = torch.arange(size, dtype=torch.float32).view(size, 1)
    cols = torch.arange(size, dtype=torch.float32).view(1, size)
    spot = torch.exp(-((rows - centre[0]) ** 2 + (cols - centre[1]) ** 2) / (2 * sigma**2))
    return spot.expand(n, 1, size, size).clone()


def _centre_of_mass(x):
    """(row, col) centre of mass of each image, shape N×2."""
    n, _, h, w = x.shape
    mass = x.sum(dim=(1, 2, 3))
    rows = (x.sum(dim=(1, 3)) * torch.arange(h)).sum(1) / mass
    cols = (x.sum(dim=(1, 2)) * torch.arange(w)).sum(1) / mass
    return torch.stack([rows, cols], 1)


def _translated(x, dy, dx):
    """x moved by whole pixels (down dy, right dx), zero fill."""
    out = torch.zeros_like(x)
    h, w = x.shape[-2:]
    out[..., max(dy, 0) : h + min(dy, 0), max(dx, 0) : w + min(dx, 0)] = x[
        ..., max(-dy, 0) : h + min(-dy, 0), max(-dx, 0) : w + min(-dx, 0)
    ]
    return out


ALL_ON = dict(rotation=20, shift=0.1, scale=0.1, hflip=True, crop=2, brightness=0.2, contrast=0.3, noise=0.1)


def test_disabled_returns_the_batch_itself():
    x = torch.rand(4, 1, 8, 8)
    aug = Augmenter(AugmentConfig())
    assert not aug.enabled and aug(x) is x


@pytest.mark.parametrize(
    "options", [ALL_ON, {"noise": 0.1}, {"hflip": True}, {"brightness": 0.5}, {"contrast": 0.9}, {"crop": 3}]
)
def test_shape_dtype_device_and_range_are_kept_and_the_input_untouched(options):
    x = torch.rand(16, 3, 12, 20)
    before = x.clone()
    out = _augment(x, **options)
    assert out.shape == x.shape and out.dtype == x.dtype and out.device == x.device
    assert out.min() >= 0 and out.max() <= 1
    assert not torch.equal(out, x)
    assert torch.equal(x, before)


def test_same_seed_same_result_other_seed_other_result():
    x = torch.rand(8, 1, 16, 16)
    assert torch.equal(_augment(x, seed=3, **ALL_ON), _augment(x, seed=3, **ALL_ON))
    assert not torch.equal(_augment(x, seed=3, **ALL_ON), _augment(x, seed=4, **ALL_ON))


def test_hflip_mirrors_about_half_of_the_images():
    x = torch.rand(64, 2, 5, 7)
    out = _augment(x, hflip=True)
    same = torch.tensor([torch.equal(o, i) for o, i in zip(out, x)])
    mirrored = torch.tensor([torch.equal(o, i.flip(-1)) for o, i in zip(out, x)])
    assert bool((same ^ mirrored).all())
    assert 16 <= int(mirrored.sum()) <= 48


def test_hflip_inside_the_affine_transform_mirrors_too():
    # A tiny zoom range makes the affine path run while staying (almost) the identity.
    x = _blob(64, centre=(10.0, 6.0))
    com = _centre_of_mass(_augment(x, hflip=True, scale=1e-6))
    left, right = com[:, 1] < 14, com[:, 1] > 14
    assert bool((left | right).all()) and 16 <= int(right.sum()) <= 48
    assert torch.allclose(com[right], torch.tensor([10.0, 27 - 6.0]), atol=1e-3)
    assert torch.allclose(com[left], torch.tensor([10.0, 6.0]), atol=1e-3)


def test_shift_moves_the_centre_of_mass_within_the_range():
    out = _augment(_blob(64), shift=0.1)
    moved = _centre_of_mass(out) - 14.0
    assert moved.abs().max() <= 0.1 * 28 + 1e-3
    assert moved.abs().max() > 1.0  # really moved
    assert moved[:, 0].std() > 0.5 and moved[:, 1].std() > 0.5  # independently in x and y


def test_crop_is_a_whole_pixel_translation_with_zero_fill():
    x = torch.rand(32, 1, 10, 10)
    out = _augment(x, crop=2)
    shifts = set()
    for o, i in zip(out, x):
        offsets = [(dy, dx) for dy in range(-2, 3) for dx in range(-2, 3)]
        matches = [(dy, dx) for dy, dx in offsets if torch.allclose(o, _translated(i, dy, dx), atol=1e-5)]
        assert len(matches) == 1
        shifts.add(matches[0])
    assert len(shifts) > 5  # several of the 25 offsets were drawn


def test_noise_has_the_configured_std():
    out = _augment(torch.full((64, 1, 28, 28), 0.5), noise=0.1)
    assert (out - 0.5).std().item() == pytest.approx(0.1, rel=0.05)
    assert out.mean().item() == pytest.approx(0.5, abs=0.005)


def test_brightness_adds_one_offset_per_image():
    x = torch.rand(32, 1, 8, 8) * 0.5 + 0.25
    delta = _augment(x, brightness=0.2) - x
    per_image = delta.flatten(1)
    assert torch.allclose(per_image, per_image[:, :1].expand_as(per_image), atol=1e-6)
    assert per_image.abs().max() <= 0.2 + 1e-6 and per_image[:, 0].std() > 0.05


def test_contrast_scales_around_each_images_mean():
    x = torch.rand(32, 3, 8, 8) * 0.5 + 0.25
    out = _augment(x, contrast=0.5)  # stays inside [0, 1], so nothing is clipped
    assert torch.allclose(out.mean(dim=(1, 2, 3)), x.mean(dim=(1, 2, 3)), atol=1e-5)
    ratio = out.flatten(1).std(1) / x.flatten(1).std(1)
    assert bool(((ratio >= 0.5 - 1e-4) & (ratio <= 1.5 + 1e-4)).all()) and ratio.std() > 0.1


def test_rotation_turns_a_spot_around_the_centre():
    # Image centre is at pixel 13.5; the spot sits 8 pixels right of it.
    x = _blob(64, centre=(13.5, 21.5), sigma=1.0)
    com = _centre_of_mass(_augment(x, rotation=90)) - 13.5
    radius = com.norm(dim=1)
    angle = torch.rad2deg(torch.atan2(com[:, 0], com[:, 1]))
    assert torch.allclose(radius, torch.full_like(radius, 8.0), atol=0.3)
    assert angle.abs().max() <= 90 + 2
    assert angle.min() < -45 and angle.max() > 45  # both ways, and far


def test_scale_zooms_a_centred_spot_in_and_out():
    x = _blob(64, centre=(13.5, 13.5), sigma=3.0)
    out = _augment(x, scale=0.3)
    col_var = (out * ((torch.arange(28) - 13.5) ** 2).view(1, 1, 1, 28)).sum(dim=(1, 2, 3)) / out.sum(dim=(1, 2, 3))
    zoom = col_var.sqrt() / 3.0  # the spot's spread relative to its sigma
    assert torch.allclose(_centre_of_mass(out), torch.tensor(13.5), atol=1e-3)
    assert zoom.min() < 0.85 and zoom.max() > 1.15 and zoom.min() > 0.65 and zoom.max() < 1.35


def test_non_square_images_rotate_without_shearing():
    x = torch.zeros(16, 1, 20, 40)
    x[..., 9:11, 27:29] = 1.0  # 2×2 spot centred at (9.5, 27.5), 8 px right of the image centre
    com = _centre_of_mass(_augment(x, rotation=60))
    radius = (com - torch.tensor([9.5, 19.5])).norm(dim=1)
    # Rotating in normalised coordinates instead would squash the circle into an ellipse (radius down to ~5).
    assert torch.allclose(radius, torch.full_like(radius, 8.0), atol=0.3)


def test_own_affine_grid_matches_torch():
    theta = torch.randn(5, 2, 3, generator=torch.Generator().manual_seed(0))
    for h, w in [(28, 28), (7, 13)]:
        expected = F.affine_grid(theta, [5, 1, h, w], align_corners=False)
        assert torch.allclose(_affine_grid(theta, h, w), expected, atol=1e-6)


def test_flat_inputs_are_refused_with_a_fix():
    with pytest.raises(ConfigError, match="turn augmentation off"):
        _augment(torch.rand(8, 2), noise=0.1)


def test_invalid_config_is_refused():
    with pytest.raises(ConfigError, match="rotation"):
        Augmenter(AugmentConfig(rotation=-5))


def _bar(n=64, size=28, width=2):
    """n copies of a vertical bar through the centre, rows 4..23."""
    x = torch.zeros(n, 1, size, size)
    x[..., 4:24, size // 2 - width // 2 : size // 2 - width // 2 + width] = 1.0
    return x


def test_shear_slants_a_vertical_bar_both_ways_within_the_range():
    out = _augment(_bar(), shear=20)
    top = _centre_of_mass(out[..., 4:9, :])[:, 1]  # column of the bar's top and bottom rows
    bottom = _centre_of_mass(out[..., 19:24, :])[:, 1]
    lean = (bottom - top) / 15  # columns per row between the two bands' centres
    limit = math.tan(math.radians(20))
    assert lean.abs().max() <= limit + 0.02
    assert lean.min() < -limit / 2 and lean.max() > limit / 2  # both ways, and far
    assert torch.allclose(_centre_of_mass(out), torch.tensor(13.5), atol=0.05)  # slanted about the centre
    assert torch.allclose(out.sum(dim=(1, 2, 3)), _bar().sum(dim=(1, 2, 3)), rtol=0.05)  # no ink lost


def test_stroke_grows_and_thins_strokes_within_the_range():
    x = _bar(width=4)
    x[..., 4:24, 12] = 0.5  # anti-aliased edges, as the canvas paints them
    x[..., 4:24, 17] = 0.5
    out = _augment(x, stroke=2)
    width = (out[:, 0, 14] > 0.5).sum(dim=1).float()  # pixels above half ink across the middle row
    assert width.max() >= 7 and width.max() <= 4 + 2 * 2  # grown by up to 2 px on each side
    assert width.min() <= 3 and width.min() >= 2  # thinned, never erased
    assert out.amax(dim=(1, 2, 3)).min() == 1.0  # thinning trims the edges, it does not dim the stroke
    assert out.min() >= 0 and out.max() <= 1
    assert torch.equal(_augment(torch.zeros(4, 1, 8, 8), stroke=2), torch.zeros(4, 1, 8, 8))  # nothing grows from nothing


def test_shear_and_stroke_leave_other_configs_augmenting_as_before():
    """Their random draws come after the others', so turning them on changes nothing else:
    with a shear too small to move a pixel, rotation and shift land exactly where they did."""
    x = _blob(16, centre=(10.0, 17.0))
    before = _centre_of_mass(_augment(x, rotation=30, shift=0.1))
    after = _centre_of_mass(_augment(x, rotation=30, shift=0.1, shear=1e-6))
    assert torch.allclose(before, after, atol=1e-3)


@pytest.mark.parametrize(
    "options, message", [({"shear": 70}, "shear"), ({"shear": -1}, "shear"), ({"stroke": 4}, "stroke"), ({"stroke": -0.5}, "stroke")]
)
def test_shear_and_stroke_out_of_range_are_refused(options, message):
    with pytest.raises(ConfigError, match=message):
        Augmenter(AugmentConfig(**options))


# ------------------------------------------------------------------ colour jitter (issue 17)


def test_colour_jitter_keeps_shape_and_range_and_changes_colour_images():
    x = torch.rand(32, 3, 32, 32)
    before = x.clone()
    for options in ({"saturation": 1.0}, {"hue": 0.5}, {"saturation": 0.5, "hue": 0.1, **ALL_ON}):
        out = _augment(x, **options)
        assert out.shape == x.shape and out.dtype == x.dtype
        assert out.min() >= 0 and out.max() <= 1
        assert not torch.equal(out, x)
    assert torch.equal(x, before)


def test_colour_jitter_leaves_grey_images_and_grey_pixels_alone():
    grey = torch.rand(8, 1, 16, 16)
    assert torch.equal(_augment(grey, saturation=1.0, hue=0.5), grey)
    # a grey pixel (R = G = B) has no colour: neither saturation nor a hue turn changes it
    rgb_grey = torch.rand(8, 1, 16, 16).expand(8, 3, 16, 16).contiguous()
    torch.testing.assert_close(_augment(rgb_grey, saturation=1.0, hue=0.5), rgb_grey, atol=1e-5, rtol=0)


def test_saturation_moves_colours_towards_or_away_from_their_grey():
    red = torch.zeros(64, 3, 4, 4)
    red[:, 0] = 0.6
    red[:, 1:] = 0.3
    out = _augment(red, saturation=0.8)
    spread = out[:, 0, 0, 0] - out[:, 1, 0, 0]  # 0.3 before: how far red stands out from green
    luma = (torch.tensor([0.299, 0.587, 0.114]).view(1, 3) * out[:, :, 0, 0]).sum(1)
    torch.testing.assert_close(luma, torch.full((64,), 0.299 * 0.6 + 0.701 * 0.3), atol=1e-5, rtol=0)  # grey kept
    assert spread.min() < 0.15 and spread.max() > 0.45  # some faded, some more vivid
    assert bool(((spread >= 0.3 * 0.2 - 1e-5) & (spread <= 0.3 * 1.8 + 1e-5)).all())


def test_a_half_turn_of_hue_turns_red_towards_cyan():
    red = torch.zeros(4, 3, 2, 2)
    red[:, 0] = 0.8
    red[:, 1:] = 0.2
    matrix = __import__("playground.core.data.augment", fromlist=["_colour_matrix"])._colour_matrix(
        torch.zeros(4), torch.full((4,), 0.5)
    )
    out = torch.einsum("nij,njhw->nihw", matrix, red)
    assert bool((out[:, 0] < out[:, 1]).all()) and torch.allclose(out[:, 1], out[:, 2], atol=1e-5)


@pytest.mark.parametrize("options", [{"saturation": -0.1}, {"saturation": 1.5}, {"hue": 0.6}, {"hue": -0.1}])
def test_colour_jitter_limits(options):
    with pytest.raises(ConfigError):
        AugmentConfig(**options).validate()
