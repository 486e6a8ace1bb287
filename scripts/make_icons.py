"""Draws Trellis's icons (static/icons/): a white lattice on the app's blue.

Run once after changing the design: uv run python scripts/make_icons.py
The PNGs and the .ico are committed; nothing draws them at run time."""

from pathlib import Path

from PIL import Image, ImageDraw

BLUE, WHITE = (11, 92, 173, 255), (255, 255, 255, 255)
OUT = Path(__file__).resolve().parent.parent / "static" / "icons"


def draw(size: int, *, maskable: bool = False) -> Image.Image:
    # Drawn at 4x and scaled down, for smooth diagonals.
    big = size * 4
    image = Image.new("RGBA", (big, big), BLUE if maskable else (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    if not maskable:
        pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=big // 5, fill=BLUE)
    # A maskable icon keeps its drawing inside the middle 80% (the safe zone).
    inset = big * (0.28 if maskable else 0.2)
    low, high = inset, big - inset
    width = max(4, big // 14)
    for step in (0.0, 0.5, 1.0):
        offset = low + (high - low) * step
        pen.line((low, offset, offset, low), fill=WHITE, width=width)
        pen.line((offset, high, high, offset), fill=WHITE, width=width)
        pen.line((low, big - offset, offset, high), fill=WHITE, width=width)
        pen.line((offset, low, high, big - offset), fill=WHITE, width=width)
    return image.resize((size, size), Image.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    draw(192).save(OUT / "icon-192.png")
    draw(512).save(OUT / "icon-512.png")
    draw(512, maskable=True).save(OUT / "icon-maskable-512.png")
    draw(180, maskable=True).convert("RGB").save(OUT / "apple-touch-icon.png")
    draw(64).save(OUT / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])


if __name__ == "__main__":
    main()
