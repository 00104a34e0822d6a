"""QR codes for print, made at build time with segno: inline SVG, so a page with one makes no extra
request. A code stands beside the link it repeats, whose words are printed too, so screen readers skip it."""

from __future__ import annotations

import segno


def qr_svg(address: str) -> str:
    """The QR code of an address as an inline SVG element, hidden from screen readers. segno picks the
    smallest symbol that holds the address, and raises the error correction when that costs no size."""
    code = segno.make(address, micro=False)
    svg = code.svg_inline(omitsize=True, svgclass="sv-qr", lineclass=None)
    return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)
