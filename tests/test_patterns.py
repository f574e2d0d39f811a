"""The fast finders in patterns.py find exactly what the plain regex finds (same spans, same
groups, same order): `Gated` (skip to where a match can begin), `gated` (its look-behind split
off) and `Anchored` (tried only near a literal every match holds), on the real rule patterns
and on texts made of the words that decide them."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

from quellenlage.date_rules import DateRules
from quellenlage.figure_lexicon import FigureRules
from quellenlage.patterns import gate_of, Anchored, Gated, gated, leading_lookbehind, union
from quellenlage.prefilter import Prefiltered, required_literals
from quellenlage.rules import RuleSet

PIECES = ["Montag", "Dienstag", "vergangener", "kommenden", "nächste", "Woche", "Wochenende", "am", "Am",
          "fünf", "jährigen", "zwölf", "monatige", "10", "-", "12.", "3.", "31.", "Platz", "Rang", "dritten",
          "Top", "ein", "eine", "Vierteljahr", "Ostern", "2025", "zwischen", "und", "bis", "KW", "Mitte",
          "des", "Monats", "März", "Mai", "/", ".", ",", "(", "„", "x", "ß", "Ü", "über"]
SEPARATORS = [" ", " ", "", "\n", "\u00a0", "-", "\t"]
texts = st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SEPARATORS)), max_size=40).map(
    lambda parts: "".join(p + s for p, s in parts))


@pytest.fixture(scope="module")
def finders():
    rules = RuleSet.load()
    words = DateRules.from_ruleset(rules).words
    fig = FigureRules.from_ruleset(rules)
    found = [words.holidays[0], *(rx for _, rx in words.patterns),
             fig.duration_adjective_re[0], *fig.rank_res]
    if fig.duration_noun_re:
        found.append(fig.duration_noun_re[0])
    fast = [f for f in found if isinstance(f, (Gated, Anchored))]
    assert len(fast) >= 8  # the patterns this test is about are still the fast kind
    return fast


def _same(finder, text):
    fast = [(m.span(), m.groupdict()) for m in finder.finditer(text)]
    plain = [(m.span(), m.groupdict()) for m in finder.rx.finditer(text)]
    assert fast == plain, (finder.pattern[:80], text)


@settings(max_examples=300, deadline=None)
@given(text=texts)
def test_fast_finders_find_what_the_regex_finds(finders, text):
    for finder in finders:
        _same(finder, text)


@pytest.mark.parametrize("text, found", [
    ("Sie landete auf dem dritten Platz, vor Rang 5 und dem 12. Platz.", ["dritten Platz", "vor Rang", "12. Platz"]),
    ("Platz eins; zweiten\u00a0Rang; Erster Platz", ["zweiten\u00a0Rang", "Erster Platz"]),
])
def test_anchored_ranks(text, found):
    after = FigureRules.from_ruleset(RuleSet.load()).rank_res[1]
    assert isinstance(after, Anchored)
    assert [m.group(0) for m in after.finditer(text)] == found == [m.group(0) for m in after.rx.finditer(text)]


def test_anchored_duration_adjectives():
    rx = re.compile(r"(?<![\w-])(?P<n>\d+-?|[^\W\d_]+?)(?P<stem>jährig|monatig)(?:e|en|er|es)?(?![\w-])", re.I)
    finder = Anchored(rx, re.compile("jährig|monatig", re.I))
    text = "Die fünfjährigen, 12-monatigen und Zehnjährige; nicht ab-jährig oder xjährigkeit."
    assert [m.group(0) for m in finder.finditer(text)] == ["fünfjährigen", "12-monatigen", "Zehnjährige"]


@pytest.mark.parametrize("pattern, lead", [
    (r"(?<![\w-])(?P<w>Platz)", r"(?<![\w-])"),
    (r"(?<=[Zz]wischen[ \t])(?P<y>\d{4})", r"(?<=[Zz]wischen[ \t])"),
    (r"(?<![(\])])x", r"(?<![(\])])"),
    (r"(?<![\d.])\d", r"(?<![\d.])"),
    (r"\d+(?<!0)", ""),
])
def test_leading_lookbehind(pattern, lead):
    got_lead, body = leading_lookbehind(pattern)
    assert (got_lead, got_lead + body) == (lead, pattern)


def test_gated_equals_plain_on_overlapping_candidates():
    finder = gated(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.")
    text = "1.2.3.4. 12.12. x5.6. 7.8.9"
    assert [m.group(0) for m in finder.finditer(text)] == [m.group(0) for m in finder.rx.finditer(text)]


# --- required literals: a pattern dropped for a text has no match in it --------------------

def _rule_patterns() -> list[re.Pattern]:
    import yaml
    from pathlib import Path
    folder = Path(__file__).resolve().parents[1] / "rules" / "de"
    lines = yaml.safe_load((folder / "boilerplate.yaml").read_text(encoding="utf-8"))["line_patterns"]
    skips = yaml.safe_load((folder / "not_figures.yaml").read_text(encoding="utf-8"))["skip_patterns"]
    return [re.compile(p) for p in lines + skips]


RULE_PATTERNS = _rule_patterns()
LINE_PIECES = ["Anzeige", "ANZEIGE", "Jetzt", "jetzt", "testen", "Newsletter", "NEWSLETTER", "abonnieren",
               "Cookies", "zustimmen", "Lesen Sie auch", "LESEN SIE AUCH", "Von", "Anna Muster", "©", "Foto",
               ":", "12", "Uhr", "3.4.2025", "v1.2.3", "1/2", "www.", "x@y.de", "Mehr", "auf", "heise.de",
               "ſ", "ẞ", "K", "Straße", "Order", "handeln", "ab", "5", "Euro", "pro", "Ordergebühr"]
line_texts = st.lists(st.tuples(st.sampled_from(LINE_PIECES), st.sampled_from([" ", "", ": ", ". "])),
                      max_size=12).map(lambda parts: "".join(p + s for p, s in parts))


@settings(max_examples=400, deadline=None)
@given(text=line_texts)
def test_prefilter_never_drops_a_pattern_that_matches(text):
    kept = {id(rx) for rx in Prefiltered(RULE_PATTERNS).for_text(text)}
    for rx in RULE_PATTERNS:
        if rx.search(text):
            assert id(rx) in kept, (rx.pattern, text)


@pytest.mark.parametrize("pattern, flags, literals", [
    (r"Hier weiterlesen", 0, ["Hier weiterlesen"]),
    (r"(?i)Affiliate-Link|Partnerlink", 0, ["affiliate-link", "partnerlink"]),
    (r"^\s*(?:Foto|Bild)\s*:\s*\S", 0, ["Bild", "Foto"]),
    (r"\b\d{1,2}\s*Uhr\b", 0, ["Uhr"]),
    (r"Jahres(?:umsatz|gewinn)", 0, ["Jahres"]),
    (r"(?:Umsatz|Gewinn)?\d+", 0, None),        # the words are optional: nothing required
    (r"Quartal|\d+", 0, None),                  # one branch needs no literal
    (r"x(?i:ABC)", 0, ["x"]),                   # a case-folded group is no cased literal
    (r"ABC", re.IGNORECASE, ["abc"]),
])
def test_required_literals(pattern, flags, literals):
    assert required_literals(pattern, flags) == literals


SKIP_PIECES = ["14", "9", "30", "0", "030", "+49", "1.", "2.", "v2.1.3", "1.0", ".93", "24/7", "Uhr", "uhr", "ISBN",
               "Aktenzeichen", ":", "max.muster", "@", "firma", ".de", "https://", "www.", "x", "-", "/", "(", ")", "ß"]
skip_texts = st.lists(st.tuples(st.sampled_from(SKIP_PIECES), st.sampled_from(SEPARATORS)), max_size=30).map(
    lambda parts: "".join(p + s for p, s in parts))


@pytest.fixture(scope="module")
def skip_unions():
    rules = RuleSet.load()
    return [FigureRules.from_ruleset(rules).skip_re, DateRules.from_ruleset(rules).skip_re]


@settings(max_examples=400, deadline=None)
@given(text=skip_texts)
def test_a_union_of_skip_patterns_finds_what_their_alternation_finds(skip_unions, text):
    for finder in skip_unions:
        assert isinstance(finder, Gated) and len(finder.gates) >= 4  # one gate per rule pattern
        assert [m.span() for m in finder.finditer(text)] == [m.span() for m in finder.rx.finditer(text)], text


def test_union_gates_open_without_assertions():
    u = union([r"\b\d{1,2}[:.]\d{2}\s*Uhr\b", r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+", r"\b(?:ISBN|DOI)\s*[\w-]+", r"\b\d+/\d+\b"])
    # (a body that opens with a part repeated without bound keeps its assertion: tried inside a
    # 40,000-digit number or a word without spaces it would read to the run's end at every place)
    assert [(g.pattern, needs) for g, needs in u.gates] == [
        (r"\d{1,2}[:.]\d{2}\s*Uhr\b", "Uhr"), (r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+", "@"),
        (r"(?:ISBN|DOI)\s*[\w-]+", None), (r"\b\d+/\d+\b", "/")]
    text = "Um 9:30 Uhr schrieb a.b@c.de zu DOI 10-1 und ISBN-freien 19.45Uhr, 24/7."
    found = ["9:30 Uhr", "a.b@c.de", "DOI 10-1", "ISBN-freien", "19.45Uhr", "24/7"]
    assert [m.group(0) for m in u.finditer(text)] == found == [m.group(0) for m in u.rx.finditer(text)]


@pytest.mark.parametrize("lead, body, gate", [
    (r"\b", r"\d+/\d+\b", r"\b\d+/\d+\b"),
    (r"(?<![\w-])", r"[A-ZÄÖÜ][\w-]*[ ][A-ZÄÖÜ][\w-]*", r"(?<![\w-])[A-ZÄÖÜ][\w-]*[ ][A-ZÄÖÜ][\w-]*"),
    (r"(?<![\w-])", r"(?P<first>[A-Z][a-z]+)", r"(?<![\w-])(?P<first>[A-Z][a-z]+)"),
    (r"(?<![\w-])", r"[A-ZÄÖÜ][A-ZÄÖÜ]{2,5}(?![\w-])", r"[A-ZÄÖÜ][A-ZÄÖÜ]{2,5}(?![\w-])"),
    (r"\b", r"\d{1,2}[:.]\d{2}", r"\d{1,2}[:.]\d{2}"),
    ("", r"\d+/\d+", r"\d+/\d+"),
])
def test_a_gate_keeps_its_lookbehind_only_before_a_part_repeated_without_bound(lead, body, gate):
    assert gate_of(lead, body) == gate


@pytest.mark.parametrize("run", ["7" * 40_000, "Rechenzentrumsnutzer" * 2_000, "Ab" * 20_000])
def test_gated_finders_in_a_long_run_find_what_the_regex_finds(skip_unions, run):
    text = f"Um 9:30 Uhr kamen 24/7 Nutzer. {run} Dazu 3/4 der Kunden, a@b.de und Qwen3-235B-A22B."
    for finder in skip_unions + [Gated(r"(?<![\w-])", r"[A-ZÄÖÜ][\w-]*[ \u00a0][A-ZÄÖÜ][\w-]*(?![\w-])")]:
        assert [m.span() for m in finder.finditer(text)] == [m.span() for m in finder.rx.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(regions=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)).map(lambda p: (p[0], p[0] + p[1])), max_size=12),
       s=st.integers(0, 80), n=st.integers(0, 10))
def test_regions_answer_as_a_scan_over_every_region_does(regions, s, n):
    from quellenlage.textutil import Regions
    r = Regions(regions)
    assert r.overlaps(s, s + n) == any(s < b and a < s + n for a, b in regions)
    assert r.covers(s) == any(a <= s < b for a, b in regions)


@pytest.mark.parametrize("text,found", [
    ("Der Konzern baut in Europa 4.700 Jobs ab.", "baut in Europa 4.700 Jobs ab"),
    ("Er baut 1,5 Prozent der Stellen ab und schließt zwei Werke", "baut 1,5 Prozent der Stellen ab"),
    ("Damit fallen in Deutschland 2.800 Stellen weg", "fallen in Deutschland 2.800 Stellen weg"),
    ("Er baut ein Werk, ab 2026 soll es laufen.", None),  # a comma ends the clause
    ("Er baut ein Werk ab 2026.", None),  # "ab 2026": no particle closing the clause
    ("Er baut ab.", None),  # the gap holds at least one word
])
def test_a_gap_in_a_cue_phrase_holds_the_words_between_a_separable_verbs_parts(text, found):
    from quellenlage.patterns import cue_re, cue_search
    rx = cue_re(["baut … ab", "fallen … weg"])
    m = cue_search(rx, text, 0, len(text))
    assert (m.group(0) if m else None) == found
