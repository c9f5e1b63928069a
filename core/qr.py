import segno


def qr_svg(url, title, scale=6, border=3):
    """A QR code of ``url`` as inline SVG: an image with a name for screen readers (the link
    itself is always written out beside it)."""
    svg = segno.make(url, error="m").svg_inline(
        scale=scale, border=border, light="#ffffff", svgclass="qr-code__image", title=title
    )
    return svg.replace("<svg ", f'<svg role="img" aria-label="{title}" ', 1)
