"""Facts and conflicts across sources (SPEC §9), on rows: intervals, frames, time, causes."""
from __future__ import annotations

import datetime as dt
import math

import pytest

from quellenlage.conflicts import (Interval, apart, claim_interval, date_interval, same_text_groups, similarity,
                                   sketch)
from quellenlage.crosscheck import crosscheck
from quellenlage.facts import build_facts, suspected_cause
from quellenlage.rules import RuleSet

RULES = RuleSet.load()
NAMES = {"revenue": "Umsatz"}


def claim(value=None, qualifier="exact", text="", **kw):
    """A claim row as the pipeline makes it; keyword arguments override."""
    cid = kw.pop("cid", "x")
    base = {"claim_id": cid, "doc_id": kw.pop("doc", cid), "start": 0, "end": len(text) or 1,
            "subject": "Nvidia", "property": "revenue", "label": "MONEY", "currency": "USD", "unit": None,
            "value": value, "low": None, "high": None, "date_value": None, "qualifier": qualifier, "text": text,
            "source": kw.get("source", "a"), "source_key": kw.pop("source", "a"), "published": None, "_day": None,
            "period": None, "period_start": None, "period_end": None, "segment": None, "aspect": "actual",
            "measure": "level", "basis": None, "past": False, "time": "flow", "window_days": 45,
            "n_agree": 0, "n_conflict": 0, "fact_id": None, "suspected_cause": None, "status": "single_source",
            "sentence_start": 0}
    base.update(kw)
    return base


def q(period: str, **kw) -> dict:
    """A revenue claim for a fiscal quarter of Nvidia (FY2026-Q2 = May to July 2025)."""
    start, end = {"FY2026-Q2": (dt.date(2025, 5, 1), dt.date(2025, 7, 31)),
                  "FY2026-Q3": (dt.date(2025, 8, 1), dt.date(2025, 10, 31))}[period]
    return claim(period=period, period_start=start, period_end=end, **kw)


def test_intervals_follow_the_spec():
    assert claim_interval(claim(100, "approx", "rund 100")) == Interval(90, 110)
    assert claim_interval(claim(100, "upper_bound", "bis zu 100")) == Interval(0, 100)
    assert claim_interval(claim(100, "lower_bound", "mehr als 100")) == Interval(100, math.inf)
    assert claim_interval(claim(None, "range", "12 bis 18", low=12, high=18)) == Interval(12, 18)
    five6 = claim_interval(claim(5.6e6, text="5,6 Mio. $"))
    assert five6.low == pytest.approx(5.55e6) and five6.high == pytest.approx(5.65e6)
    assert claim_interval(claim(590e9, text="590 Milliarden")) == Interval(585e9, 595e9)
    assert claim_interval(claim(100000, text="100.000")) == Interval(97500, 102500)


def test_neighbouring_rounded_values_do_not_agree():
    # "43 Prozent" and "44 Prozent" touch at 43.5 but say different things; "43,4" is within "43"
    a, b = claim_interval(claim(43, text="43 Prozent")), claim_interval(claim(44, text="44 Prozent"))
    assert not a.overlaps(b) and not b.overlaps(a)
    assert a.overlaps(claim_interval(claim(43.4, text="43,4 Prozent")))
    # a closed extent still meets a point on its edge: a date and the year's last day
    assert date_interval("2024").overlaps(date_interval("2024-12-31"))


def test_a_number_in_words_is_rounded_like_its_digits():
    # "um sechs Prozent" is 6,3 % rounded, as "um 6 Prozent" is; "sieben Prozent" is not 6,3 %
    words = claim_interval(claim(6, text="sechs Prozent"))
    assert words == claim_interval(claim(6, text="6 Prozent"))
    assert words.overlaps(claim_interval(claim(6.3, text="6,3 Prozent")))
    assert not claim_interval(claim(7, text="sieben Prozent")).overlaps(claim_interval(claim(6.3, text="6,3 Prozent")))


def test_a_decline_is_compared_by_its_size_whether_signed_or_in_words():
    signed = q("FY2026-Q2", value=-20.0, text="-20 %", label="PERCENT", measure="change", cid="a", source="ticker")
    worded = q("FY2026-Q2", value=20.0, text="20 Prozent", label="PERCENT", measure="change", cid="b", source="dpa")
    assert claim_interval(signed) == claim_interval(worded)
    facts, rows = build_facts([signed, worded], NAMES)
    assert rows == [] and facts[0]["status"] == "agreed"
    # a level keeps its sign: a loss of 20 is no profit of 20
    assert claim_interval(claim(-20.0, text="-20")).high < 0
    wrong = q("FY2026-Q2", value=-30.0, text="-30 %", label="PERCENT", measure="change", cid="c", source="hb")
    assert len(build_facts([worded, wrong], NAMES)[1]) == 1


def test_dates_are_their_calendar_extent():
    y = date_interval("2030")
    assert (y.low, y.high) == (dt.date(2030, 1, 1).toordinal(), dt.date(2030, 12, 31).toordinal())
    assert date_interval("2025-02").high == dt.date(2025, 2, 28).toordinal()
    assert date_interval("2025-Q3").low == dt.date(2025, 7, 1).toordinal()
    assert date_interval("FY2025-Q1") is None


def test_same_frame_different_values_is_a_disputed_fact():
    facts, rows = build_facts([q("FY2026-Q2", value=46.7e9, text="46,7 Mrd.", cid="a", source="dpa"),
                               q("FY2026-Q2", value=46.74e9, text="46,74 Mrd.", cid="b", source="standard"),
                               q("FY2026-Q2", value=46.7e12, text="46,7 Billionen", cid="c", source="mt")], NAMES)
    [fact] = facts
    assert (fact["status"], fact["n_sources"], fact["n_values"], fact["consensus"]) == ("disputed", 3, 2, 46.7e9)
    assert {(r["claim_a"], r["claim_b"]) for r in rows} == {("a", "c"), ("b", "c")}
    assert all("schließen einander aus" in r["explanation"] for r in rows)


