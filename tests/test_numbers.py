"""German number normalisation: property-based tests (pure functions, no spaCy)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quellenlage.figures import FigureRules, scan_figures
from quellenlage.normalize.numbers import NumberRules, parse_amount, parse_digits, parse_number_word
from quellenlage.rules import RuleSet

RULES = RuleSet.load()
NR = NumberRules.from_config(RULES.get("numbers"))
FR = FigureRules.from_ruleset(RULES)
SEPARATORS = [".", "'", " ", "\u00a0", "\u202f"]


def german(n: int, sep: str = ".") -> str:
    """15000 -> '15.000' (thousands grouped the German way)."""
    s = str(n)
    groups = []
    while len(s) > 3:
        groups.insert(0, s[-3:])
        s = s[:-3]
    groups.insert(0, s)
    return sep.join(groups)


@given(st.integers(min_value=0, max_value=10**12), st.sampled_from(SEPARATORS))
def test_grouped_integers_parse_back(n, sep):
    assert parse_digits(german(n, sep)) == n


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=999))
def test_decimal_comma_parses_back(whole, frac):
    text = f"{german(whole)},{frac:03d}"
    assert parse_digits(text) == pytest.approx(whole + frac / 1000)


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=9),
       st.sampled_from(["Tausend", "Tsd.", "Millionen", "Mio.", "Milliarden", "Mrd.", "Billionen", "Bio."]))
def test_scaled_amounts_parse_back(whole, tenth, scale):
    factor = NR.scales[scale]
    text = f"{whole},{tenth} {scale}" if tenth else f"{whole} {scale}"
    assert parse_amount(text, NR) == pytest.approx((whole + tenth / 10) * factor)


@given(st.integers(min_value=1, max_value=999_999))
def test_number_words_from_text2num(n):
    # Spell the number the German way and read it back (text2num is the reference).
    from text_to_num import alpha2digit  # noqa: F401  (import proves the dependency)
    words = _spell(n)
    assert parse_number_word(words, NR) == n


_ONES = ["", "ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf",
         "zwölf", "dreizehn", "vierzehn", "fünfzehn", "sechzehn", "siebzehn", "achtzehn", "neunzehn"]
_TENS = ["", "", "zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig"]


def _spell(n: int) -> str:
    if n >= 1000:
        head = _spell(n // 1000)
        head = head[:-1] if head.endswith("eins") else head  # "dreihunderteintausend"
        return head + "tausend" + (_spell(n % 1000) if n % 1000 else "")
    if n >= 100:
        rest = n % 100
        return _ONES[n // 100] + "hundert" + (_spell(rest) if rest else "")
    if n < 20:
        return "eins" if n == 1 else _ONES[n]
    ones = n % 10
    return (_ONES[ones] + "und" if ones else "") + _TENS[n // 10]


@given(st.text(max_size=80))
@settings(max_examples=300)
def test_arbitrary_strings_never_raise(s):
    parse_digits(s)
    parse_amount(s, NR)
    parse_number_word(s, NR)


@given(st.text(alphabet=st.sampled_from(list("0123456789.,' -–+%$€ bisundMrd.Mio Prozent GPUs rund\n|ßİéB„“\"")), max_size=120))
@settings(max_examples=300)
def test_scanner_never_raises_and_offsets_hold(s):
    for fig in scan_figures(s, FR):
        assert 0 <= fig.start < fig.end <= len(s)
        rec = fig.record(s)
        assert rec["text"] == s[fig.start:fig.end]


@given(st.integers(min_value=1, max_value=10**6), st.sampled_from(["GPUs", "Nutzer", "Parameter", "Mitarbeiter"]))
def test_counts_in_a_sentence(n, noun):
    text = f"Das Unternehmen nutzt {german(n)} {noun} für das Training."
    figs = scan_figures(text, FR)
    assert len(figs) == 1 and figs[0].value == n and figs[0].label == "COUNT"


@given(st.integers(min_value=300, max_value=2000), st.sampled_from(["", ",5", ".000"]),
       st.sampled_from(["", " Mrd.", " Billionen", " Euro"]))
@settings(max_examples=60)
def test_digit_runs_beyond_a_float_are_no_number(digits, tail, scale):
    """A run of hundreds of digits (a pasted hash, an ID) overflows a float: no value, never inf."""
    import math
    raw = "7" * digits + tail
    for value in (parse_digits(raw), parse_amount(raw + scale, NR)):
        assert value is None or math.isfinite(value)
    assert parse_digits("9" * 400) is None


def test_an_endless_digit_run_before_a_currency_leaves_the_other_figures():
    text = f"Die Kennung {'4' * 1500} Euro steht im Bericht. Der Umsatz stieg auf 3,5 Mrd. Euro."
    figs = scan_figures(text, FR)
    import math
    assert all(f.value is None or math.isfinite(f.value) for f in figs)
    money = [f for f in figs if f.label == "MONEY" and f.value == pytest.approx(3.5e9)]
    assert [text[f.start:f.end] for f in money] == ["3,5 Mrd. Euro"]


def test_a_list_of_thousands_of_numbers_is_scanned_in_linear_time():
    """Each number of a list passes the list's scale on (the first of "8, 70 und 405 Milliarden"
    is 8 billion); a column of 5,000 numbers neither recurses 5,000 deep nor reads the rest of
    the list again at every number."""
    short = scan_figures("Die Modelle haben 8, 70 und 405 Milliarden Parameter.", FR)
    assert [f.value for f in short] == [8e9, 70e9, 405e9]
    text = "Die Werte: " + "3,5, " * 5000 + "und 4,5 Prozent."
    figs = scan_figures(text, FR)
    assert [(text[f.start:f.end], f.value) for f in figs][-1:] == [("4,5 Prozent", 4.5)]
    ten = "Die Varianten haben 1, 2, 3, 4, 5, 6, 7, 8, 9 und 10 Milliarden Parameter."
    assert [f.value for f in scan_figures(ten, FR)] == [k * 1e9 for k in range(1, 11)]


def test_an_amount_without_currency_takes_the_money_of_its_sentence_or_the_one_before_only():
    near = "Der Konzern stellte 13,5 Milliarden Dollar in Aussicht. Analysten hatten mit 14,4 Milliarden gerechnet."
    assert [(f.label, f.currency) for f in scan_figures(near, FR)] == [("MONEY", "USD"), ("MONEY", "USD")]
    filler = "Dazu kamen neue Werke und neue Kunden aus vielen Ländern hinzu. " * 20  # 1,300 characters between
    far = "Der Konzern stellte 13,5 Milliarden Dollar in Aussicht. " + filler + "Analysten hatten mit 14,4 Milliarden gerechnet."
    assert [f.label for f in scan_figures(far, FR)] == ["MONEY", "COUNT"]
