"""German breadth (issue 13): the team's own sentences per kind (tests/breadth/*.yaml, built by
tests/breadth/build_breadth.py with computed dates), scored with SPEC §8's matching."""
from __future__ import annotations

from pathlib import Path

import pytest

from quellenlage.breadth import load_cases, score_suite

SUITES = Path(__file__).resolve().parent / "breadth"
TARGETS = {  # label: (recall, value accuracy, precision)
    "MONEY": (0.95, 0.95, 0.95),
    "DURATION": (0.95, 0.95, 0.95),
    "DATE": (0.90, 0.90, 0.95),
}


@pytest.fixture(scope="module")
def scores(nlp):
    return score_suite(nlp, load_cases([SUITES]))


@pytest.mark.parametrize("label", sorted(TARGETS))
def test_each_label_meets_its_targets(scores, label):
    s = scores[f"label {label}"]
    recall, values, precision = TARGETS[label]
    assert s.gold >= 40
    assert s.recall >= recall and s.value_accuracy >= values and s.precision >= precision, \
        f"{label}: recall {s.recall:.3f}, values {s.value_accuracy:.3f}, precision {s.precision:.3f}\n" + \
        "\n".join(s.misses)


def test_every_kind_is_mostly_found(scores):
    weak = {k: round(s.recall, 3) for k, s in scores.items()
            if not k.startswith("label ") and k != "all" and s.gold and s.recall < 0.85}
    assert not weak, weak


def test_negative_sentences_give_almost_nothing(scores):
    for kind in ("negatives_money", "negatives_duration", "negatives_date"):
        s = scores[kind]
        assert s.false_pos <= 1, (kind, s.misses)
