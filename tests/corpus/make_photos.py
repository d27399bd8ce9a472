"""Draw the corpus's two photographs: a river valley (landscape) and a hospital tower at dusk
(portrait). Made here from gradients, noise and shapes, so they are free of any licence and
the same on every run: `.venv/bin/python -m tests.corpus.make_photos`.

They only need to look like photographs to a layout: tones from edge to edge, texture, no
flat fields, the file size and proportions of a real picture.
"""

from __future__ import annotations

import itertools
import math
import random
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

CORPUS = Path(__file__).resolve().parent
RGB = tuple[int, int, int]


def _vertical_gradient(size: tuple[int, int], stops: list[tuple[float, RGB]]) -> Image.Image:
    """A top-to-bottom blend through colour stops at fractions 0..1 of the height."""
    width, height = size
    column = Image.new("RGB", (1, height))
    for y in range(height):
        t = y / max(height - 1, 1)
        for (t0, c0), (t1, c1) in itertools.pairwise(stops):
            if t0 <= t <= t1:
                f = (t - t0) / (t1 - t0) if t1 > t0 else 0.0
                column.putpixel(
                    (0, y), tuple(round(a + (b - a) * f) for a, b in zip(c0, c1, strict=True))
                )
                break
    return column.resize((width, height))


def _ridge(rng: random.Random, width: int, base: float, roughness: float) -> list[float]:
    """A hill line by midpoint displacement: heights (in pixels) across the width."""
    points = [base + rng.uniform(-roughness, roughness) for _ in range(2)]
    spread = roughness
    while len(points) < width:
        spread *= 0.55
        refined = []
        for a, b in itertools.pairwise(points):
            refined += [a, (a + b) / 2 + rng.uniform(-spread, spread)]
        points = [*refined, points[-1]]
    step = (len(points) - 1) / (width - 1)
    return [points[round(x * step)] for x in range(width)]


def _texture(size: tuple[int, int], sigma: float, blur: float) -> Image.Image:
    noise = Image.effect_noise(size, sigma)
    return noise.filter(ImageFilter.GaussianBlur(blur)) if blur else noise


def _grain(image: Image.Image, sigma: float) -> Image.Image:
    """Film grain and a soft vignette: what makes a flat drawing read as a photograph."""
    noise = Image.effect_noise(image.size, sigma).convert("RGB")
    grained = ImageChops.add(
        ImageChops.subtract(image, Image.new("RGB", image.size, (8,) * 3)),
        ImageChops.subtract(noise, Image.new("RGB", image.size, (120,) * 3)),
    )
    vignette = Image.radial_gradient("L").resize(image.size).point(lambda v: 255 - v * 0.45)
    dark = Image.new("RGB", image.size, (0, 0, 0))
    return Image.composite(grained, dark, vignette.filter(ImageFilter.GaussianBlur(40)))


def river_valley(path: Path) -> None:
    """Late-afternoon river valley: layered hills, trees on the banks, water catching the sky."""
    rng = random.Random(20240514)
    size = width, height = 1200, 800
    image = _vertical_gradient(
        size,
        [(0, (58, 96, 150)), (0.35, (150, 176, 200)), (0.5, (236, 214, 178)), (1, (236, 214, 178))],
    )
    draw = ImageDraw.Draw(image)
    layers = [
        (0.42, 40, (120, 138, 150)),
        (0.5, 55, (92, 116, 98)),
        (0.6, 60, (70, 98, 62)),
        (0.74, 45, (58, 84, 44)),
    ]
    for fraction, roughness, colour in layers:
        line = _ridge(rng, width, height * fraction, roughness)
        mask = Image.new("L", size, 0)
        ImageDraw.Draw(mask).polygon([(0, height), *enumerate(line), (width - 1, height)], fill=255)
        shade = Image.new("RGB", size, colour)
        texture = _texture(size, 40, 1.5).point(lambda v: 128 + (v - 128) * 0.6)
        shade = ImageChops.multiply(
            shade, Image.merge("RGB", [texture] * 3).point(lambda v: min(255, v * 1.9))
        )
        image.paste(shade, (0, 0), mask)
    # The river: a widening band that winds from the far hills to the foreground.
    left, right = [], []
    for step in range(41):
        t = step / 40
        y = height * (0.55 + 0.45 * t)
        centre = width * (0.5 + 0.16 * math.sin(t * 5.5) * t)
        half = 4 + 300 * t**1.8
        left.append((centre - half, y))
        right.append((centre + half, y))
    water = _vertical_gradient(size, [(0, (200, 206, 206)), (1, (96, 128, 150))])
    water = ImageChops.multiply(
        water, Image.merge("RGB", [_texture(size, 18, 0.8).point(lambda v: min(255, v * 1.8))] * 3)
    )
    mask = Image.new("L", size, 0)
    ImageDraw.Draw(mask).polygon([*left, *reversed(right)], fill=255)
    image.paste(water, (0, 0), mask.filter(ImageFilter.GaussianBlur(2)))
    # Trees along both banks: clusters of dark crowns.
    for bank in (left, right):
        for x, y in bank[6::2]:
            for _ in range(2):
                r = rng.uniform(5, 9) * (y / height) ** 2 * 2
                cx = x + rng.uniform(-r * 2, r * 2) + (r * 2.5 if bank is right else -r * 2.5)
                tone = rng.randint(28, 52)
                draw.ellipse([cx - r, y - 2.2 * r, cx + r, y], fill=(tone, tone + 22, tone - 6))
    image = image.filter(ImageFilter.GaussianBlur(0.8))
    _grain(image, 16).save(path, "JPEG", quality=70, optimize=True, progressive=True)