@pytest.mark.parametrize("a, b, expected", [
    (1.49e9, 50e6, True),     # two fines, 30 x apart: not one misreported
    (3e6, 180_000, True),     # 16,7 x
    (77e6, 7.7e6, False),     # a scale word moved the same digits
    (1.34e9, 1.3e6, False),   # a rounded figure moved by a scale word
    (19e9, 19e6, False),      # Millionen for Milliarden
    (5.44e9, 1.65e9, False),  # under 12 x: may be one figure misreported
    (7.68e9, 7.86e9, False), (None, 5.0, False), (0.0, 5.0, False),
])
def test_amounts_far_apart_and_off_a_power_of_ten_are_two_quantities(a, b, expected):
    assert apart(a, b) is expected and apart(b, a) is expected


def test_far_apart_amounts_are_not_flagged_but_a_scale_slip_is():
    _, rows = build_facts([q("FY2026-Q2", value=46.7e9, text="46,7 Mrd.", cid="a", source="x"),
                           q("FY2026-Q2", value=1.2e9, text="1,2 Mrd.", cid="b", source="y"),
                           q("FY2026-Q2", value=46.7e6, text="46,7 Mio.", cid="c", source="z")], NAMES)
    assert {(r["claim_a"], r["claim_b"]) for r in rows} == {("a", "c")}


@pytest.mark.parametrize("change", [
    {"segment": "data_center"}, {"aspect": "forecast"}, {"measure": "change"}, {"basis": "adjusted"},
    {"currency": "EUR"}, {"subject": "AMD"}, {"property": "net_income"},
])
def test_a_different_frame_is_never_compared(change):
    facts, rows = build_facts([q("FY2026-Q2", value=46.7e9, text="46,7", cid="a", source="x"),
                               q("FY2026-Q2", value=41.1e9, text="41,1", cid="b", source="y", **change)], NAMES)
    assert facts == [] and rows == []


def test_a_change_in_points_is_not_a_change_in_percent():
    """"um 1,3 Prozentpunkte" (a share's change) and "um 8,5 Prozent" are other changes; two changes
    in points that differ are a dispute."""
    pct = dict(label="PERCENT", currency=None, property="market_share", measure="change", period="2023",
               period_start=dt.date(2023, 1, 1), period_end=dt.date(2023, 12, 31))
    facts, rows = build_facts([claim(1.3, text="1,3 Prozentpunkte", cid="a", source="x", unit="percentage_point", **pct),
                               claim(8.5, text="8,5 Prozent", cid="b", source="y", **pct)], NAMES)
    assert facts == [] and rows == []
    facts, rows = build_facts([claim(1.3, text="1,3 Prozentpunkte", cid="a", source="x", unit="percentage_point", **pct),
                               claim(3.1, text="3,1 Prozentpunkte", cid="b", source="y", unit="percentage_point", **pct)], NAMES)
    assert [f["status"] for f in facts] == ["disputed"] and len(rows) == 1


def test_another_period_is_never_compared():
    facts, rows = build_facts([q("FY2026-Q2", value=46.7e9, text="46,7", cid="a", source="x"),
                               q("FY2026-Q3", value=57e9, text="57", cid="b", source="y")], NAMES)
    assert facts == [] and rows == []


def test_fiscal_and_calendar_names_of_one_quarter_are_compared():
    # Microsoft's FY2026-Q1 is the calendar Q3 2025: the same extent.
    a = claim(77.7e9, text="77,7 Mrd.", cid="a", source="x", period="FY2026-Q1",
              period_start=dt.date(2025, 7, 1), period_end=dt.date(2025, 9, 30))
    b = claim(77.7e12, text="77,7 Billionen", cid="b", source="y", period="2025-Q3",
              period_start=dt.date(2025, 7, 1), period_end=dt.date(2025, 9, 30))
    facts, rows = build_facts([a, b], NAMES)
    assert len(rows) == 1 and facts[0]["status"] == "disputed"


def test_an_update_is_no_conflict():
    old = claim(100000, text="100.000", cid="a", source="x", label="COUNT", currency=None, unit="gpu",
                property="gpus_deployed", time="stock", window_days=30, _day=dt.date(2024, 9, 3).toordinal())
    new = claim(200000, text="200.000", cid="b", source="y", label="COUNT", currency=None, unit="gpu",
                property="gpus_deployed", time="stock", window_days=30, _day=dt.date(2025, 2, 19).toordinal())
    same_week = {**new, "claim_id": "c", "source_key": "z", "_day": dt.date(2024, 9, 5).toordinal()}
    facts, rows = build_facts([old, new], NAMES)
    assert rows == []
    facts, rows = build_facts([old, same_week], NAMES)
    assert len(rows) == 1


def test_a_stock_at_a_months_end_is_one_with_its_last_day():
    """ "Ende März beschäftigte Infosys 323.578" (2025-03) and "Beschäftigte per 31.3.: 332.578"
    (2025-03-31) speak of one point in time."""
    month = claim(323578, text="323.578", cid="a", source="x", label="COUNT", currency=None, unit="employee",
                  property="employees", time="stock", window_days=30, period="2025-03",
                  period_start=dt.date(2025, 3, 1), period_end=dt.date(2025, 3, 31), _day=dt.date(2025, 4, 17).toordinal())
    day = {**month, "claim_id": "b", "doc_id": "b", "source_key": "y", "value": 332578, "text": "332.578", "period": "2025-03-31",
           "period_start": dt.date(2025, 3, 31)}
    facts, rows = build_facts([month, day], NAMES)
    assert len(rows) == 1 and facts[0]["status"] == "disputed"


