"""The evaluation result as an accessible HTML fragment: marks and ranks with flags beside each bid,
how sure the ranking is, a printable moderation record and the method."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ..html import esc, scrolling, source_link, stacked
from ..money import format_money, format_number, long_date
from .compute import ordinal

FLAG_LABELS = {
    "offer_high_share": "High share of price",
    "outlier": "Far above other offers",
    "panel_spread": "Panel scores differ",
    "unvalued_lines": "Lines not valued",
    "realism": "Check realism",
    "double_counting": "Possible double counting",
    "core_delivery": "May include core delivery",
    "zero_deadweight": "No deadweight",
    "same_measure_twice": "Same measure twice",
    "no_adjustments": "No adjustments",
    "custom_matches_catalogue": "Custom line named like a catalogue measure",
    "input_cost": "Valued at the cost of an input",
    "proxy_far_from_catalogue": "Proxy far from the catalogue's",
}


def _places(result: dict, figure: str) -> int:
    """The places the core chose, so that figures which score or rank differently read differently."""
    return result.get("shown_places", {}).get(figure, 2)


def _marks(value, result: dict) -> str:
    return f"{Decimal(str(value)):.{_places(result, 'marks')}f}"


def _pounds(value) -> str:
    """£120,000 for whole pounds, £1,234.56 otherwise."""
    return format_money(value, pence_shown=float(value) != int(float(value)))


def _offer(bid: dict, result: dict) -> str:
    text = esc(_pounds(bid["offer"]))
    if bid["offer_from"] == "lines":
        lines = bid["valuation"]["lines"]
        text += f'<br><span class="sv-note">present value of {esc(lines)} outcome line{"" if lines == 1 else "s"}</span>'
    if bid.get("per_pound") is not None:
        places = _places(result, "pence_per_pound")
        pence = Decimal(str(bid["per_pound"])) * 100
        text += f'<br><span class="sv-note">{esc(f"{pence:,.{places}f}p")} for every £1 of the price</span>'
    return text


def _flag_list(bid: dict) -> str:
    """The bid's flags as short labels, under its name; the moderation record has the full messages."""
    if not bid["flags"]:
        return ""
    items = "".join(f"<li>{esc(FLAG_LABELS.get(flag['code'], flag['code']))}</li>" for flag in bid["flags"])
    return f'<span class="sv-visually-hidden">Flags:</span><ul class="sv-flags">{items}</ul>'


def _headline(result: dict) -> str:
    weighting = format_number(result["inputs"]["weighting"])
    first = [bid for bid in result["bids"] if bid["rank"] == 1]
    if len(first) == 1:
        return (f'<p class="sv-headline"><strong>{esc(first[0]["name"])}</strong> ranks first on social value, with '
                f'<strong>{esc(_marks(first[0]["marks"], result))}</strong> marks out of {esc(weighting)}.</p>')
    names = ", ".join(esc(bid["name"]) for bid in first[:-1]) + f' and {esc(first[-1]["name"])}'
    return (f'<p class="sv-headline"><strong>{names}</strong> share first place on social value, with '
            f'<strong>{esc(_marks(first[0]["marks"], result))}</strong> marks out of {esc(weighting)}.</p>')


def _table(result: dict) -> str:
    inputs = result["inputs"]
    rows = "".join(
        f'<tr><td class="sv-num">{esc(bid["rank"])}</td><th scope="row">{esc(bid["name"])}{_flag_list(bid)}</th>'
        f'<td class="sv-num">{esc(bid["score"])}</td>'
        f'<td class="sv-num">{esc(_marks(bid["qualitative_marks"], result))}</td>'
        f'<td class="sv-num">{_offer(bid, result)}</td>'
        f'<td class="sv-num">{esc(_marks(bid["quantitative_marks"], result))}</td>'
        f'<td class="sv-num"><strong>{esc(_marks(bid["marks"], result))}</strong></td></tr>'
        for bid in result["bids"]
    )
    return scrolling(stacked(
        '<table class="sv-table sv-evaluation-bids">'
        '<caption>Marks and rank of each bid, in the order entered, with flags to check under its name</caption>'
        '<thead><tr><th scope="col" class="sv-num">Rank</th><th scope="col">Bid and flags</th>'
        f'<th scope="col" class="sv-num">Score (0 to {esc(inputs["score_max"])})</th>'
        f'<th scope="col" class="sv-num">Method statement marks (of {esc(format_number(result["qualitative_weighting"]))})</th>'
        '<th scope="col" class="sv-num">Quantified offer</th>'
        f'<th scope="col" class="sv-num">Quantified marks (of {esc(format_number(result["quantitative_weighting"]))})</th>'
        f'<th scope="col" class="sv-num">Social value marks (of {esc(format_number(inputs["weighting"]))})</th>'
        '</tr></thead>'
        f'<tbody>{rows}</tbody></table>'), "Marks and rank of each bid")


