"""MNIST-style framing of drawings: crop to the ink, longer side 20 px, centre of mass at the centre."""

import numpy as np
import pytest

from playground.core.data.preprocess import (
    EmptyImageError,
    ImageReadError,
    center_of_mass,
    has_ink,
    ink_box,
    preprocess_digit,
    read_image,
    to_model_input,
)

CENTRE = 13.5  # pixel-centre coordinates of the middle of a 28×28 field


def strokes(size, polylines, width, value=1.0):
    """White strokes (anti-aliased by distance) of `width` px on a black size×size canvas;
    `polylines` are lists of (x, y) points in canvas pixels."""
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float64) + 0.5
    dist = np.full((size, size), np.inf)
    for line in polylines:
        for (x0, y0), (x1, y1) in zip(line[:-1], line[1:]):
            dx, dy = x1 - x0, y1 - y0
            t = np.clip(((xx - x0) * dx + (yy - y0) * dy) / max(dx * dx + dy * dy, 1e-9), 0, 1)
            dist = np.minimum(dist, np.hypot(xx - (x0 + t * dx), yy - (y0 + t * dy)))
    return (np.clip(width / 2 + 0.5 - dist, 0, 1) * value).astype(np.float32)


def seven(size, x, y, h, width):
    """A '7' whose box starts at (x, y) and is h tall and 0.6 h wide."""
    w = 0.6 * h
    return strokes(size, [[(x, y), (x + w, y), (x + 0.25 * w, y + h)]], width)


def four(size, x, y, h, width):
    w = 0.7 * h
    return strokes(size, [[(x + 0.6 * w, y + h), (x + 0.6 * w, y), (x, y + 0.65 * h), (x + w, y + 0.65 * h)]], width)


def zero(size, cx, cy, r, width):
    angles = np.linspace(0, 2 * np.pi, 60)
    return strokes(size, [[(cx + 0.7 * r * np.cos(a), cy + r * np.sin(a)) for a in angles]], width)


CASES = {
    "off-centre seven in a corner": lambda: seven(280, 10, 8, 90, 18),
    "tiny seven": lambda: seven(280, 200, 150, 14, 3),
    "huge four filling the canvas": lambda: four(280, 2, 2, 276, 24),
    "thick zero": lambda: zero(280, 100, 160, 60, 45),
    "thin zero": lambda: zero(280, 180, 120, 80, 2),
    "one (a vertical bar)": lambda: strokes(280, [[(60, 30), (66, 250)]], 20),
    "wide short stroke": lambda: strokes(400, [[(20, 300), (380, 320)]], 16),
    "small canvas": lambda: four(28, 1, 3, 14, 2),
}


def check_framed(out):
    assert out.shape == (28, 28) and out.dtype == np.float32
    assert 0.0 <= out.min() and out.max() <= 1.0 and out.max() == pytest.approx(1.0)
    top, left, bottom, right = ink_box(out, threshold=1e-6)
    assert max(bottom - top, right - left) == 20
    cy, cx = center_of_mass(out)
    assert abs(cy - CENTRE) <= 1.0 and abs(cx - CENTRE) <= 1.0, (cy, cx)


@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize("background", ["black", "white"])
def test_strokes_are_framed_like_mnist(name, background):
    ink = CASES[name]()
    image = ink if background == "black" else 1.0 - ink
    result = preprocess_digit(image)
    check_framed(result.image)
    assert result.inverted == (background == "white")
    assert not result.shift_clamped


def test_both_backgrounds_and_uint8_give_the_same_input():
    ink = seven(280, 40, 30, 150, 20)
    white_ink = preprocess_digit(ink).image
    black_ink_u8 = preprocess_digit((255 - np.round(ink * 255)).astype(np.uint8)).image
    assert np.abs(white_ink - black_ink_u8).max() < 0.02


def test_aspect_ratio_is_kept():
    bar = strokes(280, [[(100, 20), (100, 260)]], 24)  # 240 tall, 24 wide: 10:1
    out = preprocess_digit(bar).image
    top, left, bottom, right = ink_box(out, threshold=1e-6)
    assert bottom - top == 20
    assert right - left == 2


