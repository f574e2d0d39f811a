"""Periods named against an earlier date of the passage (dates.py): "stieg im dritten Quartal
2024 auf 357 Mio., nach 349 Mio. im Vorjahresquartal" (2023-Q3), "nach 1,6 Mrd. im Jahr davor",
"nach 180,4 Mio. ein Jahr zuvor" (the first nine months of the year before). The phrases and
their shifts are rules (`compared_periods`); the anchor is the last date before the phrase in
its paragraph that names a period (a year, quarter, half, months, a fiscal period; a month for
a phrase of the same grain), near the publication when it is known. Without one, a phrase is no
date (its period is unknown), and "Vorjahr" keeps the year before publication. Pure, no spaCy."""
from __future__ import annotations

import bisect
import re

from quellenlage.figure import Figure
from quellenlage.patterns import words_re
from quellenlage.textutil import sentence_start

REACH = 400  # characters back a phrase looks for the period it is compared with
PERIOD = re.compile(r"(?P<fy>FY)?(?P<y>\d{4})(?:-(?P<qh>[QH])(?P<n>[1-4])|(?P<span>-(?P<m1>\d\d)/(?P<y2>\d{4})-(?P<m2>\d\d)))?")
COMPARED_WITH = re.compile(r"(?:\d(?:[^!?;:.\n]|(?:(?<=Mill)|(?<=Mrd|Mio|Tsd))\.|\.(?!\s))*|(?<![\w-])(?:als|gegenüber|zum|zur))\s+(?:(?:dem|im|am)\s+)?$")  # "nach 33,5 Mill. Euro im ", "mehr als im "
MONTH = re.compile(r"(?P<y>\d{4})-(?P<m>\d\d)")


def shifted(value: str, years: int, quarters: int, grain: str, month_ok: bool) -> str | None:
    """The period `value` names, moved by years and quarters, at the phrase's grain."""
    m = PERIOD.fullmatch(value)
    if m is None:
        mm = MONTH.fullmatch(value) if month_ok and not quarters else None
        return f"{int(mm['y']) + years}-{mm['m']}" if mm else None
    fy, y = m["fy"] or "", int(m["y"]) + years
    if grain == "year":
        return f"{fy}{y}" if not quarters else None
    if m["qh"]:
        if m["qh"] == "H" and quarters:
            return None
        n = int(m["n"])
        if quarters:
            k = (y * 4 + n - 1) + quarters
            y, n = divmod(k, 4)
            n += 1
        return f"{fy}{y}-{m['qh']}{n}"
    if m["span"]:
        if quarters:
            return None
        y1, y2 = int(m["y"]) + years, int(m["y2"]) + years
        if y1 == y2 and int(m["m2"]) - int(m["m1"]) == 2 and int(m["m1"]) % 3 == 1:
            return f"{y1}-Q{int(m['m1']) // 3 + 1}"  # a calendar quarter by its name
        return f"{y1}-{m['m1']}/{y2}-{m['m2']}"
    return f"{fy}{y}" if not quarters else None


def compared_periods(text: str, dates: list[Figure], cfg: dict, published: str | None) -> list[Figure]:
    """`dates` (sorted) with the compared phrases as dates of the period before their anchor; a
    "Vorjahr" already found takes its anchor's year before."""
    phrases = {k.lower(): v for k, v in (cfg.get("compared_periods") or {}).items()}
    if not phrases:
        return dates
    pub_year = int(published[:4]) if published else None
    found = list(words_re(sorted(phrases, key=len, reverse=True)).finditer(text))
    spans = {m.span() for m in found}
    # (a compared phrase is no anchor of another: "nach 1,8 Mrd. im Vorjahr … im Vorjahreszeitraum")
    anchors = [d for d in dates if d.date_value and not d.date_relation and (d.start, d.end) not in spans]
    by_span = {(d.start, d.end): d for d in dates}
    # (by bisection over the sorted starts: the work stays linear in the text, however many dates and phrases)
    date_starts, anchor_starts = [d.start for d in dates], [d.start for d in anchors]
    out = list(dates)
    # The period the article reports on: the first year, fiscal year, half or quarter it names of this
    # year or the one before. A year's phrase that compares a figure, with no period of its own sentence,
    # is the year before it ("nach einem Überschuss von 33,5 Mio. im Jahr zuvor", "7,8 Prozent mehr als im
    # Jahr davor" in an article on the year 2024); one that tells news stays the year before publication
    # ("Erst im Vorjahr hatte Fastly Signal Sciences gekauft").
    reported = next((d for d in anchors if PERIOD.fullmatch(d.date_value) and pub_year is not None
                     and pub_year - 1 <= int(PERIOD.fullmatch(d.date_value)["y"]) <= pub_year), None)
    for m in found:
        rule = phrases[m.group(0).lower()]
        own = by_span.get(m.span())
        k = bisect.bisect_left(date_starts, m.end())
        if own is None and any(d.end > m.start() for d in dates[max(0, k - 3):k]):
            continue  # inside another date (dates do not overlap: only the last few before its end can)
        # (a year's phrase only in its own sentence: "setzte 2020 rund 291 Mrd. um. Erst im Vorjahr hatte …" is
        # the year before publication, told as news; the others in their paragraph: "Im Vorjahresquartal waren es …")
        floor = sentence_start(text, m.start()) if rule.get("grain") == "year" else m.start() - REACH
        window = anchors[bisect.bisect_left(anchor_starts, max(floor, m.start() - REACH)):bisect.bisect_left(anchor_starts, m.start())]
        before = [d for d in window if d.end <= m.start() and d is not own and "\n\n" not in text[d.end:m.start()]]
        for d in reversed(before):
            y = re.match(r"(?:FY)?(\d{4})", d.date_value)
            if pub_year is not None and y and not pub_year - 3 <= int(y.group(1)) <= pub_year + 1:
                continue  # a year of history ("1899 gegründet") is no period compared with
            value = shifted(d.date_value, rule.get("years", 0), rule.get("quarters", 0), rule.get("grain", "same"),
                            month_ok=rule.get("grain", "same") == "same")
            if value is None:
                continue
            _place(out, own, m, value)
            break
        else:
            if rule.get("grain") == "year" and reported is not None and reported.end <= m.start() and reported is not own \
                    and COMPARED_WITH.search(text, max(0, m.start() - 60), m.start()):
                # (the last period of this or next year named before in the paragraph, else the article's:
                # "Für 2025 rechnet X mit … Die Marge soll bei 43 Prozent liegen, nach 44 Prozent im Vorjahr")
                near = [d for d in anchors[bisect.bisect_left(anchor_starts, m.start() - REACH):bisect.bisect_left(anchor_starts, m.start())]
                        if d.end <= m.start() and d is not own and "\n\n" not in text[d.end:m.start()] and PERIOD.fullmatch(d.date_value)
                        and pub_year is not None and pub_year <= int(PERIOD.fullmatch(d.date_value)["y"]) <= pub_year + 1]
                base = near[-1] if near else reported
                value = shifted(base.date_value, rule.get("years", 0), rule.get("quarters", 0), "year", month_ok=False)
                if value is not None:
                    _place(out, own, m, value)
    out.sort(key=lambda f: (f.start, f.end))
    return out


def _place(out: list[Figure], own: Figure | None, m: re.Match, value: str) -> None:
    if own is not None:
        own.date_value = value
    else:
        out.append(Figure(m.start(), m.end(), "DATE", rule="date_compared", date_value=value))