def _sensitivity(result: dict) -> str:
    kind = " sv-callout--warning" if result["ranking_sensitive"] else ""
    return f'<h3>How sure is the ranking?</h3><p class="sv-callout{kind}">{esc(result["sensitivity"])}</p>'


def _record(result: dict) -> str:
    """The moderation record: one block per bid for the panel's file, with a box for reasons."""
    inputs = result["inputs"]
    blocks = []
    for number, bid in enumerate(result["bids"], start=1):
        panel = bid.get("panel_scores")
        panel_text = ", ".join(str(score) for score in panel) if panel else "Not recorded"
        flags = "".join(f"<li><strong>{esc(FLAG_LABELS.get(f['code'], f['code']))}.</strong> {esc(f['message'])}"
                        f"{_panel_note(f)}</li>" for f in bid["flags"])
        flag_html = f'<ul class="sv-flag-messages">{flags}</ul>' if flags else "<p>No flags.</p>"
        reasons = esc(bid["notes"]) if bid.get("notes") else ""
        blocks.append(
            f'<section class="sv-record-bid" aria-labelledby="evaluation-record-{number}">'
            f'<h4 id="evaluation-record-{number}">{esc(bid["name"])}: ranked {esc(ordinal(bid["rank"]))}</h4>'
            '<dl class="sv-summary">'
            f'<dt>Agreed score</dt><dd>{esc(bid["score"])} out of {esc(inputs["score_max"])}</dd>'
            f'<dt>Panel members\' scores</dt><dd>{esc(panel_text)}</dd>'
            f'<dt>Quantified offer</dt><dd>{esc(_pounds(bid["offer"]))}</dd>'
            f'<dt>Social value marks</dt><dd>{esc(_marks(bid["marks"], result))} out of '
            f'{esc(format_number(inputs["weighting"]))}</dd></dl>'
            f'<h5>Flags to discuss</h5>{flag_html}'
            f'<h5>Reasons for the agreed score</h5><div class="sv-record-reasons">{reasons}</div>'
            '</section>'
        )
    return ('<h3>Moderation record</h3>'
            '<p>Print this page for the panel\'s file. Write the reasons for each agreed score in its box, or type '
            'them into the form first.</p>'
            + _tender(inputs) + "".join(blocks) + _signatures(result))


def _panel_note(flag: dict) -> str:
    """Under a realism flag in the record, a line for the panel's note on it."""
    if flag["code"] != "realism":
        return ""
    return ('<dl class="sv-summary sv-flag-note"><dt>Panel\'s note on this flag</dt><dd class="sv-write-in">'
            '<span class="sv-visually-hidden">Write the panel\'s note here</span></dd></dl>')


def _benchmarks(result: dict) -> str:
    """How the realism check works, when a benchmarks file was opened."""
    used = result.get("benchmarks")
    if not used:
        return ""
    period = (f" from {esc(long_date(dt.date.fromisoformat(str(used['period_from']))))} to {esc(long_date(dt.date.fromisoformat(str(used['period_to']))))}"
              if used.get("period_from") and used.get("period_to") else "")
    return (f'<p>A benchmarks file from the Policy report was opened: past contracts\' delivery of '
            f'{esc(used["measures"])} measures{period}. A bid\'s offer for a catalogue measure is flagged '
            f'"check realism" when its quantity per £1m a year of its price is more than '
            f'{esc(format_number(used["realism_factor"]))} times the upper quartile of past contracts, or when past '
            f'contracts delivered, at the median, less than {esc(format_number(used["amber"]))}% of what was due. '
            'This Toolkit proposes these checks. A flag never changes a score: ask the bidder for its delivery plan '
            'and evidence, and do not mark it down for ambition alone.</p>')


