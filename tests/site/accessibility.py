"""axe-core's WCAG 2.2 AA check of a page in Chromium, with the few known false positives excused."""

from __future__ import annotations

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Known false positives from Material for MkDocs, each with its reason. None are silenced wholesale.
# Each entry: rule id -> (reason, the selector text a node's target must contain to be excused).
KNOWN_FALSE_POSITIVES: dict[str, tuple[str, tuple[str, ...]]] = {
    "target-size": (
        "Material keeps the links of collapsed navigation sections in the page, clipped to no height; axe "
        "measures them as overlapping targets. Visible navigation links are at least 24px tall (toolkit.css). "
        "Only links inside Material's navigation are excused.",
        (".md-nav", "nav[aria-labelledby"),
    ),
}


def axe_problems(axe, page) -> list[str]:
    """axe-core's WCAG 2.2 AA violations on the page, less the known false positives above."""
    problems = []
    # A control still fading in (Material's "Back to top" button, after a summary took focus and
    # scrolled the page) has part of its final contrast: check the page as it settles, not mid-fade.
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running'"
                           " || a.effect?.getTiming().iterations === Infinity)", timeout=5000)
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    for violation in results.response["violations"]:
        excused = KNOWN_FALSE_POSITIVES.get(violation["id"], ("", ()))[1]
        nodes = [node for node in violation["nodes"]
                 if not (excused and any(part in str(node["target"]) for part in excused))]
        if nodes:
            targets = [node["target"] for node in nodes][:3]
            problems.append(f"axe {violation['id']} ({violation['help']}) at {targets}")
    return problems