def test_lasting_values_are_compared_whenever_reported():
    a = claim(15000, text="15.000", cid="a", source="x", label="COUNT", currency=None, unit="gpu",
              property="training_gpus", time="static", window_days=None, _day=dt.date(2024, 1, 1).toordinal())
    b = {**a, "claim_id": "b", "doc_id": "b", "source_key": "y", "value": 100000, "text": "100.000",
         "_day": dt.date(2025, 6, 1).toordinal()}
    assert len(build_facts([a, b], NAMES)[1]) == 1


def test_one_source_is_one_voice():
    facts, rows = build_facts([q("FY2026-Q2", value=46.7e9, text="46,7", cid="a", source="x"),
                               q("FY2026-Q2", value=44.1e9, text="44,1", cid="b", source="x")], NAMES)
    assert facts == [] and rows == []


def test_a_source_naming_variants_agrees_with_one_naming_one_of_them():
    kw = dict(label="COUNT", currency=None, unit="parameter", property="parameters", time="static", window_days=None)
    one_sentence = dict(doc="y", sentence_start=10)
    facts, rows = build_facts([claim(8e9, text="8B", cid="a", source="x", **kw),
                               claim(5e9, text="5 Milliarden", cid="b", source="y", **one_sentence, **kw),
                               claim(8e9, text="8 Milliarden", cid="c", source="y", **one_sentence, **kw)], NAMES)
    assert rows == [] and facts[0]["status"] == "agreed"
    # Values of one source in different sentences are no variants: the other value conflicts.
    facts, rows = build_facts([claim(8e9, text="8B", cid="a", source="x", **kw),
                               claim(5e9, text="5 Milliarden", cid="b", source="y", doc="y", sentence_start=10, **kw),
                               claim(8e9, text="8 Milliarden", cid="c", source="y", doc="y", sentence_start=99, **kw)], NAMES)
    assert [(r["claim_a"], r["claim_b"]) for r in rows] == [("a", "b")]


def test_no_majority_no_consensus():
    facts, _ = build_facts([q("FY2026-Q2", value=41.1e9, text="41,1", cid="a", source="x"),
                            q("FY2026-Q2", value=41.3e9, text="41,3", cid="b", source="y")], NAMES)
    assert facts[0]["consensus"] is None and facts[0]["status"] == "disputed"


@pytest.mark.parametrize("minority,reference,cause", [
    (claim(46.7e12, text="46,7 Billionen Dollar"), claim(46.7e9, text="46,7 Milliarden"), "false_friend"),
    (claim(4.67e9, text="4,67 Milliarden"), claim(46.7e9, text="46,7 Milliarden"), "scale"),
    (claim(46.7e6, text="46,7 Millionen"), claim(46.7e9, text="46,7 Milliarden"), "scale"),
    (claim(41.3e9, text="41,3 Mrd."), claim(41.1e9, text="41,1 Mrd."), "rounding"),
    (claim(500e9, text="500 Mrd.", _day=20, time="stock"), claim(300e9, text="300 Mrd.", _day=10, time="stock"), "update"),
    (claim(44.1e9, text="44,1 Mrd."), claim(57e9, text="57 Mrd."), None),
])
def test_suspected_causes(minority, reference, cause):
    assert suspected_cause(minority, reference) == cause


def test_conflicts_grow_with_disputes_not_with_copies():
    base = [q("FY2026-Q2", value=46.7e9, text="46,7", cid="a", source="x"),
            q("FY2026-Q2", value=46.7e12, text="46,7 Bio.", cid="b", source="y")]
    copies = [{**c, "claim_id": f"{c['claim_id']}{k}", "doc_id": f"{c['doc_id']}{k}"} for k in range(20) for c in base]
    _, rows_once = build_facts([dict(c) for c in base], NAMES)
    facts, rows_copied = build_facts(copies, NAMES)
    assert len(facts) == 1 and len(rows_once) == len(rows_copied) == 1
    # Every copy still knows it is disputed.
    assert all(c["n_conflict"] == 1 for c in copies)


def test_a_source_repeating_a_figure_stands_behind_each_mention():
    head = q("FY2026-Q2", value=50e9, text="50 Mrd.", cid="d#1", doc="d", source="x")
    body = q("FY2026-Q2", value=50e9, text="50 Mrd.", cid="d#2", doc="d", source="x")
    other = q("FY2026-Q2", value=45e9, text="45 Mrd.", cid="e#1", doc="e", source="y")
    _, rows = build_facts([head, body, other], NAMES)
    assert {(r["claim_a"], r["claim_b"]) for r in rows} == {("d#1", "e#1"), ("d#2", "e#1")}


def test_agency_copies_are_one_source():
    text = "Die Nachrichtenagentur meldet, dass Microsoft rund 15.000 GPUs für das Training nutzte. " * 5
    sketches = {"a": sketch(text), "b": sketch(text + " Ergänzung."), "c": sketch("Ein ganz anderer Text über Nvidia.")}
    groups = same_text_groups(sketches)
    assert groups["a"] == groups["b"] != groups["c"]
    assert similarity(sketches["a"], sketches["b"]) > 0.8 > similarity(sketches["a"], sketches["c"])


