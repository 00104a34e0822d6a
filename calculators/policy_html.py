"""The Policy's own data as HTML, for the Policy pages: the Corporate Plan priorities."""

from __future__ import annotations

from .corporate_plan import corporate_priorities
from .html import esc


def priorities_table() -> str:
    """The Corporate Plan priorities as an accessible table, each row linkable (#priority-safe)."""
    rows = "".join(
        f'<tr id="priority-{p["id"].lower()}"><th scope="row">{esc(p["id"])}</th><td><ul>'
        + "".join(f"<li>{esc(c)}</li>" for c in p["commitments"]) + "</ul></td></tr>"
        for p in corporate_priorities()
    )
    return ('<table class="sv-priorities"><caption>The Council\'s strategic corporate priorities</caption>'
            '<thead><tr><th scope="col">Priority</th><th scope="col">What the Council will do</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>")