def test_position_and_size_do_not_matter():
    """The same digit drawn big in one corner and small in another frames to nearly the same image."""
    a = preprocess_digit(four(280, 5, 5, 200, 20)).image
    b = preprocess_digit(four(560, 300, 250, 100, 10)).image
    other = preprocess_digit(seven(280, 5, 5, 200, 20)).image
    assert np.abs(a - b).mean() < 0.08  # the same digit, up to sub-pixel phase
    assert np.abs(a - other).mean() > 2 * np.abs(a - b).mean()
    assert (a > 0.5).sum() == pytest.approx((b > 0.5).sum(), rel=0.2)


def test_grey_paper_counts_as_background():
    ink = zero(200, 90, 110, 50, 12)
    photo = 0.8 - 0.6 * ink + np.random.default_rng(0).normal(0, 0.01, ink.shape).astype(np.float32)
    result = preprocess_digit(np.clip(photo, 0, 1))
    assert result.inverted
    check_framed(result.image)


def test_rgb_rgba_and_channel_first_inputs():
    ink = seven(140, 20, 20, 90, 10)
    expected = preprocess_digit(ink).image
    rgb = np.repeat((255 - ink * 255).astype(np.uint8)[..., None], 3, axis=2)  # black ink on white, RGB
    assert np.abs(preprocess_digit(rgb).image - expected).max() < 0.02
    rgba = np.zeros((140, 140, 4), dtype=np.uint8)  # black strokes on a transparent background
    rgba[..., 3] = np.round(ink * 255)
    assert np.abs(preprocess_digit(rgba).image - expected).max() < 0.02
    chw = ink[None]  # 1×H×W as a Dataset stores it
    assert np.abs(preprocess_digit(chw).image - expected).max() < 1e-6


def test_empty_images_are_refused_clearly():
    for blank in (np.zeros((280, 280)), np.ones((50, 80)), np.full((28, 28), 0.5), np.zeros((200, 200, 4), np.uint8)):
        assert not has_ink(blank)
        with pytest.raises(EmptyImageError, match="Nothing is drawn"):
            preprocess_digit(blank)
    assert has_ink(seven(100, 10, 10, 50, 5))


def test_ink_touching_the_edge_still_frames():
    out = preprocess_digit(strokes(100, [[(0, 0), (99, 99)]], 8)).image
    check_framed(out)


def test_extreme_centre_of_mass_is_kept_inside_the_field():
    """A mass far off the box centre would push ink out of the field: it is moved less."""
    ink = np.zeros((100, 100), np.float32)
    ink[10:90, 10:14] = 1.0  # a heavy bar on the left
    ink[88:90, 10:90] = 0.15  # a faint long foot widens the box
    result = preprocess_digit(ink)
    top, left, bottom, right = ink_box(result.image, threshold=1e-6)
    assert max(bottom - top, right - left) == 20
    assert result.shift_clamped
    assert 0 <= left and right <= 28


def test_other_field_sizes_and_model_inputs():
    out = preprocess_digit(four(280, 30, 40, 150, 16), size=32).image
    assert out.shape == (32, 32)
    top, left, bottom, right = ink_box(out, threshold=1e-6)
    assert max(bottom - top, right - left) == round(32 * 20 / 28)
    framed = preprocess_digit(four(280, 30, 40, 150, 16)).image
    batch = to_model_input(framed, (1, 28, 28))
    assert batch.shape == (1, 1, 28, 28) and np.array_equal(batch[0, 0], framed)
    rgb = to_model_input(framed, (3, 32, 32))
    assert rgb.shape == (1, 3, 32, 32) and np.array_equal(rgb[0, 0], rgb[0, 2])


def test_read_image_files(tmp_path):
    from PIL import Image

    ink = seven(120, 20, 15, 80, 9)
    Image.fromarray((255 - ink * 255).astype(np.uint8), "L").save(tmp_path / "seven.png")
    rgba = np.zeros((120, 120, 4), np.uint8)
    rgba[..., 3] = (ink * 255).astype(np.uint8)
    Image.fromarray(rgba, "RGBA").save(tmp_path / "seven-transparent.png")
    a = preprocess_digit(read_image(tmp_path / "seven.png")).image
    b = preprocess_digit(read_image(tmp_path / "seven-transparent.png")).image
    assert np.abs(a - b).max() < 0.02
    check_framed(a)
    (tmp_path / "notes.png").write_text("not an image")
    with pytest.raises(ImageReadError, match="not an image"):
        read_image(tmp_path / "notes.png")
    with pytest.raises(ImageReadError, match="No image file"):
        read_image(tmp_path / "missing.png")