def test_crosscheck_works_on_rows_and_fills_every_claim():
    docs = [{"doc_id": d, "status": "ok", "outlet": o, "published": "2025-08-28", "_sketch": sketch(d * 40)}
            for d, o in (("a", "dpa"), ("b", "Der Standard"))]
    claims = [q("FY2026-Q2", value=46.7e9, text="46,7", cid="a#C1-2", doc="a"),
              q("FY2026-Q2", value=46.7e12, text="46,7 Bio.", cid="b#C1-2", doc="b")]
    tables = crosscheck({"documents": docs, "claims": claims, "facts": [], "conflicts": []}, RULES)
    assert [c["source"] for c in tables["claims"]] == ["dpa", "Der Standard"]
    assert {c["status"] for c in tables["claims"]} == {"conflicting"}
    assert tables["claims"][1]["suspected_cause"] == "false_friend"
    assert len(tables["facts"]) == 1 and len(tables["conflicts"]) == 1


def test_one_spelling_per_subject_across_sources():
    # "Tiktok" (derStandard) is the "TikTok" of heise: one fact, and the fine of one disputes the other's.
    a = claim(530e6, text="530 Millionen Euro", cid="a", source="x", subject="TikTok", currency="EUR",
              property="fine", time="static", window_days=None)
    b = claim(530e6, text="530 Millionen Euro", cid="b", source="y", subject="TikTok", currency="EUR",
              property="fine", time="static", window_days=None)
    c = claim(350e6, text="350 Millionen Euro", cid="c", source="z", subject="Tiktok", currency="EUR",
              property="fine", time="static", window_days=None)
    facts, rows = build_facts([a, b, c], NAMES)
    assert [f["subject"] for f in facts] == ["TikTok"] and len(rows) == 2
    assert c["subject"] == "TikTok"  # the claim row takes the spelling most sources use


def test_a_target_and_a_forecast_are_one_plan():
    plan = dict(property="capex", period="FY2025", period_start=dt.date(2024, 7, 1),
                period_end=dt.date(2025, 6, 30))
    a = claim(80e9, text="rund 80 Mrd. $", qualifier="approx", cid="a", source="x", aspect="target", **plan)
    b = claim(80e6, text="rund 80 Millionen $", qualifier="approx", cid="b", source="y", aspect="forecast", **plan)
    facts, rows = build_facts([a, b], NAMES)
    assert len(rows) == 1 and facts[0]["status"] == "disputed"
    actual = {**b, "claim_id": "c", "doc_id": "c", "source_key": "z", "aspect": "actual"}
    assert build_facts([a, actual], NAMES) == ([], [])


def _cut(value, cid, source, day, period=None, start=None, end=None, **kw):
    return claim(value, text=str(value), cid=cid, source=source, label="COUNT", currency=None, unit="job",
                 property="job_cuts", time="event", window_days=None, _day=day.toordinal(), period=period,
                 period_start=start, period_end=end, **kw)


def test_an_undated_event_never_joins_one_its_own_source_dates_apart():
    # FAZ, 3 July: "Mitte Mai hatte Microsoft 6000 Stellen gestrichen … nun fallen 9000 weg" – the
    # 9000 is this week's news, not May's round that another source also reports with 6000.
    july3, july2 = dt.date(2025, 7, 3), dt.date(2025, 7, 2)
    may = dict(period="2025-05", start=dt.date(2025, 5, 1), end=dt.date(2025, 5, 31))
    rows = build_facts([_cut(6000, "faz-may", "faz", july3, **may), _cut(9000, "faz-now", "faz", july3),
                        _cut(6000, "golem-may", "golem", july2, **may), _cut(9000, "golem-now", "golem", july2)],
                       NAMES)[1]
    assert rows == []
    # A source that gives only the new figure is not read as speaking of May either, once another
    # source tells the two apart.
    rows = build_facts([_cut(6000, "faz-may", "faz", july3, **may), _cut(9000, "faz-now", "faz", july3),
                        _cut(9000, "nzz-now", "nzz", july3)], NAMES)[1]
    assert rows == []


def test_an_undated_event_joins_the_dated_one_of_its_days():
    # A funding round reported undated a week later is that round: a different amount disputes it.
    june = dict(period="2025-06-10", start=dt.date(2025, 6, 10), end=dt.date(2025, 6, 10))
    rows = build_facts([_cut(600, "a", "x", dt.date(2025, 6, 10), **june),
                        _cut(800, "b", "y", dt.date(2025, 6, 17))], NAMES)[1]
    assert len(rows) == 1
    # … but not one more than 30 days before its source
    rows = build_facts([_cut(600, "a", "x", dt.date(2025, 6, 10), **june),
                        _cut(800, "b", "y", dt.date(2025, 7, 20))], NAMES)[1]
    assert rows == []


def test_an_event_dated_to_days_a_few_days_apart_is_one_event():
    def breach(value, day, cid):
        d = dt.date(2024, 5, day)
        return claim(value=value, text=f"{value:g} Mio.", label="COUNT", currency=None, unit="customer",
                     property="affected_customers", subject="Ticketmaster", time="event", window_days=30,
                     period=d.isoformat(), period_start=d, period_end=d, cid=cid, source=cid)
    facts, rows = build_facts([breach(560e6, 20, "a"), breach(56e6, 28, "b")], NAMES)
    assert len(rows) == 1  # the news day of one source, the hacker's post in another: one breach
    facts, rows = build_facts([breach(560e6, 1, "a"), breach(56e6, 28, "b")], NAMES)
    assert rows == []  # four weeks apart: two events


def test_a_year_joins_the_one_event_inside_it_and_never_bridges_two():
    def fine(value, period, start, end, cid):
        return claim(value=value, text=f"{value:g} Mio. Euro", currency="EUR", property="fine", subject="Meta",
                     time="event", window_days=60, period=period, period_start=start, period_end=end, cid=cid, source=cid)
    jan = fine(390e6, "2023-01", dt.date(2023, 1, 1), dt.date(2023, 1, 31), "a")
    may = fine(1.2e9, "2023-05", dt.date(2023, 5, 1), dt.date(2023, 5, 31), "b")
    year = fine(1.2e9, "2023", dt.date(2023, 1, 1), dt.date(2023, 12, 31), "c")
    facts, rows = build_facts([jan, may, year], NAMES)
    assert rows == []  # January's fine and May's are two; "2023" could be either
    facts, rows = build_facts([jan, dict(year, value=500e6, text="500 Mio. Euro")], NAMES)
    assert len(rows) == 1  # one fine that year: the year's figure is about it