def hospital_tower(path: Path) -> None:
    """A hospital tower at dusk, seen from the car park: lit windows, a deep blue sky."""
    rng = random.Random(20240208)
    size = width, height = 800, 1200
    image = _vertical_gradient(
        size, [(0, (18, 24, 58)), (0.55, (62, 70, 120)), (0.8, (214, 132, 88)), (1, (214, 132, 88))]
    )
    draw = ImageDraw.Draw(image)
    # The tower, slightly narrower at the top (we look up at it).
    top, bottom = 140, 1010
    draw.polygon([(210, top), (600, top), (650, bottom), (160, bottom)], fill=(38, 42, 52))
    draw.polygon(
        [(600, top), (690, top + 40), (720, bottom - 20), (650, bottom)], fill=(28, 30, 38)
    )
    rows, columns = 24, 9
    for row in range(rows):
        y0 = top + 30 + row * (bottom - top - 60) / rows
        inset = 50 * (1 - row / rows)
        left_edge, right_edge = 185 + inset, 625 - inset
        for column in range(columns):
            x0 = left_edge + column * (right_edge - left_edge) / columns + 6
            x1 = x0 + (right_edge - left_edge) / columns - 14
            lit = rng.random() < 0.42
            colour = (255, rng.randint(196, 226), rng.randint(120, 160)) if lit else (56, 66, 84)
            draw.rectangle([x0, y0, x1, y0 + 18], fill=colour)
    glow = image.filter(ImageFilter.GaussianBlur(9))
    image = ImageChops.screen(image, ImageChops.multiply(glow, Image.new("RGB", size, (120,) * 3)))
    draw = ImageDraw.Draw(image)
    # Street lamps and parked cars in the foreground, the ground wet and dark.
    draw.rectangle([0, bottom, width, height], fill=(30, 30, 34))
    for x in (90, 400, 720):
        draw.line([(x, bottom - 170), (x, height)], fill=(20, 20, 22), width=7)
        draw.ellipse([x - 16, bottom - 186, x + 16, bottom - 160], fill=(255, 224, 170))
    for x in range(-40, width, 170):
        tone = rng.randint(40, 90)
        draw.rounded_rectangle(
            [x, bottom + 90, x + 150, bottom + 170], 26, fill=(tone, tone, tone + 10)
        )
    image = image.filter(ImageFilter.GaussianBlur(1.0))
    _grain(image, 18).save(path, "JPEG", quality=70, optimize=True, progressive=True)


def pay_chart(path: Path) -> None:
    """A plain bar chart, as a newsroom would draw it: four cities under the minimum wage line."""
    import fontpkg_ibm_plex_sans  # the display face the brief ships; any font would do

    font_file = Path(fontpkg_ibm_plex_sans.__file__).parent / "files" / "IBMPlexSans[wdth,wght].ttf"
    label = ImageFont.truetype(str(font_file), 26)
    small = ImageFont.truetype(str(font_file), 22)
    size = width, _ = 1200, 560
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    cities = [("Harwick", 7.48), ("Kelbridge", 6.95), ("Westmarch", 7.21), ("Northport", 6.61)]
    floor, top, scale = 480, 70, 34.0  # pixels per pound
    for index, (city, pay) in enumerate(cities):
        x = 180 + index * 250
        draw.rectangle([x, floor - pay * scale, x + 150, floor], fill=(164, 38, 44))
        draw.text(
            (x + 75, floor - pay * scale - 8),
            f"£{pay:.2f}",
            font=label,
            fill=(28, 27, 26),
            anchor="md",
        )
        draw.text((x + 75, floor + 14), city, font=small, fill=(94, 90, 85), anchor="ma")
    minimum = floor - 10.42 * scale
    for x in range(120, width - 40, 24):
        draw.line([(x, minimum), (x + 12, minimum)], fill=(28, 27, 26), width=3)
    draw.text(
        (120, minimum - 12), "Minimum wage, £10.42", font=small, fill=(28, 27, 26), anchor="ld"
    )
    draw.line([(120, floor), (width - 40, floor)], fill=(28, 27, 26), width=2)
    draw.text(
        (20, top - 40), "Median pay per hour logged in, after costs", font=label, fill=(28, 27, 26)
    )
    image.quantize(16).save(path, "PNG", optimize=True)


def main() -> None:
    river_valley(CORPUS / "landscape-photo" / "photos" / "river-alder.jpg")
    hospital_tower(CORPUS / "portrait-photo" / "photos" / "st-brigids.jpg")
    pay_chart(CORPUS / "rich-body" / "photos" / "pay-chart.png")


if __name__ == "__main__":
    main()
