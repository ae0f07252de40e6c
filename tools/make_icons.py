"""Draw the app's PNG icons from the project's own icon (coach/static/coach/icon.svg).

Run after changing the SVG, then commit the PNGs:

    .venv/bin/python tools/make_icons.py

Headless chromium (the one the browser tests use) rasterises the SVG through Playwright:
`icon-192.png` and `icon-512.png` as drawn (rounded corners, transparent outside),
`maskable-512.png` with the background colour to every edge and the drawing inside the
central safe zone (a launcher may cut it to any shape), and `apple-touch-icon.png` (180 px,
no transparency, as iOS wants).
"""

import base64
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "coach" / "static" / "coach" / "icon.svg"
OUT = ROOT / "coach" / "static" / "coach" / "icons"
CHROMIUM = "/usr/bin/chromium"
BACKGROUND = "#0b6e63"  # the icon's own square; coach/pwa.py reads the same accent from the CSS
SAFE_ZONE = 0.8  # a maskable icon's content must sit inside the central 80 % circle

# name: (size in px, fraction of the size the drawing takes, full-bleed background)
ICONS = {
    "icon-192.png": (192, 1.0, False),
    "icon-512.png": (512, 1.0, False),
    "maskable-512.png": (512, SAFE_ZONE * 0.85, True),
    "apple-touch-icon.png": (180, 0.9, True),
}


def page_for(svg_uri: str, size: int, scale: float, bleed: bool) -> str:
    inner = round(size * scale)
    background = BACKGROUND if bleed else "transparent"
    return f"""<!doctype html><html><body style="margin:0">
<div style="width:{size}px;height:{size}px;background:{background};display:flex;
align-items:center;justify-content:center">
<img src="{svg_uri}" width="{inner}" height="{inner}" alt=""></div></body></html>"""


def main() -> None:
    svg_uri = "data:image/svg+xml;base64," + base64.b64encode(SOURCE.read_bytes()).decode()
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        try:
            for name, (size, scale, bleed) in ICONS.items():
                page = browser.new_page(viewport={"width": size, "height": size})
                page.set_content(page_for(svg_uri, size, scale, bleed))
                page.wait_for_function("document.images[0].complete")
                clip = {"x": 0, "y": 0, "width": size, "height": size}
                page.screenshot(path=str(OUT / name), clip=clip, omit_background=not bleed)
                page.close()
                print(f"{name}: {size}x{size}, {(OUT / name).stat().st_size:,} bytes")
        finally:
            browser.close()


if __name__ == "__main__":
    main()