def _tender(inputs: dict) -> str:
    """The tender's name, or a line to write it on."""
    if inputs.get("tender"):
        return f'<dl class="sv-summary"><dt>Tender</dt><dd>{esc(inputs["tender"])}</dd></dl>'
    return ('<dl class="sv-summary"><dt>Tender</dt><dd class="sv-write-in">'
            '<span class="sv-visually-hidden">Not given: write it here</span></dd></dl>')


def panel_size(result: dict) -> int:
    """How many members sign: as many as gave scores for any bid. With no scores recorded, a chair and two
    members; a larger panel adds its names by hand."""
    return max((len(bid.get("panel_scores") or ()) for bid in result["bids"]), default=0) or 3


def _signatures(result: dict) -> str:
    """A line for each panel member to sign, the chair first."""
    rows = "".join(f'<tr><th scope="row">{"Panel chair" if n == 1 else f"Panel member {n}"}</th>'
                   '<td></td><td></td><td></td></tr>' for n in range(1, panel_size(result) + 1))
    return ('<h4>Agreed by the panel</h4>' + scrolling(
        '<table class="sv-table sv-signatures"><caption>Panel members: name, signature and date</caption>'
        '<thead><tr><th scope="col">Member</th><th scope="col">Name</th><th scope="col">Signature</th>'
        f'<th scope="col">Date</th></tr></thead><tbody>{rows}</tbody></table>', "Panel members' signatures"))


def _method(result: dict) -> str:
    inputs = result["inputs"]
    share = format_number(inputs["qualitative_share"])
    compare = "each offer for every £1 of its bid price" if inputs["basis"] == "per_pound" else "each offer in pounds"
    if inputs["method"] == "target":
        rule = (f'Quantified marks are {compare} ÷ the target ({esc(format_number(inputs["target"]))}) × the marks '
                'for the offer, and no more than those marks.')
    else:
        rule = (f'Quantified marks are {compare} ÷ the highest offer × the marks for the offer, so the highest '
                'offer gets full marks. This is common practice in public procurement, the mirror of the formula '
                'for price. No law or national guidance sets it.')
    checks = result["checks"]
    low, high = (format_number(share) for share in checks["offer_typical_range"])
    return (
        '<h3>How this is worked out</h3>'
        f'<p>The method statement gets {esc(share)}% of the social value weighting and the quantified offer the '
        'rest. Method statement marks are the agreed score ÷ the top of the scale × the marks for the method '
        f'statement. {rule} A bid\'s marks are the two added together.</p>'
        '<p>Bids with outcome lines are valued with the outcome valuation calculator, at present value. Ranks use '
        'the marks before rounding. Marks are shown to 2 decimal places, or more where two marks that differ would '
        'otherwise read the same. Offers for every £1 of the bid price are shown in pence the same way. Tied bids '
        'share a rank.</p>'
        f'<p>An offer is flagged when it is more than {esc(format_number(checks["offer_high_share"]))}% of the bid '
        f'price. This Toolkit proposes that check: the {esc(checks["source"]["publisher"])} reports that suppliers '
        f'commit {esc(low)}% to {esc(high)}% of the contract value ({source_link(checks["source"])}). An offer is also flagged when it is more than twice '
        'the median of the other offers, and a bid when its panel members\' scores differ by 2 or more.</p>'
        + _benchmarks(result)
    )


def render(result: dict, site_root: str) -> str:
    return (
        '<div class="sv-result sv-result--evaluation">'
        + _headline(result) + _table(result) + _sensitivity(result) + _record(result) + _method(result)
        + '</div>'
    )
