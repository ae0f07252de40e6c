"""QR codes as inline SVG (segno, imported on first use: no CDN, no image file)."""


def qr_svg(text: str, *, scale: int = 4, title: str = "") -> str:
    import segno

    code = segno.make(text, error="m")
    return code.svg_inline(scale=scale, title=title) if title else code.svg_inline(scale=scale)