def test_a_fiscal_year_one_source_places_is_the_same_year_of_a_source_that_does_not():
    # derStandard states the calendar (April 2024 to March 2025), golem names only "FY2025"
    # (read as the calendar year by default): one year, and 6 % against 8.7 % is a dispute.
    stated = claim(6, text="sechs Prozent", cid="s", source="standard", label="PERCENT", currency=None,
                   measure="change", period="FY2025", period_start=dt.date(2024, 4, 1), period_end=dt.date(2025, 3, 31))
    default = claim(8.7, text="8,7 Prozent", cid="g", source="golem", label="PERCENT", currency=None,
                    measure="change", period="FY2025", period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 12, 31))
    facts, conflicts = build_facts([stated, default], NAMES)
    assert [f["status"] for f in facts] == ["disputed"] and len(conflicts) == 1
    # a calendar year "2025" (no fiscal label) stays apart from the fiscal one
    year = claim(8.7, text="8,7 Prozent", cid="y", source="golem", label="PERCENT", currency=None,
                 measure="change", period="2025", period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 12, 31))
    facts, conflicts = build_facts([stated, year], NAMES)
    assert facts == [] and conflicts == []


def test_what_a_stock_gained_is_compared_per_period():
    """A headcount's change over a quarter and over the year are two quantities (a stock's
    change is compared per period, as a flow); the same quarter's two values contradict."""
    docs = [{"doc_id": d, "status": "ok", "outlet": o, "published": "2024-04-13", "_sketch": sketch(d * 40)}
            for d, o in (("a", "dpa"), ("b", "Reuters"), ("c", "FAZ"))]
    fy, q4 = (dt.date(2023, 4, 1), dt.date(2024, 3, 31)), (dt.date(2024, 1, 1), dt.date(2024, 3, 31))

    def heads(value, period, span, doc):
        return claim(value=value, text=str(value), cid=f"{doc}#C1", doc=doc, subject="TCS", property="employees",
                     label="COUNT", currency=None, unit="employee", measure="change",
                     period=period, period_start=span[0], period_end=span[1])
    claims = [heads(13249, "FY2024", fy, "a"), heads(1759, "FY2024-Q4", q4, "b")]
    tables = crosscheck({"documents": docs, "claims": claims, "facts": [], "conflicts": []}, RULES)
    assert tables["conflicts"] == []
    claims = [heads(1759, "FY2024-Q4", q4, "b"), heads(2759, "FY2024-Q4", q4, "c")]
    tables = crosscheck({"documents": docs, "claims": claims, "facts": [], "conflicts": []}, RULES)
    assert [(r["text_a"], r["text_b"]) for r in tables["conflicts"]] == [("1759", "2759")]


def test_a_breach_count_told_months_later_is_a_revision():
    """A breach's count told again months later may be revised (properties.yaml
    `revised_after_days`): no conflict; the same days' different counts are one."""
    def docs(*days):
        return [{"doc_id": d, "status": "ok", "outlet": d, "published": day, "_sketch": sketch(d * 40)}
                for d, day in zip("abc", days)]

    def hit(value, doc, **kw):
        return claim(value=value, text=f"{value:,}", cid=f"{doc}#C1", doc=doc, subject="Qantas", property="affected_customers",
                     label="COUNT", currency=None, unit="customer", time="event", window_days=30, **kw)
    june = {"period": "2025-06", "period_start": dt.date(2025, 6, 1), "period_end": dt.date(2025, 6, 30)}
    # (the later source dates the attack: "Ende Juni abgegriffen"; the first, undated, is news of that event)
    claims = [hit(6_000_000, "a"), hit(5_700_000, "b", **june)]
    later = crosscheck({"documents": docs("2025-07-02", "2025-10-12"), "claims": claims, "facts": [], "conflicts": []}, RULES)
    assert later["conflicts"] == []
    claims = [hit(6_000_000, "a"), hit(5_700_000, "b", **june)]
    same = crosscheck({"documents": docs("2025-07-02", "2025-07-03"), "claims": claims, "facts": [], "conflicts": []}, RULES)
    assert len(same["conflicts"]) == 1


