"""The common-noun lexicon that tells a bought company's name from a word (lexicon_nouns.py)."""
from __future__ import annotations

import pytest

from quellenlage.lexicon_nouns import is_noun as _a_word
from quellenlage.lexicon_nouns import common_nouns, is_common_noun


@pytest.mark.parametrize("word", ["Aktien", "Anteile", "Verantwortung", "Rauchmelder", "Kunden", "Mehrheit"])
def test_common_nouns_in_every_form(word):
    assert is_common_noun(word)


@pytest.mark.parametrize("word", ["Harman", "Shazam", "DoubleClick", "Twitch", "Tumblr", "Mannesmann"])
def test_names_are_no_common_nouns(word):
    assert not is_common_noun(word) and not _a_word(word)


def test_a_compound_with_a_noun_for_its_head_is_a_word():
    assert not is_common_noun("Wettbewerber") and _a_word("Wettbewerber")  # "Bewerber"


def test_names_wiktionary_marks_as_names_are_left_out():
    nouns = common_nouns()
    assert len(nouns) > 200_000
    assert "Google" not in nouns and "Instagram" not in nouns  # Eigenname


def test_the_name_in_a_run_of_capitalised_words():
    from quellenlage.entity_objects import _name
    assert _name(["US-Softwarefirma", "Altair"]) == ["Altair"]
    assert _name(["Yorker", "Blogdienst", "Tumblr"]) == ["Tumblr"]
    assert _name(["Time", "Warner"]) == ["Time", "Warner"]  # "Warner" is a noun too, a short one
    assert _name(["Googles", "Rechenzentren"]) == []
