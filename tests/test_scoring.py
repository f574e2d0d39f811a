"""The scorer itself (SPEC §8), on hand-made cases."""
from __future__ import annotations

import pytest

from quellenlage.scoring import score_document, summarise


def span(start, end, label="COUNT", **kw):
    return {"start": start, "end": end, "label": label, **kw}


def metrics(preds, golds, boilerplate=None):
    return summarise([score_document(preds, golds, boilerplate)])


def test_overlap_is_enough_for_a_span_match():
    m = metrics([span(0, 5, value=15000)], [span(3, 12, value=15000)])
    assert m["labels"]["COUNT"]["tp"] == 1 and m["labels"]["COUNT"]["f1"] == 1.0


def test_labels_must_agree():
    m = metrics([span(0, 5, "MONEY", value=1)], [span(0, 5, "COUNT", value=1)])
    assert m["labels"]["MONEY"]["fp"] == 1 and m["labels"]["COUNT"]["fn"] == 1
    assert m["overall"]["f1"] == 0.0


def test_one_to_one_largest_overlap_first():
    # One long prediction overlapping two gold spans matches only the larger overlap.
    golds = [span(0, 4, value=1), span(6, 20, value=2)]
    m = metrics([span(2, 18, value=2)], golds)
    c = m["labels"]["COUNT"]
    assert (c["tp"], c["fp"], c["fn"], c["full_tp"]) == (1, 0, 1, 1)
    # Two predictions for one gold span: one matches, the other is a false positive.
    m = metrics([span(0, 3, value=1), span(2, 6, value=1)], [span(1, 6, value=1)])
    c = m["labels"]["COUNT"]
    assert (c["tp"], c["fp"], c["fn"]) == (1, 1, 0)


def test_values_within_half_a_percent():
    assert metrics([span(0, 3, value=1004.9)], [span(0, 3, value=1000)])["labels"]["COUNT"]["full_f1"] == 1.0
    assert metrics([span(0, 3, value=1006)], [span(0, 3, value=1000)])["labels"]["COUNT"]["full_f1"] == 0.0
    assert metrics([span(0, 3, value=0.0)], [span(0, 3, value=0)])["labels"]["COUNT"]["full_f1"] == 1.0


def test_ranges_need_both_bounds():
    gold = [span(0, 9, "DURATION", low=12, high=18)]
    assert metrics([span(0, 9, "DURATION", low=12, high=18)], gold)["labels"]["DURATION"]["full_f1"] == 1.0
    assert metrics([span(0, 9, "DURATION", low=12, high=24)], gold)["labels"]["DURATION"]["full_f1"] == 0.0
    assert metrics([span(0, 9, "DURATION", value=12)], gold)["labels"]["DURATION"]["full_f1"] == 0.0


def test_dates_compare_iso_strings():
    gold = [span(0, 4, "DATE", value="2032")]
    assert metrics([span(0, 4, "DATE", date_value="2032")], gold)["labels"]["DATE"]["full_f1"] == 1.0
    assert metrics([span(0, 4, "DATE", date_value="2032-01")], gold)["labels"]["DATE"]["full_f1"] == 0.0
    # One extent in two notations is one value; another extent is not.
    half = [span(0, 4, "DATE", value="2025-07/2025-12")]
    assert metrics([span(0, 4, "DATE", date_value="2025-H2")], half)["labels"]["DATE"]["full_f1"] == 1.0
    assert metrics([span(0, 4, "DATE", date_value="2025-H1")], half)["labels"]["DATE"]["full_f1"] == 0.0
    assert metrics([span(0, 4, "DATE", date_value="FY2026-H2")], half)["labels"]["DATE"]["full_f1"] == 0.0
    # Unresolvable relative date: gold has no value, a null prediction is right.
    assert metrics([span(0, 4, "DATE", date_value=None)], [span(0, 4, "DATE")])["labels"]["DATE"]["full_f1"] == 1.0


def test_quotes_compare_kind_and_speaker_last_name():
    gold = [span(0, 30, "QUOTE", kind="statement", speaker="Mustafa Suleyman")]
    ok = span(0, 30, "QUOTE", kind="statement", speaker="suleyman")
    wrong = span(0, 30, "QUOTE", kind="statement", speaker="Satya Nadella")
    term = span(0, 30, "QUOTE", kind="term")
    assert metrics([ok], gold)["labels"]["QUOTE"]["full_f1"] == 1.0
    assert metrics([wrong], gold)["labels"]["QUOTE"]["full_f1"] == 0.0
    assert metrics([term], gold)["labels"]["QUOTE"]["full_f1"] == 0.0
    assert metrics([term], [span(0, 30, "QUOTE", kind="term")])["labels"]["QUOTE"]["full_f1"] == 1.0


def test_optional_spans_neither_reward_nor_penalise():
    golds = [span(0, 4, value=2, optional=True), span(10, 15, value=7)]
    m = metrics([span(0, 4, value=2), span(10, 15, value=7)], golds)["labels"]["COUNT"]
    assert (m["tp"], m["fp"], m["fn"]) == (1, 0, 0)
    m = metrics([span(10, 15, value=7)], golds)["labels"]["COUNT"]
    assert (m["tp"], m["fp"], m["fn"]) == (1, 0, 0)


def test_predictions_in_boilerplate_are_false_positives():
    m = metrics([span(100, 104, value=28)], [], boilerplate=[[90, 200]])
    assert m["labels"]["COUNT"]["fp"] == 1
    assert metrics([span(10, 14, value=28)], [], boilerplate=[[90, 200]])["labels"]["COUNT"]["fp"] == 1


def test_precision_recall_f1_arithmetic():
    preds = [span(0, 2, value=1), span(5, 7, value=9), span(20, 22, value=3)]
    golds = [span(0, 2, value=1), span(5, 7, value=2), span(30, 32, value=4), span(40, 42, value=5)]
    c = metrics(preds, golds)["labels"]["COUNT"]
    assert (c["tp"], c["fp"], c["fn"], c["full_tp"]) == (2, 1, 2, 1)
    assert c["precision"] == pytest.approx(2 / 3)
    assert c["recall"] == pytest.approx(0.5)
    assert c["f1"] == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))
    assert c["full_f1"] == pytest.approx(2 * (1 / 3) * (1 / 4) / (1 / 3 + 1 / 4))


def test_overall_is_micro_averaged():
    preds = [span(0, 2, value=1), span(5, 9, "DATE", date_value="2025")]
    golds = [span(0, 2, value=1), span(5, 9, "DATE", value="2024")]
    m = metrics(preds, golds)
    assert m["overall"]["tp"] == 2 and m["overall"]["full_tp"] == 1
    assert list(m["labels"]) == ["COUNT", "DATE"]


def test_count_units_are_part_of_the_value():
    gold = [span(0, 6, value=15000, unit="gpu")]
    assert metrics([span(0, 6, value=15000, unit="gpu")], gold)["labels"]["COUNT"]["full_f1"] == 1.0
    assert metrics([span(0, 6, value=15000, unit="parameter")], gold)["labels"]["COUNT"]["full_f1"] == 0.0
    assert metrics([span(0, 6, value=15000)], gold)["labels"]["COUNT"]["full_f1"] == 0.0
    # A gold span without a unit takes any unit; units are a COUNT matter only.
    assert metrics([span(0, 6, value=15000, unit="gpu")], [span(0, 6, value=15000)])["labels"]["COUNT"]["full_f1"] == 1.0
    assert metrics([span(0, 6, "DURATION", value=3, unit="year")],
                   [span(0, 6, "DURATION", value=3, unit="month")])["labels"]["DURATION"]["full_f1"] == 1.0