def test_the_same_digits_with_another_scale_word_are_one_figure_misreported():
    """A scale slip hidden by the frame (scale_echo.py): "12,7 Mio. $" read as an unnamed part
    of its document, or without the period another source names, is the "12,7 Milliarden" of
    the other source: a conflict. Other digits, two named parts, or months apart are not."""
    docs = [{"doc_id": d, "status": "ok", "outlet": o, "published": p, "_sketch": sketch(d * 40)}
            for d, o, p in (("a", "dpa", "2024-11-21"), ("b", "Ticker", "2024-11-21"), ("c", "FAZ", "2025-06-02"),
                            ("a2", "dpa", "2024-11-21"), ("b2", "Ticker", "2024-11-21"))]

    def backlog(value, text, doc, n=1, **kw):
        return claim(value=value, text=text, cid=f"{doc}#C{n}", doc=doc, subject="Palo Alto", property="backlog", **kw)

    def run(*claims):
        tables = crosscheck({"documents": docs, "claims": list(claims), "facts": [], "conflicts": []}, RULES)
        return [(r["text_a"], r["text_b"]) for r in tables["conflicts"]], tables

    found, tables = run(backlog(12.7e9, "12,7 Milliarden Dollar", "a"), backlog(12.7e6, "12,7 Mio. $", "b", segment="(Teil)"))
    assert found == [("12,7 Milliarden Dollar", "12,7 Mio. $")]
    assert {c["status"] for c in tables["claims"]} == {"conflicting"}
    assert tables["facts"][0]["values"][1]["cause"] == "scale"
    quarter = {"period": "2024-Q3", "period_start": dt.date(2024, 7, 1), "period_end": dt.date(2024, 9, 30)}
    assert run(backlog(12.7e9, "12,7 Milliarden Dollar", "a", **quarter), backlog(12.7e6, "12,7 Mio. $", "b"))[0] \
        == [("12,7 Milliarden Dollar", "12,7 Mio. $")]
    assert run(backlog(12.7e9, "12,7 Milliarden Dollar", "a"), backlog(17.2e6, "17,2 Mio. $", "b", segment="(Teil)"))[0] == []
    assert run(backlog(12.7e9, "12,7 Milliarden Dollar", "a", segment="cloud"),
               backlog(12.7e6, "12,7 Mio. $", "b", segment="hardware"))[0] == []
    assert run(backlog(12.7e9, "12,7 Milliarden Dollar", "a"), backlog(12.7e6, "12,7 Mio. $", "c", segment="(Teil)"))[0] == []
    # copies of both texts (the same outlets): one fact, one row, however many copies
    one = run(backlog(12.7e9, "12,7 Milliarden Dollar", "a", source="dpa"), backlog(12.7e6, "12,7 Mio. $", "b", segment="(Teil)", source="Ticker"),
              backlog(12.7e9, "12,7 Milliarden Dollar", "a2", source="dpa"), backlog(12.7e6, "12,7 Mio. $", "b2", segment="(Teil)", source="Ticker"))
    assert len(one[0]) == 1 and len(one[1]["facts"]) == 1
    # a second mention in one source: still one conflict row per two sources
    assert len(run(backlog(12.7e9, "12,7 Milliarden Dollar", "a"), backlog(12.7e6, "12,7 Mio. $", "b", segment="(Teil)"),
                   backlog(12.7e6, "12,7 Mio. $", "b", n=2, segment="(Teil)"))[0]) == 1


def test_one_name_per_subject_across_sources():
    """Spellings and short forms of one name the gazetteer does not know are one subject; a
    known name, or a short form two longer names begin with, stays."""
    from quellenlage.facts import subject_forms
    assert subject_forms({"Tiktok": 2, "TikTok": 3}) == {"Tiktok": "TikTok"}
    # a variant's name alone is the one model of that variant ("Scout" of Der Standard, "Llama 4 Scout" of heise)
    assert subject_forms({"Scout": 1, "Llama 4 Scout": 2, "Llama 4 Maverick": 2}) == {"Scout": "Llama 4 Scout"}
    assert subject_forms({"Pro": 1, "Gemini 2.5 Pro": 1, "Pixel 9 Pro": 1}) == {}  # two of that variant: none
    assert subject_forms({"Media-Markt-Saturn": 1, "MediaMarktSaturn": 2}) == {"Media-Markt-Saturn": "MediaMarktSaturn"}
    assert subject_forms({"Lam": 4, "Lam Research": 2}) == {"Lam Research": "Lam"}
    assert subject_forms({"Lam": 1, "Lam Research": 1}) == {"Lam": "Lam Research"}
    assert subject_forms({"Deutsche": 1, "Deutsche Bahn": 3, "Deutsche Post": 2}) == {}
    # a name with "von" is the name its last word is alone ("Holtzbrinck" of one source, "Georg von Holtzbrinck" of another)
    assert subject_forms({"Holtzbrinck": 1, "Georg von Holtzbrinck": 2}) == {"Holtzbrinck": "Georg von Holtzbrinck"}
    assert subject_forms({"Holtzbrinck": 1, "Georg von Holtzbrinck": 1, "Dieter von Holtzbrinck": 1}) == {}  # two: neither
    assert subject_forms({"Intel": 5, "Intel Foundry": 2}, known=frozenset({"Intel"})) == {}
    assert subject_forms({"Lam": 5, "Lam Research": 2}, known=frozenset({"Lam Research"})) == {"Lam": "Lam Research"}
    # a pair's parties are named as the companies alone ("Concur Technologies/SAP" is the "Concur/SAP" of others)
    assert subject_forms({"Concur/SAP": 2, "Concur Technologies/SAP": 1, "SAP": 3}) == {"Concur Technologies/SAP": "Concur/SAP"}
    assert subject_forms({"S/4HANA": 1, "SAP": 2}, known=frozenset({"S/4HANA"})) == {}  # a name with a slash is no pair
    # an acronym of one longer name is that name, the gazetteer's form first; with two such names, neither
    assert subject_forms({"RIM": 2, "Research In Motion": 1}) == {"RIM": "Research In Motion"}
    assert subject_forms({"IBM": 3, "International Business Machines": 1}, known=frozenset({"IBM"})) == {
        "International Business Machines": "IBM"}
    assert subject_forms({"GM": 1, "General Motors": 1, "General Mills": 1}) == {}
    assert subject_forms({"Sage": 5, "Sage Business Cloud": 1}) == {}


def _users(value, qualifier, day, cid, evidence, **kw):
    return claim(value, qualifier, text=str(value), cid=cid, source=cid, label="COUNT", currency=None, unit="user",
                 property="users", subject="Bluesky", time="stock", window_days=30, _day=day, evidence=evidence,
                 by_now="inzwischen" in evidence, **kw)


