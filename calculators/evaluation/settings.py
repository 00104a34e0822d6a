"""The evaluation section of policy.toml: the share of the bid price above which an offer is
flagged. It is this Toolkit's proposal, with the source that informed it, and it is checked when
loaded, like the proportionality bands."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..data_files import DataFile, SettingsError


@dataclass(frozen=True)
class EvaluationPolicy:
    offer_high_share: Decimal  # percent of the bid price
    typical_range: tuple[Decimal, Decimal]  # percent of contract value, as the source reports it
    source: dict


def build(raw: dict, path="policy.toml") -> EvaluationPolicy:
    """Check the [evaluation] section; raise SettingsError listing every problem."""
    problems = []
    section = raw.get("evaluation")
    if not isinstance(section, dict):
        raise SettingsError(path, ["there must be an [evaluation] section with offer_high_share"])
    share = section.get("offer_high_share")
    if isinstance(share, bool) or not isinstance(share, (int, float)) or not 0 < share <= 100:
        problems.append("evaluation.offer_high_share must be a percent above 0 and up to 100, like 16")
    typical = section.get("offer_typical_range")
    if (not isinstance(typical, list) or len(typical) != 2
            or not all(isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= 100 for v in typical)
            or typical[0] > typical[1]):
        problems.append("evaluation.offer_typical_range must be two percents, lowest first, like [3, 16]")
        typical = [0, 0]
    source = section.get("offer_high_share_source") or {}
    if not (isinstance(source, dict) and source.get("title") and str(source.get("url", "")).startswith("https://")
            and source.get("published")):
        problems.append("evaluation.offer_high_share_source needs a title, an https URL and a published date")
    if problems:
        raise SettingsError(path, problems)
    return EvaluationPolicy(offer_high_share=Decimal(str(share)),
                            typical_range=(Decimal(str(typical[0])), Decimal(str(typical[1]))), source=dict(source))


EVALUATION_SETTINGS = DataFile("policy.toml", build)
load, default = EVALUATION_SETTINGS.load, EVALUATION_SETTINGS.default
