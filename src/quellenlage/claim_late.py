"""Frames settled after every claim of a document is made and its period resolved. Pure.

- A heading's figure (or the teaser's, under the title) is the one its section states ("Investitionen: 70 bis 72 Milliarden
  Dollar" over "Für das Gesamtjahr 2025 erwartet der Konzern Investitionen von 70 bis 72
  Milliarden Dollar"): a heading has no verb and no period of its own, so it takes the frame
  of the same value with the same property further down.
- A value named for comparison with an earlier period happened: it is actual.
- A figure for a period that has not ended when the article appears is no reported actual
  ("Die Investitionen für 2025 sieht Meta bei 70–72 Mrd. $", published in October 2025): it
  is a forecast, unless its clause looks back ("hat bereits 50 Mrd. investiert", "bislang").
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict

from quellenlage.issuers import mark_issuers
from quellenlage.claim_parts import PART, mark_unnamed_parts
from quellenlage.claim_sources import lead_researcher, researchers_estimates
from quellenlage.layout import headings
from quellenlage.markets import is_market
from quellenlage.segments import storage_size
from quellenlage.textutil import TO_LEVEL

# What a summary takes from the statement below it. Not the aspect: a heading's tense says
# nothing, and a period still running makes it a forecast below (unfinished_periods).
COMPARED = ("previous_year", "previous_quarter")  # "im Vorjahr waren es …": a value reported back then
FRAME = ("period", "relative", "segment", "measure", "period_start", "period_end")
PERIOD = ("period", "relative", "period_start", "period_end")


def _value(fig: dict) -> tuple:
    return (fig["label"], fig.get("value"), fig.get("low"), fig.get("high"), fig.get("currency"), fig.get("unit"))


def _bound(fig: dict) -> str | None:
    return fig.get("qualifier") if fig.get("qualifier") in ("lower_bound", "upper_bound") else None


PARAGRAPH = re.compile(r"[^\n]+(?:\n[^\n]+)*")
SENTENCE_END = re.compile(r"[.!?][\"“”»«)]?(?:\s|$)")


def summaries(text: str, skipped=lambda s, e: False, agency_lead: re.Pattern | None = None
              ) -> tuple[list[tuple[int, int]], tuple[int, int] | None]:
    """Where an article sums up before it reports: its headings, and its first paragraph of
    prose outside boilerplate (the teaser under the title), when a paragraph follows it.
    `agency_lead`: an agency's dateline at a paragraph's start (`EntityRules.agency_lead`)."""
    lines = headings(text)
    for m in PARAGRAPH.finditer(text):
        s, e = m.span()
        if any(a <= s and e <= b for a, b in lines) or skipped(s, e):
            continue
        if agency_lead is not None and agency_lead.match(text, s):
            return lines, None  # an agency's report opens with its dateline: no teaser above it
        if SENTENCE_END.search(text, s, e) and len(text[s:e].split()) >= 8:
            return lines, (s, e)
    return lines, None


def headings_take_body_frames(text: str, claims: list[dict], skipped=lambda s, e: False, reach: int = 3000,
                              agency_lead: re.Pattern | None = None) -> None:
    """A claim in a heading or the teaser takes the period and segment of the first later
    claim with the same subject, property and value that is neither in a heading nor (for a
    teaser's claim) in the teaser itself, within `reach` characters. Linear: claims are looked
    up by that key, regions by bisection."""
    lines, teaser = summaries(text, skipped, agency_lead)
    if not lines and teaser is None:
        return
    starts = [a for a, _ in lines]

    def in_heading(pos: int) -> bool:
        k = bisect_right(starts, pos) - 1
        return k >= 0 and pos < lines[k][1]

    def in_teaser(pos: int) -> bool:
        return teaser is not None and teaser[0] <= pos < teaser[1]

    # Per key, the claims a heading may follow (not in a heading) and those a teaser may follow
    # (in neither), in text order, found by bisection.
    sources: dict[tuple, tuple[list, list]] = defaultdict(lambda: ([], []))
    for d in claims:
        pos = d["figure"]["start"]
        if not in_heading(pos):
            key = (d["subject"], d["property"], _value(d["figure"]))
            sources[key][0].append(d)
            if not in_teaser(pos):
                sources[key][1].append(d)
    for c in claims:
        f = c["figure"]
        heading = in_heading(f["start"])
        if not heading and not in_teaser(f["start"]):
            continue
        key = (c["subject"], c["property"], _value(f))
        if key not in sources:
            continue
        found = sources[key][0 if heading else 1]
        k = bisect_right(found, f["end"], key=lambda d: d["figure"]["start"])
        if not heading:
            # (a teaser's statement is a full one: "über 5 Mrd." below is another than its "5,0 Mrd.")
            while k < len(found) and _bound(found[k]["figure"]) != _bound(f):
                k += 1
        if k < len(found) and found[k]["figure"]["start"] <= f["end"] + reach:
            body = found[k]
            for name in FRAME:
                if body.get(name) is not None or name not in PERIOD or c.get("period") is None:
                    c[name] = body.get(name)  # not a period the claim names itself for none


def unfinished_periods(text: str, claims: list[dict], published: str | None, looks_back: re.Pattern) -> None:
    """An actual flow figure whose period ends after publication becomes a forecast, unless its
    sentence looks back."""
    if not published or len(published) < 10:
        return
    try:
        day = dt.date.fromisoformat(published[:10])
    except ValueError:
        return
    for c in claims:
        end = c.get("period_end")
        if c["aspect"] != "actual" or c["time"] != "flow" or c["relative"] in COMPARED or end is None or end <= day:
            continue
        s, e = c["sentence"]
        if looks_back.search(text, s, e):
            continue
        c["aspect"] = "forecast"


def comparisons_happened(claims: list[dict]) -> None:
    """A value named for comparison with an earlier period ("nach 5,20 Euro im Vorjahr") was
    reported back then: actual, even in a clause that looks ahead ("Die Dividende soll auf
    5,35 Euro steigen, nach 5,20 Euro im Vorjahr")."""
    for c in claims:
        if c.get("relative") in COMPARED and c["aspect"] in ("forecast", "target"):
            c["aspect"] = "actual"




def changes_share_levels(text: str, claims: list[dict]) -> None:
    """A change right before the level it led to ("verbuchte ein Minus von 13 Prozent auf 10,3 Mrd.
    Dollar") is the change of that level: the part the level is of, where the change names none;
    what a count counts, where the level is a count."""
    for c, nxt in zip(claims, claims[1:]):
        if c["measure"] == "change" and nxt["measure"] == "level" and nxt["figure"]["label"] == "COUNT" and nxt["figure"].get("unit") \
                and c["property"] != nxt["property"] and c["subject"] == nxt["subject"] and c["sentence"] == nxt["sentence"] \
                and TO_LEVEL.fullmatch(text, c["figure"]["end"], nxt["figure"]["start"]):
            # "Der Gesamtmarkt wuchs um 7,8 Prozent auf 289,4 Millionen Geräte": the change of what the count counts
            c.update({k: nxt[k] for k in ("property", "time", "window_days", "period_grain")})
        if c["measure"] == "change" and nxt["measure"] == "level" and c["segment"] in (None, PART) and nxt["segment"] not in (None, PART) \
                and c["property"] == nxt["property"] and c["subject"] == nxt["subject"] and c["sentence"] == nxt["sentence"] \
                and TO_LEVEL.fullmatch(text, c["figure"]["end"], nxt["figure"]["start"]):
            c["segment"] = nxt["segment"]


def quarter_before_named(text: str, claims: list[dict], frames) -> None:
    """A change "gegenüber dem dritten Quartal" of a fourth quarter's figure compares with the
    quarter before, not the year before: its basis is qoq."""
    for c in claims:
        period = c.get("period") or ""
        if c["measure"] != "change" or not (c.get("basis") or "yoy").startswith("yoy") or period[-3:-1] != "-Q":
            continue
        m = frames.quarter_compared.match(text, c["figure"]["end"], min(len(text), c["figure"]["end"] + 80))
        if m and m.lastgroup == f"q{(int(period[-1]) - 2) % 4 + 1}":
            c["basis"] = " ".join(["qoq"] + (c.get("basis") or "yoy").split()[1:])


def settle(view, claims: list[dict], r) -> None:
    """The frames settled over the whole document, in this order, after periods are resolved
    (`r`: the `ClaimRules`)."""
    text, frames = view.text, r.frames
    headings_take_body_frames(text, claims, view.skipped, agency_lead=r.entities.agency_lead)
    unfinished_periods(text, claims, view.published, frames.looks_back)
    comparisons_happened(claims)
    changes_share_levels(text, claims)
    headline_market_region(text, claims, frames)
    market_region_before(text, claims, frames)
    quarter_before_named(text, claims, frames)
    researchers_estimates(view.entities, claims, frames.estimating_sources, text, frames.source_back_openers)
    lead_researcher(view.entities, claims, frames.estimating_sources, frames.researcher_properties)
    whole_segments(claims, frames.cfg["segment"].get("whole_for") or {})
    base_variants(claims)
    mark_unnamed_parts(claims, r.additive)
    dates_of_news(view, claims, r)
    pair_properties(view, claims, r)
    cues = r.cfg.get("subject_cues") or {}
    mark_issuers(view, claims, frozenset(cues.get("issuer_properties") or ()), r.entities.authorities,
                 frozenset(cues.get("not_issuers") or ()))


def dates_of_news(view, claims: list[dict], r) -> None:
    """A date of another property that tells figures of a property's `news_of` takes that property: "Der Überschuss
    kletterte auf 375 Mio. Euro, wie das Unternehmen am Dienstag mitteilte", "… einen Nettoverlust verbucht. Das teilte
    Verbio am Mittwoch mit": the day of the results, not any news (the sentence, or the one before that a sentence opening
    with a demonstrative tells; a figure reported, not only a plan: "will … steigern. Das teilte der Konzern am Montag mit")."""
    demonstrative = tuple(w + " " for w in r.cfg.get("demonstratives") or ())
    by_sentence: dict[tuple[int, int], list[dict]] = defaultdict(list)
    for c in claims:
        by_sentence[c["sentence"]].append(c)
    starts = [c["figure"]["start"] for c in claims]  # (claims are in text order)
    for p in r.properties:
        for source, told in p.news_of.items():
            for c in claims:
                if c["property"] != source or c["figure"]["label"] != "DATE":
                    continue
                near = list(by_sentence[c["sentence"]])
                if view.text.startswith(demonstrative, c["sentence"][0]) and (prev := view.previous_sentence(c["sentence"][0])):
                    near += claims[bisect_left(starts, prev[0]):bisect_left(starts, prev[1])]
                if any(x["property"] in told and x["subject"] == c["subject"] and x["aspect"] == "actual" for x in near):
                    c.update(property=p.key, time=p.time, window_days=p.window_days)


def pair_properties(view, claims: list[dict], r) -> None:
    """A claim whose subject is a pair of parties takes its property's `of_pair` ("Wie SAP und Sybase am
    Mittwoch bekanntgaben": the announcement of their deal, deal_announcement_date); not where an
    authority its sentence or the one before names tells it ("Die EU-Kommission hat die Übernahme
    genehmigt …, teilte die Behörde am Freitag mit": the approval's news)."""
    for c in claims:
        p = r.property(c["property"])
        q = r.property(p.of_pair) if p is not None and p.of_pair and "/" in (c["subject"] or "") else None
        prev = view.previous_sentence(c["sentence"][0]) if q is not None else None
        if q is not None and any(e.name in r.entities.authorities for e in view.entity_index.starting(
                prev[0] if prev else c["sentence"][0], c["sentence"][1])):
            continue
        if q is not None and q.accepts(c["figure"], c["measure"]):
            c.update(property=q.key, time=q.time, window_days=q.window_days, period_grain=q.period_grain)


def base_variants(claims: list[dict]) -> None:
    """A product's prices by memory ("Galaxy S24, 8/128 GB: 899 Euro", "… 256 GB: 959 Euro"): the
    smallest is the product's own price, the one other sources give without a memory ("ab 899
    Euro"), unless the article gives that one too."""
    groups: dict[tuple, list[dict]] = {}
    for c in claims:
        groups.setdefault((c["subject"], c["property"], c["period"], c["aspect"], c["measure"]), []).append(c)
    for group in groups.values():
        sized = [(size, c) for c in group for size in [storage_size(c["segment"])] if size is not None]
        if sized and all(c["segment"] is not None for c in group):
            min(sized, key=lambda sc: (sc[0], sc[1]["figure"]["start"]))[1]["segment"] = None


HEADLINE = 300  # characters: the title line and the lead's first words


def whole_segments(claims: list[dict], whole_for: dict[str, list[str]]) -> None:
    """A segment that is the whole of its subject (rules: segment.whole_for: Tesla's "Elektroautos")
    is no part of it."""
    for c in claims:
        if c["segment"] in whole_for and c["subject"] in whole_for[c["segment"]]:
            c["segment"] = None


def headline_market_region(text: str, claims: list[dict], segments) -> None:
    """A market the headline places ("Smartphone-Markt China: Honor und Huawei teilen sich die
    Spitze"): its figures of a market's kind (rules: segment.market_region_properties) without a
    part of their own are that region's, unless their sentence says "weltweit"."""
    props = set(segments.cfg["segment"].get("market_region_properties") or ())
    if not props or not any(c["property"] in props for c in claims):
        return
    rx, table = segments.market_region
    m = rx.search(text, 0, min(len(text), HEADLINE))
    if m is None:
        return
    region = table.get((m.group("r") or m.group("a") or "").lower())
    for c in claims:
        if region and c["property"] in props and c["segment"] is None and not segments.worldwide.search(text, *c["sentence"]):
            c["segment"] = region


def market_region_before(text: str, claims: list[dict], segments) -> None:
    """ "Huawei … kam in China auf einen Marktanteil von 17,0 Prozent. … Der Gesamtmarkt legte um 6,5
    Prozent auf 69,3 Millionen Geräte zu": a market's figure (rules: segment.market_region_properties)
    without a region of its own, right after sentences of the paragraph whose figures are one region's,
    is that region's market, unless its sentence says "weltweit"."""
    props = set(segments.cfg["segment"].get("market_region_properties") or ())
    regions = set(segments.regions[1].values())
    placed: dict[tuple[int, int], set] = defaultdict(set)  # sentence -> the regions of its figures
    for c in claims:
        if c["segment"] in regions:
            placed[c["sentence"]].add(c["segment"])
    for c in claims:
        if c["property"] not in props or c["segment"] is not None or not is_market(c["subject"]) \
                or segments.worldwide.search(text, *c["sentence"]):
            continue
        ss = c["sentence"][0]
        # the sentences just before, back to the paragraph's start or two sentences
        before = sorted((s for s in placed if s[1] <= ss and ss - s[1] < 400 and "\n\n" not in text[s[1]:ss]), reverse=True)[:2]
        found = set().union(*(placed[s] for s in before)) if before else set()
        if len(found) == 1:
            c["segment"] = next(iter(found))