def test_a_later_source_saying_a_count_has_by_now_passed_a_higher_mark_is_an_update():
    """"Mehr als 21 Millionen Menschen sind inzwischen registriert", two days after "20 Millionen": it
    grew (SPEC §9: an update); the same bound without "inzwischen" still disputes the earlier count."""
    early = _users(20e6, "exact", 739210, "t3n", "20 Millionen Accounts.")
    later = _users(21e6, "lower_bound", 739212, "std", "Mehr als 21 Millionen Menschen sind inzwischen registriert.")
    assert build_facts([early, later], NAMES)[1] == []
    plain = _users(21e6, "lower_bound", 739212, "std", "Mehr als 21 Millionen Menschen sind registriert.")
    assert len(build_facts([early, plain], NAMES)[1]) == 1


def test_an_events_count_a_later_source_says_has_by_now_grown_is_an_update():
    """"Damit sind inzwischen fünf Gesellschaften der Gruppe betroffen" two days after "jetzt zwei": the
    event went on (an update); two sources telling different counts of the same day still dispute."""
    event = dict(label="COUNT", currency=None, unit="company", property="companies_affected", subject="Unister",
                 time="event", window_days=None)
    early = claim(2, text="zwei", cid="t3n", source="t3n", _day=736164, evidence="Damit sind jetzt zwei betroffen.", by_now=False, **event)
    later = claim(5, text="fünf", cid="ts", source="ts", _day=736166, evidence="Damit sind inzwischen fünf betroffen.", by_now=True, **event)
    assert build_facts([early, later], NAMES)[1] == []
    plain = claim(5, text="fünf", cid="ts", source="ts", _day=736164, evidence="Damit sind fünf betroffen.", by_now=False, **event)
    assert len(build_facts([early, plain], NAMES)[1]) == 1


def test_an_events_count_a_later_source_corrects_is_an_update():
    """"Statt der zunächst geschätzten knapp 50 Millionen Konten …" two weeks after "fast 50 Millionen": a
    correction of the earlier report (SPEC §9: an update); the same lower count told plainly still disputes."""
    event = dict(label="COUNT", currency=None, unit="account", property="affected_customers", subject="Meta",
                 time="event", window_days=None)
    early = claim(50e6, "approx", text="fast 50 Millionen", cid="ts", source="ts", _day=736965, revised=False, **event)
    later = claim(30e6, "approx", text="rund 30 Millionen", cid="heise", source="heise", _day=736979, revised=True, **event)
    assert build_facts([early, later], NAMES)[1] == []
    plain = claim(30e6, "approx", text="rund 30 Millionen", cid="heise", source="heise", _day=736979, revised=False, **event)
    assert len(build_facts([early, plain], NAMES)[1]) == 1


def test_a_lasting_quantitys_estimates_of_other_years_are_not_compared():
    """A programme "mit rund 6 Mrd. veranschlagt" in 2023 and "10,6 Mrd." at the signing in December
    2024: the estimate was revised; estimates of the same months still dispute."""
    est = dict(property="cost", subject="IRIS²", currency="EUR", time="static", aspect="forecast")
    old = claim(6e9, "approx", text="rund 6 Mrd. Euro", cid="a", source="a", _day=738792, **est)
    new = claim(10.6e9, text="10,6 Milliarden Euro", cid="b", source="b", _day=739237, **est)
    assert build_facts([old, new], NAMES)[1] == []
    near = claim(10.6e9, text="10,6 Milliarden Euro", cid="b", source="b", _day=738800, **est)
    assert len(build_facts([old, near], NAMES)[1]) == 1



def test_plans_without_a_period_told_days_apart_are_one_news():
    """ "Northvolt will in Heide 5,4 Mrd. Euro investieren" a day after "4,5 Mrd.": a plan without a
    period, told in the same news, disputes the other; a week later it may be a new plan."""
    plan = dict(property="capex", subject="Northvolt", currency="EUR", aspect="target", time="flow", window_days=45)
    a = claim(4.5e9, text="4,5 Milliarden Euro", cid="a", source="a", _day=738970, **plan)
    b = claim(5.4e9, text="5,4 Milliarden Euro", cid="b", source="b", _day=738971, **plan)
    assert len(build_facts([a, b], NAMES)[1]) == 1
    later = claim(5.4e9, text="5,4 Milliarden Euro", cid="b", source="b", _day=738980, **plan)
    assert build_facts([a, later], NAMES)[1] == []


def test_a_programmes_cost_told_months_apart_is_a_revision():
    """What a programme costs, said without a period, is revised as it goes on (rules: properties.yaml
    cost, a stock compared within months): "rund zwei Milliarden" in January and "rund drei Milliarden"
    a year later are no dispute; two sources of the same week are."""
    days = {"a": "2024-01-24", "b": "2025-02-07", "c": "2024-01-25"}
    docs = [{"doc_id": d, "status": "ok", "outlet": d, "published": p, "_sketch": sketch(d * 40)} for d, p in days.items()]

    def cost(value, doc):
        return claim(value=value, text=f"{value:g}", cid=f"{doc}#C1", doc=doc, subject="SAP", property="cost",
                     currency="EUR", qualifier="approx", published=days[doc])
    tables = crosscheck({"documents": docs, "claims": [cost(2e9, "a"), cost(3e9, "b")], "facts": [], "conflicts": []}, RULES)
    assert tables["conflicts"] == []
    tables = crosscheck({"documents": docs, "claims": [cost(2e9, "a"), cost(3e9, "c")], "facts": [], "conflicts": []}, RULES)
    assert len(tables["conflicts"]) == 1


