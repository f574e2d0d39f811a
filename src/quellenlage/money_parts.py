"""Money in parts: a currency's smaller unit after an amount ("85 Cent" is 0.85 euros) and a
main amount with its cents ("3 Euro 20", "zwölf Dollar und fünfzig Cent") read as one amount.
The subunits and their currencies come from `rules/<lang>/currencies.yaml`. Pure, no spaCy."""
from __future__ import annotations

import re
from typing import Callable

from quellenlage.figure import Figure
from quellenlage.figure_lexicon import FigureRules
from quellenlage.normalize.numbers import POINT_CENTS, parse_number_word
from quellenlage.textutil import LETTER, SENTENCE_BACK, sentence_start, skip_spaces

PRICE_WITH_CENTS = 100_000  # "3 Euro 20": only a price below this has its cents spoken after the currency
ARTICLES = frozenset({"ein", "eine", "einen", "einem", "einer", "eines"})  # articles, and verb particles ("nahm … ein")
NEAR = 200  # characters back to the money whose currency a shared subunit ("Cent") takes
_CENTS_AFTER = re.compile(r"[ \t\u00a0]+(?:und[ \t\u00a0]+)?(?P<n>\d{1,2}|" + LETTER + r"+)(?!" + LETTER + r"|[\d'’]|[.,]\d)")


def subunit_money(text: str, fig: Figure, q: int, r: FigureRules) -> bool:
    """Make `fig` money when a subunit stands at `q` ("85 Cent"); its value in the main unit."""
    found = r.subunit_re
    m = found[0].match(text, q) if found else None
    if m is None or fig.value is None and fig.low is None:
        return False
    spec = found[1][m.group("sub")]
    factor = float(spec["factor"])
    fig.label, fig.currency, fig.rule, fig.end = "MONEY", spec["currencies"][0], "money_subunit", m.end()
    fig.value = None if fig.value is None else round(fig.value * factor, 10)
    if fig.low is not None:
        fig.low, fig.high = round(fig.low * factor, 10), round(fig.high * factor, 10)
    return True


def settle_subunits(text: str, figures: list[Figure], r: FigureRules) -> list[Figure]:
    """Give a shared subunit the currency of money just before it in the sentence, then join a
    main amount and the cents after it into one figure. `figures` in text order."""
    found = r.subunit_re
    if found is None:
        return figures
    rx, table = found
    last: Figure | None = None
    for fig in figures:
        if fig.label != "MONEY":
            continue
        if fig.rule == "money_subunit" and last is not None and fig.start - last.end < NEAR \
                and sentence_start(text, fig.start) <= last.start:
            sub = rx.search(text, fig.start, fig.end)
            if sub and last.currency in table[sub.group("sub")]["currencies"]:
                fig.currency = last.currency
        elif fig.rule != "money_subunit":
            last = fig
    out: list[Figure] = []
    skip: set[int] = set()
    for k, fig in enumerate(figures):
        if k in skip:
            continue
        if fig.label == "MONEY" and fig.value is not None and fig.rule in ("money_after",) and fig.value == int(fig.value):
            if _join_cents(text, fig, figures[k + 1] if k + 1 < len(figures) else None, r, table) == "next":
                skip.add(k + 1)
        out.append(fig)
    return out


def _join_cents(text: str, fig: Figure, nxt: Figure | None, r: FigureRules, table: dict) -> str | None:
    """ "zwölf Dollar und fünfzig Cent" (the next figure), "3 Euro 20" (a bare number)."""
    if nxt is not None and nxt.rule == "money_subunit" and nxt.currency == fig.currency and nxt.value is not None \
            and re.fullmatch(r"[ \t\u00a0]+(?:und[ \t\u00a0]+)?", text[fig.end:nxt.start]) and nxt.value < 1:
        fig.value, fig.end = round(fig.value + nxt.value, 10), nxt.end
        return "next"
    if nxt is not None and nxt.start < fig.end + 12:
        return None  # another figure right after: "3 Euro 20 Prozent" is no price
    m = _CENTS_AFTER.match(text, fig.end)
    if m is None or not any(fig.currency in spec["currencies"] for spec in table.values()):
        return None
    n = m.group("n")
    if fig.value >= PRICE_WITH_CENTS or n.lower() in ARTICLES:
        return None  # "600 Millionen Euro ein(geworben)": no cents after a large sum, "ein" is no number here
    cents = float(n) if n.isdigit() else parse_number_word(n, r.numbers)
    if cents is None or not 0 < cents < 100 or cents != int(cents) or (n.isdigit() and "und" in m.group(0)):
        return None
    after = text[m.end():m.end() + 2]
    if after[:1].isspace() and after[1:2].isupper():
        return None  # "für 3 Euro 20 Mitarbeiter": the number counts something
    fig.value, fig.end = round(fig.value + cents / 100, 10), m.end()
    return "bare"


TABLE_GAP = re.compile(r"\|| {3,}|\t")  # another cell of a table: its unit is the column's


def carry_currency(text: str, figures: list[Figure], scale_re: re.Pattern,
                   unit_between: Callable[[int, int], str | None] = lambda a, b: None) -> None:
    """ "zehn Milliarden Dollar …, die Bewertung könnte auf 75 Milliarden steigen": an amount
    with a scale word but no noun, after money in the same sentence, is money too ("eine
    Tranche über 10 Milliarden Dollar, 7,5 Milliarden davon von Softbank"), also where a noun
    before the money named a unit ("Nach Regionen kamen 6,06 Milliarden Dollar aus Amerika,
    2,51 Milliarden aus Europa"): the money is nearer. `unit_between(a, b)`: the unit a noun
    in text[a:b] names for a count at b."""
    last_money: Figure | None = None
    for fig in figures:
        if fig.label == "MONEY":
            last_money = fig
            continue
        if not (fig.label == "COUNT" and last_money) or last_money.start < fig.start - 2 * (SENTENCE_BACK + 1):
            continue  # (money further back than the sentence before is none of this one's: both looks below are bounded)
        bare = fig.rule == "count_scaled" and (fig.unit is None or unit_between(last_money.end, fig.start) is None)
        if (not TABLE_GAP.search(text, last_money.end, fig.start) and (
                sentence_start(text, fig.start) < last_money.end  # (a start found inside "Mrd. Dollar" is none)
                or bare and fig.unit is None and "\n\n" not in text[last_money.end:fig.start]
                and sentence_start(text, max(0, sentence_start(text, fig.start) - 2)) <= last_money.start)
              and (bare
                   or fig.rule in ("count_elliptic", "count_of_them") and scale_re.search(text, fig.start, fig.end))):
            # also the sentence after: "… 13,5 Milliarden Dollar in Aussicht. Analysten hatten mit 14,4 Milliarden gerechnet."
            fig.label, fig.currency, fig.unit, fig.rule = "MONEY", last_money.currency, None, "money_elliptic"


def point_price(text: str, start: int, end: int, r: FigureRules) -> bool:
    """A decimal point before two digits right beside a currency ("Fr. 8.10", "CHF 12.90",
    "12.45 Franken"): a price written the Swiss way, not a version or a time."""
    if not POINT_CENTS.fullmatch(text, start, end):
        return False
    if r.currency_after[0].match(text, skip_spaces(text, end)):
        return True
    return bool(r.currency_before[0].search(text[max(0, start - 8):start]))
