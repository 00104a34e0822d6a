"""QR codes of links, for print: the training handouts' (made at build time) and a printed record's
(made in the browser once the page has installed the "qr" extra, sitebuild/extra_wheels.py). segno is
imported inside the function, so the core still imports with the standard library only."""

from __future__ import annotations


def qr_svg(address: str) -> str:
    """The QR code of an address as an inline SVG element, hidden from screen readers: a code stands
    beside the link it repeats, whose words are printed too. segno picks the smallest symbol that holds
    the address, and raises the error correction when that costs no size. The SVG holds only the
    code's squares, never the address's text. Raises ValueError for an address too long for any code."""
    import segno

    try:
        code = segno.make(address, micro=False)
    except segno.DataOverflowError as error:
        raise ValueError("the link is too long for a QR code") from error
    svg = code.svg_inline(omitsize=True, svgclass="sv-qr", lineclass=None)
    return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)