def test_proceedings_reported_years_apart_are_two_proceedings():
    """A company faces many proceedings (rules: properties.yaml investigation_start, compared within
    months): the Android case opened in April 2015, told in 2018, and the adtech case of June 2021,
    told in 2025, are no dispute; two reports of the same week are."""
    days = {"a": "2018-07-18", "b": "2025-09-05", "c": "2018-07-19"}
    docs = [{"doc_id": d, "status": "ok", "outlet": d, "published": p, "_sketch": sketch(d * 40)} for d, p in days.items()]

    def start(value, doc):
        return claim(text=value, cid=f"{doc}#C1", doc=doc, subject="Alphabet", property="investigation_start",
                     label="DATE", currency=None, date_value=value, published=days[doc])
    tables = crosscheck({"documents": docs, "claims": [start("2015-04", "a"), start("2021-06", "b")], "facts": [], "conflicts": []}, RULES)
    assert tables["conflicts"] == []
    tables = crosscheck({"documents": docs, "claims": [start("2015-04", "a"), start("2016-04", "c")], "facts": [], "conflicts": []}, RULES)
    assert len(tables["conflicts"]) == 1


def test_a_launch_is_news_when_told():
    """A generation's launch is news in the reports of its time (rules: properties.yaml presentation_date,
    news_window): the iPhone 16's event in September 2024's reports and the iPhone 17's a year later are
    no dispute, though one subject ("iPhone") names both; a wrong weekday in a report of the same week
    is; a launch recalled years later ("kam im März 2017") meets only other recalled ones."""
    days = {"a": "2024-09-10", "b": "2025-09-10", "c": "2025-09-11", "d": "2025-04-02", "e": "2020-11-01"}
    docs = [{"doc_id": d, "status": "ok", "outlet": d, "published": p, "_sketch": sketch(d * 40)} for d, p in days.items()]

    def event(value, doc, prop="presentation_date"):
        return claim(text=value, cid=f"{doc}#C1", doc=doc, subject="iPhone", property=prop,
                     label="DATE", currency=None, date_value=value, published=days[doc])
    run = lambda *cs: crosscheck({"documents": docs, "claims": list(cs), "facts": [], "conflicts": []}, RULES)["conflicts"]  # noqa: E731
    assert run(event("2024-09-09", "a"), event("2025-09-09", "b")) == []
    assert len(run(event("2025-09-09", "b"), event("2025-09-08", "c"))) == 1
    assert run(event("2017-03", "d", "release_date"), event("2025-09-09", "b", "release_date")) == []
    assert len(run(event("2017-03", "d", "release_date"), event("2016-03", "e", "release_date"))) == 1


def test_a_stock_stated_for_a_year_is_its_value_at_the_years_end():
    """A headcount stated for a fiscal year is the one at the year's end: an undated headcount a
    source published early in that year is an earlier one (an update, no dispute); one published
    near the year's end is compared with it."""
    days = {"a": "2024-12-20", "b": "2024-02-10", "c": "2024-12-15"}
    docs = [{"doc_id": d, "status": "ok", "outlet": d, "published": p, "_sketch": sketch(d * 40)} for d, p in days.items()]

    def heads(value, doc, **kw):
        return claim(value, text=str(value), cid=f"{doc}#C1", doc=doc, subject="Dell", property="employees",
                     label="COUNT", currency=None, unit="employee", published=days[doc], **kw)
    year = {"period": "2024", "period_start": dt.date(2024, 1, 1), "period_end": dt.date(2024, 12, 31)}
    run = lambda *cs: crosscheck({"documents": docs, "claims": list(cs), "facts": [], "conflicts": []}, RULES)["conflicts"]  # noqa: E731
    assert run(heads(120000, "a", **year), heads(158000, "b")) == []
    assert len(run(heads(120000, "a", **year), heads(158000, "c"))) == 1


def test_an_outlook_of_before_is_no_dispute_with_the_present_one():
    # "Ursprünglich hatte das Management für 2024 … 50 bis 70 Millionen Euro angepeilt" (past) against the cut
    # outlook of 16 bis 24 Millionen another source gives: an update, no conflict; two present outlooks dispute
    def outlook(low, high, cid, **kw):
        return claim(None, "range", f"{low} bis {high} Millionen Euro", low=low * 1e6, high=high * 1e6, cid=cid, source=cid,
                     currency="EUR", aspect="forecast", period="2024", period_start=dt.date(2024, 1, 1),
                     period_end=dt.date(2024, 12, 31), subject="Mynaric", **kw)
    old, cut = outlook(50, 70, "spiegel", past=True), outlook(16, 24, "golem")
    assert build_facts([old, cut], NAMES)[1] == []
    assert len(build_facts([outlook(50, 70, "spiegel"), cut], NAMES)[1]) == 1


def test_a_bare_weekday_is_news_of_its_sources_day():
    """An announcement's dates are compared when they are within days of each other; a bare weekday
    ("am Mittwoch", in an article of a Tuesday: the Wednesday six days before) is its source's news,
    compared with the dates other sources of those days give. Two dates told as dates a week apart
    stay two announcements."""
    docs = [{"doc_id": d, "status": "ok", "outlet": o, "published": day, "_sketch": sketch(d * 40)}
            for d, o, day in (("a", "t3n", "2024-03-19"), ("b", "SZ", "2024-03-20"))]

    def said(text, date_value, doc):
        return claim(text=text, cid=f"{doc}#C1", doc=doc, subject="Tanso", property="announcement_date", label="DATE",
                     currency=None, date_value=date_value)
    tables = crosscheck({"documents": docs, "claims": [said("Mittwoch", "2024-03-13", "a"), said("Dienstag", "2024-03-19", "b")],
                         "facts": [], "conflicts": []}, RULES)
    assert [(r["subject"], r["property"]) for r in tables["conflicts"]] == [("Tanso", "announcement_date")]
    tables = crosscheck({"documents": docs, "claims": [said("13. März", "2024-03-13", "a"), said("19. März", "2024-03-19", "b")],
                         "facts": [], "conflicts": []}, RULES)
    assert tables["conflicts"] == []
